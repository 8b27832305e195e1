"""The report and the map as pages of the service: HTML, leadership view, clear 400s."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.auth import Principal, current_principal
from api.main import create_app
from hotspots.settings import get_settings

from .conftest import WEEK


@pytest.fixture
def client(built_sqlite, monkeypatch):
    url = built_sqlite.engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("HOTSPOTS_DATABASE_URL", url)
    get_settings.cache_clear()
    app = create_app()
    app.dependency_overrides[current_principal] = lambda: Principal(7, "ledning", "leadership")
    with TestClient(app) as c:
        c.app_ref = app
        yield c


def test_report_page(client):
    r = client.get("/rapport", params={"vecka": WEEK, "basemap": "none"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<h1>Lägesbild vecka 10, 2026</h1>" in r.text
    assert "Antal under 5 visas som" in r.text  # the leadership view
    r = client.get("/rapport", params={"vecka": WEEK, "lang": "en", "basemap": "none"})
    assert "<h1>Situation report week 10, 2026</h1>" in r.text


def test_map_page(client):
    r = client.get("/karta", params={"vecka": WEEK, "basemap": "none"})
    assert r.status_code == 200 and 'class="hs-map"' in r.text
    assert "dolda: färre än 5 händelser" in r.text


@pytest.mark.parametrize(
    ("path", "params", "needle"),
    [
        ("/rapport", {"vecka": "2026-W60"}, "2026-W60"),
        ("/rapport", {"vecka": WEEK, "kategori": "ufo"}, "okänd kategori"),
        ("/karta", {"vecka": WEEK, "kategori": "ufo"}, "okänd kategori"),
        ("/karta", {"bbox": "1,2,3"}, "1,2,3"),
    ],
)
def test_bad_input_is_a_400_page(client, path, params, needle):
    r = client.get(path, params=params)
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    assert needle in r.text and "Traceback" not in r.text


def test_start_page_links_to_the_report(client):
    r = client.get("/")
    assert 'href="/rapport"' in r.text and 'href="/karta"' in r.text


def test_anonymous_reader_is_sent_to_log_in_but_may_see_the_public_map(client):
    client.app_ref.dependency_overrides.clear()
    r = client.get("/rapport", params={"vecka": WEEK}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/logga-in?next=/rapport")
    r = client.get("/karta", params={"vecka": WEEK, "basemap": "none"})
    assert r.status_code == 200 and "dolda: färre än 5 händelser" in r.text


def test_public_role_may_not_open_the_report(client):
    client.app_ref.dependency_overrides[current_principal] = lambda: Principal(8, "p", "public")
    r = client.get("/rapport", params={"vecka": WEEK})
    assert r.status_code == 403 and "får inte öppna" in r.text


def test_analyst_gets_the_full_detail_report(client):
    client.app_ref.dependency_overrides[current_principal] = lambda: Principal(9, "a", "analyst")
    r = client.get("/rapport", params={"vecka": WEEK, "basemap": "none"})
    assert r.status_code == 200 and "Antal under 5 visas som" not in r.text
