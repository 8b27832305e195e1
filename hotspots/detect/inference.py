"""Permutation inference and significance shared by the local statistics (esda's conventions).

One place for the three things every local statistic needs:

- pseudo p-values ``(M + 1) / (R + 1)`` from ``R`` permutations, in esda's convention
  (:func:`pseudo_p`, :func:`conditional_p`);
- the false discovery rate threshold of Benjamini and Hochberg (:func:`fdr`, esda's ``fdr``);
- ArcGIS's confidence bins (``Gi_Bin``: -3..3) from z-scores and p-values
  (:func:`confidence_class`), optionally FDR-corrected.

Conditional randomisation (:func:`conditional_p`) is esda's ``crand`` for binary weights,
vectorised with numpy instead of numba (numba is not a dependency): the value of a cell is
held fixed and its neighbours are replaced by values drawn without replacement from all the
*other* cells.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "CONFIDENCE_LEVELS",
    "conditional_p",
    "confidence_class",
    "fdr",
    "pseudo_p",
    "pseudo_p_from_counts",
    "significant",
    "two_sided",
]

#: ArcGIS's ``Gi_Bin``: (class, two-sided p-value limit) for 99, 95 and 90 % confidence.
CONFIDENCE_LEVELS = ((3, 0.01), (2, 0.05), (1, 0.10))

#: Largest number of drawn indices held in memory at once (int64: 32 MB).
_CHUNK = 1 << 22
#: Integer-valued data with at most this many distinct values is drawn as counts per value
#: (multivariate hypergeometric) when the neighbourhood is too large for index draws.
_MAX_DISTINCT = 4096


def pseudo_p_from_counts(larger, permutations: int, smaller=None) -> np.ndarray:
    """Pseudo p-values ``(M + 1) / (R + 1)`` from counts of permuted values ≥ (≤) observed.

    esda's directed convention (``G_Local``'s default): ``M`` counts the permuted statistics
    in the tail the observation lies in: ``larger`` (≥ observed) or ``smaller``
    (≤ observed), whichever is smaller. The result is one-sided towards the observed
    direction, about half a two-sided p-value (see :func:`two_sided`), and at least
    ``1 / (R + 1)``.

    Ties: esda takes the lower tail as ``R - larger``, the permuted values *strictly* below
    the observed one, so with counts (many ties) an empty neighbourhood gets
    ``1 / (R + 1)`` even when a quarter of the permutations are empty too, and sparse data
    fill with false cold spots. Given ``smaller``, ties count in both tails; without it the
    result is esda's. The two agree whenever no permuted value equals the observed one.

    Parameters
    ----------
    larger
        Per test, how many of the ``permutations`` values were ≥ the observed one.
    permutations
        ``R``, the number of permutations.
    smaller
        Per test, how many were ≤ the observed one (None: esda's ``R - larger``).

    Returns
    -------
    numpy.ndarray
        ``p_sim``.
    """
    larger = np.asarray(larger, dtype=float)
    smaller = permutations - larger if smaller is None else np.asarray(smaller, dtype=float)
    return (np.minimum(larger, smaller) + 1.0) / (permutations + 1.0)


def pseudo_p(observed, permuted) -> np.ndarray:
    """Pseudo p-values of observed statistics against their permutation distributions.

    Parameters
    ----------
    observed
        ``(n,)`` observed statistics.
    permuted
        ``(n, R)`` statistics under ``R`` permutations (row ``i`` is the reference
        distribution of ``observed[i]``).

    Returns
    -------
    numpy.ndarray
        ``p_sim`` as esda computes it, ties counted in both tails
        (:func:`pseudo_p_from_counts`).

    Examples
    --------
    >>> pseudo_p([10.0, 0.0, 1.0], [[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]]).tolist()
    [0.2, 0.2, 0.4]
    """
    observed = np.asarray(observed, dtype=float).reshape(-1)
    permuted = np.atleast_2d(np.asarray(permuted, dtype=float))
    larger = (permuted >= observed[:, None]).sum(axis=1)
    smaller = (permuted <= observed[:, None]).sum(axis=1)
    return pseudo_p_from_counts(larger, permuted.shape[1], smaller)


def two_sided(p_sim) -> np.ndarray:
    """Two-sided p-values from esda's directed ``p_sim`` (or a one-sided normal ``p_norm``).

    ``min(1, 2 p)``: the directed value picks the tail the observation lies in, which halves
    the p-value (esda warns about it); the confidence classes compare two-sided values with
    0.01/0.05/0.10 as ArcGIS does.
    """
    return np.minimum(1.0, 2.0 * np.asarray(p_sim, dtype=float))


def fdr(p_values, alpha: float = 0.05) -> float:
    """The p-value threshold controlling the false discovery rate at ``alpha``.

    Benjamini-Hochberg exactly as ``esda.fdr``: with the p-values sorted, the threshold is
    ``k * alpha / n`` for the largest rank ``k`` with ``p_(k) < k * alpha / n``; when there
    is none, the Bonferroni bound ``alpha / n`` is returned. A test is significant when its
    p-value is ≤ the threshold (see :func:`significant`). NaN p-values are not tests.

    Parameters
    ----------
    p_values
        The p-values of the ``n`` tests.
    alpha
        The false discovery rate to control.

    Returns
    -------
    float
        The threshold.

    Examples
    --------
    >>> round(fdr([0.001, 0.01, 0.02, 0.5], 0.05), 6)
    0.0375
    """
    p = np.asarray(p_values, dtype=float).reshape(-1)
    p = p[~np.isnan(p)]
    n = len(p)
    if n == 0:
        return float(alpha)
    p_sort = np.sort(p)[::-1]
    p_fdr = np.arange(n, 0, -1) * alpha / n
    below = np.nonzero(p_sort < p_fdr)[0]
    return float(p_fdr[below[0]]) if len(below) else float(alpha / n)


def significant(p_values, alpha: float, *, fdr: bool = False, p_perm=None) -> np.ndarray:
    """Mask of the tests significant at ``alpha``.

    ``p_values`` pass at ``alpha``, FDR-corrected when ``fdr`` is true; given ``p_perm``
    (two-sided permutation p-values of the same tests), those must pass ``alpha`` too,
    uncorrected (see :func:`confidence_class` for why).
    """
    p = np.asarray(p_values, dtype=float)
    threshold = _fdr(p, alpha) if fdr else alpha
    with np.errstate(invalid="ignore"):
        hit = np.asarray(p <= threshold) & ~np.isnan(p)
        if p_perm is not None:
            hit &= np.asarray(np.asarray(p_perm, dtype=float) <= alpha)
    return hit


_fdr = fdr


def confidence_class(z, p, *, fdr: bool = False, p_perm=None) -> np.ndarray:
    """ArcGIS's ``Gi_Bin``: hot (+) and cold (-) spots at 99 (3), 95 (2) and 90 % (1).

    A test is in class ``±c`` when its two-sided p-value is at or below the limit of the
    level (0.01, 0.05, 0.10; :data:`CONFIDENCE_LEVELS`), the sign is that of ``z``, and the
    highest level wins. With ``fdr`` each level uses its own Benjamini-Hochberg threshold
    (``fdr(p, 0.01)``, ``fdr(p, 0.05)``, ``fdr(p, 0.10)``), as ArcGIS's FDR correction does.

    ``p_perm`` adds a second condition: the permutation p-value must pass the level too
    (uncorrected). The normal approximation of Gi* is too optimistic for sparse counts (in
    random points at 0.25 per cell about twice the nominal share of cells come out hot);
    the permutation test is exact for them but cannot pass an FDR threshold over tens of
    thousands of cells (its smallest value is ``2 / (R + 1)``). Requiring both keeps the
    multiple-testing control of the first and the small-count validity of the second.

    Parameters
    ----------
    z
        z-scores (the direction).
    p
        *Two-sided* p-values: ``2 * p_norm`` or :func:`two_sided` of a ``p_sim``.
    fdr
        Correct each level of ``p`` for the false discovery rate.
    p_perm
        Optional two-sided permutation p-values that must pass each level as well.

    Returns
    -------
    numpy.ndarray
        int8 classes in ``{-3, ..., 3}``; 0 is not significant (and NaN z or p).

    Examples
    --------
    >>> confidence_class([3.0, -2.0, 1.7, 0.5], [0.0027, 0.0455, 0.089, 0.62]).tolist()
    [3, -2, 1, 0]
    >>> confidence_class([3.0], [0.0027], p_perm=[0.03]).tolist()
    [2]
    """
    z = np.asarray(z, dtype=float)
    sign = np.sign(np.nan_to_num(z)).astype(np.int8)
    out = np.zeros(z.shape, dtype=np.int8)
    for level, limit in reversed(CONFIDENCE_LEVELS):  # 90 first, overwritten by 95, 99
        hit = significant(p, limit, fdr=fdr, p_perm=p_perm) & (sign != 0)
        out[hit] = level * sign[hit]
    return out


# ------------------------------------------------------------------ conditional randomisation
def conditional_p(y, observed, cardinality, *, permutations: int = 999, seed=None) -> np.ndarray:
    """Pseudo p-values of local neighbour sums by conditional randomisation (esda's ``crand``).

    For each observation ``i`` the null distribution of its neighbour sum is the sum of
    ``cardinality[i]`` values drawn without replacement from ``y`` with ``y[i]`` left out:
    the own value is held fixed (conditional), the neighbours are exchangeable with every
    other observation. With binary weights this is the permutation test of Getis-Ord Gi and
    Gi* (Gi* adds the fixed own value to both sides), so the result agrees in distribution
    with ``esda.G_Local(..., permutations=R).p_sim``. The counts of permuted sums ≥ and ≤
    the observed sum become ``p_sim`` by :func:`pseudo_p_from_counts` (ties in both tails).

    How it is computed (no numba): observations with the same own value and the same number
    of neighbours have *identical* null distributions, so they share one set of ``R`` draws
    (esda's ``crand`` goes further and shares one set of permuted ids among all
    observations). For counts on a grid that is a few hundred groups instead of one per cell,
    and 40,000 cells with 999 permutations take well under a second. Per group the ``R``
    samples are drawn as indices (vectorised over groups of equal size, rejecting the rare
    rows with a repeated index) when the neighbourhood is small compared with ``n``;
    otherwise as counts per distinct value (multivariate hypergeometric) for integer data
    with few distinct values, or from random sort keys. At most ``2**22`` indices (32 MB)
    are held at once; the sums take ``groups x R`` floats.

    Parameters
    ----------
    y
        ``(n,)`` values (counts per cell, or per space-time bin).
    observed
        ``(n,)`` observed sums of the neighbours' values, the own value *not* included.
    cardinality
        ``(n,)`` number of neighbours of each observation, itself *not* included.
    permutations
        ``R``; the smallest p-value is ``1 / (R + 1)``.
    seed
        Seed (int) or :class:`numpy.random.Generator`: the same seed gives the same
        p-values.

    Returns
    -------
    numpy.ndarray
        ``p_sim`` (esda's directed convention, ties counted in both tails), ``(n,)``.
    """
    y = np.asarray(y, dtype=float).reshape(-1)
    observed = np.asarray(observed, dtype=float).reshape(-1)
    card = np.asarray(cardinality).astype(np.int64).reshape(-1)
    n = len(y)
    if not (len(observed) == len(card) == n):
        raise ValueError("y, observed and cardinality must have the same length")
    if n < 2 or permutations < 1:
        return np.ones(n)
    if card.min() < 0 or card.max() > n - 1:
        raise ValueError("cardinalities must lie between 0 and n - 1")
    rng = np.random.default_rng(seed)
    keys, inverse = np.unique(np.column_stack([y, card]), axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    rep = np.zeros(len(keys), dtype=np.int64)  # a representative observation per group
    rep[inverse[::-1]] = np.arange(n)[::-1]
    sums = np.zeros((len(keys), permutations))
    sizes = keys[:, 1].astype(np.int64)
    for k in np.unique(sizes):
        if k == 0:
            continue  # an island: its neighbour sum is 0 in every permutation
        groups = np.nonzero(sizes == k)[0]
        sums[groups] = _draw_sums(y, rep[groups], int(k), permutations, rng)
    sums.sort(axis=1)
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(len(keys) + 1))
    # sums of the same values in another order may differ in the last bits: such sums tie
    tol = 1e-9 * (1.0 + float(np.abs(y).max()) * float(card.max()))
    larger = np.empty(n)
    smaller = np.empty(n)
    for g in range(len(keys)):
        members = order[bounds[g]:bounds[g + 1]]
        obs = observed[members]
        larger[members] = permutations - np.searchsorted(sums[g], obs - tol, "left")
        smaller[members] = np.searchsorted(sums[g], obs + tol, "right")
    return pseudo_p_from_counts(larger, permutations, smaller)


def _draw_sums(y, reps, k: int, permutations: int, rng) -> np.ndarray:
    """``(len(reps), R)`` sums of ``k`` values drawn without replacement from ``y`` minus rep."""
    n = len(y)
    if k * (k - 1) < n - 1:  # under 1/2 expected repeat per row: index draws with rejection
        out = np.empty((len(reps), permutations))
        per = max(1, _CHUNK // (permutations * k))
        for start in range(0, len(reps), per):
            r = reps[start:start + per]
            idx = _distinct_rows(rng, n - 1, (len(r), permutations, k))
            idx += idx >= r[:, None, None]  # skip the observation itself
            out[start:start + per] = y[idx].sum(axis=2)
        return out
    values, counts = np.unique(y, return_counts=True)
    if len(values) <= _MAX_DISTINCT and np.array_equal(values, np.round(values)):
        out = np.empty((len(reps), permutations))
        pos = np.searchsorted(values, y[reps])
        for i, p in enumerate(pos):
            colors = counts.copy()
            colors[p] -= 1
            drawn = rng.multivariate_hypergeometric(colors, k, size=permutations,
                                                    method="marginals")
            out[i] = drawn @ values
        return out
    out = np.empty((len(reps), permutations))
    per = max(1, _CHUNK // (n - 1))
    for i, r in enumerate(reps):
        others = np.delete(y, r)
        for start in range(0, permutations, per):
            stop = min(start + per, permutations)
            keys = rng.random((stop - start, n - 1))
            idx = np.argpartition(keys, k - 1, axis=1)[:, :k] if k < n - 1 else None
            out[i, start:stop] = others.sum() if idx is None else others[idx].sum(axis=1)
    return out


def _distinct_rows(rng, high: int, shape: tuple[int, int, int]) -> np.ndarray:
    """Integers in ``[0, high)`` with no repeat along the last axis (uniform subsets)."""
    idx = rng.integers(0, high, size=shape, dtype=np.int64)
    if shape[2] < 2:
        return idx
    while True:
        s = np.sort(idx, axis=2)
        bad = (s[..., 1:] == s[..., :-1]).any(axis=2)
        if not bad.any():
            return idx
        idx[bad] = rng.integers(0, high, size=(int(bad.sum()), shape[2]), dtype=np.int64)
