"""Links of a measure to the observations and stored analyses behind it, on both backends."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import create_engine, func, inspect, select, text

from hotspots.errors import InputError, NotFoundError
from hotspots.store import RECORD_COLUMNS
from hotspots.store.link_models import MeasureLink
from hotspots.store.links import link_counts, link_measure, measure_links, unlink_measure
from hotspots.store.models import Measure, StatusChange
from hotspots.store.runs import save_run

T0 = datetime(2026, 11, 16, 17, 30, tzinfo=UTC)


def _measure(store, **kw) -> int:
    args = {"measure": "belysning", "title": "Ny belysning", "lon": 13.54, "lat": 55.93}
    args.update(kw)
    return store.add_measure(**args)


def _observations(store, ids=("o1", "o2")) -> list[int]:
    n = len(ids)
    df = pd.DataFrame({c: [None] * n for c in RECORD_COLUMNS})
    df["external_id"] = list(ids)
    df["category"] = "belysning"
    df["occurred_from"] = pd.to_datetime([T0] * n, utc=True)
    df["occurred_to"] = pd.NaT
    df["lon"] = np.full(n, 13.54)
    df["lat"] = np.full(n, 55.93)
    df["precision"] = "exact"
    df["outside_area"] = False
    df["line"] = np.arange(2, n + 2)
    with store.import_batch(source="walks", filename="walk.csv", fmt="csv") as w:
        w.write("observation", df)
    found = store.observation_ids(list(ids), source="walks")
    return [found[i] for i in ids]


def _run(store) -> int:
    fc = {"type": "FeatureCollection", "features": []}
    return save_run(
        store,
        method="gistar",
        params={},
        kind="incident",
        categories=None,
        window_from=datetime(2026, 11, 8, 23, tzinfo=UTC),
        window_to=datetime(2026, 11, 15, 23, tzinfo=UTC),
        crs="EPSG:3006",
        n_points=0,
        input_sha256="ab" * 32,
        result=fc,
    )


def _counts(store) -> tuple[int, int, int]:
    with store.engine.connect() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (Measure, StatusChange, MeasureLink)
        )


def test_link_list_unlink(store):
    o1, o2 = _observations(store)
    rid = _run(store)
    mid = _measure(store)
    assert measure_links(store, mid) == []
    assert link_measure(store, mid, "observation", o2, "lampan släckt", by="anna") is True
    assert link_measure(store, mid, "observation", o2, "igen") is False  # no-op
    assert link_measure(store, mid, "run", np.int64(rid)) is True
    assert link_measure(store, mid, " Observation ", o1) is True
    links = measure_links(store, mid, language="sv")
    assert [(x["kind"], x["ref_id"], x["note"]) for x in links] == [
        ("observation", o1, None),
        ("observation", o2, "lampan släckt"),
        ("run", rid, None),
    ]
    assert links[1]["created_by"] == "anna"
    # category label and the local (Stockholm) day; the run's method and window
    assert links[0]["label"] == "Belysning 2026-11-16"
    assert links[2]["label"] == "gistar 2026-11-09 – 2026-11-16"
    assert measure_links(store, mid, language="en")[0]["label"].endswith("2026-11-16")
    assert link_counts(store) == {mid: 2} and link_counts(store, "run") == {mid: 1}

    assert unlink_measure(store, mid, "observation", o1) is True
    assert unlink_measure(store, mid, "observation", o1) is False
    assert [x["ref_id"] for x in measure_links(store, mid)] == [o2, rid]


def test_bad_links_are_refused_with_swedish_messages(store):
    (o1,) = _observations(store, ("o1",))
    mid = _measure(store)
    with pytest.raises(NotFoundError, match="ingen åtgärd med id 999"):
        link_measure(store, 999, "observation", o1)
    with pytest.raises(NotFoundError, match=f"ingen observation med id {o1 + 100}"):
        link_measure(store, mid, "observation", o1 + 100)
    with pytest.raises(NotFoundError, match="ingen sparad analys med id 5"):
        link_measure(store, mid, "run", 5)
    with pytest.raises(InputError, match="länktyp.*'hotspot'.*observation, run"):
        link_measure(store, mid, "hotspot", o1)
    with pytest.raises(InputError, match="inget heltal"):
        link_measure(store, mid, "observation", 1.5)
    with pytest.raises(NotFoundError):
        measure_links(store, 999)
    assert measure_links(store, mid) == []


def test_add_measure_links_in_one_transaction(store):
    o1, o2 = _observations(store)
    rid = _run(store)
    mid = _measure(store, links=[("observation", o1), ("run", rid), ("observation", o1)])
    assert [(x["kind"], x["ref_id"]) for x in measure_links(store, mid)] == [
        ("observation", o1),
        ("run", rid),
    ]
    before = _counts(store)
    with pytest.raises(NotFoundError, match="ingen sparad analys"):
        _measure(store, links=[("observation", o2), ("run", rid + 7)])
    with pytest.raises(InputError):
        _measure(store, links=[("place", o2)])
    assert _counts(store) == before  # nothing half-saved


def test_links_go_with_their_measure(store):
    (o1,) = _observations(store, ("o1",))
    mid = _measure(store, links=[("observation", o1)])
    other = _measure(store, links=[("observation", o1)])
    with store.engine.begin() as conn:
        if store.dialect == "sqlite":
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        conn.execute(Measure.__table__.delete().where(Measure.__table__.c.id == mid))
    assert link_counts(store) == {other: 1}


def test_a_deleted_target_is_labelled_so(store):
    (o1,) = _observations(store, ("o1",))
    rid = _run(store)
    mid = _measure(store, links=[("observation", o1), ("run", rid)])
    from hotspots.store.models import DetectionRun

    with store.engine.begin() as conn:
        t = DetectionRun.__table__
        conn.execute(t.delete().where(t.c.id == rid))
    assert [x["label"] for x in measure_links(store, mid, language="sv")][1] == "(borttagen)"


def _check_down_and_up(engine) -> None:
    from hotspots.store import db

    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision() == "0007"
    insp = inspect(engine)
    assert "measure_links" in insp.get_table_names()
    uniques = {u["name"] for u in insp.get_unique_constraints("measure_links")}
    assert "uq_measure_links_measure_kind_ref" in uniques
    (fk,) = insp.get_foreign_keys("measure_links")
    assert fk["referred_table"] == "measures" and fk["options"].get("ondelete") == "CASCADE"
    db.downgrade(engine, "-1")
    assert "measure_links" not in inspect(engine).get_table_names()
    assert "measures" in inspect(engine).get_table_names()
    db.upgrade(engine)
    assert "measure_links" in inspect(engine).get_table_names()


def test_migration_down_and_up_sqlite(tmp_path):
    from hotspots.store.db import get_engine

    _check_down_and_up(get_engine(f"sqlite:///{tmp_path / 'links.db'}"))


@pytest.mark.filterwarnings("ignore:Did not recognize type 'geometry'")
def test_migration_down_and_up_own_postgis_database():
    """On a database of its own: the shared test database stays at head."""
    url = os.environ.get("HOTSPOTS_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("no PostGIS server: set HOTSPOTS_TEST_POSTGRES_URL")
    from sqlalchemy.engine import make_url

    from hotspots.store.db import get_engine

    name = f"hotspots_links_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = get_engine(make_url(url).set(database=name).render_as_string(hide_password=False))
    try:
        _check_down_and_up(engine)
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def test_window_days_are_local(store):
    rid = save_run(
        store,
        method="kde",
        params={},
        kind="incident",
        categories=None,
        window_from=None,
        window_to=None,
        crs="EPSG:3006",
        n_points=0,
        input_sha256="cd" * 32,
        result={"type": "FeatureCollection", "features": []},
    )
    mid = _measure(store, links=[("run", rid)])
    assert measure_links(store, mid)[0]["label"] == "kde"
