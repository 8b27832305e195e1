import pytest

from hotspots.geocode.normalize import (
    ParsedAddress,
    ascii_fold,
    normalize_postcode,
    normalize_street,
    normalize_text,
    parse_address,
    street_key,
    street_variants,
)


@pytest.mark.parametrize(
    ("text", "street", "number", "letter"),
    [
        ("Storg. 12 b", "storgatan", 12, "B"),
        ("Storgatan 12B", "storgatan", 12, "B"),
        ("STORGATAN 12 b", "storgatan", 12, "B"),
        ("Storgt 3", "storgatan", 3, None),
        ("Storgat. 3", "storgatan", 3, None),
        ("Ringv. 7", "ringvägen", 7, None),
        ("Malmövg 3", "malmövägen", 3, None),
        ("Gamla v. 5", "gamla vägen", 5, None),
        ("Järnvägspl. 1", "järnvägsplatsen", 1, None),
        ("S:t Gertruds väg 2", "sankt gertruds väg", 2, None),
        ("N. Storgatan 1", "norra storgatan", 1, None),
        ("Stortorget 4", "stortorget", 4, None),
        ("Lilla torg 2", "lilla torg", 2, None),  # "torg" stays
        ("Karl XII:s gata 4", "karl xii s gata", 4, None),
    ],
)
def test_street_number_letter(text, street, number, letter):
    a = parse_address(text)
    assert (a.street, a.number, a.letter) == (street, number, letter)


def test_full_address_with_postcode_and_locality():
    a = parse_address("Storgatan 12 B, 243 30 Höör")
    assert a == ParsedAddress("storgatan", 12, None, "B", "24330", "höör", None)
    assert a.house == "12B"
    b = parse_address("Storgatan 12, SE-24330 Höör")
    assert (b.postcode, b.locality) == ("24330", "höör")


def test_locality_without_comma():
    a = parse_address("storgatan 12b höör")
    assert (a.street, a.number, a.letter, a.locality) == ("storgatan", 12, "B", "höör")
    # "H" of Höör is not a house letter
    assert parse_address("Storgatan 12 Höör").letter is None


def test_number_range_and_apartment():
    a = parse_address("Storgatan 12-14")
    assert (a.number, a.number_to) == (12, 14)
    b = parse_address("Gamla vägen 5 lgh 1102")
    assert (b.street, b.number, b.unit, b.locality) == ("gamla vägen", 5, "1102", None)
    c = parse_address("Kungsgt. 3 2 tr")
    assert (c.street, c.number, c.locality) == ("kungsgatan", 3, None)


def test_no_number():
    a = parse_address("Stortorget")
    assert (a.street, a.number, a.house) == ("stortorget", None, "")
    assert parse_address("Storgatan, Höör").locality == "höör"


def test_st_is_ambiguous():
    assert normalize_street("St. Nygatan") == "st nygatan"
    assert street_variants("St. Nygatan") == ["stora nygatan", "sankt nygatan"]
    assert street_variants("Storgatan") == ["storgatan"]
    # a word ending in "st" is not the abbreviation
    assert normalize_street("Öst") == "öst"


def test_keys_fold_swedish_letters():
    assert ascii_fold("Södra Förstadsgatan") == "sodra forstadsgatan"
    assert ascii_fold("Höör Åby Ärla") == "hoor aby arla"
    assert (
        street_key("Södra Förstadsg.") == street_key("Sodra Forstadsgatan") == "sodraforstadsgatan"
    )
    assert street_key("Stor gatan") == street_key("Storgatan")
    assert parse_address("Södra Förstadsg. 4").key == "sodraforstadsgatan"
    # the normal form keeps å/ä/ö
    assert normalize_street("Södra Förstadsg.") == "södra förstadsgatan"


def test_normalize_text_is_nfc_casefold():
    decomposed = "Ho\u0308o\u0308r"  # ö as o + combining diaeresis
    assert normalize_text(f"  {decomposed}   C ") == "höör c"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("243 30", "24330"),
        ("24330", "24330"),
        ("SE-243 30", "24330"),
        ("S-24330", "24330"),
        ("2433", None),
        ("", None),
        (None, None),
    ],
)
def test_postcode(text, expected):
    assert normalize_postcode(text) == expected
