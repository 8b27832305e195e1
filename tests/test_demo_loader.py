"""``load_demo`` on both backends: every row accounted for, honest precision, walks."""

from __future__ import annotations

import csv
import json
import math
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from hotspots.demo.loader import DEMO_FILES, load_demo, load_demo_measures
from hotspots.errors import HotspotsError
from hotspots.settings import get_settings

STOCKHOLM = ZoneInfo("Europe/Stockholm")
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
    measures_before = store.measures().drop(columns="id")
    changes_before = {k: len(store.status_changes(k)) for k in ("measure", "observation")}
    reports = load_demo(store, settings, reset=True)
    assert all(r.balanced and r.duplicate == 0 for r in reports)
    assert store.counts() == before
    assert store.measures().drop(columns="id").equals(measures_before)
    assert {k: len(store.status_changes(k)) for k in changes_before} == changes_before


# ------------------------------------------------------------------ measures, status changes
# SYNTHETIC: data/demo/hoor_synthetic_measures.csv and hoor_synthetic_status_changes.csv
DEMO_MEASURES = {
    # title start: (code, status now, planted place)
    "Ny belysning": ("belysning", "genomförd", "bostad_sv"),
    "Kameraövervakning": ("kamera", "föreslagen", "station"),
    "Grannsamverkan": ("grannsamverkan", "pågående", "bostad_sv"),
    "Riktade trafikkontroller": ("trafikkontroll", "genomförd", "handel_ost"),
    "Röjning": ("rojning", "avslutad", "station"),
    "Nattvandring": ("vuxennarvaro", "planerad", "skola_nv"),
}
W47 = (datetime(2026, 11, 16, tzinfo=STOCKHOLM), datetime(2026, 11, 23, tzinfo=STOCKHOLM))


def _metres(lon1, lat1, lon2, lat2) -> float:
    dx = (lon2 - lon1) * 111_320 * math.cos(math.radians(lat1))
    return math.hypot(dx, (lat2 - lat1) * 111_200)


def test_demo_measures_sit_at_planted_places(loaded):
    from shapely.geometry import Point, shape

    from hotspots.demo.synthetic import PLANTED

    store, _ = loaded
    planted = {p.key: p for p in PLANTED}
    df = store.measures()
    assert len(df) == len(DEMO_MEASURES)
    for row in df.itertuples():
        (start,) = [k for k in DEMO_MEASURES if row.title.startswith(k)]
        code, status, place = DEMO_MEASURES[start]
        assert (row.measure, row.status, row.municipality) == (code, status, "Höör")
        p = planted[place]
        if row.area_geojson is not None:
            assert shape(row.area_geojson).contains(Point(p.lon, p.lat))
        else:
            assert _metres(row.lon, row.lat, p.lon, p.lat) < 300, row.title
            assert row.radius_m > 0
        # the status column is the last status of the history
        history = store.status_history("measure", row.id)
        assert history[-1]["status"] == row.status
        assert history[-1]["changed_at"] == row.status_changed_at
        assert [h["changed_at"] for h in history] == sorted(h["changed_at"] for h in history)
    lighting = df[df["measure"] == "belysning"].iloc[0]
    assert lighting["starts_on"] == pd.Timestamp("2026-11-10", tz=STOCKHOLM)
    assert lighting["decided_on"] == pd.Timestamp("2026-10-26", tz=STOCKHOLM)
    assert lighting["cost_sek"] == 185_000
    assert df["status_changed_at"].notna().all()


def test_demo_status_changes(loaded):
    store, _ = loaded
    assert len(store.status_changes("measure")) == 18
    obs_changes = store.status_changes("observation")
    assert len(obs_changes) == 65 and obs_changes["record_id"].nunique() == 35
    week = store.status_changes("observation", start=W47[0], end=W47[1])
    assert len(week) == 16
    assert set(week["status"]) == {"rapporterad", "åtgärdad", "avslutad"}
    assert len(store.status_changes("observation", end=W47[0])) == 49
    assert len(store.status_changes("measure", start=W47[0], end=W47[1])) == 3
    obs = store.records("observation", columns=("id", "external_id", "status"))
    assert obs["status"].value_counts().to_dict() == {
        "ny": 283,
        "åtgärdad": 20,
        "rapporterad": 9,
        "avslutad": 6,
    }
    by_id = obs.set_index("external_id")
    # the lighting remarks of the apartment-area walk: reported, fixed by M1, checked in W47
    history = store.status_history("observation", int(by_id.loc["HOOR-TV-2026-0182", "id"]))
    assert [
        (h["status"], h["changed_at"].astimezone(STOCKHOLM).date().isoformat()) for h in history
    ] == [
        ("rapporterad", "2026-10-07"),
        ("åtgärdad", "2026-11-10"),
        ("avslutad", "2026-11-19"),
    ]
    assert history[1]["note"] == "Ny belysning (åtgärd M1)"
    # loading the measures and changes again adds nothing
    assert load_demo_measures(store, get_settings()) == {"measures": 0, "status_changes": 0}
    assert len(store.measures()) == len(DEMO_MEASURES)
    assert len(store.status_changes("observation")) == 65


def test_the_demo_weeks_are_checked_for_deviations(loaded):
    from hotspots.alerts.check import check_deviations
    from hotspots.alerts.repo import list_alerts

    store, _ = loaded
    alerts = list_alerts(store)
    assert alerts, "the demo has deviations to show on /larm and in the report"
    assert all(a.status == "ny" and a.observed > a.expected for a in alerts)
    # the same check again (as the schedule would run it) adds nothing
    for week in {a.week for a in alerts}:
        check_deviations(store, week=week)
    assert len(list_alerts(store)) == len(alerts)
