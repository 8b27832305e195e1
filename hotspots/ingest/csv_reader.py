"""Read a CSV export (Excel, police systems, open data portals) into raw chunks.

The file is streamed twice in lockstep, chunk by chunk: pandas' C parser reads the
mapped columns (fast, bounded memory) while Python's ``csv`` module counts the fields of
every record, which the C parser cannot report without giving up its speed. Both follow
RFC 4180 quoting, so record *i* of one is record *i* of the other.

Rows whose field count differs from the header's are reported in
``SourceInfo.row_errors`` and not yielded: with a field too many or too few, every later
column of the row may be shifted. Extra fields that are empty (a trailing delimiter) are
harmless and accepted; so are missing fields under trailing empty headers.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
import zlib
from collections.abc import Iterator, Mapping
from itertools import islice

import numpy as np
import pandas as pd

from hotspots.errors import InputError
from hotspots.i18n import msg
from hotspots.ingest import sniff
from hotspots.ingest.columns import match_columns, require_columns
from hotspots.ingest.dates import day_order
from hotspots.ingest.raw import RowError, SourceInfo

__all__ = ["DELIMITERS", "detect_delimiter", "read_csv"]

#: Delimiters recognised, in order of preference on a tie.
DELIMITERS = (",", ";", "\t")

_SAMPLE_CHARS = 1 << 16
_SAMPLE_RECORDS = 50
_DECIMAL_COMMA = re.compile(r"^\s*[-+]?\d+,\d+\s*$")
_EXCEL_SEP_LINE = re.compile(r"^sep=(.)\r?\n?$", re.IGNORECASE)


def _records(text: str, delimiter: str) -> list[list[str]]:
    """The first records of a sample; a last record cut by the sample end is dropped."""
    lines = text.splitlines(keepends=True)
    if len(lines) > 1 and not lines[-1].endswith(("\n", "\r")):
        lines = lines[:-1]
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        return [row for row in islice(reader, _SAMPLE_RECORDS) if row]
    except csv.Error:
        return []


def _consistency(records: list[list[str]]) -> tuple[float, int]:
    """(share of data records as wide as the header, header width)."""
    if not records:
        return 0.0, 0
    width = len(records[0])
    data = records[1:]
    if not data:
        return 1.0, width
    return sum(len(r) == width for r in data) / len(data), width


def detect_delimiter(sample: str) -> str:
    """Pick the delimiter among ``,`` ``;`` and tab.

    ``csv.Sniffer`` is asked first; its answer is kept only if it splits the header into
    several fields and the data rows as wide as the header at least as consistently as
    the best candidate by count. Otherwise the most consistent candidate wins (widest on a
    tie). A sample with none of them is one column, read with ``,``.

    Parameters
    ----------
    sample
        The start of the file as text (a few kB are enough).
    """
    scores = {}
    for delimiter in DELIMITERS:
        share, width = _consistency(_records(sample, delimiter))
        scores[delimiter] = (width > 1, share, width)
    best = max(DELIMITERS, key=lambda d: scores[d])
    try:
        sniffed = csv.Sniffer().sniff(sample[:8192], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    if sniffed in scores and scores[sniffed][0] and scores[sniffed][1] >= scores[best][1]:
        return sniffed
    return best if scores[best][0] else ","


def _nones(values: np.ndarray) -> np.ndarray:
    """Object array of str with empty strings as None (the raw-chunk contract)."""
    values = values.astype(object, copy=False)
    return np.where(values == "", None, values)


class _Reader:
    """State of one read: the two parsers, the header and what was learnt so far."""

    def __init__(self, path: str | os.PathLike, chunk_rows: int) -> None:
        self.path = os.fspath(path)
        self.chunk_rows = chunk_rows
        self.encoding = sniff.detect_encoding(path)
        # A plain TextIOWrapper: the checked one of sniff.open_text costs a Python call
        # per line; decoding errors are caught around the whole read instead.
        self.text = io.TextIOWrapper(sniff.open_binary(path), encoding=self.encoding,
                                     errors="strict", newline="")
        try:
            self._read_header()
        except UnicodeDecodeError:
            self.text.close()
            raise sniff.decode_error(self.path, self.encoding) from None
        except BaseException:
            self.text.close()
            raise

    def _read_header(self) -> None:
        sample = self.text.read(_SAMPLE_CHARS)
        self.text.seek(0)
        self.preamble = 0
        first_line = sample.split("\n", 1)[0]
        if sep := _EXCEL_SEP_LINE.match(first_line + "\n"):
            # Excel writes "sep=;" as a first line to say which delimiter it used.
            self.delimiter = sep[1]
            self.preamble = 1
            self.text.readline()
        else:
            self.delimiter = detect_delimiter(sample)
        self.records = csv.reader(self.text, delimiter=self.delimiter)
        self.header = [h.strip() for h in self._next_record() or []]
        if not any(self.header):
            raise InputError(msg("csv.header_empty", file=self.path))
        self.width = len(self.header)
        # Rows may omit fields that sit under trailing empty headers.
        named = list(self.header)
        while named and not named[-1]:
            named.pop()
        self.min_width = len(named)
        self.line = 2 + self.preamble
        self.checking = True

    def _next_record(self) -> list[str] | None:
        try:
            return next(self.records, None)
        except csv.Error as exc:
            raise InputError(msg("csv.parse_error_quote", file=self.path,
                                 line=self.records.line_num, detail=exc)) from None

    def pandas_chunks(self, positions: list[int]) -> Iterator[pd.DataFrame]:
        """A pandas reader over the same file, header skipped, mapped columns only."""
        return pd.read_csv(
            self.path,
            sep=self.delimiter,
            header=0,
            skiprows=self.preamble,
            names=list(range(self.width)),
            usecols=positions,
            index_col=False,
            dtype=object,
            na_filter=False,
            skip_blank_lines=False,
            quotechar='"',
            doublequote=True,
            encoding=self.encoding,
            encoding_errors="strict",
            compression="gzip" if sniff.is_gzip(self.path) else None,
            chunksize=self.chunk_rows,
            engine="c",
        )

    def field_counts(self, n: int) -> tuple[np.ndarray, list[list[str]]] | None:
        """Field counts of the next ``n`` records and, in order, those not header-wide.

        None once the two parsers disagree on the number of records.
        """
        if not self.checking:
            return None
        odd: list[list[str]] = []

        # Keeping only the odd rows matters: holding 50,000 row lists at once makes
        # the garbage collector run over them repeatedly and triples the time.
        def measure(row: list[str], width: int = self.width, keep=odd.append) -> int:
            if (size := len(row)) != width:
                keep(row)
            return size

        try:
            counts = np.fromiter(map(measure, islice(self.records, n)), dtype=np.int64)
        except csv.Error as exc:
            raise InputError(msg("csv.parse_error", file=self.path,
                                 line=self.records.line_num, detail=exc)) from None
        if len(counts) != n:
            self.checking = False
            return None
        return counts, odd

    def close(self) -> None:
        self.text.close()


def _row_problems(reader: _Reader, counts: np.ndarray, rows: list[list[str]],
                  first_line: int, info: SourceInfo) -> np.ndarray:
    """Mask of records to drop (blank or ragged); ragged ones go to ``info.row_errors``.

    ``rows`` are the records whose count differs from the header's, in order.
    """
    drop = np.zeros(len(counts), dtype=bool)
    for i, row in zip(np.flatnonzero(counts != reader.width), rows, strict=True):
        if not any(f.strip() for f in row):
            drop[i] = True  # a blank line is no record
            continue
        n = len(row)
        if n > reader.width and not any(f.strip() for f in row[reader.width:]):
            continue
        if reader.min_width <= n < reader.width:
            continue
        drop[i] = True
        values = {"n": n, "width": reader.width, "delimiter": _show(reader.delimiter)}
        info.row_errors.append(RowError(
            line=first_line + int(i),
            field=None,
            reason=(msg("csv.more_fields", **values) if n > reader.width
                    else msg("csv.fewer_fields", **values)),
            value=reader.delimiter.join(row)[:200],
        ))
    return drop


def _show(delimiter: str) -> str:
    return "\\t" if delimiter == "\t" else delimiter


def _date_values(chunk: pd.DataFrame) -> pd.Series | None:
    for name in ("datetime", "date", "occurred_from"):
        if name in chunk:
            return chunk[name]
    return None


def _generate(path, column_map, chunk_rows) -> Iterator[SourceInfo | pd.DataFrame]:
    reader = _Reader(path, chunk_rows)
    try:
        match = match_columns(reader.header, column_map=column_map, source=reader.path)
        require_columns(match.columns, reader.header, source=reader.path)
        info = SourceInfo(format="csv", encoding=reader.encoding, delimiter=reader.delimiter,
                          columns=dict(match.columns), unmapped=list(match.unmapped))
        if not reader.encoding.startswith("utf"):
            info.warnings.append(msg("csv.legacy_encoding",
                                     encoding=sniff.describe_encoding(reader.encoding)))
        names = {pos: f for f, pos in match.positions.items()}
        positions = sorted(names)
        chunks = _read_chunks(reader, positions, names, info)
        first = next(chunks, None)
        if first is None and not info.row_errors:
            raise InputError(msg("csv.no_data_rows", file=reader.path))
        if first is not None:
            _learn_from(first, info)
        yield info
        if first is not None:
            yield first
        yield from chunks
    finally:
        reader.close()


def _read_chunks(reader: _Reader, positions, names, info) -> Iterator[pd.DataFrame]:
    line = reader.line
    unchecked_noted = False
    try:
        for chunk in reader.pandas_chunks(positions):
            n = len(chunk)
            checked = reader.field_counts(n)
            out = {"line": pd.Series(np.arange(line, line + n, dtype=np.int64))}
            for pos in positions:
                # An explicit object Series: pandas 3 would infer its string dtype,
                # which turns None into NaN.
                out[names[pos]] = pd.Series(_nones(chunk[pos].to_numpy()), dtype=object)
            frame = pd.DataFrame(out)
            if checked is None:
                if reader.checking is False and not unchecked_noted:
                    info.warnings.append(msg("csv.counts_unchecked", line=line))
                    unchecked_noted = True
            else:
                drop = _row_problems(reader, *checked, line, info)
                if drop.any():
                    frame = frame[~drop].reset_index(drop=True)
            line += n
            if len(frame):
                yield frame
    except UnicodeDecodeError:
        raise sniff.decode_error(reader.path, reader.encoding) from None
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise InputError(msg("input.bad_gzip", file=reader.path, detail=exc)) from None
    except pd.errors.ParserError as exc:
        message = str(exc).strip().splitlines()[-1]
        if m := re.search(r"EOF inside string starting at row (\d+)", message):
            start = int(m[1]) + 1 + reader.preamble
            raise InputError(msg("csv.quote_not_closed", file=reader.path,
                                 line=start)) from None
        raise InputError(msg("csv.unreadable_near", file=reader.path, line=line,
                             detail=message)) from None


def _learn_from(first: pd.DataFrame, info: SourceInfo) -> None:
    """File-level facts from the first chunk: day/month order and decimal commas."""
    dates = _date_values(first)
    if dates is not None:
        dayfirst, conflict = day_order(dates)
        info.dayfirst = dayfirst
        if conflict:
            info.warnings.append(msg("csv.mixed_day_order"))
    for name in ("lat", "lon", "x", "y"):
        if name in first:
            values = first[name].dropna().head(1000)
            if values.map(lambda v: bool(_DECIMAL_COMMA.match(v))).any():
                info.warnings.append(msg("csv.decimal_comma"))
                break


def read_csv(
    path: str | os.PathLike,
    *,
    column_map: Mapping[str, str] | None = None,
    chunk_rows: int = 50_000,
) -> tuple[SourceInfo, Iterator[pd.DataFrame]]:
    """Read a CSV file into :class:`SourceInfo` and an iterator of raw chunks.

    Parameters
    ----------
    path
        A ``.csv`` (or ``.txt``/``.tsv``), plain or gzip-compressed, delimited by ``,``,
        ``;`` or tab, in UTF-8 (with or without BOM), Windows-1252 or another encoding
        :func:`hotspots.ingest.sniff.detect_encoding` recognises.
    column_map
        Explicit field -> header mapping (``{"datum": "Händelsedatum"}``); overrides
        header recognition.
    chunk_rows
        Rows per chunk; memory use is bounded by it.

    Returns
    -------
    info : SourceInfo
        Encoding, delimiter, column mapping, warnings and ``dayfirst`` (from the first
        chunk). ``row_errors`` fills up while the chunks are read.
    chunks : Iterator[pandas.DataFrame]
        ``line`` (int) plus the mapped canonical columns (object: ``str``/None, verbatim:
        ``=SUM(A1)`` stays text). Close it (or exhaust it) to release the file.

    Raises
    ------
    InputError
        Empty, binary or undecodable file; header only; a required column missing; a bad
        ``column_map``. Decoding errors later in the file are raised while iterating.
    """
    if chunk_rows < 1:
        raise ValueError("chunk_rows must be positive")
    gen = _generate(path, column_map, chunk_rows)
    info = next(gen)
    assert isinstance(info, SourceInfo)
    return info, gen  # type: ignore[return-value]
