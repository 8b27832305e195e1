"""Messages of the command line: summaries, tables, prompts and one-line errors."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "error": {"sv": "fel", "en": "error"},
    # -- import summary
    "summary.title": {"sv": "Import av {file}", "en": "Import of {file}"},
    "summary.dry_run": {
        "sv": "provkörning: ingenting sparades",
        "en": "dry run: nothing was saved",
    },
    "summary.read": {"sv": "lästa rader", "en": "rows read"},
    "summary.stored": {"sv": "sparade", "en": "stored"},
    "summary.incidents": {"sv": "  varav händelser", "en": "  incidents"},
    "summary.observations": {"sv": "  varav observationer", "en": "  observations"},
    "summary.duplicate": {"sv": "dubbletter", "en": "duplicates"},
    "summary.rejected": {"sv": "avvisade", "en": "rejected"},
    "summary.review": {
        "sv": "väntar på geokodning (granskningskö)",
        "en": "waiting for geocoding review",
    },
    "summary.precision": {"sv": "precision", "en": "precision"},
    "summary.notes": {"sv": "Att notera", "en": "Notes"},
    "summary.rejections": {"sv": "Avvisade rader", "en": "Rejected rows"},
    "summary.more": {
        "sv": "... och {n} till (alla finns i databasen, import {batch})",
        "en": "... and {n} more (all are in the database, import {batch})",
    },
    "summary.source": {"sv": "källa", "en": "source"},
    "summary.format": {"sv": "format", "en": "format"},
    "summary.encoding": {"sv": "teckenkodning", "en": "encoding"},
    "col.line": {"sv": "rad", "en": "line"},
    "col.field": {"sv": "fält", "en": "field"},
    "col.reason": {"sv": "orsak", "en": "reason"},
    "col.value": {"sv": "värde", "en": "value"},
    "cli.progress_rows": {"sv": "rader", "en": "rows"},
    # -- stats
    "stats.title": {"sv": "Innehåll i databasen", "en": "Database contents"},
    "stats.by_category": {"sv": "per kategori", "en": "by category"},
    "stats.by_precision": {"sv": "per precision", "en": "by precision"},
    "stats.by_week": {"sv": "per vecka", "en": "by week"},
    "stats.count_incidents": {"sv": "händelser", "en": "incidents"},
    "stats.count_observations": {"sv": "observationer", "en": "observations"},
    "stats.count_walks": {"sv": "trygghetsvandringar", "en": "walks"},
    "stats.count_gazetteer": {"sv": "poster i ortregistret", "en": "gazetteer entries"},
    "stats.count_imports": {"sv": "importer", "en": "imports"},
    "stats.count_review": {"sv": "i granskningskön", "en": "in the review queue"},
    "stats.col_code": {"sv": "kod", "en": "code"},
    "stats.col_category": {"sv": "kategori", "en": "category"},
    "stats.col_count": {"sv": "antal", "en": "count"},
    "stats.older_weeks": {
        "sv": "(+{n} äldre veckor)",
        "sv_one": "(+{n} äldre vecka)",
        "en": "(+{n} older weeks)",
        "en_one": "(+{n} older week)",
    },
    "kind.incident": {"sv": "Händelser", "en": "Incidents"},
    "kind.observation": {"sv": "Observationer", "en": "Observations"},
    # -- review queue and geocoding
    "review.empty": {"sv": "Granskningskön är tom.", "en": "The review queue is empty."},
    "review.title": {
        "sv": "Granskningskö: {n} poster utan säker plats",
        "sv_one": "Granskningskö: {n} post utan säker plats",
        "en": "Review queue: {n} records without a reliable location",
        "en_one": "Review queue: {n} record without a reliable location",
    },
    "review.col_id": {"sv": "id", "en": "id"},
    "review.col_date": {"sv": "datum", "en": "date"},
    "review.col_category": {"sv": "kategori", "en": "category"},
    "review.col_place": {"sv": "adress/plats", "en": "address/place"},
    "review.col_reason": {"sv": "orsak", "en": "reason"},
    "review.more": {
        "sv": "... {n} till (--json visar alla)",
        "en": "... {n} more (--json shows all)",
    },
    "review.hint": {
        "sv": "Ange plats: hotspots geocode --id incident:ID --lat 55.93 --lon 13.54 "
        "(eller --address 'Storgatan 1, Höör')",
        "en": "Give a location: hotspots geocode --id incident:ID --lat 55.93 --lon 13.54 "
        "(or --address 'Storgatan 1, Höör')",
    },
    "review.set": {
        "sv": "{kind} {id} har fått en plats ({precision}).",
        "en": "{kind} {id} now has a location ({precision}).",
    },
    "geocode.done": {
        "sv": "Geokodade {ok} av {n} poster i kön; {left} väntar fortfarande.",
        "en": "Geocoded {ok} of {n} queued records; {left} still wait.",
    },
    "gazetteer.done": {
        "sv": "Ortregister: {stored} poster sparade, {dup} fanns redan, {rej} avvisade.",
        "en": "Gazetteer: {stored} entries stored, {dup} already there, {rej} rejected.",
    },
    "gazetteer.rejection": {"sv": "rad {line}: {reason}", "en": "line {line}: {reason}"},
    # -- database, demo, service
    "db.upgraded": {"sv": "Databasen är uppdaterad: {url}", "en": "Database is up to date: {url}"},
    "demo.loaded": {"sv": "Demodata inläst i {url}", "en": "Demo data loaded into {url}"},
    "demo.file": {
        "sv": "{file}: {stored} sparade, {dup} dubbletter, {rej} avvisade, "
        "{review} i granskningskön",
        "en": "{file}: {stored} stored, {dup} duplicates, {rej} rejected, "
        "{review} in the review queue",
    },
    "demo.not_empty": {
        "sv": "databasen {url} innehåller redan data; använd --reset för att börja om",
        "en": "database {url} already holds data; use --reset to start over",
    },
    "serve.open": {"sv": "Tjänsten körs: öppna {url}", "en": "Service running: open {url}"},
    # -- precision labels
    "precision.exact": {"sv": "exakt", "en": "exact"},
    "precision.address": {"sv": "adress", "en": "address"},
    "precision.street": {"sv": "gata", "en": "street"},
    "precision.locality": {"sv": "ort", "en": "locality"},
    "precision.municipality": {"sv": "kommun", "en": "municipality"},
    "precision.failed": {"sv": "saknas", "en": "failed"},
    # -- one-line errors
    "cli.map_pairs": {
        "sv": "--map förväntar sig par fält=Rubrik åtskilda med kommatecken, fick {part!r}",
        "en": "--map expects field=Header pairs separated by commas, got {part!r}",
    },
    "cli.database_error": {"sv": "databasfel: {detail}", "en": "database: {detail}"},
    "cli.permission_denied": {
        "sv": "{file}: åtkomst nekad",
        "en": "{file}: permission denied",
    },
    "cli.os_error": {
        "sv": "{file}: kan inte läsas eller skrivas ({detail})",
        "en": "{file}: {detail}",
    },
    "cli.system_error": {"sv": "systemfel: {detail}", "en": "{detail}"},
    "cli.aborted": {"sv": "avbrutet", "en": "aborted"},
    # -- the service's start page
    "page.intro": {
        "sv": "Lägesbild för kommun och lokalpolis: veckans hotspotkarta och lägesbild, "
        "data och API. Logga in för att se det din roll får se.",
        "en": "Situation picture for the municipality and local police: this week's hotspot "
        "map and report, data and API. Log in to see what your role may see.",
    },
    "page.docs": {"sv": "API-dokumentation (OpenAPI)", "en": "API documentation (OpenAPI)"},
    "page.stats": {"sv": "Statistik (JSON)", "en": "Statistics (JSON)"},
    "page.unavailable": {
        "sv": "Databasen kan inte användas just nu.",
        "en": "The database cannot be used right now.",
    },
    "cli.progress_geocode": {"sv": "Geokodar granskningskön", "en": "Geocoding the review queue"},
    # -- detection runs
    "detect.unknown_method": {
        "sv": "okänd metod {method!r}: välj {known}",
        "en": "unknown method {method!r}: choose {known}",
    },
    "detect.no_result": {
        "sv": "analysen gav inget kartlager",
        "en": "the analysis produced no map layer",
    },
    "detect.no_points": {
        "sv": "inga händelser med gatuprecision eller bättre i det valda urvalet "
        "(tid, kategorier, område)",
        "en": "no incidents with street precision or better in the selection "
        "(time, categories, area)",
    },
    "cli.bad_day": {
        "sv": "{value!r} är inget datum: skriv t.ex. 2026-11-16",
        "en": "{value!r} is not a date: write e.g. 2026-11-16",
    },
    "cli.bad_week": {
        "sv": "{value!r} är ingen ISO-vecka: skriv t.ex. 2026-W47",
        "en": "{value!r} is not an ISO week: write e.g. 2026-W47",
    },
    "cli.bad_param": {
        "sv": "--param väntar sig namn=värde, t.ex. bandwidth=250, inte {value!r}",
        "en": "--param expects name=value, e.g. bandwidth=250, not {value!r}",
    },
    "detect.done": {
        "sv": "Analys {run} ({method}): {features} objekt från {n_points} händelser",
        "en": "Run {run} ({method}): {features} features from {n_points} incidents",
    },
    "detect.written": {"sv": "GeoJSON skriven till {output}", "en": "GeoJSON written to {output}"},
    "focus.bad_top": {
        "sv": "--top måste vara minst 1, inte {top}",
        "en": "--top must be at least 1, not {top}",
    },
    "focus.no_points": {
        "sv": "inga händelser före prognosens start att bygga prognosen på",
        "en": "no incidents before the start of the forecast to build it on",
    },
    "focus.title": {
        "sv": "Fokusområden: {n} områden för de {horizon} dagarna från {day}",
        "en": "Focus areas: {n} areas for the {horizon} days from {day}",
    },
    "focus.col.rank": {"sv": "nr", "en": "rank"},
    "focus.col.where": {"sv": "mitt (lat, lon)", "en": "centre (lat, lon)"},
    "focus.col.risk": {"sv": "prognos", "en": "forecast"},
    "focus.col.recent": {"sv": "senaste 4 v", "en": "last 4 wk"},
    "focus.col.previous": {"sv": "4 v före", "en": "4 wk before"},
    "focus.col.trend": {"sv": "trend", "en": "trend"},
    "focus.col.what": {"sv": "vanligast", "en": "most common"},
    "focus.col.when": {"sv": "dagar; timmar", "en": "days; hours"},
    "focus.trend.up": {"sv": "ökar", "en": "rising"},
    "focus.trend.down": {"sv": "minskar", "en": "falling"},
    "focus.trend.stable": {"sv": "oförändrad", "en": "stable"},
    "cli.bad_bbox": {
        "sv": "{value!r} är ingen ruta: skriv min_lon,min_lat,max_lon,max_lat, t.ex. "
        "13.51,55.92,13.57,55.95",
        "en": "{value!r} is not a box: write min_lon,min_lat,max_lon,max_lat, e.g. "
        "13.51,55.92,13.57,55.95",
    },
    "runs.col.method": {"sv": "metod", "en": "method"},
    "runs.col.from": {"sv": "från", "en": "from"},
    "runs.col.to": {"sv": "till och med", "en": "to (incl.)"},
    "runs.col.points": {"sv": "händelser", "en": "incidents"},
    "runs.col.features": {"sv": "objekt", "en": "features"},
    "runs.col.created": {"sv": "skapad", "en": "created"},
}
