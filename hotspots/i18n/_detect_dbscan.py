"""Messages of DBSCAN hotspots and of the hour x weekday profiles."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- DBSCAN parameters and input
    "dbscan.bad_eps": {
        "sv": "eps ska vara ett positivt antal meter, inte {value!r}",
        "en": "eps must be a positive number of metres, not {value!r}",
    },
    "dbscan.eps_too_large": {
        "sv": "eps {value:g} m är större än {limit:g} m: ett så stort område är ingen hotspot",
        "en": "eps {value:g} m is larger than {limit:g} m: an area that large is no hotspot",
    },
    "dbscan.eps_too_small": {
        "sv": "eps {value:g} är för litet för punkter utspridda över {extent:g} enheter",
        "en": "eps {value:g} is too small for points spread over {extent:g} units",
    },
    "dbscan.bad_min_samples": {
        "sv": "min_samples ska vara ett heltal från 1 och uppåt, inte {value!r}",
        "en": "min_samples must be a whole number of at least 1, not {value!r}",
    },
    "dbscan.bad_hull": {
        "sv": "okänd polygontyp {value!r}: välj {known}",
        "en": "unknown polygon kind {value!r}: choose {known}",
    },
    "dbscan.bad_ratio": {
        "sv": "concave_ratio ska ligga mellan 0 och 1, inte {value!r}",
        "en": "concave_ratio must lie between 0 and 1, not {value!r}",
    },
    "dbscan.bad_coordinates": {
        "sv": "koordinaterna ska vara en tabell med två kolumner (x, y) av ändliga tal",
        "en": "the coordinates must be an array of two columns (x, y) of finite numbers",
    },
    "dbscan.weights_length": {
        "sv": "sample_weight har {got} värden för {n} punkter",
        "en": "sample_weight has {got} values for {n} points",
    },
    "dbscan.weights_not_numbers": {
        "sv": "sample_weight ska vara en följd av tal, ett per punkt",
        "en": "sample_weight must be a sequence of numbers, one per point",
    },
    "dbscan.bad_weights": {
        "sv": "sample_weight ska vara ändliga tal som inte är negativa ({bad} värden är fel)",
        "en": "sample_weight must be finite, non-negative numbers ({bad} values are not)",
    },
    # -- hour x weekday profiles
    "profile.unknown_tz": {
        "sv": "okänd tidszon {tz!r} (t.ex. 'Europe/Stockholm')",
        "en": "unknown time zone {tz!r} (e.g. 'Europe/Stockholm')",
    },
    "profile.bad_max_window": {
        "sv": "max_window_hours ska vara ett positivt antal timmar, inte {value!r}",
        "en": "max_window_hours must be a positive number of hours, not {value!r}",
    },
    "profile.length_mismatch": {
        "sv": "{start} starttider men {end} sluttider eller grupper",
        "en": "{start} start times but {end} end times or groups",
    },
}
