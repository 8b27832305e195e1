"""The field app's style, service worker, manifest and icons.

The service worker (``/falt/sw.js``, scope ``/falt``) keeps the app's files in a cache named
after their content, so the app opens without network; the pages are fetched from the
network first and from the cache when that fails. The API (``/api/...``) is never cached:
what the phone has not sent waits in IndexedDB (see :mod:`api.field.app_js`).
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from functools import lru_cache

__all__ = ["APP_CSS", "ASSET_PATHS", "icon_png", "manifest", "service_worker", "version"]

#: Files the service worker keeps (besides the pages it has shown).
ASSET_PATHS = (
    "/falt/app.js",
    "/falt/app.css",
    "/falt/leaflet.js",
    "/falt/leaflet.css",
    "/falt/icon-192.png",
    "/falt/icon-512.png",
)

APP_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,sans-serif;margin:0;font-size:17px;line-height:1.4;color:#111}
header{display:flex;gap:.5rem;align-items:center;justify-content:space-between;
  padding:.5rem .75rem;background:#1d4e89;color:#fff}
header h1{font-size:1.1rem;margin:0}
header a{color:#fff}
main{padding:.5rem .75rem 4rem;max-width:40rem;margin:0 auto}
.net{font-size:.8rem;padding:.1rem .5rem;border-radius:1rem;background:#fff;color:#111}
.net.off{background:#ffd7a8}
#waiting{padding:.4rem .6rem;border-radius:.3rem;margin:.5rem 0;background:#e8f3ea}
#waiting.waiting{background:#fff1d6}
#message:empty{display:none}
#message{padding:.4rem .6rem;margin:.5rem 0;border-radius:.3rem;background:#eef}
#message.error,#position.error{background:#fde2e1;color:#7a0b0b}
#message.ok{background:#e8f3ea}
#position{padding:.3rem .5rem;border-radius:.3rem;background:#f1f1f1;margin:.3rem 0}
#map{height:42vh;min-height:220px;border:1px solid #aaa;border-radius:.3rem;
  background:#e9ecef}
label{display:block;margin:.6rem 0 .2rem;font-weight:600}
input,select,textarea,button{font:inherit}
input[type=text],input[type=date],input[type=number],select,textarea{width:100%;
  padding:.5rem;border:1px solid #888;border-radius:.3rem}
fieldset{border:0;padding:0;margin:.6rem 0}
fieldset label{display:inline-block;font-weight:normal;margin-right:1rem}
button{padding:.6rem 1rem;border-radius:.3rem;border:1px solid #1d4e89;background:#fff;
  color:#1d4e89}
button[type=submit],#save-anyway{background:#1d4e89;color:#fff;width:100%;margin-top:.8rem}
button.link{border:0;background:none;padding:.3rem 0;text-decoration:underline;
  text-align:left}
#photo-list{display:flex;flex-wrap:wrap;gap:.4rem;margin-top:.4rem}
.thumb{position:relative}
.thumb img{width:84px;height:84px;object-fit:cover;border-radius:.3rem}
.thumb .remove{position:absolute;top:0;right:0;padding:0 .4rem;background:#fff}
#nearby{border:2px solid #b35c00;border-radius:.3rem;padding:.5rem;margin:.8rem 0;
  background:#fff8ee}
#obs-list{padding-left:1.1rem}
#obs-list li{margin:.4rem 0}
#obs-list li.wait small{color:#8a4b00}
#obs-list li.error{color:#7a0b0b}
.walk-head{display:flex;gap:.5rem;align-items:center;justify-content:space-between;
  flex-wrap:wrap}
"""

_SW = r"""
'use strict';
const CACHE = 'falt-__VERSION__';
const ASSETS = __ASSETS__;
self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(ASSETS);
    // the page too, when the browser is logged in (never a login page in its place)
    for (const page of ['/falt/', '/falt/?lang=en']) {
      try {
        const r = await fetch(page, {credentials: 'same-origin', redirect: 'manual'});
        if (r.ok && r.type === 'basic') await cache.put(page, r);
      } catch (e) { /* offline: the page is kept when it is next shown */ }
    }
    await self.skipWaiting();
  })());
});
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('falt-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});
function pageKey(url) {
  // /falt and /falt/ are the same page
  const path = url.pathname === '/falt' ? '/falt/' : url.pathname;
  return path + url.search;
}
self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) return;  // data is never cached
  if (ASSETS.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname, {cacheName: CACHE})
      .then((hit) => hit || fetch(req)));
    return;
  }
  if (req.mode === 'navigate') {
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      try {
        const r = await fetch(req);
        if (r.ok && r.type === 'basic' && !r.redirected && url.pathname.match(/^\/falt\/?$/)) {
          await cache.put(pageKey(url), r.clone());
        }
        return r;
      } catch (e) {
        const hit = (await cache.match(pageKey(url))) || (await cache.match('/falt/'));
        if (hit) return hit;
        throw e;
      }
    })());
  }
});
"""


@lru_cache(maxsize=1)
def version() -> str:
    """A short hash of everything the service worker caches: a new one replaces the cache."""
    from api.field.app_js import APP_JS
    from maps._assets import leaflet_assets

    assets = leaflet_assets()
    h = hashlib.sha256()
    for text in (APP_JS, APP_CSS, _SW, assets.js, assets.css, repr(ASSET_PATHS)):
        h.update(text.encode("utf-8"))
    return h.hexdigest()[:12]


def service_worker() -> str:
    """The service worker's script."""
    return _SW.replace("__VERSION__", version()).replace("__ASSETS__", json.dumps(ASSET_PATHS))


def manifest(name: str, short_name: str, lang: str) -> dict:
    """The web app manifest (installable: standalone, start URL, icons of 192 and 512 px)."""
    start = "/falt/?lang=en" if lang == "en" else "/falt/"
    return {
        "name": name,
        "short_name": short_name,
        "lang": lang,
        "id": "/falt/",
        "start_url": start,
        "scope": "/falt",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#ffffff",
        "theme_color": "#1d4e89",
        "icons": [
            {
                "src": f"/falt/icon-{n}.png",
                "sizes": f"{n}x{n}",
                "type": "image/png",
                "purpose": "any maskable",
            }
            for n in (192, 512)
        ],
    }


@lru_cache(maxsize=2)
def icon_png(size: int) -> bytes:
    """A square PNG icon: a white map pin on the app's blue, drawn without any image library."""
    blue, white = b"\x1d\x4e\x89", b"\xff\xff\xff"
    cx, cy, r = size / 2, size * 0.42, size * 0.2
    tip = size * 0.78
    rows = []
    for y in range(size):
        row = bytearray(b"\x00")
        for x in range(size):
            dx, dy = x + 0.5 - cx, y + 0.5 - cy
            d2 = dx * dx + dy * dy
            inside = d2 <= r * r
            if not inside and cy <= y + 0.5 <= tip:
                # the pin's point: a triangle from the circle's sides to the tip
                half = r * (tip - (y + 0.5)) / (tip - cy)
                inside = abs(dx) <= half
            hole = d2 <= (r * 0.42) ** 2
            row += white if inside and not hole else blue
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )
