"""Run a detector on the stored incidents, keep the run, and return it as GeoJSON."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from hotspots.errors import InputError
from hotspots.i18n import msg

__all__ = ["METHODS", "RunResult", "detect_hotspots", "result_frame", "run_detection"]

#: method name -> (module, estimator class); imported on use
METHODS = {
    "kde": ("hotspots.detect.kde", "KDEHotspots"),
    "dbscan": ("hotspots.detect.dbscan", "DBSCANHotspots"),
    "gistar": ("hotspots.detect.gistar", "GiStarHotspots"),
    "emerging": ("hotspots.detect.emerging", "EmergingHotspots"),
    "forecast": ("hotspots.detect.forecast_layer", "ForecastHotspots"),
}


def _estimator(method: str):
    if method not in METHODS:
        raise InputError(msg("detect.unknown_method", method=method, known=", ".join(METHODS)))
    import importlib

    module, name = METHODS[method]
    return getattr(importlib.import_module(module), name)


def detect_hotspots(points, method: str = "kde", /, **params):
    """Fit the detector ``method`` (kde, dbscan, gistar, emerging) on projected ``points``.

    Returns the fitted estimator; :func:`result_frame` gives its map layer.
    """
    return _estimator(method)(**params).fit(points)


def result_frame(estimator):
    """The GeoDataFrame a map shows for a fitted estimator.

    Hotspot polygons (kde, dbscan), the significant hot and cold cells (gistar) or the
    cells with an emerging pattern (emerging): not the tens of thousands of quiet cells.
    """
    cells = getattr(estimator, "cells_", None)
    if cells is not None:
        if "pattern" in cells:
            return cells.loc[cells["pattern"] != "no_pattern"]
        if "class" in cells:
            return cells.loc[cells["class"] != 0]
        return cells
    frame = getattr(estimator, "hotspots_", None)
    if frame is not None:
        return frame
    raise InputError(msg("detect.no_result"))


def fingerprint(points) -> str:
    """sha256 of the input points (record id and metres, sorted): same input, same value."""
    ids = points["id"].to_numpy() if "id" in points else np.arange(len(points))
    x = np.round(points.geometry.x.to_numpy(), 3)
    y = np.round(points.geometry.y.to_numpy(), 3)
    order = np.lexsort((y, x, ids))
    h = hashlib.sha256()
    for arr in (ids[order].astype("int64"), x[order], y[order]):
        h.update(np.ascontiguousarray(arr).tobytes())
    return h.hexdigest()


@dataclass(frozen=True)
class RunResult:
    """A stored run and its layer as a GeoJSON FeatureCollection (WGS84)."""

    run_id: int | None
    geojson: dict
    n_points: int
    summary: dict


def run_detection(
    store,
    *,
    method: str,
    params: dict | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    categories: list[str] | None = None,
    kind: str = "incident",
    bbox: tuple[float, float, float, float] | None = None,
    crs: int = 3006,
    min_precision: str = "street",
    save: bool = True,
) -> RunResult:
    """Load the points of a window, run ``method`` and store the run with its result."""
    from hotspots.detect.source import load_points

    params = dict(params or {})
    points = load_points(
        store,
        bbox=bbox,
        start=start,
        end=end,
        categories=categories,
        kind=kind,
        min_precision=min_precision,
        crs=crs,
    )
    if points.empty:
        raise InputError(msg("detect.no_points"))
    fit_params = dict(params)
    if method == "emerging" and end is not None:
        # time bins end with the window, so the last bin is the last week asked for
        fit_params.setdefault("end", end)
    est = detect_hotspots(points, method, **fit_params)
    frame = result_frame(est)
    geojson = (
        json.loads(frame.to_crs(4326).to_json(drop_id=True))
        if len(frame)
        else {"type": "FeatureCollection", "features": []}
    )
    summary = {
        "features": len(geojson["features"]),
        "n_points": int(len(points)),
        "bbox": list(bbox) if bbox else None,
    }
    run_id = None
    if save:
        from hotspots.store.runs import save_run

        run_id = save_run(
            store,
            method=method,
            params=params,
            kind=kind,
            categories=categories,
            window_from=start,
            window_to=end,
            crs=f"EPSG:{crs}",
            n_points=len(points),
            input_sha256=fingerprint(points),
            result=geojson,
            summary=summary,
        )
    return RunResult(run_id, geojson, len(points), summary)
