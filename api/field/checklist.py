"""The trygghetsvandring checklist (``data/checklist.toml``), checked against the catalogue.

Nine groups, one per Safetipin audit parameter, each with items that name the observation
category of the catalogue they are stored as.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from hotspots.errors import InputError
from hotspots.i18n import msg

__all__ = ["PARAMETERS", "Checklist", "ChecklistGroup", "ChecklistItem", "load_checklist"]

#: The nine Safetipin audit parameters, in the order the app shows them.
PARAMETERS = (
    "lighting",
    "openness",
    "visibility",
    "people",
    "security",
    "walk_path",
    "public_transport",
    "gender_usage",
    "feeling",
)


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to note, stored as an observation of ``category``."""

    code: str
    sv: str
    en: str
    category: str

    def label(self, language: str = "sv") -> str:
        """The label in ``language`` (``sv`` or ``en``)."""
        return self.en if language == "en" else self.sv


@dataclass(frozen=True)
class ChecklistGroup:
    """One audit parameter and its items."""

    code: str
    label_sv: str
    label_en: str
    items: tuple[ChecklistItem, ...]

    def label(self, language: str = "sv") -> str:
        """The heading in ``language`` (``sv`` or ``en``)."""
        return self.label_en if language == "en" else self.label_sv


@dataclass(frozen=True)
class Checklist:
    """The groups of the checklist, in :data:`PARAMETERS` order."""

    groups: tuple[ChecklistGroup, ...]

    def as_json(self, language: str, catalogue) -> list[dict]:
        """The groups with their items' labels in ``language``, for the app's script."""
        return [
            {
                "code": g.code,
                "label": g.label(language),
                "items": [
                    {
                        "code": i.code,
                        "label": i.label(language),
                        "category": i.category,
                        "category_label": catalogue[i.category].label(language),
                    }
                    for i in g.items
                ],
            }
            for g in self.groups
        ]


def _text(raw: dict, key: str, where: str, path: Path) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(msg("field.checklist_missing", file=path, where=where, key=key))
    return value.strip()


def _validate(raw: dict, path: Path, catalogue) -> Checklist:
    observation_codes = set(catalogue.codes("observation"))
    groups, seen = [], set()
    for n, g in enumerate(raw.get("group") or [], start=1):
        where = f"group {n}"
        code = _text(g, "code", where, path)
        if code not in PARAMETERS:
            raise InputError(
                msg(
                    "field.checklist_parameter",
                    file=path,
                    value=code,
                    allowed=", ".join(PARAMETERS),
                )
            )
        items = []
        for m, i in enumerate(g.get("item") or [], start=1):
            where = f"{code}, item {m}"
            item = ChecklistItem(
                *(_text(i, k, where, path) for k in ("code", "sv", "en")),
                category=_text(i, "category", where, path),
            )
            if item.code in seen:
                raise InputError(msg("field.checklist_duplicate", file=path, value=item.code))
            if item.category not in observation_codes:
                raise InputError(
                    msg(
                        "field.checklist_category",
                        file=path,
                        item=item.code,
                        value=item.category,
                        allowed=", ".join(sorted(observation_codes)),
                    )
                )
            seen.add(item.code)
            items.append(item)
        if not items:
            raise InputError(msg("field.checklist_no_items", file=path, group=code))
        groups.append(
            ChecklistGroup(
                code,
                _text(g, "label_sv", code, path),
                _text(g, "label_en", code, path),
                tuple(items),
            )
        )
    codes = [g.code for g in groups]
    if sorted(codes) != sorted(PARAMETERS):
        missing = [p for p in PARAMETERS if p not in codes]
        twice = sorted({c for c in codes if codes.count(c) > 1})
        raise InputError(
            msg(
                "field.checklist_groups",
                file=path,
                missing=", ".join(missing) or "-",
                twice=", ".join(twice) or "-",
            )
        )
    groups.sort(key=lambda g: PARAMETERS.index(g.code))
    return Checklist(tuple(groups))


@lru_cache(maxsize=4)
def _read(path: Path, mtime: float) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(msg("field.checklist_not_found", file=path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(msg("field.checklist_not_toml", file=path, detail=exc)) from None


def load_checklist(path: Path | None = None, *, catalogue=None) -> Checklist:
    """Load and check the checklist (``checklist.toml`` in the settings' data folder).

    Every item's category must be an observation category of ``catalogue`` (default: the
    settings' catalogue), and the groups must be exactly the nine :data:`PARAMETERS`.

    Raises
    ------
    InputError
        The file is missing or not TOML, or breaks one of the rules (the message says which).
    """
    if path is None:
        from hotspots.settings import get_settings

        path = get_settings().data_dir / "checklist.toml"
    if catalogue is None:
        from hotspots.catalogue import load_catalogue

        catalogue = load_catalogue()
    path = Path(path)
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _validate(_read(path, mtime), path, catalogue)
