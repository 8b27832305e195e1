"""The map as parts of a longer page: ``map_parts`` and the full page built from it."""

from __future__ import annotations

import json
import re

import pytest

from maps.layers import boundary_layer
from maps.weekly import build_map, map_parts


def _layers():
    from shapely.geometry import box

    return [boundary_layer({"Höör": box(13.4, 55.8, 13.7, 56.0)})]


def test_map_parts_with_a_custom_element_id():
    css, body = map_parts(_layers(), element_id="veckokarta", title="Vecka 47 <b>")
    assert body.startswith('<div id="veckokarta" class="hs-map"></div>')
    data = re.search(
        r'<script type="application/json" id="veckokarta-data">(.*?)</script>', body, re.S
    )
    config = json.loads(data.group(1))
    assert config["title"] == "Vecka 47 &lt;b&gt;"
    assert [layer["name"] for layer in config["layers"]] == ["Kommungräns"]
    assert body.rstrip().endswith('})("veckokarta");\n</script>'.rstrip())
    assert 'getElementById(elementId + "-data")' in body
    assert "data-hs-ready" in body
    # The parts carry no page: no <html>, <head> or <style>, and no full-screen rule.
    assert not re.search(r"<(html|head|body|style)\b", body)
    assert ".leaflet-container" in css and ".hs-map" in css
    assert "inset: 0" not in css and "height: 100%" not in css and "html" not in css


def test_two_maps_can_share_a_page():
    parts = [map_parts(_layers(), element_id=i)[1] for i in ("karta-a", "karta-b")]
    assert 'id="karta-a-data"' in parts[0] and 'id="karta-b-data"' in parts[1]
    assert "karta-b" not in parts[0]


def test_the_full_page_fills_the_window():
    html = build_map(_layers(), title="T")
    css, body = map_parts(_layers(), title="T")
    assert body in html and css in html
    assert re.search(r"\.hs-map \{ position: absolute; inset: 0;", html)
    assert "html, body { margin: 0; height: 100%;" in html


@pytest.mark.parametrize("bad", ["", "1map", 'x"><script>', "a b", None])
def test_element_id_must_be_plain(bad):
    with pytest.raises(ValueError):
        map_parts([], element_id=bad)
