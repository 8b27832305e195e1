"""Where the project's bundled data lives."""

from __future__ import annotations

from pathlib import Path

#: The repository's ``data/`` folder (category catalogue, mappings, boundaries, demo data).
#: The project is installed editable (``pip install -e .``), so ``data/`` sits beside the
#: packages; ``HOTSPOTS_DATA_DIR`` overrides it through :class:`hotspots.settings.Settings`.
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
