"""Normalise Swedish addresses for matching: abbreviations, house numbers, postcodes, å/ä/ö.

Two forms come out of here: a *normal* form (casefolded, NFC, abbreviations expanded, å/ä/ö
kept) shown to users and compared exactly, and an ASCII-folded *key* (å/ä -> a, ö -> o,
no spaces) compared fuzzily, so that "Sodra Forstadsg." still finds "Södra Förstadsgatan".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "ParsedAddress",
    "ascii_fold",
    "normalize_text",
    "normalize_street",
    "normalize_postcode",
    "parse_address",
    "street_key",
    "street_variants",
]

# Suffix abbreviations glued to a compound street name ("Storg." = "Storgatan"); the order
# matters: longer forms first.
_SUFFIXES = (
    ("gatan", ("gat.", "gt.", "gt", "g.")),
    ("vägen", ("väg.", "vg.", "vg", "v.")),
    ("platsen", ("pl.",)),
    ("gränden", ("gr.",)),
)
# Abbreviations standing alone as a word.
_WORDS = {
    "s:t": "sankt",
    "s:ta": "sankta",
    "g.": "gatan",
    "gt": "gatan",
    "gt.": "gatan",
    "gat.": "gatan",
    "v.": "vägen",
    "vg": "vägen",
    "vg.": "vägen",
    "pl.": "platsen",
}
# The same letters as a first word of a longer name mean a direction or size
# ("N. Storgatan" = Norra Storgatan, "L. Torget" = Lilla Torget).
_FIRST_WORDS = {
    "n.": "norra",
    "s.": "södra",
    "ö.": "östra",
    "v.": "västra",
    "l.": "lilla",
    "g:la": "gamla",
}
# "St." is Stora (Malmö's "St. Nygatan") or Sankt ("St. Petri"): both are tried.
_AMBIGUOUS = {"st.": ("stora", "sankt"), "st": ("stora", "sankt")}

_UNIT = re.compile(
    r"\b(?:lgh\.?|lägenhet|lägenhetsnummer)\s*(?P<unit>\d{4})\b|\b\d+\s*tr\b\.?|\bvån(?:ing)?\.?\s*\d+\b"
)
_POSTCODE = re.compile(r"(?<![\d-])(?:se-?\s?|s-)?(\d{3})\s?(\d{2})(?!\d)")
_HOUSE = re.compile(
    r"^(?P<street>.*?[^\d\s,])\s*(?P<number>\d{1,4})"
    r"(?:\s*-\s*(?P<to>\d{1,4}))?"
    r"(?:\s*(?P<letter>[a-zåäöé])(?![\wåäöé]))?"
)


def normalize_text(text: str) -> str:
    """Casefolded NFC text with single spaces (``" Höör  C "`` -> ``"höör c"``)."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@lru_cache(maxsize=65536)
def ascii_fold(text: str) -> str:
    """Casefold and strip diacritics: ``"Södra Förstadsgatan"`` -> ``"sodra forstadsgatan"``.

    Also ``æ`` -> ``ae`` and ``ø`` -> ``o`` for Danish/Norwegian names.
    """
    text = unicodedata.normalize("NFKD", text.casefold().replace("æ", "ae").replace("ø", "o"))
    return "".join(c for c in text if not unicodedata.combining(c))


def _expand(words: list[str]) -> list[str]:
    out = []
    for i, word in enumerate(words):
        if i == 0 and len(words) > 1 and word in _FIRST_WORDS:
            out.append(_FIRST_WORDS[word])
            continue
        if word in _WORDS:
            out.append(_WORDS[word])
            continue
        for full, abbrevs in _SUFFIXES:
            hit = next((a for a in abbrevs if word.endswith(a) and len(word) > len(a) + 1), None)
            # Only a letter before the abbreviation: "12g." is no street.
            if hit and word[-len(hit) - 1].isalpha():
                word = word[: -len(hit)] + full
                break
        out.append(word)
    return out


def _clean(words: list[str]) -> str:
    text = " ".join(words)
    # Punctuation carries no meaning once abbreviations are expanded ("Karl XII:s gata").
    text = re.sub(r"[^\w\s-]", " ", text)
    text = re.sub(r"\s*-\s*", "-", text)
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def normalize_street(street: str) -> str:
    """Normal form of a street name, abbreviations expanded.

    ``"Storg."`` -> ``"storgatan"``, ``"S:t Gertruds v."`` -> ``"sankt gertruds vägen"``.
    ``"St."`` stays ``"st"``: use :func:`street_variants` to try Stora and Sankt.
    """
    return _clean(_expand(normalize_text(street).split()))


def street_variants(street: str) -> list[str]:
    """Normal forms a street name may stand for, most likely first.

    ``"St. Nygatan"`` -> ``["stora nygatan", "sankt nygatan"]``; other names give one form.
    """
    words = _expand(normalize_text(street).split())
    for i, word in enumerate(words):
        if word in _AMBIGUOUS and len(words) > 1:
            return [_clean(words[:i] + [alt] + words[i + 1 :]) for alt in _AMBIGUOUS[word]]
    return [_clean(words)]


@lru_cache(maxsize=65536)
def street_key(street: str) -> str:
    """ASCII-folded key of a street, without spaces, for fuzzy comparison.

    ``"Södra Förstadsg."`` -> ``"sodraforstadsgatan"``. Spaces go because "Stor gatan" and
    "Storgatan" are one street.
    """
    return re.sub(r"[\s-]", "", ascii_fold(normalize_street(street)))


def normalize_postcode(text: str | None) -> str | None:
    """Five-digit postcode from ``"243 30"``, ``"24330"`` or ``"SE-243 30"``; None otherwise."""
    if not text:
        return None
    m = _POSTCODE.search(normalize_text(str(text)))
    return m.group(1) + m.group(2) if m else None


@dataclass(frozen=True)
class ParsedAddress:
    """A Swedish address split into parts, normalised for matching.

    Attributes
    ----------
    street : normal form (see :func:`normalize_street`), ``""`` if none was found.
    number : house number (adressplatsnummer), the first one of a range "12-14".
    number_to : last number of a range, else None.
    letter : upper-case letter after the number ("12B", "12 b" -> "B").
    postcode : five digits, no space.
    locality : normal form of the postort or place after the number/postcode.
    unit : apartment number ("lgh 1102" -> "1102").
    """

    street: str
    number: int | None = None
    number_to: int | None = None
    letter: str | None = None
    postcode: str | None = None
    locality: str | None = None
    unit: str | None = None

    @property
    def key(self) -> str:
        """:func:`street_key` of the street."""
        return re.sub(r"[\s-]", "", ascii_fold(self.street))

    @property
    def house(self) -> str:
        """The house part, ``"12B"`` or ``""``."""
        return f"{self.number}{self.letter or ''}" if self.number is not None else ""


def parse_address(text: str) -> ParsedAddress:
    """Split a free-form Swedish address into street, number, letter, postcode and locality.

    Examples
    --------
    >>> parse_address("Storg. 12 b")
    ParsedAddress(street='storgatan', number=12, number_to=None, letter='B', postcode=None, \
locality=None, unit=None)
    >>> a = parse_address("Storgatan 12 B, 243 30 Höör")
    >>> a.house, a.postcode, a.locality
    ('12B', '24330', 'höör')
    >>> parse_address("Gamla vägen 5 lgh 1102").unit
    '1102'
    """
    s = normalize_text(text)
    unit = None
    m = _UNIT.search(s)
    if m:
        unit = m.group("unit")
        s = (s[: m.start()] + " " + s[m.end() :]).strip(" ,")
    head, _, tail = s.partition(",")
    head = head.strip()
    number = number_to = letter = None
    m = _HOUSE.match(head)
    if m:
        street = m.group("street")
        number = int(m.group("number"))
        number_to = int(m.group("to")) if m.group("to") else None
        letter = m.group("letter").upper() if m.group("letter") else None
        tail = head[m.end() :] + " " + tail
    else:
        street = head
    postcode = None
    p = _POSTCODE.search(tail)
    if p:
        postcode = p.group(1) + p.group(2)
        tail = tail[: p.start()] + " " + tail[p.end() :]
    locality = _clean([w for w in tail.replace(",", " ").split() if not w.isdigit()]) or None
    return ParsedAddress(
        street=normalize_street(street),
        number=number,
        number_to=number_to,
        letter=letter,
        postcode=postcode,
        locality=locality,
        unit=unit,
    )
