"""Messages of forecasts and their evaluation (hit rate, PAI, PEI*) and ``hotspots evaluate``."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- study area and grid
    "evaluate.area_no_crs": {
        "sv": "studieområdet saknar koordinatsystem: ange ett (t.ex. EPSG:3006)",
        "en": "the study area has no CRS: set one (e.g. EPSG:3006)",
    },
    "evaluate.area_empty": {
        "sv": "studieområdet har ingen yta (tomt eller bara linjer/punkter)",
        "en": "the study area has no area (empty, or only lines/points)",
    },
    "evaluate.area_too_small": {
        "sv": "ingen rutas mittpunkt ligger i studieområdet med rutor på {cell_size:g} m: "
        "välj mindre rutor",
        "en": "no cell centre lies in the study area with cells of {cell_size:g} m: "
        "use smaller cells",
    },
    "evaluate.area_too_small_cells": {
        "sv": "studieområdet innehåller inga rutor",
        "en": "the study area holds no cells",
    },
    "evaluate.cell_size_mismatch": {
        "sv": "rutstorleken {cell_size:g} m stämmer inte med studieområdets rutnät "
        "({grid_size:g} m)",
        "en": "cell size {cell_size:g} m does not match the study grid ({grid_size:g} m)",
    },
    "evaluate.bad_cell_size": {
        "sv": "rutstorleken måste vara ett positivt antal meter, inte {value!r}",
        "en": "the cell size must be a positive number of metres, not {value!r}",
    },
    "evaluate.no_points": {
        "sv": "inga händelser att utvärdera",
        "en": "no incidents to evaluate",
    },
    "evaluate.hull_area": {
        "sv": "studieområde: punkternas konvexa hölje (utan enstaka avvikande punkter); "
        "ange '--study-area' för en riktig gräns",
        "en": "study area: the convex hull of the points (stray points left out); "
        "give '--study-area' for a real boundary",
    },
    "evaluate.outside_area": {
        "sv": "{n} av {total} händelser ligger utanför studieområdet och räknas inte",
        "sv_one": "{n} av {total} händelser ligger utanför studieområdet och räknas inte",
        "en": "{n} of {total} incidents lie outside the study area and are not scored",
        "en_one": "{n} of {total} incidents lies outside the study area and is not scored",
    },
    # -- times and origins
    "evaluate.no_times": {
        "sv": "händelserna saknar tid (kolumnen 'occurred_from')",
        "en": "the incidents have no time (column 'occurred_from')",
    },
    "evaluate.missing_times": {
        "sv": "{n} händelser saknar tid",
        "sv_one": "{n} händelse saknar tid",
        "en": "{n} incidents have no time",
        "en_one": "{n} incident has no time",
    },
    "evaluate.naive_origin": {
        "sv": "prognosstarten {origin} saknar tidszon",
        "en": "the forecast origin {origin} has no time zone",
    },
    "evaluate.bad_cutoff": {
        "sv": "brytdatumet {value!r} går inte att läsa (t.ex. 2018-07-01)",
        "en": "unreadable cutoff {value!r} (e.g. 2018-07-01)",
    },
    "evaluate.bad_horizon": {
        "sv": "horisonten {value!r} går inte att läsa: ange t.ex. 7d, 14d, 1m, 2m eller 3m",
        "en": "unreadable horizon {value!r}: use e.g. 7d, 14d, 1m, 2m or 3m",
    },
    "evaluate.bad_origins": {
        "sv": "antalet prognosstarter måste vara minst 1, inte {value!r}",
        "en": "the number of origins must be at least 1, not {value!r}",
    },
    "evaluate.horizon_finer_than_data": {
        "sv": "horisonten {horizon} är kortare än datats tidsupplösning (hela månader): "
        "använd 1m, 2m eller 3m",
        "en": "the horizon {horizon} is shorter than the data's time resolution (whole "
        "months): use 1m, 2m or 3m",
    },
    "evaluate.cutoff_not_month_start": {
        "sv": "prognosstarten {origin} delar datats månader (tider finns bara per månad): "
        "ange den första i en månad som brytdatum, i tidszonen datat lästes i "
        "(nu {timezone})",
        "en": "the origin {origin} cuts through the data's months (times are whole months "
        "only): use the first of a month as cutoff, in the time zone the data was read "
        "in (now {timezone})",
    },
    "evaluate.straddling": {
        "sv": "{n} händelser med tidsfönster över prognosstarten {origin} räknas varken "
        "som träning eller test",
        "sv_one": "{n} händelse med tidsfönster över prognosstarten {origin} räknas varken "
        "som träning eller test",
        "en": "{n} incidents whose time window spans the origin {origin} are neither "
        "training nor test data",
        "en_one": "{n} incident whose time window spans the origin {origin} is neither "
        "training nor test data",
    },
    "evaluate.no_training": {
        "sv": "inga händelser före prognosstarten {origin} att lära av: "
        "använd färre --origins eller ett senare --cutoff",
        "en": "no incidents before the origin {origin} to learn from: "
        "use fewer --origins or a later --cutoff",
    },
    "evaluate.test_beyond_data": {
        "sv": "testperioden från {origin} slutar efter datats slut ({end}): "
        "antalen kan vara ofullständiga",
        "en": "the test period from {origin} ends after the data ({end}): "
        "counts may be incomplete",
    },
    # -- methods
    "evaluate.unknown_method": {
        "sv": "okänd prognosmetod {method!r} (kända: {known})",
        "en": "unknown forecast method {method!r} (known: {known})",
    },
    "evaluate.no_methods": {
        "sv": "ange minst en prognosmetod",
        "en": "give at least one forecast method",
    },
    "evaluate.bad_params": {
        "sv": "felaktiga parametrar till {method}: {detail}",
        "en": "bad parameters for {method}: {detail}",
    },
    "evaluate.bad_time_bandwidth": {
        "sv": "tidsavklingningen måste vara ett positivt antal dagar, inte {value!r}",
        "en": "the time decay must be a positive number of days, not {value!r}",
    },
    "evaluate.bad_time_kernel": {
        "sv": "okänd tidskärna {value!r} (kända: {known})",
        "en": "unknown time kernel {value!r} (known: {known})",
    },
    # -- metrics
    "evaluate.budget_one": {
        "sv": "ange antingen en yta i km² eller en andel av studieområdet, inte båda",
        "en": "give either an area in km² or a share of the study area, not both",
    },
    "evaluate.bad_coverage": {
        "sv": "andelen av studieområdet måste vara större än 0 (t.ex. 0.05), inte {value!r}",
        "en": "the share of the study area must be above 0 (e.g. 0.05), not {value!r}",
    },
    "evaluate.bad_area": {
        "sv": "ytan måste vara ett positivt antal km², inte {value!r}",
        "en": "the area must be a positive number of km², not {value!r}",
    },
    "evaluate.coverage_text": {
        "sv": "{pct:g} % av studieområdet",
        "en": "{pct:g} % of the study area",
    },
    "evaluate.budget_too_large": {
        "sv": "ytbudgeten {asked} är större än studieområdet ({total:.2f} km²): "
        "alla rutor väljs (träffandel 1, PAI 1)",
        "en": "the area budget {asked} is larger than the study area ({total:.2f} km²): "
        "every cell is chosen (hit rate 1, PAI 1)",
    },
    "evaluate.budget_rounded": {
        "sv": "ytbudgeten {asked} avrundades till hela rutor: {n} rutor, {area:.4g} km²",
        "sv_one": "ytbudgeten {asked} avrundades till hela rutor: {n} ruta, {area:.4g} km²",
        "en": "the area budget {asked} was rounded to whole cells: {n} cells, {area:.4g} km²",
        "en_one": "the area budget {asked} was rounded to whole cells: {n} cell, "
        "{area:.4g} km²",
    },
    "evaluate.bad_ranking": {
        "sv": "rangordningen måste vara heltalsindex till rutnätets rutor",
        "en": "the ranking must be integer indices of the grid's cells",
    },
    "evaluate.ranking_repeats": {
        "sv": "rangordningen tar upp samma ruta flera gånger",
        "en": "the ranking lists a cell more than once",
    },
    "evaluate.bad_counts": {
        "sv": "antalen per ruta måste vara ändliga och icke-negativa",
        "en": "the counts per cell must be finite and non-negative",
    },
    "evaluate.no_test_incidents": {
        "sv": "inga händelser i studieområdet under testperioden: "
        "träffandel, PAI och PEI* saknar värde (NaN)",
        "en": "no incidents in the study area in the test period: "
        "hit rate, PAI and PEI* are undefined (NaN)",
    },
    # -- CSV files and study-area files
    "evaluate.bad_crs": {
        "sv": "okänt koordinatsystem {value!r} (t.ex. EPSG:3006)",
        "en": "unknown CRS {value!r} (e.g. EPSG:3006)",
    },
    "evaluate.csv_unreadable": {
        "sv": "{file}: går inte att läsa som CSV ({detail})",
        "en": "{file}: cannot be read as CSV ({detail})",
    },
    "evaluate.csv_empty": {
        "sv": "{file}: filen är tom",
        "en": "{file}: the file is empty",
    },
    "evaluate.column_out_of_range": {
        "sv": "kolumn nummer {column} finns inte: raderna har {width} fält",
        "en": "there is no column number {column}: the rows have {width} fields",
    },
    "evaluate.column_not_found": {
        "sv": "{file} saknar kolumnen {column!r} (rubriker: {found}); "
        "ange ett namn eller ett kolumnnummer (från 1)",
        "en": "{file} has no column {column!r} (headers: {found}); "
        "give a name or a column number (from 1)",
    },
    "evaluate.header_mismatch": {
        "sv": "{file}: rubrikraden har {header} namn men raderna har {fields} fält, så "
        "namnen stämmer inte med datat; ange kolumnerna med nummer (från 1), t.ex. "
        "'--time-column 2' '--lat-column 5' '--lon-column 6'",
        "en": "{file}: the header has {header} names but the rows have {fields} fields, so "
        "the names do not line up with the data; give the columns by number (from 1), "
        "e.g. '--time-column 2' '--lat-column 5' '--lon-column 6'",
    },
    "evaluate.header_skipped": {
        "sv": "rubrikraden ({header} namn) stämmer inte med raderna ({fields} fält): "
        "den hoppades över och kolumnerna lästes efter nummer",
        "en": "the header ({header} names) does not match the rows ({fields} fields): "
        "it was skipped and the columns read by number",
    },
    "evaluate.no_header_needs_numbers": {
        "sv": "utan rubrikrad: ange tid och koordinater med kolumnnummer (från 1), "
        "t.ex. '--time-column 2' '--lat-column 5' '--lon-column 6'",
        "en": "without a header: give the time and coordinates by column number "
        "(from 1), e.g. '--time-column 2' '--lat-column 5' '--lon-column 6'",
    },
    "evaluate.need_time_column": {
        "sv": "ingen tidskolumn hittades: ange '--time-column'",
        "en": "no time column found: give '--time-column'",
    },
    "evaluate.need_coordinate_columns": {
        "sv": "inga koordinatkolumner hittades: ange '--lon-column' och '--lat-column' "
        "(WGS84) eller '--x-column', '--y-column' och --crs",
        "en": "no coordinate columns found: give '--lon-column' and '--lat-column' (WGS84) "
        "or '--x-column', '--y-column' and --crs",
    },
    "evaluate.xy_needs_crs": {
        "sv": "x/y-koordinater kräver --crs (t.ex. EPSG:3006); koordinatsystemet gissas "
        "aldrig",
        "en": "x/y coordinates need --crs (e.g. EPSG:3006); a CRS is never guessed",
    },
    "evaluate.crs_not_projected": {
        "sv": "{crs} har grader, inte meter: ange ett projicerat koordinatsystem "
        "(t.ex. EPSG:3006), eller '--lon-column'/'--lat-column' för grader",
        "en": "{crs} is in degrees, not metres: give a projected CRS (e.g. EPSG:3006), "
        "or '--lon-column'/'--lat-column' for degrees",
    },
    "evaluate.rows_wrong_width": {
        "sv": "{n} rader har för få fält (normalt {fields}) och lämnades utanför",
        "sv_one": "{n} rad har för få fält (normalt {fields}) och lämnades utanför",
        "en": "{n} rows have too few fields (usually {fields}) and were left out",
        "en_one": "{n} row has too few fields (usually {fields}) and was left out",
    },
    "evaluate.lonlat_out_of_range": {
        "sv": "{n} värden ligger utanför longitud ±180 / latitud ±90: är det meter? "
        "ange då '--x-column', '--y-column' och --crs",
        "en": "{n} values lie outside longitude ±180 / latitude ±90: metres? "
        "then give '--x-column', '--y-column' and --crs",
    },
    "evaluate.rows_no_time": {
        "sv": "{n} rader utan läsbar tid lämnades utanför (t.ex. {example})",
        "sv_one": "{n} rad utan läsbar tid lämnades utanför ({example})",
        "en": "{n} rows without a readable time were left out (e.g. {example})",
        "en_one": "{n} row without a readable time was left out ({example})",
    },
    "evaluate.rows_no_coordinates": {
        "sv": "{n} rader utan koordinater lämnades utanför",
        "sv_one": "{n} rad utan koordinater lämnades utanför",
        "en": "{n} rows without coordinates were left out",
        "en_one": "{n} row without coordinates was left out",
    },
    "evaluate.no_usable_rows": {
        "sv": "{file}: ingen rad har både tid och koordinater",
        "en": "{file}: no row has both a time and coordinates",
    },
    "evaluate.projected_to": {
        "sv": "lon/lat projicerades till {crs} (meter)",
        "en": "lon/lat projected to {crs} (metres)",
    },
    "evaluate.area_unreadable": {
        "sv": "{file}: studieområdet går inte att läsa ({detail})",
        "en": "{file}: cannot read the study area ({detail})",
    },
    "evaluate.area_needs_crs": {
        "sv": "{file} saknar koordinatsystem (tom .prj?): ange '--study-area-crs', "
        "t.ex. EPSG:2790",
        "en": "{file} has no CRS (empty .prj?): give '--study-area-crs', e.g. EPSG:2790",
    },
    "evaluate.area_crs_conflict": {
        "sv": "{file} anger {has}, men '--study-area-crs' säger {given}; "
        "ta bort '--study-area-crs'",
        "en": "{file} says {has}, but '--study-area-crs' says {given}; "
        "leave out '--study-area-crs'",
    },
    "evaluate.area_not_polygons": {
        "sv": "{file}: studieområdet måste bestå av polygoner",
        "en": "{file}: the study area must be polygons",
    },
    "evaluate.area_crs_needs_file": {
        "sv": "'--study-area-crs' gäller bara tillsammans med '--study-area'",
        "en": "'--study-area-crs' only applies together with '--study-area'",
    },
    "evaluate.columns_need_file": {
        "sv": "kolumn- och koordinatval gäller en CSV-fil: ange filen, "
        "eller inga val för databasen",
        "en": "column and CRS options apply to a CSV file: give the file, "
        "or no such options for the database",
    },
    "evaluate.no_stored_points": {
        "sv": "databasen har inga händelser med gatuprecision eller bättre att utvärdera",
        "en": "the database has no incidents at street precision or better to evaluate",
    },
    "evaluate.from_database": {
        "sv": "{n} händelser ur databasen (gatuprecision eller bättre)",
        "sv_one": "{n} händelse ur databasen (gatuprecision eller bättre)",
        "en": "{n} incidents from the database (street precision or better)",
        "en_one": "{n} incident from the database (street precision or better)",
    },
    # -- the evaluation table
    "evaluate.title": {
        "sv": "Utvärdering av prognoser på kommande perioder",
        "en": "Evaluation of forecasts on held-out periods",
    },
    "evaluate.setup": {
        "sv": "{cells} rutor à {size:g} m, studieområde {area:.2f} km², tider {resolution}",
        "en": "{cells} cells of {size:g} m, study area {area:.2f} km², times {resolution}",
    },
    "evaluate.resolution_month": {"sv": "per månad", "en": "by month"},
    "evaluate.resolution_day": {"sv": "per dag", "en": "by day"},
    "evaluate.resolution_instant": {"sv": "med klockslag", "en": "with time of day"},
    "evaluate.col_method": {"sv": "metod", "en": "method"},
    "evaluate.col_origin": {"sv": "start", "en": "origin"},
    "evaluate.col_hit_rate": {"sv": "träffandel", "en": "hit rate"},
    "evaluate.col_area": {"sv": "yta km²", "en": "area km²"},
    "evaluate.mean": {
        "sv": "medel {method} ({origins} starter): träffandel {hit_rate} %, PAI {pai}, "
        "PEI* {pei}",
        "en": "mean {method} ({origins} origins): hit rate {hit_rate} %, PAI {pai}, "
        "PEI* {pei}",
    },
}
