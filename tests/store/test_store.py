"""Storage on both backends: schema, identity, time zones, bbox queries, atomic batches."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import inspect, text

from hotspots.errors import StoreError
from hotspots.store import RECORD_COLUMNS, Store


def _records(ids, *, lon=13.54, lat=55.93, start=datetime(2026, 11, 16, 21, 30, tzinfo=UTC)):
    n = len(ids)
    df = pd.DataFrame({c: [None] * n for c in RECORD_COLUMNS})
    df["external_id"] = ids
    df["category"] = "skadegorelse"
    df["occurred_from"] = pd.to_datetime([start + timedelta(hours=i) for i in range(n)], utc=True)
    df["occurred_to"] = pd.NaT
    df["lon"] = np.full(n, lon) + np.arange(n) * 1e-3
    df["lat"] = np.full(n, lat)
    df["precision"] = "exact"
    df["outside_area"] = False
    df["line"] = np.arange(2, n + 2)
    return df


def test_schema_has_every_table(store):
    names = set(inspect(store.engine).get_table_names())
    assert {
        "incidents",
        "walks",
        "observations",
        "measures",
        "gazetteer_entries",
        "import_batches",
        "import_rejections",
    } <= names


def test_unmigrated_database_gives_clear_error(tmp_path):
    s = Store.open(f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(StoreError, match="hotspots db upgrade"):
        s.require_schema()


def test_write_stores_and_reports_duplicates(store):
    with store.import_batch(source="test", filename="a.csv", fmt="csv") as w:
        stored, dups = w.write("incident", _records(["a", "b", "a"]))
    assert stored == 2
    assert [(d.line, d.external_id, d.reason) for d in dups] == [
        (4, "a", "samma id som en tidigare rad i filen")
    ]
    with store.import_batch(source="test", filename="a.csv", fmt="csv") as w:
        stored, dups = w.write("incident", _records(["a", "c"]))
    assert stored == 1
    assert dups[0].external_id == "a" and dups[0].reason.startswith("finns redan (import ")
    assert store.counts()["incidents"] == 3
    # same id under another source is another record
    with store.import_batch(source="other", filename="b.csv", fmt="csv") as w:
        stored, _ = w.write("incident", _records(["a"]))
    assert stored == 1


def test_times_come_back_timezone_aware_utc(store):
    t0 = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    with store.import_batch(source="t", filename="f", fmt="csv") as w:
        w.write("incident", _records(["x"], start=t0))
    df = store.records("incident")
    assert df["occurred_from"].iloc[0] == pd.Timestamp(t0)
    assert str(df["occurred_from"].dt.tz) == "UTC"


def test_failed_batch_leaves_database_as_before(store):
    with store.import_batch(source="t", filename="f", fmt="csv") as w:
        w.write("incident", _records(["keep"]))
    before = store.counts()
    with pytest.raises(RuntimeError):
        with store.import_batch(source="t", filename="g", fmt="csv") as w:
            w.write("incident", _records(["new1", "new2"]))
            raise RuntimeError("disk full half-way")
    assert store.counts() == before


def test_dry_run_rolls_back(store):
    with store.import_batch(source="t", filename="f", fmt="csv", dry_run=True) as w:
        assert w.write("incident", _records(["a", "b"]))[0] == 2
    assert store.counts()["incidents"] == 0
    assert store.counts()["import_batches"] == 0


def test_bbox_time_and_category_filters(store):
    with store.import_batch(source="t", filename="f", fmt="csv") as w:
        w.write("incident", _records([f"i{i}" for i in range(10)]))
    df = store.records("incident", bbox=(13.5425, 55.9, 13.5455, 56.0))
    assert sorted(df["external_id"]) == ["i3", "i4", "i5"]
    df = store.records("incident", start=datetime(2026, 11, 17, tzinfo=UTC))
    assert len(df) == 7  # 21:30 + 0..9 hours local UTC; from midnight on: i3..i9
    assert store.records("incident", categories=["narkotika"]).empty


def test_observations_create_walks_by_name(store):
    df = _records(["o1", "o2", "o3"])
    df["category"] = "belysning"
    df["walk"] = ["Vandring A", "Vandring A", "Vandring B"]
    df["severity"] = pd.array([1, 2, None], dtype="Int64")
    with store.import_batch(source="walks", filename="f", fmt="csv") as w:
        assert w.write("observation", df)[0] == 3
    assert store.counts()["walks"] == 2
    assert store.counts()["observations"] == 3


def test_review_queue_and_set_location(store):
    df = _records(["r1", "r2"])
    df.loc[0, ["lon", "lat"]] = np.nan
    df["precision"] = ["failed", "exact"]
    df["review"] = ["pending", None]
    df["address"] = ["Storgatan 1", None]
    with store.import_batch(source="t", filename="f", fmt="csv") as w:
        w.write("incident", df)
    queue = store.review_queue()
    assert [(i.external_id, i.address) for i in queue] == [("r1", "Storgatan 1")]
    store.set_location("incident", queue[0].id, lon=13.5, lat=55.9, precision="exact", note="given")
    assert store.review_queue() == []
    assert store.records("incident", precisions=["exact"]).shape[0] == 2


def test_bbox_query_uses_an_index(store):
    """PostGIS: the GiST index on the generated geom column; SQLite: the lon/lat b-tree."""
    with store.import_batch(source="t", filename="f", fmt="csv") as w:
        w.write("incident", _records([f"p{i}" for i in range(50)]))
    with store.engine.connect() as conn:
        if store.dialect == "postgresql":
            geom = conn.execute(
                text("SELECT ST_AsText(geom) FROM incidents WHERE external_id = 'p0'")
            ).scalar_one()
            assert geom == "POINT(13.54 55.93)"
            conn.execute(text("SET enable_seqscan = off"))
            plan = "\n".join(
                r[0]
                for r in conn.execute(
                    text(
                        "EXPLAIN SELECT id FROM incidents WHERE geom && "
                        "ST_MakeEnvelope(13.5, 55.9, 13.6, 56.0, 4326)"
                    )
                )
            )
            assert "ix_incidents_geom" in plan
        else:
            plan = " ".join(
                str(r[-1])
                for r in conn.execute(
                    text(
                        "EXPLAIN QUERY PLAN SELECT id FROM incidents "
                        "WHERE lon BETWEEN 13.5 AND 13.6 AND lat BETWEEN 55.9 AND 56.0"
                    )
                )
            )
            assert "ix_incidents_lonlat" in plan


def test_migrations_go_down_and_up_again(store):
    from hotspots.store import db

    assert db.current_revision(store.engine) == db.head_revision()
    db.downgrade(store.engine, "0001")
    assert not db.is_migrated(store.engine)
    assert "detection_runs" not in inspect(store.engine).get_table_names()
    store.upgrade()
    assert db.is_migrated(store.engine)
    assert "detection_runs" in inspect(store.engine).get_table_names()


def test_detection_runs_are_stored_whole(store):
    from hotspots.errors import NotFoundError
    from hotspots.store.runs import get_run, list_runs, save_run

    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [13.5, 55.9]},
         "properties": {"n": 3}}]}
    t0 = datetime(2026, 11, 16, tzinfo=UTC)
    rid = save_run(store, method="kde", params={"bandwidth": 200}, kind="incident",
                   categories=["skadegorelse"], window_from=t0,
                   window_to=t0 + timedelta(days=7), crs="EPSG:3006", n_points=3,
                   input_sha256="ab" * 32, result=fc)
    run = get_run(store, rid)
    assert run.result == fc and run.params == {"bandwidth": 200}
    assert run.window_from == t0 and run.categories == ["skadegorelse"]
    assert [r.id for r in list_runs(store)] == [rid]
    with pytest.raises(NotFoundError):
        get_run(store, rid + 1000)
