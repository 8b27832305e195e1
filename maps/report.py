"""The weekly lägesbild report as one self-contained, printable HTML page.

The numbers come from :func:`hotspots.report.weekly.weekly_report`; this module only draws
them: a summary, the hotspot map (the same offline Leaflet map as ``hotspots map``, with the
report's numbered hotspot areas on top), the hotspot table with suggested measures, an
hour x weekday chart, walk observations, measures, and what could not be placed. Every text
that a user or a source wrote is escaped here. A print stylesheet lays it out on A4.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

import numpy as np
import pandas as pd

from hotspots.i18n import t
from hotspots.report.weekly import status_label as _status_label
from maps.layers import Layer

__all__ = ["area_layers", "render_report", "weekly_report_html"]

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 1180px; padding: 16px 20px;
  color: #1d1d1d; line-height: 1.35; }
h1 { font-size: 1.6rem; margin: 0 0 2px; }
h2 { font-size: 1.15rem; margin: 22px 0 6px; border-bottom: 2px solid #7a0177;
  padding-bottom: 2px; }
.sub { color: #555; margin: 0 0 10px; }
.figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0; }
.figure { border: 1px solid #ddd; border-radius: 6px; padding: 6px 12px; min-width: 140px; }
.figure b { display: block; font-size: 1.4rem; }
.notice { background: #fff4ce; border: 1px solid #e6c200; border-radius: 6px; padding: 10px 14px;
  font-weight: 600; }
.hs-map { height: 520px; border: 1px solid #ccc; border-radius: 4px; }
table.t { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
table.t th, table.t td { border-bottom: 1px solid #e3e3e3; padding: 4px 6px; text-align: left;
  vertical-align: top; }
table.t th { background: #f4f0f6; }
td.n, th.n { text-align: right; white-space: nowrap; }
.up { color: #b2182b; } .down { color: #2166ac; }
.why { color: #555; font-size: 0.85em; }
.note { color: #8a5a00; font-size: 0.85em; }
table.hw { border-collapse: collapse; font-size: 0.75rem; }
table.hw td, table.hw th { width: 26px; height: 20px; text-align: center; padding: 0; }
table.hw th { font-weight: 500; color: #555; }
.legend-note { color: #555; font-size: 0.85em; }
.rank { display: inline-block; min-width: 20px; height: 20px; border-radius: 50%;
  background: #7a0177; color: #fff; text-align: center; font-weight: 700; font-size: 0.8rem;
  line-height: 20px; }
footer { margin-top: 24px; color: #666; font-size: 0.8rem; }
@media print {
  @page { size: A4; margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  .hs-map { height: 120mm; page-break-inside: avoid; }
  .leaflet-control-layers { display: none; }
  h2 { page-break-after: avoid; }
  tr, .figure { page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

_HEIGHT_SCRIPT = """<script>
window.addEventListener("load", function () {
  document.body.setAttribute("data-hs-height", String(document.documentElement.scrollHeight));
});
</script>"""


def _weekdays(lang: str) -> list[str]:
    return [
        t("report.day.mon", lang),
        t("report.day.tue", lang),
        t("report.day.wed", lang),
        t("report.day.thu", lang),
        t("report.day.fri", lang),
        t("report.day.sat", lang),
        t("report.day.sun", lang),
    ]


def _local(ts, tz: str, fmt: str = "%Y-%m-%d") -> str:
    if ts is None or (not isinstance(ts, str) and pd.isna(ts)):
        return ""
    return pd.Timestamp(ts).tz_convert(tz).strftime(fmt) if pd.Timestamp(ts).tzinfo else str(ts)


def _num(value: float, lang: str, digits: int = 1) -> str:
    text = f"{value:.{digits}f}"
    return text if lang == "en" else text.replace(".", ",").replace("-", "−")


def area_layers(report, *, lang: str) -> list[Layer]:
    """The report's numbered hotspot areas: outlines and rank markers."""
    from shapely.geometry import mapping

    name = t("report.layer.areas", lang)
    features, marks = [], []
    for row in report.hotspots:
        tip = escape(f"{row.rank}. {row.name}")
        popup = (
            f"<b>{tip}</b><br>{escape(t('report.col.this_week', lang))}: "
            f"{escape(report.shown(row.this_week))}<br>"
            f"{escape(t('report.col.trend', lang))}: {escape(row.trend_label)}"
        )
        style = {"color": "#7a0177", "weight": 3, "fill": False}
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(row.geometry),
                "properties": {"style": style, "popup": popup, "tooltip": tip},
            }
        )
        c = row.geometry.representative_point()
        marks.append([round(c.y, 6), round(c.x, 6), "#7a0177", str(row.rank), popup, tip])
    bounds = []
    if report.hotspots:
        import shapely

        x0, y0, x1, y1 = shapely.total_bounds([r.geometry for r in report.hotspots])
        bounds = [[float(y0), float(x0)], [float(y1), float(x1)]]
    legend = (
        f'<div class="hs-legend-title">{escape(name)}</div>'
        f'<div class="hs-row"><span class="hs-dot" style="background:#7a0177"></span>'
        f"{escape(t('report.legend.areas', lang))}</div>"
    )
    return [
        Layer(
            "areas",
            name,
            "geojson",
            {"type": "FeatureCollection", "features": features},
            legend,
            len(features),
            bounds=bounds,
        ),
        Layer(
            "area_numbers",
            t("report.layer.area_numbers", lang),
            "markers",
            {"points": marks, "cluster": False},
            "",
            len(marks),
            bounds=bounds,
        ),
    ]


def _figures(report, lang: str) -> str:
    prev = float(np.mean(report.previous_counts)) if report.previous_counts else 0.0
    items = [
        (t("report.fig.incidents", lang), report.shown(report.n_week)),
        (t("report.fig.previous", lang), _num(prev, lang)),
        (t("report.fig.mapped", lang), report.shown(report.n_mapped)),
        (t("report.fig.hotspots", lang), str(len(report.hotspots))),
        (t("report.fig.observations", lang), str(report.n_observations_week)),
        (t("report.fig.closed", lang), str(len(report.closed_observations))),
    ]
    return (
        '<div class="figures">'
        + "".join(f'<div class="figure"><b>{escape(v)}</b>{escape(k)}</div>' for k, v in items)
        + "</div>"
    )


def _hotspot_table(report, lang: str) -> str:
    if not report.hotspots:
        return f"<p>{escape(t('report.no_hotspots', lang))}</p>"
    heads = [
        ("#", ""),
        (t("report.col.place", lang), ""),
        (t("report.col.this_week", lang), "n"),
        (t("report.col.previous", lang), "n"),
        (t("report.col.change", lang), "n"),
        (t("report.col.trend", lang), ""),
        (t("report.col.pattern", lang), ""),
        (t("report.col.categories", lang), ""),
        (t("report.col.hours", lang), ""),
        (t("report.col.suggested", lang), ""),
    ]
    head = "".join(f'<th class="{c}">{escape(h)}</th>' for h, c in heads)
    body = []
    for row in report.hotspots:
        change = row.change
        cls = "up" if change > 0 else "down" if change < 0 else ""
        sign = "+" if change > 0 else ""
        cats = ", ".join(f"{label} ({report.shown(n)})" for label, n in row.categories)
        sugg = "".join(
            f'<div><b>{escape(s.label)}</b> <span class="why">– {escape(s.reason)}</span>'
            + (f' <span class="note">({escape(s.note)})</span>' if s.note else "")
            + "</div>"
            for s in row.suggestions
        )
        if row.measures:
            sugg += (
                f'<div class="why">{escape(t("report.already", lang))}: '
                f"{escape(', '.join(row.measures))}</div>"
            )
        body.append(
            "<tr>"
            f'<td><span class="rank">{row.rank}</span></td>'
            f"<td>{escape(row.name)}</td>"
            f'<td class="n">{escape(report.shown(row.this_week))}</td>'
            f'<td class="n">{escape(_num(row.previous_mean, lang))}</td>'
            f'<td class="n {cls}">{escape(sign + _num(change, lang))}</td>'
            f"<td>{escape(row.trend_label)}</td>"
            f"<td>{escape(row.pattern_label)}</td>"
            f"<td>{escape(cats)}</td>"
            f"<td>{escape(row.peak_hours)}</td>"
            f"<td>{sugg or '–'}</td>"
            "</tr>"
        )
    rows = "".join(body)
    return f'<table class="t hotspots"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _hour_chart(report, lang: str) -> str:
    """The hour x weekday profile as a shaded table (prints without scripts)."""
    prof = np.asarray(report.profile, dtype=float)
    if prof.sum() <= 0:
        return f"<p>{escape(t('report.no_times', lang))}</p>"
    peak = prof.max()
    hours = "".join(f"<th>{h:02d}</th>" for h in range(24))
    rows = []
    for day, label in enumerate(_weekdays(lang)):
        cells = []
        for h in range(24):
            v = prof[day, h]
            alpha = 0 if v <= 0 else 0.15 + 0.85 * v / peak
            text = _num(v, lang) if report.full_detail and v > 0 else ""
            cells.append(
                f'<td style="background:rgba(122,1,119,{alpha:.2f});'
                f'color:{"#fff" if alpha > 0.55 else "#222"}" title="{escape(label)} '
                f'{h:02d}: {escape(_num(v, lang))}">{escape(text)}</td>'
            )
        total = report.shown(prof[day].sum())
        rows.append(f"<tr><th>{escape(label)}</th>{''.join(cells)}<td>{escape(total)}</td></tr>")
    by_hour = "".join(f"<td>{escape(report.shown(v))}</td>" for v in prof.sum(axis=0))
    return (
        f'<table class="hw"><thead><tr><th></th>{hours}<th>Σ</th></tr></thead>'
        f"<tbody>{''.join(rows)}<tr><th>Σ</th>{by_hour}<td></td></tr></tbody></table>"
        f'<p class="legend-note">{escape(t("report.hours_note", lang))}</p>'
    )


def _rows_table(frame: pd.DataFrame, columns: list[tuple[str, str, object]], empty: str) -> str:
    if frame is None or len(frame) == 0:
        return f"<p>{escape(empty)}</p>"
    head = "".join(f"<th>{escape(label)}</th>" for label, _, _ in columns)
    body = []
    for rec in frame.to_dict("records"):
        cells = []
        for _, key, fmt in columns:
            value = rec.get(key)
            text = (
                fmt(value)
                if fmt is not None
                else ("" if value is None or value != value else str(value))
            )
            cells.append(f"<td>{escape(text)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f'<table class="t"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _observation_sections(report, lang: str, tz: str) -> str:
    def status(v):
        return _status_label(v, lang)

    def day(v):
        return _local(v, tz)

    cols = [
        (t("report.col.date", lang), "date", day),
        (t("report.col.category", lang), "category", None),
        (t("report.col.note", lang), "description", None),
        (t("report.col.walk", lang), "walk", None),
        (t("report.col.status", lang), "status", status),
    ]
    closed_cols = cols + [
        (t("report.col.closed_on", lang), "changed_at", day),
        (t("report.col.comment", lang), "note", None),
    ]
    return (
        f"<h3>{escape(t('report.h.obs_new', lang))}</h3>"
        + _rows_table(report.new_observations, cols, t("report.none_new_obs", lang))
        + f"<h3>{escape(t('report.h.obs_closed', lang))}</h3>"
        + _rows_table(report.closed_observations, closed_cols, t("report.none_closed_obs", lang))
    )


def _measure_section(report, catalogue, lang: str, tz: str) -> str:
    frame = report.measures
    if frame is not None and len(frame):
        frame = frame.assign(
            type_label=[
                catalogue.measures[m].label(lang) if m in catalogue.measures else m
                for m in frame["measure"]
            ],
            flag=[
                t("report.measure.placed_now", lang)
                if p
                else t("report.measure.changed_now", lang)
                if c
                else ""
                for p, c in zip(frame["placed_this_week"], frame["changed_this_week"], strict=True)
            ],
        )

    def day(v):
        return _local(v, tz)

    cols = [
        (t("report.col.measure", lang), "type_label", None),
        (t("report.col.title", lang), "title", None),
        (t("report.col.status", lang), "status", lambda v: _status_label(v, lang)),
        (t("report.col.decided", lang), "decided_on", day),
        (t("report.col.placed", lang), "starts_on", day),
        (t("report.col.this_week_flag", lang), "flag", None),
    ]
    if frame is not None and "observations" in frame and frame["observations"].gt(0).any():
        cols.append((t("report.col.linked_observations", lang), "observations", str))
    if frame is not None and "followup" in frame and frame["followup"].notna().any():
        cols.append((t("followup.report.col", lang), "followup", None))
    return _rows_table(frame, cols, t("report.none_measures", lang))


def _alert_section(report, catalogue, lang: str) -> str:
    """The week's deviation alerts: where, what, observed vs expected, status and decision."""
    rows = []
    for a in report.alerts:
        where = a.place or a.municipality
        if not where:
            where = f"{a.lat:.4f}, {a.lon:.4f}" if a.lat is not None else a.area_key
        what = ", ".join(
            catalogue[c["category"]].label(lang) if c["category"] in catalogue else c["category"]
            for c in a.categories
            if c.get("category") not in catalogue.sensitive_codes()
        )
        kind = (
            t("report.alert.emerging", lang)
            if a.kind == "emerging"
            else t("report.alert.count", lang)
        )
        p = "–" if a.p_value is None else f"{a.p_value:.1g}"
        status = (
            t("report.alert.acked", lang, note=a.decision_note or "")
            if a.status == "kvitterad"
            else t("report.alert.open", lang)
        )
        rows.append(
            {
                "where": str(where),
                "kind": kind,
                "what": what,
                "obs": f"{report.shown(a.observed)} / {_num(a.expected, lang)}",
                "p": p,
                "status": status,
            }
        )
    cols = [
        (t("report.col.where", lang), "where", None),
        (t("report.col.alert_kind", lang), "kind", None),
        (t("report.col.categories", lang), "what", None),
        (t("report.col.observed_expected", lang), "obs", None),
        ("p", "p", None),
        (t("report.col.status", lang), "status", None),
    ]
    intro = f'<p class="legend-note">{escape(t("report.alerts_intro", lang))}</p>'
    return intro + _rows_table(pd.DataFrame(rows), cols, t("report.none_alerts", lang))


def _promise_section(report, lang: str) -> str:
    """Progress of the citizen promises running this week: done / due so far / target."""
    from hotspots.promises.core import load_activity_types

    types = load_activity_types()
    rows = []
    for p in report.promises:
        for target in p["targets"] or [{}]:
            code = target.get("activity_type")
            label = types[code].label(lang) if code in types else (code or "–")
            rows.append(
                {
                    "promise": f"{p['municipality']}: {p['title']}",
                    "target": label if code else "–",
                    "done": "" if not code else str(target["done"]),
                    "due": "" if not code else str(target["due_so_far"]),
                    "total": "" if not code else str(target["target"]),
                    "track": ""
                    if not code
                    else t("report.promise.on_track", lang)
                    if target["on_track"]
                    else t("report.promise.behind", lang),
                }
            )
    cols = [
        (t("report.col.promise", lang), "promise", None),
        (t("report.col.activity", lang), "target", None),
        (t("report.col.done", lang), "done", None),
        (t("report.col.due", lang), "due", None),
        (t("report.col.target", lang), "total", None),
        ("", "track", None),
    ]
    return _rows_table(pd.DataFrame(rows), cols, t("report.none_promises", lang))


def _imprecise_section(report, lang: str) -> str:
    precisions = {
        "locality": t("report.precision.locality", lang),
        "municipality": t("report.precision.municipality", lang),
        "failed": t("report.precision.failed", lang),
    }
    cols = [
        (t("report.col.kommun", lang), "municipality", None),
        (t("report.col.precision", lang), "precision", lambda v: precisions.get(v, v)),
        (t("report.col.count", lang), "n", lambda v: report.shown(v)),
    ]
    table = _rows_table(report.imprecise, cols, t("report.none_imprecise", lang))
    queue = t("report.review_pending", lang, n=report.review_pending)
    return f"<p>{escape(t('report.imprecise_intro', lang))}</p>{table}<p>{escape(queue)}</p>"


def render_report(report, *, map_css: str = "", map_html: str = "", catalogue=None) -> str:
    """The HTML page of a :class:`hotspots.report.weekly.WeeklyReport`.

    ``map_css``/``map_html`` are the parts of the embedded map (:func:`maps.weekly.map_parts`);
    empty leaves the map out.
    """
    from hotspots.catalogue import load_catalogue
    from hotspots.settings import get_settings

    lang = report.lang
    tz = get_settings().timezone
    catalogue = catalogue or load_catalogue()
    year, week = report.week.split("-W")
    first = _local(report.start, tz)
    last = _local(report.end - pd.Timedelta(microseconds=1), tz)
    title = t("report.title", lang, week=int(week), year=year)
    sub = t("report.subtitle", lang, first=first, last=last)
    generated = t(
        "report.generated", lang, when=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    )
    parts = [f"<h1>{escape(title)}</h1>", f'<p class="sub">{escape(sub)} · {escape(generated)}</p>']
    if not report.full_detail:
        parts.append(
            f'<p class="legend-note">{escape(t("report.suppressed", lang, k=report.min_count))}</p>'
        )
    if report.empty:
        parts.append(f'<p class="notice">{escape(t("report.empty", lang, week=int(week)))}</p>')
    parts.append(_figures(report, lang))
    if report.n_time_windows:
        parts.append(
            f'<p class="legend-note">'
            f"{escape(t('report.time_windows', lang, n=report.n_time_windows))}</p>"
        )
    if map_html:
        parts += [f"<h2>{escape(t('report.h.map', lang))}</h2>", map_html]
    parts += [
        f"<h2>{escape(t('report.h.hotspots', lang))}</h2>",
        f'<p class="legend-note">{escape(t("report.hotspots_intro", lang))}</p>',
        _hotspot_table(report, lang),
        f"<h2>{escape(t('report.h.when', lang))}</h2>",
        _hour_chart(report, lang),
        f"<h2>{escape(t('report.h.observations', lang))}</h2>",
        _observation_sections(report, lang, tz),
        f"<h2>{escape(t('report.h.measures', lang))}</h2>",
        _measure_section(report, catalogue, lang, tz),
        f"<h2>{escape(t('report.h.alerts', lang))}</h2>",
        _alert_section(report, catalogue, lang),
        f"<h2>{escape(t('report.h.promises', lang))}</h2>",
        _promise_section(report, lang),
        f"<h2>{escape(t('report.h.imprecise', lang))}</h2>",
        _imprecise_section(report, lang),
        f"<footer>{escape(t('report.footer', lang))}</footer>",
    ]
    html_lang = "en" if lang == "en" else "sv"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{map_css}\n{_STYLE}</style>\n</head>\n"
        f'<body class="hs-report">\n{"".join(parts)}\n{_HEIGHT_SCRIPT}\n</body>\n</html>\n'
    )


def weekly_report_html(
    store,
    week: str,
    *,
    lang: str = "sv",
    role: str = "leadership",
    categories: list[str] | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    basemap: str = "osm",
    top: int = 10,
) -> tuple[str, object]:
    """The weekly report page of ``week`` and the :class:`WeeklyReport` behind it."""
    from hotspots.report.weekly import weekly_report
    from maps.weekly import hotspot_layers, map_parts

    report = weekly_report(
        store, week, lang=lang, role=role, categories=categories, bbox=bbox, top=top
    )
    built = hotspot_layers(
        store,
        start=report.start,
        end=report.end,
        categories=categories,
        bbox=bbox,
        lang=lang,
        role=report.role,
    )
    areas = area_layers(report, lang=lang)
    if report.hotspots:  # open on the table's hotspots, not on every incident of the kommun
        for layer in built.layers:
            layer.fit = False
    layers = list(built.layers) + areas
    css, body = map_parts(layers, lang=lang, basemap=basemap, title=built.title, element_id="map")
    return render_report(report, map_css=css, map_html=body), report
