"""Emerging hot spots: built space-time data whose pattern is known, the rule table, MK."""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from scipy import sparse, stats

from hotspots.detect.emerging import (
    PATTERNS,
    EmergingHotspots,
    classify_patterns,
    emerging_hotspots,
    mann_kendall,
    time_bins,
)
from hotspots.errors import InputError

X0, Y0 = 400_000.0, 6_190_000.0
MONDAY = pd.Timestamp("2024-01-01", tz="Europe/Stockholm")  # ISO week 2024-W01
AREA = shapely.box(X0, Y0, X0 + 3000, Y0 + 3000)


def _build(sites: dict[str, list[int]], *, weeks: int, background: int = 300, seed: int = 0,
           size: float = 3000.0, spread: float = 150.0, holes: dict | None = None):
    """Weekly points: uniform background plus, per site, the listed count in each week.

    Site points fall within ``spread`` metres of the site's centre (a 3 x 3 block of 100 m
    cells); ``holes`` (site -> weeks) removes the background around a site in those weeks.
    """
    rng = np.random.default_rng(seed)
    cols = int(np.ceil(np.sqrt(len(sites))))
    step = size / cols  # sites at least 500 m apart: their neighbourhoods do not overlap
    centres = {name: (np.floor((step / 2 + step * (i % cols)) / 100) * 100 + 50,
                      np.floor((step / 2 + step * (i // cols)) / 100) * 100 + 50)
               for i, name in enumerate(sites)}
    xs, ys, ts = [], [], []
    for week in range(weeks):
        start = MONDAY + pd.Timedelta(days=7 * week)
        x = rng.uniform(0, size, background)
        y = rng.uniform(0, size, background)
        keep = np.ones(background, dtype=bool)
        for name, hole_weeks in (holes or {}).items():
            if week in hole_weeks:
                cx, cy = centres[name]
                keep &= ~((np.abs(x - cx) < spread) & (np.abs(y - cy) < spread))
        xs.append(x[keep])
        ys.append(y[keep])
        for name, counts in sites.items():
            cx, cy = centres[name]
            c = counts[week]
            xs.append(cx + rng.uniform(-spread, spread, c))
            ys.append(cy + rng.uniform(-spread, spread, c))
        n = sum(len(a) for a in xs) - sum(len(t) for t in ts)
        ts.append(start + pd.to_timedelta(rng.uniform(0, 7 * 86400 - 1, n), unit="s"))
    times = pd.DatetimeIndex(np.concatenate([t.tz_convert("UTC").asi8 for t in ts]),
                             tz="UTC")
    pts = gpd.GeoDataFrame({"occurred_from": times},
                           geometry=gpd.points_from_xy(np.concatenate(xs) + X0,
                                                       np.concatenate(ys) + Y0), crs=3006)
    return pts, {k: (x + X0, y + Y0) for k, (x, y) in centres.items()}


def _pattern_at(fitted, centres):
    names = list(centres)
    where = fitted.grid_.locate(np.array([centres[n][0] for n in names]),
                                np.array([centres[n][1] for n in names]))
    return {n: fitted.classes_[i] for n, i in zip(names, where, strict=True)}


HOT_SITES = {
    "new_hot": [0] * 11 + [30],
    "consecutive_hot": [0] * 9 + [30] * 3,
    "intensifying_hot": [12 + 3 * t for t in range(12)],
    "persistent_hot": [25] * 12,
    "diminishing_hot": [45 - 3 * t for t in range(12)],
    "historical_hot": [25] * 11 + [0],
    "sporadic_hot": [30 if t in (1, 4, 7, 11) else 0 for t in range(12)],
}


# ------------------------------------------------------------------------ built patterns
def test_each_built_hot_pattern_is_found_in_12_weekly_bins():
    pts, centres = _build(HOT_SITES, weeks=12)
    fitted = EmergingHotspots(cell_size=100, time_step="1W", time_neighbours=0,
                              study_area=AREA).fit(pts)
    assert fitted.bins_[0] == "2024-W01" and fitted.bins_[-1] == "2024-W12"
    assert fitted.cube_.shape == (900, 12)
    assert _pattern_at(fitted, centres) == {name: name for name in HOT_SITES}
    # the background is random: (almost) nothing else shows a pattern far from the sites
    assert (fitted.classes_ == "no_pattern").mean() > 0.85


def test_built_patterns_with_the_default_time_neighbourhood():
    sites = {k: v for k, v in HOT_SITES.items() if k != "historical_hot"}
    pts, centres = _build(sites, weeks=12, seed=1)
    fitted = EmergingHotspots(cell_size=100, time_step="1W", study_area=AREA).fit(pts)
    assert fitted.time_neighbours == 1
    assert _pattern_at(fitted, centres) == {name: name for name in sites}


def test_historical_needs_the_final_steps_quiet():
    # with the step before in the neighbourhood, the final step must be quiet and the one
    # before too: 18 of 20 weeks hot (90 %), then two quiet weeks
    sites = {"historical_hot": [25] * 18 + [0, 0], "persistent_hot": [25] * 20}
    pts, centres = _build(sites, weeks=20, seed=2)
    fitted = EmergingHotspots(cell_size=100, time_step="1W", study_area=AREA).fit(pts)
    assert _pattern_at(fitted, centres) == {name: name for name in sites}


def test_cold_and_oscillating_patterns_in_dense_data():
    weeks = 12
    sites = {
        "persistent_cold": [0] * weeks,
        "new_cold": [0] * weeks,
        "oscillating_hot": [0] * 11 + [150],
        "oscillating_cold": [150, 0, 0, 150] + [0] * 8,
        "sporadic_cold": [0] * weeks,
    }
    holes = {"persistent_cold": range(weeks), "new_cold": [11],
             "oscillating_hot": [0, 1, 2], "oscillating_cold": [11],
             "sporadic_cold": [2, 6, 11]}
    pts, centres = _build(sites, weeks=weeks, background=9000, seed=3, holes=holes)
    fitted = EmergingHotspots(cell_size=100, time_step="1W", time_neighbours=0,
                              study_area=AREA).fit(pts)
    assert _pattern_at(fitted, centres) == {name: name for name in sites}
    row = fitted.cells_[fitted.cells_["pattern"] == "persistent_cold"].iloc[0]
    assert (row["label_sv"], row["label_en"]) == ("Ihållande kall punkt", "Persistent cold spot")


def test_cells_frame_and_labels():
    pts, centres = _build({"new_hot": HOT_SITES["new_hot"]}, weeks=12)
    fitted = emerging_hotspots(pts, cell_size=100, time_step="1W", study_area=AREA)
    cells = fitted.cells_
    assert list(cells.columns) == ["cell", "count", "n_hot", "n_cold", "trend_z", "trend_p",
                                   "pattern", "label_sv", "label_en", "geometry"]
    assert cells.crs.to_epsg() == 3006
    assert cells["count"].sum() == len(pts) - fitted.n_outside_
    row = cells[cells["pattern"] == "new_hot"].iloc[0]
    assert (row["label_sv"], row["label_en"]) == ("Ny het punkt", "New hot spot")
    assert set(cells["pattern"]) <= set(PATTERNS)


def test_permutations_are_seeded_and_agree_on_a_clear_pattern():
    pts, centres = _build({"persistent_hot": [25] * 12}, weeks=12, seed=4)
    a = EmergingHotspots(cell_size=100, time_step="1W", permutations=199, seed=3,
                         study_area=AREA).fit(pts)
    b = EmergingHotspots(cell_size=100, time_step="1W", permutations=199, seed=3,
                         study_area=AREA).fit(pts)
    np.testing.assert_array_equal(a.p_sim_, b.p_sim_)
    assert _pattern_at(a, centres) == {"persistent_hot": "persistent_hot"}
    assert a.p_sim_.shape == a.z_.shape


def test_hexagons_work_too():
    pts, centres = _build({"persistent_hot": [25] * 12}, weeks=12, seed=5)
    fitted = EmergingHotspots(cell_size=100, shape="hexagon", time_step="1W",
                              study_area=AREA).fit(pts)
    assert _pattern_at(fitted, centres) == {"persistent_hot": "persistent_hot"}


# ------------------------------------------------------------------ Gi* on the space-time cube
@pytest.mark.parametrize("time_neighbours", [0, 1, 2])
def test_space_time_z_equals_esda_on_the_space_time_weights(time_neighbours):
    esda = pytest.importorskip("esda")
    libpysal = pytest.importorskip("libpysal")
    pts, _ = _build({"intensifying_hot": HOT_SITES["intensifying_hot"]}, weeks=12,
                    background=150, size=1500)
    area = shapely.box(X0, Y0, X0 + 1500, Y0 + 1500)
    fitted = EmergingHotspots(cell_size=100, time_step="1W", study_area=area,
                              time_neighbours=time_neighbours).fit(pts)
    n_steps = fitted.cube_.shape[1]
    steps = np.arange(n_steps)
    lagged = (steps[:, None] - steps[None, :] >= 0) & (
        steps[:, None] - steps[None, :] <= time_neighbours)
    w_st = sparse.kron(fitted.weights_, sparse.csr_matrix(lagged.astype(float))).tocsr()
    w = libpysal.weights.WSP(w_st).to_W(silence_warnings=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = esda.G_Local(fitted.cube_.ravel().astype(float), w, star=True, transform="B",
                         permutations=0)
    np.testing.assert_allclose(fitted.z_.ravel(), g.Zs, rtol=1e-8, atol=1e-12)


# ------------------------------------------------------------------------------ rule table
def _row(pattern: str):
    return np.array([c == "H" for c in pattern]), np.array([c == "C" for c in pattern])


@pytest.mark.parametrize(("bins", "trend", "expected"), [
    (".........H", 0, "new_hot"),
    (".......HHH", 0, "consecutive_hot"),
    ("HHHHHHHHHH", 1, "intensifying_hot"),
    ("HHHHHHHHHH", -1, "diminishing_hot"),
    ("HHHHHHHHHH", 0, "persistent_hot"),
    (".HHHHHHHHH", 0, "persistent_hot"),  # 90 %
    ("HHHHHHHHH.", 0, "historical_hot"),
    ("HHHHHHHHH.", -1, "historical_hot"),
    ("..H..H...H", 0, "sporadic_hot"),
    ("..HH....HH", 0, "sporadic_hot"),
    ("..C..H...H", 0, "oscillating_hot"),
    ("C........H", 0, "oscillating_hot"),  # cold before: oscillating, not new (our reading)
    ("C......HHH", 0, "oscillating_hot"),
    ("..H..H..CH", 0, "oscillating_hot"),
    (".........C", 0, "new_cold"),
    ("........CC", 0, "consecutive_cold"),
    ("CCCCCCCCCC", -1, "intensifying_cold"),
    ("CCCCCCCCCC", 1, "diminishing_cold"),
    ("CCCCCCCCCC", 0, "persistent_cold"),
    ("CCCCCCCCC.", 0, "historical_cold"),
    ("C...C....C", 0, "sporadic_cold"),
    ("H...C....C", 0, "oscillating_cold"),
    ("HHHHHHHHHC", 0, "oscillating_cold"),  # the final step decides first (our reading)
    ("..........", 0, "no_pattern"),
    ("..HH......", 0, "no_pattern"),
    ("HHHHHHHH..", 0, "no_pattern"),  # 80 % and not hot now
    ("HHHHHHHHHH" * 2, 0, "persistent_hot"),
    ("HHHHHHHHH.H", 1, "intensifying_hot"),  # 10 of 11 = 91 %: not sporadic
    ("HHHHHHHH.H", 0, "persistent_hot"),  # 9 of 10 = 90 %, interrupted or not
])
def test_rule_table(bins, trend, expected):
    hot, cold = _row(bins)
    s = np.array([float(trend)])
    p = np.array([0.001 if trend else 0.5])
    assert classify_patterns(hot[None], cold[None], s, p)[0] == expected


def test_a_trend_must_be_significant():
    hot, cold = _row("HHHHHHHHHH")
    out = classify_patterns(np.vstack([hot] * 3), np.vstack([cold] * 3),
                            np.array([20.0, 20.0, -20.0]), np.array([0.04, 0.06, 0.05]))
    assert out.tolist() == ["intensifying_hot", "persistent_hot", "diminishing_hot"]


def test_every_pattern_has_both_labels():
    from hotspots.detect.emerging import _pattern_labels

    for lang in ("sv", "en"):
        labels = _pattern_labels(lang)
        assert set(labels) == set(PATTERNS)
        assert len(set(labels.values())) == len(PATTERNS)
    assert _pattern_labels("sv")["new_hot"] == "Ny het punkt"


# ----------------------------------------------------------------------------- Mann-Kendall
def test_mann_kendall_equals_kendalls_tau_against_time():
    rng = np.random.default_rng(0)
    x = np.vstack([rng.normal(size=(50, 15)), rng.integers(0, 4, (50, 15)).astype(float),
                   np.arange(15.0) + rng.normal(scale=3, size=(50, 15))])
    s, z, p = mann_kendall(x)
    n = x.shape[1]
    n0 = n * (n - 1) / 2
    for row, si, zi in zip(x, s, z, strict=True):
        tau, p_scipy = stats.kendalltau(np.arange(n), row, method="asymptotic")
        _, counts = np.unique(row, return_counts=True)
        n1 = (counts * (counts - 1) / 2).sum()
        assert si == pytest.approx(tau * np.sqrt(n0 * (n0 - n1)), abs=1e-9)
        # scipy has no continuity correction: compare |S| / sd with scipy's z
        z_plain = abs(si) / (abs(si) - 1) * abs(zi) if abs(si) > 1 else None
        if z_plain is not None and p_scipy > 1e-12:
            assert z_plain == pytest.approx(stats.norm.isf(p_scipy / 2), rel=1e-6)


def test_mann_kendall_constant_and_short_series():
    s, z, p = mann_kendall([[2.0, 2.0, 2.0, 2.0], [1.0, 2.0, 3.0, 4.0]])
    assert s.tolist() == [0.0, 6.0]
    assert z[0] == 0 and p[0] == 1.0
    assert p[1] > 0.05  # 4 steps can never be significant at 5 %


# ------------------------------------------------------------------------------- time steps
def test_iso_weeks_and_daylight_saving():
    times = pd.to_datetime(["2024-03-20T10:00Z", "2024-04-02T10:00Z"], utc=True)
    edges, labels = time_bins(times, "1W")
    assert labels == ["2024-W12", "2024-W13", "2024-W14"]
    local = edges.tz_convert("Europe/Stockholm")
    assert all(t.hour == 0 and t.weekday() == 0 for t in local)
    # the week of 31 March 2024 (summer time starts) has 167 hours
    assert (edges[2] - edges[1]) == pd.Timedelta(hours=167)


def test_days_end_at_midnight_after_the_last_incident():
    times = pd.to_datetime(["2024-01-01T08:00Z", "2024-01-20T22:30Z"], utc=True)
    edges, labels = time_bins(times, "7D")
    # 22:30 UTC on 20 January is 23:30 in Stockholm: the last step ends at 21 January 00:00
    assert edges[-1] == pd.Timestamp("2024-01-21", tz="Europe/Stockholm")
    assert len(labels) == 3 and labels[0] == "2023-12-31"
    assert edges[0] <= times[0]


def test_an_explicit_end_leaves_later_points_out():
    pts, _ = _build({"persistent_hot": [25] * 12}, weeks=12)
    fitted = EmergingHotspots(cell_size=100, time_step="1W", study_area=AREA,
                              end=pd.Timestamp("2024-03-18")).fit(pts)  # Monday of W12
    assert fitted.bins_[-1] == "2024-W11" and len(fitted.bins_) == 11
    assert fitted.n_outside_ > 0


@pytest.mark.parametrize("step", ["7", "1M", "0D", "week", ""])
def test_bad_time_step_raises(step):
    with pytest.raises(InputError):
        time_bins(pd.to_datetime(["2024-01-01T08:00Z"], utc=True), step)


# ------------------------------------------------------------------------------ bad input
def test_empty_data_raises():
    empty = gpd.GeoDataFrame({"occurred_from": pd.to_datetime([], utc=True)},
                             geometry=gpd.points_from_xy([], []), crs=3006)
    with pytest.raises(InputError):
        EmergingHotspots().fit(empty)


def test_one_time_bin_raises():
    pts, _ = _build({"persistent_hot": [25]}, weeks=1)
    with pytest.raises(InputError, match="2"):
        EmergingHotspots(time_step="1W", study_area=AREA).fit(pts)


def test_points_without_occurred_from_raise():
    pts, _ = _build({"persistent_hot": [25] * 3}, weeks=3)
    with pytest.raises(InputError, match="occurred_from"):
        EmergingHotspots().fit(pts.drop(columns="occurred_from"))


def test_undated_points_are_left_out_and_counted():
    pts, _ = _build({"persistent_hot": [25] * 4}, weeks=4)
    pts.loc[pts.index[:7], "occurred_from"] = pd.NaT
    fitted = EmergingHotspots(time_step="1W", study_area=AREA).fit(pts)
    assert fitted.n_undated_ == 7
    assert fitted.cube_.sum() == len(pts) - 7 - fitted.n_outside_
    pts["occurred_from"] = pd.NaT
    with pytest.raises(InputError):
        EmergingHotspots(time_step="1W", study_area=AREA).fit(pts)


@pytest.mark.parametrize("params", [
    {"time_neighbours": -1}, {"time_neighbours": 1.5}, {"end": 12}, {"time_step": "x"},
    {"cell_size": 0}, {"alpha": 2},
])
def test_bad_parameters_raise(params):
    pts, _ = _build({"persistent_hot": [25] * 3}, weeks=3)
    with pytest.raises(InputError):
        EmergingHotspots(**params).fit(pts)


def test_points_without_crs_raise():
    pts, _ = _build({"persistent_hot": [25] * 3}, weeks=3)
    with pytest.raises(InputError):
        EmergingHotspots().fit(pts.set_crs(None, allow_override=True))
