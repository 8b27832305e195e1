"""Nominatim without the network: a fake geopy geocoder and a fake clock."""

import math

import pytest
from geopy.exc import GeocoderServiceError, GeocoderTimedOut

from hotspots.domain import Precision
from hotspots.errors import GeocodeError
from hotspots.geocode.boundaries import load_boundaries
from hotspots.geocode.online import GeocodeCache, NominatimGeocoder
from hotspots.paths import DEFAULT_DATA_DIR
from hotspots.settings import Settings, get_settings


class FakeClock:
    def __init__(self):
        self.now = 1000.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


class FakeLocation:
    def __init__(self, lat, lon, address, raw):
        self.latitude, self.longitude, self.address, self.raw = lat, lon, address, raw


class FakeNominatim:
    """Answers like geopy's Nominatim.geocode; records when (on the fake clock) it was called."""

    def __init__(self, clock, answers=None, errors=None):
        self.clock = clock
        self.answers = answers or {}
        self.errors = list(errors or [])
        self.calls = []

    def geocode(self, query, **kwargs):
        self.calls.append((self.clock(), query, kwargs))
        self.clock.now += 0.2  # the request itself takes a little time
        if self.errors:
            raise self.errors.pop(0)
        return self.answers.get(query)


STORGATAN = FakeLocation(
    55.9301,
    13.5401,
    "12B, Storgatan, Höör, Skåne län, 243 30, Sverige",
    {
        "class": "place",
        "type": "house",
        "addresstype": "place",
        "address": {"house_number": "12B", "road": "Storgatan"},
    },
)


def make(tmp_path=None, answers=None, errors=None, **kwargs):
    clock = FakeClock()
    fake = FakeNominatim(clock, answers, errors)
    geocoder = NominatimGeocoder(
        user_agent="hotspots-test",
        cache_path=(tmp_path / "cache.sqlite") if tmp_path else None,
        geocoder=fake,
        clock=clock,
        sleep=clock.sleep,
        **kwargs,
    )
    return geocoder, fake, clock


def test_rate_limit_at_most_one_request_a_second():
    answers = {f"Storgatan {i}": STORGATAN for i in range(5)}
    g, fake, clock = make(answers=answers)
    for i in range(5):
        assert g.geocode(f"Storgatan {i}").ok
    times = [t for t, _, _ in fake.calls]
    assert len(times) == 5
    assert all(b - a >= 1.0 for a, b in zip(times, times[1:], strict=False))
    assert clock.sleeps and all(s > 0 for s in clock.sleeps)  # it waited, on the fake clock


def test_cache_second_call_makes_no_request(tmp_path):
    g, fake, _ = make(tmp_path, answers={"Storgatan 12B, Höör": STORGATAN})
    first = g.geocode("Storgatan 12B", municipality="Höör")
    second = g.geocode("Storgatan 12B", municipality="Höör")
    assert len(fake.calls) == 1 and g.requests_ == 1
    assert first == second
    assert first.precision == Precision.ADDRESS
    assert (first.lon, first.lat) == (13.5401, 55.9301)
    assert first.matched.startswith("12B, Storgatan, Höör")
    # the cache file outlives the geocoder: a new one asks nothing either
    g2, fake2, _ = make(tmp_path, answers={})
    assert g2.geocode("Storgatan 12B", municipality="Höör") == first
    assert fake2.calls == []


def test_query_options():
    g, fake, _ = make(answers={})
    g.geocode("Storgatan 12B", municipality="Höör")
    _, query, kwargs = fake.calls[0]
    assert query == "Storgatan 12B, Höör"
    assert kwargs["country_codes"] == "se"
    assert kwargs["addressdetails"] is True and kwargs["exactly_one"] is True
    assert "viewbox" not in kwargs
    # the kommun is not added twice: the same query, answered from the cache
    g.geocode("Storgatan 12B, Höör", municipality="Höör")
    assert len(fake.calls) == 1


def test_viewbox_from_kommun_boundaries():
    g, fake, _ = make(answers={}, boundaries=load_boundaries(DEFAULT_DATA_DIR))
    g.geocode("Storgatan 1", municipality="Höör")
    kwargs = fake.calls[0][2]
    (lat0, lon0), (lat1, lon1) = kwargs["viewbox"]
    assert kwargs["bounded"] is True
    assert lat0 < 55.9366 < lat1 and lon0 < 13.5434 < lon1


def test_no_match_is_cached_as_failed():
    g, fake, _ = make(answers={})
    r = g.geocode("Okändgatan 1")
    assert r.precision == Precision.FAILED and math.isnan(r.lon)
    assert r.reason == "ingen träff för 'Okändgatan 1' i Nominatim"
    g.geocode("Okändgatan 1")
    assert len(fake.calls) == 1


@pytest.mark.parametrize(
    "errors",
    [
        [GeocoderTimedOut("timed out")] * 3,  # geopy retries twice, then gives up
        [TimeoutError("slow")],
        [ConnectionRefusedError("refused")],
    ],
)
def test_network_errors_fail_the_row_not_the_batch(errors):
    g, fake, _ = make(answers={"Storgatan 12B": STORGATAN}, errors=errors)
    results = g.geocode_many(["Storgatan 1", "Storgatan 12B"])
    assert results[0].precision == Precision.FAILED
    assert results[0].reason.startswith("Nominatim är inte tillgänglig")
    assert results[1].ok
    # an error is not cached: the next run asks again
    before = len(fake.calls)
    g.geocode("Storgatan 1")
    assert len(fake.calls) == before + 1


def test_service_errors_are_retried_after_a_pause():
    g, fake, clock = make(
        answers={"Storgatan 12B": STORGATAN}, errors=[GeocoderServiceError("502")]
    )
    assert g.geocode("Storgatan 12B").ok
    assert len(fake.calls) == 2
    assert fake.calls[1][0] - fake.calls[0][0] >= 5.0


@pytest.mark.parametrize(
    ("raw", "precision"),
    [
        ({"address": {"house_number": "3"}}, Precision.ADDRESS),
        ({"class": "highway", "type": "residential", "addresstype": "road"}, Precision.STREET),
        ({"class": "place", "type": "village", "addresstype": "village"}, Precision.LOCALITY),
        (
            {"class": "boundary", "type": "administrative", "addresstype": "municipality"},
            Precision.MUNICIPALITY,
        ),
        ({"class": "amenity", "type": "school", "addresstype": "amenity"}, Precision.ADDRESS),
    ],
)
def test_precision_from_nominatim_type(raw, precision):
    loc = FakeLocation(55.9, 13.5, "x", raw)
    g, _, _ = make(answers={"x": loc})
    assert g.geocode("x").precision == precision


def test_off_by_default():
    with pytest.raises(GeocodeError, match="geokodning online är avstängd"):
        NominatimGeocoder.from_settings(Settings())


def test_messages_in_english(monkeypatch):
    monkeypatch.setenv("HOTSPOTS_LANGUAGE", "en")
    get_settings.cache_clear()
    with pytest.raises(GeocodeError, match="online geocoding is off"):
        NominatimGeocoder.from_settings(Settings())
    g, _, _ = make(answers={}, errors=[TimeoutError("slow")])
    assert g.geocode("Storgatan 1").reason == "Nominatim unavailable: TimeoutError: slow"
    assert g.geocode("Okändgatan 1").reason == "no match for 'Okändgatan 1' in Nominatim"


def test_from_settings_when_allowed(tmp_path):
    clock = FakeClock()
    settings = Settings(online_geocoder=True, geocode_cache=tmp_path / "c.sqlite")
    g = NominatimGeocoder.from_settings(
        settings, geocoder=FakeNominatim(clock), clock=clock, sleep=clock.sleep
    )
    assert g.user_agent == "hotspots-geocoder"
    assert g.cache.path == tmp_path / "c.sqlite"


def test_public_server_rules():
    with pytest.raises(GeocodeError, match="högst en förfrågan per sekund"):
        make(min_delay_seconds=0.5)
    with pytest.raises(GeocodeError, match="user agent"):
        NominatimGeocoder(user_agent=" ", geocoder=object())
    # a private server may go faster
    make(url="https://nominatim.example.kommun.se", min_delay_seconds=0.1)


def test_empty_text_is_not_requested():
    g, fake, _ = make(answers={})
    assert g.geocode("  ").reason == "ingen adress"
    assert fake.calls == []


def test_cache_round_trip_in_memory():
    cache = GeocodeCache()
    g, _, _ = make(answers={"Storgatan 12B": STORGATAN})
    r = g.geocode("Storgatan 12B")
    cache.put("k", r)
    assert cache.get("k") == r and cache.get("other") is None and len(cache) == 1
    cache.close()
