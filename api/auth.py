"""Who is asking: principals, roles and the role check of every endpoint.

SKELETON: ``current_principal`` is completed by the users/tokens work (issue 5); the
interface below is what routes use and must stay.

Routes declare who may call them::

    @router.get("/api/v1/incidents")
    def list_incidents(who: Annotated[Principal, Depends(require_role("analyst"))]): ...

``admin`` may always call; ``public`` in the list lets anonymous callers in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request

from hotspots.domain import FULL_DETAIL_ROLES, ROLES

__all__ = ["Principal", "current_principal", "require_role", "ANONYMOUS"]


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


def current_principal(request: Request) -> Principal:
    """The caller of ``request``: from ``Authorization: Bearer <token>`` or the session cookie.

    Anonymous callers are :data:`ANONYMOUS` (role ``public``).
    """
    return ANONYMOUS


def require_role(*roles: str) -> Callable[..., Principal]:
    """A dependency that lets ``roles`` (and admin) in: 401 for anonymous, 403 for others."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")
    allowed = set(roles) | {"admin"}

    def check(principal: Principal = Depends(current_principal)) -> Principal:  # noqa: B008
        if principal.role in allowed:
            return principal
        if principal.anonymous:
            raise HTTPException(
                status_code=401,
                detail="inloggning krävs",
                headers={"WWW-Authenticate": "Bearer"},
            )
        raise HTTPException(status_code=403, detail=f"rollen {principal.role} får inte detta")

    return check
