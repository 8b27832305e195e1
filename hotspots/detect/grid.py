"""Regular square grids in a projected CRS (metres): the common ground of every detector."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hotspots.errors import InputError

__all__ = ["Grid", "MAX_CELLS", "scaled_cell_size"]

#: Refuse grids larger than this (a float64 grid of 50 M cells is 400 MB).
MAX_CELLS = 50_000_000


def scaled_cell_size(bounds, base: float, max_cells: int, *, step: float = 50.0) -> float:
    """``base`` metres, or larger when the box ``bounds`` would need more than ``max_cells``.

    A town fits in 100 m cells; a county of 4,000 km² would need 400,000 of them. Maps and
    reports that cover any area use this to keep their grids small; the size is rounded up
    to a multiple of ``step`` so it reads well in a legend.
    """
    x0, y0, x1, y1 = (float(v) for v in bounds)
    area = max(x1 - x0, 0.0) * max(y1 - y0, 0.0)
    if not np.isfinite(area) or area <= base * base * max_cells:
        return float(base)
    return float(max(base, np.ceil(np.sqrt(area / max_cells) / step) * step))


@dataclass(frozen=True)
class Grid:
    """A grid of ``nx`` x ``ny`` square cells of ``cell_size`` metres.

    ``x0``/``y0`` is the lower-left corner; row ``j`` (0 = south), column ``i`` (0 = west):
    arrays indexed ``[j, i]``. ``crs`` is the EPSG code of the coordinates.
    """

    x0: float
    y0: float
    cell_size: float
    nx: int
    ny: int
    crs: int | str | None = None

    @classmethod
    def from_bounds(
        cls,
        xmin: float,
        ymin: float,
        xmax: float,
        ymax: float,
        *,
        cell_size: float,
        margin: float = 0.0,
        crs=None,
    ) -> Grid:
        """The grid covering the bounds plus ``margin`` metres, aligned to ``cell_size``."""
        if not np.isfinite(cell_size) or cell_size <= 0:
            raise InputError(f"cell size must be a positive number of metres, not {cell_size!r}")
        if not all(np.isfinite(v) for v in (xmin, ymin, xmax, ymax)):
            raise InputError("grid bounds must be finite")
        x0 = np.floor((xmin - margin) / cell_size) * cell_size
        y0 = np.floor((ymin - margin) / cell_size) * cell_size
        nx = int(np.ceil((xmax + margin - x0) / cell_size)) or 1
        ny = int(np.ceil((ymax + margin - y0) / cell_size)) or 1
        nx, ny = max(nx, 1), max(ny, 1)
        if nx * ny > MAX_CELLS:
            raise InputError(
                f"a grid of {nx} x {ny} cells of {cell_size:g} m would not fit in memory "
                f"(limit {MAX_CELLS:,} cells): use larger cells or a smaller area"
            )
        return cls(float(x0), float(y0), float(cell_size), nx, ny, crs)

    @property
    def shape(self) -> tuple[int, int]:
        """``(ny, nx)``: the shape of arrays on this grid."""
        return self.ny, self.nx

    @property
    def cell_area_km2(self) -> float:
        """Area of one cell in km²."""
        return (self.cell_size / 1000.0) ** 2

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """``(xmin, ymin, xmax, ymax)`` of the whole grid."""
        return (
            self.x0,
            self.y0,
            self.x0 + self.nx * self.cell_size,
            self.y0 + self.ny * self.cell_size,
        )

    def centers(self) -> tuple[np.ndarray, np.ndarray]:
        """X and y of the cell centres as 2-D arrays of :attr:`shape`."""
        xs = self.x0 + (np.arange(self.nx) + 0.5) * self.cell_size
        ys = self.y0 + (np.arange(self.ny) + 0.5) * self.cell_size
        return np.meshgrid(xs, ys)

    def index(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Column, row and an inside-mask of the cells holding points ``x``, ``y``."""
        i = np.floor((np.asarray(x, float) - self.x0) / self.cell_size).astype(np.int64)
        j = np.floor((np.asarray(y, float) - self.y0) / self.cell_size).astype(np.int64)
        inside = (i >= 0) & (i < self.nx) & (j >= 0) & (j < self.ny)
        return i, j, inside

    def cell_polygons(self, mask: np.ndarray | None = None):
        """Shapely boxes of the cells (all, or where ``mask``), with their ``(j, i)``."""
        import shapely

        jj, ii = np.nonzero(np.ones(self.shape, bool) if mask is None else mask)
        x = self.x0 + ii * self.cell_size
        y = self.y0 + jj * self.cell_size
        boxes = shapely.box(x, y, x + self.cell_size, y + self.cell_size)
        return boxes, jj, ii
