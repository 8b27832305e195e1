"""Swedish command-line help: the English help texts of ``hotspots`` and their translations.

The keys are the English help texts exactly as in the code, the values their Swedish
translations. Used by :mod:`hotspots.cli_help` when the language is Swedish; a test checks
that every help text of the command tree is here.
"""

from __future__ import annotations

SV: dict[str, str] = {
    "Hotspot maps from incidents and trygghetsvandringar (EST).": (
        "Hotspotkartor från händelser och trygghetsvandringar (EST)."
    ),
    "Import incidents or observations from a file.": (
        "Importera händelser eller observationer från en fil."
    ),
    "CSV, GeoJSON or polisen.se JSON/JSONL (.gz ok)": (
        "CSV, GeoJSON eller polisen.se JSON/JSONL (.gz går bra)"
    ),
    "Source name; (source, id) is unique": "Källnamn; paret (source, id) är unikt",
    "auto|csv|geojson|polisen": "Format: auto|csv|geojson|polisen",
    "Check everything, store nothing": "Kontrollera allt, spara ingenting",
    "Print the report as JSON": "Skriv ut rapporten som JSON",
    "Column mapping: datum=Händelsedatum,kategori=Typ": (
        "Kolumnmappning: datum=Händelsedatum,kategori=Typ"
    ),
    "EPSG of the coordinates (4326, 3006, 3008, 3021...)": (
        "Koordinaternas EPSG (4326, 3006, 3008, 3021...)"
    ),
    "incident|observation: table for unknown categories": (
        "incident|observation: tabell för okända kategorier"
    ),
    "Kommun: flag points outside it": "Kommun: flagga punkter utanför den",
    "Time zone of local times": "Tidszon för lokala tider",
    "Order of 03/04/2026": "Ordningen i 03/04/2026",
    (
        "Check the last complete week for deviations afterwards (setting "
        "HOTSPOTS_ALERT_CHECK_AFTER_IMPORT, default on)"
    ): (
        "Sök efteråt avvikelser under den senaste hela veckan (inställningen "
        "HOTSPOTS_ALERT_CHECK_AFTER_IMPORT, standard: på)"
    ),
    "Counts by category, precision and ISO week.": "Antal per kategori, precision och ISO-vecka.",
    "Geocode the review queue again, list it (--review) or fix one record (--id).": (
        "Geokoda granskningskön på nytt, lista den (--review) eller rätta en post (--id)."
    ),
    "List the review queue": "Lista granskningskön",
    "incident:ID or observation:ID to fix": "incident:ID eller observation:ID att rätta",
    "Latitude (WGS84) for --id": "Latitud (WGS84) för --id",
    "Longitude (WGS84) for --id": "Longitud (WGS84) för --id",
    "Address or place for --id": "Adress eller plats för --id",
    "Also ask Nominatim (1 request/s)": "Fråga även Nominatim (1 anrop/s)",
    "Load the demo data (real police events, synthetic Höör incidents and walks).": (
        "Läs in demodata (verkliga polishändelser, syntetiska händelser och trygghetsvandringar i "
        "Höör)."
    ),
    "Empty the database first": "Töm databasen först",
    "Start the web service (SQLite + demo data by default) and print its address.": (
        "Starta webbtjänsten (som standard SQLite + demodata) och skriv ut dess adress."
    ),
    "Interface to listen on": "Gränssnitt att lyssna på",
    "Port": "Portnummer",
    "Load demo data into an empty database": "Läs in demodata i en tom databas",
    "Find hotspots in a time window and write them as GeoJSON (WGS84).": (
        "Hitta hotspots i ett tidsfönster och skriv dem som GeoJSON (WGS84)."
    ),
    "kde|dbscan|gistar|emerging|forecast": "Metod: kde|dbscan|gistar|emerging|forecast",
    "First day (YYYY-MM-DD)": "Första dag (ÅÅÅÅ-MM-DD)",
    "Last day, included (YYYY-MM-DD)": "Sista dag, medräknad (ÅÅÅÅ-MM-DD)",
    "ISO week instead of --from/--to: 2026-W47": "ISO-vecka i stället för --from/--to: 2026-W47",
    "Category code (repeatable)": "Kategorikod (kan upprepas)",
    "Method parameter, e.g. bandwidth=250": "Metodparameter, t.ex. bandwidth=250",
    "Area as min_lon,min_lat,max_lon,max_lat (WGS84)": (
        "Område som min_lon,min_lat,max_lon,max_lat (WGS84)"
    ),
    "GeoJSON file": "GeoJSON-fil",
    "Export a stored run again": "Exportera en sparad körning igen",
    "Do not store the run": "Spara inte körningen",
    "Print the run summary as JSON": "Skriv ut körningens sammanfattning som JSON",
    "List stored hotspot analyses, newest first.": "Lista sparade hotspotanalyser, nyaste först.",
    "How many": "Hur många",
    "Rank areas for patrols in the coming period: forecast, recent counts, trend, hours.": (
        "Rangordna områden för patruller under kommande period: prognos, senaste antal, trend, "
        "timmar."
    ),
    "How many areas": "Hur många områden",
    "Start of the coming period (YYYY-MM-DD); default: today": (
        "Början på kommande period (ÅÅÅÅ-MM-DD); standard: i dag"
    ),
    "Length of the coming period, days": "Längd på kommande period, dagar",
    "Side of an area, metres": "Områdets sida, meter",
    "Score hotspot forecasts on held-out periods: hit rate, PAI, PEI*.": (
        "Utvärdera hotspotprognoser på undanhållna perioder: träffgrad, PAI, PEI*."
    ),
    (
        "CSV file(s) of incidents (.gz ok), read alike and joined; none: the database (street "
        "precision or better)"
    ): (
        "CSV-fil(er) med händelser (.gz går bra), läses likadant och slås ihop; ingen: databasen "
        "(gatuprecision eller bättre)"
    ),
    "EPSG of x/y columns; for lon/lat the metric CRS to use (default: UTM zone)": (
        "EPSG för x/y-kolumner; för lon/lat det metriska CRS som ska användas (standard: UTM-zon)"
    ),
    "Time column: header name or 1-based number": (
        "Tidskolumn: rubriknamn eller nummer (räknat från 1)"
    ),
    "x column (metres, with --crs)": "x-kolumn (meter, med --crs)",
    "y column (metres, with --crs)": "y-kolumn (meter, med --crs)",
    "Longitude column (WGS84)": "Longitudkolumn (WGS84)",
    "Latitude column (WGS84)": "Latitudkolumn (WGS84)",
    "The file has no header line: give columns by number": (
        "Filen saknar rubrikrad: ange kolumner med nummer"
    ),
    "Time zone of local times and of the calendar (default: settings)": (
        "Tidszon för lokala tider och för kalendern (standard: inställningarna)"
    ),
    "Order of 03/04/2016 (AM/PM means month first)": (
        "Ordningen i 03/04/2016 (AM/PM betyder månad först)"
    ),
    "Polygon file (shapefile, GeoPackage, GeoJSON); default: hull of the points": (
        "Polygonfil (shapefil, GeoPackage, GeoJSON); standard: punkternas hölje"
    ),
    "CRS of a study-area file without one (empty .prj), e.g. EPSG:2790": (
        "CRS för en studieområdesfil som saknar det (tom .prj), t.ex. EPSG:2790"
    ),
    "Last forecast origin, e.g. 2018-07-01 (default: latest complete period)": (
        "Sista prognosstart, t.ex. 2018-07-01 (standard: senaste hela period)"
    ),
    "Test period: 7d, 14d, 1m, 2m, 3m": "Testperiod: 7d, 14d, 1m, 2m, 3m",
    "Area budget in km² (instead of --coverage)": "Ytbudget i km² (i stället för --coverage)",
    "Area budget as a share of the study area": "Ytbudget som andel av studieområdet",
    "Grid cell side, metres": "Rutnätscellens sida, meter",
    "Kernel bandwidth, metres": "Kärnans bandbredd, meter",
    "Time decay of the prospective method, days": (
        "Tidsavklingning i den prospektiva metoden, dagar"
    ),
    (
        "Comma-separated: prospective, last_period, last_period_kde, long_run, random, auto "
        "(chooses among them on the past, at this area budget)"
    ): (
        "Kommaseparerad: prospective, last_period, last_period_kde, long_run, random, auto (väljer "
        "bland dem utifrån historiken, vid denna ytbudget)"
    ),
    "Number of rolling origins": "Antal rullande prognosstarter",
    "Print the results as JSON": "Skriv ut resultaten som JSON",
    (
        "Write the hotspot map of a period (density, DBSCAN, Gi*, observations) as HTML.\n"
        "\n"
        "The map is for the leadership role unless ``--role`` says otherwise: a file is easily\n"
        "passed on, so the safer view, with small counts suppressed, is the default."
    ): (
        "Skriv periodens hotspotkarta (täthet, DBSCAN, Gi*, observationer) som HTML.\n"
        "\n"
        "Kartan är för ledningsrollen om inte ``--role`` anger något annat: en fil skickas\n"
        "lätt vidare, så den säkrare vyn, där små antal döljs, är standard."
    ),
    "ISO week instead: 2026-W47": "ISO-vecka i stället: 2026-W47",
    "sv or en": "sv eller en",
    "osm, none, or a tile URL template": "osm, none eller en URL-mall för kartplattor",
    "HTML file": "HTML-fil",
    (
        "Who the map is for: admin, analyst, field, leadership or public. Default leadership: a "
        "written map gets shared, so small counts (fewer than HOTSPOTS_MIN_CELL_COUNT incidents, "
        "default 5) are hidden unless you ask for analyst or admin."
    ): (
        "Vem kartan är till för: admin, analyst, field, leadership eller public. Standard är "
        "leadership: en sparad karta delas vidare, så små antal (färre än HOTSPOTS_MIN_CELL_COUNT "
        "händelser, standard 5) döljs om du inte väljer analyst eller admin."
    ),
    "Weeks before the period on the week slider (0-52)": (
        "Veckor före perioden på veckoreglaget (0-52)"
    ),
    "Write the weekly lägesbild report: map, hotspots, measures, observations, times.": (
        "Skriv veckans lägesbild: karta, hotspots, åtgärder, observationer, tider."
    ),
    "ISO week, e.g. 2026-W47 (default: this week)": (
        "ISO-vecka, t.ex. 2026-W47 (standard: denna vecka)"
    ),
    "Reader: leadership/public see small counts as '< k'; analyst sees them all": (
        "Läsare: leadership/public ser små antal som '< k'; analyst ser alla"
    ),
    "Rows in the hotspot table": "Rader i hotspottabellen",
    "html, pdf or png (default: from -o)": "html, pdf eller png (standard: utifrån -o)",
    "File (default: lagesbild-WEEK.html)": "Fil (standard: lagesbild-WEEK.html)",
    (
        "Compare equal periods before and after a measure was placed.\n"
        "\n"
        "Counts in the treated area, a buffer around it and a control area; the weighted\n"
        "displacement quotient (Bowers & Johnson 2003) and Fisher's exact test."
    ): (
        "Jämför lika långa perioder före och efter att en åtgärd infördes.\n"
        "\n"
        "Antal i åtgärdsområdet, i en buffertzon runt det och i ett kontrollområde; den viktade\n"
        "förflyttningskvoten (Bowers & Johnson 2003) och Fishers exakta test."
    ),
    "The measure's id (hotspots measures list)": "Åtgärdens id (hotspots measures list)",
    "Weeks in each period (default: time since placement, ≤26)": (
        "Veckor i varje period (standard: tiden sedan införandet, ≤26)"
    ),
    "Whole calendar months in each period (month-dated data)": (
        "Hela kalendermånader i varje period (data daterade per månad)"
    ),
    "Width of the displacement buffer, metres": "Buffertzonens bredd för förflyttning, meter",
    "Incident category code (repeatable)": "Kategorikod för händelser (kan upprepas)",
    "Follow up as on this day (default today)": "Följ upp per denna dag (standard i dag)",
    "Print the follow-up as JSON": "Skriv ut uppföljningen som JSON",
    "Database schema (Alembic migrations).": "Databasschema (Alembic-migreringar).",
    "Create or migrate the database schema.": "Skapa eller migrera databasschemat.",
    "Offline gazetteer: addresses and places.": "Ortsregister offline: adresser och platser.",
    "Load address points and named places for offline geocoding.": (
        "Läs in adresspunkter och namngivna platser för geokodning offline."
    ),
    "Address points or places (CSV or GeoJSON)": "Adresspunkter eller platser (CSV eller GeoJSON)",
    "Source name (default: file name)": "Källnamn (standard: filnamnet)",
    "Kommun of entries without one": "Kommun för poster som saknar kommun",
    "Measures (åtgärder): add, list, change status.": "Åtgärder: lägg till, lista, ändra status.",
    (
        "Add a measure at a point (--lon/--lat [--radius]) or an area (--area).\n"
        "\n"
        "--observation and --run link it to what lies behind it; a link to something that does\n"
        "not exist refuses the whole measure."
    ): (
        "Lägg till en åtgärd vid en punkt (--lon/--lat [--radius]) eller ett område (--area).\n"
        "\n"
        "--observation och --run kopplar den till det som ligger bakom; en koppling till något\n"
        "som inte finns gör att hela åtgärden avvisas."
    ),
    "Measure code or label from the catalogue (belysning)": (
        "Åtgärdskod eller benämning från katalogen (belysning)"
    ),
    "Short title, e.g. 'Ny belysning gångtunneln'": "Kort titel, t.ex. 'Ny belysning gångtunneln'",
    "Longitude (WGS84) of the place": "Platsens longitud (WGS84)",
    "Latitude (WGS84) of the place": "Platsens latitud (WGS84)",
    "Radius around the point, metres": "Radie runt punkten, meter",
    "Area instead of a point: GeoJSON polygon file (WGS84)": (
        "Område i stället för punkt: GeoJSON-fil med polygon (WGS84)"
    ),
    "föreslagen|planerad|pågående|genomförd|avslutad": (
        "föreslagen|planerad|pågående|genomförd|avslutad"
    ),
    "Decided on (2026-11-02)": "Beslutad den (2026-11-02)",
    "Placed / in place from (2026-11-09)": "Införd / på plats från (2026-11-09)",
    "In place until (2026-12-31)": "På plats till (2026-12-31)",
    "Cost in kronor": "Kostnad i kronor",
    "Longer description": "Längre beskrivning",
    "Kommun, e.g. Höör": "Kommun, t.ex. Höör",
    "When the status was set (default: now)": "När statusen sattes (standard: nu)",
    "Who sets it (default: login name)": "Vem som sätter den (standard: inloggningsnamnet)",
    "Note kept with the first status": "Anteckning som sparas med den första statusen",
    "Link an observation behind it (id, repeatable)": (
        "Koppla en bakomliggande observation (id, kan upprepas)"
    ),
    "Link a stored hotspot analysis (run id, repeatable)": (
        "Koppla en sparad hotspotanalys (körningens id, kan upprepas)"
    ),
    'Print {"id": ...} as JSON': 'Skriv ut {"id": ...} som JSON',
    "List measures with their status and dates.": "Lista åtgärder med status och datum.",
    "Only this status (repeatable)": "Endast denna status (kan upprepas)",
    "Only inside west,south,east,north (lon/lat)": "Endast inom väst,syd,öst,nord (lon/lat)",
    "Print the measures as JSON": "Skriv ut åtgärderna som JSON",
    "Link a measure to an observation or a stored hotspot analysis behind it.": (
        "Koppla en åtgärd till en bakomliggande observation eller sparad hotspotanalys."
    ),
    "Measure id": "Åtgärdens id",
    "Observation id behind the measure": "Id för observationen bakom åtgärden",
    "Stored hotspot analysis (run id)": "Sparad hotspotanalys (körningens id)",
    "Why it is linked": "Varför den kopplas",
    "Who (default: login name)": "Vem (standard: inloggningsnamnet)",
    "Remove a link of a measure.": "Ta bort en koppling från en åtgärd.",
    "Observation id": "Observationens id",
    "Stored analysis (run id)": "Sparad analys (körningens id)",
    "Show one measure: its fields, status history and links.": (
        "Visa en åtgärd: fält, statushistorik och kopplingar."
    ),
    "Print it as JSON": "Skriv ut den som JSON",
    "Change the status of a measure (the history is kept).": (
        "Ändra status för en åtgärd (historiken sparas)."
    ),
    "Note kept with the change": "Anteckning som sparas med ändringen",
    "When (2026-11-20 or 2026-11-20 14:30)": "När (2026-11-20 eller 2026-11-20 14:30)",
    "Print the history as JSON": "Skriv ut historiken som JSON",
    "Walk observations: change status.": "Observationer från trygghetsvandringar: ändra status.",
    "Change the status of a walk observation (the history is kept).": (
        "Ändra status för en observation från en trygghetsvandring (historiken sparas)."
    ),
    "Observation id, or its id in the source file": "Observationens id, eller dess id i källfilen",
    "ny|rapporterad|åtgärdad|avslutad": "ny|rapporterad|åtgärdad|avslutad",
    "Source of a file id (when several sources have it)": (
        "Källa för ett fil-id (när flera källor har det)"
    ),
    "Citizen promises (medborgarlöften), targets and activities.": (
        "Medborgarlöften, mål och aktiviteter."
    ),
    "Import the promises of one or more periods; all files are stored, or nothing.": (
        "Importera medborgarlöften för en eller flera perioder; alla filer sparas, eller ingenting."
    ),
    "Promise files (YAML), one period each": "Filer med medborgarlöften (YAML), en period per fil",
    "Print the result as JSON": "Skriv ut resultatet som JSON",
    "List promises with their period, problems and targets.": (
        "Lista medborgarlöften med period, problem och mål."
    ),
    "Only periods overlapping this year": "Endast perioder som överlappar detta år",
    "Only this kommun": "Endast denna kommun",
    "Print the promises as JSON": "Skriv ut medborgarlöftena som JSON",
    "Per target: done / due so far (pro rata by cadence) / target for the period.": (
        "Per mål: utfört / förväntat hittills (proportionellt efter intervall) / mål för perioden."
    ),
    "Count up to this day (default: today)": "Räkna till och med denna dag (standard: i dag)",
    "Print the progress as JSON": "Skriv ut måluppfyllelsen som JSON",
    "The follow-up report of the promises for a quarter or a year (printable HTML, PDF, PNG).": (
        "Uppföljningsrapport för medborgarlöftena för ett kvartal eller ett år (utskrivbar HTML, "
        "PDF, PNG)."
    ),
    "A year (2021) or a quarter (2021-Q1 .. 2021-Q4)": (
        "Ett år (2021) eller ett kvartal (2021-Q1 .. 2021-Q4)"
    ),
    "Only the promises of this kommun": "Endast medborgarlöften för denna kommun",
    "File to write: .html, .pdf or .png (default HTML)": (
        "Fil att skriva: .html, .pdf eller .png (standard HTML)"
    ),
    "sv or en (default: the settings')": "sv eller en (standard: inställningarnas)",
    "Activities logged against promises.": "Aktiviteter registrerade mot medborgarlöften.",
    "Log an activity; refused when its day is outside every promise period of its kommun.": (
        "Registrera en aktivitet; avvisas om dagen ligger utanför alla löftesperioder i kommunen."
    ),
    "Activity type (trafikkontroll ...)": "Aktivitetstyp (trafikkontroll ...)",
    "Day of the activity (2024-03-05)": "Dag för aktiviteten (2024-03-05)",
    "Promise id": "Medborgarlöftets id",
    "Kommun (default: the promise's, or the settings')": (
        "Kommun (standard: medborgarlöftets, annars inställningarnas)"
    ),
    "Place, in words": "Plats, i ord",
    "Longitude (WGS84)": "Longitud (WGS84)",
    "Latitude (WGS84)": "Latitud (WGS84)",
    "Who took part": "Vilka som deltog",
    "Note": "Anteckning",
    "Print the activity as JSON": "Skriv ut aktiviteten som JSON",
    "Alerts on geographic deviation: check, list, acknowledge.": (
        "Geografiska avvikelser: kontrollera, lista, kvittera."
    ),
    "Check a week for deviations and store the alerts (running again adds no duplicates).": (
        "Sök avvikelser under en vecka och spara dem (en ny körning ger inga dubbletter)."
    ),
    "ISO week, e.g. 2026-W47 (default: the last complete week)": (
        "ISO-vecka, t.ex. 2026-W47 (standard: senaste hela veckan)"
    ),
    "Weeks before it that give the expected level": "Veckor före den som ger den förväntade nivån",
    "Grid cell in metres (default 500, larger for large areas)": (
        "Rutnätscell i meter (standard 500, större för stora områden)"
    ),
    "Only this category (repeatable)": "Endast denna kategori (kan upprepas)",
    "False discovery rate per week": "Andel falska upptäckter (FDR) per vecka",
    "Send new alerts to the webhook / e-mail in settings": (
        "Skicka nya avvikelser till webhooken / e-postadressen i inställningarna"
    ),
    "Print the alerts as JSON": "Skriv ut avvikelserna som JSON",
    "List stored alerts, newest week first.": "Lista sparade avvikelser, senaste veckan först.",
    "Only this ISO week, e.g. 2026-W47": "Endast denna ISO-vecka, t.ex. 2026-W47",
    "Only this status: ny|kvitterad": "Endast denna status: ny|kvitterad",
    "Acknowledge an alert with the leadership's decision note.": (
        "Kvittera en avvikelse med ledningens beslutsanteckning."
    ),
    "Id of the alert (hotspots alerts list)": "Avvikelsens id (hotspots alerts list)",
    'Decision note, e.g. "Beslut: extra patrull fre-lör"': (
        'Beslutsanteckning, t.ex. "Beslut: extra patrull fre-lör"'
    ),
    "Who decides (default: login name)": "Vem som beslutar (standard: inloggningsnamnet)",
    "Users, roles and API tokens.": "Användare, roller och API-nycklar.",
    "Add a user with a role and print its first API token (shown only now).": (
        "Lägg till en användare med en roll och skriv ut dess första API-nyckel (visas bara nu)."
    ),
    "User name, e.g. anna.svensson": "Användarnamn, t.ex. anna.svensson",
    "admin|analyst|field|leadership|public": "Roll: admin|analyst|field|leadership|public",
    "Label of the first token": "Etikett för den första nyckeln",
    'Print {"id", "name", "role", "token"} as JSON': (
        'Skriv ut {"id", "name", "role", "token"} som JSON'
    ),
    "Issue a new API token for a user (shown only now; older tokens stay valid).": (
        "Utfärda en ny API-nyckel för en användare (visas bara nu; äldre nycklar fortsätter "
        "att gälla)."
    ),
    "User name": "Användarnamn",
    "What the token is for, e.g. QGIS": "Vad nyckeln ska användas till, t.ex. QGIS",
    'Print {"token": ...} as JSON': 'Skriv ut {"token": ...} som JSON',
    "List users with role, token count and last use (or, with --tokens, the tokens).": (
        "Lista användare med roll, antal nycklar och senaste användning (eller, med --tokens, "
        "deras nycklar)."
    ),
    "List the API tokens (ids, labels, use) instead": (
        "Lista API-nycklarna (id, etiketter, användning) i stället"
    ),
    "Print as JSON": "Skriv ut som JSON",
    "Revoke a user and all its tokens (or, with --token, one token of the user).": (
        "Återkalla en användare och alla dess nycklar (eller, med --token, en av användarens "
        "nycklar)."
    ),
    "Revoke only this token id (see users list --tokens)": (
        "Återkalla bara nyckeln med detta id (se users list --tokens)"
    ),
    "Show the latest audit log entries: who exported, imported or logged in, and when.": (
        "Visa de senaste posterna i granskningsloggen: vem som exporterade, importerade eller "
        "loggade in, och när."
    ),
    "How many entries": "Hur många poster",
    "Only this action, e.g. export (matches export.*)": (
        "Endast denna loggtyp, t.ex. export (matchar export.*)"
    ),
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
}
