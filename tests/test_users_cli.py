"""``hotspots users`` through typer's CliRunner, and one real command for the one-line error."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from hotspots.cli import app
from hotspots.errors import InputError, NotFoundError
from hotspots.settings import get_settings
from hotspots.store import Store
from hotspots.store.users import principal_for_token, write_audit


def run(line: str):
    return CliRunner().invoke(app, shlex.split(line))


def ok(line: str):
    result = run(line)
    assert result.exit_code == 0, (line, result.output, result.exception)
    return result


@pytest.fixture
def db(monkeypatch):
    from hotspots import users_cli

    monkeypatch.setattr(users_cli.out, "_width", 250)  # whole table rows, no wrapping
    ok("db upgrade")
    return Store.open(get_settings().resolved_database_url)


def _token(stdout: str) -> str:
    (line,) = [x for x in stdout.splitlines() if x.startswith("API-nyckel: ")]
    return line.removeprefix("API-nyckel: ").strip()


def test_add_token_list_revoke_round_trip(db):
    added = ok("users add anna --role analyst --label QGIS")
    assert added.stdout.splitlines()[0] == "användaren anna (analyst) är tillagd"
    assert "sparas inte" in added.output  # the note that the token is not stored
    first = _token(added.stdout)
    assert principal_for_token(db, first).role == "analyst"

    second = _token(ok("users token anna --label surfplatta").stdout)
    assert second != first and principal_for_token(db, second).name == "anna"
    made = json.loads(ok("users add bo --role field --json").stdout)
    assert (made["name"], made["role"]) == ("bo", "field")
    assert principal_for_token(db, made["token"]).id == made["id"]

    users = json.loads(ok("users list --json").stdout)
    assert [(u["name"], u["role"], u["tokens"]) for u in users] == [
        ("anna", "analyst", 2),
        ("bo", "field", 1),
    ]
    table = ok("users list").stdout
    assert "2 användare" in table and "anna" in table and "analyst" in table

    tokens = json.loads(ok("users list --tokens --json").stdout)
    assert [(t["user"], t["label"]) for t in tokens] == [
        ("anna", "QGIS"),
        ("anna", "surfplatta"),
        ("bo", None),
    ]
    assert "token" not in tokens[0] and "token_hash" not in tokens[0]
    assert ok(f"users revoke anna --token {tokens[0]['id']}").stdout.strip() == (
        f"API-nyckel {tokens[0]['id']} är återkallad"
    )
    assert principal_for_token(db, first) is None
    assert principal_for_token(db, second) is not None

    assert ok("users revoke anna").stdout.strip() == (
        "användaren anna är spärrad; 1 API-nyckel återkallad"
    )
    assert principal_for_token(db, second) is None
    (anna, _) = json.loads(ok("users list --json").stdout)
    assert anna["revoked_at"] is not None and anna["tokens"] == 0


def test_audit_lists_the_latest_entries(db):
    assert ok("users audit").stdout.strip() == "granskningsloggen har inga händelser"
    for action in ("login", "export.geojson", "import"):
        write_audit(
            db, user_id=1, user_name="anna", role="analyst", action=action, target="x", ip="::1"
        )
    entries = json.loads(ok("users audit --json --limit 2").stdout)
    assert [e["action"] for e in entries] == ["import", "export.geojson"]
    assert entries[0]["at"].endswith("+00:00")
    assert [e["action"] for e in json.loads(ok("users audit --json --action export").stdout)] == [
        "export.geojson"
    ]
    table = ok("users audit").stdout
    assert "de 3 senaste händelserna" in table and "export.geojson" in table


def test_list_without_users_says_how_to_add_one(db):
    assert "hotspots users add" in ok("users list").stdout
    assert ok("users list --tokens").stdout.strip() == "inga API-nycklar ännu"


@pytest.mark.parametrize(
    ("line", "error", "word"),
    [
        ("users add anna --role chef", InputError, "chef"),
        ("users token nobody", NotFoundError, "nobody"),
        ("users revoke nobody", NotFoundError, "nobody"),
        ("users revoke anna --token 99", NotFoundError, "99"),
    ],
)
def test_errors_are_domain_errors(db, line, error, word):
    ok("users add anna --role analyst")
    result = run(line)
    assert isinstance(result.exception, error), result.output
    assert word in str(result.exception)


def test_english_output(db, monkeypatch):
    monkeypatch.setenv("HOTSPOTS_LANGUAGE", "en")
    get_settings.cache_clear()
    out = ok("users add anna --role admin").stdout
    assert out.startswith("user anna (admin) added") and "API token: " in out


def test_one_line_error_from_the_real_command(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTSPOTS_")}
    env.update(HOTSPOTS_DATABASE_URL=f"sqlite:///{tmp_path / 'cli.db'}", PYTHONUTF8="1")
    Store.open(env["HOTSPOTS_DATABASE_URL"]).upgrade()
    p = subprocess.run(
        [sys.executable, "-m", "hotspots.cli", "users", "add", "anna", "--role", "chef"],
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=120,
    )
    assert p.returncode == 2 and p.stdout == ""
    (line,) = p.stderr.strip().splitlines()
    assert line.startswith("fel: ") and "'chef'" in line
