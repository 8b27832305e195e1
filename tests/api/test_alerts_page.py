"""The alerts page /larm: leadership reads the deviations and acknowledges them with a decision."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from hotspots.alerts.check import Alert, check_deviations
from hotspots.alerts.repo import list_alerts, save_alerts
from hotspots.store import Store
from hotspots.store.users import add_user_with_token

# the built series of the alert tests (tests/alerts/synth.py); tests/ is not a package
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from alerts.synth import load, series  # noqa: E402

WEEK = "2026-W47"
PLANTED = 45


@pytest.fixture
def page(settings):
    """A store with the planted alert of the alert tests and a small one; tokens by role."""
    store = Store.open(settings.resolved_database_url)
    store.upgrade()
    load(store, series(np.full(100, 2.0), 13, WEEK, seed=1, planted={PLANTED: 15}))
    planted = [a for a in check_deviations(store, week=WEEK) if a.kind == "count"]
    small = save_alerts(
        store,
        [
            Alert(
                kind="count",
                week=WEEK,
                area_key="cell:500:1:1",
                observed=4,
                expected=0.4,
                p_value=0.001,
                lon=13.5,
                lat=55.9,
                municipality="Höör",
                categories=[
                    {"category": "vald_nara_relation", "n": 3},
                    {"category": "skadegorelse", "n": 1},
                ],
                link="/karta?vecka=2026-W47",
            )
        ],
    )
    tokens = {r: add_user_with_token(store, f"u-{r}", r)[1] for r in ("leadership", "analyst")}
    with TestClient(create_app()) as client:
        yield client, store, tokens, planted[0], small[0]


def _as(tokens, role):
    return {"Authorization": f"Bearer {tokens[role]}"}


def test_leadership_sees_the_new_alerts_and_acknowledges_one(page):
    client, store, tokens, planted, small = page
    r = client.get("/larm", headers=_as(tokens, "leadership"))
    assert r.status_code == 200
    html = r.text
    assert "Geografiska avvikelser" in html
    row = re.search(rf'<tr id="larm-{planted.id}">(.*?)</tr>', html, re.S).group(1)
    assert ">15<" in row and WEEK in row and f'action="/larm/{planted.id}/kvittera"' in row
    assert "/karta?" in row  # the map link

    note = "Beslut: trygghetsvandring <script>alert(1)</script>"
    r = client.post(f"/larm/{planted.id}/kvittera", data={"note": note},
                    headers=_as(tokens, "leadership"), follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/larm"
    (stored,) = [a for a in list_alerts(store) if a.id == planted.id]
    assert (stored.status, stored.decision_note, stored.acknowledged_by) == (
        "kvitterad", note, "u-leadership")

    new_only = client.get("/larm", headers=_as(tokens, "leadership")).text
    assert f'id="larm-{planted.id}"' not in new_only and f'id="larm-{small.id}"' in new_only
    acked = client.get("/larm?status=kvitterade", headers=_as(tokens, "leadership")).text
    assert f'id="larm-{planted.id}"' in acked and f'id="larm-{small.id}"' not in acked
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in acked and "<script>alert" not in acked
    assert "kvitterad av u-leadership" in acked


def test_small_counts_and_sensitive_categories_by_role(page):
    client, _, tokens, _, small = page
    rows = {}
    for role in ("leadership", "analyst"):
        html = client.get("/larm", headers=_as(tokens, role)).text
        rows[role] = re.search(rf'<tr id="larm-{small.id}">(.*?)</tr>', html, re.S).group(1)
    assert "&lt; 5" in rows["leadership"] and ">4<" not in rows["leadership"]
    assert ">4<" in rows["analyst"]
    for row in rows.values():  # the sensitive category is never named, the other one is
        assert "Skadegörelse" in row and "relation" not in row.lower()


def test_bad_input_and_other_sites(page):
    client, store, tokens, planted, _ = page
    lead = _as(tokens, "leadership")
    r = client.get("/larm?status=gamla", headers=lead)
    assert r.status_code == 400 and "gamla" in r.text
    r = client.post(f"/larm/{planted.id}/kvittera", data={"note": "  "}, headers=lead)
    assert r.status_code == 400 and "beslut" in r.text.lower()
    r = client.post("/larm/99999/kvittera", data={"note": "x"}, headers=lead)
    assert r.status_code == 404
    r = client.post(f"/larm/{planted.id}/kvittera", data={"note": "x"},
                    headers={**lead, "Origin": "https://evil.example"})
    assert r.status_code == 403
    assert all(a.status == "ny" for a in list_alerts(store))


def test_anonymous_goes_to_login_and_english_is_there(page):
    client, _, tokens, planted, _ = page
    r = client.get("/larm?status=alla", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/logga-in?next=/larm%3Fstatus%3Dalla"
    r = client.post(f"/larm/{planted.id}/kvittera", data={"note": "x"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/logga-in?next=/larm"
    html = client.get("/larm?lang=en", headers=_as(tokens, "analyst")).text
    assert "Geographic deviations" in html and "Acknowledge" in html
