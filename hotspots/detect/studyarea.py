"""The study area of a forecast: a polygon, and the grid cells whose centre lies inside it.

Its area ``A`` (what PAI divides by) is the area of those cells. Without a polygon the
study area is the convex hull of the points, without stray ones (see
:func:`default_study_area`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hotspots.detect.grid import Grid
from hotspots.errors import InputError
from hotspots.i18n import msg

__all__ = ["StudyGrid", "default_study_area", "study_grid"]


@dataclass(frozen=True, eq=False)
class StudyGrid:
    """The grid over a study area and the cells whose centre lies inside it.

    Attributes
    ----------
    grid : Grid
        Cells of ``grid.cell_size`` metres covering the area's bounds.
    mask : numpy.ndarray
        bool, ``grid.shape``: the cells of the study area.
    geometry : shapely geometry
        The study area, in the CRS of ``grid.crs``.
    """

    grid: Grid
    mask: np.ndarray
    geometry: object

    @classmethod
    def from_area(cls, area, *, cell_size: float, crs=None) -> StudyGrid:
        """The study grid of ``area`` with cells of ``cell_size`` metres.

        Parameters
        ----------
        area
            A polygon: a GeoDataFrame/GeoSeries with a CRS (converted to ``crs``; several
            features are merged) or a shapely geometry, taken to be in ``crs`` already.
        cell_size
            Side of a cell, metres.
        crs
            The projected CRS of the points.
        """
        import geopandas as gpd
        import shapely

        if isinstance(area, gpd.GeoDataFrame | gpd.GeoSeries):
            if area.crs is None:
                raise InputError(msg("evaluate.area_no_crs"))
            if crs is not None:
                area = area.to_crs(crs)
            geom = shapely.union_all(area.geometry.to_numpy())
        else:
            geom = area
        if geom is None or geom.is_empty or geom.area <= 0:
            raise InputError(msg("evaluate.area_empty"))
        grid = Grid.from_bounds(*geom.bounds, cell_size=cell_size, crs=_epsg(crs))
        cx, cy = grid.centers()
        shapely.prepare(geom)
        mask = shapely.contains_xy(geom, cx, cy)
        if not mask.any():
            raise InputError(msg("evaluate.area_too_small", cell_size=cell_size))
        return cls(grid, mask, geom)

    @property
    def n_cells(self) -> int:
        """Number of cells in the study area."""
        return int(self.mask.sum())

    @property
    def area_km2(self) -> float:
        """``A``: the area of the study area's cells, km²."""
        return self.n_cells * self.grid.cell_area_km2

    def counts(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Number of points in each cell (``grid.shape``; points off the grid are left out)."""
        i, j, inside = self.grid.index(x, y)
        flat = j[inside] * self.grid.nx + i[inside]
        return np.bincount(flat, minlength=self.grid.nx * self.grid.ny).reshape(self.grid.shape)


def _epsg(crs):
    if crs is None:
        return None
    epsg = crs.to_epsg() if hasattr(crs, "to_epsg") else None
    return epsg if epsg is not None else str(crs)


def study_grid(points_crs, study_area, cell_size: float, x, y) -> StudyGrid:
    """``study_area`` as a :class:`StudyGrid` (the hull of ``x``, ``y`` if None)."""
    if isinstance(study_area, StudyGrid):
        if study_area.grid.cell_size != cell_size:
            raise InputError(msg(
                "evaluate.cell_size_mismatch", cell_size=cell_size,
                grid_size=study_area.grid.cell_size,
            ))
        return study_area
    if study_area is None:
        study_area = default_study_area(x, y, cell_size=cell_size)
    return StudyGrid.from_area(study_area, cell_size=cell_size, crs=points_crs)


def default_study_area(x: np.ndarray, y: np.ndarray, *, cell_size: float):
    """The convex hull of the points, without stray ones (buffered by a cell if flat).

    Stray points are those outside the box of the 0.5-99.5 % quantiles of x and y widened
    by a tenth of its size on each side (only with 200 points or more): a geocoding error
    or a crime recorded 300 km away would otherwise make half a country the study area.
    They stay in the data, outside the study area (the evaluation counts them in a note).
    """
    import shapely

    if len(x) == 0:
        raise InputError(msg("evaluate.no_points"))
    if len(x) >= 200:
        keep = np.ones(len(x), dtype=bool)
        for v in (x, y):
            lo, hi = np.quantile(v, [0.005, 0.995])
            pad = (hi - lo) / 10
            keep &= (v >= lo - pad) & (v <= hi + pad)
        x, y = x[keep], y[keep]
    hull = shapely.multipoints(np.column_stack([x, y])).convex_hull
    if hull.area <= 0:
        hull = hull.buffer(cell_size)
    return hull
