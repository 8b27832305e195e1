"""Medborgarlöften: activity types, import of a period's promises, activities and progress.

A promise file (YAML) holds one agreement period of one kommun::

    kommun: Eslöv
    lokalpolisomrade: Eslöv
    period: {start: 2017-01-01, end: 2017-12-31}
    source: "Medborgarlöften i Eslöv 2017 (polisen.se, 2017-02-15)"
    promises:
      - title: Trafiksäkerhet
        text: ...
        problems: [trafik]               # catalogue category codes
        source: ...                      # optional, overrides the file's source
        targets:
          - {type: riktad_trafikinsats, number: 4, cadence: per_period}

Cadences: ``per_year``, ``per_quarter``, ``per_month``, ``per_period`` (the default).
Import is one transaction: every error of the file is reported (one line each, naming the
promise, the target and the field) and nothing is stored. A promise already stored with
the same kommun, period and title is updated (its targets replaced), so importing a file
again does not duplicate it.

Progress of a target as of a day: *done* counts the activities of its type between the
period's start and that day that were logged for the promise, or for its kommun without a
promise; for ``trygghetsvandring`` every safety walk of the kommun (walks table,
``walked_on`` in local time) counts too, and a walk also logged by hand is counted once: on
each day the larger of the two numbers counts (two walks in the app and one logged: 2).
*Target* is the number for the whole period (``number`` × the period's length in the
cadence's unit, e.g. 20 per month over 12 months = 240). *Due so far* is the same pro rata
up to that day, counting months as whole calendar months plus the elapsed share of the
current month, rounded down: 20 per month on 15 March of a period from 1 January is
⌊20 × (2 + 15/31)⌋ = 49.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotspots.errors import CatalogueError, InputError, NotFoundError
from hotspots.i18n import msg
from hotspots.store.promise_models import CADENCES, Activity, Promise, PromiseTarget

#: The type a safety walk counts as.
WALK_TYPE = "trygghetsvandring"
#: cadence -> how many cadence units one month is
_PER_MONTH = {"per_month": 1.0, "per_quarter": 1 / 3, "per_year": 1 / 12}
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


# --------------------------------------------------------------------------- activity types
@dataclass(frozen=True)
class ActivityType:
    """An activity type of ``data/activity_types.toml``."""

    code: str
    label_sv: str
    label_en: str

    def label(self, language: str = "sv") -> str:
        """The label in ``language``."""
        return self.label_en if language == "en" else self.label_sv


def load_activity_types(path: Path | None = None) -> dict[str, ActivityType]:
    """The activity types of ``data/activity_types.toml``, validated."""
    if path is None:
        from hotspots.settings import get_settings

        path = get_settings().data_dir / "activity_types.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(msg("promises.types_invalid", file=path, detail=exc)) from None
    table = raw.get("type")
    if not isinstance(table, dict) or not table:
        raise CatalogueError(
            msg("promises.types_invalid", file=path, detail=msg("promises.types_empty"))
        )
    types = {}
    for code, entry in table.items():
        if not _CODE.match(code):
            raise CatalogueError(
                msg(
                    "promises.types_invalid", file=path, detail=msg("promises.bad_code", value=code)
                )
            )
        labels = {
            k: entry.get(k) if isinstance(entry, dict) else None for k in ("label_sv", "label_en")
        }
        for key, value in labels.items():
            if not isinstance(value, str) or not value.strip():
                detail = msg("promises.type_no_label", code=code, field=key)
                raise CatalogueError(msg("promises.types_invalid", file=path, detail=detail))
        types[code] = ActivityType(code, labels["label_sv"].strip(), labels["label_en"].strip())
    return types


def _known(values) -> str:
    return ", ".join(sorted(values))


def check_type(value: object, types: dict[str, ActivityType]) -> str:
    """The code of activity type ``value`` (a code or a label, any case)."""
    text = str(value or "").strip()
    if text in types:
        return text
    for t in types.values():
        if text.casefold() in (t.label_sv.casefold(), t.label_en.casefold()):
            return t.code
    raise InputError(msg("promises.unknown_type", value=text, known=_known(types)))


def _cadence(value: object) -> str:
    text = re.sub(r"[\s-]+", "_", str(value).strip().lower())
    if text not in CADENCES:
        raise InputError(msg("promises.unknown_cadence", value=str(value), known=_known(CADENCES)))
    return text


# --------------------------------------------------------------------------- promise files
@dataclass
class TargetIn:
    """A checked target of a promise file."""

    activity_type: str
    number: int
    cadence: str
    note: str | None = None


@dataclass
class PromiseIn:
    """A checked promise of a promise file."""

    title: str
    text: str | None
    source: str | None
    problems: list[str]
    targets: list[TargetIn] = field(default_factory=list)


@dataclass
class PromiseFile:
    """A checked promise file: one kommun, one period."""

    municipality: str
    police_area: str | None
    start: date
    end: date
    source: str | None
    promises: list[PromiseIn]

    @property
    def n_targets(self) -> int:
        """How many targets its promises have."""
        return sum(len(p.targets) for p in self.promises)


def _day(value: object, name: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(msg("promises.bad_date", field=name, value=str(value))) from None


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _loader():
    """PyYAML's safe loader, but dates stay text (checked here, with the field named)."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return _Loader


def parse_promise_file(path: Path, *, catalogue=None, types=None) -> PromiseFile:
    """Read and check a promise file; every problem is one line of one :class:`InputError`."""
    import yaml

    from hotspots.catalogue import load_catalogue

    catalogue = catalogue if catalogue is not None else load_catalogue()
    types = types if types is not None else load_activity_types()
    if not path.is_file():
        raise InputError(msg("input.file_not_found", file=path))
    try:
        raw = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_loader())  # noqa: S506
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        detail = " ".join(str(exc).split())
        raise InputError(msg("promises.yaml_error", file=path.name, detail=detail)) from None
    if not isinstance(raw, dict):
        raise InputError(
            msg("promises.error_file", file=path.name, detail=msg("promises.not_mapping"))
        )

    errors: list[str] = []

    def file_error(detail: str) -> None:
        errors.append(msg("promises.error_file", file=path.name, detail=detail))

    municipality = _text(raw.get("kommun"))
    if municipality is None:
        file_error(msg("promises.missing", field="kommun"))
    period = raw.get("period")
    start = end = None
    if not isinstance(period, dict):
        file_error(msg("promises.missing", field="period: {start, end}"))
    else:
        for name in ("start", "end"):
            if period.get(name) is None:
                file_error(msg("promises.missing", field=f"period.{name}"))
        try:
            start = _day(period["start"], "period.start") if period.get("start") else None
            end = _day(period["end"], "period.end") if period.get("end") else None
        except InputError as exc:
            file_error(str(exc))
        if start and end and end < start:
            file_error(msg("promises.period_reversed", start=start, end=end))
    items = raw.get("promises")
    if not isinstance(items, list) or not items:
        file_error(msg("promises.no_promises"))
        items = []

    promises = []
    for n, item in enumerate(items, start=1):
        title = _text(item.get("title")) if isinstance(item, dict) else None
        label = title or "?"

        def promise_error(detail: str, n=n, label=label) -> None:
            errors.append(
                msg("promises.error_promise", file=path.name, n=n, title=label, detail=detail)
            )

        if not isinstance(item, dict):
            promise_error(msg("promises.not_mapping"))
            continue
        if title is None:
            promise_error(msg("promises.missing", field="title"))
        problems = item.get("problems") or []
        if not isinstance(problems, list):
            problems = [problems]
        problems = [str(p).strip() for p in problems]
        for code in problems:
            if code not in catalogue:
                promise_error(msg("promises.unknown_category", value=code))
        targets = []
        raw_targets = item.get("targets") or []
        if not isinstance(raw_targets, list):
            promise_error(msg("promises.not_list", field="targets"))
            raw_targets = []
        for m, tr in enumerate(raw_targets, start=1):

            def target_error(detail: str, n=n, label=label, m=m) -> None:
                errors.append(
                    msg(
                        "promises.error_target",
                        file=path.name,
                        n=n,
                        title=label,
                        m=m,
                        detail=detail,
                    )
                )

            if not isinstance(tr, dict):
                target_error(msg("promises.not_mapping"))
                continue
            try:
                kind = check_type(tr.get("type"), types)
            except InputError as exc:
                target_error(str(exc))
                kind = None
            number = tr.get("number")
            if number is None or (isinstance(number, str) and not number.strip()):
                target_error(msg("promises.no_number"))
                number = None
            elif (
                isinstance(number, bool)
                or not isinstance(number, int | str)
                or not str(number).strip().isdigit()
                or int(number) < 1
            ):
                target_error(msg("promises.bad_number", value=str(number)))
                number = None
            try:
                cadence = _cadence(tr.get("cadence") or "per_period")
            except InputError as exc:
                target_error(str(exc))
                cadence = None
            if kind and number is not None and cadence:
                targets.append(TargetIn(kind, int(number), cadence, _text(tr.get("note"))))
        promises.append(
            PromiseIn(
                title=title or "",
                text=_text(item.get("text")),
                source=_text(item.get("source")) or _text(raw.get("source")),
                problems=problems,
                targets=targets,
            )
        )
    if errors:
        raise InputError("\n".join(errors))
    return PromiseFile(
        municipality=municipality,
        police_area=_text(raw.get("lokalpolisomrade")),
        start=start,
        end=end,
        source=_text(raw.get("source")),
        promises=promises,
    )


@dataclass(frozen=True)
class ImportResult:
    """What the import of one promise file stored."""

    file: str
    municipality: str
    start: date
    end: date
    promises: int
    targets: int
    updated: int


def import_promise_files(store, paths: list[Path]) -> list[ImportResult]:
    """Check every file, then store them all in one transaction (all or nothing)."""
    store.require_schema()
    parsed = [(p, parse_promise_file(p)) for p in paths]
    results = []
    with Session(store.engine) as session, session.begin():
        for path, pf in parsed:
            updated = 0
            for p in pf.promises:
                row = session.scalars(
                    select(Promise).where(
                        Promise.municipality == pf.municipality,
                        Promise.period_start == pf.start,
                        Promise.period_end == pf.end,
                        Promise.title == p.title,
                    )
                ).first()
                if row is None:
                    row = Promise(
                        municipality=pf.municipality, period_start=pf.start, period_end=pf.end
                    )
                    session.add(row)
                else:
                    updated += 1
                    for old in session.scalars(
                        select(PromiseTarget).where(PromiseTarget.promise_id == row.id)
                    ):
                        session.delete(old)
                row.police_area = pf.police_area
                row.title = p.title
                row.text = p.text
                row.source = p.source
                row.problems = list(p.problems)
                session.flush()
                for tr in p.targets:
                    session.add(
                        PromiseTarget(
                            promise_id=row.id,
                            activity_type=tr.activity_type,
                            number=tr.number,
                            cadence=tr.cadence,
                            note=tr.note,
                        )
                    )
            results.append(
                ImportResult(
                    path.name,
                    pf.municipality,
                    pf.start,
                    pf.end,
                    len(pf.promises),
                    pf.n_targets,
                    updated,
                )
            )
    return results


# --------------------------------------------------------------------------- reading
def _target_dict(t: PromiseTarget) -> dict:
    return {
        "id": t.id,
        "activity_type": t.activity_type,
        "number": t.number,
        "cadence": t.cadence,
        "note": t.note,
    }


def _promise_dict(p: Promise, targets: list[PromiseTarget]) -> dict:
    return {
        "id": p.id,
        "municipality": p.municipality,
        "police_area": p.police_area,
        "period_start": p.period_start.isoformat(),
        "period_end": p.period_end.isoformat(),
        "title": p.title,
        "text": p.text,
        "source": p.source,
        "problems": list(p.problems or []),
        "targets": [_target_dict(t) for t in targets],
    }


def _load(session: Session, year: int | None, municipality: str | None):
    query = select(Promise).order_by(Promise.municipality, Promise.period_start, Promise.id)
    if year is not None:
        query = query.where(
            Promise.period_start <= date(year, 12, 31), Promise.period_end >= date(year, 1, 1)
        )
    rows = list(session.scalars(query))
    if municipality:
        rows = [p for p in rows if _same(p.municipality, municipality)]
    targets: dict[int, list[PromiseTarget]] = {}
    if rows:
        for t in session.scalars(
            select(PromiseTarget)
            .where(PromiseTarget.promise_id.in_([p.id for p in rows]))
            .order_by(PromiseTarget.id)
        ):
            targets.setdefault(t.promise_id, []).append(t)
    return rows, targets


def list_promises(store, *, year: int | None = None, municipality: str | None = None) -> list[dict]:
    """Promises (with their targets) whose period overlaps ``year``, by kommun and period."""
    store.require_schema()
    with Session(store.engine) as session:
        rows, targets = _load(session, year, municipality)
        return [_promise_dict(p, targets.get(p.id, [])) for p in rows]


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.strip().casefold() == b.strip().casefold()


# --------------------------------------------------------------------------- activities
def add_activity(
    store,
    *,
    activity_type: str,
    day: date,
    promise_id: int | None = None,
    municipality: str | None = None,
    place: str | None = None,
    lon: float | None = None,
    lat: float | None = None,
    who: str | None = None,
    note: str | None = None,
    created_by: str | None = None,
) -> dict:
    """Log an activity; refused (nothing stored) when its day is outside every promise period.

    With ``promise_id`` the day must fall in that promise's period. Without, it must fall in
    the period of some promise of ``municipality``; when no kommun is given and the promises
    whose period holds the day belong to one kommun, the activity is logged for that kommun.
    """
    store.require_schema()
    kind = check_type(activity_type, load_activity_types())
    if (lon is None) != (lat is None):
        raise InputError(msg("promises.coords_pair"))
    if lon is not None and not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise InputError(msg("promises.coords_range", lon=lon, lat=lat))
    with Session(store.engine) as session, session.begin():
        if promise_id is not None:
            promise = session.get(Promise, promise_id)
            if promise is None:
                raise NotFoundError(msg("promises.not_found", id=promise_id))
            if not promise.period_start <= day <= promise.period_end:
                raise InputError(
                    msg(
                        "promises.activity_outside_promise",
                        day=day,
                        id=promise_id,
                        start=promise.period_start,
                        end=promise.period_end,
                    )
                )
            municipality = promise.municipality
        else:
            fitting = session.scalars(
                select(Promise).where(Promise.period_start <= day, Promise.period_end >= day)
            ).all()
            if municipality:
                fitting = [p for p in fitting if _same(p.municipality, municipality)]
            if not fitting:
                raise InputError(
                    msg("promises.activity_outside", day=day, kommun=municipality or "-")
                )
            kommuner = sorted({p.municipality for p in fitting})
            if not municipality:
                if len(kommuner) > 1:
                    raise InputError(
                        msg("promises.activity_which_kommun", day=day, kommuner=", ".join(kommuner))
                    )
                municipality = kommuner[0]
        row = Activity(
            promise_id=promise_id,
            activity_type=kind,
            occurred_on=day,
            municipality=municipality,
            place=_text(place),
            lon=lon,
            lat=lat,
            who=_text(who),
            note=_text(note),
            created_by=created_by,
        )
        session.add(row)
        session.flush()
        return activity_dict(row)


def activity_dict(a: Activity) -> dict:
    """An activity as plain JSON-ready values."""
    return {
        "id": a.id,
        "promise_id": a.promise_id,
        "activity_type": a.activity_type,
        "date": a.occurred_on.isoformat(),
        "municipality": a.municipality,
        "place": a.place,
        "lon": a.lon,
        "lat": a.lat,
        "who": a.who,
        "note": a.note,
    }


# --------------------------------------------------------------------------- progress
def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(d.day, last))


def months_between(start: date, stop: date) -> float:
    """Calendar months from ``start`` to ``stop`` (exclusive): whole months + share of the next."""
    if stop <= start:
        return 0.0
    whole = (stop.year - start.year) * 12 + stop.month - start.month
    while whole > 0 and _add_months(start, whole) > stop:
        whole -= 1
    here, nxt = _add_months(start, whole), _add_months(start, whole + 1)
    return whole + (stop - here).days / (nxt - here).days


def target_numbers(
    number: int, cadence: str, start: date, end: date, as_of: date
) -> tuple[int, int]:
    """``(due so far, target for the period)`` of a target as of ``as_of`` (inclusive)."""
    stop = end + timedelta(days=1)
    period = months_between(start, stop)
    elapsed = months_between(start, min(max(as_of + timedelta(days=1), start), stop))
    if cadence == "per_period":
        total = number
        exact = number * (elapsed / period if period else 1.0)
    else:
        total = round(number * period * _PER_MONTH[cadence])
        exact = number * elapsed * _PER_MONTH[cadence]
    return min(math.floor(exact + 1e-9), total), total


def progress(
    store,
    *,
    as_of: date,
    timezone: str,
    year: int | None = None,
    municipality: str | None = None,
) -> list[dict]:
    """Every promise whose period has begun by ``as_of``, with done / due so far / target."""
    from hotspots.store.models import Walk

    store.require_schema()
    tz = ZoneInfo(timezone)
    with Session(store.engine) as session:
        rows, targets = _load(session, year, municipality)
        rows = [p for p in rows if p.period_start <= as_of]
        activities = session.scalars(select(Activity).where(Activity.occurred_on <= as_of)).all()
        walks = [
            (w.municipality, w.walked_on.astimezone(tz).date())
            for w in session.scalars(select(Walk).where(Walk.walked_on.is_not(None)))
        ]
        out = []
        for p in rows:
            last = min(p.period_end, as_of)
            mine = [
                a
                for a in activities
                if p.period_start <= a.occurred_on <= last
                and (
                    a.promise_id == p.id
                    or (a.promise_id is None and _same(a.municipality, p.municipality))
                )
            ]
            walk_days = Counter(
                d for k, d in walks if _same(k, p.municipality) and p.period_start <= d <= last
            )
            entry = _promise_dict(p, targets.get(p.id, []))
            for t in entry["targets"]:
                logged = sum(1 for a in mine if a.activity_type == t["activity_type"])
                walked, done = 0, logged
                if t["activity_type"] == WALK_TYPE:
                    logged_days = Counter(
                        a.occurred_on for a in mine if a.activity_type == WALK_TYPE
                    )
                    walked = sum(walk_days.values())
                    days = set(walk_days) | set(logged_days)
                    done = sum(max(walk_days[d], logged_days[d]) for d in days)
                due, total = target_numbers(
                    t["number"], t["cadence"], p.period_start, p.period_end, as_of
                )
                t.update(
                    activities=logged,
                    walks=walked,
                    done=done,
                    due_so_far=due,
                    target=total,
                    on_track=done >= due,
                )
            entry["as_of"] = as_of.isoformat()
            out.append(entry)
        return out
