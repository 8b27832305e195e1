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
    "MEASURE_COLOURS",
    "Layer",
    "boundary_layer",
    "dbscan_layer",
    "density_layer",
    "emerging_layer",
    "gistar_layer",
    "measures_in_period",
    "measures_layer",
    "observation_layer",
    "support_counts",
    "week_density_layer",
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
    escaped. ``count`` is the number of features, cells or markers drawn, ``hidden`` the
    number left out by small-count suppression (cells, hotspots or density pixels). A
    ``weeks`` layer (``data`` with ``frames`` and ``bounds``) is one image overlay per week
    with a slider to pick the week shown.
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
    hidden: int = 0


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


# ------------------------------------------------------------------------------ suppression
def _xy(points) -> tuple[np.ndarray, np.ndarray]:
    """x, y (metres) of a projected GeoDataFrame/GeoSeries, or of an ``(x, y)`` pair."""
    if isinstance(points, tuple):
        x, y = points
        return np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    from hotspots.detect.points import projected_xy

    x, y, _ = projected_xy(points)
    return x, y


def support_counts(x, y, grid, radius: float) -> np.ndarray:
    """How many points lie within ``radius`` metres of each cell centre of ``grid``.

    The points are counted per cell (points outside the grid count for the cells they reach)
    and the counts are summed over the disc of cells whose centres lie within ``radius`` of
    the cell's centre: an FFT convolution (:func:`scipy.signal.fftconvolve`) with that disc,
    not a distance per point and cell. A point's position is thereby rounded to the centre
    of its cell, at most half a cell diagonal off (35 m with 50 m cells).

    Returns
    -------
    numpy.ndarray
        ``grid.shape`` int64, indexed ``[row j (south to north), column i]`` like the density.
    """
    from scipy.signal import fftconvolve

    ny, nx = grid.shape
    x, y = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    if ny == 0 or nx == 0 or x.size == 0:
        return np.zeros(grid.shape, dtype=np.int64)
    c = float(grid.cell_size)
    pad = int(np.floor(radius / c + 1e-9))
    i = np.floor((x - grid.x0) / c).astype(np.int64) + pad
    j = np.floor((y - grid.y0) / c).astype(np.int64) + pad
    wide, high = nx + 2 * pad, ny + 2 * pad
    ok = (i >= 0) & (i < wide) & (j >= 0) & (j < high)
    binned = np.bincount(j[ok] * wide + i[ok], minlength=wide * high).reshape(high, wide)
    d = np.arange(-pad, pad + 1, dtype=float) * c
    disc = (d[None, :] ** 2 + d[:, None] ** 2 <= radius * radius * (1 + 1e-9)).astype(float)
    counts = fftconvolve(binned.astype(float), disc, mode="valid")
    return np.rint(counts).astype(np.int64)


def _suppressed_row(n: int, k: int, lang: str) -> str:
    text = t("map.legend.suppressed", lang, n=n, k=k)
    return f'<div class="hs-note">{escape(text)}</div>'


def _suppress(frame, column: str, k: int, lang: str, *, support=None, hot=None):
    """``frame`` without its small aggregates, the legend note and the number left out.

    Left out when ``k`` > 0: the rows whose ``column`` holds 1 to k - 1 incidents and, when
    ``support`` (incidents in each row's neighbourhood) and ``hot`` are given, the hot rows
    whose neighbourhood holds fewer than k: a hot cell says "many incidents around here",
    which must not rest on fewer than k. A cell without incidents in or around it reveals
    nobody and stays (most cold spots are such cells).
    """
    if not k:
        return frame, [], 0
    counts = frame[column].to_numpy(dtype=float)
    small = (counts > 0) & (counts < k)
    if support is not None:
        small |= np.asarray(hot, dtype=bool) & (np.asarray(support, dtype=float) < k)
    hidden = int(small.sum())
    return frame.loc[~small], [_suppressed_row(hidden, k, lang)], hidden


# ------------------------------------------------------------------------------ density
def _density_image(grid, values: np.ndarray, breaks: np.ndarray, max_pixels: int):
    """A Web Mercator PNG of ``values`` on ``grid``: data URI, lon/lat bounds, pixels drawn.

    The grid (metres, e.g. SWEREF 99 TM) is resampled to Web Mercator, the projection
    Leaflet draws in, so the picture lies where the cells are.
    """
    from pyproj import Transformer

    ny, nx = values.shape
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
    image = np.full(gx.shape, np.nan)
    image[inside] = values[row[inside], col[inside]]
    png = encode_png(colourize(image, breaks))
    to_ll = Transformer.from_crs(3857, 4326, always_xy=True)
    (w_lon, e_lon), (s_lat, n_lat) = to_ll.transform([mx0, mx1], [my0, my1])
    url = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return url, [[s_lat, w_lon], [n_lat, e_lon]], int((image >= breaks[0]).sum())


def _ramp_rows(breaks: np.ndarray) -> list[str]:
    rows = [_swatch(c, f"{breaks[i]:.0f}–{breaks[i + 1]:.0f}") for i, c in enumerate(DENSITY_RAMP)]
    return rows[::-1]


def _suppress_density(density, support, k: int, floor: float) -> tuple[np.ndarray, int]:
    """``density`` with the cells of fewer than ``k`` supporting points set to 0.

    Also returns how many of them reached ``floor`` (the lowest class drawn), i.e. would
    have been coloured without the rule.
    """
    low = support < k
    hidden = int((low & (density > 0) & (density >= floor)).sum())
    return np.where(low, 0.0, density), hidden


def _density_note(n: int, k: int, radius: float, lang: str) -> str:
    text = t("map.legend.suppressed_density", lang, n=n, k=k, radius=f"{radius:.0f}")
    return f'<div class="hs-note">{escape(text)}</div>'


def density_layer(
    kde, *, lang: str = "sv", max_pixels: int = 1024, points=None, min_count: int = 0
) -> Layer:
    """Kernel density of a fitted ``KDEHotspots`` as a transparent PNG over the map.

    The density grid is resampled to a Web Mercator image, the projection Leaflet draws in,
    so the picture lies where the cells are. Densities are incidents per km² over the
    period; the lowest class starts at a tenth of the highest density, and below it the
    image is transparent.

    Small-count suppression (``min_count`` k > 0, with the fitted ``points``: a projected
    GeoDataFrame/GeoSeries or an ``(x, y)`` pair): a cell is left transparent when fewer
    than k incidents lie within the kernel's bandwidth of its centre
    (:func:`support_counts`), so no coloured spot rests on fewer than k incidents. The
    legend says how many cells that would have been coloured were hidden (``hidden``).
    """
    name = t("map.layer.density", lang)
    grid, density = kde.grid_, np.asarray(kde.density_, dtype=float)
    notes, hidden = [], 0
    if min_count and density.size:
        if points is None:
            raise ValueError("density_layer needs the fitted points to suppress small counts")
        support = support_counts(*_xy(points), grid, float(kde.bandwidth))
        floor = float(density.max()) / 10.0
        density, hidden = _suppress_density(density, support, min_count, floor)
        notes = [_density_note(hidden, min_count, float(kde.bandwidth), lang)]
    peak = float(density.max()) if density.size else 0.0
    if peak <= 0:
        return Layer(
            "density",
            name,
            "image",
            {"url": "", "bounds": []},
            _legend(name, [escape(t("map.legend.empty", lang)), *notes]),
            0,
            hidden=hidden,
        )
    breaks = np.linspace(peak / 10.0, peak, len(DENSITY_RAMP) + 1)
    url, bounds, drawn = _density_image(grid, density, breaks, max_pixels)
    unit = t("map.legend.per_km2", lang)
    legend = _legend(f"{name} ({unit})", _ramp_rows(breaks) + notes)
    return Layer(
        "density",
        name,
        "image",
        {"url": url, "bounds": bounds},
        legend,
        drawn,
        bounds=bounds,
        hidden=hidden,
    )


def _week_label(start, end, tz: str, lang: str) -> tuple[str, str]:
    """``("v. 47", "2026-11-16 – 2026-11-22")``: ISO week(s) and local days of a window."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tz)
    first = start.astimezone(zone).date()
    last = (end - timedelta(microseconds=1)).astimezone(zone).date()
    w0, w1 = first.isocalendar().week, last.isocalendar().week
    week = str(w0) if (w0 == w1 and (last - first).days < 7) else f"{w0}–{w1}"
    return t("map.week.label", lang, week=week), f"{first.isoformat()} – {last.isoformat()}"


def week_density_layer(
    points,
    windows: list,
    *,
    bandwidth: float = 200.0,
    cell_size: float = 50.0,
    kernel: str = "quartic",
    lang: str = "sv",
    min_count: int = 0,
    tz: str = "Europe/Stockholm",
    max_pixels: int = 1024,
) -> Layer:
    """Kernel density of each time window on one grid and one colour scale, with a slider.

    Parameters
    ----------
    points
        Incidents as a GeoDataFrame in a projected CRS (metres) with ``occurred_from`` (UTC).
    windows
        ``[(start, end), ...]`` timezone-aware, oldest first, ``end`` exclusive: typically
        the 7-day periods before the map's period and the period itself. The slider starts
        on the last.
    bandwidth, cell_size, kernel
        As for :class:`hotspots.detect.kde.KDEHotspots` (use the main density layer's).
    min_count
        Small-count suppression per window, the rule of :func:`density_layer`.
    tz
        Time zone of the week labels.

    Returns
    -------
    Layer
        ``kind="weeks"``, hidden by default: ``data["frames"]`` holds one image per window
        (``url`` empty when nothing is drawn), its label (``v. 47``), its days and its
        number of incidents. Densities are incidents per km² and week (a window of d days
        is scaled by 7/d), so a longer period compares with single weeks; every window
        shares the grid (all points' bounds plus one bandwidth) and the colour classes.
    """
    import pandas as pd

    from hotspots.detect.grid import Grid
    from hotspots.detect.kde import kde_grid

    name = t("map.layer.weeks", lang)
    x, y = _xy(points)
    crs = points.crs.to_epsg() or points.crs.to_string()
    times = pd.DatetimeIndex(pd.to_datetime(points["occurred_from"], utc=True))
    masks = [
        np.asarray((times >= pd.Timestamp(s)) & (times < pd.Timestamp(e)), dtype=bool)
        for s, e in windows
    ]
    used = np.logical_or.reduce(masks) if masks else np.zeros(len(x), bool)
    grid = (
        Grid.from_bounds(
            x[used].min(),
            y[used].min(),
            x[used].max(),
            y[used].max(),
            cell_size=cell_size,
            margin=bandwidth,
            crs=crs,
        )
        if used.any()
        else None
    )
    densities, hidden = [], 0
    for (start, end), m in zip(windows, masks, strict=True):
        if grid is None or not m.any():
            densities.append(None)
            continue
        days = (end - start).total_seconds() / 86400.0
        d = kde_grid(x[m], y[m], grid, bandwidth=bandwidth, kernel=kernel) * (7.0 / days)
        if min_count:
            support = support_counts(x[m], y[m], grid, bandwidth)
            d, n = _suppress_density(d, support, min_count, float(d.max()) / 10.0)
            hidden += n
        densities.append(d)
    peak = max((float(d.max()) for d in densities if d is not None), default=0.0)
    breaks = np.linspace(peak / 10.0, peak, len(DENSITY_RAMP) + 1)
    frames, bounds = [], []
    for (start, end), m, d in zip(windows, masks, densities, strict=True):
        label, days = _week_label(start, end, tz, lang)
        url = ""
        if d is not None and peak > 0 and d.max() >= breaks[0]:
            url, bounds, _ = _density_image(grid, d, breaks, max_pixels)
        n = int(m.sum())
        frames.append(
            {
                "url": url,
                "label": escape(label),
                "days": escape(days),
                "count": escape(t("map.popup.n_incidents", lang, n=n)),
                "n": n,
            }
        )
    unit = t("map.legend.per_km2_week", lang)
    rows = _ramp_rows(breaks) if peak > 0 else [escape(t("map.legend.empty", lang))]
    rows.append(f'<div class="hs-note">{escape(t("map.legend.week_hint", lang))}</div>')
    if min_count:
        rows.append(_density_note(hidden, min_count, bandwidth, lang))
    return Layer(
        "weeks",
        name,
        "weeks",
        {"frames": frames, "bounds": bounds, "current": len(frames) - 1},
        _legend(f"{name} ({unit})", rows),
        len(frames),
        show=False,
        bounds=bounds,
        fit=False,
        hidden=hidden,
    )


# ------------------------------------------------------------------------------ DBSCAN
def dbscan_layer(
    dbscan, *, catalogue=None, lang: str = "sv", top: int = 3, min_count: int = 0
) -> Layer:
    """Hotspot polygons of a fitted ``DBSCANHotspots`` with their counts in popups.

    A popup gives the number of incidents, the ``top`` categories (sensitive ones are counted
    but not named), the first and last date and the peak hours of the day. With
    ``min_count`` k > 0, hotspots of fewer than k incidents are left out (``hidden``) and
    the rest numbered without gaps.
    """
    name = t("map.layer.dbscan", lang)
    frame, notes, hidden = _suppress(_to_wgs84(dbscan.hotspots_), "n_points", min_count, lang)
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
    legend = _legend(name, [_swatch("#c51b8a", t("map.legend.dbscan", lang)), *notes])
    return Layer(
        "dbscan",
        name,
        "geojson",
        {"type": "FeatureCollection", "features": features},
        legend,
        len(features),
        bounds=_bounds(frame),
        hidden=hidden,
    )


# ------------------------------------------------------------------------------ cells
def _cell_layer(
    key: str,
    name: str,
    frame,
    *,
    by: str,
    colours: dict,
    lang: str,
    rows,
    min_count: int = 0,
) -> Layer:
    """Coloured grid cells: one colour per value of ``by``, the label column as the title.

    ``rows(record)`` gives the popup rows of one cell (a row of ``frame``). With
    ``min_count`` k > 0, the small aggregates are left out (:func:`_suppress`): cells with
    1 to k - 1 incidents (column ``count``), and hot cells (column ``hot``) with fewer than
    k incidents in their neighbourhood (column ``support``).
    """
    frame = _to_wgs84(frame)
    support = frame["support"] if "support" in frame else None
    hot = frame["hot"] if "hot" in frame else None
    frame, notes, hidden = _suppress(frame, "count", min_count, lang, support=support, hot=hot)
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
    swatches = [_swatch(colours[v], labels[v]) for v in colours if v in labels]
    return Layer(
        key,
        name,
        "geojson",
        {"type": "FeatureCollection", "features": features},
        _legend(name, swatches + notes),
        len(features),
        bounds=_bounds(frame),
        hidden=hidden,
    )


def gistar_layer(gistar, *, lang: str = "sv", min_count: int = 0) -> Layer:
    """The significant hot and cold cells of a fitted ``GiStarHotspots``, by confidence class.

    With ``min_count`` k > 0 (``hidden``), cells holding 1 to k - 1 incidents are left out,
    and so are hot cells with fewer than k incidents within the distance band (the window
    Gi* sums, the cell itself included): a ring of empty hot cells would otherwise show
    where a cluster of two incidents lies.
    """
    cells = gistar.cells_
    support = np.asarray(gistar.weights_ @ np.asarray(gistar.counts_, dtype=float)).ravel()
    frame = cells.assign(support=support[cells["cell"].to_numpy()], hot=cells["class"] > 0)
    frame = frame.loc[frame["class"] != 0].assign(**{"class": lambda f: f["class"].astype(int)})
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
        min_count=min_count,
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


def emerging_layer(emerging, *, lang: str = "sv", min_count: int = 0) -> Layer:
    """The cells of a fitted ``EmergingHotspots`` that show a pattern (new, persistent ...).

    With ``min_count`` k > 0 (``hidden``), cells holding 1 to k - 1 incidents over all
    their time steps are left out, and so are hot patterns with fewer than k incidents
    within the distance band over all steps (the rule of :func:`gistar_layer`).
    """
    cells = emerging.cells_
    total = np.asarray(emerging.cube_, dtype=float).sum(axis=1)
    support = np.asarray(emerging.weights_ @ total).ravel()
    hot = cells["pattern"].astype(str).str.endswith("_hot")
    frame = cells.assign(support=support[cells["cell"].to_numpy()], hot=hot)
    return _cell_layer(
        "emerging",
        t("map.layer.emerging", lang),
        frame.loc[frame["pattern"] != "no_pattern"],
        by="pattern",
        colours=EMERGING_COLOURS,
        lang=lang,
        rows=lambda r: [
            _row(t("map.popup.count", lang), str(int(r.count))),
            _row(t("map.popup.hot_steps", lang), str(int(r.n_hot))),
        ],
        min_count=min_count,
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


# ------------------------------------------------------------------------------ measures
#: Measure status (:class:`hotspots.domain.MeasureStatus` values) -> colour, in workflow order.
MEASURE_COLOURS = {
    "föreslagen": "#9e9ac8",
    "planerad": "#3182bd",
    "pågående": "#e6550d",
    "genomförd": "#31a354",
    "avslutad": "#737373",
}


def _status_label(status: str, lang: str) -> str:
    labels = {
        "föreslagen": t("map.status.proposed", lang),
        "planerad": t("map.status.planned", lang),
        "pågående": t("map.status.ongoing", lang),
        "genomförd": t("map.status.done", lang),
        "avslutad": t("map.status.ended", lang),
    }
    return labels.get(status, status)


def _utc_column(frame, column: str):
    import pandas as pd

    if column not in frame:
        return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns, UTC]")
    return pd.to_datetime(frame[column], utc=True, errors="coerce")


def measures_in_period(frame, *, start, end):
    """The measures of ``frame`` that belong on the map of ``start`` to ``end`` (exclusive).

    Kept: the measures decided or starting before ``end`` (the earlier of ``decided_on``
    and ``starts_on``; a measure with neither, e.g. a fresh suggestion, is kept), except
    the ``avslutad`` (ended) ones whose ``ends_on`` is before ``start``. A completed
    (``genomförd``) measure stays: the lamp still shines.
    """
    import pandas as pd

    if frame is None or len(frame) == 0:
        return frame
    begun = pd.concat(
        [_utc_column(frame, "decided_on"), _utc_column(frame, "starts_on")], axis=1
    ).min(axis=1)
    ends = _utc_column(frame, "ends_on")
    status = frame["status"].astype(str) if "status" in frame else pd.Series("", frame.index)
    keep = begun.isna() | (begun < pd.Timestamp(end))
    gone = (status == "avslutad") & ends.notna() & (ends < pd.Timestamp(start))
    return frame.loc[keep & ~gone]


def _local_day(value) -> str:
    """The local date (Europe/Stockholm) of a date, datetime or timestamp; '' when missing."""
    from datetime import date, datetime

    import pandas as pd

    if value is None or (not isinstance(value, (date, str)) and pd.isna(value)):
        return ""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        return str(value)
    if pd.isna(ts):
        return ""
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts
    return ts.tz_convert("Europe/Stockholm").strftime("%Y-%m-%d")


def _measure_geometry(record):
    """``(shapely geometry in lon/lat, radius in metres or None)``, or ``(None, None)``."""
    import shapely
    from shapely.geometry import Point, shape

    area = getattr(record, "area_geojson", None)
    if isinstance(area, str) and area.strip():
        try:
            area = json.loads(area)
        except ValueError:
            area = None
    if isinstance(area, dict):
        try:
            geom = shape(area.get("geometry", area) if area.get("type") == "Feature" else area)
        except (AttributeError, KeyError, TypeError, ValueError, shapely.errors.ShapelyError):
            geom = None
        if geom is not None and not geom.is_empty:
            return geom, None
    lon, lat = _number(getattr(record, "lon", None)), _number(getattr(record, "lat", None))
    if not (np.isfinite(lon) and np.isfinite(lat)):
        return None, None
    radius = _number(getattr(record, "radius_m", None))
    return Point(lon, lat), (radius if np.isfinite(radius) and radius > 0 else None)


def _number(value) -> float:
    try:
        return float(value) if value is not None and not isinstance(value, bool) else np.nan
    except (TypeError, ValueError):
        return np.nan


def measures_layer(frame, *, catalogue=None, lang: str = "sv") -> Layer:
    """Measures (åtgärder) on the map, coloured by status.

    ``frame`` has one row per measure, as ``Store.measures()`` returns it: ``measure`` (a
    code of the catalogue's ``[measure.*]``), ``title``, ``description``, ``status``
    (:class:`hotspots.domain.MeasureStatus` values), ``lon``/``lat`` with an optional
    ``radius_m`` (drawn as a circle of that radius in metres, else as a dot) or
    ``area_geojson`` (a GeoJSON geometry in lon/lat, drawn as it is), and the dates
    ``decided_on``, ``starts_on``, ``ends_on``. The popup gives the measure's label from
    ``catalogue``, the title, status, dates and description, all escaped. Measures without
    any place are counted in the legend, not drawn. Filter by period first with
    :func:`measures_in_period`.
    """
    import shapely

    name = t("map.layer.measures", lang)
    known = catalogue.measures if catalogue is not None else {}
    features, geoms, statuses, unplaced = [], [], [], 0
    for record in frame.itertuples(index=False):
        geom, radius = _measure_geometry(record)
        if geom is None:
            unplaced += 1
            continue
        code = str(getattr(record, "measure", "") or "")
        label = known[code].label(lang) if code in known else code
        status = str(getattr(record, "status", "") or "")
        status_text = _status_label(status, lang)
        title = getattr(record, "title", None)
        title = title if isinstance(title, str) else ""
        text = getattr(record, "description", None)
        rows = [
            _row(t("map.popup.measure_title", lang), title),
            _row(t("map.popup.status", lang), status_text),
        ]
        for key, column in (
            (t("map.popup.decided", lang), "decided_on"),
            (t("map.popup.starts", lang), "starts_on"),
            (t("map.popup.ends", lang), "ends_on"),
        ):
            day = _local_day(getattr(record, column, None))
            if day:
                rows.append(_row(key, day))
        if radius is not None:
            rows.append(_row(t("map.popup.radius", lang), f"{radius:.0f} m"))
        if isinstance(text, str) and text:
            rows.append(_row(t("map.popup.note", lang), text))
        colour = MEASURE_COLOURS.get(status, "#999999")
        style = {"color": colour, "weight": 2, "fillColor": colour, "fillOpacity": 0.35}
        feature = _feature(
            geom, style, _table(label, rows), escape(f"{title or label} ({status_text})")
        )
        if radius is not None:
            feature["properties"]["radius"] = radius
        features.append(feature)
        geoms.append(geom)
        statuses.append(status)
    order = list(MEASURE_COLOURS) + sorted(set(statuses) - set(MEASURE_COLOURS))
    rows = [
        _swatch(MEASURE_COLOURS.get(s, "#999999"), _status_label(s, lang), shape="dot")
        for s in order
        if s in statuses
    ]
    if unplaced:
        note = t("map.legend.measures_unplaced", lang, n=unplaced)
        rows.append(f'<div class="hs-note">{escape(note)}</div>')
    bounds = []
    if geoms:
        x0, y0, x1, y1 = shapely.total_bounds(geoms)
        bounds = [[float(y0), float(x0)], [float(y1), float(x1)]]
    return Layer(
        "measures",
        name,
        "geojson",
        {"type": "FeatureCollection", "features": features},
        _legend(name, rows),
        len(features),
        bounds=bounds,
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
