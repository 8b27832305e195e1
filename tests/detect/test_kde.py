"""Kernel density hotspots: accuracy against exact evaluations on real data, and the contract."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from hotspots.detect.grid import Grid
from hotspots.detect.kde import COLUMNS, KDEHotspots, kde_grid, kernel_density
from hotspots.errors import InputError

#: Southend-on-Sea, British National Grid: the busiest 10 x 10 km of Essex in January 2018.
WINDOW = (580_000.0, 185_000.0, 590_000.0, 195_000.0)


@pytest.fixture(scope="module")
def essex(shared_data):
    """x, y (metres, EPSG:27700) of the 2,061 police.uk incidents in the window."""
    path = shared_data / "police_uk_essex" / "2018-01-essex-street.csv.gz"
    df = pd.read_csv(path, usecols=["longitude", "latitude"]).dropna()
    pts = gpd.GeoSeries.from_xy(df["longitude"], df["latitude"], crs=4326).to_crs(27700)
    x, y = pts.x.to_numpy(), pts.y.to_numpy()
    xmin, ymin, xmax, ymax = WINDOW
    inside = (x >= xmin) & (x < xmax) & (y >= ymin) & (y < ymax)
    assert inside.sum() > 2000
    return x[inside], y[inside]


def exact_density(x, y, grid: Grid, *, bandwidth: float, kernel: str) -> np.ndarray:
    """Every point at every cell centre, per km² (brute force, for reference)."""
    cx, cy = grid.centers()
    out = np.zeros(grid.shape)
    h = bandwidth
    for j in range(grid.ny):  # one row of cells at a time keeps memory small
        d2 = (cx[j][:, None] - x[None, :]) ** 2 + (cy[j][:, None] - y[None, :]) ** 2
        if kernel == "quartic":
            k = np.where(d2 < h * h, 3 / (np.pi * h * h) * (1 - d2 / (h * h)) ** 2, 0.0)
        else:
            k = np.exp(-d2 / (2 * h * h)) / (2 * np.pi * h * h)
        out[j] = k.sum(axis=1)
    return out * 1e6


def relative_error(ours: np.ndarray, exact: np.ndarray) -> float:
    return float(np.abs(ours - exact).max() / exact.max())


def grid_around(x, y, *, bandwidth: float, cell_size: float) -> Grid:
    return Grid.from_bounds(x.min(), y.min(), x.max(), y.max(), cell_size=cell_size,
                            margin=bandwidth, crs=27700)


# ------------------------------------------------------------------------------ accuracy
@pytest.mark.shared_data
def test_gaussian_matches_scikit_learn_on_real_data(essex):
    from sklearn.neighbors import KernelDensity

    x, y = essex
    grid = grid_around(x, y, bandwidth=200, cell_size=50)
    ours = kde_grid(x, y, grid, bandwidth=200, kernel="gaussian")

    kd = KernelDensity(kernel="gaussian", bandwidth=200, rtol=0, atol=0)
    kd.fit(np.column_stack([x, y]))
    cx, cy = grid.centers()
    log_density = kd.score_samples(np.column_stack([cx.ravel(), cy.ravel()]))
    # scikit-learn: a probability density per m²; ours: points per km²
    exact = np.exp(log_density).reshape(grid.shape) * len(x) * 1e6

    assert relative_error(ours, exact) < 1e-3  # measured: 2.8e-4


@pytest.mark.shared_data
def test_quartic_matches_brute_force_on_real_data(essex):
    x, y = essex
    grid = grid_around(x, y, bandwidth=200, cell_size=50)
    ours = kde_grid(x, y, grid, bandwidth=200, kernel="quartic")
    exact = exact_density(x, y, grid, bandwidth=200, kernel="quartic")

    assert relative_error(ours, exact) < 1e-3  # measured: 3.3e-4
    # the quartic's support lies inside the grid: the map integrates to the point count
    assert ours.sum() * grid.cell_area_km2 == pytest.approx(len(x), rel=5e-3)


@pytest.mark.shared_data
@pytest.mark.parametrize("kernel", ["quartic", "gaussian"])
@pytest.mark.parametrize(("bandwidth", "cell_size"), [(100, 50), (150, 50), (400, 50)])
def test_accuracy_holds_for_other_bandwidths(essex, kernel, bandwidth, cell_size):
    x, y = essex
    near = (np.abs(x - 585_000) < 2_000) & (np.abs(y - 187_000) < 2_000)  # the town centre
    x, y = x[near], y[near]
    grid = grid_around(x, y, bandwidth=bandwidth, cell_size=cell_size)
    ours = kde_grid(x, y, grid, bandwidth=bandwidth, kernel=kernel)
    exact = exact_density(x, y, grid, bandwidth=bandwidth, kernel=kernel)
    assert relative_error(ours, exact) < 1e-3


UNIT = (0.0, 0.0, 1.0)  # a lattice of nodes at the integers


@pytest.mark.parametrize("offset", [0.0, 0.2, 0.5, 0.7, 0.99])
def test_binning_spreads_every_point_by_a_sixth_of_a_step(offset):
    from hotspots.detect._binning import bin_points

    x, y = np.array([10.0 + offset]), np.array([12.0 + offset / 3])
    binned = bin_points(x, y, None, UNIT, 30, 30)
    nodes = np.arange(30)
    for axis, at in ((0, 10.0 + offset), (1, 12.0 + offset / 3)):
        profile = binned.sum(axis=axis)
        assert profile.sum() == pytest.approx(1.0, abs=1e-12)
        assert (profile * nodes).sum() == pytest.approx(at, abs=1e-12)
        assert (profile * (nodes - at) ** 2).sum() == pytest.approx(1 / 6, abs=1e-12)


def test_binning_is_the_same_for_few_and_many_points():
    from hotspots.detect._binning import bin_points

    rng = np.random.default_rng(2)
    u, v, w = rng.uniform(3, 40, 100), rng.uniform(3, 30, 100), rng.uniform(size=100)
    few = bin_points(u, v, w, UNIT, 50, 40).copy()  # one chunk
    many = bin_points(np.tile(u, 60), np.tile(v, 60), np.tile(w, 60) / 60, UNIT, 50, 40)
    np.testing.assert_allclose(many, few, rtol=0, atol=1e-12)


@pytest.fixture
def sorted_binning(monkeypatch):
    """Bin points the way many points on a large lattice are: packed, sorted, on threads."""
    from hotspots.detect import _binning

    monkeypatch.setattr(_binning, "_CACHED_BYTES", 0)
    monkeypatch.setattr(_binning, "_CHUNK_MIN_POINTS", 700)  # two chunks, two runs
    monkeypatch.setattr(_binning, "_BAND_BYTES", 1000)  # several bands (weighted points)


def _points_for_binning(seed: int, n: int = 3000):
    rng = np.random.default_rng(seed)
    u, v = rng.uniform(3, 40, n), rng.uniform(3, 30, n)
    u[:500], v[200:700] = np.round(u[:500]), np.round(v[200:700]) + 0.5  # nodes and midways
    u = np.concatenate([u, u[:50], [0.2, 49.5]])  # stacked points, two off the lattice
    v = np.concatenate([v, v[:50], [10.0, 10.0]])
    return u, v, rng.uniform(0, 2, u.size)


def test_sorted_binning_is_the_same(sorted_binning, monkeypatch):
    from hotspots.detect import _binning
    from hotspots.detect._binning import bin_points

    u, v, w = _points_for_binning(4)
    packed = bin_points(u, v, None, UNIT, 50, 40).copy()
    banded = bin_points(u, v, w, UNIT, 50, 40).copy()
    monkeypatch.setattr(_binning, "_CACHED_BYTES", 1 << 30)  # in the points' own order
    direct = bin_points(u, v, None, UNIT, 50, 40).copy()
    np.testing.assert_allclose(packed, direct, rtol=0, atol=1e-4)  # offsets to 2^-16 step
    np.testing.assert_allclose(banded, bin_points(u, v, w, UNIT, 50, 40), rtol=0, atol=1e-4)
    assert direct.sum() == pytest.approx(u.size - 2)  # the two off the lattice left out


def test_binning_does_not_depend_on_the_threads(sorted_binning, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from hotspots.detect import _binning
    from hotspots.detect._binning import bin_points

    u, v, w = _points_for_binning(5)
    two = [bin_points(u, v, weights, UNIT, 50, 40, dtype=np.float32) for weights in (None, w)]
    one_thread = ThreadPoolExecutor(1)
    monkeypatch.setattr(_binning, "_executor", lambda: one_thread)
    for weights, expected in zip((None, w), two, strict=True):
        np.testing.assert_array_equal(bin_points(u, v, weights, UNIT, 50, 40, dtype=np.float32),
                                      expected)


@pytest.mark.parametrize("offset", [0.0, 0.2, 0.5, 0.7, 0.99])
def test_sorted_binning_spreads_every_point_by_a_sixth_of_a_step(sorted_binning, offset):
    from hotspots.detect._binning import bin_points

    x, y = np.array([10.0 + offset]), np.array([12.0 + offset / 3])
    binned = bin_points(x, y, None, UNIT, 30, 30)
    nodes = np.arange(30)
    for axis, at in ((0, 10.0 + offset), (1, 12.0 + offset / 3)):
        profile = binned.sum(axis=axis)
        assert profile.sum() == pytest.approx(1.0, abs=1e-12)
        assert (profile * nodes).sum() == pytest.approx(at, abs=1e-5)
        assert (profile * (nodes - at) ** 2).sum() == pytest.approx(1 / 6, abs=1e-5)


@pytest.mark.parametrize(("s", "my", "mx"), [(5, 7, 9), (6, 8, 6), (2, 5, 5), (3, 4, 7)])
def test_the_convolution_is_read_off_at_every_s_th_node(s, my, mx):
    import scipy.fft as sfft

    from hotspots.detect.kde import _convolve_decimated

    rng = np.random.default_rng(s)
    lattice, kernel = rng.normal(size=(2, s * my, s * mx))
    f, spectrum = sfft.rfft2(lattice), sfft.rfft2(kernel)
    expected = sfft.irfft2(f * spectrum, s=lattice.shape)[::s, ::s]
    np.testing.assert_allclose(_convolve_decimated(f, spectrum, s, my, mx), expected,
                               rtol=0, atol=1e-12 * np.abs(expected).max())


def test_a_wide_quartic_is_accurate_too():
    # 40 cells: no oversampling, and a kernel too wide to fit (Van Cittert instead)
    from hotspots.detect.kde import _FIT_MAX_RADIUS, _plan

    assert _plan("quartic", 2000, 50, 80, 80)[:2] == (1, 40) and 40 > _FIT_MAX_RADIUS
    rng = np.random.default_rng(8)
    x, y = rng.normal(2000, 600, 400), rng.normal(2000, 600, 400)
    grid = Grid(-2000.0, -2000.0, 50.0, 160, 160, 3006)
    ours = kde_grid(x, y, grid, bandwidth=2000, kernel="quartic")
    exact = exact_density(x, y, grid, bandwidth=2000, kernel="quartic")
    assert relative_error(ours, exact) < 1e-3


def test_one_point_is_one_kernel():
    grid = Grid(0.0, 0.0, 50.0, 40, 40, 3006)
    for kernel in ("quartic", "gaussian"):
        ours = kde_grid(np.array([1012.0]), np.array([987.0]), grid, bandwidth=250,
                        kernel=kernel)
        exact = exact_density(np.array([1012.0]), np.array([987.0]), grid, bandwidth=250,
                              kernel=kernel)
        assert relative_error(ours, exact) < 5e-3  # one point: no averaging over offsets


def test_points_outside_the_grid_count_near_its_edge():
    rng = np.random.default_rng(3)
    x, y = rng.uniform(0, 3000, 500), rng.uniform(0, 3000, 500)
    big = Grid(0.0, 0.0, 50.0, 60, 60, 3006)
    part = Grid(1000.0, 500.0, 50.0, 20, 30, 3006)  # most points lie outside it
    for kernel in ("quartic", "gaussian"):
        whole = kde_grid(x, y, big, bandwidth=200, kernel=kernel)
        cut = kde_grid(x, y, part, bandwidth=200, kernel=kernel)
        np.testing.assert_allclose(cut, whole[10:40, 20:40], rtol=0, atol=1e-6 * whole.max())


def test_translating_by_whole_cells_translates_the_density():
    rng = np.random.default_rng(5)
    x, y = rng.normal(2000, 300, 800), rng.normal(2000, 300, 800)
    grid = Grid(0.0, 0.0, 50.0, 80, 80, 3006)
    for kernel in ("quartic", "gaussian"):
        before = kde_grid(x, y, grid, bandwidth=200, kernel=kernel)
        after = kde_grid(x + 3 * 50, y - 2 * 50, grid, bandwidth=200, kernel=kernel)
        # column i moves to i + 3, row j to j - 2
        np.testing.assert_allclose(after[:-2, 3:], before[2:, :-3], rtol=0,
                                   atol=1e-6 * before.max())


def test_weights_scale_the_density():
    rng = np.random.default_rng(1)
    x, y = rng.uniform(0, 2000, 300), rng.uniform(0, 2000, 300)
    grid = Grid(-500.0, -500.0, 50.0, 60, 60, 3006)
    plain = kde_grid(x, y, grid, bandwidth=200)
    double = kde_grid(x, y, grid, bandwidth=200, weights=np.full(300, 2.0))
    np.testing.assert_allclose(double, 2 * plain, rtol=1e-12, atol=1e-12 * plain.max())


# ------------------------------------------------------------------------------ the estimator
def points_frame(x, y, crs=3006, **columns) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(columns, geometry=gpd.points_from_xy(x, y), crs=crs)


@pytest.fixture
def clusters():
    """Two clusters (200 and 80 incidents) and some background over 4 x 4 km."""
    rng = np.random.default_rng(11)
    x = np.concatenate([rng.normal(1000, 80, 200), rng.normal(3000, 120, 80),
                        rng.uniform(0, 4000, 100)]) + 500_000
    y = np.concatenate([rng.normal(1000, 80, 200), rng.normal(2500, 120, 80),
                        rng.uniform(0, 4000, 100)]) + 6_200_000
    return points_frame(x, y)


def test_fit_sets_the_attributes(clusters):
    fitted = KDEHotspots().fit(clusters, period_days=28)
    assert fitted.n_points_ == 380
    assert fitted.period_days_ == 28.0
    assert fitted.grid_.shape == fitted.density_.shape
    assert fitted.grid_.crs == 3006
    xmin, ymin, xmax, ymax = fitted.grid_.bounds
    assert xmin <= clusters.geometry.x.min() - 200 and xmax >= clusters.geometry.x.max() + 200
    hot = fitted.hotspots_
    assert list(hot.columns) == [*COLUMNS, "geometry"]
    assert hot.crs == clusters.crs
    assert (hot.n_points >= 5).all()
    assert hot.peak_density.is_monotonic_decreasing
    assert hot.geometry.is_valid.all() and (hot.geom_type == "Polygon").all()
    assert hot.n_points.iloc[0] > 100  # the big cluster comes first


def test_top_percent_takes_that_share_of_the_cells(clusters):
    fitted = KDEHotspots(top_percent=5, min_points=0).fit(clusters)
    n_cells = fitted.density_.size
    chosen = (fitted.density_ >= fitted.threshold_).sum()
    assert chosen == round(0.05 * n_cells)
    assert fitted.hotspots_.area_km2.sum() == pytest.approx(
        chosen * fitted.grid_.cell_area_km2)


def test_threshold_keeps_the_cells_at_or_above_it(clusters):
    fitted = KDEHotspots(threshold=500.0, min_points=0).fit(clusters)
    assert fitted.threshold_ == 500.0
    chosen = fitted.density_ >= 500.0
    assert fitted.hotspots_.area_km2.sum() == pytest.approx(
        chosen.sum() * fitted.grid_.cell_area_km2)
    assert (fitted.hotspots_.mean_density >= 500.0).all()
    assert fitted.hotspots_.peak_density.iloc[0] == fitted.density_.max()


def test_the_first_hotspot_holds_the_densest_cell(clusters):
    fitted = KDEHotspots().fit(clusters)
    j, i = np.unravel_index(fitted.density_.argmax(), fitted.density_.shape)
    cx, cy = fitted.grid_.centers()
    first = fitted.hotspots_.geometry.iloc[0]
    assert first.contains(shapely.Point(cx[j, i], cy[j, i]))
    assert fitted.hotspots_.peak_density.iloc[0] == fitted.density_.max()
    # n_points: the incidents in its cells
    assert first.buffer(1e-6).contains(clusters.geometry).sum() == \
        fitted.hotspots_.n_points.iloc[0]


def test_weights_from_an_array_or_a_column(clusters):
    plain = KDEHotspots().fit(clusters)
    by_array = KDEHotspots().fit(clusters, weights=np.full(len(clusters), 2.0))
    by_column = KDEHotspots().fit(clusters.assign(w=2.0), weights="w")
    np.testing.assert_allclose(by_array.density_, 2 * plain.density_)
    np.testing.assert_allclose(by_column.density_, by_array.density_)
    assert by_array.threshold_ == pytest.approx(2 * plain.threshold_)


def test_a_given_grid_is_used(clusters):
    grid = Grid.from_bounds(500_000, 6_200_000, 504_000, 6_204_000, cell_size=100, crs=3006)
    fitted = kernel_density(clusters, grid=grid, bandwidth=300)
    assert fitted.grid_ is grid and fitted.density_.shape == grid.shape


def test_kernel_density_wraps_the_estimator(clusters):
    fitted = kernel_density(clusters, bandwidth=150, kernel="gaussian", period_days=7)
    assert isinstance(fitted, KDEHotspots)
    assert (fitted.bandwidth, fitted.kernel, fitted.period_days_) == (150, "gaussian", 7.0)


def test_init_only_stores_the_parameters():
    est = KDEHotspots(bandwidth=-1, kernel="nope", top_percent=500)  # checked by fit
    assert (est.bandwidth, est.kernel, est.top_percent) == (-1, "nope", 500)
    with pytest.raises(TypeError):
        KDEHotspots(200)  # keyword-only


# ------------------------------------------------------------------------------ awkward input
def test_no_points_give_an_empty_result():
    fitted = KDEHotspots().fit(points_frame([], []))
    assert fitted.n_points_ == 0
    assert fitted.density_.shape == (0, 0) and fitted.grid_.shape == (0, 0)
    assert np.isnan(fitted.threshold_)
    assert fitted.hotspots_.empty
    assert list(fitted.hotspots_.columns) == [*COLUMNS, "geometry"]
    assert fitted.hotspots_.crs == "EPSG:3006"


def test_no_points_on_a_given_grid_give_zeros():
    grid = Grid(0.0, 0.0, 50.0, 10, 12, 3006)
    fitted = KDEHotspots().fit(points_frame([], []), grid=grid)
    assert (fitted.density_ == 0).all() and fitted.density_.shape == (12, 10)
    assert fitted.hotspots_.empty


def test_one_point_and_identical_points():
    one = KDEHotspots(min_points=1).fit(points_frame([500_000.0], [6_200_000.0]))
    assert len(one.hotspots_) == 1 and one.hotspots_.n_points.iloc[0] == 1
    assert KDEHotspots().fit(points_frame([500_000.0], [6_200_000.0])).hotspots_.empty

    same = KDEHotspots().fit(points_frame([500_000.0] * 7, [6_200_000.0] * 7))
    # the quartic's oversampled lattice runs in single precision: 1e-6 of the peak
    np.testing.assert_allclose(same.density_, 7 * one.density_, rtol=0,
                               atol=1e-6 * same.density_.max())
    assert len(same.hotspots_) == 1 and same.hotspots_.n_points.iloc[0] == 7


@pytest.mark.parametrize("bandwidth", [0, -200, float("nan"), float("inf"), "200 m", True,
                                       60_000, 20])
def test_bad_bandwidths_are_refused(clusters, bandwidth):
    with pytest.raises(InputError):
        KDEHotspots(bandwidth=bandwidth).fit(clusters)


@pytest.mark.parametrize("cell_size", [0, -50, float("nan"), None])
def test_bad_cell_sizes_are_refused(clusters, cell_size):
    with pytest.raises(InputError):
        KDEHotspots(cell_size=cell_size).fit(clusters)


def test_messages_explain(clusters):
    with pytest.raises(InputError, match="halva cellstorleken"):
        KDEHotspots(bandwidth=20, cell_size=50).fit(clusters)
    with pytest.raises(InputError, match="50 km"):
        KDEHotspots(bandwidth=200_000).fit(clusters)


def test_a_grid_too_large_for_memory_is_refused():
    far_apart = points_frame([500_000.0, 600_000.0], [6_200_000.0, 6_300_000.0])
    with pytest.raises(InputError, match="memory|minne"):
        KDEHotspots(bandwidth=10, cell_size=10).fit(far_apart)  # 10^8 cells


def test_points_need_a_projected_crs(clusters):
    with pytest.raises(InputError):
        KDEHotspots().fit(clusters.set_crs(None, allow_override=True))
    with pytest.raises(InputError):
        KDEHotspots().fit(clusters.to_crs(4326))


@pytest.mark.parametrize("params", [
    {"kernel": "epanechnikov"},
    {"top_percent": 5, "threshold": 10.0},
    {"top_percent": 0},
    {"top_percent": 101},
    {"top_percent": float("nan")},
    {"threshold": -1.0},
    {"threshold": float("nan")},
    {"min_points": -1},
    {"min_points": 2.5},
])
def test_bad_parameters_are_refused(clusters, params):
    with pytest.raises(InputError):
        KDEHotspots(**params).fit(clusters)


@pytest.mark.parametrize("fit_params", [
    {"period_days": 0},
    {"period_days": float("nan")},
    {"weights": "no_such_column"},
    {"weights": np.ones(3)},
    {"weights": -np.ones(380)},
    {"weights": np.full(380, np.nan)},
    {"grid": Grid(0.0, 0.0, 50.0, 10, 10, 3008)},
])
def test_bad_fit_arguments_are_refused(clusters, fit_params):
    with pytest.raises(InputError):
        KDEHotspots().fit(clusters, **fit_params)


def test_kde_grid_checks_its_arrays():
    grid = Grid(0.0, 0.0, 50.0, 10, 10)
    with pytest.raises(InputError):
        kde_grid(np.zeros(3), np.zeros(2), grid, bandwidth=100)
    with pytest.raises(InputError):
        kde_grid(np.array([np.nan]), np.zeros(1), grid, bandwidth=100)
    assert (kde_grid(np.zeros(0), np.zeros(0), grid, bandwidth=100) == 0).all()


def test_the_binning_compiles_where_no_cache_can_be_written(monkeypatch):
    import numba

    from hotspots.detect import _binning

    real = numba.njit

    def njit(*args, cache=False, **options):  # as numba does without a writable cache dir
        if cache:
            raise RuntimeError("cannot cache function 'f': no locator available for file 'x'")
        return real(*args, **options)

    monkeypatch.setattr(_binning.numba, "njit", njit)

    def add_one(a):
        return a + 1

    compiled = _binning._compiled(nogil=True)(add_one)
    assert compiled(41) == 42 and hasattr(compiled, "py_func")  # compiled, not the plain one


def test_the_kept_lattice_is_never_shared_by_two_callers():
    from hotspots.detect._binning import kept_array

    with kept_array("lattice", 100, np.float32) as first:
        with kept_array("lattice", 100, np.float32) as second:  # the kept one is taken
            assert not np.shares_memory(first, second)
    with kept_array("lattice", 50, np.float32) as again:
        assert np.shares_memory(first, again)  # kept between calls


def test_concurrent_densities_are_each_right():
    from concurrent.futures import ThreadPoolExecutor

    rng = np.random.default_rng(11)
    grid = Grid(0.0, 0.0, 50.0, 200, 200, 3006)  # a lattice larger than the cache: kept
    sets = [rng.uniform(500, 9500, size=(2, 30_000 + 1000 * k)) for k in range(6)]
    serial = [kde_grid(x, y, grid, bandwidth=200) for x, y in sets]
    with ThreadPoolExecutor(3) as pool:
        parallel = list(pool.map(lambda p: kde_grid(*p, grid, bandwidth=200), sets))
    for a, b in zip(serial, parallel, strict=True):
        np.testing.assert_array_equal(a, b)
