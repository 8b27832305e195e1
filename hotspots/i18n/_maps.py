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
