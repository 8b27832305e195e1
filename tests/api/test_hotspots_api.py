"""The hotspot analysis API: run an analysis, list the runs, get a layer, the focus list."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from api.auth import Principal, current_principal
from api.main import create_app
from api.routes.hotspots_api import _small
from hotspots.ingest.pipeline import import_file
from hotspots.store import Store
from hotspots.store.runs import RunRecord

GEOJSON = "application/geo+json"
RUNS = "/api/v1/hotspots/runs"


def _rows() -> list[str]:
    rows = []
    # area A: 10 incidents within ~40 m (2 of them domestic violence, a sensitive category)
    offsets = [(0, 0), (1, 0), (0, 1), (1, 1), (-1, 0), (0, -1), (-1, -1), (2, 0), (0, 2), (2, 2)]
    for i, (dx, dy) in enumerate(offsets):
        cat = "Våld i nära relation" if i in (3, 7) else "Skadegörelse"
        lon, lat = 13.5413 + dx * 0.0002, 55.9362 + dy * 0.0001
        rows.append(f"A{i};2026-11-{2 + i:02d};22:00;{cat};{lat:.6f};{lon:.6f}")
    # area B: 3 incidents
    for i in range(3):
        rows.append(f"B{i};2026-11-05;12:0{i};Skadegörelse;55.945000;{13.56 + i * 0.0002:.6f}")
    # older incidents in area A (the four weeks before the last four)
    for i in range(6):
        rows.append(f"P{i};2026-10-{5 + i:02d};21:00;Skadegörelse;55.936300;13.541500")
    rows += ["C0;2026-11-20;08:00;Stöld;55.900000;13.500000"]
    return rows


@pytest.fixture
def data(sqlite_store, tmp_path) -> Store:
    path = tmp_path / "incidents.csv"
    lines = ["id;datum;tid;kategori;lat;lon", *_rows()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_file(path, store=sqlite_store, source="hotspots-api-test")
    assert report.stored == 20 and report.rejected == 0
    return sqlite_store


@pytest.fixture
def app():
    return create_app()


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        yield c


def as_role(app, role: str | None) -> None:
    if role is None:
        app.dependency_overrides.pop(current_principal, None)
    else:
        app.dependency_overrides[current_principal] = lambda: Principal(3, f"t-{role}", role)


def _error(r, status: int) -> str:
    assert r.status_code == status, r.text
    detail = r.json()["detail"]
    return detail if isinstance(detail, str) else str(detail)


DBSCAN = {
    "method": "dbscan",
    "from": "2026-11-01",
    "to": "2026-11-30",
    "params": {"eps": 60, "min_samples": 3},
}


# ------------------------------------------------------------------------------ runs
def test_run_list_and_layer(data, app, client):
    as_role(app, "analyst")
    r = client.post(RUNS, json=DBSCAN)
    assert r.status_code == 201, r.text
    run = r.json()
    assert run["method"] == "dbscan" and run["features"] == 2
    assert run["n_points"] == 14  # November: areas A and B and C0
    assert run["params"] == {"eps": 60, "min_samples": 3}
    assert run["window_from"] == "2026-10-31T23:00:00Z"  # local midnight
    assert run["window_to"] == "2026-11-30T23:00:00Z"  # the last day included
    assert run["created_by"] == "t-analyst"
    assert run["layer"] == f"{RUNS}/{run['id']}/layer"

    listed = client.get(RUNS).json()
    assert listed["total"] == 1 and [d["id"] for d in listed["data"]] == [run["id"]]
    assert client.get(f"{RUNS}/{run['id']}").json() == run

    r = client.get(run["layer"])
    assert r.status_code == 200 and r.headers["content-type"].startswith(GEOJSON)
    layer = r.json()
    assert layer["type"] == "FeatureCollection" and layer["hidden"] == 0
    counts = sorted(f["properties"]["n_points"] for f in layer["features"])
    assert counts == [3, 10]
    for f in layer["features"]:  # RFC 7946: lon, lat
        for lon, lat in f["geometry"]["coordinates"][0]:
            assert 13.5 < lon < 13.6 and 55.9 < lat < 56.0
    assert "vald_nara_relation" in r.text

    as_role(app, "leadership")
    assert client.get(RUNS).json()["total"] == 1
    r = client.get(run["layer"])
    layer = r.json()
    assert layer["hidden"] == 1 and layer["min_count"] == 5
    assert [f["properties"]["n_points"] for f in layer["features"]] == [10]
    assert "vald_nara_relation" not in r.text and "Våld" not in r.text


def test_roles(data, app, client):
    as_role(app, "leadership")
    _error(client.post(RUNS, json=DBSCAN), 403)
    for role, status in (("field", 403), ("public", 403), (None, 401)):
        as_role(app, role)
        for url in (RUNS, f"{RUNS}/1", f"{RUNS}/1/layer", "/api/v1/focus"):
            _error(client.get(url), status)
        _error(client.post(RUNS, json=DBSCAN), status)
    as_role(app, "admin")
    assert client.post(RUNS, json=DBSCAN).status_code == 201


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"method": "hdbscan"}, 422, "method"),
        ({"params": {"time_step": "1W"}}, 400, "params.time_step"),
        ({"params": {"origin": "2026-11-01"}}, 400, "params.origin"),
        ({"params": {"eps": "abc"}}, 400, "abc"),
        ({"params": {"eps": -5}}, 400, "-5"),
        ({"params": {"eps": [1, 2]}}, 422, "params"),
        ({"categories": ["nope"]}, 400, "categories"),
        ({"bbox": [13.5, 55.9, 13.6]}, 400, "bbox"),
        ({"bbox": [13.6, 55.9, 13.5, 56.0]}, 400, "bbox"),
        ({"from": "2026-11-30", "to": "2026-11-01"}, 400, "from"),
        ({"from": "2026-13-01"}, 422, "from"),
        ({"week": "2026-W47"}, 400, "week"),
        ({"from": None, "to": None, "week": "2026-W60"}, 400, "week"),
        ({"colour": "red"}, 422, "colour"),
        ({"from": "2020-01-01", "to": "2020-01-31"}, 400, ""),  # no incidents there
    ],
)
def test_bad_runs_are_4xx_with_the_parameter(data, app, client, change, status, words):
    as_role(app, "analyst")
    body = {**DBSCAN, **change}
    body = {k: v for k, v in body.items() if v is not None}
    assert words in _error(client.post(RUNS, json=body), status)
    assert client.get(RUNS).json()["total"] == 0  # nothing half-stored


def test_runs_page_newest_first(data, app, client):
    from hotspots.detect.run import run_detection

    ids = [
        run_detection(
            data, method=m, params={"eps": 60, "min_samples": 3} if m == "dbscan" else {}
        ).run_id
        for m in ("dbscan", "kde", "dbscan")
    ]
    as_role(app, "leadership")
    page = client.get(f"{RUNS}?limit=2").json()
    assert (page["total"], page["limit"], page["offset"]) == (3, 2, 0)
    assert [d["id"] for d in page["data"]] == ids[::-1][:2]
    assert [d["id"] for d in client.get(f"{RUNS}?limit=2&offset=2").json()["data"]] == ids[:1]
    assert [d["id"] for d in client.get(f"{RUNS}?method=kde").json()["data"]] == [ids[1]]
    for query in ("limit=0", "limit=501", "offset=-1", "method=nope"):
        _error(client.get(f"{RUNS}?{query}"), 422)
    _error(client.get(f"{RUNS}/999"), 404)
    _error(client.get(f"{RUNS}/999/layer"), 404)
    _error(client.get(f"{RUNS}/abc"), 422)


def test_sensitive_runs_are_for_analysts(data, app, client):
    as_role(app, "analyst")
    body = {**DBSCAN, "categories": ["vald_nara_relation"], "params": {"eps": 60, "min_samples": 2}}
    run = client.post(RUNS, json=body).json()
    assert client.get(f"{RUNS}/{run['id']}/layer").status_code == 200
    as_role(app, "leadership")
    assert client.get(RUNS).json()["total"] == 0
    _error(client.get(f"{RUNS}/{run['id']}"), 404)
    _error(client.get(f"{RUNS}/{run['id']}/layer"), 404)


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("kde", {"bandwidth": 100, "cell_size": 25}),
        ("gistar", {"cell_size": 100, "permutations": 99, "seed": 1}),
        ("emerging", {"time_step": "1W", "cell_size": 100}),
        ("forecast", {"cell_size": 100}),
    ],
)
def test_other_methods_and_their_suppression(data, app, client, method, params):
    as_role(app, "analyst")
    body = {"method": method, "from": "2026-10-01", "to": "2026-11-30", "params": params}
    r = client.post(RUNS, json=body)
    assert r.status_code == 201, r.text
    run = r.json()
    full = client.get(run["layer"]).json()
    assert full["hidden"] == 0 and len(full["features"]) == run["features"]
    as_role(app, "leadership")
    layer = client.get(run["layer"]).json()
    assert layer["hidden"] + len(layer["features"]) == run["features"]
    shown = {f["id"] for f in layer["features"]}
    assert shown <= {f["id"] for f in full["features"]}
    for f in layer["features"]:
        p = f["properties"]
        if "n_points" in p:
            assert p["n_points"] >= 5
        if "count" in p:
            assert p["count"] == 0 or p["count"] >= 5
        assert "risk" not in p or method != "forecast"
    if method == "forecast":
        assert all("risk" in f["properties"] for f in full["features"])
        # area B (3 incidents) and C0 (1) are forecast risk cells, but rest on < 5 incidents
        assert layer["hidden"] > 0


def _square(x: float, y: float, side: float = 100.0) -> dict:
    from pyproj import Transformer

    tr = Transformer.from_crs(3006, 4326, always_xy=True)
    h = side / 2
    corners = [(x - h, y - h), (x + h, y - h), (x + h, y + h), (x - h, y + h), (x - h, y - h)]
    return {"type": "Polygon", "coordinates": [[list(tr.transform(cx, cy)) for cx, cy in corners]]}


def test_hot_cells_need_k_incidents_within_their_band():
    """The lower bound of the band's count from the stored (significant) cells."""
    cells = [  # (x offset, class, count): band = 2 cells = 200 m
        (0, 1, 0),  # hot, empty, 0 + 3 + 1 within 200 m: hidden
        (100, 1, 3),  # holds 1..4: hidden
        (200, 1, 1),  # holds 1..4: hidden
        (1000, 1, 6),  # shown
        (1100, 1, 0),  # hot, empty, 6 within 200 m: shown
        (3000, -1, 0),  # a cold cell without incidents reveals nobody: shown
    ]
    features = [
        {
            "type": "Feature",
            "geometry": _square(400_000 + dx, 6_200_000),
            "properties": {"cell": i, "count": n, "class": c, "z": 2.0},
        }
        for i, (dx, c, n) in enumerate(cells)
    ]
    run = RunRecord(
        id=1,
        method="gistar",
        params={"cell_size": 100},
        kind="incident",
        categories=None,
        window_from=None,
        window_to=None,
        crs="EPSG:3006",
        n_points=10,
        input_sha256="",
        result={"type": "FeatureCollection", "features": features},
        summary=None,
        created_by=None,
        created_at=datetime(2026, 11, 1, tzinfo=UTC),
    )
    assert _small(None, run, features, 5).tolist() == [True, True, True, False, False, False]
    assert not _small(None, run, features, 0).any()
    # a wider band (distance_band 1000 m) reaches the 6 from the first cells
    wide = RunRecord(**{**run.__dict__, "params": {"cell_size": 100, "distance_band": 1000}})
    assert _small(None, wide, features, 5).tolist() == [False, True, True, False, False, False]


# ------------------------------------------------------------------------------ focus
def test_focus_list(data, app, client):
    as_role(app, "analyst")
    r = client.get("/api/v1/focus?top=3&as_of=2026-11-23")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["as_of"] == "2026-11-23T00:00:00+01:00"
    assert body["horizon_days"] == 7 and body["min_count"] == 0
    areas = body["areas"]
    assert 1 <= len(areas) <= 3 and [a["rank"] for a in areas] == list(range(1, len(areas) + 1))
    first = areas[0]
    assert first["lon"] == pytest.approx(13.5415, abs=0.003)
    assert first["lat"] == pytest.approx(55.9363, abs=0.002)
    assert len(first["profile"]) == 7 and len(first["profile"][0]) == 24
    assert any("vald_nara_relation" in a["categories"] for a in areas)
    assert first["recent"] >= 5

    as_role(app, "leadership")
    r = client.get("/api/v1/focus?top=3&as_of=2026-11-23")
    body = r.json()
    assert body["min_count"] == 5 and "vald_nara_relation" not in r.text
    for a in body["areas"]:
        assert a["profile"] is None
        for n in (a["recent"], a["previous"], *a["categories"].values()):
            assert n is None or n == 0 or n >= 5
    assert body["areas"][0]["rank"] == 1


def test_focus_bad_parameters(data, app, client):
    as_role(app, "analyst")
    for query, status, words in (
        ("top=0", 422, "top"),
        ("top=many", 422, "top"),
        ("as_of=2026-11-31", 422, "as_of"),
        ("horizon=0", 422, "horizon"),
        ("category=nope", 400, "categories"),
        ("as_of=2020-01-01", 400, ""),  # no incidents before then
    ):
        assert words in _error(client.get(f"/api/v1/focus?{query}"), status)
