"""``hotspots demo``: load the bundled demo data into a database."""

from __future__ import annotations

from hotspots.errors import HotspotsError
from hotspots.ingest.report import ImportReport
from hotspots.settings import Settings

__all__ = ["DEMO_FILES", "load_demo"]

#: (file under data/demo, source name, format, kommun for the outside-area check)
DEMO_FILES = (
    ("polisen_events_4_kommuner_with_body.jsonl", "polisen.se", "polisen", None),
    ("hoor_synthetic_incidents.csv", "demo-hoor-synthetic", "csv", "Höör"),
    ("hoor_synthetic_observations.csv", "demo-hoor-synthetic-walks", "csv", "Höör"),
)


def load_demo(store, settings: Settings, *, reset: bool = False) -> list[ImportReport]:
    """Import the demo files; refuse a database that already holds data unless ``reset``."""
    from hotspots.geocode.service import text_geocoder
    from hotspots.ingest.pipeline import import_file

    store.upgrade()
    counts = store.counts()
    if reset:
        store.clear()
    elif counts["incidents"] or counts["observations"]:
        from hotspots.i18n import t

        raise HotspotsError(t("demo.not_empty", settings.language,
                              url=store.engine.url.render_as_string(hide_password=True)))
    reports = []
    for name, source, fmt, kommun in DEMO_FILES:
        reports.append(import_file(
            settings.data_dir / "demo" / name, store=store, source=source, fmt=fmt,
            municipality=kommun, settings=settings,
            geocode_text=text_geocoder(store, settings),
        ))
    return reports
