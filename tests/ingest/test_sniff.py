from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from hotspots.errors import InputError
from hotspots.ingest.sniff import (
    SAMPLE_BYTES,
    decode_error,
    describe_encoding,
    detect_encoding,
    guess_format,
    open_text,
)
from hotspots.settings import get_settings

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
XLSX_HEADER = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def read_all(path: Path) -> tuple[str, str]:
    stream, encoding = open_text(path)
    with stream:
        return stream.read(), encoding


def test_utf8(tmp_path):
    p = write(tmp_path / "a.csv", "datum,plats\n2026-01-01,Höör\n".encode())
    text, enc = read_all(p)
    assert enc == "utf-8"
    assert "Höör" in text


def test_utf8_bom_is_stripped(tmp_path):
    p = write(tmp_path / "a.csv", "\ufeffdatum;plats\n2026-01-01;Åhus\n".encode())
    text, enc = read_all(p)
    assert enc == "utf-8-sig"
    assert text.startswith("datum;plats")
    assert "Åhus" in text


def test_cp1252_from_excel(tmp_path):
    body = "Datum;Plats;Typ\n2026-01-01;Höör;Skadegörelse\n"
    p = write(tmp_path / "a.csv", body.encode("cp1252"))
    text, enc = read_all(p)
    assert enc == "cp1252"
    assert describe_encoding(enc) == "Windows-1252"
    assert "Höör" in text and "Skadegörelse" in text


def test_dos_cp850_is_not_taken_for_cp1252(tmp_path):
    body = "datum;plats\n" + "2026-01-01;Gårdsvägen 3, Höör, Åsgatan\n" * 20
    p = write(tmp_path / "a.csv", body.encode("cp850"))
    text, enc = read_all(p)
    assert enc == "cp850"
    assert "Gårdsvägen" in text


def test_utf16_with_bom(tmp_path):
    p = write(tmp_path / "a.txt", "datum\tplats\n2026-01-01\tHöör\n".encode("utf-16"))
    text, enc = read_all(p)
    assert enc == "utf-16"
    assert "Höör" in text


def test_gzip_is_read_transparently(tmp_path):
    p = write(tmp_path / "a.csv.gz", gzip.compress(b"datum,plats\n2026-01-01,Lund\n"))
    text, enc = read_all(p)
    assert enc == "utf-8"
    assert text == "datum,plats\n2026-01-01,Lund\n"


def test_line_endings_are_not_translated(tmp_path):
    p = write(tmp_path / "a.csv", b"a,b\r\n1,2\r\n")
    text, _ = read_all(p)
    assert text == "a,b\r\n1,2\r\n"


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t  \n"])
def test_empty_or_whitespace_file(tmp_path, data):
    p = write(tmp_path / "empty.csv", data)
    with pytest.raises(InputError) as err:
        detect_encoding(p)
    message = str(err.value)
    assert "empty.csv" in message
    assert "filen är tom (0 byte)" in message or "filen innehåller bara blanktecken" in message
    assert "\n" not in message


def test_empty_gzip(tmp_path):
    p = write(tmp_path / "empty.csv.gz", gzip.compress(b""))
    with pytest.raises(InputError, match="filen är tom"):
        detect_encoding(p)


def test_messages_in_english(tmp_path, monkeypatch):
    monkeypatch.setenv("HOTSPOTS_LANGUAGE", "en")
    get_settings.cache_clear()
    with pytest.raises(InputError, match=r"e.csv: the file is empty \(0 bytes\)$"):
        detect_encoding(write(tmp_path / "e.csv", b""))
    with pytest.raises(InputError, match=r"looks like a binary file \(PNG image\), not text"):
        detect_encoding(write(tmp_path / "p.csv", PNG_HEADER * 10))
    with pytest.raises(InputError, match=r"byte 0xe5 at offset 56 \(line 12\)"):
        detect_encoding(write(tmp_path / "m.csv", b"a,b\n" + b"x,\xc3\xa5\n" * 10 + b"y,\xe5\n"))
    assert describe_encoding("utf-8-sig") == "UTF-8 with BOM"


@pytest.mark.parametrize("data", [PNG_HEADER + bytes(range(256)) * 4, XLSX_HEADER + b"\x00" * 64])
def test_binary_file_renamed_csv(tmp_path, data):
    p = write(tmp_path / "report.csv", data)
    with pytest.raises(InputError) as err:
        open_text(p)
    message = str(err.value)
    assert "report.csv" in message
    assert "ser ut som en binär fil" in message and "spara den som CSV" in message


def test_control_characters_mean_binary(tmp_path):
    p = write(tmp_path / "a.csv", bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 50 + b"a,b\n")
    with pytest.raises(InputError, match=r"binär fil \(t.ex. Excel .xlsx\); spara den som CSV"):
        detect_encoding(p)


def test_late_invalid_utf8_byte_is_located(tmp_path):
    head = "datum,plats\n" + "2026-01-01,Höör\n" * 100_000  # > SAMPLE_BYTES
    assert len(head.encode()) > SAMPLE_BYTES
    p = write(tmp_path / "mixed.csv", head.encode() + b"2026-01-02,H\xf6\xf6r\n")
    with pytest.raises(InputError) as err:
        stream, enc = open_text(p)
        with stream:
            stream.read()
    message = str(err.value)
    assert "mixed.csv" in message
    assert "0xf6" in message
    assert "rad 100002" in message
    assert f"position {len(head.encode()) + 12}" in message


def test_late_invalid_byte_found_when_iterating_lines(tmp_path):
    p = write(tmp_path / "mixed.csv", b"a,b\n" * 300_000 + b"1,\xe5\n")
    stream, enc = open_text(p)
    assert enc == "cp1252"  # the first non-ASCII byte decides, wherever it is
    with stream:
        assert sum(1 for _ in stream) == 300_001


def test_utf8_file_with_a_cp1252_row_is_rejected_with_position(tmp_path):
    p = write(tmp_path / "m.csv", b"a,b\n" + b"x,\xc3\xa5\n" * 10 + b"y,\xe5\n")
    with pytest.raises(InputError, match=r"byte 0xe5 på position 56 \(rad 12\)"):
        detect_encoding(p)


def test_decode_error_helper(tmp_path):
    p = write(tmp_path / "a.csv", b"ok\nok\n\xff\n")
    err = decode_error(p, "utf-8")
    assert isinstance(err, InputError)
    assert "rad 3" in str(err) and "position 6" in str(err)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="nope.csv: filen finns inte"):
        detect_encoding(tmp_path / "nope.csv")


def test_truncated_gzip(tmp_path):
    data = gzip.compress(b"a,b\n" * 10_000)
    p = write(tmp_path / "a.csv.gz", data[: len(data) // 2])
    with pytest.raises(InputError, match="gzip-filen är skadad eller ofullständig"):
        stream, _ = open_text(p)
        with stream:
            stream.read()


# --- guess_format


def test_guess_csv(tmp_path):
    assert guess_format(write(tmp_path / "a.csv", b"datum,plats\n")) == "csv"
    assert guess_format(write(tmp_path / "a.txt", b"\n\ndatum;plats\n")) == "csv"


def test_guess_geojson(tmp_path):
    doc = {"type": "FeatureCollection", "features": []}
    assert guess_format(write(tmp_path / "a.geojson", json.dumps(doc).encode())) == "geojson"


def test_guess_large_geojson_by_head(tmp_path):
    feature = {"type": "Feature", "properties": {"datum": "2026-01-01"},
               "geometry": {"type": "Point", "coordinates": [13.5, 55.9]}}
    doc = {"type": "FeatureCollection", "features": [feature] * 5000}
    p = write(tmp_path / "big.json", json.dumps(doc, indent=1).encode())
    assert p.stat().st_size > 65536
    assert guess_format(p) == "geojson"


EVENT = {"id": 1, "datetime": "2022-10-03 6:42:47 +02:00", "name": "03 oktober 00:50, Brand, Höör",
         "summary": "x", "type": "Brand", "location": {"name": "Höör", "gps": "55.9,13.5"}}


def test_guess_polisen_array_and_lines(tmp_path):
    array = write(tmp_path / "events.json", json.dumps([EVENT, EVENT], indent=1).encode())
    lines = write(tmp_path / "events.jsonl",
                  (json.dumps(EVENT) + "\n" + json.dumps(EVENT) + "\n").encode())
    gz = write(tmp_path / "events.jsonl.gz", gzip.compress(lines.read_bytes()))
    assert guess_format(array) == "polisen"
    assert guess_format(lines) == "polisen"
    assert guess_format(gz) == "polisen"


def test_guess_rejects_other_json(tmp_path):
    with pytest.raises(InputError, match="GeoJSON-objekt av typen Feature, varken"):
        guess_format(write(tmp_path / "a.json", b'{"type": "Feature", "geometry": null}'))
    with pytest.raises(InputError, match="inte av polisen.se-händelser"):
        guess_format(write(tmp_path / "b.json", b"[1, 2, 3]"))
    with pytest.raises(InputError, match="ser inte ut som JSON"):
        guess_format(write(tmp_path / "c.json", b"datum,plats\n"))


def test_guess_format_of_binary_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="binär"):
        guess_format(write(tmp_path / "a.csv", PNG_HEADER * 10))
