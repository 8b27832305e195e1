"""Hit rate, PAI and PEI* computed by hand on tiny grids, and the edge cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from hotspots.errors import InputError
from hotspots.evaluate.metrics import budget_cells, hit_rate, pai, pei_star, score

# A 3 x 3 grid of 100 m cells (0.01 km² each), flat indices 0..8 row by row.
COUNTS = np.array([[0, 3, 1],
                   [5, 0, 0],
                   [2, 0, 1]])  # N = 12; sorted: 5, 3, 2, 1, 1, 0, 0, 0, 0
CELL_KM2 = 0.01
# The forecast ranks cell 1 (3 incidents), then 8 (1), then 3 (5), then the rest.
RANKING = [1, 8, 3, 0, 2, 4, 5, 6, 7]


def test_two_cells_by_hand():
    # 2 cells of 9: n = 3 + 1 = 4, N = 12, a/A = 2/9, n* = 5 + 3 = 8.
    s = score(RANKING, COUNTS, cell_area_km2=CELL_KM2, area_km2=0.02)
    assert (s.n, s.N, s.n_star, s.cells) == (4, 12, 8, 2)
    assert s.hit_rate == pytest.approx(4 / 12)
    assert s.pai == pytest.approx((4 / 12) / (2 / 9))  # 1.5
    assert s.pei_star == pytest.approx(4 / 8)
    assert s.area_km2 == pytest.approx(0.02)
    assert s.total_area_km2 == pytest.approx(0.09)
    assert s.notes == []


def test_three_cells_by_coverage():
    # coverage 1/3 of 9 cells = 3 cells: n = 3 + 1 + 5 = 9, n* = 5 + 3 + 2 = 10.
    kw = dict(cell_area_km2=CELL_KM2, coverage=1 / 3)
    assert hit_rate(RANKING, COUNTS, **kw) == pytest.approx(9 / 12)
    assert pai(RANKING, COUNTS, **kw) == pytest.approx((9 / 12) / (3 / 9))  # 2.25
    assert pei_star(RANKING, COUNTS, **kw) == pytest.approx(9 / 10)


def test_the_perfect_ranking_has_pei_star_one():
    best = np.argsort(-COUNTS.ravel(), kind="stable")
    s = score(best, COUNTS, cell_area_km2=CELL_KM2, area_km2=0.03)
    assert s.pei_star == 1.0
    assert s.n == s.n_star == 10


def test_cells_outside_the_ranking_do_not_count():
    # Only cells 0, 1, 3, 4 are in the study area: N = 0 + 3 + 5 + 0 = 8, A = 4 cells.
    s = score([3, 1, 0, 4], COUNTS, cell_area_km2=CELL_KM2, coverage=0.25)
    assert (s.n, s.N, s.cells) == (5, 8, 1)
    assert s.pai == pytest.approx((5 / 8) / (1 / 4))
    assert s.total_area_km2 == pytest.approx(0.04)


def test_no_test_incident_gives_nan_and_a_note():
    s = score(RANKING, np.zeros((3, 3)), cell_area_km2=CELL_KM2, area_km2=0.02)
    assert math.isnan(s.hit_rate) and math.isnan(s.pai) and math.isnan(s.pei_star)
    assert (s.n, s.N, s.n_star) == (0, 0, 0)
    assert len(s.notes) == 1


def test_budget_larger_than_the_study_area_takes_every_cell():
    s = score(RANKING, COUNTS, cell_area_km2=CELL_KM2, area_km2=5.0)
    assert s.cells == 9
    assert (s.hit_rate, s.pai, s.pei_star) == (1.0, 1.0, 1.0)
    assert s.area_km2 == pytest.approx(0.09)
    assert len(s.notes) == 1
    assert score(RANKING, COUNTS, cell_area_km2=CELL_KM2, coverage=1.5).cells == 9
    # exactly the whole area: no note
    assert score(RANKING, COUNTS, cell_area_km2=CELL_KM2, coverage=1.0).notes == []


def test_budget_smaller_than_a_cell_is_one_cell_and_the_real_area_is_reported():
    s = score(RANKING, COUNTS, cell_area_km2=CELL_KM2, area_km2=0.001)
    assert s.cells == 1
    assert s.area_km2 == pytest.approx(0.01)
    assert s.n == 3
    assert s.pai == pytest.approx((3 / 12) / (1 / 9))
    assert len(s.notes) == 1


@pytest.mark.parametrize(("area", "cells"), [(0.014, 1), (0.015, 2), (0.025, 3), (0.0249, 2)])
def test_budget_rounds_half_up_to_whole_cells(area, cells):
    assert budget_cells(9, CELL_KM2, area_km2=area)[0] == cells


def test_budget_needs_exactly_one_of_area_and_coverage():
    with pytest.raises(InputError):
        budget_cells(9, CELL_KM2)
    with pytest.raises(InputError):
        budget_cells(9, CELL_KM2, area_km2=0.02, coverage=0.1)


@pytest.mark.parametrize("kw", [{"coverage": 0.0}, {"coverage": -0.1}, {"area_km2": 0.0},
                                {"coverage": float("nan")}, {"area_km2": float("inf")}])
def test_bad_budgets_are_refused(kw):
    with pytest.raises(InputError):
        budget_cells(9, CELL_KM2, **kw)


def test_bad_rankings_and_counts_are_refused():
    with pytest.raises(InputError):
        score([1, 1, 2], COUNTS, cell_area_km2=CELL_KM2, coverage=0.5)
    with pytest.raises(InputError):
        score([0, 9], COUNTS, cell_area_km2=CELL_KM2, coverage=0.5)
    with pytest.raises(InputError):
        score([0.5, 1.0], COUNTS, cell_area_km2=CELL_KM2, coverage=0.5)
    with pytest.raises(InputError):
        score([0, 1], -COUNTS, cell_area_km2=CELL_KM2, coverage=0.5)
