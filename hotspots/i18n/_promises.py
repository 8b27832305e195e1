"""Messages of the promises (medborgarlöften) area."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # activity types (data/activity_types.toml)
    "promises.types_invalid": {
        "sv": "{file}: ogiltig tabell över aktivitetstyper: {detail}",
        "en": "{file}: invalid table of activity types: {detail}",
    },
    "promises.types_empty": {
        "sv": "inga [type.<kod>] i filen",
        "en": "no [type.<code>] in the file",
    },
    "promises.bad_code": {
        "sv": "ogiltig kod {value!r} (små bokstäver, siffror, _)",
        "en": "invalid code {value!r} (lower-case letters, digits, _)",
    },
    "promises.type_no_label": {
        "sv": "typ {code}: {field} saknas",
        "en": "type {code}: {field} missing",
    },
    # promise files
    "promises.yaml_error": {
        "sv": "{file}: ogiltig YAML: {detail}",
        "en": "{file}: invalid YAML: {detail}",
    },
    "promises.error_file": {"sv": "{file}: {detail}", "en": "{file}: {detail}"},
    "promises.error_promise": {
        "sv": "{file}: löfte {n} ({title}): {detail}",
        "en": "{file}: promise {n} ({title}): {detail}",
    },
    "promises.error_target": {
        "sv": "{file}: löfte {n} ({title}), mål {m}: {detail}",
        "en": "{file}: promise {n} ({title}), target {m}: {detail}",
    },
    "promises.not_mapping": {
        "sv": "väntade nycklar med värden (nyckel: värde)",
        "en": "expected keys with values (key: value)",
    },
    "promises.not_list": {
        "sv": "{field} ska vara en lista",
        "en": "{field} must be a list",
    },
    "promises.missing": {"sv": "{field} saknas", "en": "{field} missing"},
    "promises.bad_date": {
        "sv": "{field}: ogiltigt datum {value!r} (ÅÅÅÅ-MM-DD)",
        "en": "{field}: invalid date {value!r} (YYYY-MM-DD)",
    },
    "promises.period_reversed": {
        "sv": "perioden slutar {end}, före sin början {start}",
        "en": "the period ends {end}, before it starts {start}",
    },
    "promises.no_promises": {
        "sv": "inga löften (`promises`) i filen",
        "en": "no promises (`promises`) in the file",
    },
    "promises.unknown_category": {
        "sv": "problems: okänd kategori {value!r} (koder i data/categories.toml)",
        "en": "problems: unknown category {value!r} (codes in data/categories.toml)",
    },
    "promises.no_number": {
        "sv": "number: antal saknas",
        "en": "number: no number given",
    },
    "promises.bad_number": {
        "sv": "number: antalet ska vara ett heltal större än 0, inte {value!r}",
        "en": "number: must be a whole number above 0, not {value!r}",
    },
    "promises.unknown_type": {
        "sv": "type: okänd aktivitetstyp {value!r} (kända: {known})",
        "en": "type: unknown activity type {value!r} (known: {known})",
    },
    "promises.unknown_cadence": {
        "sv": "cadence: okänd takt {value!r} (kända: {known})",
        "en": "cadence: unknown cadence {value!r} (known: {known})",
    },
    "promises.imported": {
        "sv": "{file}: {n} löften med {targets} mål sparade för {kommun} {start} – {end}"
        " ({updated} uppdaterade)",
        "en": "{file}: {n} promises with {targets} targets stored for {kommun} {start} – {end}"
        " ({updated} updated)",
        "sv_one": "{file}: {n} löfte med {targets} mål sparat för {kommun} {start} – {end}"
        " ({updated} uppdaterade)",
        "en_one": "{file}: {n} promise with {targets} targets stored for {kommun} {start} – {end}"
        " ({updated} updated)",
    },
    # activities
    "promises.coords_pair": {
        "sv": "ange både lon och lat, eller ingen av dem",
        "en": "give both lon and lat, or neither",
    },
    "promises.coords_range": {
        "sv": "koordinaterna lon={lon}, lat={lat} ligger utanför jorden (WGS84)",
        "en": "coordinates lon={lon}, lat={lat} are off the globe (WGS84)",
    },
    "promises.not_found": {"sv": "löfte {id} finns inte", "en": "promise {id} not found"},
    "promises.activity_outside_promise": {
        "sv": "{day} ligger utanför perioden {start} – {end} för löfte {id}:"
        " aktiviteten sparades inte",
        "en": "{day} is outside the period {start} – {end} of promise {id}:"
        " the activity was not stored",
    },
    "promises.activity_outside": {
        "sv": "{day} ligger utanför varje löftesperiod för kommun {kommun}: aktiviteten"
        " sparades inte (importera periodens löften, eller ange --promise för ett löfte vars"
        " period omfattar dagen)",
        "en": "{day} is outside every promise period of kommun {kommun}: the activity was not"
        " stored (import the period's promises, or give --promise for a promise whose period"
        " holds the day)",
    },
    "promises.activity_which_kommun": {
        "sv": "{day}: löften i flera kommuner gäller ({kommuner}): ange kommun",
        "en": "{day}: promises of several kommuner apply ({kommuner}): give the kommun",
    },
    "promises.activity_added": {
        "sv": "aktivitet {id} sparad: {type} {day} ({kommun})",
        "en": "activity {id} stored: {type} {day} ({kommun})",
    },
    # lists and progress
    "promises.none": {"sv": "inga löften", "en": "no promises"},
    "promises.title": {
        "sv": "{n} medborgarlöften",
        "en": "{n} citizen promises",
        "sv_one": "{n} medborgarlöfte",
        "en_one": "{n} citizen promise",
    },
    "promises.progress_title": {
        "sv": "Medborgarlöften: läget {day}",
        "en": "Citizen promises: progress on {day}",
    },
    "promises.no_targets": {"sv": "(inga räknebara mål)", "en": "(no countable targets)"},
    "promises.col_id": {"sv": "id", "en": "id"},
    "promises.col_kommun": {"sv": "kommun", "en": "kommun"},
    "promises.col_period": {"sv": "period", "en": "period"},
    "promises.col_title": {"sv": "löfte", "en": "promise"},
    "promises.col_targets": {"sv": "mål", "en": "targets"},
    "promises.col_type": {"sv": "aktivitet (mål)", "en": "activity (target)"},
    "promises.col_done": {"sv": "gjort", "en": "done"},
    "promises.col_due": {"sv": "borde vara gjort", "en": "due so far"},
    "promises.col_target": {"sv": "mål för perioden", "en": "target for the period"},
    "promises.cadence_per_year": {"sv": "per år", "en": "per year"},
    "promises.cadence_per_quarter": {"sv": "per kvartal", "en": "per quarter"},
    "promises.cadence_per_month": {"sv": "per månad", "en": "per month"},
    "promises.cadence_per_period": {"sv": "under perioden", "en": "in the period"},
    # the follow-up report (quarter / year)
    "promises.report_bad_period": {
        "sv": "ogiltig period {value!r}: ange ett år (2021) eller ett kvartal (2021-Q1 .. 2021-Q4)",
        "en": "invalid period {value!r}: give a year (2021) or a quarter (2021-Q1 .. 2021-Q4)",
    },
    "promises.report_bad_lang": {
        "sv": "okänt språk {value!r}: sv eller en",
        "en": "unknown language {value!r}: sv or en",
    },
    "promises.report_quarter": {"sv": "{year} kvartal {q}", "en": "{year} quarter {q}"},
    "promises.report_title": {
        "sv": "Uppföljning av medborgarlöften, {period}",
        "en": "Follow-up of citizen promises, {period}",
    },
    "promises.report_title_where": {
        "sv": "Uppföljning av medborgarlöften, {where}, {period}",
        "en": "Follow-up of citizen promises, {where}, {period}",
    },
    "promises.report_trend_up": {"sv": "ökande", "en": "increasing"},
    "promises.report_trend_down": {"sv": "minskande", "en": "decreasing"},
    "promises.report_trend_same": {"sv": "oförändrad", "en": "unchanged"},
    "promises.report_intro": {
        "sv": "Perioden {start} – {end}, jämförd med {prev_start} – {prev_end}. Mål räknas"
        " till och med {end}.",
        "en": "The period {start} – {end}, compared with {prev_start} – {prev_end}. Targets"
        " are counted up to and including {end}.",
    },
    "promises.report_method": {
        "sv": "Händelser i löftets kommun (alla precisioner) i löftets problemkategorier."
        " Trend: ensidiga Poissontest på 5 %-nivån mot antalet perioden före (minst 0,5).",
        "en": "Incidents in the promise's kommun (any precision) in the categories of its"
        " problems. Trend: one-sided Poisson tests at 5 % against the count of the period"
        " before (at least 0.5).",
    },
    "promises.report_none": {
        "sv": "Inga medborgarlöften gäller under perioden.",
        "en": "No citizen promises apply in the period.",
    },
    "promises.report_meta": {
        "sv": "{kommun} · löftesperiod {start} – {end}",
        "en": "{kommun} · promise period {start} – {end}",
    },
    "promises.report_police_area": {
        "sv": "lokalpolisområde {name}",
        "en": "local police area {name}",
    },
    "promises.report_source": {"sv": "Källa: {source}", "en": "Source: {source}"},
    "promises.report_targets": {"sv": "Mål", "en": "Targets"},
    "promises.report_no_targets": {
        "sv": "Löftet har inga räknebara mål.",
        "en": "The promise has no countable targets.",
    },
    "promises.report_col_activity": {"sv": "Aktivitet", "en": "Activity"},
    "promises.report_col_goal": {"sv": "Mål", "en": "Target"},
    "promises.report_col_in_period": {"sv": "Gjort i perioden", "en": "Done in the period"},
    "promises.report_col_done": {"sv": "Gjort hittills", "en": "Done so far"},
    "promises.report_col_due": {"sv": "Borde vara gjort", "en": "Due so far"},
    "promises.report_col_total": {"sv": "Mål för löftesperioden", "en": "Target for the period"},
    "promises.report_col_status": {"sv": "Läge", "en": "Status"},
    "promises.report_on_track": {"sv": "i fas", "en": "on track"},
    "promises.report_behind": {"sv": "efter", "en": "behind"},
    "promises.report_measures": {
        "sv": "Åtgärder placerade i perioden",
        "en": "Measures placed in the period",
    },
    "promises.report_no_measures": {
        "sv": "Inga åtgärder placerade i kommunen under perioden.",
        "en": "No measures placed in the kommun in the period.",
    },
    "promises.report_col_measure": {"sv": "Åtgärd", "en": "Measure"},
    "promises.report_col_type": {"sv": "Typ", "en": "Type"},
    "promises.report_col_placed": {"sv": "Placerad", "en": "Placed"},
    "promises.report_col_mstatus": {"sv": "Status", "en": "Status"},
    "promises.report_col_followup": {"sv": "Uppföljning", "en": "Follow-up"},
    "promises.report_no_followup": {"sv": "ännu ingen uppföljning", "en": "no follow-up yet"},
    "promises.report_problems": {
        "sv": "Problemens utveckling",
        "en": "How the problems developed",
    },
    "promises.report_no_problems": {
        "sv": "Löftet anger inga problemkategorier.",
        "en": "The promise names no problem categories.",
    },
    "promises.report_col_category": {"sv": "Kategori", "en": "Category"},
    "promises.report_col_now": {"sv": "Perioden", "en": "This period"},
    "promises.report_col_before": {"sv": "Perioden före", "en": "Period before"},
    "promises.report_col_change": {"sv": "Förändring", "en": "Change"},
    "promises.report_col_trend": {"sv": "Trend", "en": "Trend"},
    "promises.report_col_p": {"sv": "p", "en": "p"},
    "promises.report_written": {"sv": "skrev {file}", "en": "wrote {file}"},
}
