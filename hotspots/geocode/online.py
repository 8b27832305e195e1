"""Optional online geocoding with Nominatim (OpenStreetMap), off by default.

Nominatim's usage policy allows at most one request a second, an identifying User-Agent and
no repeated requests for the same query: :class:`NominatimGeocoder` keeps all three with
geopy's ``RateLimiter`` and a persistent SQLite cache. Addresses of incidents leave the
municipality's network when this is on: that is why it is opt-in
(``HOTSPOTS_ONLINE_GEOCODER=true``).
"""

from __future__ import annotations

import json
import math
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from hotspots.domain import Precision
from hotspots.errors import GeocodeError
from hotspots.geocode.base import Geocoder, GeocodeResult
from hotspots.i18n import msg

__all__ = ["GeocodeCache", "NominatimGeocoder"]

#: Score given to a Nominatim hit: the service returns no match score of its own.
NOMINATIM_SCORE = 90.0

_LOCALITY_TYPES = {
    "city",
    "town",
    "village",
    "hamlet",
    "suburb",
    "neighbourhood",
    "quarter",
    "isolated_dwelling",
    "locality",
    "borough",
    "city_district",
}
_STREET_TYPES = {"road", "street", "pedestrian", "footway", "cycleway", "path"}
_MUNICIPALITY_TYPES = {"municipality", "county", "state", "region", "country"}


class GeocodeCache:
    """Persistent text -> result cache in a SQLite file (or in memory when ``path`` is None).

    SQLite, not JSON, so that an interrupted batch keeps what it paid for and two processes
    can share the file.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        target = str(self.path) if self.path is not None else ":memory:"
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(target)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS geocode_cache "
                "(query TEXT PRIMARY KEY, result TEXT NOT NULL, created REAL NOT NULL)"
            )
            self._db.commit()
        except sqlite3.Error as exc:
            raise GeocodeError(msg("online.cache_unusable", target=target, detail=exc)) from None

    def get(self, query: str) -> GeocodeResult | None:
        """The cached result of ``query``, or None."""
        row = self._db.execute(
            "SELECT result FROM geocode_cache WHERE query = ?", (query,)
        ).fetchone()
        if row is None:
            return None
        d = json.loads(row[0])
        return GeocodeResult(
            lon=math.nan if d["lon"] is None else d["lon"],
            lat=math.nan if d["lat"] is None else d["lat"],
            precision=Precision(d["precision"]),
            score=d["score"],
            matched=d["matched"],
            reason=d["reason"],
        )

    def put(self, query: str, result: GeocodeResult) -> None:
        """Store ``result`` for ``query``."""
        d = {
            "lon": None if math.isnan(result.lon) else result.lon,
            "lat": None if math.isnan(result.lat) else result.lat,
            "precision": result.precision.value,
            "score": result.score,
            "matched": result.matched,
            "reason": result.reason,
        }
        self._db.execute(
            "INSERT OR REPLACE INTO geocode_cache VALUES (?, ?, ?)",
            (query, json.dumps(d, ensure_ascii=False), time.time()),
        )
        self._db.commit()

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM geocode_cache").fetchone()[0]

    def close(self) -> None:
        """Close the database file."""
        self._db.close()


def _rate_limited(
    func: Callable, min_delay_seconds: float, clock: Callable[[], float], sleep: Callable
):
    from geopy.extra.rate_limiter import RateLimiter

    class _Limiter(RateLimiter):
        # RateLimiter reads time through these two hooks; overriding them lets tests run
        # with a fake clock instead of sleeping.
        def _clock(self) -> float:
            return clock()

        def _sleep(self, seconds: float) -> None:
            sleep(seconds)

    return _Limiter(
        func,
        min_delay_seconds=min_delay_seconds,
        max_retries=2,
        error_wait_seconds=max(5.0, min_delay_seconds),
        swallow_exceptions=False,
    )


def _precision(raw: dict[str, Any]) -> Precision:
    """Precision of a Nominatim hit from its address details and type."""
    if (raw.get("address") or {}).get("house_number"):
        return Precision.ADDRESS
    kind = raw.get("addresstype") or raw.get("type") or ""
    if raw.get("class") == "highway" or kind in _STREET_TYPES:
        return Precision.STREET
    if kind in _LOCALITY_TYPES or (raw.get("class") == "place" and kind not in _MUNICIPALITY_TYPES):
        return Precision.LOCALITY
    if kind in _MUNICIPALITY_TYPES or raw.get("class") == "boundary":
        return Precision.MUNICIPALITY
    # A named feature (school, station, shop, building): one site, like an address.
    return Precision.ADDRESS


class NominatimGeocoder(Geocoder):
    """Geocode with a Nominatim server through geopy: rate-limited, cached, never raising.

    Parameters
    ----------
    user_agent : identifies the installation to the server (required by its policy).
    url : Nominatim base URL.
    cache_path : SQLite cache file; in memory only when None.
    countrycodes : restrict hits to these countries (``"se"``).
    min_delay_seconds : pause between requests; at least 1 s on the public server.
    timeout : seconds per request.
    boundaries : kommun polygons; when given with ``municipality``, hits are bounded to
        the kommun's box.
    geocoder : a geopy geocoder object (tests pass a fake); built from ``url`` when None.
    clock, sleep : time source and pause of the rate limiter (tests pass fakes).

    Attributes
    ----------
    requests_ : number of requests sent (cache misses).
    """

    name = "nominatim"

    def __init__(
        self,
        *,
        user_agent: str,
        url: str = "https://nominatim.openstreetmap.org",
        cache_path: Path | None = None,
        countrycodes: str | None = "se",
        min_delay_seconds: float = 1.0,
        timeout: float = 10.0,
        boundaries: Any = None,
        geocoder: Any = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not user_agent or not user_agent.strip():
            raise GeocodeError(msg("online.user_agent"))
        parts = urlsplit(url if "://" in url else f"https://{url}")
        if parts.hostname == "nominatim.openstreetmap.org" and min_delay_seconds < 1.0:
            raise GeocodeError(msg("online.rate_limit"))
        if geocoder is None:
            from geopy.geocoders import Nominatim

            geocoder = Nominatim(
                user_agent=user_agent,
                domain=parts.netloc + parts.path.rstrip("/"),
                scheme=parts.scheme or "https",
                timeout=timeout,
            )
        self.user_agent = user_agent
        self.countrycodes = countrycodes
        self.boundaries = boundaries
        self.cache = GeocodeCache(cache_path)
        self.requests_ = 0
        self._geocode = _rate_limited(geocoder.geocode, min_delay_seconds, clock, sleep)

    @classmethod
    def from_settings(cls, settings: Any, **kwargs: Any) -> NominatimGeocoder:
        """Build from :class:`hotspots.settings.Settings`; refuses when online lookups are off.

        Raises
        ------
        GeocodeError
            If ``settings.online_geocoder`` is false (the default).
        """
        if not settings.online_geocoder:
            raise GeocodeError(msg("online.off"))
        return cls(
            user_agent=settings.nominatim_user_agent,
            url=settings.nominatim_url,
            cache_path=settings.geocode_cache,
            **kwargs,
        )

    def _query(self, text: str, locality: str | None, municipality: str | None) -> str:
        parts = [text.strip()]
        for extra in (locality, municipality):
            if extra and extra.casefold() not in " ".join(parts).casefold():
                parts.append(extra)
        return ", ".join(parts)

    def geocode(
        self, text: str, *, locality: str | None = None, municipality: str | None = None
    ) -> GeocodeResult:
        """Place one text; network and service errors become a ``failed`` result."""
        if not text or not text.strip():
            return GeocodeResult.failed(msg("geocode.no_address"))
        query = self._query(text, locality, municipality)
        kwargs: dict[str, Any] = {"exactly_one": True, "addressdetails": True}
        if self.countrycodes:
            kwargs["country_codes"] = self.countrycodes
        if municipality and self.boundaries is not None and municipality in self.boundaries:
            x0, y0, x1, y1 = self.boundaries.polygon(municipality).bounds
            kwargs["viewbox"] = [(y0, x0), (y1, x1)]
            kwargs["bounded"] = True
        cache_key = json.dumps([query, kwargs], ensure_ascii=False, sort_keys=True)
        cached = self.cache.get(cache_key)
        if cached is not None:
            return cached
        from geopy.exc import GeopyError

        self.requests_ += 1
        try:
            location = self._geocode(query, **kwargs)
        except (GeopyError, OSError) as exc:
            # Not cached: a network failure says nothing about the address.
            return GeocodeResult.failed(
                msg("online.unavailable", error=type(exc).__name__, detail=exc)
            )
        if location is None:
            result = GeocodeResult.failed(msg("online.no_match", query=query))
        else:
            raw = getattr(location, "raw", None) or {}
            result = GeocodeResult(
                lon=float(location.longitude),
                lat=float(location.latitude),
                precision=_precision(raw),
                score=NOMINATIM_SCORE,
                matched=getattr(location, "address", None) or query,
                reason=None,
            )
        self.cache.put(cache_key, result)
        return result
