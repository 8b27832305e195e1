"""``hotspots demo``: load the bundled demo data into a database."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

from hotspots.errors import HotspotsError
from hotspots.i18n import msg
from hotspots.ingest.report import ImportReport
from hotspots.settings import Settings

__all__ = [
    "DEMO_FILES",
    "MEASURES_FILE",
    "STATUS_CHANGES_FILE",
    "WALKS_SOURCE",
    "load_demo",
    "load_demo_measures",
]

#: (file under data/demo, source name, format, kommun for the outside-area check)
DEMO_FILES = (
    ("polisen_events_4_kommuner_with_body.jsonl", "polisen.se", "polisen", None),
    ("hoor_synthetic_incidents.csv", "demo-hoor-synthetic", "csv", "Höör"),
    ("hoor_synthetic_observations.csv", "demo-hoor-synthetic-walks", "csv", "Höör"),
)
#: Source of the synthetic walk observations that the status changes refer to.
WALKS_SOURCE = "demo-hoor-synthetic-walks"
#: SYNTHETIC measures (``nr;åtgärd;titel;...``) and status changes (``typ;id;status;...``).
MEASURES_FILE = "hoor_synthetic_measures.csv"
STATUS_CHANGES_FILE = "hoor_synthetic_status_changes.csv"
_MEASURE_KIND = {"åtgärd": "measure", "observation": "observation"}


def load_demo(store, settings: Settings, *, reset: bool = False) -> list[ImportReport]:
    """Import the demo files; refuse a database that already holds data unless ``reset``.

    Besides the incident and observation files this adds the synthetic measures and the
    status changes of measures and walk observations (:func:`load_demo_measures`).
    """
    from hotspots.geocode.service import text_geocoder
    from hotspots.ingest.pipeline import import_file

    store.upgrade()
    counts = store.counts()
    if reset:
        store.clear()
    elif counts["incidents"] or counts["observations"]:
        from hotspots.i18n import t

        raise HotspotsError(
            t(
                "demo.not_empty",
                settings.language,
                url=store.engine.url.render_as_string(hide_password=True),
            )
        )
    reports = []
    for name, source, fmt, kommun in DEMO_FILES:
        reports.append(
            import_file(
                settings.data_dir / "demo" / name,
                store=store,
                source=source,
                fmt=fmt,
                municipality=kommun,
                settings=settings,
                geocode_text=text_geocoder(store, settings),
            )
        )
    load_demo_measures(store, settings)
    load_demo_promises(store, settings)
    load_demo_alerts(store, settings)
    return reports


#: Weeks of the demo checked for deviations: the last one with data and those before it.
DEMO_ALERT_WEEKS = 12


def load_demo_alerts(store, settings: Settings) -> int:
    """Check the demo's last weeks for deviations (as the weekly check would have); how many.

    So that the alerts page and the weekly report have something to show; about a second.
    """
    from datetime import timedelta

    from sqlalchemy import func, select

    from hotspots.alerts.check import check_deviations, week_label
    from hotspots.store.models import Incident

    with store.engine.connect() as conn:
        newest = conn.execute(select(func.max(Incident.occurred_from))).scalar()
    if newest is None:
        return 0
    tz = ZoneInfo(settings.timezone)
    newest = pd.Timestamp(newest)
    newest = (newest.tz_localize("UTC") if newest.tzinfo is None else newest).tz_convert(tz)
    weeks = [week_label(newest - timedelta(days=7 * k)) for k in range(DEMO_ALERT_WEEKS)]
    return sum(
        len(check_deviations(store, week=week, tz=settings.timezone)) for week in reversed(weeks)
    )


def load_demo_promises(store, settings: Settings) -> int:
    """Import the medborgarlöften of ``data/demo/promises/*.yaml``; return how many."""
    from hotspots.promises.core import import_promise_files

    files = sorted((settings.data_dir / "demo" / "promises").glob("*.yaml"))
    return sum(r.promises for r in import_promise_files(store, files)) if files else 0


@dataclass(frozen=True)
class _Change:
    line: int
    kind: str  # measure | observation
    ref: str  # measure nr (M1) or observation external id
    status: str
    at: datetime
    by: str | None
    note: str | None


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """``(line, row)`` of a ``;``-separated demo file; a row with extra fields is an error."""
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh, delimiter=";"), start=2):
            if None in row:
                detail = msg("demo.extra_fields", value=row[None])
                raise HotspotsError(
                    msg("demo.measures_file", file=path.name, line=line, detail=detail)
                )
            rows.append((line, {k: (v or "").strip() for k, v in row.items()}))
    return rows


def _local(day: str, time: str, tz: ZoneInfo) -> datetime | None:
    if not day:
        return None
    return datetime.fromisoformat(f"{day} {time or '00:00'}").replace(tzinfo=tz)


def _number(value: str) -> float | None:
    return float(value.replace(",", ".").replace(" ", "")) if value else None


def _area(folder: Path, name: str, nr: str) -> dict | None:
    if not name:
        return None
    collection = json.loads((folder / name).read_text(encoding="utf-8"))
    for feature in collection.get("features", []):
        if feature.get("properties", {}).get("nr") == nr:
            return feature["geometry"]
    raise HotspotsError(msg("demo.unknown_reference", kind=name, value=nr))


def _read_changes(path: Path, tz: ZoneInfo) -> list[_Change]:
    changes = []
    for line, row in _rows(path):
        try:
            kind = _MEASURE_KIND[row["typ"]]
            at = _local(row["datum"], row["tid"], tz)
            if at is None:
                raise ValueError(row["datum"])
        except (KeyError, ValueError) as exc:
            detail = msg("demo.unknown_reference", kind="typ/datum", value=str(exc))
            raise HotspotsError(
                msg("demo.measures_file", file=path.name, line=line, detail=detail)
            ) from None
        changes.append(
            _Change(
                line,
                kind,
                row["id"],
                row["status"],
                at,
                row["av"] or None,
                row["anteckning"] or None,
            )
        )
    return changes


def load_demo_measures(store, settings: Settings) -> dict[str, int]:
    """Add the SYNTHETIC demo measures and status changes; return how many were added.

    Reads ``data/demo/hoor_synthetic_measures.csv`` (one measure per row, ``nr`` M1 …;
    dates are local days) and ``hoor_synthetic_status_changes.csv`` (the status history of
    the measures, by ``nr``, and of walk observations, by their id in the observations
    file; local date and time). A measure is created with the first status of its
    history. Loading again adds nothing: a measure with the same type and title and a
    change with the same record, status and time are already there.
    """
    from hotspots.errors import InputError

    folder = settings.data_dir / "demo"
    tz = ZoneInfo(settings.timezone)
    changes = _read_changes(folder / STATUS_CHANGES_FILE, tz)
    path = folder / MEASURES_FILE

    existing = store.measures()
    measure_ids = {
        (m, title): int(i)
        for m, title, i in zip(existing["measure"], existing["title"], existing["id"], strict=True)
    }
    seen = {
        kind: {
            (int(r), s, pd.Timestamp(t))
            for r, s, t in zip(df["record_id"], df["status"], df["changed_at"], strict=True)
        }
        for kind in ("measure", "observation")
        for df in [store.status_changes(kind)]
    }
    added = {"measures": 0, "status_changes": 0}

    ids: dict[tuple[str, str], int] = {}
    for line, row in _rows(path):
        nr = row["nr"]
        history = [c for c in changes if c.kind == "measure" and c.ref == nr]
        key = (row["åtgärd"], row["titel"])
        try:
            if key in measure_ids:
                ids[("measure", nr)] = measure_ids[key]
                continue
            if not history:
                raise InputError(msg("demo.unknown_reference", kind=STATUS_CHANGES_FILE, value=nr))
            first = history[0]
            ids[("measure", nr)] = store.add_measure(
                measure=row["åtgärd"],
                title=row["titel"],
                description=row["beskrivning"] or None,
                lat=_number(row["lat"]),
                lon=_number(row["lon"]),
                radius_m=_number(row["radie_m"]),
                area_geojson=_area(folder, row["område"], nr),
                status=first.status,
                municipality="Höör",
                decided_on=_local(row["beslutad"], "", tz),
                starts_on=_local(row["placerad"], "", tz),
                ends_on=_local(row["till"], "", tz),
                cost_sek=_number(row["kostnad_sek"]),
                changed_by=first.by,
                at=first.at,
                note=first.note,
            )
        except (HotspotsError, ValueError) as exc:
            raise HotspotsError(
                msg("demo.measures_file", file=path.name, line=line, detail=exc)
            ) from None
        seen["measure"].add((ids[("measure", nr)], first.status, pd.Timestamp(first.at)))
        added["measures"] += 1

    refs = [c.ref for c in changes if c.kind == "observation"]
    ids.update(
        {
            ("observation", ext): i
            for ext, i in store.observation_ids(refs, source=WALKS_SOURCE).items()
        }
    )
    for c in sorted(changes, key=lambda c: (c.at, c.line)):
        record_id = ids.get((c.kind, c.ref))
        if record_id is None:
            detail = msg("demo.unknown_reference", kind=c.kind, value=c.ref)
            raise HotspotsError(
                msg("demo.measures_file", file=STATUS_CHANGES_FILE, line=c.line, detail=detail)
            )
        if (record_id, c.status, pd.Timestamp(c.at)) in seen[c.kind]:
            continue
        try:
            store.set_status(c.kind, record_id, c.status, at=c.at, by=c.by, note=c.note)
        except HotspotsError as exc:
            raise HotspotsError(
                msg("demo.measures_file", file=STATUS_CHANGES_FILE, line=c.line, detail=exc)
            ) from None
        seen[c.kind].add((record_id, c.status, pd.Timestamp(c.at)))
        added["status_changes"] += 1
    return added
