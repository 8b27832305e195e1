"""Service-wide limits: one-line 422s, body size (413) and request timeout (503)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.auth import Principal, current_principal
from api.main import create_app
from hotspots.settings import get_settings


@pytest.fixture
def client(sqlite_store, monkeypatch):
    monkeypatch.setenv("HOTSPOTS_DATABASE_URL", sqlite_store.engine.url.render_as_string())
    get_settings.cache_clear()
    app = create_app()
    app.dependency_overrides[current_principal] = lambda: Principal(1, "t", "analyst")
    with TestClient(app) as c:
        yield c


def test_validation_error_is_one_line_naming_the_parameter(client):
    r = client.get("/api/v1/incidents", params={"limit": 5000})
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail
    assert detail.startswith("ogiltig begäran: limit:")
    assert r.json()["errors"][0]["loc"][-1] == "limit"


def test_too_large_body_is_refused_before_it_is_read(client, monkeypatch):
    monkeypatch.setenv("HOTSPOTS_MAX_UPLOAD_MB", "0.01")
    get_settings.cache_clear()
    r = client.post("/api/v1/incidents", content=b"x" * 200_000,
                    headers={"content-type": "application/json"})
    assert r.status_code == 413 and "max_upload_mb" in r.json()["detail"]


def test_slow_request_is_answered_503(client, monkeypatch):
    monkeypatch.setenv("HOTSPOTS_REQUEST_TIMEOUT_S", "0.001")
    get_settings.cache_clear()
    r = client.get("/rapport", params={"vecka": "2026-W47", "basemap": "none"})
    assert r.status_code == 503 and "avbröts" in r.json()["detail"]
