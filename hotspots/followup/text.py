"""The plain-language reading of a follow-up, in Swedish or English."""

from __future__ import annotations

import math

from hotspots.i18n import t

__all__ = ["describe", "fmt_number", "fmt_p", "fmt_pct", "wdq_meaning", "wdq_reading"]

#: A change in the control area smaller than this (per cent) reads as "about unchanged".
FLAT_PCT = 5.0
#: WDQ classes that say something about displacement or diffusion.
_READ_CLASSES = ("diffusion_greater", "diffusion", "none", "displacement", "displacement_greater")


def fmt_number(value: float, lang: str, digits: int = 1) -> str:
    """``-0.3`` as ``−0,3`` (sv) or ``-0.3`` (en)."""
    text = f"{value:.{digits}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text if lang == "en" else text.replace(".", ",").replace("-", "−")


def fmt_pct(value: float, lang: str, *, sign: bool = True) -> str:
    """``-54.2`` as ``−54 %`` (sv) or ``-54%`` (en); without sign when ``sign`` is False."""
    v = round(value)
    if sign:
        text = f"{v:+d}" if v != 0 else "0"
    else:
        text = f"{abs(v):d}"
    if lang == "en":
        return f"{text}%"
    return f"{text.replace('-', '−')} %"


def fmt_p(p: float, lang: str) -> str:
    """``p = 0,01``, ``p = 0,003``, ``p < 0,001``."""
    if p < 0.001:
        return "p < " + fmt_number(0.001, lang, 3)
    digits = 2 if p >= 0.01 else 3
    return "p = " + fmt_number(p, lang, digits)


def wdq_meaning(cls: str | None, lang: str) -> str:
    """What a WDQ class means, in words."""
    texts = {
        "diffusion_greater": lambda: t("followup.wdq.diffusion_greater", lang),
        "diffusion": lambda: t("followup.wdq.diffusion", lang),
        "none": lambda: t("followup.wdq.none", lang),
        "displacement": lambda: t("followup.wdq.displacement", lang),
        "displacement_greater": lambda: t("followup.wdq.displacement_greater", lang),
        "not_applicable": lambda: t("followup.wdq.not_applicable", lang),
    }
    return texts.get(cls, lambda: t("followup.wdq.undefined", lang))()


def wdq_reading(result, lang: str) -> str:
    """The WDQ's meaning for ``result``, marked uncertain when the area's change may be chance."""
    meaning = wdq_meaning(result.wdq_class, lang)
    if result.wdq_class in _READ_CLASSES and not result.significant:
        meaning = t("followup.wdq.uncertain", lang, meaning=meaning)
    return meaning


def _change(counts, lang: str) -> str:
    """``−54 %`` or, from zero, ``+5``."""
    if counts.change_pct is None:
        return f"{counts.change:+d}".replace("-", "−" if lang != "en" else "-")
    return fmt_pct(counts.change_pct, lang)


def _treated_sentence(a, lang: str) -> str:
    values = {"before": a.before, "after": a.after, "pct": _change(a, lang)}
    if a.after < a.before:
        return t("followup.read.treated_down", lang, **values)
    if a.after > a.before:
        return t("followup.read.treated_up", lang, **values)
    return t("followup.read.treated_same", lang, **values)


def _control_clause(c, lang: str) -> str:
    if c.change_pct is None:
        return t("followup.read.control_from_zero", lang, after=c.after)
    pct = fmt_pct(abs(c.change_pct), lang, sign=False)
    if abs(c.change_pct) < FLAT_PCT:
        return t("followup.read.control_flat", lang, pct=fmt_pct(c.change_pct, lang))
    if c.change_pct < 0:
        return t("followup.read.control_down", lang, pct=pct)
    return t("followup.read.control_up", lang, pct=pct)


def _test_clause(r, lang: str) -> str:
    a = r.treated
    if r.too_few:
        return t("followup.read.too_few", lang, n=a.before + a.after)
    if r.control.before == 0 or r.control.after == 0:
        return t("followup.read.control_empty", lang)
    p = fmt_p(r.p_value, lang)
    relative_down = a.after * r.control.before < a.before * r.control.after
    if r.significant and relative_down:
        return t("followup.read.sig_down", lang, p=p)
    if r.significant:
        return t("followup.read.sig_up", lang, p=p)
    return t("followup.read.not_sig", lang, p=p)


def _buffer_sentence(r, lang: str) -> str:
    b = r.buffer
    values = {
        "m": fmt_number(r.buffer_m, lang, 0),
        "before": b.before,
        "after": b.after,
        "pct": _change(b, lang),
    }
    if b.after < b.before:
        text = t("followup.read.buffer_down", lang, **values)
    elif b.after > b.before:
        text = t("followup.read.buffer_up", lang, **values)
    else:
        text = t("followup.read.buffer_same", lang, **values)
    meaning = wdq_reading(r, lang)
    if r.wdq is None or not math.isfinite(r.wdq):
        return t("followup.read.buffer_no_wdq", lang, buffer=text, meaning=meaning)
    return t(
        "followup.read.buffer_wdq", lang, buffer=text, wdq=fmt_number(r.wdq, lang), meaning=meaning
    )


def describe(result, catalogue):
    """Fill ``result.reading``, ``result.short`` and ``result.notes``; return ``result``."""
    lang = result.language
    if result.missing:
        result.reading = " ".join(result.missing)
        result.short = result.missing[0]
        return result
    a, c = result.treated, result.control
    reading = [
        t(
            "followup.read.sentence",
            lang,
            treated=_treated_sentence(a, lang),
            control=_control_clause(c, lang),
            test=_test_clause(result, lang),
        ),
        _buffer_sentence(result, lang),
    ]
    if result.excluded_windows:
        note = t("followup.note.windows", lang, n=result.excluded_windows)
        result.notes.append(note)
        reading.append(note)
    result.reading = " ".join(reading)
    if result.too_few:
        test = t("followup.short.too_few", lang)
    elif result.p_value is not None:
        test = fmt_p(result.p_value, lang)
    else:
        test = t("followup.short.no_test", lang)
    wdq = "–" if result.wdq is None else fmt_number(result.wdq, lang)
    result.short = t(
        "followup.short.line",
        lang,
        treated=f"{a.before}→{a.after}",
        pct=_change(a, lang),
        control=_change(c, lang),
        test=test,
        wdq=wdq,
    )
    return result
