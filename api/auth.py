"""Who is asking: principals, roles, the role check of every endpoint, and the audit log.

Routes declare who may call them::

    @router.get("/api/v1/incidents")
    def list_incidents(who: Annotated[Principal, Depends(require_role("analyst"))]): ...

``admin`` may always call; ``public`` in the list lets anonymous callers in. After an
export or import a route records it with :func:`audit`::

    audit(request, who, "export.geojson", "incidents", {"features": n})

A caller is identified by an API token (``hotspots users add/token``), sent as
``Authorization: Bearer <token>`` (scripts, QGIS) or held in the ``hotspots_session``
cookie that the login page (``/logga-in``) sets for browsers. No credentials: the anonymous
public. A token that is unknown or revoked is refused with 401, never treated as anonymous,
so a revoked analyst notices instead of silently seeing less.

``HOTSPOTS_AUTH=off`` turns this off for a single-user laptop: every caller is the admin
``lokal``. Never use it on a machine others can reach.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request

from hotspots.domain import FULL_DETAIL_ROLES, ROLES
from hotspots.i18n import msg
from hotspots.settings import get_settings

__all__ = [
    "ANONYMOUS",
    "LOCAL_ADMIN",
    "SESSION_COOKIE",
    "Principal",
    "audit",
    "client_ip",
    "current_principal",
    "principal_for",
    "require_role",
]

#: The cookie that holds a browser's token (set by ``POST /logga-in``).
SESSION_COOKIE = "hotspots_session"


@dataclass(frozen=True)
class Principal:
    """The caller: a user with a role, or the anonymous public."""

    id: int | None
    name: str
    role: str

    @property
    def full_detail(self) -> bool:
        """Sees exact small counts and (for analyst/admin) sensitive points."""
        return self.role in FULL_DETAIL_ROLES

    @property
    def anonymous(self) -> bool:
        """No token or session was given."""
        return self.id is None


ANONYMOUS = Principal(None, "anonym", "public")
#: Every caller when ``HOTSPOTS_AUTH=off`` (id 0: no stored user).
LOCAL_ADMIN = Principal(0, "lokal", "admin")


def _store(request: Request):
    from api.deps import open_store

    return open_store(request, get_settings())


def principal_for(request: Request, token: str) -> Principal | None:
    """The user holding ``token``, or None when the token or its user is unknown/revoked."""
    from hotspots.store.users import principal_for_token

    identity = principal_for_token(_store(request), token)
    if identity is None:
        return None
    return Principal(identity.id, identity.name, identity.role)


def current_principal(request: Request) -> Principal:
    """The caller of ``request``: from ``Authorization: Bearer <token>`` or the session cookie.

    Anonymous callers are :data:`ANONYMOUS` (role ``public``); the database is not touched
    for them. A malformed ``Authorization`` header or an unknown or revoked token is a 401
    (a stale session cookie is cleared with it, so the next page is simply anonymous).
    """
    if get_settings().auth_off:
        return LOCAL_ADMIN
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, token = header.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise _unauthorized(msg("auth.bad_header"), error="invalid_request")
        from_cookie = False
    else:
        token = request.cookies.get(SESSION_COOKIE, "")
        if not token:
            return ANONYMOUS
        from_cookie = True
    principal = principal_for(request, token)
    if principal is None:
        raise _unauthorized(msg("auth.bad_token"), error="invalid_token", clear=from_cookie)
    # remembered for the request (e.g. an error page or an access log may want the name)
    request.state.principal = principal
    return principal


def _unauthorized(detail: str, *, error: str | None = None, clear: bool = False):
    challenge = f'Bearer error="{error}"' if error else "Bearer"
    headers = {"WWW-Authenticate": challenge}
    if clear:
        headers["Set-Cookie"] = f"{SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=lax"
    return HTTPException(status_code=401, detail=detail, headers=headers)


def require_role(*roles: str) -> Callable[..., Principal]:
    """A dependency that lets ``roles`` (and admin) in: 401 for anonymous, 403 for others.

    ``public`` among ``roles`` lets everyone in, anonymous or logged in: what the public may
    see, no signed-in user is refused.
    """
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")
    allowed = set(ROLES) if "public" in roles else set(roles) | {"admin"}

    def check(principal: Principal = Depends(current_principal)) -> Principal:  # noqa: B008
        if principal.role in allowed:
            return principal
        if principal.anonymous:
            raise _unauthorized(msg("auth.required"))
        raise HTTPException(status_code=403, detail=msg("auth.forbidden", role=principal.role))

    return check


def client_ip(request: Request) -> str | None:
    """The caller's address as the server sees it.

    A proxy's ``X-Forwarded-For`` is not trusted: anyone can send it.
    """
    return request.client.host if request.client else None


def audit(
    request: Request,
    principal: Principal,
    action: str,
    target: str | None,
    detail: dict | None = None,
) -> int:
    """Write one audit log entry for ``principal`` and return its id.

    Parameters
    ----------
    action
        A short dotted word: ``export.geojson``, ``export.gpkg``, ``export.csv``, ``import``,
        ``login`` ...
    target
        What was acted on, e.g. ``incidents`` or a file name; None: the request's path and
        query.
    detail
        Anything worth keeping as JSON (filters, CRS, row counts).

    Call it before returning the response: if the entry cannot be written the request
    fails rather than leaving an export unrecorded.
    """
    from hotspots.store.users import write_audit

    if target is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return write_audit(
        _store(request),
        user_id=principal.id or None,  # LOCAL_ADMIN (0) and ANONYMOUS are no stored users
        user_name=principal.name,
        role=principal.role,
        action=action,
        target=target,
        detail=detail,
        ip=client_ip(request),
    )
