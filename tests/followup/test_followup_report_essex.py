"""The follow-up in the weekly report, and on real data (police.uk, Essex)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from hotspots.followup import Period, follow_up
from hotspots.settings import get_settings

from .conftest import EFFECT, add_measure, load


def test_weekly_report_shows_the_follow_up(sqlite_store, tmp_path):
    """Week 21 of 2026 ends 12 weeks after the placement: the default period is the built one."""
    from hotspots.report.weekly import weekly_report
    from maps.report import weekly_report_html

    load(sqlite_store, tmp_path, EFFECT)
    mid = add_measure(sqlite_store, status="pågående")
    later = add_measure(
        sqlite_store,
        title="Kamera senare",
        measure="kamera",
        status="planerad",
        starts_on=datetime(2026, 5, 20, tzinfo=ZoneInfo("Europe/Stockholm")),
    )
    report = weekly_report(sqlite_store, "2026-W21", role="analyst")
    table = report.measures.set_index("id")
    assert table.loc[mid, "followup"] == "området 30→10 (−67 %), kontroll 0 %, p = 0,003, WDQ −0,4"
    assert pd.isna(table.loc[later, "followup"])  # placed during the week: nothing yet
    html, _ = weekly_report_html(sqlite_store, "2026-W21", role="analyst", basemap="none")
    assert "<th>Uppföljning</th>" in html
    assert "området 30→10 (−67 %), kontroll 0 %, p = 0,003, WDQ −0,4" in html
    # a week earlier the after period would start before the data's before period is full
    early = weekly_report(sqlite_store, "2026-W12", role="analyst").measures.set_index("id")
    assert early.loc[mid, "followup"] == (
        "Åtgärden placerades 2026-03-02, för 21 dagar sedan: en uppföljning behöver minst 4 "
        "veckor efter placeringen (tidigast 2026-03-30)."
    )


def test_essex_hypothetical_patrols_on_southend_high_street(sqlite_store, shared_data, monkeypatch):
    """Real data, a placebo: police.uk street crime in Essex, January to June 2018.

    A hypothetical measure (police presence, ``polisnarvaro``) "placed" on 1 April 2018 on
    Southend-on-Sea's High Street (0.7165 E, 51.5351 N, radius 150 m), one of the busiest
    200 m squares of the county, followed up over three whole months each side (police.uk
    dates are months: January-March against April-June). The categories are those the
    catalogue links to police presence (drugs, assault, robbery, public order, weapons); the
    control area is the rest of the data's area (the convex hull of Essex's incidents), as
    the point is in no Swedish kommun.

    What it shows (2018 data as stored): about 100 incidents in the treated area before and
    110 after (+10 %), while the control area rose about 24 % (spring and summer); the
    relative change (RR about 0.89) is well within chance (p about 0.4), as it should be
    where nothing was done. The buffer (150-350 m) rose about 50 %, more than the control
    (p about 0.04): with no real measure, the WDQ (about -3.6) is read as uncertain. Whole
    months leave no month-dated crime across a boundary; 8-week periods would leave
    thousands out, and the follow-up says so.
    """
    from hotspots.ingest.pipeline import import_file

    monkeypatch.setenv("HOTSPOTS_WORKING_CRS", "27700")
    monkeypatch.setenv("HOTSPOTS_TIMEZONE", "Europe/London")
    get_settings.cache_clear()
    for month in ("01", "02", "03", "04", "05", "06"):
        path = shared_data / "police_uk_essex" / f"2018-{month}-essex-street.csv.gz"
        import_file(path, store=sqlite_store, timezone="Europe/London", crs=4326)
    london = ZoneInfo("Europe/London")
    mid = sqlite_store.add_measure(
        measure="polisnarvaro",
        title="Patrols on the High Street, Southend",
        lon=0.7165,
        lat=51.5351,
        radius_m=150,
        status="genomförd",
        starts_on=datetime(2018, 4, 1, tzinfo=london),
    )
    r = follow_up(sqlite_store, mid, period="3m", language="en")
    assert r.ok, r.missing
    assert r.period == Period(3, "months")
    assert r.before == (datetime(2018, 1, 1, tzinfo=london), datetime(2018, 4, 1, tzinfo=london))
    assert r.after[1] == datetime(2018, 7, 1, tzinfo=london)
    assert set(r.categories) == {"narkotika", "misshandel", "ran", "ordningsstorning", "vapen"}
    assert r.control_source == "study_area" and r.excluded_windows == 0
    # sensible counts: a busy street, the county's thousands around it
    assert 60 <= r.treated.before <= 150 and 60 <= r.treated.after <= 150
    assert 100 <= r.buffer.before <= r.buffer.after <= 400
    assert 20_000 <= r.control.before < r.control.after <= 40_000
    assert 1.1 < r.control.after / r.control.before < 1.4  # spring and summer
    assert r.treated.area_km2 == pytest.approx(0.0707, abs=1e-3)
    # a placebo: not more than chance
    assert r.significant is False and r.p_value > 0.2
    assert r.rr_ci[0] < 1 < r.rr_ci[1]
    assert r.success_measure < 0 and r.wdq < -1
    assert "may be chance" in r.reading and "(uncertain" in r.reading
    stored = sqlite_store.records("incident", categories=r.categories)
    assert (
        r.treated.before + r.buffer.before + r.control.before
        <= (stored["occurred_from"] < r.before[1]).sum()
    )
    # weeks across month-dated data: the crossing months are left out, and said
    weeks = follow_up(sqlite_store, mid, period=8, language="en")
    assert weeks.excluded_windows > 1000
    assert "across a period boundary are not counted" in weeks.reading
