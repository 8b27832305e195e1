"""Reading any CSV of incidents and a study-area file for evaluation."""

from __future__ import annotations

import gzip

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from hotspots.errors import InputError
from hotspots.evaluate.csvsource import parse_crs, read_incidents, read_study_area

CHICAGO_HEADER = (
    "ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,"
    "Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Year,"
    "Updated On,Latitude,Longitude,Location"
)
CHICAGO_ROWS = [
    "HZ242280,04/27/2016 01:44:00 PM,073XX S COTTAGE GROVE AVE,BATTERY,41.761772852,"
    "-87.605478606",
    "HZ251168,05/04/2016 02:12:00 PM,065XX S DREXEL AVE,OTHER OFFENSE,41.776257774,"
    "-87.603401116",
    "HZ470557,10/11/2016 08:30:00 PM,074XX S BENNETT AVE,BATTERY,41.759668763,"
    "-87.579219169",
]


def _write(path, lines, *, gz=False):
    text = "\n".join(lines) + "\n"
    if gz:
        with gzip.open(path, "wt", encoding="utf-8") as f:
            f.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_a_header_wider_than_the_rows_is_refused_by_name(tmp_path):
    path = _write(tmp_path / "c.csv", [CHICAGO_HEADER, *CHICAGO_ROWS])
    with pytest.raises(InputError, match="22") as exc:
        read_incidents(path, time_column="Date", lat_column="Latitude",
                       lon_column="Longitude")
    assert "6" in str(exc.value) and "--time-column 2" in str(exc.value)
    with pytest.raises(InputError):  # nor guessed from the header
        read_incidents(path)


def test_a_header_wider_than_the_rows_is_skipped_by_position(tmp_path):
    path = _write(tmp_path / "c.csv", [CHICAGO_HEADER, *CHICAGO_ROWS])
    points, notes = read_incidents(path, time_column="2", lat_column="5", lon_column="6",
                                   crs="EPSG:2790", timezone="America/Chicago")
    assert len(points) == 3 and str(points.crs) == "EPSG:2790"
    assert points["line"].tolist() == [2, 3, 4]
    # 01:44 PM Chicago summer time is 18:44 UTC; AM/PM means month first
    assert points["occurred_from"].iloc[0] == pd.Timestamp("2016-04-27 18:44", tz="UTC")
    assert points["occurred_to"].isna().all()
    assert any("22" in n for n in notes)


def test_no_header_and_gzip(tmp_path):
    path = _write(tmp_path / "c.csv.gz", CHICAGO_ROWS, gz=True)
    points, _ = read_incidents(path, time_column="2", lat_column="5", lon_column="6",
                               header=False, timezone="America/Chicago")
    assert len(points) == 3
    assert points.crs.to_epsg() == 32616  # the UTM zone of Chicago
    with pytest.raises(InputError):
        read_incidents(path, header=False)


def test_months_are_windows_and_rows_without_coordinates_are_counted(tmp_path):
    path = _write(tmp_path / "e.csv", [
        "crime_id,month,longitude,latitude,crime_type",
        "a,2018-01,0.738080,52.042187,Burglary",
        "b,2018-01,,,Burglary",
        "c,2018-02,0.151096,51.535970,Vehicle crime",
    ])
    points, notes = read_incidents(path, crs="EPSG:27700", timezone="Europe/London")
    assert len(points) == 2
    assert points["occurred_from"].tolist() == [pd.Timestamp("2018-01-01", tz="UTC"),
                                                pd.Timestamp("2018-02-01", tz="UTC")]
    assert points["occurred_to"].iloc[0] == pd.Timestamp("2018-02-01", tz="UTC")
    assert points.crs.to_epsg() == 27700
    assert any("1" in n for n in notes)


def test_xy_columns_need_a_projected_crs(tmp_path):
    path = _write(tmp_path / "s.csv", ["datum;x;y", "2026-03-01 22:00;400100;6200100"])
    with pytest.raises(InputError):
        read_incidents(path)  # a CRS is never guessed
    with pytest.raises(InputError):
        read_incidents(path, crs="EPSG:4326")
    points, _ = read_incidents(path, crs="3006")
    assert points.geometry.x.iloc[0] == 400100.0


def test_metres_given_as_lon_lat_are_refused(tmp_path):
    path = _write(tmp_path / "s.csv", ["date,lat,lon", "2026-03-01,6200100,400100"])
    with pytest.raises(InputError, match="crs"):
        read_incidents(path)


def test_unknown_columns_and_crs(tmp_path):
    path = _write(tmp_path / "s.csv", ["date,lat,lon", "2026-03-01,55.9,13.5"])
    with pytest.raises(InputError, match="when"):
        read_incidents(path, time_column="when", lat_column="lat", lon_column="lon")
    with pytest.raises(InputError):
        read_incidents(path, time_column="9", lat_column="2", lon_column="3")
    with pytest.raises(InputError):
        parse_crs("EPSG:999999")


@pytest.mark.filterwarnings("ignore:.crs. was not provided")
def test_a_study_area_without_crs_needs_one(tmp_path):
    path = tmp_path / "area.shp"
    gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 1000, 1000)]).to_file(path)
    with pytest.raises(InputError, match="--study-area-crs"):
        read_study_area(path)
    area = read_study_area(path, crs="EPSG:2790")
    assert area.crs.to_epsg() == 2790
    stated = tmp_path / "stated.gpkg"
    gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 1000, 1000)], crs=3006).to_file(stated)
    assert read_study_area(stated).crs.to_epsg() == 3006
    with pytest.raises(InputError):
        read_study_area(stated, crs="EPSG:2790")
    with pytest.raises(InputError):
        read_study_area(tmp_path / "missing.shp")
