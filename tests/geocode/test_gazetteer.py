import json
import math

import pytest

from hotspots.domain import Precision
from hotspots.errors import InputError
from hotspots.geocode.base import GeocodeResult
from hotspots.geocode.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    GazetteerGeocoder,
    locality_entries,
    read_gazetteer_file,
)
from hotspots.geocode.localities import Locality
from hotspots.settings import get_settings

E = GazetteerEntry


def addr(street, number, letter=None, locality="Höör", lon=13.54, lat=55.93, postcode="24330"):
    name = f"{street} {number}{letter or ''}"
    return E(
        "address", name, street, number, letter, postcode, locality, locality, lon, lat, "test"
    )


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(
        [
            addr("Storgatan", 12, "B", lon=13.5400, lat=55.9300),
            addr("Storgatan", 12, "A", lon=13.5401, lat=55.9301),
            addr("Storgatan", 14, lon=13.5410, lat=55.9310),
            addr("Storgatan", 16, lon=13.5420, lat=55.9320),
            addr("Storgatan", 3, locality="Eslöv", lon=13.30, lat=55.84, postcode="24131"),
            addr("Södra Förstadsgatan", 4, lon=13.55, lat=55.94),
            addr("Nygatan", 1, lon=13.551, lat=55.941),
            E(
                "place",
                "Höörs station",
                locality="Höör",
                municipality="Höör",
                lon=13.5434,
                lat=55.9366,
            ),
            E(
                "street",
                "Gamla vägen",
                "Gamla vägen",
                locality="Höör",
                municipality="Höör",
                lon=13.56,
                lat=55.95,
            ),
            *locality_entries(
                [
                    Locality("Höör", "Höör", "Skåne", 13.545383, 55.933291),
                    Locality("Tjörnarp", "Höör", "Skåne", 13.635045, 55.999983),
                    Locality("Eslöv", "Eslöv", "Skåne", 13.303626, 55.837495),
                ]
            ),
            E("address", "no point", "Nowhere", 1),  # no point: not indexed
        ]
    )


def test_abbreviated_address_finds_the_address(gazetteer):
    r = gazetteer.geocode("Storg. 12 b")
    assert r.precision == Precision.ADDRESS
    assert r.score == 100
    assert r.matched == "Storgatan 12B, Höör"
    assert (r.lon, r.lat) == (13.5400, 55.9300)
    assert r.reason is None


@pytest.mark.parametrize(
    "text", ["storgatan 12b höör", "Storgatan 12 B, 243 30 Höör", "STORGATAN 12B"]
)
def test_address_spellings(gazetteer, text):
    r = gazetteer.geocode(text)
    assert (r.precision, r.matched) == (Precision.ADDRESS, "Storgatan 12B, Höör")


def test_folded_letters_score_slightly_lower(gazetteer):
    exact = gazetteer.geocode("Södra Förstadsgatan 4")
    folded = gazetteer.geocode("Sodra Forstadsgatan 4")
    assert exact.precision == folded.precision == Precision.ADDRESS
    assert exact.matched == folded.matched
    assert exact.score == 100 and 90 <= folded.score < 100
    assert gazetteer.geocode("Hoors station").score < gazetteer.geocode("Höörs station").score


def test_typo_in_street_is_fuzzy(gazetteer):
    r = gazetteer.geocode("Storgatn 14")
    assert r.precision == Precision.ADDRESS and r.matched == "Storgatan 14, Höör"
    assert 85 <= r.score < 97


def test_short_names_need_a_closer_match(gazetteer):
    # "Bygatan" is one letter from "Nygatan" but another street
    assert gazetteer.geocode("Bygatan 1").precision == Precision.FAILED


def test_unknown_number_gives_street_precision(gazetteer):
    r = gazetteer.geocode("Storgatan 99, Höör")
    assert r.precision == Precision.STREET
    assert r.reason == "nummer 99 finns inte på Storgatan"
    assert r.matched == "Storgatan, Höör"
    # the point is a Höör address point on the street, near its middle
    assert (r.lon, r.lat) in {(13.5401, 55.9301), (13.5410, 55.9310)}


def test_missing_letter_uses_the_same_number(gazetteer):
    r = gazetteer.geocode("Storgatan 12")
    assert r.precision == Precision.ADDRESS and r.matched == "Storgatan 12A, Höör"
    assert r.reason == "ingen bokstav angiven; använde 12A"
    r = gazetteer.geocode("Storgatan 12 C")
    assert r.precision == Precision.ADDRESS
    assert r.reason == "bokstaven C finns inte på Storgatan 12; använde 12A"


def test_restriction_to_municipality(gazetteer):
    assert gazetteer.geocode("Storgatan 3").matched == "Storgatan 3, Eslöv"
    r = gazetteer.geocode("Storgatan 3", municipality="Höör")
    assert r.precision == Precision.STREET and r.matched == "Storgatan, Höör"
    r = gazetteer.geocode("Storgatan 12B", municipality="Eslöv")
    assert r.precision == Precision.STREET and r.matched == "Storgatan, Eslöv"
    r = gazetteer.geocode("Storgatan 12B", locality="Eslöv")
    assert r.precision == Precision.STREET
    r = gazetteer.geocode("Södra Förstadsgatan 4", municipality="Eslöv")
    assert r.precision == Precision.FAILED
    assert "i Eslöv" in r.reason


def test_street_without_number(gazetteer):
    r = gazetteer.geocode("Gamla vägen")
    assert r.precision == Precision.STREET and (r.lon, r.lat) == (13.56, 55.95)
    assert r.reason == "husnummer saknas"
    r = gazetteer.geocode("Storgatan Höör")
    assert r.precision == Precision.STREET and r.matched == "Storgatan, Höör"


def test_named_place_has_address_precision(gazetteer):
    r = gazetteer.geocode("Höörs station")
    assert r.precision == Precision.ADDRESS and r.matched == "Höörs station, Höör"


def test_locality_and_locality_fallback(gazetteer):
    r = gazetteer.geocode("Tjörnarp")
    assert r.precision == Precision.LOCALITY and r.matched == "Tjörnarp"
    assert gazetteer.geocode("Hoor").precision == Precision.LOCALITY
    r = gazetteer.geocode("Okändgatan 5, Tjörnarp")
    assert r.precision == Precision.LOCALITY and r.matched == "Tjörnarp"
    assert r.reason == "'okändgatan 5' hittades inte; placerad i Tjörnarp"


def test_failure_has_a_reason(gazetteer):
    r = gazetteer.geocode("xyz")
    assert r.precision == Precision.FAILED
    assert math.isnan(r.lon) and math.isnan(r.lat)
    assert r.reason == f"ingen träff för 'xyz' i ortregistret ({len(gazetteer)} poster)"
    assert len(gazetteer) == 12  # the entry without a point is not indexed


def test_reasons_in_english(monkeypatch):
    monkeypatch.setenv("HOTSPOTS_LANGUAGE", "en")
    get_settings.cache_clear()
    # a new gazetteer: each one keeps its results, reasons included
    g = Gazetteer([addr("Storgatan", 12, "A"), addr("Storgatan", 14, lon=13.541)])
    assert g.geocode("Storgatan 99").reason == "number 99 not found on Storgatan"
    assert g.geocode("Storgatan 12 C").reason == "letter C not found on Storgatan 12; used 12A"
    assert g.geocode("xyz").reason == "no match for 'xyz' in the gazetteer (2 entries)"
    assert g.geocode_many([None])[0].reason == "no address"


def test_one_result_per_input_in_order(gazetteer):
    texts = ["Storg. 12 b", None, "xyz", "Tjörnarp", "Storg. 12 b", "  ", "Storgatan 99"]
    results = gazetteer.geocode_many(texts)
    assert len(results) == len(texts)
    assert [r.precision.value for r in results] == [
        "address",
        "failed",
        "failed",
        "locality",
        "address",
        "failed",
        "street",
    ]
    assert results[1].reason == "ingen adress"
    assert results[0] is results[4]  # one lookup per distinct text


def test_geocoder_wrapper_uses_default_scope(gazetteer):
    g = GazetteerGeocoder(gazetteer, municipality="Eslöv")
    assert g.geocode("Storgatan 12B").precision == Precision.STREET
    assert g.geocode("Storgatan 12B", municipality="Höör").precision == Precision.ADDRESS
    results = g.geocode_many(["Storgatan 3", ""])
    assert [r.ok for r in results] == [True, False]
    assert isinstance(results[0], GeocodeResult)


def test_entry_kind_is_checked():
    with pytest.raises(ValueError):
        E("house", "x")


# -- reading files --------------------------------------------------------------------


def test_read_lantmateriet_style_csv(tmp_path):
    path = tmp_path / "adresser.csv"
    path.write_text(
        "Adressområde;Adressplatsnummer;Bokstavstillägg;Postnummer;Postort;Kommun;N;E\n"
        "Storgatan;12;B;243 30;Höör;Höör;6199981,6;409010,0\n"
        "Storgatan;14;;243 30;Höör;Höör;6200080;409075\n"
        "Storgatan;x1;;243 30;Höör;Höör;6200080;409075\n"
        "Storgatan;16;;243 30;Höör;Höör;;\n"
        ";;;;;Höör;6200080;409075\n",
        encoding="utf-8",
    )
    problems = []
    entries = list(read_gazetteer_file(path, on_error=problems.append))
    assert [(e.kind, e.name, e.number, e.letter, e.postcode) for e in entries] == [
        ("address", "Storgatan 12B", 12, "B", "24330"),
        ("address", "Storgatan 14", 14, None, "24330"),
    ]
    assert entries[0].lon == pytest.approx(13.5434, abs=1e-5)
    assert entries[0].lat == pytest.approx(55.9366, abs=1e-5)
    assert entries[0].source == "adresser.csv"
    by_line = {p.line: p for p in problems}
    assert by_line[0].reason.endswith(
        "lästa som SWEREF 99 TM (EPSG:3006) utifrån värdena; ange --crs för att välja själv"
    )
    assert by_line[4].field == "number" and by_line[4].value == "x1"
    assert by_line[5].reason == "koordinater saknas"
    assert by_line[6].reason == "varken gata eller namn"
    g = Gazetteer(entries)
    assert g.geocode("Storg. 12 b").matched == "Storgatan 12B, Höör"


def test_read_osm_style_csv(tmp_path):
    path = tmp_path / "osm.csv"
    path.write_text(
        "name,amenity,lat,lon,addr:street,addr:housenumber,addr:postcode,addr:city\n"
        "Höörs station,station,55.9366,13.5434,,,,Höör\n"
        "Ica Nära,shop,55.9370,13.5440,Storgatan,20A,24330,Höör\n"
        ",,55.9380,13.5450,Storgatan,22,24330,Höör\n"
        "Lonely,,95.0,13.0,,,,\n",
        encoding="utf-8",
    )
    problems = []
    entries = list(read_gazetteer_file(path, source="osm", on_error=problems.append))
    kinds = [(e.kind, e.name) for e in entries]
    assert kinds == [
        ("place", "Höörs station"),
        ("address", "Storgatan 20A"),
        ("place", "Ica Nära"),
        ("address", "Storgatan 22"),
    ]
    assert all(e.source == "osm" for e in entries)
    rows = [p for p in problems if p.line]
    assert [p.line for p in rows] == [5]
    assert "utanför intervallet" in rows[0].reason


def test_read_geojson(tmp_path):
    path = tmp_path / "places.geojson"
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [13.5434, 55.9366]},
            "properties": {"name": "Höörs station", "kommun": "Höör"},
        },
        {
            "type": "Feature",
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[13.54, 55.93], [13.55, 55.93], [13.55, 55.94], [13.54, 55.94], [13.54, 55.93]]
                ],
            },
            "properties": {"name": "Parken"},
        },
        {"type": "Feature", "geometry": None, "properties": {"name": "Nowhere"}},
    ]
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    problems = []
    entries = list(read_gazetteer_file(path, on_error=problems.append))
    assert [e.name for e in entries] == ["Höörs station", "Parken"]
    assert entries[0].municipality == "Höör"
    assert 13.54 <= entries[1].lon <= 13.55
    assert [p.line for p in problems if p.line] == [3]


def test_read_locality_rows(tmp_path):
    path = tmp_path / "orter.csv"
    path.write_text(
        "Locality,Municipality,Latitude,Longitude\nTjörnarp,Höör,55.999983,13.635045\n",
        encoding="utf-8",
    )
    (entry,) = read_gazetteer_file(path)
    assert (entry.kind, entry.name, entry.municipality) == ("locality", "Tjörnarp", "Höör")


def test_file_without_coordinates_is_refused(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("gata,nummer\nStorgatan,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="inga koordinatkolumner"):
        list(read_gazetteer_file(path))


def test_problems_are_logged_without_callback(tmp_path, caplog):
    path = tmp_path / "a.csv"
    path.write_text(
        "street,number,lat,lon\nStorgatan,1,55.93,13.54\nStorgatan,2,,\n", encoding="utf-8"
    )
    with caplog.at_level("WARNING"):
        entries = list(read_gazetteer_file(path))
    assert len(entries) == 1
    assert "1 rows not used (first: line 3, koordinater saknas)" in caplog.text


def test_read_geojson_with_a_legacy_crs_member(tmp_path):
    path = tmp_path / "sweref.geojson"
    data = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}},
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [409010.0, 6199981.6]},
                "properties": {"gatunamn": "Storgatan", "nummer": "12B", "postort": "Höör"},
            },
        ],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    problems = []
    (entry,) = read_gazetteer_file(path, on_error=problems.append)
    assert (entry.kind, entry.name, entry.number, entry.letter) == (
        "address",
        "Storgatan 12B",
        12,
        "B",
    )
    assert entry.lon == pytest.approx(13.5434, abs=1e-5)
    assert entry.lat == pytest.approx(55.9366, abs=1e-5)
    assert problems == []  # the file said its CRS: nothing to report
