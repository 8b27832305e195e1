"""Messages of the followup area: before/after follow-up of measures."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- input errors
    "followup.bad_period": {
        "sv": "ogiltig period {value!r}: ange veckor (12 eller 12v) eller hela månader (3m)",
        "en": "invalid period {value!r}: give weeks (12 or 12w) or whole months (3m)",
    },
    "followup.bad_buffer": {
        "sv": "ogiltig buffertzon {value!r}: ange meter, större än 0 och högst 10000",
        "en": "invalid buffer {value!r}: give metres, more than 0 and at most 10000",
    },
    "followup.naive_as_of": {
        "sv": "tidpunkten {value} saknar tidszon",
        "en": "the time {value} has no time zone",
    },
    "followup.unknown_categories": {
        "sv": "okända händelsekategorier: {codes} (kända: {known})",
        "en": "unknown incident categories: {codes} (known: {known})",
    },
    "followup.bad_control": {
        "sv": "kontrollområdet måste vara en GeoJSON-polygon (Polygon eller MultiPolygon) "
        "i lon/lat",
        "en": "the control area must be a GeoJSON polygon (Polygon or MultiPolygon) in lon/lat",
    },
    "followup.control_empty": {
        "sv": "kontrollområdet blir tomt när åtgärdsområdet och buffertzonen tas bort",
        "en": "the control area is empty once the treated area and the buffer are taken out",
    },
    "followup.bad_lang": {
        "sv": "okänt språk {value!r}: sv eller en",
        "en": "unknown language {value!r}: sv or en",
    },
    # ---------------------------------------------------------------- what is missing
    "followup.missing.no_placed": {
        "sv": "Åtgärd {id} har inget datum för när den placerades: utan det går det inte att "
        "jämföra före och efter.",
        "en": "Measure {id} has no date when it was placed: without it before and after "
        "cannot be compared.",
    },
    "followup.missing.not_placed_yet": {
        "sv": "Åtgärden placeras först {placed}: det finns ännu ingen tid efter att följa upp.",
        "en": "The measure is placed only on {placed}: there is no time after it to follow up yet.",
    },
    "followup.missing.too_early": {
        "sv": "Åtgärden placerades {placed}, för {days} dagar sedan: en uppföljning behöver "
        "minst {weeks} veckor efter placeringen (tidigast {earliest}).",
        "en": "The measure was placed on {placed}, {days} days ago: a follow-up needs at "
        "least {weeks} weeks after placement (at the earliest {earliest}).",
    },
    "followup.missing.after_not_over": {
        "sv": "Efterperioden tar slut först {end}: välj en kortare period eller vänta.",
        "en": "The after period ends only on {end}: choose a shorter period or wait.",
    },
    "followup.missing.no_data": {
        "sv": "Det finns inga händelser i databasen att jämföra med.",
        "en": "There are no incidents in the database to compare.",
    },
    "followup.missing.data_start": {
        "sv": "Händelsedata börjar {first}, efter förperiodens början {start}: det saknas "
        "data före åtgärden att jämföra med.",
        "en": "The incident data start on {first}, after the start of the before period "
        "{start}: there are no data before the measure to compare with.",
    },
    "followup.missing.data_end": {
        "sv": "Händelsedata slutar {last}, före efterperiodens slut {end}: efterperioden "
        "är inte täckt av data.",
        "en": "The incident data end on {last}, before the end of the after period {end}: "
        "the after period is not covered by data.",
    },
    # ---------------------------------------------------------------- the reading
    "followup.read.sentence": {
        "sv": "{treated} medan {control}; {test}.",
        "en": "{treated} while {control}; {test}.",
    },
    "followup.read.treated_down": {
        "sv": "Antalet händelser i området minskade från {before} till {after} ({pct})",
        "en": "Incidents in the area fell from {before} to {after} ({pct})",
    },
    "followup.read.treated_up": {
        "sv": "Antalet händelser i området ökade från {before} till {after} ({pct})",
        "en": "Incidents in the area rose from {before} to {after} ({pct})",
    },
    "followup.read.treated_same": {
        "sv": "Antalet händelser i området var oförändrat ({before} före, {after} efter, {pct})",
        "en": "Incidents in the area were unchanged ({before} before, {after} after, {pct})",
    },
    "followup.read.control_flat": {
        "sv": "kontrollområdet var i stort sett oförändrat ({pct})",
        "en": "the control area was about unchanged ({pct})",
    },
    "followup.read.control_down": {
        "sv": "händelserna i kontrollområdet minskade med {pct}",
        "en": "incidents in the control area fell by {pct}",
    },
    "followup.read.control_up": {
        "sv": "händelserna i kontrollområdet ökade med {pct}",
        "en": "incidents in the control area rose by {pct}",
    },
    "followup.read.control_from_zero": {
        "sv": "kontrollområdet gick från 0 till {after} händelser",
        "en": "the control area went from 0 to {after} incidents",
    },
    "followup.read.sig_down": {
        "sv": "minskningen jämfört med kontrollområdet är större än slumpen ger ({p})",
        "en": "the fall relative to the control area is more than chance would give ({p})",
    },
    "followup.read.sig_up": {
        "sv": "ökningen jämfört med kontrollområdet är större än slumpen ger ({p})",
        "en": "the rise relative to the control area is more than chance would give ({p})",
    },
    "followup.read.not_sig": {
        "sv": "skillnaden mot kontrollområdet kan vara slump ({p})",
        "en": "the difference from the control area may be chance ({p})",
    },
    "followup.read.too_few": {
        "sv": "med {n} händelser i området är det för få för att skilja en förändring från slumpen",
        "sv_one": "med {n} händelse i området är det för få för att skilja en förändring "
        "från slumpen",
        "en": "with {n} incidents in the area there are too few to tell a change from chance",
        "en_one": "with {n} incident in the area there are too few to tell a change from chance",
    },
    "followup.read.control_empty": {
        "sv": "kontrollområdet saknar händelser i en av perioderna, så ingen jämförelse kan göras",
        "en": "the control area has no incidents in one of the periods, so no comparison "
        "can be made",
    },
    "followup.read.buffer_down": {
        "sv": "I buffertzonen ({m} m) minskade händelserna från {before} till {after} ({pct})",
        "en": "In the buffer ({m} m) incidents fell from {before} to {after} ({pct})",
    },
    "followup.read.buffer_up": {
        "sv": "I buffertzonen ({m} m) ökade händelserna från {before} till {after} ({pct})",
        "en": "In the buffer ({m} m) incidents rose from {before} to {after} ({pct})",
    },
    "followup.read.buffer_same": {
        "sv": "I buffertzonen ({m} m) var händelserna oförändrade ({before} före, {after} "
        "efter, {pct})",
        "en": "In the buffer ({m} m) incidents were unchanged ({before} before, {after} "
        "after, {pct})",
    },
    "followup.read.buffer_wdq": {
        "sv": "{buffer}; WDQ {wdq}: {meaning}.",
        "en": "{buffer}; WDQ {wdq}: {meaning}.",
    },
    "followup.read.buffer_no_wdq": {
        "sv": "{buffer}; {meaning}.",
        "en": "{buffer}; {meaning}.",
    },
    "followup.wdq.diffusion_greater": {
        "sv": "spridning av nyttan till omgivningen, större än den direkta effekten",
        "en": "a diffusion of benefits to the surroundings, greater than the direct effect",
    },
    "followup.wdq.diffusion": {
        "sv": "viss spridning av nyttan till omgivningen",
        "en": "some diffusion of benefits to the surroundings",
    },
    "followup.wdq.none": {
        "sv": "varken förflyttning eller spridning av nyttan",
        "en": "neither displacement nor a diffusion of benefits",
    },
    "followup.wdq.displacement": {
        "sv": "viss förflyttning, mindre än den direkta effekten",
        "en": "some displacement, smaller than the direct effect",
    },
    "followup.wdq.displacement_greater": {
        "sv": "förflyttning som är större än den direkta effekten: totalt sett en försämring",
        "en": "displacement greater than the direct effect: a net loss",
    },
    "followup.wdq.not_applicable": {
        "sv": "förflyttning bedöms inte eftersom området inte minskade jämfört med kontrollområdet",
        "en": "displacement is not judged because the area did not fall relative to the "
        "control area",
    },
    "followup.wdq.undefined": {
        "sv": "WDQ kan inte beräknas eftersom området inte förändrades jämfört med kontrollområdet",
        "en": "the WDQ cannot be computed because the area did not change relative to the "
        "control area",
    },
    "followup.wdq.uncertain": {
        "sv": "{meaning} (osäkert, eftersom förändringen i området kan vara slump)",
        "en": "{meaning} (uncertain, since the change in the area may be chance)",
    },
    "followup.note.windows": {
        "sv": "{n} händelser med en tidsperiod över en periodgräns räknas inte (månadsdata: "
        "välj hela månader med --months).",
        "sv_one": "{n} händelse med en tidsperiod över en periodgräns räknas inte "
        "(månadsdata: välj hela månader med --months).",
        "en": "{n} incidents with a time window across a period boundary are not counted "
        "(month-dated data: choose whole months with --months).",
        "en_one": "{n} incident with a time window across a period boundary is not counted "
        "(month-dated data: choose whole months with --months).",
    },
    "followup.short.line": {
        "sv": "området {treated} ({pct}), kontroll {control}, {test}, WDQ {wdq}",
        "en": "area {treated} ({pct}), control {control}, {test}, WDQ {wdq}",
    },
    "followup.short.too_few": {
        "sv": "för få för ett test",
        "en": "too few for a test",
    },
    "followup.short.no_test": {
        "sv": "inget test",
        "en": "no test",
    },
    # ---------------------------------------------------------------- command line
    "followup.cli.title": {
        "sv": "Uppföljning av åtgärd {id}: {title} ({measure})",
        "en": "Follow-up of measure {id}: {title} ({measure})",
    },
    "followup.cli.periods": {
        "sv": "Placerad {placed}. Före {b0} – {b1}, efter {a0} – {a1} ({period}).",
        "en": "Placed {placed}. Before {b0} – {b1}, after {a0} – {a1} ({period}).",
    },
    "followup.cli.categories": {
        "sv": "Kategorier: {categories}",
        "en": "Categories: {categories}",
    },
    "followup.period.weeks": {
        "sv": "{n} veckor",
        "sv_one": "{n} vecka",
        "en": "{n} weeks",
        "en_one": "{n} week",
    },
    "followup.period.months": {
        "sv": "{n} månader",
        "sv_one": "{n} månad",
        "en": "{n} months",
        "en_one": "{n} month",
    },
    "followup.col.area": {"sv": "Område", "en": "Area"},
    "followup.col.before": {"sv": "Före", "en": "Before"},
    "followup.col.after": {"sv": "Efter", "en": "After"},
    "followup.col.change": {"sv": "Förändring", "en": "Change"},
    "followup.col.km2": {"sv": "Yta km²", "en": "Area km²"},
    "followup.area.treated": {
        "sv": "Åtgärdsområdet",
        "en": "Treated area",
    },
    "followup.area.buffer": {
        "sv": "Buffertzon ({m} m)",
        "en": "Buffer ({m} m)",
    },
    "followup.area.control_kommun": {
        "sv": "Kontrollområde (övriga {name})",
        "en": "Control area (rest of {name})",
    },
    "followup.area.control_study": {
        "sv": "Kontrollområde (övriga dataområdet)",
        "en": "Control area (rest of the data's area)",
    },
    "followup.area.control_given": {
        "sv": "Kontrollområde (angivet)",
        "en": "Control area (as given)",
    },
    "followup.cli.rr": {
        "sv": "Relativ förändring mot kontrollområdet: {rr} (95 % KI {lo}–{hi}); Fishers "
        "exakta test {p}",
        "en": "Change relative to the control area: {rr} (95% CI {lo}–{hi}); Fisher's "
        "exact test {p}",
    },
    "followup.cli.sm": {
        "sv": "Framgångsmått (Bowers & Johnson): {sm}; buffertmått {bm}",
        "en": "Success measure (Bowers & Johnson): {sm}; buffer measure {bm}",
    },
    "followup.cli.wdq": {
        "sv": "WDQ: {wdq}",
        "en": "WDQ: {wdq}",
    },
    "followup.cli.cannot": {
        "sv": "Uppföljningen kan inte göras:",
        "en": "The follow-up cannot be made:",
    },
    # ---------------------------------------------------------------- weekly report
    "followup.report.col": {"sv": "Uppföljning", "en": "Follow-up"},
    "followup.report.command": {
        "sv": "följ upp: hotspots followup {id}",
        "en": "follow up: hotspots followup {id}",
    },
}
