"""Getis-Ord Gi* hot spots on a grid of cells: ArcGIS's Hot Spot Analysis, esda's numbers.

Points are counted per cell (squares, or hexagons) over a study area; each cell's count is
compared with its neighbourhood by the Getis-Ord Gi* statistic (the neighbourhood includes
the cell itself), with binary distance-band weights. The z-scores are esda's
``G_Local(y, w, star=True, transform="B").Zs`` on the same weights; p-values come from the
normal approximation and, with ``permutations``, from conditional randomisation
(:mod:`hotspots.detect.inference`); cells are classed -3..3 as ArcGIS's ``Gi_Bin``
(99/95/90 % hot and cold), FDR-corrected by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral, Real

import numpy as np
from scipy import sparse, stats

from hotspots.detect.grid import MAX_CELLS, Grid
from hotspots.detect.inference import (
    conditional_p,
    confidence_class,
    significant,
    two_sided,
)
from hotspots.detect.points import projected_xy
from hotspots.errors import InputError
from hotspots.i18n import msg, t

__all__ = [
    "Cells",
    "GiStarHotspots",
    "default_distance_band",
    "distance_band_weights",
    "gistar_hotspots",
    "gistar_z",
    "study_area_for",
    "tessellate",
]

SHAPES = ("square", "hexagon")
#: Default distance band in cell sizes (see :func:`default_distance_band`).
BAND_CELLS = 2.0
_SQRT3 = float(np.sqrt(3.0))


# ------------------------------------------------------------------------------- the cells
@dataclass(frozen=True, eq=False)
class Cells:
    """The cells of a study area: polygons, centres (metres) and how to find a point's cell.

    ``shape`` is ``"square"`` (side ``cell_size``) or ``"hexagon"`` (pointy-top, ``cell_size``
    the distance between the centres of adjacent hexagons = the width across the flats; the
    side is ``cell_size / sqrt(3)``). Either way adjacent cells are ``cell_size`` apart.
    """

    shape: str
    cell_size: float
    polygons: np.ndarray
    x: np.ndarray
    y: np.ndarray
    _lookup: np.ndarray
    _origin: tuple[int, int, int, int]  # first column/row index, columns, rows of _lookup

    def __len__(self) -> int:
        return len(self.x)

    @property
    def cell_area_m2(self) -> float:
        """Area of one cell in m²."""
        if self.shape == "square":
            return self.cell_size**2
        return _SQRT3 / 2.0 * self.cell_size**2

    def locate(self, x, y) -> np.ndarray:
        """Index of the cell holding each point, -1 for points in no cell of the area."""
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        a, b = (self._square_ij if self.shape == "square" else self._hex_qr)(x, y)
        a0, b0, na, nb = self._origin
        a = a - a0
        b = b - b0
        inside = (a >= 0) & (a < na) & (b >= 0) & (b < nb)
        out = np.full(len(x), -1, dtype=np.int64)
        out[inside] = self._lookup[b[inside], a[inside]]
        return out

    def _square_ij(self, x, y):
        return (np.floor(x / self.cell_size).astype(np.int64),
                np.floor(y / self.cell_size).astype(np.int64))

    def _hex_qr(self, x, y):
        return _hex_round(x, y, self.cell_size)


def _hex_round(x, y, d: float):
    """Axial coordinates (q, r) of the pointy-top hexagon of centre spacing ``d`` at x, y."""
    side = d / _SQRT3
    r = y / (1.5 * side)
    q = x / d - r / 2.0
    s = -q - r
    rq, rr, rs = np.round(q), np.round(r), np.round(s)
    dq, dr, ds = np.abs(rq - q), np.abs(rr - r), np.abs(rs - s)
    fix_q = (dq > dr) & (dq > ds)
    fix_r = ~fix_q & (dr > ds)
    rq = np.where(fix_q, -rr - rs, rq)
    rr = np.where(fix_r, -rq - rs, rr)
    return rq.astype(np.int64), rr.astype(np.int64)


def tessellate(area, cell_size: float, shape: str = "square") -> Cells:
    """The cells whose centre lies in ``area`` (a shapely polygon in metres).

    Squares are aligned to multiples of ``cell_size`` (the same cells on every run);
    hexagons are pointy-top on a lattice through the origin of the CRS.
    """
    import shapely

    xmin, ymin, xmax, ymax = area.bounds
    if shape == "square":
        grid = Grid.from_bounds(xmin, ymin, xmax, ymax, cell_size=cell_size)
        cx, cy = grid.centers()
        a0, b0 = round(grid.x0 / cell_size), round(grid.y0 / cell_size)
    else:
        side = cell_size / _SQRT3
        r0 = int(np.floor(ymin / (1.5 * side))) - 1
        r1 = int(np.ceil(ymax / (1.5 * side))) + 1
        a0 = int(np.floor(xmin / cell_size - r1 / 2.0)) - 1
        q1 = int(np.ceil(xmax / cell_size - r0 / 2.0)) + 1
        b0 = r0
        if (q1 - a0 + 1) * (r1 - r0 + 1) > MAX_CELLS:
            raise InputError(msg("gistar.too_many_cells", size=cell_size, limit=MAX_CELLS))
        ai, bi = np.meshgrid(np.arange(q1 - a0 + 1), np.arange(r1 - r0 + 1))
        cx = cell_size * ((ai + a0) + (bi + b0) / 2.0)
        cy = 1.5 * side * (bi + b0)
    keep = shapely.intersects_xy(area, cx, cy)
    lookup = np.full(keep.shape, -1, dtype=np.int64)
    lookup[keep] = np.arange(int(keep.sum()))
    x, y = cx[keep], cy[keep]
    if shape == "square":
        h = cell_size / 2.0
        polygons = shapely.box(x - h, y - h, x + h, y + h)
    else:
        angles = np.deg2rad(30.0 + 60.0 * np.arange(7))
        side = cell_size / _SQRT3
        ring = np.stack([x[:, None] + side * np.cos(angles), y[:, None] + side * np.sin(angles)],
                        axis=-1)
        polygons = shapely.polygons(ring)
    return Cells(shape, float(cell_size), polygons, x, y, lookup,
                 (int(a0), int(b0), keep.shape[1], keep.shape[0]))


def study_area_for(study_area, crs, x, y, cell_size: float):
    """The study area as one shapely (multi)polygon in the points' CRS.

    ``None`` gives the convex hull of the points buffered by one cell size. A
    GeoSeries/GeoDataFrame with a CRS is transformed to the points' CRS; a bare shapely
    geometry (or a GeoSeries without CRS) is taken to be in the points' CRS already.
    """
    import shapely

    if study_area is None:
        hull = shapely.convex_hull(shapely.multipoints(np.column_stack([x, y])))
        return hull.buffer(cell_size)
    geom = study_area
    if hasattr(geom, "geometry") or hasattr(geom, "union_all"):
        series = geom.geometry if hasattr(geom, "geometry") else geom
        if getattr(series, "crs", None) is not None and crs is not None:
            series = series.to_crs(crs)
        geom = series.union_all()
    if not isinstance(geom, shapely.Geometry) or geom.is_empty or geom.geom_type not in (
        "Polygon", "MultiPolygon"
    ) or geom.area <= 0:
        raise InputError(msg("gistar.bad_study_area", kind=type(study_area).__name__))
    return geom


# ------------------------------------------------------------------------------- the weights
def distance_band_weights(x, y, band: float) -> sparse.csr_matrix:
    """Binary weights of the cells within ``band`` metres of each other, *itself included*.

    The diagonal is 1 (Gi*). Distances are between centres, with a relative tolerance of
    1e-9 so that cells exactly ``band`` apart (regular grids) are neighbours.
    """
    from scipy.spatial import cKDTree

    n = len(x)
    pairs = cKDTree(np.column_stack([x, y])).query_pairs(band * (1 + 1e-9),
                                                         output_type="ndarray")
    rows = np.concatenate([pairs[:, 0], pairs[:, 1], np.arange(n)])
    cols = np.concatenate([pairs[:, 1], pairs[:, 0], np.arange(n)])
    w = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    w.sort_indices()
    return w


def default_distance_band(x, y, cell_size: float) -> float:
    """``2 x cell_size``, or more where needed for every cell to have a neighbour.

    Two cell sizes make a neighbourhood of 13 squares (or 19 hexagons) with the cell itself:
    wide enough to smooth the count of a single cell, narrow enough for street-level hot
    spots. When a cell is farther than that from every other (a cell on an island in an
    archipelago), the band grows to the smallest distance at which every cell has at least
    one neighbour, so no cell is judged on its own count alone.
    """
    from scipy.spatial import cKDTree

    band = BAND_CELLS * cell_size
    if len(x) < 2:
        return band
    dist, _ = cKDTree(np.column_stack([x, y])).query(np.column_stack([x, y]), k=2)
    return float(max(band, dist[:, 1].max()))


# ------------------------------------------------------------------------------ the statistic
def gistar_z(y, lag, cardinality):
    """Getis-Ord Gi* with binary weights: ``Gs``, ``EGs``, ``VGs`` and ``Zs`` as in esda.

    Parameters
    ----------
    y
        ``(n,)`` values (counts).
    lag
        ``(n,)`` sums of ``y`` over each neighbourhood, the observation itself included
        (``W @ y`` with a diagonal of ones).
    cardinality
        ``(n,)`` size of each neighbourhood, the observation itself included.

    Returns
    -------
    tuple of numpy.ndarray
        ``Gs = lag / sum(y)``; ``EGs = k / n``;
        ``VGs = k (n - k) / (n - 1) / n**2 * s**2 / ybar**2``; ``Zs = (Gs - EGs) / sqrt(VGs)``
        with ``ybar`` and ``s**2`` the mean and (population) variance of ``y``. Where ``y``
        has no variation (all zero, or all equal) every z is 0: there is no evidence of a hot
        or cold spot.
    """
    y = np.asarray(y, dtype=float)
    lag = np.asarray(lag, dtype=float)
    k = np.asarray(cardinality, dtype=float)
    n = y.size
    total = y.sum()
    mean = total / n if n else 0.0
    var = (y**2).sum() / n - mean**2 if n else 0.0
    eg = k / n if n else k
    g = lag / total if total > 0 else np.zeros_like(lag)
    if total <= 0 or var <= 1e-12 * max(mean**2, 1.0) or n < 2:
        zeros = np.zeros_like(lag)
        return g, eg, zeros, zeros
    vg = k * (n - k) / (n - 1) / n**2 * var / mean**2
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(vg > 0, (g - eg) / np.sqrt(vg), 0.0)
    return g, eg, vg, z


def _class_labels(language: str) -> dict[int, str]:
    """The labels of the confidence classes in ``language``."""
    return {
        3: t("gistar.hot_99", language),
        2: t("gistar.hot_95", language),
        1: t("gistar.hot_90", language),
        0: t("gistar.not_significant", language),
        -1: t("gistar.cold_90", language),
        -2: t("gistar.cold_95", language),
        -3: t("gistar.cold_99", language),
    }


def check_params(*, cell_size, shape, distance_band, permutations, alpha, seed) -> None:
    """Raise :class:`InputError` for a parameter a detector cannot use."""
    if isinstance(cell_size, bool) or not isinstance(cell_size, Real) or not (
        np.isfinite(cell_size) and cell_size > 0
    ):
        raise InputError(msg("gistar.bad_cell_size", value=cell_size))
    if shape not in SHAPES:
        raise InputError(msg("gistar.bad_shape", value=shape))
    if distance_band is not None and (
        isinstance(distance_band, bool) or not isinstance(distance_band, Real)
        or not (np.isfinite(distance_band) and distance_band > 0)
    ):
        raise InputError(msg("gistar.bad_distance_band", value=distance_band))
    if isinstance(permutations, bool) or not isinstance(permutations, Integral) or (
        permutations < 0
    ):
        raise InputError(msg("gistar.bad_permutations", value=permutations))
    if isinstance(alpha, bool) or not isinstance(alpha, Real) or not 0 < alpha < 1:
        raise InputError(msg("gistar.bad_alpha", value=alpha))
    if seed is not None and (isinstance(seed, bool)
                             or not isinstance(seed, (Integral, np.random.Generator))):
        raise InputError(msg("gistar.bad_seed", value=seed))


# ------------------------------------------------------------------------------ the estimator
class GiStarHotspots:
    """Hot and cold spots of point counts by Getis-Ord Gi* (ArcGIS's Hot Spot Analysis).

    Parameters
    ----------
    cell_size
        Metres: the side of a square cell, or the distance between the centres of adjacent
        hexagons (pointy-top; a hexagon then covers ``0.866 * cell_size**2``).
    shape
        ``"square"`` or ``"hexagon"``.
    distance_band
        Metres: cells whose centres are at most this far apart are neighbours (binary
        weights; every cell is its own neighbour, Gi*). None: :func:`default_distance_band`,
        ``2 * cell_size`` (13 squares or 19 hexagons), widened if a cell would have no
        neighbour.
    permutations
        Conditional randomisations for ``p_sim_`` (esda's default 999); 0 uses the normal
        approximation only. The smallest two-sided ``p_sim`` is ``2 / (R + 1)``: the 99 %
        class needs at least 199 permutations.
    seed
        Seed of the permutations (int); the same seed gives the same result.
    fdr
        Correct the significance for the false discovery rate (Benjamini-Hochberg), as
        ArcGIS's Optimized Hot Spot Analysis does.
    alpha
        Significance level of :attr:`hotspots_` (two-sided): 0.05 gives the cells of
        classes 2 and 3.
    study_area
        Polygon (shapely, or GeoSeries/GeoDataFrame) in metres; only the cells whose centre
        lies in it are analysed. None: the convex hull of the points buffered by one cell.

    Attributes
    ----------
    grid_ : Cells
        The analysed cells (polygons, centres, :meth:`Cells.locate`).
    counts_ : numpy.ndarray
        Points per cell.
    weights_ : scipy.sparse.csr_matrix
        The binary weights, diagonal included (``libpysal.weights.WSP(weights_).to_W()``
        gives esda the same weights).
    distance_band_ : float
        The distance band used, metres.
    Gs_, EGs_, VGs_, Zs_ : numpy.ndarray
        Gi* per cell, its expectation, variance and z-score (esda's names and values, with
        the trailing underscore of fitted attributes).
    p_norm_ : numpy.ndarray
        One-sided normal p-value of ``|Zs_|`` (esda's ``p_norm``; twice it is ArcGIS's
        two-sided ``GiPValue``).
    p_sim_ : numpy.ndarray or None
        Pseudo p-value from the permutations (esda's ``p_sim``: one-sided towards the
        observed tail, ``(M + 1) / (R + 1)``, ties counted in both tails); None when
        ``permutations`` is 0.
    classes_ : numpy.ndarray
        -3..3 per cell: ArcGIS's ``Gi_Bin`` (hot/cold at 99, 95, 90 % confidence) from the
        two-sided normal p-value, FDR-corrected when ``fdr``; with permutations the
        two-sided ``p_sim`` must pass the same level too (see
        :func:`~hotspots.detect.inference.confidence_class`: the normal approximation is
        too optimistic for sparse counts, the permutation test alone cannot pass FDR over
        many cells).
    cells_ : geopandas.GeoDataFrame
        One row per cell: ``cell``, ``count``, ``z``, ``p`` (two-sided, normal: ArcGIS's
        ``GiPValue``), ``p_sim`` (two-sided, ``2 * p_sim_``; NaN without permutations),
        ``class``, ``label_sv``, ``label_en`` (e.g. "Het punkt 99 %" / "Hot spot 99 %"),
        ``geometry``.
    hotspots_ : geopandas.GeoDataFrame
        The rows of ``cells_`` that are hot (z > 0) and significant at ``alpha`` by the
        rule of ``classes_`` (with ``alpha`` 0.05: the cells of classes 2 and 3).
    dissolved_ : geopandas.GeoDataFrame
        The hot spots as areas: adjacent hot cells merged; ``n_cells``, ``count`` and the
        highest ``class`` per area.
    n_outside_ : int
        Points that fell in no analysed cell (outside the study area).

    Examples
    --------
    >>> import geopandas as gpd, numpy as np
    >>> rng = np.random.default_rng(0)
    >>> xy = np.vstack([rng.uniform(0, 2000, (300, 2)), rng.normal(1000, 40, (60, 2))])
    >>> pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(*xy.T), crs=3006)
    >>> gi = GiStarHotspots(cell_size=100, seed=1).fit(pts)
    >>> int(gi.classes_.max())
    3
    """

    def __init__(self, *, cell_size: float = 100.0, shape: str = "square",
                 distance_band: float | None = None, permutations: int = 999,
                 seed: int | None = None, fdr: bool = True, alpha: float = 0.05,
                 study_area=None):
        self.cell_size = cell_size
        self.shape = shape
        self.distance_band = distance_band
        self.permutations = permutations
        self.seed = seed
        self.fdr = fdr
        self.alpha = alpha
        self.study_area = study_area

    def fit(self, points) -> GiStarHotspots:
        """Count ``points`` (projected, metres) per cell and find the hot and cold spots."""
        check_params(cell_size=self.cell_size, shape=self.shape,
                     distance_band=self.distance_band, permutations=self.permutations,
                     alpha=self.alpha, seed=self.seed)
        x, y, crs = projected_xy(points)
        if len(x) == 0 and self.study_area is None:
            raise InputError(msg("gistar.no_points"))
        area = study_area_for(self.study_area, crs, x, y, float(self.cell_size))
        cells = tessellate(area, float(self.cell_size), self.shape)
        if len(cells) == 0:
            raise InputError(msg("gistar.no_cells", size=self.cell_size))
        where = cells.locate(x, y)
        inside = where >= 0
        if not inside.any():
            raise InputError(msg("gistar.no_points_in_area", n=len(x)))
        counts = np.bincount(where[inside], minlength=len(cells))
        band = (float(self.distance_band) if self.distance_band is not None
                else default_distance_band(cells.x, cells.y, float(self.cell_size)))
        w = distance_band_weights(cells.x, cells.y, band)
        lag = w @ counts.astype(float)
        card = np.diff(w.indptr)
        g, eg, vg, z = gistar_z(counts, lag, card)

        self.grid_ = cells
        self.counts_ = counts
        self.weights_ = w
        self.distance_band_ = band
        self.n_outside_ = int((~inside).sum())
        self.Gs_, self.EGs_, self.VGs_, self.Zs_ = g, eg, vg, z
        self.p_norm_ = stats.norm.sf(np.abs(z))
        p_perm = None
        if self.permutations:
            self.p_sim_ = conditional_p(counts, lag - counts, card - 1,
                                        permutations=int(self.permutations), seed=self.seed)
            if not vg.any():  # no variation: nothing to find, whatever the draws say
                self.p_sim_ = np.full(len(cells), 1.0)
            p_perm = two_sided(self.p_sim_)
        else:
            self.p_sim_ = None
        p = two_sided(self.p_norm_)
        self.classes_ = confidence_class(z, p, fdr=self.fdr, p_perm=p_perm)
        hot = (z > 0) & significant(p, self.alpha, fdr=self.fdr, p_perm=p_perm)
        self.cells_ = self._frame(crs)
        self.hotspots_ = self.cells_[hot].copy()
        self.dissolved_ = _dissolve(self.hotspots_, crs)
        return self

    def _frame(self, crs):
        import geopandas as gpd

        sv, en = _class_labels("sv"), _class_labels("en")
        classes = self.classes_.tolist()
        return gpd.GeoDataFrame(
            {
                "cell": np.arange(len(self.counts_)),
                "count": self.counts_,
                "z": self.Zs_,
                "p": two_sided(self.p_norm_),
                "p_sim": two_sided(self.p_sim_) if self.p_sim_ is not None else np.nan,
                "class": self.classes_,
                "label_sv": [sv[c] for c in classes],
                "label_en": [en[c] for c in classes],
            },
            geometry=self.grid_.polygons,
            crs=crs,
        )


def _dissolve(hot, crs):
    """Adjacent hot cells merged into areas, with their cell count, points and top class."""
    import geopandas as gpd
    import shapely

    if len(hot) == 0:
        return gpd.GeoDataFrame({"n_cells": [], "count": [], "class": []},
                                geometry=[], crs=crs)
    merged = shapely.get_parts(shapely.union_all(hot.geometry.values))
    tree = shapely.STRtree(merged)
    # a cell belongs to the merged part containing its centre
    part = tree.query(shapely.centroid(hot.geometry.values), predicate="within")
    owner = np.full(len(hot), -1)
    owner[part[0]] = part[1]
    frame = gpd.GeoDataFrame({"part": owner, "count": hot["count"].to_numpy(),
                              "class": hot["class"].to_numpy()})
    agg = frame.groupby("part").agg(n_cells=("count", "size"), count=("count", "sum"),
                                    **{"class": ("class", "max")})
    return gpd.GeoDataFrame(agg.reset_index(drop=True),
                            geometry=merged[agg.index.to_numpy()], crs=crs)


def gistar_hotspots(points, **params) -> GiStarHotspots:
    """Fit :class:`GiStarHotspots` with ``params`` on ``points`` and return it."""
    return GiStarHotspots(**params).fit(points)
