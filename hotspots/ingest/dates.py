"""Vectorised parsing of dates, times and time windows into timezone-aware UTC.

Semantics of :func:`parse_when`:

* A date without a time means "sometime that day": ``start`` is 00:00 local time and
  ``end`` the next day's 00:00 (a 23 or 25 hour window on DST days). A month (``2018-01``,
  ``november 2026``) is the whole month. A value with a time is an instant (``end`` NaT).
* ``occurred_from``/``occurred_to`` give an explicit window; a ``till`` date without a time
  includes that whole day; a time-only ``från``/``till`` (``22:00``) goes with the row's
  date, and a ``till`` time not after the ``från`` time is on the next day (overnight).
* Local times are in ``tz``. Spring-forward times that do not exist shift forward (02:30 ->
  03:00), autumn times that occur twice take the first (summer-time) occurrence. Values
  with an offset (``+02:00``, ``Z``, ``UTC``, ``CEST``) keep it.
* Day/month order of numeric dates (``03/04/2026``) follows ``dayfirst``; ``None`` means
  day first (Swedish) unless the value has AM/PM, which is US month-first. A value that
  does not fit the order is an error, never silently swapped.
* Two-digit years are 20yy unless that is more than a year ahead, then 19yy.
* A column whose values are all (>= 90 %) five-digit numbers is read as Excel serial dates
  (days since 1899-12-30; a fraction is the time of day): ``45123`` is 2023-07-16.
* Dates before 1900 or more than one day after ``now`` are errors.

Speed: ISO values go through pandas' C parser in one pass; everything else is parsed in
Python once per distinct value.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from hotspots.i18n import msg

__all__ = ["WhenResult", "day_order", "detect_dayfirst", "parse_when"]

NAT = np.datetime64("NaT", "ns")
_DAY = np.timedelta64(1, "D").astype("m8[ns]")
_DAY_NS = 86_400 * 10**9

# kinds of a parsed value
EMPTY, INSTANT, DAY, MONTH, TIME, BAD = 0, 1, 2, 3, 4, 9

_MONTHS = {
    **dict.fromkeys(("januari", "january", "jan"), 1),
    **dict.fromkeys(("februari", "february", "feb"), 2),
    **dict.fromkeys(("mars", "march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("maj", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("augusti", "august", "aug"), 8),
    **dict.fromkeys(("september", "sept", "sep"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("december", "dec"), 12),
}
_ZONES = {"z": 0, "utc": 0, "gmt": 0, "cet": 60, "cest": 120}

_WEEKDAY = re.compile(
    r"^(?:(?:mån|tis|ons|tors|fre|lör|sön)dag|mån|tis|ons|tors?|fre|lör|sön|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+"
)
_YMD = re.compile(r"(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?!\d)|"
                  r"(?P<y2>\d{4})(?P<m2>\d\d)(?P<d2>\d\d)(?=t|\s|$)")
_YM = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})$")
_MY = re.compile(r"(?P<m>\d{1,2})[-/.](?P<y>\d{4})$")
_NUMERIC = re.compile(r"(?P<a>\d{1,2})(?P<s>[-/.])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})(?!\d)")
_DAY_NAME = re.compile(r"(?P<d>\d{1,2})\.?[\s-]*(?P<mon>[a-zåäö]{3,9})\.?,?[\s-]*(?P<y>\d{4})")
_NAME_DAY = re.compile(
    r"(?P<mon>[a-zåäö]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})"
)
_NAME_YEAR = re.compile(r"(?P<mon>[a-zåäö]{3,9})\.?\s+(?P<y>\d{4})$")
_TIME = re.compile(
    r"(?P<kl>kl\.?|klockan)?\s*(?P<H>\d{1,2})(?:[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2})"
    r"(?:[.,](?P<f>\d{1,9}))?)?)?\s*(?P<ampm>[ap]\.?\s?m\.?)?\s*"
    r"(?P<tz>z|utc|gmt|cest|cet|[+-]\d{2}(?::?\d{2})?)?$"
)
_HHMM = re.compile(r"(?:kl\.?\s*)?(?P<H>\d{1,2})(?P<M>\d{2})$")
_EXCEL_DAY0 = _dt.datetime(1899, 12, 30)
_SERIAL = re.compile(r"\d{5}(?:[.,]\d+)?$")
_OFFSET_AT_END = re.compile(r"\d:\d\d(?::\d\d(?:[.,]\d+)?)?\s*(?:[+-]\d\d(?::?\d\d)?|z)$", re.I)
_DAY_ORDER = re.compile(r"^\s*(?:den\s+)?(\d{1,2})[-/.](\d{1,2})[-/.](?:\d{4}|\d{2})(?!\d)")
_AMPM = re.compile(r"\d\s*[ap]\.?\s?m\.?(?:\s|$)", re.I)


class _Bad(Exception):
    """A value that cannot be read; ``args[0]`` is the reason code."""


@dataclass
class WhenResult:
    """When each row happened.

    Attributes
    ----------
    start, end
        datetime64[ns, UTC]; ``end`` is NaT for an instant. Both NaT where ``error`` is set.
    error
        The reason (one line, naming the field and value) or None.
    error_field
        The canonical field the error is about, or None.
    error_value
        The offending raw value, or None.
    """

    start: pd.Series
    end: pd.Series
    error: pd.Series
    error_field: pd.Series
    error_value: pd.Series


@dataclass
class _Parsed:
    """One column, parsed: kind, local wall time, UTC instant (offset given), time of day."""

    raw: np.ndarray
    kind: np.ndarray
    wall: np.ndarray
    fixed: np.ndarray
    secs: np.ndarray
    reason: np.ndarray

    @classmethod
    def empty(cls, raw: np.ndarray) -> _Parsed:
        n = len(raw)
        return cls(raw, np.zeros(n, np.int8), np.full(n, NAT), np.full(n, NAT),
                   np.full(n, np.timedelta64("NaT", "ns")), np.full(n, None, object))


def _two_digit_year(y: int, year_now: int) -> int:
    return 2000 + y if 2000 + y <= year_now + 1 else 1900 + y


def _time_of_day(m: re.Match, *, hour_only_ok: bool) -> tuple[int, int | None]:
    """Microseconds since midnight and the UTC offset in minutes (None: local)."""
    hour, ampm = int(m["H"]), m["ampm"]
    if m["M"] is None and not (m["kl"] or ampm or hour_only_ok):
        raise _Bad("unreadable")
    if ampm:
        if not 1 <= hour <= 12:
            raise _Bad("unreadable")
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    minute, second = int(m["M"] or 0), int(m["S"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise _Bad("unreadable")
    micro = int((m["f"] or "0").ljust(6, "0")[:6])
    offset = None
    if zone := m["tz"]:
        if zone in _ZONES:
            offset = _ZONES[zone]
        else:
            digits = zone[1:].replace(":", "")
            offset = int(digits[:2]) * 60 + int(digits[2:4] or 0)
            offset = -offset if zone[0] == "-" else offset
    return ((hour * 60 + minute) * 60 + second) * 10**6 + micro, offset


def _date_part(t: str, dayfirst: bool | None, year_now: int) -> tuple[int, tuple, str]:
    """(kind, (y, m, d), rest of the text) for the date at the start of ``t``."""
    if m := _YM.match(t):
        return MONTH, (int(m["y"]), int(m["m"]), 1), ""
    if m := _MY.match(t):
        return MONTH, (int(m["y"]), int(m["m"]), 1), ""
    if m := _YMD.match(t):
        y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
        return DAY, (int(y), int(mo), int(d)), t[m.end():]
    if m := _NUMERIC.match(t):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        y = _two_digit_year(y, year_now) if len(m["y"]) == 2 else y
        first_day = dayfirst if dayfirst is not None else _AMPM.search(t) is None
        d, mo = (a, b) if first_day else (b, a)
        if mo > 12 and d <= 12:
            raise _Bad("dayorder" if first_day else "monthorder")
        return DAY, (y, mo, d), t[m.end():]
    for pattern in (_DAY_NAME, _NAME_DAY):
        if (m := pattern.match(t)) and m["mon"].rstrip(".") in _MONTHS:
            return DAY, (int(m["y"]), _MONTHS[m["mon"]], int(m["d"])), t[m.end():]
    if (m := _NAME_YEAR.match(t)) and m["mon"] in _MONTHS:
        return MONTH, (int(m["y"]), _MONTHS[m["mon"]], 1), ""
    raise _Bad("unreadable")


def _parse_text(value: str, *, dayfirst: bool | None, year_now: int, time_field: bool):
    """Parse one value: (kind, wall datetime | None, utc datetime | None, micros | None)."""
    t = " ".join(value.replace("\u00a0", " ").split()).lower()
    t = _WEEKDAY.sub("", t)
    t = t[4:] if t.startswith("den ") else t
    if time_field:
        # Access/Excel exports put times on the epoch day: "1899-12-30 14:30:00".
        for epoch in ("1899-12-30", "1900-01-01", "1970-01-01"):
            if t.startswith(epoch + " ") or t.startswith(epoch + "t"):
                t = t[11:]
        if m := _HHMM.match(t):
            t = f"{m['H']}:{m['M']}"
    m = _TIME.fullmatch(t)
    if m and (m["M"] or m["kl"] or m["ampm"] or time_field):
        micros, offset = _time_of_day(m, hour_only_ok=True)
        if offset is not None and time_field:
            raise _Bad("unreadable")
        return TIME, None, None, micros
    if time_field:
        raise _Bad("unreadable")
    kind, (y, mo, d), rest = _date_part(t, dayfirst, year_now)
    try:
        day = _dt.datetime(y, mo, d)
    except ValueError:
        raise _Bad("unreadable") from None
    rest = rest.strip().lstrip(",").strip()
    rest = rest[1:] if rest.startswith("t") and rest[1:2].isdigit() else rest
    if not rest:
        return kind, day, None, None
    if kind == MONTH or not (m := _TIME.fullmatch(rest)):
        raise _Bad("unreadable")
    micros, offset = _time_of_day(m, hour_only_ok=False)
    wall = day + _dt.timedelta(microseconds=micros)
    if offset is None:
        return INSTANT, wall, None, None
    return INSTANT, None, wall - _dt.timedelta(minutes=offset), None


def _excel_serial(value: str) -> tuple:
    days = float(value.replace(",", "."))
    when = _EXCEL_DAY0 + _dt.timedelta(days=days)
    if days == int(days):
        return DAY, when, None, None
    # Excel stores times as fractions of a day; round away float noise to the second.
    return INSTANT, when.replace(microsecond=0) + _dt.timedelta(
        seconds=round(when.microsecond / 1e6)), None, None


def _parse_slow(p: _Parsed, rows: np.ndarray, *, dayfirst, year_now, time_field, serial) -> None:
    """Parse ``p.raw[rows]`` value by value, once per distinct value."""
    codes, uniques = pd.factorize(p.raw[rows])
    n = len(uniques)
    kind = np.zeros(n, np.int8)
    wall, fixed = np.full(n, NAT), np.full(n, NAT)
    secs = np.full(n, np.timedelta64("NaT", "ns"))
    reason = np.full(n, None, object)
    texts = [str(u).strip() for u in uniques]
    if serial:
        serial = sum(bool(_SERIAL.match(t)) for t in texts) >= 0.9 * max(1, len(texts))
    for i, text in enumerate(texts):
        try:
            if not text:
                continue
            if serial and _SERIAL.match(text):
                k, w, f, us = _excel_serial(text)
            else:
                k, w, f, us = _parse_text(text, dayfirst=dayfirst, year_now=year_now,
                                          time_field=time_field)
        except _Bad as exc:
            kind[i], reason[i] = BAD, exc.args[0]
            continue
        kind[i] = k
        if w is not None:
            wall[i] = np.datetime64(w, "ns")
        if f is not None:
            fixed[i] = np.datetime64(f, "ns")
        if us is not None:
            secs[i] = np.timedelta64(us * 1000, "ns")
    p.kind[rows], p.wall[rows], p.fixed[rows] = kind[codes], wall[codes], fixed[codes]
    p.secs[rows], p.reason[rows] = secs[codes], reason[codes]


def _iso_pass(p: _Parsed, rows: np.ndarray) -> np.ndarray:
    """Parse ISO values with pandas' C parser; return the rows it could not settle."""
    values = p.raw[rows]
    try:
        parsed = pd.to_datetime(values, format="ISO8601", errors="coerce")
    except (ValueError, TypeError, OverflowError):
        # Mixed offsets (a year of "+01:00" and "+02:00") or offsets next to local
        # times: split them and parse each group on its own.
        has_offset = np.array([bool(_OFFSET_AT_END.search(str(v))) for v in values])
        if has_offset.all() or not has_offset.any():
            return rows
        left = [_iso_pass(p, rows[has_offset]), _iso_pass(p, rows[~has_offset])]
        return np.concatenate(left)
    if parsed.tz is not None:
        utc = parsed.tz_convert("UTC").tz_localize(None).as_unit("ns").to_numpy()
        ok = ~np.isnat(utc)
        p.fixed[rows[ok]], p.kind[rows[ok]] = utc[ok], INSTANT
        return rows[~ok]
    wall = parsed.as_unit("ns").to_numpy()
    ok = ~np.isnat(wall)
    midnight = ok & (wall.view(np.int64) % _DAY_NS == 0)
    timed = ok & ~midnight
    p.wall[rows[timed]], p.kind[rows[timed]] = wall[timed], INSTANT
    # Midnight may be a bare date ("2026-11-21"), a month ("2018-01"), a year ("2018")
    # or 00:00 written out; the length tells the two common forms apart cheaply.
    pos = np.flatnonzero(midnight)
    length = np.fromiter((len(v) for v in values[pos]), dtype=np.int64, count=len(pos))
    for size, kind in ((10, DAY), (7, MONTH)):
        hit = pos[length == size]
        p.wall[rows[hit]], p.kind[rows[hit]] = wall[hit], kind
    settled = timed.copy()
    settled[pos[(length == 10) | (length == 7)]] = True
    return rows[~settled]


def _format_candidates(dayfirst: bool | None, time_field: bool) -> list[tuple[str, int]]:
    """Formats (strptime) worth a vectorised try, with the kind they produce."""
    if time_field:
        return [(f, TIME) for f in ("%H:%M", "%H:%M:%S", "%H.%M", "%H.%M.%S")]
    found = []
    for sep in "/.-":
        day_month = f"%d{sep}%m{sep}%Y"
        month_day = f"%m{sep}%d{sep}%Y"
        ordered = day_month if dayfirst is not False else month_day
        found += [(ordered, DAY), (ordered + " %H:%M", INSTANT), (ordered + " %H:%M:%S", INSTANT)]
        # AM/PM means US month-first unless the file says otherwise.
        ampm = day_month if dayfirst else month_day
        found += [(ampm + " %I:%M:%S %p", INSTANT), (ampm + " %I:%M %p", INSTANT)]
    return found


def _format_pass(p: _Parsed, rows: np.ndarray, *, dayfirst: bool | None,
                 time_field: bool) -> np.ndarray:
    """Parse the common non-ISO layouts with pandas' C parser, format by format.

    A few distinct values pick the format; the rest of the column follows in one
    vectorised call. Whatever does not fit is left for the value-by-value parser.
    """
    candidates = _format_candidates(dayfirst, time_field)
    # Non-ISO formats go through a slower strptime loop, so parse each distinct value
    # once: a time column has at most 1,440 distinct minutes.
    codes, uniques = pd.factorize(p.raw[rows])
    kinds = np.zeros(len(uniques), np.int8)
    parsed = np.full(len(uniques), NAT)
    todo = np.arange(len(uniques))
    for _ in range(3):
        if not len(todo):
            break
        probe = [str(v).strip() for v in uniques[todo[:20]]]
        scores = [(sum(_fits(v, fmt) for v in probe), fmt, kind) for fmt, kind in candidates]
        best, fmt, kind = max(scores, key=lambda t: t[0])
        if not best:
            break
        values = pd.to_datetime(uniques[todo], format=fmt, errors="coerce").as_unit("ns")
        values = values.to_numpy()
        ok = ~np.isnat(values)
        parsed[todo[ok]], kinds[todo[ok]] = values[ok], kind
        todo = todo[~ok]
    settled = kinds[codes] != EMPTY
    hit = rows[settled]
    if time_field:
        p.secs[hit] = parsed[codes[settled]] - np.datetime64("1900-01-01", "ns")
    else:
        p.wall[hit] = parsed[codes[settled]]
    p.kind[hit] = kinds[codes[settled]]
    return rows[~settled]


def _fits(value: str, fmt: str) -> bool:
    try:
        _dt.datetime.strptime(value, fmt)
    except ValueError:
        return False
    return True


def _looks_iso(values: np.ndarray) -> bool:
    """Whether some of the first distinct values start with a four-digit year."""
    probe = pd.unique(values[:500])[:50]
    return any(isinstance(v, str) and v.strip()[:4].isdigit() for v in probe)


def _parse_column(values: pd.Series, *, field: str, dayfirst: bool | None,
                  year_now: int) -> _Parsed:
    raw = values.to_numpy(dtype=object)
    p = _Parsed.empty(raw)
    present = np.flatnonzero(pd.notna(raw) & (raw != ""))
    if not len(present):
        return p
    time_field = field == "time"
    rest = present if time_field or not _looks_iso(raw[present]) else _iso_pass(p, present)
    if len(rest):
        rest = _format_pass(p, rest, dayfirst=dayfirst, time_field=time_field)
    if len(rest):
        _parse_slow(p, rest, dayfirst=dayfirst, year_now=year_now, time_field=time_field,
                    serial=not time_field and not (p.kind != EMPTY).any())
    if field == "date":
        # "2026-11-21 00:00:00" in a date column is Excel's way of writing a bare date.
        midnight = (p.kind == INSTANT) & ~np.isnat(p.wall)
        midnight &= p.wall.view(np.int64) % _DAY_NS == 0
        p.kind[midnight] = DAY
    if field in ("datetime", "date"):
        only_time = p.kind == TIME
        p.kind[only_time], p.reason[only_time] = BAD, "time_only"
    return p


def _localize(wall: np.ndarray, tz: str) -> np.ndarray:
    """Local wall times -> UTC (naive datetime64[ns]), with the DST rules above."""
    index = pd.DatetimeIndex(wall)
    local = index.tz_localize(tz, ambiguous=np.ones(len(wall), dtype=bool),
                              nonexistent="shift_forward")
    return local.tz_convert("UTC").tz_localize(None).as_unit("ns").to_numpy()


def _end_of(p: _Parsed) -> np.ndarray:
    """End wall time of day and month values (NaT for the rest)."""
    end = np.full(len(p.kind), NAT)
    day = p.kind == DAY
    end[day] = p.wall[day] + _DAY
    month = p.kind == MONTH
    if month.any():
        end[month] = (pd.DatetimeIndex(p.wall[month]) + pd.offsets.MonthBegin(1)).to_numpy()
    return end


def day_order(values: Iterable[str | None]) -> tuple[bool | None, bool]:
    """Day/month order evidence in numeric dates like ``03/04/2026``.

    Returns
    -------
    dayfirst : bool or None
        True if some value has a first field > 12 (``25/03/2026``), False if some value has
        a second field > 12 or, failing that, uses AM/PM (US style); None if undecided
        or conflicting.
    conflict : bool
        Both orders occur: the column mixes styles and ambiguous values cannot be trusted.
    """
    day_votes = month_votes = ampm = 0
    for value in pd.unique(pd.Series(list(values), dtype=object).dropna()):
        if not isinstance(value, str) or not (m := _DAY_ORDER.match(value)):
            continue
        a, b = int(m[1]), int(m[2])
        day_votes += a > 12 >= b
        month_votes += b > 12 >= a
        ampm += bool(_AMPM.search(value))
    if day_votes and month_votes:
        return None, True
    if day_votes or month_votes:
        return bool(day_votes), False
    return (False if ampm else None), False


def detect_dayfirst(values: Iterable[str | None]) -> bool | None:
    """True (day first), False (month first) or None (undecided or conflicting).

    See :func:`day_order`, which also says whether the evidence conflicts. Callers
    treat None as day first, the Swedish default.
    """
    return day_order(values)[0]


# Reason code -> the message, given value (raw text), field (its label) and the examples.
_MESSAGES = {
    "unreadable": lambda v: msg("date.unreadable", **v, expected=msg("date.expected_date")),
    "dayorder": lambda v: msg("date.day_order", **v, expected=msg("date.expected_date")),
    "monthorder": lambda v: msg("date.month_order", **v, expected=msg("date.expected_date")),
    "time_only": lambda v: msg("date.time_only", **v),
    "time": lambda v: msg("date.bad_time", **v, expected=msg("date.expected_time")),
    "missing": lambda v: msg("date.missing", **v),
    "time_no_date": lambda v: msg("date.time_no_date", **v),
    "time_month": lambda v: msg("date.time_month", **v),
    "only_time_window": lambda v: msg("date.only_time_window", **v),
    "to_no_from": lambda v: msg("date.end_without_start", **v),
    "reversed": lambda v: msg("date.reversed", **v),
    "future": lambda v: msg("date.future", **v),
    "old": lambda v: msg("date.too_old", **v),
}


def parse_when(
    *,
    datetime: pd.Series | None = None,
    date: pd.Series | None = None,
    time: pd.Series | None = None,
    occurred_from: pd.Series | None = None,
    occurred_to: pd.Series | None = None,
    dayfirst: bool | None = None,
    tz: str = "Europe/Stockholm",
    labels: Mapping[str, str] | None = None,
    now: pd.Timestamp | None = None,
) -> WhenResult:
    """Turn raw date/time columns into UTC ``start``/``end`` per row.

    Precedence per row: ``datetime`` if present, else ``date`` (+ ``time``); a present
    ``occurred_from``/``occurred_to`` then sets the window. See the module docstring.

    Parameters
    ----------
    datetime, date, time, occurred_from, occurred_to
        Raw text columns (``str``/None) sharing one index; pass those the file has.
    dayfirst
        Order of numeric dates; None: day first unless AM/PM (see :func:`detect_dayfirst`).
    tz
        IANA time zone of local times.
    labels
        Field -> name to use in messages (the source header, e.g. ``"Händelsedatum"``).
    now
        Reference for "in the future" (default: the current time).

    Returns
    -------
    WhenResult
    """
    given = {f: s for f, s in (("datetime", datetime), ("date", date), ("time", time),
                               ("occurred_from", occurred_from),
                               ("occurred_to", occurred_to)) if s is not None}
    if not given:
        raise ValueError("parse_when needs at least one column")
    index = next(iter(given.values())).index
    n = len(index)
    now = pd.Timestamp.now(tz="UTC") if now is None else pd.Timestamp(now)
    now = now.tz_localize("UTC") if now.tz is None else now.tz_convert("UTC")
    cols = {f: _parse_column(s, field=f, dayfirst=dayfirst, year_now=now.year)
            for f, s in given.items()}
    blank = _Parsed.empty(np.full(n, None, object))
    P = {f: cols.get(f, blank) for f in ("datetime", "date", "time", "occurred_from",
                                         "occurred_to")}
    reason = np.full(n, None, object)
    field = np.full(n, None, object)
    failed = np.zeros(n, dtype=bool)

    def fail(mask: np.ndarray, code: np.ndarray | str, f: str) -> None:
        """Record the first error of each row."""
        mask = mask & ~failed
        if mask.any():
            reason[mask] = code[mask] if isinstance(code, np.ndarray) else code
            field[mask] = f
            failed[mask] = True

    # Primary: datetime, else date (+ time). Arrays hold local wall times, or UTC
    # instants in the *_fixed arrays when the value carried its own offset.
    D, G, T = P["datetime"], P["date"], P["time"]
    use_d = np.isin(D.kind, (INSTANT, DAY, MONTH))
    fail(D.kind == BAD, D.reason, "datetime")
    use_g = ~use_d & (D.kind == EMPTY) & np.isin(G.kind, (INSTANT, DAY, MONTH))
    fail(~use_d & (D.kind == EMPTY) & (G.kind == BAD), G.reason, "date")
    src = np.where(use_d, "datetime", np.where(use_g, "date", None)).astype(object)
    start = np.where(use_d, D.wall, np.where(use_g, G.wall, NAT))
    start_fixed = np.where(use_d, D.fixed, np.where(use_g, G.fixed, NAT))
    end = np.where(use_d, _end_of(D), np.where(use_g, _end_of(G), NAT))
    kind = np.where(use_d, D.kind, np.where(use_g, G.kind, EMPTY)).astype(np.int8)
    if time is not None:
        with_time = use_g & (T.kind == TIME)
        fail(use_g & (G.kind == MONTH) & (T.kind == TIME), "time_month", "time")
        add = with_time & (G.kind == DAY)
        start[add], end[add], kind[add] = G.wall[add] + T.secs[add], NAT, INSTANT
        fail(use_g & (T.kind == BAD), "time", "time")
        fail((kind == EMPTY) & (T.kind == TIME), "time_no_date", "time")

    # The explicit window.
    F, U = P["occurred_from"], P["occurred_to"]
    base = np.where((kind == DAY) | ((kind == INSTANT) & np.isnat(start_fixed)),
                    start.astype("M8[D]").astype("M8[ns]"), NAT)
    fail(F.kind == BAD, F.reason, "occurred_from")
    use_f = np.isin(F.kind, (INSTANT, DAY, MONTH))
    start[use_f], start_fixed[use_f], end[use_f] = F.wall[use_f], F.fixed[use_f], _end_of(F)[use_f]
    kind[use_f], src[use_f] = F.kind[use_f], "occurred_from"
    f_time = (F.kind == TIME) & ~np.isnat(base)
    start[f_time], start_fixed[f_time], end[f_time] = base[f_time] + F.secs[f_time], NAT, NAT
    kind[f_time], src[f_time] = INSTANT, "occurred_from"
    fail((F.kind == TIME) & np.isnat(base), "only_time_window", "occurred_from")
    # A time-only "till" goes with the start's day when there is no date column.
    own_day = np.isnat(base) & np.isin(kind, (DAY, INSTANT)) & np.isnat(start_fixed)
    base = np.where(own_day, start.astype("M8[D]").astype("M8[ns]"), base)

    fail(U.kind == BAD, U.reason, "occurred_to")
    has_start = np.isin(kind, (INSTANT, DAY, MONTH))
    fail((U.kind != EMPTY) & (U.kind != BAD) & ~has_start, "to_no_from", "occurred_to")
    end_fixed = np.full(n, NAT)
    use_u = has_start & np.isin(U.kind, (INSTANT, DAY, MONTH))
    u_end = np.where(U.kind == INSTANT, U.wall, _end_of(U))
    end[use_u], end_fixed[use_u] = u_end[use_u], U.fixed[use_u]
    u_time = has_start & (U.kind == TIME)
    fail(u_time & np.isnat(base), "only_time_window", "occurred_to")
    u_time &= ~np.isnat(base)
    end[u_time], end_fixed[u_time] = base[u_time] + U.secs[u_time], NAT
    overnight = u_time & np.isnat(start_fixed) & (end <= start)
    end[overnight] += _DAY

    start_utc = np.where(np.isnat(start_fixed), _localize(start, tz), start_fixed)
    end_utc = np.where(np.isnat(end_fixed), _localize(end, tz), end_fixed)
    fail(end_utc < start_utc, "reversed", "occurred_to")
    end_utc[end_utc == start_utc] = NAT

    main = next(f for f in ("datetime", "date", "occurred_from", "time", "occurred_to")
                if f in given)
    fail(~has_start & ~np.isin(U.kind, (BAD,)) & (T.kind != TIME), "missing", main)
    src_field = np.where(src == None, main, src)  # noqa: E711
    limit = np.datetime64((now + pd.Timedelta(days=1)).tz_localize(None).as_unit("ns"))
    for mask, code in ((start_utc > limit, "future"),
                       (start_utc < np.datetime64("1900-01-01", "ns"), "old")):
        mask &= ~failed
        reason[mask], field[mask], failed[mask] = code, src_field[mask], True
    raw = {f: c.raw for f, c in cols.items()}
    return _finish(index, raw, labels or {}, start_utc, end_utc, reason, field, failed)


def _finish(index, raw, labels, start, end, reason, field, bad) -> WhenResult:
    """Blank out failed rows and word their errors."""
    start[bad], end[bad] = NAT, NAT
    message = np.full(len(index), None, object)
    value = np.full(len(index), None, object)
    for i in np.flatnonzero(bad):
        f = field[i]
        v = raw[f][i] if f in raw else None
        v = v if isinstance(v, str) and v.strip() else None
        value[i] = v
        message[i] = _MESSAGES[reason[i]]({"value": v, "field": labels.get(f, f)})
    as_utc = "datetime64[ns, UTC]"
    return WhenResult(
        start=pd.Series(start, index=index).dt.tz_localize("UTC").astype(as_utc),
        end=pd.Series(end, index=index).dt.tz_localize("UTC").astype(as_utc),
        error=pd.Series(message, index=index, dtype=object),
        error_field=pd.Series(np.where(bad, field, None), index=index, dtype=object),
        error_value=pd.Series(value, index=index, dtype=object),
    )
