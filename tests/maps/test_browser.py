"""The map opens in headless Chromium with the network blocked and draws its layers."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from maps.weekly import write_map

SCREENSHOT = Path(os.environ.get("HOTSPOTS_TEST_SCREENSHOT_DIR", "")) if os.environ.get(
    "HOTSPOTS_TEST_SCREENSHOT_DIR") else None


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
    args = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={profile}",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
            "--enable-logging=stderr", "--v=0", "--window-size=1200,900",
            "--virtual-time-budget=5000", *extra, page.as_uri()]
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
    assert re.search(r'<img[^>]+leaflet-image-layer', dom)  # the density image
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
