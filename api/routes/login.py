"""The login page: a browser trades an API token for the ``hotspots_session`` cookie.

``GET /logga-in`` shows the form, ``POST /logga-in`` checks the token and sets the cookie
(HttpOnly, SameSite=Lax, Secure over HTTPS), ``GET /logga-ut`` clears it. Every text is
escaped and nothing is loaded from elsewhere.
"""

from __future__ import annotations

from html import escape
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.exc import SQLAlchemyError

from api.auth import ANONYMOUS, SESSION_COOKIE, audit, current_principal, principal_for
from api.deps import SettingsDep
from api.routes.pages import page
from hotspots.errors import HotspotsError
from hotspots.i18n import current_language, msg

router = APIRouter(include_in_schema=False)

#: How long a browser stays logged in (seconds): two weeks.
SESSION_MAX_AGE = 14 * 24 * 3600
_MAX_NEXT = 2000


def local_path(value: str | None) -> str:
    r"""``value`` if it is a path on this site (``/karta?vecka=47``), else ``/``.

    Refuses everything a browser could take to another site: ``//evil``, ``/\evil``,
    ``https://evil``, control characters.
    """
    if not value or len(value) > _MAX_NEXT or not value.startswith("/"):
        return "/"
    if value.startswith("//") or "\\" in value or not value.isprintable():
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return "/"
    return value


def _form(
    next_path: str, *, error: str | None = None, note: str | None = None, logout: bool = False
) -> str:
    lang = current_language()
    parts = [f"<h1>{escape(msg('login.title'))}</h1>"]
    if note:
        parts.append(f"<p>{escape(note)}</p>")
    if logout:
        parts.append(f'<p><a href="/logga-ut">{escape(msg("login.logout"))}</a></p>')
    if error:
        parts.append(f'<p role="alert" style="color:#b00020">{escape(error)}</p>')
    parts.append(f"<p>{escape(msg('login.intro'))}</p>")
    parts.append(
        '<form method="post" action="/logga-in">'
        f'<p><label for="token">{escape(msg("login.token_label"))}</label><br>'
        '<input id="token" name="token" type="password" required size="48" maxlength="200" '
        'autocomplete="current-password" autofocus></p>'
        f'<input type="hidden" name="next" value="{escape(next_path, quote=True)}">'
        f'<p><button type="submit">{escape(msg("login.submit"))}</button></p></form>'
    )
    return page(msg("login.title"), "".join(parts), lang=lang)


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/logga-in", response_class=HTMLResponse)
def login_form(
    request: Request,
    settings: SettingsDep,
    next_path: Annotated[str | None, Query(alias="next")] = None,
) -> Response:
    """The login form (says who is logged in, when someone is)."""
    note, logged_in = None, False
    if settings.auth_off:
        note = msg("login.auth_off")
    else:
        try:
            who = current_principal(request)
        except (HTTPException, HotspotsError, SQLAlchemyError):
            who = None  # a stale cookie or an unusable database: just the form
        if who is not None and not who.anonymous:
            note = msg("login.logged_in_as", name=who.name, role=who.role)
            logged_in = True
    return _no_store(HTMLResponse(_form(local_path(next_path), note=note, logout=logged_in)))


@router.post("/logga-in", response_class=HTMLResponse)
def login(
    request: Request,
    token: Annotated[str, Form()] = "",
    next_path: Annotated[str, Form(alias="next")] = "/",
) -> Response:
    """Check the token: the session cookie and a redirect, or the form again with 401."""
    target = local_path(next_path)
    token = token.strip()
    principal = principal_for(request, token) if token else None
    if principal is None:
        audit(request, ANONYMOUS, "login.failed", "/logga-in")
        html = _form(target, error=msg("login.failed"))
        return _no_store(HTMLResponse(html, status_code=401))
    audit(request, principal, "login", "/logga-in", {"next": target})
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=SESSION_MAX_AGE,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return _no_store(response)


@router.get("/logga-ut", response_class=HTMLResponse)
def logout(request: Request) -> Response:
    """Clear the session cookie (the token itself stays valid: revoke it to end it)."""
    body = (
        f"<h1>{escape(msg('login.logout'))}</h1><p>{escape(msg('login.logged_out'))}</p>"
        f'<p><a href="/logga-in">{escape(msg("login.title"))}</a> · '
        f'<a href="/">{escape(msg("login.start_page"))}</a></p>'
    )
    response = HTMLResponse(page(msg("login.logout"), body, lang=current_language()))
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        try:
            who = principal_for(request, token)
        except (HotspotsError, SQLAlchemyError):
            who = None  # logging out works even without a usable database
        if who is not None:
            audit(request, who, "logout", "/logga-ut")
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    return _no_store(response)
