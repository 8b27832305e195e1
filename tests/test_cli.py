"""The real ``hotspots`` command in a subprocess: exit codes, counts, JSON and one-line errors.

Messages may be Swedish or English, so the tests read numbers, exit codes, line counts,
JSON fields and stable tokens (line numbers, field names, category codes, ISO weeks).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from hotspots.paths import DEFAULT_DATA_DIR
from hotspots.store import Store

# Row 3 (line 4) has an impossible date, row 4 (line 5) a latitude that is no number,
# row 5 (line 6) a latitude out of range; row 7 (line 8) only an address, so it is placed
# at the locality and queued for review.
INCIDENTS = """id;datum;tid;kategori;beskrivning;adress;lat;lon
1;2026-03-02;22:15;Skadegörelse;Krossad ruta;Storgatan 1, Höör;55,9362;13,5413
2;2026-03-03;01:30;Buskörning;Mopeder på torget;;55,9370;13,5420
3;31/02/2026;12:00;Skadegörelse;Fel datum;;55,9362;13,5413
4;2026-03-04;10:00;Narkotika;Text i lat;;abc;13,54
5;2026-03-05;11:00;Narkotika;Lat utanför;;123,4;13,54
6;2026-03-06;23:00;Skadegörelse;"=HYPERLINK(""http://x"")";;55,9365;13,5430
7;2026-03-09;21:00;Skadegörelse;Bara adress;Storg. 12 b, Höör;;
"""
READ, STORED, DUPLICATE, REJECTED, REVIEW = 7, 4, 0, 3, 1
REJECTIONS = {(4, "date", "31/02/2026"), (5, "lat", "abc"), (6, "lat/lon", "123,4")}

GAZETTEER = """gatunamn;nummer;bokstav;postnummer;postort;kommun;lat;lon
Storgatan;12;B;24330;Höör;Höör;55,93652;13,54218
Storgatan;14;;24330;Höör;Höör;55,93671;13,54260
Järnvägsgatan;3;;24330;Höör;Höör;55,93470;13,54610
Ringsjövägen;8;A;24335;Höör;Höör;55,93210;13,53380
Frostavägen;21;;24332;Höör;Höör;55,94020;13,53850
"""

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
    b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x9a"
)


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        assert self.code == 0, self.err
        return json.loads(self.out)


@dataclass
class Cli:
    """Runs ``python -m hotspots.cli`` against one temporary SQLite file."""

    cwd: Path
    url: str

    def __call__(self, *args: str, columns: int = 200, language: str = "sv") -> Result:
        env = {k: v for k, v in os.environ.items() if not k.startswith("HOTSPOTS_")}
        env.update(
            HOTSPOTS_DATABASE_URL=self.url,
            HOTSPOTS_LANGUAGE=language,
            COLUMNS=str(columns),
            PYTHONUTF8="1",
            PYTHONWARNINGS="ignore",
        )
        p = subprocess.run(
            [sys.executable, "-m", "hotspots.cli", *map(str, args)],
            cwd=self.cwd,
            env=env,
            capture_output=True,
            encoding="utf-8",
            timeout=300,
        )
        return Result(p.returncode, p.stdout, p.stderr)

    def ok(self, *args: str) -> Result:
        r = self(*args)
        assert r.code == 0, f"{args}: exit {r.code}\n{r.err}"
        assert "Traceback" not in r.err
        return r

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.cwd / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def store(self) -> Store:
        return Store.open(self.url)


@pytest.fixture
def cli(tmp_path) -> Cli:
    return Cli(tmp_path, f"sqlite:///{tmp_path / 'cli.db'}")


@pytest.fixture
def imported(cli) -> Cli:
    """A migrated database with :data:`INCIDENTS` imported once (as ``incidents.csv``)."""
    cli.write("incidents.csv", INCIDENTS)
    cli.ok("import", "incidents.csv")
    return cli


def assert_one_line_error(r: Result) -> None:
    assert r.code == 2, f"exit {r.code}\nstdout: {r.out}\nstderr: {r.err}"
    assert "Traceback" not in r.err + r.out
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert r.out.strip() == ""


def summary_numbers(out: str) -> list[int]:
    """The counts of the import summary table, in its order (label, spaces, number)."""
    return [int(m.group(1)) for m in re.finditer(r"^\s*\S.*?\s{2,}(\d+)\s*$", out, re.M)][:7]


def description(store: Store, external_id: str) -> str:
    with store.engine.connect() as conn:
        return conn.execute(
            text("SELECT description FROM incidents WHERE external_id = :id"),
            {"id": external_id},
        ).scalar_one()


# ------------------------------------------------------------------------------ db
def test_db_upgrade_creates_an_empty_schema_and_is_idempotent(cli):
    cli.ok("db", "upgrade")
    assert cli.ok("db", "upgrade").out.strip()
    counts = cli.ok("stats", "--json").json()["counts"]
    assert set(counts.values()) == {0}


# ------------------------------------------------------------------------------ import
def test_import_prints_the_counts_and_the_rejected_rows(cli):
    cli.write("incidents.csv", INCIDENTS)
    r = cli.ok("import", "incidents.csv")
    assert r.err == ""
    # read, stored, incidents, observations, duplicate, rejected, review
    assert summary_numbers(r.out) == [READ, STORED, STORED, 0, DUPLICATE, REJECTED, REVIEW]
    # each rejected row: its line in the file, the field at fault and the value
    lines = r.out.splitlines()
    for line_no, field, value in REJECTIONS:
        row = [ln for ln in lines if re.match(rf"\s*{line_no}\s+{re.escape(field)}\s", ln)]
        assert len(row) == 1, (line_no, field, r.out)
        assert value in row[0]


def test_import_json_report_balances(cli):
    cli.write("incidents.csv", INCIDENTS)
    rep = cli.ok("import", "incidents.csv", "--json").json()
    assert rep["read"] == rep["stored"] + rep["duplicate"] + rep["rejected"]
    assert rep["balanced"] is True
    assert (rep["read"], rep["stored"], rep["duplicate"], rep["rejected"], rep["review"]) == (
        READ,
        STORED,
        DUPLICATE,
        REJECTED,
        REVIEW,
    )
    assert rep["format"] == "csv" and rep["delimiter"] == ";" and rep["source"] == "incidents"
    assert rep["by_precision"] == {"exact": 3, "locality": 1}
    assert {(e["line"], e["field"]) for e in rep["rejections"]} == {
        (line, field) for line, field, _ in REJECTIONS
    }
    assert {e["value"] for e in rep["rejections"]} >= {"31/02/2026", "abc"}


def test_importing_the_same_file_again_stores_nothing(imported):
    rep = imported.ok("import", "incidents.csv", "--json").json()
    assert rep["stored"] == 0
    assert rep["duplicate"] == STORED
    assert rep["rejected"] == REJECTED
    assert rep["read"] == rep["stored"] + rep["duplicate"] + rep["rejected"]
    assert sorted(d["external_id"] for d in rep["duplicates"]) == ["1", "2", "6", "7"]
    assert imported.store().counts()["incidents"] == STORED


def test_dry_run_stores_nothing(cli):
    cli.write("incidents.csv", INCIDENTS)
    rep = cli.ok("import", "incidents.csv", "--dry-run", "--json").json()
    assert rep["dry_run"] is True
    assert rep["stored"] == STORED  # what would be stored
    counts = cli.ok("stats", "--json").json()["counts"]
    assert counts["incidents"] == 0
    assert counts["import_batches"] == 0
    # and a real import afterwards stores everything (no phantom duplicates)
    assert cli.ok("import", "incidents.csv", "--json").json()["stored"] == STORED


def test_formula_cells_are_stored_verbatim(imported):
    assert description(imported.store(), "6") == '=HYPERLINK("http://x")'


# ------------------------------------------------------------------------------ bad input
BAD_FILES = {
    "empty": ("empty.csv", b""),
    "png": ("bild.png", PNG),
    "png-named-csv": ("incidents.csv", PNG),
    "header-only": ("header.csv", INCIDENTS.splitlines()[0] + "\n"),
    "no-date-column": (
        "nodate.csv",
        "id;kategori;beskrivning;lat;lon\n1;Skadegörelse;x;55,93;13,54\n",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_fail_with_one_line(cli, case):
    name, content = BAD_FILES[case]
    cli.write(name, content)
    # a narrow terminal must not wrap the message onto a second line
    r = cli("import", name, columns=60)
    assert_one_line_error(r)
    assert name in r.err
    assert cli.store().counts()["incidents"] == 0


def test_missing_file_fails_with_one_line(cli):
    r = cli("import", "finns-inte.csv")
    assert_one_line_error(r)
    assert "finns-inte.csv" in r.err


def test_unknown_format_fails_with_one_line(cli):
    cli.write("incidents.csv", INCIDENTS)
    r = cli("import", "incidents.csv", "--format", "nonsense")
    assert_one_line_error(r)
    assert "nonsense" in r.err


def test_stats_on_a_database_that_is_not_migrated_fails_with_one_line(cli):
    r = cli("stats", columns=60)
    assert_one_line_error(r)
    assert "db upgrade" in r.err
    assert_one_line_error(cli("stats", "--json", language="en"))


# ------------------------------------------------------------------------------ stats
def test_stats_by_category_precision_and_week(imported):
    data = imported.ok("stats", "--json").json()
    assert data["counts"]["incidents"] == STORED
    assert data["counts"]["review_pending"] == REVIEW
    inc = data["incident"]
    assert inc["by_category"] == {"skadegorelse": 3, "buskorning": 1}
    assert inc["by_precision"] == {"exact": 3, "locality": 1}
    assert inc["by_week"] == {"2026-W10": 3, "2026-W11": 1}
    assert data["observation"]["by_category"] == {}

    out = imported.ok("stats").out
    for code, n in inc["by_category"].items():
        row = next(ln for ln in out.splitlines() if code in ln)
        assert re.findall(r"\d+", row)[-1] == str(n)
    assert "2026-W10 3" in out and "2026-W11 1" in out
    # precision labels are words in the user's language; the counts follow them
    assert re.search(r"^.*: \w+ [13], \w+ [13]$", out, re.M)


# ------------------------------------------------------------------------------ geocode
def test_review_queue_and_fixing_one_record(imported):
    queue = imported.ok("geocode", "--review", "--json").json()
    assert [(q["external_id"], q["precision"]) for q in queue] == [("7", "locality")]
    ref = f"incident:{queue[0]['id']}"
    assert ref in imported.ok("geocode", "--review").out

    assert_one_line_error(imported("geocode", "--id", ref, "--lat", "123", "--lon", "5"))
    assert len(imported.ok("geocode", "--review", "--json").json()) == 1

    imported.ok("geocode", "--id", ref, "--lat", "55.93", "--lon", "13.54")
    assert imported.ok("geocode", "--review", "--json").json() == []
    rec = imported.store().records("incident").set_index("external_id").loc["7"]
    assert (rec["lat"], rec["lon"], rec["precision"]) == (55.93, 13.54, "exact")
    assert imported.store().counts()["review_pending"] == 0


def test_fixing_an_unknown_record_fails_with_one_line(imported):
    assert_one_line_error(
        imported("geocode", "--id", "incident:999", "--lat", "55.9", "--lon", "13.5")
    )
    assert_one_line_error(imported("geocode", "--id", "walk:1", "--lat", "55.9", "--lon", "13.5"))


def test_gazetteer_import_then_geocode_empties_the_queue(imported):
    imported.write("adresser.csv", GAZETTEER)
    res = imported.ok("gazetteer", "import", "adresser.csv", "--json").json()
    assert (res["read"], res["stored"], res["duplicate"], res["rejected"]) == (5, 5, 0, 0)
    again = imported.ok("gazetteer", "import", "adresser.csv", "--json").json()
    assert (again["stored"], again["duplicate"]) == (0, 5)

    # "Storg. 12 b" matches "Storgatan 12B"
    assert imported.ok("geocode", "--json").json() == {"ok": 1, "n": 1, "left": 0}
    assert imported.ok("geocode", "--review", "--json").json() == []
    rec = imported.store().records("incident").set_index("external_id").loc["7"]
    assert rec["precision"] == "address"
    assert (rec["lat"], rec["lon"]) == pytest.approx((55.93652, 13.54218))
    stats = imported.ok("stats", "--json").json()
    assert stats["incident"]["by_precision"] == {"exact": 3, "address": 1}
    assert stats["counts"]["gazetteer_entries"] == 5
    # nothing left: a second run has nothing to do
    assert imported.ok("geocode", "--json").json() == {"ok": 0, "n": 0, "left": 0}


# ------------------------------------------------------------------------------ demo
def _csv_rows(name: str) -> int:
    import csv

    with (DEFAULT_DATA_DIR / "demo" / name).open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.DictReader(fh, delimiter=";"))


def test_demo_loads_refuses_a_second_time_and_resets(cli):
    reports = cli.ok("demo", "--json").json()
    assert len(reports) == 3
    assert all(r["balanced"] and r["rejected"] == 0 for r in reports)
    counts = cli.store().counts()
    incidents = 842 + _csv_rows("hoor_synthetic_incidents.csv")
    observations = _csv_rows("hoor_synthetic_observations.csv")
    assert (counts["incidents"], counts["observations"]) == (incidents, observations)

    assert_one_line_error(cli("demo"))
    assert cli.store().counts() == counts

    cli.ok("demo", "--reset")
    assert cli.store().counts() == counts
