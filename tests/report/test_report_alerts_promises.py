"""The weekly report lists the week's deviation alerts and the promises' progress."""

from __future__ import annotations

from datetime import UTC, datetime

from hotspots.alerts.check import Alert
from hotspots.alerts.repo import ack_alert, save_alerts
from hotspots.promises.core import import_promise_files
from maps.report import weekly_report_html

from .conftest import WEEK

YAML = """kommun: Höör
lokalpolisomrade: Mellersta Skåne
period: {start: 2026-01-01, end: 2026-12-31}
source: test
promises:
  - title: Trafik <i>kontroller</i>
    text: Minst 4 trafikkontroller i månaden.
    problems: [trafik]
    targets:
      - {type: trafikkontroll, number: 4, cadence: per_month}
"""


def test_alerts_and_promises_sections(built_sqlite, tmp_path):
    saved = save_alerts(
        built_sqlite,
        [
            Alert(kind="count", week=WEEK, area_key="cell:500:1:1", observed=12, expected=2.5,
                  p_value=1e-5, q_value=1e-4, lon=13.5434, lat=55.9366, municipality="Höör",
                  categories=[{"category": "ordningsstorning", "n": 12},
                              {"category": "vald_nara_relation", "n": 1}]),
        ],
    )
    ack_alert(built_sqlite, saved[0].id, note="Beslut: <b>extra</b> patrull", by="Anna")
    path = tmp_path / "p.yaml"
    path.write_text(YAML, encoding="utf-8")
    import_promise_files(built_sqlite, [path])
    html, report = weekly_report_html(built_sqlite, WEEK, basemap="none")
    assert len(report.alerts) == 1 and len(report.promises) == 1
    assert "<h2>Avvikelser" in html and "Ordningsstörning" in html
    assert "nära relation" not in html  # sensitive categories are never named
    assert "kvitterad: Beslut: &lt;b&gt;extra&lt;/b&gt; patrull" in html
    assert "12 / 2,5" in html
    assert "<h2>Medborgarlöften" in html and "Höör: Trafik &lt;i&gt;kontroller&lt;/i&gt;" in html
    # 4 a month, as of Sunday 8 March 2026: due 9 of 48, nothing done: behind
    target = report.promises[0]["targets"][0]
    assert (target["target"], target["done"]) == (48, 0) and not target["on_track"]
    assert ">efter<" in html


def test_no_alerts_or_promises_say_so(built_sqlite):
    html, report = weekly_report_html(built_sqlite, WEEK, basemap="none")
    assert report.alerts == [] and report.promises == []
    assert "Inga avvikelser denna vecka" in html
    assert "Inga medborgarlöften löper denna vecka." in html
    assert datetime(2026, 3, 2, tzinfo=UTC) <= report.end
