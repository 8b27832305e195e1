from __future__ import annotations

import json
import re

import numpy as np
import pytest

from hotspots.errors import InputError
from maps._png import encode_png
from maps.weekly import build_map, hotspot_map, write_map

from .conftest import END, EVIL, START


def _config(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def _layers(html: str) -> dict:
    return {layer["name"]: layer for layer in _config(html)["layers"]}


def test_layer_names_in_swedish(demo_html):
    assert list(_layers(demo_html)) == [
        "Täthet (kärnskattning)",
        "Täthet vecka för vecka",
        "Heta och kalla celler (Gi*)",
        "Hotspots (DBSCAN)",
        "Framväxande hotspots (vecka för vecka)",
        "Trygghetsvandringar: iakttagelser",
        "Kommungräns",
    ]
    assert '<html lang="sv">' in demo_html


def test_english_labels(demo_store):
    html = hotspot_map(demo_store, start=START, end=END, basemap="none", lang="en")
    assert "Hotspots (DBSCAN)" in _layers(html)
    assert "Safety walks: observations" in _layers(html)
    assert "incidents per km²" in html


def test_feature_counts(demo_html):
    layers = _layers(demo_html)
    obs = layers["Trygghetsvandringar: iakttagelser"]
    assert obs["kind"] == "markers"
    assert len(obs["data"]["points"]) == 319  # 318 demo observations + the injected one
    assert obs["data"]["cluster"] is True
    dbscan = layers["Hotspots (DBSCAN)"]["data"]["features"]
    assert 3 <= len(dbscan) <= 40
    assert all("Antal" in f["properties"]["popup"] for f in dbscan)
    gistar = layers["Heta och kalla celler (Gi*)"]["data"]["features"]
    assert len(gistar) > 0
    emerging = layers["Framväxande hotspots (vecka för vecka)"]["data"]["features"]
    assert emerging, "the demo's persistent station hotspot must show a pattern"
    assert all("punkt" in f["properties"]["tooltip"] for f in emerging)
    boundary = layers["Kommungräns"]["data"]["features"]
    assert [f["properties"]["tooltip"] for f in boundary] == ["Höör"]
    density = layers["Täthet (kärnskattning)"]["data"]
    assert density["url"].startswith("data:image/png;base64,")
    (south, west), (north, east) = density["bounds"]
    assert 55.8 < south < 55.95 < north < 56.1 and 13.4 < west < 13.55 < east < 13.7


def test_hostile_note_is_escaped(demo_html):
    assert EVIL not in demo_html
    assert "alert(1)" in demo_html
    popups = [
        p[4] for p in _layers(demo_html)["Trygghetsvandringar: iakttagelser"]["data"]["points"]
    ]
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in p for p in popups)
    # The JSON block cannot be closed from inside: no "<" in it at all.
    block = re.search(r'id="map-data">(.*?)</script>', demo_html, re.S).group(1)
    assert "<" not in block


def test_no_sensitive_points(demo_html):
    assert "vald_nara_relation" not in demo_html
    assert "Våld i nära relation" not in demo_html


def test_no_remote_scripts_or_styles(demo_html):
    assert not re.search(r"<script[^>]+src=", demo_html)
    assert not re.search(r"<link[^>]+href=", demo_html)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", demo_html)
    assert not re.search(r"@import", demo_html)
    assert _config(demo_html)["tiles"] is None


def test_basemap_choices():
    assert "tile.openstreetmap.org" in _config(build_map([], basemap="osm"))["tiles"]
    wmts = "https://maps.example.se/wmts/topowebb/default/3857/{TileMatrix}/{TileRow}/{TileCol}.png"
    assert _config(build_map([], basemap=wmts))["tiles"].endswith("/{z}/{y}/{x}.png")
    with pytest.raises(InputError):
        build_map([], basemap="file:///etc/passwd")
    with pytest.raises(InputError):
        build_map([], basemap="https://example.se/tiles.png")


def test_observations_aggregate_above_threshold(demo_store):
    from hotspots.catalogue import load_catalogue
    from maps.layers import observation_layer
    from maps.weekly import _observations

    pts = _observations(demo_store, start=START, end=END, bbox=None, crs=3006)
    layer = observation_layer(pts, catalogue=load_catalogue(), max_points=100)
    assert layer.kind == "geojson"
    total = sum(
        int(re.search(r"<td>(\d+)</td>", f["properties"]["popup"]).group(1))
        for f in layer.data["features"]
    )
    assert total == len(pts)


def test_png_writer_round_trip():
    zlib = pytest.importorskip("zlib")
    img = np.zeros((3, 2, 4), np.uint8)
    img[0, 0] = (255, 0, 0, 255)
    data = encode_png(img)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    idat = data[data.index(b"IDAT") + 4 : data.index(b"IEND") - 8]
    raw = np.frombuffer(zlib.decompress(idat), np.uint8).reshape(3, 1 + 2 * 4)
    assert raw[0, :5].tolist() == [0, 255, 0, 0, 255]


def test_write_map(tmp_path):
    path = write_map(tmp_path / "sub" / "map.html", "<html>å</html>")
    assert path.read_text("utf-8") == "<html>å</html>"
