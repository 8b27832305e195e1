"""The forecast as a map layer: the best cells for an area budget in the coming period."""

from __future__ import annotations

from datetime import datetime

import geopandas as gpd
import numpy as np
import pandas as pd

__all__ = ["ForecastHotspots"]


class ForecastHotspots:
    """Risk cells for the period after ``origin`` (``hotspots detect --method forecast``).

    Parameters
    ----------
    method : a forecast of :data:`hotspots.detect.forecast.FORECAST_METHODS`
        (``prospective``, ``last_period``, ``long_run`` ...).
    origin : start of the forecast period (aware datetime); default: just after the newest
        incident.
    horizon : length of the period (``7d``, ``14d``, ``1m``).
    coverage : share of the study area to mark (ignored when ``area_km2`` is given).
    area_km2 : the area budget, km².
    cell_size : side of a cell, metres.
    **params : parameters of the forecast (``bandwidth``, ``time_bandwidth_days`` ...).

    Attributes
    ----------
    forecast_ : the fitted forecast (its ``risk_`` is the full risk grid).
    cells_ : GeoDataFrame of the chosen cells (points' CRS) with ``rank`` and ``risk``.
    """

    def __init__(
        self,
        *,
        method: str = "prospective",
        origin: datetime | None = None,
        horizon: str = "7d",
        coverage: float = 0.05,
        area_km2: float | None = None,
        cell_size: float = 100.0,
        **params,
    ):
        self.method = method
        self.origin = origin
        self.horizon = horizon
        self.coverage = coverage
        self.area_km2 = area_km2
        self.cell_size = cell_size
        self.params = params

    def fit(self, points) -> ForecastHotspots:
        """Fit the forecast on ``points`` known before the origin and pick the top cells."""
        from hotspots.detect.forecast import forecast_hotspots

        origin = self.origin
        if origin is None:
            newest = pd.to_datetime(points["occurred_from"], utc=True).max()
            origin = (newest + pd.Timedelta(seconds=1)).to_pydatetime()
        params = dict(self.params)
        if self.method == "auto":  # it tunes its choice for the same area budget
            params.update(
                coverage=None if self.area_km2 else self.coverage, area_km2=self.area_km2
            )
        fc = forecast_hotspots(
            points,
            origin=origin,
            method=self.method,
            cell_size=self.cell_size,
            horizon=self.horizon,
            **params,
        )
        top = fc.predict_top(
            area_km2=self.area_km2, coverage=None if self.area_km2 else self.coverage
        )
        boxes, jj, ii = fc.grid_.cell_polygons(top)
        flat = jj * fc.grid_.nx + ii
        rank = {int(c): r + 1 for r, c in enumerate(fc.ranking_)}
        self.forecast_ = fc
        self.cells_ = (
            gpd.GeoDataFrame(
                {
                    "rank": [rank[int(c)] for c in flat],
                    "risk": np.asarray(fc.risk_)[jj, ii].astype(float),
                    "origin": origin.isoformat(),
                    "horizon": str(self.horizon),
                },
                geometry=boxes,
                crs=points.crs,
            )
            .sort_values("rank")
            .reset_index(drop=True)
        )
        return self
