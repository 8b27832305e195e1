"""Points for detection: projected coordinates in metres, never a guessed CRS."""

from __future__ import annotations

import numpy as np

from hotspots.errors import InputError

__all__ = ["projected_xy"]


def projected_xy(points) -> tuple[np.ndarray, np.ndarray, object]:
    """x, y (metres) and CRS of a GeoDataFrame/GeoSeries of points in a projected CRS.

    Raises :class:`~hotspots.errors.InputError` when the points have no CRS or a
    geographic one (degrees): detectors take metres and never guess.
    """
    crs = getattr(points, "crs", None)
    if crs is None:
        raise InputError("the points have no CRS: set one (e.g. EPSG:3006) before detection")
    if not crs.is_projected:
        raise InputError(
            f"the points are in {crs.name} (degrees): project them to metres first, "
            "e.g. points.to_crs(3006)"
        )
    geom = points.geometry if hasattr(points, "geometry") else points
    if len(geom) and not (geom.geom_type == "Point").all():
        raise InputError("detection takes point geometries only")
    x = np.asarray(geom.x, dtype=float)
    y = np.asarray(geom.y, dtype=float)
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise InputError("some points have empty or non-finite coordinates")
    return x, y, crs
