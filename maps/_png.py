"""A small PNG writer (numpy + zlib) and the colour ramp of the density image."""

from __future__ import annotations

import struct
import zlib

import numpy as np

__all__ = ["DENSITY_RAMP", "colourize", "encode_png"]

#: Yellow -> orange -> dark red (ColorBrewer YlOrRd, 6 classes), low to high density.
DENSITY_RAMP = ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026")


def encode_png(rgba: np.ndarray) -> bytes:
    """PNG bytes of an ``(height, width, 4)`` uint8 RGBA image, first row on top."""
    rgba = np.ascontiguousarray(rgba, dtype=np.uint8)
    height, width, depth = rgba.shape
    if depth != 4:
        raise ValueError("encode_png needs an RGBA image (height, width, 4)")
    # Filter type 0 (none) before every row.
    raw = np.concatenate([np.zeros((height, 1), np.uint8), rgba.reshape(height, -1)], axis=1)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw.tobytes(), 9))
        + chunk(b"IEND", b"")
    )


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def colourize(values: np.ndarray, breaks: np.ndarray, *, alpha: int = 190) -> np.ndarray:
    """RGBA image of ``values`` in the classes ``breaks`` (len(DENSITY_RAMP) + 1 edges).

    Values below ``breaks[0]`` (and NaN) are transparent: the background shows through where
    there is (next to) nothing.
    """
    values = np.asarray(values, dtype=float)
    palette = np.array([_rgb(c) for c in DENSITY_RAMP], dtype=np.uint8)
    cls = np.clip(np.searchsorted(breaks[1:-1], values, side="right"), 0, len(palette) - 1)
    out = np.zeros(values.shape + (4,), np.uint8)
    shown = np.isfinite(values) & (values >= breaks[0])
    out[shown, :3] = palette[cls[shown]]
    out[shown, 3] = alpha
    return out
