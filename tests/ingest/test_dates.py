from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from hotspots.ingest.dates import day_order, detect_dayfirst, parse_when
from hotspots.settings import get_settings

NOW = pd.Timestamp("2026-12-01 12:00", tz="UTC")
UTC = "datetime64[ns, UTC]"


def S(*values):
    return pd.Series(list(values), dtype=object)


def ts(text):
    return pd.Timestamp(text, tz="UTC")


def one(tz="Europe/Stockholm", **columns):
    """Parse one row given as field=text; return (start, end, error)."""
    r = parse_when(now=NOW, tz=tz, **{k: S(v) for k, v in columns.items()})
    return r.start.iloc[0], r.end.iloc[0], r.error.iloc[0]


@pytest.mark.parametrize(
    ("text", "start_utc"),
    [
        ("2026-11-21 14:30", "2026-11-21 13:30"),
        ("2026-11-21T14:30:15", "2026-11-21 13:30:15"),
        ("2026-11-21T14:30:15.250", "2026-11-21 13:30:15.250"),
        ("2026-11-21T14:30:00,5", "2026-11-21 13:30:00.500"),
        ("2026-11-21 kl. 14.30", "2026-11-21 13:30"),
        ("2026-11-21 kl 14", "2026-11-21 13:00"),
        ("21/11/2026 14:30", "2026-11-21 13:30"),
        ("21.11.2026 14.30", "2026-11-21 13:30"),
        ("den 3 mars 2025 kl 08:15", "2025-03-03 07:15"),
        ("21 nov. 2026 14:30", "2026-11-21 13:30"),
        ("11/21/2015 10:37:47 AM", "2015-11-21 09:37:47"),
        ("11/21/2015 12:05:00 AM", "2015-11-20 23:05:00"),
        ("11/21/2015 12:05 PM", "2015-11-21 11:05"),
        ("Mon, 21 Nov 2025 14:30:00 +0000", "2025-11-21 14:30"),
        ("November 21, 2025 2:30 PM", "2025-11-21 13:30"),
        # values with their own offset keep it
        ("2022-10-03 6:42:47 +02:00", "2022-10-03 04:42:47"),
        ("2026-11-21T14:30:00Z", "2026-11-21 14:30"),
        ("2026-07-01 12:00 CEST", "2026-07-01 10:00"),
    ],
)
def test_instants(text, start_utc):
    start, end, error = one(datetime=text)
    assert error is None
    assert start == ts(start_utc)
    assert pd.isna(end)


@pytest.mark.parametrize(
    "text",
    ["2026-11-21", "21/11/2026", "21.11.2026", "21-11-2026", "21/11/26", "21 november 2026",
     "21 nov. 2026", "21 Nov 2026", "lördag 21 november 2026", "20261121"],
)
def test_a_date_is_the_whole_local_day(text):
    start, end, error = one(date=text)
    assert error is None
    assert start == ts("2026-11-20 23:00")  # 00:00 in Stockholm (CET)
    assert end == ts("2026-11-21 23:00")


def test_day_window_on_dst_days_is_23_or_25_hours():
    r = parse_when(date=S("2026-03-29", "2026-10-25"), now=NOW)
    hours = ((r.end - r.start).dt.total_seconds() / 3600).tolist()
    assert hours == [23.0, 25.0]


@pytest.mark.parametrize(("text", "start", "end"), [
    ("2018-01", "2017-12-31 23:00", "2018-01-31 23:00"),
    ("november 2025", "2025-10-31 23:00", "2025-11-30 23:00"),
    ("02/2024", "2024-01-31 23:00", "2024-02-29 23:00"),
])
def test_month_is_the_whole_month(text, start, end):
    s, e, error = one(date=text)
    assert error is None
    assert (s, e) == (ts(start), ts(end))


def test_uk_month_in_london_time():
    s, e, _ = one(date="2018-01", tz="Europe/London")
    assert (s, e) == (ts("2018-01-01"), ts("2018-02-01"))


def test_date_plus_time_columns():
    r = parse_when(date=S("2026-11-21", "2026-11-21", "2026-11-21 00:00:00", "2026-11-21"),
                   time=S("14:30", "kl 8", "1430", None), now=NOW)
    assert r.error.isna().all()
    assert r.start.tolist() == [ts("2026-11-21 13:30"), ts("2026-11-21 07:00"),
                                ts("2026-11-21 13:30"), ts("2026-11-20 23:00")]
    assert pd.isna(r.end.iloc[0]) and r.end.iloc[3] == ts("2026-11-21 23:00")


def test_bad_time_is_reported_on_the_time_field():
    r = parse_when(date=S("2026-11-21"), time=S("25:70"), now=NOW, labels={"time": "Klockslag"})
    assert r.error_field.iloc[0] == "time"
    assert r.error.iloc[0] == (
        "tiden '25:70' i Klockslag går inte att läsa (förväntat t.ex. 14:30 eller kl. 14.30)"
    )


def test_time_without_date():
    r = parse_when(date=S(None), time=S("14:30"), now=NOW)
    assert r.error_field.iloc[0] == "time"
    assert r.error.iloc[0] == "tiden '14:30' i time har inget datum"


def test_dst_gap_shifts_forward_and_overlap_takes_first():
    r = parse_when(datetime=S("2026-03-29 02:30", "2026-10-25 02:30"), now=NOW)
    assert r.start.tolist() == [ts("2026-03-29 01:00"), ts("2026-10-25 00:30")]


def test_explicit_window():
    r = parse_when(occurred_from=S("2026-11-20 22:00", "2026-11-20", "2026-11-21 10:00"),
                   occurred_to=S("2026-11-21 06:00", "2026-11-22", None), now=NOW)
    assert r.error.isna().all()
    assert r.start.tolist() == [ts("2026-11-20 21:00"), ts("2026-11-19 23:00"),
                                ts("2026-11-21 09:00")]
    # a "till" date includes its whole day; no "till" on an instant is an instant
    assert r.end.iloc[0] == ts("2026-11-21 05:00")
    assert r.end.iloc[1] == ts("2026-11-22 23:00")
    assert pd.isna(r.end.iloc[2])


def test_window_of_times_on_a_date_crosses_midnight():
    r = parse_when(date=S("2026-11-20"), occurred_from=S("22:00"), occurred_to=S("06:00"),
                   now=NOW)
    assert r.error.iloc[0] is None
    assert r.start.iloc[0] == ts("2026-11-20 21:00")
    assert r.end.iloc[0] == ts("2026-11-21 05:00")


def test_window_end_before_start_is_an_error():
    r = parse_when(occurred_from=S("2026-11-21 10:00"), occurred_to=S("2026-11-20 10:00"),
                   now=NOW, labels={"occurred_to": "Till"})
    assert r.error_field.iloc[0] == "occurred_to"
    assert r.error.iloc[0] == "sluttiden '2026-11-20 10:00' i Till ligger före starttiden"
    assert pd.isna(r.start.iloc[0])


def test_unreadable_date_message():
    r = parse_when(date=S("31/02/2026", "garbage", ""), now=NOW, labels={"date": "Datum"})
    assert r.error.iloc[0] == ("datumet '31/02/2026' i Datum går inte att läsa "
                               "(förväntat t.ex. 2026-11-21 eller 21/11/2026)")
    assert r.error_value.iloc[0] == "31/02/2026"
    assert r.error_field.iloc[0] == "date"
    assert r.error.iloc[1].startswith("datumet 'garbage' i Datum går inte att läsa")
    assert r.error.iloc[2] == "datum saknas (Datum är tomt)"
    assert r.start.isna().all()


def test_messages_in_english(monkeypatch):
    monkeypatch.setenv("HOTSPOTS_LANGUAGE", "en")
    get_settings.cache_clear()
    r = parse_when(date=S("31/02/2026", ""), now=NOW, labels={"date": "Datum"})
    assert r.error.tolist() == [
        "unreadable date '31/02/2026' in Datum (expected e.g. 2026-11-21 or 21/11/2026)",
        "no date (empty Datum)",
    ]
    r = parse_when(date=S("2026-11-21"), time=S("25:70"), now=NOW, labels={"time": "Kl"})
    assert r.error.iloc[0] == "unreadable time '25:70' in Kl (expected e.g. 14:30 or kl. 14.30)"


def test_future_and_too_old():
    r = parse_when(datetime=S("2026-12-02 11:00", "2026-12-05", "1899-12-31", "1900-01-02"),
                   now=NOW)
    assert r.error.iloc[0] is None  # within a day of now
    assert r.error.iloc[1] == "datumet '2026-12-05' i datetime ligger i framtiden"
    assert r.error.iloc[2] == "datumet '1899-12-31' i datetime är före år 1900"
    assert r.error.iloc[3] is None


def test_only_a_time_in_a_date_column():
    _, _, error = one(datetime="14:30")
    assert error == "'14:30' i datetime är bara en tid, inget datum"


def test_dayfirst_false_reads_month_first():
    r = parse_when(date=S("03/04/2026", "25/03/2026"), dayfirst=False, now=NOW)
    assert r.start.iloc[0] == ts("2026-03-03 23:00")
    assert "datum läses här som månad/dag" in r.error.iloc[1]


def test_undecided_order_defaults_to_day_first():
    start, _, _ = one(date="03/04/2026")
    assert start == ts("2026-04-02 22:00")  # 3 April, CEST


def test_two_digit_years():
    r = parse_when(date=S("21/11/26", "01/02/99"), now=NOW)
    assert r.start.dt.year.tolist() == [2026, 1999]


def test_excel_serial_dates_in_a_numeric_column():
    r = parse_when(date=S("45123", "45123,5", "45124"), now=NOW)
    assert r.error.isna().all()
    assert r.start.iloc[0] == ts("2023-07-15 22:00")  # 2023-07-16 local
    assert r.start.iloc[1] == ts("2023-07-16 10:00")  # 12:00 local
    assert pd.isna(r.end.iloc[1])


def test_mixed_offsets_and_local_times():
    r = parse_when(datetime=S("2022-10-03 06:42:47 +02:00", "2022-12-03 06:42:47 +01:00",
                              "2022-12-03 06:42:47"), now=NOW)
    assert r.error.isna().all()
    assert r.start.tolist() == [ts("2022-10-03 04:42:47"), ts("2022-12-03 05:42:47"),
                                ts("2022-12-03 05:42:47")]


def test_datetime_wins_and_date_fills_gaps():
    r = parse_when(datetime=S("2026-11-21 14:30", None), date=S("2026-01-01", "2026-01-02"),
                   now=NOW)
    assert r.start.tolist() == [ts("2026-11-21 13:30"), ts("2026-01-01 23:00")]


def test_result_types_and_index():
    idx = pd.Index([5, 7])
    r = parse_when(datetime=pd.Series(["2026-11-21 14:30", "x"], index=idx, dtype=object),
                   now=NOW)
    for s in (r.start, r.end):
        assert str(s.dtype) == UTC and list(s.index) == [5, 7]
    assert r.error.dtype == object and r.error.iloc[0] is None


def test_day_order_detection():
    assert detect_dayfirst(S("25/03/2026", "03/04/2026")) is True
    assert detect_dayfirst(S("03/25/2026", "03/04/2026")) is False
    assert detect_dayfirst(S("01/02/2026 10:00:00 AM")) is False
    assert detect_dayfirst(S("03/04/2026", "2026-01-01", None)) is None
    assert day_order(S("25/03/2026", "03/25/2026")) == (None, True)
    assert day_order(S("25.03.2026")) == (True, False)


def test_million_iso_timestamps_are_fast():
    rng = np.random.default_rng(0)
    t0 = pd.Timestamp("2020-01-01").value
    stamps = pd.to_datetime(rng.integers(t0, t0 + 4 * 365 * 86_400 * 10**9, 1_000_000)).floor("s")
    values = pd.Series(stamps.strftime("%Y-%m-%dT%H:%M:%S"), dtype=object)
    parse_when(datetime=values.head(1000), now=NOW)  # warm-up
    start = time.perf_counter()
    r = parse_when(datetime=values, now=NOW)
    elapsed = time.perf_counter() - start
    assert r.error.isna().all()
    expected = stamps.tz_localize("Europe/Stockholm", ambiguous=np.ones(len(stamps), bool),
                                  nonexistent="shift_forward").tz_convert("UTC")
    assert (r.start.to_numpy() == expected.as_unit("ns").to_numpy()).all()
    assert elapsed < 2.0, f"{elapsed:.2f} s"
