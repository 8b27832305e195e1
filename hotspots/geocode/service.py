"""Geocoding as the project uses it: on import, for the review queue, for gazetteer files."""

from __future__ import annotations

import math
from pathlib import Path

from hotspots.domain import PRECISION_RANK, Precision
from hotspots.errors import GeocodeError, InputError, NotFoundError
from hotspots.geocode.base import Geocoder, GeocodeResult
from hotspots.i18n import msg
from hotspots.ingest.normalize import TextGeocodeResult
from hotspots.ingest.raw import RowError
from hotspots.settings import Settings

__all__ = ["text_geocoder", "retry_queue", "resolve_record", "import_gazetteer", "ChainGeocoder"]


class ChainGeocoder(Geocoder):
    """Ask each geocoder in turn; the first point wins, failures collect their reasons."""

    name = "chain"

    def __init__(self, geocoders: list[Geocoder]):
        self.geocoders = geocoders

    def geocode(
        self, text: str, *, locality: str | None = None, municipality: str | None = None
    ) -> GeocodeResult:
        """Place ``text`` with the first geocoder that finds it."""
        reasons = []
        for g in self.geocoders:
            r = g.geocode(text, locality=locality, municipality=municipality)
            if r.ok:
                return r
            if r.reason:
                reasons.append(f"{g.label}: {r.reason}")
        return GeocodeResult.failed("; ".join(reasons) or msg("geocode.no_match", text=text))


def _gazetteer(store, settings: Settings) -> Geocoder:
    """The offline gazetteer: stored address points and places, plus the bundled localities."""
    from hotspots.geocode.gazetteer import (
        Gazetteer,
        GazetteerEntry,
        GazetteerGeocoder,
        locality_entries,
    )
    from hotspots.geocode.localities import load_localities

    entries = locality_entries(load_localities(settings.data_dir))
    df = store.gazetteer_entries()
    for row in df.itertuples(index=False):
        entries.append(
            GazetteerEntry(
                row.kind,
                row.name,
                street=row.street,
                number=int(row.number) if row.number not in (None, "") else None,
                letter=row.letter,
                postcode=row.postcode,
                locality=row.locality,
                municipality=row.municipality,
                lon=row.lon,
                lat=row.lat,
                source=row.source,
            )
        )
    return GazetteerGeocoder(Gazetteer(entries), municipality=settings.municipality)


def geocoder(store, settings: Settings, *, online: bool = False) -> Geocoder:
    """Offline gazetteer first; Nominatim after it when allowed."""
    chain = [_gazetteer(store, settings)]
    if online or settings.online_geocoder:
        from hotspots.geocode.online import NominatimGeocoder

        chain.append(NominatimGeocoder.from_settings(settings))
    return ChainGeocoder(chain)


def text_geocoder(store, settings: Settings, *, online: bool = False):
    """A ``(text, kommun) -> TextGeocodeResult`` function for the import pipeline.

    Built lazily: files whose rows all have coordinates never load the gazetteer.
    """
    state: dict = {}

    def geocode(text: str, municipality: str | None) -> TextGeocodeResult:
        if "g" not in state:
            state["g"] = geocoder(store, settings, online=online)
        r = state["g"].geocode(text, municipality=municipality)
        note = r.reason
        if r.ok and r.matched:
            note = (
                msg("geocode.matched_reason", matched=r.matched, reason=r.reason)
                if r.reason
                else msg("geocode.matched", matched=r.matched)
            )
        return TextGeocodeResult(r.lon, r.lat, str(r.precision), r.score, note)

    return geocode


def retry_queue(store, settings: Settings, *, online: bool = False, progress=None) -> dict:
    """Geocode every record in the review queue again (after a gazetteer import, say).

    ``progress(done, total)`` is called after each record.
    """
    items = store.review_queue()
    g = geocoder(store, settings, online=online) if items else None
    ok = 0
    for done, item in enumerate(items, 1):
        if progress is not None:
            progress(done, len(items))
        text = item.address or item.place
        if not text:
            continue
        r = g.geocode(text, municipality=item.municipality or settings.municipality)
        # only a better point leaves the queue (an address still matched only to its
        # locality stays for a person to fix)
        if (
            r.ok
            and PRECISION_RANK[Precision(r.precision)] < PRECISION_RANK[Precision(item.precision)]
        ):
            store.set_location(
                item.kind,
                item.id,
                lon=r.lon,
                lat=r.lat,
                precision=str(r.precision),
                score=r.score,
                note=msg("geocode.from_queue", text=r.matched or text),
            )
            ok += 1
    return {"ok": ok, "n": len(items), "left": len(items) - ok}


def _parse_ref(ref: str) -> tuple[str, int]:
    kind, _, num = ref.partition(":")
    if kind not in ("incident", "observation") or not num.isdigit():
        raise InputError(msg("geocode.bad_ref", ref=ref))
    return kind, int(num)


def resolve_record(
    store,
    settings: Settings,
    ref: str,
    *,
    lat: float | None = None,
    lon: float | None = None,
    address: str | None = None,
    online: bool = False,
) -> dict:
    """Give one queued record a location from coordinates or an address."""
    kind, rid = _parse_ref(ref)
    if (lat is None) != (lon is None):
        raise InputError(msg("geocode.need_both"))
    if lat is not None:
        if not (
            math.isfinite(lat) and -90 <= lat <= 90 and math.isfinite(lon) and -180 <= lon <= 180
        ):
            raise InputError(msg("geocode.out_of_range", lat=lat, lon=lon))
        store.set_location(
            kind,
            rid,
            lon=lon,
            lat=lat,
            precision=Precision.EXACT.value,
            note=msg("geocode.given_location"),
        )
        return {"kind": kind, "id": rid, "precision": Precision.EXACT.value}
    if not address:
        raise InputError(msg("geocode.need_location"))
    r = geocoder(store, settings, online=online).geocode(address)
    if not r.ok:
        raise GeocodeError(msg("geocode.address_not_found", address=address, reason=r.reason))
    try:
        store.set_location(
            kind,
            rid,
            lon=r.lon,
            lat=r.lat,
            precision=str(r.precision),
            score=r.score,
            note=msg("geocode.given_address", matched=r.matched),
        )
    except NotFoundError:
        raise
    return {"kind": kind, "id": rid, "precision": str(r.precision)}


def import_gazetteer(
    store, path: Path, *, source: str | None = None, municipality: str | None = None
) -> dict:
    """Load a gazetteer file into the store; re-importing the same file adds nothing."""
    from hotspots.geocode.gazetteer import read_gazetteer_file

    path = Path(path)
    if not path.exists():
        raise InputError(msg("input.file_not_found", file=path))
    source = source or path.name.split(".")[0]
    problems: list[RowError] = []
    entries = read_gazetteer_file(path, source=source, on_error=problems.append)
    return store.add_gazetteer_entries(
        entries,
        source=source,
        filename=str(path),
        default_municipality=municipality,
        problems=problems,
    )
