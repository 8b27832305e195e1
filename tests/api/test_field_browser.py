"""The field app in a real headless Chromium against a real server, with the network cut.

A uvicorn process serves a fresh SQLite file with one field user; Chromium (``/usr/bin/chromium``
or ``HOTSPOTS_CHROMIUM``) is driven over the DevTools protocol with ``websocket-client``. The
test logs in (session cookie), opens ``/falt``, starts a walk, cuts the network (for the page
and its service worker), reloads the page from the service worker's cache, adds an
observation with a GPS position and a photo, checks that it waits on the phone and not on the
server, restores the network, and then finds exactly that observation with exactly one photo
on the server.

Without Chromium the test skips with the reason, unless ``HOTSPOTS_TEST_REQUIRE_BROWSER=1``
(CI) turns the skip into a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import time
import urllib.request
import zlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
#: Where the test puts the walker (Höör centrum) and how sure the "GPS" is (metres).
LAT, LON, ACCURACY = 55.93621, 13.54132, 8.0


def _chromium() -> str:
    candidates = (
        os.environ.get("HOTSPOTS_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    )
    exe = next((p for p in candidates if p and os.path.exists(p)), None)
    try:
        import websocket  # noqa: F401
    except ImportError:
        exe, why = None, "the websocket-client package is not installed"
    else:
        why = "no Chromium: install Debian's chromium or set HOTSPOTS_CHROMIUM"
    if not exe:
        if os.environ.get("HOTSPOTS_TEST_REQUIRE_BROWSER", "") not in ("", "0", "false"):
            pytest.fail(why)
        pytest.skip(why)
    return exe


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(what: str, check, timeout: float = 30.0, every: float = 0.2):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(every)


def _png(width: int, height: int) -> bytes:
    """A PNG larger than the app keeps (it must come to the server as a JPEG of 1600 px)."""
    gradient = bytes(v for x in range(width) for v in (x * 255 // width, 90, 160))
    rows = b"".join(b"\x00" + gradient for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 6))
        + chunk(b"IEND", b"")
    )


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from a JPEG's start-of-frame marker."""
    i = 2
    while i < len(data):
        marker, length = data[i + 1], int.from_bytes(data[i + 2 : i + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", data[i + 5 : i + 9])
            return w, h
        i += 2 + length
    raise AssertionError("no frame in the JPEG")


class DevTools:
    """A minimal DevTools protocol client over one websocket (flat sessions)."""

    def __init__(self, url: str):
        import websocket

        self.ws = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        while True:
            answer = json.loads(self.ws.recv())
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise AssertionError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def js(self, session: str, expression: str):
        """The value of ``expression`` in the page (promises awaited)."""
        r = self.send(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
            session,
        )
        if "exceptionDetails" in r:
            raise AssertionError(f"{expression}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def close(self) -> None:
        self.ws.close()


@pytest.fixture
def server(tmp_path):
    from hotspots.store import Store
    from hotspots.store.users import add_user_with_token

    url = f"sqlite:///{tmp_path / 'field.db'}"
    store = Store.open(url)
    store.upgrade()
    _, token = add_user_with_token(store, "faltare", "field")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTSPOTS_")}
    env["HOTSPOTS_DATABASE_URL"] = url
    log_path = tmp_path / "server.log"
    log = open(log_path, "w+b")  # noqa: SIM115 - closed at teardown
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "api.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        if proc.poll() is not None:
            pytest.fail(f"the server stopped: {log_path.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(base + "/health", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    try:
        _wait("the server", up, timeout=60)
        yield base, token, store, log_path
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture
def browser(tmp_path):
    exe = _chromium()
    profile = tmp_path / "chromium"
    proc = subprocess.Popen(
        [
            exe,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    active = profile / "DevToolsActivePort"
    try:

        def ready() -> bool:
            if proc.poll() is not None:
                pytest.fail(f"Chromium stopped at once (exit {proc.returncode})")
            return active.exists() and len(active.read_text().splitlines()) >= 2

        _wait("Chromium's DevToolsActivePort", ready, timeout=60)
        port, path = active.read_text().splitlines()[:2]
        tools = DevTools(f"ws://127.0.0.1:{port}{path}")
        try:
            yield tools
        finally:
            tools.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _offline(tools: DevTools, sessions: list[str], offline: bool) -> None:
    conditions = {
        "offline": offline,
        "latency": 0,
        "downloadThroughput": -1,
        "uploadThroughput": -1,
    }
    for s in sessions:
        tools.send("Network.emulateNetworkConditions", conditions, s)


def _worker_sessions(tools: DevTools, base: str) -> list[str]:
    """Sessions on the app's service worker(s): the network is cut there too."""
    sessions = []
    for target in tools.send("Target.getTargets")["targetInfos"]:
        if target["type"] == "service_worker" and target["url"].startswith(base):
            s = tools.send(
                "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}
            )["sessionId"]
            tools.send("Network.enable", {}, s)
            sessions.append(s)
    return sessions


def _server_observations(store) -> list[dict]:
    from hotspots.store import records

    return records.list_records(store, "observation", limit=100).items


def test_an_observation_made_offline_arrives_once_with_its_photo(server, browser, tmp_path):
    from hotspots.store import records

    base, token, store, log_path = server
    tools = browser
    photo = tmp_path / "kamera.png"
    photo.write_bytes(_png(2000, 1200))

    # --- a phone: GPS allowed and placed, logged in as the field user
    tools.send("Browser.grantPermissions", {"origin": base, "permissions": ["geolocation"]})
    target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    page = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Network", "DOM"):
        tools.send(f"{domain}.enable", {}, page)
    tools.send(
        "Emulation.setGeolocationOverride",
        {"latitude": LAT, "longitude": LON, "accuracy": ACCURACY},
        page,
    )
    tools.send(
        "Network.setCookie",
        {
            "name": "hotspots_session",
            "value": token,
            "url": base,
            "httpOnly": True,
            "sameSite": "Lax",
        },
        page,
    )

    def js(expression: str):
        return tools.js(page, expression)

    def open_app() -> None:
        tools.send("Page.navigate", {"url": base + "/falt?basemap=none"}, page)
        _wait(
            "the app",
            lambda: js(
                "document.readyState === 'complete' && !!document.getElementById('walk-form')"
            ),
        )

    # --- open the app and wait until its service worker has the page
    open_app()
    assert js("document.documentElement.lang") == "sv"
    assert js("window.isSecureContext")  # localhost: service worker and GPS allowed
    js("navigator.serviceWorker.ready.then(() => true)")
    _wait(
        "the page in the service worker's cache",
        lambda: js("caches.match('/falt/').then(r => !!r)"),
    )
    open_app()  # now under the service worker: it keeps this address too
    _wait(
        "the service worker to control the page", lambda: js("!!navigator.serviceWorker.controller")
    )
    _wait("the page in the cache", lambda: js("caches.match('/falt/?basemap=none').then(r => !!r)"))

    # installable: Chromium finds nothing missing in the manifest, icons or service worker
    manifest = tools.send("Page.getAppManifest", {}, page)
    assert manifest["url"].endswith("/falt/manifest.webmanifest") and not manifest["errors"]
    errors = tools.send("Page.getInstallabilityErrors", {}, page)["installabilityErrors"]
    assert errors == [], errors

    # --- start a walk (online)
    js("""document.getElementById('walk-area').value = 'Höör centrum';
          document.getElementById('walk-participants').value = '6';
          document.getElementById('walk-form').requestSubmit(); true""")
    _wait("the walk view", lambda: js("!document.getElementById('walk-view').hidden"))
    walk = _wait(
        "the walk on the server",
        lambda: records.list_walks(store).items and records.list_walks(store).items[0],
    )
    assert walk["area"] == "Höör centrum" and walk["participants"] == 6

    # --- cut the network, for the page and for its service worker
    workers = _worker_sessions(tools, base)
    _offline(tools, [page, *workers], True)
    _wait("the page to see it is offline", lambda: js("navigator.onLine === false"))
    assert js("fetch('/health').then(() => 'reached', () => 'failed')") == "failed"

    # --- reload while offline: the service worker serves the page from its cache
    seen = log_path.read_bytes().count(b"GET /falt")
    open_app()
    assert log_path.read_bytes().count(b"GET /falt") == seen, "the page came from the server"
    _wait(
        "the walk restored from IndexedDB",
        lambda: js("!document.getElementById('walk-view').hidden"),
    )
    assert "Höör centrum" in js("document.getElementById('walk-title').textContent")
    assert js("navigator.onLine") is False

    # --- an observation with GPS position, checklist item, note and a photo
    _wait(
        "a GPS position", lambda: js("document.getElementById('position').dataset.source") == "gps"
    )
    assert "± 8 m" in js("document.getElementById('position').textContent")
    js("""document.getElementById('item').value = 'belysning_trasig';
          document.querySelector('input[name=severity][value="3"]').checked = true;
          document.getElementById('note').value = 'Lampan vid gångtunneln är trasig'; true""")
    root = tools.send("DOM.getDocument", {}, page)["root"]["nodeId"]
    node = tools.send("DOM.querySelector", {"nodeId": root, "selector": "#photos"}, page)
    tools.send("DOM.setFileInputFiles", {"files": [str(photo)], "nodeId": node["nodeId"]}, page)
    _wait(
        "the photo, resized",
        lambda: js("document.getElementById('photo-list').dataset.count") == "1",
    )
    js("document.getElementById('obs-form').requestSubmit(); true")
    _wait(
        "one observation waiting",
        lambda: js("document.getElementById('waiting').dataset.observations") == "1",
    )
    assert js("document.getElementById('waiting').dataset.photos") == "1"
    assert "Väntar på att skickas: 1 observationer, 1 foton" in js(
        "document.getElementById('waiting').textContent"
    )
    assert "Sparad på telefonen" in js("document.getElementById('message').textContent")
    # a retry while offline sends nothing
    js("new Promise(r => setTimeout(() => r(true), 1500))")
    assert _server_observations(store) == []
    assert js("document.getElementById('waiting').dataset.observations") == "1"

    # --- the network is back: everything is sent, once
    _offline(tools, [page, *workers], False)
    _wait(
        "nothing waiting",
        lambda: js(
            "document.getElementById('waiting').dataset.observations === '0' && "
            "document.getElementById('waiting').dataset.photos === '0'"
        ),
        timeout=60,
    )
    assert js("document.getElementById('waiting').dataset.failed") == "0"
    (obs,) = _server_observations(store)
    assert obs["walk_id"] == walk["id"]
    assert obs["category"] == "belysning" and obs["severity"] == 3
    assert obs["accuracy_m"] == pytest.approx(ACCURACY)
    assert abs(obs["lat"] - LAT) * 111_320 < 3 and abs(obs["lon"] - LON) * 62_500 < 3
    assert "Lampan vid gångtunneln är trasig" in obs["description"]
    assert obs["client_id"] and obs["precision"] == "exact"
    detail = records.get_observation(store, obs["id"])
    (stored_photo,) = detail["photos"]
    assert stored_photo["content_type"] == "image/jpeg"
    data = records.get_photo(store, stored_photo["id"])["data"]
    assert _jpeg_size(data) == (1600, 960)

    # --- more sync rounds change nothing (each item exactly once)
    js(
        "window.dispatchEvent(new Event('online')); "
        "new Promise(r => setTimeout(() => r(true), 1500))"
    )
    assert len(_server_observations(store)) == 1
    assert len(records.get_observation(store, obs["id"])["photos"]) == 1

    # --- the same thing again at the same place: the open one is shown before saving
    js("""document.getElementById('item').value = 'belysning_saknas';
          document.getElementById('obs-form').requestSubmit(); true""")
    _wait("the nearby observation", lambda: js("!document.getElementById('nearby').hidden"))
    assert "Lampan vid gångtunneln" in js("document.getElementById('nearby-list').textContent")
    js("document.getElementById('cancel-save').click(); true")
    assert js("document.getElementById('nearby').hidden")
    assert len(_server_observations(store)) == 1

    # --- an inaccurate GPS fix is not used: the page says so and a tap on the map places it
    tools.send(
        "Emulation.setGeolocationOverride",
        {"latitude": LAT, "longitude": LON, "accuracy": 200},
        page,
    )
    _wait(
        "the inaccurate position",
        lambda: "± 200 m" in js("document.getElementById('position').textContent"),
    )
    js("""document.getElementById('item').value = 'kansla_otrygg';
          document.getElementById('obs-form').requestSubmit(); true""")
    assert "tryck på kartan" in js("document.getElementById('message').textContent")
    box = js("""(() => { const m = document.getElementById('map'); m.scrollIntoView();
              const r = m.getBoundingClientRect();
              return [r.left + r.width / 2, r.top + r.height / 2]; })()""")
    for kind in ("mousePressed", "mouseReleased"):
        tools.send(
            "Input.dispatchMouseEvent",
            {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1},
            page,
        )
    _wait(
        "the position from the map",
        lambda: js("document.getElementById('position').dataset.source") == "map",
    )
    js("document.getElementById('obs-form').requestSubmit(); true")
    _wait("the second observation on the server", lambda: len(_server_observations(store)) == 2)
    second = _server_observations(store)[1]
    assert second["category"] == "otrygg_plats" and second["accuracy_m"] is None
    assert abs(second["lat"] - LAT) * 111_320 < 100 and abs(second["lon"] - LON) * 62_500 < 100

    # --- the walk's summary shows it with its photo
    tools.send("Page.navigate", {"url": f"{base}/falt/vandring/{walk['id']}"}, page)
    _wait(
        "the summary",
        lambda: js(
            "document.readyState === 'complete' && "
            "document.querySelectorAll('tr[data-id]').length === 2"
        ),
    )
    _wait(
        "the thumbnail",
        lambda: js("Array.from(document.images).some(i => i.complete && i.naturalWidth === 1600)"),
    )
