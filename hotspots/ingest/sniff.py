"""Open an input file as text: gzip, empty and binary checks, encoding and format detection.

Everything here reads at most a bounded head of the file (plus, for an all-ASCII head, a
scan for the first non-ASCII byte), so it is cheap on large files.

Public functions
----------------
detect_encoding(path) -> str
    The Python codec to read the file with; raises for empty, binary or undecodable files.
open_text(path) -> tuple[TextIO, str]
    A text stream (BOM stripped, line endings untranslated) and the codec it uses.
guess_format(path) -> str
    ``"csv"``, ``"geojson"`` or ``"polisen"``.
decode_error(path, encoding) -> InputError
    A one-line error locating the first byte that ``encoding`` cannot decode.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO

from hotspots.errors import InputError
from hotspots.i18n import msg

__all__ = [
    "SAMPLE_BYTES",
    "decode_error",
    "describe_encoding",
    "detect_encoding",
    "guess_format",
    "is_gzip",
    "open_binary",
    "open_text",
]

#: Bytes of the (decompressed) head used to decide the encoding.
SAMPLE_BYTES = 1 << 20

_BLOCK = 1 << 22
_GZIP_MAGIC = b"\x1f\x8b"

# Files that users rename to .csv by mistake; the message says what they probably are.
_SIGNATURES: tuple[tuple[bytes, Callable[[], str]], ...] = (
    (b"PK\x03\x04", lambda: msg("input.kind_zip")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", lambda: msg("input.kind_xls")),
    (b"\x89PNG\r\n\x1a\n", lambda: msg("input.kind_png")),
    (b"\xff\xd8\xff", lambda: msg("input.kind_jpeg")),
    (b"GIF8", lambda: msg("input.kind_gif")),
    (b"%PDF", lambda: msg("input.kind_pdf")),
    (b"SQLite format 3\x00", lambda: msg("input.kind_sqlite")),
)

# Control bytes that never occur in text; tab, CR, LF, VT, FF and Ctrl-Z (DOS end of file)
# are left out because old exports do contain them.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 26)) + b"\x7f"
_CONTROL_SHARE = 0.01

# cp1252 decodes almost any byte, so "decodes without error" is no evidence. Its 0x80-0x9F
# range holds punctuation (”, „, †) that never sits inside a word; DOS code page 850
# puts å/ä/ö exactly there ("G„rdsv„gen"), so such bytes between letters mean "not cp1252".
_CP1252_PUNCT = bytes(
    b for b in range(0x80, 0xA0) if b not in (0x81, 0x83, 0x8A, 0x8C, 0x8D, 0x8E, 0x8F, 0x90,
                                             0x9A, 0x9C, 0x9D, 0x9E, 0x9F)
)
_MIDWORD_PUNCT = re.compile(rb"[A-Za-z][" + re.escape(_CP1252_PUNCT) + rb"][A-Za-z]")

# Codec names as users know them; "utf-8-sig" is worded in describe_encoding.
_ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "cp1252": "Windows-1252",
}

_NON_ASCII = re.compile(rb"[\x80-\xff]")
# UTF-8 encodings of Latin-1 letters (å = C3 A5); as cp1252 they read "Ã¥", never real text.
_UTF8_SEQUENCE = re.compile(rb"[\xc3][\x80-\xbf]")

_LEGACY_SWEDISH = ("cp850", "mac_roman", "iso8859_15")
_SWEDISH_LETTERS = set("åäöÅÄÖéÉüÜ")

_JSON_EXTENSIONS = {".json", ".geojson", ".jsonl", ".ndjson"}
_POLISEN_KEYS = {"name", "datetime", "location"}


def is_gzip(path: str | os.PathLike) -> bool:
    """Whether the file is gzip-compressed (by its magic bytes, whatever its extension)."""
    with open(path, "rb") as f:
        return f.read(2) == _GZIP_MAGIC


def open_binary(path: str | os.PathLike) -> BinaryIO:
    """Open a plain or gzip file for reading bytes (decompressing transparently).

    Raises
    ------
    InputError
        The file does not exist or is a directory.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(msg("input.file_not_found", file=path))
    if p.is_dir():
        raise InputError(msg("input.is_folder", file=path))
    if is_gzip(p):
        return gzip.open(p, "rb")  # type: ignore[return-value]
    return open(p, "rb")


def _read_head(path: str | os.PathLike, size: int) -> tuple[bytes, bool]:
    """The first ``size`` decompressed bytes and whether they are the whole file."""
    try:
        with open_binary(path) as f:
            head = f.read(size)
            return head, len(head) < size or not f.read(1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputError(msg("input.bad_gzip", file=path, detail=exc)) from None


def _first_non_ascii_block(path: str | os.PathLike) -> bytes | None:
    """The block around the first non-ASCII byte of the file, or None if there is none.

    An all-ASCII head says nothing about the encoding; without this scan a file whose first
    "å" sits at byte 5,000,000 would be declared UTF-8 and fail later if it is cp1252.
    """
    try:
        with open_binary(path) as f:
            # The head is ASCII, so rescanning it costs next to nothing and keeps this
            # simple for gzip streams, which cannot seek cheaply.
            while block := f.read(_BLOCK):
                if not block.isascii():
                    first = _NON_ASCII.search(block).start()  # type: ignore[union-attr]
                    # The bytes before it are ASCII, so no character is cut at the
                    # start; one cut at the end is tolerated (complete=False).
                    start = max(0, first - 256)
                    return block[start : start + SAMPLE_BYTES]
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputError(msg("input.bad_gzip", file=path, detail=exc)) from None
    return None


def _check_binary(path: str | os.PathLike, head: bytes) -> None:
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            raise InputError(msg("input.binary_kind", file=path, kind=kind()))
    sample = head[:65536]
    controls = sum(sample.count(bytes([b])) for b in _CONTROL)
    if b"\x00" in sample or controls > _CONTROL_SHARE * len(sample):
        raise InputError(msg("input.binary", file=path))


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is NUL (UTF-16 text without a BOM)."""
    sample = head[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _decodes(data: bytes, encoding: str, complete: bool) -> bool:
    """Whether ``data`` decodes; a multi-byte sequence cut at the sample end is fine."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        decoder.decode(data, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def _cp1252_fits(data: bytes) -> bool:
    return _decodes(data, "cp1252", True) and _MIDWORD_PUNCT.search(data) is None


def _swedish_legacy(data: bytes) -> str | None:
    """A legacy code page in which the non-ASCII letters are mostly Swedish, or None.

    charset-normalizer reads DOS/Mac Swedish as Baltic or Central European code pages
    ("H””r" for Höör), so the code pages Swedish exports actually used are tried first.
    """
    best, best_share = None, 0.0
    for encoding in _LEGACY_SWEDISH:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        non_ascii = [c for c in text if ord(c) > 127]
        if non_ascii:
            share = sum(c in _SWEDISH_LETTERS for c in non_ascii) / len(non_ascii)
            if share > best_share:
                best, best_share = encoding, share
    return best if best_share >= 0.6 else None


def _guess_with_charset_normalizer(path: str | os.PathLike, data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(msg("input.unknown_encoding", file=path))
    return codecs.lookup(best.encoding).name


def detect_encoding(path: str | os.PathLike) -> str:
    """Decide the text encoding of a file, rejecting files that are not text.

    The decision uses the first :data:`SAMPLE_BYTES` bytes (after gzip decompression); if
    those are pure ASCII, the first non-ASCII region further on decides. Order: a BOM
    (UTF-8 or UTF-16), strict UTF-8, Windows-1252 (checked for plausibility, see
    ``_MIDWORD_PUNCT``), then charset-normalizer's best guess.

    Parameters
    ----------
    path
        A plain or gzip-compressed file.

    Returns
    -------
    str
        A Python codec name: ``"utf-8"``, ``"utf-8-sig"`` (BOM, stripped when reading),
        ``"utf-16"``, ``"cp1252"``, ``"cp850"`` ... or what charset-normalizer found.

    Raises
    ------
    InputError
        The file is empty or only whitespace, binary, or in no recognisable encoding.
    """
    head, complete = _read_head(path, SAMPLE_BYTES)
    if not head:
        raise InputError(msg("input.empty", file=path))
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
        body = head[len(codecs.BOM_UTF8) :]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
        body = head
    elif utf16 := _utf16_without_bom(head):
        encoding = utf16
        body = head
    else:
        encoding = ""
        body = head
    if encoding.startswith("utf-16"):
        text = body.decode(encoding, errors="replace")
        if not text.lstrip("\ufeff").strip():
            raise InputError(msg("input.only_whitespace", file=path))
        return encoding
    if not body.strip():
        if complete or _only_whitespace(path):
            raise InputError(msg("input.only_whitespace", file=path))
    _check_binary(path, body)
    if encoding:
        if not _decodes(body, "utf-8", complete):
            raise InputError(msg("input.bad_bom", file=path))
        return encoding
    sample = body
    if body.isascii():
        if complete:
            return "utf-8"
        later = _first_non_ascii_block(path)
        if later is None:
            return "utf-8"
        sample, complete = later, False
    if _decodes(sample, "utf-8", complete):
        return "utf-8"
    if _UTF8_SEQUENCE.search(sample):
        # Valid UTF-8 letters next to an invalid byte: a UTF-8 file with a pasted-in
        # cp1252 row. Any single encoding would garble part of it, so say where it breaks.
        raise decode_error(path, "utf-8")
    if _cp1252_fits(sample):
        return "cp1252"
    return _swedish_legacy(sample) or _guess_with_charset_normalizer(path, sample)


def _only_whitespace(path: str | os.PathLike) -> bool:
    with open_binary(path) as f:
        while block := f.read(_BLOCK):
            if block.strip():
                return False
    return True


def describe_encoding(encoding: str) -> str:
    """A user-facing name of a codec, e.g. ``"Windows-1252"`` for ``"cp1252"``."""
    if encoding == "utf-8-sig":
        return msg("input.utf8_bom")
    return _ENCODING_LABELS.get(encoding, encoding)


class _CheckedText(io.TextIOWrapper):
    """A text stream that turns decoding and gzip failures into one-line InputErrors.

    Iteration goes through ``readline`` (as for every TextIOWrapper subclass), so
    overriding ``read`` and ``readline`` covers it.
    """

    _source: str

    def _fail(self, exc: Exception) -> InputError:
        if isinstance(exc, UnicodeDecodeError):
            return decode_error(self._source, self.encoding)
        return InputError(msg("input.bad_gzip", file=self._source, detail=exc))

    def read(self, size: int | None = -1) -> str:  # noqa: D102
        try:
            return super().read(size)
        except (UnicodeDecodeError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise self._fail(exc) from None

    def readline(self, size: int = -1) -> str:  # noqa: D102
        try:
            return super().readline(size)
        except (UnicodeDecodeError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise self._fail(exc) from None


def open_text(path: str | os.PathLike, encoding: str | None = None) -> tuple[TextIO, str]:
    """Open a plain or gzip file as text in its detected encoding.

    Parameters
    ----------
    path
        The file.
    encoding
        A codec to use instead of :func:`detect_encoding` (which then does not run).

    Returns
    -------
    tuple[TextIO, str]
        The stream (``newline=""``: line endings are not translated, as the ``csv`` module
        wants; a BOM is stripped) and the codec name. Close the stream when done. A byte
        that does not decode later in the file raises :class:`InputError` with its offset
        and line instead of ``UnicodeDecodeError``.

    Raises
    ------
    InputError
        See :func:`detect_encoding`.
    """
    encoding = encoding or detect_encoding(path)
    stream = _CheckedText(open_binary(path), encoding=encoding, errors="strict", newline="")
    stream._source = os.fspath(path)
    return stream, encoding


def decode_error(path: str | os.PathLike, encoding: str) -> InputError:
    """Locate the first undecodable byte of a file and describe it in one line.

    Used after a decoder failed mid-file, so this re-reads the file from the start.

    Returns
    -------
    InputError
        Naming the file, the byte offset (0-based, after decompression) and the line; raise it.
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = 0
    lines = 1
    label = describe_encoding(encoding)
    with open_binary(path) as f:
        while block := f.read(_BLOCK):
            # The decoder reports positions in (bytes carried over + block).
            carried = len(decoder.getstate()[0])
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                pos = exc.start - carried
                lines += block.count(b"\n", 0, max(pos, 0))
                byte = block[pos : pos + 1].hex() if pos >= 0 else "?"
                return InputError(msg(
                    "input.bad_byte", file=path, byte=byte, offset=offset + pos, line=lines,
                    encoding=label,
                ))
            lines += block.count(b"\n")
            offset += len(block)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return InputError(msg("input.cut_character", file=path, encoding=label))
    return InputError(msg("input.undecodable", file=path, encoding=label))


def _first_json_value(text: str) -> object | None:
    """The first complete JSON value in ``text`` (an array's first element), or None."""
    decoder = json.JSONDecoder()
    stripped = text.lstrip()
    pos = 0
    if stripped.startswith("["):
        pos = 1
        while pos < len(stripped) and stripped[pos].isspace():
            pos += 1
    try:
        value, _ = decoder.raw_decode(stripped, pos)
    except json.JSONDecodeError:
        return None
    return value


def guess_format(path: str | os.PathLike) -> str:
    """Guess which reader a file needs, from its content and extension.

    ``.gz`` is looked through (``events.json.gz`` is JSON). A file whose first non-blank
    character is ``{`` or ``[`` is JSON whatever its extension:

    * ``geojson``: an object with ``"type": "FeatureCollection"``;
    * ``polisen``: a JSON array of objects with ``name``, ``datetime`` and ``location``
      (the polisen.se API), or JSON lines of such objects.

    Anything else is ``csv`` (including ``.txt`` and ``.tsv``), unless the extension says
    JSON.

    Returns
    -------
    str
        ``"csv"``, ``"geojson"`` or ``"polisen"``.

    Raises
    ------
    InputError
        The file is empty, binary or undecodable, or JSON of neither kind.
    """
    encoding = detect_encoding(path)
    head, _ = _read_head(path, 65536)
    text = head.decode(encoding, errors="replace").lstrip("\ufeff")
    first = text.lstrip()[:1]
    name = Path(path).name.lower()
    ext = Path(name[:-3] if name.endswith(".gz") else name).suffix
    if first not in ("{", "["):
        if ext in _JSON_EXTENSIONS:
            raise InputError(msg("input.not_json_ext", file=path, ext=ext, first=first))
        return "csv"
    value = _first_json_value(text)
    if first == "{":
        if isinstance(value, dict):
            if value.get("type") == "FeatureCollection":
                return "geojson"
            if _POLISEN_KEYS <= value.keys():
                return "polisen"
            kind = value.get("type")
            what = (
                msg("input.json_kind", kind=kind)
                if isinstance(kind, str)
                else msg("input.json_object")
            )
            raise InputError(msg("input.json_neither", file=path, what=what))
        # The object did not fit in the head: a large FeatureCollection usually says so
        # near its start.
        if re.search(r'"type"\s*:\s*"FeatureCollection"', text) or re.search(
            r'"features"\s*:\s*\[', text
        ):
            return "geojson"
        raise InputError(msg("input.json_not_collection", file=path))
    if isinstance(value, dict) and _POLISEN_KEYS <= value.keys():
        return "polisen"
    if value is None and all(f'"{k}"' in text for k in _POLISEN_KEYS):
        return "polisen"
    if re.fullmatch(r"\[\s*\]\s*", text):
        raise InputError(msg("input.json_empty_array", file=path))
    raise InputError(msg("input.json_not_polisen", file=path))
