"""The suggestion rules: each fires on the numbers its docstring names, and says them."""

from __future__ import annotations

from hotspots.catalogue import load_catalogue
from hotspots.report.suggest import AreaProfile, suggest_measures


def codes(profile, lang="sv"):
    return {s.measure: s for s in suggest_measures(profile, load_catalogue(), lang=lang)}


def test_night_and_lighting_observations_suggest_lighting():
    found = codes(
        AreaProfile(
            {"skadegorelse": 6, "ordningsstorning": 4}, night=7.0, observations={"belysning": 2}
        )
    )
    assert "belysning" in found
    assert "7 av 10 händelser kl. 18–06 (70 %)" in found["belysning"].reason
    assert "2 öppna observationer om belysning" in found["belysning"].reason


def test_night_without_lighting_observations_or_daytime_gives_no_lighting():
    assert "belysning" not in codes(AreaProfile({"narkotika": 10}, night=9.0))
    assert "belysning" not in codes(
        AreaProfile({"narkotika": 10}, night=4.0, observations={"belysning": 3})
    )


def test_persistent_property_crime_suggests_cameras_with_the_permit_note():
    found = codes(AreaProfile({"stold": 5, "inbrott_bil": 3}, property_weeks=4))
    cam = found["kamera"]
    assert "egendomsbrott 4 av 5 veckor (8 händelser)" in cam.reason
    assert "kamerabevakningslagen" in cam.note
    assert "kamera" not in codes(AreaProfile({"stold": 5}, property_weeks=3))


def test_persistent_emerging_pattern_with_mostly_property_crime_suggests_cameras():
    found = codes(
        AreaProfile({"stold": 3, "ordningsstorning": 2}, property_weeks=2, pattern="persistent_hot")
    )
    assert "kamera" in found and "60 %" in found["kamera"].reason
    mostly_disorder = AreaProfile(
        {"stold": 1, "ordningsstorning": 4}, property_weeks=1, pattern="persistent_hot"
    )
    assert "kamera" not in codes(mostly_disorder)


def test_burglary_and_moped_rules():
    found = codes(AreaProfile({"inbrott_bostad": 2, "buskorning": 3}))
    assert "2 bostadsinbrott" in found["grannsamverkan"].reason
    assert {"trafikkontroll", "trafiksakerhet"} <= set(found)
    assert "3 händelser med buskörning" in found["trafikkontroll"].reason
    below = codes(AreaProfile({"inbrott_bostad": 1, "buskorning": 1}))
    assert "grannsamverkan" not in below and "trafiksakerhet" not in below
    # only the most-common-category fallback speaks, and it says so
    assert all(s.reason.startswith("vanligast:") for s in below.values())


def test_observation_rules_and_english():
    found = codes(
        AreaProfile({"ordningsstorning": 1}, observations={"skymd_sikt": 2, "klotter": 1}),
        lang="en",
    )
    assert found["rojning"].label == "Vegetation clearance"
    assert "2 open observations of blocked sight lines" in found["rojning"].reason
    assert "klottersanering" in found


def test_fallback_is_the_most_common_categorys_first_measure():
    cat = load_catalogue()
    found = codes(AreaProfile({"narkotika": 4, "ordningsstorning": 1}))
    assert list(found) == [cat["narkotika"].measures[0]]
    assert "Narkotika (4 av 5 händelser)" in next(iter(found.values())).reason
    assert codes(AreaProfile({})) == {}


def test_each_measure_once_and_only_catalogue_measures():
    profile = AreaProfile(
        {"skadegorelse": 10}, night=8, property_weeks=5, observations={"belysning": 1}
    )
    out = suggest_measures(profile, load_catalogue())
    assert len({s.measure for s in out}) == len(out)
    assert all(s.measure in load_catalogue().measures for s in out)
