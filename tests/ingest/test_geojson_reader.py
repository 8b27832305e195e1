"""The GeoJSON reader streams: chunks, header from the first features, errors in one line."""

from __future__ import annotations

import json

import pytest

from hotspots.errors import InputError
from hotspots.ingest import geojson_reader
from hotspots.ingest.geojson_reader import read_geojson


def _feature(i: int, **props) -> dict:
    return {
        "type": "Feature",
        "properties": {"id": f"g{i}", "datum": "2026-11-16", "kategori": "Klotter", **props},
        "geometry": {"type": "Point", "coordinates": [13.5 + i * 1e-5, 55.9]},
    }


def _write(tmp_path, doc, name="f.geojson", encoding="utf-8") -> object:
    path = tmp_path / name
    text = doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False, indent=1)
    path.write_text(text, encoding=encoding)
    return path


def test_features_come_in_chunks_with_their_positions(tmp_path):
    features = [_feature(i) for i in range(2500)]
    features[1700] = {"type": "Feature", "properties": {"id": "x"}, "geometry": {
        "type": "Polygon", "coordinates": [[[13.5, 55.9], [13.6, 55.9], [13.5, 56.0]]]}}
    features[2100] = 7  # not a feature
    path = _write(tmp_path, {"features": features, "type": "FeatureCollection"})  # type last
    info, chunks = read_geojson(path, chunk_rows=1000)
    frames = list(chunks)
    assert [len(f) for f in frames] == [1000, 1000, 498]
    lines = [int(v) for f in frames for v in f["line"]]
    assert lines == [p for p in range(1, 2501) if p not in (1701, 2101)]
    assert frames[0].loc[0, "lon"] == "13.5" and frames[0].loc[0, "lat"] == "55.9"
    assert [(e.line, e.field) for e in info.row_errors] == [(1701, "geometry"), (2101, None)]


def test_the_header_comes_from_the_first_features_and_the_crs_is_read(tmp_path):
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}},
        "features": [
            {"type": "Feature", "properties": {"id": 1, "datum": "2026-11-16", "typ": "Klotter",
                                               "beskrivning": "Tag på väggen"},
             "geometry": {"type": "Point", "coordinates": [406123.5, 6198456.25]}},
        ],
    }
    info, chunks = read_geojson(_write(tmp_path, doc))
    (frame,) = list(chunks)
    assert frame.loc[0, "x"] == "406123.5" and frame.loc[0, "y"] == "6198456.25"
    assert frame.loc[0, "description"] == "Tag på väggen"
    assert any("3006" in w for w in info.warnings)


def test_a_windows_1252_file_is_decoded(tmp_path):
    note = "Trasig lampa i gången vid ån"
    doc = {"type": "FeatureCollection", "features": [_feature(1, beskrivning=note)]}
    path = _write(tmp_path, doc, encoding="cp1252")
    info, chunks = read_geojson(path)
    assert info.encoding.lower().replace("-", "") in ("cp1252", "windows1252")
    assert list(chunks)[0].loc[0, "description"] == note


@pytest.mark.parametrize(
    ("doc", "needle"),
    [
        ({"type": "Feature", "properties": {}}, "FeatureCollection"),
        ({"type": "FeatureCollection", "features": {}}, "features"),
        ({"type": "FeatureCollection", "features": []}, "features"),
        ([1, 2], "FeatureCollection"),
    ],
)
def test_documents_that_are_no_collection_of_features(tmp_path, doc, needle):
    with pytest.raises(InputError, match=needle) as err:
        read_geojson(_write(tmp_path, doc))
    assert "\n" not in str(err.value)


def test_a_syntax_error_names_its_line(tmp_path):
    text = '{"type": "FeatureCollection",\n "features": [\n {"type": "Feature",, }\n]}'
    with pytest.raises(InputError, match="line 3|rad 3"):
        read_geojson(_write(tmp_path, text))


def test_a_syntax_error_late_in_a_large_file_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(geojson_reader, "_LINE_LOOKUP_BYTES", 0)  # as if the file were huge
    features = ",\n".join(json.dumps(_feature(i)) for i in range(1500))
    path = _write(tmp_path, '{"type": "FeatureCollection", "features": [' + features + ", ]}")
    info, chunks = read_geojson(path, chunk_rows=500)  # the first 1,000 features are fine
    with pytest.raises(InputError, match="JSON") as err:
        list(chunks)
    assert "\n" not in str(err.value) and str(path) in str(err.value)
