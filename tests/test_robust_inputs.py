"""Damaged files never crash the import: a one-line domain error, or a balanced report."""

from __future__ import annotations

import random

import pytest

from hotspots.errors import HotspotsError
from hotspots.ingest.pipeline import import_file

VALID = (
    "id;datum;tid;kategori;beskrivning;adress;lat;lon\n"
    "A-1;2026-11-16;21:30;Skadegörelse;Krossad ruta;;55,9366;13,5434\n"
    "A-2;16/11/2026;22.15;Narkotika;\"Citat; med semikolon\";;55,9335;13,5470\n"
    "A-3;2026-11-17;;Inbrott i förråd;;Storgatan 3, Höör;;\n"
    "A-4;2026-11-18;03:10;Klotter;=1+1;;55,9340;13,5400\n"
).encode()

NOISE = [b";", b"\"", b"\n", b"\r\n", b"\x00", b"\xff", b"\xe5", b",", b"\t", b"=", b"9" * 30,
         "å".encode(), b"\xef\xbb\xbf", b"NaN", b"-", b"/"]


def _mutate(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.random()
        pos = rng.randrange(len(b) + 1)
        if op < 0.4:
            b[pos:pos] = rng.choice(NOISE)
        elif op < 0.7 and b:
            del b[pos:pos + rng.randint(1, 8)]
        elif op < 0.85:
            b = b[:pos]
        elif b:
            b[pos % len(b)] = rng.randrange(256)
    return bytes(b)


@pytest.mark.parametrize("seed", range(150))
def test_mutated_csv_gives_clear_error_or_balanced_report(sqlite_store, tmp_path, seed):
    rng = random.Random(seed)
    path = tmp_path / "damaged.csv"
    path.write_bytes(_mutate(rng, VALID))
    before = sqlite_store.counts()
    try:
        report = import_file(path, store=sqlite_store, fmt="csv")
    except HotspotsError as exc:
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message
        assert sqlite_store.counts() == before  # nothing half-stored
        return
    assert report.balanced
    assert report.read == report.stored + report.duplicate + report.rejected
    for e in report.rejections:
        assert e.line >= 2 and e.reason


@pytest.mark.parametrize("body", [
    b"", b"   \n\n", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    b"id;datum;kategori;lat;lon\n", b"PK\x03\x04" + b"\x00" * 100,
    "datum;plats\n2026-11-16;Höör\n".encode("utf-16"),
])
def test_degenerate_files(sqlite_store, tmp_path, body):
    path = tmp_path / "f.csv"
    path.write_bytes(body)
    try:
        report = import_file(path, store=sqlite_store)
    except HotspotsError as exc:
        assert "\n" not in str(exc)
        return
    assert report.balanced and report.read >= 1


POLISEN = (
    '[{"id": 1, "datetime": "2026-01-01 00:30:00 +01:00", '
    '"name": "31 december 23.40, Skadegörelse, Höör", "summary": "Fönster krossat i Tjörnarp",'
    ' "url": "/x", "type": "Skadegörelse", "location": {"name": "Höör", '
    '"gps": "55.934859,13.53959"}},\n'
    '{"id": 2, "datetime": "2026-03-02 10:00:00 +01:00", "name": "02 mars 09:15, Brand, Eslöv",'
    ' "summary": "Brand i förråd", "url": "/y", "type": "Brand", '
    '"location": {"name": "Skåne län", "gps": "55.99,13.59"}}]\n'
).encode()


@pytest.mark.parametrize("seed", range(60))
def test_mutated_polisen_json_gives_clear_error_or_balanced_report(sqlite_store, tmp_path, seed):
    rng = random.Random(1000 + seed)
    path = tmp_path / "events.json"
    path.write_bytes(_mutate(rng, POLISEN))
    try:
        report = import_file(path, store=sqlite_store, fmt="polisen")
    except HotspotsError as exc:
        assert "\n" not in str(exc)
        return
    assert report.balanced
