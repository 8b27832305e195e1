"""Scores of a hotspot forecast against the incidents of a test period.

A forecast is a *ranking*: the flat indices of every cell of the study area, riskiest first
(``ranking_`` of the estimators in :mod:`hotspots.detect.forecast`). The test period is
*counts*: incidents per cell on the same grid (any shape; it is read flat). Cells that are
not in the ranking are outside the study area and do not count, neither in ``N`` nor in
``A``. An area budget picks the first ``k`` cells of the ranking:

* ``hit rate = n / N``: the share of the test incidents in the chosen cells;
* ``PAI = (n / N) / (a / A)`` (Chainey, Tompson & Uhlig 2008): hit rate over area share,
  1 is no better than chance;
* ``PEI* = n / n*``, ``n*`` the most incidents any ``k`` cells could have caught (the ``k``
  largest test counts): 1 is the best forecast possible at this area.

The budget is ``area_km2`` or ``coverage`` (a share of ``A``). It is rounded to whole cells,
half up, and at least one cell; a budget of ``A`` or more takes every cell. The real area
``a = k × cell area`` is reported, and every such adjustment adds a note. With no test
incident (``N = 0``) the scores are NaN, with a note, not an error.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np

from hotspots.errors import InputError
from hotspots.i18n import msg

__all__ = ["Score", "budget_cells", "hit_rate", "pai", "pei_star", "score"]


@dataclass
class Score:
    """Scores of one forecast for one test period.

    Attributes
    ----------
    hit_rate, pai, pei_star : float
        See the module docstring (NaN when ``N = 0``).
    n : int
        Test incidents in the chosen cells.
    N : int
        Test incidents in the study area.
    n_star : int
        The most test incidents any set of ``cells`` cells holds.
    cells : int
        Number of chosen cells.
    area_km2 : float
        ``a``: area of the chosen cells, km².
    total_area_km2 : float
        ``A``: area of the study area's cells, km².
    notes : list of str
        Adjustments of the budget and why a score is NaN, in the user's language.
    """

    hit_rate: float
    pai: float
    pei_star: float
    n: int
    N: int  # noqa: N815 - the name in the literature
    n_star: int
    cells: int
    area_km2: float
    total_area_km2: float
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The fields as a dict."""
        return asdict(self)


def budget_cells(n_cells: int, cell_area_km2: float, *, area_km2: float | None = None,
                 coverage: float | None = None) -> tuple[int, list[str]]:
    """The number of cells of an area budget, and notes on how it was adjusted.

    Parameters
    ----------
    n_cells
        Cells in the study area.
    cell_area_km2
        Area of one cell, km².
    area_km2
        The budget in km²; or
    coverage
        the budget as a share of the study area (0.05 = 5 %).

    Returns
    -------
    k : int
        Cells to choose: the budget rounded to whole cells, at least 1, at most ``n_cells``.
    notes : list of str

    Examples
    --------
    >>> budget_cells(400, 0.01, coverage=0.05)
    (20, [])
    >>> budget_cells(400, 0.01, area_km2=0.004)[0]
    1
    """
    if (area_km2 is None) == (coverage is None):
        raise InputError(msg("evaluate.budget_one"))
    if n_cells < 1:
        raise InputError(msg("evaluate.area_too_small_cells"))
    total = n_cells * cell_area_km2
    if coverage is not None:
        if not math.isfinite(coverage) or coverage <= 0:
            raise InputError(msg("evaluate.bad_coverage", value=coverage))
        wanted, asked = coverage * n_cells, msg("evaluate.coverage_text", pct=100 * coverage)
    else:
        if not math.isfinite(area_km2) or area_km2 <= 0:
            raise InputError(msg("evaluate.bad_area", value=area_km2))
        wanted, asked = area_km2 / cell_area_km2, f"{area_km2:g} km²"
    notes: list[str] = []
    if wanted >= n_cells:
        if wanted > n_cells + 1e-9:
            notes.append(msg("evaluate.budget_too_large", asked=asked, total=total))
        return n_cells, notes
    k = max(1, math.floor(wanted + 0.5))
    if abs(k - wanted) > 1e-9:
        notes.append(msg("evaluate.budget_rounded", asked=asked, n=k, area=k * cell_area_km2))
    return k, notes


def _as_arrays(ranking, counts) -> tuple[np.ndarray, np.ndarray]:
    ranking = np.asarray(ranking)
    counts = np.asarray(counts, dtype=float).ravel()
    if ranking.ndim != 1 or (len(ranking) and not np.issubdtype(ranking.dtype, np.integer)):
        raise InputError(msg("evaluate.bad_ranking"))
    if len(ranking) and (ranking.min() < 0 or ranking.max() >= counts.size):
        raise InputError(msg("evaluate.bad_ranking"))
    if len(ranking) and np.bincount(ranking, minlength=counts.size).max() > 1:
        raise InputError(msg("evaluate.ranking_repeats"))
    if (counts < 0).any() or not np.isfinite(counts).all():
        raise InputError(msg("evaluate.bad_counts"))
    return ranking, counts[ranking]


def score(ranking, counts, *, cell_area_km2: float, area_km2: float | None = None,
          coverage: float | None = None) -> Score:
    """Hit rate, PAI and PEI* of a ranking for one test period.

    Parameters
    ----------
    ranking : array of int
        Flat indices of all study-area cells, riskiest first.
    counts : array
        Test incidents per cell, on the grid ``ranking`` indexes (read flat).
    cell_area_km2
        Area of one cell, km².
    area_km2, coverage
        The area budget: km², or a share of the study area (one of the two).

    Returns
    -------
    Score

    Examples
    --------
    A 2 x 2 grid of 1 km² cells, 10 test incidents; the forecast's first cell holds 4,
    the best cell 5:

    >>> s = score([1, 0, 2, 3], [[1, 4], [5, 0]], cell_area_km2=1.0, coverage=0.25)
    >>> s.hit_rate, s.pai, s.pei_star
    (0.4, 1.6, 0.8)
    """
    ranking, in_area = _as_arrays(ranking, counts)
    k, notes = budget_cells(len(ranking), cell_area_km2, area_km2=area_km2, coverage=coverage)
    n = float(in_area[:k].sum())
    big_n = float(in_area.sum())
    n_star = float(np.sort(in_area)[::-1][:k].sum())
    a, big_a = k * cell_area_km2, len(ranking) * cell_area_km2
    if big_n == 0:
        notes.append(msg("evaluate.no_test_incidents"))
        rate = share = pei = float("nan")
    else:
        rate = n / big_n
        share = rate / (a / big_a)
        pei = n / n_star
    return Score(
        hit_rate=rate, pai=share, pei_star=pei, n=int(n), N=int(big_n), n_star=int(n_star),
        cells=k, area_km2=a, total_area_km2=big_a, notes=notes,
    )


def hit_rate(ranking, counts, *, cell_area_km2: float, area_km2: float | None = None,
             coverage: float | None = None) -> float:
    """Share of the test incidents in the top-ranked cells of the budget (NaN if none).

    Parameters are those of :func:`score`.
    """
    return score(ranking, counts, cell_area_km2=cell_area_km2, area_km2=area_km2,
                 coverage=coverage).hit_rate


def pai(ranking, counts, *, cell_area_km2: float, area_km2: float | None = None,
        coverage: float | None = None) -> float:
    """Predictive accuracy index ``(n/N) / (a/A)`` (NaN if no test incident).

    Parameters are those of :func:`score`.
    """
    return score(ranking, counts, cell_area_km2=cell_area_km2, area_km2=area_km2,
                 coverage=coverage).pai


def pei_star(ranking, counts, *, cell_area_km2: float, area_km2: float | None = None,
             coverage: float | None = None) -> float:
    """Predictive efficiency ``n / n*`` against the best cells of the same area (NaN if none).

    Parameters are those of :func:`score`.
    """
    return score(ranking, counts, cell_area_km2=cell_area_km2, area_km2=area_km2,
                 coverage=coverage).pei_star
