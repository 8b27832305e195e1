"""The hotspot map: one self-contained HTML page that opens from disk with no network.

Leaflet and Leaflet.markercluster are inlined from installed packages (:mod:`maps._assets`),
the layers' data are inlined as JSON, the density image as a data URI. The only address the
page may load is the background map's tile URL, and ``basemap="none"`` leaves even that out:
the layers still show on a plain background.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from html import escape
from pathlib import Path

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
    observation_layer,
)

__all__ = ["OSM_TILES", "build_map", "hotspot_map", "write_map"]

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


_STYLE = """
html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }
#map { position: absolute; inset: 0; background: #f2efe9; }
.hs-title { background: rgba(255,255,255,.9); padding: 4px 8px; font-weight: 600;
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.hs-legend { background: rgba(255,255,255,.92); padding: 6px 8px; font-size: 12px;
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); max-height: 60vh; overflow: auto; }
.hs-legend-title { font-weight: 600; margin-top: 4px; }
.hs-row { display: flex; align-items: center; gap: 6px; }
.hs-box, .hs-dot { display: inline-block; width: 14px; height: 12px; border: 1px solid #555; }
.hs-dot { border-radius: 50%; width: 12px; }
.hs-marker { border-radius: 50%; border: 2px solid #fff; color: #fff; font: 700 11px/18px
  system-ui, sans-serif; text-align: center; width: 18px; height: 18px;
  box-shadow: 0 0 2px rgba(0,0,0,.6); }
.leaflet-popup-content th { text-align: left; padding-right: 8px; vertical-align: top; }
"""

_SCRIPT = """
(function () {
  var cfg = JSON.parse(document.getElementById("hs-data").textContent);
  var map = L.map("map", {minZoom: 0, maxZoom: 19});
  if (cfg.tiles) {
    L.tileLayer(cfg.tiles, {maxZoom: 19, attribution: cfg.attribution}).addTo(map);
  }
  var overlays = {}, legends = {}, all = [], rest = [];
  cfg.layers.forEach(function (spec) {
    var layer;
    if (spec.kind === "image") {
      if (!spec.data.url) { return; }
      layer = L.imageOverlay(spec.data.url, spec.data.bounds, {opacity: 0.85});
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
  L.control.layers(null, overlays, {collapsed: false}).addTo(map);
  var title = L.control({position: "topleft"});
  title.onAdd = function () {
    var div = L.DomUtil.create("div", "hs-title"); div.innerHTML = cfg.title; return div;
  };
  title.addTo(map);
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
  };
  legend.addTo(map);
  map.on("overlayadd overlayremove", function () { legend.update(); });
  if (!all.length) { all = rest; }
  if (all.length) { map.fitBounds(all, {padding: [10, 10]}); } else { map.setView(cfg.center, 6); }
  document.body.setAttribute("data-hs-ready", "1");
})();
"""


def build_map(
    layers: list[Layer], *, lang: str = "sv", basemap: str = "osm", title: str = ""
) -> str:
    """One self-contained HTML page showing ``layers`` with a layer control and a legend.

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
    tiles = _tile_url(basemap)
    assets = leaflet_assets()
    config = {
        "tiles": tiles,
        "attribution": OSM_ATTRIBUTION if tiles == OSM_TILES else "",
        "title": escape(title),
        "center": [62.0, 15.0],
        "layers": [
            {
                "name": escape(layer.name),
                "kind": layer.kind,
                "data": layer.data,
                "legend": layer.legend,
                "show": layer.show,
                "bounds": layer.bounds,
                "fit": layer.fit,
            }
            for layer in layers
        ],
    }
    lang_attr = "en" if lang == "en" else "sv"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang_attr}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f'<style>\n{assets.css}\n{_STYLE}</style>\n</head>\n<body>\n<div id="map"></div>\n'
        f'<script type="application/json" id="hs-data">{_script_json(config)}</script>\n'
        f"<script>\n{assets.js}\n</script>\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
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
) -> str:
    """The hotspot map of the incidents from ``start`` to ``end`` (before) as HTML.

    Layers: kernel density (incidents per km²), DBSCAN hotspots, Gi* hot and cold cells,
    the walk observations of the period, and the kommun boundary. Sensitive categories are
    never drawn as points; incidents are only shown aggregated.

    Parameters
    ----------
    store
        A :class:`hotspots.store.Store`.
    start, end
        Timezone-aware bounds of the period; ``end`` is exclusive.
    categories
        Incident category codes to map; None maps all.
    bbox
        ``(west, south, east, north)`` in lon/lat to restrict the map to.
    lang, basemap
        As for :func:`build_map`.
    min_count
        The least number of incidents a DBSCAN hotspot (``min_samples``) and a KDE hotspot
        have: fewer is no place to act on.
    """
    from hotspots.catalogue import load_catalogue
    from hotspots.detect.dbscan import DBSCANHotspots
    from hotspots.detect.emerging import EmergingHotspots
    from hotspots.detect.gistar import GiStarHotspots
    from hotspots.detect.kde import KDEHotspots
    from hotspots.detect.source import load_points
    from hotspots.settings import get_settings

    settings = get_settings()
    crs = settings.working_crs
    catalogue = load_catalogue()
    incidents = load_points(store, start=start, end=end, categories=categories, bbox=bbox, crs=crs)
    observations = _observations(store, start=start, end=end, bbox=bbox, crs=crs)
    layers: list[Layer] = []
    if len(incidents):
        kde = KDEHotspots(min_points=min_count).fit(incidents)
        layers.append(density_layer(kde, lang=lang))
        gistar = GiStarHotspots(permutations=0).fit(incidents) if len(incidents) > 1 else None
        if gistar is not None:
            layers.append(gistar_layer(gistar, lang=lang))
        dbscan = DBSCANHotspots(min_samples=max(min_count, 1)).fit(incidents)
        layers.append(dbscan_layer(dbscan, catalogue=catalogue, lang=lang))
        try:  # needs at least two weeks of data
            emerging = EmergingHotspots(time_step="1W", end=end).fit(incidents)
        except InputError:
            emerging = None
        if emerging is not None:
            layers.append(emerging_layer(emerging, lang=lang))
    if len(observations):
        layers.append(observation_layer(observations, catalogue=catalogue, lang=lang))
    lonlat = [
        (frame["lon"].to_numpy(), frame["lat"].to_numpy())
        for frame in (incidents, observations)
        if len(frame)
    ]
    layers.append(boundary_layer(_kommun_polygons(store, lonlat, settings), lang=lang))
    title = t(
        "map.title",
        lang,
        start=_day(start, tz=settings.timezone),
        end=_day(end, tz=settings.timezone, exclusive=True),
    )
    return build_map(layers, lang=lang, basemap=basemap, title=title)


def _day(value: datetime | None, *, tz: str, exclusive: bool = False) -> str:
    """The local date of ``value``; for an exclusive end, the last day included."""
    if value is None:
        return ""
    from datetime import timedelta
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
