"""The follow-up report of the citizen promises (medborgarlöften), per quarter or per year.

``promise_report(store, period="2021-Q1", municipality="Hässleholm")`` gives, for every
promise whose period overlaps the report's period:

- its targets with *done / due so far / target* as of the period's last day (and how many
  were done within the report's period);
- the measures placed (``starts_on``) in the period in its kommun, with the before/after
  follow-up's one-line form when it could be made;
- how the problems it answers developed: the incidents of its categories whose
  ``municipality`` is its kommun (any precision), counted by ``occurred_from`` in local time,
  in the period against the period of the same length just before (the previous quarter or
  year), with the change in percent and a trend word from one-sided Poisson tests at 5 %:
  with m = the count before (at least 0.5) and x = the count now, *ökande* when
  P(X ≥ x | m) < 0.05, *minskande* when P(X ≤ x | m) < 0.05, otherwise *oförändrad*.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hotspots.errors import InputError
from hotspots.i18n import t

ALPHA = 0.05
_PERIOD = re.compile(r"^\s*(\d{4})(?:\s*-\s*[Qq]([1-4]))?\s*$")


def parse_report_period(value: str) -> tuple[date, date, date, date, int | None]:
    """``(start, end, previous start, previous end, quarter)`` of ``2021`` or ``2021-Q1``."""
    m = _PERIOD.match(str(value or ""))
    if not m or not 1900 <= int(m.group(1)) <= 2200:
        raise InputError(t("promises.report_bad_period", None, value=str(value)))
    year = int(m.group(1))
    if m.group(2) is None:
        return (
            date(year, 1, 1),
            date(year, 12, 31),
            date(year - 1, 1, 1),
            date(year - 1, 12, 31),
            None,
        )
    q = int(m.group(2))
    start = date(year, 3 * q - 2, 1)
    end = (date(year + (q == 4), (3 * q) % 12 + 1, 1)) - timedelta(days=1)
    prev_end = start - timedelta(days=1)
    prev_start = date(prev_end.year, prev_end.month - 2, 1)
    return start, end, prev_start, prev_end, q


def trend_word(now: int, before: int, lang: str = "sv") -> tuple[str, float | None]:
    """The trend word and the smaller one-sided p-value of ``now`` against ``before`` (Poisson).

    Nothing in either period is *oförändrad* with no p-value.
    """
    from scipy.stats import poisson

    if now == 0 and before == 0:
        return t("promises.report_trend_same", lang), None
    m = max(float(before), 0.5)
    p_up = float(poisson.sf(now - 1, m))  # P(X >= now)
    p_down = float(poisson.cdf(now, m))  # P(X <= now)
    if p_up < ALPHA:
        return t("promises.report_trend_up", lang), p_up
    if p_down < ALPHA:
        return t("promises.report_trend_down", lang), p_down
    return t("promises.report_trend_same", lang), min(p_up, p_down)


def _same(a, b) -> bool:
    return (
        isinstance(a, str) and isinstance(b, str) and a.strip().casefold() == b.strip().casefold()
    )


def _utc(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz)


def period_label(year: int, quarter: int | None, lang: str) -> str:
    """``2021 kvartal 1`` / ``2021 quarter 1`` / ``2021``."""
    if quarter is None:
        return str(year)
    return t("promises.report_quarter", lang, year=year, q=quarter)


def promise_report(
    store,
    *,
    period: str,
    municipality: str | None = None,
    lang: str = "sv",
    as_of: datetime | None = None,
) -> dict:
    """The follow-up of the promises active in ``period`` (``2021`` or ``2021-Q1``) as a dict.

    ``as_of`` is "today" for the measures' before/after follow-up (default now).
    """
    import pandas as pd

    from hotspots.catalogue import load_catalogue
    from hotspots.followup import follow_up
    from hotspots.promises.cli import cadence_label
    from hotspots.promises.core import load_activity_types, progress
    from hotspots.settings import get_settings

    lang = "en" if lang == "en" else "sv"
    start, end, prev_start, prev_end, quarter = parse_report_period(period)
    settings = get_settings()
    tz = ZoneInfo(settings.timezone)
    store.require_schema()
    catalogue = load_catalogue()
    types = load_activity_types()

    at_end = progress(store, as_of=end, timezone=settings.timezone, municipality=municipality)
    at_start = {
        p["id"]: p
        for p in progress(
            store,
            as_of=start - timedelta(days=1),
            timezone=settings.timezone,
            municipality=municipality,
        )
    }
    active = [p for p in at_end if date.fromisoformat(p["period_end"]) >= start]

    measures = store.measures()
    incidents = None
    codes = sorted({c for p in active for c in p["problems"]})
    if codes:
        incidents = store.records(
            "incident",
            start=_utc(prev_start, tz),
            end=_utc(end + timedelta(days=1), tz),
            categories=codes,
            columns=("id", "category", "occurred_from", "municipality"),
        )
        incidents["day"] = incidents["occurred_from"].dt.tz_convert(tz).dt.date

    followups: dict[int, str | None] = {}
    out = []
    for p in active:
        before = at_start.get(p["id"])
        done_before = {x["id"]: x["done"] for x in before["targets"]} if before else {}
        targets = []
        for x in p["targets"]:
            kind = types.get(x["activity_type"])
            targets.append(
                {
                    "activity_type": x["activity_type"],
                    "label": kind.label(lang) if kind else x["activity_type"],
                    "number": x["number"],
                    "cadence": x["cadence"],
                    "cadence_label": cadence_label(x["cadence"], lang),
                    "done": x["done"],
                    "done_in_period": x["done"] - done_before.get(x["id"], 0),
                    "due_so_far": x["due_so_far"],
                    "target": x["target"],
                    "on_track": x["on_track"],
                }
            )
        placed = []
        for _, row in measures.iterrows():
            when = row["starts_on"]
            if pd.isna(when):
                continue
            day = pd.Timestamp(when).tz_convert(tz).date()
            if not (start <= day <= end and _same(row["municipality"], p["municipality"])):
                continue
            mid = int(row["id"])
            if mid not in followups:
                f = follow_up(store, mid, as_of=as_of, language=lang)
                followups[mid] = f.short if f.ok else None
            label = catalogue.measures.get(row["measure"])
            placed.append(
                {
                    "id": mid,
                    "title": row["title"],
                    "type": label.label(lang) if label else row["measure"],
                    "status": row["status"],
                    "placed": day.isoformat(),
                    "followup": followups[mid],
                }
            )
        problems = []
        for code in p["problems"]:
            mine = incidents[
                (incidents["category"] == code)
                & incidents["municipality"].map(lambda k, p=p: _same(k, p["municipality"]))
            ]
            now = int(((mine["day"] >= start) & (mine["day"] <= end)).sum())
            was = int(((mine["day"] >= prev_start) & (mine["day"] <= prev_end)).sum())
            word, p_value = trend_word(now, was, lang)
            cat = catalogue[code] if code in catalogue else None
            problems.append(
                {
                    "category": code,
                    "label": cat.label(lang) if cat else code,
                    "count": now,
                    "before": was,
                    "change_pct": round(100 * (now - was) / was, 1) if was else None,
                    "trend": word,
                    "p_value": round(p_value, 4) if p_value is not None else None,
                }
            )
        out.append(
            {
                "id": p["id"],
                "municipality": p["municipality"],
                "police_area": p["police_area"],
                "period_start": p["period_start"],
                "period_end": p["period_end"],
                "title": p["title"],
                "text": p["text"],
                "source": p["source"],
                "targets": targets,
                "measures": placed,
                "problems": problems,
            }
        )

    kommuner = sorted({p["municipality"] for p in active})
    where = municipality or ", ".join(kommuner)
    label = period_label(start.year, quarter, lang)
    title = (
        t("promises.report_title_where", lang, where=where, period=label)
        if where
        else t("promises.report_title", lang, period=label)
    )
    return {
        "title": title,
        "language": lang,
        "period": str(period).strip().upper(),
        "period_label": label,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "previous_start": prev_start.isoformat(),
        "previous_end": prev_end.isoformat(),
        "municipality": municipality,
        "promises": out,
    }
