"""`staffpath serve`, `users`, `audit` and `person`: the web application and its accounts.

The CLI operator owns the workspace, so these commands act as an administrator, through the
same services as the admin pages; what they change is written to the audit log with no
signed-in user (`actor_user_id` empty) and the command as its route.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from staffpath.accounts.admin import add_account, deactivate_account, reset_password
from staffpath.accounts.audit import COMMAND_LINE, entry_to_dict, list_entries
from staffpath.accounts.auth import find_user, generate_password, list_users
from staffpath.accounts.ratelimit import unlock
from staffpath.cli.options import JsonOpt, PasswordStdin
from staffpath.cli.state import console, err_console, print_json, state, write_atomically
from staffpath.demo.accounts import DemoLogin, create_demo_accounts
from staffpath.errors import InputError
from staffpath.people.service import find_person
from staffpath.privacy.personal_data import erase_person, export_person_data
from staffpath.web.serve import cookies_must_be_secure
from staffpath.web.serve import serve as run_server
from staffpath.workspace import DB_NAME

accounts_app = typer.Typer(help="Sign-in limits on accounts.", no_args_is_help=True)
users_app = typer.Typer(help="Sign-in accounts for the web application.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit log of the web application.", no_args_is_help=True)
person_app = typer.Typer(help="One person's data: export it, or erase it.",
                         no_args_is_help=True)


def _password_from_stdin() -> str:
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise InputError("no password on standard input")
    return password


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on.")] = 8000,
    secure_cookies: Annotated[bool | None, typer.Option(
        "--secure-cookies/--insecure-cookies",
        help="Mark session cookies Secure (HTTPS only). Default: Secure unless the host is a "
             "loopback address served over plain http.")] = None,
    workers: Annotated[int, typer.Option(
        "--workers", min=1, max=64,
        help="Worker processes (about one per CPU core for a busy site).")] = 1,
    access_log: Annotated[bool, typer.Option(
        "--access-log/--no-access-log", help="Log a line per request.")] = True,
    forwarded_allow_ips: Annotated[str | None, typer.Option(
        "--forwarded-allow-ips",
        help="Reverse proxies (comma-separated addresses or networks) whose X-Forwarded-For "
             "names the client. Default: none; the header is ignored.")] = None,
) -> None:
    """Serve the web application (pages, htmx and the JSON API under /api/)."""
    st = state(ctx)
    st.require_database()  # serving an empty workspace would leave nobody able to sign in
    url = st.workspace.db_url(st.db)
    secure = cookies_must_be_secure(host, secure_cookies)
    console.print(f"staffpath on [bold]http://{host}:{port}/[/bold] "
                  f"(workspace {st.workspace.root})")
    if secure:
        console.print("session cookies are Secure: put HTTPS in front (a reverse proxy), or "
                      "pass --insecure-cookies on a trusted plain-http network")
    run_server(url, st.workspace.root, host=host, port=port, secure_cookies=secure,
               workers=workers, access_log=access_log, forwarded_allow_ips=forwarded_allow_ips)


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(help="The sign-in name, usually an e-mail address.")],
    person: Annotated[str | None, typer.Option(
        "--person", help="The person the account belongs to (handle, e-mail or name).")] = None,
    admin: Annotated[bool, typer.Option("--admin", help="May manage people, teams, "
                                        "accounts, frameworks and settings.")] = False,
    committee: Annotated[bool, typer.Option(
        "--committee", help="Sits on the promotion committee.")] = False,
    password_stdin: PasswordStdin = False,
    json_out: JsonOpt = False,
) -> None:
    """Create an account; without --password-stdin a password is generated and printed once."""
    password = _password_from_stdin() if password_stdin else generate_password()
    with state(ctx).session() as session:
        subject = find_person(session, person) if person else None
        user = add_account(session, login, password, person=subject, is_admin=admin,
                           is_committee=committee, origin=COMMAND_LINE)
        user_id, handle = user.id, user.person.handle if user.person else None
    shown = None if password_stdin else password
    if json_out:
        print_json({"id": user_id, "login": user.login, "person": handle, "is_admin": admin,
                    "is_committee": committee, "password": shown})
        return
    console.print(f"account {user.login} (id {user_id})" + (f" for {handle}" if handle else ""))
    if shown:
        console.print(f"password: [bold]{shown}[/bold]  (shown once; pass it on privately)")


@users_app.command("list")
def users_list(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List accounts with their person, roles and whether they can sign in."""
    with state(ctx).store.session(read_only=True) as session:
        rows = [{"id": u.id, "login": u.login, "person": u.person.handle if u.person else None,
                 "is_admin": u.is_admin, "is_committee": u.is_committee, "active": u.active}
                for u in list_users(session)]
    if json_out:
        print_json(rows)
        return
    table = Table("Id", "Login", "Person", "Roles", "Active")
    for r in rows:
        roles = ", ".join(n for n, on in (("admin", r["is_admin"]),
                                          ("committee", r["is_committee"])) if on)
        table.add_row(str(r["id"]), str(r["login"]), str(r["person"] or "—"), roles or "—",
                      "yes" if r["active"] else "no")
    console.print(table)


@users_app.command("set-password")
def users_set_password(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(help="Login or account id.")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Set a new password (generated unless --password-stdin); the account is signed out."""
    password = _password_from_stdin() if password_stdin else generate_password()
    with state(ctx).session(create=False) as session:
        user = find_user(session, login)
        reset_password(session, user, password, origin=COMMAND_LINE)
    console.print(f"password changed for {user.login}")
    if not password_stdin:
        console.print(f"password: [bold]{password}[/bold]  (shown once)")


@users_app.command("deactivate")
def users_deactivate(
    ctx: typer.Context, login: Annotated[str, typer.Argument(help="Login or account id.")],
) -> None:
    """Stop an account signing in; its sessions end at once."""
    with state(ctx).session(create=False) as session:
        user = find_user(session, login)
        deactivate_account(session, user, origin=COMMAND_LINE)
    console.print(f"{user.login} deactivated")


@accounts_app.command("unlock")
def accounts_unlock(
    ctx: typer.Context, login: Annotated[str, typer.Argument(help="Login or account id.")],
) -> None:
    """Lift the sign-in limit on an account: its failed sign-ins are forgotten (audited)."""
    with state(ctx).session() as session:
        user = find_user(session, login)
        forgotten = unlock(session, user.login, user.id, origin=COMMAND_LINE)
    console.print(f"{user.login} unlocked ({forgotten} failed sign-in(s) forgotten)")


@audit_app.command("list")
def audit_list(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many, newest first.")] = 50,
    outcome: Annotated[str | None, typer.Option(
        "--outcome", help="Only ok or refused.")] = None,
    action: Annotated[str | None, typer.Option("--action", help="Only this action.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Show the audit log: who read or changed whose data, and what was refused."""
    with state(ctx).store.session(read_only=True) as session:
        rows = [entry_to_dict(e) for e in list_entries(
            session, limit=limit, outcome=outcome, action=action)]
    if json_out:
        print_json(rows)
        return
    table = Table("#", "When (UTC)", "User", "Action", "Target", "Outcome", "Route")
    for r in rows:
        target = f"{r['target_type']} #{r['target_id']}" if r["target_id"] else (
            r["target_type"] or "—")
        table.add_row(str(r["id"]), str(r["at"]), str(r["actor_user_id"] or "—"),
                      str(r["action"]), target, str(r["outcome"]), str(r["route"] or ""))
    console.print(table)


@person_app.command("export")
def person_export(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Handle, e-mail, id or name.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to this file instead of standard output.")] = None,
) -> None:
    """Everything staffpath holds about one person, as JSON."""
    with state(ctx).session(create=False) as session:
        data = export_person_data(session, find_person(session, person), origin=COMMAND_LINE)
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomically(output, text)
        err_console.print(f"wrote {output}")


@person_app.command("erase")
def person_erase(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Handle, e-mail or id.")],
    yes: Annotated[bool, typer.Option("--yes", help="Really erase; it cannot be undone.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Erase a person's personal data (entries, notes, e-mails, ratings, name); audited."""
    if not yes:
        raise InputError("erasing cannot be undone; add --yes to go ahead")
    with state(ctx).session(create=False) as session:
        report = erase_person(session, find_person(session, person), origin=COMMAND_LINE)
    if json_out:
        print_json(report.as_dict())
        return
    deleted = sum(report.deleted.values())
    console.print(f"erased person #{report.person_id}: {deleted} row(s) deleted, mentions "
                  f"replaced in {sum(report.scrubbed.values())} row(s)")


# --- the demo --------------------------------------------------------------------------


def demo_db(db: str | None) -> str | None:
    """The database --db or $STAFFPATH_DB names for the demo (None: its own SQLite file)."""
    return db or os.environ.get("STAFFPATH_DB") or None


def demo_url(root: Path, db: str | None) -> str:
    return db or f"sqlite:///{(root / DB_NAME).resolve()}"


def demo_logins(url: str) -> list[DemoLogin]:
    """Create the demo's sign-in accounts in its freshly built database."""
    return create_demo_accounts(url)


def demo_should_serve(serve: bool | None, *, json_out: bool) -> bool:
    """Serve when asked; by default only for a person at a terminal (not --json, not piped)."""
    if serve is not None:
        return serve
    return not json_out and sys.stdin.isatty() and sys.stdout.isatty()


def print_demo_logins(logins: list[DemoLogin]) -> None:
    password = logins[0].password if logins else ""
    table = Table(title=f"Demo sign-ins: every account's password is [bold]{password}[/bold] "
                        "(demo only)", expand=True)
    table.add_column("Role", no_wrap=True)
    table.add_column("Login", no_wrap=True)
    table.add_column("Sees", ratio=1)
    for login in logins:
        table.add_row(login.role, login.login, login.note)
    console.print()
    console.print(table)


def serve_demo(root: Path, url: str, logins: list[DemoLogin], *, port: int) -> None:
    """Serve the demo on this machine only, until Ctrl-C."""
    console.print(f"\nServing the demo at [bold]http://127.0.0.1:{port}/[/bold] — sign in with "
                  "one of the logins above; Ctrl-C to stop.")
    run_server(url, root, host="127.0.0.1", port=port,
               secure_cookies=False)
