"""The records API: incidents (post, list, upload import), walks, observations, photos,
measures; on SQLite and PostGIS."""

from __future__ import annotations

import base64
import struct
import zlib

import pytest
from fastapi.testclient import TestClient

from api.auth import Principal, current_principal
from api.main import create_app
from hotspots.settings import get_settings
from hotspots.store.records import PAGE_MAX, photo_type

ANALYST = Principal(1, "anna", "analyst")
FIELD = Principal(2, "fält", "field")
LEADERSHIP = Principal(3, "ledning", "leadership")

INCIDENTS = [
    {
        "external_id": "K1",
        "datetime": "2026-03-02T22:15:00+01:00",
        "category": "Skadegörelse",
        "description": "Krossad ruta",
        "lat": 55.9362,
        "lon": 13.5413,
    },
    {
        "external_id": "K2",
        "date": "2026-03-03",
        "time": "01:30",
        "category": "skadegorelse",
        "lat": "55,9365",
        "lon": "13,5430",
    },
    {
        "external_id": "K3",
        "datetime": "2026-03-10 23:10",
        "category": "Buskörning",
        "lat": 55.9370,
        "lon": 13.5420,
    },
    {
        "external_id": "K4",
        "datetime": "2026-03-11T12:00:00Z",
        "category": "narkotika",
        "lat": 55.8000,
        "lon": 13.3000,
    },
    {
        "external_id": "K5",
        "datetime": "2026-03-12T12:00:00Z",
        "category": "narkotika",
        "lat": 55.9371,
        "lon": 13.5421,
    },
]

CSV = """id;datum;tid;kategori;beskrivning;lat;lon
U1;2026-03-02;22:15;Skadegörelse;Krossad ruta;55,9362;13,5413
U2;2026-03-03;01:30;Skadegörelse;Sprayat klotter;55,9365;13,5430
U3;2026-03-10;23:10;Buskörning;Mopeder på torget;55,9370;13,5420
U4;31/02/2026;12:00;Skadegörelse;Fel datum;55,9362;13,5413
U5;2026-03-11;12:00;Narkotika;Utan plats;abc;13,54
"""


def _png(width: int = 1, height: int = 1) -> bytes:
    """A valid PNG image (grey), built by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


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


def as_role(app, principal: Principal | None) -> None:
    """Let the next requests come from ``principal`` (None: anonymous)."""
    if principal is None:
        app.dependency_overrides.pop(current_principal, None)
    else:
        app.dependency_overrides[current_principal] = lambda: principal


def _detail(r, status: int) -> str:
    assert r.status_code == status, r.text
    detail = r.json()["detail"]
    assert isinstance(detail, str) and detail and "\n" not in detail
    return detail


# ---------------------------------------------------------------------------- incidents
def test_post_list_filter_and_page_incidents(client):
    r = client.post("/api/v1/incidents", json=INCIDENTS)
    assert r.status_code == 201, r.text
    report = r.json()
    assert (report["read"], report["stored"], report["duplicate"], report["rejected"]) == (
        5,
        5,
        0,
        0,
    )
    assert report["balanced"] is True
    assert [row["outcome"] for row in report["rows"]] == ["stored"] * 5
    ids = [row["id"] for row in report["rows"]]
    assert all(isinstance(i, int) for i in ids)

    r = client.get("/api/v1/incidents")
    body = r.json()
    assert r.status_code == 200 and body["total"] == 5 and body["next"] is None
    by_ext = {i["external_id"]: i for i in body["items"]}
    # read exactly like a CSV import: labels to codes, decimal comma, local times to UTC
    assert by_ext["K1"]["category"] == "skadegorelse"
    assert by_ext["K1"]["raw_category"] == "Skadegörelse"
    assert by_ext["K1"]["occurred_from"] == "2026-03-02T21:15:00Z"
    assert by_ext["K2"]["lat"] == pytest.approx(55.9365)
    assert by_ext["K2"]["occurred_from"] == "2026-03-03T00:30:00Z"
    assert by_ext["K1"]["precision"] == "exact"

    def ext(params) -> list[str]:
        r = client.get("/api/v1/incidents", params=params)
        assert r.status_code == 200, r.text
        return sorted(i["external_id"] for i in r.json()["items"])

    assert ext({"category": "skadegorelse"}) == ["K1", "K2"]
    assert ext([("category", "skadegorelse"), ("category", "narkotika")]) == [
        "K1",
        "K2",
        "K4",
        "K5",
    ]
    assert ext({"from": "2026-03-10", "to": "2026-03-11"}) == ["K3", "K4"]  # "to" included
    assert ext({"to": "2026-03-02"}) == ["K1"]
    assert ext({"bbox": "13.53,55.93,13.55,55.94"}) == ["K1", "K2", "K3", "K5"]
    assert ext({"precision": "exact"}) == ["K1", "K2", "K3", "K4", "K5"]
    assert ext({"precision": "failed"}) == []

    # paging: follow "next" until the end, every item once
    seen, url, pages = [], "/api/v1/incidents?limit=2", 0
    while url:
        page = client.get(url).json()
        assert page["total"] == 5 and page["limit"] == 2
        seen += [i["id"] for i in page["items"]]
        url, pages = page["next"], pages + 1
    assert pages == 3 and seen == sorted(ids)
    assert client.get("/api/v1/incidents", params={"offset": 10}).json()["items"] == []


def test_posting_the_same_incidents_again_reports_duplicates(client):
    first = client.post("/api/v1/incidents", json=INCIDENTS[:2]).json()
    r = client.post("/api/v1/incidents", json=INCIDENTS[:2])
    assert r.status_code == 200  # nothing new
    again = r.json()
    assert (again["stored"], again["duplicate"]) == (0, 2)
    assert [row["outcome"] for row in again["rows"]] == ["duplicate", "duplicate"]
    # a duplicate names the record already stored
    assert [row["id"] for row in again["rows"]] == [row["id"] for row in first["rows"]]
    # "finns redan (import N)": names the batch that stored them first
    assert all(f"import {first['batch_id']}" in row["reason"] for row in again["rows"])

    # records without an id get one from their content: posting one again is a duplicate
    anon = {k: v for k, v in INCIDENTS[2].items() if k != "external_id"}
    assert client.post("/api/v1/incidents", json=anon).json()["stored"] == 1
    assert client.post("/api/v1/incidents", json=anon).json()["duplicate"] == 1
    # another source is another identity
    r = client.post("/api/v1/incidents", params={"source": "annat"}, json=INCIDENTS[0])
    assert r.json()["stored"] == 1
    assert client.get("/api/v1/incidents").json()["total"] == 4


def test_bad_rows_are_rejected_with_their_reasons(client):
    rows = [
        INCIDENTS[0],
        {
            "external_id": "B1",
            "date": "31/02/2026",
            "category": "Skadegörelse",
            "lat": 55.9,
            "lon": 13.5,
        },
        {
            "external_id": "B2",
            "datetime": "2026-03-02 10:00",
            "category": "Skadegörelse",
            "lat": "abc",
            "lon": 13.5,
        },
        {"external_id": "B3", "category": "Skadegörelse", "lat": 55.9, "lon": 13.5},
    ]
    r = client.post("/api/v1/incidents", json=rows)
    assert r.status_code == 201
    report = r.json()
    assert (report["read"], report["stored"], report["rejected"]) == (4, 1, 3)
    assert report["balanced"]
    outcome = {row["line"]: row for row in report["rows"]}
    assert outcome[1]["outcome"] == "stored"
    assert outcome[2]["outcome"] == "rejected" and outcome[2]["field"] == "date"
    assert "31/02/2026" in outcome[2]["reason"]
    assert outcome[3]["outcome"] == "rejected" and outcome[3]["field"] == "lat"
    assert outcome[4]["outcome"] == "rejected" and outcome[4]["reason"]
    # the rejections are kept with the import batch
    batch = client.get(f"/api/v1/imports/{report['batch_id']}").json()
    assert batch["rows_rejected"] == 3 and batch["imported_by"] == "anna"
    assert [e["line"] for e in batch["rejections"]["items"]] == [2, 3, 4]
    # a dry run checks and stores nothing
    r = client.post("/api/v1/incidents", params={"dry_run": True}, json=INCIDENTS[3])
    assert r.status_code == 200 and r.json()["stored"] == 1 and r.json()["dry_run"] is True
    assert client.get("/api/v1/incidents").json()["total"] == 1


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"from": "2026-13-01"}, "from"),
        ({"to": "igår"}, "to"),
        ({"from": "2026-03-10", "to": "2026-03-01"}, "from"),
        ({"from": "9999-12-31"}, "from"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "13.6,55.9,13.5,56.0"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"category": "nope"}, "category"),
        ({"category": "belysning"}, "category"),  # an observation category
        ({"precision": "gps"}, "precision"),
        ({"limit": PAGE_MAX + 1}, "limit"),
        ({"limit": 0}, "limit"),
        ({"offset": -1}, "offset"),
        ({"limit": "many"}, "limit"),
    ],
)
def test_bad_query_values_are_422_naming_the_parameter(client, params, name):
    r = client.get("/api/v1/incidents", params=params)
    assert r.status_code == 422, r.text
    assert name in str(r.json()["detail"])


def test_post_limits_and_malformed_bodies_are_4xx(client):
    assert client.post("/api/v1/incidents", json=[]).status_code == 422
    too_many = [dict(INCIDENTS[0], external_id=f"X{i}") for i in range(1001)]
    assert client.post("/api/v1/incidents", json=too_many).status_code == 422
    r = client.post("/api/v1/incidents", json={"kategori": "Skadegörelse"})  # unknown field
    assert r.status_code == 422 and "kategori" in r.text
    assert client.post("/api/v1/incidents", json="text").status_code == 422
    assert client.post("/api/v1/incidents", content=b"{not json").status_code == 422
    long_id = dict(INCIDENTS[0], external_id="x" * 201)
    assert client.post("/api/v1/incidents", json=long_id).status_code == 422
    assert client.get("/api/v1/incidents").json()["total"] == 0


# ---------------------------------------------------------------------------- upload import
def test_upload_import_reconciles_with_the_cli_report(client, store):
    from hotspots.store.users import audit_entries

    files = {"file": ("brott_2026-03.csv", CSV.encode("utf-8"), "text/csv")}
    r = client.post("/api/v1/imports", files=files)
    assert r.status_code == 201, r.text
    report = r.json()
    assert report["file"] == "brott_2026-03.csv" and report["source"] == "brott"
    assert (report["read"], report["stored"], report["duplicate"], report["rejected"]) == (
        5,
        3,
        0,
        2,
    )
    assert report["balanced"] and report["delimiter"] == ";"
    assert {e["line"] for e in report["rejections"]} == {5, 6}
    assert store.counts()["incidents"] == 3
    listed = client.get("/api/v1/incidents").json()
    assert listed["total"] == 3 and {i["external_id"] for i in listed["items"]} == {
        "U1",
        "U2",
        "U3",
    }

    batch = client.get(f"/api/v1/imports/{report['batch_id']}").json()
    assert batch["filename"] == "brott_2026-03.csv" and batch["imported_by"] == "anna"
    assert (batch["rows_read"], batch["rows_stored"], batch["rows_rejected"]) == (5, 3, 2)
    assert batch["rejections"]["total"] == 2
    assert client.get("/api/v1/imports").json()["items"][0]["id"] == report["batch_id"]

    # the same file again: nothing new, every row accounted for
    r = client.post("/api/v1/imports", files=files)
    assert r.status_code == 200
    assert (r.json()["stored"], r.json()["duplicate"], r.json()["rejected"]) == (0, 3, 2)
    assert store.counts()["incidents"] == 3

    entries = audit_entries(store, action="import.file")
    assert len(entries) == 2 and entries[0]["user_name"] == "anna"
    assert entries[0]["target"] == "brott_2026-03.csv"


def test_upload_options_and_limits(client, store, monkeypatch):
    semi = "Händelsedatum;Typ av händelse;lat;lon\n2026-03-02;Skadegörelse;55,93;13,54\n"
    r = client.post(
        "/api/v1/imports",
        params={"source": "kommunen", "dry_run": True},
        files={"file": ("x.csv", semi.encode(), "text/csv")},
    )
    assert r.status_code == 200 and r.json()["stored"] == 1 and r.json()["dry_run"] is True
    assert store.counts()["incidents"] == 0

    monkeypatch.setenv("HOTSPOTS_MAX_UPLOAD_ROWS", "2")
    get_settings.cache_clear()
    r = client.post("/api/v1/imports", files={"file": ("brott.csv", CSV.encode(), "text/csv")})
    assert "max_upload_rows" in _detail(r, 413)
    assert store.counts()["incidents"] == 0

    monkeypatch.setenv("HOTSPOTS_MAX_UPLOAD_MB", "0.1")
    get_settings.cache_clear()
    big = CSV.encode() + b"U9;2026-03-02;22:15;Skadegorelse;" + b"x" * 200_000 + b";55,9;13,5\n"
    r = client.post("/api/v1/imports", files={"file": ("big.csv", big, "text/csv")})
    assert "max_upload_mb" in _detail(r, 413)
    assert store.counts()["incidents"] == 0

    assert client.post("/api/v1/imports", data={"x": "1"}).status_code in (415, 422)
    r = client.post("/api/v1/imports", files={"other": ("a.csv", b"a", "text/csv")})
    assert "file" in _detail(r, 422)
    r = client.post("/api/v1/imports", files={"file": ("empty.csv", b"", "text/csv")})
    assert r.status_code == 400  # the import engine's own one-line error
    r = client.post("/api/v1/imports", params={"format": "xls"}, files={"file": ("a", b"a")})
    assert r.status_code == 422
    assert client.get("/api/v1/imports/999999").status_code == 404


# ---------------------------------------------------------------------------- walks
def test_walks_observations_status_history_and_idempotent_client_id(app, client):
    as_role(app, FIELD)
    r = client.post(
        "/api/v1/walks",
        json={"name": "Centrum 2026-03-02", "walked_on": "2026-03-02", "participants": 8},
    )
    assert r.status_code == 201, r.text
    walk = r.json()
    assert walk["walked_on"] == "2026-03-01T23:00:00Z" and walk["observations"] == 0
    assert "Centrum" in _detail(client.post("/api/v1/walks", json={"name": walk["name"]}), 409)

    obs = {
        "category": "Belysning",
        "lon": 13.5413,
        "lat": 55.9362,
        "accuracy_m": 6.5,
        "description": "Trasig lampa i gångtunneln",
        "severity": 2,
        "client_id": "app-0001",
    }
    r = client.post(f"/api/v1/walks/{walk['id']}/observations", json=obs)
    assert r.status_code == 201, r.text
    first = r.json()
    assert first["category"] == "belysning" and first["walk_id"] == walk["id"]
    assert first["status"] == "ny" and first["precision"] == "exact"
    assert first["accuracy_m"] == 6.5 and first["client_id"] == "app-0001"
    assert [h["status"] for h in first["history"]] == ["ny"]
    assert first["history"][0]["changed_by"] == "fält"
    assert r.headers["location"].endswith(f"/api/v1/observations/{first['id']}")

    # the same client_id again (a retried upload): the stored one, 200, nothing new
    for path in (f"/api/v1/walks/{walk['id']}/observations", "/api/v1/observations"):
        again = client.post(path, json=obs)
        assert again.status_code == 200 and again.json()["id"] == first["id"]
    r = client.post(
        "/api/v1/observations", json={"category": "klotter", "lon": 13.54, "lat": 55.93}
    )
    assert r.status_code == 201 and r.json()["walk_id"] is None
    second = r.json()
    assert client.get(f"/api/v1/walks/{walk['id']}").json()["observations"] == 1

    # status: ny -> rapporterad -> åtgärdad, each change kept with time, who and note
    r = client.patch(
        f"/api/v1/observations/{first['id']}/status",
        json={"status": "rapporterad", "note": "till gatukontoret"},
    )
    assert r.status_code == 200 and r.json()["status"] == "rapporterad"
    as_role(app, ANALYST)
    r = client.patch(f"/api/v1/observations/{first['id']}/status", json={"status": "åtgärdad"})
    history = r.json()["history"]
    assert [h["status"] for h in history] == ["ny", "rapporterad", "åtgärdad"]
    assert [h["changed_by"] for h in history] == ["fält", "fält", "anna"]
    assert history[1]["note"] == "till gatukontoret"
    assert history[0]["changed_at"] <= history[1]["changed_at"] <= history[2]["changed_at"]
    detail = _detail(
        client.patch(f"/api/v1/observations/{first['id']}/status", json={"status": "fixad"}),
        400,
    )
    assert "åtgärdad" in detail  # lists the allowed values
    assert (
        client.patch("/api/v1/observations/999999/status", json={"status": "ny"}).status_code == 404
    )

    r = client.get(f"/api/v1/observations/{first['id']}")
    assert r.json()["status"] == "åtgärdad" and len(r.json()["history"]) == 3

    # lists: filters and leadership may read
    as_role(app, LEADERSHIP)
    listed = client.get("/api/v1/observations").json()
    assert listed["total"] == 2
    assert [
        o["id"] for o in client.get("/api/v1/observations?status=åtgärdad").json()["items"]
    ] == [first["id"]]
    by_walk = client.get("/api/v1/observations", params={"walk_id": walk["id"]}).json()
    assert [o["id"] for o in by_walk["items"]] == [first["id"]]
    by_cat = client.get("/api/v1/observations", params={"category": "klotter"}).json()
    assert [o["id"] for o in by_cat["items"]] == [second["id"]]
    assert client.get("/api/v1/observations?status=klar").status_code == 422
    assert client.get("/api/v1/walks").json()["total"] == 1
    assert client.post("/api/v1/observations", json=obs).status_code == 403
    assert client.post("/api/v1/walks", json={"name": "x"}).status_code == 403


def test_observation_input_is_checked(client):
    post = client.post
    assert "belysning" in _detail(
        post("/api/v1/observations", json={"category": "skadegörelse", "lon": 13.5, "lat": 55.9}),
        400,
    )
    assert _detail(post("/api/v1/observations", json={"category": "finns inte"}), 400)
    assert (
        post(
            "/api/v1/observations", json={"category": "klotter", "lon": 200, "lat": 55}
        ).status_code
        == 422
    )
    assert (
        post("/api/v1/observations", json={"category": "klotter", "lon": 13.5}).status_code == 400
    )
    assert (
        post("/api/v1/observations", json={"category": "klotter", "severity": 5}).status_code == 422
    )
    assert (
        post(
            "/api/v1/observations", json={"category": "klotter", "client_id": "x" * 65}
        ).status_code
        == 422
    )
    assert (
        post("/api/v1/observations", json={"category": "klotter", "walk_id": 999999}).status_code
        == 404
    )
    assert (
        post("/api/v1/walks/999999/observations", json={"category": "klotter"}).status_code == 404
    )
    r = post("/api/v1/walks", json={"name": "Norr"})
    r = post(
        f"/api/v1/walks/{r.json()['id']}/observations", json={"category": "klotter", "walk_id": 999}
    )
    assert "walk_id" in _detail(r, 422)
    # no point: stored, waiting in the geocoding review queue
    r = post("/api/v1/observations", json={"category": "klotter", "address": "Storgatan 1"})
    assert r.status_code == 201
    assert (r.json()["precision"], r.json()["review"]) == ("failed", "pending")
    assert client.get("/api/v1/observations/999999").status_code == 404
    assert client.get("/api/v1/observations/0").status_code == 422
    assert client.get("/api/v1/observations/99999999999999999999").status_code == 422


# ---------------------------------------------------------------------------- photos
def test_photo_upload_checks_type_and_size(app, client, monkeypatch):
    as_role(app, FIELD)
    obs = client.post(
        "/api/v1/observations", json={"category": "klotter", "lon": 13.54, "lat": 55.93}
    ).json()
    png = _png(4, 4)
    url = f"/api/v1/observations/{obs['id']}/photos"
    # the client's content type is not trusted: the bytes decide
    r = client.post(url, files={"file": ("../../lampa.png", png, "application/octet-stream")})
    assert r.status_code == 201, r.text
    photo = r.json()
    assert photo["content_type"] == "image/png" and photo["size_bytes"] == len(png)
    assert photo["filename"] == "lampa.png"
    got = client.get(photo["url"])
    assert got.status_code == 200 and got.content == png
    assert got.headers["content-type"] == "image/png"
    assert got.headers["x-content-type-options"] == "nosniff"
    assert [p["id"] for p in client.get(f"/api/v1/observations/{obs['id']}").json()["photos"]] == [
        photo["id"]
    ]

    # wrong type, whatever the name and content type say
    for data in (
        b"GIF89a" + b"\x00" * 100,
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        b"%PDF-1.7\n",
    ):
        r = client.post(url, files={"file": ("bild.png", data, "image/png")})
        assert "JPEG" in _detail(r, 415)
    assert client.post(url, files={"file": ("tom.png", b"", "image/png")}).status_code == 422
    assert client.post(url, content=png, headers={"content-type": "image/png"}).status_code == 415

    # too large
    monkeypatch.setenv("HOTSPOTS_MAX_PHOTO_MB", "0.01")
    get_settings.cache_clear()
    big = png + b"\x00" * 20_000
    r = client.post(url, files={"file": ("stor.png", big, "image/png")})
    assert "max_photo_mb" in _detail(r, 413)
    huge = png + b"\x00" * 200_000  # beyond the multipart allowance: refused while streaming
    assert client.post(url, files={"file": ("stor.png", huge, "image/png")}).status_code == 413
    assert len(client.get(f"/api/v1/observations/{obs['id']}").json()["photos"]) == 1

    assert (
        client.post(
            "/api/v1/observations/999999/photos", files={"file": ("a.png", png, "image/png")}
        ).status_code
        == 404
    )
    assert client.get("/api/v1/photos/999999").status_code == 404
    as_role(app, LEADERSHIP)
    assert client.get(photo["url"]).status_code == 200
    assert client.post(url, files={"file": ("a.png", png, "image/png")}).status_code == 403


def test_photo_type_by_magic_bytes():
    assert photo_type(b"\xff\xd8\xff\xe0\x00\x10JFIF") == "image/jpeg"
    assert photo_type(b"\x89PNG\r\n\x1a\n\x00") == "image/png"
    assert photo_type(b"RIFF\x24\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert photo_type(b"RIFF\x24\x00\x00\x00AVI LIST") is None
    assert photo_type(b"GIF89a") is None
    assert photo_type(base64.b64decode("Qk0=")) is None  # BMP


# ---------------------------------------------------------------------------- measures
def test_measures_create_list_and_status(app, client):
    r = client.post(
        "/api/v1/measures",
        json={
            "measure": "belysning",
            "title": "Ny belysning gångtunneln",
            "lon": 13.5413,
            "lat": 55.9362,
            "radius_m": 100,
            "starts_on": "2026-03-10",
            "status": "planerad",
            "note": "beslut i BRÅ-rådet",
        },
    )
    assert r.status_code == 201, r.text
    m = r.json()
    assert m["status"] == "planerad" and m["starts_on"] == "2026-03-09T23:00:00Z"
    assert [h["status"] for h in m["history"]] == ["planerad"]
    area = {
        "type": "Polygon",
        "coordinates": [[[13.53, 55.93], [13.55, 55.93], [13.55, 55.94], [13.53, 55.93]]],
    }
    r = client.post(
        "/api/v1/measures", json={"measure": "belysning", "title": "Park", "area_geojson": area}
    )
    assert r.status_code == 201 and r.json()["area_geojson"]["type"] == "Polygon"

    r = client.patch(f"/api/v1/measures/{m['id']}/status", json={"status": "pågående"})
    assert r.status_code == 200
    assert [h["status"] for h in r.json()["history"]] == ["planerad", "pågående"]
    assert (
        client.patch(f"/api/v1/measures/{m['id']}/status", json={"status": "klar"}).status_code
        == 400
    )
    assert (
        client.patch("/api/v1/measures/999999/status", json={"status": "planerad"}).status_code
        == 404
    )

    as_role(app, LEADERSHIP)
    listed = client.get("/api/v1/measures").json()
    assert listed["total"] == 2 and listed["items"][0]["status"] == "pågående"
    assert client.get("/api/v1/measures?status=pågående").json()["total"] == 1
    assert client.get("/api/v1/measures?limit=1").json()["next"].endswith("offset=1")
    assert client.get("/api/v1/measures?status=klar").status_code == 422
    assert client.get("/api/v1/measures?measure=nope").status_code == 422
    assert client.get(f"/api/v1/measures/{m['id']}").json()["title"] == "Ny belysning gångtunneln"
    assert (
        client.post("/api/v1/measures", json={"measure": "belysning", "title": "x"}).status_code
        == 403
    )

    as_role(app, ANALYST)
    assert "belysning" in _detail(
        client.post(
            "/api/v1/measures", json={"measure": "nope", "title": "x", "lon": 13.5, "lat": 55.9}
        ),
        400,
    )
    assert _detail(
        client.post("/api/v1/measures", json={"measure": "belysning", "title": "x"}), 400
    )


# ---------------------------------------------------------------------------- roles
@pytest.mark.parametrize(
    ("principal", "method", "path", "expected"),
    [
        (None, "get", "/api/v1/incidents", 401),
        (FIELD, "get", "/api/v1/incidents", 403),
        (LEADERSHIP, "get", "/api/v1/incidents", 403),
        (LEADERSHIP, "post", "/api/v1/incidents", 403),
        (FIELD, "post", "/api/v1/imports", 403),
        (LEADERSHIP, "get", "/api/v1/imports", 403),
        (None, "get", "/api/v1/observations", 401),
        (Principal(9, "allmän", "public"), "get", "/api/v1/observations", 403),
        (Principal(9, "allmän", "public"), "get", "/api/v1/measures", 403),
        (FIELD, "get", "/api/v1/measures", 403),
        (Principal(0, "admin", "admin"), "get", "/api/v1/incidents", 200),
        (LEADERSHIP, "get", "/api/v1/walks", 200),
        (FIELD, "get", "/api/v1/observations", 200),
    ],
)
def test_roles(app, client, principal, method, path, expected):
    as_role(app, principal)
    kwargs = {"json": INCIDENTS[0]} if method == "post" and "incidents" in path else {}
    assert getattr(client, method)(path, **kwargs).status_code == expected


def test_store_without_schema_is_503(tmp_path, monkeypatch):
    monkeypatch.setenv("HOTSPOTS_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    get_settings.cache_clear()
    app = create_app()
    app.dependency_overrides[current_principal] = lambda: ANALYST
    with TestClient(app) as c:
        assert c.get("/api/v1/incidents").status_code == 503
