from __future__ import annotations

import pytest

from hotspots.errors import InputError
from hotspots.ingest.columns import (
    SYNONYMS,
    match_columns,
    normalize_header,
    parse_column_map,
    require_columns,
    resolve_field,
)
from hotspots.ingest.raw import CANONICAL_FIELDS
from hotspots.settings import get_settings

UK_HEADER = ("crime_id,month,reported_by,falls_within,longitude,latitude,location,lsoa_code,"
             "lsoa_name,crime_type,last_outcome_category,context").split(",")
BOSTON_HEADER = (
    ",CASE_ENQUIRY_ID,OPEN_DT,TARGET_DT,CLOSED_DT,OnTime_Status,CASE_STATUS,CLOSURE_REASON,"
    "CASE_TITLE,SUBJECT,REASON,TYPE,QUEUE,Department,SubmittedPhoto,ClosedPhoto,Location,"
    "fire_district,pwd_district,city_council_district,police_district,neighborhood,"
    "neighborhood_services_district,ward,precinct,land_usage,LOCATION_STREET_NAME,"
    "LOCATION_ZIPCODE,Property_Type,Property_ID,LATITUDE,LONGITUDE,Source,Geocoded_Location"
).split(",")


def test_normalize_header():
    assert normalize_header(" Ärende-ID ") == "arende_id"
    assert normalize_header("Typ av händelse") == "typ_av_handelse"
    assert normalize_header("LATITUDE") == "latitude"
    assert normalize_header("Längdgrad (WGS84)") == "langdgrad_wgs84"


def test_synonyms_only_name_canonical_fields():
    assert set(SYNONYMS) <= set(CANONICAL_FIELDS)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Datum", "date"), ("date", "date"), ("Dag", "date"),
        ("Tid", "time"), ("Klockslag", "time"), ("kl", "time"), ("TIME", "time"),
        ("Datum_tid", "datetime"), ("Tidpunkt", "datetime"), ("timestamp", "datetime"),
        ("occurred_at", "datetime"), ("OPEN_DT", "datetime"), ("Händelsetid", "datetime"),
        ("DateTime", "datetime"),
        ("Från", "occurred_from"), ("Starttid", "occurred_from"), ("start", "occurred_from"),
        ("Till", "occurred_to"), ("Sluttid", "occurred_to"), ("end", "occurred_to"),
        ("Kategori", "category"), ("Typ", "category"), ("Brottstyp", "category"),
        ("Händelsetyp", "category"), ("crime_type", "category"), ("Ärendetyp", "category"),
        ("Beskrivning", "description"), ("Anteckning", "description"),
        ("Kommentar", "description"), ("Notering", "description"), ("summary", "description"),
        ("Adress", "address"), ("Gatuadress", "address"), ("street_address", "address"),
        ("Plats", "place"), ("Ort", "place"), ("Område", "place"), ("neighbourhood", "place"),
        ("Kommun", "municipality"), ("Municipality", "municipality"),
        ("Lat", "lat"), ("Latitud", "lat"), ("Breddgrad", "lat"),
        ("Lon", "lon"), ("lng", "lon"), ("Long", "lon"), ("Longitud", "lon"),
        ("Längdgrad", "lon"),
        ("N", "y"), ("Northing", "y"), ("Norr", "y"), ("E", "x"), ("Easting", "x"),
        ("Öst", "x"), ("Ost", "x"), ("X", "x"), ("Y", "y"),
        ("id", "external_id"), ("Ärendenummer", "external_id"), ("Ärende-ID", "external_id"),
        ("Diarienummer", "external_id"), ("case_id", "external_id"),
        ("Löpnummer", "external_id"),
        ("Vandring", "walk"), ("walk", "walk"), ("Allvarlighetsgrad", "severity"),
        ("Severity", "severity"), ("Status", "status"),
    ],
)
def test_exact_synonyms(header, field):
    match = match_columns([header])
    assert match.columns == {field: header}
    assert resolve_field(header) == field


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Händelsedatum", "date"), ("Brottsdatum", "date"), ("incident_date", "date"),
        ("Typ av händelse", "category"), ("Brottsplats", "place"),
        ("Tid för händelse", "time"), ("Besöksadress", "address"),
    ],
)
def test_partial_matches(header, field):
    assert match_columns([header]).columns == {field: header}


def test_uk_police_header():
    match = match_columns(UK_HEADER)
    assert match.columns == {
        "external_id": "crime_id", "date": "month", "lon": "longitude", "lat": "latitude",
        "address": "location", "category": "crime_type",
    }
    assert "last_outcome_category" in match.unmapped
    assert "lsoa_name" in match.unmapped
    assert match.positions["lat"] == 5


def test_boston_header():
    match = match_columns(BOSTON_HEADER)
    assert match.columns == {
        "external_id": "CASE_ENQUIRY_ID", "datetime": "OPEN_DT", "description": "CASE_TITLE",
        "category": "TYPE", "address": "Location", "place": "neighborhood",
        "lat": "LATITUDE", "lon": "LONGITUDE",
    }
    # Only an exact "status" is a status; CASE_STATUS and OnTime_Status are not.
    assert "status" not in match.columns and "time" not in match.columns
    assert "CASE_STATUS" in match.unmapped and "Property_Type" in match.unmapped
    assert "" not in match.unmapped  # the row-index column is ignored
    assert match.positions["external_id"] == 1


def test_exact_beats_partial_and_loser_is_unmapped():
    match = match_columns(["Händelsedatum", "Datum", "Dag"])
    assert match.columns["date"] == "Datum"
    assert match.unmapped == ["Händelsedatum", "Dag"]


def test_more_specific_synonym_wins():
    match = match_columns(["Typ", "Brottstyp"])
    assert match.columns == {"category": "Brottstyp"}
    assert match.unmapped == ["Typ"]


def test_each_column_feeds_one_field():
    match = match_columns(["Datum", "Tid", "Datum och tid"])
    assert match.columns == {"date": "Datum", "time": "Tid", "datetime": "Datum och tid"}


def test_explicit_map_overrides_recognition():
    headers = ["Händelsedatum", "Datum", "Typ av händelse", "Gata"]
    match = match_columns(headers, column_map={"datum": "Händelsedatum",
                                               "kategori": "Typ av händelse",
                                               "adress": "gata"})
    assert match.columns["date"] == "Händelsedatum"
    assert match.columns["category"] == "Typ av händelse"
    assert match.columns["address"] == "Gata"  # found case-insensitively
    assert match.unmapped == ["Datum"]


def test_map_with_unknown_header_lists_the_headers():
    with pytest.raises(InputError) as err:
        match_columns(["Datum", "Plats"], column_map={"kategori": "Typ"}, source="f.csv")
    message = str(err.value)
    assert "f.csv" in message and "'Typ'" in message
    assert "'Datum', 'Plats'" in message


def test_map_with_unknown_field():
    with pytest.raises(InputError, match="okänt fält 'färg'"):
        match_columns(["Datum"], column_map={"färg": "Datum"})


def test_parse_column_map():
    assert parse_column_map("datum=Händelsedatum, kategori=Typ av händelse") == {
        "date": "Händelsedatum", "category": "Typ av händelse"}
    assert parse_column_map("lat=N,lon=E,external_id=Löpnr") == {
        "lat": "N", "lon": "E", "external_id": "Löpnr"}
    with pytest.raises(InputError, match="fält=rubrik"):
        parse_column_map("datum")
    with pytest.raises(InputError, match="två gånger"):
        parse_column_map("datum=A,date=B")


def test_required_columns_ok():
    require_columns({"date": "Datum", "address": "Adress"}, ["Datum", "Adress"], source="f")
    require_columns({"datetime": "t", "lat": "a", "lon": "b"}, ["t", "a", "b"], source="f")
    require_columns({"occurred_from": "f", "x": "a", "y": "b"}, ["f", "a", "b"], source="f")
    require_columns({"date": "d", "place": "p"}, ["d", "p"], source="f")


def test_missing_date_names_headers_and_hint():
    with pytest.raises(InputError) as err:
        require_columns({"address": "Adress"}, ["Adress", "Färg"], source="data.csv")
    message = str(err.value)
    assert message.startswith("data.csv: saknar en datumkolumn")
    assert "'Adress', 'Färg'" in message and "--map" in message
    assert "platskolumn" not in message


def test_missing_location_mentions_half_pair():
    with pytest.raises(InputError) as err:
        require_columns({"date": "Datum", "lat": "Lat"}, ["Datum", "Lat"], source="f.csv")
    message = str(err.value)
    assert "en platskolumn" in message and "lat ('Lat') utan lon" in message
    assert "datumkolumn" not in message


def test_missing_both():
    with pytest.raises(InputError, match="datumkolumn .* och en platskolumn"):
        require_columns({}, ["a"], source="f.csv")


def test_missing_columns_in_english(monkeypatch):
    monkeypatch.setenv("HOTSPOTS_LANGUAGE", "en")
    get_settings.cache_clear()
    with pytest.raises(InputError) as err:
        require_columns({"lat": "Lat"}, ["Lat"], source="f.csv")
    assert str(err.value) == (
        "f.csv: missing a date column (datum, date, datum_tid/datetime or från) and a "
        "location column (latitud+longitud, x+y, adress or plats); found lat ('Lat') without "
        "lon; columns found: 'Lat'; name them with --map, e.g. --map datum=Händelsedatum,"
        "adress=Gata"
    )
