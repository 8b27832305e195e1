"""GDAL's own OGC API - Features client (``ogrinfo``, OAPIF driver) against a real server.

A uvicorn process serves a SQLite file holding the demo data, two stored analyses (DBSCAN
and Gi*) and users with tokens; ``ogrinfo`` sends the token with ``GDAL_HTTP_HEADERS``.
Needs ``ogrinfo`` (Debian's gdal-bin); without it the tests skip with the reason, unless
``HOTSPOTS_TEST_REQUIRE_GDAL=1`` (CI) turns the skip into a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 120


def _require_gdal() -> str:
    exe = shutil.which("ogrinfo")
    problem = None
    if exe is None:
        problem = "ogrinfo (GDAL, Debian package gdal-bin) is not on the PATH"
    else:
        formats = subprocess.run(
            [exe, "--formats"], capture_output=True, text=True, timeout=60
        ).stdout
        if "OAPIF" not in formats:
            problem = f"{exe} has no OAPIF (OGC API - Features) driver"
    if problem:
        if os.environ.get("HOTSPOTS_TEST_REQUIRE_GDAL", "") not in ("", "0", "false"):
            pytest.fail(problem)
        pytest.skip(problem)
    return exe


@dataclass
class Served:
    """The running server and what its database holds."""

    url: str
    tokens: dict[str, str]  # role -> bearer token
    expected: dict[str, int]  # collection -> features an admin sees
    dbscan_small: int  # DBSCAN hotspots of fewer than 5 incidents
    store: object


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fill(url: str) -> tuple[dict[str, int], int, dict[str, str]]:
    """The demo data, a DBSCAN and a Gi* run, and an admin and a leadership user."""
    from hotspots.demo.loader import load_demo
    from hotspots.detect.run import run_detection
    from hotspots.settings import Settings
    from hotspots.store import Store
    from hotspots.store.users import add_user, issue_token

    settings = Settings(database_url=url)
    store = Store.open(url)
    load_demo(store, settings)
    common = {"crs": settings.working_crs}
    tz = ZoneInfo(settings.timezone)
    dbscan = run_detection(
        store,
        method="dbscan",
        params={"eps": 100, "min_samples": 4},
        start=datetime(2026, 9, 1, tzinfo=tz),
        end=datetime(2026, 11, 23, tzinfo=tz),
        **common,
    )
    gistar = run_detection(
        store,
        method="gistar",
        params={"cell_size": 200, "permutations": 199, "seed": 1},
        start=datetime(2026, 10, 1, tzinfo=tz),
        end=datetime(2026, 11, 23, tzinfo=tz),
        **common,
    )
    counts = store.counts()
    expected = {
        "incidents": counts["incidents"],
        "observations": counts["observations"],
        "measures": len(store.measures()),
        "hotspots-dbscan": len(dbscan.geojson["features"]),
        "hotspots-gistar": len(gistar.geojson["features"]),
    }
    small = sum(f["properties"]["n_points"] < 5 for f in dbscan.geojson["features"])
    tokens = {}
    for role in ("admin", "leadership"):
        add_user(store, f"gdal-{role}", role)
        tokens[role] = issue_token(store, f"gdal-{role}")
    return expected, small, tokens


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Served:
    _require_gdal()
    tmp = tmp_path_factory.mktemp("ogc_gdal")
    url = f"sqlite:///{tmp / 'gdal.db'}"
    expected, small, tokens = _fill(url)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTSPOTS_")}
    env["HOTSPOTS_DATABASE_URL"] = url
    log = open(tmp / "server.log", "w+b")  # noqa: SIM115 - closed at teardown
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "api.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/health", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"the server did not start: {log.read().decode(errors='replace')}")
            time.sleep(0.2)
        from hotspots.store import Store

        yield Served(base + "/ogc", tokens, expected, small, Store.open(url))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def ogrinfo(served: Served, *options: str, layer: str | None = None, role="admin") -> str:
    """``ogrinfo -ro OPTIONS OAPIF:<server>/ogc [LAYER]`` as ``role`` (None: no token)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GDAL_HTTP_HEADER")}
    if role is not None:
        env["GDAL_HTTP_HEADERS"] = f"Authorization: Bearer {served.tokens[role]}"
    cmd = ["ogrinfo", "-ro", *options, f"OAPIF:{served.url}", *([layer] if layer else [])]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "ERROR" not in r.stderr, r.stderr
    return r.stdout


def _layers(summary: str) -> dict[str, dict[str, str]]:
    """Layer name -> {"Geometry": ..., "Feature Count": ..., fields ...} of ``ogrinfo -so``."""
    layers: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in summary.splitlines():
        if line.startswith("Layer name: "):
            current = layers.setdefault(line.removeprefix("Layer name: ").strip(), {})
        elif m := re.match(r"^(Geometry|Feature Count|Extent): (.*)$", line):
            current[m[1]] = m[2].strip()
        elif m := re.match(r"^(\w+): (\w+(?:\(\w+\))?) \(", line):
            current[m[1]] = m[2]
    return layers


def test_ogrinfo_lists_every_collection_with_its_count(served):
    layers = _layers(ogrinfo(served, "-al", "-so"))
    assert list(layers) == list(served.expected)
    assert {n: int(v["Feature Count"]) for n, v in layers.items()} == served.expected
    assert layers["incidents"]["Geometry"] == "Point"
    assert layers["observations"]["Geometry"] == "Point"
    assert layers["measures"]["Geometry"] == "Polygon"  # points with a radius as circles
    assert layers["hotspots-dbscan"]["Geometry"] == "Polygon"
    assert layers["hotspots-gistar"]["Geometry"] == "Polygon"
    # field types from the schema: date-times stay date-times when the first page is empty
    assert layers["incidents"]["occurred_from"] == "DateTime"
    assert layers["incidents"]["occurred_to"] == "DateTime"
    assert layers["incidents"]["outside_area"] == "Integer(Boolean)"
    assert layers["hotspots-dbscan"]["n_points"] == "Integer"
    assert layers["measures"]["starts_on"] == "DateTime"
    # the extent comes from the collection's metadata: the box of the stored points
    pts = served.store.records("incident").dropna(subset=["lon"])
    box = (pts["lon"].min(), pts["lat"].min(), pts["lon"].max(), pts["lat"].max())
    assert layers["incidents"]["Extent"] == "({:.6f}, {:.6f}) - ({:.6f}, {:.6f})".format(*box)


def test_ogrinfo_pages_through_all_features(served):
    out = ogrinfo(served, "-q", "-oo", "PAGE_SIZE=100", layer="observations")
    assert (
        len(re.findall(r"^OGRFeature\(observations\):", out, re.M))
        == served.expected["observations"]
    )
    out = ogrinfo(served, "-q", "-oo", "PAGE_SIZE=1000", layer="incidents")
    fids = [int(m) for m in re.findall(r"^OGRFeature\(incidents\):(\d+)", out, re.M)]
    assert len(fids) == len(set(fids)) == served.expected["incidents"]


def test_ogrinfo_bbox_and_one_feature(served):
    box = (13.53, 55.925, 13.56, 55.945)
    inside = served.store.records("incident", bbox=box).dropna(subset=["lon"])
    out = ogrinfo(served, "-q", "-spat", *(str(v) for v in box), layer="incidents")
    assert len(re.findall(r"^OGRFeature\(incidents\):", out, re.M)) == len(inside) > 0
    fid = int(inside["id"].iloc[0])
    out = ogrinfo(served, "-q", "-fid", str(fid), layer="incidents")
    assert f"OGRFeature(incidents):{fid}" in out
    assert f"external_id (String) = {inside['external_id'].iloc[0]}" in out


def test_ogrinfo_sees_what_the_role_allows(served):
    want = {k: v for k, v in served.expected.items() if k != "incidents"}
    want["hotspots-dbscan"] -= served.dbscan_small
    for role in ("leadership", None):  # None: no token, the anonymous public
        layers = _layers(ogrinfo(served, "-al", "-so", role=role))
        assert "incidents" not in layers
        counts = {n: int(v["Feature Count"]) for n, v in layers.items()}
        assert {k: counts[k] for k in want if k != "hotspots-gistar"} == {
            k: v for k, v in want.items() if k != "hotspots-gistar"
        }
        assert counts["hotspots-gistar"] <= served.expected["hotspots-gistar"]
