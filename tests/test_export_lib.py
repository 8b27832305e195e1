"""hotspots.export: the library behind the API's and the CLI's exports."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from hotspots.errors import InputError
from hotspots.export import check_crs, export_layer, layer_frame, render
from hotspots.export.csv import csv_bytes, neutralise, write_csv
from hotspots.export.geojson import feature_collection, geojson_bytes, json_value
from hotspots.export.gpkg import to_geodataframe, write_gpkg

FRAME = pd.DataFrame(
    {
        "id": [1, 2, 3],
        "category": ["skadegorelse", "narkotika", "klotter"],
        "description": ["=1+1", "vanlig text", None],
        "occurred_from": pd.to_datetime(
            ["2026-03-02 21:15", "2026-07-01 10:00", "2026-03-03 00:30"], utc=True
        ),
        "occurred_to": pd.to_datetime([None, None, None], utc=True),
        "severity": pd.array([2, None, 1], dtype="Int64"),
        "outside_area": [False, True, False],
        "lon": [13.541312345678, 13.5, np.nan],
        "lat": [55.936212345678, 55.9, np.nan],
    }
)


# ---------------------------------------------------------------------------- CSV
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Storgatan 1", "Storgatan 1"),
        ("a=1", "a=1"),
        ("", ""),
    ],
)
def test_neutralise(text, expected):
    assert neutralise(text) == expected


def test_csv_is_utf8_with_bom_local_times_and_safe_cells():
    data = csv_bytes(FRAME, tz="Europe/Stockholm")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == (
        "id,category,description,occurred_from,occurred_to,severity,outside_area,lon,lat"
    )
    assert lines[1] == (
        "1,skadegorelse,'=1+1,2026-03-02 22:15:00+01:00,,2,false,13.5413123,55.9362123"
    )
    assert lines[2].split(",")[3] == "2026-07-01 12:00:00+02:00"  # summer time
    assert lines[3] == "3,klotter,,2026-03-03 01:30:00+01:00,,1,false,,"


def test_csv_with_a_projected_crs_adds_metres():
    from pyproj import Transformer

    buf = io.StringIO()
    write_csv(FRAME, buf, crs=3008, delimiter=";")
    header, first, _, last = buf.getvalue().split("\r\n")[:4]
    cols = header.split(";")
    assert cols[-4:] == ["lon", "lat", "x_epsg3008", "y_epsg3008"]
    x, y = Transformer.from_crs(4326, 3008, always_xy=True).transform(
        13.541312345678, 55.936212345678
    )
    values = dict(zip(cols, first.split(";"), strict=True))
    assert float(values["x_epsg3008"]) == pytest.approx(x, abs=0.01)
    assert float(values["y_epsg3008"]) == pytest.approx(y, abs=0.01)
    assert last.split(";")[-2:] == ["", ""]


def test_csv_writes_areas_as_json():
    df = pd.DataFrame(
        {"id": [1], "lon": [np.nan], "lat": [np.nan], "area_geojson": [{"type": "Polygon"}]}
    )
    text = csv_bytes(df).decode("utf-8-sig")
    assert '"{""type"": ""Polygon""}"' in text


# ---------------------------------------------------------------------------- GeoJSON
def test_feature_collection_is_rfc7946():
    fc = feature_collection(FRAME)
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    first, _, third = fc["features"]
    assert first["id"] == 1
    assert first["geometry"] == {"type": "Point", "coordinates": [13.5413123, 55.9362123]}
    assert "lon" not in first["properties"] and "lat" not in first["properties"]
    assert first["properties"]["occurred_from"] == "2026-03-02T21:15:00Z"
    assert first["properties"]["occurred_to"] is None
    assert first["properties"]["severity"] == 2 and first["properties"]["outside_area"] is False
    assert third["geometry"] is None
    # valid JSON (no NaN) that geopandas reads back
    text = geojson_bytes(FRAME).decode()
    assert "NaN" not in text
    back = gpd.read_file(io.StringIO(text))
    assert len(back) == 3 and back.crs.to_epsg() == 4326


def test_areas_become_the_geometry():
    area = {
        "type": "Polygon",
        "coordinates": [[[13.0, 55.0], [13.123456789, 55.0], [13.0, 55.1], [13.0, 55.0]]],
    }
    df = pd.DataFrame(
        {"id": [1, 2], "lon": [13.5, 13.6], "lat": [55.9, 55.8], "area_geojson": [area, None]}
    )
    fc = feature_collection(df)
    assert fc["features"][0]["geometry"]["type"] == "Polygon"
    assert fc["features"][0]["geometry"]["coordinates"][0][1] == [13.1234568, 55.0]
    assert fc["features"][0]["properties"]["lon"] == 13.5  # the point is kept as data
    assert fc["features"][1]["geometry"]["type"] == "Point"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (pd.NaT, None),
        (np.nan, None),
        (np.int64(3), 3),
        (np.float32(1.5), 1.5),
        (np.bool_(True), True),
        (pd.NA, None),
        (datetime(2026, 3, 2, 21, 15, tzinfo=UTC), "2026-03-02T21:15:00Z"),
        (float("inf"), None),
    ],
)
def test_json_values(value, expected):
    assert json_value(value) == expected


# ---------------------------------------------------------------------------- GeoPackage
@pytest.mark.parametrize("crs", [3006, 3008, 4326])
def test_gpkg_round_trip(tmp_path, crs):
    path = tmp_path / "x.gpkg"
    write_gpkg(FRAME, path, layer="incidents", crs=crs)
    back = gpd.read_file(path, layer="incidents")
    assert back.crs.to_epsg() == crs and len(back) == 3
    expected = to_geodataframe(FRAME, crs=crs)
    assert back.geometry.iloc[0].x == pytest.approx(expected.geometry.iloc[0].x, abs=1e-6)
    assert back.geometry.iloc[2] is None or back.geometry.iloc[2].is_empty
    assert list(back["severity"].iloc[:1]) == [2]
    assert back["occurred_from"].iloc[0] == pd.Timestamp("2026-03-02 21:15", tz="UTC")


# ---------------------------------------------------------------------------- choosing
def test_check_crs():
    assert check_crs("gpkg", None) == 3006
    assert check_crs("csv", None) == 4326
    assert check_crs("geojson", None) == 4326
    assert check_crs("gpkg", 3008) == 3008
    with pytest.raises(InputError, match="RFC 7946"):
        check_crs("geojson", 3006)
    with pytest.raises(InputError, match="3021"):
        check_crs("gpkg", 3021)
    with pytest.raises(InputError, match="xlsx"):
        check_crs("xlsx", None)
    with pytest.raises(InputError, match="people"):
        layer_frame(None, "people")


CSV = """id;datum;tid;kategori;beskrivning;lat;lon
A1;2026-03-02;22:15;Skadegörelse;=1+1;55,9362;13,5413
A2;2026-03-03;01:30;Våld i nära relation;känslig;55,9365;13,5430
A3;2026-03-10;23:10;Buskörning;Mopeder;55,9370;13,5420
"""


def test_export_layer_from_a_store(sqlite_store, tmp_path):
    from hotspots.catalogue import load_catalogue
    from hotspots.ingest.pipeline import import_file

    path = tmp_path / "brott.csv"
    path.write_text(CSV, encoding="utf-8")
    import_file(path, store=sqlite_store)
    sensitive = load_catalogue().sensitive_codes()

    everything = layer_frame(sqlite_store, "incidents")
    assert len(everything) == 3 and set(everything["category"]) & sensitive
    safe = layer_frame(sqlite_store, "incidents", include_sensitive=False)
    assert len(safe) == 2 and not set(safe["category"]) & sensitive

    data, n = export_layer(sqlite_store, "incidents", "geojson", include_sensitive=False)
    assert n == 2 and len(json.loads(data)["features"]) == 2
    data, n = export_layer(
        sqlite_store,
        "incidents",
        "csv",
        start=datetime(2026, 3, 5, tzinfo=UTC),
        categories=["buskorning"],
    )
    assert n == 1 and b"Mopeder" in data
    assert render(everything, "incidents", "gpkg", crs=3008)[:16] == b"SQLite format 3\x00"


def test_measures_in_effect_in_a_window(sqlite_store):
    def add(title, starts=None, ends=None):
        sqlite_store.add_measure(
            measure="belysning", title=title, lon=13.5, lat=55.9, starts_on=starts, ends_on=ends
        )

    add("utan datum")
    add("tidig", datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC))
    add("pågår", datetime(2026, 2, 15, tzinfo=UTC))
    add("sen", datetime(2026, 6, 1, tzinfo=UTC))
    df = layer_frame(
        sqlite_store,
        "measures",
        start=datetime(2026, 3, 1, tzinfo=UTC),
        end=datetime(2026, 4, 1, tzinfo=UTC),
    )
    assert sorted(df["title"]) == ["pågår", "utan datum"]
    assert len(layer_frame(sqlite_store, "measures", categories=["kamera"])) == 0
