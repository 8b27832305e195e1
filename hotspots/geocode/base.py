"""The geocoder contract: one small base class every backend implements.

A backend turns one text (an address, a place name) into a :class:`GeocodeResult`; it never
raises for a text it cannot place, it returns a ``failed`` result with the reason. Adding a
backend is adding a file with a subclass of :class:`Geocoder`.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass

from hotspots.domain import Precision
from hotspots.i18n import msg

__all__ = ["GeocodeResult", "Geocoder"]


@dataclass(frozen=True)
class GeocodeResult:
    """Where one text was placed, and how well.

    Attributes
    ----------
    lon, lat : WGS84 degrees; NaN when ``precision`` is ``failed``.
    precision : :class:`hotspots.domain.Precision` of the point.
    score : 0-100, how closely the text matched (100: exact, after normalisation).
    matched : what the text was matched to ("Storgatan 12B, Höör"), None on failure.
    reason : why the match is coarser than asked or failed; None for a clean match.
    """

    lon: float
    lat: float
    precision: Precision
    score: float
    matched: str | None = None
    reason: str | None = None

    @classmethod
    def failed(cls, reason: str) -> GeocodeResult:
        """A result without a point."""
        return cls(math.nan, math.nan, Precision.FAILED, 0.0, None, reason)

    @property
    def ok(self) -> bool:
        """True when the text got a point."""
        return self.precision != Precision.FAILED


class Geocoder(ABC):
    """Base class of geocoding backends (offline gazetteer, Nominatim ...)."""

    #: Short name stored with each result's source ("gazetteer", "nominatim").
    name: str = "geocoder"

    @property
    def label(self) -> str:
        """How the backend is named to a user (in reasons that say who failed)."""
        return self.name

    @abstractmethod
    def geocode(
        self, text: str, *, locality: str | None = None, municipality: str | None = None
    ) -> GeocodeResult:
        """Place one text, optionally restricted to a locality and/or kommun."""

    def geocode_many(
        self,
        texts: Iterable[str | None],
        *,
        locality: str | None = None,
        municipality: str | None = None,
    ) -> list[GeocodeResult]:
        """One result per input, in input order; each distinct text is geocoded once.

        Empty texts (None, blank) give a ``failed`` result with the reason "no address".
        """
        cache: dict[str, GeocodeResult] = {}
        out = []
        for text in texts:
            key = text.strip() if isinstance(text, str) else ""
            if not key:
                out.append(GeocodeResult.failed(msg("geocode.no_address")))
                continue
            if key not in cache:
                cache[key] = self.geocode(key, locality=locality, municipality=municipality)
            out.append(cache[key])
        return out
