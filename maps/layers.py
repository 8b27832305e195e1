"""Map layers built from fitted detectors and stored records: data for the Leaflet page.

Each builder returns a :class:`Layer`: a name for the layer control, the data the page draws
(GeoJSON in lon/lat, an image overlay, or markers), and a legend. Every text a user or a
source wrote (descriptions, category names, labels) is HTML-escaped here, before it reaches
the page, so a note ``<script>`` shows as text.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from html import escape

import numpy as np

from hotspots.i18n import t
from maps._png import DENSITY_RAMP, colourize, encode_png

__all__ = [
    "MAX_OBSERVATION_POINTS",
    "Layer",
    "boundary_layer",
    "dbscan_layer",
    "density_layer",
    "gistar_layer",
    "observation_layer",
]

#: Above this many observations the layer shows counts per cell, not markers (DESIGN.md:
#: "a map never carries tens of thousands of raw markers").
MAX_OBSERVATION_POINTS = 2000

#: Gi* confidence class -> fill colour (ArcGIS' hot/cold palette).
GISTAR_COLOURS = {
    3: "#d62f27",
    2: "#ed7551",
    1: "#fab984",
    -1: "#c0ccbe",
    -2: "#849eba",
    -3: "#4575b5",
}

#: Colours of observation categories, in catalogue order (ColorBrewer Set1 + Dark2).
MARKER_COLOURS = (
    "#e41a1c",
    "#377eb8",
    "#4daf4a",
    "#984ea3",
    "#ff7f00",
    "#a65628",
    "#f781bf",
    "#1b9e77",
    "#666666",
    "#d95f02",
    "#7570b3",
    "#e7298a",
)


@dataclass
class Layer:
    """One switchable layer of the map.

    ``kind`` is ``geojson`` (``data`` a FeatureCollection whose features carry ``style``,
    ``popup`` and ``tooltip`` properties), ``image`` (``data`` with ``url`` and ``bounds``)
    or ``markers`` (``data`` with ``points`` and ``cluster``). ``legend`` is HTML, already
    escaped. ``count`` is the number of features, cells or markers drawn.
    """

    key: str
    name: str
    kind: str
    data: dict
    legend: str = ""
    count: int = 0
    show: bool = True
    bounds: list = field(default_factory=list)  # [[south, west], [north, east]] or empty
    fit: bool = True  # the first view shows this layer (the boundary only when alone)


# ------------------------------------------------------------------------------ helpers
def _to_wgs84(frame):
    return frame.to_crs(4326) if frame.crs is not None and frame.crs.to_epsg() != 4326 else frame


def _bounds(frame) -> list:
    if len(frame) == 0:
        return []
    x0, y0, x1, y1 = (float(v) for v in frame.total_bounds)
    return [[y0, x0], [y1, x1]]


def _feature(geom, style: dict, popup: str, tooltip: str) -> dict:
    from shapely.geometry import mapping

    return {
        "type": "Feature",
        "geometry": mapping(geom),
        "properties": {"style": style, "popup": popup, "tooltip": tooltip},
    }


def _row(label: str, value: str) -> str:
    return f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>"


def _table(title: str, rows: list[str]) -> str:
    return f"<b>{escape(title)}</b><table>{''.join(rows)}</table>"


def _category_label(code: str, catalogue, lang: str) -> str:
    return catalogue[code].label(lang) if catalogue is not None and code in catalogue else code


def _peak_hours(profile) -> str:
    """The three busiest hours of the day in an hour x weekday profile, e.g. ``22, 23, 0``."""
    if profile is None:
        return ""
    by_hour = np.asarray(profile, dtype=float).reshape(-1, 24).sum(axis=0)
    if not by_hour.any():
        return ""
    top = np.argsort(-by_hour, kind="stable")[:3]
    return ", ".join(f"{h:02d}" for h in top)


def _swatch(colour: str, label: str, *, shape: str = "box") -> str:
    cls = "hs-dot" if shape == "dot" else "hs-box"
    return (
        f'<div class="hs-row"><span class="{cls}" style="background:{escape(colour)}">'
        f"</span>{escape(label)}</div>"
    )


def _legend(title: str, rows: list[str]) -> str:
    return f'<div class="hs-legend-title">{escape(title)}</div>{"".join(rows)}'


# ------------------------------------------------------------------------------ density
def density_layer(kde, *, lang: str = "sv", max_pixels: int = 1024) -> Layer:
    """Kernel density of a fitted ``KDEHotspots`` as a transparent PNG over the map.

    The density grid (metres, e.g. SWEREF 99 TM) is resampled to a Web Mercator image, the
    projection Leaflet draws in, so the picture lies where the cells are. Densities are
    incidents per km² over the period; the lowest class starts at a tenth of the highest
    density, and below it the image is transparent.
    """
    from pyproj import Transformer

    name = t("map.layer.density", lang)
    grid, density = kde.grid_, np.asarray(kde.density_, dtype=float)
    peak = float(density.max()) if density.size else 0.0
    if peak <= 0:
        return Layer(
            "density",
            name,
            "image",
            {"url": "", "bounds": []},
            _legend(name, [escape(t("map.legend.empty", lang))]),
            0,
        )
    ny, nx = density.shape
    x0, y0 = grid.x0, grid.y0
    x1, y1 = x0 + nx * grid.cell_size, y0 + ny * grid.cell_size
    to_merc = Transformer.from_crs(grid.crs, 3857, always_xy=True)
    corners = to_merc.transform([x0, x0, x1, x1], [y0, y1, y0, y1])
    mx0, mx1, my0, my1 = min(corners[0]), max(corners[0]), min(corners[1]), max(corners[1])
    # About one pixel per cell, at most max_pixels a side.
    scale = max((mx1 - mx0), (my1 - my0)) / min(max(nx, ny), max_pixels)
    w, h = max(1, int(np.ceil((mx1 - mx0) / scale))), max(1, int(np.ceil((my1 - my0) / scale)))
    px = mx0 + (np.arange(w) + 0.5) * (mx1 - mx0) / w
    py = my1 - (np.arange(h) + 0.5) * (my1 - my0) / h  # first row on top (north)
    gx, gy = np.meshgrid(px, py)
    back = Transformer.from_crs(3857, grid.crs, always_xy=True)
    sx, sy = back.transform(gx, gy)
    col = np.floor((sx - x0) / grid.cell_size).astype(np.int64)
    row = np.floor((sy - y0) / grid.cell_size).astype(np.int64)
    inside = (col >= 0) & (col < nx) & (row >= 0) & (row < ny)
    values = np.full(gx.shape, np.nan)
    values[inside] = density[row[inside], col[inside]]
    breaks = np.linspace(peak / 10.0, peak, len(DENSITY_RAMP) + 1)
    png = encode_png(colourize(values, breaks))
    to_ll = Transformer.from_crs(3857, 4326, always_xy=True)
    (w_lon, e_lon), (s_lat, n_lat) = to_ll.transform([mx0, mx1], [my0, my1])
    bounds = [[s_lat, w_lon], [n_lat, e_lon]]
    url = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    unit = t("map.legend.per_km2", lang)
    rows = [_swatch(c, f"{breaks[i]:.0f}–{breaks[i + 1]:.0f}") for i, c in enumerate(DENSITY_RAMP)][
        ::-1
    ]
    legend = _legend(f"{name} ({unit})", rows)
    return Layer(
        "density",
        name,
        "image",
        {"url": url, "bounds": bounds},
        legend,
        int((values >= breaks[0]).sum()),
        bounds=bounds,
    )


# ------------------------------------------------------------------------------ DBSCAN
def dbscan_layer(dbscan, *, catalogue=None, lang: str = "sv", top: int = 3) -> Layer:
    """Hotspot polygons of a fitted ``DBSCANHotspots`` with their counts in popups.

    A popup gives the number of incidents, the ``top`` categories (sensitive ones are counted
    but not named), the first and last date and the peak hours of the day.
    """
    name = t("map.layer.dbscan", lang)
    frame = _to_wgs84(dbscan.hotspots_)
    sensitive = catalogue.sensitive_codes() if catalogue is not None else set()
    features = []
    for i, rec in enumerate(frame.itertuples(index=False)):
        counts = json.loads(rec.categories) if rec.categories else {}
        named = [
            f"{_category_label(c, catalogue, lang)} ({n})"
            for c, n in counts.items()
            if c not in sensitive
        ][:top]
        title = t("map.popup.hotspot", lang, n=i + 1)
        rows = [
            _row(t("map.popup.count", lang), str(int(rec.n_points))),
            _row(t("map.popup.top_categories", lang), ", ".join(named)),
            _row(t("map.popup.period", lang), f"{rec.first or ''} – {rec.last or ''}"),
            _row(t("map.popup.peak_hours", lang), _peak_hours(rec.profile)),
        ]
        tooltip = escape(f"{title}: {t('map.popup.n_incidents', lang, n=int(rec.n_points))}")
        style = {"color": "#7a0177", "weight": 2, "fillColor": "#c51b8a", "fillOpacity": 0.25}
        features.append(_feature(rec.geometry, style, _table(title, rows), tooltip))
    legend = _legend(name, [_swatch("#c51b8a", t("map.legend.dbscan", lang))])
    return Layer(
        "dbscan",
        name,
        "geojson",
        {"type": "FeatureCollection", "features": features},
        legend,
        len(features),
        bounds=_bounds(frame),
    )


# ------------------------------------------------------------------------------ cells
def _cell_layer(key: str, name: str, frame, *, by: str, colours: dict, lang: str, rows) -> Layer:
    """Coloured grid cells: one colour per value of ``by``, the label column as the title.

    ``rows(record)`` gives the popup rows of one cell (a row of ``frame``).
    """
    frame = _to_wgs84(frame)
    label_col = "label_en" if lang == "en" else "label_sv"
    features = []
    for record in frame.itertuples(index=False):
        value, label = getattr(record, by), str(getattr(record, label_col))
        colour = colours.get(value, "#999999")
        style = {"color": colour, "weight": 0.5, "fillColor": colour, "fillOpacity": 0.6}
        features.append(
            _feature(record.geometry, style, _table(label, rows(record)), escape(label))
        )
    labels = dict(zip(frame[by], frame[label_col].astype(str), strict=False))
    legend = _legend(name, [_swatch(colours[v], labels[v]) for v in colours if v in labels])
    return Layer(
        key,
        name,
        "geojson",
        {"type": "FeatureCollection", "features": features},
        legend,
        len(features),
        bounds=_bounds(frame),
    )


def gistar_layer(gistar, *, lang: str = "sv") -> Layer:
    """The significant hot and cold cells of a fitted ``GiStarHotspots``, by confidence class."""
    cells = gistar.cells_
    frame = cells.loc[cells["class"] != 0].assign(**{"class": lambda f: f["class"].astype(int)})
    return _cell_layer(
        "gistar",
        t("map.layer.gistar", lang),
        frame.rename(columns={"class": "cls"}),
        by="cls",
        colours=GISTAR_COLOURS,
        lang=lang,
        rows=lambda r: [
            _row(t("map.popup.count", lang), str(int(r.count))),
            _row("z", f"{float(r.z):.2f}"),
        ],
    )


#: Colours of emerging-hotspot patterns: hot ones in reds/oranges, cold ones in blues.
EMERGING_COLOURS = {
    "new_hot": "#fee08b",
    "consecutive_hot": "#fdae61",
    "intensifying_hot": "#a50026",
    "persistent_hot": "#d73027",
    "diminishing_hot": "#f46d43",
    "sporadic_hot": "#fdd0a2",
    "oscillating_hot": "#e08214",
    "historical_hot": "#b2abd2",
    "new_cold": "#c6dbef",
    "consecutive_cold": "#9ecae1",
    "intensifying_cold": "#08306b",
    "persistent_cold": "#2171b5",
    "diminishing_cold": "#6baed6",
    "sporadic_cold": "#deebf7",
    "oscillating_cold": "#4292c6",
    "historical_cold": "#bcbddc",
}


def emerging_layer(emerging, *, lang: str = "sv") -> Layer:
    """The cells of a fitted ``EmergingHotspots`` that show a pattern (new, persistent ...)."""
    cells = emerging.cells_
    return _cell_layer(
        "emerging",
        t("map.layer.emerging", lang),
        cells.loc[cells["pattern"] != "no_pattern"],
        by="pattern",
        colours=EMERGING_COLOURS,
        lang=lang,
        rows=lambda r: [
            _row(t("map.popup.count", lang), str(int(r.count))),
            _row(t("map.popup.hot_steps", lang), str(int(r.n_hot))),
        ],
    )


# ------------------------------------------------------------------------------ observations
def observation_layer(
    points,
    *,
    catalogue=None,
    lang: str = "sv",
    max_points: int = MAX_OBSERVATION_POINTS,
    cell_size: float = 100.0,
    cluster_above: int = 50,
) -> Layer:
    """Walk observations as markers, one colour and symbol per category.

    ``points`` is a GeoDataFrame of observations (``category``, optionally ``description``,
    ``occurred_from``). Sensitive categories are left out. More than ``cluster_above`` points
    are clustered; more than ``max_points`` are drawn as counts per ``cell_size`` (metres)
    square cells instead of markers.
    """
    name = t("map.layer.observations", lang)
    sensitive = catalogue.sensitive_codes() if catalogue is not None else set()
    points = points.loc[~points["category"].isin(sensitive)]
    codes = [c for c in (catalogue.codes("observation") if catalogue is not None else [])]
    codes += sorted(set(points["category"]) - set(codes))
    colours = {c: MARKER_COLOURS[i % len(MARKER_COLOURS)] for i, c in enumerate(codes)}
    present = [c for c in codes if c in set(points["category"])]
    legend_rows = [
        _swatch(colours[c], _category_label(c, catalogue, lang), shape="dot") for c in present
    ]
    if len(points) > max_points:
        return _observation_cells(points, name, legend_rows, catalogue, lang, cell_size)
    wgs = _to_wgs84(points)
    marks = []
    desc = wgs["description"] if "description" in wgs else [None] * len(wgs)
    when = wgs["occurred_from"] if "occurred_from" in wgs else [None] * len(wgs)
    for geom, code, text, ts in zip(wgs.geometry, wgs["category"], desc, when, strict=True):
        label = _category_label(code, catalogue, lang)
        rows = [_row(t("map.popup.date", lang), _local_date(ts))] if ts is not None else []
        if isinstance(text, str) and text:
            rows.append(_row(t("map.popup.note", lang), text))
        marks.append(
            [
                round(geom.y, 6),
                round(geom.x, 6),
                colours[code],
                escape(_symbol(label)),
                _table(label, rows),
                escape(label),
            ]
        )
    data = {"points": marks, "cluster": len(marks) > cluster_above}
    return Layer(
        "observations",
        name,
        "markers",
        data,
        _legend(name, legend_rows),
        len(marks),
        bounds=_bounds(wgs),
    )


def _symbol(label: str) -> str:
    return (label[:1] or "?").upper()


def _local_date(ts) -> str:
    import pandas as pd

    if ts is None or pd.isna(ts):
        return ""
    return pd.Timestamp(ts).tz_convert("Europe/Stockholm").strftime("%Y-%m-%d %H:%M")


def _observation_cells(points, name, legend_rows, catalogue, lang, cell_size) -> Layer:
    import geopandas as gpd
    import shapely

    x, y = points.geometry.x.to_numpy(), points.geometry.y.to_numpy()
    i, j = np.floor(x / cell_size).astype(np.int64), np.floor(y / cell_size).astype(np.int64)
    frame = gpd.pd.DataFrame({"i": i, "j": j, "c": points["category"].to_numpy()})
    groups = frame.groupby(["i", "j"])
    counts = groups.size()
    ci = counts.index.get_level_values(0).to_numpy(dtype=float)
    cj = counts.index.get_level_values(1).to_numpy(dtype=float)
    boxes = shapely.box(ci * cell_size, cj * cell_size, (ci + 1) * cell_size, (cj + 1) * cell_size)
    cells = _to_wgs84(gpd.GeoDataFrame({"n": counts.to_numpy()}, geometry=boxes, crs=points.crs))
    by_cat = frame.groupby(["i", "j", "c"]).size()
    peak = max(int(counts.max()), 1)
    features = []
    for (ci, cj), geom, n in zip(counts.index, cells.geometry, cells["n"], strict=True):
        top = by_cat.loc[(ci, cj)].sort_values(ascending=False).head(3)
        rows = [
            _row(t("map.popup.count", lang), str(int(n))),
            _row(
                t("map.popup.top_categories", lang),
                ", ".join(f"{_category_label(c, catalogue, lang)} ({k})" for c, k in top.items()),
            ),
        ]
        style = {
            "color": "#08519c",
            "weight": 0.5,
            "fillColor": "#3182bd",
            "fillOpacity": 0.2 + 0.6 * int(n) / peak,
        }
        features.append(
            _feature(
                geom,
                style,
                _table(name, rows),
                escape(t("map.popup.n_observations", lang, n=int(n))),
            )
        )
    legend = _legend(name, [_swatch("#3182bd", t("map.legend.obs_cells", lang))] + legend_rows)
    return Layer(
        "observations",
        name,
        "geojson",
        {"type": "FeatureCollection", "features": features},
        legend,
        len(features),
        bounds=_bounds(cells),
    )


# ------------------------------------------------------------------------------ boundary
def boundary_layer(polygons: dict, *, lang: str = "sv") -> Layer:
    """Kommun boundaries, ``{name: lon/lat polygon}``, as outlines without fill."""
    name = t("map.layer.boundary", lang)
    style = {"color": "#252525", "weight": 2, "fill": False, "dashArray": "6 4"}
    features = [
        _feature(geom, style, _table(kommun, []), escape(kommun))
        for kommun, geom in polygons.items()
    ]
    bounds = []
    if polygons:
        import shapely

        x0, y0, x1, y1 = shapely.total_bounds(list(polygons.values()))
        bounds = [[float(y0), float(x0)], [float(y1), float(x1)]]
    legend = _legend(name, [_swatch("#252525", ", ".join(polygons) or "–")])
    return Layer(
        "boundary",
        name,
        "geojson",
        {"type": "FeatureCollection", "features": features},
        legend,
        len(features),
        bounds=bounds,
        fit=False,
    )
