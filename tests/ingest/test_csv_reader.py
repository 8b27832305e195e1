from __future__ import annotations

import gzip
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from hotspots.errors import InputError
from hotspots.ingest.csv_reader import detect_delimiter, read_csv
from hotspots.ingest.dates import parse_when
from hotspots.ingest.numbers import parse_decimal
from hotspots.ingest.raw import CANONICAL_FIELDS
from hotspots.settings import get_settings


def shared_file(shared_data: Path, relative: str) -> Path:
    """A file under ../shared/data (the ``shared_data`` fixture skips if it is absent)."""
    path = shared_data / relative
    if not path.exists():
        pytest.skip(f"../shared/data not present: {path} is missing")
    return path


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read_all(path: Path, **kw) -> tuple:
    info, chunks = read_csv(path, **kw)
    frames = list(chunks)
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return info, frame, frames


def assert_raw_contract(frame: pd.DataFrame) -> None:
    assert frame["line"].dtype == np.int64
    for column in frame.columns.drop("line"):
        assert column in CANONICAL_FIELDS
        assert frame[column].dtype == object
        assert all(v is None or isinstance(v, str) for v in frame[column])


def test_utf8_comma(tmp_path):
    p = write(tmp_path, "a.csv", "datum,plats,kategori\n2026-01-01,Höör,Klotter\n"
              "2026-01-02,Eslöv,\n".encode())
    info, frame, _ = read_all(p)
    assert (info.format, info.encoding, info.delimiter) == ("csv", "utf-8", ",")
    assert info.columns == {"date": "datum", "place": "plats", "category": "kategori"}
    assert frame.to_dict("records") == [
        {"line": 2, "date": "2026-01-01", "place": "Höör", "category": "Klotter"},
        {"line": 3, "date": "2026-01-02", "place": "Eslöv", "category": None},
    ]
    assert_raw_contract(frame)


def test_utf8_bom_semicolon_decimal_comma(tmp_path):
    p = write(tmp_path, "a.csv", "\ufeffDatum;Latitud;Longitud\n2026-01-01;55,93;13,54\n"
              .encode())
    info, frame, _ = read_all(p)
    assert info.encoding == "utf-8-sig" and info.delimiter == ";"
    assert info.columns == {"date": "Datum", "lat": "Latitud", "lon": "Longitud"}
    assert frame["lat"].tolist() == ["55,93"]  # raw text; parsing is numbers.py's job
    assert any("decimalkomma" in w for w in info.warnings)
    nums, bad = parse_decimal(frame["lat"])
    assert nums.iloc[0] == pytest.approx(55.93) and not bad.any()


def test_cp1252_with_swedish_letters(tmp_path):
    p = write(tmp_path, "a.csv", "Datum;Adress;Beskrivning\n2026-01-01;Storgatan 1, Höör;"
              "Skadegörelse på förråd\n".encode("cp1252"))
    info, frame, _ = read_all(p)
    assert info.encoding == "cp1252"
    assert frame["address"].iloc[0] == "Storgatan 1, Höör"
    assert frame["description"].iloc[0] == "Skadegörelse på förråd"
    assert any("Windows-1252" in w for w in info.warnings)


def test_tab_delimited(tmp_path):
    p = write(tmp_path, "a.tsv", b"datum\tadress\tkommentar\n2026-01-01\tGata 1, Lund\ta;b\n")
    info, frame, _ = read_all(p)
    assert info.delimiter == "\t"
    assert frame["address"].iloc[0] == "Gata 1, Lund"


def test_excel_sep_line(tmp_path):
    p = write(tmp_path, "a.csv", b"sep=;\r\ndatum;plats\r\n2026-01-01;Lund\r\n")
    info, frame, _ = read_all(p)
    assert info.delimiter == ";"
    assert frame.to_dict("records") == [{"line": 3, "date": "2026-01-01", "place": "Lund"}]


def test_gzip(tmp_path):
    body = "datum,plats\n" + "".join(f"2026-01-{d:02d},Lund\n" for d in range(1, 29))
    p = write(tmp_path, "a.csv.gz", gzip.compress(body.encode()))
    _, frame, frames = read_all(p, chunk_rows=10)
    assert len(frame) == 28 and [len(f) for f in frames] == [10, 10, 8]
    assert frame["line"].tolist() == list(range(2, 30))


def test_header_only(tmp_path):
    p = write(tmp_path, "only.csv", b"datum,plats\n")
    with pytest.raises(InputError, match="only.csv: har en rubrikrad men inga datarader"):
        read_csv(p)
    p = write(tmp_path, "blank.csv", b"datum,plats\n\n\n")
    with pytest.raises(InputError, match="inga datarader"):
        read_csv(p)


def test_empty_and_binary(tmp_path):
    with pytest.raises(InputError, match="e.csv: filen är tom"):
        read_csv(write(tmp_path, "e.csv", b""))
    with pytest.raises(InputError, match=r"p.csv: ser ut som en binär fil \(PNG-bild\)"):
        read_csv(write(tmp_path, "p.csv", b"\x89PNG\r\n\x1a\n" + bytes(200)))


def test_messages_in_english(tmp_path, monkeypatch):
    monkeypatch.setenv("HOTSPOTS_LANGUAGE", "en")
    get_settings.cache_clear()
    with pytest.raises(InputError, match="e.csv: the file is empty"):
        read_csv(write(tmp_path, "e.csv", b""))
    with pytest.raises(InputError, match="only.csv: has a header but no data rows"):
        read_csv(write(tmp_path, "only.csv", b"datum,plats\n"))
    info, _, _ = read_all(write(tmp_path, "r.csv", b"datum,plats\n2026-01-01\n2026-01-02,a,b\n"))
    assert [e.reason for e in info.row_errors] == [
        "has 1 field, fewer than the header's 2 (a ',' inside a value without quotes?)",
        "has 3 fields, more than the header's 2 (a ',' inside a value without quotes?)",
    ]


def test_missing_required_column(tmp_path):
    p = write(tmp_path, "a.csv", b"Namn,Plats\nx,Lund\n")
    with pytest.raises(InputError) as err:
        read_csv(p)
    message = str(err.value)
    assert "a.csv" in message and "datumkolumn" in message and "--map" in message
    assert "'Namn', 'Plats'" in message


def test_column_map(tmp_path):
    p = write(tmp_path, "a.csv", "Händelsedatum;Typ av händelse;Gata\n2026-01-01;Brand;"
              "Storgatan 1\n".encode())
    info, frame, _ = read_all(p, column_map={"datum": "Händelsedatum", "adress": "Gata"})
    assert info.columns == {"date": "Händelsedatum", "category": "Typ av händelse",
                            "address": "Gata"}
    with pytest.raises(InputError, match="'Gatan', som inte finns i filen"):
        read_csv(p, column_map={"adress": "Gatan"})


def test_ragged_rows_are_reported_not_dropped_silently(tmp_path):
    p = write(tmp_path, "r.csv", b"datum,lat,lon,kategori\n"
              b"2026-01-01,55.9,13.5,a\n"
              b"2026-01-02,55.9,13.5\n"              # a field too few
              b"2026-01-03,55,9,13,5,b\n"            # unquoted decimal commas
              b"\n"                                  # a blank line is no record
              b"2026-01-04,55.9,13.5,c,\n"           # a trailing delimiter is harmless
              b"2026-01-05,55.9,13.5,d\n")
    info, frame, _ = read_all(p, chunk_rows=2)
    assert frame["line"].tolist() == [2, 6, 7]
    assert frame["category"].tolist() == ["a", "c", "d"]
    errors = {e.line: e for e in info.row_errors}
    assert set(errors) == {3, 4}
    assert "3 fält, färre än rubrikradens 4" in errors[3].reason
    assert "6 fält, fler än rubrikradens 4" in errors[4].reason
    assert errors[4].value == "2026-01-03,55,9,13,5,b"


def test_quoted_fields_and_formulas_are_verbatim(tmp_path):
    p = write(tmp_path, "q.csv", b'datum,adress,beskrivning\n'
              b'2026-01-01,"Storgatan 1, H\xc3\xb6\xc3\xb6r","rad 1\nrad 2"\n'
              b'2026-01-02,=SUM(A1),+46701234567\n'
              b'2026-01-03,@x,"-1+1 ""citat"""\n')
    info, frame, _ = read_all(p)
    assert not info.row_errors
    assert frame["address"].tolist() == ["Storgatan 1, Höör", "=SUM(A1)", "@x"]
    assert frame["description"].tolist() == ["rad 1\nrad 2", "+46701234567", '-1+1 "citat"']
    assert frame["line"].tolist() == [2, 3, 4]  # record numbers


def test_unclosed_quote(tmp_path):
    p = write(tmp_path, "u.csv", b'datum,adress\n2026-01-01,x\n2026-01-02,"Storgatan\n'
              b"2026-01-03,y\n")
    with pytest.raises(InputError, match=r"u.csv: rad 3: ett citattecken"):
        info, chunks = read_csv(p)
        list(chunks)


def test_late_encoding_error_is_an_input_error(tmp_path):
    body = b"datum,adress\n" + b"2026-01-01,G\xc3\xa5gatan\n" * 80_000 + b"2026-01-02,\xe5\n"
    p = write(tmp_path, "late.csv", body)
    info, chunks = read_csv(p)
    with pytest.raises(InputError, match=r"late.csv: byte 0xe5 .* \(rad 80002\)"):
        list(chunks)


def test_empty_first_header_and_trailing_empty_header(tmp_path):
    p = write(tmp_path, "i.csv", b",datum,adress,\n0,2026-01-01,x,\n1,2026-01-02,y\n")
    info, frame, _ = read_all(p)
    assert info.columns == {"date": "datum", "address": "adress"}
    assert info.unmapped == []
    assert frame["address"].tolist() == ["x", "y"] and not info.row_errors


def test_dayfirst_from_values(tmp_path):
    p = write(tmp_path, "d.csv", b"datum;adress\n21/11/2025;x\n03/04/2025;y\n")
    assert read_csv(p)[0].dayfirst is True
    p = write(tmp_path, "m.csv", b"datum;adress\n11/21/2025;x\n03/04/2025;y\n")
    assert read_csv(p)[0].dayfirst is False
    p = write(tmp_path, "c.csv", b"datum;adress\n21/11/2025;x\n11/21/2025;y\n")
    info = read_csv(p)[0]
    assert info.dayfirst is None and any("blandar" in w for w in info.warnings)


@pytest.mark.parametrize(("sample", "delimiter"), [
    ("a,b,c\n1,2,3\n", ","),
    ("a;b;c\n1,5;2,5;3\n", ";"),
    ("a\tb\n1,5\t2;3\n", "\t"),
    ("datum\n2026-01-01\n", ","),
])
def test_detect_delimiter(sample, delimiter):
    assert detect_delimiter(sample) == delimiter


# --- real files


@pytest.mark.shared_data
def test_essex_police_uk(shared_data):
    path = shared_file(shared_data, "police_uk_essex/2018-01-essex-street.csv.gz")
    info, chunks = read_csv(path, chunk_rows=5_000)
    total = 0
    anti_social_without_id = 0
    for chunk in chunks:
        assert_raw_contract(chunk)
        total += len(chunk)
        anti_social_without_id += int(chunk["external_id"].isna().sum())
    assert total == 14_786
    assert not info.row_errors
    assert info.columns == {
        "external_id": "crime_id", "date": "month", "lon": "longitude", "lat": "latitude",
        "address": "location", "category": "crime_type",
    }
    assert anti_social_without_id > 0  # empty crime_id of anti-social behaviour -> None


@pytest.mark.shared_data
def test_essex_months_parse_to_whole_month_windows(shared_data):
    path = shared_file(shared_data, "police_uk_essex/2018-01-essex-street.csv.gz")
    _, frame, _ = read_all(path)
    when = parse_when(date=frame["date"], tz="Europe/London")
    assert when.error.isna().all()
    assert (when.start == pd.Timestamp("2018-01-01", tz="UTC")).all()
    assert (when.end == pd.Timestamp("2018-02-01", tz="UTC")).all()


@pytest.mark.shared_data
def test_boston_311(shared_data):
    path = shared_file(shared_data, "boston_311_2015/graffiti_removal.csv.gz")
    info, frame, _ = read_all(path)
    assert len(frame) == 4_284
    assert_raw_contract(frame)
    assert info.columns["external_id"] == "CASE_ENQUIRY_ID"
    assert info.columns["datetime"] == "OPEN_DT"
    assert info.columns["category"] == "TYPE"
    assert info.columns["address"] == "Location"
    assert info.columns["lat"] == "LATITUDE" and info.columns["lon"] == "LONGITUDE"
    assert "status" not in info.columns
    assert info.dayfirst is False  # "01/01/2015 10:37:47 AM"
    when = parse_when(datetime=frame["datetime"], dayfirst=info.dayfirst,
                      tz="America/New_York")
    assert when.error.isna().all()
    assert when.start.iloc[0] == pd.Timestamp("2015-01-01 15:37:47", tz="UTC")


def test_million_rows_read_fast(tmp_path):
    n = 1_000_000
    rng = np.random.default_rng(0)
    t0 = pd.Timestamp("2020-01-01").value
    stamps = pd.to_datetime(rng.integers(t0, t0 + 4 * 365 * 86_400 * 10**9, n))
    pd.DataFrame({
        "id": np.arange(n),
        "datum_tid": stamps.strftime("%Y-%m-%dT%H:%M:%S"),
        "latitud": np.round(55.5 + rng.random(n), 6),
        "longitud": np.round(13 + rng.random(n), 6),
        "kategori": rng.choice(["Skadegörelse", "Inbrott", "Narkotika"], n),
    }).to_csv(tmp_path / "big.csv", index=False)
    start = time.perf_counter()
    info, chunks = read_csv(tmp_path / "big.csv")
    total = 0
    for chunk in chunks:
        total += len(chunk)
        assert parse_when(datetime=chunk["datetime"]).error.isna().all()
    elapsed = time.perf_counter() - start
    assert total == n and not info.row_errors
    assert elapsed < 10.0, f"{elapsed:.2f} s"
