"""Suggested measures for a hotspot: simple, written-down rules on its profile.

A leadership group needs to see *why* a measure is suggested, so every suggestion carries the
numbers that led to it. The rules, applied to the incidents of the last five weeks (the report's
week and the four before) inside the hotspot, and the open walk observations there:

==================  =====================================================  ==================
rule                when                                                    measure
==================  =====================================================  ==================
night + lighting    at least half of the incidents happen 18-06 local time  belysning
                    (:data:`NIGHT_SHARE`) and at least one open lighting
                    observation lies in the area
persistent          property crime (:data:`PROPERTY`) in at least 4 of the  kamera (needs a
property crime      5 weeks (:data:`PERSISTENT_WEEKS`), or a persistent,     permit under the
                    intensifying or consecutive emerging hotspot where       camera surveillance
                    property crime is at least half of the incidents         act)
residential         at least :data:`MIN_BURGLARIES` residential             grannsamverkan
burglary            burglaries
moped and           at least :data:`MIN_MOPED` incidents of reckless moped   trafikkontroll,
A-tractor driving   and A-tractor driving                                   trafiksakerhet
blocked sight       at least one open observation of blocked sight lines     rojning
lines               or vegetation
graffiti            at least one open graffiti observation                  klottersanering
most common         none of the above fired: the first measure the           that measure
category            catalogue lists for the hotspot's most common category
==================  =====================================================  ==================

A rule whose category or measure the municipality removed from its catalogue does not fire.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hotspots.i18n import t

__all__ = [
    "AreaProfile",
    "MIN_BURGLARIES",
    "MIN_MOPED",
    "NIGHT_HOURS",
    "NIGHT_SHARE",
    "PERSISTENT_WEEKS",
    "PROPERTY",
    "Suggestion",
    "suggest_measures",
]

#: Local hours counted as night: 18:00-06:00.
NIGHT_HOURS = (*range(18, 24), *range(0, 6))
#: Share of incidents at night that makes a place a night-time place.
NIGHT_SHARE = 0.5
#: Property-crime categories (catalogue codes).
PROPERTY = (
    "skadegorelse",
    "stold",
    "inbrott_bostad",
    "inbrott_forrad",
    "inbrott_bil",
    "branslestold",
)
#: Weeks out of the five with property crime that make it persistent.
PERSISTENT_WEEKS = 4
#: Emerging-hotspot patterns that count as persistent.
PERSISTENT_PATTERNS = ("persistent_hot", "intensifying_hot", "consecutive_hot")
#: Residential burglaries in five weeks that suggest neighbourhood watch.
MIN_BURGLARIES = 2
#: Moped and A-tractor incidents in five weeks that suggest traffic measures.
MIN_MOPED = 2


@dataclass
class AreaProfile:
    """What the rules look at for one hotspot (five weeks of incidents).

    Attributes
    ----------
    categories : dict
        Incidents per category code.
    night : float
        Incidents at night (18-06 local; a time window counts with its share of night hours).
    property_weeks : int
        Weeks of the five with at least one property crime.
    n_weeks : int
        Weeks looked at (5).
    observations : dict
        Open walk observations (status ny or rapporterad) per category code in the area.
    pattern : str or None
        The area's emerging-hotspot pattern code, e.g. ``persistent_hot``.
    """

    categories: dict[str, int]
    night: float = 0.0
    property_weeks: int = 0
    n_weeks: int = 5
    observations: dict[str, int] = field(default_factory=dict)
    pattern: str | None = None

    @property
    def total(self) -> int:
        """All incidents of the five weeks."""
        return int(sum(self.categories.values()))


@dataclass(frozen=True)
class Suggestion:
    """A suggested measure and the numbers that led to it (in the report's language)."""

    measure: str
    label: str
    reason: str
    note: str = ""


def _pct(part: float, whole: float) -> int:
    return round(100 * part / whole) if whole else 0


def suggest_measures(profile: AreaProfile, catalogue, *, lang: str = "sv") -> list[Suggestion]:
    """The measures the rules in this module's docstring suggest for ``profile``.

    Each measure appears once (the first rule that suggests it gives the reason); measures
    missing from ``catalogue`` are left out.
    """
    cats, obs, total = profile.categories, profile.observations, profile.total
    found: list[tuple[str, str, str]] = []

    def n(codes) -> int:
        return int(sum(cats.get(c, 0) for c in codes))

    lights = obs.get("belysning", 0)
    if total and profile.night / total >= NIGHT_SHARE and lights:
        found.append(
            (
                "belysning",
                t(
                    "report.why.lighting",
                    lang,
                    night=round(profile.night),
                    total=total,
                    pct=_pct(profile.night, total),
                    obs=lights,
                ),
                "",
            )
        )
    prop = n(PROPERTY)
    persistent = profile.property_weeks >= PERSISTENT_WEEKS
    emerging = profile.pattern in PERSISTENT_PATTERNS and total and prop / total >= 0.5
    if prop and (persistent or emerging):
        reason = (
            t(
                "report.why.property_weeks",
                lang,
                weeks=profile.property_weeks,
                of=profile.n_weeks,
                n=prop,
            )
            if persistent
            else t("report.why.property_pattern", lang, n=prop, pct=_pct(prop, total))
        )
        found.append(("kamera", reason, t("report.note.camera_permit", lang)))
    burglaries = cats.get("inbrott_bostad", 0)
    if burglaries >= MIN_BURGLARIES:
        found.append(("grannsamverkan", t("report.why.burglary", lang, n=burglaries), ""))
    moped = cats.get("buskorning", 0)
    if moped >= MIN_MOPED:
        reason = t("report.why.moped", lang, n=moped)
        found.append(("trafikkontroll", reason, ""))
        found.append(("trafiksakerhet", reason, ""))
    if obs.get("skymd_sikt", 0):
        found.append(("rojning", t("report.why.vegetation", lang, n=obs["skymd_sikt"]), ""))
    if obs.get("klotter", 0):
        found.append(("klottersanering", t("report.why.graffiti", lang, n=obs["klotter"]), ""))
    if not found and total:
        top, count = min(cats.items(), key=lambda kv: (-kv[1], kv[0]))
        if top in catalogue and catalogue[top].measures:
            found.append(
                (
                    catalogue[top].measures[0],
                    t(
                        "report.why.top_category",
                        lang,
                        category=catalogue[top].label(lang),
                        n=count,
                        total=total,
                    ),
                    "",
                )
            )
    out: list[Suggestion] = []
    seen: set[str] = set()
    for code, reason, note in found:
        if code in seen or code not in catalogue.measures:
            continue
        seen.add(code)
        out.append(Suggestion(code, catalogue.measures[code].label(lang), reason, note))
    return out
