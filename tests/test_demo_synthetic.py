import math

import numpy as np
import pandas as pd
import pytest

from hotspots.catalogue import load_catalogue
from hotspots.demo import synthetic
from hotspots.paths import DEFAULT_DATA_DIR

DEMO = DEFAULT_DATA_DIR / "demo"
M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(55.9366))
M_PER_DEG_LAT = 111_200.0


def load(name):
    return pd.read_csv(DEMO / name, sep=";", decimal=",", dtype={"tid": str}, encoding="utf-8")


@pytest.fixture(scope="module")
def incidents():
    df = load(synthetic.INCIDENTS_FILE)
    days = (pd.to_datetime(df.datum) - pd.Timestamp(synthetic.START)).dt.days
    df["week"] = days // 7
    df["weekday"] = days % 7  # START is a Monday
    df["hour"] = pd.to_numeric(df.tid.str[:2])
    return df


def near(df, hotspot, radius_m):
    dist = np.hypot((df.lon - hotspot.lon) * M_PER_DEG_LON, (df.lat - hotspot.lat) * M_PER_DEG_LAT)
    return df[dist <= radius_m]


def planted(key):
    return next(h for h in synthetic.PLANTED if h.key == key)


def test_generator_reproduces_the_committed_files(tmp_path):
    inc, obs = synthetic.write(tmp_path)
    assert inc.read_bytes() == (DEMO / synthetic.INCIDENTS_FILE).read_bytes()
    assert obs.read_bytes() == (DEMO / synthetic.OBSERVATIONS_FILE).read_bytes()


def test_files_look_like_a_municipal_export(incidents):
    header = (DEMO / synthetic.INCIDENTS_FILE).read_text(encoding="utf-8").splitlines()[0]
    assert header == "id;datum;tid;kategori;beskrivning;adress;lat;lon"
    obs = load(synthetic.OBSERVATIONS_FILE)
    assert list(obs.columns) == synthetic.OBSERVATION_HEADER
    assert 1000 <= len(incidents) <= 5000 and 200 <= len(obs) <= 600
    assert incidents.id.is_unique and incidents.id.str.match(r"^HOOR-2026-\d{6}$").all()
    assert obs.id.is_unique
    # 2026-W22 Monday .. 2026-W47 Sunday
    assert incidents.datum.min() >= "2026-05-25" and incidents.datum.max() <= "2026-11-22"
    assert obs.datum.min() >= "2026-05-25" and obs.datum.max() <= "2026-11-22"
    assert 5 <= obs.vandring.nunique() <= 8
    assert set(obs.allvarlighetsgrad) == {1, 2, 3}
    # some rows only have an address (geocoding review queue), some no time of day
    address_only = incidents.lat.isna()
    assert address_only.sum() >= 50
    assert incidents.loc[address_only, "adress"].notna().all()
    assert incidents.loc[~address_only, "adress"].isna().all()
    assert incidents.tid.isna().sum() >= 100
    # coordinates inside Höör kommun's extent
    pts = incidents.dropna(subset=["lat"])
    assert pts.lat.between(55.78, 56.09).all() and pts.lon.between(13.37, 13.68).all()


def test_every_category_is_a_catalogue_label():
    catalogue = load_catalogue(DEFAULT_DATA_DIR / "categories.toml")
    labels = {c.label_sv: c for c in catalogue.categories.values()}
    inc = load(synthetic.INCIDENTS_FILE)
    obs = load(synthetic.OBSERVATIONS_FILE)
    assert {labels[k].kind for k in inc.kategori.unique()} == {"incident"}
    assert {labels[k].kind for k in obs.kategori.unique()} == {"observation"}
    assert "vald_nara_relation" in {labels[k].code for k in inc.kategori.unique()}
    assert set(obs.kategori) == {
        "Belysning", "Skymd sikt/vegetation", "Klotter", "Nedskräpning", "Otrygg plats",
        "Trafikfara", "Eftersatt underhåll", "Övergiven byggnad",
    }


def test_new_hotspot_appears_in_the_last_five_weeks(incidents):
    h = planted("skola_nv")
    vandalism = near(incidents[incidents.kategori == "Skadegörelse"], h, 2 * h.sd_m)
    late = (vandalism.week >= 21).sum() / 5
    early = (vandalism.week < 20).sum() / 20
    assert late >= 4 and late > 8 * early


def test_persistent_hotspots_are_there_every_month(incidents):
    for key in ("station", "centrum"):
        h = planted(key)
        hits = near(incidents, h, 2 * h.sd_m)
        fortnights = hits.groupby(hits.week // 2).size().reindex(range(13), fill_value=0)
        assert (fortnights >= 4).all(), (key, fortnights.tolist())


def test_fading_hotspot_is_gone_late(incidents):
    h = planted("handel_ost")
    moped = near(incidents[incidents.kategori == "Buskörning med moped/A-traktor"], h, 2 * h.sd_m)
    assert (moped.week < 8).sum() >= 30
    assert (moped.week >= 18).sum() <= 2


def test_growing_hotspot_grows(incidents):
    h = planted("bostad_sv")
    hits = near(incidents[incidents.kategori == "Inbrott i förråd"], h, 2 * h.sd_m)
    first, last = (hits.week < 9).sum(), (hits.week >= 17).sum()
    assert last >= 2.5 * first
    slope = np.polyfit(np.arange(26), hits.groupby("week").size().reindex(range(26),
                                                                             fill_value=0), 1)[0]
    assert slope > 0.1


def test_disorder_happens_at_night_and_weekends_burglary_on_weekdays(incidents):
    disorder = incidents[incidents.kategori.isin(
        ["Ordningsstörning", "Skadegörelse", "Buskörning med moped/A-traktor"])].dropna(
        subset=["hour"])
    night = (disorder.hour >= 21) | (disorder.hour < 3)
    weekend = disorder.weekday >= 5
    # uniform times would give about 0.29 night and 0.49 night-or-weekend
    assert night.mean() > 0.45
    assert (night | weekend).mean() > 0.65
    burglary = incidents[incidents.kategori == "Inbrott i bostad"].dropna(subset=["hour"])
    daytime_weekday = burglary.hour.between(8, 17) & (burglary.weekday < 5)
    assert daytime_weekday.mean() > 0.5
