"""The summary of one import: every row read is stored, a duplicate, or rejected."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from hotspots.ingest.raw import RowError

__all__ = ["ImportReport", "Duplicate"]

#: Rejections kept in memory for the summary; all of them are stored in the database.
MAX_LISTED = 1000


@dataclass(frozen=True)
class Duplicate:
    """A row that was not stored because its ``(source, external_id)`` already exists."""

    line: int
    external_id: str
    reason: str


@dataclass
class ImportReport:
    """Counts and per-row outcomes of an import.

    ``read == stored + duplicate + rejected`` always holds; ``review`` counts the stored
    rows whose location could not be found: they wait in the geocoding review queue.
    """

    file: str
    source: str
    format: str
    dry_run: bool = False
    batch_id: int | None = None
    encoding: str | None = None
    delimiter: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    read: int = 0
    stored: int = 0
    duplicate: int = 0
    rejected: int = 0
    review: int = 0
    incidents: int = 0
    observations: int = 0
    by_precision: dict[str, int] = field(default_factory=dict)
    unknown_categories: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    rejections: list[RowError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    rejections_not_listed: int = 0
    duplicates_not_listed: int = 0

    def add_rejections(self, errors: list[RowError]) -> None:
        """Count rejected rows and keep the first :data:`MAX_LISTED` for the summary."""
        self.rejected += len(errors)
        room = max(0, MAX_LISTED - len(self.rejections))
        self.rejections.extend(errors[:room])
        self.rejections_not_listed += max(0, len(errors) - room)

    def add_duplicates(self, dups: list[Duplicate]) -> None:
        """Count duplicate rows and keep the first :data:`MAX_LISTED` for the summary."""
        self.duplicate += len(dups)
        room = max(0, MAX_LISTED - len(self.duplicates))
        self.duplicates.extend(dups[:room])
        self.duplicates_not_listed += max(0, len(dups) - room)

    def warn(self, message: str) -> None:
        """Add a file-level note once."""
        if message not in self.warnings:
            self.warnings.append(message)

    @property
    def balanced(self) -> bool:
        """True when every row read is accounted for."""
        return self.read == self.stored + self.duplicate + self.rejected

    def as_dict(self) -> dict:
        """JSON-ready dict (``hotspots import --json``)."""
        d = asdict(self)
        d["rejections"] = [e.as_dict() for e in self.rejections]
        d["balanced"] = self.balanced
        return d
