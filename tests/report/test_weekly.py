"""The weekly lägesbild's numbers on built data whose trends are known."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hotspots.errors import InputError
from hotspots.report.weekly import weekly_report

from .conftest import PLACES, WEEK, lonlat


def by_place(report):
    """Table rows keyed by the built place nearest to each row's area."""
    out = {}
    for row in report.hotspots:
        c = row.geometry.centroid
        name = min(
            PLACES,
            key=lambda p: (
                (lonlat(*PLACES[p][:2])[0] - c.x) ** 2 + (lonlat(*PLACES[p][:2])[1] - c.y) ** 2
            ),
        )
        out[name] = row
    return out


def test_counts_and_trends_of_the_built_week(built_store):
    report = weekly_report(built_store, WEEK, role="analyst")
    assert report.week == "2026-W10"
    rows = by_place(report)
    assert set(rows) == set(PLACES)
    for name, (_, _, _, weekly, _) in PLACES.items():
        sensitive = 1 if name == "torget" else 0  # counted in the area, never named
        assert rows[name].this_week == weekly[-1] + sensitive, name
        assert rows[name].previous == weekly[:-1], name
    assert rows["torget"].trend == "growing" and rows["torget"].trend_label == "ökande"
    assert rows["villor"].trend == "new"
    assert rows["parkering"].trend == "fading"
    assert rows["skolan"].trend == "persistent"
    assert rows["torget"].change == pytest.approx(10.0)
    # ordered by this week's count
    assert [r.rank for r in report.hotspots] == list(range(1, len(report.hotspots) + 1))
    assert report.hotspots[0].this_week == max(r.this_week for r in report.hotspots)
    # all incidents of the week, precise or not (12 + 6 + 2 + 1 sensitive + 2 unplaced)
    assert report.n_week == 23
    assert report.n_mapped == 21
    assert report.previous_counts == [13, 13, 13, 13]


def test_suggestions_follow_the_profile(built_store):
    rows = by_place(weekly_report(built_store, WEEK, role="analyst"))
    torget = {s.measure: s for s in rows["torget"].suggestions}
    assert (
        "belysning" in torget and "1 öppna observationer om belysning" in torget["belysning"].reason
    )
    villor = {s.measure for s in rows["villor"].suggestions}
    assert {"grannsamverkan", "rojning"} <= villor
    assert {"trafikkontroll", "trafiksakerhet"} <= {
        s.measure for s in rows["parkering"].suggestions
    }
    cam = {s.measure: s for s in rows["skolan"].suggestions}["kamera"]
    assert "5 av 5 veckor" in cam.reason and "kamerabevakningslagen" in cam.note


def test_sensitive_categories_are_not_named(built_store):
    report = weekly_report(built_store, WEEK, role="analyst")
    for row in report.hotspots:
        assert all("nära relation" not in label for label, _ in row.categories)
        assert all("nära relation" not in s.reason for s in row.suggestions)


def test_unplaced_incidents_are_counted_not_lost(built_store):
    report = weekly_report(built_store, WEEK)
    failed = report.imprecise.loc[report.imprecise["precision"] == "failed", "n"].sum()
    assert failed == 2
    assert report.review_pending == 2


def test_observations_new_and_closed_and_measures(built_store):
    obs = built_store.records("observation", columns=("id", "external_id"))
    ids = dict(zip(obs["external_id"], obs["id"], strict=True))
    built_store.set_status(
        "observation",
        int(ids["O1"]),
        "åtgärdad",
        at=datetime(2026, 3, 4, 9, tzinfo=UTC),
        note="Ny lampa",
    )
    built_store.set_status(
        "observation", int(ids["O3"]), "rapporterad", at=datetime(2026, 3, 4, 9, tzinfo=UTC)
    )
    lon, lat = lonlat(-1500, 0)
    built_store.add_measure(
        measure="kamera",
        title="Kamera vid skolan",
        lon=lon,
        lat=lat,
        radius_m=50,
        status="planerad",
        decided_on=datetime(2026, 3, 3, tzinfo=UTC),
    )
    report = weekly_report(built_store, WEEK)
    assert list(report.new_observations["description"]) == ["<script>alert('x')</script>"]
    assert list(report.closed_observations["note"]) == ["Ny lampa"]
    assert list(report.measures["title"]) == ["Kamera vid skolan"]
    rows = by_place(report)
    assert any("Kameraövervakning (planerad)" == m for m in rows["skolan"].measures)
    # the lighting observation is fixed: no longer an open observation at the square
    assert "belysning" not in {s.measure for s in rows["torget"].suggestions}


def test_measures_show_the_status_they_had_that_week(built_store):
    lon, lat = lonlat(-1500, 0)
    mid = built_store.add_measure(
        measure="kamera",
        title="Kamera vid skolan",
        lon=lon,
        lat=lat,
        radius_m=50,
        status="planerad",
        decided_on=datetime(2026, 2, 2, tzinfo=UTC),
        at=datetime(2026, 2, 2, 9, tzinfo=UTC),
    )
    built_store.set_status("measure", mid, "pågående", at=datetime(2026, 3, 4, 9, tzinfo=UTC))
    built_store.set_status("measure", mid, "genomförd", at=datetime(2026, 3, 18, 9, tzinfo=UTC))
    expected = {"2026-W09": "planerad", WEEK: "pågående", "2026-W12": "genomförd"}
    for week, status in expected.items():
        report = weekly_report(built_store, week)
        (row,) = report.measures.itertuples()
        assert row.status == status, week
        assert row.changed_this_week == (week != "2026-W09"), week
    # today's status is unchanged by the replay
    assert list(built_store.measures()["status"]) == ["genomförd"]
    rows = by_place(weekly_report(built_store, WEEK))
    assert "Kameraövervakning (pågående)" in rows["skolan"].measures


def test_small_counts_are_shown_as_less_than_k_for_leadership(built_store):
    lead = weekly_report(built_store, WEEK, role="leadership", min_count=5)
    analyst = weekly_report(built_store, WEEK, role="analyst", min_count=5)
    assert lead.shown(2) == "< 5" and analyst.shown(2) == "2"
    assert lead.shown(0) == "0" and lead.shown(12) == "12"


def test_a_week_without_data_is_an_empty_report_not_an_error(built_store):
    report = weekly_report(built_store, "2025-W10")
    assert report.empty and report.n_week == 0 and report.hotspots == []


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"week": "2026-W60"}, "2026-W60"),
        ({"week": "vecka 10"}, "vecka 10"),
        ({"week": WEEK, "categories": ["ufo"]}, "okänd kategori 'ufo'"),
        ({"week": WEEK, "role": "boss"}, "roll 'boss'"),
    ],
)
def test_bad_input_is_one_clear_line(sqlite_store, kwargs, needle):
    week = kwargs.pop("week")
    with pytest.raises(InputError) as err:
        weekly_report(sqlite_store, week, **kwargs)
    text = str(err.value)
    assert needle in text and "\n" not in text
