"""The week-by-week density: one frame per week on one grid and colour scale, a slider."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from hotspots.errors import InputError
from maps.weekly import build_map, hotspot_layers

from .conftest import WEEK_END, WEEK_START


def test_one_frame_per_week(week_layers):
    layer = week_layers.layer("weeks")
    assert (layer.kind, layer.name, layer.show, layer.fit) == (
        "weeks",
        "Täthet vecka för vecka",
        False,
        False,
    )
    frames = layer.data["frames"]
    assert [f["label"] for f in frames] == ["v. 43", "v. 44", "v. 45", "v. 46", "v. 47"]
    assert [f["days"] for f in frames][0] == "2026-10-19 – 2026-10-25"
    assert [f["days"] for f in frames][-1] == "2026-11-16 – 2026-11-22"
    assert layer.data["current"] == 4 and layer.count == 5
    # The counts are the incidents of each week; the last is the map's period.
    assert frames[-1]["n"] == len(week_layers.incidents)
    assert [f["count"] for f in frames] == [f"{f['n']} händelser" for f in frames]
    assert [w["count"] for w in week_layers.weeks] == [f["n"] for f in frames]
    assert week_layers.weeks[0]["start"] == datetime(2026, 10, 18, 22, tzinfo=UTC)  # CEST
    assert week_layers.weeks[1]["start"] == datetime(2026, 10, 25, 23, tzinfo=UTC)  # CET
    assert all(f["url"].startswith("data:image/png;base64,") for f in frames)
    assert len({f["url"] for f in frames}) == 5


def test_one_grid_and_one_scale(week_layers):
    layer = week_layers.layer("weeks")
    # One overlay: the frames share its bounds; one legend: the shared colour classes.
    (south, west), (north, east) = layer.data["bounds"]
    assert 55.8 < south < north < 56.1 and 13.3 < west < east < 13.8
    assert layer.legend.count("hs-box") == 6
    assert "händelser per km² och vecka" in layer.legend
    assert "samma färgskala" in layer.legend


def test_the_main_density_stays_the_default_view(week_layers):
    html = build_map(week_layers.layers, basemap="none")
    assert '"kind":"weeks"' in html and 'input.type = "range"' in html
    density = week_layers.layer("density")
    assert density.show and density.kind == "image"


def test_english_labels(demo_store):
    result = hotspot_layers(demo_store, start=WEEK_START, end=WEEK_END, lang="en", weeks_back=1)
    frames = result.layer("weeks").data["frames"]
    assert [f["label"] for f in frames] == ["wk 46", "wk 47"]
    assert frames[0]["count"].endswith(" incidents")
    assert result.layer("weeks").name == "Density week by week"


def test_a_longer_period_is_one_frame_per_week_scale(demo_store):
    start = datetime(2026, 10, 31, 23, tzinfo=UTC)  # 2026-11-01 (Sunday) local
    result = hotspot_layers(demo_store, start=start, end=WEEK_END, weeks_back=2)
    frames = result.layer("weeks").data["frames"]
    assert [f["label"] for f in frames] == ["v. 42–43", "v. 43–44", "v. 44–47"]
    assert frames[-1]["days"] == "2026-11-01 – 2026-11-22"


def test_no_weeks_back_no_slider(demo_store):
    result = hotspot_layers(demo_store, start=WEEK_START, end=WEEK_END, weeks_back=0)
    assert result.layer("weeks") is None and result.weeks == []
    assert result.layer("density") is not None


@pytest.mark.parametrize("bad", [-1, 53, 2.5, "4", True])
def test_bad_weeks_back(demo_store, bad):
    with pytest.raises(InputError, match=re.escape(repr(bad))):
        hotspot_layers(demo_store, start=WEEK_START, end=WEEK_END, weeks_back=bad)
