"""Leaflet and Leaflet.markercluster from installed packages, ready to inline in one page.

The files come from the XStatic packages (``XStatic-Leaflet``, ``XStatic-Leaflet-MarkerCluster``)
that pip installs with the project: no CDN, so a map opens on a municipal network that blocks
them and leaks no visitor to a third party (DESIGN.md, "Maps work offline").
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from pathlib import Path

__all__ = ["Assets", "leaflet_assets"]


class Assets:
    """The inline texts of a map page: ``css`` and ``js``, plus the library versions."""

    def __init__(self, css: str, js: str, versions: dict[str, str]):
        self.css = css
        self.js = js
        self.versions = versions


def _data_dir(module: str) -> tuple[Path, str]:
    import importlib

    mod = importlib.import_module(f"xstatic.pkg.{module}")
    return Path(mod.BASE_DIR), mod.VERSION


def _inline_urls(css: str, base: Path) -> str:
    """Replace ``url(images/x.png)`` with data URIs: the page must not load anything."""

    def repl(m: re.Match) -> str:
        ref = m.group(1).strip("'\"")
        path = base / ref
        if ref.startswith(("data:", "#")) or not path.is_file():
            return m.group(0)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\(([^)]*)\)", repl, css)


def _script_safe(text: str) -> str:
    # A library text must not close the <script>/<style> element it is inlined in.
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)


@lru_cache(maxsize=1)
def leaflet_assets() -> Assets:
    """Leaflet's and Leaflet.markercluster's CSS and JavaScript, read from the installed packages.

    Raises
    ------
    ModuleNotFoundError
        If the XStatic packages are not installed (they are dependencies of the project).
    """
    leaflet, leaflet_version = _data_dir("leaflet")
    cluster, cluster_version = _data_dir("leaflet_markercluster")
    css = "\n".join(
        [
            _inline_urls((leaflet / "leaflet.css").read_text("utf-8"), leaflet),
            (cluster / "MarkerCluster.css").read_text("utf-8"),
            (cluster / "MarkerCluster.Default.css").read_text("utf-8"),
        ]
    )
    # Source-map comments would make developer tools fetch a file: drop them.
    js = "\n".join(
        re.sub(r"//# sourceMappingURL=\S+", "", (d / name).read_text("utf-8"))
        for d, name in ((leaflet, "leaflet.js"), (cluster, "leaflet.markercluster.js"))
    )
    return Assets(
        _script_safe(css),
        _script_safe(js),
        {"leaflet": leaflet_version, "leaflet.markercluster": cluster_version},
    )
