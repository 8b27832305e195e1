"""The follow-up library on built data where the effect is known, and its missing-data cases."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import pytest
from scipy.stats import fisher_exact

from hotspots.errors import InputError, NotFoundError
from hotspots.followup import (
    AreaCounts,
    Period,
    fisher_test,
    follow_up,
    parse_period,
    wdq_class,
)

from .conftest import (
    AS_OF,
    EFFECT,
    NULL,
    PLACED,
    TZ,
    add_measure,
    load,
    lonlat,
)


# ------------------------------------------------------------------------------ known effect
def test_drop_in_area_rise_in_buffer_flat_control(effect_store):
    """30 -> 10 in the area, 12 -> 20 in the buffer, 300 -> 300 in the control (both backends).

    SM = 10/300 - 30/300 = -1/15, BM = 20/300 - 12/300 = 2/75, WDQ = BM/SM = -0.4: some
    displacement. Fisher's exact test of [[10, 30], [300, 300]]: p = 0.0028.
    """
    store, mid = effect_store
    r = follow_up(store, mid, period=12, as_of=AS_OF)
    assert r.ok and r.missing == []
    assert (r.treated.before, r.treated.after) == EFFECT["treated"]
    assert (r.buffer.before, r.buffer.after) == EFFECT["buffer"]
    assert (r.control.before, r.control.after) == EFFECT["control"]
    assert r.control_source == "kommun" and r.control_name == "Höör"
    assert r.success_measure == pytest.approx(10 / 300 - 30 / 300)
    assert r.buffer_measure == pytest.approx(20 / 300 - 12 / 300)
    assert r.wdq == pytest.approx(-0.4)
    assert r.wdq_class == "displacement"
    assert r.relative_rate == pytest.approx(1 / 3)
    assert r.p_value == pytest.approx(fisher_exact([[10, 30], [300, 300]]).pvalue)
    assert r.p_value < 0.01 and r.significant is True
    lo, hi = r.rr_ci
    assert lo < 1 / 3 < hi < 1
    assert r.buffer_p_value > 0.05  # 12 -> 20 alone is not more than chance
    # areas: a 100 m circle, a 100-300 m ring
    assert r.treated.area_km2 == pytest.approx(math.pi * 0.1**2, rel=1e-3)
    assert r.buffer.area_km2 == pytest.approx(math.pi * (0.3**2 - 0.1**2), rel=1e-3)
    assert r.before[0] == datetime(2025, 12, 8, tzinfo=TZ)
    assert r.after == (PLACED, datetime(2026, 5, 25, tzinfo=TZ))
    assert r.reading == (
        "Antalet händelser i området minskade från 30 till 10 (−67 %) medan kontrollområdet "
        "var i stort sett oförändrat (0 %); minskningen jämfört med kontrollområdet är större "
        "än slumpen ger (p = 0,003). I buffertzonen (200 m) ökade händelserna från 12 till 20 "
        "(+67 %); WDQ −0,4: viss förflyttning, mindre än den direkta effekten."
    )
    assert r.short == "området 30→10 (−67 %), kontroll 0 %, p = 0,003, WDQ −0,4"


def test_reading_in_english(effect_sqlite):
    store, mid = effect_sqlite
    r = follow_up(store, mid, period="12w", as_of=AS_OF, language="en")
    assert r.reading.startswith(
        "Incidents in the area fell from 30 to 10 (-67%) while the control area was about "
        "unchanged (0%); the fall relative to the control area is more than chance would "
        "give (p = 0.003)."
    )
    assert "WDQ -0.4: some displacement" in r.reading
    d = r.to_dict()
    assert d["treated"] == {
        "before": 30,
        "after": 10,
        "change": -20,
        "change_pct": -66.7,
        "area_km2": pytest.approx(0.0314, abs=1e-4),
    }
    assert d["wdq"] == -0.4 and d["significant"] is True and d["ok"] is True


def test_default_period_is_the_time_since_placement(effect_sqlite):
    store, mid = effect_sqlite
    # 12 weeks after placement (across the change to summer time): 12-week periods
    r = follow_up(store, mid, as_of=datetime(2026, 5, 25, 9, tzinfo=TZ))
    assert r.period == Period(12, "weeks")
    assert (r.treated.before, r.treated.after) == (30, 10)


def test_a_wider_buffer_and_a_given_control(effect_sqlite):
    store, mid = effect_sqlite
    # the buffer grows to 400 m: still the same 12 -> 20 at 200 m (no control points within)
    r = follow_up(store, mid, period=12, as_of=AS_OF, buffer_m=400)
    assert (r.buffer.before, r.buffer.after) == (12, 20)
    # a control box east of the square holds part of the control points only
    w, s = lonlat(500, -3500)
    e, n = lonlat(3500, 3500)
    box = {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}
    r = follow_up(store, mid, period=12, as_of=AS_OF, control=box)
    assert r.control_source == "given"
    assert 0 < r.control.before < 300 and 0 < r.control.after < 300
    with pytest.raises(InputError, match="GeoJSON"):
        follow_up(store, mid, period=12, as_of=AS_OF, control={"type": "Point"})


def test_no_effect_is_not_significant(store, tmp_path):
    load(store, tmp_path, NULL)
    mid = add_measure(store)
    r = follow_up(store, mid, period=12, as_of=AS_OF)
    assert (r.treated.before, r.treated.after) == (20, 20)
    assert r.p_value == pytest.approx(1.0) and r.significant is False
    assert r.success_measure == 0 and r.wdq is None and r.wdq_class == "undefined"
    assert "skillnaden mot kontrollområdet kan vara slump (p = 1,00)" in r.reading
    assert "WDQ kan inte beräknas" in r.reading


def test_an_area_measure_and_its_categories(sqlite_store, tmp_path):
    load(sqlite_store, tmp_path, EFFECT)
    # a square of 200 m around the centre: the treated points, not the buffer (200 m away)
    w, s = lonlat(-90, -90)
    e, n = lonlat(90, 90)
    area = {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}
    mid = sqlite_store.add_measure(
        measure="grannsamverkan", title="Grannsamverkan", area_geojson=area, starts_on=PLACED
    )
    r = follow_up(sqlite_store, mid, period=12, as_of=AS_OF)
    # grannsamverkan is listed by burglary categories, not vandalism: nothing counted
    assert "skadegorelse" not in r.categories and "inbrott_bostad" in r.categories
    assert (r.treated.before, r.treated.after, r.control.before) == (0, 0, 0)
    assert r.too_few and r.p_value is None
    r = follow_up(sqlite_store, mid, period=12, as_of=AS_OF, categories=["skadegorelse"])
    assert (r.treated.before, r.treated.after) == (30, 10)
    with pytest.raises(InputError, match="okända händelsekategorier: nej"):
        follow_up(sqlite_store, mid, period=12, as_of=AS_OF, categories=["nej"])


# ------------------------------------------------------------------------------ missing data
def test_unknown_measure_is_not_found(sqlite_store):
    with pytest.raises(NotFoundError, match="^ingen åtgärd med id 99$"):
        follow_up(sqlite_store, 99)


def test_no_placement_date(effect_sqlite):
    store, _ = effect_sqlite
    mid = add_measure(store, starts_on=None, status="planerad")
    r = follow_up(store, mid, as_of=AS_OF)
    assert not r.ok and r.treated is None and r.wdq is None and r.p_value is None
    assert r.missing == [
        f"Åtgärd {mid} har inget datum för när den placerades: utan det går det inte att "
        "jämföra före och efter."
    ]
    assert r.reading == r.missing[0] and r.short == r.missing[0]


def test_placed_in_the_future_or_too_recently(effect_sqlite):
    store, mid = effect_sqlite
    r = follow_up(store, mid, as_of=PLACED - timedelta(days=3))
    assert r.missing == [
        "Åtgärden placeras först 2026-03-02: det finns ännu ingen tid efter att följa upp."
    ]
    r = follow_up(store, mid, as_of=PLACED + timedelta(days=10))
    assert r.missing == [
        "Åtgärden placerades 2026-03-02, för 10 dagar sedan: en uppföljning behöver minst 4 "
        "veckor efter placeringen (tidigast 2026-03-30)."
    ]
    r = follow_up(store, mid, period=12, as_of=PLACED + timedelta(weeks=6))
    assert r.missing == [
        "Efterperioden tar slut först 2026-05-24: välj en kortare period eller vänta."
    ]


def test_no_data_before_the_measure(effect_sqlite):
    """The data start on 8 Dec 2025: a 20-week comparison would need data from 13 Oct."""
    store, mid = effect_sqlite
    r = follow_up(store, mid, period=20, as_of=datetime(2026, 11, 1, tzinfo=TZ), language="en")
    assert r.missing == [
        "The incident data start on 2025-12-08, after the start of the before period "
        "2025-10-13: there are no data before the measure to compare with.",
        "The incident data end on 2026-05-24, before the end of the after period "
        "2026-07-19: the after period is not covered by data.",
    ]
    assert r.treated is None and r.wdq is None


def test_empty_database(sqlite_store):
    mid = add_measure(sqlite_store)
    r = follow_up(sqlite_store, mid, period=12, as_of=AS_OF)
    assert r.missing == ["Det finns inga händelser i databasen att jämföra med."]


def test_too_few_incidents_for_a_test(sqlite_store, tmp_path):
    load(sqlite_store, tmp_path, {"treated": (3, 1), "buffer": (2, 2), "control": (300, 300)})
    mid = add_measure(sqlite_store)
    r = follow_up(sqlite_store, mid, period=12, as_of=AS_OF)
    assert r.ok and (r.treated.before, r.treated.after) == (3, 1)
    assert r.too_few and r.p_value is None and r.significant is None
    assert (
        "med 4 händelser i området är det för få för att skilja en förändring från "
        "slumpen" in r.reading
    )
    assert "p =" not in r.reading
    assert r.wdq_class == "none"  # the buffer did not change: WDQ 0
    assert "för få för ett test" in r.short


def test_bad_arguments(effect_sqlite):
    store, mid = effect_sqlite
    for bad in ("zwölf", 0, "0w", timedelta(days=3), True):
        with pytest.raises(InputError, match="ogiltig period"):
            follow_up(store, mid, period=bad, as_of=AS_OF)
    for bad in (0, -5, "x", float("nan")):
        with pytest.raises(InputError, match="ogiltig buffertzon"):
            follow_up(store, mid, buffer_m=bad, as_of=AS_OF)
    with pytest.raises(InputError, match="tidszon"):
        follow_up(store, mid, as_of=datetime(2026, 6, 1))


# ------------------------------------------------------------------------------ pieces
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (12, Period(12, "weeks")),
        ("3m", Period(3, "months")),
        ("8v", Period(8, "weeks")),
        (timedelta(weeks=6), Period(6, "weeks")),
    ],
)
def test_parse_period(value, expected):
    assert parse_period(value) == expected


@pytest.mark.parametrize(
    ("sm", "wdq", "cls"),
    [
        (-0.1, 1.5, "diffusion_greater"),
        (-0.1, 0.5, "diffusion"),
        (-0.1, 0.0, "none"),
        (-0.1, -0.3, "displacement"),
        (-0.1, -2.0, "displacement_greater"),
        (0.1, -0.3, "not_applicable"),
        (0.0, None, "undefined"),
        (None, None, "undefined"),
    ],
)
def test_wdq_classes(sm, wdq, cls):
    assert wdq_class(sm, wdq) == cls


def test_fisher_test_and_counts():
    res = fisher_test(30, 10, 300, 300)
    assert res["relative_rate"] == pytest.approx(1 / 3)
    assert res["p_value"] == pytest.approx(fisher_exact([[10, 30], [300, 300]]).pvalue)
    # 5 incidents that all vanish: p = 0.06 at best, so no test
    assert fisher_test(5, 0, 300, 300)["too_few"]
    assert not fisher_test(6, 0, 300, 300)["too_few"]
    c = AreaCounts(0, 4, 1.0)
    assert c.change == 4 and c.change_pct is None
