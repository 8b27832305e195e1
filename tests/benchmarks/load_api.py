"""Load test: mixed reads and writes against a running service over loopback.

Run: ``python tests/benchmarks/load_api.py [--clients 50] [--seconds 20] [--url URL]``.
Without ``--url`` it starts its own server (uvicorn, one process) on a free port with a fresh
SQLite database holding the Höör demo, a stored DBSCAN run and an analyst token. Each of the
``--clients`` concurrent clients loops for ``--seconds``, choosing by weight:

* 40 % the municipality's hotspot layer (OGC items of ``hotspots-dbscan``),
* 30 % walk observations in a bounding box (OGC items of ``observations``, limit 100),
* 20 % one page of incidents (``/api/v1/incidents?limit=100``),
* 10 % a new walk observation (``POST /api/v1/observations``).

``--think S`` makes each client wait S seconds between its requests (people, not a flood; 0
by default: a closed loop at full speed) and ``--workers N`` starts N server processes.

Printed: requests, throughput, p50/p95/p99 latency per kind and overall, the number of errors,
and the ratio of the hotspot layer's p95 to the 100 ms target. Afterwards the number of
observations in the database is checked against the writes that returned 201.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KINDS = (
    ("hotspot layer", 0.4),
    ("observations", 0.3),
    ("incidents", 0.2),
    ("new observation", 0.1),
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _prepare(db: Path) -> str:
    """Fill ``db`` with the demo and a DBSCAN run; return an analyst token."""
    os.environ["HOTSPOTS_DATABASE_URL"] = f"sqlite:///{db}"
    from hotspots.demo.loader import load_demo
    from hotspots.detect.cli import parse_week
    from hotspots.detect.run import run_detection
    from hotspots.settings import get_settings
    from hotspots.store import Store
    from hotspots.store.users import add_user, issue_token

    get_settings.cache_clear()
    store = Store.open()
    store.upgrade()
    load_demo(store, get_settings())
    start, _ = parse_week("2026-W44", "Europe/Stockholm")
    _, end = parse_week("2026-W47", "Europe/Stockholm")
    run_detection(store, method="dbscan", start=start, end=end)
    add_user(store, "last", "analyst")
    return issue_token(store, "last")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


async def _client(
    http, deadline: float, token: str, stats: dict, rng: random.Random, think: float
) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    kinds, weights = zip(*KINDS, strict=True)
    if think:
        await asyncio.sleep(rng.uniform(0, think))  # do not start in step
    while time.perf_counter() < deadline:
        kind = rng.choices(kinds, weights)[0]
        t0 = time.perf_counter()
        if kind == "hotspot layer":
            r = await http.get("/ogc/collections/hotspots-dbscan/items", headers=headers)
        elif kind == "observations":
            r = await http.get(
                "/ogc/collections/observations/items",
                params={"bbox": "13.52,55.92,13.57,55.95", "limit": 100},
                headers=headers,
            )
        elif kind == "incidents":
            r = await http.get("/api/v1/incidents", params={"limit": 100}, headers=headers)
        else:
            body = {
                "category": "belysning",
                "lon": 13.54 + rng.uniform(-0.01, 0.01),
                "lat": 55.93 + rng.uniform(-0.005, 0.005),
                "description": "lasttest",
                "occurred_at": "2026-11-20T19:00:00+01:00",
            }
            r = await http.post("/api/v1/observations", json=body, headers=headers)
        elapsed = time.perf_counter() - t0
        stats.setdefault(kind, []).append(elapsed)
        if r.status_code >= 400:
            stats.setdefault("errors", []).append(f"{kind}: {r.status_code} {r.text[:120]}")
        elif kind == "new observation" and r.status_code == 201:
            stats.setdefault("created", []).append(1)
        if think:
            await asyncio.sleep(rng.expovariate(1 / think))


async def _run(url: str, token: str, clients: int, seconds: float, think: float) -> dict:
    import httpx

    stats: dict = {}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
        deadline = time.perf_counter() + seconds
        await asyncio.gather(
            *(
                _client(http, deadline, token, stats, random.Random(i), think)
                for i in range(clients)
            )
        )
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--think", type=float, default=0.0, help="seconds between requests")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--url", help="a running service (then also give --token)")
    parser.add_argument("--token")
    args = parser.parse_args()
    server = None
    with tempfile.TemporaryDirectory() as tmp:
        if args.url:
            url, token = args.url, args.token or ""
        else:
            db = Path(tmp) / "load.db"
            token = _prepare(db)
            port = _free_port()
            env = {**os.environ, "HOTSPOTS_DATABASE_URL": f"sqlite:///{db}"}
            server = subprocess.Popen(
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
                    "--workers",
                    str(args.workers),
                ],
                env=env,
            )
            url = f"http://127.0.0.1:{port}"
            import httpx

            for _ in range(100):
                try:
                    if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
        try:
            t0 = time.perf_counter()
            stats = asyncio.run(_run(url, token, args.clients, args.seconds, args.think))
            wall = time.perf_counter() - t0
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=30)
        total = sum(len(stats.get(k, [])) for k, _ in KINDS)
        print(
            f"{args.clients} clients (think {args.think:g} s, {args.workers} server "
            f"process(es)), {wall:.1f} s: {total:,} requests, "
            f"{total / wall:.0f} requests/s, {len(stats.get('errors', []))} errors"
        )
        for kind, _ in KINDS:
            v = stats.get(kind, [])
            print(
                f"  {kind:16s} n={len(v):6d}  p50 {_pct(v, 0.5):6.1f} ms  "
                f"p95 {_pct(v, 0.95):6.1f} ms  p99 {_pct(v, 0.99):6.1f} ms"
            )
        everything = [x for k, _ in KINDS for x in stats.get(k, [])]
        print(
            f"  {'all':16s} n={len(everything):6d}  p50 {_pct(everything, 0.5):6.1f} ms  "
            f"p95 {_pct(everything, 0.95):6.1f} ms  p99 {_pct(everything, 0.99):6.1f} ms"
        )
        p95 = _pct(stats.get("hotspot layer", []), 0.95)
        print(f"hotspot layer p95 / 100 ms target = {p95 / 100:.2f}")
        for line in stats.get("errors", [])[:5]:
            print("  error:", line)
        if not args.url:
            from hotspots.store import Store

            store = Store.open(f"sqlite:///{db}")
            stored = int(
                (
                    store.records("observation", columns=("description",))["description"]
                    == "lasttest"
                ).sum()
            )
            created = len(stats.get("created", []))
            print(
                f"observations written: {created}, found in the database: {stored}"
                f" ({'all there' if stored == created else 'MISMATCH'})"
            )


if __name__ == "__main__":
    main()
