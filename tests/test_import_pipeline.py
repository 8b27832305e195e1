"""End-to-end imports: every row read is stored, a duplicate or rejected with a reason."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pandas as pd
import pytest
from pyproj import Transformer
from sqlalchemy import text

from hotspots.errors import InputError
from hotspots.ingest.normalize import ChunkNormalizer
from hotspots.ingest.pipeline import import_file

HEADER = "id;datum;tid;kategori;beskrivning;adress;lat;lon\n"
ROWS = [
    "A-1;2026-11-16;21:30;Skadegörelse;Krossad ruta;;55,9366;13,5434",
    "A-2;16/11/2026;22.15;Buskörning med moped/A-traktor;Mopeder i parken;;55,9335;13,5470",
    "A-3;2026-11-17;;Inbrott i förråd;Förråd uppbrutet;;55,9310;13,5350",
    "A-4;2026-11-18;03:10;Narkotika;=HYPERLINK(\"http://x\");;55,9340;13,5400",
]


def _write(tmp_path, name, body, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(body.encode(encoding))
    return p


def _count(store, table="incidents"):
    with store.engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_swedish_csv_is_stored_with_local_time_as_utc(store, tmp_path):
    f = _write(tmp_path, "hoor.csv", HEADER + "\n".join(ROWS) + "\n", "utf-8-sig")
    r = import_file(f, store=store, municipality="Höör")
    assert (r.read, r.stored, r.duplicate, r.rejected) == (4, 4, 0, 0)
    df = store.records("incident").set_index("external_id")
    # 21:30 Swedish winter time is 20:30 UTC
    assert df.loc["A-1", "occurred_from"] == pd.Timestamp("2026-11-16 20:30", tz="UTC")
    assert df.loc["A-2", "category"] == "buskorning"
    # a date without a time is a window over the whole local day
    assert df.loc["A-3", "occurred_from"] == pd.Timestamp("2026-11-16 23:00", tz="UTC")
    assert df.loc["A-3", "occurred_to"] == pd.Timestamp("2026-11-17 23:00", tz="UTC")
    np.testing.assert_allclose(df.loc["A-1", ["lon", "lat"]].astype(float), [13.5434, 55.9366])
    assert set(df["precision"]) == {"exact"}
    assert not df["outside_area"].any()
    with store.engine.connect() as conn:
        desc = conn.execute(text(
            "SELECT description FROM incidents WHERE external_id = 'A-4'")).scalar_one()
    assert desc == '=HYPERLINK("http://x")'  # kept as text, never evaluated


def test_reimport_stores_nothing_new_and_dry_run_stores_nothing(store, tmp_path):
    f = _write(tmp_path, "a.csv", HEADER + "\n".join(ROWS) + "\n")
    dry = import_file(f, store=store, dry_run=True)
    assert dry.stored == 4 and _count(store) == 0
    first = import_file(f, store=store)
    again = import_file(f, store=store)
    assert first.stored == 4
    assert (again.read, again.stored, again.duplicate) == (4, 0, 4)
    assert _count(store) == 4


def test_windows_1252_tab_file(store, tmp_path):
    body = "Datum\tKlockslag\tKategori\tPlats\tLatitud\tLongitud\n" \
           "2026-11-16\t21:30\tSkadegörelse\tHöör centrum\t55,9366\t13,5434\n"
    f = _write(tmp_path, "excel.txt", body, "cp1252")
    r = import_file(f, store=store, fmt="csv")
    assert r.stored == 1 and r.encoding and "1252" in r.encoding
    assert store.records("incident", columns=("category",))["category"].tolist() == \
        ["skadegorelse"]


def test_bad_rows_are_rejected_with_line_field_and_reason(store, tmp_path):
    rows = ROWS[:1] + [
        "B-1;31/02/2026;10:00;Skadegörelse;;;55,93;13,54",
        "B-2;2026-11-16;10:00;Skadegörelse;;;abc;13,54",
        "B-3;2026-11-16;10:00;Skadegörelse;;;123,4;13,54",
        "B-4;2026-11-16;10:00;Skadegörelse;;;NaN;13,54",
        "A-1;2026-11-16;21:30;Skadegörelse;Samma id igen;;55,9366;13,5434",
    ]
    f = _write(tmp_path, "bad.csv", HEADER + "\n".join(rows) + "\n")
    r = import_file(f, store=store)
    assert (r.read, r.stored, r.duplicate, r.rejected) == (6, 1, 1, 4)
    by_line = {e.line: e for e in r.rejections}
    assert sorted(by_line) == [3, 4, 5, 6]
    assert by_line[3].field == "date" and "31/02/2026" in (by_line[3].value or by_line[3].reason)
    assert by_line[4].field == "lat"
    assert by_line[5].field.startswith("lat")
    assert by_line[6].field == "lat"
    assert r.duplicates[0].line == 7
    # the rejections are kept in the database with the batch
    assert [e.line for e in store.rejections(r.batch_id)] == [3, 4, 5, 6]


def test_missing_required_columns_is_one_clear_error(store, tmp_path):
    f = _write(tmp_path, "nodate.csv", "kategori;lat;lon\nSkadegörelse;55,9;13,5\n")
    with pytest.raises(InputError) as exc:
        import_file(f, store=store)
    assert "\n" not in str(exc.value) and "--map" in str(exc.value)


def test_explicit_column_map(store, tmp_path):
    f = _write(tmp_path, "odd.csv", "Händelse nr;När;Vad;N;E\nX1;2026-11-16 21:30;Klotter;"
               "6200000;409000\n")
    r = import_file(f, store=store, column_map={"id": "Händelse nr", "datum": "När",
                                                "kategori": "Vad"})
    assert r.stored == 1
    assert r.observations == 1  # klotter is a walk-observation category


def test_sweref_and_rt90_coordinates_are_transformed(store, tmp_path):
    lon, lat = 13.5434, 55.9366
    lines = ["id;datum;kategori;x;y"]
    for epsg in (3006, 3008, 3021):
        e, n = Transformer.from_crs(4326, epsg, always_xy=True).transform(lon, lat)
        lines.append(f"{epsg};2026-11-16;Skadegörelse;{e:.2f};{n:.2f}")
    # one file per CRS: a file has one CRS
    for i, epsg in enumerate((3006, 3008, 3021)):
        f = _write(tmp_path, f"p{epsg}.csv", lines[0] + "\n" + lines[i + 1] + "\n")
        r = import_file(f, store=store, source=f"s{epsg}", municipality="Höör")
        assert r.stored == 1, r.rejections
        assert any(f"EPSG:{epsg}" in w for w in r.warnings), r.warnings
    df = store.records("incident")
    np.testing.assert_allclose(df["lon"], lon, atol=1e-5)
    np.testing.assert_allclose(df["lat"], lat, atol=1e-5)


def test_swapped_lat_lon_is_fixed_and_reported(store, tmp_path):
    f = _write(tmp_path, "swap.csv", "id;datum;kategori;lat;lon\n"
               "1;2026-11-16;Skadegörelse;13,5434;55,9366\n"
               "2;2026-11-16;Skadegörelse;55,9366;13,5434\n")
    r = import_file(f, store=store)
    assert r.stored == 2
    assert any("1" in w for w in r.warnings)
    np.testing.assert_allclose(store.records("incident")["lat"], [55.9366, 55.9366])


def test_points_outside_the_kommun_are_flagged_not_dropped(store, tmp_path):
    f = _write(tmp_path, "out.csv", "id;datum;kategori;lat;lon\n"
               "in;2026-11-16;Skadegörelse;55,9366;13,5434\n"
               "malmo;2026-11-16;Skadegörelse;55,6050;13,0038\n")
    r = import_file(f, store=store, municipality="Höör")
    assert r.stored == 2
    df = store.records("incident").set_index("external_id")
    assert not df.loc["in", "outside_area"] and df.loc["malmo", "outside_area"]


def test_rows_without_location_wait_in_the_review_queue(store, tmp_path):
    f = _write(tmp_path, "addr.csv", "id;datum;kategori;adress\n"
               "1;2026-11-16;Skadegörelse;Okändgatan 7\n"
               "2;2026-11-16;Skadegörelse;\n")
    r = import_file(f, store=store)
    assert (r.stored, r.review) == (2, 2)
    assert {i.external_id for i in store.review_queue()} == {"1", "2"}


def test_geojson_points(store, tmp_path):
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [13.5434, 55.9366]},
         "properties": {"id": "g1", "datum": "2026-11-16T21:30:00+01:00", "typ": "Belysning",
                        "beskrivning": "Trasig lampa"}},
        {"type": "Feature", "geometry": {"type": "LineString",
                                         "coordinates": [[13.5, 55.9], [13.6, 55.9]]},
         "properties": {"id": "g2", "datum": "2026-11-16", "typ": "Belysning"}},
        {"type": "Feature", "geometry": None,
         "properties": {"id": "g3", "datum": "2026-11-16", "typ": "Klotter"}},
    ]}
    f = _write(tmp_path, "walk.geojson", json.dumps(fc))
    r = import_file(f, store=store)
    assert (r.read, r.stored, r.rejected, r.review) == (3, 2, 1, 1)
    assert r.rejections[0].line == 2 and r.rejections[0].field == "geometry"
    assert r.observations == 2


def test_failure_half_way_leaves_database_as_before(store, tmp_path, monkeypatch):
    f = _write(tmp_path, "a.csv", HEADER + "\n".join(ROWS) + "\n")
    import_file(f, store=store, source="first")
    before = _count(store), store.counts()["import_batches"]
    calls = {"n": 0}
    original = ChunkNormalizer.__call__

    def failing(self, chunk):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return original(self, chunk)

    monkeypatch.setattr(ChunkNormalizer, "__call__", failing)
    with pytest.raises(RuntimeError):
        import_file(f, store=store, source="second", chunk_rows=2)
    assert (_count(store), store.counts()["import_batches"]) == before


def test_rows_without_id_get_stable_content_ids(store, tmp_path):
    body = "datum;kategori;lat;lon\n" + "2026-11-16;Klotter;55,9366;13,5434\n" * 3
    f = _write(tmp_path, "noid.csv", body)
    first = import_file(f, store=store)
    again = import_file(f, store=store)
    assert first.stored == 3  # identical rows without an id are separate events
    assert (again.stored, again.duplicate) == (0, 3)


# ------------------------------------------------------------------------ real data
def test_skane_police_events_reconcile(store, shared_data):
    path = shared_data / "polisen_events" / "skane_events_2022-09_2026-08.json"
    r = import_file(path, store=store)
    assert r.read == 10_005
    assert r.stored + r.duplicate + r.rejected == 10_005
    assert r.rejected == 0 and r.duplicate == 0
    assert r.stored == store.counts()["incidents"] == 10_005
    # polisen points are never better than a locality
    assert set(r.by_precision) <= {"municipality", "locality", "failed"}
    again = import_file(path, store=store)
    assert (again.stored, again.duplicate) == (0, 10_005)


def test_essex_street_crime_reconciles(store, shared_data):
    path = shared_data / "police_uk_essex" / "2018-01-essex-street.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        raw = pd.read_csv(fh, dtype=str, keep_default_na=False)
    without_point = int(((raw["latitude"] == "") | (raw["longitude"] == "")).sum())
    r = import_file(path, store=store, timezone="Europe/London", crs=4326)
    assert r.read == len(raw) == 14_786
    assert (r.stored, r.duplicate, r.rejected) == (14_786, 0, 0)
    assert r.review == without_point
    assert r.by_precision["exact"] == len(raw) - without_point
    df = store.records("incident", columns=("occurred_from", "occurred_to", "category"))
    # month-only times become a window over the month (London time)
    assert df["occurred_from"].min() == pd.Timestamp("2018-01-01", tz="UTC")
    assert df["occurred_to"].max() == pd.Timestamp("2018-02-01", tz="UTC")
    assert {"skadegorelse", "ordningsstorning", "inbrott_bostad"} <= set(df["category"])


@pytest.mark.parametrize("name", ["street_light_outages", "graffiti_removal"])
def test_boston_requests_become_observations_without_the_default_point(store, shared_data,
                                                                         name):
    path = shared_data / "boston_311_2015" / f"{name}.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        raw = pd.read_csv(fh, dtype=str, keep_default_na=False)
    default = int(((raw["LATITUDE"] == "42.3594") & (raw["LONGITUDE"] == "-71.0587")).sum())
    assert default > 0
    r = import_file(path, store=store, timezone="America/New_York")
    assert r.read == len(raw)
    assert r.stored + r.duplicate + r.rejected == len(raw)
    assert r.observations == r.stored and r.incidents == 0
    assert r.review >= default
    df = store.records("observation", columns=("lon", "lat", "category"))
    near_default = (np.abs(df["lat"] - 42.3594) < 1e-4) & (np.abs(df["lon"] + 71.0587) < 1e-4)
    assert not near_default.any()
    assert set(df["category"]) == {"belysning" if "light" in name else "klotter"}


def test_all_essex_months_reconcile_in_one_database(sqlite_store, shared_data):
    files = sorted((shared_data / "police_uk_essex").glob("2018-0?-essex-street.csv.gz"))
    assert len(files) == 7
    expected = [14_786, 13_752, 16_014, 16_709, 17_618, 17_473, 18_713]
    for path, rows in zip(files, expected, strict=True):
        r = import_file(path, store=sqlite_store, timezone="Europe/London", crs=4326)
        assert r.read == rows
        assert r.stored + r.duplicate + r.rejected == rows
        assert r.rejected == 0
    assert sqlite_store.counts()["incidents"] == sum(expected)


def test_weekly_exports_of_one_system_are_one_source(store, tmp_path):
    from hotspots.ingest.pipeline import default_source

    assert default_source(tmp_path / "brott_2026-11-21.csv") == "brott"
    assert default_source(tmp_path / "2018-01-essex-street.csv.gz") == "essex-street"
    assert default_source(tmp_path / "lagesbild_v47.csv") == "lagesbild"
    week1 = _write(tmp_path, "brott_2026-11-14.csv", HEADER + "\n".join(ROWS[:3]) + "\n")
    week2 = _write(tmp_path, "brott_2026-11-21.csv", HEADER + "\n".join(ROWS[1:]) + "\n")
    import_file(week1, store=store)
    r = import_file(week2, store=store)
    assert (r.source, r.stored, r.duplicate) == ("brott", 1, 2)


def test_report_counts_only_what_was_stored(store, tmp_path):
    f = _write(tmp_path, "mix.csv", HEADER + "\n".join([
        ROWS[0],
        ROWS[0],  # same id again: a duplicate, the first copy is still stored
        "C-1;2026-11-16;10:00;Okänd sak;;;123,4;13,54",  # rejected: not an unknown stored
        "C-2;2026-11-16;10:00;Annan okänd sak;;;55,93;13,54",
    ]) + "\n")
    r = import_file(f, store=store)
    assert (r.stored, r.duplicate, r.rejected) == (2, 1, 1)
    assert r.by_precision == {"exact": 2}
    assert r.unknown_categories == {"Annan okänd sak": 1}
