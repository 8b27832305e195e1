"""The hotspot map: one self-contained HTML page that opens from disk with no network.

Leaflet and Leaflet.markercluster are inlined from installed packages (:mod:`maps._assets`),
the layers' data are inlined as JSON, the density image as a data URI. The only address the
page may load is the background map's tile URL, and ``basemap="none"`` leaves even that out:
the layers still show on a plain background.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import escape
from numbers import Integral
from pathlib import Path

from hotspots.domain import FULL_DETAIL_ROLES, ROLES, check_role
from hotspots.errors import InputError
from hotspots.i18n import t
from maps._assets import leaflet_assets
from maps.layers import (
    Layer,
    boundary_layer,
    dbscan_layer,
    density_layer,
    emerging_layer,
    gistar_layer,
    measures_in_period,
    measures_layer,
    observation_layer,
    week_density_layer,
)

__all__ = [
    "FULL_DETAIL_ROLES",
    "OSM_TILES",
    "ROLES",
    "MapLayers",
    "build_map",
    "check_role",
    "hotspot_layers",
    "hotspot_map",
    "map_parts",
    "suppression_threshold",
    "write_map",
]

#: OpenStreetMap's standard tiles (their tile usage policy applies).
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"


def _tile_url(basemap: str) -> str | None:
    """The XYZ template of ``basemap``; WMTS REST placeholders become {z}/{x}/{y}."""
    value = (basemap or "").strip()
    if value.lower() == "none":
        return None
    if value.lower() == "osm":
        return OSM_TILES
    url = (
        value.replace("{TileMatrix}", "{z}").replace("{TileCol}", "{x}").replace("{TileRow}", "{y}")
    )
    if not re.match(r"^https?://", url) or not all(p in url for p in ("{z}", "{x}", "{y}")):
        raise InputError(t("map.bad_basemap", None, value=basemap))
    return url


def _script_json(value) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


#: Styles of the map and its controls. No rule sizes the page: an embedding page gives
#: ``.hs-map`` its height (70 % of the window by default).
_STYLE = """
.hs-map { position: relative; height: 70vh; min-height: 420px; background: #f2efe9;
  font-family: system-ui, sans-serif; }
.hs-title { background: rgba(255,255,255,.9); padding: 4px 8px; font-weight: 600;
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.hs-legend { background: rgba(255,255,255,.92); padding: 6px 8px; font-size: 12px;
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); max-height: 60vh; overflow: auto;
  box-sizing: border-box; }
.hs-legend-title { font-weight: 600; margin-top: 4px; }
.hs-row { display: flex; align-items: center; gap: 6px; }
.hs-note { color: #555; font-style: italic; max-width: 16em; }
.hs-box, .hs-dot { display: inline-block; width: 14px; height: 12px; border: 1px solid #555; }
.hs-dot { border-radius: 50%; width: 12px; }
.hs-marker { border-radius: 50%; border: 2px solid #fff; color: #fff; font: 700 11px/18px
  system-ui, sans-serif; text-align: center; width: 18px; height: 18px;
  box-shadow: 0 0 2px rgba(0,0,0,.6); }
.hs-slider { background: rgba(255,255,255,.92); padding: 6px 10px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); font-size: 13px; min-width: 240px; }
.hs-slider-label { font-weight: 600; }
.hs-slider-days { color: #555; font-size: 11px; }
.hs-slider input { width: 100%; margin: 4px 0 0; }
.leaflet-popup-content th { text-align: left; padding-right: 8px; vertical-align: top; }
"""

#: The full-page map of :func:`build_map`: the map fills the window.
_PAGE_STYLE = """
html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }
.hs-map { position: absolute; inset: 0; height: auto; min-height: 0; }
"""

#: A transparent 1 x 1 GIF: the week overlay's picture when a week has nothing to draw.
_BLANK = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"

_SCRIPT = """
(function (elementId) {
  var element = document.getElementById(elementId);
  var cfg = JSON.parse(document.getElementById(elementId + "-data").textContent);
  var map = L.map(element, {minZoom: 0, maxZoom: 19});
  if (cfg.tiles) {
    L.tileLayer(cfg.tiles, {maxZoom: 19, attribution: cfg.attribution}).addTo(map);
  }
  function weekLayer(spec) {
    var d = spec.data, frames = d.frames, current = d.current, label, days, input;
    var group = L.layerGroup();
    var image = d.bounds.length ?
      L.imageOverlay(BLANK, d.bounds, {opacity: 0.85}).addTo(group) : null;
    function show(i) {
      current = i;
      var f = frames[i];
      if (image) {
        image.setUrl(f.url || BLANK);
        image.setOpacity(f.url ? 0.85 : 0);
      }
      if (label) {
        label.innerHTML = f.label + " \\u00b7 " + f.count;
        days.innerHTML = f.days;
        input.value = i;
        input.setAttribute("aria-valuetext", f.label);
        label.parentNode.setAttribute("data-week", String(i));
      }
    }
    var slider = L.control({position: "bottomleft"});
    slider.onAdd = function () {
      var div = L.DomUtil.create("div", "hs-slider");
      label = L.DomUtil.create("div", "hs-slider-label", div);
      days = L.DomUtil.create("div", "hs-slider-days", div);
      input = L.DomUtil.create("input", "", div);
      input.type = "range";
      input.min = "0";
      input.max = String(frames.length - 1);
      input.step = "1";
      input.setAttribute("aria-label", spec.name);
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      L.DomEvent.on(input, "input change", function () { show(parseInt(input.value, 10)); });
      show(current);
      return div;
    };
    group.on("add", function () { slider.addTo(map); show(current); });
    group.on("remove", function () { slider.remove(); });
    return group;
  }
  var overlays = {}, legends = {}, all = [], rest = [];
  cfg.layers.forEach(function (spec) {
    var layer;
    if (spec.kind === "image") {
      if (!spec.data.url) { return; }
      layer = L.imageOverlay(spec.data.url, spec.data.bounds, {opacity: 0.85});
    } else if (spec.kind === "weeks") {
      layer = weekLayer(spec);
    } else if (spec.kind === "markers") {
      layer = spec.data.cluster ? L.markerClusterGroup({maxClusterRadius: 40}) : L.layerGroup();
      spec.data.points.forEach(function (p) {
        var icon = L.divIcon({className: "", iconSize: [22, 22], html:
          '<div class="hs-marker" style="background:' + p[2] + '">' + p[3] + '</div>'});
        L.marker([p[0], p[1]], {icon: icon}).bindPopup(p[4]).bindTooltip(p[5]).addTo(layer);
      });
    } else {
      layer = L.geoJSON(spec.data, {
        style: function (f) { return f.properties.style; },
        pointToLayer: function (f, latlng) {
          var style = f.properties.style || {};
          return f.properties.radius ?
            L.circle(latlng, L.extend({}, style, {radius: f.properties.radius})) :
            L.circleMarker(latlng, L.extend({}, style, {radius: 7}));
        },
        onEachFeature: function (f, l) {
          if (f.properties.popup) { l.bindPopup(f.properties.popup); }
          if (f.properties.tooltip) { l.bindTooltip(f.properties.tooltip, {sticky: true}); }
        }
      });
    }
    overlays[spec.name] = layer;
    legends[L.stamp(layer)] = spec;
    if (spec.show) { layer.addTo(map); }
    if (spec.bounds.length) { (spec.fit ? all : rest).push(spec.bounds[0], spec.bounds[1]); }
  });
  var control = L.control.layers(null, overlays, {collapsed: false}).addTo(map);
  if (cfg.title) {
    var title = L.control({position: "topleft"});
    title.onAdd = function () {
      var div = L.DomUtil.create("div", "hs-title"); div.innerHTML = cfg.title; return div;
    };
    title.addTo(map);
  }
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    this._div = L.DomUtil.create("div", "hs-legend"); this.update(); return this._div;
  };
  legend.update = function () {
    var html = "";
    Object.keys(legends).forEach(function (id) {
      var spec = legends[id];
      if (map.hasLayer(overlays[spec.name])) { html += spec.legend; }
    });
    this._div.innerHTML = html; this._div.style.display = html ? "" : "none";
    this.fit();
  };
  legend.fit = function () {  // below the layer control, however high the map
    var room = map.getSize().y - control.getContainer().offsetHeight - 40;
    this._div.style.maxHeight = Math.max(room, 120) + "px";
  };
  legend.addTo(map);
  map.on("overlayadd overlayremove", function () { legend.update(); });
  map.on("resize", function () { legend.fit(); });
  if (!all.length) { all = rest; }
  if (all.length) { map.fitBounds(all, {padding: [10, 10]}); } else { map.setView(cfg.center, 6); }
  element.setAttribute("data-hs-ready", "1");
  document.body.setAttribute("data-hs-ready", "1");
})(ELEMENT_ID);
"""

_ELEMENT_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")


def map_parts(
    layers: list[Layer],
    *,
    lang: str = "sv",
    basemap: str = "osm",
    title: str = "",
    element_id: str = "map",
) -> tuple[str, str]:
    """The map as parts to embed in a longer HTML page: ``(css, body_html)``.

    Parameters
    ----------
    layers, lang, basemap
        As for :func:`build_map`.
    title
        Shown in the map's top-left corner (escaped); empty: no title box.
    element_id
        The id of the map's ``<div>`` (letters, digits, ``-`` and ``_``, starting with a
        letter); the data script is ``{element_id}-data``. Several maps can share a page
        when their ids differ.

    Returns
    -------
    tuple of str
        ``css``: Leaflet's stylesheet and the map's own rules, to put in a ``<style>``
        element; nothing in it sizes the page, and ``.hs-map`` is 70 % of the window high
        unless the page says otherwise. ``body_html``: ``<div id="{element_id}"
        class="hs-map">``, the layers' data as JSON, Leaflet and the script that draws the
        map into that element; when it has drawn, the element and ``<body>`` get
        ``data-hs-ready="1"``.

    Raises
    ------
    InputError
        If ``basemap`` is neither ``osm``, ``none`` nor a usable URL template.
    ValueError
        If ``element_id`` is not a plain id.
    """
    if not isinstance(element_id, str) or not _ELEMENT_ID.match(element_id):
        raise ValueError(f"element_id must be a plain HTML id, not {element_id!r}")
    tiles = _tile_url(basemap)
    assets = leaflet_assets()
    config = {
        "tiles": tiles,
        "attribution": OSM_ATTRIBUTION if tiles == OSM_TILES else "",
        "title": escape(title),
        "lang": "en" if lang == "en" else "sv",
        "center": [62.0, 15.0],
        "layers": [
            {
                "key": layer.key,
                "name": escape(layer.name),
                "kind": layer.kind,
                "data": layer.data,
                "legend": layer.legend,
                "show": layer.show,
                "bounds": layer.bounds,
                "fit": layer.fit,
                "count": layer.count,
                "hidden": layer.hidden,
            }
            for layer in layers
        ],
    }
    script = _SCRIPT.replace("BLANK", json.dumps(_BLANK)).replace(
        "ELEMENT_ID", json.dumps(element_id)
    )
    css = f"{assets.css}\n{_STYLE}"
    body = (
        f'<div id="{element_id}" class="hs-map"></div>\n'
        f'<script type="application/json" id="{element_id}-data">{_script_json(config)}'
        "</script>\n"
        f"<script>\n{assets.js}\n</script>\n<script>{script}</script>\n"
    )
    return css, body


def build_map(
    layers: list[Layer], *, lang: str = "sv", basemap: str = "osm", title: str = ""
) -> str:
    """One self-contained HTML page showing ``layers`` with a layer control and a legend.

    The page is :func:`map_parts` with the map filling the window.

    Parameters
    ----------
    layers
        From the builders in :mod:`maps.layers`; drawn bottom to top in this order.
    lang
        ``sv`` (default) or ``en``: the page's language.
    basemap
        ``"osm"`` (OpenStreetMap tiles), ``"none"`` (no background; works with no network),
        or a tile URL template with ``{z}``/``{x}``/``{y}`` or the WMTS REST placeholders
        ``{TileMatrix}``/``{TileCol}``/``{TileRow}`` (Web Mercator tiles, e.g.
        Lantmäteriet's topowebb in EPSG:3857).
    title
        Shown in the page's title and top-left corner; escaped.

    Returns
    -------
    str
        The HTML. Every script and stylesheet is inline; the tile URL is the only address the
        page loads.

    Raises
    ------
    InputError
        If ``basemap`` is neither ``osm``, ``none`` nor a usable URL template.
    """
    css, body = map_parts(layers, lang=lang, basemap=basemap, title=title)
    lang_attr = "en" if lang == "en" else "sv"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang_attr}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>\n{css}\n{_PAGE_STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def _kommun_polygons(store, points_wgs84: list, settings) -> dict:
    """The settings' kommun, else the kommuner the points fall in: ``{name: polygon}``."""
    import numpy as np

    from hotspots.errors import HotspotsError
    from hotspots.geocode.boundaries import load_boundaries

    try:
        boundaries = load_boundaries(settings.data_dir)
    except HotspotsError:
        return {}
    if settings.municipality:
        return {boundaries.name(settings.municipality): boundaries.polygon(settings.municipality)}
    names: set[str] = set()
    for lon, lat in points_wgs84:
        if len(lon):
            found = boundaries.locate(np.asarray(lon, float), np.asarray(lat, float))
            names |= {str(n) for n in found if n is not None and n == n}
    return {n: boundaries.polygon(n) for n in sorted(names)}


#: The most weeks the week slider goes back.
MAX_WEEKS_BACK = 52


def suppression_threshold(role: str, settings=None) -> int:
    """The least number of incidents an aggregate needs to be shown to ``role``.

    0 (everything shown) for :data:`FULL_DETAIL_ROLES`; the setting ``min_cell_count``
    (``HOTSPOTS_MIN_CELL_COUNT``, default 5) for ``field``, ``leadership`` and ``public``.
    """
    from hotspots.settings import get_settings

    role = check_role(role)
    if role in FULL_DETAIL_ROLES:
        return 0
    return int((settings or get_settings()).min_cell_count)


@dataclass
class MapLayers:
    """The hotspot map of a period before it is rendered: its layers and what made them.

    ``layers`` go to :func:`build_map` or :func:`map_parts`; the fitted detectors (None when
    there was nothing to fit) and the frames let a report use the same numbers as the map.
    ``hidden`` counts what small-count suppression left out, per layer key.
    """

    layers: list[Layer]
    title: str
    role: str = "analyst"
    min_cell_count: int = 0  # the threshold applied; 0: nothing hidden
    kde: object | None = None
    dbscan: object | None = None
    gistar: object | None = None
    emerging: object | None = None
    incidents: object | None = None  # GeoDataFrame of the period's incidents (working CRS)
    observations: object | None = None  # GeoDataFrame of the period's walk observations
    measures: object | None = None  # DataFrame of the measures on the map
    weeks: list[dict] = field(default_factory=list)  # {start, end, label, count}, oldest first

    def layer(self, key: str) -> Layer | None:
        """The layer with ``key`` (``density``, ``weeks``, ``gistar``, ``dbscan`` ...)."""
        return next((layer for layer in self.layers if layer.key == key), None)

    @property
    def hidden(self) -> dict[str, int]:
        """Cells, hotspots or density cells hidden per layer key (suppression)."""
        return {layer.key: layer.hidden for layer in self.layers if layer.hidden}


def _week_windows(start: datetime, end: datetime, weeks_back: int, tz: str) -> list:
    """The ``weeks_back`` 7-day windows before ``start`` (local days), then the period."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tz)
    local = start.astimezone(zone)
    edges = [(local - timedelta(days=7 * k)).astimezone(UTC) for k in range(weeks_back, 0, -1)]
    edges.append(start)
    return [*zip(edges[:-1], edges[1:], strict=True), (start, end)]


def _check_weeks_back(weeks_back, lang) -> int:
    ok = isinstance(weeks_back, Integral) and not isinstance(weeks_back, bool)
    if not ok or not 0 <= weeks_back <= MAX_WEEKS_BACK:
        raise InputError(t("map.bad_weeks_back", lang, value=weeks_back))
    return int(weeks_back)


#: Most cells of the density grid and of the Gi*/emerging grids on one map.
MAX_DENSITY_CELLS = 1_000_000
MAX_GISTAR_CELLS = 40_000


def hotspot_layers(
    store,
    *,
    start: datetime,
    end: datetime,
    categories: list[str] | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    lang: str = "sv",
    role: str = "analyst",
    min_count: int | None = None,
    weeks_back: int = 4,
) -> MapLayers:
    """Fit the detectors on the period's incidents and build the map's layers.

    Layers, bottom to top: kernel density (incidents per km²), the week-by-week density
    with its slider (hidden at first; when ``weeks_back`` > 0), Gi* hot and cold cells,
    DBSCAN hotspots, emerging hotspots (when the period spans two weeks or more), the walk
    observations of the period, the measures, and the kommun boundary. Sensitive categories
    are never drawn as points; incidents are only shown aggregated, for every role.

    Parameters
    ----------
    store
        A :class:`hotspots.store.Store`. Its ``measures(bbox=...)``, when it has one, gives
        the measures (:func:`maps.layers.measures_in_period` picks those of the period).
    start, end
        Timezone-aware bounds of the period; ``end`` is exclusive.
    categories
        Incident category codes to map; None maps all.
    bbox
        ``(west, south, east, north)`` in lon/lat to restrict the map to.
    lang
        ``sv`` or ``en``.
    role
        Who the map is for (:data:`ROLES`). ``admin`` and ``analyst`` see every aggregate;
        for ``field``, ``leadership`` and ``public`` small counts are suppressed with the
        threshold k of the setting ``min_cell_count`` (:func:`suppression_threshold`).
        Hidden are: Gi* and emerging cells holding 1 to k - 1 incidents, and hot ones with
        fewer than k incidents within their distance band (an empty cell next to two
        incidents can be hot; :func:`maps.layers.gistar_layer`); DBSCAN hotspots of fewer
        than k incidents; density cells with fewer than k incidents within the kernel's
        bandwidth of their centre (:func:`maps.layers.density_layer`), on the main density
        and on every week of the slider. Each legend says how many were hidden. Cells
        without incidents in or around them stay (they reveal nobody). The analysis itself
        is the same for every role.
    min_count
        The least number of incidents a DBSCAN hotspot (``min_samples``) and a KDE hotspot
        have: fewer is no place to act on. None: 3.
    weeks_back
        The number of 7-day periods before ``start`` the week slider goes back (0-52; 0:
        no week-by-week layer).

    Raises
    ------
    InputError
        For an unknown role or a bad ``weeks_back`` (one line).
    """
    import pandas as pd

    from hotspots.catalogue import load_catalogue
    from hotspots.detect.dbscan import DBSCANHotspots
    from hotspots.detect.emerging import EmergingHotspots
    from hotspots.detect.gistar import GiStarHotspots
    from hotspots.detect.grid import scaled_cell_size
    from hotspots.detect.kde import KDEHotspots
    from hotspots.detect.source import load_points
    from hotspots.settings import get_settings

    role = check_role(role, lang)
    weeks_back = _check_weeks_back(weeks_back, lang)
    min_count = 3 if min_count is None else min_count
    settings = get_settings()
    k = suppression_threshold(role, settings)
    crs = settings.working_crs
    catalogue = load_catalogue()
    windows = _week_windows(start, end, weeks_back, settings.timezone) if weeks_back else []
    first = windows[0][0] if windows else start
    loaded = load_points(store, start=first, end=end, categories=categories, bbox=bbox, crs=crs)
    if weeks_back:
        when = pd.to_datetime(loaded["occurred_from"], utc=True)
        incidents = loaded.loc[(when >= pd.Timestamp(start)).to_numpy()].reset_index(drop=True)
    else:
        incidents = loaded
    observations = _observations(store, start=start, end=end, bbox=bbox, crs=crs)
    result = MapLayers([], "", role=role, min_cell_count=k)
    layers = result.layers
    # default cells for a town; coarser ones when the data cover a county (grid.py)
    bounds = incidents.total_bounds if len(incidents) else (0.0, 0.0, 0.0, 0.0)
    kde_cell = scaled_cell_size(bounds, 50.0, MAX_DENSITY_CELLS)
    gi_cell = scaled_cell_size(bounds, 100.0, MAX_GISTAR_CELLS)
    if len(incidents):
        kde = KDEHotspots(
            min_points=min_count, cell_size=kde_cell, bandwidth=max(200.0, 4 * kde_cell)
        ).fit(incidents)
        layers.append(density_layer(kde, lang=lang, points=incidents, min_count=k))
        result.kde = kde
    if windows and len(loaded):
        bandwidth, cell = (kde.bandwidth, kde.cell_size) if result.kde else (200.0, kde_cell)
        weeks = week_density_layer(
            loaded,
            windows,
            bandwidth=bandwidth,
            cell_size=cell,
            lang=lang,
            min_count=k,
            tz=settings.timezone,
        )
        layers.append(weeks)
        result.weeks = [
            {"start": s, "end": e, "label": frame["label"], "count": frame["n"]}
            for (s, e), frame in zip(windows, weeks.data["frames"], strict=True)
        ]
    if len(incidents):
        gistar = (
            GiStarHotspots(permutations=0, cell_size=gi_cell).fit(incidents)
            if len(incidents) > 1
            else None
        )
        if gistar is not None:
            layers.append(gistar_layer(gistar, lang=lang, min_count=k))
        dbscan = DBSCANHotspots(min_samples=max(min_count, 1)).fit(incidents)
        layers.append(dbscan_layer(dbscan, catalogue=catalogue, lang=lang, min_count=k))
        try:  # needs at least two weeks of data
            emerging = EmergingHotspots(cell_size=gi_cell, time_step="1W", end=end).fit(incidents)
        except InputError:
            emerging = None
        if emerging is not None:
            layers.append(emerging_layer(emerging, lang=lang, min_count=k))
        result.gistar, result.dbscan, result.emerging = gistar, dbscan, emerging
    if len(observations):
        layers.append(observation_layer(observations, catalogue=catalogue, lang=lang))
    measures = _measures(store, start=start, end=end, bbox=bbox)
    if len(measures):
        layers.append(measures_layer(measures, catalogue=catalogue, lang=lang))
    lonlat = [
        (frame["lon"].to_numpy(), frame["lat"].to_numpy())
        for frame in (incidents, observations)
        if len(frame)
    ]
    layers.append(boundary_layer(_kommun_polygons(store, lonlat, settings), lang=lang))
    result.title = t(
        "map.title",
        lang,
        start=_day(start, tz=settings.timezone),
        end=_day(end, tz=settings.timezone, exclusive=True),
    )
    result.incidents, result.observations, result.measures = incidents, observations, measures
    return result


def _measures(store, *, start, end, bbox):
    """The store's measures of the period (an empty frame while the store has none)."""
    import pandas as pd

    from hotspots.store.repository import MEASURE_COLUMNS, measures_as_of

    getter = getattr(store, "measures", None)
    frame = getter(bbox=bbox) if callable(getter) else None
    if frame is None or len(frame) == 0:
        return pd.DataFrame(columns=list(MEASURE_COLUMNS))
    frame = measures_as_of(store, frame, end)  # their status at the end of the period
    return measures_in_period(frame, start=start, end=end).reset_index(drop=True)




def hotspot_map(
    store,
    *,
    start: datetime,
    end: datetime,
    categories: list[str] | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    lang: str = "sv",
    basemap: str = "osm",
    min_count: int = 3,
    role: str = "analyst",
    weeks_back: int = 4,
) -> str:
    """The hotspot map of the incidents from ``start`` to ``end`` (before) as HTML.

    :func:`hotspot_layers` rendered by :func:`build_map`; see there for the layers, the
    roles and the week slider. ``basemap`` as for :func:`build_map`.
    """
    result = hotspot_layers(
        store,
        start=start,
        end=end,
        categories=categories,
        bbox=bbox,
        lang=lang,
        role=role,
        min_count=min_count,
        weeks_back=weeks_back,
    )
    return build_map(result.layers, lang=lang, basemap=basemap, title=result.title)


def _day(value: datetime | None, *, tz: str, exclusive: bool = False) -> str:
    """The local date of ``value``; for an exclusive end, the last day included."""
    if value is None:
        return ""
    from zoneinfo import ZoneInfo

    if exclusive:
        value = value - timedelta(microseconds=1)
    if value.tzinfo is not None:
        value = value.astimezone(ZoneInfo(tz))
    return value.date().isoformat()


def _observations(store, *, start, end, bbox, crs):
    import geopandas as gpd

    from hotspots.domain import PRECISION_RANK, Precision

    best = PRECISION_RANK[Precision.STREET]
    allowed = [p.value for p in Precision if PRECISION_RANK[p] <= best and p != Precision.FAILED]
    df = store.records(
        "observation",
        bbox=bbox,
        start=start,
        end=end,
        precisions=allowed,
        columns=("id", "category", "occurred_from", "description", "lon", "lat"),
    )
    df = df.dropna(subset=["lon", "lat"])
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs=4326)
    return gdf.to_crs(crs)


def write_map(path: str | Path, html: str) -> Path:
    """Write the map ``html`` to ``path`` (UTF-8), creating its folder; return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path
