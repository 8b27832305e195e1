"""Built incident histories in Höör where the effect of a measure is known.

The measure is placed on Monday 2 March 2026 (local time) at the square (``CENTRE``) with a
radius of 100 m; a follow-up of 12 weeks compares 8 Dec 2025 - 1 Mar 2026 with
2 Mar - 24 May 2026, as on 1 June 2026. Incidents (vandalism, a category that lists
``belysning``) are instants at noon spread evenly over each period:

* treated area: within 50 m of the centre,
* buffer: 200 m from the centre (the ring from 100 to 300 m),
* control: 1 to 3 km from the centre, inside Höör kommun.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hotspots.ingest.pipeline import import_file

TZ = ZoneInfo("Europe/Stockholm")
CENTRE = (13.5434, 55.9366)
PLACED = datetime(2026, 3, 2, tzinfo=TZ)
AS_OF = datetime(2026, 6, 1, tzinfo=TZ)
WEEKS = 12
BEFORE0 = date(2025, 12, 8)

#: (treated, buffer, control) x (before, after) of the effect case
EFFECT = {"treated": (30, 10), "buffer": (12, 20), "control": (300, 300)}
#: the same places with no effect anywhere
NULL = {"treated": (20, 20), "buffer": (12, 12), "control": (300, 300)}


def lonlat(dx: float, dy: float) -> tuple[float, float]:
    lon0, lat0 = CENTRE
    return lon0 + dx / (111_320.0 * math.cos(math.radians(lat0))), lat0 + dy / 111_200.0


def _place(area: str, n: int) -> tuple[float, float]:
    ang = 2.399963 * n  # golden angle: a deterministic spread
    if area == "treated":
        r = 45 * math.sqrt((n % 97) / 97)
    elif area == "buffer":
        r = 200
    else:
        r = 1000 + 2000 * ((n * 37) % 101) / 101
    return lonlat(r * math.cos(ang), r * math.sin(ang))


def build_rows(counts: dict) -> list[str]:
    rows = ["id;datum;tid;kategori;lat;lon"]
    n = 0
    days = 7 * WEEKS
    for area, pair in counts.items():
        for k, count in enumerate(pair):
            start = BEFORE0 + timedelta(days=days * k)
            for i in range(count):
                n += 1
                day = start + timedelta(days=(i * days) // count)
                lon, lat = _place(area, n)
                rows.append(f"B{n:05d};{day};12:00;Skadegörelse;{lat:.7f};{lon:.7f}")
    return rows


def load(store, tmp_path, counts: dict, name: str = "built.csv"):
    path = tmp_path / name
    path.write_text("\n".join(build_rows(counts)) + "\n", encoding="utf-8")
    report = import_file(path, store=store, source="built")
    assert report.rejected == 0
    return store


def add_measure(store, **kw) -> int:
    lon, lat = CENTRE
    values = {
        "measure": "belysning",
        "title": "Ny belysning torget",
        "lon": lon,
        "lat": lat,
        "radius_m": 100.0,
        "status": "genomförd",
        "starts_on": PLACED,
    }
    values.update(kw)
    return store.add_measure(**values)


@pytest.fixture
def effect_store(store, tmp_path):
    """The effect case on SQLite and PostGIS, with the measure; returns (store, id)."""
    load(store, tmp_path, EFFECT)
    return store, add_measure(store)


@pytest.fixture
def effect_sqlite(sqlite_store, tmp_path):
    """The effect case on SQLite only."""
    load(sqlite_store, tmp_path, EFFECT)
    return sqlite_store, add_measure(sqlite_store)
