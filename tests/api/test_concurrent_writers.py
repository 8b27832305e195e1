"""Concurrent writers lose nothing: field clients post observations while an import runs.

A real uvicorn server (one process, its thread pool) serves the database; 16 clients post
10 observations each while a 60,000-row file is imported through the upload endpoint. Then
every count reconciles: each observation that was answered 201 is stored exactly once, and
the import's report (stored + duplicates + rejected = rows) matches the incidents table.
SQLite needs WAL and a busy timeout for this (hotspots.store.db); PostgreSQL simply holds.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest

from hotspots.store.users import add_user_with_token

N_CLIENTS, PER_CLIENT, N_ROWS = 16, 10, 60_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _csv(path) -> None:
    lines = ["id;datum;tid;kategori;lat;lon"]
    for i in range(N_ROWS):
        lat = 55.90 + (i % 300) * 0.0002
        lon = 13.50 + (i // 300) * 0.0002
        lines.append(
            f"C{i};2026-10-{1 + i % 28:02d};{i % 24:02d}:00;Stöld;{lat:.6f};{lon:.6f}".replace(
                ".", ","
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def server(store, tmp_path):
    url = store.engine.url.render_as_string(hide_password=False)
    _, token = add_user_with_token(store, "skrivare", "analyst")
    port = _free_port()
    env = {**os.environ, "HOTSPOTS_DATABASE_URL": url, "HOTSPOTS_REQUEST_TIMEOUT_S": "600"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "api.main:create_app",
            "--factory",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=tmp_path,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("the server did not start")
    yield base, {"Authorization": f"Bearer {token}"}, store
    proc.terminate()
    proc.wait(timeout=30)


def test_observations_posted_during_an_import_are_all_stored(server, tmp_path):
    base, headers, store = server
    csv = tmp_path / "stort.csv"
    _csv(csv)
    result: dict = {}

    def run_import():
        with csv.open("rb") as fh:
            r = httpx.post(
                f"{base}/api/v1/imports",
                headers=headers,
                timeout=600,
                files={"file": ("stort.csv", fh, "text/csv")},
            )
        result["import"] = r
        result["import_done"] = time.perf_counter()

    statuses: list[int] = []
    started: list[float] = []
    lock = threading.Lock()

    def client(n: int):
        with httpx.Client(base_url=base, headers=headers, timeout=120) as http:
            for i in range(PER_CLIENT):
                body = {
                    "category": "belysning",
                    "lon": 13.54 + n * 1e-4,
                    "lat": 55.93 + i * 1e-4,
                    "occurred_at": "2026-11-20T19:00:00+01:00",
                    "description": f"klient {n} nr {i}",
                    "client_id": f"c{n}-{i}",
                }
                t0 = time.perf_counter()
                r = http.post("/api/v1/observations", json=body)
                with lock:
                    statuses.append(r.status_code)
                    started.append(t0)

    importer = threading.Thread(target=run_import)
    importer.start()
    time.sleep(0.5)  # let the import begin writing
    clients = [threading.Thread(target=client, args=(n,)) for n in range(N_CLIENTS)]
    for th in clients:
        th.start()
    for th in clients:
        th.join()
    importer.join()

    assert statuses.count(201) == N_CLIENTS * PER_CLIENT, sorted(set(statuses))
    # the writes really raced the import: many were sent before it finished
    assert sum(t < result["import_done"] for t in started) >= N_CLIENTS
    report = result["import"]
    assert report.status_code in (200, 201), report.text[:300]
    body = report.json()
    assert body["read"] == N_ROWS and body["balanced"]
    assert body["stored"] + body["duplicate"] + body["rejected"] == N_ROWS
    counts = store.counts()
    assert counts["incidents"] == body["stored"] == N_ROWS
    assert counts["observations"] == N_CLIENTS * PER_CLIENT
    stored = store.records("observation", columns=("description",))["description"]
    assert stored.nunique() == N_CLIENTS * PER_CLIENT  # each exactly once
