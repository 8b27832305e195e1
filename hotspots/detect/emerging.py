"""Emerging hot spots: ArcGIS's Emerging Hot Spot Analysis on a space-time cube of counts.

Points with a time (``occurred_from``) are counted per cell and time step (the space-time
cube); every bin gets a Getis-Ord Gi* z-score over its space-time neighbourhood (the cells
within the distance band, in the same step and the ``time_neighbours`` steps before it, as
ArcGIS's *neighborhood time step*), compared with the whole cube; bins are significant hot
or cold at ``alpha`` after FDR over all bins. The Mann-Kendall test gives each cell the
trend of its z-scores, and each cell gets one pattern by the rule table below.

Rule table
----------
Notation, per cell: ``T`` time steps; a step is *hot* (*cold*) when its bin is significant
at ``alpha`` with z > 0 (z < 0); ``share`` = hot steps / ``T``; the *final run* = the
uninterrupted run of hot steps ending with the final step; *trend up/down* = Mann-Kendall
trend of the cell's z-scores with p ≤ ``alpha`` and S > 0 / S < 0. The first matching row
wins; rows 1-8 are ArcGIS's definitions of the hot patterns ("How Emerging Hot Spot
Analysis works", ArcGIS Pro 3.x) made exact; the cold patterns (rows 9-16) mirror them
with hot and cold swapped and the trend reversed (an intensifying cold spot gets colder:
trend down).

== =================== =============================================================
#  code                rule (final = the final time step)
== =================== =============================================================
1  intensifying_hot    final hot; share ≥ 90 %; trend up
2  diminishing_hot     final hot; share ≥ 90 %; trend down
3  persistent_hot      final hot; share ≥ 90 %; no significant trend
4  oscillating_hot     final hot; share < 90 %; some earlier step cold
5  new_hot             final hot; share < 90 %; no earlier step hot or cold
6  consecutive_hot     final hot; share < 90 %; final run ≥ 2 steps; no step hot before
                       the final run; no step cold
7  sporadic_hot        final hot; share < 90 %; some step hot before the final run;
                       no step cold
8  historical_hot      final not hot and not cold; share ≥ 90 %
9  intensifying_cold   final cold; cold share ≥ 90 %; trend down
10 diminishing_cold    final cold; cold share ≥ 90 %; trend up
11 persistent_cold     final cold; cold share ≥ 90 %; no significant trend
12 oscillating_cold    final cold; cold share < 90 %; some earlier step hot
13 new_cold            final cold; cold share < 90 %; no earlier step hot or cold
14 consecutive_cold    final cold; cold share < 90 %; final cold run ≥ 2; no step cold
                       before it; no step hot
15 sporadic_cold       final cold; cold share < 90 %; some step cold before the final
                       run; no step hot
16 historical_cold     final not hot and not cold; cold share ≥ 90 %
17 no_pattern          none of the above
== =================== =============================================================

Where ArcGIS's words leave a choice, the choice made here (marked *our reading*):

- ArcGIS says *new* = "never been a statistically significant hot spot before" and
  *oscillating* = final hot "with a history of also being a statistically significant cold
  spot"; a cell cold before and hot only now fits both. Our reading (as R's sfdep): it is
  oscillating; new and consecutive have no significant step before (hot or cold).
- *Persistent* in ArcGIS does not say "including the final time step"; intensifying and
  diminishing do, and historical is "the most recent time period is not hot, but at least
  90 percent ... hot". Our reading: persistent needs the final step hot, historical takes
  the rest.
- A final step *cold* after ≥ 90 % hot steps fits historical hot and oscillating cold. Our
  reading: patterns of the final step come first (rows 1-7, 9-15), so it is oscillating
  cold; historical needs a final step that is neither.
- *Sporadic* in ArcGIS Pro is "a statistically significant hot spot for the final
  time-step interval with a history of also being an on-again and off-again hot spot";
  older ArcMap text leaves out the final step (and sfdep follows that). We follow Pro.
- "Significant" is at ``alpha`` (default 0.05, two-sided, FDR over all bins of the cube
  together); ArcGIS does not state the level its patterns use. The trend is significant
  at the same ``alpha``.
- 90 % of ``T`` steps: with fewer than 10 steps that means every step, so historical
  patterns need at least 10 steps (ArcGIS asks for 10 or more for the trend test too).

The Mann-Kendall test (:func:`mann_kendall`) is on each cell's z-score series, as in
ArcGIS: ``S = sum_{i<j} sign(z_j - z_i)``, variance with the correction for ties,
``Z = (S - sign(S)) / sqrt(Var S)`` (continuity correction), two-sided normal p-value. S is
Kendall's tau between time and the series up to normalisation (scipy's ``kendalltau``
gives the same S and, without the continuity correction, the same Z).
"""

from __future__ import annotations

import re
from datetime import date
from numbers import Integral

import numpy as np
import pandas as pd
from scipy import stats

from hotspots.detect.gistar import (
    check_params,
    default_distance_band,
    distance_band_weights,
    gistar_z,
    study_area_for,
    tessellate,
)
from hotspots.detect.inference import conditional_p, confidence_class, significant, two_sided
from hotspots.detect.points import projected_xy
from hotspots.errors import InputError
from hotspots.i18n import msg, t

__all__ = ["PATTERNS", "EmergingHotspots", "classify_patterns", "emerging_hotspots",
           "mann_kendall", "time_bins"]

#: Pattern codes in the order of the rule table.
PATTERNS = (
    "intensifying_hot", "diminishing_hot", "persistent_hot", "oscillating_hot", "new_hot",
    "consecutive_hot", "sporadic_hot", "historical_hot",
    "intensifying_cold", "diminishing_cold", "persistent_cold", "oscillating_cold",
    "new_cold", "consecutive_cold", "sporadic_cold", "historical_cold", "no_pattern",
)
TIME_COLUMN = "occurred_from"
TIMEZONE = "Europe/Stockholm"
#: Share of hot (cold) steps of the persistent, intensifying, diminishing, historical rows.
SHARE = 0.9


# ---------------------------------------------------------------------------- Mann-Kendall
def mann_kendall(x) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mann-Kendall trend test of each row of ``x`` (a series per row, oldest first).

    Returns ``S``, ``Z`` and the two-sided p-value per row:
    ``S = sum_{i<j} sign(x_j - x_i)``,
    ``Var S = (T(T-1)(2T+5) - sum_ties t(t-1)(2t+5)) / 18``,
    ``Z = (S - sign(S)) / sqrt(Var S)`` (0 when the variance is 0: a constant series).

    Examples
    --------
    >>> s, z, p = mann_kendall([[1, 2, 3, 4, 5, 6], [3, 3, 3, 3, 3, 3]])
    >>> s.tolist(), bool(p[0] < 0.01), float(p[1])
    ([15.0, 0.0], True, 1.0)
    """
    x = np.atleast_2d(np.asarray(x, dtype=float))
    m, n = x.shape
    s = np.zeros(m)
    for lag in range(1, n):  # O(T) passes of O(m T): no (m, T, T) array in memory
        s += np.sign(x[:, lag:] - x[:, :-lag]).sum(axis=1)
    srt = np.sort(x, axis=1)
    starts = np.ones((m, n), dtype=bool)
    starts[:, 1:] = srt[:, 1:] != srt[:, :-1]
    run = np.cumsum(starts.ravel()) - 1  # a tie group per run of equal sorted values
    size = np.bincount(run).astype(float)
    row = np.repeat(np.arange(m), starts.sum(axis=1))
    ties = np.bincount(row, weights=size * (size - 1) * (2 * size + 5), minlength=m)
    var = (n * (n - 1) * (2 * n + 5) - ties) / 18.0
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(var > 0, (s - np.sign(s)) / np.sqrt(np.where(var > 0, var, 1)), 0.0)
    return s, z, 2 * stats.norm.sf(np.abs(z))


# ------------------------------------------------------------------------------ the patterns
def classify_patterns(hot, cold, trend_s, trend_p, *, alpha: float = 0.05) -> np.ndarray:
    """The pattern code (:data:`PATTERNS`) of each cell by the rule table of this module.

    Parameters
    ----------
    hot, cold
        ``(cells, T)`` booleans: the bin is a significant hot (cold) spot.
    trend_s, trend_p
        Per cell the Mann-Kendall S (its sign) and p-value of the z-score series.
    alpha
        Level of the trend test.
    """
    hot = np.asarray(hot, dtype=bool)
    cold = np.asarray(cold, dtype=bool)
    n_steps = hot.shape[1]
    up = (np.asarray(trend_p) <= alpha) & (np.asarray(trend_s) > 0)
    down = (np.asarray(trend_p) <= alpha) & (np.asarray(trend_s) < 0)
    out = np.full(hot.shape[0], "no_pattern", dtype=object)
    done = np.zeros(hot.shape[0], dtype=bool)

    def put(code: str, rule) -> None:
        hit = rule & ~done
        out[hit] = code
        done[hit] = True

    for same, other, rising, falling, kind in ((hot, cold, up, down, "hot"),
                                               (cold, hot, down, up, "cold")):
        final = same[:, -1]
        share = same.sum(axis=1) / n_steps
        run = np.cumprod(same[:, ::-1], axis=1).sum(axis=1)  # the final run's length
        before_run = same.sum(axis=1) > run
        other_ever = other.any(axis=1)
        most = final & (share >= SHARE)
        some = final & (share < SHARE)
        codes = {  # the literal codes keep the table greppable
            "hot": ("intensifying_hot", "diminishing_hot", "persistent_hot",
                    "oscillating_hot", "new_hot", "consecutive_hot", "sporadic_hot"),
            "cold": ("intensifying_cold", "diminishing_cold", "persistent_cold",
                     "oscillating_cold", "new_cold", "consecutive_cold", "sporadic_cold"),
        }[kind]
        put(codes[0], most & rising)
        put(codes[1], most & falling)
        put(codes[2], most)
        put(codes[3], some & other[:, :-1].any(axis=1))
        put(codes[4], some & (run == 1) & ~before_run & ~other_ever)
        put(codes[5], some & (run >= 2) & ~before_run & ~other_ever)
        put(codes[6], some & before_run & ~other_ever)
    neither = ~hot[:, -1] & ~cold[:, -1]
    put("historical_hot", neither & (hot.sum(axis=1) / n_steps >= SHARE))
    put("historical_cold", neither & (cold.sum(axis=1) / n_steps >= SHARE))
    return out.astype(str)


def _pattern_labels(language: str) -> dict[str, str]:
    """The labels of the patterns in ``language``."""
    return {
        "intensifying_hot": t("emerging.intensifying_hot", language),
        "diminishing_hot": t("emerging.diminishing_hot", language),
        "persistent_hot": t("emerging.persistent_hot", language),
        "oscillating_hot": t("emerging.oscillating_hot", language),
        "new_hot": t("emerging.new_hot", language),
        "consecutive_hot": t("emerging.consecutive_hot", language),
        "sporadic_hot": t("emerging.sporadic_hot", language),
        "historical_hot": t("emerging.historical_hot", language),
        "intensifying_cold": t("emerging.intensifying_cold", language),
        "diminishing_cold": t("emerging.diminishing_cold", language),
        "persistent_cold": t("emerging.persistent_cold", language),
        "oscillating_cold": t("emerging.oscillating_cold", language),
        "new_cold": t("emerging.new_cold", language),
        "consecutive_cold": t("emerging.consecutive_cold", language),
        "sporadic_cold": t("emerging.sporadic_cold", language),
        "historical_cold": t("emerging.historical_cold", language),
        "no_pattern": t("emerging.no_pattern", language),
    }


# ------------------------------------------------------------------------------- time steps
def time_bins(times, time_step: str = "7D", *, end=None):
    """Bin edges (UTC) and labels of the time steps covering ``times``.

    ``time_step`` is ``"<n>D"`` (n days) or ``"<n>W"`` (n ISO weeks, Monday to Sunday);
    edges fall on midnight in Europe/Stockholm, so a step is n calendar days whatever the
    daylight saving time. The last step ends at ``end`` (exclusive): by default midnight
    after the last time (days), or the Monday after the ISO week of the last time (weeks;
    give ``end`` = the Monday of the current week to leave an incomplete week out). Steps
    go back from the end until the first time is covered.

    Returns
    -------
    tuple
        ``edges`` (``T + 1`` UTC timestamps) and ``labels`` (``T`` strings: the ISO week,
        e.g. ``2024-W07``, or the first day, e.g. ``2024-02-12``).
    """
    match = re.fullmatch(r"\s*(\d*)\s*([dDwW])\s*", str(time_step))
    if not match or (match.group(1) and int(match.group(1)) < 1):
        raise InputError(msg("emerging.bad_time_step", value=time_step))
    size = int(match.group(1) or 1)
    weeks = match.group(2).upper() == "W"
    step = pd.Timedelta(days=7 * size if weeks else size)
    local = pd.DatetimeIndex(times).tz_convert(TIMEZONE).tz_localize(None)
    first, last = local.min().normalize(), local.max().normalize()
    if weeks:
        first = first - pd.Timedelta(days=first.weekday())
    if end is None:
        stop = (last - pd.Timedelta(days=last.weekday()) + pd.Timedelta(days=7)) if weeks \
            else last + pd.Timedelta(days=1)
    else:
        stop = _end(end)
    n = max(int(np.ceil((stop - first) / step)), 0)
    naive = pd.DatetimeIndex([stop - (n - i) * step for i in range(n + 1)])
    edges = naive.tz_localize(TIMEZONE).tz_convert("UTC")
    starts = naive[:-1]
    if weeks:
        iso = starts.isocalendar()
        labels = [f"{y}-W{w:02d}" for y, w in zip(iso["year"], iso["week"], strict=True)]
    else:
        labels = [d.strftime("%Y-%m-%d") for d in starts]
    return edges, labels


def _end(end) -> pd.Timestamp:
    """``end`` as a naive local (Europe/Stockholm) timestamp; a naive value is local."""
    if not isinstance(end, (str, date, pd.Timestamp, np.datetime64)):
        raise InputError(msg("emerging.bad_end", value=end))
    try:
        stamp = pd.Timestamp(end)
    except (TypeError, ValueError):
        raise InputError(msg("emerging.bad_end", value=end)) from None
    if stamp is pd.NaT:
        raise InputError(msg("emerging.bad_end", value=end))
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(TIMEZONE).tz_localize(None)
    return stamp


# ------------------------------------------------------------------------------ the estimator
class EmergingHotspots:
    """Emerging hot and cold spots: trends of Gi* over time steps (ArcGIS's categories).

    Parameters
    ----------
    cell_size
        Metres: side of a square, or distance between adjacent hexagon centres.
    shape
        ``"square"`` or ``"hexagon"``.
    time_step
        ``"7D"`` (steps of 7 days ending at midnight after the last incident) or ``"1W"``
        (ISO weeks, "vecka 7", in Europe/Stockholm); any ``"<n>D"``/``"<n>W"``.
    distance_band
        Metres: cells whose centres are at most this far apart are neighbours; None gives
        :func:`~hotspots.detect.gistar.default_distance_band` (2 x ``cell_size``).
    time_neighbours
        Earlier time steps in a bin's neighbourhood (ArcGIS's neighborhood time step): 1
        means the neighbouring cells in this step and the step before.
    permutations
        0 (default, ArcGIS's normal p-values) or e.g. 999: conditional randomisation over
        the whole cube, which each bin's normal p-value must then pass too (as
        :class:`~hotspots.detect.gistar.GiStarHotspots`).
    seed
        Seed of the permutations (int).
    fdr
        Control the false discovery rate over all bins of the cube.
    alpha
        Significance level of the bins and of the trend test (two-sided).
    study_area
        Polygon in metres (shapely, or GeoSeries/GeoDataFrame); None: the convex hull of
        the points buffered by one cell.
    end
        End (exclusive) of the last time step: a datetime, naive = Europe/Stockholm; None:
        see :func:`time_bins`.

    Attributes
    ----------
    grid_ : hotspots.detect.gistar.Cells
        The analysed cells.
    bin_edges_ : pandas.DatetimeIndex
        ``T + 1`` UTC edges of the time steps.
    bins_ : list of str
        The time steps' labels (``2024-W07`` or the first day).
    cube_ : numpy.ndarray
        Counts, ``(cells, T)``.
    z_ : numpy.ndarray
        Space-time Gi* z-scores, ``(cells, T)`` (esda's ``Zs`` on the space-time weights).
    p_norm_, p_sim_ : numpy.ndarray
        One-sided p-values per bin (esda's conventions); ``p_sim_`` None without
        permutations.
    bin_classes_ : numpy.ndarray
        -3..3 per bin (ArcGIS's ``Gi_Bin``).
    hot_, cold_ : numpy.ndarray
        Booleans per bin: significant hot (cold) at ``alpha``.
    trend_s_, trend_z_, trend_p_ : numpy.ndarray
        Mann-Kendall S, Z and two-sided p per cell (trend of its z-scores).
    classes_ : numpy.ndarray
        Pattern code per cell (:data:`PATTERNS`, e.g. ``"new_hot"``).
    cells_ : geopandas.GeoDataFrame
        One row per cell: ``cell``, ``count`` (all steps), ``n_hot``, ``n_cold``,
        ``trend_z``, ``trend_p``, ``pattern``, ``label_sv``, ``label_en``
        (e.g. "Ny het punkt" / "New hot spot"), ``geometry``.
    n_undated_ : int
        Points without a time (left out).
    n_outside_ : int
        Dated points in no cell or no time step (left out).
    """

    def __init__(self, *, cell_size: float = 100.0, shape: str = "square",
                 time_step: str = "7D", distance_band: float | None = None,
                 time_neighbours: int = 1, permutations: int = 0, seed: int | None = None,
                 fdr: bool = True, alpha: float = 0.05, study_area=None, end=None):
        self.cell_size = cell_size
        self.shape = shape
        self.time_step = time_step
        self.distance_band = distance_band
        self.time_neighbours = time_neighbours
        self.permutations = permutations
        self.seed = seed
        self.fdr = fdr
        self.alpha = alpha
        self.study_area = study_area
        self.end = end

    def fit(self, points) -> EmergingHotspots:
        """Build the space-time cube of ``points`` and classify every cell's pattern."""
        check_params(cell_size=self.cell_size, shape=self.shape,
                     distance_band=self.distance_band, permutations=self.permutations,
                     alpha=self.alpha, seed=self.seed)
        tn = self.time_neighbours
        if isinstance(tn, bool) or not isinstance(tn, Integral) or tn < 0:
            raise InputError(msg("emerging.bad_time_neighbours", value=tn))
        x, y, crs = projected_xy(points)
        if TIME_COLUMN not in getattr(points, "columns", ()):
            raise InputError(msg("emerging.no_time_column", column=TIME_COLUMN))
        times = pd.DatetimeIndex(pd.to_datetime(points[TIME_COLUMN], utc=True))
        dated = ~times.isna()
        if not dated.any():
            raise InputError(msg("emerging.no_dated_points", column=TIME_COLUMN))
        self.n_undated_ = int((~dated).sum())
        x, y, times = x[dated], y[dated], times[dated]
        edges, labels = time_bins(times, self.time_step, end=self.end)
        if len(labels) < 2:
            raise InputError(msg("emerging.too_few_bins", n=len(labels), step=self.time_step))

        area = study_area_for(self.study_area, crs, x, y, float(self.cell_size))
        grid = tessellate(area, float(self.cell_size), self.shape)
        if len(grid) == 0:
            raise InputError(msg("gistar.no_cells", size=self.cell_size))
        cell = grid.locate(x, y)
        step = np.searchsorted(edges.as_unit("ns").asi8, times.as_unit("ns").asi8,
                               side="right") - 1
        ok = (cell >= 0) & (step >= 0) & (step < len(labels))
        if not ok.any():
            raise InputError(msg("gistar.no_points_in_area", n=len(x)))
        n_cells, n_steps = len(grid), len(labels)
        cube = np.bincount(cell[ok] * n_steps + step[ok],
                           minlength=n_cells * n_steps).reshape(n_cells, n_steps)
        band = (float(self.distance_band) if self.distance_band is not None
                else default_distance_band(grid.x, grid.y, float(self.cell_size)))
        w = distance_band_weights(grid.x, grid.y, band)

        # space-time lag: the spatial lag summed over this step and the tn steps before
        spatial = np.cumsum(w @ cube.astype(float), axis=1)
        lag = spatial.copy()
        if tn + 1 < n_steps:
            lag[:, tn + 1:] -= spatial[:, :n_steps - tn - 1]
        depth = np.minimum(np.arange(n_steps), tn) + 1
        card = np.diff(w.indptr)[:, None] * depth[None, :]
        _, _, vg, z = gistar_z(cube.ravel(), lag.ravel(), card.ravel())
        z = z.reshape(n_cells, n_steps)
        p_norm = stats.norm.sf(np.abs(z))
        p_perm = p_sim = None
        if self.permutations:
            p_sim = conditional_p(cube.ravel(), (lag - cube).ravel(), (card - 1).ravel(),
                                  permutations=int(self.permutations), seed=self.seed)
            p_sim = p_sim.reshape(n_cells, n_steps) if vg.any() else np.ones_like(z)
            p_perm = two_sided(p_sim)
        p = two_sided(p_norm)
        sig = significant(p, self.alpha, fdr=self.fdr, p_perm=p_perm)
        trend_s, trend_z, trend_p = mann_kendall(z)

        self.grid_, self.weights_, self.distance_band_ = grid, w, band
        self.bin_edges_, self.bins_ = edges, labels
        self.n_outside_ = int((~ok).sum())
        self.cube_, self.z_, self.p_norm_, self.p_sim_ = cube, z, p_norm, p_sim
        self.bin_classes_ = confidence_class(z, p, fdr=self.fdr, p_perm=p_perm)
        self.hot_, self.cold_ = sig & (z > 0), sig & (z < 0)
        self.trend_s_, self.trend_z_, self.trend_p_ = trend_s, trend_z, trend_p
        self.classes_ = classify_patterns(self.hot_, self.cold_, trend_s, trend_p,
                                          alpha=self.alpha)
        self.cells_ = self._frame(crs)
        return self

    def _frame(self, crs):
        import geopandas as gpd

        sv, en = _pattern_labels("sv"), _pattern_labels("en")
        codes = self.classes_.tolist()
        return gpd.GeoDataFrame(
            {
                "cell": np.arange(len(self.cube_)),
                "count": self.cube_.sum(axis=1),
                "n_hot": self.hot_.sum(axis=1),
                "n_cold": self.cold_.sum(axis=1),
                "trend_z": self.trend_z_,
                "trend_p": self.trend_p_,
                "pattern": self.classes_,
                "label_sv": [sv[c] for c in codes],
                "label_en": [en[c] for c in codes],
            },
            geometry=self.grid_.polygons,
            crs=crs,
        )


def emerging_hotspots(points, **params) -> EmergingHotspots:
    """Fit :class:`EmergingHotspots` with ``params`` on ``points`` and return it."""
    return EmergingHotspots(**params).fit(points)
