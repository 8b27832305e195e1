"""Every role against every endpoint, through real tokens: allowed, or 401/403.

The matrix below is the specification (issue 5, DESIGN.md roles). A test also checks that
every operation of the OpenAPI schema is in it, so no endpoint goes without a decision.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from hotspots.settings import get_settings
from hotspots.store.users import add_user_with_token

ROLES = ("admin", "analyst", "field", "leadership", "public")
ALL = (*ROLES, "anonymous")
F_A = ("field", "analyst", "admin")
F_A_L = ("field", "analyst", "leadership", "admin")
A = ("analyst", "admin")
A_L = ("analyst", "leadership", "admin")

#: (method, path as requested, path template in the schema) -> who may call it
MATRIX = {
    ("GET", "/api/v1/incidents", "/api/v1/incidents"): A,
    ("POST", "/api/v1/incidents", "/api/v1/incidents"): A,
    ("GET", "/api/v1/imports", "/api/v1/imports"): A,
    ("POST", "/api/v1/imports", "/api/v1/imports"): A,
    ("GET", "/api/v1/imports/1", "/api/v1/imports/{batch_id}"): A,
    ("GET", "/api/v1/walks", "/api/v1/walks"): F_A_L,
    ("POST", "/api/v1/walks", "/api/v1/walks"): F_A,
    ("GET", "/api/v1/walks/1", "/api/v1/walks/{walk_id}"): F_A_L,
    ("POST", "/api/v1/walks/1/observations", "/api/v1/walks/{walk_id}/observations"): F_A,
    ("GET", "/api/v1/observations", "/api/v1/observations"): F_A_L,
    ("POST", "/api/v1/observations", "/api/v1/observations"): F_A,
    ("GET", "/api/v1/observations/1", "/api/v1/observations/{observation_id}"): F_A_L,
    ("PATCH", "/api/v1/observations/1/status", "/api/v1/observations/{observation_id}/status"): F_A,
    ("POST", "/api/v1/observations/1/photos", "/api/v1/observations/{observation_id}/photos"): F_A,
    ("GET", "/api/v1/photos/1", "/api/v1/photos/{photo_id}"): F_A_L,
    ("GET", "/api/v1/measures", "/api/v1/measures"): A_L,
    ("POST", "/api/v1/measures", "/api/v1/measures"): A,
    ("GET", "/api/v1/measures/1", "/api/v1/measures/{measure_id}"): A_L,
    ("PATCH", "/api/v1/measures/1/status", "/api/v1/measures/{measure_id}/status"): A,
    ("POST", "/api/v1/measures/1/links", "/api/v1/measures/{measure_id}/links"): A,
    ("GET", "/api/v1/measures/1/followup", "/api/v1/measures/{measure_id}/followup"): A_L,
    ("GET", "/api/v1/exports/incidents.geojson", "/api/v1/exports/{layer}.{fmt}"): A,
    ("GET", "/api/v1/hotspots/runs", "/api/v1/hotspots/runs"): A_L,
    ("POST", "/api/v1/hotspots/runs", "/api/v1/hotspots/runs"): A,
    ("GET", "/api/v1/hotspots/runs/1", "/api/v1/hotspots/runs/{run_id}"): A_L,
    ("GET", "/api/v1/hotspots/runs/1/layer", "/api/v1/hotspots/runs/{run_id}/layer"): A_L,
    ("GET", "/api/v1/focus", "/api/v1/focus"): A_L,
    ("GET", "/api/v1/promises", "/api/v1/promises"): A_L,
    ("GET", "/api/v1/promises/progress", "/api/v1/promises/progress"): A_L,
    ("GET", "/api/v1/promises/report?period=2021", "/api/v1/promises/report"): A_L,
    ("POST", "/api/v1/activities", "/api/v1/activities"): F_A,
    ("GET", "/api/v1/alerts", "/api/v1/alerts"): A_L,
    ("POST", "/api/v1/alerts/1/ack", "/api/v1/alerts/{alert_id}/ack"): A_L,
    ("GET", "/ogc", "/ogc"): ALL,
    ("GET", "/ogc/conformance", "/ogc/conformance"): ALL,
    ("GET", "/ogc/collections", "/ogc/collections"): ALL,
    ("GET", "/ogc/collections/incidents", "/ogc/collections/{collection_id}"): A,
    ("GET", "/ogc/collections/incidents/items", "/ogc/collections/{collection_id}/items"): A,
    (
        "GET",
        "/ogc/collections/incidents/items/1",
        "/ogc/collections/{collection_id}/items/{feature_id}",
    ): A,
    ("GET", "/ogc/collections/incidents/schema", "/ogc/collections/{collection_id}/schema"): A,
    ("GET", "/ogc/collections/observations/items", None): ALL,
    ("GET", "/ogc/collections/measures/items", None): ALL,
    ("GET", "/ogc/collections/hotspots-dbscan/items", None): ALL,
    ("GET", "/rapport", "/rapport"): ("leadership", "analyst", "field", "admin"),
    ("GET", "/karta", "/karta"): ALL,
    ("GET", "/larm", "/larm"): A_L,
    ("POST", "/larm/1/kvittera", "/larm/{alert_id}/kvittera"): A_L,
    ("GET", "/health", "/health"): ALL,
    ("GET", "/api/v1/stats", "/api/v1/stats"): ALL,
    ("GET", "/api/v1/categories", "/api/v1/categories"): ALL,
}


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    import os

    from hotspots.store import Store

    db = tmp_path_factory.mktemp("matrix") / "m.db"
    store = Store.open(f"sqlite:///{db}")
    store.upgrade()
    tokens = {role: add_user_with_token(store, f"u-{role}", role)[1] for role in ROLES}
    old = os.environ.get("HOTSPOTS_DATABASE_URL")
    yield f"sqlite:///{db}", tokens
    if old is not None:
        os.environ["HOTSPOTS_DATABASE_URL"] = old


@pytest.fixture
def client(setup, monkeypatch):
    url, tokens = setup
    monkeypatch.setenv("HOTSPOTS_DATABASE_URL", url)
    get_settings.cache_clear()
    with TestClient(create_app()) as c:
        yield c, tokens


def test_every_operation_is_in_the_matrix():
    schema = create_app().openapi()
    listed = {(m, tpl) for (m, _, tpl) in MATRIX if tpl}
    for path, ops in schema["paths"].items():
        for method in ops:
            assert (method.upper(), path) in listed, f"{method.upper()} {path} has no row"


@pytest.mark.parametrize("who", ALL)
@pytest.mark.parametrize(("method", "path", "template"), list(MATRIX), ids=lambda v: str(v))
def test_role_against_endpoint(client, who, method, path, template):
    c, tokens = client
    headers = {} if who == "anonymous" else {"Authorization": f"Bearer {tokens[who]}"}
    kwargs = {"json": {}} if method in ("POST", "PATCH") else {}
    r = c.request(method, path, headers=headers, follow_redirects=False, **kwargs)
    allowed = MATRIX[(method, path, template)]
    if who in allowed:
        assert r.status_code not in (401, 403), (who, method, path, r.status_code, r.text[:200])
        assert r.status_code < 500, (who, method, path, r.status_code, r.text[:200])
    elif path in ("/rapport", "/larm", "/larm/1/kvittera") and who == "anonymous":
        assert r.status_code == 303 and r.headers["location"].startswith("/logga-in")
    elif who == "anonymous":
        assert r.status_code == 401, (method, path, r.status_code, r.text[:200])
    else:
        assert r.status_code == 403, (who, method, path, r.status_code, r.text[:200])
