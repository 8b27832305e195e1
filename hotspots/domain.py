"""Domain types shared by every stage of the pipeline."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "FULL_DETAIL_ROLES",
    "ROLES",
    "check_role",
    "Precision",
    "PRECISION_RANK",
    "ObservationStatus",
    "MeasureStatus",
    "STATUS_KINDS",
]


class Precision(StrEnum):
    """How precisely a point is known, best first."""

    EXACT = "exact"  # GPS or coordinates given in the source
    ADDRESS = "address"  # matched to an address point
    STREET = "street"  # matched to a street, number unknown or not found
    LOCALITY = "locality"  # matched to a tätort/village
    MUNICIPALITY = "municipality"  # kommun centroid (all polisen.se events)
    FAILED = "failed"  # no usable location: waits in the geocoding review queue


#: Lower is better. Detection uses ``street`` or better by default.
PRECISION_RANK = {p: i for i, p in enumerate(Precision)}


class ObservationStatus(StrEnum):
    """Workflow of a walk observation (ny -> rapporterad -> åtgärdad / avslutad)."""

    NY = "ny"
    RAPPORTERAD = "rapporterad"
    ATGARDAD = "åtgärdad"
    AVSLUTAD = "avslutad"


class MeasureStatus(StrEnum):
    """Workflow of a measure (åtgärd)."""

    FORESLAGEN = "föreslagen"
    PLANERAD = "planerad"
    PAGAENDE = "pågående"
    GENOMFORD = "genomförd"
    AVSLUTAD = "avslutad"


#: The record kinds that have a status workflow, and their statuses (in workflow order).
STATUS_KINDS: dict[str, type[StrEnum]] = {
    "observation": ObservationStatus,
    "measure": MeasureStatus,
}


#: Who uses the system (DESIGN.md). Everyone but admin and analyst sees aggregates with small
#: counts suppressed, and no one below analyst sees sensitive categories as points.
ROLES = ("admin", "analyst", "field", "leadership", "public")
#: Roles that see every aggregate, however small.
FULL_DETAIL_ROLES = frozenset({"admin", "analyst"})


def check_role(role: str, lang: str | None = None) -> str:
    """``role`` (lower-cased) if it is one of :data:`ROLES`, else a one-line InputError."""
    from hotspots.errors import InputError
    from hotspots.i18n import t

    value = (role or "").strip().lower()
    if value not in ROLES:
        raise InputError(t("map.bad_role", lang, role=role, known=", ".join(ROLES)))
    return value
