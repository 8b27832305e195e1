"""Domain types shared by every stage of the pipeline."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
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
