"""DBSCAN hotspots: dense groups of incidents as polygons, with scikit-learn's exact clusters.

The clustering gives exactly the answer of ``sklearn.cluster.DBSCAN(eps, min_samples,
metric="euclidean").fit(X, sample_weight=w)``: the same core points, the same clusters with
the same numbers (in the order of each cluster's first core point), the same noise, and each
border point in the cluster scikit-learn puts it in (the lowest-numbered cluster with a core
point within ``eps``, as its sequential expansion does). It does so in a fraction of the
time and memory:

- Unweighted fits run the exact parallel grid DBSCAN of the ``dbscan`` package (Wang, Gu &
  Shun, SIGMOD 2020), which keeps scikit-learn's conventions (a point counts itself;
  ``distance <= eps``). Its cluster numbers and border choices are then made canonical.
- Weighted fits (which that package does not take) collapse duplicate coordinates into one
  point with the sum of their weights, mark every point of an ``eps/√2`` grid cell holding
  at least ``min_samples`` of weight as core (all pairs in such a cell are within ``eps``),
  sum the weights within ``eps`` of the remaining points with a k-d tree, and join the core
  points with the same package (``min_samples=1`` on the core points: connected components).

Distances are compared like scikit-learn's k-d tree does: ``dx*dx + dy*dy <= eps*eps``.
"""

from __future__ import annotations

import itertools
import json
import math
import numbers

import numpy as np

from hotspots.errors import InputError
from hotspots.i18n import msg

__all__ = ["DBSCANHotspots", "HOTSPOT_COLUMNS", "MAX_EPS_M", "dbscan_hotspots", "dbscan_labels"]

#: Largest ``eps`` accepted, metres: a "hotspot" wider than this is a town, not a place.
MAX_EPS_M = 10_000.0
#: Polygon kinds for a cluster.
HULLS = ("concave", "buffer")
#: Attribute columns of :attr:`DBSCANHotspots.hotspots_` (plus ``geometry``).
HOTSPOT_COLUMNS = ("cluster", "n_points", "area_km2", "density_per_km2", "categories",
                   "first", "last", "profile")

# Neighbour candidates are fetched a little beyond eps and then tested exactly.
_REACH = 1.0 + 1e-6
# Candidate pairs handled at once: bounds memory where many points share a neighbourhood.
_CHUNK_PAIRS = 4_000_000
# Largest grid looked up through a dense table (int64: 160 MB); larger grids search.
_TABLE_CELLS = 20_000_000


# ------------------------------------------------------------------------------ validation
def _as_eps(eps) -> float:
    if isinstance(eps, bool) or not isinstance(eps, numbers.Real) or not math.isfinite(eps) \
            or eps <= 0:
        raise InputError(msg("dbscan.bad_eps", value=eps))
    return float(eps)


def _as_min_samples(min_samples) -> int:
    ok = (not isinstance(min_samples, bool) and isinstance(min_samples, numbers.Real)
          and math.isfinite(min_samples) and float(min_samples).is_integer()
          and min_samples >= 1)
    if not ok:
        raise InputError(msg("dbscan.bad_min_samples", value=min_samples))
    return int(min_samples)


def _as_points(X) -> np.ndarray:
    try:
        X = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(msg("dbscan.bad_coordinates")) from exc
    if X.size == 0:
        return np.zeros((0, 2))
    if X.ndim != 2 or X.shape[1] != 2 or not np.isfinite(X).all():
        raise InputError(msg("dbscan.bad_coordinates"))
    return np.ascontiguousarray(X)


def _as_weights(sample_weight, n: int) -> np.ndarray:
    try:
        w = np.asarray(sample_weight, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError) as exc:
        raise InputError(msg("dbscan.bad_weights", bad="?")) from exc
    if len(w) != n:
        raise InputError(msg("dbscan.weights_length", got=len(w), n=n))
    bad = int((~np.isfinite(w) | (w < 0)).sum())
    if bad:
        raise InputError(msg("dbscan.bad_weights", bad=bad))
    return w


# ------------------------------------------------------------------------------ clustering
def _package_dbscan(X: np.ndarray, eps: float, min_samples: int):
    # Imported on use: the package pulls in scikit-learn, about a second to import.
    from dbscan import DBSCAN

    labels, core = DBSCAN(np.ascontiguousarray(X, dtype=np.float64), float(eps),
                          int(min_samples))
    return np.asarray(labels, dtype=np.int64), np.asarray(core, dtype=bool)


def _within(X: np.ndarray, i: np.ndarray, Y: np.ndarray, j: np.ndarray, eps: float):
    """Mask of candidate pairs ``(X[i], Y[j])`` within ``eps``, computed as scikit-learn does."""
    dx = X[i, 0] - Y[j, 0]
    dy = X[i, 1] - Y[j, 1]
    return dx * dx + dy * dy <= eps * eps


def _ball_pairs(tree, Q: np.ndarray, eps: float):
    """Chunks ``(q, j)`` of candidate pairs: ``tree`` points ``j`` near query points ``q``."""
    r = eps * _REACH
    counts = tree.query_ball_point(Q, r, return_length=True, workers=-1)
    ends = np.cumsum(counts)
    first = 0
    while first < len(Q):
        last = int(np.searchsorted(ends, ends[first] - counts[first] + _CHUNK_PAIRS, "right"))
        last = max(last, first + 1)
        lists = tree.query_ball_point(Q[first:last], r, return_sorted=False, workers=-1)
        lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        j = np.fromiter(itertools.chain.from_iterable(lists), dtype=np.int64,
                        count=int(lengths.sum()))
        yield np.repeat(np.arange(first, last), lengths), j
        first = last


def _collapse(X: np.ndarray, w: np.ndarray):
    """Distinct coordinates, their summed weights, and each point's distinct index."""
    import pandas as pd

    # Hashing beats sorting here; complex numbers keep both coordinates exactly.
    inverse, uniq = pd.factorize(X[:, 0] + 1j * X[:, 1])
    U = np.column_stack([uniq.real, uniq.imag])
    return U, np.bincount(inverse, weights=w, minlength=len(U)), inverse.astype(np.int64)


class _Cells:
    """Points bucketed in square cells of ``side``, each cell's points contiguous in ``perm``."""

    def __init__(self, U: np.ndarray, W: np.ndarray, side: float, pad: int):
        self.U, self.side, self.lo = U, side, U.min(axis=0)
        cell = np.floor((U - self.lo) / side).astype(np.int64)
        self.cx, self.cy = cell[:, 0], cell[:, 1]
        self.ny = int(self.cy.max()) + 2 * pad + 1
        key = (self.cx + pad) * self.ny + (self.cy + pad)
        self.perm = np.argsort(key, kind="stable")
        skey = key[self.perm]
        self.starts = np.flatnonzero(np.r_[True, skey[1:] != skey[:-1]])
        self.keys = skey[self.starts]
        self.counts = np.diff(np.r_[self.starts, len(U)])
        self.mass = np.add.reduceat(W[self.perm], self.starts)
        self.which = np.empty(len(U), dtype=np.int64)
        self.which[self.perm] = np.repeat(np.arange(len(self.keys)), self.counts)
        self.key = key
        # A direct table from cell key to position when the grid is small enough.
        size = (int(self.cx.max()) + 2 * pad + 1) * self.ny
        self.table = None
        if size <= _TABLE_CELLS:
            self.table = np.full(size, -1, dtype=np.int64)
            self.table[self.keys] = np.arange(len(self.keys))

    def around(self, idx: np.ndarray, dx: int, dy: int, inner: float, outer: float):
        """For points ``idx`` and the cell at offset ``(dx, dy)`` from theirs: the cell's
        position (or -1), whether all of it lies within ``inner`` of the point and whether
        some of it lies within ``outer`` (squared distances)."""
        px, py = self.U[idx, 0], self.U[idx, 1]
        x0 = self.lo[0] + (self.cx[idx] + dx) * self.side
        y0 = self.lo[1] + (self.cy[idx] + dy) * self.side
        far_x = np.maximum(np.abs(px - x0), np.abs(px - x0 - self.side))
        far_y = np.maximum(np.abs(py - y0), np.abs(py - y0 - self.side))
        near_x = np.maximum(np.maximum(x0 - px, px - x0 - self.side), 0.0)
        near_y = np.maximum(np.maximum(y0 - py, py - y0 - self.side), 0.0)
        nk = self.key[idx] + dx * self.ny + dy
        if self.table is not None:
            pos = self.table[nk]
        else:
            pos = np.minimum(np.searchsorted(self.keys, nk), len(self.keys) - 1)
            pos = np.where(self.keys[pos] == nk, pos, -1)
        full = (pos >= 0) & (far_x * far_x + far_y * far_y <= inner)
        some = (pos >= 0) & (near_x * near_x + near_y * near_y <= outer)
        return pos, full, some

    def pairs(self, q: np.ndarray, pos: np.ndarray):
        """Chunks ``(k, j)``: every point ``j`` of cell ``pos[k]``, for each ``k``."""
        cnt = self.counts[pos]
        ends = np.cumsum(cnt)
        first = 0
        while first < len(q):
            last = int(np.searchsorted(ends, ends[first] - cnt[first] + _CHUNK_PAIRS, "right"))
            last = max(last, first + 1)
            c = cnt[first:last]
            k = np.repeat(np.arange(first, last), c)
            offset = np.arange(len(k)) - np.repeat(np.cumsum(c) - c, c)
            yield k, self.perm[np.repeat(self.starts[pos[first:last]], c) + offset]
            first = last


def _weighted_cores(U: np.ndarray, W: np.ndarray, eps: float, min_samples: int):
    """Core mask of distinct points ``U`` with weights ``W``.

    On a grid of ``eps/√2`` cells every pair in a cell is within eps, so a cell holding
    ``min_samples`` of weight is core throughout. For the other points the cells of the
    5 x 5 block around them lying wholly within eps give a lower bound and the cells
    reaching within eps an upper bound; only the points these do not decide are summed
    exactly, pair by pair, over the cells the eps circle cuts.
    """
    # A distance well above the rounding of coordinates and cell edges, far below eps.
    tol = 1e-7 * eps + 1e-13 * float(np.abs(U).max())
    side = (eps - 2.0 * tol) / math.sqrt(2.0)
    if float(np.ptp(U, axis=0).max()) / side > 1e9:  # too fine for exact float cells
        return _tree_cores(U, W, eps, min_samples)
    cells = _Cells(U, W, side, pad=2)
    core = cells.mass[cells.which] >= min_samples
    todo = cells.perm[~core[cells.perm]]  # in cell order: neighbouring lookups stay close
    inner, outer = (eps - tol) ** 2, (eps + tol) ** 2
    offsets = [(dx, dy) for dx in range(-2, 3) for dy in range(-2, 3)]
    lower = np.zeros(len(todo))
    upper = np.zeros(len(todo))
    for dx, dy in offsets:
        pos, full, some = cells.around(todo, dx, dy, inner, outer)
        m = cells.mass[pos]
        lower += np.where(full, m, 0.0)
        upper += np.where(some, m, 0.0)
    core[todo[lower >= min_samples]] = True
    unsure = np.flatnonzero((lower < min_samples) & (upper >= min_samples))
    mass = lower[unsure]
    for dx, dy in offsets:
        pos, full, some = cells.around(todo[unsure], dx, dy, inner, outer)
        cut = np.flatnonzero(some & ~full)
        for k, j in cells.pairs(cut, pos[cut]):
            i = todo[unsure[cut[k]]]
            ok = _within(U, i, U, j, eps)
            mass += np.bincount(cut[k[ok]], weights=W[j[ok]], minlength=len(unsure))
    core[todo[unsure]] = mass >= min_samples
    return core


def _tree_cores(U, W, eps, min_samples):
    """Core mask by summing every point's neighbours (k-d tree): the fallback."""
    from scipy.spatial import cKDTree

    mass = np.zeros(len(U))
    for q, j in _ball_pairs(cKDTree(U), U, eps):
        ok = _within(U, q, U, j, eps)
        mass += np.bincount(q[ok], weights=W[j[ok]], minlength=len(U))
    return mass >= min_samples


def _weighted_components(X, eps, min_samples, w):
    """Core mask and core components (-1 elsewhere) of a weighted fit."""
    U, W, inverse = _collapse(X, w)
    core_u = _weighted_cores(U, W, eps, min_samples)
    comp_u = np.full(len(U), -1, dtype=np.int64)
    if core_u.any():
        comp_u[core_u] = _package_dbscan(U[core_u], eps, 1)[0]
    return core_u[inverse], comp_u[inverse]


def _border_labels(X, eps, core_idx, core_labels, cand) -> np.ndarray:
    """For each candidate, the lowest cluster label of a core point within eps (or -1)."""
    from scipy.spatial import cKDTree

    # Only the cores in the eps-cells around the candidates can reach them.
    cells = np.floor((X - X.min(axis=0)) / eps)
    span = cells.max(axis=0) + 3
    if span[0] * span[1] < 2.0**62:
        cells = cells.astype(np.int64) + 1
        key = cells[:, 0] * int(span[1]) + cells[:, 1]
        around = np.unique((key[cand][:, None] + np.array(
            [dx * int(span[1]) + dy for dx in (-1, 0, 1) for dy in (-1, 0, 1)])).ravel())
        near = np.isin(key[core_idx], around)
        core_idx, core_labels = core_idx[near], core_labels[near]
    out = np.full(len(cand), np.iinfo(np.int64).max, dtype=np.int64)
    if len(core_idx):
        tree = cKDTree(X[core_idx])
        for q, j in _ball_pairs(tree, X[cand], eps):
            ok = _within(X, cand[q], X, core_idx[j], eps)
            np.minimum.at(out, q[ok], core_labels[j[ok]])
    out[out == np.iinfo(np.int64).max] = -1
    return out


def _canonical_labels(X, eps, core, components, maybe_border=None) -> np.ndarray:
    """scikit-learn's labels from a core mask and the components of the core points.

    ``maybe_border`` (default: every non-core point) are the points that may lie within
    eps of a core point; the others are noise.
    """
    n = len(X)
    labels = np.full(n, -1, dtype=np.int64)
    core_idx = np.flatnonzero(core)
    if not len(core_idx):
        return labels
    comp = components[core_idx]
    # scikit-learn numbers clusters in the order of their first core point ...
    first = np.full(comp.max() + 1, n, dtype=np.int64)
    np.minimum.at(first, comp, core_idx)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    labels[core_idx] = rank[comp]
    # ... and expands them in that order, so a border point reachable from several
    # clusters stays in the lowest-numbered one.
    cand = np.flatnonzero(~core if maybe_border is None else maybe_border & ~core)
    if len(cand):
        labels[cand] = _border_labels(X, eps, core_idx, labels[core_idx], cand)
    return labels


def dbscan_labels(X, *, eps: float, min_samples: int, sample_weight=None):
    """Cluster labels and core points of ``X``, exactly as scikit-learn's DBSCAN gives them.

    Parameters
    ----------
    X : array of shape (n, 2)
        Coordinates in a projected CRS.
    eps : float
        Neighbourhood radius in the units of ``X`` (metres in a metric CRS). Points at a
        distance ``<= eps`` are neighbours; a point is its own neighbour.
    min_samples : int
        A point is core when its neighbourhood holds at least this many points (this much
        weight, with ``sample_weight``).
    sample_weight : array of shape (n,), optional
        Non-negative weight of each point. Weighted neighbourhoods are summed in a different
        order than scikit-learn does: with non-integer weights a sum that equals
        ``min_samples`` to within rounding may fall on the other side.

    Returns
    -------
    labels : numpy.ndarray of int64, shape (n,)
        Cluster of each point, ``-1`` for noise; identical to scikit-learn's ``labels_``.
    core : numpy.ndarray of bool, shape (n,)
        Whether each point is a core point.

    Examples
    --------
    >>> labels, core = dbscan_labels([[0, 0], [0, 1], [0, 2], [9, 9]], eps=1, min_samples=2)
    >>> labels.tolist(), core.tolist()
    ([0, 0, 0, -1], [True, True, True, False])
    """
    X = _as_points(X)
    eps = _as_eps(eps)
    min_samples = _as_min_samples(min_samples)
    n = len(X)
    w = None if sample_weight is None else _as_weights(sample_weight, n)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    if w is None or (w == 1.0).all():
        components, core = _package_dbscan(X, eps, min_samples)
        # The package's noise has no core point within eps: only its border points can
        # belong to another cluster than the one it chose.
        return _canonical_labels(X, eps, core, components, components >= 0), core
    core, components = _weighted_components(X, eps, min_samples, w)
    return _canonical_labels(X, eps, core, components), core


# ------------------------------------------------------------------------------ polygons
def _metres_per_unit(crs) -> float:
    axes = getattr(crs, "axis_info", None) or []
    factor = getattr(axes[0], "unit_conversion_factor", None) if axes else None
    return float(factor) if factor else 1.0


def _empty_frame(crs):
    import geopandas as gpd
    import pandas as pd

    dtypes = {"cluster": "int64", "n_points": "int64", "area_km2": "float64",
              "density_per_km2": "float64"}
    data = {c: pd.Series(dtype=dtypes.get(c, object)) for c in HOTSPOT_COLUMNS}
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries([], crs=crs), crs=crs)


def _categories(points, idx, lab) -> list[str]:
    import pandas as pd

    k = int(lab.max()) + 1
    out = [{} for _ in range(k)]
    if hasattr(points, "columns") and "category" in points.columns:
        frame = pd.DataFrame({"c": lab, "v": points["category"].to_numpy()[idx]}).dropna()
        for (c, v), count in frame.groupby(["c", "v"], sort=False).size().items():
            out[int(c)][str(v)] = int(count)
    return [json.dumps(dict(sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))),
                       ensure_ascii=False) for d in out]


def _dates(points, idx, lab, tz) -> tuple[list, list]:
    import pandas as pd

    k = int(lab.max()) + 1
    if not (hasattr(points, "columns") and "occurred_from" in points.columns):
        return [None] * k, [None] * k
    start = pd.to_datetime(points["occurred_from"], utc=True).iloc[idx].reset_index(drop=True)
    stop = start
    if "occurred_to" in points.columns:
        end = pd.to_datetime(points["occurred_to"], utc=True).iloc[idx].reset_index(drop=True)
        stop = end.where(end.notna() & (end > start), start)
    frame = pd.DataFrame({"c": lab, "s": start, "e": stop})
    lo = frame.groupby("c")["s"].min().reindex(range(k))
    hi = frame.groupby("c")["e"].max().reindex(range(k))

    def iso(ts):
        return None if pd.isna(ts) else ts.tz_convert(tz).date().isoformat()

    return [iso(v) for v in lo], [iso(v) for v in hi]


def _profiles(points, labels, k, tz) -> list:
    if not (hasattr(points, "columns") and "occurred_from" in points.columns):
        return [None] * k
    from hotspots.detect.profile import grouped_profiles

    end = points["occurred_to"] if "occurred_to" in points.columns else None
    prof = grouped_profiles(points["occurred_from"], end, groups=labels, n_groups=k, tz=tz)
    return [p.tolist() for p in prof]


def _hotspot_frame(points, X, labels, crs, *, eps, unit, hull, ratio, tz):
    import geopandas as gpd
    import shapely

    k = int(labels.max()) + 1 if len(labels) else 0
    if k == 0:
        return _empty_frame(crs)
    idx = np.flatnonzero(labels >= 0)
    idx = idx[np.argsort(labels[idx], kind="stable")]
    lab = labels[idx]
    groups = shapely.multipoints(X[idx], indices=lab)
    if hull == "concave":
        polys = shapely.concave_hull(groups, ratio=ratio)
    else:
        polys = shapely.buffer(shapely.convex_hull(groups), eps / 2.0)
    # Identical or collinear points have no area: draw them as a band of width eps.
    flat = (shapely.get_type_id(polys) != 3) | (shapely.area(polys) <= 0)
    if flat.any():
        polys[flat] = shapely.buffer(polys[flat], eps / 2.0)
    n_points = np.bincount(lab, minlength=k)
    area_km2 = shapely.area(polys) * unit * unit / 1e6
    first, last = _dates(points, idx, lab, tz)
    data = {
        "cluster": np.arange(k, dtype=np.int64),
        "n_points": n_points.astype(np.int64),
        "area_km2": area_km2,
        "density_per_km2": n_points / area_km2,
        "categories": _categories(points, idx, lab),
        "first": first,
        "last": last,
        "profile": _profiles(points, labels, k, tz),
    }
    return gpd.GeoDataFrame(data, geometry=polys, crs=crs)


# ------------------------------------------------------------------------------ estimator
class DBSCANHotspots:
    """Hotspots as dense clusters of incidents (DBSCAN), drawn as one polygon per cluster.

    A point with at least ``min_samples`` incidents within ``eps`` metres (itself included)
    is a core point; core points within ``eps`` of each other form a cluster, which also
    takes the other points within ``eps`` of its core points. The rest is noise. The
    clusters are exactly scikit-learn's (see :func:`dbscan_labels`), found much faster.

    Parameters
    ----------
    eps : float
        Neighbourhood radius, metres (converted when the CRS counts in feet). At most
        :data:`MAX_EPS_M`.
    min_samples : int
        Incidents (or weight) within ``eps`` that make a point a core point, itself included.
    hull : {"concave", "buffer"}
        Polygon of a cluster: ``"concave"`` is the concave hull of its points
        (:func:`shapely.concave_hull` with ``concave_ratio``); ``"buffer"`` is their convex
        hull widened by ``eps / 2``. A cluster whose points are identical or on a line is
        drawn as their hull widened by ``eps / 2``.
    concave_ratio : float
        ``ratio`` of :func:`shapely.concave_hull`, 0-1: the longest edge kept, as a fraction
        of the way from the shortest to the longest edge of the points' Delaunay
        triangulation. 0 hugs the points, 1 is the convex hull.
    tz : str
        Time zone of the dates and hour profiles (IANA name).

    Attributes
    ----------
    labels_ : numpy.ndarray of int64, shape (n,)
        Cluster of each point, ``-1`` for noise (scikit-learn's labels).
    core_sample_indices_ : numpy.ndarray of int64
        Positions of the core points, ascending.
    components_ : numpy.ndarray, shape (n_core, 2)
        Coordinates of the core points in the points' CRS.
    n_clusters_ : int
        Number of clusters.
    hotspots_ : geopandas.GeoDataFrame
        One polygon per cluster in the points' CRS, in cluster order, with ``cluster``,
        ``n_points`` (incidents), ``area_km2``, ``density_per_km2`` (incidents per km²),
        ``categories`` (JSON object ``{"category": count}``, most frequent first; ``{}``
        without a ``category`` column), ``first`` and ``last`` (ISO local dates of the
        earliest ``occurred_from`` and the latest ``occurred_to``, None without times) and
        ``profile`` (7 x 24 nested list, Monday first, local hours, windows spread over the
        hours they cover: see :func:`~hotspots.detect.profile.hour_weekday_profile`).

    Examples
    --------
    >>> import geopandas as gpd
    >>> pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy([0, 5, 10, 500], [0, 5, 0, 500]),
    ...                        crs=3006)
    >>> est = DBSCANHotspots(eps=20, min_samples=3).fit(pts)
    >>> est.labels_.tolist(), est.hotspots_["n_points"].tolist()
    ([0, 0, 0, -1], [3])
    """

    def __init__(self, *, eps: float = 100.0, min_samples: int = 10, hull: str = "concave",
                 concave_ratio: float = 0.3, tz: str = "Europe/Stockholm"):
        self.eps = eps
        self.min_samples = min_samples
        self.hull = hull
        self.concave_ratio = concave_ratio
        self.tz = tz

    def _check_params(self) -> tuple[float, int]:
        eps = _as_eps(self.eps)
        if eps > MAX_EPS_M:
            raise InputError(msg("dbscan.eps_too_large", value=eps, limit=MAX_EPS_M))
        min_samples = _as_min_samples(self.min_samples)
        if self.hull not in HULLS:
            raise InputError(msg("dbscan.bad_hull", value=self.hull, known=", ".join(HULLS)))
        r = self.concave_ratio
        if isinstance(r, bool) or not isinstance(r, numbers.Real) or not 0 <= r <= 1:
            raise InputError(msg("dbscan.bad_ratio", value=r))
        from hotspots.detect.profile import _check_tz

        _check_tz(self.tz)
        return eps, min_samples

    def fit(self, points, *, sample_weight=None) -> DBSCANHotspots:
        """Cluster ``points`` and draw the clusters.

        Parameters
        ----------
        points : geopandas.GeoDataFrame or GeoSeries
            Points in a projected CRS; optional columns ``category``, ``occurred_from`` and
            ``occurred_to`` (UTC datetimes) fill the attributes of :attr:`hotspots_`.
        sample_weight : array of shape (n,), optional
            Non-negative weight of each point in the core condition (as scikit-learn).

        Returns
        -------
        DBSCANHotspots
            ``self``, fitted.
        """
        from hotspots.detect.points import projected_xy

        eps, min_samples = self._check_params()
        x, y, crs = projected_xy(points)
        unit = _metres_per_unit(crs)
        X = np.column_stack([x, y]) if len(x) else np.zeros((0, 2))
        eps_units = eps / unit
        labels, core = dbscan_labels(X, eps=eps_units, min_samples=min_samples,
                                     sample_weight=sample_weight)
        self.labels_ = labels
        self.core_sample_indices_ = np.flatnonzero(core).astype(np.int64)
        self.components_ = X[core]
        self.n_clusters_ = int(labels.max()) + 1 if len(labels) else 0
        self.hotspots_ = _hotspot_frame(points, X, labels, crs, eps=eps_units, unit=unit,
                                        hull=self.hull, ratio=float(self.concave_ratio),
                                        tz=self.tz)
        return self


def dbscan_hotspots(points, *, sample_weight=None, **params):
    """The hotspot polygons of :class:`DBSCANHotspots` fitted on ``points`` with ``params``.

    Returns
    -------
    geopandas.GeoDataFrame
        :attr:`DBSCANHotspots.hotspots_`.
    """
    return DBSCANHotspots(**params).fit(points, sample_weight=sample_weight).hotspots_
