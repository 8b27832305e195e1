"""The follow-up report of the citizen promises as one self-contained, printable HTML page.

Everything from the data is escaped; the page has no scripts and no outside resources, and
a print stylesheet (A4) so that it prints, or goes through :func:`maps.export.export_page`
to PDF or PNG.
"""

from __future__ import annotations

from html import escape

from hotspots.i18n import t

__all__ = ["render_promise_report", "promise_report_html"]

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;
 max-width:60rem;margin:1.5rem auto;padding:0 1rem;line-height:1.4}
h1{font-size:1.5rem;margin:0 0 .3rem}
h2{font-size:1.2rem;margin:1.6rem 0 .2rem;border-bottom:2px solid #24507a;padding-bottom:.15rem}
h3{font-size:1rem;margin:.9rem 0 .3rem}
p.meta,p.small{color:#555;font-size:.88rem;margin:.2rem 0}
table{border-collapse:collapse;width:100%;margin:.3rem 0 .6rem;font-size:.9rem}
th,td{border:1px solid #c8c8c8;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#eef2f6}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.behind{color:#a4260f;font-weight:600}.ok{color:#1d6b2f}
.up{color:#a4260f;font-weight:600}.down{color:#1d6b2f;font-weight:600}
section.promise{break-inside:avoid-page}
@page{size:A4;margin:15mm}
@media print{body{margin:0;max-width:none;font-size:10pt}
 h2{break-after:avoid}table{page-break-inside:auto}tr{break-inside:avoid}
 th{background:#eee !important;-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def _e(value) -> str:
    return escape("" if value is None else str(value))


def _num(value, lang: str) -> str:
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text.replace(".", ",") if lang == "sv" else text


def _pct(value, lang: str) -> str:
    if value is None:
        return "–"
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{_num(abs(round(value)), lang)} %"


def _p(value, lang: str) -> str:
    if value is None:
        return "–"
    return "< " + _num(0.001, lang) if value < 0.001 else _num(round(value, 3), lang)


def _table(head: list[str], rows: list[list[tuple[str, str]]]) -> str:
    """``rows`` of (escaped html, css class) cells under escaped ``head``."""
    th = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{cls}">{cell}</td>' if cls else f"<td>{cell}</td>" for cell, cls in r
        )
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _promise(p: dict, lang: str) -> str:
    parts = [f"<h2>{_e(p['title'])}</h2>"]
    meta = t(
        "promises.report_meta",
        lang,
        kommun=p["municipality"],
        start=p["period_start"],
        end=p["period_end"],
    )
    if p.get("police_area"):
        meta += " · " + t("promises.report_police_area", lang, name=p["police_area"])
    parts.append(f'<p class="meta">{_e(meta)}</p>')
    if p.get("text"):
        parts.append(f"<p>{_e(p['text'])}</p>")

    parts.append(f"<h3>{_e(t('promises.report_targets', lang))}</h3>")
    if p["targets"]:
        rows = []
        for x in p["targets"]:
            state = (
                t("promises.report_on_track", lang)
                if x["on_track"]
                else t("promises.report_behind", lang)
            )
            rows.append(
                [
                    (_e(x["label"]), ""),
                    (_e(f"{x['number']} {x['cadence_label']}"), ""),
                    (_e(x["done_in_period"]), "n"),
                    (_e(x["done"]), "n"),
                    (_e(x["due_so_far"]), "n"),
                    (_e(x["target"]), "n"),
                    (_e(state), "ok" if x["on_track"] else "behind"),
                ]
            )
        parts.append(
            _table(
                [
                    t("promises.report_col_activity", lang),
                    t("promises.report_col_goal", lang),
                    t("promises.report_col_in_period", lang),
                    t("promises.report_col_done", lang),
                    t("promises.report_col_due", lang),
                    t("promises.report_col_total", lang),
                    t("promises.report_col_status", lang),
                ],
                rows,
            )
        )
    else:
        parts.append(f'<p class="small">{_e(t("promises.report_no_targets", lang))}</p>')

    parts.append(f"<h3>{_e(t('promises.report_measures', lang))}</h3>")
    if p["measures"]:
        rows = [
            [
                (_e(m["title"]), ""),
                (_e(m["type"]), ""),
                (_e(m["placed"]), "n"),
                (_e(m["status"]), ""),
                (_e(m["followup"] or t("promises.report_no_followup", lang)), ""),
            ]
            for m in p["measures"]
        ]
        parts.append(
            _table(
                [
                    t("promises.report_col_measure", lang),
                    t("promises.report_col_type", lang),
                    t("promises.report_col_placed", lang),
                    t("promises.report_col_mstatus", lang),
                    t("promises.report_col_followup", lang),
                ],
                rows,
            )
        )
    else:
        parts.append(f'<p class="small">{_e(t("promises.report_no_measures", lang))}</p>')

    parts.append(f"<h3>{_e(t('promises.report_problems', lang))}</h3>")
    if p["problems"]:
        up, down = t("promises.report_trend_up", lang), t("promises.report_trend_down", lang)
        rows = [
            [
                (_e(x["label"]), ""),
                (_e(x["count"]), "n"),
                (_e(x["before"]), "n"),
                (_e(_pct(x["change_pct"], lang)), "n"),
                (_e(x["trend"]), {up: "up", down: "down"}.get(x["trend"], "")),
                (_e(_p(x["p_value"], lang)), "n"),
            ]
            for x in p["problems"]
        ]
        parts.append(
            _table(
                [
                    t("promises.report_col_category", lang),
                    t("promises.report_col_now", lang),
                    t("promises.report_col_before", lang),
                    t("promises.report_col_change", lang),
                    t("promises.report_col_trend", lang),
                    t("promises.report_col_p", lang),
                ],
                rows,
            )
        )
    else:
        parts.append(f'<p class="small">{_e(t("promises.report_no_problems", lang))}</p>')
    if p.get("source"):
        parts.append(
            f'<p class="small">{_e(t("promises.report_source", lang, source=p["source"]))}</p>'
        )
    return '<section class="promise">' + "".join(parts) + "</section>"


def render_promise_report(report: dict) -> str:
    """The HTML page of a :func:`hotspots.promises.report.promise_report` dict."""
    lang = report.get("language", "sv")
    intro = t(
        "promises.report_intro",
        lang,
        start=report["start"],
        end=report["end"],
        prev_start=report["previous_start"],
        prev_end=report["previous_end"],
    )
    body = [
        f"<h1>{_e(report['title'])}</h1>",
        f'<p class="meta">{_e(intro)}</p>',
        f'<p class="small">{_e(t("promises.report_method", lang))}</p>',
    ]
    if not report["promises"]:
        body.append(f"<p>{_e(t('promises.report_none', lang))}</p>")
    body.extend(_promise(p, lang) for p in report["promises"])
    return (
        f'<!doctype html><html lang="{_e(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(report['title'])}</title><style>{_STYLE}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )


def promise_report_html(store, *, period: str, municipality=None, lang: str = "sv") -> str:
    """Make the report and render it (the CLI's and the service's one call)."""
    from hotspots.promises.report import promise_report

    return render_promise_report(
        promise_report(store, period=period, municipality=municipality, lang=lang)
    )
