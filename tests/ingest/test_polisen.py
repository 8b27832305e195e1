import gzip
import json
import shutil
from datetime import datetime

import pandas as pd
import pytest

from hotspots.catalogue import load_catalogue
from hotspots.errors import CatalogueError, InputError
from hotspots.ingest.polisen import parse_event_time, read_polisen
from hotspots.ingest.polisen_types import load_polisen_types
from hotspots.paths import DEFAULT_DATA_DIR
from hotspots.settings import get_settings


def event(ident=1, name="03 oktober 00:50, Misshandel, Höör", published="2022-10-03 6:42:47 +02:00",
          type_="Misshandel", summary="Man misshandlad.", location="Höör",
          gps="55.934859,13.53959", **extra):
    ev = {"id": ident, "datetime": published, "name": name, "summary": summary,
          "url": "/aktuellt/handelser/x/", "type": type_,
          "location": {"name": location, "gps": gps}}
    ev.update(extra)
    return ev


def read_all(path, **kw):
    info, chunks = read_polisen(path, data_dir=DEFAULT_DATA_DIR, **kw)
    frames = list(chunks)
    return info, (pd.concat(frames, ignore_index=True) if frames else pd.DataFrame())


def write_jsonl(tmp_path, events, name="events.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(e if isinstance(e, str) else json.dumps(e, ensure_ascii=False)
                              for e in events) + "\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------ time
@pytest.mark.parametrize(
    ("name", "published", "expected"),
    [
        ("03 oktober 00:50, Rån, Eslöv", "2022-10-03 6:42:47 +02:00", "2022-10-03T00:50:00+02:00"),
        ("22 augusti 17.59, Brand, Kävlinge", "2023-08-22 18:30:00 +02:00",
         "2023-08-22T17:59:00+02:00"),
        # across new year: year of the publication minus one
        ("31 december 23.40, Brand, Höör", "2024-01-01 0:30:00 +01:00",
         "2023-12-31T23:40:00+01:00"),
        ("31 december 23:40, Brand, Höör", "2023-12-31 23:55:00 +01:00",
         "2023-12-31T23:40:00+01:00"),
        # winter time vs summer time from zoneinfo, not from the publication offset
        ("26 oktober 01:15, Bråk, Höör", "2025-10-27 9:00:00 +01:00",
         "2025-10-26T01:15:00+02:00"),
        ("26 oktober 04:15, Bråk, Höör", "2025-10-26 9:00:00 +01:00",
         "2025-10-26T04:15:00+01:00"),
        # 29 February exists only in leap years
        ("29 februari 12:00, Stöld, Höör", "2024-03-01 8:00:00 +01:00",
         "2024-02-29T12:00:00+01:00"),
    ],
)
def test_event_time(name, published, expected):
    start, end, note = parse_event_time(name, published)
    assert start == expected
    assert end is None and note is None
    assert datetime.fromisoformat(start).tzinfo is not None


def test_event_time_date_without_time_is_a_day_window():
    start, end, note = parse_event_time("5 maj, Stöld, Höör", "2025-05-06 8:00:00 +02:00")
    assert (start, end) == ("2025-05-05T00:00:00+02:00", "2025-05-06T00:00:00+02:00")
    assert note is None


def test_event_time_falls_back_to_publication_with_note():
    start, end, note = parse_event_time("Trafikolycka, Höör", "2025-05-06 8:07:09 +02:00")
    assert start == "2025-05-06T08:07:09+02:00"
    assert "publiceringstid" in note
    assert parse_event_time("Trafikolycka, Höör", "igår") == (None, None, None)


def test_no_time_anywhere_is_a_row_error_not_dropped(tmp_path):
    path = write_jsonl(tmp_path, [event(1), event(2, name="Brand, Höör", published="okänd")])
    info, df = read_all(path)
    assert df.external_id.tolist() == ["1"]
    assert [(e.line, e.field) for e in info.row_errors] == [(2, "name")]


def test_fallback_time_is_noted_per_row(tmp_path):
    path = write_jsonl(tmp_path, [event(1, name="Brand, Höör")])
    info, df = read_all(path)
    assert df.occurred_from[0] == "2022-10-03T06:42:47+02:00"
    assert "publiceringstid" in df.note[0]
    assert any("publiceringstiden" in w for w in info.warnings)


# ------------------------------------------------------------------ type mapping
def test_mapping_file_is_valid_and_covers_decided_types():
    types = load_polisen_types(DEFAULT_DATA_DIR / "polisen_types.csv")
    expect = {
        "Skadegörelse": "skadegorelse", "Stöld/inbrott": "stold", "Inbrott": "inbrott_bostad",
        "Narkotikabrott": "narkotika", "Misshandel": "misshandel", "Rattfylleri": "trafik",
        "Trafikolycka, vilt": "trafik", "Brand": "brand", "Rån väpnat": "ran",
        "Ofredande/förargelse": "ordningsstorning", "Fylleri/LOB": "ordningsstorning",
        "Våld/hot mot tjänsteman": "misshandel", "Sammanfattning natt": "ovrigt",
        "Sammanfattning kväll och natt": "ovrigt", "Bedrägeri": "ovrigt",
        "Kontroll person/fordon": "ovrigt", "Våldtäkt, försök": "sexualbrott",
        "Skottlossning": "vapen",
        # the API writes this one with a trailing blank
        "Lagen om hundar och katter ": "ovrigt",
    }
    for raw, code in expect.items():
        cat, how = types.resolve(raw)
        assert (cat.code, how) == (code, "mapping"), raw


def test_unknown_type_goes_through_catalogue_then_fallback():
    types = load_polisen_types(DEFAULT_DATA_DIR / "polisen_types.csv")
    assert types.resolve("Bilstöld")[0].code == "inbrott_bil"
    assert types.resolve("Bilstöld")[1] == "catalogue"
    cat, how = types.resolve("Helt ny händelsetyp")
    assert (cat.code, how) == ("ovrigt", "fallback")
    assert types.resolve(None)[0].code == "ovrigt"


@pytest.mark.shared_data
def test_mapping_covers_every_type_of_the_national_file(shared_data):
    src = shared_data / "polisen_events" / "sweden_events_all_2022-09_2026-08.jsonl.gz"
    types = load_polisen_types(DEFAULT_DATA_DIR / "polisen_types.csv")
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        seen = {json.loads(line)["type"] for line in fh}
    assert len(seen) > 90
    assert {t for t in seen if types.resolve(t)[1] != "mapping"} == set()


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ("type,category\nBrand,brand\nSkadegörelse,vandalism_xx\n", 3, "vandalism_xx"),
        ("type,category\nBrand,brand\nBrand,trafik\n", 3, "redan mappad"),
        ("type,category\nBrand\n", 2, "två ifyllda"),
        ("typ,kategori\nBrand,brand\n", 1, "rubrikraden"),
        ("type,category\nBrand,klotter\n", 2, "observation"),
    ],
)
def test_invalid_mapping_names_the_line(tmp_path, content, line, words):
    path = tmp_path / "polisen_types.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogueError, match=rf"rad {line}\b.*{words}|{words}.*rad {line}\b"):
        load_polisen_types(path, catalogue=load_catalogue(DEFAULT_DATA_DIR / "categories.toml"))


def test_invalid_mapping_in_english(tmp_path, monkeypatch):
    monkeypatch.setenv("HOTSPOTS_LANGUAGE", "en")
    get_settings.cache_clear()
    path = tmp_path / "polisen_types.csv"
    path.write_text("type,category\nBrand,brand\nBrand,trafik\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="line 3: type 'Brand' already mapped on line 2"):
        load_polisen_types(path, catalogue=load_catalogue(DEFAULT_DATA_DIR / "categories.toml"))


def test_reader_refuses_an_invalid_mapping(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data_dir, ignore=shutil.ignore_patterns("demo"))
    (data_dir / "polisen_types.csv").write_text("type,category\nBrand,eld\n", encoding="utf-8")
    path = write_jsonl(tmp_path, [event()])
    with pytest.raises(CatalogueError, match="rad 2"):
        read_polisen(path, data_dir=data_dir)


# ------------------------------------------------------------------ formats and errors
def test_json_array_and_jsonl_give_the_same_rows(tmp_path):
    events = [event(i, name=f"0{i} oktober 1{i}:0{i}, Skadegörelse, Höör", type_="Skadegörelse")
              for i in range(1, 6)]
    arr = tmp_path / "events.json"
    arr.write_text(json.dumps(events, ensure_ascii=False, indent=1), encoding="utf-8")
    jsonl = write_jsonl(tmp_path, events)
    gz = tmp_path / "events.jsonl.gz"
    gz.write_bytes(gzip.compress(jsonl.read_bytes()))
    info_a, a = read_all(arr, chunk_rows=2)
    info_l, b = read_all(jsonl, chunk_rows=2)
    _, c = read_all(gz)
    assert info_a.format == "polisen-json" and info_l.format == "polisen-jsonl"
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a, c)
    assert a.line.tolist() == [1, 2, 3, 4, 5]
    assert a.category.unique().tolist() == ["skadegorelse"]
    assert a.raw_category.unique().tolist() == ["Skadegörelse"]
    assert a.occurred_from[0] == "2022-10-01T11:01:00+02:00"


def test_byte_order_mark_is_accepted(tmp_path):
    path = write_jsonl(tmp_path, [event(1), event(2)])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    info, df = read_all(path)
    assert df.external_id.tolist() == ["1", "2"] and info.row_errors == []


def test_chunks_hold_text_columns_as_str_or_none(tmp_path):
    path = write_jsonl(tmp_path, [event(7)])
    info, chunks = read_polisen(path, data_dir=DEFAULT_DATA_DIR, chunk_rows=1)
    df = next(chunks)
    assert df.line.dtype == "int64"
    for col in df.columns.drop("line"):
        assert df[col].dtype == object, col
        assert all(v is None or isinstance(v, str) for v in df[col]), col
    row = df.iloc[0]
    assert (row.external_id, row.municipality, row.lat, row.lon, row.precision) == (
        "7", "Höör", "55.934859", "13.53959", "municipality")


def test_malformed_lines_are_reported_with_line_numbers(tmp_path):
    lines = [event(1), '{"id": 2, "name": ', "", "[1, 2]", {"name": "x"}, event(6)]
    path = write_jsonl(tmp_path, lines)
    info, df = read_all(path)
    assert df.line.tolist() == [1, 6]
    errors = {e.line: e for e in info.row_errors}
    assert sorted(errors) == [2, 4, 5]
    assert "JSON" in errors[2].reason and errors[2].value.startswith('{"id": 2')
    assert "objekt" in errors[4].reason
    assert errors[5].field == "id"
    # nothing silently dropped: every non-blank line is a row or an error
    assert len(df) + len(info.row_errors) == 5


def test_non_objects_in_an_array_are_row_errors_by_position(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([event(1), "text", event(3)]), encoding="utf-8")
    info, df = read_all(path)
    assert df.line.tolist() == [1, 3]
    assert [e.line for e in info.row_errors] == [2]


@pytest.mark.parametrize(
    "content", [b"", b"   \n", b"\x00\x01\x02binary", b"id;datum\n1;2\n", b"[]", b"[1, 2"]
)
def test_whole_file_problems_raise_input_error(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(InputError):
        read_polisen(path, data_dir=DEFAULT_DATA_DIR)


# ------------------------------------------------------------------ location
def test_description_joins_summary_preamble_and_body(tmp_path):
    path = write_jsonl(tmp_path, [
        event(1, summary="Dieselstöld, Svalöv", html_preamble="Dieselstöld, Svalöv",
              html_body="Två personer ses med dunkar.\nBåda grips."),
        event(2, html_preamble=None, html_body=None),
    ])
    _, df = read_all(path)
    assert df.description[0] == "Dieselstöld, Svalöv\nTvå personer ses med dunkar.\nBåda grips."
    assert df.description[1] == "Man misshandlad."


def test_county_events_take_the_kommun_from_the_title_or_fail_honestly(tmp_path):
    path = write_jsonl(tmp_path, [
        event(1, name="03 oktober 00:50, Trafikolycka, Höör", location="Skåne län",
              gps="55.990257,13.595769", summary="Olycka på vägen.", type_="Trafikolycka"),
        event(2, name="03 oktober 00:50, Sammanfattning natt, Skåne län", location="Skåne län",
              gps="55.990257,13.595769", summary="Lugn natt.", type_="Sammanfattning natt"),
        event(3, location="Östra göinge", gps="56.0,14.0"),
    ])
    info, df = read_all(path)
    first, second, third = df.to_dict("records")
    assert first["municipality"] == "Höör" and first["precision"] == "municipality"
    assert (first["lat"], first["lon"]) != ("55.990257", "13.595769")  # not the county point
    assert 55.8 < float(first["lat"]) < 56.1 and 13.3 < float(first["lon"]) < 13.7
    assert second["municipality"] == "Skåne län" and second["precision"] == "failed"
    assert second["lat"] is None and second["lon"] is None and "län" in second["reason"]
    assert second["category"] == "ovrigt" and "sammanfattning" in second["note"]
    assert third["municipality"] == "Östra Göinge"
    assert any("län" in w for w in info.warnings)


def test_named_village_gives_locality_precision(tmp_path):
    pytest.importorskip("hotspots.geocode.localities")
    path = write_jsonl(tmp_path, [
        event(1, summary="Inbrott i villa.", html_body="Polis åker till en villa i Tjörnarp."),
        event(2, summary="Bilbrand, Höör."),  # the kommun as a label, not the town
        event(3, summary="Bråk i centrala Höör."),
        event(4, type_="Sammanfattning natt", summary="Inbrott i Tjörnarp. Bråk i Höör."),
        event(5, summary="Brand i Tjörnarp.", location="Skåne län", gps="55.99,13.59",
              name="03 oktober 00:50, Brand, Höör"),
    ])
    _, df = read_all(path)
    rows = df.set_index("external_id")
    tjornarp = rows.loc["1"]
    assert (tjornarp.place, tjornarp.precision, tjornarp.municipality) == (
        "Tjörnarp", "locality", "Höör")
    assert 55.95 < float(tjornarp.lat) < 56.05 and 13.6 < float(tjornarp.lon) < 13.7
    assert "Tjörnarp" in tjornarp.reason
    label = rows.loc["2"]
    assert (label.place, label.precision, label.lat) == (None, "municipality", "55.934859")
    assert "kommunen" in label.reason
    assert (rows.loc["3"].place, rows.loc["3"].precision) == ("Höör", "locality")
    summary = rows.loc["4"]
    assert (summary.place, summary.precision) == (None, "municipality")
    assert (rows.loc["5"].place, rows.loc["5"].municipality) == ("Tjörnarp", "Höör")


# ------------------------------------------------------------------ real data
@pytest.mark.shared_data
def test_real_skane_file(tmp_path, shared_data):
    src = shared_data / "polisen_events" / "skane_events_2022-09_2026-08.json"
    info, chunks = read_polisen(src, data_dir=DEFAULT_DATA_DIR, chunk_rows=3000)
    frames = list(chunks)
    assert len(frames) == 4
    df = pd.concat(frames, ignore_index=True)
    assert len(df) + len(info.row_errors) == 10_005
    assert info.row_errors == []
    catalogue = load_catalogue(DEFAULT_DATA_DIR / "categories.toml")
    assert set(df.category) <= set(catalogue.codes("incident"))
    times = pd.to_datetime(df.occurred_from, format="ISO8601", utc=True)
    assert times.notna().all()
    assert times.min() >= pd.Timestamp("2022-09-01", tz="UTC")
    assert times.max() <= pd.Timestamp("2026-08-23", tz="UTC")
    assert set(df.precision) <= {"municipality", "locality", "failed"}
    assert df.external_id.is_unique


def test_demo_files_read():
    for name, rows in [("polisen_events_4_kommuner.json", 706),
                       ("polisen_events_4_kommuner_with_body.jsonl", 842)]:
        info, df = read_all(DEFAULT_DATA_DIR / "demo" / name)
        assert len(df) == rows and info.row_errors == []
        assert set(df.municipality) <= {"Höör", "Eslöv", "Hässleholm", "Svalöv", "Skåne län"}


def test_reasons_notes_and_warnings_in_english(tmp_path, monkeypatch):
    monkeypatch.setenv("HOTSPOTS_LANGUAGE", "en")
    get_settings.cache_clear()
    path = write_jsonl(tmp_path, [
        event(1, name="Brand, Höör"),
        event(2, name="03 oktober 00:50, Sammanfattning natt, Skåne län", location="Skåne län",
              gps="55.990257,13.595769", summary="Lugn natt.", type_="Sammanfattning natt"),
        event(3, summary="Bilbrand, Höör."),
    ])
    info, df = read_all(path)
    first, second, third = df.to_dict("records")
    assert first["note"] == "no time in the title: the publication time is used"
    assert second["reason"] == (
        "polisen.se gives only the county (Skåne län): no kommun to place the event in"
    )
    assert second["note"] == "summary of several events"
    assert third["reason"] == (
        "Höör is named but may mean the kommun, not the town: the kommun's centre point"
    )
    assert info.warnings[0].startswith("polisen.se gives the centre point of the kommun")
    assert "1 event gives only a county: precision 'failed', without coordinates" in info.warnings
