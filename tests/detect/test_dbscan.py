"""DBSCAN hotspots: scikit-learn's exact clusters on real data, polygons and bad input."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from scipy.spatial import cKDTree
from sklearn.cluster import DBSCAN as SklearnDBSCAN

from hotspots.detect.dbscan import (
    HOTSPOT_COLUMNS,
    MAX_EPS_M,
    DBSCANHotspots,
    dbscan_hotspots,
    dbscan_labels,
)
from hotspots.errors import InputError

REPO = Path(__file__).resolve().parents[2]


def incident_points(n: int, seed: int = 7) -> np.ndarray:
    spec = importlib.util.spec_from_file_location("_points", REPO / "tests/benchmarks/_points.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.incident_points(n, seed=seed)


def assert_as_sklearn(X, eps, min_samples, sample_weight=None):
    """Our labels against scikit-learn's on the same input.

    DESIGN.md asks for: the same core points, the same clusters up to their numbers on the
    core points, the same noise, and each border point in a cluster with a core point within
    eps. We also promise scikit-learn's very labels (its numbering and border choices).
    """
    labels, core = dbscan_labels(X, eps=eps, min_samples=min_samples,
                                 sample_weight=sample_weight)
    sk = SklearnDBSCAN(eps=eps, min_samples=min_samples).fit(X, sample_weight=sample_weight)
    sk_core = np.zeros(len(X), dtype=bool)
    sk_core[sk.core_sample_indices_] = True
    np.testing.assert_array_equal(core, sk_core)
    np.testing.assert_array_equal(labels < 0, sk.labels_ < 0)
    pairs = set(zip(labels[core].tolist(), sk.labels_[core].tolist(), strict=True))
    assert len(pairs) == len(set(labels[core].tolist())) == len(set(sk.labels_[core].tolist()))
    border = np.flatnonzero(~core & (labels >= 0))
    if len(border):
        tree = cKDTree(X[core])
        for i, near in zip(border, tree.query_ball_point(X[border], eps * (1 + 1e-9)),
                           strict=True):
            assert (labels[core][near] == labels[i]).any(), i
    np.testing.assert_array_equal(labels, sk.labels_)
    return labels, core


# ------------------------------------------------------------------------------ real data
@pytest.fixture(scope="module")
def essex(shared_data) -> np.ndarray:
    data = shared_data
    df = pd.read_csv(data / "police_uk_essex" / "2018-01-essex-street.csv.gz")
    df = df.dropna(subset=["longitude", "latitude"])
    pts = gpd.GeoSeries(gpd.points_from_xy(df["longitude"], df["latitude"]), crs=4326)
    pts = pts.to_crs(27700)
    return np.column_stack([pts.x, pts.y])


@pytest.fixture(scope="module")
def chicago(shared_data) -> np.ndarray:
    data = shared_data
    # Rows have 6 fields whatever the header says (the original header has 22 columns).
    df = pd.read_csv(data / "chicago_southside_2016" / "example.csv", header=None, skiprows=1,
                     usecols=range(6),
                     names=["case", "date", "block", "type", "latitude", "longitude"])
    pts = gpd.GeoSeries(gpd.points_from_xy(df["longitude"], df["latitude"]), crs=4326)
    pts = pts.to_crs(26916)
    return np.column_stack([pts.x, pts.y])


@pytest.mark.shared_data
@pytest.mark.parametrize(("eps", "min_samples"), [(50, 3), (100, 5), (250, 20), (500, 1)])
def test_essex_as_sklearn(essex, eps, min_samples):
    assert len(essex) > 14_000
    # police.uk snaps points to anonymous map points: half of them coincide
    assert len(np.unique(essex, axis=0)) < 0.6 * len(essex)
    labels, _ = assert_as_sklearn(essex, eps, min_samples)
    assert labels.max() > 3


@pytest.mark.shared_data
@pytest.mark.parametrize(("eps", "min_samples"), [(100, 3), (250, 5), (500, 10)])
def test_chicago_as_sklearn(chicago, eps, min_samples):
    assert len(chicago) == 1000
    labels, _ = assert_as_sklearn(chicago, eps, min_samples)
    assert labels.max() >= 0


@pytest.mark.shared_data
@pytest.mark.parametrize(("eps", "min_samples", "kind"),
                         [(100, 5, "integer"), (250, 20, "real"), (50, 2, "real")])
def test_essex_weighted_as_sklearn(essex, eps, min_samples, kind):
    rng = np.random.default_rng(eps)
    w = (rng.integers(0, 4, len(essex)).astype(float) if kind == "integer"
         else rng.random(len(essex)) * 3)
    assert_as_sklearn(essex, eps, min_samples, w)


@pytest.mark.shared_data
def test_chicago_weighted_as_sklearn(chicago):
    w = np.random.default_rng(0).integers(1, 5, len(chicago)).astype(float)
    assert_as_sklearn(chicago, 250, 8, w)


@pytest.mark.parametrize("weighted", [False, True])
def test_realistic_synthetic_points_as_sklearn(weighted):
    X = incident_points(20_000, seed=3)
    w = np.random.default_rng(1).integers(0, 3, len(X)).astype(float) if weighted else None
    assert_as_sklearn(X, 100.0, 10, w)
    assert_as_sklearn(X + 0.25, 37.5, 4, w)  # distances exactly at eps are not rare here


# ------------------------------------------------------------------------------ synthetic
A = [[0.0, 0.0], [0.2, 0.0], [0.4, 0.0], [0.5, 0.0]]
B = [[2.5, 0.0], [2.6, 0.0], [2.8, 0.0], [3.0, 0.0]]
BRIDGE = [[1.5, 0.0]]  # exactly eps = 1 from A's and B's nearest point, not core itself


def test_a_border_point_between_two_clusters_does_not_join_them():
    X = np.array(A + BRIDGE + B)
    labels, core = assert_as_sklearn(X, 1.0, 4)
    assert labels.tolist() == [0, 0, 0, 0, 0, 1, 1, 1, 1]
    assert not core[4]
    # scikit-learn gives it to the cluster expanded first: the one listed first
    labels, _ = assert_as_sklearn(np.array(B + BRIDGE + A), 1.0, 4)
    assert labels.tolist() == [0, 0, 0, 0, 0, 1, 1, 1, 1]


def test_weights_can_make_the_bridge_core_and_join_the_clusters():
    X = np.array(A + BRIDGE + B)
    w = np.ones(len(X))
    w[4] = 2.0
    labels, core = assert_as_sklearn(X, 1.0, 4, w)
    assert core[4] and set(labels.tolist()) == {0}


def test_duplicates_count_each_record():
    X = np.array([[10.0, 10.0]] * 5 + [[500.0, 500.0]])
    labels, core = assert_as_sklearn(X, 1.0, 5)
    assert labels.tolist() == [0, 0, 0, 0, 0, -1]
    labels, core = assert_as_sklearn(X, 1.0, 6)
    assert (labels == -1).all()


def test_duplicates_collapsed_with_weights_give_the_same_cores():
    X = incident_points(3000, seed=5)
    X = np.round(X / 25) * 25  # many coincide
    U, counts = np.unique(X, axis=0, return_counts=True)
    full_labels, full_core = dbscan_labels(X, eps=60.0, min_samples=8)
    u_labels, u_core = dbscan_labels(U, eps=60.0, min_samples=8,
                                     sample_weight=counts.astype(float))
    index = {tuple(p): i for i, p in enumerate(U)}
    back = np.array([index[tuple(p)] for p in X])
    np.testing.assert_array_equal(full_core, u_core[back])
    np.testing.assert_array_equal(full_labels < 0, u_labels[back] < 0)


@pytest.mark.parametrize(("min_samples", "expected"), [(1, [0]), (2, [-1])])
def test_a_single_point(min_samples, expected):
    labels, core = dbscan_labels([[5.0, 5.0]], eps=1.0, min_samples=min_samples)
    assert labels.tolist() == expected and core.tolist() == [min_samples == 1]


@pytest.mark.parametrize("weighted", [False, True])
def test_identical_points_are_one_cluster_when_enough(weighted):
    X = np.full((20, 2), 3.0)
    w = np.ones(20) * 0.5 if weighted else None
    labels, core = dbscan_labels(X, eps=1.0, min_samples=10, sample_weight=w)
    assert labels.tolist() == [0] * 20 and core.all()
    labels, core = dbscan_labels(X, eps=1.0, min_samples=21, sample_weight=w)
    assert (labels == -1).all() and not core.any()


def test_empty_input():
    labels, core = dbscan_labels(np.zeros((0, 2)), eps=1.0, min_samples=3)
    assert labels.shape == (0,) and core.shape == (0,)


def test_zero_weights_count_nothing():
    X = np.zeros((5, 2))
    labels, core = assert_as_sklearn(X, 1.0, 3, np.array([1.0, 1.0, 0.0, 0.0, 0.0]))
    assert not core.any()


def test_small_eps_far_from_the_origin():
    # the dbscan package numbers cells from the origin in 32 bits: 6e6 m / 1 mm overflows
    rng = np.random.default_rng(5)
    X = np.array([6.2e6, 4.1e5]) + np.round(rng.random((2000, 2)) * 0.05, 6)
    assert_as_sklearn(X, 0.001, 1)
    assert_as_sklearn(X, 0.001, 2, rng.integers(0, 3, len(X)).astype(float))


def test_weighted_paths_for_large_grids_and_coarse_coordinates(monkeypatch):
    from hotspots.detect import _dbscan_exact

    X = incident_points(5000, seed=9)
    w = np.random.default_rng(2).integers(0, 4, len(X)).astype(float)
    monkeypatch.setattr(_dbscan_exact, "_TABLE_CELLS", 0)  # cells found by searching
    assert_as_sklearn(X, 100.0, 10, w)
    # eps close to the resolution of coordinates: no grid, every neighbourhood summed
    rng = np.random.default_rng(3)
    Y = np.array([6.2e6, 4.1e5]) + np.round(rng.random((1500, 2)) * 3e-5, 8)
    assert_as_sklearn(Y, 1e-6, 3, rng.integers(0, 3, len(Y)).astype(float))


@pytest.mark.parametrize("eps", [0, -1.0, float("nan"), float("inf"), "100", True, None])
def test_bad_eps_raises(eps):
    with pytest.raises(InputError):
        dbscan_labels([[0.0, 0.0]], eps=eps, min_samples=1)


@pytest.mark.parametrize("min_samples", [0, -3, 1.5, "10", None, True])
def test_bad_min_samples_raises(min_samples):
    with pytest.raises(InputError):
        dbscan_labels([[0.0, 0.0]], eps=1.0, min_samples=min_samples)


@pytest.mark.parametrize("w", [[-1.0, 1.0], [np.nan, 1.0], [1.0], [1.0, np.inf]])
def test_bad_weights_raise(w):
    with pytest.raises(InputError):
        dbscan_labels([[0.0, 0.0], [1.0, 1.0]], eps=1.0, min_samples=1, sample_weight=w)


@pytest.mark.parametrize("X", [[[0.0, np.nan]], [[0.0, 1.0, 2.0]], [0.0, 1.0], "points"])
def test_bad_coordinates_raise(X):
    with pytest.raises(InputError):
        dbscan_labels(X, eps=1.0, min_samples=1)


def test_eps_too_small_for_the_extent_raises():
    with pytest.raises(InputError):
        dbscan_labels([[0.0, 0.0], [1e7, 0.0]], eps=1e-4, min_samples=1)


def test_min_samples_given_as_a_whole_float_is_accepted():
    labels, _ = dbscan_labels([[0.0, 0.0], [0.5, 0.0]], eps=1.0, min_samples=2.0)
    assert labels.tolist() == [0, 0]


# ------------------------------------------------------------------------------ estimator
def frame(xy, crs=3006, **columns) -> gpd.GeoDataFrame:
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    return gpd.GeoDataFrame(columns, geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs=crs)


def two_hotspots() -> gpd.GeoDataFrame:
    rng = np.random.default_rng(0)
    a = rng.normal([1000, 1000], 20, size=(30, 2))
    b = rng.normal([3000, 1000], 20, size=(20, 2))
    noise = rng.uniform(0, 5000, size=(10, 2)) + [0, 3000]
    xy = np.round(np.vstack([a, b, noise]) + [400_000, 6_190_000])
    n = len(xy)
    cats = ["skadegorelse"] * 20 + ["narkotika"] * 10 + ["inbrott"] * 15 + [None] * 5 + ["x"] * 10
    start = pd.Timestamp("2025-03-01 20:00", tz="UTC") + pd.to_timedelta(np.arange(n), unit="D")
    end = pd.Series(start + pd.Timedelta(hours=2))
    end[::3] = pd.NaT
    return frame(xy, category=cats, occurred_from=start, occurred_to=end)


def test_fit_sets_the_attributes_as_sklearn():
    pts = two_hotspots()
    est = DBSCANHotspots(eps=100, min_samples=5).fit(pts)
    assert est.fit(pts) is est
    X = np.column_stack([pts.geometry.x, pts.geometry.y])
    sk = SklearnDBSCAN(eps=100, min_samples=5).fit(X)
    np.testing.assert_array_equal(est.labels_, sk.labels_)
    np.testing.assert_array_equal(est.core_sample_indices_, sk.core_sample_indices_)
    np.testing.assert_array_equal(est.components_, sk.components_)
    assert est.n_clusters_ == 2
    assert list(est.hotspots_.columns) == [*HOTSPOT_COLUMNS, "geometry"]
    assert est.hotspots_.crs == pts.crs


def test_polygon_attributes():
    pts = two_hotspots()
    est = DBSCANHotspots(eps=100, min_samples=5).fit(pts)
    h = est.hotspots_
    assert h["cluster"].tolist() == [0, 1]
    assert h["n_points"].tolist() == [30, 20]
    assert h["n_points"].sum() == (est.labels_ >= 0).sum()
    assert (h["area_km2"] > 0).all() and (h.geometry.geom_type == "Polygon").all()
    np.testing.assert_allclose(h["area_km2"], h.geometry.area / 1e6)
    np.testing.assert_allclose(h["density_per_km2"], h["n_points"] / h["area_km2"])
    # every member lies in (or on) its polygon
    for c, poly in zip(h["cluster"], h.geometry, strict=True):
        assert poly.buffer(1e-6).contains(pts.geometry[est.labels_ == c]).all()
    assert json.loads(h["categories"][0]) == {"skadegorelse": 20, "narkotika": 10}
    assert list(json.loads(h["categories"][1])) == ["inbrott"]  # most frequent first
    assert json.loads(h["categories"][1]) == {"inbrott": 15}  # missing categories left out
    # 2025-03-01 20:00 UTC is 21:00 local; the last window of the first hotspot ends on
    # 30 March (summer time from that night) at 22:00 UTC: midnight, 31 March, local time
    assert (h["first"][0], h["last"][0]) == ("2025-03-01", "2025-03-31")
    assert (h["first"][1], h["last"][1]) == ("2025-03-31", "2025-04-20")
    for p, n in zip(h["profile"], h["n_points"], strict=True):
        p = np.array(p)
        assert p.shape == (7, 24)
        assert p.sum() == pytest.approx(n)
    # instants at 21 local and 2-hour windows 21-23 (CET) or 22-24 (CEST, from 30 March)
    assert set(np.flatnonzero(np.array(h["profile"][0]).sum(axis=0))) == {21, 22, 23}
    assert set(np.flatnonzero(np.array(h["profile"][1]).sum(axis=0))) == {22, 23}


def test_the_result_is_geojson_friendly():
    h = DBSCANHotspots(eps=100, min_samples=5).fit(two_hotspots()).hotspots_
    features = json.loads(h.to_crs(4326).to_json())["features"]
    assert len(features) == 2
    props = features[0]["properties"]
    assert isinstance(props["categories"], str) and len(props["profile"]) == 7
    assert isinstance(props["first"], str)


def test_buffer_hull_is_the_convex_hull_widened_by_half_eps():
    pts = two_hotspots()
    est = DBSCANHotspots(eps=100, min_samples=5, hull="buffer").fit(pts)
    members = pts.geometry[est.labels_ == 0]
    expected = members.union_all().convex_hull.buffer(50)
    assert est.hotspots_.geometry[0].hausdorff_distance(expected) < 1.0  # arcs' vertices
    concave = DBSCANHotspots(eps=100, min_samples=5).fit(pts).hotspots_
    assert (concave.area_km2 < est.hotspots_.area_km2).all()


def test_points_without_attribute_columns():
    pts = two_hotspots()[["geometry"]]
    h = DBSCANHotspots(eps=100, min_samples=5).fit(pts).hotspots_
    assert h["categories"].tolist() == ["{}", "{}"]
    assert h["first"].tolist() == [None, None] and h["profile"].tolist() == [None, None]
    assert len(DBSCANHotspots(eps=100, min_samples=5).fit(pts.geometry).hotspots_) == 2


def test_weighted_fit():
    pts = two_hotspots()
    w = np.ones(len(pts))
    w[:30] = 0.1  # the first hotspot no longer has the weight to be dense
    est = DBSCANHotspots(eps=100, min_samples=5).fit(pts, sample_weight=w)
    assert est.n_clusters_ == 1 and (est.labels_[:30] == -1).all()


def test_identical_points_make_a_disc():
    pts = frame([[400_000.0, 6_190_000.0]] * 12)
    est = DBSCANHotspots(eps=100, min_samples=10).fit(pts)
    (area,) = est.hotspots_["area_km2"]
    assert est.labels_.tolist() == [0] * 12
    assert area == pytest.approx(np.pi * 50**2 / 1e6, rel=0.01)


def test_a_single_point_with_min_samples_one():
    est = DBSCANHotspots(eps=100, min_samples=1).fit(frame([[400_000.0, 6_190_000.0]]))
    assert est.labels_.tolist() == [0] and len(est.hotspots_) == 1
    assert est.hotspots_["area_km2"][0] > 0


def test_collinear_points_make_a_band():
    pts = frame([[400_000.0 + 10 * i, 6_190_000.0] for i in range(10)])
    h = DBSCANHotspots(eps=30, min_samples=3).fit(pts).hotspots_
    assert h.geometry[0].geom_type == "Polygon" and h["area_km2"][0] > 0


@pytest.mark.parametrize("n", [0, 5])
def test_no_cluster_gives_an_empty_frame_with_the_columns(n):
    pts = frame(np.arange(2 * n, dtype=float).reshape(-1, 2) * 1000 + 400_000)
    est = DBSCANHotspots(eps=100, min_samples=3).fit(pts)
    assert est.labels_.shape == (n,) and (est.labels_ == -1).all()
    assert est.core_sample_indices_.shape == (0,) and est.components_.shape == (0, 2)
    assert est.n_clusters_ == 0
    assert len(est.hotspots_) == 0
    assert list(est.hotspots_.columns) == [*HOTSPOT_COLUMNS, "geometry"]
    assert est.hotspots_.crs == pts.crs
    assert json.loads(est.hotspots_.to_json())["features"] == []


def test_eps_is_metres_in_a_crs_in_feet():
    pts = two_hotspots()
    metres = DBSCANHotspots(eps=40, min_samples=4).fit(pts)
    feet = pts.copy()
    us_foot = 1200 / 3937
    feet.geometry = gpd.points_from_xy(pts.geometry.x / us_foot, pts.geometry.y / us_foot)
    feet = feet.set_crs(3435, allow_override=True)  # NAD83 / Illinois East (ftUS)
    in_feet = DBSCANHotspots(eps=40, min_samples=4).fit(feet)
    np.testing.assert_array_equal(in_feet.labels_, metres.labels_)
    np.testing.assert_allclose(in_feet.hotspots_["area_km2"], metres.hotspots_["area_km2"])


def test_function_returns_the_polygons():
    h = dbscan_hotspots(two_hotspots(), eps=100, min_samples=5, hull="buffer")
    assert isinstance(h, gpd.GeoDataFrame) and len(h) == 2


def test_params_are_stored_unchanged():
    est = DBSCANHotspots(eps="x", min_samples=0, hull="nope")
    assert (est.eps, est.min_samples, est.hull) == ("x", 0, "nope")
    with pytest.raises(TypeError):
        DBSCANHotspots(100)  # keyword-only


@pytest.mark.parametrize("params", [{"eps": 0}, {"eps": MAX_EPS_M + 1}, {"eps": float("nan")},
                                    {"min_samples": 0}, {"hull": "round"},
                                    {"concave_ratio": 1.5}, {"tz": "Mars/Olympus"}])
def test_bad_params_raise(params):
    with pytest.raises(InputError):
        DBSCANHotspots(**params).fit(two_hotspots())


def test_points_without_crs_raise():
    pts = two_hotspots().set_crs(None, allow_override=True)
    with pytest.raises(InputError):
        DBSCANHotspots().fit(pts)
    with pytest.raises(InputError):
        DBSCANHotspots().fit(pts.set_crs(4326))  # degrees, not metres


def test_errors_are_in_swedish_by_default():
    with pytest.raises(InputError, match="positivt antal meter"):
        DBSCANHotspots(eps=-5).fit(two_hotspots())


def test_bad_weights_for_the_estimator_raise():
    pts = two_hotspots()
    with pytest.raises(InputError):
        DBSCANHotspots().fit(pts, sample_weight=np.ones(3))
