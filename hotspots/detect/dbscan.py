"""DBSCAN hotspots: dense groups of incidents as polygons, with scikit-learn's exact clusters.

The clustering gives exactly the answer of ``sklearn.cluster.DBSCAN(eps, min_samples,
metric="euclidean").fit(X, sample_weight=w)``: the same core points, the same clusters with
the same numbers (in the order of each cluster's first core point), the same noise, and each
border point in the cluster scikit-learn puts it in (the lowest-numbered cluster with a core
point within ``eps``). It does so in a fraction of the time and memory: see
:mod:`hotspots.detect._dbscan_exact` for how.
"""

from __future__ import annotations

import json
import numbers

import numpy as np

from hotspots.detect._dbscan_exact import as_eps, as_min_samples, dbscan_labels
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
        ``n_points`` (incidents, whatever their weights), ``area_km2``,
        ``density_per_km2`` (incidents per km²),
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
        eps = as_eps(self.eps)
        if eps > MAX_EPS_M:
            raise InputError(msg("dbscan.eps_too_large", value=eps, limit=MAX_EPS_M))
        min_samples = as_min_samples(self.min_samples)
        if self.hull not in HULLS:
            raise InputError(msg("dbscan.bad_hull", value=self.hull, known=", ".join(HULLS)))
        r = self.concave_ratio
        if isinstance(r, bool) or not isinstance(r, numbers.Real) or not 0 <= r <= 1:
            raise InputError(msg("dbscan.bad_ratio", value=r))
        from hotspots.detect.profile import check_tz

        check_tz(self.tz)
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
