"""Gi* hot spots: esda's z-scores on the same weights, permutations, classes and cells."""

from __future__ import annotations

import time
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from hotspots.detect.gistar import (
    GiStarHotspots,
    default_distance_band,
    distance_band_weights,
    gistar_hotspots,
    tessellate,
)
from hotspots.detect.inference import two_sided
from hotspots.errors import InputError

esda = pytest.importorskip("esda")
libpysal = pytest.importorskip("libpysal")

X0, Y0 = 400_000.0, 6_190_000.0  # SWEREF 99 TM, around Höör


def _points(xy, crs=3006) -> gpd.GeoDataFrame:
    xy = np.asarray(xy, dtype=float)
    return gpd.GeoDataFrame(geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs=crs)


def _hotspot_points(seed=0, n_background=400, n_hot=60, size=2000.0):
    rng = np.random.default_rng(seed)
    bg = rng.uniform(0, size, (n_background, 2))
    hot = rng.normal(size / 2, 40, (n_hot, 2))
    return _points(np.vstack([bg, hot]) + [X0, Y0])


def _esda_z(fitted: GiStarHotspots) -> np.ndarray:
    w = libpysal.weights.WSP(fitted.weights_).to_W(silence_warnings=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = esda.G_Local(fitted.counts_.astype(float), w, star=True, transform="B",
                         permutations=0)
    return g.Zs


# ---------------------------------------------------------------------- agreement with esda
@pytest.mark.parametrize("shape", ["square", "hexagon"])
@pytest.mark.parametrize("band", [None, 100.0, 350.0])
def test_z_equals_esda_on_the_same_weights(shape, band):
    fitted = GiStarHotspots(cell_size=100, shape=shape, distance_band=band,
                            permutations=0).fit(_hotspot_points())
    np.testing.assert_allclose(fitted.Zs_, _esda_z(fitted), rtol=1e-8, atol=1e-12)


def test_clear_hotspot_has_the_smallest_p_sim_and_class_3():
    fitted = GiStarHotspots(cell_size=100, permutations=999, seed=1).fit(_hotspot_points())
    centre = fitted.grid_.locate(np.array([X0 + 1000.0]), np.array([Y0 + 1000.0]))[0]
    assert fitted.p_sim_[centre] == pytest.approx(1 / 1000)
    assert fitted.classes_[centre] == 3
    assert centre in fitted.hotspots_["cell"].tolist()
    assert len(fitted.dissolved_) == 1
    assert fitted.dissolved_["class"].iloc[0] == 3
    assert fitted.dissolved_.geometry.iloc[0].contains(
        shapely.Point(X0 + 1000.0, Y0 + 1000.0))
    row = fitted.cells_.loc[fitted.cells_["cell"] == centre].iloc[0]
    assert (row["label_sv"], row["label_en"]) == ("Het punkt 99 %", "Hot spot 99 %")
    assert row["p_sim"] == pytest.approx(2 / 1000)


def test_random_points_give_about_five_percent_and_no_classes():
    rng = np.random.default_rng(5)
    area = shapely.box(X0, Y0, X0 + 6000, Y0 + 6000)
    pts = _points(rng.uniform(0, 6000, (9000, 2)) + [X0, Y0])
    fitted = GiStarHotspots(cell_size=100, permutations=999, seed=2, study_area=area).fit(pts)
    assert len(fitted.counts_) == 3600
    share = (two_sided(fitted.p_sim_) <= 0.05).mean()
    assert 0.02 <= share <= 0.065  # counts are discrete: the test is a little conservative
    assert (fitted.classes_ != 0).mean() < 0.002  # FDR keeps random data (nearly) clean


def test_same_seed_same_result():
    pts = _hotspot_points(seed=3)
    a = GiStarHotspots(cell_size=100, seed=7).fit(pts)
    b = gistar_hotspots(pts, cell_size=100, seed=7)
    np.testing.assert_array_equal(a.p_sim_, b.p_sim_)
    np.testing.assert_array_equal(a.classes_, b.classes_)


def test_without_permutations_the_classes_are_arcgis_gi_bin_by_z():
    fitted = GiStarHotspots(cell_size=100, permutations=0, fdr=False).fit(_hotspot_points())
    z = fitted.Zs_
    expected = np.sign(z) * np.select(
        [np.abs(z) > 2.5758, np.abs(z) > 1.96, np.abs(z) > 1.6449], [3, 2, 1], 0)
    np.testing.assert_array_equal(fitted.classes_, expected)
    assert fitted.p_sim_ is None
    assert fitted.cells_["p_sim"].isna().all()


def test_fdr_is_stricter_than_none():
    pts = _hotspot_points(seed=4, n_hot=25)
    plain = GiStarHotspots(cell_size=100, permutations=0, fdr=False).fit(pts)
    corrected = GiStarHotspots(cell_size=100, permutations=0, fdr=True).fit(pts)
    assert (corrected.classes_ != 0).sum() < (plain.classes_ != 0).sum()
    assert np.all(np.abs(corrected.classes_) <= np.abs(plain.classes_))


# ------------------------------------------------------------------------------ the cells
def test_square_cells_are_aligned_and_hold_their_points():
    pts = _hotspot_points()
    fitted = GiStarHotspots(cell_size=100, permutations=0).fit(pts)
    cells = fitted.cells_
    assert fitted.counts_.sum() == len(pts) and fitted.n_outside_ == 0
    xmin, ymin, _, _ = cells.total_bounds
    assert xmin % 100 == 0 and ymin % 100 == 0
    where = fitted.grid_.locate(pts.geometry.x.to_numpy(), pts.geometry.y.to_numpy())
    assert shapely.intersects(cells.geometry.values[where], pts.geometry.values).all()


def test_hexagons_tile_and_hold_their_points():
    rng = np.random.default_rng(6)
    area = shapely.box(X0, Y0, X0 + 1500, Y0 + 1200)
    cells = tessellate(area, 100.0, "hexagon")
    polys = cells.polygons
    np.testing.assert_allclose(shapely.area(polys), np.sqrt(3) / 2 * 100**2)
    assert cells.cell_area_m2 == pytest.approx(np.sqrt(3) / 2 * 100**2)
    # no overlaps: the union is as large as the sum
    assert shapely.union_all(polys).area == pytest.approx(shapely.area(polys).sum(), rel=1e-9)
    x = rng.uniform(X0 + 100, X0 + 1400, 3000)
    y = rng.uniform(Y0 + 100, Y0 + 1100, 3000)
    where = cells.locate(x, y)
    assert (where >= 0).all()
    assert shapely.intersects(polys[where], shapely.points(x, y)).all()
    # pointy-top: a vertex straight above the centre, side = size / sqrt(3)
    top = np.asarray(polys[0].exterior.coords)[1]
    np.testing.assert_allclose(top, [cells.x[0], cells.y[0] + 100 / np.sqrt(3)])


@pytest.mark.parametrize(("shape", "band", "expected"),
                         [("square", 100, 5), ("square", 200, 13), ("hexagon", 100, 7),
                          ("hexagon", 200, 19)])
def test_neighbourhoods_include_the_cell_itself(shape, band, expected):
    cells = tessellate(shapely.box(0, 0, 3000, 3000), 100.0, shape)
    w = distance_band_weights(cells.x, cells.y, band)
    assert (w.diagonal() == 1).all()
    assert np.diff(w.indptr).max() == expected
    assert (w != w.T).nnz == 0


def test_default_band_is_two_cells_or_enough_to_reach_a_neighbour():
    x = np.array([0.0, 100.0, 200.0])
    assert default_distance_band(x, np.zeros(3), 100.0) == 200.0
    island = np.array([0.0, 100.0, 200.0, 5000.0])
    assert default_distance_band(island, np.zeros(4), 100.0) == pytest.approx(4800.0)


def test_study_area_restricts_the_cells_and_may_come_in_degrees():
    pts = _hotspot_points()
    half = gpd.GeoSeries([shapely.box(X0, Y0, X0 + 1000, Y0 + 2000)], crs=3006)
    fitted = GiStarHotspots(cell_size=100, permutations=0, study_area=half).fit(pts)
    assert len(fitted.counts_) == 10 * 20
    assert fitted.n_outside_ > 0
    in_degrees = GiStarHotspots(cell_size=100, permutations=0,
                                study_area=half.to_crs(4326)).fit(pts)
    assert abs(len(in_degrees.counts_) - 200) <= 2


def test_no_variation_gives_no_hotspots():
    area = shapely.box(X0, Y0, X0 + 500, Y0 + 500)
    xs, ys = np.meshgrid(np.arange(5) * 100 + 50.0, np.arange(5) * 100 + 50.0)
    pts = _points(np.column_stack([xs.ravel() + X0, ys.ravel() + Y0]))
    fitted = GiStarHotspots(cell_size=100, study_area=area, seed=0).fit(pts)
    assert (fitted.Zs_ == 0).all() and (fitted.classes_ == 0).all()
    assert len(fitted.hotspots_) == 0 and len(fitted.dissolved_) == 0
    assert set(fitted.cells_["label_sv"]) == {"Inte signifikant"}


# ------------------------------------------------------------------------------ bad input
def test_points_without_crs_or_in_degrees_raise():
    pts = _hotspot_points()
    with pytest.raises(InputError, match="CRS"):
        GiStarHotspots().fit(pts.set_crs(None, allow_override=True))
    with pytest.raises(InputError):
        GiStarHotspots().fit(pts.to_crs(4326))


def test_no_points_raise():
    with pytest.raises(InputError):
        GiStarHotspots().fit(_points(np.empty((0, 2))))
    outside = shapely.box(0, 0, 1000, 1000)
    with pytest.raises(InputError):
        GiStarHotspots(study_area=outside).fit(_hotspot_points())


@pytest.mark.parametrize("params", [
    {"cell_size": 0}, {"cell_size": -5}, {"cell_size": float("nan")}, {"cell_size": "100"},
    {"shape": "triangle"}, {"distance_band": 0}, {"permutations": -1},
    {"permutations": 9.5}, {"alpha": 0}, {"alpha": 1.5}, {"seed": "x"},
    {"study_area": shapely.Point(0, 0)}, {"study_area": "Höör"},
])
def test_bad_parameters_raise(params):
    with pytest.raises(InputError):
        GiStarHotspots(**params).fit(_hotspot_points())


def test_estimator_contract():
    est = GiStarHotspots(cell_size=50.0, permutations=9)
    assert vars(est) == {"cell_size": 50.0, "shape": "square", "distance_band": None,
                         "permutations": 9, "seed": None, "fdr": True, "alpha": 0.05,
                         "study_area": None}
    with pytest.raises(TypeError):
        GiStarHotspots(50.0)  # keyword-only
    assert est.fit(_hotspot_points()) is est


# ------------------------------------------------------------------------------ speed
def test_a_county_runs_in_seconds():
    """100,000 clustered points, 100 m cells over 20 x 20 km (40,000 cells), 999 permutations."""
    rng = np.random.default_rng(9)
    spots = rng.uniform(2000, 18000, (300, 2))
    which = rng.integers(0, 300, 70_000)
    xy = np.vstack([spots[which] + rng.normal(0, 150, (70_000, 2)),
                    rng.uniform(0, 20000, (30_000, 2))])
    pts = _points(np.clip(xy, 0, 19999) + [X0, Y0])
    area = shapely.box(X0, Y0, X0 + 20000, Y0 + 20000)
    start = time.perf_counter()
    fitted = GiStarHotspots(cell_size=100, permutations=999, seed=0, study_area=area).fit(pts)
    elapsed = time.perf_counter() - start
    assert len(fitted.counts_) == 40_000
    assert elapsed < 20, f"{elapsed:.1f} s"  # about 1 s on a laptop


# ------------------------------------------------------------------------------ real data
@pytest.mark.shared_data
def test_essex_z_equals_esda(shared_data):
    df = pd.read_csv(shared_data / "police_uk_essex" / "2018-01-essex-street.csv.gz",
                     usecols=["longitude", "latitude"]).dropna()
    pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(df["longitude"], df["latitude"]),
                           crs=4326).to_crs(27700)
    # the file has a few points far outside Essex: analyse the county itself
    essex = shapely.box(535_000, 170_000, 630_000, 250_000)
    fitted = GiStarHotspots(cell_size=500, permutations=199, seed=0, study_area=essex).fit(pts)
    assert len(fitted.counts_) == 190 * 160
    assert fitted.counts_.sum() > 0.95 * len(pts)
    np.testing.assert_allclose(fitted.Zs_, _esda_z(fitted), rtol=1e-8, atol=1e-12)
    assert (fitted.classes_ == 3).sum() > 10  # Southend, Chelmsford, Colchester, Basildon...
