"""The map opens in headless Chromium with the network blocked and draws its layers."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from maps.weekly import write_map

SCREENSHOT = (
    Path(os.environ.get("HOTSPOTS_TEST_SCREENSHOT_DIR", ""))
    if os.environ.get("HOTSPOTS_TEST_SCREENSHOT_DIR")
    else None
)


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        reason = "headless Chromium is not installed (apt-get install chromium)"
        if os.environ.get("HOTSPOTS_TEST_REQUIRE_BROWSER") == "1":
            pytest.fail(f"HOTSPOTS_TEST_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    return exe


def _run(exe: str, profile: Path, page: Path, *extra: str) -> subprocess.CompletedProcess:
    # No request may leave the machine: names resolve nowhere and every proxy hop fails.
    args = [
        exe,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=127.0.0.1:9",
        "--enable-logging=stderr",
        "--v=0",
        "--window-size=1200,900",
        "--virtual-time-budget=5000",
        *extra,
        page.as_uri(),
    ]
    return subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)


def test_map_renders_offline(demo_html, tmp_path):
    exe = _chromium()
    page = write_map(tmp_path / "map.html", demo_html)
    done = _run(exe, tmp_path / "profile1", page, "--dump-dom")
    dom = done.stdout
    errors = re.findall(r"CONSOLE.*Uncaught.*", done.stderr)
    assert not errors, errors
    assert 'data-hs-ready="1"' in dom, done.stderr[-2000:]
    assert "leaflet-container" in dom
    assert re.search(r"<img[^>]+leaflet-image-layer", dom)  # the density image
    assert len(re.findall(r"<path[^>]+d=\"M", dom)) > 10  # polygons and the boundary
    assert 'stroke-dasharray="6 4"' in dom  # the kommun boundary
    assert "marker-cluster" in dom  # observations, clustered at this zoom
    assert "Trygghetsvandringar: iakttagelser" in dom  # layer control
    assert "händelser per km²" in dom  # legend
    # Nothing was fetched from outside: no tiles, no CDN (failed loads would be logged).
    assert not re.search(r"net::ERR_\w+.*https?://", done.stderr)

    shot = (SCREENSHOT or tmp_path) / "hotspot_map_offline.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    _run(exe, tmp_path / "profile2", page, f"--screenshot={shot}")
    assert shot.is_file() and shot.stat().st_size > 10_000


# A test-only script appended to the page: it switches the week overlay on, moves the slider
# to the first week, switches the overlay off again and writes what it saw into <body>.
PROBE = """
(function () {
  var el = document.getElementById("veckokarta"), out = {};
  var cfg = JSON.parse(document.getElementById("veckokarta-data").textContent);
  var frames = cfg.layers.filter(function (l) { return l.kind === "weeks"; })[0].data.frames;
  var box = null;
  el.querySelectorAll(".leaflet-control-layers-overlays label").forEach(function (label) {
    if (label.textContent.indexOf("Täthet vecka för vecka") >= 0) {
      box = label.querySelector("input");
    }
  });
  function shown(url) {
    return Array.prototype.some.call(el.querySelectorAll("img.leaflet-image-layer"),
      function (img) { return img.src === url; });
  }
  out.offAtFirst = !box.checked && !el.querySelector(".hs-slider");
  box.click();
  var slider = el.querySelector(".hs-slider");
  out.sliderShown = !!slider;
  out.labelAtStart = slider.querySelector(".hs-slider-label").textContent;
  out.lastShown = shown(frames[frames.length - 1].url);
  var input = slider.querySelector("input[type=range]");
  out.range = [input.min, input.max, input.value];
  input.value = "0";
  input.dispatchEvent(new Event("input", {bubbles: true}));
  out.labelAfter = slider.querySelector(".hs-slider-label").textContent;
  out.daysAfter = slider.querySelector(".hs-slider-days").textContent;
  out.week = slider.getAttribute("data-week");
  out.firstShown = shown(frames[0].url);
  out.lastGone = !shown(frames[frames.length - 1].url);
  out.legend = el.querySelector(".hs-legend").textContent.indexOf("och vecka") >= 0;
  box.click();
  out.sliderGone = !el.querySelector(".hs-slider");
  // Open the popup of the proposed measure (the one with the hostile title).
  var dot = el.querySelector('path[stroke="#9e9ac8"]');
  var r = dot.getBoundingClientRect();
  dot.dispatchEvent(new MouseEvent("click", {bubbles: true, clientX: r.left + r.width / 2,
                                             clientY: r.top + r.height / 2}));
  var popup = el.querySelector(".leaflet-popup-content");
  out.popupText = popup ? popup.textContent : "";
  out.popupElements = popup ? popup.querySelectorAll("script, img").length : -1;
  document.body.setAttribute("data-probe", JSON.stringify(out));
})();
"""


def test_embedded_map_with_measures_and_week_slider(week_layers, tmp_path):
    import html as html_lib
    import json

    from maps.weekly import map_parts

    exe = _chromium()
    css, body = map_parts(
        week_layers.layers, basemap="none", title=week_layers.title, element_id="veckokarta"
    )
    page = (
        '<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8"><title>Lägesbild</title>'
        f"<style>{css}\n#veckokarta {{ height: 700px; }}</style></head><body>"
        "<h1>Lägesbild vecka 47</h1><p>Text före kartan.</p>\n"
        f"{body}<p>Text efter kartan.</p>\n<script>{PROBE}</script></body></html>"
    )
    path = write_map(tmp_path / "embedded.html", page)
    done = _run(exe, tmp_path / "profile3", path, "--dump-dom")
    dom = done.stdout
    assert not re.findall(r"CONSOLE.*Uncaught.*", done.stderr), done.stderr[-2000:]
    assert re.search(r'<div id="veckokarta" class="hs-map[^"]*"[^>]*data-hs-ready="1"', dom)
    assert "Text efter kartan." in dom
    # The measures: a circle (pågående), an area (genomförd), dots; named in the control.
    assert "Åtgärder" in dom
    for colour in ("#e6550d", "#31a354", "#9e9ac8", "#3182bd", "#737373"):
        assert f'stroke="{colour}"' in dom, colour
    # The week slider: hidden with its overlay, shown with it, and it changes the week.
    probe = json.loads(html_lib.unescape(re.search(r'data-probe="([^"]*)"', dom).group(1)))
    assert probe["offAtFirst"] and probe["sliderShown"] and probe["sliderGone"], probe
    assert probe["labelAtStart"].startswith("v. 47 · ") and probe["lastShown"], probe
    assert probe["range"] == ["0", "4", "4"]
    assert probe["labelAfter"].startswith("v. 43 · ") and probe["week"] == "0", probe
    assert probe["labelAfter"].endswith(" händelser")
    assert probe["daysAfter"] == "2026-10-19 – 2026-10-25"
    assert probe["firstShown"] and probe["lastGone"] and probe["legend"], probe
    # The hostile title and note of a measure show as text in its popup.
    assert probe["popupText"].startswith("Förbättrad belysning"), probe
    assert "<script>alert(2)</script> Belysning" in probe["popupText"]
    assert "<img src=x onerror=alert(3)>" in probe["popupText"]
    assert probe["popupElements"] == 0
    assert not re.search(r"net::ERR_\w+.*https?://", done.stderr)

    shot = (SCREENSHOT or tmp_path) / "hotspot_map_embedded.png"
    _run(exe, tmp_path / "profile4", path, f"--screenshot={shot}")
    assert shot.is_file() and shot.stat().st_size > 10_000
