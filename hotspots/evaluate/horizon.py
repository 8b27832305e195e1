"""Forecast horizons: a number of days, weeks or calendar months (``7d``, ``2w``, ``1m``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from hotspots.errors import InputError
from hotspots.i18n import msg

__all__ = ["Horizon"]

_FORM = re.compile(r"^\s*(\d+)\s*([dwm])\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Horizon:
    """A forecast horizon: ``n`` days (``unit="d"``) or ``n`` calendar months (``"m"``).

    Weeks are stored as days. Steps are taken on the wall clock of the timestamp's own
    time zone, so a month starting at local midnight ends at local midnight, across summer
    time too.

    Examples
    --------
    >>> h = Horizon.parse("1m")
    >>> str(h), h.shift(pd.Timestamp("2018-07-01", tz="Europe/London"), -2).isoformat()
    ('1m', '2018-05-01T00:00:00+01:00')
    >>> str(Horizon.parse("2w")), str(Horizon.parse(14))
    ('14d', '14d')
    """

    n: int
    unit: str

    @classmethod
    def parse(cls, value: str | int | float | Horizon) -> Horizon:
        """``"7d"``, ``"2w"``, ``"1m"``..., or a whole number of days."""
        if isinstance(value, Horizon):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            if value >= 1 and float(value).is_integer():
                return cls(int(value), "d")
            raise InputError(msg("evaluate.bad_horizon", value=value))
        m = _FORM.match(str(value))
        if not m or int(m.group(1)) < 1:
            raise InputError(msg("evaluate.bad_horizon", value=value))
        n, unit = int(m.group(1)), m.group(2).lower()
        if unit == "w":
            return cls(7 * n, "d")
        return cls(n, unit)

    @property
    def in_months(self) -> bool:
        """Whether the horizon is whole calendar months."""
        return self.unit == "m"

    def shift(self, when: pd.Timestamp, k: int = 1) -> pd.Timestamp:
        """``when`` plus ``k`` horizons (``k`` may be negative)."""
        when = pd.Timestamp(when)
        if self.unit == "m":
            return when + pd.DateOffset(months=self.n * k)
        return when + pd.DateOffset(days=self.n * k)

    def __str__(self) -> str:
        return f"{self.n}{self.unit}"
