"""When incidents happen: hour x weekday profiles in local time, windows spread aoristically.

An incident known to an instant adds 1 to the local hour it falls in. An incident known only
to a window (``occurred_from`` .. ``occurred_to``: a burglary found in the morning) adds 1
spread over the hours the window covers, in proportion to the time it spends in each hour
(aoristic analysis, Ratcliffe 2000). Hours are counted in real elapsed time and then labelled
with the local wall-clock hour they start at, so a window across a daylight-saving change
gets no weight in the missing spring hour and double weight in the repeated autumn hour.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from hotspots.errors import InputError
from hotspots.i18n import msg

__all__ = ["WEEK_HOURS", "hour_weekday_profile"]

#: Hours in a week: the cells of a profile (7 weekdays x 24 hours).
WEEK_HOURS = 168

_HOUR_NS = 3_600_000_000_000
#: Hour pieces produced per chunk: bounds the memory of long windows on many records.
_CHUNK_PIECES = 2_000_000


def _utc_ns(values, n: int | None = None) -> np.ndarray:
    """Nanoseconds since the epoch (UTC) as int64; missing values as ``NaT``'s int64 minimum.

    Naive datetimes are read as UTC: that is how the store keeps them.
    """
    if values is None:
        return np.full(n or 0, np.iinfo(np.int64).min, dtype=np.int64)
    s = pd.to_datetime(pd.Series(values).reset_index(drop=True), utc=True)
    return s.dt.tz_convert(None).to_numpy().astype("datetime64[ns]").view(np.int64)


def check_tz(tz: str) -> None:
    """Raise InputError unless ``tz`` is a known IANA time zone."""
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(str(tz))
    except (ValueError, KeyError, OSError) as exc:  # ZoneInfoNotFoundError is a KeyError
        raise InputError(msg("profile.unknown_tz", tz=tz)) from exc


def _local_cells(piece_start_ns: np.ndarray, tz: str) -> np.ndarray:
    """Profile cell (weekday * 24 + hour, Monday = 0) of UTC instants in local time ``tz``."""
    if not len(piece_start_ns):
        return np.zeros(0, dtype=np.int64)
    # Pieces start on whole hours, so few distinct instants: convert each once.
    uniq, inverse = np.unique(piece_start_ns, return_inverse=True)
    local = pd.DatetimeIndex(uniq.view("datetime64[ns]"), tz="UTC").tz_convert(tz)
    cells = np.asarray(local.day_of_week, dtype=np.int64) * 24 + np.asarray(local.hour, np.int64)
    return cells[inverse]


def grouped_profiles(
    start,
    end=None,
    *,
    groups: np.ndarray | None = None,
    n_groups: int = 1,
    tz: str = "Europe/Stockholm",
    max_window_hours: float = 7 * 24,
) -> np.ndarray:
    """Hour x weekday profiles of several groups of records at once: ``(n_groups, 7, 24)``.

    ``groups`` gives each record's group (``0 .. n_groups - 1``; negative: left out); None
    puts every record in group 0. The rest is as :func:`hour_weekday_profile`.
    """
    check_tz(tz)
    if (isinstance(max_window_hours, bool) or not isinstance(max_window_hours, numbers.Real)
            or math.isnan(max_window_hours) or max_window_hours <= 0):
        raise InputError(msg("profile.bad_max_window", value=max_window_hours))
    s = _utc_ns(start)
    n = len(s)
    e = _utc_ns(end, n) if end is not None else np.full(n, np.iinfo(np.int64).min, np.int64)
    if len(e) != n:
        raise InputError(msg("profile.length_mismatch", start=n, end=len(e)))
    g = np.zeros(n, np.int64) if groups is None else np.asarray(groups, dtype=np.int64)
    if len(g) != n:
        raise InputError(msg("profile.length_mismatch", start=n, end=len(g)))
    out = np.zeros((n_groups, WEEK_HOURS), dtype=float)
    nat = np.iinfo(np.int64).min
    keep = (s != nat) & (g >= 0)
    s, e, g = s[keep], e[keep], g[keep]
    # A missing end, or one not after the start, leaves the record an instant at its start.
    window = (e != nat) & (e > s)
    duration = np.where(window, e - s, 0)
    too_long = duration > max_window_hours * _HOUR_NS
    if too_long.any():
        # A window longer than the limit says nothing about the hour: spread it evenly.
        out += (np.bincount(g[too_long], minlength=n_groups) / WEEK_HOURS)[:, None]
        s, e, g, window, duration = (a[~too_long] for a in (s, e, g, window, duration))
    # Hour pieces: an instant is one piece of weight 1, a window one piece per hour touched.
    h0 = s // _HOUR_NS
    h1 = np.where(window, (e - 1) // _HOUR_NS, h0)
    k = h1 - h0 + 1
    ends = np.cumsum(k)
    first = 0
    while first < len(k):
        last = int(np.searchsorted(ends, ends[first] - k[first] + _CHUNK_PIECES, "right"))
        last = max(last, first + 1)
        kk = k[first:last]
        rec = np.repeat(np.arange(first, last), kk)
        offset = np.arange(len(rec)) - np.repeat(np.cumsum(kk) - kk, kk)
        hour = h0[rec] + offset
        lo = np.maximum(hour * _HOUR_NS, s[rec])
        hi = np.minimum((hour + 1) * _HOUR_NS, e[rec])
        weight = np.where(window[rec], (hi - lo) / np.maximum(duration[rec], 1), 1.0)
        cell = _local_cells(hour * _HOUR_NS, tz)
        out += np.bincount(g[rec] * WEEK_HOURS + cell, weights=weight,
                           minlength=n_groups * WEEK_HOURS).reshape(n_groups, WEEK_HOURS)
        first = last
    return out.reshape(n_groups, 7, 24)


def hour_weekday_profile(
    start,
    end=None,
    *,
    tz: str = "Europe/Stockholm",
    max_window_hours: float = 7 * 24,
) -> np.ndarray:
    """How many incidents happen in each hour of the week, in local time: a 7 x 24 array.

    Row 0 is Monday, column 0 the hour 00-01 local time. The total is the number of records
    with a start time.

    Parameters
    ----------
    start : pandas.Series of datetimes
        When each incident happened, or the start of its window (``occurred_from``).
        Timezone-aware values are converted; naive values are read as UTC (as stored).
        Records without a start are left out.
    end : pandas.Series of datetimes, optional
        End of each window (``occurred_to``). A missing end, or one not after the start,
        makes the record an instant at its start.
    tz : str
        The time zone whose wall clock the profile shows (IANA name).
    max_window_hours : float
        Windows longer than this many hours carry no information about the hour or the
        weekday: each adds 1/168 to every cell instead of being spread over its window.

    Returns
    -------
    numpy.ndarray
        ``(7, 24)`` floats. An instant adds 1 to its hour; a window adds to every hour it
        covers the fraction of the window spent in that hour (these add up to 1). Hours are
        real elapsed hours labelled with their local start, so daylight-saving days are
        handled: the skipped spring hour gets nothing, the repeated autumn hour counts twice.

    Examples
    --------
    >>> import pandas as pd
    >>> p = hour_weekday_profile(pd.Series(pd.to_datetime(["2024-01-07 22:00"], utc=True)),
    ...                          pd.Series(pd.to_datetime(["2024-01-08 00:00"], utc=True)))
    >>> float(p[6, 23]), float(p[0, 0])  # Sunday 23-24 and Monday 00-01 Stockholm time
    (0.5, 0.5)
    """
    return grouped_profiles(start, end, tz=tz, max_window_hours=max_window_hours)[0]
