from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hotspots.ingest.pipeline import import_file
from hotspots.store import Store

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "data" / "demo"
START = datetime(2026, 5, 25, tzinfo=UTC)
END = datetime(2026, 11, 23, tzinfo=UTC)
EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    """The synthetic Höör incidents and walks, plus one observation with a hostile note."""
    tmp = tmp_path_factory.mktemp("mapstore")
    store = Store.open(f"sqlite:///{tmp}/x.db")
    store.upgrade()
    import_file(DEMO / "hoor_synthetic_incidents.csv", store=store)
    obs = tmp / "observations.csv"
    text = (DEMO / "hoor_synthetic_observations.csv").read_text("utf-8")
    header = text.splitlines()[0].split(";")
    row = dict.fromkeys(header, "")
    row.update(
        {
            "id": "TEST-EVIL-1",
            "datum": "2026-09-15",
            "tid": "19:00",
            "vandring": "Centrum",
            "kategori": "Klotter",
            "beskrivning": EVIL,
            "allvarlighetsgrad": "2",
            "lat": "55,9340",
            "lon": "13,5465",
        }
    )
    with obs.open("w", encoding="utf-8", newline="") as fh:
        fh.write(text if text.endswith("\n") else text + "\n")
        csv.DictWriter(fh, header, delimiter=";").writerow(row)
    import_file(obs, store=store)
    return store


@pytest.fixture(scope="session")
def demo_html(demo_store):
    from maps.weekly import hotspot_map

    return hotspot_map(demo_store, start=START, end=END, basemap="none")


WEEK_START = datetime(2026, 11, 15, 23, tzinfo=UTC)  # 2026-W47, Monday 00:00 in Stockholm
WEEK_END = datetime(2026, 11, 22, 23, tzinfo=UTC)
HOSTILE_TITLE = "<script>alert(2)</script> Belysning"
HOSTILE_NOTE = "<img src=x onerror=alert(3)>"


def measures_frame():
    """Measures as ``Store.measures()`` returns them: one per status, shape and edge case."""
    import pandas as pd

    square = {
        "type": "Polygon",
        "coordinates": [
            [
                [13.540, 55.930],
                [13.546, 55.930],
                [13.546, 55.933],
                [13.540, 55.933],
                [13.540, 55.930],
            ]
        ],
    }
    # id, measure, title, description, status, lon, lat, radius, area, decided, starts, ends
    # fmt: off
    rows = [
        (1, "belysning", HOSTILE_TITLE, HOSTILE_NOTE, "föreslagen", 13.5440, 55.9370, None, None,
         None, None, None),
        (2, "kamera", "Kamera vid stationen", "Tillstånd sökt", "pågående", 13.5420, 55.9366,
         75.0, None, "2026-10-01", "2026-11-01", None),
        (3, "rojning", "Röjning i parken", None, "genomförd", None, None, None, square,
         "2026-09-01", "2026-09-15", "2026-10-01"),
        (4, "polisnarvaro", "Riktad närvaro", None, "planerad", 13.5400, 55.9350, 150.0, None,
         "2026-11-10", "2026-11-18", None),
        (5, "stadning", "Avslutad städning", None, "avslutad", 13.5450, 55.9380, None, None,
         "2026-05-01", "2026-05-10", "2026-06-01"),  # ended before the week: left out
        (6, "vuxennarvaro", "Nattvandring i vår", None, "planerad", 13.5450, 55.9390, None, None,
         "2026-12-01", "2027-03-01", None),  # decided after the week: left out
        (7, "information", "Utskick utan plats", None, "planerad", None, None, None, None,
         "2026-11-01", None, None),  # no place: counted, not drawn
        (8, "belysning", "Avslutad lampa", None, "avslutad", 13.5430, 55.9360, None, None,
         "2026-09-01", "2026-09-10", "2026-11-20"),  # ended during the week: shown
    ]
    # fmt: on
    columns = [
        "id",
        "measure",
        "title",
        "description",
        "status",
        "lon",
        "lat",
        "radius_m",
        "area_geojson",
        "decided_on",
        "starts_on",
        "ends_on",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("decided_on", "starts_on", "ends_on"):
        frame[column] = pd.to_datetime(frame[column]).dt.tz_localize("Europe/Stockholm")
    frame["municipality"] = "Höör"
    frame["cost_sek"] = None
    frame["status_changed_at"] = frame["starts_on"]
    return frame


class StoreWithMeasures:
    """A store whose ``measures()`` gives :func:`measures_frame` (until the real one exists)."""

    def __init__(self, store, frame):
        self._store, self._frame = store, frame
        self.calls = []

    def __getattr__(self, name):
        return getattr(self._store, name)

    def measures(self, *, bbox=None):
        self.calls.append(bbox)
        return self._frame.copy()


@pytest.fixture(scope="session")
def week_layers(demo_store):
    """Week 47 of the demo with the test measures, for an analyst, four weeks back."""
    from maps.weekly import hotspot_layers

    store = StoreWithMeasures(demo_store, measures_frame())
    return hotspot_layers(store, start=WEEK_START, end=WEEK_END, weeks_back=4)
