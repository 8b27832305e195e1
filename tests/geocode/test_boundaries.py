import numpy as np
import pytest
from shapely.geometry import box

from hotspots.errors import GeocodeError
from hotspots.geocode.boundaries import SWEDEN_BBOX, Boundaries, load_boundaries
from hotspots.paths import DEFAULT_DATA_DIR
from hotspots.settings import get_settings

HOOR_STATION = (13.5434, 55.9366)


@pytest.fixture(scope="module")
def boundaries() -> Boundaries:
    return load_boundaries(DEFAULT_DATA_DIR)


def test_all_kommuner_loaded(boundaries):
    assert len(boundaries) == 290
    assert len(set(boundaries.codes)) == 290
    assert load_boundaries(DEFAULT_DATA_DIR) is boundaries  # cached


@pytest.mark.parametrize(
    "given", ["Höör", "höör", "HÖÖR", "hoor", "Hoor", "1267", 1267, "Höörs kommun", " Höör "]
)
def test_lookup_by_name_or_code(boundaries, given):
    assert boundaries.name(given) == "Höör"
    assert boundaries.code(given) == "1267"


def test_lookup_variants(boundaries):
    assert boundaries.name("114") == "Upplands Väsby"  # leading zero lost in a spreadsheet
    assert boundaries.name("upplands vasby") == "Upplands Väsby"
    assert boundaries.name("Falu kommun") == "Falun"
    assert boundaries.name("Stockholms") == "Stockholm"
    assert "Eslöv" in boundaries and "Atlantis" not in boundaries


def test_unknown_kommun_suggests_close_names(boundaries):
    with pytest.raises(GeocodeError, match=r"okänd kommun 'Hör'; menar du .*Höör"):
        boundaries.polygon("Hör")
    with pytest.raises(GeocodeError, match="okänd kommun '9999'"):
        boundaries.name("9999")


def test_unknown_kommun_in_english(boundaries, monkeypatch):
    monkeypatch.setenv("HOTSPOTS_LANGUAGE", "en")
    get_settings.cache_clear()
    with pytest.raises(GeocodeError, match=r"unknown kommun 'Hör'; did you mean .*Höör"):
        boundaries.polygon("Hör")


def test_polygon_centroid_contains(boundaries):
    poly = boundaries.polygon("Höör")
    assert poly.contains(poly.centroid) or poly.contains(poly.point_on_surface())
    lon, lat = boundaries.centroid("Höör")
    # polisen.se puts every Höör event at 55.934859, 13.53959: the centroid is near there
    assert abs(lon - 13.54) < 0.1 and abs(lat - 55.935) < 0.1
    inside = boundaries.contains(
        "Höör", [HOOR_STATION[0], 13.0, np.nan], [HOOR_STATION[1], 55.6, np.nan]
    )
    assert inside.tolist() == [True, False, False]


def test_buffer_grows_the_polygon(boundaries):
    poly = boundaries.polygon("Höör")
    grown = boundaries.polygon("Höör", buffer_m=1000)
    assert grown.area > poly.area
    assert grown.contains(poly)
    assert boundaries.polygon("Höör", buffer_m=1000) is grown  # cached


def test_locate_vectorised(boundaries):
    lon = np.array([HOOR_STATION[0], 13.3036, 13.7668, 13.1, 11.0, np.nan])
    lat = np.array([HOOR_STATION[1], 55.8375, 56.1589, 55.913, 57.0, np.nan])
    names = boundaries.locate(lon, lat)
    assert names.dtype == object
    assert names.tolist() == ["Höör", "Eslöv", "Hässleholm", "Svalöv", None, None]


def test_in_sweden(boundaries):
    lon = np.array([13.54, 0.5, 11.0, np.nan])
    lat = np.array([55.94, 51.7, 57.0, 55.0])
    assert boundaries.in_sweden(lon, lat).tolist() == [True, False, True, False]
    # the sea west of Sweden is in the box but in no kommun
    assert boundaries.in_sweden(lon, lat, exact=True).tolist() == [True, False, False, False]
    x0, y0, x1, y1 = SWEDEN_BBOX
    assert x0 < 11 and x1 > 24 and y0 < 55.34 and y1 > 69.05


def test_shared_border_point_gets_one_kommun():
    b = Boundaries(["A", "B"], ["0001", "0002"], [box(0, 0, 1, 1), box(1, 0, 2, 1)])
    assert b.locate([1.0, 0.5, 1.5], [0.5, 0.5, 0.5]).tolist() == ["A", "A", "B"]


def test_mismatched_lengths_raise():
    with pytest.raises(GeocodeError):
        Boundaries(["A"], ["0001", "0002"], [box(0, 0, 1, 1)])


def test_missing_file_raises(tmp_path):
    with pytest.raises(GeocodeError, match="kommungränserna finns inte"):
        Boundaries.from_geojson(tmp_path / "nope.geojson")
