"""Shared inference: pseudo p-values, FDR and confidence classes as esda and ArcGIS."""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest
from scipy import stats

from hotspots.detect.inference import (
    conditional_p,
    confidence_class,
    fdr,
    pseudo_p,
    pseudo_p_from_counts,
    significant,
    two_sided,
)

esda = pytest.importorskip("esda")


# ------------------------------------------------------------------------------ pseudo p
def test_pseudo_p_is_esdas_directed_p_on_continuous_data():
    from esda.significance import calculate_significance

    rng = np.random.default_rng(1)
    ref = rng.normal(size=(500, 999))
    obs = rng.normal(scale=2.0, size=500)
    expected = calculate_significance(obs, ref, alternative="directed")
    np.testing.assert_allclose(pseudo_p(obs, ref), expected, rtol=0, atol=1e-15)
    larger = (ref >= obs[:, None]).sum(axis=1)
    np.testing.assert_allclose(pseudo_p_from_counts(larger, 999), expected, rtol=0, atol=1e-15)


def test_pseudo_p_extremes_are_one_over_r_plus_one():
    ref = np.tile(np.arange(999.0), (2, 1))
    np.testing.assert_allclose(pseudo_p([5000.0, -5000.0], ref), [1 / 1000, 1 / 1000])


def test_ties_count_in_both_tails_unlike_esda():
    # a quarter of the permuted sums are 0 like the observed one: not a 1/(R+1) cold spot
    ref = np.array([[0.0] * 250 + [1.0] * 749])
    assert pseudo_p([0.0], ref)[0] == pytest.approx(251 / 1000)
    larger = (ref >= 0.0).sum(axis=1)
    assert pseudo_p_from_counts(larger, 999)[0] == pytest.approx(1 / 1000)  # esda's value


def test_two_sided_doubles_and_caps():
    np.testing.assert_allclose(two_sided([0.001, 0.3, 0.6]), [0.002, 0.6, 1.0])


# ------------------------------------------------------------------------------------ FDR
@pytest.mark.parametrize("alpha", [0.01, 0.05, 0.1])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fdr_is_esdas(alpha, seed):
    rng = np.random.default_rng(seed)
    p = np.concatenate([rng.uniform(size=400), rng.uniform(0, 0.002, size=40)])
    assert fdr(p, alpha) == pytest.approx(esda.fdr(p, alpha), rel=1e-12)


def test_fdr_without_discoveries_is_bonferroni():
    p = np.linspace(0.2, 1.0, 50)
    assert fdr(p, 0.05) == pytest.approx(0.05 / 50)
    assert not significant(p, 0.05, fdr=True).any()


def test_fdr_is_benjamini_hochberg():
    p = np.array([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216])
    # BH at 0.05: p_(k) <= k * 0.005 holds for k = 1, 2 only
    assert significant(p, 0.05, fdr=True).tolist() == [True, True] + [False] * 8
    assert significant(p, 0.05).sum() == 5


# ----------------------------------------------------------------------- confidence classes
def test_classes_are_arcgis_gi_bin_by_z():
    rng = np.random.default_rng(3)
    z = rng.normal(scale=2.5, size=5000)
    z = z[np.min(np.abs(np.abs(z)[:, None] - [1.645, 1.96, 2.576]), axis=1) > 0.01]
    p = 2 * stats.norm.sf(np.abs(z))
    expected = np.sign(z) * np.select(
        [np.abs(z) > 2.576, np.abs(z) > 1.96, np.abs(z) > 1.645], [3, 2, 1], 0
    )
    assert confidence_class(z, p).tolist() == expected.astype(int).tolist()


def test_fdr_classes_use_one_threshold_per_level():
    rng = np.random.default_rng(4)
    z = np.concatenate([rng.normal(size=900), rng.normal(4.0, 1.0, size=100)])
    p = 2 * stats.norm.sf(np.abs(z))
    classes = confidence_class(z, p, fdr=True)
    for level, limit in ((1, 0.10), (2, 0.05), (3, 0.01)):
        np.testing.assert_array_equal(np.abs(classes) >= level, p <= esda.fdr(p, limit))
    assert (np.abs(classes) > 0).sum() < (np.abs(confidence_class(z, p)) > 0).sum()


def test_permutation_p_caps_the_class():
    z = np.array([5.0, 5.0, -5.0, 5.0])
    p = 2 * stats.norm.sf(np.abs(z))
    p_perm = np.array([0.002, 0.04, 0.08, 0.5])
    assert confidence_class(z, p, p_perm=p_perm).tolist() == [3, 2, -1, 0]
    assert significant(p, 0.05, p_perm=p_perm).tolist() == [True, True, False, False]


def test_nan_is_not_significant():
    assert confidence_class([np.nan, 3.0], [0.001, np.nan]).tolist() == [0, 0]


# ---------------------------------------------------------------- conditional randomisation
def _exact_upper_lower(y, i, k, observed):
    """P(sum >= observed), P(sum <= observed) over all k-subsets of y without y[i]."""
    others = np.delete(y, i)
    sums = np.array([others[list(c)].sum() for c in itertools.combinations(range(len(others)), k)])
    return (sums >= observed - 1e-9).mean(), (sums <= observed + 1e-9).mean()


@pytest.mark.parametrize(
    ("y", "k"),
    [
        (np.array([0, 1, 0, 2, 5, 0, 1, 3, 0, 0, 1, 0], float), 3),  # index draws
        (np.array([0, 1, 0, 2, 5, 0, 1, 3], float), 5),  # counts per value (hypergeometric)
        (np.array([0.3, 1.7, 0.2, 2.9, 5.1, 0.05, 1.2, 3.3]), 5),  # random sort keys
    ],
)
def test_conditional_p_matches_the_exact_permutation_distribution(y, k):
    n = len(y)
    card = np.full(n, k)
    observed = np.array([np.sort(np.delete(y, i))[-k:].sum() - 0.5 * (i % 3) for i in range(n)])
    p = conditional_p(y, observed, card, permutations=20_000, seed=11)
    exact = np.array([min(_exact_upper_lower(y, i, k, observed[i])) for i in range(n)])
    # Monte Carlo error of a proportion from 20,000 draws: sd <= 0.0036
    np.testing.assert_allclose(p, (exact * 20_000 + 1) / 20_001, atol=0.015)


def test_conditional_p_is_seeded():
    rng = np.random.default_rng(0)
    y = rng.poisson(1.0, 400).astype(float)
    obs = rng.poisson(8.0, 400).astype(float)
    card = rng.integers(3, 9, 400)
    a = conditional_p(y, obs, card, permutations=199, seed=5)
    b = conditional_p(y, obs, card, permutations=199, seed=5)
    c = conditional_p(y, obs, card, permutations=199, seed=6)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_conditional_p_islands_and_no_permutations():
    y = np.array([1.0, 2.0, 3.0])
    # islands: every permuted neighbour sum is 0 like the observed one
    assert conditional_p(y, [0.0, 0.0, 0.0], [0, 0, 0], permutations=99, seed=0).tolist() == [
        1.0
    ] * 3
    np.testing.assert_array_equal(conditional_p(y, [0, 0, 0], [1, 1, 1], permutations=0),
                                  [1.0, 1.0, 1.0])


def _grid_weights(side: int):
    from hotspots.detect.gistar import distance_band_weights

    xs, ys = np.meshgrid(np.arange(side) * 100.0, np.arange(side) * 100.0)
    return distance_band_weights(xs.ravel(), ys.ravel(), 200.0)


@pytest.mark.parametrize("kind", ["continuous", "counts"])
def test_random_data_give_about_five_percent_below_005(kind):
    rng = np.random.default_rng(8)
    w = _grid_weights(60)
    y = rng.gamma(2.0, 1.0, 3600) if kind == "continuous" else rng.poisson(2.0, 3600) * 1.0
    lag = w @ y
    card = np.diff(w.indptr)
    p_sim = conditional_p(y, lag - y, card - 1, permutations=999, seed=1)
    share = (two_sided(p_sim) <= 0.05).mean()
    # the directed p_sim is one-sided: about 10 % of random cells fall below 0.05
    if kind == "continuous":
        assert 0.035 <= share <= 0.065
        assert 0.08 <= (p_sim < 0.05).mean() <= 0.12
    else:  # discrete counts: conservative
        assert 0.02 <= share <= 0.065


def test_agrees_in_distribution_with_esda_g_local():
    import libpysal

    rng = np.random.default_rng(2)
    w = _grid_weights(30)
    y = rng.gamma(1.5, 1.0, 900)
    y[[400, 401, 430, 431]] += 8.0
    lag = w @ y
    card = np.diff(w.indptr)
    ours = conditional_p(y, lag - y, card - 1, permutations=999, seed=3)
    lw = libpysal.weights.WSP(w).to_W(silence_warnings=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = esda.G_Local(y, lw, star=True, transform="B", permutations=999, seed=4).p_sim
    # two independent Monte Carlo estimates of the same p-values: sd <= 0.016 each
    assert np.mean(np.abs(ours - theirs)) < 0.015
    assert np.max(np.abs(ours - theirs)) < 0.09
    assert ours[[400, 401, 430, 431]].max() == pytest.approx(1 / 1000)
