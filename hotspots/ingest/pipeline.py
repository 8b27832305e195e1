"""``hotspots import``: read a file, normalise, geocode and store it in one transaction."""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from hotspots.catalogue import Catalogue, load_catalogue
from hotspots.errors import InputError
from hotspots.geocode.coordinates import CoordinateReader
from hotspots.i18n import msg
from hotspots.ingest.normalize import ChunkNormalizer, Placeholder, TextGeocoder
from hotspots.ingest.raw import SourceInfo
from hotspots.ingest.report import ImportReport
from hotspots.settings import Settings, get_settings

__all__ = ["import_file", "FORMATS", "load_placeholders", "open_reader"]

FORMATS = ("auto", "csv", "geojson", "polisen")
Progress = Callable[[int], None]


def open_reader(
    path: Path,
    fmt: str,
    *,
    column_map: dict[str, str] | None,
    settings: Settings,
    catalogue: Catalogue,
    chunk_rows: int,
):
    """The reader for ``fmt`` (guessed when ``auto``): ``(format, info, chunks)``."""
    from hotspots.ingest.sniff import guess_format

    if fmt not in FORMATS:
        raise InputError(msg("import.unknown_format", format=fmt, formats=", ".join(FORMATS)))
    if not path.exists():
        raise InputError(msg("input.file_not_found", file=path))
    if path.is_dir():
        raise InputError(msg("input.is_folder", file=path))
    if fmt == "auto":
        fmt = guess_format(path)
    if fmt == "csv":
        from hotspots.ingest.csv_reader import read_csv

        info, chunks = read_csv(path, column_map=column_map, chunk_rows=chunk_rows)
    elif fmt == "geojson":
        from hotspots.ingest.geojson_reader import read_geojson

        info, chunks = read_geojson(path, column_map=column_map, chunk_rows=chunk_rows)
    else:
        from hotspots.ingest.polisen import read_polisen

        info, chunks = read_polisen(
            path, chunk_rows=chunk_rows, catalogue=catalogue, data_dir=settings.data_dir
        )
    return fmt, info, chunks


def load_placeholders(path: Path) -> list[Placeholder]:
    """Known "no location" default points (``data/placeholder_points.csv``)."""
    if not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(r for r in fh if not r.startswith("#")), 2):
            try:
                out.append(
                    Placeholder(
                        float(row["lon"]),
                        float(row["lat"]),
                        float(row.get("tolerance_deg") or 1e-4),
                        row["label"],
                    )
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise InputError(msg("input.line_error", file=path, line=i, detail=exc)) from None
    return out


_DATE_TOKEN = re.compile(
    r"(?<![a-z0-9])(?:\d{4}[-_.]?\d{2}(?:[-_.]?\d{2})?|\d{4}[-_.]?[vw]\d{1,2}|[vw]\d{1,2}|"
    r"\d{4}|\d{8})(?![a-z0-9])",
    re.IGNORECASE,
)


def default_source(path: Path) -> str:
    """The source name for a file: its name without extensions and dates.

    Repeated exports from one system ("brott_2026-11-21.csv", "brott_2026-11-28.csv")
    are one source, so rows already imported from last week's file count as duplicates.
    """
    stem = path.name.split(".")[0]
    name = _DATE_TOKEN.sub(" ", stem)
    name = re.sub(r"[\s_\-.]+", "-", name).strip("-")
    return name or stem


def _sha256(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


def _coordinate_reader(
    info: SourceInfo, *, crs: int | None, settings: Settings, municipality: str | None
) -> CoordinateReader | None:
    cols = set(info.columns)
    if {"lat", "lon"} <= cols:
        roles = "latlon"
    elif {"x", "y"} <= cols:
        roles = "xy"
    else:
        return None
    area = None
    if municipality:
        from hotspots.geocode.boundaries import load_boundaries

        area = load_boundaries(settings.data_dir).polygon(municipality)
    return CoordinateReader(
        roles=roles, crs=crs, local_crs=settings.local_crs, area=area, area_name=municipality
    )


def import_file(
    path: str | Path,
    *,
    store,
    source: str | None = None,
    fmt: str = "auto",
    dry_run: bool = False,
    column_map: dict[str, str] | None = None,
    crs: int | None = None,
    kind: str = "incident",
    timezone: str | None = None,
    municipality: str | None = None,
    dayfirst: bool | None = None,
    geocode_text: TextGeocoder | None = None,
    settings: Settings | None = None,
    catalogue: Catalogue | None = None,
    chunk_rows: int = 50_000,
    progress: Progress | None = None,
) -> ImportReport:
    """Import one file into ``store`` and return the per-row report.

    Parameters
    ----------
    path : CSV, GeoJSON or polisen.se JSON/JSONL file (optionally gzipped).
    store : :class:`hotspots.store.Store` to write to.
    source : name of the source; ``(source, external_id)`` is unique. Defaults to
        ``polisen.se`` for polisen files and otherwise the file name without extensions
        and dates (see :func:`default_source`).
    fmt : ``auto``, ``csv``, ``geojson`` or ``polisen``.
    dry_run : read and check everything, then roll back.
    column_map : canonical field -> source header, for headers not recognised.
    crs : EPSG code of the coordinates when detection should not decide.
    kind : ``incident`` or ``observation``: the table for unknown categories.
    timezone : time zone of local times (default: the settings', Europe/Stockholm).
    municipality : kommun the file is about: points outside it are flagged.
    dayfirst : day/month order for numeric dates when the file does not settle it.
    geocode_text : geocoder for rows without coordinates.
    """
    settings = settings or get_settings()
    catalogue = catalogue or load_catalogue(settings.data_dir / "categories.toml")
    path = Path(path)
    if kind not in ("incident", "observation"):
        raise InputError(msg("import.bad_kind", kind=kind))
    fmt, info, chunks = open_reader(
        path,
        fmt,
        column_map=column_map,
        settings=settings,
        catalogue=catalogue,
        chunk_rows=chunk_rows,
    )
    municipality = municipality or settings.municipality
    if source is None:
        source = "polisen.se" if fmt == "polisen" else default_source(path)
    report = ImportReport(
        file=str(path),
        source=source,
        format=fmt,
        dry_run=dry_run,
        encoding=info.encoding,
        delimiter=info.delimiter,
        columns=dict(info.columns),
    )
    for w in info.warnings:
        report.warn(w)
    sha, size = _sha256(path)
    normalizer = ChunkNormalizer(
        catalogue=catalogue,
        tz=timezone or settings.timezone,
        dayfirst=dayfirst if dayfirst is not None else info.dayfirst,
        coordinates=_coordinate_reader(info, crs=crs, settings=settings, municipality=municipality),
        geocode_text=geocode_text,
        placeholders=load_placeholders(settings.data_dir / "placeholder_points.csv"),
        default_kind=kind,
        municipality=municipality,
        labels=dict(info.columns),
    )
    with store.import_batch(
        source=source,
        filename=str(path),
        fmt=fmt,
        dry_run=dry_run,
        file_sha256=sha,
        file_bytes=size,
        options={"crs": crs, "kind": kind, "municipality": municipality, "column_map": column_map},
    ) as writer:
        report.batch_id = writer.batch_id
        seen_reader_errors = 0
        for chunk in chunks:
            # readers may find unsplittable rows while streaming: take the new ones
            new_errors = info.row_errors[seen_reader_errors:]
            seen_reader_errors = len(info.row_errors)
            report.read += len(chunk) + len(new_errors)
            report.add_rejections(new_errors)
            writer.reject(new_errors)
            records, errors = normalizer(chunk)
            report.add_rejections(errors)
            writer.reject(errors)
            for k in ("incident", "observation"):
                part = records.loc[records["kind"] == k]
                stored, dups = writer.write(k, part)
                report.stored += stored
                setattr(report, k + "s", getattr(report, k + "s") + stored)
                report.add_duplicates(dups)
                if stored:
                    kept = (
                        part.loc[~part["line"].isin({d.line for d in dups})]
                        if dups
                        else part
                    )
                    report.review += int((kept["review"] == "pending").sum())
                    for p, c in kept["precision"].value_counts().items():
                        report.by_precision[p] = report.by_precision.get(p, 0) + int(c)
            if progress:
                progress(report.read)
        rest = info.row_errors[seen_reader_errors:]
        report.read += len(rest)
        report.add_rejections(rest)
        writer.reject(rest)
        if normalizer.coordinates is not None:
            for w in normalizer.coordinates.warnings:
                report.warn(w)
        for label, n in normalizer.placeholder_hits.items():
            report.warn(msg("import.placeholder_rows", n=n, label=label))
        if normalizer.ids.repeated:
            report.warn(msg("import.repeated_rows", n=normalizer.ids.repeated))
        report.unknown_categories = dict(normalizer.unknown_categories)
        if report.unknown_categories:
            names = ", ".join(
                f"{k!r} ({v})"
                for k, v in sorted(report.unknown_categories.items(), key=lambda kv: -kv[1])[:5]
            )
            report.warn(msg("import.unknown_categories", names=names))
        if report.read == 0:
            raise InputError(msg("import.no_data_rows", file=path))
        writer.finish(report)
    assert report.balanced, report  # every row read is stored, a duplicate or rejected
    return report
