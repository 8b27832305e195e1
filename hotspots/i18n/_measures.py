"""Messages of the measures commands and pages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- validation of a measure (hotspots.store.Store.add_measure)
    "measures.bad_type": {
        "sv": "åtgärdstyp (measure) {value!r} finns inte i katalogen: välj en av {allowed}",
        "en": "measure type (measure) {value!r} is not in the catalogue: choose one of {allowed}",
    },
    "measures.bad_status": {
        "sv": "status {value!r} finns inte för en åtgärd: tillåtna värden är {allowed}",
        "en": "status {value!r} does not exist for a measure: allowed values are {allowed}",
    },
    "measures.title_empty": {
        "sv": "titeln (title) får inte vara tom: fick {value!r}",
        "en": "the title (title) must not be empty: got {value!r}",
    },
    "measures.lonlat_pair": {
        "sv": "ange både lon och lat eller ingen av dem: fick lon={lon}, lat={lat}",
        "en": "give both lon and lat or neither: got lon={lon}, lat={lat}",
    },
    "measures.lon_range": {
        "sv": "longituden (lon) {value} ligger utanför -180 … 180 (WGS84 i grader)",
        "en": "the longitude (lon) {value} is outside -180 … 180 (WGS84 degrees)",
    },
    "measures.lat_range": {
        "sv": "latituden (lat) {value} ligger utanför -90 … 90 (WGS84 i grader)",
        "en": "the latitude (lat) {value} is outside -90 … 90 (WGS84 degrees)",
    },
    "measures.no_place": {
        "sv": "åtgärden saknar plats: ange en punkt (lon och lat) eller ett område "
        "(area_geojson, en GeoJSON-polygon)",
        "en": "the measure has no place: give a point (lon and lat) or an area "
        "(area_geojson, a GeoJSON polygon)",
    },
    "measures.radius": {
        "sv": "radien (radius_m) måste vara större än 0 meter: fick {value}",
        "en": "the radius (radius_m) must be greater than 0 metres: got {value}",
    },
    "measures.radius_without_point": {
        "sv": "radien (radius_m) {value} gäller en punkt: ange också lon och lat",
        "en": "the radius (radius_m) {value} belongs to a point: give lon and lat too",
    },
    "measures.cost": {
        "sv": "kostnaden (cost_sek) måste vara ett tal, 0 eller mer: fick {value}",
        "en": "the cost (cost_sek) must be a number, 0 or more: got {value}",
    },
    "measures.ends_before_starts": {
        "sv": "slutdatum (ends_on) {ends} ligger före startdatum (starts_on) {starts}",
        "en": "the end (ends_on) {ends} is before the start (starts_on) {starts}",
    },
    "measures.naive_time": {
        "sv": "tidpunkten {field}={value} saknar tidszon: ange en tidszon (t.ex. UTC)",
        "en": "the time {field}={value} has no time zone: give one (e.g. UTC)",
    },
    "measures.bad_time": {
        "sv": "{field} {value!r} är ingen tidpunkt",
        "en": "{field} {value!r} is not a point in time",
    },
    "measures.area_type": {
        "sv": "området (area_geojson) måste vara en GeoJSON-polygon eller -multipolygon "
        "(geometri, Feature eller FeatureCollection): fick {value}",
        "en": "the area (area_geojson) must be a GeoJSON Polygon or MultiPolygon "
        "(geometry, Feature or FeatureCollection): got {value}",
    },
    "measures.area_invalid": {
        "sv": "området (area_geojson) är ingen giltig polygon: {detail}",
        "en": "the area (area_geojson) is not a valid polygon: {detail}",
    },
    "measures.area_not_lonlat": {
        "sv": "området (area_geojson) har koordinater utanför lon -180 … 180, lat -90 … 90 "
        "(gränser {bounds}): GeoJSON ska vara WGS84 lon/lat, inte meter (SWEREF 99)",
        "en": "the area (area_geojson) has coordinates outside lon -180 … 180, lat -90 … 90 "
        "(bounds {bounds}): GeoJSON must be WGS84 lon/lat, not metres (SWEREF 99)",
    },
    "measures.area_file": {
        "sv": "{file}: går inte att läsa som GeoJSON: {detail}",
        "en": "{file}: cannot be read as GeoJSON: {detail}",
    },
    "measures.bad_bbox": {
        "sv": "utsnittet (bbox) {value!r} ska vara fyra tal: väst, syd, öst, nord",
        "en": "the box (bbox) {value!r} must be four numbers: west, south, east, north",
    },
    "measures.not_found": {"sv": "ingen åtgärd med id {id}", "en": "no measure with id {id}"},
    # -- status changes (Store.set_status, status_changes, status_history)
    "status.bad_kind": {
        "sv": "posttyp {value!r} saknar status: ange 'observation' eller 'measure'",
        "en": "record kind {value!r} has no status: use 'observation' or 'measure'",
    },
    "observations.bad_status": {
        "sv": "status {value!r} finns inte för en observation: tillåtna värden är {allowed}",
        "en": "status {value!r} does not exist for an observation: allowed values are {allowed}",
    },
    "observations.not_found": {
        "sv": "ingen observation med id {id}",
        "en": "no observation with id {id}",
    },
    "observations.ambiguous_id": {
        "sv": "observations-id {value!r} finns i flera källor ({sources}): ange det numeriska id:t",
        "en": "observation id {value!r} exists in several sources ({sources}): give the numeric id",
    },
    # -- status words as shown to a user (stored values are the Swedish words)
    "status.ny": {"sv": "ny", "en": "new"},
    "status.rapporterad": {"sv": "rapporterad", "en": "reported"},
    "status.atgardad": {"sv": "åtgärdad", "en": "fixed"},
    "status.avslutad": {"sv": "avslutad", "en": "closed"},
    "status.foreslagen": {"sv": "föreslagen", "en": "proposed"},
    "status.planerad": {"sv": "planerad", "en": "planned"},
    "status.pagaende": {"sv": "pågående", "en": "in progress"},
    "status.genomford": {"sv": "genomförd", "en": "done"},
    # -- hotspots measures / hotspots observations
    "measures.added": {"sv": "åtgärd {id} sparad: {title}", "en": "measure {id} saved: {title}"},
    "measures.none": {"sv": "inga åtgärder", "en": "no measures"},
    "measures.title": {
        "sv": "Åtgärder ({n})",
        "en": "Measures ({n})",
    },
    "measures.col_id": {"sv": "id", "en": "id"},
    "measures.col_type": {"sv": "åtgärd", "en": "measure"},
    "measures.col_title": {"sv": "titel", "en": "title"},
    "measures.col_status": {"sv": "status", "en": "status"},
    "measures.col_since": {"sv": "sedan", "en": "since"},
    "measures.col_decided": {"sv": "beslutad", "en": "decided"},
    "measures.col_placed": {"sv": "på plats", "en": "placed"},
    "measures.col_until": {"sv": "till", "en": "until"},
    "measures.col_cost": {"sv": "kostnad (kr)", "en": "cost (SEK)"},
    "measures.col_place": {"sv": "plats", "en": "place"},
    "measures.place_area": {"sv": "område", "en": "area"},
    "measures.status_set": {
        "sv": "{kind} {id}: status {status} från {at}",
        "en": "{kind} {id}: status {status} from {at}",
    },
    "measures.status_not_current": {
        "sv": "obs: en senare ändring finns (status {status} från {at}): den gäller fortfarande",
        "en": "note: a later change exists (status {status} from {at}): it still holds",
    },
    "measures.kind_measure": {"sv": "åtgärd", "en": "measure"},
    "measures.kind_observation": {"sv": "observation", "en": "observation"},
    # -- links of a measure (hotspots.store.links)
    "links.bad_kind": {
        "sv": "länktyp (kind) {value!r} finns inte: tillåtna värden är {allowed}",
        "en": "link kind (kind) {value!r} does not exist: allowed values are {allowed}",
    },
    "links.bad_id": {
        "sv": "{field} {value!r} är inget heltal",
        "en": "{field} {value!r} is not a whole number",
    },
    "links.gone": {"sv": "(borttagen)", "en": "(deleted)"},
    "links.linked": {
        "sv": "åtgärd {id}: länkad till {kind} {ref_id}",
        "en": "measure {id}: linked to {kind} {ref_id}",
    },
    "links.already": {
        "sv": "åtgärd {id}: redan länkad till {kind} {ref_id}",
        "en": "measure {id}: already linked to {kind} {ref_id}",
    },
    "links.unlinked": {
        "sv": "åtgärd {id}: länken till {kind} {ref_id} borttagen",
        "en": "measure {id}: the link to {kind} {ref_id} removed",
    },
    "links.no_such_link": {
        "sv": "åtgärd {id} har ingen länk till {kind} {ref_id}",
        "en": "measure {id} has no link to {kind} {ref_id}",
    },
    "links.one_target": {
        "sv": "ange precis en av --observation och --run",
        "en": "give exactly one of --observation and --run",
    },
    "links.kind_observation": {"sv": "observation", "en": "observation"},
    "links.kind_run": {"sv": "analys", "en": "analysis"},
    "links.none": {"sv": "inga länkar", "en": "no links"},
    "links.heading": {"sv": "Länkar ({n})", "en": "Links ({n})"},
    "measures.history_heading": {"sv": "Statushistorik", "en": "Status history"},
    "measures.show_head": {
        "sv": "åtgärd {id}: {title} ({type}, {status})",
        "en": "measure {id}: {title} ({type}, {status})",
    },
    "measures.show_place": {"sv": "plats: {place}", "en": "place: {place}"},
    "measures.show_dates": {
        "sv": "beslutad {decided}, på plats {placed}, till {until}",
        "en": "decided {decided}, placed {placed}, until {until}",
    },
    "measures.show_cost": {"sv": "kostnad: {cost} kr", "en": "cost: {cost} SEK"},
    "report.col.linked_observations": {"sv": "Observationer", "en": "Observations"},
    # -- demo
    "demo.measures_file": {
        "sv": "{file}: rad {line}: {detail}",
        "en": "{file}: line {line}: {detail}",
    },
    "demo.extra_fields": {
        "sv": "fler fält än rubriken har ({value!r}): ett ';' i texten?",
        "en": "more fields than the header has ({value!r}): a ';' in the text?",
    },
    "demo.unknown_reference": {
        "sv": "okänd {kind} {value!r}",
        "en": "unknown {kind} {value!r}",
    },
}
