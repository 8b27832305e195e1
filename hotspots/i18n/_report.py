"""Messages of the weekly lägesbild report (``hotspots report``, the report page)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- input
    "report.unknown_category": {
        "sv": "okänd kategori {code!r}: kända är {known}",
        "en": "unknown category {code!r}: known are {known}",
    },
    "report.unknown_kommun": {"sv": "okänd kommun", "en": "unknown municipality"},
    # -- trend words
    "report.trend.new": {"sv": "ny", "en": "new"},
    "report.trend.growing": {"sv": "ökande", "en": "growing"},
    "report.trend.fading": {"sv": "avtagande", "en": "fading"},
    "report.trend.persistent": {"sv": "ihållande", "en": "persistent"},
    "report.trend.stable": {"sv": "oförändrad", "en": "about as before"},
    # -- why a measure is suggested
    "report.why.lighting": {
        "sv": "{night} av {total} händelser kl. 18–06 ({pct} %) och {obs} öppna "
        "observationer om belysning",
        "en": "{night} of {total} incidents at 18–06 ({pct} %) and {obs} open lighting "
        "observations",
    },
    "report.why.property_weeks": {
        "sv": "egendomsbrott {weeks} av {of} veckor ({n} händelser)",
        "en": "property crime in {weeks} of {of} weeks ({n} incidents)",
    },
    "report.why.property_pattern": {
        "sv": "ihållande/intensifierad het punkt, {n} egendomsbrott ({pct} %)",
        "en": "persistent/intensifying hot spot, {n} property crimes ({pct} %)",
    },
    "report.note.camera_permit": {
        "sv": "kräver tillstånd enligt kamerabevakningslagen (IMY) om inte polisen bevakar",
        "en": "needs a permit under the Camera Surveillance Act (IMY) unless the police run it",
    },
    "report.why.burglary": {
        "sv": "{n} bostadsinbrott på fem veckor",
        "en": "{n} residential burglaries in five weeks",
    },
    "report.why.moped": {
        "sv": "{n} händelser med buskörning (moped/A-traktor) på fem veckor",
        "en": "{n} incidents of reckless moped/A-tractor driving in five weeks",
    },
    "report.why.vegetation": {
        "sv": "{n} öppna observationer om skymd sikt/vegetation",
        "en": "{n} open observations of blocked sight lines/vegetation",
    },
    "report.why.graffiti": {
        "sv": "{n} öppna observationer om klotter",
        "en": "{n} open graffiti observations",
    },
    "report.why.top_category": {
        "sv": "vanligast: {category} ({n} av {total} händelser)",
        "en": "most common: {category} ({n} of {total} incidents)",
    },
    # -- page
    "report.title": {
        "sv": "Lägesbild vecka {week}, {year}",
        "en": "Situation report week {week}, {year}",
    },
    "report.subtitle": {"sv": "{first} – {last}", "en": "{first} – {last}"},
    "report.generated": {"sv": "skapad {when}", "en": "generated {when}"},
    "report.suppressed": {
        "sv": "Antal under {k} visas som ”< {k}” för att skydda enskilda.",
        "en": "Counts below {k} are shown as “< {k}” to protect individuals.",
    },
    "report.empty": {
        "sv": "Inga händelser eller trygghetsobservationer är registrerade vecka {week}.",
        "en": "No incidents or safety-walk observations are recorded in week {week}.",
    },
    "report.fig.incidents": {"sv": "händelser denna vecka", "en": "incidents this week"},
    "report.fig.previous": {
        "sv": "snitt per vecka, 4 veckor före",
        "en": "weekly mean, 4 weeks before",
    },
    "report.fig.mapped": {
        "sv": "med gatunära position (på kartan)",
        "en": "placed to street level (on the map)",
    },
    "report.fig.hotspots": {"sv": "hotspots i tabellen", "en": "hotspots in the table"},
    "report.fig.observations": {"sv": "nya observationer", "en": "new observations"},
    "report.fig.closed": {
        "sv": "åtgärdade/avslutade observationer",
        "en": "observations fixed/closed",
    },
    "report.h.map": {"sv": "Karta", "en": "Map"},
    "report.h.hotspots": {"sv": "Hotspots", "en": "Hotspots"},
    "report.h.when": {
        "sv": "När händer det? Timme och veckodag",
        "en": "When does it happen? Hour and weekday",
    },
    "report.h.observations": {"sv": "Trygghetsvandringar", "en": "Safety walks"},
    "report.h.obs_new": {"sv": "Nya observationer denna vecka", "en": "New observations this week"},
    "report.h.obs_closed": {
        "sv": "Åtgärdade eller avslutade denna vecka",
        "en": "Fixed or closed this week",
    },
    "report.h.measures": {"sv": "Åtgärder", "en": "Measures"},
    "report.h.imprecise": {
        "sv": "Händelser utan exakt plats",
        "en": "Incidents without a precise place",
    },
    "report.hotspots_intro": {
        "sv": "Områden där händelser samlas (DBSCAN, 100 m) de senaste fem veckorna, "
        "ordnade efter antal denna vecka. Trend: denna vecka mot snittet av de fyra "
        "veckorna före (Poisson-test, 5 %). Mönster: analys av framväxande hotspots, 12 veckor.",
        "en": "Areas where incidents cluster (DBSCAN, 100 m) in the last five weeks, ordered by "
        "this week's count. Trend: this week against the mean of the four weeks before "
        "(Poisson test, 5 %). Pattern: emerging hotspot analysis, 12 weeks.",
    },
    "report.no_hotspots": {
        "sv": "Inga områden med samlade händelser de senaste fem veckorna.",
        "en": "No areas where incidents cluster in the last five weeks.",
    },
    "report.col.place": {"sv": "Plats", "en": "Place"},
    "report.col.this_week": {"sv": "Denna vecka", "en": "This week"},
    "report.col.previous": {"sv": "Snitt 4 v. före", "en": "Mean 4 wk before"},
    "report.col.change": {"sv": "Förändring", "en": "Change"},
    "report.col.trend": {"sv": "Trend", "en": "Trend"},
    "report.col.pattern": {"sv": "Mönster (12 v.)", "en": "Pattern (12 wk)"},
    "report.col.categories": {"sv": "Vanligast (5 v.)", "en": "Most common (5 wk)"},
    "report.col.hours": {"sv": "Flest kl.", "en": "Peak hours"},
    "report.col.suggested": {
        "sv": "Föreslagna åtgärder (varför)",
        "en": "Suggested measures (why)",
    },
    "report.already": {"sv": "Åtgärder här", "en": "Measures here"},
    "report.no_times": {
        "sv": "Inga händelser med tid denna vecka.",
        "en": "No timed incidents this week.",
    },
    "report.hours_note": {
        "sv": "Antal händelser per timme och veckodag denna vecka (lokal tid). En händelse med "
        "ett tidsintervall fördelas över timmarna i intervallet.",
        "en": "Incidents per hour and weekday this week (local time). An incident with a time "
        "window is spread over the hours of the window.",
    },
    "report.day.mon": {"sv": "mån", "en": "Mon"},
    "report.day.tue": {"sv": "tis", "en": "Tue"},
    "report.day.wed": {"sv": "ons", "en": "Wed"},
    "report.day.thu": {"sv": "tor", "en": "Thu"},
    "report.day.fri": {"sv": "fre", "en": "Fri"},
    "report.day.sat": {"sv": "lör", "en": "Sat"},
    "report.day.sun": {"sv": "sön", "en": "Sun"},
    "report.col.date": {"sv": "Datum", "en": "Date"},
    "report.col.category": {"sv": "Kategori", "en": "Category"},
    "report.col.note": {"sv": "Anteckning", "en": "Note"},
    "report.col.walk": {"sv": "Vandring", "en": "Walk"},
    "report.col.status": {"sv": "Status", "en": "Status"},
    "report.col.closed_on": {"sv": "Ändrad", "en": "Changed"},
    "report.col.comment": {"sv": "Kommentar", "en": "Comment"},
    "report.none_new_obs": {
        "sv": "Inga nya observationer denna vecka.",
        "en": "No new observations this week.",
    },
    "report.none_closed_obs": {
        "sv": "Inga observationer åtgärdades eller avslutades denna vecka.",
        "en": "No observations were fixed or closed this week.",
    },
    "report.status.ny": {"sv": "ny", "en": "new"},
    "report.status.rapporterad": {"sv": "rapporterad", "en": "reported"},
    "report.status.atgardad": {"sv": "åtgärdad", "en": "fixed"},
    "report.status.avslutad": {"sv": "avslutad", "en": "closed"},
    "report.status.foreslagen": {"sv": "föreslagen", "en": "proposed"},
    "report.status.planerad": {"sv": "planerad", "en": "planned"},
    "report.status.pagaende": {"sv": "pågående", "en": "under way"},
    "report.status.genomford": {"sv": "genomförd", "en": "done"},
    "report.col.measure": {"sv": "Åtgärd", "en": "Measure"},
    "report.col.title": {"sv": "Beskrivning", "en": "Description"},
    "report.col.decided": {"sv": "Beslutad", "en": "Decided"},
    "report.col.placed": {"sv": "På plats från", "en": "In place from"},
    "report.col.this_week_flag": {"sv": "Denna vecka", "en": "This week"},
    "report.measure.placed_now": {"sv": "på plats denna vecka", "en": "placed this week"},
    "report.measure.changed_now": {"sv": "ändrad status", "en": "status changed"},
    "report.none_measures": {
        "sv": "Inga åtgärder placerade, ändrade eller pågående.",
        "en": "No measures placed, changed or under way.",
    },
    "report.imprecise_intro": {
        "sv": "Händelser denna vecka som inte kan placeras närmare än ort eller kommun "
        "(t.ex. polisens händelser, som bara anger kommunen) syns inte på kartan men räknas här.",
        "en": "Incidents this week that cannot be placed closer than a locality or a "
        "municipality (such as police events, which only name the municipality) are not on "
        "the map but are counted here.",
    },
    "report.col.kommun": {"sv": "Kommun", "en": "Municipality"},
    "report.col.precision": {"sv": "Känd plats", "en": "Known place"},
    "report.col.count": {"sv": "Antal", "en": "Count"},
    "report.precision.locality": {"sv": "ort", "en": "locality"},
    "report.precision.municipality": {"sv": "kommun", "en": "municipality"},
    "report.precision.failed": {
        "sv": "okänd (väntar på granskning)",
        "en": "unknown (awaiting review)",
    },
    "report.none_imprecise": {
        "sv": "Alla händelser denna vecka har en gatunära position.",
        "en": "Every incident this week has a street-level position.",
    },
    "report.review_pending": {
        "sv": "{n} poster väntar i granskningskön (hotspots geocode --review).",
        "en": "{n} records wait in the review queue (hotspots geocode --review).",
        "sv_one": "{n} post väntar i granskningskön (hotspots geocode --review).",
        "en_one": "{n} record waits in the review queue (hotspots geocode --review).",
    },
    "report.layer.areas": {"sv": "Hotspots i tabellen", "en": "Hotspots in the table"},
    "report.layer.area_numbers": {"sv": "Hotspots: nummer", "en": "Hotspots: numbers"},
    "report.legend.areas": {
        "sv": "område med nummer i tabellen",
        "en": "area with its table number",
    },
    "report.footer": {
        "sv": "Skapad med hotspots. Förslagen på åtgärder följer enkla regler "
        "(se README, ”Föreslagna åtgärder”) och ersätter inte en lokal bedömning.",
        "en": "Made with hotspots. The suggested measures follow simple rules (see the README, "
        "“Suggested measures”) and do not replace a local judgement.",
    },
    # -- CLI and export
    "report.written": {
        "sv": "lägesbild {week} skriven till {path} ({size} kB): {n} händelser, "
        "{hotspots} hotspots",
        "en": "report {week} written to {path} ({size} kB): {n} incidents, {hotspots} hotspots",
    },
    "export.no_chromium": {
        "sv": "PDF och PNG kräver Chromium: installera paketet chromium eller ange "
        "HOTSPOTS_CHROMIUM",
        "en": "PDF and PNG need Chromium: install the chromium package or set HOTSPOTS_CHROMIUM",
    },
    "export.failed": {
        "sv": "Chromium kunde inte skriva sidan: {detail}",
        "en": "Chromium could not write the page: {detail}",
    },
    "export.bad_format": {
        "sv": "okänt format {value!r}: välj {formats}",
        "en": "unknown format {value!r}: choose {formats}",
    },
    "page.forbidden": {
        "sv": "Din roll får inte öppna den här sidan.",
        "en": "Your role may not open this page.",
    },
    "page.error": {"sv": "Sidan kunde inte visas", "en": "The page could not be shown"},
    "page.report_link": {"sv": "Veckans lägesbild", "en": "This week's situation report"},
    "page.map_link": {"sv": "Hotspotkarta", "en": "Hotspot map"},
    "page.login_link": {"sv": "Logga in", "en": "Log in"},
    "report.time_windows": {
        "sv": "{n} händelser denna vecka har bara en tidsperiod längre än en vecka (t.ex. bara "
        "månaden); de räknas med den andel av perioden som faller i varje vecka.",
        "en": "{n} incidents this week are known only to a period longer than a week (e.g. "
        "the month); each week counts the share of the period that falls in it.",
    },
    "report.h.alerts": {"sv": "Avvikelser", "en": "Deviations"},
    "report.alerts_intro": {
        "sv": "Områden med fler händelser än sin egen förväntade nivå, eller nya och "
        "tilltagande hotspots (hotspots alerts check; FDR 5 % per vecka).",
        "en": "Areas with more incidents than their own expected level, or new and "
        "intensifying hotspots (hotspots alerts check; FDR 5 % per week).",
    },
    "report.none_alerts": {
        "sv": "Inga avvikelser denna vecka (eller ingen kontroll körd).",
        "en": "No deviations this week (or no check run).",
    },
    "report.alert.count": {"sv": "fler än väntat", "en": "more than expected"},
    "report.alert.emerging": {"sv": "ny/tilltagande hotspot", "en": "new/intensifying hotspot"},
    "report.alert.open": {"sv": "ny", "en": "new"},
    "report.alert.acked": {"sv": "kvitterad: {note}", "en": "acknowledged: {note}"},
    "report.col.where": {"sv": "Var", "en": "Where"},
    "report.col.alert_kind": {"sv": "Slag", "en": "Kind"},
    "report.col.observed_expected": {"sv": "Observerat / väntat", "en": "Observed / expected"},
    "report.h.promises": {"sv": "Medborgarlöften", "en": "Citizen promises"},
    "report.none_promises": {
        "sv": "Inga medborgarlöften löper denna vecka.",
        "en": "No citizen promises run this week.",
    },
    "report.col.promise": {"sv": "Löfte", "en": "Promise"},
    "report.col.activity": {"sv": "Aktivitet", "en": "Activity"},
    "report.col.done": {"sv": "Gjort", "en": "Done"},
    "report.col.due": {"sv": "Borde vara gjort", "en": "Due so far"},
    "report.col.target": {"sv": "Mål för perioden", "en": "Target for the period"},
    "report.promise.on_track": {"sv": "i fas", "en": "on track"},
    "report.promise.behind": {"sv": "efter", "en": "behind"},
}
