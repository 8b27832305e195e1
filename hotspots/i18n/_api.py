"""Messages of the api area: the records API and the exports."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- query parameters and paging (api/routes/records_common.py, hotspots.store.records)
    "api.bad_limit": {
        "sv": "parametern limit måste vara 1 … {max}: fick {value!r}",
        "en": "the parameter limit must be 1 … {max}: got {value!r}",
    },
    "api.bad_offset": {
        "sv": "parametern offset måste vara 0 eller mer: fick {value!r}",
        "en": "the parameter offset must be 0 or more: got {value!r}",
    },
    "api.bad_time": {
        "sv": "parametern {param}: {value!r} går inte att läsa som dag (ÅÅÅÅ-MM-DD) eller "
        "tidpunkt (ISO 8601) mellan år 1900 och 2200",
        "en": "the parameter {param}: {value!r} cannot be read as a day (YYYY-MM-DD) or a "
        "time (ISO 8601) between the years 1900 and 2200",
    },
    "api.window_order": {
        "sv": "parametrarna from och to: slutet {end!r} ligger inte efter början {start!r}",
        "en": "the parameters from and to: the end {end!r} is not after the start {start!r}",
    },
    "api.bad_bbox": {
        "sv": "parametern bbox {value!r} ska vara väst,syd,öst,nord i grader (WGS84 lon/lat), "
        "t.ex. 13.51,55.92,13.57,55.95",
        "en": "the parameter bbox {value!r} must be west,south,east,north in degrees "
        "(WGS84 lon/lat), e.g. 13.51,55.92,13.57,55.95",
    },
    "api.bad_choice": {
        "sv": "parametern {param}: {value!r} finns inte; tillåtna värden är {allowed}",
        "en": "the parameter {param}: {value!r} does not exist; allowed values are {allowed}",
    },
    # -- posted incidents and uploads
    "api.no_records": {
        "sv": "inga poster skickades: skicka ett objekt eller en lista med poster",
        "en": "no records were sent: send one object or a list of records",
    },
    "api.too_many_records": {
        "sv": "{n} poster i ett anrop: högst {max} går; dela upp dem",
        "en": "{n} records in one request: at most {max} are allowed; split them up",
        "sv_one": "{n} post i ett anrop: högst {max} går; dela upp dem",
        "en_one": "{n} record in one request: at most {max} are allowed; split them up",
    },
    "api.upload_too_large": {
        "sv": "filen är för stor: högst {max} MB tas emot (inställningen max_upload_mb "
        "eller max_photo_mb)",
        "en": "the file is too large: at most {max} MB is accepted (the setting "
        "max_upload_mb or max_photo_mb)",
    },
    "api.upload_too_many_rows": {
        "sv": "filen har fler än {max} rader (inställningen max_upload_rows): ingenting "
        "sparades; dela upp filen",
        "en": "the file has more than {max} rows (the setting max_upload_rows): nothing "
        "was stored; split the file",
    },
    "api.upload_not_multipart": {
        "sv": "skicka filen som multipart/form-data i fältet 'file'",
        "en": "send the file as multipart/form-data in the field 'file'",
    },
    "api.upload_bad_multipart": {
        "sv": "uppladdningen går inte att läsa (multipart/form-data): {detail}",
        "en": "the upload cannot be read (multipart/form-data): {detail}",
    },
    "api.upload_no_file": {
        "sv": "uppladdningen saknar fältet 'file' med en fil",
        "en": "the upload has no field 'file' with a file",
    },
    "api.no_import": {
        "sv": "ingen import med id {id}",
        "en": "no import with id {id}",
    },
    # -- walks and observations
    "api.walk_name_empty": {
        "sv": "vandringen behöver ett namn (name)",
        "en": "the walk needs a name (name)",
    },
    "api.walk_participants": {
        "sv": "antalet deltagare (participants) måste vara 0 eller mer: fick {value}",
        "en": "the number of participants (participants) must be 0 or more: got {value}",
    },
    "api.walk_exists": {
        "sv": "det finns redan en vandring med namnet {name!r} (id {id}); välj ett annat "
        "namn, t.ex. med datumet",
        "en": "a walk named {name!r} already exists (id {id}); choose another name, e.g. "
        "with the date",
    },
    "api.no_walk": {
        "sv": "ingen vandring med id {id}",
        "en": "no walk with id {id}",
    },
    "api.walk_mismatch": {
        "sv": "walk_id {body} i posten skiljer sig från vandringen {path} i adressen",
        "en": "walk_id {body} in the body differs from the walk {path} in the address",
    },
    "api.unknown_observation_category": {
        "sv": "kategorin (category) {value!r} finns inte i katalogen: välj en av {allowed}",
        "en": "the category (category) {value!r} is not in the catalogue: choose one of {allowed}",
    },
    "api.not_observation_category": {
        "sv": "kategorin (category) {value!r} gäller händelser, inte "
        "trygghetsvandringar: välj en av {allowed}",
        "en": "the category (category) {value!r} is for incidents, not safety walks: "
        "choose one of {allowed}",
    },
    "api.client_id_long": {
        "sv": "client_id har {n} tecken: högst 64 går",
        "en": "client_id has {n} characters: at most 64 are allowed",
    },
    "api.bad_severity": {
        "sv": "allvarlighetsgraden (severity) måste vara 1, 2 eller 3: fick {value!r}",
        "en": "the severity (severity) must be 1, 2 or 3: got {value!r}",
    },
    "api.bad_accuracy": {
        "sv": "noggrannheten (accuracy_m) måste vara ett tal, 0 meter eller mer: fick {value}",
        "en": "the accuracy (accuracy_m) must be a number, 0 metres or more: got {value}",
    },
    # -- photos
    "api.photo_empty": {
        "sv": "fotot är tomt (0 byte)",
        "en": "the photo is empty (0 bytes)",
    },
    "api.photo_too_large": {
        "sv": "fotot är {size} MB: högst {max} MB tas emot (inställningen max_photo_mb)",
        "en": "the photo is {size} MB: at most {max} MB is accepted (the setting max_photo_mb)",
    },
    "api.photo_type": {
        "sv": "fotot är ingen JPEG-, PNG- eller WebP-bild (enligt filens första byte)",
        "en": "the photo is no JPEG, PNG or WebP image (by the first bytes of the file)",
    },
    "api.no_photo": {
        "sv": "inget foto med id {id}",
        "en": "no photo with id {id}",
    },
    # -- exports (hotspots.export)
    "exports.bad_layer": {
        "sv": "lagret {value!r} finns inte för export: välj ett av {allowed}",
        "en": "the layer {value!r} cannot be exported: choose one of {allowed}",
    },
    "exports.bad_format": {
        "sv": "formatet {value!r} finns inte för export: välj ett av {allowed}",
        "en": "the format {value!r} cannot be exported: choose one of {allowed}",
    },
    "exports.bad_crs": {
        "sv": "parametern crs: EPSG:{value} går inte att exportera till; välj en av {allowed}",
        "en": "the parameter crs: EPSG:{value} is not an export target; choose one of {allowed}",
    },
    "exports.geojson_crs": {
        "sv": "parametern crs: GeoJSON är alltid WGS84 lon/lat (RFC 7946), inte EPSG:{value}; "
        "välj GeoPackage (gpkg) eller CSV för SWEREF 99",
        "en": "the parameter crs: GeoJSON is always WGS84 lon/lat (RFC 7946), not "
        "EPSG:{value}; choose GeoPackage (gpkg) or CSV for SWEREF 99",
    },
    "api.request_invalid": {
        "sv": "ogiltig begäran: {where}: {problem}",
        "en": "invalid request: {where}: {problem}",
    },
    "api.body_too_large": {
        "sv": "för stor begäran: högst {mb} MB (inställningen max_upload_mb)",
        "en": "request too large: at most {mb} MB (setting max_upload_mb)",
    },
    "api.timeout": {
        "sv": "begäran tog mer än {seconds} s och avbröts",
        "en": "the request took more than {seconds} s and was stopped",
    },
}
