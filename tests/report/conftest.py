"""A built five-week history where every hotspot's trend is known, in Höör.

Week 2026-W10 (2 to 8 March 2026) is the report week; W06-W09 are the four weeks before.

* ``torget``  3 a week before, 12 this week, at night, an open lighting observation: growing
* ``villor``  nothing before, 6 residential burglaries this week: new
* ``parkering``  8 moped incidents a week before, none this week: fading
* ``skolan``  2 vandalism incidents every week: persistent (property crime 5 of 5 weeks)

Plus one sensitive incident at ``torget``, two incidents whose address cannot be found (they
go to the review queue), and a hostile note on an observation.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from hotspots.ingest.pipeline import import_file

WEEK = "2026-W10"
MONDAY = date(2026, 3, 2)
EVIL = "<script>alert('x')</script>"
_LON0, _LAT0 = 13.5434, 55.9366

#: name -> (east offset m, north offset m, category label, [count per week W06..W10], hour)
PLACES = {
    "torget": (0, 0, "Ordningsstörning", [3, 3, 3, 3, 12], 22),
    "villor": (1500, 0, "Inbrott i bostad", [0, 0, 0, 0, 6], 14),
    "parkering": (0, 1500, "Buskörning", [8, 8, 8, 8, 0], 20),
    "skolan": (-1500, 0, "Skadegörelse", [2, 2, 2, 2, 2], 13),
}


def lonlat(dx: float, dy: float) -> tuple[float, float]:
    return (_LON0 + dx / (111_320.0 * math.cos(math.radians(_LAT0))), _LAT0 + dy / 111_200.0)


def _fmt(v: float) -> str:
    return f"{v:.6f}".replace(".", ",")


def build_rows() -> list[str]:
    rows = ["id;datum;tid;kategori;beskrivning;adress;lat;lon"]
    n = 0
    for name, (dx, dy, label, weekly, hour) in PLACES.items():
        for w, count in enumerate(weekly):
            for i in range(count):
                n += 1
                day = MONDAY - timedelta(weeks=4 - w) + timedelta(days=i % 7)
                # deterministic spread within about 30 m
                ang = 2.399963 * n
                lon, lat = lonlat(dx + 25 * math.cos(ang), dy + 25 * math.sin(ang))
                rows.append(
                    f"T{n:04d};{day};{hour:02d}:{(i * 7) % 60:02d};{label};"
                    f"{name} {i};;{_fmt(lat)};{_fmt(lon)}"
                )
    lon, lat = lonlat(5, 5)
    rows.append(
        f"S0001;{MONDAY + timedelta(days=2)};23:00;Våld i nära relation;"
        f"sekretess;;{_fmt(lat)};{_fmt(lon)}"
    )
    for i in range(2):
        rows.append(
            f"U{i};{MONDAY + timedelta(days=3)};10:00;Stöld;okänd plats;Finnsintegatan {i + 1};;"
        )
    return rows


def build_observations() -> list[str]:
    rows = ["id;datum;tid;vandring;kategori;beskrivning;allvarlighetsgrad;lat;lon"]
    lon, lat = lonlat(10, -10)
    rows.append(
        f"O1;{MONDAY - timedelta(days=20)};19:00;Trygghetsvandring Torget 2026-02-10;"
        f"Belysning;Trasig lampa vid torget;3;{_fmt(lat)};{_fmt(lon)}"
    )
    lon, lat = lonlat(-1490, 10)
    rows.append(
        f"O2;{MONDAY + timedelta(days=1)};19:00;Trygghetsvandring Skolan 2026-03-03;"
        f"Klotter;{EVIL};2;{_fmt(lat)};{_fmt(lon)}"
    )
    lon, lat = lonlat(1510, 0)
    rows.append(
        f"O3;{MONDAY - timedelta(days=20)};19:00;Trygghetsvandring Torget 2026-02-10;"
        f"Skymd sikt;Buskar vid villorna;2;{_fmt(lat)};{_fmt(lon)}"
    )
    return rows


def _build(store, tmp_path):
    inc = tmp_path / "incidents.csv"
    inc.write_text("\n".join(build_rows()) + "\n", encoding="utf-8")
    obs = tmp_path / "observations.csv"
    obs.write_text("\n".join(build_observations()) + "\n", encoding="utf-8")
    import_file(inc, store=store, source="built")
    import_file(obs, store=store, source="built-walks", kind="observation")
    return store


@pytest.fixture
def built_store(store, tmp_path):
    """The built history in a store (SQLite and PostGIS)."""
    return _build(store, tmp_path)


@pytest.fixture
def built_sqlite(sqlite_store, tmp_path):
    """The built history in SQLite (for tests of drawing, not of the database)."""
    return _build(sqlite_store, tmp_path)
