"""The report page: what a leadership group reads, escaped, with small counts hidden."""

from __future__ import annotations

import re

import pytest

from maps.report import weekly_report_html

from .conftest import EVIL, WEEK


def table_rows(html: str) -> list[str]:
    body = re.search(r'<table class="t hotspots">.*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    return re.findall(r"<tr>(.*?)</tr>", body, re.S)


def test_page_of_the_built_week(built_sqlite):
    html, report = weekly_report_html(built_sqlite, WEEK, role="analyst", basemap="none")
    assert "<h1>Lägesbild vecka 10, 2026</h1>" in html
    assert "2026-03-02 – 2026-03-08" in html
    rows = table_rows(html)
    assert len(rows) == len(report.hotspots) == 4
    assert "ökande" in rows[0] and ">13<" in rows[0]  # the square: 12 + 1 sensitive
    assert all(word in html for word in ("ny", "avtagande", "ihållande"))
    for section in (
        "Karta",
        "Hotspots",
        "När händer det?",
        "Trygghetsvandringar",
        "Åtgärder",
        "Händelser utan exakt plats",
    ):
        assert f"<h2>{section}" in html
    # the map is embedded with its layers and the table's numbered areas
    assert 'id="map" class="hs-map"' in html
    for layer in ("Hotspots i tabellen", "Hotspots (DBSCAN)", "Kommungräns"):
        assert layer in html
    # the hostile note is text, never markup
    assert EVIL not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    # sensitive categories are never named, unplaced incidents are counted
    assert "nära relation" not in html
    assert "2 poster väntar i granskningskön" in html
    assert "kamerabevakningslagen" in html


def test_leadership_sees_small_counts_as_less_than_k(built_sqlite):
    lead, _ = weekly_report_html(built_sqlite, WEEK, role="leadership", basemap="none")
    analyst, _ = weekly_report_html(built_sqlite, WEEK, role="analyst", basemap="none")
    assert "Antal under 5 visas som" in lead and "Antal under 5 visas som" not in analyst
    skolan = [r for r in table_rows(lead) if "kamerabevakningslagen" in r and ">ihållande<" in r]
    assert skolan and "&lt; 5" in skolan[0]  # two incidents this week
    assert "&lt; 5" not in "".join(table_rows(analyst))


def test_english_page(built_sqlite):
    html, _ = weekly_report_html(built_sqlite, WEEK, lang="en", basemap="none")
    assert "<h1>Situation report week 10, 2026</h1>" in html and 'lang="en"' in html
    assert "growing" in html and "Residential burglary" in html


def test_empty_week_says_so(built_sqlite):
    html, report = weekly_report_html(built_sqlite, "2025-W10", basemap="none")
    assert report.empty
    assert "Inga händelser eller trygghetsobservationer är registrerade vecka 10." in html
    assert "Inga områden med samlade händelser" in html


def test_measures_and_closed_observations_on_the_page(built_sqlite):
    from datetime import UTC, datetime

    from .conftest import lonlat

    ids = dict(built_sqlite.records("observation", columns=("external_id", "id")).values)
    built_sqlite.set_status(
        "observation",
        int(ids["O1"]),
        "åtgärdad",
        at=datetime(2026, 3, 4, 9, tzinfo=UTC),
        note="<b>Ny lampa</b>",
    )
    lon, lat = lonlat(-1500, 0)
    built_sqlite.add_measure(
        measure="kamera",
        title="Kamera <vid> skolan",
        lon=lon,
        lat=lat,
        status="planerad",
        decided_on=datetime(2026, 3, 3, tzinfo=UTC),
    )
    html, _ = weekly_report_html(built_sqlite, WEEK, basemap="none")
    assert "&lt;b&gt;Ny lampa&lt;/b&gt;" in html and "<b>Ny lampa</b>" not in html
    assert "Kamera &lt;vid&gt; skolan" in html
    assert "Åtgärder här: Kameraövervakning (planerad)" in html


@pytest.mark.parametrize("role", ["analyst", "leadership"])
def test_hour_weekday_chart(built_sqlite, role):
    html, report = weekly_report_html(built_sqlite, WEEK, role=role, basemap="none")
    chart = re.search(r'<table class="hw">(.*?)</table>', html, re.S).group(1)
    assert chart.count("<tr>") == 9  # header, seven days, the hour totals
    assert "mån" in chart and "sön" in chart
    assert report.profile.sum() == pytest.approx(report.n_week)


def test_map_layers_and_their_feature_counts(built_sqlite):
    import json
    from html import unescape

    html, report = weekly_report_html(built_sqlite, WEEK, role="analyst", basemap="none")
    data = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    config = json.loads(data.group(1))
    layers = {unescape(spec["name"]): spec for spec in config["layers"]}
    areas = layers["Hotspots i tabellen"]["data"]["features"]
    assert len(areas) == len(report.hotspots) == 4
    numbers = [p[3] for p in layers["Hotspots: nummer"]["data"]["points"]]
    assert numbers == ["1", "2", "3", "4"]
    # this week's DBSCAN hotspots: the square (13), the villas (6); the school has 2
    dbscan = layers["Hotspots (DBSCAN)"]["data"]["features"]
    assert len(dbscan) == 2
    assert len(layers["Kommungräns"]["data"]["features"]) == 1
    # the only observation of the week is the graffiti note, drawn as one escaped marker
    markers = layers["Trygghetsvandringar: iakttagelser"]["data"]["points"]
    assert len(markers) == 1 and "&lt;script&gt;" in markers[0][4]
    # incidents are never drawn as points: the only marker layers are observations and numbers
    kinds = {name for name, spec in layers.items() if spec["kind"] == "markers"}
    assert kinds == {"Trygghetsvandringar: iakttagelser", "Hotspots: nummer"}
