"""The category catalogue (``data/categories.toml``): the only place categories are defined."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from hotspots.errors import CatalogueError
from hotspots.i18n import msg

__all__ = ["Category", "Measure", "Catalogue", "load_catalogue", "normalize_label"]

Kind = Literal["incident", "observation"]
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


def normalize_label(text: str) -> str:
    """Lower-case, trim and collapse whitespace; keep å/ä/ö (they carry meaning in Swedish)."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    return re.sub(r"\s+", " ", text).strip()


class _CategoryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label_sv: str
    label_en: str
    kind: Kind
    sensitive: bool = False
    fallback: bool = False
    measures: list[str] = []
    aliases: list[str] = []

    @field_validator("label_sv", "label_en")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise PydanticCustomError("blank", "must not be blank")
        return v


class _MeasureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label_sv: str
    label_en: str


@dataclass(frozen=True)
class Measure:
    """A kind of measure (åtgärd) that can be suggested or placed."""

    code: str
    label_sv: str
    label_en: str

    def label(self, language: str = "sv") -> str:
        """The label in ``language`` (``sv`` or ``en``)."""
        return self.label_en if language == "en" else self.label_sv


@dataclass(frozen=True)
class Category:
    """One incident or walk-observation category."""

    code: str
    label_sv: str
    label_en: str
    kind: Kind
    sensitive: bool
    fallback: bool
    measures: tuple[str, ...]
    aliases: tuple[str, ...]

    def label(self, language: str = "sv") -> str:
        """The label in ``language`` (``sv`` or ``en``)."""
        return self.label_en if language == "en" else self.label_sv


@dataclass
class Catalogue:
    """Validated categories and measures, with lookup of source category names."""

    categories: dict[str, Category]
    measures: dict[str, Measure]
    _names: dict[str, str] = field(default_factory=dict, repr=False)
    _words: list[tuple[re.Pattern[str], str]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        for cat in self.categories.values():
            for name in (cat.code, cat.label_sv, cat.label_en, *cat.aliases):
                self._names.setdefault(normalize_label(name), cat.code)
        # Longer aliases first so "inbrott i bil" wins over "inbrott".
        names = sorted(self._names, key=len, reverse=True)
        self._words = [
            (re.compile(r"(?<!\w)" + re.escape(n) + r"(?!\w)"), self._names[n]) for n in names
        ]

    def __getitem__(self, code: str) -> Category:
        return self.categories[code]

    def __contains__(self, code: object) -> bool:
        return code in self.categories

    def codes(self, kind: Kind | None = None) -> list[str]:
        """Category codes, optionally of one kind, in catalogue order."""
        return [c.code for c in self.categories.values() if kind is None or c.kind == kind]

    def fallback(self, kind: Kind) -> Category:
        """The category that takes unknown source categories of ``kind``."""
        return next(c for c in self.categories.values() if c.kind == kind and c.fallback)

    def match(self, raw: str | None) -> Category | None:
        """The category a source name means, or ``None`` when nothing matches.

        An exact match of code, label or alias wins; otherwise the longest alias found as
        whole words inside ``raw`` ("Graffiti Removal (PWD)" -> klotter).
        """
        if raw is None:
            return None
        key = normalize_label(raw)
        if not key:
            return None
        code = self._names.get(key)
        if code is None:
            code = next((c for pat, c in self._words if pat.search(key)), None)
        return self.categories[code] if code else None

    def resolve(self, raw: str | None, *, kind: Kind = "incident") -> tuple[Category, bool]:
        """Map a source name to a category; unknown names go to the fallback of ``kind``.

        Returns the category and whether the name was recognised.
        """
        cat = self.match(raw)
        if cat is None:
            return self.fallback(kind), False
        return cat, True

    def sensitive_codes(self) -> set[str]:
        """Codes never shown as points outside the analyst/admin roles."""
        return {c.code for c in self.categories.values() if c.sensitive}


def _validate(raw: dict, where: str) -> Catalogue:
    unknown = set(raw) - {"category", "measure"}
    if unknown:
        raise CatalogueError(
            msg("catalogue.unknown_sections", file=where, sections=sorted(unknown))
        )
    measures: dict[str, Measure] = {}
    for code, body in raw.get("measure", {}).items():
        if not _CODE.match(code):
            raise CatalogueError(msg("catalogue.measure_code", file=where, code=code))
        try:
            m = _MeasureIn.model_validate(body)
        except ValidationError as exc:
            raise CatalogueError(
                msg("catalogue.measure_invalid", file=where, code=code, detail=_first(exc))
            ) from None
        measures[code] = Measure(code, m.label_sv, m.label_en)
    cats: dict[str, Category] = {}
    for code, body in raw.get("category", {}).items():
        if not _CODE.match(code):
            raise CatalogueError(msg("catalogue.category_code", file=where, code=code))
        try:
            c = _CategoryIn.model_validate(body)
        except ValidationError as exc:
            raise CatalogueError(
                msg("catalogue.category_invalid", file=where, code=code, detail=_first(exc))
            ) from None
        missing = [m for m in c.measures if m not in measures]
        if missing:
            raise CatalogueError(
                msg("catalogue.unknown_measures", file=where, code=code, missing=missing)
            )
        cats[code] = Category(
            code,
            c.label_sv,
            c.label_en,
            c.kind,
            c.sensitive,
            c.fallback,
            tuple(c.measures),
            tuple(c.aliases),
        )
    for kind in ("incident", "observation"):
        fallbacks = [c.code for c in cats.values() if c.kind == kind and c.fallback]
        if len(fallbacks) != 1:
            raise CatalogueError(
                msg("catalogue.one_fallback", file=where, kind=kind, found=fallbacks)
            )
    seen: dict[str, str] = {}
    for cat in cats.values():
        for name in (cat.code, cat.label_sv, cat.label_en, *cat.aliases):
            key = normalize_label(name)
            other = seen.setdefault(key, cat.code)
            if other != cat.code:
                raise CatalogueError(msg(
                    "catalogue.name_twice", file=where, name=name, first=other, second=cat.code
                ))
    return Catalogue(cats, measures)


# pydantic's error types worded in the catalogue; other types keep pydantic's own words.
_ERRORS = {
    "missing": lambda: msg("catalogue.field_missing"),
    "extra_forbidden": lambda: msg("catalogue.field_unknown"),
    "literal_error": lambda: msg("catalogue.field_kind"),
    "blank": lambda: msg("catalogue.field_blank"),
}


def _first(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"])
    text = _ERRORS[err["type"]]() if err["type"] in _ERRORS else err["msg"]
    return f"{loc}: {text}" if loc else text


@lru_cache(maxsize=8)
def _load(path: Path, mtime: float) -> Catalogue:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogueError(msg("catalogue.not_found", file=path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(msg("catalogue.not_toml", file=path, detail=exc)) from None
    return _validate(raw, str(path))


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Load and validate the catalogue (``data/categories.toml`` of the settings by default)."""
    if path is None:
        from hotspots.settings import get_settings

        path = get_settings().data_dir / "categories.toml"
    path = Path(path)
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _load(path, mtime)
