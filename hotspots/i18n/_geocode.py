"""Messages of geocoding: coordinates and CRS, kommuner, localities, gazetteer, Nominatim."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- coordinate columns: errors of the caller
    "coords.bad_roles": {
        "sv": "koordinaternas roller måste vara 'latlon' eller 'xy', inte {roles!r}",
        "en": "coordinate roles must be 'latlon' or 'xy', not {roles!r}",
    },
    "coords.bad_local_crs": {
        "sv": "det lokala koordinatsystemet EPSG:{epsg} är ingen SWEREF 99-zon (3007-3018)",
        "en": "local CRS EPSG:{epsg} is not a SWEREF 99 zone (3007-3018)",
    },
    "coords.not_projected": {
        "sv": "EPSG:{epsg} är varken ett projicerat koordinatsystem eller WGS 84",
        "en": "EPSG:{epsg} is neither projected nor WGS 84",
    },
    "coords.unknown_epsg": {
        "sv": "okänt koordinatsystem EPSG:{epsg}",
        "en": "unknown CRS EPSG:{epsg}",
    },
    "coords.unknown_crs": {"sv": "okänt koordinatsystem", "en": "unknown CRS"},
    "coords.bad_arrays": {
        "sv": "koordinatkolumnerna måste vara endimensionella och lika långa",
        "en": "coordinate columns must be 1-d arrays of equal length",
    },
    # -- coordinate columns: per row
    "coords.latitude": {"sv": "latitud", "en": "latitude"},
    "coords.longitude": {"sv": "longitud", "en": "longitude"},
    "coords.zero": {
        "sv": "0, 0 är en platshållare: räknas som saknad position",
        "en": "0, 0 is a placeholder: treated as missing",
    },
    "coords.missing_one": {"sv": "{name} saknas", "en": "{name} missing"},
    "coords.not_finite": {
        "sv": "{a}/{b} är inte ett ändligt tal",
        "en": "{a}/{b} not a finite number",
    },
    "coords.swapped_latlon": {
        "sv": "latitud och longitud var omkastade: rättade",
        "en": "lat/lon swapped: corrected",
    },
    "coords.swapped_xy": {"sv": "x och y var omkastade: rättade", "en": "x/y swapped: corrected"},
    "coords.outside_sweden": {
        "sv": "{pair} hamnar utanför Sverige när de läses som {crs}",
        "en": "{pair} fall outside Sweden when read as {crs}",
    },
    "coords.fit_nothing": {
        "sv": "{pair} passar inget koordinatsystem som stöds",
        "en": "{pair} fit no supported CRS",
    },
    "coords.looks_like": {
        "sv": "{pair} ser ut som {other}, men filens koordinater är {crs}",
        "en": "{pair} look like {other}, but the file's coordinates are {crs}",
    },
    "coords.latitude_range": {
        "sv": "latitud {value} utanför intervallet -90..90",
        "en": "latitude {value} out of range -90..90",
    },
    "coords.longitude_range": {
        "sv": "longitud {value} utanför intervallet -180..180",
        "en": "longitude {value} out of range -180..180",
    },
    "coords.outside_range": {
        "sv": "{pair} ligger utanför giltigt område för {crs}",
        "en": "{pair} outside the range of {crs}",
    },
    # -- coordinate columns: the file's CRS decision and counts
    "coords.fit_both": {
        "sv": "koordinaterna passar både {crs} och {others}; lästa som {crs}, "
        "ange --crs för att välja själv",
        "en": "coordinates fit both {crs} and {others}; read as {crs}, pass --crs to override",
    },
    "coords.metres_as_degrees": {
        "sv": "kolumnerna för latitud/longitud innehåller projicerade meter "
        "(SWEREF-meter angivna som grader?): lästa som {crs} utifrån värdena; "
        "ange --crs för att välja själv",
        "en": "lat/lon columns hold projected metres (SWEREF metres given as degrees?): "
        "read as {crs} from their range; pass --crs to override",
    },
    "coords.read_as": {
        "sv": "koordinaterna lästa som {crs} utifrån värdena; ange --crs för att välja själv",
        "en": "coordinates read as {crs} from their range; pass --crs to override",
    },
    "coords.mixed_systems": {
        "sv": "koordinaterna blandar flera system ({shares} rader); lästa som {crs}",
        "en": "coordinates mix several systems ({shares} rows); read as {crs}",
    },
    "coords.count_swapped_latlon": {
        "sv": "latitud och longitud var omkastade på {n} rader: rättade",
        "sv_one": "latitud och longitud var omkastade på {n} rad: rättade",
        "en": "lat/lon swapped in {n} rows: corrected",
        "en_one": "lat/lon swapped in {n} row: corrected",
    },
    "coords.count_swapped_xy": {
        "sv": "x och y var omkastade på {n} rader: rättade",
        "sv_one": "x och y var omkastade på {n} rad: rättade",
        "en": "x/y swapped in {n} rows: corrected",
        "en_one": "x/y swapped in {n} row: corrected",
    },
    "coords.count_x_north": {
        "sv": "x innehåller nordkoordinaten (svensk konvention X = norr) på {n} rader: "
        "läst som nordkoordinat",
        "sv_one": "x innehåller nordkoordinaten (svensk konvention X = norr) på {n} rad: "
        "läst som nordkoordinat",
        "en": "x holds the northing (Swedish convention X = north) in {n} rows: read as northing",
        "en_one": "x holds the northing (Swedish convention X = north) in {n} row: "
        "read as northing",
    },
    "coords.count_zero": {
        "sv": "{n} rader med koordinaterna 0, 0: räknas som saknad position",
        "sv_one": "{n} rad med koordinaterna 0, 0: räknas som saknad position",
        "en": "{n} rows with coordinates 0, 0: treated as missing",
        "en_one": "{n} row with coordinates 0, 0: treated as missing",
    },
    "coords.count_invalid": {
        "sv": "{n} rader med oanvändbara koordinater (se orsaken per rad)",
        "sv_one": "{n} rad med oanvändbara koordinater (se radens orsak)",
        "en": "{n} rows with unusable coordinates (see their reasons)",
        "en_one": "{n} row with unusable coordinates (see their reasons)",
    },
    "coords.count_outside": {
        "sv": "{n} punkter ligger utanför {area}: markerade",
        "sv_one": "{n} punkt ligger utanför {area}: markerad",
        "en": "{n} points lie outside {area}: flagged",
        "en_one": "{n} point lies outside {area}: flagged",
    },
    "coords.the_area": {"sv": "området", "en": "the area"},
    # -- kommun boundaries
    "boundaries.lengths": {
        "sv": "kommunnamn, koder och polygoner är olika många",
        "en": "kommun names, codes and polygons differ in length",
    },
    "boundaries.not_found": {
        "sv": "kommungränserna finns inte: {file}",
        "en": "kommun boundaries not found: {file}",
    },
    "boundaries.unreadable": {
        "sv": "kommungränserna kan inte läsas: {file}: {detail}",
        "en": "kommun boundaries unreadable: {file}: {detail}",
    },
    "boundaries.empty": {
        "sv": "inga kommunpolygoner i {file}",
        "en": "no kommun polygons in {file}",
    },
    "boundaries.unknown_kommun": {
        "sv": "okänd kommun '{kommun}'",
        "en": "unknown kommun '{kommun}'",
    },
    "boundaries.unknown_kommun_hint": {
        "sv": "okänd kommun '{kommun}'; menar du {hint}?",
        "en": "unknown kommun '{kommun}'; did you mean {hint}?",
    },
    # -- localities
    "localities.not_found": {
        "sv": "ortfilen finns inte: {file}",
        "en": "localities file not found: {file}",
    },
    "localities.same_name": {
        "sv": "samma namn och kommun som en tidigare rad",
        "en": "same name and kommun as an earlier row",
    },
    "localities.no_point": {"sv": "namn eller punkt saknas", "en": "no name or no point"},
    "localities.outside_kommun": {
        "sv": "punkten {lat:.4f}, {lon:.4f} ligger inte i {kommun} kommun",
        "en": "point {lat:.4f}, {lon:.4f} is not in {kommun} kommun",
    },
    # -- geocoding results (reasons and notes, shown in the review queue)
    "geocode.no_address": {"sv": "ingen adress", "en": "no address"},
    "geocode.no_match": {"sv": "ingen träff för {text!r}", "en": "no match for {text!r}"},
    "geocode.matched": {"sv": "matchad mot {matched!r}", "en": "matched {matched!r}"},
    "geocode.matched_reason": {
        "sv": "matchad mot {matched!r} ({reason})",
        "en": "matched {matched!r} ({reason})",
    },
    "geocode.from_queue": {
        "sv": "geokodad från granskningskön: {text!r}",
        "en": "geocoded from the review queue: {text!r}",
    },
    "geocode.given_location": {
        "sv": "plats angiven vid granskning",
        "en": "location given in review",
    },
    "geocode.given_address": {
        "sv": "adress angiven vid granskning: {matched!r}",
        "en": "address given in review: {matched!r}",
    },
    "geocode.bad_ref": {
        "sv": "--id ska se ut som incident:12 eller observation:7, inte {ref!r}",
        "en": "--id must look like incident:12 or observation:7, not {ref!r}",
    },
    "geocode.need_both": {"sv": "ange både --lat och --lon", "en": "give both --lat and --lon"},
    "geocode.out_of_range": {
        "sv": "koordinaterna ligger utanför giltigt intervall: lat {lat}, lon {lon}",
        "en": "coordinates out of range: lat {lat}, lon {lon}",
    },
    "geocode.need_location": {
        "sv": "ange --lat och --lon, eller --address",
        "en": "give --lat and --lon, or --address",
    },
    "geocode.address_not_found": {
        "sv": "{address!r} hittades inte: {reason}",
        "en": "{address!r} not found: {reason}",
    },
    # -- offline gazetteer: match reasons
    "gazetteer.label": {"sv": "ortregistret", "en": "gazetteer"},
    "gazetteer.the_address": {"sv": "adressen", "en": "address"},
    "gazetteer.placed_at": {
        "sv": "{what} hittades inte; placerad i {matched}",
        "en": "{what} not found; placed at {matched}",
    },
    "gazetteer.no_match": {
        "sv": "ingen träff för '{text}' i ortregistret ({n} poster)",
        "sv_one": "ingen träff för '{text}' i ortregistret ({n} post)",
        "en": "no match for '{text}' in the gazetteer ({n} entries)",
        "en_one": "no match for '{text}' in the gazetteer ({n} entry)",
    },
    "gazetteer.no_match_in": {
        "sv": "ingen träff för '{text}' i ortregistret ({n} poster i {where})",
        "sv_one": "ingen träff för '{text}' i ortregistret ({n} post i {where})",
        "en": "no match for '{text}' in the gazetteer ({n} entries in {where})",
        "en_one": "no match for '{text}' in the gazetteer ({n} entry in {where})",
    },
    "gazetteer.letter_not_found": {
        "sv": "bokstaven {letter} finns inte på {street} {number}; använde {used}",
        "en": "letter {letter} not found on {street} {number}; used {used}",
    },
    "gazetteer.no_letter": {
        "sv": "ingen bokstav angiven; använde {used}",
        "en": "no letter given; used {used}",
    },
    "gazetteer.also_found": {"sv": "finns även i {places}", "en": "also found in {places}"},
    "gazetteer.number_not_found": {
        "sv": "nummer {number} finns inte på {street}",
        "en": "number {number} not found on {street}",
    },
    "gazetteer.no_house_number": {"sv": "husnummer saknas", "en": "no house number"},
    "gazetteer.street_in_several": {
        "sv": "gatunamnet finns på flera orter; valde {place}",
        "en": "street name in several places; took {place}",
    },
    # -- offline gazetteer: reading files
    "gazetteer.undecodable": {
        "sv": "kan inte avkoda {file}: varken UTF-8 eller Windows-1252",
        "en": "cannot decode {file}: not UTF-8 or Windows-1252",
    },
    "gazetteer.unreadable_geojson": {
        "sv": "kan inte läsa GeoJSON-filen {file}: {detail}",
        "en": "cannot read GeoJSON {file}: {detail}",
    },
    "gazetteer.not_collection": {
        "sv": "{file} är inte en GeoJSON FeatureCollection",
        "en": "{file} is not a GeoJSON FeatureCollection",
    },
    "gazetteer.no_coordinate_columns": {
        "sv": "{file}: inga koordinatkolumner (lat/lon, N/E eller x/y)",
        "en": "{file}: no coordinate columns (lat/lon, N/E or x/y)",
    },
    "gazetteer.no_coordinates": {"sv": "koordinater saknas", "en": "no coordinates"},
    "gazetteer.bad_number": {
        "sv": "husnumret är inte ett tal",
        "en": "house number is not a number",
    },
    "gazetteer.bad_kind": {
        "sv": "kind måste vara en av {kinds}",
        "en": "kind must be one of {kinds}",
    },
    "gazetteer.address_without_number": {
        "sv": "adress utan husnummer",
        "en": "address without a house number",
    },
    "gazetteer.no_street_or_name": {
        "sv": "varken gata eller namn",
        "en": "neither a street nor a name",
    },
    # -- Nominatim
    "online.cache_unusable": {
        "sv": "geokodningscachen {target} kan inte användas: {detail}",
        "en": "geocode cache {target} unusable: {detail}",
    },
    "online.user_agent": {
        "sv": "Nominatim kräver en user agent som identifierar installationen",
        "en": "Nominatim needs a user agent that identifies the installation",
    },
    "online.rate_limit": {
        "sv": "den publika Nominatim-servern tillåter högst en förfrågan per sekund",
        "en": "the public Nominatim server allows at most one request a second",
    },
    "online.off": {
        "sv": "geokodning online är avstängd; sätt HOTSPOTS_ONLINE_GEOCODER=true "
        "för att tillåta Nominatim",
        "en": "online geocoding is off; set HOTSPOTS_ONLINE_GEOCODER=true to allow Nominatim",
    },
    "online.unavailable": {
        "sv": "Nominatim är inte tillgänglig: {error}: {detail}",
        "en": "Nominatim unavailable: {error}: {detail}",
    },
    "online.no_match": {
        "sv": "ingen träff för '{query}' i Nominatim",
        "en": "no match for '{query}' in Nominatim",
    },
}
