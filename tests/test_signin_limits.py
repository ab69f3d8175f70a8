"""Sign-in limits slow an attacker without locking the owner out: failures for an account from
one address make that address wait longer each time; the account locks everywhere only at a
higher ceiling; an admin lifts a lock from the command line, the API or the admin page, which
shows it. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text, update

from staffpath.accounts.auth import authenticate
from staffpath.accounts.ratelimit import LoginVerdict
from staffpath.accounts.tables import LoginAttempt
from staffpath.store.engine import Store
from web_helpers import ACCOUNTS, PASSWORD, World, engine_for, user_id

ADA = ACCOUNTS["self"][0]
ATTACKER = "198.51.100.7"
OWNER = "192.0.2.10"


def attempt(world: World, password: str, ip: str) -> LoginVerdict:
    store = Store(world.url)
    try:
        with store.session() as session:
            return authenticate(session, ADA, password, ip=ip).verdict
    finally:
        store.close()


def fail(world: World, times: int, ip: str) -> None:
    for _ in range(times):
        assert attempt(world, "wrong", ip) is LoginVerdict.BAD_CREDENTIALS


def age_attempts(world: World, seconds: int) -> None:
    """Move every recorded attempt `seconds` into the past, as time passing would."""
    with engine_for(world.url).begin() as conn:
        table = LoginAttempt.__table__
        for row_id, at in conn.execute(select(table.c.id, table.c.at)).all():
            conn.execute(update(table).where(table.c.id == row_id).values(
                at=at - dt.timedelta(seconds=seconds)))


def set_setting(world: World, name: str, value: int) -> None:
    client = world.client("admin")
    settings = client.get("/api/admin/settings").json()
    settings[name] = value
    assert client.put("/api/admin/settings", json=settings,
                      headers={"X-CSRF-Token": world.csrf("admin")}).status_code == 200


def test_an_attacker_does_not_lock_the_owner_out(world: World) -> None:
    fail(world, 5, ATTACKER)
    # The attacker's address waits, even with the right password...
    assert attempt(world, PASSWORD, ATTACKER) is LoginVerdict.ACCOUNT_LOCKED
    # ...while the owner, elsewhere, signs in.
    assert attempt(world, PASSWORD, OWNER) is LoginVerdict.OK


def test_the_wait_doubles_and_passes(world: World) -> None:
    fail(world, 5, ATTACKER)
    assert attempt(world, "wrong", ATTACKER) is LoginVerdict.ACCOUNT_LOCKED
    age_attempts(world, 3)  # past the first 2 s wait
    fail(world, 1, ATTACKER)
    age_attempts(world, 3)  # the second wait is 4 s: not over yet
    assert attempt(world, PASSWORD, ATTACKER) is LoginVerdict.ACCOUNT_LOCKED
    age_attempts(world, 2)
    assert attempt(world, PASSWORD, ATTACKER) is LoginVerdict.OK


def test_the_account_locks_everywhere_at_its_ceiling(world: World) -> None:
    set_setting(world, "account_max_failures", 8)
    for n in range(8):
        fail(world, 1, f"203.0.113.{n + 1}")
    assert attempt(world, PASSWORD, OWNER) is LoginVerdict.ACCOUNT_LOCKED


def test_unlocking_from_the_command_line_lifts_the_lock(world: World, run_cli) -> None:  # type: ignore[no-untyped-def]
    set_setting(world, "account_max_failures", 6)
    for n in range(6):
        fail(world, 1, f"203.0.113.{n + 1}")
    assert attempt(world, PASSWORD, OWNER) is LoginVerdict.ACCOUNT_LOCKED
    done = run_cli("--db", world.url, "accounts", "unlock", ADA)
    assert done.code == 0, done.err
    assert "unlocked" in done.out
    assert attempt(world, PASSWORD, OWNER) is LoginVerdict.OK
    with engine_for(world.url).connect() as conn:
        assert conn.scalar(text(
            "SELECT count(*) FROM audit_log WHERE action = 'unlock_account'")) == 1
    unknown = run_cli("--db", world.url, "accounts", "unlock", "nobody@corp.example")
    assert unknown.code != 0
    assert "Traceback" not in unknown.err


def test_the_admin_page_shows_the_lock_and_lifts_it(world: World) -> None:
    set_setting(world, "account_max_failures", 6)
    for n in range(6):
        fail(world, 1, f"203.0.113.{n + 1}")
    ada = user_id(world.url, ADA)
    admin = world.client("admin")
    page = admin.get(f"/admin/users/{ada}")
    assert page.status_code == 200
    assert "<strong>Locked</strong>" in page.text
    assert "6 failed sign-ins" in page.text
    done = admin.post(f"/admin/users/{ada}/unlock", data={"csrf_token": world.csrf("admin")})
    assert done.status_code == 303
    assert "Not locked" in admin.get(f"/admin/users/{ada}").text
    fail(world, 1, OWNER)
    answer = admin.post(f"/api/admin/users/{ada}/unlock",
                        headers={"X-CSRF-Token": world.csrf("admin")})
    assert answer.json() == {"user_id": ada, "failures_forgotten": 1}
    # Only an admin may.
    assert world.client("self").post(f"/api/admin/users/{ada}/unlock", headers={
        "X-CSRF-Token": world.csrf("self")}).status_code == 404
