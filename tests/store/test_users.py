"""Users, API tokens and the audit log in the store (SQLite and PostGIS), and migration 0004."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect, select, text, update
from sqlalchemy.exc import IntegrityError

from hotspots.errors import InputError, NotFoundError
from hotspots.store.models import ApiToken, Observation, Photo, User
from hotspots.store.users import (
    Identity,
    add_user,
    add_user_with_token,
    audit_entries,
    bootstrap_admin,
    issue_token,
    list_tokens,
    list_users,
    principal_for_token,
    revoke_token,
    revoke_user,
    write_audit,
)

#: PostGIS's generated ``geom`` column is unknown to SQLAlchemy's reflection: harmless here
NO_GEOM_WARNING = pytest.mark.filterwarnings("ignore:Did not recognize type 'geometry'")


def _tokens(store) -> list[dict]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(ApiToken.__table__))]


# ------------------------------------------------------------------------------ users
def test_add_and_list_users(store):
    anna = add_user(store, "  anna  ", "Analyst")
    bo = add_user(store, "bo", "field")
    assert anna != bo
    users = list_users(store)
    assert [(u["id"], u["name"], u["role"], u["tokens"]) for u in users] == [
        (anna, "anna", "analyst", 0),
        (bo, "bo", "field", 0),
    ]
    assert users[0]["created_at"].tzinfo is not None
    assert users[0]["revoked_at"] is None and users[0]["last_used_at"] is None


@pytest.mark.parametrize(
    ("name", "role", "words"),
    [
        ("anna", "chef", ["chef", "analyst"]),
        ("", "analyst", ["användarnamn"]),
        ("x" * 121, "analyst", ["120"]),
        ("rad\nbrytning", "analyst", ["användarnamn"]),
    ],
)
def test_add_user_refuses_bad_input_in_one_swedish_line(store, name, role, words):
    with pytest.raises(InputError) as exc:
        add_user(store, name, role)
    assert "\n" not in str(exc.value)
    for word in words:
        assert word in str(exc.value)
    assert list_users(store) == []


def test_a_name_is_taken_once_whatever_its_case_and_even_after_revoking(store):
    add_user(store, "anna", "analyst")
    with pytest.raises(InputError, match="finns redan"):
        add_user(store, "anna", "field")
    with pytest.raises(InputError, match="finns redan"):
        add_user(store, "ANNA", "field")
    revoke_user(store, "anna")
    with pytest.raises(InputError, match="finns redan"):
        add_user(store, "anna", "analyst")
    # the database itself refuses a duplicate name (a race past the check)
    with store.engine.begin() as conn, pytest.raises(IntegrityError):
        conn.execute(
            User.__table__.insert().values(name="anna", role="admin", created_at=datetime.now(UTC))
        )


# ------------------------------------------------------------------------------ tokens
def test_token_is_returned_once_and_stored_only_as_its_sha256(store):
    add_user(store, "anna", "analyst")
    token = issue_token(store, "anna", label="QGIS")
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    (row,) = _tokens(store)
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {str(v) for v in row.values()}
    assert row["label"] == "QGIS" and row["revoked_at"] is None
    assert issue_token(store, "anna") != token
    assert [u["tokens"] for u in list_users(store)] == [2]


def test_principal_for_token(store):
    uid = add_user(store, "anna", "analyst")
    token = issue_token(store, "anna")
    assert principal_for_token(store, token) == Identity(uid, "anna", "analyst")
    assert principal_for_token(store, token + "x") is None
    assert principal_for_token(store, "") is None
    assert principal_for_token(store, "x" * 10_000) is None


def test_last_used_is_written_at_most_once_a_minute(store):
    add_user(store, "anna", "analyst")
    token = issue_token(store, "anna")
    principal_for_token(store, token)
    (first,) = [t["last_used_at"] for t in _tokens(store)]
    assert first is not None and datetime.now(UTC) - first < timedelta(minutes=1)
    principal_for_token(store, token)
    assert [t["last_used_at"] for t in _tokens(store)] == [first]
    assert list_users(store)[0]["last_used_at"] == first
    earlier = first - timedelta(minutes=5)
    with store.engine.begin() as conn:
        conn.execute(update(ApiToken.__table__).values(last_used_at=earlier))
    principal_for_token(store, token)
    (later,) = [t["last_used_at"] for t in _tokens(store)]
    assert later > first


def test_revoke_one_token_by_id_or_value(store):
    add_user(store, "anna", "analyst")
    add_user(store, "bo", "field")
    one, two, three = (issue_token(store, "anna") for _ in range(3))
    ids = [t["id"] for t in list_tokens(store, "anna")]
    assert revoke_token(store, ids[0]) == ids[0]
    assert revoke_token(store, str(ids[0])) == ids[0]  # again: no change, no error
    assert revoke_token(store, two) == ids[1]
    assert principal_for_token(store, one) is None
    assert principal_for_token(store, two) is None
    assert principal_for_token(store, three).name == "anna"
    with pytest.raises(NotFoundError):
        revoke_token(store, ids[2], name="bo")  # not bo's token
    with pytest.raises(NotFoundError):
        revoke_token(store, 9999)
    with pytest.raises(NotFoundError):
        revoke_token(store, "no-such-token")
    listed = list_tokens(store)
    assert [(t["user"], t["revoked_at"] is not None) for t in listed] == [
        ("anna", True),
        ("anna", True),
        ("anna", False),
    ]
    assert [u["tokens"] for u in list_users(store)] == [1, 0]


def test_revoke_user_revokes_every_token(store):
    add_user(store, "anna", "analyst")
    tokens = [issue_token(store, "anna") for _ in range(2)]
    assert revoke_user(store, "anna") == 2
    assert all(principal_for_token(store, t) is None for t in tokens)
    (user,) = list_users(store)
    assert user["revoked_at"] is not None and user["tokens"] == 0
    assert revoke_user(store, "anna") == 0
    with pytest.raises(InputError, match="spärrad"):
        issue_token(store, "anna")
    with pytest.raises(NotFoundError, match="finns inte"):
        revoke_user(store, "nobody")
    with pytest.raises(NotFoundError):
        issue_token(store, "nobody")


def test_a_revoked_user_is_refused_even_with_a_token_not_revoked(store):
    add_user(store, "anna", "analyst")
    token = issue_token(store, "anna")
    with store.engine.begin() as conn:  # only the user, e.g. revoked by hand
        conn.execute(update(User.__table__).values(revoked_at=datetime.now(UTC)))
    assert principal_for_token(store, token) is None


def test_add_user_with_token_is_one_step(store):
    uid, token = add_user_with_token(store, "anna", "leadership", label="surfplatta")
    assert principal_for_token(store, token) == Identity(uid, "anna", "leadership")
    assert [t["label"] for t in list_tokens(store)] == ["surfplatta"]
    with pytest.raises(InputError):
        add_user_with_token(store, "bo", "analyst", label="x" * 500)
    assert [u["name"] for u in list_users(store)] == ["anna"]  # nothing half-made


def test_bootstrap_admin_only_on_an_empty_users_table(store):
    token = bootstrap_admin(store)
    assert principal_for_token(store, token).role == "admin"
    assert bootstrap_admin(store) is None
    revoke_user(store, "admin")
    assert bootstrap_admin(store) is None  # a revoked admin still counts: no silent new one


# ------------------------------------------------------------------------------ audit
def test_audit_entries_newest_first_with_filter_and_limit(store):
    uid = add_user(store, "anna", "analyst")
    when = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    for action, target in [
        ("login", "/logga-in"),
        ("export.geojson", "incidents"),
        ("export", "all"),
        ("exportx", "other"),
        ("import", "a.csv"),
    ]:
        write_audit(
            store,
            user_id=uid,
            user_name="anna",
            role="analyst",
            action=action,
            target=target,
            detail={"since": when, "n": 3},
            ip="127.0.0.1",
        )
    entries = audit_entries(store)
    assert [e["action"] for e in entries] == [
        "import",
        "exportx",
        "export",
        "export.geojson",
        "login",
    ]
    first = entries[-1]
    assert first["user_id"] == uid and first["user_name"] == "anna" and first["role"] == "analyst"
    assert first["target"] == "/logga-in" and first["ip"] == "127.0.0.1"
    assert first["detail"] == {"since": "2026-11-20 08:00:00+00:00", "n": 3}
    assert first["at"].tzinfo is not None
    assert [e["target"] for e in audit_entries(store, action="export")] == ["all", "incidents"]
    assert audit_entries(store, action="exp%") == []  # wildcards are literal
    assert len(audit_entries(store, limit=2)) == 2
    write_audit(store, user_id=None, user_name=None, role=None, action="login.failed", target=None)
    assert audit_entries(store, limit=1)[0]["user_id"] is None


# ------------------------------------------------------------------------------ schema
@NO_GEOM_WARNING
def test_schema_0004(store):
    insp = inspect(store.engine)
    assert {"users", "api_tokens", "audit_log", "photos"} <= set(insp.get_table_names())
    cols = {c["name"]: c for c in insp.get_columns("observations")}
    assert cols["client_id"]["nullable"] and cols["accuracy_m"]["nullable"]
    indexes = {i["name"]: i for i in insp.get_indexes("observations")}
    assert indexes["ix_observations_client_id"]["unique"]
    assert {i["name"] for i in insp.get_indexes("audit_log")} == {"ix_audit_log_at"}
    assert {i["name"] for i in insp.get_indexes("photos")} == {"ix_photos_observation"}


def _observation(conn, external_id: str, client_id: str | None) -> int:
    return conn.execute(
        Observation.__table__.insert().values(
            source="app",
            external_id=external_id,
            category="belysning",
            occurred_from=datetime(2026, 11, 17, 17, 30, tzinfo=UTC),
            precision="exact",
            lon=13.54,
            lat=55.93,
            outside_area=False,
            status="ny",
            client_id=client_id,
            accuracy_m=8.5,
            created_at=datetime.now(UTC),
        )
    ).inserted_primary_key[0]


def test_client_id_is_unique_but_may_be_missing_and_photos_go_with_clear(store):
    with store.engine.begin() as conn:
        oid = _observation(conn, "a", "queue-1")
        _observation(conn, "b", None)
        _observation(conn, "c", None)  # NULLs do not collide
        conn.execute(
            Photo.__table__.insert().values(
                observation_id=oid,
                filename="lampa.jpg",
                content_type="image/jpeg",
                size_bytes=3,
                sha256="ab" * 32,
                data=b"\xff\xd8\xff",
                created_at=datetime.now(UTC),
            )
        )
    with store.engine.begin() as conn, pytest.raises(IntegrityError):
        _observation(conn, "d", "queue-1")
    with store.engine.connect() as conn:
        assert conn.execute(select(Photo.__table__.c.data)).scalar_one() == b"\xff\xd8\xff"
    add_user(store, "anna", "analyst")
    issue_token(store, "anna")
    write_audit(store, user_id=1, user_name="a", role="admin", action="x", target=None)
    store.clear()
    with store.engine.connect() as conn:
        for table in ("users", "api_tokens", "audit_log", "photos", "observations"):
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 0


def test_migration_down_to_0003_and_up_again(sqlite_store):
    from hotspots.store import db

    store = sqlite_store
    with store.engine.begin() as conn:
        _observation(conn, "a", "queue-1")
    add_user(store, "anna", "analyst")
    db.downgrade(store.engine, "0003")
    insp = inspect(store.engine)
    assert not {"users", "api_tokens", "audit_log", "photos"} & set(insp.get_table_names())
    cols = {c["name"] for c in insp.get_columns("observations")}
    assert not {"client_id", "accuracy_m"} & cols
    # the partial review index survives
    assert "ix_observations_review" in {i["name"] for i in insp.get_indexes("observations")}
    assert not db.is_migrated(store.engine)
    assert store.counts()["observations"] == 1
    store.upgrade()
    assert db.is_migrated(store.engine)
    assert store.counts()["observations"] == 1
    assert list_users(store) == []
    add_user(store, "anna", "analyst")
