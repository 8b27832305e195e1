"""Small-count suppression by role: what leadership, field and public maps leave out."""

from __future__ import annotations

import base64
import csv
import re
import struct
import zlib
from datetime import UTC, datetime

import numpy as np
import pytest
from pyproj import Transformer
from shapely.geometry import Point, shape

from hotspots.errors import InputError
from hotspots.ingest.pipeline import import_file
from hotspots.store import Store
from maps.layers import support_counts
from maps.weekly import ROLES, build_map, hotspot_layers, suppression_threshold

START = datetime(2026, 11, 15, 23, tzinfo=UTC)
END = datetime(2026, 11, 22, 23, tzinfo=UTC)
BASE = (408_800.0, 6_200_030.0)  # central Höör, SWEREF 99 TM
SMALL = (BASE[0] + 1850.0, BASE[1] - 1450.0)  # an isolated cluster of three incidents
TO_LL = Transformer.from_crs(3006, 4326, always_xy=True)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """25 incidents around BASE, 30 scattered over 8 km, and 3 within 10 m of SMALL."""
    rng = np.random.default_rng(1)
    xy = np.vstack(
        [
            rng.normal(0, 60, (25, 2)) + BASE,
            rng.uniform(-4000, 4000, (30, 2)) + BASE,
            rng.normal(0, 8, (3, 2)) + SMALL,
        ]
    )
    lon, lat = TO_LL.transform(xy[:, 0], xy[:, 1])
    tmp = tmp_path_factory.mktemp("suppression")
    path = tmp / "incidents.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(["id", "datum", "tid", "kategori", "lat", "lon"])
        for i, (x, y) in enumerate(zip(lon, lat, strict=True)):
            out.writerow([f"S-{i}", "2026-11-17", "12:00", "Skadegörelse", f"{y:.7f}", f"{x:.7f}"])
    store = Store.open(f"sqlite:///{tmp}/s.db")
    store.upgrade()
    import_file(path, store=store)
    return store


@pytest.fixture(scope="module")
def maps(store):
    """The week's layers for an analyst and for the leadership group (k = 5)."""
    return {
        role: hotspot_layers(store, start=START, end=END, role=role, weeks_back=1)
        for role in ("analyst", "leadership")
    }


def _lonlat(xy):
    return TO_LL.transform(*xy)


def _covers(layer, xy, degrees: float = 2e-4) -> bool:
    """Whether a feature of ``layer`` lies within ``degrees`` (2e-4: about 15 m) of ``xy``."""
    point = Point(*_lonlat(xy))
    return any(shape(f["geometry"]).distance(point) < degrees for f in layer.data["features"])


def _alpha_at(url: str, bounds, xy) -> int:
    """Opacity of the density image (PNG data URI over ``bounds``) around the point ``xy``."""
    data = base64.b64decode(url.split(",", 1)[1])
    width, height = struct.unpack(">II", data[16:24])
    idat = data[data.index(b"IDAT") + 4 : data.index(b"IEND") - 8]
    raw = np.frombuffer(zlib.decompress(idat), np.uint8).reshape(height, 1 + 4 * width)
    alpha = raw[:, 1:].reshape(height, width, 4)[:, :, 3]
    merc = Transformer.from_crs(4326, 3857, always_xy=True)
    (south, west), (north, east) = bounds
    (x0, x1), (y0, y1) = merc.transform([west, east], [south, north])
    mx, my = merc.transform(*_lonlat(xy))
    col = int((mx - x0) / (x1 - x0) * width)
    row = int((y1 - my) / (y1 - y0) * height)
    return int(alpha[max(row - 1, 0) : row + 2, max(col - 1, 0) : col + 2].max())


def test_the_small_cluster_shows_for_the_analyst(maps):
    m = maps["analyst"]
    assert m.min_cell_count == 0 and m.hidden == {}
    assert _covers(m.layer("dbscan"), SMALL) and _covers(m.layer("gistar"), SMALL)
    density = m.layer("density").data
    assert _alpha_at(density["url"], density["bounds"], SMALL) > 0
    assert "dold" not in " ".join(layer.legend for layer in m.layers)


def test_the_small_cluster_is_hidden_from_leadership(maps):
    m = maps["leadership"]
    assert m.min_cell_count == 5
    assert not _covers(m.layer("dbscan"), SMALL)
    assert not _covers(m.layer("gistar"), SMALL)
    # Nor the ring of empty hot cells around it (Gi* sums the neighbourhood).
    assert _covers(maps["analyst"].layer("gistar"), SMALL, 2e-3)
    assert not _covers(m.layer("gistar"), SMALL, 2e-3)
    density = m.layer("density").data
    assert _alpha_at(density["url"], density["bounds"], SMALL) == 0
    # The big cluster stays.
    assert _covers(m.layer("dbscan"), BASE)
    assert _alpha_at(density["url"], density["bounds"], BASE) > 0
    # The week slider's frame of this week follows the same rule.
    week = m.layer("weeks").data
    assert _alpha_at(week["frames"][-1]["url"], week["bounds"], SMALL) == 0
    assert _alpha_at(week["frames"][-1]["url"], week["bounds"], BASE) > 0


def test_the_legend_says_how_many_were_hidden(maps):
    analyst, leadership = maps["analyst"], maps["leadership"]
    for key in ("dbscan", "gistar"):
        shown, hidden = analyst.layer(key), leadership.layer(key)
        assert hidden.hidden >= 1
        assert shown.count - hidden.count == hidden.hidden  # what is missing is counted
    assert leadership.layer("dbscan").hidden == 1
    assert "1 dold: färre än 5 händelser" in leadership.layer("dbscan").legend
    n = leadership.layer("gistar").hidden
    assert f"{n} dolda: färre än 5 händelser" in leadership.layer("gistar").legend
    n = leadership.layer("density").hidden
    assert n > 0 and leadership.hidden["density"] == n
    assert f"{n} rutor dolda: färre än 5 händelser inom 200 m" in leadership.layer("density").legend


def test_the_threshold_is_a_setting(store, monkeypatch):
    from hotspots.settings import get_settings

    monkeypatch.setenv("HOTSPOTS_MIN_CELL_COUNT", "3")
    get_settings.cache_clear()
    m = hotspot_layers(store, start=START, end=END, role="public", weeks_back=0)
    assert m.min_cell_count == 3
    assert _covers(m.layer("dbscan"), SMALL)  # three incidents reach k = 3
    assert "0 dolda: färre än 3 händelser" in m.layer("dbscan").legend


def test_roles():
    assert ROLES == ("admin", "analyst", "field", "leadership", "public")
    assert [suppression_threshold(r) for r in ROLES] == [0, 0, 5, 5, 5]


def test_unknown_role_is_a_one_line_error(store):
    with pytest.raises(InputError) as err:
        hotspot_layers(store, start=START, end=END, role="chef")
    text = str(err.value)
    assert "\n" not in text and "'chef'" in text and "leadership" in text
    with pytest.raises(InputError, match="Unknown role 'boss'"):
        hotspot_layers(store, start=START, end=END, role="boss", lang="en")
    # the case of a known role does not matter
    assert hotspot_layers(store, start=START, end=END, role="Analyst").role == "analyst"


def test_incidents_are_never_points(maps):
    html = build_map(maps["leadership"].layers, basemap="none")
    assert not re.search(r'"kind":"markers"', html)  # only the observations could be


def test_support_counts_match_a_direct_count():
    from hotspots.detect.grid import Grid

    rng = np.random.default_rng(7)
    x, y = rng.uniform(-300, 1300, 200), rng.uniform(-300, 1300, 200)
    grid = Grid(0.0, 0.0, 50.0, 20, 20, 3006)
    counts = support_counts(x, y, grid, 200.0)
    # Each point counts at the centre of its cell (the documented rounding).
    px = (np.floor(x / 50) + 0.5) * 50
    py = (np.floor(y / 50) + 0.5) * 50
    cx, cy = grid.centers()
    direct = ((cx[..., None] - px) ** 2 + (cy[..., None] - py) ** 2 <= 200.0**2).sum(axis=-1)
    assert np.array_equal(counts, direct)
    assert support_counts([], [], grid, 200.0).sum() == 0
