import numpy as np
import pytest
from pyproj import Transformer

from hotspots.errors import InputError
from hotspots.geocode.boundaries import load_boundaries
from hotspots.geocode.coordinates import CoordinateReader, crs_label, resolve_coordinates
from hotspots.paths import DEFAULT_DATA_DIR
from hotspots.settings import get_settings

# Höör station
LON, LAT = 13.5434, 55.9366
# Round trips through pyproj: agreement to 1e-6 degrees (about 0.1 m); RT 90 goes
# through a datum shift, so 1e-5 (about 1 m).
TOL = {4326: 1e-9, 3006: 1e-6, 3008: 1e-6, 3010: 1e-6, 3021: 1e-5}


def project(epsg, lon=LON, lat=LAT):
    x, y = Transformer.from_crs(4326, epsg, always_xy=True).transform(lon, lat)
    return float(x), float(y)


@pytest.fixture(scope="module")
def hoor():
    return load_boundaries(DEFAULT_DATA_DIR).polygon("Höör")


@pytest.mark.parametrize("epsg", [3006, 3008, 3021])
def test_round_trip_xy(epsg):
    east, north = project(epsg)
    res = resolve_coordinates([east], [north], roles="xy")
    assert res.epsg == epsg
    assert res.status.tolist() == ["ok"]
    np.testing.assert_allclose([res.lon[0], res.lat[0]], [LON, LAT], atol=TOL[epsg])
    assert res.warnings[0] == (
        f"koordinaterna lästa som {crs_label(epsg)} utifrån värdena; "
        "ange --crs för att välja själv"
    )


def test_messages_in_english(monkeypatch):
    monkeypatch.setenv("HOTSPOTS_LANGUAGE", "en")
    get_settings.cache_clear()
    east, north = project(3006)
    res = resolve_coordinates([east, 5e7], [north, 5e7], roles="xy")
    assert res.warnings == [
        "coordinates read as SWEREF 99 TM (EPSG:3006) from their range; pass --crs to override",
        "1 row with unusable coordinates (see their reasons)",
    ]
    assert res.reason[1] == "x/y (50000000, 50000000) fit no supported CRS"
    swapped = resolve_coordinates([LON, LON], [LAT, LAT])
    assert swapped.reason.tolist() == ["lat/lon swapped: corrected"] * 2
    assert swapped.warnings == ["lat/lon swapped in 2 rows: corrected"]


@pytest.mark.parametrize("epsg", [3006, 3008, 3021])
def test_swedish_x_is_northing(epsg):
    east, north = project(epsg)
    # Swedish surveying: X is the northing. The 6-7 M values tell which array is which.
    res = resolve_coordinates([north, north], [east, east], roles="xy")
    assert res.epsg == epsg
    np.testing.assert_allclose(res.lon, [LON, LON], atol=TOL[epsg])
    np.testing.assert_allclose(res.lat, [LAT, LAT], atol=TOL[epsg])
    assert any("X = norr" in w and "2 rader" in w for w in res.warnings)


def test_wgs84_latlon_is_silent():
    res = resolve_coordinates([LAT, LAT + 0.01], [LON, LON + 0.01])
    assert res.epsg == 4326
    assert res.status.tolist() == ["ok", "ok"]
    np.testing.assert_allclose(res.lon, [LON, LON + 0.01])
    assert res.warnings == []
    assert res.reason.tolist() == [None, None]


def test_degrees_in_xy_columns_are_reported():
    res = resolve_coordinates([LON], [LAT], roles="xy")
    assert res.epsg == 4326
    np.testing.assert_allclose([res.lon[0], res.lat[0]], [LON, LAT])
    assert "WGS 84 (EPSG:4326)" in res.warnings[0]


KALMAR = (16.3616, 56.6634)  # in SWEREF 99 16 30 (EPSG:3010)


def test_explicit_local_zone():
    east, north = project(3010, *KALMAR)
    res = resolve_coordinates([east], [north], roles="xy", crs=3010, local_crs=3008)
    assert res.epsg == 3010
    np.testing.assert_allclose([res.lon[0], res.lat[0]], KALMAR, atol=TOL[3010])
    assert res.warnings == []  # the user said so: nothing guessed


def test_configured_local_zone_is_used():
    east, north = project(3010, *KALMAR)
    res = resolve_coordinates([east], [north], roles="xy", local_crs=3010)
    assert res.epsg == 3010
    np.testing.assert_allclose([res.lon[0], res.lat[0]], KALMAR, atol=TOL[3010])


def test_lat_lon_swapped_rows_are_corrected_and_counted():
    lat = np.array([LAT, LON, LAT, LON])
    lon = np.array([LON, LAT, LON, LAT])
    res = resolve_coordinates(lat, lon)
    np.testing.assert_allclose(res.lat, [LAT] * 4)
    np.testing.assert_allclose(res.lon, [LON] * 4)
    fixed = "latitud och longitud var omkastade: rättade"
    assert res.reason.tolist() == [None, fixed, None, fixed]
    assert "latitud och longitud var omkastade på 2 rader: rättade" in res.warnings


def test_latitude_beyond_90_is_a_swap_outside_sweden():
    # Essex (police.uk): lon 0.5 lat 51.7; a row with lat 140 / lon 35 swapped is Japan.
    res = resolve_coordinates([51.7, 140.0], [0.5, 35.0])
    assert res.status.tolist() == ["ok", "ok"]
    np.testing.assert_allclose(res.lat, [51.7, 35.0])
    assert "latitud och longitud var omkastade på 1 rad: rättade" in res.warnings


def test_sweref_metres_given_as_degrees():
    east, north = project(3006)
    res = resolve_coordinates([north], [east])  # "lat" = 6 199 981 m
    assert res.epsg == 3006
    np.testing.assert_allclose([res.lon[0], res.lat[0]], [LON, LAT], atol=1e-6)
    assert "SWEREF-meter angivna som grader" in res.warnings[0]
    assert "SWEREF 99 TM (EPSG:3006)" in res.warnings[0]


def test_missing_and_invalid_rows():
    a = np.array([np.nan, 0.0, np.nan, np.inf, 123.4, LAT, 95.0, 2.0e7, LAT, LAT])
    b = np.array([np.nan, 0.0, LON, LON, 200.0, 500.0, 13.0, 3.0e7, LON, LON])
    res = resolve_coordinates(a, b)
    assert res.status.tolist() == [
        "missing",
        "missing",
        "invalid",
        "invalid",
        "invalid",
        "invalid",
        "invalid",
        "invalid",
        "ok",
        "ok",
    ]
    assert np.isnan(res.lon[:8]).all() and np.isnan(res.lat[:8]).all()
    r = res.reason.tolist()
    assert r[0] is None
    assert "platshållare" in r[1]
    assert r[2] == "latitud saknas"
    assert "inte ett ändligt tal" in r[3]
    assert r[4] == "latitud 123.4 utanför intervallet -90..90"
    assert r[5] == "longitud 500 utanför intervallet -180..180"
    # in a Swedish file, 95, 13 swapped (lat 13, lon 95) is no correction but a wrong value
    assert r[6] == "latitud 95 utanför intervallet -90..90"
    assert r[7] == "lat/lon (20000000, 30000000) passar inget koordinatsystem som stöds"


def test_values_fitting_nothing_keep_the_crs_undecided():
    reader = CoordinateReader(roles="xy")
    res = reader.resolve([5e7], [5e7])
    assert res.status.tolist() == ["invalid"]
    assert res.reason[0] == "x/y (50000000, 50000000) passar inget koordinatsystem som stöds"
    assert reader.epsg_ is None
    east, north = project(3006)
    assert reader.resolve([east], [north]).epsg == 3006


def test_crs_decided_once_per_file():
    reader = CoordinateReader(roles="xy")
    east, north = project(3006)
    first = reader.resolve(np.full(10, east), np.full(10, north))
    assert first.epsg == 3006 and (first.status == "ok").all()
    # a later chunk of degrees does not switch the file to WGS 84: its rows are invalid
    second = reader.resolve([LON, east], [LAT, north])
    assert second.epsg == 3006
    assert second.status.tolist() == ["invalid", "ok"]
    assert "ser ut som WGS 84 (EPSG:4326)" in second.reason[0]
    assert "SWEREF 99 TM (EPSG:3006)" in second.reason[0]
    # the CRS note appears once, in the file summary and the first chunk only
    assert sum("lästa som" in w for w in reader.warnings) == 1
    assert not any("lästa som" in w for w in second.warnings)
    assert "1 rad med oanvändbara koordinater (se radens orsak)" in reader.warnings


def test_empty_first_chunk_decides_nothing():
    reader = CoordinateReader(roles="xy")
    res = reader.resolve([np.nan, np.nan], [np.nan, np.nan])
    assert res.status.tolist() == ["missing", "missing"] and res.epsg is None
    east, north = project(3008)
    assert reader.resolve([east], [north]).epsg == 3008


def test_majority_decides_and_mix_is_reported():
    east, north = project(3006)
    e21, n21 = project(3021)
    res = resolve_coordinates([east, east, e21], [north, north, n21], roles="xy")
    assert res.epsg == 3006
    assert res.status.tolist() == ["ok", "ok", "invalid"]
    assert "ser ut som RT 90 2.5 gon V (EPSG:3021)" in res.reason[2]
    tie = resolve_coordinates([east, e21], [north, n21], roles="xy")
    assert any("blandar flera system" in w for w in tie.warnings)


def test_outside_kommun_is_flagged_not_rejected(hoor):
    lat = np.array([LAT, 55.6050, np.nan])  # Höör station, Malmö, missing
    lon = np.array([LON, 13.0038, np.nan])
    res = resolve_coordinates(lat, lon, area=hoor, area_name="Höör")
    assert res.status.tolist() == ["ok", "ok", "missing"]
    assert res.outside.tolist() == [False, True, False]
    assert "1 punkt ligger utanför Höör: markerad" in res.warnings


def test_tm_local_overlap_settled_by_the_area(hoor):
    # East of the zone's meridian, a local-zone easting can look like a TM easting: an
    # easting of 265 km reads as TM (west coast) or as SWEREF 99 13 30 (lon ~15.2).
    lon, lat = 15.25, 56.2
    east, north = project(3008, lon, lat)
    assert 250_000 < east < 300_000
    plain = resolve_coordinates([east], [north], roles="xy")
    assert plain.epsg == 3006 and "passar både" in plain.warnings[0]
    from shapely.geometry import box

    area = box(15.0, 56.0, 15.5, 56.4)
    settled = resolve_coordinates([east], [north], roles="xy", area=area)
    assert settled.epsg == 3008
    np.testing.assert_allclose([settled.lon[0], settled.lat[0]], [lon, lat], atol=1e-6)


def test_explicit_crs_rejects_rows_out_of_its_range():
    east, north = project(3006)
    res = resolve_coordinates([east, 5.0, 2e6], [north, 5.0, 3e6], roles="xy", crs=3006)
    assert res.status.tolist() == ["ok", "invalid", "invalid"]
    assert res.reason[2] == (
        "x/y (2000000, 3000000) ligger utanför giltigt område för SWEREF 99 TM (EPSG:3006)"
    )


def test_explicit_foreign_crs():
    # British National Grid: not detected, but accepted when given
    x, y = Transformer.from_crs(4326, 27700, always_xy=True).transform(0.5, 51.7)
    res = resolve_coordinates([x], [y], roles="xy", crs=27700)
    np.testing.assert_allclose([res.lon[0], res.lat[0]], [0.5, 51.7], atol=1e-6)


def test_bad_arguments():
    with pytest.raises(InputError):
        CoordinateReader(roles="yx")
    with pytest.raises(InputError):
        CoordinateReader(local_crs=3006)
    with pytest.raises(InputError):
        CoordinateReader(crs=999999)
    with pytest.raises(InputError):
        resolve_coordinates([1.0, 2.0], [1.0])


def test_file_summary_adds_up_chunks():
    reader = CoordinateReader()
    for _ in range(3):
        reader.resolve([LON, LAT], [LAT, LON])
    assert "latitud och longitud var omkastade på 3 rader: rättade" in reader.warnings
    assert reader.counts_["swapped"] == 3
