"""Swedish municipality (kommun) polygons: lookup by name or code, point-in-kommun tests.

The polygons come from ``data/boundaries/swedish_municipalities.geojson`` (all 290 kommuner,
WGS84, simplified to a few tens of vertices each: see ``data/SOURCES.md``). Borders are
therefore approximate to a few hundred metres; coastal points can fall just outside. Use
``buffer_m`` where that matters.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
from rapidfuzz import process
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from hotspots.errors import GeocodeError
from hotspots.i18n import msg

__all__ = [
    "BOUNDARIES_FILE",
    "SWEDEN_BBOX",
    "Boundaries",
    "contains_xy",
    "in_sweden_bbox",
    "kommun_key",
    "load_boundaries",
]

#: Path of the kommun polygons relative to the data directory.
BOUNDARIES_FILE = Path("boundaries") / "swedish_municipalities.geojson"

#: (min lon, min lat, max lon, max lat) of Sweden with a margin of about 20 km: the kommun
#: polygons span 10.95..24.18 E, 55.33..69.06 N.
SWEDEN_BBOX = (10.6, 55.1, 24.5, 69.3)

# Names that differ from the official kommun name only by the genitive form the kommun uses
# in its own name ("Falu kommun" is Falun). Keys are folded (see kommun_key).
_ALIASES = {"falu": "Falun"}


def kommun_key(name: str) -> str:
    """Fold a kommun name for lookup: case, accents, hyphens and a trailing 'kommun'."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[-_.]", " ", text)
    text = re.sub(r"\s+(kommun|k)\s*$", "", text.strip())
    return " ".join(text.split())


class Boundaries:
    """The kommun polygons, with lookup by name or code and vectorised point tests.

    Parameters
    ----------
    names : kommun names (``"Höör"``), one per polygon.
    codes : 4-digit SCB kommun codes (``"1267"``), one per polygon.
    geometries : WGS84 lon/lat (Multi)Polygons.
    lan_codes : optional 2-digit county codes.

    Attributes
    ----------
    names : tuple of str
    codes : tuple of str
    geometries : numpy array of shapely geometries (prepared)

    Examples
    --------
    >>> from shapely.geometry import box
    >>> b = Boundaries(["Höör"], ["1267"], [box(13.4, 55.85, 13.75, 56.05)])
    >>> b.name("hoor"), b.code("Höör kommun")
    ('Höör', '1267')
    >>> b.contains("1267", [13.54, 12.0], [55.94, 55.9]).tolist()
    [True, False]
    >>> b.locate([13.54], [55.94]).tolist()
    ['Höör']
    """

    def __init__(
        self,
        names: list[str],
        codes: list[str],
        geometries: list[BaseGeometry],
        lan_codes: list[str] | None = None,
    ) -> None:
        if not (len(names) == len(codes) == len(geometries)):
            raise GeocodeError(msg("boundaries.lengths"))
        self.names = tuple(names)
        self.codes = tuple(str(c).zfill(4) for c in codes)
        self.lan_codes = tuple(lan_codes) if lan_codes is not None else ("",) * len(names)
        self.geometries = np.asarray(geometries, dtype=object)
        shapely.prepare(self.geometries)
        self._tree = shapely.STRtree(self.geometries)
        self._by_key: dict[str, int] = {}
        folded: dict[str, set[int]] = {}
        for i, name in enumerate(self.names):
            self._by_key[name.casefold()] = i
            folded.setdefault(kommun_key(name), set()).add(i)
        for k, idx in folded.items():
            # A folded key shared by two kommuner would be a guess: keep only unique ones.
            if len(idx) == 1:
                self._by_key.setdefault(k, next(iter(idx)))
        for alias, name in _ALIASES.items():
            if name.casefold() in self._by_key:
                self._by_key.setdefault(alias, self._by_key[name.casefold()])
        self._by_code = {c: i for i, c in enumerate(self.codes)}
        self._buffered: dict[tuple[int, float], BaseGeometry] = {}

    @classmethod
    def from_geojson(cls, path: Path) -> Boundaries:
        """Read kommun polygons from a GeoJSON file with ``kom_namn`` and ``id`` properties."""
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except FileNotFoundError:
            raise GeocodeError(msg("boundaries.not_found", file=path)) from None
        except (OSError, ValueError) as exc:
            raise GeocodeError(msg("boundaries.unreadable", file=path, detail=exc)) from None
        names, codes, lans, geoms = [], [], [], []
        for feature in data.get("features", []):
            props = feature.get("properties") or {}
            if not feature.get("geometry") or "kom_namn" not in props:
                continue
            names.append(props["kom_namn"])
            codes.append(str(props.get("id", "")))
            lans.append(str(props.get("lan_code", "")))
            geoms.append(shape(feature["geometry"]))
        if not names:
            raise GeocodeError(msg("boundaries.empty", file=path))
        return cls(names, codes, geoms, lans)

    def __len__(self) -> int:
        return len(self.names)

    def __contains__(self, kommun: object) -> bool:
        return isinstance(kommun, str | int) and self._find(kommun) is not None

    def _find(self, kommun: str | int) -> int | None:
        text = str(kommun).strip()
        if text.isdigit() and len(text) <= 4:
            # Spreadsheets drop the leading zero of codes like 0114.
            return self._by_code.get(text.zfill(4))
        for key in (text.casefold(), kommun_key(text)):
            if key in self._by_key:
                return self._by_key[key]
        key = kommun_key(text)
        # Genitive or truncated forms: "Stockholms" -> Stockholm, "Grum" -> Grums.
        for variant in (key[:-1] if key.endswith("s") else None, key + "s"):
            if variant and variant in self._by_key:
                return self._by_key[variant]
        return None

    def index(self, kommun: str | int) -> int:
        """Position of a kommun given by name (any case, with or without å/ä/ö) or code.

        Raises
        ------
        GeocodeError
            If the kommun is unknown; the message suggests close names.
        """
        i = self._find(kommun)
        if i is None:
            folded = [kommun_key(n) for n in self.names]
            close = process.extract(kommun_key(str(kommun)), folded, limit=3, score_cutoff=60)
            hint = ", ".join(self.names[j] for _, _, j in close)
            raise GeocodeError(
                msg("boundaries.unknown_kommun_hint", kommun=kommun, hint=hint)
                if hint
                else msg("boundaries.unknown_kommun", kommun=kommun)
            )
        return i

    def name(self, kommun: str | int) -> str:
        """Official name of a kommun (``"hoor"`` -> ``"Höör"``, ``"1267"`` -> ``"Höör"``)."""
        return self.names[self.index(kommun)]

    def code(self, kommun: str | int) -> str:
        """4-digit SCB code of a kommun."""
        return self.codes[self.index(kommun)]

    def polygon(self, kommun: str | int, *, buffer_m: float = 0.0) -> BaseGeometry:
        """The kommun's (Multi)Polygon in lon/lat, optionally grown by ``buffer_m`` metres.

        A buffer of a few hundred metres absorbs the simplification of the borders.
        """
        i = self.index(kommun)
        if buffer_m <= 0:
            return self.geometries[i]
        cache_key = (i, float(buffer_m))
        if cache_key not in self._buffered:
            # Buffer in SWEREF 99 TM metres: degrees are not a length in Sweden.
            fwd, back = _transformer(4326, 3006), _transformer(3006, 4326)
            projected = shapely.transform(
                self.geometries[i], lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1]))
            )
            grown = projected.buffer(buffer_m)
            geom = shapely.transform(
                grown, lambda xy: np.column_stack(back.transform(xy[:, 0], xy[:, 1]))
            )
            shapely.prepare(geom)
            self._buffered[cache_key] = geom
        return self._buffered[cache_key]

    def centroid(self, kommun: str | int) -> tuple[float, float]:
        """A central point ``(lon, lat)`` of the kommun, always inside it.

        The geometric centroid, or a point on the surface when the centroid of an odd-shaped
        kommun falls outside it.
        """
        geom = self.geometries[self.index(kommun)]
        point = geom.centroid
        if not geom.contains(point):
            point = geom.point_on_surface()
        return float(point.x), float(point.y)

    def contains(
        self, kommun: str | int, lon: np.ndarray, lat: np.ndarray, *, buffer_m: float = 0.0
    ) -> np.ndarray:
        """Boolean array: which points lie inside the kommun (NaN points are ``False``)."""
        geom = self.polygon(kommun, buffer_m=buffer_m)
        lon = np.asarray(lon, dtype=float)
        lat = np.asarray(lat, dtype=float)
        return contains_xy(geom, lon, lat)

    def locate(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Object array with the kommun name each point lies in, ``None`` outside all of them.

        A point on a shared border gets the first kommun found.
        """
        lon = np.atleast_1d(np.asarray(lon, dtype=float))
        lat = np.atleast_1d(np.asarray(lat, dtype=float))
        out = np.full(lon.shape, None, dtype=object)
        ok = np.isfinite(lon) & np.isfinite(lat)
        if not ok.any():
            return out
        rows = np.flatnonzero(ok)
        points = shapely.points(lon[rows], lat[rows])
        hit_point, hit_poly = self._tree.query(points, predicate="intersects")
        names = np.asarray(self.names, dtype=object)
        # query() sorts by input point; keep the first kommun of a point on a shared border.
        first_point, first = np.unique(hit_point, return_index=True)
        out[rows[first_point]] = names[hit_poly[first]]
        return out

    def in_sweden(self, lon: np.ndarray, lat: np.ndarray, *, exact: bool = False) -> np.ndarray:
        """Boolean array: points inside Sweden's bounding box, or inside any kommun if ``exact``.

        The box is a cheap plausibility test; ``exact`` uses the simplified polygons, which
        leave out some coastal points and islands.
        """
        lon = np.asarray(lon, dtype=float)
        lat = np.asarray(lat, dtype=float)
        if exact:
            return np.not_equal(self.locate(lon, lat), None)
        return in_sweden_bbox(lon, lat)


@lru_cache(maxsize=8)
def _transformer(src: int, dst: int):
    from pyproj import Transformer

    return Transformer.from_crs(src, dst, always_xy=True)


def in_sweden_bbox(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Boolean array: points inside :data:`SWEDEN_BBOX` (NaN is ``False``)."""
    x0, y0, x1, y1 = SWEDEN_BBOX
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    return (lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1)


def contains_xy(geom: BaseGeometry, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Vectorised point-in-polygon with a bounding-box pre-filter (NaN is ``False``)."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    x0, y0, x1, y1 = geom.bounds
    # Most points of a file are far outside one kommun's box: skip the exact test for them.
    near = (lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1)
    out = np.zeros(lon.shape, dtype=bool)
    if near.any():
        out[near] = shapely.contains_xy(geom, lon[near], lat[near])
    return out


@lru_cache(maxsize=4)
def load_boundaries(data_dir: Path) -> Boundaries:
    """Load (once per data directory) the kommun polygons from ``data_dir``.

    Raises
    ------
    GeocodeError
        If the boundaries file is missing or unreadable.
    """
    return Boundaries.from_geojson(Path(data_dir) / BOUNDARIES_FILE)
