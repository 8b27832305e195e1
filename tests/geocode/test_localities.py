import pytest

from hotspots.geocode.boundaries import load_boundaries
from hotspots.geocode.localities import (
    Localities,
    Locality,
    find_locality_in_text,
    load_localities,
    read_localities,
)
from hotspots.paths import DEFAULT_DATA_DIR


@pytest.fixture(scope="module")
def localities() -> Localities:
    return load_localities(DEFAULT_DATA_DIR)


def test_wrong_rows_are_dropped_and_counted(localities):
    dropped = {(loc.name, loc.municipality): reason for loc, reason in localities.dropped}
    # named in data/SOURCES.md: points far outside their kommun
    assert ("Sjunnerup", "Höör") in dropped
    assert ("Tågarp", "Svalöv") in dropped
    assert "ligger inte i Höör kommun" in dropped[("Sjunnerup", "Höör")]
    assert localities.get("Sjunnerup", municipality="Höör") is None
    assert len(localities) + len(localities.dropped) == 1916
    assert 100 < len(localities.dropped) < 300


def test_good_rows_are_kept(localities):
    names = {loc.name for loc in localities.in_municipality("Höör")}
    assert {"Höör", "Tjörnarp", "Snogeröd", "Norra Rörum"} <= names
    assert localities.in_municipality("hoor") == localities.in_municipality("Höör")
    svalov = {loc.name for loc in localities.in_municipality("Svalöv")}
    assert {"Teckomatorp", "Billeberga", "Kågeröd", "Röstånga"} <= svalov
    # kommun names of the file are mapped to the official ones ("Falu" -> Falun)
    assert localities.get("Falun", municipality="Falun") is not None


def test_finds_locality_in_polisen_summary(localities):
    loc = find_locality_in_text(
        "Inbrott i villa i Tjörnarp under natten", municipality="Höör", localities=localities
    )
    assert loc is not None and loc.name == "Tjörnarp" and loc.municipality == "Höör"
    assert loc.lon == pytest.approx(13.635045) and loc.lat == pytest.approx(55.999983)


def test_none_found(localities):
    text = "Trafikolycka på väg 13, ingen person skadad"
    assert find_locality_in_text(text, municipality="Höör", localities=localities) is None
    assert find_locality_in_text("", municipality="Höör", localities=localities) is None
    assert find_locality_in_text("Tjörnarp", municipality="Atlantis", localities=localities) is None
    # a locality of another kommun does not count
    assert (
        find_locality_in_text("Brand i Tyringe", municipality="Höör", localities=localities) is None
    )


def test_genitive_and_case(localities):
    loc = find_locality_in_text(
        "Rån vid Tyringes centrum", municipality="Hässleholm", localities=localities
    )
    assert loc is not None and loc.name == "Tyringe"
    assert (
        find_locality_in_text("TJÖRNARP", municipality="Höör", localities=localities).name
        == "Tjörnarp"
    )
    assert (
        find_locality_in_text("brand i tjörnarp", municipality="Höör", localities=localities).name
        == "Tjörnarp"
    )
    # whole words only
    assert (
        find_locality_in_text("Tjörnarpsvägen", municipality="Höör", localities=localities) is None
    )


def test_village_beats_main_town_and_kommun_mentions_are_skipped(localities):
    text = "Höörs kommun: brand i Tjörnarp, räddningstjänsten från Höör larmades"
    assert (
        find_locality_in_text(text, municipality="Höör", localities=localities).name == "Tjörnarp"
    )
    # only the main town named: its tätort point is still better than the kommun centroid
    assert (
        find_locality_in_text(
            "Misshandel i centrala Höör", municipality="Höör", localities=localities
        ).name
        == "Höör"
    )
    assert (
        find_locality_in_text(
            "Det hände i Höörs kommun", municipality="Höör", localities=localities
        )
        is None
    )


def test_longest_name_wins_and_lowercase_words_are_not_places():
    locs = Localities(
        [
            Locality("Rörum", "Höör", "Skåne", 13.5, 56.0),
            Locality("Norra Rörum", "Höör", "Skåne", 13.51, 56.02),
            Locality("Bro", "Upplands-Bro", "Stockholm", 17.6, 59.5),
        ]
    )
    assert locs.find_in_text("Stöld i Norra Rörum", municipality="Höör").name == "Norra Rörum"
    assert locs.find_in_text("Olycka på en bro i Upplands-Bro", municipality="Upplands-Bro") is None
    assert locs.find_in_text("Olycka i Bro", municipality="Upplands-Bro").name == "Bro"


def test_default_data_dir_is_used(monkeypatch):
    monkeypatch.setenv("HOTSPOTS_DATA_DIR", str(DEFAULT_DATA_DIR))
    loc = find_locality_in_text("Inbrott i Tjörnarp", municipality="Höör")
    assert loc is not None and loc.name == "Tjörnarp"


def test_duplicates_and_unknown_kommun(tmp_path):
    path = tmp_path / "loc.csv"
    path.write_text(
        "Locality,Municipality,County,Latitude,Longitude\n"
        "Tjörnarp,Höör,Skåne,55.999983,13.635045\n"
        "Tjörnarp,Höör,Skåne,55.999983,13.635045\n"
        "Atlantis,Atlantis,Skåne,55.9,13.5\n"
        "Snogeröd,Höör,Skåne,,\n",
        encoding="utf-8",
    )
    locs = read_localities(path, load_boundaries(DEFAULT_DATA_DIR))
    assert len(locs) == 1
    reasons = sorted(reason for _, reason in locs.dropped)
    assert reasons == [
        "namn eller punkt saknas",
        "okänd kommun 'Atlantis'",
        "samma namn och kommun som en tidigare rad",
    ]
