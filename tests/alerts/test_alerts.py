"""Alerts on geographic deviation: planted deviation, quiet series, store, ack, sending."""

from __future__ import annotations

import json
import os
import socketserver
import subprocess
import sys
import threading
from datetime import timedelta
from email import message_from_bytes
from email.header import decode_header, make_header
from http.server import BaseHTTPRequestHandler, HTTPServer

import numpy as np
import pytest

from hotspots.alerts.check import check_deviations, last_complete_week, week_label
from hotspots.alerts.repo import ack_alert, list_alerts
from hotspots.alerts.send import send_alerts
from hotspots.errors import InputError, NotFoundError
from hotspots.settings import Settings
from hotspots.store import Store

from .synth import load, monday, series

WEEK = "2026-W47"
PLANTED = 45  # cell (5, 4) of a 10 x 10 grid


@pytest.fixture
def planted(store):
    """100 cells at ~2 incidents a week for 12 weeks; in week 47 one cell has 15."""
    load(store, series(np.full(100, 2.0), 13, WEEK, seed=1, planted={PLANTED: 15}))
    return store


def test_planted_deviation_is_found(planted):
    alerts = check_deviations(planted, week=WEEK)
    count = [a for a in alerts if a.kind == "count"]
    assert len(count) == 1
    (a,) = count
    assert a.area_key == "cell:500:817:12400"  # 406000/500 + 5, 6198000/500 + 4
    assert a.observed == 15
    assert 1.5 <= a.expected <= 2.5
    assert a.p_value < 1e-6 and a.q_value <= 0.05
    assert a.municipality == "Höör" and a.status == "ny" and a.id is not None
    assert a.geometry["type"] == "Polygon" and len(a.geometry["coordinates"][0]) == 5
    assert 13.4 < a.lon < 13.7 and 55.8 < a.lat < 56.0
    # named after the nearest locality, with direction and distance (700 m north-west)
    assert a.place == "Höör, 700 m NV"
    assert sum(c["n"] for c in a.categories) == 15 and len(a.categories) <= 3
    assert a.link.startswith("/karta?vecka=2026-W47&bbox=")
    x0, y0, x1, y1 = map(float, a.link.split("bbox=")[1].split(","))
    assert x0 < a.lon < x1 and y0 < a.lat < y1
    # the emerging-hotspot analysis sees it too: one cluster around the planted cell
    emerging = [a for a in alerts if a.kind == "emerging"]
    assert len(emerging) == 1 and emerging[0].observed >= 15
    assert emerging[0].detail["patterns"].keys() <= {"new_hot", "intensifying_hot"}


def test_rerun_does_not_duplicate_and_ack_keeps(planted):
    first = check_deviations(planted, week=WEEK)
    assert first and all(a.new for a in first)
    acked = ack_alert(planted, first[0].id, note="Beslut: extra patrull fre-lör", by="Anna")
    assert (acked.status, acked.acknowledged_by) == ("kvitterad", "Anna")
    assert acked.decision_note == "Beslut: extra patrull fre-lör" and acked.acknowledged_at
    again = check_deviations(planted, week=WEEK)
    assert [a.id for a in again] == [a.id for a in first] and not any(a.new for a in again)
    assert len(list_alerts(planted)) == len(first)
    assert [a.id for a in list_alerts(planted, status="kvitterad")] == [first[0].id]
    assert list_alerts(planted, week="2026-w47", status="ny") == list_alerts(planted, status="ny")
    assert list_alerts(planted, week="2026-W46") == []
    with pytest.raises(NotFoundError, match="ingen avvikelse med id 99999"):
        ack_alert(planted, 99999, note="x", by="a")
    with pytest.raises(InputError, match="beslutsanteckning"):
        ack_alert(planted, first[0].id, note="  ", by="a")
    with pytest.raises(InputError, match="status 'ok'"):
        list_alerts(planted, status="ok")


def test_bad_input_is_one_clear_line(sqlite_store):
    with pytest.raises(InputError, match="2026-W99"):
        check_deviations(sqlite_store, week="2026-W99")
    with pytest.raises(InputError, match="vecka"):
        check_deviations(sqlite_store, week="förra")
    with pytest.raises(InputError, match="weeks_history"):
        check_deviations(sqlite_store, week=WEEK, weeks_history=0)
    assert check_deviations(sqlite_store, week=WEEK) == []  # no data: no alert


def test_default_week_is_the_last_complete_one():
    from datetime import UTC, datetime

    assert last_complete_week(now=datetime(2026, 11, 22, 12, tzinfo=UTC)) == "2026-W46"
    assert last_complete_week(now=datetime(2026, 11, 23, 12, tzinfo=UTC)) == "2026-W47"


def test_quiet_series_alerts_in_few_weeks(sqlite_store):
    """A quiet Poisson series gives an alert in at most 10 % of weeks.

    400 cells with stationary rates from 0.2 to 3 a week (seeded), 32 weeks; each of the
    last 20 weeks is checked against its 12 weeks before, at alpha 0.05 with both kinds.
    Measured (``python tests/alerts/measure_quiet.py``, seeds 1-10, 200 weeks): a week had
    any alert in 8.0 % of weeks (16 of 200; 0-3 weeks of 20 per seed); all 16 had a count
    alert, one of them an emerging alert too. This seed: 1 week of 20.
    """
    rates = np.random.default_rng(1).uniform(0.2, 3.0, 400)
    load(sqlite_store, series(rates, 32, WEEK, seed=1))
    weeks_with_alert = 0
    for k in range(20):
        week = week_label(monday(WEEK) - timedelta(days=7 * k))
        weeks_with_alert += bool(check_deviations(sqlite_store, week=week, save=False))
    assert weeks_with_alert <= 2


# ----------------------------------------------------------------------------- sending
class _SMTPSink(socketserver.StreamRequestHandler):
    """Just enough SMTP to take one message: HELO/EHLO, MAIL, RCPT, DATA, QUIT."""

    def reply(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode())

    def handle(self) -> None:
        self.reply("220 sink")
        while line := self.rfile.readline():
            cmd = line.decode().strip().upper()
            if cmd.startswith(("EHLO", "HELO")):
                self.reply("250 sink")
            elif cmd.startswith("MAIL FROM"):
                self.server.mail = {"from": line.decode().strip(), "to": []}
                self.reply("250 OK")
            elif cmd.startswith("RCPT TO"):
                self.server.mail["to"].append(line.decode().strip()[8:])
                self.reply("250 OK")
            elif cmd == "DATA":
                self.reply("354 go ahead")
                data = b""
                while (chunk := self.rfile.readline()) != b".\r\n":
                    data += chunk
                self.server.mail["data"] = data
                self.server.messages.append(self.server.mail)
                self.reply("250 OK")
            elif cmd == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 OK")


@pytest.fixture
def smtp_sink():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPSink)
    server.daemon_threads = True
    server.messages = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def webhook():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers["Content-Type"], json.loads(body)))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):  # quiet
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.received = received
    yield server
    server.shutdown()
    server.server_close()


def test_send_by_email_and_webhook(sqlite_store, smtp_sink, webhook):
    load(sqlite_store, series(np.full(100, 2.0), 13, WEEK, seed=1, planted={PLANTED: 15}))
    alerts = check_deviations(sqlite_store, week=WEEK)
    settings = Settings(
        alert_webhook_url=f"http://127.0.0.1:{webhook.server_address[1]}/hook",
        smtp_host="127.0.0.1",
        smtp_port=smtp_sink.server_address[1],
        smtp_from="hotspots@hoor.se",
        alert_email_to="ledning@hoor.se, polis@example.se",
        alert_link_base="https://hotspots.hoor.se",
    )
    assert send_alerts(sqlite_store, alerts, settings) == {
        "webhook": len(alerts),
        "email": len(alerts),
    }
    ((ctype, body),) = webhook.received
    assert ctype.startswith("application/json")
    assert [a["area_key"] for a in body["alerts"]] == [a.area_key for a in alerts]
    assert body["alerts"][0]["observed"] == 15
    (mail,) = smtp_sink.messages
    assert mail["to"] == ["<ledning@hoor.se>", "<polis@example.se>"]
    msg = message_from_bytes(mail["data"])
    subject = str(make_header(decode_header(msg["Subject"])))
    assert subject == f"Geografisk avvikelse: {len(alerts)} nya larm vecka 2026-W47"
    text = msg.get_payload(decode=True).decode(msg.get_content_charset())
    assert "Observerat 15 händelser, väntat 1.9" in text
    assert "Var: Höör, kring 55.9" in text
    assert "Karta: https://hotspots.hoor.se/karta?vecka=2026-W47&bbox=" in text
    # sent once: a second send has nothing new
    stored = list_alerts(sqlite_store)
    assert all(a.sent_at for a in stored)
    assert send_alerts(sqlite_store, stored, settings) == {}
    assert len(webhook.received) == 1 and len(smtp_sink.messages) == 1


def test_failing_webhook_is_one_line(sqlite_store):
    from hotspots.errors import HotspotsError

    load(sqlite_store, series(np.full(100, 2.0), 13, WEEK, seed=1, planted={PLANTED: 15}))
    alerts = check_deviations(sqlite_store, week=WEEK)
    settings = Settings(alert_webhook_url="http://127.0.0.1:9/nothing")
    with pytest.raises(HotspotsError, match="kunde inte skicka larmen till webhooken"):
        send_alerts(sqlite_store, alerts, settings)
    assert not any(a.sent_at for a in list_alerts(sqlite_store))


# ------------------------------------------------------------------------ CLI and API
def _hotspots(db, *args, timeout: int = 120):
    """``hotspots ARGS`` in a subprocess on the SQLite file ``db``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTSPOTS_")}
    env.update(HOTSPOTS_DATABASE_URL=f"sqlite:///{db}", PYTHONUTF8="1", COLUMNS="250")
    return subprocess.run(
        [sys.executable, "-m", "hotspots.cli", *args],
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=timeout,
    )


def _cli(tmp_path, *args):
    return _hotspots(tmp_path / "cli.db", "alerts", *args)


def test_cli_round_trip(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'cli.db'}")
    store.upgrade()
    load(store, series(np.full(100, 2.0), 13, WEEK, seed=1, planted={PLANTED: 15}))
    p = _cli(tmp_path, "check", "--week", WEEK)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("2 avvikelser vecka 2026-W47 (2 nya)")
    assert "fler händelser än väntat" in p.stdout and "Höör" in p.stdout
    p = _cli(tmp_path, "check", "--week", WEEK, "--send")
    assert "(0 nya)" in p.stdout and "Inget skickat: ange HOTSPOTS_ALERT_WEBHOOK_URL" in p.stdout
    rows = json.loads(_cli(tmp_path, "list", "--json").stdout)
    assert len(rows) == 2 and {r["status"] for r in rows} == {"ny"}
    first = min(r["id"] for r in rows)
    p = _cli(tmp_path, "ack", str(first), "--note", "Beslut: trygghetsvandring", "--by", "Anna")
    assert p.returncode == 0 and p.stdout.strip() == f"Avvikelse {first} kvitterad av Anna."
    rows = json.loads(_cli(tmp_path, "list", "--status", "kvitterad", "--json").stdout)
    assert [(r["id"], r["decision_note"]) for r in rows] == [(first, "Beslut: trygghetsvandring")]
    assert "kvitterad: Beslut: trygghetsvandring" in _cli(tmp_path, "list").stdout
    p = _cli(tmp_path, "ack", "999", "--note", "x")
    assert p.returncode != 0 and p.stdout == ""
    assert len(p.stderr.strip().splitlines()) == 1 and "ingen avvikelse med id 999" in p.stderr
    p = _cli(tmp_path, "check", "--week", "2026-W60")
    assert p.returncode != 0 and len(p.stderr.strip().splitlines()) == 1
    assert "2026-W60" in p.stderr


def test_api_round_trip(settings):
    from fastapi.testclient import TestClient

    from api.auth import Principal, current_principal
    from api.main import create_app

    store = Store.open(settings.resolved_database_url)
    store.upgrade()
    load(store, series(np.full(100, 2.0), 13, WEEK, seed=1, planted={PLANTED: 15}))
    check_deviations(store, week=WEEK)
    app = create_app()
    app.dependency_overrides[current_principal] = lambda: Principal(1, "Lena", "leadership")
    with TestClient(app) as c:
        r = c.get("/api/v1/alerts", params={"week": WEEK, "status": "ny"})
        assert r.status_code == 200, r.text
        rows = r.json()
        assert len(rows) == 2 and rows[0]["observed"] == 15
        assert rows[0]["link"].startswith("/karta?vecka=2026-W47&bbox=")
        r = c.post(f"/api/v1/alerts/{rows[0]['id']}/ack", json={"note": "Beslut: extra patrull"})
        assert r.status_code == 200, r.text
        assert (r.json()["status"], r.json()["acknowledged_by"]) == ("kvitterad", "Lena")
        assert len(c.get("/api/v1/alerts", params={"status": "ny"}).json()) == 1
        assert c.post("/api/v1/alerts/9999/ack", json={"note": "x"}).status_code == 404
        assert c.post(f"/api/v1/alerts/{rows[0]['id']}/ack", json={}).status_code == 422
        assert c.get("/api/v1/alerts", params={"week": "vecka 47"}).status_code == 400
        assert c.get("/api/v1/alerts", params={"status": "ok"}).status_code == 400
    app.dependency_overrides[current_principal] = lambda: Principal(2, "f", "field")
    with TestClient(app) as c:
        assert c.get("/api/v1/alerts").status_code == 403


# ----------------------------------------------------------------------- real data
def test_real_police_events_per_kommun(sqlite_store, shared_data):
    """Skåne's polisen.se events (kommun precision) are tested per kommun; figures add up.

    Over the 156 weeks before the file's last one, 5 weeks have an alert (one kommun each,
    measured with ``check_deviations(..., emerging=False)`` week by week), among them
    Helsingborg in 2025-W05 (18 events against 7.5 expected).
    """
    import pandas as pd

    from hotspots.alerts.check import deviation_table
    from hotspots.ingest.pipeline import import_file

    path = shared_data / "polisen_events" / "skane_events_2022-09_2026-08.json"
    import_file(path, store=sqlite_store)
    df = sqlite_store.records("incident")
    coarse = df[~df["precision"].isin(["exact", "address", "street"])]  # kommun known
    last = df["occurred_from"].max().tz_convert("Europe/Stockholm")
    week = week_label(last - timedelta(days=7))  # the last complete week of the file
    table = deviation_table(sqlite_store, week=week)
    assert len(table) == coarse["municipality"].nunique() >= 30
    assert table["area_key"].str.startswith("kommun:").all()  # no point precision
    start = monday(week)
    t0, t1 = pd.Timestamp(start), pd.Timestamp(start + timedelta(days=7))
    h0 = pd.Timestamp(start - timedelta(days=84))
    for row in table.itertuples():
        mine = coarse[coarse["municipality"] == row.municipality]["occurred_from"]
        assert row.observed == ((mine >= t0) & (mine < t1)).sum()
        before = int(((mine >= h0) & (mine < t0)).sum())
        assert row.expected == pytest.approx((before + 1) / 13)
    biggest = table.sort_values("expected").iloc[-1]
    assert biggest["municipality"] == "Malmö" and biggest["expected"] > 5
    assert ((table["q_value"] >= table["p_value"]) & (table["q_value"] <= 1)).all()

    alerts = check_deviations(sqlite_store, week="2025-W05")
    hbg = [a for a in alerts if a.municipality == "Helsingborg"]
    assert len(hbg) == 1 and hbg[0].area_key == "kommun:Helsingborg"
    assert hbg[0].observed == 18 and hbg[0].expected == pytest.approx(7.538, abs=1e-3)
    assert hbg[0].q_value <= 0.05 and hbg[0].lon and hbg[0].link.startswith("/karta?vecka=")


# ------------------------------------------------------------------- after an import
def test_check_runs_after_an_upload_import(settings, monkeypatch):
    """An upload import checks the last complete week (here pinned to 2026-W47)."""
    from fastapi.testclient import TestClient

    from api.auth import Principal, current_principal
    from api.main import create_app
    from hotspots.alerts import check

    monkeypatch.setattr(check, "last_complete_week", lambda tz="", now=None: WEEK)
    store = Store.open(settings.resolved_database_url)
    store.upgrade()
    text, n = _series_csv(WEEK)
    app = create_app()
    app.dependency_overrides[current_principal] = lambda: Principal(1, "a", "analyst")
    with TestClient(app) as c:
        files = {"file": ("brott.csv", text.encode(), "text/csv")}
        r = c.post("/api/v1/imports", files=files)
        assert r.status_code == 201, r.text
        assert r.json()["stored"] == n
    alerts = list_alerts(store, week=WEEK)
    assert [a.observed for a in alerts if a.kind == "count"] == [15]


def test_check_after_import_never_raises(tmp_path):
    from hotspots.alerts.hook import after_import

    unmigrated = Store.open(f"sqlite:///{tmp_path / 'empty.db'}")
    assert after_import(unmigrated, Settings()) == -1


def _series_csv(week: str) -> tuple[str, int]:
    df = series(np.full(100, 2.0), 13, week, seed=1, planted={PLANTED: 15})
    local = df["occurred_from"].dt.tz_convert("Europe/Stockholm")
    lines = ["id;datum;tid;kategori;lat;lon"] + [
        f"{i};{t:%Y-%m-%d};{t:%H:%M};Skadegörelse;{str(round(la, 6)).replace('.', ',')};"
        f"{str(round(lo, 6)).replace('.', ',')}"
        for i, t, la, lo in zip(df["external_id"], local, df["lat"], df["lon"], strict=True)
    ]
    return "\n".join(lines), len(df)


def _import_cli(db, *args):
    return _hotspots(db, "import", *args, timeout=300)


def test_cli_import_checks_the_last_complete_week(tmp_path):
    """``hotspots import`` checks the last complete week (by the clock) like an upload does."""
    week = last_complete_week()
    text, n = _series_csv(week)
    csv = tmp_path / "brott.csv"
    csv.write_text(text, encoding="utf-8")
    p = _import_cli(tmp_path / "a.db", str(csv), "--json")
    assert p.returncode == 0, p.stderr
    report = json.loads(p.stdout)
    assert report["stored"] == n
    counts = [a for a in report["alerts"] if a["kind"] == "count"]
    assert [(a["week"], a["observed"]) for a in counts] == [(week, 15)]
    store = Store.open(f"sqlite:///{tmp_path / 'a.db'}")
    assert [a.observed for a in list_alerts(store, week=week) if a.kind == "count"] == [15]
    # the table form says so in one line; --no-alerts skips the check
    p = _import_cli(tmp_path / "b.db", str(csv))
    assert p.returncode == 0, p.stderr
    assert week in p.stdout and "hotspots alerts list" in p.stdout
    p = _import_cli(tmp_path / "c.db", str(csv), "--no-alerts", "--json")
    assert "alerts" not in json.loads(p.stdout)
    assert list_alerts(Store.open(f"sqlite:///{tmp_path / 'c.db'}")) == []
