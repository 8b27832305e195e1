"""``load_demo`` on both backends: every row accounted for, honest precision, walks."""

from __future__ import annotations

import csv
import json

import pytest

from hotspots.demo.loader import DEMO_FILES, load_demo
from hotspots.errors import HotspotsError

POLISEN_EVENTS = 842
WALKS = 7


def _rows(settings, name: str) -> int:
    """Data rows of a demo file (CSV rows, or non-empty JSON lines)."""
    path = settings.data_dir / "demo" / name
    with path.open(encoding="utf-8", newline="") as fh:
        if name.endswith(".jsonl"):
            return sum(1 for line in fh if line.strip() and json.loads(line))
        return sum(1 for _ in csv.DictReader(fh, delimiter=";"))


@pytest.fixture
def loaded(store, settings):
    return store, load_demo(store, settings)


def test_reports_balance(loaded, settings):
    _, reports = loaded
    assert [r.source for r in reports] == [source for _, source, _, _ in DEMO_FILES]
    for report, (name, *_rest) in zip(reports, DEMO_FILES, strict=True):
        assert report.balanced, report
        assert report.read == _rows(settings, name)
        assert report.read == report.stored + report.duplicate + report.rejected
        assert report.rejected == 0 and report.duplicate == 0
        assert not report.dry_run


def test_polisen_events_are_never_more_precise_than_a_place(loaded):
    store, reports = loaded
    assert reports[0].stored == POLISEN_EVENTS
    df = store.records("incident")
    polisen = df[df["source"] == "polisen.se"]
    assert len(polisen) == POLISEN_EVENTS
    # polisen.se coordinates are kommun or place centroids, never an incident's location
    assert set(polisen["precision"]) <= {"municipality", "locality", "failed"}
    assert sum(reports[0].by_precision.values()) == POLISEN_EVENTS


def test_synthetic_files_are_stored_whole(loaded, settings):
    store, reports = loaded
    incidents = _rows(settings, "hoor_synthetic_incidents.csv")
    observations = _rows(settings, "hoor_synthetic_observations.csv")
    assert reports[1].incidents == reports[1].stored == incidents
    assert reports[2].observations == reports[2].stored == observations
    counts = store.counts()
    assert counts["incidents"] == POLISEN_EVENTS + incidents
    assert counts["observations"] == observations
    assert counts["import_batches"] == len(DEMO_FILES)
    df = store.records("incident")
    assert (df["source"] == "demo-hoor-synthetic").sum() == incidents
    assert len(store.records("observation")) == observations


def test_walks_are_created(loaded):
    store, _ = loaded
    assert store.counts()["walks"] == WALKS
    obs = store.records("observation", columns=("id", "walk_id"))
    assert obs["walk_id"].notna().all()
    assert obs["walk_id"].nunique() == WALKS


def test_a_second_load_is_refused_and_reset_starts_over(loaded, settings):
    store, _ = loaded
    before = store.counts()
    with pytest.raises(HotspotsError):
        load_demo(store, settings)
    assert store.counts() == before
    reports = load_demo(store, settings, reset=True)
    assert all(r.balanced and r.duplicate == 0 for r in reports)
    assert store.counts() == before
