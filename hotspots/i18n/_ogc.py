"""Messages of OGC API - Features (``/ogc``) and the hotspot analysis API."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- OGC API - Features: the landing page and the collections
    "ogc.title": {
        "sv": "hotspots: OGC API - Features",
        "en": "hotspots: OGC API - Features",
    },
    "ogc.description": {
        "sv": "Händelser, observationer från trygghetsvandringar, åtgärder och de senaste "
        "hotspot-lagren som OGC API - Features (GeoJSON, WGS84 lon/lat) för QGIS och GDAL",
        "en": "Incidents, safety walk observations, measures and the latest hotspot layers "
        "as OGC API - Features (GeoJSON, WGS84 lon/lat) for QGIS and GDAL",
    },
    "ogc.incidents.title": {"sv": "Händelser", "en": "Incidents"},
    "ogc.incidents.description": {
        "sv": "Rapporterade händelser som punkter, med kategori, tid och precision "
        "(bara för analytiker)",
        "en": "Reported incidents as points, with category, time and precision (analysts only)",
    },
    "ogc.observations.title": {
        "sv": "Observationer från trygghetsvandringar",
        "en": "Safety walk observations",
    },
    "ogc.observations.description": {
        "sv": "Det som noterats på trygghetsvandringar (belysning, skymd sikt, klotter ...) "
        "med status",
        "en": "What was noted on safety walks (lighting, blocked sight lines, graffiti ...) "
        "with its status",
    },
    "ogc.measures.title": {"sv": "Åtgärder", "en": "Measures"},
    "ogc.measures.description": {
        "sv": "Föreslagna, planerade och genomförda åtgärder med status och datum",
        "en": "Suggested, planned and completed measures with status and dates",
    },
    "ogc.dbscan.title": {
        "sv": "Hotspots (DBSCAN), senaste analysen",
        "en": "Hotspots (DBSCAN), latest analysis",
    },
    "ogc.gistar.title": {
        "sv": "Heta och kalla punkter (Gi*), senaste analysen",
        "en": "Hot and cold spots (Gi*), latest analysis",
    },
    "ogc.hotspots.description": {
        "sv": "Ytorna från den sparade analysen {run} ({method}, {window}); för din roll "
        "visas inte ytor med färre än {k} händelser ({hidden} st)",
        "en": "The areas of stored analysis {run} ({method}, {window}); areas with fewer "
        "than {k} incidents are not shown to your role ({hidden} left out)",
    },
    "ogc.hotspots.description_full": {
        "sv": "Ytorna från den sparade analysen {run} ({method}, {window})",
        "en": "The areas of stored analysis {run} ({method}, {window})",
    },
    "ogc.hotspots.no_run": {
        "sv": "Ingen sparad analys med metoden {method} än: kör en analys först "
        "(hotspots detect eller POST /api/v1/hotspots/runs)",
        "en": "No stored analysis with the method {method} yet: run one first "
        "(hotspots detect or POST /api/v1/hotspots/runs)",
    },
    "ogc.window.open": {"sv": "hela tiden", "en": "all time"},
    # -- OGC API - Features: bad requests (400) and what was not found (404)
    "ogc.unknown_param": {
        "sv": "frågeparametern {name!r} finns inte här: tillåtna är {allowed}",
        "en": "the query parameter {name!r} does not exist here: allowed are {allowed}",
    },
    "ogc.repeated_param": {
        "sv": "frågeparametern {name!r} får bara anges en gång",
        "en": "the query parameter {name!r} may be given only once",
    },
    "ogc.bad_f": {
        "sv": "f={value!r} stöds inte: det här API:t svarar med json ({allowed})",
        "en": "f={value!r} is not supported: this API answers in json ({allowed})",
    },
    "ogc.bad_bbox": {
        "sv": "bbox={value!r} är ingen ruta: skriv minLon,minLat,maxLon,maxLat i grader "
        "(CRS84), t.ex. 13.51,55.92,13.57,55.95",
        "en": "bbox={value!r} is not a box: write minLon,minLat,maxLon,maxLat in degrees "
        "(CRS84), e.g. 13.51,55.92,13.57,55.95",
    },
    "ogc.bad_crs": {
        "sv": "{name}={value!r} stöds inte: bara {crs}",
        "en": "{name}={value!r} is not supported: only {crs}",
    },
    "ogc.bad_datetime": {
        "sv": "datetime={value!r} är ingen tidpunkt eller intervall: skriv t.ex. "
        "2026-11-16T08:00:00Z, 2026-11-01/2026-11-30, ../2026-11-30 eller 2026-11-01/..",
        "en": "datetime={value!r} is not an instant or interval: write e.g. "
        "2026-11-16T08:00:00Z, 2026-11-01/2026-11-30, ../2026-11-30 or 2026-11-01/..",
    },
    "ogc.datetime_order": {
        "sv": "datetime={value!r}: intervallets början ligger efter dess slut",
        "en": "datetime={value!r}: the interval starts after it ends",
    },
    "ogc.bad_limit": {
        "sv": "limit={value!r} måste vara ett heltal från 1 (högst {max} används)",
        "en": "limit={value!r} must be a whole number from 1 (at most {max} are used)",
    },
    "ogc.bad_offset": {
        "sv": "offset={value!r} måste vara ett heltal från 0",
        "en": "offset={value!r} must be a whole number from 0",
    },
    "ogc.no_collection": {
        "sv": "samlingen {id!r} finns inte: välj en av {known}",
        "en": "the collection {id!r} does not exist: choose one of {known}",
    },
    "ogc.no_feature": {
        "sv": "objektet {id!r} finns inte i samlingen {collection!r}",
        "en": "the feature {id!r} does not exist in the collection {collection!r}",
    },
    # -- the hotspot analysis API (/api/v1/hotspots, /api/v1/focus)
    "hsapi.unknown_param": {
        "sv": "params.{name}: metoden {method} har ingen sådan parameter; tillåtna är {allowed}",
        "en": "params.{name}: the method {method} has no such parameter; allowed are {allowed}",
    },
    "hsapi.param_not_here": {
        "sv": "params.{name} kan inte anges här: tidsfönstret anges med from/to och "
        "området med bbox",
        "en": "params.{name} cannot be given here: the time window is set with from/to and "
        "the area with bbox",
    },
    "hsapi.bad_param": {
        "sv": "params: {reason}",
        "en": "params: {reason}",
    },
    "hsapi.bad_categories": {
        "sv": "categories: {codes} finns inte i katalogen; kända koder är {known}",
        "en": "categories: {codes} are not in the catalogue; known codes are {known}",
    },
    "hsapi.bad_bbox": {
        "sv": "bbox: {value} är ingen ruta: ge [minLon, minLat, maxLon, maxLat] i grader, "
        "t.ex. [13.51, 55.92, 13.57, 55.95]",
        "en": "bbox: {value} is not a box: give [minLon, minLat, maxLon, maxLat] in degrees, "
        "e.g. [13.51, 55.92, 13.57, 55.95]",
    },
    "hsapi.window_order": {
        "sv": "from ({start}) ligger efter to ({end})",
        "en": "from ({start}) is after to ({end})",
    },
    "hsapi.week_and_days": {
        "sv": "ange antingen week eller from/to, inte båda",
        "en": "give either week or from/to, not both",
    },
    "hsapi.bad_week": {
        "sv": "week: {value!r} är ingen ISO-vecka: skriv t.ex. 2026-W47",
        "en": "week: {value!r} is not an ISO week: write e.g. 2026-W47",
    },
}
