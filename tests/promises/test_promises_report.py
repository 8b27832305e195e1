"""The follow-up report of the promises per quarter and year: numbers, HTML, CLI, API."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from hotspots.cli import app
from hotspots.errors import InputError
from hotspots.ingest.pipeline import import_file
from hotspots.promises.core import add_activity, import_promise_files
from hotspots.promises.report import parse_report_period, promise_report, trend_word
from maps.promises_report import promise_report_html, render_promise_report

REPO = Path(__file__).resolve().parents[2]
HASSLEHOLM = REPO / "data" / "demo" / "promises" / "hassleholm_2021.yaml"
TZ = ZoneInfo("Europe/Stockholm")
TRAFFIC = "Riktade trafikkontroller"


def _csv(path: Path) -> Path:
    rows = ["id,datum,kategori,lat,lon,kommun"]
    n = 0

    def add(day: str, category: str = "trafik", kommun: str = "Hässleholm") -> None:
        nonlocal n
        n += 1
        rows.append(f"r{n},{day} 12:00,{category},56.158,13.766,{kommun}")

    for d in range(12):  # 12 in 2021 Q1
        add(f"2021-0{1 + d % 3}-{10 + d:02d}")
    for d in range(3):  # 3 in 2020 Q4
        add(f"2020-1{d}-15")
    add("2021-05-05")  # Q2
    add("2021-02-01", kommun="Höör")  # another kommun
    add("2021-02-02", category="brand")  # another category
    path = path / "inc.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def data(sqlite_store, tmp_path):
    store = sqlite_store
    import_promise_files(store, [HASSLEHOLM])
    report = import_file(_csv(tmp_path), store=store, source="test")
    assert report.stored == 18
    for day in ("2021-01-05", "2021-02-10", "2021-03-31", "2021-04-02"):
        add_activity(
            store,
            activity_type="trafikkontroll",
            day=date.fromisoformat(day),
            municipality="Hässleholm",
        )
    add_activity(
        store, activity_type="grannsamverkansmote", day=date(2021, 2, 3), municipality="Hässleholm"
    )
    store.add_measure(
        measure="trafikkontroll",
        title="<b>Hastighet</b> & Väg 21",
        lon=13.766,
        lat=56.158,
        radius_m=200,
        municipality="Hässleholm",
        status="pågående",
        starts_on=datetime(2021, 2, 1, tzinfo=TZ),
    )
    store.add_measure(  # placed in Q2: not in the Q1 report
        measure="trafikkontroll",
        title="Senare",
        lon=13.766,
        lat=56.158,
        municipality="Hässleholm",
        starts_on=datetime(2021, 5, 1, tzinfo=TZ),
    )
    return store


def _promise(report, title):
    (p,) = [p for p in report["promises"] if p["title"] == title]
    return p


def test_periods():
    assert parse_report_period("2021-Q1")[:4] == (
        date(2021, 1, 1),
        date(2021, 3, 31),
        date(2020, 10, 1),
        date(2020, 12, 31),
    )
    assert parse_report_period("2021-q4")[:2] == (date(2021, 10, 1), date(2021, 12, 31))
    assert parse_report_period("2021")[:4] == (
        date(2021, 1, 1),
        date(2021, 12, 31),
        date(2020, 1, 1),
        date(2020, 12, 31),
    )
    for bad in ("2021-Q5", "21", "2021-03", "", "Q1-2021"):
        with pytest.raises(InputError) as exc:
            parse_report_period(bad)
        assert "\n" not in str(exc.value) and "2021-Q1" in str(exc.value)


def test_trend_words():
    assert trend_word(12, 3)[0] == "ökande"
    assert trend_word(0, 8)[0] == "minskande"
    assert trend_word(4, 3)[0] == "oförändrad"
    assert trend_word(12, 3, "en")[0] == "increasing"


def test_quarter_numbers(data):
    rep = promise_report(data, period="2021-Q1", municipality="Hässleholm")
    assert rep["title"] == "Uppföljning av medborgarlöften, Hässleholm, 2021 kvartal 1"
    assert len(rep["promises"]) == 5
    p = _promise(rep, TRAFFIC)
    (tr,) = p["targets"]
    assert (tr["done_in_period"], tr["done"], tr["due_so_far"], tr["target"]) == (3, 3, 60, 240)
    assert tr["on_track"] is False
    (prob,) = p["problems"]
    assert (prob["category"], prob["count"], prob["before"]) == ("trafik", 12, 3)
    assert prob["change_pct"] == 300.0 and prob["trend"] == "ökande"
    assert prob["p_value"] < 0.05
    (m,) = p["measures"]
    assert m["title"] == "<b>Hastighet</b> & Väg 21" and m["status"] == "pågående"
    assert m["placed"] == "2021-02-01"
    g = _promise(rep, "Grannsamverkan")
    assert [(x["done"], x["due_so_far"], x["target"]) for x in g["targets"]] == [(1, 0, 1)]
    assert [(x["count"], x["trend"], x["p_value"]) for x in g["problems"]] == [
        (0, "oförändrad", None)
    ] * 2
    assert _promise(rep, "Mot tongivande kriminella")["problems"] == []

    q2 = _promise(promise_report(data, period="2021-Q2"), TRAFFIC)
    (tr,) = q2["targets"]
    assert (tr["done_in_period"], tr["done"], tr["due_so_far"]) == (1, 4, 120)
    assert (q2["problems"][0]["count"], q2["problems"][0]["before"]) == (1, 12)
    assert q2["problems"][0]["trend"] == "minskande"
    assert [m["title"] for m in q2["measures"]] == ["Senare"]


def test_year_and_other_kommun(data):
    p = _promise(promise_report(data, period="2021"), TRAFFIC)
    assert (p["problems"][0]["count"], p["problems"][0]["before"]) == (13, 3)
    assert p["targets"][0]["due_so_far"] == p["targets"][0]["target"] == 240
    assert promise_report(data, period="2021", municipality="Höör")["promises"] == []
    assert promise_report(data, period="2019")["promises"] == []


def test_html_escaped_and_english(data):
    html = promise_report_html(data, period="2021-Q1", municipality="Hässleholm")
    assert "<title>Uppföljning av medborgarlöften, Hässleholm, 2021 kvartal 1</title>" in html
    assert "&lt;b&gt;Hastighet&lt;/b&gt; &amp; Väg 21" in html and "<b>Hastighet" not in html
    assert "@page{size:A4" in html and "@media print" in html
    assert "<script" not in html and "http" not in html.split("</style>")[0]
    assert (
        "ökande" in html
        and "+300 %" in html
        and "&lt; 0,001" in html
        and "Gjort i perioden" in html
    )
    en = render_promise_report(promise_report(data, period="2021-Q1", lang="en"))
    assert "Follow-up of citizen promises, Hässleholm, 2021 quarter 1" in en
    assert "increasing" in en and "Traffic check" in en and "20 per month" in en
    assert "Targeted traffic controls" in en and "Done in the period" in en
    assert 'lang="en"' in en and "ökande" not in en
    assert "Inga medborgarlöften" in promise_report_html(data, period="2019")


def test_cli_writes_the_file(data, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    r = runner.invoke(app, ["promises", "report", "--period", "2021-Q1", "--kommun", "Hässleholm"])
    assert r.exit_code == 0, (r.output, r.exception)
    default = tmp_path / "promises-hässleholm-2021-Q1.html"
    assert default.is_file() and "2021 kvartal 1" in default.read_text(encoding="utf-8")
    out = tmp_path / "sub" / "r.html"
    r = runner.invoke(
        app, ["promises", "report", "--period", "2021", "-o", str(out), "--lang", "en"]
    )
    assert r.exit_code == 0, (r.output, r.exception)
    assert "Follow-up of citizen promises" in out.read_text(encoding="utf-8")
    bad = runner.invoke(app, ["promises", "report", "--period", "2021-Q7"])
    assert bad.exit_code != 0 and isinstance(bad.exception, InputError)
    assert "ogiltig period '2021-Q7'" in str(bad.exception)


def test_api_report_and_roles(data):
    from api.auth import Principal, current_principal
    from api.main import create_app

    application = create_app()
    with TestClient(application) as c:
        url = "/api/v1/promises/report"
        application.dependency_overrides[current_principal] = lambda: Principal(
            1, "l", "leadership"
        )
        r = c.get(url, params={"period": "2021-Q1", "kommun": "Hässleholm"})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("text/html")
        assert "Hässleholm, 2021 kvartal 1" in r.text and "&lt;b&gt;Hastighet" in r.text
        r = c.get(url, params={"period": "2021", "lang": "en"})
        assert r.status_code == 200 and "Follow-up of citizen promises" in r.text
        r = c.get(url, params={"period": "2021-Q9"})
        assert r.status_code == 400 and "2021-Q9" in r.text
        application.dependency_overrides[current_principal] = lambda: Principal(2, "a", "analyst")
        assert c.get(url, params={"period": "2021"}).status_code == 200
        application.dependency_overrides[current_principal] = lambda: Principal(3, "f", "field")
        assert c.get(url, params={"period": "2021"}).status_code == 403
        application.dependency_overrides.pop(current_principal)
        assert c.get(url, params={"period": "2021"}).status_code == 401
