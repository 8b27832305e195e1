"""Hour x weekday profiles: local time, aoristic windows, daylight saving, long windows."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest

from hotspots.detect.profile import WEEK_HOURS, grouped_profiles, hour_weekday_profile
from hotspots.errors import InputError

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def utc(*values) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values), utc=True))


def local(*values) -> pd.Series:
    """Europe/Stockholm wall-clock strings as UTC datetimes (as the store keeps them)."""
    return pd.Series(pd.to_datetime(list(values)).tz_localize(STOCKHOLM).tz_convert("UTC"))


def only(profile, expected: dict) -> None:
    want = np.zeros((7, 24))
    for (day, hour), value in expected.items():
        want[day, hour] = value
    np.testing.assert_allclose(profile, want, atol=1e-12)


def reference(start, end, tz=STOCKHOLM, max_window_hours=168) -> np.ndarray:
    """Slow and obvious: walk each window hour by hour in UTC, label each hour locally."""
    out = np.zeros((7, 24))
    for s, e in zip(start, end, strict=True):
        if pd.isna(s):
            continue
        s = s.to_pydatetime()
        if pd.isna(e) or e <= s:
            t = s.astimezone(tz)
            out[t.weekday(), t.hour] += 1
            continue
        e = e.to_pydatetime()
        if e - s > timedelta(hours=max_window_hours):
            out += 1 / WEEK_HOURS
            continue
        hour = s.replace(minute=0, second=0, microsecond=0)
        while hour < e:
            nxt = hour + timedelta(hours=1)
            overlap = (min(nxt, e) - max(hour, s)) / (e - s)
            t = hour.astimezone(tz)
            out[t.weekday(), t.hour] += overlap
            hour = nxt
    return out


# ------------------------------------------------------------------------------ instants
def test_an_instant_adds_one_to_its_local_hour():
    # Monday 8 January 2024, 12:30 UTC = 13:30 CET; Monday 1 July, 12:00 UTC = 14:00 CEST
    only(hour_weekday_profile(utc("2024-01-08 12:30", "2024-07-01 12:00")),
         {(0, 13): 1, (0, 14): 1})


def test_conversion_to_another_time_zone():
    # 2024-01-08 03:00 UTC is Sunday 21:00 in Chicago (UTC-6)
    only(hour_weekday_profile(utc("2024-01-08 03:00"), tz="America/Chicago"), {(6, 21): 1})


def test_naive_times_are_utc_and_aware_times_are_converted():
    naive = pd.Series(pd.to_datetime(["2024-01-08 12:30"]))
    aware = pd.Series(pd.to_datetime(["2024-01-08 13:30"]).tz_localize(STOCKHOLM))
    only(hour_weekday_profile(naive), {(0, 13): 1})
    only(hour_weekday_profile(aware), {(0, 13): 1})


def test_missing_end_or_end_before_start_is_an_instant_and_missing_start_is_left_out():
    start = local("2024-01-08 10:10", "2024-01-08 11:10", None)
    end = pd.Series([pd.NaT, local("2024-01-08 09:00")[0], pd.NaT])
    only(hour_weekday_profile(start, end), {(0, 10): 1, (0, 11): 1})


# ------------------------------------------------------------------------------ windows
def test_a_window_over_midnight_sunday_to_monday_is_split():
    only(hour_weekday_profile(local("2024-01-07 23:00"), local("2024-01-08 01:00")),
         {(6, 23): 0.5, (0, 0): 0.5})


def test_a_window_is_spread_in_proportion_to_overlap():
    only(hour_weekday_profile(local("2024-01-10 10:30"), local("2024-01-10 12:00")),
         {(2, 10): 1 / 3, (2, 11): 2 / 3})


def test_a_window_ending_on_the_hour_does_not_touch_the_next_hour():
    only(hour_weekday_profile(local("2024-01-10 10:00"), local("2024-01-10 11:00")),
         {(2, 10): 1})


def test_spring_forward_skips_the_missing_hour():
    # Sunday 31 March 2024: 02:00 CET jumps to 03:00 CEST; 01:30-03:30 local is one real hour
    start, end = utc("2024-03-31 00:30"), utc("2024-03-31 01:30")
    assert (start.dt.tz_convert(STOCKHOLM).dt.hour[0], end.dt.tz_convert(STOCKHOLM).dt.hour[0]) \
        == (1, 3)
    only(hour_weekday_profile(start, end), {(6, 1): 0.5, (6, 3): 0.5})


def test_fall_back_counts_the_repeated_hour_twice():
    # Sunday 27 October 2024: 03:00 CEST goes back to 02:00 CET; 00:00-02:00 UTC is two
    # real hours, both of them 02-03 local time
    only(hour_weekday_profile(utc("2024-10-27 00:00"), utc("2024-10-27 02:00")), {(6, 2): 1})


def test_long_windows_are_spread_over_the_whole_week():
    start = local("2024-01-01 08:00", "2024-01-01 08:00")
    end = local("2024-01-09 08:00", "2024-01-08 08:00")  # 8 days: uniform; 7 days: spread
    p = hour_weekday_profile(start, end)
    assert p.sum() == pytest.approx(2)
    # the exactly-one-week window covers every hour once: 1/168 each, as the long one
    np.testing.assert_allclose(p, np.full((7, 24), 2 / WEEK_HOURS))
    short = hour_weekday_profile(local("2024-01-01 08:00"), local("2024-01-02 08:00"),
                                 max_window_hours=12)
    np.testing.assert_allclose(short, np.full((7, 24), 1 / WEEK_HOURS))


def test_matches_an_hour_by_hour_reference_across_daylight_saving():
    rng = np.random.default_rng(4)
    n = 400
    base = pd.Timestamp("2024-03-25", tz="UTC").value
    span = 240 * 24 * 3_600_000_000_000  # into November: both changes
    s = base + rng.integers(0, span, n) // 1000 * 1000  # whole microseconds, as datetime
    length = rng.choice([0, 1, 2, 5, 30, 200], n) * 3_600_000_000 * rng.random(n)
    e = s + length.astype(np.int64) * 1000
    start = pd.Series(pd.to_datetime(s, utc=True))
    end = pd.Series(pd.to_datetime(e, utc=True))
    end[rng.random(n) < 0.1] = pd.NaT
    np.testing.assert_allclose(hour_weekday_profile(start, end), reference(start, end),
                               atol=1e-9)


def test_groups_add_up_to_the_whole():
    rng = np.random.default_rng(1)
    s = pd.Timestamp("2024-01-01", tz="UTC").value + rng.integers(0, 10**17, 500)
    start = pd.Series(pd.to_datetime(s, utc=True))
    end = start + pd.to_timedelta(rng.integers(0, 40, 500), unit="h")
    groups = rng.integers(-1, 3, 500)
    per = grouped_profiles(start, end, groups=groups, n_groups=3)
    assert per.shape == (3, 7, 24)
    np.testing.assert_allclose(per.sum(axis=(1, 2)), np.bincount(groups[groups >= 0]))
    keep = groups >= 0
    np.testing.assert_allclose(per.sum(axis=0),
                               hour_weekday_profile(start[keep], end[keep]), atol=1e-9)


def test_vectorised_for_a_hundred_thousand_records():
    rng = np.random.default_rng(2)
    n = 100_000
    s = pd.Timestamp("2023-01-01", tz="UTC").value + rng.integers(0, 3 * 10**16, n)
    start = pd.Series(pd.to_datetime(s, utc=True))
    end = start + pd.to_timedelta(rng.exponential(6.0, n), unit="h")
    t = time.perf_counter()
    p = hour_weekday_profile(start, end)
    assert time.perf_counter() - t < 5.0  # about 0.2 s on a laptop
    assert p.shape == (7, 24)
    assert p.sum() == pytest.approx(n)
    assert (p >= 0).all()


def test_empty_input_gives_zeros():
    p = hour_weekday_profile(pd.Series([], dtype="datetime64[ns, UTC]"), None)
    assert p.shape == (7, 24) and p.sum() == 0


def test_python_datetimes_are_accepted():
    start = [datetime(2024, 1, 8, 12, 30, tzinfo=UTC)]
    only(hour_weekday_profile(start), {(0, 13): 1})


@pytest.mark.parametrize("kwargs", [{"tz": "Europe/Nowhere"}, {"max_window_hours": 0},
                                    {"max_window_hours": float("nan")},
                                    {"max_window_hours": "24"}])
def test_bad_parameters_raise(kwargs):
    with pytest.raises(InputError):
        hour_weekday_profile(utc("2024-01-08 12:30"), **kwargs)


def test_start_and_end_of_different_lengths_raise():
    with pytest.raises(InputError):
        hour_weekday_profile(utc("2024-01-08 12:30"), utc("2024-01-08 13:30", "2024-01-08 14:00"))
