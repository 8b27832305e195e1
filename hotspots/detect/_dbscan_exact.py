"""Exact DBSCAN labels, as scikit-learn gives them, in a fraction of its time and memory.

- Unweighted fits run the exact parallel grid DBSCAN of the ``dbscan`` package (Wang, Gu &
  Shun, SIGMOD 2020), which keeps scikit-learn's conventions (a point counts itself;
  ``distance <= eps``). Its cluster numbers and border choices are then made canonical.
- Weighted fits (which that package does not take) collapse duplicate coordinates into one
  point with the sum of their weights, mark every point of an ``eps/√2`` grid cell holding
  at least ``min_samples`` of weight as core (all pairs in such a cell are within ``eps``),
  bound the other points' neighbourhood weight by whole cells and sum it pair by pair only
  where the bounds do not decide; the core points are then joined with the same package
  (``min_samples=1`` on the core points: their connected components).
- scikit-learn numbers clusters in the order of their first core point and expands them in
  that order, so a border point within eps of several clusters is in the lowest-numbered:
  both are reproduced, so the labels are scikit-learn's own.

Distances are compared like scikit-learn's k-d tree does: ``dx*dx + dy*dy <= eps*eps``.
"""

from __future__ import annotations

import itertools
import math
import numbers

import numpy as np

from hotspots.errors import InputError
from hotspots.i18n import msg

__all__ = ["as_eps", "as_min_samples", "dbscan_labels"]

# Neighbour candidates are fetched a little beyond eps and then tested exactly.
_REACH = 1.0 + 1e-6
# Candidate pairs handled at once: bounds memory where many points share a neighbourhood.
_CHUNK_PAIRS = 4_000_000
# Largest grid looked up through a dense table (int32: 40 MB); larger grids search.
_TABLE_CELLS = 10_000_000
# Most eps-sized steps across the points: finer grids overflow (see _package_dbscan).
_MAX_CELLS_ACROSS = 1e9
# Points farther than this many eps from the origin are moved to it for the package.
_SHIFT_ABOVE = 1e8


# ------------------------------------------------------------------------------ validation
def as_eps(eps) -> float:
    """``eps`` as a float, or InputError unless it is a positive finite number."""
    if isinstance(eps, bool) or not isinstance(eps, numbers.Real) or not math.isfinite(eps) \
            or eps <= 0:
        raise InputError(msg("dbscan.bad_eps", value=eps))
    return float(eps)


def as_min_samples(min_samples) -> int:
    """``min_samples`` as an int, or InputError unless it is a whole number >= 1."""
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
        raise InputError(msg("dbscan.weights_not_numbers")) from exc
    if len(w) != n:
        raise InputError(msg("dbscan.weights_length", got=len(w), n=n))
    bad = int((~np.isfinite(w) | (w < 0)).sum())
    if bad:
        raise InputError(msg("dbscan.bad_weights", bad=bad))
    return w


# ------------------------------------------------------------------------------ clustering
def _bounds(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lower-left and upper-right corners (column by column: axis-0 reductions are slow)."""
    x, y = X[:, 0], X[:, 1]
    return np.array([x.min(), y.min()]), np.array([x.max(), y.max()])


def _check_extent(X: np.ndarray, eps: float) -> None:
    lo, hi = _bounds(X)
    extent = float((hi - lo).max())
    if extent / eps > _MAX_CELLS_ACROSS:
        raise InputError(msg("dbscan.eps_too_small", value=eps, extent=extent))


def _to_origin(X: np.ndarray, eps: float) -> np.ndarray:
    """``X`` moved to start at 0 if it lies far from the origin and the move is exact."""
    lo, hi = _bounds(X)
    if max(np.abs(lo).max(), np.abs(hi).max()) / eps <= _SHIFT_ABOVE:
        return X
    Y = X - lo
    # Knuth's two-sum: the rounding error of each subtraction, zero when it is exact (and
    # an exact move keeps every distance as it was).
    back = Y - X
    error = (X - (Y - back)) + (-lo - back)
    return Y if not error.any() else X


def _package_dbscan(X: np.ndarray, eps: float, min_samples: int):
    # Imported on use: the package pulls in scikit-learn, about a second to import.
    from dbscan import DBSCAN

    # The package numbers grid cells from the origin in 32 bits and goes wrong beyond
    # about 1.5e9 cells (coordinates of 6e6 with eps of a millimetre): start at 0.
    Y = _to_origin(X, eps)
    far = float(np.abs(np.concatenate(_bounds(Y))).max())
    if far / eps > _MAX_CELLS_ACROSS:
        raise InputError(msg("dbscan.eps_too_small", value=eps, extent=far))
    labels, core = DBSCAN(np.ascontiguousarray(Y, dtype=np.float64), float(eps),
                          int(min_samples))
    return np.asarray(labels, dtype=np.int64), np.asarray(core, dtype=bool)


def _within(X: np.ndarray, i: np.ndarray, Y: np.ndarray, j: np.ndarray, eps: float):
    """Mask of candidate pairs ``(X[i], Y[j])`` within ``eps``, computed as scikit-learn does."""
    dx = X[i, 0] - Y[j, 0]
    dy = X[i, 1] - Y[j, 1]
    return dx * dx + dy * dy <= eps * eps


def _ball_pairs(tree, Q: np.ndarray, eps: float):
    """Chunks ``(q, j)`` of candidate pairs: ``tree`` points ``j`` near query points ``q``."""
    # beyond eps by more than the tree's own rounding, even far from the origin
    r = eps * _REACH + 1e-12 * float(np.abs(np.r_[tree.mins, tree.maxes]).max())
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
        self.U, self.side, self.lo = U, side, _bounds(U)[0]
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
            self.table = np.full(size, -1, dtype=np.int32)
            self.table[self.keys] = np.arange(len(self.keys), dtype=np.int32)

    def around(self, idx: np.ndarray, dx: int, dy: int, inner: float, outer: float):
        """The cell at offset ``(dx, dy)`` from the cell of each point ``idx``.

        Returns its position (-1: empty), whether all of it lies within ``inner`` of the
        point and whether some of it lies within ``outer`` (both squared distances).
        """
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
    if tol > eps / 4:
        # eps near the precision of the coordinates: no cell can be trusted
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

    # Only the cores in the cells around the candidates can reach them. Cells a little
    # wider than eps: rounding cannot put two points within eps two cells apart.
    lo, hi = _bounds(X)
    inv = 1.0 / (eps * (1.0 + 1e-5))
    ny = int((hi[1] - lo[1]) * inv) + 3
    ix = ((X[:, 0] - lo[0]) * inv).astype(np.int64) + 1
    iy = ((X[:, 1] - lo[1]) * inv).astype(np.int64) + 1
    key = ix * ny + iy
    steps = np.array([dx * ny + dy for dx in (-1, 0, 1) for dy in (-1, 0, 1)])
    around = np.unique((key[cand][:, None] + steps).ravel())
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
    eps = as_eps(eps)
    min_samples = as_min_samples(min_samples)
    n = len(X)
    w = None if sample_weight is None else _as_weights(sample_weight, n)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    _check_extent(X, eps)
    if w is None or (w == 1.0).all():
        components, core = _package_dbscan(X, eps, min_samples)
        # The package's noise has no core point within eps: only its border points can
        # belong to another cluster than the one it chose.
        return _canonical_labels(X, eps, core, components, components >= 0), core
    core, components = _weighted_components(X, eps, min_samples, w)
    return _canonical_labels(X, eps, core, components), core
