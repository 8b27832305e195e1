"""Mapping of polisen.se event types to catalogue categories (``data/polisen_types.csv``).

The file has the header ``type,category``: ``type`` is the event type exactly as the
polisen.se events API writes it ("Trafikolycka, vilt"), ``category`` a category code of
``data/categories.toml``. Types are matched case-insensitively with whitespace trimmed
(the API writes "Lagen om hundar och katter " with a trailing blank). A type that is not in
the file goes through :meth:`hotspots.catalogue.Catalogue.resolve` and, when that does not
recognise it either, to the incident fallback category.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from hotspots.catalogue import Catalogue, Category, load_catalogue, normalize_label
from hotspots.errors import CatalogueError
from hotspots.i18n import msg

__all__ = ["PolisenTypeMap", "load_polisen_types", "TYPES_FILE"]

#: File name of the mapping inside the data directory.
TYPES_FILE = "polisen_types.csv"

#: How a type was mapped: by the mapping file, by a catalogue name/alias, or to the fallback.
MappedBy = Literal["mapping", "catalogue", "fallback"]


@dataclass(frozen=True)
class PolisenTypeMap:
    """Validated ``type -> category`` mapping, with the catalogue as fallback.

    Attributes
    ----------
    mapping : dict[str, str]
        Normalised event type (see :func:`hotspots.catalogue.normalize_label`) to category code.
    catalogue : Catalogue
        The catalogue the codes were validated against.
    """

    mapping: dict[str, str]
    catalogue: Catalogue

    def resolve(self, event_type: str | None) -> tuple[Category, MappedBy]:
        """The category of an event type and how it was found.

        Examples
        --------
        >>> types = load_polisen_types()
        >>> cat, how = types.resolve("Trafikolycka, vilt")
        >>> (cat.code, how)
        ('trafik', 'mapping')
        """
        if event_type is not None:
            code = self.mapping.get(normalize_label(event_type))
            if code is not None:
                return self.catalogue[code], "mapping"
        cat, known = self.catalogue.resolve(event_type, kind="incident")
        if known and cat.kind == "incident":
            return cat, "catalogue"
        return self.catalogue.fallback("incident"), "fallback"


def load_polisen_types(
    path: Path | None = None, *, catalogue: Catalogue | None = None
) -> PolisenTypeMap:
    """Load and validate the polisen.se type mapping.

    Parameters
    ----------
    path
        The CSV file; ``data/polisen_types.csv`` of the settings' data directory by default.
    catalogue
        Catalogue to validate against; loaded from the settings by default.

    Raises
    ------
    CatalogueError
        The file is missing or unreadable, the header is not ``type,category``, a line does
        not have two non-empty fields, a type occurs twice, or a category code is not an
        incident category of the catalogue. The message names the file and line.
    """
    if path is None:
        from hotspots.settings import get_settings

        path = get_settings().data_dir / TYPES_FILE
    path = Path(path)
    if catalogue is None:
        catalogue = load_catalogue()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CatalogueError(msg("types.not_found", file=path)) from None
    except UnicodeDecodeError as exc:
        raise CatalogueError(msg("types.not_utf8", file=path, detail=exc.reason)) from None

    rows = csv.reader(text.splitlines())
    header = next(rows, None)
    if header is None or [h.strip().casefold() for h in header] != ["type", "category"]:
        raise CatalogueError(msg("types.bad_header", file=path, header=header))
    mapping: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        if not row or all(not f.strip() for f in row):
            continue
        if len(row) != 2 or not row[0].strip() or not row[1].strip():
            raise CatalogueError(msg("types.two_fields", file=path, line=line, row=row))
        event_type, code = row[0].strip(), row[1].strip()
        if code not in catalogue:
            raise CatalogueError(msg(
                "types.unknown_category", file=path, line=line, code=code, type=event_type,
                known=", ".join(catalogue.codes("incident")),
            ))
        if catalogue[code].kind != "incident":
            raise CatalogueError(msg(
                "types.not_incident", file=path, line=line, code=code, type=event_type,
                kind=catalogue[code].kind,
            ))
        key = normalize_label(event_type)
        if key in mapping:
            raise CatalogueError(msg(
                "types.already_mapped", file=path, line=line, type=event_type,
                first=first_line[key],
            ))
        mapping[key] = code
        first_line[key] = line
    return PolisenTypeMap(mapping, catalogue)
