"""PDF and PNG of an HTML page through headless Chromium.

Chromium prints with the page's print stylesheet (PDF) and takes screenshots (PNG). A
screenshot only covers the window, so a first pass reads the page's full height (the report
writes it to ``data-hs-height`` when loaded) and the second pass sizes the window to it.
No library does this offline without a browser; Chromium is the one Debian ships.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from hotspots.errors import InputError
from hotspots.i18n import t

__all__ = ["EXPORT_FORMATS", "find_chromium", "html_to_pdf", "html_to_png", "export_page"]

EXPORT_FORMATS = ("html", "pdf", "png")
_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Longest screenshot, pixels (Chromium refuses far larger windows).
MAX_HEIGHT = 16_000


def find_chromium() -> str:
    """The Chromium executable: ``HOTSPOTS_CHROMIUM``, else the first on the PATH."""
    exe = os.environ.get("HOTSPOTS_CHROMIUM") or next(
        (p for p in map(shutil.which, _NAMES) if p), None
    )
    if not exe:
        raise InputError(t("export.no_chromium", None))
    return exe


def _run(page: Path, *extra: str, width: int, height: int, offline: bool) -> str:
    with tempfile.TemporaryDirectory(prefix="hotspots-chromium-") as profile:
        args = [
            find_chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            "--virtual-time-budget=8000",
            "--hide-scrollbars",
        ]
        if offline:  # nothing may leave the machine: names resolve nowhere
            args += ["--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9"]
        done = subprocess.run(
            [*args, *extra, page.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    if done.returncode != 0:
        tail = (done.stderr or "").strip().splitlines()[-1:] or [str(done.returncode)]
        raise InputError(t("export.failed", None, detail=tail[0]))
    return done.stdout


def _page_height(page: Path, width: int, offline: bool) -> int:
    dom = _run(page, "--dump-dom", width=width, height=900, offline=offline)
    found = re.search(r'data-hs-height="(\d+)"', dom)
    return min(int(found.group(1)) if found else 2400, MAX_HEIGHT)


def html_to_pdf(page: Path, out: Path, *, offline: bool = False) -> Path:
    """Print ``page`` (an HTML file) to the PDF ``out`` with its print stylesheet."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _run(
        page,
        f"--print-to-pdf={out.resolve()}",
        "--no-pdf-header-footer",
        width=1240,
        height=1754,
        offline=offline,
    )
    if not out.is_file() or out.stat().st_size == 0:
        raise InputError(t("export.failed", None, detail=str(out)))
    return out


def html_to_png(page: Path, out: Path, *, width: int = 1240, offline: bool = False) -> Path:
    """A full-page screenshot of ``page`` as the PNG ``out``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    height = _page_height(page, width, offline)
    _run(page, f"--screenshot={out.resolve()}", width=width, height=height, offline=offline)
    if not out.is_file() or out.stat().st_size == 0:
        raise InputError(t("export.failed", None, detail=str(out)))
    return out


def export_page(html: str, out: Path, fmt: str | None = None, *, offline: bool = False) -> Path:
    """Write ``html`` to ``out`` as HTML, PDF or PNG (``fmt``, else from the file suffix)."""
    out = Path(out)
    fmt = (fmt or out.suffix.lstrip(".") or "html").lower()
    if fmt not in EXPORT_FORMATS:
        raise InputError(t("export.bad_format", None, value=fmt, formats=", ".join(EXPORT_FORMATS)))
    if fmt == "html":
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
        return out
    with tempfile.TemporaryDirectory(prefix="hotspots-page-") as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html, encoding="utf-8")
        return (html_to_pdf if fmt == "pdf" else html_to_png)(page, out, offline=offline)
