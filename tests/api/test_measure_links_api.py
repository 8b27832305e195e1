"""Measure links through the API: create with links, detail, POST .../links; both backends."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from api.auth import Principal, current_principal
from api.main import create_app
from hotspots.settings import get_settings
from hotspots.store.runs import save_run

ANALYST = Principal(1, "anna", "analyst")
LEADERSHIP = Principal(3, "ledning", "leadership")
FIELD = Principal(2, "fält", "field")


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
        yield c


def as_role(app, principal: Principal) -> None:
    app.dependency_overrides[current_principal] = lambda: principal


def _observation(client) -> int:
    r = client.post("/api/v1/walks", json={"name": "Centrum", "walked_on": "2026-03-02"})
    assert r.status_code == 201, r.text
    obs = {"category": "Belysning", "lon": 13.5413, "lat": 55.9362}
    r = client.post(f"/api/v1/walks/{r.json()['id']}/observations", json=obs)
    assert r.status_code == 201, r.text
    return r.json()["id"]


def _run(store) -> int:
    return save_run(
        store,
        method="gistar",
        params={},
        kind="incident",
        categories=None,
        window_from=datetime(2026, 3, 1, 23, tzinfo=UTC),
        window_to=datetime(2026, 3, 8, 23, tzinfo=UTC),
        crs="EPSG:3006",
        n_points=0,
        input_sha256="ab" * 32,
        result={"type": "FeatureCollection", "features": []},
    )


def test_create_with_links_detail_and_post_link(app, client, store):
    oid = _observation(client)
    rid = _run(store)
    body = {"measure": "belysning", "title": "Lampor", "lon": 13.54, "lat": 55.93}
    r = client.post("/api/v1/measures", json={**body, "observation_ids": [oid]})
    assert r.status_code == 201, r.text
    m = r.json()
    assert [(x["kind"], x["ref_id"]) for x in m["links"]] == [("observation", oid)]
    assert m["links"][0]["label"].startswith("Belysning ")
    assert m["links"][0]["created_by"] == "anna"

    r = client.post(
        f"/api/v1/measures/{m['id']}/links", json={"kind": "run", "ref_id": rid, "note": "v.10"}
    )
    assert r.status_code == 200, r.text
    assert [(x["kind"], x["ref_id"], x["note"]) for x in r.json()["links"]] == [
        ("observation", oid, None),
        ("run", rid, "v.10"),
    ]
    assert r.json()["links"][1]["label"] == "gistar 2026-03-02 – 2026-03-09"
    again = client.post(f"/api/v1/measures/{m['id']}/links", json={"kind": "run", "ref_id": rid})
    assert again.status_code == 200 and len(again.json()["links"]) == 2

    as_role(app, LEADERSHIP)
    detail = client.get(f"/api/v1/measures/{m['id']}").json()
    assert [x["ref_id"] for x in detail["links"]] == [oid, rid]
    denied = client.post(f"/api/v1/measures/{m['id']}/links", json={"kind": "run", "ref_id": rid})
    assert denied.status_code == 403
    as_role(app, FIELD)
    assert client.get(f"/api/v1/measures/{m['id']}").status_code == 403


def test_bad_links_are_4xx_and_store_nothing(client, store):
    oid = _observation(client)
    body = {"measure": "belysning", "title": "Lampor", "lon": 13.54, "lat": 55.93}
    r = client.post("/api/v1/measures", json={**body, "observation_ids": [oid], "run_ids": [77]})
    assert r.status_code == 404 and r.json()["detail"] == "ingen sparad analys med id 77"
    assert store.measures().empty
    r = client.post("/api/v1/measures", json={**body, "run_ids": [0]})
    assert r.status_code == 422
    mid = client.post("/api/v1/measures", json=body).json()["id"]
    r = client.post(f"/api/v1/measures/{mid}/links", json={"kind": "hotspot", "ref_id": 1})
    assert r.status_code == 422
    r = client.post(f"/api/v1/measures/{mid}/links", json={"kind": "observation", "ref_id": 999})
    assert r.status_code == 404 and r.json()["detail"] == "ingen observation med id 999"
    r = client.post("/api/v1/measures/999/links", json={"kind": "observation", "ref_id": oid})
    assert r.status_code == 404 and r.json()["detail"] == "ingen åtgärd med id 999"
    assert client.get(f"/api/v1/measures/{mid}").json()["links"] == []
