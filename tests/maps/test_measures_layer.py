"""Measures on the map: points, circles and areas coloured by status, escaped popups."""

from __future__ import annotations

import pandas as pd

from hotspots.catalogue import load_catalogue
from hotspots.domain import MeasureStatus
from maps.layers import MEASURE_COLOURS, measures_in_period, measures_layer

from .conftest import HOSTILE_NOTE, HOSTILE_TITLE, WEEK_END, WEEK_START, measures_frame


def _week_layer(lang="sv"):
    frame = measures_in_period(measures_frame(), start=WEEK_START, end=WEEK_END)
    return frame, measures_layer(frame, catalogue=load_catalogue(), lang=lang)


def _by_title(layer):
    return {f["properties"]["tooltip"].split(" (")[0]: f for f in layer.data["features"]}


def test_every_status_has_a_colour():
    assert list(MEASURE_COLOURS) == [s.value for s in MeasureStatus]


def test_period_filter():
    frame, _ = _week_layer()
    # 5 ended before the week, 6 decided after it; 8 ended during the week stays.
    assert sorted(frame["id"]) == [1, 2, 3, 4, 7, 8]


def test_points_circles_and_areas():
    _, layer = _week_layer()
    assert (layer.key, layer.kind, layer.count) == ("measures", "geojson", 5)
    features = _by_title(layer)
    camera = features["Kamera vid stationen"]
    assert camera["geometry"] == {"type": "Point", "coordinates": (13.542, 55.9366)}
    assert camera["properties"]["radius"] == 75.0
    assert camera["properties"]["style"]["color"] == MEASURE_COLOURS["pågående"]
    park = features["Röjning i parken"]
    assert park["geometry"]["type"] == "Polygon" and "radius" not in park["properties"]
    assert park["properties"]["style"]["fillColor"] == MEASURE_COLOURS["genomförd"]
    lamp = [f for f in layer.data["features"] if "alert(2)" in f["properties"]["tooltip"]][0]
    assert lamp["geometry"]["type"] == "Point" and "radius" not in lamp["properties"]
    (south, west), (north, east) = layer.bounds
    assert (south, west) == (55.93, 13.54) and north == 55.937 and east == 13.546


def test_popup_content():
    _, layer = _week_layer()
    popup = _by_title(layer)["Kamera vid stationen"]["properties"]["popup"]
    assert popup.startswith("<b>Kameraövervakning</b>")  # the catalogue's label
    for text in (
        "Rubrik",
        "Kamera vid stationen",
        "Status",
        "Pågående",
        "Beslutad",
        "2026-10-01",
        "Placerad/start",
        "2026-11-01",
        "Radie",
        "75 m",
        "Beskrivning",
        "Tillstånd sökt",
    ):
        assert text in popup, text
    park = _by_title(layer)["Röjning i parken"]["properties"]["popup"]
    assert "Röjning av vegetation" in park and "Slut" in park and "2026-10-01" in park


def test_hostile_title_and_description_are_text():
    _, layer = _week_layer()
    lamp = [f for f in layer.data["features"] if "alert(2)" in f["properties"]["tooltip"]][0]
    props = lamp["properties"]
    assert HOSTILE_TITLE not in props["popup"] and HOSTILE_NOTE not in props["popup"]
    assert "&lt;script&gt;alert(2)&lt;/script&gt; Belysning" in props["popup"]
    assert "&lt;img src=x onerror=alert(3)&gt;" in props["popup"]
    assert "<script" not in props["tooltip"] and "&lt;script&gt;" in props["tooltip"]


def test_legend_by_status_and_the_unplaced():
    _, layer = _week_layer()
    legend = layer.legend
    labels = ["Föreslagen", "Planerad", "Pågående", "Genomförd", "Avslutad"]
    positions = [legend.index(label) for label in labels]
    assert positions == sorted(positions)
    assert "1 åtgärd utan plats visas inte" in legend
    _, english = _week_layer("en")
    assert "In progress" in english.legend and "1 measure without a place" in english.legend
    assert english.name == "Measures"
    assert (
        "<b>Camera surveillance</b>"
        in _by_title(english)["Kamera vid stationen"]["properties"]["popup"]
    )


def test_odd_rows_do_not_break_the_layer():
    frame = pd.DataFrame(
        {
            "measure": ["okand", "belysning", "belysning"],
            "title": [None, "Trasig yta", "Sträng"],
            "status": ["okänd status", "planerad", "planerad"],
            "lon": [13.5, None, None],
            "lat": [55.9, None, None],
            "area_geojson": [
                None,
                {"type": "Polygon", "coordinates": "fel"},
                '{"type": "Point", "coordinates": [13.5, 55.95]}',
            ],
        }
    )
    layer = measures_layer(frame)
    assert layer.count == 2  # the broken area has no place left
    assert "okänd status" in layer.legend and "1 åtgärd utan plats" in layer.legend
    assert layer.data["features"][0]["properties"]["style"]["color"] == "#999999"


def test_empty_frame():
    layer = measures_layer(measures_frame().iloc[:0])
    assert layer.count == 0 and layer.bounds == []


def test_hotspot_layers_draws_the_stores_measures(week_layers):
    layer = week_layers.layer("measures")
    assert layer is not None and layer.count == 5
    assert sorted(week_layers.measures["id"]) == [1, 2, 3, 4, 7, 8]
    keys = [layer.key for layer in week_layers.layers]
    assert keys.index("measures") == len(keys) - 2  # under the boundary, over the rest
