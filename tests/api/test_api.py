"""The web service: health, stats, categories, the start page and the offline API docs."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError

from api.main import create_app
from hotspots.catalogue import load_catalogue
from hotspots.errors import InputError, NotFoundError, StoreError
from hotspots.ingest.pipeline import import_file
from hotspots.settings import get_settings
from hotspots.store import Store

CSV = """id;datum;tid;kategori;beskrivning;adress;lat;lon
A1;2026-03-02;22:15;Skadegörelse;Krossad ruta;;55,9362;13,5413
A2;2026-03-03;01:30;Skadegörelse;Sprayat klotter;;55,9365;13,5430
A3;2026-03-10;23:10;Buskörning;Mopeder på torget;;55,9370;13,5420
A4;2026-03-11;12:00;Narkotika;<script>alert(1)</script>;;55,9371;13,5421
A5;31/02/2026;12:00;Skadegörelse;Fel datum;;55,9362;13,5413
"""


class _Tags(HTMLParser):
    """Start tags with their attributes."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    p = _Tags()
    p.feed(html)
    return p.tags


@pytest.fixture
def client():
    with TestClient(create_app()) as c:
        yield c


def _use_database(monkeypatch, store: Store) -> None:
    """Point the service's settings at ``store`` (SQLite file or PostGIS)."""
    monkeypatch.setenv(
        "HOTSPOTS_DATABASE_URL", store.engine.url.render_as_string(hide_password=False)
    )
    get_settings.cache_clear()


def _assert_one_line_json(r, status: int) -> str:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    detail = r.json()["detail"]
    assert isinstance(detail, str) and detail
    assert "\n" not in detail and "Traceback" not in r.text
    return detail


# ---------------------------------------------------------------------------- health
def test_health_reports_ok_and_dialect(sqlite_store, client):
    r = client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert body["database"] == "sqlite"
    assert body["version"]


def test_health_on_postgis(store, client, monkeypatch):
    _use_database(monkeypatch, store)
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json()["database"] == store.dialect


def test_health_without_migrated_database_is_a_json_503(client):
    # the test's SQLite file exists only once something connects: nothing is migrated
    detail = _assert_one_line_json(client.get("/health"), 503)
    assert "db upgrade" in detail
    # the failure is not remembered: after a migration the same app answers
    Store.open(get_settings().resolved_database_url).upgrade()
    assert client.get("/health").status_code == 200


def test_unreachable_database_is_a_json_503(tmp_path, monkeypatch, client):
    monkeypatch.setenv("HOTSPOTS_DATABASE_URL", f"sqlite:///{tmp_path / 'no' / 'such' / 'x.db'}")
    get_settings.cache_clear()
    _assert_one_line_json(client.get("/api/v1/stats"), 503)


def test_schema_is_checked_once_per_database_and_engines_are_shared(
    sqlite_store, client, monkeypatch
):
    url = get_settings().resolved_database_url
    assert Store.open(url).engine is Store.open(url).engine  # engine cached per URL
    calls = []
    original = Store.require_schema

    def counting(self):
        calls.append(self.engine.url)
        return original(self)

    monkeypatch.setattr(Store, "require_schema", counting)
    for _ in range(3):
        assert client.get("/health").status_code == 200
        assert client.get("/api/v1/stats").status_code == 200
    assert len(calls) == 1


# ---------------------------------------------------------------------------- errors
def test_domain_and_database_errors_become_one_line_json():
    app = create_app()

    @app.get("/boom/notfound")
    def _nf():
        raise NotFoundError("no incident with id 7")

    @app.get("/boom/input")
    def _input():
        raise InputError("bad value\nsecond line")

    @app.get("/boom/db")
    def _db():
        raise OperationalError("SELECT 1", {}, Exception("disk I/O error\ndetails"))

    with TestClient(app, raise_server_exceptions=False) as c:
        assert _assert_one_line_json(c.get("/boom/notfound"), 404) == "no incident with id 7"
        assert _assert_one_line_json(c.get("/boom/input"), 400) == "bad value"
        detail = _assert_one_line_json(c.get("/boom/db"), 503)
        assert "disk I/O error" in detail and "SELECT" not in detail


# ---------------------------------------------------------------------------- stats
def test_stats_match_what_was_imported(store, client, monkeypatch, tmp_path):
    path = tmp_path / "händelser.csv"
    path.write_text(CSV, encoding="utf-8")
    report = import_file(path, store=store, source="api-test")
    assert (report.read, report.stored, report.rejected) == (5, 4, 1)
    _use_database(monkeypatch, store)

    r = client.get("/api/v1/stats")
    assert r.status_code == 200
    data = r.json()
    assert data["counts"]["incidents"] == report.incidents == 4
    assert data["counts"]["observations"] == 0
    assert data["counts"]["import_batches"] == 1
    assert data["counts"]["review_pending"] == 0
    inc = data["incident"]
    assert inc["by_category"] == {"skadegorelse": 2, "buskorning": 1, "narkotika": 1}
    assert inc["by_precision"] == {"exact": 4}
    assert inc["by_week"] == {"2026-W10": 2, "2026-W11": 2}
    assert data["observation"] == {"by_category": {}, "by_precision": {}, "by_week": {}}


# ---------------------------------------------------------------------------- categories
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_categories_in_both_languages(client, settings, lang):
    cat = load_catalogue(settings.data_dir / "categories.toml")
    r = client.get("/api/v1/categories", params={"lang": lang})
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == len(body["data"]) == len(cat.categories)
    labels = {c["code"]: c["label"] for c in body["data"]}
    assert labels == {code: c.label(lang) for code, c in cat.categories.items()}
    assert {c["kind"] for c in body["data"]} == {"incident", "observation"}


def test_categories_default_to_swedish_and_labels_differ_by_language(client):
    sv = {c["code"]: c["label"] for c in client.get("/api/v1/categories").json()["data"]}
    en = {
        c["code"]: c["label"]
        for c in client.get("/api/v1/categories", params={"lang": "en"}).json()["data"]
    }
    assert sv["skadegorelse"] == "Skadegörelse"
    assert en["skadegorelse"] == "Vandalism"


def test_categories_reject_an_unknown_language(client):
    assert client.get("/api/v1/categories", params={"lang": "de"}).status_code == 422


# ---------------------------------------------------------------------------- start page
def test_index_is_swedish_and_shows_counts(sqlite_store, client, tmp_path):
    path = tmp_path / "h.csv"
    path.write_text(CSV, encoding="utf-8")
    import_file(path, store=sqlite_store, source="api-test")
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert '<html lang="sv">' in r.text
    html_tag = next(attrs for tag, attrs in tags(r.text) if tag == "html")
    assert html_tag["lang"] == "sv"
    assert '<td>händelser</td><td class="n">4</td>' in r.text
    # imported text never reaches the page raw
    assert "<script>" not in r.text


def test_index_escapes_every_text(sqlite_store, client, monkeypatch):
    monkeypatch.setattr(
        Store, "counts", lambda self: {"<b>x</b> & 'y'": '<img src=x onerror="alert(1)">'}
    )
    r = client.get("/")
    assert r.status_code == 200
    assert "<b>x</b>" not in r.text and "<img" not in r.text
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &#x27;y&#x27;" in r.text
    assert [t for t, _ in tags(r.text)].count("img") == 0


def test_index_without_database_is_a_503_page(client):
    r = client.get("/")
    assert r.status_code == 503
    assert r.headers["content-type"].startswith("text/html")
    assert '<html lang="sv">' in r.text
    assert "db upgrade" in r.text and "Traceback" not in r.text


def test_index_escapes_the_error_message(client, monkeypatch):
    def broken(self):
        raise StoreError("cannot open <i>db</i> & co\nsecond line")

    monkeypatch.setattr(Store, "require_schema", broken)
    r = client.get("/")
    assert r.status_code == 503
    assert "<i>" not in r.text and "&lt;i&gt;db&lt;/i&gt; &amp; co" in r.text
    assert "second line" not in r.text


# ---------------------------------------------------------------------------- docs
def _asset_urls(html: str) -> list[str]:
    urls = []
    for tag, attrs in tags(html):
        if tag == "script" and attrs.get("src"):
            urls.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            urls.append(attrs["href"])
    return urls


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("/docs", {"swagger-ui-bundle.js", "swagger-ui.css", "favicon.png"}),
        ("/redoc", {"redoc.standalone.js", "favicon.png"}),
    ],
)
def test_api_docs_load_nothing_from_other_hosts(client, page, expected):
    r = client.get(page)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "http://" not in r.text and "https://" not in r.text
    assert "fonts.googleapis" not in r.text
    urls = _asset_urls(r.text)
    assert {Path(u).name for u in urls} == expected
    for url in urls:
        assert url.startswith("/") and not url.startswith("//"), url
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert len(asset.content) > 1000, url
        if url.endswith(".js"):
            assert "javascript" in asset.headers["content-type"]
        if url.endswith(".css"):
            assert asset.headers["content-type"].startswith("text/css")


def test_swagger_ui_loads_our_openapi_document(client):
    html = client.get("/docs").text
    assert "'/openapi.json'" in html
    assert '"validatorUrl": null' in html  # no spec sent to validator.swagger.io
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")  # needs Swagger UI 5 (what the assets are)
    assert {"/health", "/api/v1/stats", "/api/v1/categories"} <= set(spec["paths"])
    assert not {"/", "/docs", "/redoc"} & set(spec["paths"])
    assert client.get("/docs/oauth2-redirect").status_code == 200


def test_docs_honour_a_proxy_prefix():
    with TestClient(create_app(), root_path="/hotspots") as c:
        html = c.get("/docs").text
    assert {u.rsplit("/", 1)[0] for u in _asset_urls(html)} == {"/hotspots/static/docs"}
