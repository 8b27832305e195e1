"""``hotspots users``: users, roles, API tokens and the audit log.

A token is printed once, when it is made (``add``, ``token``): only its hash is stored.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table

from hotspots.i18n import current_language, t
from hotspots.settings import get_settings

users_app = typer.Typer(no_args_is_help=True, help="Users, roles and API tokens.")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

ROLE_HELP = "admin|analyst|field|leadership|public"


def _store():
    from hotspots.cli import _store as open_store

    return open_store()


def _local(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(ZoneInfo(get_settings().timezone)).strftime("%Y-%m-%d %H:%M")


def _jsonable(rows: list[dict]) -> list[dict]:
    return [
        {k: v.isoformat() if isinstance(v, datetime) else v for k, v in r.items()} for r in rows
    ]


def _print_token(token: str, lang: str) -> None:
    # the token alone on stdout's last line: easy to copy, and to capture in a script
    err.print(t("users.token_note", lang), markup=False)
    out.print(t("users.token_line", lang, token=token), markup=False)


@users_app.command("add")
def add_command(
    name: Annotated[str, typer.Argument(help="User name, e.g. anna.svensson")],
    role: Annotated[str, typer.Option(help=ROLE_HELP)],
    label: Annotated[str | None, typer.Option(help="Label of the first token")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help='Print {"id", "name", "role", "token"} as JSON')
    ] = False,
) -> None:
    """Add a user with a role and print its first API token (shown only now)."""
    from hotspots.store.users import add_user_with_token

    user_id, token = add_user_with_token(_store(), name, role, label=label)
    name, role = name.strip(), role.strip().lower()
    if as_json:
        data = {"id": user_id, "name": name, "role": role, "token": token}
        out.print_json(json.dumps(data, ensure_ascii=False))
        return
    lang = current_language()
    out.print(t("users.added", lang, name=name, role=role), markup=False)
    _print_token(token, lang)


@users_app.command("token")
def token_command(
    name: Annotated[str, typer.Argument(help="User name")],
    label: Annotated[str | None, typer.Option(help="What the token is for, e.g. QGIS")] = None,
    as_json: Annotated[bool, typer.Option("--json", help='Print {"token": ...} as JSON')] = False,
) -> None:
    """Issue a new API token for a user (shown only now; older tokens stay valid)."""
    from hotspots.store.users import issue_token

    token = issue_token(_store(), name, label=label)
    if as_json:
        out.print_json(json.dumps({"name": name.strip(), "token": token}, ensure_ascii=False))
        return
    lang = current_language()
    out.print(t("users.token_issued", lang, name=name.strip()), markup=False)
    _print_token(token, lang)


@users_app.command("list")
def list_command(
    tokens: Annotated[
        bool, typer.Option("--tokens", help="List the API tokens (ids, labels, use) instead")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False,
) -> None:
    """List users with role, token count and last use (or, with --tokens, the tokens)."""
    from hotspots.store.users import list_tokens, list_users

    lang = current_language()
    store = _store()
    rows = list_tokens(store) if tokens else list_users(store)
    if as_json:
        out.print_json(json.dumps(_jsonable(rows), ensure_ascii=False))
        return
    if not rows:
        out.print(t("users.no_tokens", lang) if tokens else t("users.none", lang), markup=False)
        return
    if tokens:
        tab = Table(title=t("users.tokens_title", lang, n=len(rows)), title_justify="left")
        columns = [
            ("users.col_id", "right"),
            ("users.col_user", "left"),
            ("users.col_label", "left"),
            ("users.col_created", "left"),
            ("users.col_last_used", "left"),
            ("users.col_revoked", "left"),
        ]
        cells = [
            [
                str(r["id"]),
                r["user"],
                r["label"] or "",
                _local(r["created_at"]),
                _local(r["last_used_at"]),
                _local(r["revoked_at"]),
            ]
            for r in rows
        ]
    else:
        tab = Table(title=t("users.title", lang, n=len(rows)), title_justify="left")
        columns = [
            ("users.col_id", "right"),
            ("users.col_name", "left"),
            ("users.col_role", "left"),
            ("users.col_created", "left"),
            ("users.col_tokens", "right"),
            ("users.col_last_used", "left"),
            ("users.col_revoked", "left"),
        ]
        cells = [
            [
                str(r["id"]),
                r["name"],
                r["role"],
                _local(r["created_at"]),
                str(r["tokens"]),
                _local(r["last_used_at"]),
                _local(r["revoked_at"]),
            ]
            for r in rows
        ]
    headers = _headers(lang)
    for key, justify in columns:
        tab.add_column(headers[key], justify=justify)
    for row in cells:
        tab.add_row(*(_plain(c) for c in row))
    out.print(tab)


@users_app.command("revoke")
def revoke_command(
    name: Annotated[str, typer.Argument(help="User name")],
    token: Annotated[
        int | None, typer.Option(help="Revoke only this token id (see users list --tokens)")
    ] = None,
) -> None:
    """Revoke a user and all its tokens (or, with --token, one token of the user)."""
    from hotspots.store.users import revoke_token, revoke_user

    lang = current_language()
    store = _store()
    if token is not None:
        token_id = revoke_token(store, token, name=name)
        out.print(t("users.token_revoked", lang, id=token_id))
        return
    n = revoke_user(store, name)
    out.print(t("users.revoked", lang, name=name.strip(), n=n), markup=False)


@users_app.command("audit")
def audit_command(
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="How many entries")] = 50,
    action: Annotated[
        str | None, typer.Option(help="Only this action, e.g. export (matches export.*)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False,
) -> None:
    """Show the latest audit log entries: who exported, imported or logged in, and when."""
    from hotspots.store.users import audit_entries

    lang = current_language()
    rows = audit_entries(_store(), limit=limit, action=action)
    if as_json:
        out.print_json(json.dumps(_jsonable(rows), ensure_ascii=False))
        return
    if not rows:
        out.print(t("users.audit_none", lang))
        return
    tab = Table(title=t("users.audit_title", lang, n=len(rows)), title_justify="left")
    headers = _headers(lang)
    for key in (
        "users.col_at",
        "users.col_user",
        "users.col_role",
        "users.col_action",
        "users.col_target",
        "users.col_ip",
    ):
        tab.add_column(headers[key])
    for r in rows:
        tab.add_row(
            *(
                _plain(c)
                for c in (
                    _local(r["at"]),
                    r["user_name"] or "",
                    r["role"] or "",
                    r["action"],
                    r["target"] or "",
                    r["ip"] or "",
                )
            )
        )
    out.print(tab)


def _headers(lang: str) -> dict[str, str]:
    return {
        "users.col_id": t("users.col_id", lang),
        "users.col_name": t("users.col_name", lang),
        "users.col_role": t("users.col_role", lang),
        "users.col_created": t("users.col_created", lang),
        "users.col_tokens": t("users.col_tokens", lang),
        "users.col_last_used": t("users.col_last_used", lang),
        "users.col_revoked": t("users.col_revoked", lang),
        "users.col_label": t("users.col_label", lang),
        "users.col_user": t("users.col_user", lang),
        "users.col_at": t("users.col_at", lang),
        "users.col_action": t("users.col_action", lang),
        "users.col_target": t("users.col_target", lang),
        "users.col_ip": t("users.col_ip", lang),
    }


def _plain(value: str):
    """A table cell shown as it is (names and targets are no rich markup)."""
    from rich.text import Text

    return Text(value)
