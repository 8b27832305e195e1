"""Messages of the maps (``maps/``): layer names, legends, popups."""

MESSAGES: dict[str, dict[str, str]] = {
    "map.title": {"sv": "Brottskarta: {start} – {end}", "en": "Hotspot map: {start} – {end}"},
    "map.layer.density": {"sv": "Täthet (kärnskattning)", "en": "Density (kernel estimate)"},
    "map.layer.dbscan": {"sv": "Hotspots (DBSCAN)", "en": "Hotspots (DBSCAN)"},
    "map.layer.gistar": {"sv": "Heta och kalla celler (Gi*)", "en": "Hot and cold cells (Gi*)"},
    "map.layer.observations": {
        "sv": "Trygghetsvandringar: iakttagelser",
        "en": "Safety walks: observations",
    },
    "map.layer.emerging": {
        "sv": "Framväxande hotspots (vecka för vecka)",
        "en": "Emerging hotspots (week by week)",
    },
    "map.popup.hot_steps": {"sv": "veckor som het punkt", "en": "weeks as a hot spot"},
    "map.layer.boundary": {"sv": "Kommungräns", "en": "Municipal boundary"},
    "map.legend.per_km2": {"sv": "händelser per km²", "en": "incidents per km²"},
    "map.legend.empty": {"sv": "Inga händelser", "en": "No incidents"},
    "map.legend.dbscan": {"sv": "Område med tät förekomst", "en": "Area of dense occurrence"},
    "map.legend.obs_cells": {"sv": "Antal iakttagelser per ruta", "en": "Observations per cell"},
    "map.popup.hotspot": {"sv": "Hotspot {n}", "en": "Hotspot {n}"},
    "map.popup.count": {"sv": "Antal", "en": "Count"},
    "map.popup.n_incidents": {
        "sv": "{n} händelser",
        "en": "{n} incidents",
        "sv_one": "{n} händelse",
        "en_one": "{n} incident",
    },
    "map.popup.n_observations": {
        "sv": "{n} iakttagelser",
        "en": "{n} observations",
        "sv_one": "{n} iakttagelse",
        "en_one": "{n} observation",
    },
    "map.popup.top_categories": {"sv": "Vanligast", "en": "Top categories"},
    "map.popup.period": {"sv": "Första – senaste", "en": "First – last"},
    "map.popup.peak_hours": {"sv": "Vanligaste timmar", "en": "Peak hours"},
    "map.popup.date": {"sv": "Tid", "en": "Time"},
    "map.popup.note": {"sv": "Beskrivning", "en": "Description"},
    "map.layer.weeks": {"sv": "Täthet vecka för vecka", "en": "Density week by week"},
    "map.layer.measures": {"sv": "Åtgärder", "en": "Measures"},
    "map.week.label": {"sv": "v. {week}", "en": "wk {week}"},
    "map.legend.per_km2_week": {
        "sv": "händelser per km² och vecka",
        "en": "incidents per km² per week",
    },
    "map.legend.week_hint": {
        "sv": "Välj vecka med reglaget; samma färgskala för alla veckor",
        "en": "Pick the week with the slider; one colour scale for all weeks",
    },
    "map.legend.suppressed": {
        "sv": "{n} dolda: färre än {k} händelser",
        "sv_one": "{n} dold: färre än {k} händelser",
        "en": "{n} hidden: fewer than {k} incidents",
        "en_one": "{n} hidden: fewer than {k} incidents",
    },
    "map.legend.suppressed_density": {
        "sv": "{n} rutor dolda: färre än {k} händelser inom {radius} m",
        "sv_one": "{n} ruta dold: färre än {k} händelser inom {radius} m",
        "en": "{n} cells hidden: fewer than {k} incidents within {radius} m",
        "en_one": "{n} cell hidden: fewer than {k} incidents within {radius} m",
    },
    "map.legend.measures_unplaced": {
        "sv": "{n} åtgärder utan plats visas inte",
        "sv_one": "{n} åtgärd utan plats visas inte",
        "en": "{n} measures without a place are not shown",
        "en_one": "{n} measure without a place is not shown",
    },
    "map.status.proposed": {"sv": "Föreslagen", "en": "Proposed"},
    "map.status.planned": {"sv": "Planerad", "en": "Planned"},
    "map.status.ongoing": {"sv": "Pågående", "en": "In progress"},
    "map.status.done": {"sv": "Genomförd", "en": "Completed"},
    "map.status.ended": {"sv": "Avslutad", "en": "Ended"},
    "map.popup.measure_title": {"sv": "Rubrik", "en": "Title"},
    "map.popup.status": {"sv": "Status", "en": "Status"},
    "map.popup.decided": {"sv": "Beslutad", "en": "Decided"},
    "map.popup.starts": {"sv": "Placerad/start", "en": "Placed/starts"},
    "map.popup.ends": {"sv": "Slut", "en": "Ends"},
    "map.popup.radius": {"sv": "Radie", "en": "Radius"},
    "map.bad_role": {
        "sv": "Okänd roll {role!r}: välj en av {known}",
        "en": "Unknown role {role!r}: choose one of {known}",
    },
    "map.bad_weeks_back": {
        "sv": "Antal veckor bakåt måste vara ett heltal 0–52, inte {value!r}",
        "en": "Weeks back must be a whole number 0–52, not {value!r}",
    },
    "map.bad_basemap": {
        "sv": "Bakgrundskartan {value!r} är varken 'osm', 'none' eller en http(s)-adress med "
        "{{z}}, {{x}} och {{y}} (eller {{TileMatrix}}, {{TileCol}}, {{TileRow}}).",
        "en": "The background map {value!r} is neither 'osm', 'none' nor an http(s) URL with "
        "{{z}}, {{x}} and {{y}} (or {{TileMatrix}}, {{TileCol}}, {{TileRow}}).",
    },
    "map.written": {
        "sv": "Kartan skriven till {path} ({size} kB)",
        "en": "Map written to {path} ({size} kB)",
    },
}
