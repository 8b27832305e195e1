"""Users, roles, API tokens and the audit log.

Plain functions that take a :class:`~hotspots.store.Store` (like :mod:`hotspots.store.runs`):
the CLI (``hotspots users``) and the API (``api/auth.py``) call them; ORM rows stay here.

A user has one role of :data:`hotspots.domain.ROLES` and any number of API tokens. A token
is shown once, when issued; only its SHA-256 is stored (see :class:`ApiToken`). Users and
tokens are never deleted, only revoked, so the audit log keeps naming who did what.

Examples
--------
>>> uid = add_user(store, "anna", "analyst")               # doctest: +SKIP
>>> token = issue_token(store, "anna", label="QGIS")       # doctest: +SKIP
>>> principal_for_token(store, token)                      # doctest: +SKIP
Identity(id=1, name='anna', role='analyst')
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from hotspots.domain import check_role
from hotspots.errors import InputError, NotFoundError
from hotspots.i18n import msg
from hotspots.store.models import ApiToken, AuditEntry, User

__all__ = [
    "Identity",
    "add_user",
    "add_user_with_token",
    "list_users",
    "revoke_user",
    "issue_token",
    "list_tokens",
    "revoke_token",
    "principal_for_token",
    "bootstrap_admin",
    "write_audit",
    "audit_entries",
    "hash_token",
]

#: ``last_used_at`` is written at most this often per token (reads stay reads).
LAST_USED_EVERY = timedelta(minutes=1)
#: Longer strings are no token of ours: refused before hashing or querying.
MAX_TOKEN_CHARS = 200
NAME_CHARS = 120
#: ``audit_entries`` returns at most this many entries.
MAX_AUDIT_ENTRIES = 10_000

_users = User.__table__
_tokens = ApiToken.__table__
_audit = AuditEntry.__table__


@dataclass(frozen=True)
class Identity:
    """The user behind a valid token: what ``api.auth.Principal`` is built from."""

    id: int
    name: str
    role: str


def hash_token(token: str) -> str:
    """SHA-256 (hex) of ``token``: the form in which tokens are stored and looked up."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _name(name: str) -> str:
    value = (name or "").strip()
    if not value or len(value) > NAME_CHARS or not value.isprintable():
        raise InputError(msg("users.bad_name", name=name, max=NAME_CHARS))
    return value


def _label(label: str | None) -> str | None:
    if label is None or not label.strip():
        return None
    value = label.strip()
    if len(value) > NAME_CHARS or not value.isprintable():
        raise InputError(msg("users.bad_label", max=NAME_CHARS))
    return value


def _user_row(conn, name: str):
    row = conn.execute(select(_users).where(_users.c.name == _name(name))).first()
    if row is None:
        raise NotFoundError(msg("users.not_found", name=name))
    return row


# ------------------------------------------------------------------------------- users
def add_user(store, name: str, role: str) -> int:
    """Add a user with ``role`` and return its id (no token yet: see :func:`issue_token`).

    Raises :class:`InputError` for an unknown role, an empty or over-long name, or a name
    already taken (by any user, revoked ones included, compared without case).
    """
    return _add(store, name, role, token_label=None)[0]


def add_user_with_token(store, name: str, role: str, label: str | None = None) -> tuple[int, str]:
    """:func:`add_user` and :func:`issue_token` in one transaction: ``(id, token)``."""
    return _add(store, name, role, token_label=label or "", with_token=True)


def _add(store, name, role, *, token_label, with_token=False) -> tuple[int, str | None]:
    name = _name(name)
    role = check_role(role)
    label = _label(token_label)
    with store.engine.begin() as conn:
        taken = conn.execute(
            select(_users.c.name).where(func.lower(_users.c.name) == name.lower())
        ).first()
        if taken is not None:
            raise InputError(msg("users.exists", name=taken[0]))
        try:
            user_id = conn.execute(
                _users.insert().values(name=name, role=role, created_at=_now())
            ).inserted_primary_key[0]
        except IntegrityError:  # added by someone else meanwhile
            raise InputError(msg("users.exists", name=name)) from None
        token = _insert_token(conn, user_id, label) if with_token else None
    return user_id, token


def list_users(store) -> list[dict]:
    """Every user, by name: id, name, role, created_at, revoked_at, tokens, last_used_at.

    ``tokens`` counts the user's tokens that are not revoked; ``last_used_at`` is the latest
    use of any of its tokens (None if never).
    """
    active = (
        select(
            _tokens.c.user_id,
            func.count().filter(_tokens.c.revoked_at.is_(None)).label("tokens"),
            func.max(_tokens.c.last_used_at).label("last_used_at"),
        )
        .group_by(_tokens.c.user_id)
        .subquery()
    )
    q = (
        select(
            _users.c.id,
            _users.c.name,
            _users.c.role,
            _users.c.created_at,
            _users.c.revoked_at,
            func.coalesce(active.c.tokens, 0).label("tokens"),
            active.c.last_used_at,
        )
        .select_from(_users.outerjoin(active, active.c.user_id == _users.c.id))
        .order_by(_users.c.name)
    )
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(q)]
    # max() over a TypeDecorator column comes back as the driver's value (naive on SQLite)
    for r in rows:
        r["last_used_at"] = _aware(r["last_used_at"])
        r["tokens"] = int(r["tokens"])
    return rows


def revoke_user(store, name: str) -> int:
    """Revoke the user ``name`` and all its tokens; return how many tokens were revoked now.

    Revoking a revoked user changes nothing (and returns 0). Unknown: :class:`NotFoundError`.
    """
    now = _now()
    with store.engine.begin() as conn:
        row = _user_row(conn, name)
        if row.revoked_at is None:
            conn.execute(update(_users).where(_users.c.id == row.id).values(revoked_at=now))
        return conn.execute(
            update(_tokens)
            .where(_tokens.c.user_id == row.id, _tokens.c.revoked_at.is_(None))
            .values(revoked_at=now)
        ).rowcount


# ------------------------------------------------------------------------------- tokens
def issue_token(store, name: str, label: str | None = None) -> str:
    """A new API token for the user ``name``: returned once in clear, stored only hashed.

    The token is ``secrets.token_urlsafe(32)`` (32 random bytes, 43 characters).
    A revoked user gets no token (:class:`InputError`).
    """
    label = _label(label)
    with store.engine.begin() as conn:
        row = _user_row(conn, name)
        if row.revoked_at is not None:
            raise InputError(msg("users.is_revoked", name=row.name))
        return _insert_token(conn, row.id, label)


def _insert_token(conn, user_id: int, label: str | None) -> str:
    token = secrets.token_urlsafe(32)
    conn.execute(
        _tokens.insert().values(
            user_id=user_id, token_hash=hash_token(token), label=label, created_at=_now()
        )
    )
    return token


def list_tokens(store, name: str | None = None) -> list[dict]:
    """The tokens (never their value), oldest first; only the user ``name``'s when given.

    Each is a dict: id, user, label, created_at, last_used_at, revoked_at.
    """
    q = (
        select(
            _tokens.c.id,
            _users.c.name.label("user"),
            _tokens.c.label,
            _tokens.c.created_at,
            _tokens.c.last_used_at,
            _tokens.c.revoked_at,
        )
        .select_from(_tokens.join(_users, _users.c.id == _tokens.c.user_id))
        .order_by(_tokens.c.id)
    )
    with store.engine.connect() as conn:
        if name is not None:
            q = q.where(_users.c.id == _user_row(conn, name).id)
        return [dict(r._mapping) for r in conn.execute(q)]


def revoke_token(store, token_or_id: str | int, *, name: str | None = None) -> int:
    """Revoke one token, given by its id (as listed) or its value; return its id.

    With ``name``, the token must belong to that user. Revoking a revoked token changes
    nothing. Unknown: :class:`NotFoundError`.
    """
    by_id = isinstance(token_or_id, int) or (
        str(token_or_id).strip().isdigit() and len(str(token_or_id).strip()) < 19
    )
    with store.engine.begin() as conn:
        q = select(_tokens.c.id, _tokens.c.user_id, _tokens.c.revoked_at)
        if by_id:
            q = q.where(_tokens.c.id == int(token_or_id))
        else:
            q = q.where(_tokens.c.token_hash == hash_token(str(token_or_id).strip()))
        if name is not None:
            q = q.where(_tokens.c.user_id == _user_row(conn, name).id)
        row = conn.execute(q).first()
        if row is None:
            if by_id:
                raise NotFoundError(msg("users.token_id_not_found", id=token_or_id))
            raise NotFoundError(msg("users.token_not_found"))
        if row.revoked_at is None:
            conn.execute(update(_tokens).where(_tokens.c.id == row.id).values(revoked_at=_now()))
        return row.id


def principal_for_token(store, token: str) -> Identity | None:
    """The user a token belongs to, or None when the token or its user is unknown/revoked.

    Records the use in ``last_used_at``, at most once a minute per token, so frequent API
    calls do not turn every read into a write.
    """
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    q = (
        select(
            _tokens.c.id.label("token_id"),
            _tokens.c.last_used_at,
            _users.c.id,
            _users.c.name,
            _users.c.role,
        )
        .select_from(_tokens.join(_users, _users.c.id == _tokens.c.user_id))
        .where(
            _tokens.c.token_hash == hash_token(token),
            _tokens.c.revoked_at.is_(None),
            _users.c.revoked_at.is_(None),
        )
    )
    with store.engine.connect() as conn:
        row = conn.execute(q).first()
    if row is None:
        return None
    now = _now()
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_EVERY:
        with store.engine.begin() as conn:
            conn.execute(
                update(_tokens).where(_tokens.c.id == row.token_id).values(last_used_at=now)
            )
    return Identity(id=row.id, name=row.name, role=row.role)


def bootstrap_admin(store, name: str = "admin") -> str | None:
    """On a database without users: add the admin ``name`` and return its first token.

    Returns None when any user exists (revoked ones count), so this is safe to call on
    every start: ``hotspots serve`` prints the token once for whoever started it.
    """
    with store.engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(_users)).scalar_one():
            return None
    try:
        return add_user_with_token(store, name, "admin", label="hotspots serve")[1]
    except InputError:  # another process started at the same moment and won
        return None


# ------------------------------------------------------------------------------- audit
def write_audit(
    store,
    *,
    user_id: int | None,
    user_name: str | None,
    role: str | None,
    action: str,
    target: str | None,
    detail: dict | None = None,
    ip: str | None = None,
) -> int:
    """Append one entry to the audit log (time: now, UTC) and return its id.

    ``action`` is a short dotted word (``export.geojson``, ``import``, ``login``);
    ``detail`` any JSON-able dict (values JSON cannot hold are written as text).
    """
    if detail is not None:
        detail = json.loads(json.dumps(detail, default=str, ensure_ascii=False))
    with store.engine.begin() as conn:
        return conn.execute(
            _audit.insert().values(
                at=_now(),
                user_id=user_id,
                user_name=user_name[:NAME_CHARS] if user_name else user_name,
                role=role,
                action=action[:60],
                target=target,
                detail=detail,
                ip=ip[:64] if ip else ip,
            )
        ).inserted_primary_key[0]


def audit_entries(store, limit: int = 100, action: str | None = None) -> list[dict]:
    """The latest audit entries, newest first.

    Each is a dict: id, at, user_id, user_name, role, action, target, detail, ip.

    ``action`` keeps only that action and its sub-actions: ``export`` matches ``export``
    and ``export.geojson``. ``limit`` is capped at :data:`MAX_AUDIT_ENTRIES`.
    """
    limit = max(1, min(int(limit), MAX_AUDIT_ENTRIES))
    q = select(_audit).order_by(_audit.c.at.desc(), _audit.c.id.desc()).limit(limit)
    if action:
        action = action.strip()
        # LIKE wildcards in the action itself are matched literally
        escaped = action.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        q = q.where((_audit.c.action == action) | _audit.c.action.like(f"{escaped}.%", "\\"))
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def _aware(value) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):  # SQLite aggregate of a DATETIME column
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
