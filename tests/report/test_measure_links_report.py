"""The weekly report's measures table counts the observations linked to each measure."""

from __future__ import annotations

from datetime import UTC, datetime

from hotspots.report.weekly import weekly_report
from maps.report import render_report

from .conftest import WEEK, lonlat


def test_measures_table_counts_linked_observations(built_sqlite):
    store = built_sqlite
    obs = store.records("observation", columns=("id", "external_id"))
    ids = [int(i) for i in obs["id"]][:2]
    lon, lat = lonlat(-1500, 0)
    common = {"lon": lon, "lat": lat, "status": "planerad"}
    store.add_measure(
        measure="kamera",
        title="Kamera vid skolan",
        decided_on=datetime(2026, 3, 3, tzinfo=UTC),
        links=[("observation", i) for i in ids],
        **common,
    )
    store.add_measure(measure="belysning", title="Lampor", **common)
    report = weekly_report(store, WEEK)
    counts = dict(zip(report.measures["title"], report.measures["observations"], strict=True))
    assert counts == {"Kamera vid skolan": 2, "Lampor": 0}
    html = render_report(report)
    assert "<th>Observationer</th>" in html and "<td>2</td>" in html


def test_no_column_without_links(built_sqlite):
    lon, lat = lonlat(-1500, 0)
    built_sqlite.add_measure(measure="kamera", title="K", lon=lon, lat=lat, status="planerad")
    html = render_report(weekly_report(built_sqlite, WEEK))
    assert "<th>Observationer</th>" not in html
