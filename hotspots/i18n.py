"""The message catalogue: every text a user reads, in Swedish (default) and English."""

from __future__ import annotations

__all__ = ["t", "MESSAGES", "LANGUAGES"]

LANGUAGES = ("sv", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "error": {"sv": "fel", "en": "error"},
    "summary.title": {"sv": "Import av {file}", "en": "Import of {file}"},
    "summary.dry_run": {
        "sv": "provkörning: ingenting sparades",
        "en": "dry run: nothing was saved",
    },
    "summary.read": {"sv": "lästa rader", "en": "rows read"},
    "summary.stored": {"sv": "sparade", "en": "stored"},
    "summary.incidents": {"sv": "  varav händelser", "en": "  incidents"},
    "summary.observations": {"sv": "  varav observationer", "en": "  observations"},
    "summary.duplicate": {"sv": "dubbletter", "en": "duplicates"},
    "summary.rejected": {"sv": "avvisade", "en": "rejected"},
    "summary.review": {
        "sv": "väntar på geokodning (granskningskö)",
        "en": "waiting for geocoding review",
    },
    "summary.precision": {"sv": "precision", "en": "precision"},
    "summary.notes": {"sv": "Att notera", "en": "Notes"},
    "summary.rejections": {"sv": "Avvisade rader", "en": "Rejected rows"},
    "summary.more": {
        "sv": "... och {n} till (alla finns i databasen, import {batch})",
        "en": "... and {n} more (all are in the database, import {batch})",
    },
    "summary.source": {"sv": "källa", "en": "source"},
    "summary.format": {"sv": "format", "en": "format"},
    "summary.encoding": {"sv": "teckenkodning", "en": "encoding"},
    "col.line": {"sv": "rad", "en": "line"},
    "col.field": {"sv": "fält", "en": "field"},
    "col.reason": {"sv": "orsak", "en": "reason"},
    "col.value": {"sv": "värde", "en": "value"},
    "stats.title": {"sv": "Innehåll i databasen", "en": "Database contents"},
    "stats.by_category": {"sv": "per kategori", "en": "by category"},
    "stats.by_precision": {"sv": "per precision", "en": "by precision"},
    "stats.by_week": {"sv": "per vecka", "en": "by week"},
    "kind.incident": {"sv": "Händelser", "en": "Incidents"},
    "kind.observation": {"sv": "Observationer", "en": "Observations"},
    "review.empty": {"sv": "Granskningskön är tom.", "en": "The review queue is empty."},
    "review.title": {
        "sv": "Granskningskö: {n} poster utan säker plats",
        "en": "Review queue: {n} records without a reliable location",
    },
    "review.set": {
        "sv": "{kind} {id} har fått en plats ({precision}).",
        "en": "{kind} {id} now has a location ({precision}).",
    },
    "geocode.done": {
        "sv": "Geokodade {ok} av {n} poster i kön; {left} väntar fortfarande.",
        "en": "Geocoded {ok} of {n} queued records; {left} still wait.",
    },
    "gazetteer.done": {
        "sv": "Ortregister: {stored} poster sparade, {dup} fanns redan, {rej} avvisade.",
        "en": "Gazetteer: {stored} entries stored, {dup} already there, {rej} rejected.",
    },
    "db.upgraded": {"sv": "Databasen är uppdaterad: {url}", "en": "Database is up to date: {url}"},
    "demo.loaded": {"sv": "Demodata inläst i {url}", "en": "Demo data loaded into {url}"},
    "demo.not_empty": {
        "sv": "databasen {url} innehåller redan data; använd --reset för att börja om",
        "en": "database {url} already holds data; use --reset to start over",
    },
    "serve.open": {"sv": "Tjänsten körs: öppna {url}", "en": "Service running: open {url}"},
    "precision.exact": {"sv": "exakt", "en": "exact"},
    "precision.address": {"sv": "adress", "en": "address"},
    "precision.street": {"sv": "gata", "en": "street"},
    "precision.locality": {"sv": "ort", "en": "locality"},
    "precision.municipality": {"sv": "kommun", "en": "municipality"},
    "precision.failed": {"sv": "saknas", "en": "failed"},
}


def t(key: str, language: str = "sv", **values: object) -> str:
    """The message ``key`` in ``language`` with ``values`` filled in."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(language) or entry["sv"]
    return text.format(**values) if values else text
