"""Messages of kernel density hotspots (``hotspots.detect.kde``)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "kde.unknown_kernel": {
        "sv": "okänd kärna {kernel!r}: välj en av {known}",
        "en": "unknown kernel {kernel!r}: choose one of {known}",
    },
    "kde.bad_bandwidth": {
        "sv": "bandbredden ska vara ett positivt antal meter, inte {value!r}",
        "en": "the bandwidth must be a positive number of metres, not {value!r}",
    },
    "kde.bad_cell_size": {
        "sv": "cellstorleken ska vara ett positivt antal meter, inte {value!r}",
        "en": "the cell size must be a positive number of metres, not {value!r}",
    },
    "kde.bandwidth_too_large": {
        "sv": "bandbredden {bandwidth:g} m är över {limit:g} km: en hotspotkarta behöver "
        "en lokal kärna (vanligen 100-500 m); är enheten meter?",
        "en": "a bandwidth of {bandwidth:g} m is over {limit:g} km: a hotspot map needs a "
        "local kernel (typically 100-500 m); is the unit metres?",
    },
    "kde.bandwidth_below_cell": {
        "sv": "bandbredden {bandwidth:g} m är mindre än halva cellstorleken ({cell_size:g} m): "
        "kärnan hamnar mellan cellernas mittpunkter; välj mindre celler eller större bandbredd",
        "en": "a bandwidth of {bandwidth:g} m is less than half the cell size "
        "({cell_size:g} m): the kernel would fall between the cell centres; use smaller "
        "cells or a larger bandwidth",
    },
    "kde.kernel_too_wide": {
        "sv": "en kärna på {bandwidth:g} m över celler på {cell_size:g} m kräver {cells:,} "
        "celler i minnet: välj större celler",
        "en": "a kernel of {bandwidth:g} m over cells of {cell_size:g} m needs {cells:,} "
        "cells in memory: use larger cells",
    },
    "kde.xy_mismatch": {
        "sv": "x och y har olika längd ({nx} och {ny})",
        "en": "x and y differ in length ({nx} and {ny})",
    },
    "kde.coords_not_finite": {
        "sv": "några koordinater saknas eller är oändliga",
        "en": "some coordinates are missing or not finite",
    },
    "kde.bad_weights": {
        "sv": "vikterna ska vara {n} ändliga tal, inga negativa",
        "en": "the weights must be {n} finite numbers, none negative",
    },
    "kde.no_weights_column": {
        "sv": "kolumnen {name!r} med vikter finns inte bland punkterna",
        "en": "the points have no column {name!r} of weights",
    },
    "kde.grid_crs_mismatch": {
        "sv": "rutnätet är i {grid_crs} men punkterna i {crs}: projicera dem lika",
        "en": "the grid is in {grid_crs} but the points are in {crs}: project them alike",
    },
    "kde.top_percent_and_threshold": {
        "sv": "ange `top_percent` eller `threshold`, inte båda",
        "en": "give `top_percent` or `threshold`, not both",
    },
    "kde.bad_top_percent": {
        "sv": "`top_percent` ska vara en andel över 0 och högst 100, inte {value!r}",
        "en": "`top_percent` must be a share above 0 and at most 100, not {value!r}",
    },
    "kde.bad_threshold": {
        "sv": "`threshold` ska vara en täthet (per km²) på 0 eller mer, inte {value!r}",
        "en": "`threshold` must be a density (per km²) of 0 or more, not {value!r}",
    },
    "kde.bad_min_points": {
        "sv": "`min_points` ska vara ett heltal på 0 eller mer, inte {value!r}",
        "en": "`min_points` must be a whole number of 0 or more, not {value!r}",
    },
    "kde.bad_period": {
        "sv": "perioden ska vara ett positivt antal dagar, inte {value!r}",
        "en": "the period must be a positive number of days, not {value!r}",
    },
}
