"""Synthetic incidents and safety-walk observations for Höör kommun (SYNTHETIC demo data).

No public point-level incident data exist for Swedish municipalities, so the demo uses a
seeded, clearly labelled synthetic set with planted patterns that the hotspot engine must
find. Run ``python -m hotspots.demo.synthetic`` to (re)write

* ``data/demo/hoor_synthetic_incidents.csv``
  (``id;datum;tid;kategori;beskrivning;adress;lat;lon``) and
* ``data/demo/hoor_synthetic_observations.csv``
  (``id;datum;tid;vandring;kategori;beskrivning;allvarlighetsgrad;lat;lon``),

semicolon-delimited, decimal comma, UTF-8, as a municipality's case system might export
them. The period is the 26 ISO weeks 2026-W22 … 2026-W47 (Monday 2026-05-25 to Sunday
2026-11-22). The same seed gives byte-identical files.

The planted hotspots are listed in :data:`PLANTED` (``data/demo/README.md`` describes them).
Places are plausible points inside Höör tätort named generically; they are not surveyed
locations, and the street addresses of address-only rows are invented.
"""

from __future__ import annotations

import argparse
import csv
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

__all__ = [
    "SEED",
    "START",
    "WEEKS",
    "PlantedHotspot",
    "PLANTED",
    "generate",
    "write",
    "main",
    "INCIDENTS_FILE",
    "OBSERVATIONS_FILE",
]

SEED = 20261122
#: Monday of 2026-W22; the period runs WEEKS weeks to Sunday 2026-11-22 (2026-W47).
START = date(2026, 5, 25)
WEEKS = 26
INCIDENTS_FILE = "hoor_synthetic_incidents.csv"
OBSERVATIONS_FILE = "hoor_synthetic_observations.csv"
INCIDENT_HEADER = ["id", "datum", "tid", "kategori", "beskrivning", "adress", "lat", "lon"]
OBSERVATION_HEADER = [
    "id", "datum", "tid", "vandring", "kategori", "beskrivning", "allvarlighetsgrad", "lat", "lon",
]

# Local metric frame around Höör station (lon 13.5434, lat 55.9366): offsets in metres.
_LON0, _LAT0 = 13.5434, 55.9366
_M_PER_DEG_LAT = 111_200.0
_M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(_LAT0))
# Höör tätort as an ellipse around the station (semi-axes in metres, east-west/north-south).
_TATORT_A_M, _TATORT_B_M = 1500.0, 1400.0


def _to_lonlat(dx_m: np.ndarray, dy_m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return _LON0 + dx_m / _M_PER_DEG_LON, _LAT0 + dy_m / _M_PER_DEG_LAT


@dataclass(frozen=True)
class PlantedHotspot:
    """One planted space-time pattern.

    Attributes
    ----------
    key, name : str
        Short key and a generic Swedish description of the place.
    lon, lat : float
        Centre (WGS84).
    sd_m : float
        Standard deviation of the Gaussian cluster, metres.
    pattern : str
        ``persistent``, ``new``, ``fading`` or ``growing``.
    categories : dict[str, float]
        Catalogue labels and their shares.
    """

    key: str
    name: str
    lon: float
    lat: float
    sd_m: float
    pattern: str
    categories: dict[str, float]
    rate: Callable[[int], float]  # expected incidents in week index 0..25


PLANTED: tuple[PlantedHotspot, ...] = (
    PlantedHotspot(
        "station", "stationen/resecentrum", 13.5434, 55.9366, 120.0, "persistent",
        {"Ordningsstörning": 0.35, "Narkotika": 0.2, "Skadegörelse": 0.2, "Stöld": 0.15,
         "Inbrott i bil": 0.1},
        lambda w: 6.0,
    ),
    PlantedHotspot(
        # Town-centre square area, about 400 m south-east of the station.
        "centrum", "torget i centrum", 13.5470, 55.9335, 90.0, "persistent",
        {"Ordningsstörning": 0.5, "Skadegörelse": 0.25, "Narkotika": 0.15,
         "Misshandel och hot": 0.1},
        lambda w: 4.0,
    ),
    PlantedHotspot(
        # School area north-west of the centre: vandalism starts in 2026-W43.
        "skola_nv", "skolområdet nordväst om centrum", 13.5330, 55.9430, 80.0, "new",
        {"Skadegörelse": 0.75, "Ordningsstörning": 0.25},
        lambda w: 8.0 if w >= WEEKS - 5 else 0.0,
    ),
    PlantedHotspot(
        # Retail car park east of the railway: summer moped gathering, gone by 2026-W37.
        "handel_ost", "parkeringen vid handelsområdet öster om järnvägen", 13.5540, 55.9350,
        90.0, "fading",
        {"Buskörning med moped/A-traktor": 0.8, "Ordningsstörning": 0.2},
        lambda w: 7.0 if w < 10 else max(0.0, 7.0 * (15 - w) / 5),
    ),
    PlantedHotspot(
        # Apartment area south-west of the centre: storage burglaries rise all autumn.
        "bostad_sv", "flerbostadsområdet sydväst om centrum", 13.5350, 55.9310, 110.0,
        "growing",
        {"Inbrott i förråd": 0.8, "Inbrott i bil": 0.2},
        lambda w: 0.3 + 8.7 * w / (WEEKS - 1),
    ),
)

#: Villages of Höör kommun (gazetteer svenska-stader, checked inside the kommun polygon).
VILLAGES: dict[str, tuple[float, float]] = {
    "Tjörnarp": (13.635045, 55.999983),
    "Norra Rörum": (13.507504, 56.017655),
    "Snogeröd": (13.494158, 55.838666),
}

# Hour-of-day weights (0..23) and weekday weights (Mon..Sun) per kind of incident.
_H = {
    "night": [8, 7, 5, 3, 1, .5, .5, .7, .8, .8, .8, 1, 1, 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 7, 8, 9],
    "moped": [3, 2, 1, .5, .2, .2, .3, .5, .5, .5, .5, .8, 1, 1.5, 2, 4, 6, 7, 8, 9, 9, 9, 7, 5],
    "evening": [5, 3, 2, 1, .5, .3, .3, .5, .5, .8, 1, 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 7, 7, 6],
    "day": [.3, .2, .2, .2, .3, .5, 1, 2, 4, 6, 6, 6, 5, 6, 6, 6, 5, 3, 2, 1.5, 1, .8, .5, .4],
    "late": [7, 8, 8, 6, 4, 2, 1, .5, .3, .3, .3, .3, .3, .3, .3, .3, .5, .7, 1, 1.5, 2, 3, 4, 6],
    "daytime": [.3, .2, .1, .1, .2, .5, 1, 2, 3, 4, 5, 5, 6, 5, 5, 5, 5, 4, 3, 2, 1.5, 1, .7, .5],
}
_D = {
    "weekend": [0.8, 0.8, 0.9, 1.0, 1.6, 2.0, 1.4],
    "weekday": [1.2, 1.2, 1.2, 1.2, 1.1, 0.6, 0.5],
    "flat": [1, 1, 1, 1, 1, 1, 1],
}
# label: (hour profile, weekday profile, share with empty tid)
_TIMING: dict[str, tuple[str, str, float]] = {
    "Skadegörelse": ("night", "weekend", 0.1),
    "Ordningsstörning": ("night", "weekend", 0.02),
    "Buskörning med moped/A-traktor": ("moped", "weekend", 0.02),
    "Narkotika": ("evening", "weekend", 0.05),
    "Misshandel och hot": ("night", "weekend", 0.02),
    "Våld i nära relation": ("evening", "weekend", 0.05),
    "Inbrott i bostad": ("day", "weekday", 0.3),
    "Inbrott i förråd": ("late", "flat", 0.5),
    "Inbrott i bil": ("late", "flat", 0.4),
    "Bränslestöld": ("late", "flat", 0.5),
    "Stöld": ("daytime", "flat", 0.15),
    "Trafik": ("daytime", "weekday", 0.0),
}

# Background: expected incidents per week, uniform over the tätort, and per village.
_SUMMER_WEEKS = 14  # 2026-W22 … W35


def _moped_background(w: int) -> float:
    return 8.0 if w < _SUMMER_WEEKS else 2.5


_BACKGROUND: dict[str, Callable[[int], float]] = {
    "Skadegörelse": lambda w: 16.0,
    "Ordningsstörning": lambda w: 13.0,
    "Buskörning med moped/A-traktor": _moped_background,
    "Narkotika": lambda w: 4.0,
    "Inbrott i bostad": lambda w: 4.0,
    "Inbrott i förråd": lambda w: 5.0,
    "Inbrott i bil": lambda w: 5.0,
    "Bränslestöld": lambda w: 2.0,
    "Stöld": lambda w: 8.0,
    "Trafik": lambda w: 4.0,
    "Misshandel och hot": lambda w: 2.5,
    "Våld i nära relation": lambda w: 1.0,
}
_VILLAGE_BACKGROUND: dict[str, Callable[[int], float]] = {
    "Skadegörelse": lambda w: 0.5,
    "Buskörning med moped/A-traktor": lambda w: 1.0 if w < _SUMMER_WEEKS else 0.3,
    "Inbrott i bostad": lambda w: 0.4,
    "Inbrott i förråd": lambda w: 0.5,
    "Bränslestöld": lambda w: 0.8,
    "Stöld": lambda w: 0.3,
}
_ADDRESS_ONLY_SHARE = 0.05  # background rows exported with an address but no coordinates

_TEXTS: dict[str, list[str]] = {
    "Skadegörelse": [
        "Krossad ruta i busskur.", "Sönderslagen papperskorg.", "Klotter på elskåp.",
        "Vandaliserad parkbänk.", "Sprejad tagg på fasad.", "Skadad lekplatsutrustning.",
        "Avsparkad backspegel på parkerad bil.", "Gatlykta trasig efter stenkastning.",
    ],
    "Ordningsstörning": [
        "Ungdomar stör och skriker.", "Berusad person stör förbipasserande.",
        "Hög musik och bråk utomhus.", "Smällare avfyras mot förbipasserande.",
        "Stök och nedskräpning vid samlingsplats.", "Grupp ungdomar uppträder hotfullt.",
    ],
    "Buskörning med moped/A-traktor": [
        "Mopeder kör i hög fart på gång- och cykelväg.", "A-traktor buskör på parkering.",
        "Mopedister kör på trottoaren.", "Upprepad buskörning med moped under kvällen.",
        "A-traktorer spelar hög musik och kör vårdslöst.",
    ],
    "Narkotika": [
        "Misstänkt narkotikaförsäljning.", "Doft av cannabis där ungdomar samlas.",
        "Person misstänks vara narkotikapåverkad.", "Fynd av tomma narkotikaförpackningar.",
        "Misstänkt langning till ungdomar.",
    ],
    "Misshandel och hot": [
        "Misshandel utomhus efter bråk.", "Person hotad av okänd gärningsperson.",
        "Slagsmål mellan ungdomar.", "Olaga hot på allmän plats.",
    ],
    "Våld i nära relation": [
        "Våld i nära relation, polis tillkallad.", "Anmälan om hot i nära relation.",
        "Orosanmälan om misstänkt våld i hemmet.",
    ],
    "Inbrott i bostad": [
        "Inbrott i villa, altandörr uppbruten.", "Inbrott i lägenhet, smycken stulna.",
        "Fönster uppbrutet, bostaden genomsökt.", "Försök till inbrott i radhus.",
    ],
    "Inbrott i förråd": [
        "Förrådsinbrott, cyklar stulna.", "Uppbrutet källarförråd.",
        "Inbrott i flera förråd i samma trapphus.", "Hänglås avklippt på förråd.",
        "Inbrott i garage, verktyg stulna.",
    ],
    "Inbrott i bil": [
        "Ruta krossad, väska stulen ur bil.", "Inbrott i hantverkarbil, verktyg stulna.",
        "Katalysator stulen från bil.", "Flera bilar uppbrutna på parkering.",
    ],
    "Bränslestöld": [
        "Diesel tappad från lastbil.", "Bränslestöld från arbetsmaskin.",
        "Tanklock uppbrutet, bensin stulen.", "Diesel stulen från traktor.",
    ],
    "Stöld": [
        "Cykelstöld.", "Stöld av elsparkcykel.", "Snatteri i butik.", "Stöld av plånbok.",
        "Stöld från byggarbetsplats.",
    ],
    "Trafik": [
        "Hög hastighet genom bostadsområde.", "Bil kör mot enkelriktat.",
        "Felparkerade bilar skymmer övergångsställe.", "Misstänkt rattfylleri.",
    ],
}
# Descriptions of planted-hotspot incidents: (hotspot, label) -> texts; otherwise the
# generic text of the label with a place phrase of the hotspot appended.
_HOTSPOT_TEXTS: dict[tuple[str, str], list[str]] = {
    ("station", "Stöld"): [
        "Cykelstöld vid stationen.", "Stöld av elsparkcykel vid resecentrum.",
        "Cykel stulen från cykelparkeringen vid stationen.",
    ],
    ("station", "Inbrott i bil"): [
        "Ruta krossad på pendlarparkeringen vid stationen.",
        "Inbrott i bil på pendlarparkeringen.",
    ],
    ("skola_nv", "Skadegörelse"): [
        "Krossad ruta i skolans matsal.", "Klotter på skolans fasad.",
        "Sönderslagen papperskorg på skolgården.", "Stenkastning mot skolans fönster.",
        "Förstört cykelställ vid skolan.", "Skadegörelse på skolans idrottshall.",
    ],
    ("bostad_sv", "Inbrott i förråd"): [
        "Förrådsinbrott i flerbostadsområdet, cyklar stulna.",
        "Uppbrutet källarförråd i flerbostadsområdet.",
        "Inbrott i flera förråd i samma trapphus.",
        "Hänglås avklippt på förråd i förrådslängan.",
    ],
    ("bostad_sv", "Inbrott i bil"): [
        "Ruta krossad på boendeparkeringen, väska stulen.",
        "Katalysator stulen från bil på boendeparkeringen.",
    ],
}
_PLACE_SUFFIX = {
    "station": ["vid stationen", "vid resecentrum"],
    "centrum": ["vid torget", "i centrum", "utanför butikerna vid torget"],
    "skola_nv": ["på skolgården", "vid skolans entré"],
    "handel_ost": ["på parkeringen vid handelsområdet", "vid handelsområdet"],
    "bostad_sv": ["i flerbostadsområdet"],
}
# Invented street names for address-only rows (tätort) and village rows.
_STREETS = [
    "Storgatan", "Stationsgatan", "Järnvägsgatan", "Kyrkogatan", "Skolgatan", "Östergatan",
    "Västergatan", "Södergatan", "Norregatan", "Parkvägen", "Lärkvägen", "Björkvägen",
    "Ekvägen", "Rönnvägen", "Bokvägen", "Industrivägen", "Frostavägen", "Ringsjövägen",
]
_VILLAGE_STREETS = ["Byvägen", "Kyrkvägen", "Skolvägen", "Stationsvägen", "Ängsvägen"]


# ------------------------------------------------------------------ incidents
def _timing(rng: np.random.Generator, label: str, week: int, n: int) -> list[tuple[date, str]]:
    hours, days, p_empty = _TIMING[label]
    hw = np.asarray(_H[hours], float)
    dw = np.asarray(_D[days], float)
    dows = rng.choice(7, size=n, p=dw / dw.sum())
    hrs = rng.choice(24, size=n, p=hw / hw.sum())
    mins = rng.integers(0, 60, size=n)
    empty = rng.random(n) < p_empty
    out = []
    for d, h, m, e in zip(dows, hrs, mins, empty, strict=True):
        day = START + timedelta(days=7 * week + int(d))
        out.append((day, "" if e else f"{int(h):02d}:{int(m):02d}"))
    return out


def _ellipse(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    r = np.sqrt(rng.random(n))
    t = rng.random(n) * 2 * math.pi
    return r * np.cos(t) * _TATORT_A_M, r * np.sin(t) * _TATORT_B_M


def _fmt(x: float) -> str:
    return f"{x:.6f}".replace(".", ",")


def _incidents(rng: np.random.Generator) -> list[list[str]]:
    rows: list[tuple[date, str, str, str, str, str, str]] = []

    def add(label: str, week: int, lon: float, lat: float, text: str, address: str = ""):
        ((day, tid),) = _timing(rng, label, week, 1)
        lat_s, lon_s = ("", "") if address else (_fmt(lat), _fmt(lon))
        rows.append((day, tid, label, text, address, lat_s, lon_s))

    for h in PLANTED:
        labels = list(h.categories)
        shares = np.asarray([h.categories[c] for c in labels])
        ox = (h.lon - _LON0) * _M_PER_DEG_LON
        oy = (h.lat - _LAT0) * _M_PER_DEG_LAT
        for w in range(WEEKS):
            n = int(rng.poisson(h.rate(w)))
            if n == 0:
                continue
            picks = rng.choice(len(labels), size=n, p=shares)
            for i in picks:
                label = labels[int(i)]
                dx, dy = rng.normal(0, h.sd_m, 2)
                lon, lat = _to_lonlat(np.array([ox + dx]), np.array([oy + dy]))
                special = _HOTSPOT_TEXTS.get((h.key, label))
                if special:
                    text = str(rng.choice(special))
                else:
                    base = str(rng.choice(_TEXTS[label]))
                    text = f"{base[:-1]} {rng.choice(_PLACE_SUFFIX[h.key])}."
                add(label, w, float(lon[0]), float(lat[0]), text)

    for label, rate in _BACKGROUND.items():
        for w in range(WEEKS):
            n = int(rng.poisson(rate(w)))
            if n == 0:
                continue
            dx, dy = _ellipse(rng, n)
            lon, lat = _to_lonlat(dx, dy)
            for k in range(n):
                text = str(rng.choice(_TEXTS[label]))
                address = ""
                if rng.random() < _ADDRESS_ONLY_SHARE:
                    address = f"{rng.choice(_STREETS)} {int(rng.integers(1, 41))}, Höör"
                add(label, w, float(lon[k]), float(lat[k]), text, address)

    for village, (vlon, vlat) in VILLAGES.items():
        for label, rate in _VILLAGE_BACKGROUND.items():
            for w in range(WEEKS):
                n = int(rng.poisson(rate(w)))
                if n == 0:
                    continue
                dx, dy = rng.normal(0, 300.0, (2, n))
                lon, lat = vlon + dx / _M_PER_DEG_LON, vlat + dy / _M_PER_DEG_LAT
                for k in range(n):
                    text = str(rng.choice(_TEXTS[label]))
                    address = ""
                    if rng.random() < 2 * _ADDRESS_ONLY_SHARE:
                        street = rng.choice(_VILLAGE_STREETS)
                        address = f"{street} {int(rng.integers(1, 25))}, {village}"
                    add(label, w, float(lon[k]), float(lat[k]), text, address)

    # Chronological ids; empty tid ("sometime that day") sorts first within the day.
    tiebreak = rng.permutation(len(rows))
    order = sorted(range(len(rows)), key=lambda i: (rows[i][0], rows[i][1], int(tiebreak[i])))
    out = []
    for n, i in enumerate(order, start=1):
        day, tid, label, text, address, lat_s, lon_s = rows[i]
        out.append([f"HOOR-2026-{n:06d}", day.isoformat(), tid, label, text, address,
                    lat_s, lon_s])
    return out


# ------------------------------------------------------------------ walk observations
@dataclass(frozen=True)
class _Walk:
    name: str
    day: date
    start: str  # HH:MM
    route_m: Sequence[tuple[float, float]]  # waypoints, metres from the station (or village)
    origin: tuple[float, float] | None  # village lon/lat, None: the station frame
    weights: dict[str, float]
    n: int


_OBS_TEXTS: dict[str, list[str]] = {
    "Belysning": [
        "Gatlykta släckt.", "Mörk gångväg utan belysning.", "Trasig armatur vid cykelparkering.",
        "Belysningen räcker inte fram till entrén.", "Blinkande lampa i gångpassage.",
    ],
    "Skymd sikt/vegetation": [
        "Buskage skymmer sikten längs gångvägen.", "Häck växer ut över trottoaren.",
        "Sly bakom busshållplatsen.", "Träd skymmer gatubelysningen.",
    ],
    "Klotter": [
        "Klotter på elskåp.", "Taggar på skolans fasad.", "Klotter på bullerplank.",
        "Nytt klotter i busskur.",
    ],
    "Nedskräpning": [
        "Mycket skräp och fimpar.", "Överfull papperskorg.", "Glassplitter på gångvägen.",
        "Dumpade sopsäckar.",
    ],
    "Otrygg plats": [
        "Upplevs otryggt kvällstid.", "Ungdomar samlas, platsen upplevs otrygg.",
        "Enslig passage utan insyn.", "Otrygg väg till busshållplatsen.",
    ],
    "Trafikfara": [
        "Mopeder kör fort på gång- och cykelvägen.", "Otydligt övergångsställe.",
        "Skymd utfart mot gatan.", "Höga hastigheter på gatan.",
    ],
    "Eftersatt underhåll": [
        "Trasig bänk.", "Hål i asfalten på gångvägen.", "Trasigt staket.",
        "Sönderslagen skylt.",
    ],
    "Övergiven byggnad": [
        "Tom byggnad med krossade fönster.", "Öppen entré till övergiven lokal.",
        "Igenbommat hus med spår av intrång.",
    ],
}
_SEVERITY = {
    "Belysning": [0.2, 0.5, 0.3], "Skymd sikt/vegetation": [0.3, 0.5, 0.2],
    "Klotter": [0.5, 0.4, 0.1], "Nedskräpning": [0.6, 0.3, 0.1],
    "Otrygg plats": [0.2, 0.4, 0.4], "Trafikfara": [0.2, 0.4, 0.4],
    "Eftersatt underhåll": [0.4, 0.4, 0.2], "Övergiven byggnad": [0.2, 0.4, 0.4],
}
_AUTUMN = {"Belysning": 4, "Skymd sikt/vegetation": 2, "Klotter": 2, "Nedskräpning": 2,
           "Otrygg plats": 3, "Trafikfara": 1, "Eftersatt underhåll": 2, "Övergiven byggnad": .3}
_SUMMER = {"Belysning": 1, "Skymd sikt/vegetation": 4, "Klotter": 2, "Nedskräpning": 3,
           "Otrygg plats": 2, "Trafikfara": 3, "Eftersatt underhåll": 2, "Övergiven byggnad": .3}

_WALKS: tuple[_Walk, ...] = (
    _Walk("Trygghetsvandring Stationsområdet 2026-06-09", date(2026, 6, 9), "19:00",
          [(-300, 200), (0, 150), (120, 0), (0, -150), (-250, -200), (-300, 200)], None,
          _SUMMER, 48),
    _Walk("Trygghetsvandring Handelsområdet öst 2026-07-01", date(2026, 7, 1), "19:30",
          [(150, 0), (450, -100), (700, -180), (800, 50), (450, 150)], None,
          {**_SUMMER, "Trafikfara": 6}, 40),
    _Walk("Trygghetsvandring Tjörnarp 2026-08-25", date(2026, 8, 25), "19:00",
          [(-400, -200), (0, 0), (350, 150), (200, 400), (-200, 250)], VILLAGES["Tjörnarp"],
          _SUMMER, 30),
    _Walk("Trygghetsvandring Centrum 2026-09-15", date(2026, 9, 15), "18:30",
          [(0, 0), (150, -200), (230, -350), (400, -300), (300, -100), (0, 0)], None,
          _AUTUMN, 55),
    _Walk("Trygghetsvandring Södra bostadsområdet 2026-10-06", date(2026, 10, 6), "18:00",
          [(-100, -300), (-400, -500), (-600, -650), (-450, -800), (-250, -600)], None,
          {**_AUTUMN, "Belysning": 6}, 50),
    _Walk("Trygghetsvandring Skolområdet nordväst 2026-10-20", date(2026, 10, 20), "18:00",
          [(-300, 300), (-550, 600), (-650, 720), (-780, 650), (-600, 450)], None,
          {**_AUTUMN, "Klotter": 5}, 45),
    _Walk("Trygghetsvandring Centrum 2026-11-17", date(2026, 11, 17), "17:30",
          [(0, 0), (150, -200), (230, -350), (400, -300), (300, -100), (0, 0)], None,
          _AUTUMN, 50),
)


def _observations(rng: np.random.Generator) -> list[list[str]]:
    out: list[list[str]] = []
    for walk in _WALKS:
        pts = np.asarray(walk.route_m, float)
        seg = np.hypot(*np.diff(pts, axis=0).T)
        cum = np.concatenate([[0.0], np.cumsum(seg)])
        along = np.sort(rng.random(walk.n) * cum[-1])
        x = np.interp(along, cum, pts[:, 0]) + rng.normal(0, 15.0, walk.n)
        y = np.interp(along, cum, pts[:, 1]) + rng.normal(0, 15.0, walk.n)
        if walk.origin is None:
            lon, lat = _to_lonlat(x, y)
        else:
            lon = walk.origin[0] + x / _M_PER_DEG_LON
            lat = walk.origin[1] + y / _M_PER_DEG_LAT
        labels = list(walk.weights)
        p = np.asarray([walk.weights[c] for c in labels], float)
        picks = rng.choice(len(labels), size=walk.n, p=p / p.sum())
        h0, m0 = map(int, walk.start.split(":"))
        # About 3 km/h with stops: 1 minute per 40 m walked.
        minutes = h0 * 60 + m0 + (along / 40.0).astype(int)
        for k in range(walk.n):
            label = labels[int(picks[k])]
            sev = int(rng.choice(3, p=_SEVERITY[label])) + 1
            text = str(rng.choice(_OBS_TEXTS[label]))
            t = int(minutes[k])
            out.append([walk.day.isoformat(), f"{t // 60:02d}:{t % 60:02d}", walk.name, label,
                        text, str(sev), _fmt(lat[k]), _fmt(lon[k])])
    return [[f"HOOR-TV-2026-{n:04d}", *row] for n, row in enumerate(out, start=1)]


# ------------------------------------------------------------------ entry points
def generate(seed: int = SEED) -> tuple[list[list[str]], list[list[str]]]:
    """The incident and observation rows (without header), as the CSV files hold them."""
    rng = np.random.default_rng(seed)
    incidents = _incidents(rng)
    observations = _observations(rng)
    return incidents, observations


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write(out_dir: Path, seed: int = SEED) -> tuple[Path, Path]:
    """Write both CSV files into ``out_dir`` and return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    incidents, observations = generate(seed)
    inc_path, obs_path = out_dir / INCIDENTS_FILE, out_dir / OBSERVATIONS_FILE
    _write_csv(inc_path, INCIDENT_HEADER, incidents)
    _write_csv(obs_path, OBSERVATION_HEADER, observations)
    return inc_path, obs_path


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: ``python -m hotspots.demo.synthetic [--out-dir DIR] [--seed N]``."""
    from hotspots.paths import DEFAULT_DATA_DIR

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_DATA_DIR / "demo")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    for path in write(args.out_dir, args.seed):
        print(path)


if __name__ == "__main__":
    main()
