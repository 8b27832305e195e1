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
    row.update({"id": "TEST-EVIL-1", "datum": "2026-09-15", "tid": "19:00",
                "vandring": "Centrum", "kategori": "Klotter", "beskrivning": EVIL,
                "allvarlighetsgrad": "2", "lat": "55,9340", "lon": "13,5465"})
    with obs.open("w", encoding="utf-8", newline="") as fh:
        fh.write(text if text.endswith("\n") else text + "\n")
        csv.DictWriter(fh, header, delimiter=";").writerow(row)
    import_file(obs, store=store)
    return store


@pytest.fixture(scope="session")
def demo_html(demo_store):
    from maps.weekly import hotspot_map

    return hotspot_map(demo_store, start=START, end=END, basemap="none")
