"""OGC API - Features under /ogc: structure, paging, filters, errors and roles."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from api.auth import Principal, current_principal
from api.main import create_app
from api.routes.ogc import CONFORMANCE, MAX_LIMIT
from hotspots.ingest.pipeline import import_file
from hotspots.settings import get_settings
from hotspots.store import Store

GEOJSON = "application/geo+json"
ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def _rows() -> list[str]:
    rows = []
    for i, (dx, dy) in enumerate(
        [(0, 0), (1, 0), (0, 1), (1, 1), (-1, 0), (0, -1), (-1, -1), (2, 0), (0, 2), (2, 2)]
    ):
        cat = "Våld i nära relation" if i in (3, 7) else "Skadegörelse"
        lon, lat = 13.5413 + dx * 0.0002, 55.9362 + dy * 0.0001
        rows.append(f"A{i};2026-11-{2 + i:02d} 22:00;;{cat};Händelse {i};{lat:.6f};{lon:.6f}")
    for i in range(3):  # cluster B: 3 incidents
        lon, lat = 13.5600 + i * 0.0002, 55.9450
        rows.append(f"B{i};2026-11-05 12:{i:02d};;Skadegörelse;Liten grupp;{lat:.6f};{lon:.6f}")
    rows += [
        "C0;2026-11-20 08:00;;Stöld;Ensam;55.900000;13.500000",
        "C1;2026-11-21 08:00;;Stöld;Ensam;55.980000;13.600000",
        # a window over two days in October (aoristic)
        "C2;2026-10-01 00:00;2026-10-03 00:00;Buskörning;Fönster;55.960000;13.520000",
        # no place at all: stored without a point, waits for review
        "D0;2026-11-12 10:00;;Stöld;Okänd plats;;",
    ]
    # walk observations (their category decides the table)
    rows += [
        "O1;2026-11-03 19:00;;Belysning;Trasig lampa;55.936500;13.541800",
        "O2;2026-11-03 19:10;;Klotter;Taggar;55.937000;13.542500",
        "O3;2026-11-03 19:20;;Belysning;Mörk passage;55.945100;13.560100",
    ]
    return rows


N_INCIDENTS = 17
N_OBSERVATIONS = 3


def _build(store: Store, tmp_path) -> None:
    path = tmp_path / "ogc.csv"
    head = "id;från;till;kategori;beskrivning;lat;lon"
    path.write_text("\n".join([head, *_rows()]) + "\n", encoding="utf-8")
    report = import_file(path, store=store, source="ogc-test")
    assert report.rejected == 0, report
    counts = store.counts()
    assert (counts["incidents"], counts["observations"]) == (N_INCIDENTS, N_OBSERVATIONS)


@pytest.fixture
def data(sqlite_store, tmp_path) -> Store:
    _build(sqlite_store, tmp_path)
    return sqlite_store


@pytest.fixture
def app():
    return create_app()


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        yield c


def as_role(app, role: str | None) -> None:
    """Make every request come from a user with ``role`` (None: anonymous)."""
    if role is None:
        app.dependency_overrides.pop(current_principal, None)
    else:
        app.dependency_overrides[current_principal] = lambda: Principal(7, f"t-{role}", role)


def _one_line_400(r, status: int = 400) -> str:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    detail = r.json()["detail"]
    assert isinstance(detail, str) and detail and "\n" not in detail
    return detail


def _ids(client, url: str) -> list[int]:
    r = client.get(url)
    assert r.status_code == 200, r.text
    return [f["id"] for f in r.json()["features"]]


def _links(body: dict) -> dict[str, dict]:
    return {link["rel"]: link for link in body["links"]}


# ------------------------------------------------------------------------------ structure
def test_landing_page_links(data, app, client):
    r = client.get("/ogc")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["title"] and body["description"]
    links = _links(body)
    assert {"self", "service-desc", "conformance", "data"} <= set(links)
    assert links["service-desc"]["type"] == "application/vnd.oai.openapi+json;version=3.0"
    assert links["service-desc"]["href"] == "http://testserver/openapi.json"
    assert links["conformance"]["href"] == "http://testserver/ogc/conformance"
    assert links["data"]["href"] == "http://testserver/ogc/collections"
    assert all(link["href"].startswith("http://testserver/") for link in body["links"])
    assert client.get("/ogc?f=json").status_code == 200
    assert "f=" in _one_line_400(client.get("/ogc?f=html"))


def test_conformance(client):
    r = client.get("/ogc/conformance")
    assert r.status_code == 200
    assert r.json()["conformsTo"] == CONFORMANCE
    assert {c.rsplit("/", 1)[1] for c in CONFORMANCE} == {"core", "geojson", "oas30"}


def test_collections_for_an_analyst(data, app, client):
    as_role(app, "analyst")
    body = client.get("/ogc/collections").json()
    assert _links(body)["self"]["href"] == "http://testserver/ogc/collections"
    ids = [c["id"] for c in body["collections"]]
    assert ids == ["incidents", "observations", "measures", "hotspots-dbscan", "hotspots-gistar"]
    for c in body["collections"]:
        links = _links(c)
        assert links["items"]["type"] == GEOJSON
        assert links["items"]["href"] == f"http://testserver/ogc/collections/{c['id']}/items"
        assert links["self"]["href"] == f"http://testserver/ogc/collections/{c['id']}"
        assert links["describedby"]["type"] == "application/schema+json"
        assert c["title"] and c["itemType"] == "feature"
        assert c["crs"] == ["http://www.opengis.net/def/crs/OGC/1.3/CRS84"]
    inc = body["collections"][0]
    [bbox] = inc["extent"]["spatial"]["bbox"]
    assert bbox == pytest.approx([13.5, 55.9, 13.6, 55.98])
    [[t0, t1]] = inc["extent"]["temporal"]["interval"]
    assert (t0, t1) == ("2026-09-30T22:00:00Z", "2026-11-21T07:00:00Z")
    one = client.get("/ogc/collections/incidents").json()
    assert one["id"] == "incidents" and one["extent"] == inc["extent"]


def test_roles_see_only_their_collections(data, app, client):
    as_role(app, "leadership")
    ids = [c["id"] for c in client.get("/ogc/collections").json()["collections"]]
    assert ids == ["observations", "measures", "hotspots-dbscan", "hotspots-gistar"]
    for url in (
        "/ogc/collections/incidents",
        "/ogc/collections/incidents/items",
        "/ogc/collections/incidents/items/1",
        "/ogc/collections/incidents/schema",
    ):
        _one_line_400(client.get(url), 403)
    as_role(app, None)  # anonymous: the public
    ids = [c["id"] for c in client.get("/ogc/collections").json()["collections"]]
    assert "incidents" not in ids and "observations" in ids
    r = client.get("/ogc/collections/incidents/items")
    _one_line_400(r, 401)
    assert r.headers["www-authenticate"].startswith("Bearer")
    as_role(app, "admin")
    assert client.get("/ogc/collections/incidents/items").status_code == 200


# ------------------------------------------------------------------------------ items
def test_items_page_through_with_next_and_prev(data, app, client):
    as_role(app, "analyst")
    r = client.get("/ogc/collections/incidents/items?limit=5")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(GEOJSON)
    body = r.json()
    assert body["type"] == "FeatureCollection"
    assert (body["numberMatched"], body["numberReturned"]) == (N_INCIDENTS, 5)
    assert ISO_Z.match(body["timeStamp"])
    links = _links(body)
    assert links["self"]["type"] == GEOJSON and "prev" not in links
    assert links["collection"]["href"] == "http://testserver/ogc/collections/incidents"
    seen = [f["id"] for f in body["features"]]
    pages = 1
    while "next" in links:
        assert links["next"]["type"] == GEOJSON
        body = client.get(links["next"]["href"]).json()
        links = _links(body)
        assert "prev" in links and body["numberMatched"] == N_INCIDENTS
        seen += [f["id"] for f in body["features"]]
        pages += 1
    assert pages == 4 and len(seen) == N_INCIDENTS == len(set(seen))
    assert seen == sorted(seen)
    # the last page's prev link goes back one page
    back = client.get(links["prev"]["href"]).json()
    assert [f["id"] for f in back["features"]] == seen[10:15]


def test_feature_properties_are_plain_json(data, app, client):
    as_role(app, "analyst")
    feats = client.get("/ogc/collections/incidents/items?limit=100").json()["features"]
    by_ext = {f["properties"]["external_id"]: f for f in feats}
    a0 = by_ext["A0"]
    assert a0["geometry"] == {"type": "Point", "coordinates": [13.5413, 55.9362]}
    p = a0["properties"]
    assert p["category"] == "skadegorelse" and p["category_label"] == "Skadegörelse"
    assert p["occurred_from"] == "2026-11-02T21:00:00Z" and p["occurred_to"] is None
    assert p["precision"] == "exact" and p["description"] == "Händelse 0"
    assert by_ext["C2"]["properties"]["occurred_to"] == "2026-10-02T22:00:00Z"
    assert by_ext["D0"]["geometry"] is None
    # every feature has the same properties (GDAL reads the fields off the first page)
    assert len({tuple(f["properties"]) for f in feats}) == 1
    one = client.get(f"/ogc/collections/incidents/items/{a0['id']}")
    assert one.status_code == 200 and one.headers["content-type"].startswith(GEOJSON)
    body = one.json()
    assert body["type"] == "Feature" and body["id"] == a0["id"]
    assert body["properties"] == p
    assert {"self", "collection"} <= set(_links(body))


def test_limit_default_and_cap(data, app, client):
    as_role(app, "analyst")
    body = client.get("/ogc/collections/incidents/items").json()
    assert body["numberReturned"] == N_INCIDENTS  # default 100
    crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    q = f"crs={crs84}&bbox-crs={crs84}&f=application/geo%2Bjson"
    assert client.get(f"/ogc/collections/incidents/items?{q}").status_code == 200
    body = client.get("/ogc/collections/incidents/items?limit=50000&offset=1").json()
    assert body["numberReturned"] == N_INCIDENTS - 1
    assert f"limit={MAX_LIMIT}" in _links(body)["prev"]["href"]
    body = client.get("/ogc/collections/incidents/items?limit=1&offset=99").json()
    assert (body["numberMatched"], body["numberReturned"]) == (N_INCIDENTS, 0)
    assert "next" not in _links(body)


@pytest.mark.parametrize(
    ("bbox", "expected"),
    [
        ("13.5405,55.9355,13.5425,55.9368", 10),  # cluster A
        ("13.5405,55.9355,0,13.5425,55.9368,100", 10),  # with heights
        ("13.559,55.944,13.561,55.946", 3),  # cluster B
        ("13.4,55.8,13.7,56.1", 16),  # all with a point (D0 has none)
        ("170,55.8,13.51,56.1", 1),  # across the antimeridian: lon >= 170 or <= 13.51
        ("0,0,1,1", 0),
    ],
)
def test_bbox_filter(data, app, client, bbox, expected):
    as_role(app, "analyst")
    body = client.get(f"/ogc/collections/incidents/items?bbox={bbox}").json()
    assert body["numberMatched"] == body["numberReturned"] == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-10T21:00:00Z", {"A8"}),  # an instant
        ("2026-11-10T22:00:00+01:00", {"A8"}),  # with an offset
        ("2026-11-10T22:00:00 01:00", {"A8"}),  # a "+" sent unescaped
        ("2026-11-05", {"A3", "B0", "B1", "B2"}),  # a date: the whole day (UTC)
        ("2026-10-02T00:00:00Z", {"C2"}),  # inside C2's window
        ("2026-11-19/2026-11-21", {"C0", "C1"}),  # closed interval of dates
        ("../2026-10-31T00:00:00Z", {"C2"}),
        ("9999-12-31", set()),
        (
            "0001-01-01/..",
            {
                "A0",
                "A1",
                "A2",
                "A3",
                "A4",
                "A5",
                "A6",
                "A7",
                "A8",
                "A9",
                "B0",
                "B1",
                "B2",
                "C0",
                "C1",
                "C2",
                "D0",
            },
        ),  # noqa: E501
        ("2026-11-11T00:00:00Z/..", {"A9", "D0", "C0", "C1"}),
        ("2026-11-11T00:00:00Z/", {"A9", "D0", "C0", "C1"}),
        ("2026-10-02T12:00:00Z/2026-11-02T21:00:00Z", {"C2", "A0"}),
    ],
)
def test_datetime_filter(data, app, client, value, expected):
    as_role(app, "analyst")
    from urllib.parse import quote

    q = quote(value, safe="/:") if "+" in value else value
    body = client.get(f"/ogc/collections/incidents/items?datetime={q}").json()
    assert {f["properties"]["external_id"] for f in body["features"]} == expected


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("bbox=1,2,3", "bbox"),
        ("bbox=a,b,c,d", "bbox"),
        ("bbox=13,95,14,96", "bbox"),
        ("bbox=13,56,14,55", "bbox"),
        ("bbox=13,55,14,nan", "bbox"),
        ("bbox-crs=EPSG:3006&bbox=1,2,3,4", "bbox-crs"),
        ("crs=http://www.opengis.net/def/crs/EPSG/0/3006", "crs="),
        ("datetime=yesterday", "datetime"),
        ("datetime=2026-11-05/2026-11-01", "datetime"),
        ("datetime=../..", "datetime"),
        ("datetime=2026-11-01/2026-11-02/2026-11-03", "datetime"),
        ("datetime=2026-02-30", "datetime"),
        ("datetime=0001-01-01T00:00:00%2B01:00", "datetime"),
        ("limit=0", "limit"),
        ("limit=-1", "limit"),
        ("limit=ten", "limit"),
        ("limit=1.5", "limit"),
        ("offset=-3", "offset"),
        ("sortby=id", "sortby"),
        ("limit=1&limit=2", "limit"),
        ("f=xml", "f="),
    ],
)
def test_bad_queries_are_400_naming_the_parameter(data, app, client, query, names):
    as_role(app, "analyst")
    for cid in ("incidents", "measures", "hotspots-dbscan"):
        detail = _one_line_400(client.get(f"/ogc/collections/{cid}/items?{query}"))
        assert names in detail


def test_not_found_is_404(data, app, client):
    as_role(app, "analyst")
    assert "incidents" in _one_line_400(client.get("/ogc/collections/nope"), 404)
    _one_line_400(client.get("/ogc/collections/nope/items"), 404)
    for fid in ("999999", "abc", "-1", "1.5"):
        _one_line_400(client.get(f"/ogc/collections/incidents/items/{fid}"), 404)
        _one_line_400(client.get(f"/ogc/collections/hotspots-dbscan/items/{fid}"), 404)
        _one_line_400(client.get(f"/ogc/collections/measures/items/{fid}"), 404)


# ------------------------------------------------------------------------------ collections
def test_observations_for_every_role_without_text_for_the_public(data, app, client):
    for role in ("field", "leadership", "analyst", None):
        as_role(app, role)
        body = client.get("/ogc/collections/observations/items").json()
        assert body["numberMatched"] == N_OBSERVATIONS
        props = body["features"][0]["properties"]
        assert props["status"] == "ny" and props["category"] in ("belysning", "klotter")
        assert ("description" in props) == (role is not None)
    as_role(app, None)
    schema = client.get("/ogc/collections/observations/schema").json()
    assert "description" not in schema["properties"]["properties"]["properties"]


def test_measures_as_polygons_with_filters(data, app, client):
    store = data
    store.add_measure(
        measure="belysning",
        title="Ny belysning",
        lon=13.5413,
        lat=55.9362,
        radius_m=100,
        starts_on=datetime(2026, 11, 1, tzinfo=UTC),
        ends_on=datetime(2026, 11, 30, tzinfo=UTC),
    )
    store.add_measure(
        measure="rojning",
        title="Röjning <script>",
        area_geojson={
            "type": "Polygon",
            "coordinates": [[[13.55, 55.94], [13.56, 55.94], [13.56, 55.95], [13.55, 55.94]]],
        },
    )
    store.add_measure(measure="belysning", title="Lampa", lon=13.60, lat=55.98)
    as_role(app, None)
    body = client.get("/ogc/collections/measures/items").json()
    assert body["numberMatched"] == 3
    circle, area, point = body["features"]
    assert circle["geometry"]["type"] == "Polygon"
    ring = circle["geometry"]["coordinates"][0]
    assert len(ring) == 65 and ring[0] == ring[-1]
    # the ring lies 100 m from the centre (1 degree of latitude is about 111 km)
    assert max(abs(y - 55.9362) for _, y in ring) == pytest.approx(100 / 111_300, rel=0.02)
    assert circle["properties"]["radius_m"] == 100.0
    assert circle["properties"]["lon"] == 13.5413
    assert circle["properties"]["starts_on"] == "2026-11-01T00:00:00Z"
    assert area["geometry"]["type"] == "Polygon"
    assert area["properties"]["title"] == "Röjning <script>"  # plain text, no HTML
    assert point["geometry"] == {"type": "Point", "coordinates": [13.6, 55.98]}

    def ids(query: str) -> list[int]:
        return _ids(client, f"/ogc/collections/measures/items?{query}")

    assert ids("bbox=13.555,55.945,13.557,55.946") == [area["id"]]
    assert ids("bbox=13.5405,55.9355,13.5425,55.9368") == [circle["id"]]
    # undated measures are open in time; the dated one only in November
    assert ids("datetime=2026-12-24") == [area["id"], point["id"]]
    assert ids("datetime=2026-11-24") == [circle["id"], area["id"], point["id"]]
    assert ids("limit=1&offset=1") == [area["id"]]


def _dbscan_run(store: Store, **params) -> int:
    from hotspots.detect.run import run_detection

    res = run_detection(
        store, method="dbscan", params={"eps": 60, "min_samples": 3, **params}, crs=3006
    )
    assert res.run_id is not None
    return res.run_id


def test_hotspot_layers_hide_small_counts_below_analyst(data, app, client):
    run = _dbscan_run(data)
    as_role(app, "analyst")
    body = client.get("/ogc/collections/hotspots-dbscan/items").json()
    assert body["numberMatched"] == 2
    big, small = sorted(body["features"], key=lambda f: -f["properties"]["n_points"])
    assert (big["properties"]["n_points"], small["properties"]["n_points"]) == (10, 3)
    assert big["properties"]["run_id"] == run
    assert '"vald_nara_relation": 2' in big["properties"]["categories"]
    assert "Våld i nära relation (2)" in big["properties"]["top_categories"]
    assert big["geometry"]["type"] == "Polygon"
    for role in ("leadership", "field", None):
        as_role(app, role)
        r = client.get("/ogc/collections/hotspots-dbscan/items")
        body = r.json()
        assert body["numberMatched"] == 1, role
        [only] = body["features"]
        assert only["id"] == big["id"] and only["properties"]["n_points"] == 10
        assert "vald_nara_relation" not in r.text and "Våld" not in r.text
        assert only["properties"]["top_categories"] == "Skadegörelse (8)"
        _one_line_400(client.get(f"/ogc/collections/hotspots-dbscan/items/{small['id']}"), 404)
        coll = client.get("/ogc/collections/hotspots-dbscan").json()
        assert "färre än 5 händelser (1 st)" in coll["description"]
    # a bbox and datetime select among the hotspots; the run covers all time
    as_role(app, "analyst")
    assert _ids(
        client, "/ogc/collections/hotspots-dbscan/items?bbox=13.559,55.944,13.561,55.946"
    ) == [small["id"]]  # noqa: E501
    assert len(_ids(client, "/ogc/collections/hotspots-dbscan/items?datetime=2026-11-05")) == 2


def test_latest_run_is_served(data, app, client):
    as_role(app, "analyst")
    body = client.get("/ogc/collections/hotspots-gistar/items").json()
    assert (body["numberMatched"], body["features"]) == (0, [])
    coll = client.get("/ogc/collections/hotspots-gistar").json()
    assert "extent" not in coll and "gistar" in coll["description"]
    _dbscan_run(data)
    newer = _dbscan_run(data, min_samples=5)  # cluster B no longer a cluster
    body = client.get("/ogc/collections/hotspots-dbscan/items").json()
    assert body["numberMatched"] == 1
    assert body["features"][0]["properties"]["run_id"] == newer


def test_a_run_for_a_sensitive_category_is_for_analysts_only(data, app, client):
    from hotspots.detect.run import run_detection

    first = _dbscan_run(data)
    run_detection(
        data,
        method="dbscan",
        params={"eps": 60, "min_samples": 2},
        categories=["vald_nara_relation"],
        crs=3006,
    )
    as_role(app, "analyst")
    body = client.get("/ogc/collections/hotspots-dbscan/items").json()
    assert body["features"][0]["properties"]["run_id"] == first + 1
    as_role(app, "leadership")
    r = client.get("/ogc/collections/hotspots-dbscan/items")
    assert r.json()["features"][0]["properties"]["run_id"] == first
    assert "vald_nara_relation" not in r.text


def test_schema_gives_types(data, app, client):
    _dbscan_run(data)
    as_role(app, "analyst")
    r = client.get("/ogc/collections/incidents/schema")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/schema+json")
    props = r.json()["properties"]["properties"]["properties"]
    assert props["occurred_to"] == {"type": "string", "format": "date-time"}
    assert props["outside_area"] == {"type": "boolean"}
    assert "id" not in props  # the feature's id; GDAL would list it twice
    props = client.get("/ogc/collections/hotspots-dbscan/schema").json()
    props = props["properties"]["properties"]["properties"]
    assert props["n_points"] == {"type": "integer"}
    assert props["area_km2"] == {"type": "number"}
    assert props["first"] == {"type": "string", "format": "date"}
    assert props["categories"] == {"type": "string"}


def test_openapi_lists_limit_with_its_maximum(client):
    spec = client.get("/openapi.json").json()
    params = spec["paths"]["/ogc/collections/{collection_id}/items"]["get"]["parameters"]
    by_name = {p["name"]: p for p in params}
    assert by_name["limit"]["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": MAX_LIMIT,
        "default": 100,
    }
    assert {"bbox", "datetime", "offset", "collection_id"} <= set(by_name)


def test_on_both_backends(store, tmp_path, app, client, monkeypatch):
    """The SQL filters (PostGIS: the GiST index on geom) give the same answers."""
    _build(store, tmp_path)
    monkeypatch.setenv(
        "HOTSPOTS_DATABASE_URL", store.engine.url.render_as_string(hide_password=False)
    )
    get_settings.cache_clear()
    as_role(app, "analyst")
    base = "/ogc/collections/incidents/items"
    assert client.get(base).json()["numberMatched"] == N_INCIDENTS
    assert client.get(f"{base}?bbox=13.5405,55.9355,13.5425,55.9368").json()["numberMatched"] == 10  # noqa: E501
    assert client.get(f"{base}?bbox=170,55.8,13.51,56.1").json()["numberMatched"] == 1
    assert client.get(f"{base}?datetime=2026-10-02T00:00:00Z").json()["numberMatched"] == 1
    assert client.get(f"{base}?datetime=../2026-11-05").json()["numberMatched"] == 8
    ext = client.get("/ogc/collections/incidents").json()["extent"]
    assert ext["temporal"]["interval"] == [["2026-09-30T22:00:00Z", "2026-11-21T07:00:00Z"]]
    assert client.get("/ogc/collections/observations/items?limit=2").json()["numberReturned"] == 2
