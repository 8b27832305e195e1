"""Medborgarlöften: import (demo files, bad input), activities, progress, walks, CLI, API."""

from __future__ import annotations

import json
import shlex
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from hotspots.cli import app
from hotspots.errors import InputError, NotFoundError
from hotspots.promises.core import (
    add_activity,
    import_promise_files,
    list_promises,
    load_activity_types,
    months_between,
    progress,
    target_numbers,
)
from hotspots.settings import get_settings
from hotspots.store import Store
from hotspots.store.models import Walk
from hotspots.store.promise_models import Activity, Promise, PromiseTarget

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "data" / "demo" / "promises"
TZ = "Europe/Stockholm"


def _count(store, model) -> int:
    with Session(store.engine) as s:
        return s.scalar(select(func.count()).select_from(model))


def _targets(rows, title):
    (promise,) = [r for r in rows if r["title"] == title]
    return [(t["activity_type"], t["number"], t["cadence"]) for t in promise["targets"]]


# --------------------------------------------------------------------------- demo files
@pytest.mark.parametrize(
    ("name", "kommun", "n_promises", "n_targets"),
    [
        ("hoor_2023_2024.yaml", "Höör", 4, 0),
        ("eslov_2016.yaml", "Eslöv", 3, 3),
        ("eslov_2017.yaml", "Eslöv", 4, 5),
        ("hassleholm_2021.yaml", "Hässleholm", 5, 3),
    ],
)
def test_every_demo_file_imports(store, name, kommun, n_promises, n_targets):
    (result,) = import_promise_files(store, [DEMO / name])
    assert (result.municipality, result.promises, result.targets) == (
        kommun,
        n_promises,
        n_targets,
    )
    rows = list_promises(store)
    assert len(rows) == n_promises
    assert sum(len(r["targets"]) for r in rows) == n_targets
    assert all(r["source"] for r in rows)
    # importing the same file again updates, never duplicates
    (again,) = import_promise_files(store, [DEMO / name])
    assert again.updated == n_promises
    assert _count(store, Promise) == n_promises
    assert _count(store, PromiseTarget) == n_targets


def test_demo_targets_are_the_stated_ones(sqlite_store):
    import_promise_files(sqlite_store, sorted(DEMO.glob("*.yaml")))
    e2017 = list_promises(sqlite_store, year=2017)
    assert _targets(e2017, "Ökad trafiksäkerhet") == [
        ("riktad_trafikinsats", 4, "per_year"),
        ("trafikkontroll", 30, "per_year"),
    ]
    assert _targets(e2017, "Gemensamma medborgardialoger") == [("medborgardialog", 2, "per_period")]
    h2021 = list_promises(sqlite_store, year=2021)
    assert _targets(h2021, "Riktade trafikkontroller") == [("trafikkontroll", 20, "per_month")]
    assert _targets(h2021, "Trygghetsvandring på en prioriterad plats") == [
        ("trygghetsvandring", 1, "per_year")
    ]
    e2016 = list_promises(sqlite_store, year=2016)
    assert {t[0] for r in e2016 for t in _targets(e2016, r["title"])} == {
        "riktad_trafikinsats",
        "trygghetsvandring",
        "medborgardialog",
    }
    assert len(list_promises(sqlite_store, year=2024, municipality="höör")) == 4
    assert {p for r in e2017 for p in r["problems"]} <= {"trafik", "trafikfara", "otrygg_plats"}


def test_activity_types_table_is_validated(tmp_path):
    types = load_activity_types()
    assert {
        "trafikkontroll",
        "riktad_trafikinsats",
        "trygghetsvandring",
        "medborgardialog",
        "informationsinsats",
        "grannsamverkansmote",
        "polisnarvaro",
        "ovrigt",
    } == set(types)
    assert types["trygghetsvandring"].label("en") == "Safety walk"
    bad = tmp_path / "types.toml"
    bad.write_text('[type.Bad-Code]\nlabel_sv = "x"\nlabel_en = "x"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="ogiltig kod 'Bad-Code'"):
        load_activity_types(bad)
    bad.write_text('[type.x]\nlabel_sv = "x"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="typ x: label_en saknas"):
        load_activity_types(bad)


# --------------------------------------------------------------------------- bad input
HEAD = "kommun: Eslöv\nperiod: {start: 2017-01-01, end: 2017-12-31}\nsource: test\npromises:\n"
GOOD = "  - title: Bra\n    targets: [{type: trafikkontroll, number: 3, cadence: per_month}]\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            HEAD + GOOD + "  - title: Trafik\n    targets: [{type: trafikkontroll}]\n",
            "bad.yaml: löfte 2 (Trafik), mål 1: number: antal saknas",
        ),
        (
            HEAD + GOOD + "  - title: Trafik\n    targets: [{type: trafikkontroll, number: 0}]\n",
            "bad.yaml: löfte 2 (Trafik), mål 1: number: antalet ska vara ett heltal större än 0,"
            " inte '0'",
        ),
        (
            HEAD + GOOD + "  - title: Vandra\n    targets: [{type: promenad, number: 2}]\n",
            "bad.yaml: löfte 2 (Vandra), mål 1: type: okänd aktivitetstyp 'promenad' (kända: ",
        ),
        (
            HEAD + GOOD + "  - title: Takt\n    targets: [{type: trafikkontroll, number: 2,"
            " cadence: per_vecka}]\n",
            "bad.yaml: löfte 2 (Takt), mål 1: cadence: okänd takt 'per_vecka'",
        ),
        (
            HEAD + GOOD + "  - title: Problem\n    problems: [trafik, tjuvar]\n",
            "bad.yaml: löfte 2 (Problem): problems: okänd kategori 'tjuvar'",
        ),
        (
            HEAD.replace("end: 2017-12-31", "end: 2016-12-31") + GOOD,
            "bad.yaml: perioden slutar 2016-12-31, före sin början 2017-01-01",
        ),
        (HEAD + GOOD + "  - text: utan titel\n", "bad.yaml: löfte 2 (?): title saknas"),
        (HEAD.replace("kommun: Eslöv\n", "") + GOOD, "bad.yaml: kommun saknas"),
        (HEAD, "bad.yaml: inga löften (`promises`) i filen"),
        ("promises: [", "bad.yaml: ogiltig YAML: "),
        (
            HEAD.replace("start: 2017-01-01", "start: 2017-13-01") + GOOD,
            "bad.yaml: period.start: ogiltigt datum '2017-13-01'",
        ),
    ],
)
def test_bad_input_names_promise_and_field_and_stores_nothing(store, tmp_path, body, expected):
    good = tmp_path / "good.yaml"
    good.write_text(HEAD + GOOD, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_promise_files(store, [good, bad])
    assert expected in str(err.value)
    assert all("\n" not in line and line for line in str(err.value).split("\n"))
    assert _count(store, Promise) == 0
    assert _count(store, PromiseTarget) == 0


def test_every_error_of_a_file_is_reported(sqlite_store, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        HEAD
        + "  - title: A\n    targets: [{type: x, number: 1}, {type: trafikkontroll}]\n"
        + "  - title: B\n    problems: [nej]\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        import_promise_files(sqlite_store, [bad])
    lines = str(err.value).splitlines()
    assert [line.split(":")[1].strip() for line in lines] == [
        "löfte 1 (A), mål 1",
        "löfte 1 (A), mål 2",
        "löfte 2 (B)",
    ]


# --------------------------------------------------------------------------- progress
def test_months_between():
    assert months_between(date(2021, 1, 1), date(2022, 1, 1)) == 12
    assert months_between(date(2021, 1, 1), date(2021, 3, 16)) == pytest.approx(2 + 15 / 31)
    assert months_between(date(2021, 1, 31), date(2021, 3, 1)) == pytest.approx(1 + 1 / 31)
    assert months_between(date(2021, 5, 1), date(2021, 4, 1)) == 0


@pytest.mark.parametrize(
    ("number", "cadence", "start", "end", "as_of", "expected"),
    [
        # 20 per month, mid-March: 2 months and 15/31 of March elapsed
        (20, "per_month", date(2021, 1, 1), date(2021, 12, 31), date(2021, 3, 15), (49, 240)),
        (20, "per_month", date(2021, 1, 1), date(2021, 12, 31), date(2021, 6, 30), (120, 240)),
        (20, "per_month", date(2021, 1, 1), date(2021, 12, 31), date(2020, 6, 30), (0, 240)),
        (20, "per_month", date(2021, 1, 1), date(2021, 12, 31), date(2022, 6, 30), (240, 240)),
        (30, "per_year", date(2017, 1, 1), date(2017, 12, 31), date(2017, 6, 30), (15, 30)),
        (4, "per_year", date(2017, 1, 1), date(2017, 12, 31), date(2017, 9, 30), (3, 4)),
        (1, "per_year", date(2023, 1, 1), date(2024, 12, 31), date(2023, 12, 31), (1, 2)),
        (3, "per_quarter", date(2021, 1, 1), date(2021, 12, 31), date(2021, 5, 31), (5, 12)),
        (2, "per_period", date(2016, 1, 1), date(2016, 12, 31), date(2016, 6, 30), (1, 2)),
        (2, "per_period", date(2016, 1, 1), date(2016, 12, 31), date(2016, 6, 29), (0, 2)),
    ],
)
def test_target_numbers(number, cadence, start, end, as_of, expected):
    assert target_numbers(number, cadence, start, end, as_of) == expected


def _progress_target(rows, title, kind):
    (promise,) = [r for r in rows if r["title"] == title]
    (target,) = [t for t in promise["targets"] if t["activity_type"] == kind]
    return target


def test_progress_counts_activities_and_walks(store):
    import_promise_files(store, [DEMO / "hassleholm_2021.yaml", DEMO / "eslov_2017.yaml"])
    rows = list_promises(store, year=2021)
    traffic = next(r for r in rows if r["title"] == "Riktade trafikkontroller")
    walk_promise = next(r for r in rows if r["title"].startswith("Trygghetsvandring"))
    add_activity(
        store, activity_type="trafikkontroll", day=date(2021, 2, 3), promise_id=traffic["id"]
    )
    for day in (date(2021, 3, 1), date(2021, 3, 15)):
        add_activity(store, activity_type="Trafikkontroll", day=day, municipality="Hässleholm")
    add_activity(
        store, activity_type="trafikkontroll", day=date(2021, 3, 16), municipality="Hässleholm"
    )
    # another kommun's activity in its own period does not count for Hässleholm
    add_activity(store, activity_type="trafikkontroll", day=date(2017, 3, 1), municipality="Eslöv")
    with Session(store.engine) as s, s.begin():
        s.add_all(
            [
                # 2021-05-04 23:30 UTC is 5 May in Sweden
                Walk(
                    source="t",
                    name="w1",
                    municipality="Hässleholm",
                    walked_on=datetime(2021, 5, 4, 23, 30, tzinfo=UTC),
                ),
                Walk(
                    source="t",
                    name="w2",
                    municipality="Eslöv",
                    walked_on=datetime(2021, 5, 4, 18, 0, tzinfo=UTC),
                ),
                Walk(
                    source="t",
                    name="w3",
                    municipality="hässleholm",
                    walked_on=datetime(2021, 11, 4, 18, 0, tzinfo=UTC),
                ),
                Walk(source="t", name="w4", municipality="Hässleholm", walked_on=None),
            ]
        )
    march = progress(store, as_of=date(2021, 3, 15), timezone=TZ, year=2021)
    t = _progress_target(march, "Riktade trafikkontroller", "trafikkontroll")
    assert (t["done"], t["due_so_far"], t["target"], t["on_track"]) == (3, 49, 240, False)
    may = progress(store, as_of=date(2021, 5, 5), timezone=TZ, municipality="Hässleholm")
    w = _progress_target(may, walk_promise["title"], "trygghetsvandring")
    assert (w["walks"], w["activities"], w["done"], w["due_so_far"], w["target"]) == (1, 0, 1, 0, 1)
    may4 = progress(store, as_of=date(2021, 5, 4), timezone=TZ, municipality="Hässleholm")
    assert _progress_target(may4, walk_promise["title"], "trygghetsvandring")["done"] == 0
    year_end = progress(store, as_of=date(2021, 12, 31), timezone=TZ, year=2021)
    assert _progress_target(year_end, walk_promise["title"], "trygghetsvandring")["done"] == 2
    assert _progress_target(year_end, "Riktade trafikkontroller", "trafikkontroll")["done"] == 4
    # a walk also logged by hand (the same day) counts once; a walk logged on another day adds
    for day, expected in ((date(2021, 5, 5), (2, 1, 2)), (date(2021, 6, 10), (2, 2, 3))):
        add_activity(
            store, activity_type="trygghetsvandring", day=day, municipality="Hässleholm"
        )
        rows = progress(store, as_of=date(2021, 12, 31), timezone=TZ, year=2021)
        w = _progress_target(rows, walk_promise["title"], "trygghetsvandring")
        assert (w["walks"], w["activities"], w["done"]) == expected
    # the walks of 2021 are outside Eslöv's 2017 period
    e2017 = progress(store, as_of=date(2017, 12, 31), timezone=TZ, year=2017)
    assert (
        _progress_target(e2017, "Gemensamma trygghetsvandringar", "trygghetsvandring")["done"] == 0
    )
    assert _progress_target(e2017, "Ökad trafiksäkerhet", "trafikkontroll")["done"] == 1
    # promises not begun by the day are left out
    assert progress(store, as_of=date(2016, 12, 31), timezone=TZ) == []


def test_activity_outside_every_period_is_refused(store):
    import_promise_files(store, [DEMO / "hassleholm_2021.yaml"])
    (traffic,) = [r for r in list_promises(store) if r["title"] == "Riktade trafikkontroller"]
    with pytest.raises(InputError) as err:
        add_activity(
            store, activity_type="trafikkontroll", day=date(2022, 1, 3), municipality="Hässleholm"
        )
    assert str(err.value).startswith(
        "2022-01-03 ligger utanför varje löftesperiod för kommun Hässleholm:"
        " aktiviteten sparades inte"
    )
    with pytest.raises(InputError, match="utanför varje löftesperiod för kommun Höör"):
        add_activity(
            store, activity_type="trafikkontroll", day=date(2021, 3, 1), municipality="Höör"
        )
    with pytest.raises(InputError, match="utanför perioden 2021-01-01 – 2021-12-31 för löfte"):
        add_activity(
            store, activity_type="trafikkontroll", day=date(2022, 1, 3), promise_id=traffic["id"]
        )
    with pytest.raises(NotFoundError, match="löfte 999 finns inte"):
        add_activity(store, activity_type="trafikkontroll", day=date(2021, 1, 3), promise_id=999)
    with pytest.raises(InputError, match="okänd aktivitetstyp 'fika'"):
        add_activity(store, activity_type="fika", day=date(2021, 1, 3))
    with pytest.raises(InputError, match="både lon och lat"):
        add_activity(store, activity_type="ovrigt", day=date(2021, 1, 3), lon=13.5)
    assert _count(store, Activity) == 0
    row = add_activity(
        store,
        activity_type="trafikkontroll",
        day=date(2021, 12, 31),
        promise_id=traffic["id"],
        place="Väg 21",
        lon=13.76,
        lat=56.16,
        who="LPO",
        note="hastighet",
    )
    assert row["municipality"] == "Hässleholm" and row["promise_id"] == traffic["id"]
    # no kommun given: the only kommun with a promise that day
    assert (
        add_activity(store, activity_type="ovrigt", day=date(2021, 6, 1))["municipality"]
        == "Hässleholm"
    )
    assert _count(store, Activity) == 2


def test_promise_tables_are_cleared(store):
    import_promise_files(store, [DEMO / "eslov_2016.yaml"])
    add_activity(store, activity_type="medborgardialog", day=date(2016, 5, 1), municipality="Eslöv")
    store.clear()
    assert _count(store, Promise) == _count(store, PromiseTarget) == _count(store, Activity) == 0


# --------------------------------------------------------------------------- CLI
def run(line: str, *more):
    return CliRunner().invoke(app, [*shlex.split(line), *map(str, more)])


def ok(line: str, *more):
    result = run(line, *more)
    assert result.exit_code == 0, (line, result.output, result.exception)
    return result.stdout


def test_cli_round_trip(monkeypatch):
    from hotspots.promises import cli

    monkeypatch.setattr(cli.out, "_width", 250)
    ok("db upgrade")
    out = ok("promises import", *sorted(DEMO.glob("*.yaml")))
    assert "hassleholm_2021.yaml: 5 löften med 3 mål sparade för Hässleholm" in out
    rows = json.loads(ok("promises list --period 2021 --json"))
    assert [r["municipality"] for r in rows] == ["Hässleholm"] * 5
    assert "4 medborgarlöften" in ok("promises list --period 2024")
    traffic = next(r["id"] for r in rows if r["title"] == "Riktade trafikkontroller")
    out = ok(
        f"promises activity add --type trafikkontroll --date 2021-03-05 --promise {traffic}"
        " --place 'Väg 21' --note hastighet"
    )
    assert out.strip().startswith("aktivitet 1 sparad: Trafikkontroll 2021-03-05 (Hässleholm)")
    refused = run(
        "promises activity add --type trafikkontroll --date 2020-03-05 --kommun Hässleholm"
    )
    assert refused.exit_code != 0
    assert "utanför varje löftesperiod" in str(refused.exception)
    data = json.loads(ok("promises progress --as-of 2021-03-15 --period 2021 --json"))
    t = _progress_target(data, "Riktade trafikkontroller", "trafikkontroll")
    assert (t["done"], t["due_so_far"], t["target"]) == (1, 49, 240)
    table = ok("promises progress --as-of 2021-03-15 --period 2021")
    assert "Medborgarlöften: läget 2021-03-15" in table and "240" in table
    store = Store.open(get_settings().resolved_database_url)
    assert _count(store, Activity) == 1


def test_demo_loads_the_promises(sqlite_store, settings, monkeypatch):
    from hotspots.demo import loader

    assert loader.load_demo_promises(sqlite_store, settings) == 16
    assert len(list_promises(sqlite_store)) == 16


# --------------------------------------------------------------------------- API
def test_api_round_trip(sqlite_store):
    from api.auth import Principal, current_principal
    from api.main import create_app

    import_promise_files(sqlite_store, [DEMO / "eslov_2017.yaml"])
    application = create_app()
    with TestClient(application) as c:
        application.dependency_overrides[current_principal] = lambda: Principal(1, "t", "analyst")
        r = c.get("/api/v1/promises", params={"period": 2017})
        assert r.status_code == 200, r.text
        assert len(r.json()) == 4
        r = c.post(
            "/api/v1/activities",
            json={
                "type": "trafikkontroll",
                "date": "2017-04-02",
                "municipality": "Eslöv",
                "place": "Storgatan",
            },
        )
        assert r.status_code == 201, r.text
        assert r.json()["activity_type"] == "trafikkontroll"
        r = c.post(
            "/api/v1/activities",
            json={"type": "trafikkontroll", "date": "2019-04-02", "municipality": "Eslöv"},
        )
        assert r.status_code == 400 and "utanför varje löftesperiod" in r.text
        r = c.get("/api/v1/promises/progress", params={"as_of": "2017-06-30"})
        assert r.status_code == 200
        t = _progress_target(r.json(), "Ökad trafiksäkerhet", "trafikkontroll")
        assert (t["done"], t["due_so_far"], t["target"]) == (1, 15, 30)
        # roles: field may log but not read; leadership may read but not log
        application.dependency_overrides[current_principal] = lambda: Principal(2, "f", "field")
        assert c.get("/api/v1/promises").status_code == 403
        r = c.post("/api/v1/activities", json={"type": "ovrigt", "date": "2017-05-01"})
        assert r.status_code == 201, r.text
        application.dependency_overrides[current_principal] = lambda: Principal(
            3, "l", "leadership"
        )
        assert c.get("/api/v1/promises/progress").status_code == 200
        assert (
            c.post("/api/v1/activities", json={"type": "ovrigt", "date": "2017-05-01"}).status_code
            == 403
        )
        application.dependency_overrides.pop(current_principal)
        assert c.get("/api/v1/promises").status_code == 401
