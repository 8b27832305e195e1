"""The field app (/falt): the page, its files, the checklist, and a walk's summary and exports."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import tomllib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.field.checklist import PARAMETERS, load_checklist
from api.main import create_app
from hotspots.catalogue import load_catalogue
from hotspots.errors import InputError
from hotspots.store.users import add_user_with_token

REPO = Path(__file__).resolve().parents[2]
#: A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.fixture
def client(sqlite_store):
    with TestClient(create_app()) as c:
        yield c


@pytest.fixture
def tokens(sqlite_store) -> dict[str, str]:
    return {
        role: add_user_with_token(sqlite_store, f"{role}-user", role)[1]
        for role in ("field", "analyst", "leadership")
    }


def login(client: TestClient, token: str) -> None:
    client.cookies.set("hotspots_session", token)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# ------------------------------------------------------------------ checklist
def test_checklist_covers_the_nine_parameters_with_catalogue_categories():
    catalogue = load_catalogue()
    checklist = load_checklist(REPO / "data" / "checklist.toml", catalogue=catalogue)
    assert tuple(g.code for g in checklist.groups) == PARAMETERS
    observation = set(catalogue.codes("observation"))
    items = [i for g in checklist.groups for i in g.items]
    assert len({i.code for i in items}) == len(items)
    assert {i.category for i in items} <= observation
    # every observation category can be reached from the checklist
    assert {i.category for i in items} == observation
    for g in checklist.groups:
        assert g.items and g.label_sv and g.label_en
        for i in g.items:
            assert i.sv.strip() and i.en.strip() and i.sv != i.en


def _write(tmp_path, raw: str) -> Path:
    path = tmp_path / "checklist.toml"
    path.write_text(raw, encoding="utf-8")
    return path


def test_checklist_errors_say_what_is_wrong(tmp_path):
    good = (REPO / "data" / "checklist.toml").read_text(encoding="utf-8")
    bad_category = good.replace('category = "klotter"', 'category = "skadegorelse"', 1)
    with pytest.raises(InputError, match="skadegorelse"):
        load_checklist(_write(tmp_path, bad_category))
    raw = tomllib.loads(good)
    assert len(raw["group"]) == 9
    no_feeling = good[: good.index('[[group]]\ncode = "feeling"')]
    with pytest.raises(InputError, match="feeling"):
        load_checklist(_write(tmp_path, no_feeling))
    with pytest.raises(InputError, match="TOML"):
        load_checklist(_write(tmp_path, "[[group]\n"))
    with pytest.raises(InputError):
        load_checklist(tmp_path / "missing.toml")


# ------------------------------------------------------------------ the page
def test_anonymous_is_sent_to_the_login_page(client):
    for path in ("/falt", "/falt/", "/falt/vandring/1", "/falt/vandring/1.csv"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303, path
        assert r.headers["location"] == "/logga-in?next=" + path


def test_a_stale_session_is_sent_to_the_login_page(client):
    login(client, "not-a-token")
    r = client.get("/falt", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/logga-in")


def test_leadership_may_not_use_the_app(client, tokens):
    login(client, tokens["leadership"])
    r = client.get("/falt")
    assert r.status_code == 403 and "leadership" in r.text


def _config(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="falt-config">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def test_the_page_is_swedish_with_the_checklist_and_the_script_texts(client, tokens):
    login(client, tokens["field"])
    for path in ("/falt", "/falt/"):
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert 'lang="sv"' in html and "Trygghetsvandring" in html
    assert "script-src 'self'" in r.headers["content-security-policy"]
    # the nine groups of the checklist, as option groups of the select
    checklist = load_checklist()
    for g in checklist.groups:
        assert f'<optgroup label="{g.label_sv}" data-group="{g.code}">' in html
        for i in g.items:
            assert f'data-category="{i.category}">{i.sv}</option>' in html
    # the camera input, the manifest and nothing from elsewhere
    assert 'type="file" accept="image/*" capture="environment" multiple' in html
    assert '<link rel="manifest" href="/falt/manifest.webmanifest">' in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    config = _config(html)
    assert config["lang"] == "sv"
    assert config["texts"]["waiting"].startswith("Väntar på att skickas")
    assert config["texts"]["position_inaccurate"].count("{m}") == 1
    assert config["max_accuracy_m"] == 50 and config["max_photo_px"] == 1600
    assert config["max_photo_bytes"] == 10_000_000

    r = client.get("/falt", params={"lang": "en"})
    assert 'lang="en"' in r.text and "Safety walk" in r.text and "Lighting" in r.text
    assert _config(r.text)["texts"]["waiting"].startswith("Waiting to be sent")


def test_the_user_name_is_escaped(client, sqlite_store):
    _, token = add_user_with_token(sqlite_store, "<b>x</b>", "field")
    login(client, token)
    html = client.get("/falt").text
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_manifest_service_worker_and_assets(client):
    # public: they hold no data, and a manifest is fetched without credentials
    r = client.get("/falt/manifest.webmanifest")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/manifest+json")
    m = r.json()
    assert m["start_url"] == "/falt/" and m["scope"] == "/falt" and m["display"] == "standalone"
    assert {i["sizes"] for i in m["icons"]} == {"192x192", "512x512"}
    assert m["name"].startswith("Trygghetsvandring")
    assert client.get("/falt/manifest.webmanifest?lang=en").json()["start_url"] == "/falt/?lang=en"

    r = client.get("/falt/sw.js")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/javascript")
    assert r.headers["service-worker-allowed"] == "/falt"
    for path in json.loads(re.search(r"const ASSETS = (\[.*?\]);", r.text).group(1)):
        a = client.get(path)
        assert a.status_code == 200 and a.content, path
    assert "falt-__VERSION__" not in r.text

    for size in (192, 512):
        r = client.get(f"/falt/icon-{size}.png")
        assert r.headers["content-type"] == "image/png"
        assert r.content.startswith(b"\x89PNG") and int.from_bytes(r.content[16:20]) == size
    assert client.get("/falt/icon-7.png").status_code == 404
    assert "Leaflet 1." in client.get("/falt/leaflet.js").text
    assert client.get("/falt/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/falt/app.css").headers["content-type"].startswith("text/css")


# ------------------------------------------------------------------ a walk
def _walk(client: TestClient, token: str) -> int:
    h = bearer(token)
    walk = client.post(
        "/api/v1/walks", json={"name": "Centrum", "area": "Centrum", "participants": 7}, headers=h
    ).json()
    obs = [
        {
            "category": "belysning",
            "lon": 13.5413,
            "lat": 55.9362,
            "accuracy_m": 6,
            "severity": 2,
            "description": "<script>alert(1)</script> mörk tunnel",
            "client_id": "a-1",
        },
        {
            "category": "klotter",
            "lon": 13.5420,
            "lat": 55.9370,
            "description": '=HYPERLINK("http://x")',
            "client_id": "a-2",
        },
    ]
    ids = [
        client.post(f"/api/v1/walks/{walk['id']}/observations", json=o, headers=h).json()["id"]
        for o in obs
    ]
    r = client.post(
        f"/api/v1/observations/{ids[0]}/photos",
        files={"file": ("p.png", PNG, "image/png")},
        headers=h,
    )
    assert r.status_code == 201
    # an observation of another walk is not in this one's summary or exports
    other = client.post("/api/v1/walks", json={"name": "Annan"}, headers=h).json()
    client.post(
        "/api/v1/observations",
        json={"category": "klotter", "lon": 13.6, "lat": 55.9, "walk_id": other["id"]},
        headers=h,
    )
    return walk["id"]


def test_the_walk_summary_shows_observations_escaped_with_photos(client, tokens):
    walk_id = _walk(client, tokens["field"])
    login(client, tokens["field"])
    r = client.get(f"/falt/vandring/{walk_id}")
    assert r.status_code == 200
    html = r.text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; mörk tunnel" in html
    assert html.count("<tr data-id=") == 2 and "Belysning" in html and "Klotter" in html
    assert re.search(r'<img src="/api/v1/photos/\d+"', html)
    assert "± 6 m" in html and ">ny<" in html
    assert f'href="/falt/vandring/{walk_id}.csv"' in html
    assert f'href="/falt/vandring/{walk_id}.geojson"' in html
    assert "Lighting" in client.get(f"/falt/vandring/{walk_id}?lang=en").text
    assert client.get("/falt/vandring/999").status_code == 404


def test_walk_exports_csv_and_geojson(client, tokens, sqlite_store):
    walk_id = _walk(client, tokens["field"])
    login(client, tokens["field"])
    r = client.get(f"/falt/vandring/{walk_id}.geojson")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    features = r.json()["features"]
    assert len(features) == 2 and r.headers["x-record-count"] == "2"
    lighting = next(f for f in features if f["properties"]["category"] == "belysning")
    assert lighting["geometry"]["coordinates"] == pytest.approx([13.5413, 55.9362])
    assert lighting["properties"]["accuracy_m"] == 6

    r = client.get(f"/falt/vandring/{walk_id}.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == 2 and {row["walk"] for row in rows} == {"Centrum"}
    formula = next(row for row in rows if row["category"] == "klotter")["description"]
    assert not formula.startswith("=")  # neutralised as in every CSV export

    audit = (
        sqlite_store.engine.connect()
        .exec_driver_sql("select action, target from audit_log order by id")
        .all()
    )
    assert ("export.csv", f"walk {walk_id}") in [tuple(a) for a in audit]
    assert client.get("/falt/vandring/999.csv").status_code == 404
    assert client.get(f"/falt/vandring/{walk_id}.gpkg").status_code == 422
