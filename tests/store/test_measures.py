"""Measures and status history on both backends: add, list, filter, validate, history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import func, inspect, select

from hotspots.errors import InputError, NotFoundError
from hotspots.store import RECORD_COLUMNS
from hotspots.store.models import Measure, StatusChange
from hotspots.store.repository import MEASURE_COLUMNS, STATUS_CHANGE_COLUMNS

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[13.530, 55.928], [13.541, 55.928], [13.541, 55.934], [13.530, 55.934], [13.530, 55.928]]
    ],
}


def _point(store, **kw) -> int:
    args = {
        "measure": "belysning",
        "title": "Ny belysning gångtunneln",
        "lon": 13.5434,
        "lat": 55.9366,
        "radius_m": 150.0,
        "at": T0,
    }
    args.update(kw)
    return store.add_measure(**args)


def _table_counts(store) -> tuple[int, int]:
    with store.engine.connect() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (Measure, StatusChange)
        )


def _observations(store, ids=("o1", "o2"), source="walks") -> dict[str, int]:
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
    with store.import_batch(source=source, filename="walk.csv", fmt="csv") as w:
        w.write("observation", df)
    return store.observation_ids(list(ids), source=source)


#: PostGIS's generated ``geom`` column is unknown to SQLAlchemy's reflection: harmless here
NO_GEOM_WARNING = pytest.mark.filterwarnings("ignore:Did not recognize type 'geometry'")


# ------------------------------------------------------------------------------ add and list
@NO_GEOM_WARNING
def test_schema_after_migration(store):
    insp = inspect(store.engine)
    assert "status_changes" in insp.get_table_names()
    cols = {c["name"] for c in insp.get_columns("measures")}
    assert {"decided_on", "cost_sek", "starts_on", "ends_on"} <= cols
    indexes = {i["name"]: i["column_names"] for i in insp.get_indexes("status_changes")}
    assert indexes["ix_status_changes_kind_time"] == ["kind", "changed_at"]
    assert indexes["ix_status_changes_kind_record"] == ["kind", "record_id"]


def test_add_point_measure_round_trips(store):
    decided = datetime(2026, 11, 2, tzinfo=ZoneInfo("Europe/Stockholm"))
    placed = datetime(2026, 11, 9, tzinfo=ZoneInfo("Europe/Stockholm"))
    until = datetime(2027, 3, 31, tzinfo=ZoneInfo("Europe/Stockholm"))
    mid = _point(
        store,
        status="planerad",
        description="  LED längs gångvägen  ",
        municipality="Höör",
        decided_on=decided,
        starts_on=placed,
        ends_on=until,
        cost_sek=45000,
        changed_by="anna",
        note="beslut i nämnden",
    )
    df = store.measures()
    assert list(df.columns) == list(MEASURE_COLUMNS)
    (row,) = df.to_dict("records")
    assert row["id"] == mid
    assert (row["measure"], row["title"], row["status"]) == (
        "belysning",
        "Ny belysning gångtunneln",
        "planerad",
    )
    assert row["description"] == "LED längs gångvägen"
    assert row["municipality"] == "Höör"
    assert (row["lon"], row["lat"], row["radius_m"], row["cost_sek"]) == (
        13.5434,
        55.9366,
        150.0,
        45000.0,
    )
    assert row["area_geojson"] is None
    assert row["decided_on"] == pd.Timestamp(decided)
    assert row["starts_on"] == pd.Timestamp(placed)
    assert row["ends_on"] == pd.Timestamp(until)
    assert row["status_changed_at"] == pd.Timestamp(T0)
    for c in ("decided_on", "starts_on", "ends_on", "status_changed_at"):
        assert str(df[c].dt.tz) == "UTC", c
    assert store.status_history("measure", mid) == [
        {"status": "planerad", "changed_at": T0, "changed_by": "anna", "note": "beslut i nämnden"}
    ]


def test_add_area_measure_and_code_by_label(store):
    mid = store.add_measure(
        measure="Grannsamverkan",  # the Swedish label is stored as the code
        title="Grannsamverkan sydväst",
        area_geojson={"type": "Feature", "properties": {}, "geometry": SQUARE},
        at=T0,
    )
    row = store.measures().set_index("id").loc[mid]
    assert row["measure"] == "grannsamverkan"
    assert row["status"] == "föreslagen"
    assert row["area_geojson"] == SQUARE
    assert np.isnan(row["lon"]) and np.isnan(row["radius_m"])
    assert pd.isna(row["decided_on"]) and np.isnan(row["cost_sek"])


def test_feature_collection_of_two_polygons_is_one_multipolygon(store):
    other = {
        "type": "Polygon",
        "coordinates": [[[13.55, 55.93], [13.56, 55.93], [13.56, 55.94], [13.55, 55.93]]],
    }
    fc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": g} for g in (SQUARE, other)],
    }
    mid = store.add_measure(measure="kamera", title="Två platser", area_geojson=fc)
    area = store.measures().set_index("id").loc[mid, "area_geojson"]
    assert area == {
        "type": "MultiPolygon",
        "coordinates": [SQUARE["coordinates"], other["coordinates"]],
    }


def test_no_measures_is_an_empty_frame_with_the_columns(store):
    df = store.measures()
    assert df.empty and list(df.columns) == list(MEASURE_COLUMNS)
    assert str(df["starts_on"].dt.tz) == "UTC"
    changes = store.status_changes("measure")
    assert changes.empty and list(changes.columns) == list(STATUS_CHANGE_COLUMNS)


def test_filter_by_status_and_bbox(store):
    inside = _point(store, title="vid stationen", lon=13.5434, lat=55.9366)
    outside = _point(store, title="Tjörnarp", lon=13.635, lat=55.9999, status="genomförd")
    area = store.add_measure(measure="grannsamverkan", title="område", area_geojson=SQUARE)
    assert store.measures()["id"].tolist() == [inside, outside, area]
    assert store.measures(statuses=["genomförd"])["id"].tolist() == [outside]
    assert store.measures(statuses=["föreslagen", "genomförd"])["id"].tolist() == [
        inside,
        outside,
        area,
    ]
    assert store.measures(statuses=["avslutad"]).empty
    # the station point is inside; the square's bounds reach into the box from the south-west
    box = (13.539, 55.932, 13.55, 55.94)
    assert store.measures(bbox=box)["id"].tolist() == [inside, area]
    # a box inside the square (no point in it) still finds the area
    assert store.measures(bbox=(13.533, 55.930, 13.535, 55.931))["id"].tolist() == [area]
    assert store.measures(bbox=(13.62, 55.99, 13.65, 56.01))["id"].tolist() == [outside]
    assert store.measures(bbox=(14.0, 56.0, 14.1, 56.1)).empty
    assert store.measures(bbox=box, statuses=["genomförd"]).empty
    with pytest.raises(InputError, match="klar"):
        store.measures(statuses=["klar"])


# ------------------------------------------------------------------------------ validation
SELF_CROSSING = {
    "type": "Polygon",
    "coordinates": [
        [[13.53, 55.92], [13.54, 55.93], [13.54, 55.92], [13.53, 55.93], [13.53, 55.92]]
    ],
}
SWEREF = {
    "type": "Polygon",
    "coordinates": [[[400000, 6200000], [400100, 6200000], [400100, 6200100], [400000, 6200000]]],
}


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"measure": "laserkanon"}, ["åtgärdstyp", "'laserkanon'", "belysning, rojning"]),
        ({"status": "klar"}, ["status", "'klar'", "föreslagen, planerad, pågående"]),
        ({"title": "   "}, ["titeln", "title", "'   '"]),
        ({"lat": None}, ["lon", "lat", "13.5434", "None"]),
        ({"lon": 190.0}, ["longituden", "lon", "190.0"]),
        ({"lon": "abc"}, ["longituden", "abc"]),
        ({"lat": -91.0}, ["latituden", "lat", "-91.0"]),
        ({"lon": None, "lat": None, "radius_m": None}, ["plats", "lon", "area_geojson"]),
        ({"radius_m": 0}, ["radien", "radius_m", "0"]),
        ({"radius_m": -5.0}, ["radien", "radius_m", "-5.0"]),
        (
            {"lon": None, "lat": None, "area_geojson": SQUARE, "radius_m": 50.0},
            ["radien", "radius_m", "50.0", "lon"],
        ),
        ({"cost_sek": -1}, ["kostnaden", "cost_sek", "-1"]),
        ({"cost_sek": float("nan")}, ["kostnaden", "cost_sek", "nan"]),
        (
            {"starts_on": datetime(2026, 11, 10, tzinfo=UTC), "ends_on": T0},
            ["ends_on", "starts_on", "2026-11-02", "2026-11-10"],
        ),
        ({"decided_on": datetime(2026, 11, 2)}, ["decided_on", "tidszon", "2026-11-02"]),
        ({"at": datetime(2026, 11, 2)}, ["at=", "tidszon"]),
        (
            {"area_geojson": {"type": "Point", "coordinates": [13.5, 55.9]}},
            ["area_geojson", "polygon", "'Point'"],
        ),
        ({"area_geojson": SWEREF}, ["area_geojson", "WGS84", "400000"]),
        ({"area_geojson": SELF_CROSSING}, ["area_geojson", "giltig polygon"]),
        (
            {"area_geojson": {"type": "Polygon", "coordinates": [[[13.5, 55.9], [13.6, 55.9]]]}},
            ["area_geojson", "giltig polygon"],
        ),
    ],
)
def test_invalid_values_are_named_and_nothing_is_stored(store, change, words):
    with pytest.raises(InputError) as exc:
        _point(store, **change)
    text = str(exc.value)
    for word in words:
        assert word in text, text
    assert _table_counts(store) == (0, 0)


def test_messages_follow_the_language(store, monkeypatch):
    from hotspots.settings import get_settings

    monkeypatch.setenv("HOTSPOTS_LANGUAGE", "en")
    get_settings.cache_clear()
    with pytest.raises(InputError, match="the radius \\(radius_m\\) must be greater than 0"):
        _point(store, radius_m=0)


# ------------------------------------------------------------------------------ status
def test_measure_status_changes_keep_the_history(store):
    mid = _point(store)
    store.set_status("measure", mid, "planerad", at=T0 + timedelta(days=5), by="bo", note="beslut")
    store.set_status("measure", mid, "Genomförd", at=T0 + timedelta(days=10))
    history = store.status_history("measure", mid)
    assert [(h["status"], h["changed_at"]) for h in history] == [
        ("föreslagen", T0),
        ("planerad", T0 + timedelta(days=5)),
        ("genomförd", T0 + timedelta(days=10)),
    ]
    assert history[1]["changed_by"] == "bo" and history[1]["note"] == "beslut"
    row = store.measures().iloc[0]
    assert row["status"] == "genomförd"
    assert row["status_changed_at"] == pd.Timestamp(T0 + timedelta(days=10))
    # a change dated before the latest one is history only: the latest status still holds
    store.set_status("measure", mid, "pågående", at=T0 + timedelta(days=7))
    row = store.measures().iloc[0]
    assert row["status"] == "genomförd"
    assert [h["status"] for h in store.status_history("measure", mid)] == [
        "föreslagen",
        "planerad",
        "pågående",
        "genomförd",
    ]


def test_observation_status(store):
    ids = _observations(store)
    oid = ids["o1"]
    assert store.status_history("observation", oid) == []
    store.set_status("observation", oid, "rapporterad", at=T0 + timedelta(days=1), by="est")
    store.set_status("observation", oid, "åtgärdad", at=T0 + timedelta(days=8), note="lagad")
    obs = store.records("observation", columns=("id", "external_id", "status"))
    assert dict(zip(obs["external_id"], obs["status"], strict=True)) == {
        "o1": "åtgärdad",
        "o2": "ny",
    }
    assert [h["status"] for h in store.status_history("observation", oid)] == [
        "rapporterad",
        "åtgärdad",
    ]
    # the two kinds have separate histories even when the ids coincide
    mid = _point(store)
    assert store.status_history("measure", mid)[0]["status"] == "föreslagen"
    assert store.status_changes("observation")["record_id"].tolist() == [oid, oid]


def test_status_changes_window_is_start_inclusive_end_exclusive(store):
    ids = _observations(store, ids=("a", "b", "c"))
    week = datetime(2026, 11, 16, tzinfo=ZoneInfo("Europe/Stockholm"))  # Monday of W47
    end = week + timedelta(days=7)
    store.set_status("observation", ids["a"], "rapporterad", at=week - timedelta(seconds=1))
    store.set_status("observation", ids["b"], "avslutad", at=end - timedelta(hours=1), by="x")
    store.set_status("observation", ids["c"], "åtgärdad", at=end)
    store.set_status("observation", ids["a"], "åtgärdad", at=week, note="klart")
    df = store.status_changes("observation", start=week, end=end)
    assert list(df.columns) == list(STATUS_CHANGE_COLUMNS)
    assert df[["record_id", "status"]].values.tolist() == [
        [ids["a"], "åtgärdad"],
        [ids["b"], "avslutad"],
    ]
    assert df["changed_at"].tolist() == [pd.Timestamp(week), pd.Timestamp(end - timedelta(hours=1))]
    assert str(df["changed_at"].dt.tz) == "UTC"
    assert df["changed_by"].tolist() == [None, "x"] and df["note"].tolist() == ["klart", None]
    assert len(store.status_changes("observation")) == 4
    assert len(store.status_changes("observation", start=end)) == 1
    assert len(store.status_changes("observation", end=week)) == 1
    assert store.status_changes("measure").empty


def test_unknown_records_kinds_and_statuses(store):
    mid = _point(store)
    oid = _observations(store)["o1"]
    with pytest.raises(NotFoundError, match=f"ingen åtgärd med id {mid + 100}"):
        store.set_status("measure", mid + 100, "planerad")
    with pytest.raises(NotFoundError, match=f"ingen observation med id {oid + 100}"):
        store.set_status("observation", oid + 100, "rapporterad")
    with pytest.raises(NotFoundError):
        store.status_history("measure", mid + 100)
    with pytest.raises(InputError, match="ny, rapporterad, åtgärdad, avslutad"):
        store.set_status("observation", oid, "planerad")
    with pytest.raises(InputError, match="föreslagen, planerad, pågående, genomförd, avslutad"):
        store.set_status("measure", mid, "rapporterad")
    with pytest.raises(InputError, match="'incident'"):
        store.set_status("incident", 1, "ny")
    with pytest.raises(InputError, match="'incident'"):
        store.status_changes("incident")
    with pytest.raises(InputError, match="tidszon"):
        store.set_status("measure", mid, "planerad", at=datetime(2026, 11, 20))
    # nothing of the failed calls was stored
    assert len(store.status_history("measure", mid)) == 1
    assert store.status_changes("observation").empty


def test_observation_ids_by_source(store):
    first = _observations(store, ids=("o1", "o2"), source="walks")
    second = _observations(store, ids=("o1",), source="app")
    assert store.observation_ids(["o2", "nope"]) == {"o2": first["o2"]}
    assert store.observation_ids(["o1"], source="app") == {"o1": second["o1"]}
    with pytest.raises(InputError, match="app, walks"):
        store.observation_ids(["o1"])


def test_clear_removes_measures_and_history(store):
    _point(store)
    store.set_status("measure", store.measures()["id"].iloc[0], "planerad")
    store.clear()
    assert _table_counts(store) == (0, 0)


@NO_GEOM_WARNING
def test_migration_down_to_0002_and_up_keeps_measures(store):
    from hotspots.store import db

    mid = _point(store, cost_sek=100.0)
    db.downgrade(store.engine, "0002")
    insp = inspect(store.engine)
    assert "status_changes" not in insp.get_table_names()
    assert "cost_sek" not in {c["name"] for c in insp.get_columns("measures")}
    assert not db.is_migrated(store.engine)
    store.upgrade()
    assert db.is_migrated(store.engine)
    df = store.measures()
    assert df["id"].tolist() == [mid] and df["title"].tolist() == ["Ny belysning gångtunneln"]
    assert np.isnan(df["cost_sek"].iloc[0]) and pd.isna(df["status_changed_at"].iloc[0])
    if store.dialect == "postgresql":
        # the generated PostGIS point survives the column changes
        from sqlalchemy import text

        with store.engine.connect() as conn:
            geom = conn.execute(
                text("SELECT ST_AsText(geom) FROM measures WHERE id = :i"), {"i": mid}
            ).scalar_one()
        assert geom == "POINT(13.5434 55.9366)"
