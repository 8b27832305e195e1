"""Turn raw chunks (text as read) into records ready to store, and row errors.

Vectorised per chunk: dates, numbers and coordinates are parsed column-wise; only text
geocoding (rows without coordinates) works per distinct address.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from hotspots.catalogue import Catalogue
from hotspots.domain import Precision
from hotspots.geocode.coordinates import CoordinateReader
from hotspots.i18n import msg
from hotspots.ingest.dates import parse_when
from hotspots.ingest.identity import ContentIds
from hotspots.ingest.numbers import parse_decimal
from hotspots.ingest.raw import RowError

__all__ = ["ChunkNormalizer", "Placeholder", "TextGeocodeResult"]

_TEXT_COLUMNS = ("description", "address", "place", "municipality", "walk", "status")
_PRECISIONS = {p.value for p in Precision}


@dataclass(frozen=True)
class Placeholder:
    """A point a source uses for "location unknown" (e.g. Boston 311's city hall)."""

    lon: float
    lat: float
    tolerance_deg: float
    label: str


@dataclass(frozen=True)
class TextGeocodeResult:
    """Where an address or place text was found (NaN lon/lat when it was not)."""

    lon: float
    lat: float
    precision: str
    score: float | None
    note: str | None


TextGeocoder = Callable[[str, str | None], TextGeocodeResult]


@dataclass
class ChunkNormalizer:
    """Normalise the chunks of one file; holds the per-file state (CRS decision, ids).

    Parameters
    ----------
    catalogue : categories used to map source names.
    tz : time zone of local times in the file.
    dayfirst : day/month order of numeric dates (None: Swedish day-first).
    coordinates : reader deciding the CRS once per file, None when the file has no
        coordinate columns.
    geocode_text : geocoder for rows without coordinates (address or place text).
    placeholders : source default points treated as "no location".
    default_kind : table for unknown categories (``incident`` or ``observation``).
    municipality : kommun the file is about, used as a geocoding hint.
    """

    catalogue: Catalogue
    tz: str
    dayfirst: bool | None
    coordinates: CoordinateReader | None
    geocode_text: TextGeocoder | None
    placeholders: list[Placeholder] = field(default_factory=list)
    default_kind: str = "incident"
    municipality: str | None = None
    #: canonical field -> source header, so messages name the file's own columns
    labels: dict[str, str] = field(default_factory=dict)
    unknown_categories: Counter = field(default_factory=Counter)
    placeholder_hits: Counter = field(default_factory=Counter)
    ids: ContentIds = field(default_factory=ContentIds)
    _cat_cache: dict = field(default_factory=dict)
    _geo_cache: dict = field(default_factory=dict)

    def __call__(self, chunk: pd.DataFrame) -> tuple[pd.DataFrame, list[RowError]]:
        """Records (one per good row, with ``kind``) and the rejected rows' errors."""
        n = len(chunk)
        lines = chunk["line"].to_numpy()
        bad = np.zeros(n, dtype=bool)
        errors: list[RowError] = []

        def reject(mask: np.ndarray, field_: str | None, reasons, values) -> None:
            new = mask & ~bad
            for i in np.flatnonzero(new):
                r = reasons[i] if isinstance(reasons, (list, np.ndarray, pd.Series)) else reasons
                v = values[i] if values is not None else None
                errors.append(
                    RowError(
                        int(lines[i]), field_, str(r), None if v is None or pd.isna(v) else str(v)
                    )
                )
            bad[new] = True

        out = pd.DataFrame({"line": lines}, index=chunk.index)

        # --- time
        when = parse_when(
            datetime=chunk.get("datetime"),
            date=chunk.get("date"),
            time=chunk.get("time"),
            occurred_from=chunk.get("occurred_from"),
            occurred_to=chunk.get("occurred_to"),
            dayfirst=self.dayfirst,
            tz=self.tz,
            labels=self.labels or None,
        )
        err = when.error.to_numpy(dtype=object)
        has_err = pd.notna(when.error).to_numpy()
        if has_err.any():
            fields = _as_array(getattr(when, "error_field", None), n, "date")
            for i in np.flatnonzero(has_err & ~bad):
                f = fields[i] or "date"
                v = chunk[f].iloc[i] if f in chunk else None
                errors.append(
                    RowError(
                        int(lines[i]), f, str(err[i]), None if v is None or pd.isna(v) else str(v)
                    )
                )
            bad |= has_err
        # keep the tz-aware dtype (to_numpy() would make Timestamp objects, row by row)
        out["occurred_from"] = when.start.set_axis(out.index)
        out["occurred_to"] = when.end.set_axis(out.index)

        # --- category
        raw_cat = _text(chunk.get("category"), n, chunk.index)
        out["raw_category"] = raw_cat
        codes, kinds, unknown_cat = self._categories(raw_cat)
        out["category"] = codes
        out["kind"] = kinds

        # --- text fields
        for c in _TEXT_COLUMNS:
            out[c] = _text(chunk.get(c), n, chunk.index)
        if "severity" in chunk:
            sev, sev_bad = parse_decimal(chunk["severity"])
            reject(
                sev_bad.to_numpy() | ~(sev.isna() | sev.isin([1, 2, 3])).to_numpy(),
                "severity",
                msg("normalize.severity"),
                chunk["severity"].to_numpy(),
            )
            out["severity"] = sev.astype("Int64")

        out["status"] = _status(out["status"])

        # --- coordinates
        lon = np.full(n, np.nan)
        lat = np.full(n, np.nan)
        precision = np.full(n, Precision.EXACT.value, dtype=object)
        note = np.full(n, None, dtype=object)
        score = np.full(n, np.nan)
        outside = np.zeros(n, dtype=bool)
        missing = np.ones(n, dtype=bool)
        if self.coordinates is not None:
            fa, fb = ("lat", "lon") if self.coordinates.roles == "latlon" else ("x", "y")
            a, a_bad = parse_decimal(chunk[fa])
            b, b_bad = parse_decimal(chunk[fb])
            reject(a_bad.to_numpy(), fa, msg("normalize.not_a_number", field=fa),
                   chunk[fa].to_numpy())
            reject(b_bad.to_numpy(), fb, msg("normalize.not_a_number", field=fb),
                   chunk[fb].to_numpy())
            res = self.coordinates.resolve(a.to_numpy(float), b.to_numpy(float))
            invalid = res.status == "invalid"
            reject(
                invalid,
                f"{fa}/{fb}",
                res.reason,
                (chunk[fa].fillna("") + ", " + chunk[fb].fillna("")).to_numpy(),
            )
            ok = res.status == "ok"
            lon[ok], lat[ok] = res.lon[ok], res.lat[ok]
            outside[ok] = res.outside[ok]
            note[ok] = res.reason[ok]
            missing = ~ok
            for ph in self.placeholders:
                hit = (
                    ok
                    & (np.abs(lon - ph.lon) <= ph.tolerance_deg)
                    & (np.abs(lat - ph.lat) <= ph.tolerance_deg)
                )
                if hit.any():
                    self.placeholder_hits[ph.label] += int(hit.sum())
                    lon[hit] = lat[hit] = np.nan
                    outside[hit] = False
                    note[hit] = msg("normalize.placeholder_point", label=ph.label)
                    missing |= hit
        if "precision" in chunk:
            given = chunk["precision"].to_numpy(dtype=object)
            known = pd.notna(chunk["precision"]).to_numpy() & ~missing
            precision[known] = given[known]
            failed = pd.Series(given).eq(Precision.FAILED.value).to_numpy()
            missing |= failed

        # --- text geocoding for rows without a usable point
        need = missing & ~bad
        if need.any():
            addr = out["address"].to_numpy(dtype=object)
            place = out["place"].to_numpy(dtype=object)
            muni = out["municipality"].to_numpy(dtype=object)
            for i in np.flatnonzero(need):
                text_ = _str(addr[i]) or _str(place[i])
                hint = _str(muni[i]) or self.municipality
                r = self._geocode(text_, hint)
                prefix = f"{note[i]}; " if note[i] else ""
                note[i] = prefix + (r.note or "") if (prefix or r.note) else None
                precision[i] = r.precision
                if r.precision != Precision.FAILED.value:
                    lon[i], lat[i], score[i] = r.lon, r.lat, np.nan if r.score is None else r.score
        unknown_precision = ~pd.Series(precision).isin(_PRECISIONS).to_numpy()
        if unknown_precision.any():
            reject(unknown_precision, "precision", msg("normalize.unknown_precision"), precision)

        out["lon"], out["lat"] = lon, lat
        out["precision"] = precision
        out["geocode_score"] = score
        out["geocode_note"] = note
        out["outside_area"] = outside
        # An address that only matched its locality (or kommun) is placed there honestly,
        # but also waits in the review queue: a user can still give the real point.
        coarse = np.isin(precision, [Precision.LOCALITY.value, Precision.MUNICIPALITY.value])
        from_address = need & pd.notna(out["address"]).to_numpy()
        out["review"] = np.where(
            (precision == Precision.FAILED.value) | (coarse & from_address), "pending", None
        )

        # --- identity
        ext = _text(chunk.get("external_id"), n, chunk.index)
        no_id = ext.isna().to_numpy() & ~bad
        if no_id.any():
            content_cols = [c for c in chunk.columns if c != "line"]
            ext = ext.copy()
            ext[no_id] = self.ids.assign(chunk.loc[no_id, content_cols]).to_numpy()
        out["external_id"] = ext
        self._count_unknown(raw_cat, unknown_cat & ~bad)
        return out.loc[~bad], errors

    # ------------------------------------------------------------------ helpers
    def _categories(self, raw: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Codes and kinds per row, and which rows had a name the catalogue does not know."""
        codes = np.empty(len(raw), dtype=object)
        kinds = np.empty(len(raw), dtype=object)
        unknown = np.zeros(len(raw), dtype=bool)
        values = raw.to_numpy(dtype=object)
        for key in pd.unique(values):
            if key not in self._cat_cache:
                cat = self.catalogue.match(key)
                known = cat is not None
                cat = cat or self.catalogue.fallback(self.default_kind)
                self._cat_cache[key] = (cat.code, cat.kind, known)
            code, kind, known = self._cat_cache[key]
            mask = values == key if key is not None else pd.isna(values)
            codes[mask], kinds[mask] = code, kind
            unknown |= mask & (not known)
        return codes, kinds, unknown

    def _count_unknown(self, raw: pd.Series, rows: np.ndarray) -> None:
        """Count the stored rows whose source category went to the fallback."""
        if rows.any():
            names = raw.to_numpy(dtype=object)[rows]
            empty = msg("normalize.empty_category")
            for name in names:
                self.unknown_categories[name if isinstance(name, str) else empty] += 1

    def _geocode(self, text_: str | None, hint: str | None) -> TextGeocodeResult:
        if not text_:
            return TextGeocodeResult(
                np.nan, np.nan, Precision.FAILED.value, None, msg("normalize.no_location")
            )
        key = (text_, hint)
        if key not in self._geo_cache:
            if self.geocode_text is None:
                r = TextGeocodeResult(
                    np.nan,
                    np.nan,
                    Precision.FAILED.value,
                    None,
                    msg("normalize.no_gazetteer"),
                )
            else:
                r = self.geocode_text(text_, hint)
            self._geo_cache[key] = r
        return self._geo_cache[key]


_STATUS = {
    "ny": "ny",
    "new": "ny",
    "open": "ny",
    "öppen": "ny",
    "registrerad": "ny",
    "rapporterad": "rapporterad",
    "reported": "rapporterad",
    "skickad": "rapporterad",
    "pågår": "rapporterad",
    "in progress": "rapporterad",
    "åtgärdad": "åtgärdad",
    "fixed": "åtgärdad",
    "resolved": "åtgärdad",
    "klar": "åtgärdad",
    "avslutad": "avslutad",
    "closed": "avslutad",
    "stängd": "avslutad",
}


def _status(s: pd.Series) -> pd.Series:
    """Observation workflow status in the catalogue's words (unknown or empty: ``ny``)."""
    return s.map(lambda v: _STATUS.get(v.casefold(), "ny") if isinstance(v, str) else "ny")


def _str(v) -> str | None:
    """A non-empty string, or None (pandas may hand back NaN for a missing value)."""
    return v if isinstance(v, str) and v else None


def _text(s: pd.Series | None, n: int, index) -> pd.Series:
    """Trimmed text with empty values as None."""
    if s is None:
        return pd.Series([None] * n, index=index, dtype=object)
    t = s.astype(object).where(pd.notna(s), None)
    t = t.map(lambda v: v.strip() or None if isinstance(v, str) else v)
    return t.astype(object)


def _as_array(v, n: int, default: str) -> np.ndarray:
    if v is None:
        return np.full(n, default, dtype=object)
    if isinstance(v, str):
        return np.full(n, v, dtype=object)
    return np.asarray(v, dtype=object)
