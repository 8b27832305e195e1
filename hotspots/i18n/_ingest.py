"""Messages of ``hotspots import``: reading files, columns, rows, dates and polisen.se events."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- shared words
    "common.and": {"sv": "och", "en": "and"},
    "common.or": {"sv": "eller", "en": "or"},
    "common.none": {"sv": "inga", "en": "none"},
    # -- a rejected row, as one line (RowError.__str__)
    "row.line": {"sv": "rad {line}", "en": "line {line}"},
    "row.line_field": {"sv": "rad {line}, fält {field}", "en": "line {line}, field {field}"},
    "row.value": {"sv": "värde: {value!r}", "en": "value: {value!r}"},
    # -- opening a file (sniff)
    "input.file_not_found": {"sv": "{file}: filen finns inte", "en": "{file}: file not found"},
    "input.is_folder": {
        "sv": "{file}: är en mapp, inte en fil",
        "en": "{file}: is a folder, not a file",
    },
    "input.bad_gzip": {
        "sv": "{file}: gzip-filen är skadad eller ofullständig ({detail})",
        "en": "{file}: damaged or truncated gzip file ({detail})",
    },
    "input.binary_kind": {
        "sv": "{file}: ser ut som en binär fil ({kind}), inte text; spara den som CSV",
        "en": "{file}: looks like a binary file ({kind}), not text; save it as CSV",
    },
    "input.binary": {
        "sv": "{file}: ser ut som en binär fil (t.ex. Excel .xlsx); spara den som CSV",
        "en": "{file}: looks like a binary file (e.g. Excel .xlsx); save it as CSV",
    },
    "input.kind_zip": {
        "sv": "Excel .xlsx eller en annan ZIP-fil",
        "en": "Excel .xlsx or another ZIP file",
    },
    "input.kind_xls": {"sv": "äldre Excel .xls", "en": "old Excel .xls"},
    "input.kind_png": {"sv": "PNG-bild", "en": "PNG image"},
    "input.kind_jpeg": {"sv": "JPEG-bild", "en": "JPEG image"},
    "input.kind_gif": {"sv": "GIF-bild", "en": "GIF image"},
    "input.kind_pdf": {"sv": "PDF-dokument", "en": "PDF"},
    "input.kind_sqlite": {"sv": "SQLite-databas", "en": "SQLite database"},
    "input.unknown_encoding": {
        "sv": "{file}: okänd teckenkodning (varken UTF-8 eller Windows-1252); "
        "spara filen som CSV UTF-8",
        "en": "{file}: unknown text encoding (not UTF-8 or Windows-1252); save it as CSV UTF-8",
    },
    "input.empty": {
        "sv": "{file}: filen är tom (0 byte)",
        "en": "{file}: the file is empty (0 bytes)",
    },
    "input.only_whitespace": {
        "sv": "{file}: filen innehåller bara blanktecken, inga data",
        "en": "{file}: the file contains only whitespace, no data",
    },
    "input.bad_bom": {
        "sv": "{file}: börjar med en UTF-8-BOM men är inte giltig UTF-8",
        "en": "{file}: starts with a UTF-8 BOM but is not valid UTF-8",
    },
    "input.utf8_bom": {"sv": "UTF-8 med BOM", "en": "UTF-8 with BOM"},
    "input.bad_byte": {
        "sv": "{file}: byte 0x{byte} på position {offset} (rad {line}) är inte giltig "
        "{encoding}; filen blandar teckenkodningar, spara den igen som CSV UTF-8",
        "en": "{file}: byte 0x{byte} at offset {offset} (line {line}) is not valid "
        "{encoding}; the file mixes encodings, save it again as CSV UTF-8",
    },
    "input.cut_character": {
        "sv": "{file}: filen slutar mitt i ett {encoding}-tecken",
        "en": "{file}: the file ends in the middle of a {encoding} character",
    },
    "input.undecodable": {
        "sv": "{file}: kan inte avkodas som {encoding}",
        "en": "{file}: could not be decoded as {encoding}",
    },
    "input.not_json_ext": {
        "sv": "{file}: har filändelsen {ext} men ser inte ut som JSON "
        "(börjar med {first!r}, inte '{{' eller '[')",
        "en": "{file}: has extension {ext} but does not look like JSON "
        "(starts with {first!r}, not '{{' or '[')",
    },
    "input.json_kind": {"sv": "ett GeoJSON-objekt av typen {kind}", "en": "a GeoJSON {kind}"},
    "input.json_object": {"sv": "ett JSON-objekt", "en": "a JSON object"},
    "input.json_neither": {
        "sv": "{file}: är {what}, varken en GeoJSON FeatureCollection eller polisen.se-händelser "
        "(objekt med name, datetime och location)",
        "en": "{file}: is {what}, neither a GeoJSON FeatureCollection nor polisen.se "
        "events (objects with name, datetime and location)",
    },
    "input.json_not_collection": {
        "sv": "{file}: börjar som JSON men är ingen GeoJSON FeatureCollection",
        "en": "{file}: starts like JSON but is not a GeoJSON FeatureCollection",
    },
    "input.json_empty_array": {
        "sv": "{file}: innehåller en tom JSON-array, inga händelser",
        "en": "{file}: contains an empty JSON array, no events",
    },
    "input.json_not_polisen": {
        "sv": "{file}: är en JSON-array men inte av polisen.se-händelser "
        "(objekt med name, datetime och location)",
        "en": "{file}: is a JSON array but not of polisen.se events "
        "(objects with name, datetime and location)",
    },
    "input.line_error": {
        "sv": "{file}: rad {line}: {detail}",
        "en": "{file}: line {line}: {detail}",
    },
    # -- columns and --map
    "columns.unknown_field": {
        "sv": "--map: okänt fält {name!r}; använd något av: {known}",
        "en": "--map: unknown field {name!r}; use one of: {known}",
    },
    "columns.bad_item": {
        "sv": "--map: {item!r} har inte formen fält=rubrik (t.ex. datum=Händelsedatum)",
        "en": "--map: {item!r} is not field=header (e.g. datum=Händelsedatum)",
    },
    "columns.twice": {
        "sv": "--map: fältet {name!r} anges två gånger",
        "en": "--map: field {name!r} is given twice",
    },
    "columns.not_in_file": {
        "sv": "{file}: --map anger kolumnen {header!r}, som inte finns i filen; "
        "filens kolumner är: {found}",
        "en": "{file}: --map names column {header!r}, which is not in the file; "
        "its columns are: {found}",
    },
    "columns.need_date": {
        "sv": "en datumkolumn (datum, date, datum_tid/datetime eller från)",
        "en": "a date column (datum, date, datum_tid/datetime or från)",
    },
    "columns.need_location": {
        "sv": "en platskolumn (latitud+longitud, x+y, adress eller plats)",
        "en": "a location column (latitud+longitud, x+y, adress or plats)",
    },
    "columns.need_location_found": {
        "sv": "en platskolumn (latitud+longitud, x+y, adress eller plats); hittade {half}",
        "en": "a location column (latitud+longitud, x+y, adress or plats); found {half}",
    },
    "columns.half_pair": {
        "sv": "{have} ({header!r}) utan {other}",
        "en": "{have} ({header!r}) without {other}",
    },
    "columns.missing": {
        "sv": "{file}: saknar {missing}; kolumner i filen: {found}; ange dem med --map, "
        "t.ex. --map datum=Händelsedatum,adress=Gata",
        "en": "{file}: missing {missing}; columns found: {found}; name them with --map, "
        "e.g. --map datum=Händelsedatum,adress=Gata",
    },
    # -- CSV
    "csv.header_empty": {
        "sv": "{file}: första raden (rubrikraden) är tom",
        "en": "{file}: the first line (the header) is empty",
    },
    "csv.parse_error": {
        "sv": "{file}: rad {line} kan inte läsas som CSV ({detail})",
        "en": "{file}: line {line}: {detail}",
    },
    "csv.parse_error_quote": {
        "sv": "{file}: rad {line} kan inte läsas som CSV ({detail}); "
        "kanske ett citattecken som aldrig stängs?",
        "en": "{file}: line {line}: {detail} (a quote that is never closed?)",
    },
    "csv.more_fields": {
        "sv": "har {n} fält, fler än rubrikradens {width} "
        "(ett '{delimiter}' i ett värde utan citattecken?)",
        "en": "has {n} fields, more than the header's {width} "
        "(a '{delimiter}' inside a value without quotes?)",
    },
    "csv.fewer_fields": {
        "sv": "har {n} fält, färre än rubrikradens {width} "
        "(ett '{delimiter}' i ett värde utan citattecken?)",
        "en": "has {n} fields, fewer than the header's {width} "
        "(a '{delimiter}' inside a value without quotes?)",
        "en_one": "has {n} field, fewer than the header's {width} "
        "(a '{delimiter}' inside a value without quotes?)",
    },
    "csv.legacy_encoding": {
        "sv": "teckenkodning {encoding} (inte UTF-8); kontrollera att å, ä och ö ser rätt ut",
        "en": "text encoding {encoding} (not UTF-8); check that å, ä and ö look right",
    },
    "csv.no_data_rows": {
        "sv": "{file}: har en rubrikrad men inga datarader",
        "en": "{file}: has a header but no data rows",
    },
    "csv.counts_unchecked": {
        "sv": "antalet fält kunde inte kontrolleras efter rad {line}: filen använder "
        "citattecken på ett ovanligt sätt; kontrollera rader med förskjutna kolumner",
        "en": "field counts could not be checked after line {line}: the file's "
        "quoting is unusual; check rows with shifted columns",
    },
    "csv.quote_not_closed": {
        "sv": '{file}: rad {line}: ett citattecken (") öppnas men stängs aldrig',
        "en": '{file}: line {line}: a quote (") is opened and never closed',
    },
    "csv.unreadable_near": {
        "sv": "{file}: kan inte läsas som CSV nära rad {line} ({detail})",
        "en": "{file}: cannot be read as CSV near line {line}: {detail}",
    },
    "csv.mixed_day_order": {
        "sv": "datumen blandar ordningen dag/månad och månad/dag (t.ex. 25/03 och 03/25); "
        "de läses som dag/månad, och datum som inte passar redovisas",
        "en": "dates mix day/month and month/day order (e.g. 25/03 and 03/25); read as "
        "day/month, and dates that do not fit are reported",
    },
    "csv.decimal_comma": {
        "sv": "koordinaterna har decimalkomma (läses som 55,93 = 55.93)",
        "en": "coordinates use a decimal comma (read as 55,93 = 55.93)",
    },
    # -- dates
    "date.expected_date": {
        "sv": "förväntat t.ex. 2026-11-21 eller 21/11/2026",
        "en": "expected e.g. 2026-11-21 or 21/11/2026",
    },
    "date.expected_time": {
        "sv": "förväntat t.ex. 14:30 eller kl. 14.30",
        "en": "expected e.g. 14:30 or kl. 14.30",
    },
    "date.unreadable": {
        "sv": "datumet {value!r} i {field} går inte att läsa ({expected})",
        "en": "unreadable date {value!r} in {field} ({expected})",
    },
    "date.day_order": {
        "sv": "datumet {value!r} i {field} går inte att läsa "
        "(datum läses här som dag/månad; {expected})",
        "en": "unreadable date {value!r} in {field} (dates are read as day/month here; {expected})",
    },
    "date.month_order": {
        "sv": "datumet {value!r} i {field} går inte att läsa "
        "(datum läses här som månad/dag; {expected})",
        "en": "unreadable date {value!r} in {field} (dates are read as month/day here; {expected})",
    },
    "date.time_only": {
        "sv": "{value!r} i {field} är bara en tid, inget datum",
        "en": "{value!r} in {field} is only a time, no date",
    },
    "date.bad_time": {
        "sv": "tiden {value!r} i {field} går inte att läsa ({expected})",
        "en": "unreadable time {value!r} in {field} ({expected})",
    },
    "date.missing": {"sv": "datum saknas ({field} är tomt)", "en": "no date (empty {field})"},
    "date.time_no_date": {
        "sv": "tiden {value!r} i {field} har inget datum",
        "en": "time {value!r} in {field} but no date",
    },
    "date.time_month": {
        "sv": "tiden {value!r} i {field} passar inte ihop med ett datum som anger en hel månad",
        "en": "time {value!r} in {field} but the date is a whole month",
    },
    "date.only_time_window": {
        "sv": "{value!r} i {field} är bara en tid och raden saknar datum",
        "en": "{value!r} in {field} is only a time and the row has no date",
    },
    "date.end_without_start": {
        "sv": "{value!r} i {field} avslutar ett tidsintervall som saknar starttid",
        "en": "{value!r} in {field} ends a window that has no start",
    },
    "date.reversed": {
        "sv": "sluttiden {value!r} i {field} ligger före starttiden",
        "en": "end {value!r} in {field} is before the start",
    },
    "date.future": {
        "sv": "datumet {value!r} i {field} ligger i framtiden",
        "en": "date {value!r} in {field} is in the future",
    },
    "date.too_old": {
        "sv": "datumet {value!r} i {field} är före år 1900",
        "en": "date {value!r} in {field} is before 1900",
    },
    # -- GeoJSON
    "geojson.invalid": {
        "sv": "{file}: ogiltig JSON: {detail} på rad {line}",
        "en": "{file}: not valid JSON: {detail} at line {line}",
    },
    "geojson.invalid_streamed": {
        "sv": "{file}: ogiltig JSON: {detail}",
        "en": "{file}: not valid JSON: {detail}",
    },
    "geojson.not_collection": {
        "sv": "{file}: är inte en GeoJSON FeatureCollection",
        "en": "{file}: not a GeoJSON FeatureCollection",
    },
    "geojson.no_features_list": {
        "sv": "{file}: FeatureCollection utan listan 'features'",
        "en": "{file}: FeatureCollection without a 'features' list",
    },
    "geojson.no_features": {
        "sv": "{file}: FeatureCollection innehåller inga objekt (features)",
        "en": "{file}: the FeatureCollection has no features",
    },
    "geojson.declared_crs": {
        "sv": "GeoJSON-filen anger koordinatsystemet {crs!r}",
        "en": "GeoJSON declares the CRS {crs!r}",
    },
    "geojson.not_feature": {"sv": "inte en GeoJSON Feature", "en": "not a GeoJSON Feature"},
    "geojson.not_point": {
        "sv": "geometri av typen {kind}: bara punkter stöds "
        "(använd centroiden eller dela upp objektet)",
        "en": "{kind} geometry: only points are supported (use the centroid or split the feature)",
    },
    "geojson.point_without_coordinates": {
        "sv": "punkt utan koordinater",
        "en": "point without coordinates",
    },
    # -- normalising rows
    "normalize.severity": {
        "sv": "allvarlighetsgraden måste vara 1, 2 eller 3",
        "en": "severity must be 1, 2 or 3",
    },
    "normalize.not_a_number": {"sv": "inte ett tal i {field}", "en": "not a number in {field}"},
    "normalize.placeholder_point": {
        "sv": "{label}: ingen verklig plats",
        "en": "{label}: not a real location",
    },
    "normalize.unknown_precision": {"sv": "okänd precision", "en": "unknown precision"},
    "normalize.no_location": {
        "sv": "koordinater, adress och plats saknas",
        "en": "no coordinates, address or place",
    },
    "normalize.no_gazetteer": {
        "sv": "inget ortregister inläst: väntar på granskning",
        "en": "no gazetteer loaded: waits for review",
    },
    "normalize.empty_category": {"sv": "(tom)", "en": "(empty)"},
    # -- the import pipeline
    "import.unknown_format": {
        "sv": "okänt format {format!r}: använd något av {formats}",
        "en": "unknown format {format!r}: use one of {formats}",
    },
    "import.bad_kind": {
        "sv": "--kind ska vara incident eller observation, inte {kind!r}",
        "en": "--kind must be incident or observation, not {kind!r}",
    },
    "import.placeholder_rows": {
        "sv": "{n} rader vid {label}: behandlas som rader utan plats",
        "sv_one": "{n} rad vid {label}: behandlas som rad utan plats",
        "en": "{n} rows at {label}: treated as without location",
        "en_one": "{n} row at {label}: treated as without location",
    },
    "import.repeated_rows": {
        "sv": "{n} rader utan id upprepar en tidigare rad exakt: sparade som separata poster",
        "sv_one": "{n} rad utan id upprepar en tidigare rad exakt: sparad som separat post",
        "en": "{n} rows without an id repeat an earlier row exactly: stored as separate records",
        "en_one": "{n} row without an id repeats an earlier row exactly: "
        "stored as a separate record",
    },
    "import.unknown_categories": {
        "sv": "okända kategorier, sparade i reservkategorin (fallback): {names}",
        "en": "unknown categories stored as the fallback category: {names}",
    },
    "import.no_data_rows": {"sv": "{file}: inga datarader", "en": "{file}: no data rows"},
    # -- polisen.se events: locations (one sentence per row, shown in the review queue)
    "polisen.kommun_only": {
        "sv": "polisen.se anger bara kommunen: kommunens mittpunkt",
        "en": "polisen.se gives only the kommun: the kommun's centre point",
    },
    "polisen.kommun_from_title": {
        "sv": "länshändelse; kommunen tagen från rubriken: kommunens mittpunkt",
        "en": "county event; kommun taken from the title: the kommun's centre point",
    },
    "polisen.county_only": {
        "sv": "polisen.se anger bara länet ({county}): ingen kommun att placera händelsen i",
        "en": "polisen.se gives only the county ({county}): no kommun to place the event in",
    },
    "polisen.no_location": {
        "sv": "händelsen saknar plats (location)",
        "en": "the event has no place (location)",
    },
    "polisen.unknown_kommun": {
        "sv": "okänd kommun {name!r} och inga giltiga koordinater",
        "en": "unknown kommun {name!r} and no valid coordinates",
    },
    "polisen.locality": {
        "sv": "orten {name} nämns i texten: ortens punkt",
        "en": "the locality {name} is named in the text: the locality's point",
    },
    "polisen.namesake": {
        "sv": "{name} nämns men kan avse kommunen, inte tätorten: kommunens mittpunkt",
        "en": "{name} is named but may mean the kommun, not the town: the kommun's centre point",
    },
    "polisen.summary_reason": {
        "sv": "{reason} (sammanfattning av flera händelser: ingen ort söks)",
        "en": "{reason} (summary of several events: no locality is searched)",
    },
    # -- polisen.se events: row notes, row errors and file errors
    "polisen.time_fallback": {
        "sv": "tidpunkt saknas i rubriken: publiceringstiden används",
        "en": "no time in the title: the publication time is used",
    },
    "polisen.no_boundaries": {
        "sv": "kommungränser saknas ({detail}): länshändelser kan inte knytas till en kommun",
        "en": "kommun boundaries missing ({detail}): county events cannot be tied to a kommun",
    },
    "polisen.no_localities": {
        "sv": "ortsregister saknas ({detail}): inga orter söks i texten",
        "en": "locality register missing ({detail}): no localities are searched in the text",
    },
    "polisen.no_id": {"sv": "händelsen saknar id", "en": "the event has no id"},
    "polisen.no_time": {
        "sv": "ingen tidpunkt i rubriken och ogiltig publiceringstid (datetime)",
        "en": "no time in the title and an invalid publication time (datetime)",
    },
    "polisen.unmapped_type": {
        "sv": "händelsetypen {type!r} finns inte i polisen_types.csv",
        "en": "event type {type!r} is not in polisen_types.csv",
    },
    "polisen.summary_event": {
        "sv": "sammanfattning av flera händelser",
        "en": "summary of several events",
    },
    "polisen.file_missing": {"sv": "filen finns inte: {file}", "en": "file not found: {file}"},
    "polisen.file_unreadable": {
        "sv": "filen kan inte läsas: {file}: {detail}",
        "en": "cannot read the file: {file}: {detail}",
    },
    "polisen.invalid_array": {
        "sv": "ogiltig JSON-array: {detail}",
        "en": "invalid JSON array: {detail}",
    },
    "polisen.not_array": {
        "sv": "filen är inte en JSON-array av händelser",
        "en": "the file is not a JSON array of events",
    },
    "polisen.empty_array": {
        "sv": "JSON-arrayen innehåller inga händelser",
        "en": "the JSON array contains no events",
    },
    "polisen.line_not_utf8": {"sv": "raden är inte UTF-8", "en": "the line is not UTF-8"},
    "polisen.invalid_json": {"sv": "ogiltig JSON: {detail}", "en": "invalid JSON: {detail}"},
    "polisen.not_object": {"sv": "inte ett JSON-objekt", "en": "not a JSON object"},
    "polisen.empty": {"sv": "filen är tom: {file}", "en": "the file is empty: {file}"},
    "polisen.binary": {
        "sv": "filen är binär, inte JSON: {file}",
        "en": "the file is binary, not JSON: {file}",
    },
    "polisen.not_json": {
        "sv": "inte polisen.se-händelser i JSON (börjar inte med [ eller {{): {file}",
        "en": "not polisen.se events in JSON (does not start with [ or {{): {file}",
    },
    "polisen.centroids": {
        "sv": "polisen.se anger kommunens (eller länets) mittpunkt, inte händelseplatsen: "
        "precision 'municipality' om ingen ort nämns i texten",
        "en": "polisen.se gives the centre point of the kommun (or county), not the place "
        "of the event: precision 'municipality' unless a locality is named in the text",
    },
    # -- polisen.se events: file summary
    "polisen.count_locality": {
        "sv": "{n} händelser placerade på en ort som nämns i texten (precision 'locality')",
        "sv_one": "{n} händelse placerad på en ort som nämns i texten (precision 'locality')",
        "en": "{n} events placed at a locality named in the text (precision 'locality')",
        "en_one": "{n} event placed at a locality named in the text (precision 'locality')",
    },
    "polisen.count_county_only": {
        "sv": "{n} händelser anger bara ett län: precision 'failed', utan koordinater",
        "sv_one": "{n} händelse anger bara ett län: precision 'failed', utan koordinater",
        "en": "{n} events give only a county: precision 'failed', without coordinates",
        "en_one": "{n} event gives only a county: precision 'failed', without coordinates",
    },
    "polisen.count_summary": {
        "sv": "{n} sammanfattningar av flera händelser (Sammanfattning …) i en rad var",
        "sv_one": "{n} sammanfattning av flera händelser (Sammanfattning …) i en rad",
        "en": "{n} summaries of several events (Sammanfattning …), one row each",
        "en_one": "{n} summary of several events (Sammanfattning …) in one row",
    },
    "polisen.count_time_fallback": {
        "sv": "{n} händelser utan tidpunkt i rubriken: publiceringstiden används",
        "sv_one": "{n} händelse utan tidpunkt i rubriken: publiceringstiden används",
        "en": "{n} events without a time in the title: the publication time is used",
        "en_one": "{n} event without a time in the title: the publication time is used",
    },
    "polisen.count_unmapped_type": {
        "sv": "{n} händelser med typ som saknas i polisen_types.csv",
        "sv_one": "{n} händelse med en typ som saknas i polisen_types.csv",
        "en": "{n} events with a type missing from polisen_types.csv",
        "en_one": "{n} event with a type missing from polisen_types.csv",
    },
}
