"""Signing in: argon2 hashes, cookie flags, session rotation and expiry, deactivation, CSRF on
every write, and the sign-in rate limit (counted in the database, per account and address)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import text

from staffpath.accounts.auth import create_user
from staffpath.accounts.settings import WebSettings, save_settings
from staffpath.store.engine import Store
from web_helpers import ACCOUNTS, PASSWORD, TestClient, World, audit_count, engine_for, snapshot

ADA = ACCOUNTS["self"][0]


def login_form(client: TestClient) -> str:
    """Open the sign-in page; return the anonymous CSRF token it carries (also set as cookie)."""
    page = client.get("/login")
    assert page.status_code == 200
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found
    return found.group(1)


def sign_in(client: TestClient, login: str, password: str) -> int:
    token = login_form(client)
    return client.post("/login", data={"login": login, "password": password,
                                       "csrf_token": token}).status_code


def sql(world: World, statement: str, **params: object) -> None:
    with engine_for(world.url).begin() as conn:
        conn.execute(text(statement), params)


# --- passwords and cookies ---------------------------------------------------------------


def test_password_hashes_are_argon2id(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    try:
        with store.session() as session:
            user = create_user(session, "new@corp.example", "a long enough password")
            assert user.password_hash.startswith("$argon2id$")
            assert "a long enough password" not in user.password_hash
    finally:
        store.close()


def test_sign_in_sets_a_fresh_httponly_samesite_session_cookie(world: World) -> None:
    client = world.client("anonymous")
    token = login_form(client)
    client.cookies.set("staffpath_session", world.sessions["peer"].token)  # planted before
    response = client.post("/login", data={"login": ADA, "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 303
    cookie = response.cookies.get("staffpath_session")
    assert cookie
    assert cookie != world.sessions["peer"].token  # a new session, not the old one
    # The session that came in with the browser was ended, not reused (rotation).
    stale = world.client("anonymous")
    stale.cookies.set("staffpath_session", world.sessions["peer"].token)
    assert stale.get("/account").status_code == 303


@pytest.mark.parametrize("secure", [True, False])
def test_cookie_flags(tmp_path: Path, world: World, secure: bool) -> None:
    from staffpath.web.app import create_app

    app = create_app(world.url, workspace=tmp_path, secure_cookies=secure)
    try:
        base = "https://testserver" if secure else "http://testserver"
        client = TestClient(app, base_url=base, follow_redirects=False)
        token = login_form(client)
        response = client.post("/login", data={"login": ADA, "password": PASSWORD,
                                               "csrf_token": token})
        assert response.status_code == 303
        header = next(v for v in response.headers.get_list("set-cookie")
                      if "staffpath" in v and "login" not in v.split("=")[0])
        assert "HttpOnly" in header
        assert "samesite=lax" in header.lower()
        assert "Path=/" in header
        if secure:
            assert header.startswith("__Host-staffpath=")
            assert "Secure" in header
        else:
            assert header.startswith("staffpath_session=")
            assert "Secure" not in header
    finally:
        app.state.web.store.close()


def test_sign_out_ends_the_session(world: World) -> None:
    client = world.client("self")
    assert client.post("/logout", headers={"X-CSRF-Token": world.csrf("self")}).status_code \
        == 303
    again = world.client("self")
    assert again.get("/account").headers["location"].startswith("/login")


def test_idle_sessions_expire(world: World) -> None:
    sql(world, "UPDATE web_sessions SET last_seen_at = :t", t="2000-01-01 00:00:00")
    response = world.client("self").get("/people/ada/journal")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")
    assert world.client("self").get("/api/me").status_code == 401


def test_a_deactivated_account_cannot_sign_in_and_its_session_is_dead(world: World) -> None:
    # The world deactivated Dee after she signed in: her existing session no longer works.
    assert world.client("deactivated").get("/api/me").status_code == 401
    assert sign_in(world.client("anonymous"), ACCOUNTS["deactivated"][0], PASSWORD) == 401


def test_deactivating_through_the_admin_api_ends_sessions_at_once(world: World) -> None:
    admin = world.client("admin")
    bo = world.client("peer")
    assert bo.get("/api/me").status_code == 200
    response = admin.patch(f"/api/admin/users/{world.ids.bo_user}", json={"active": False},
                           headers={"X-CSRF-Token": world.csrf("admin")})
    assert response.status_code == 200
    assert bo.get("/api/me").status_code == 401


def test_api_sign_in_returns_the_csrf_token_and_wants_json(world: World) -> None:
    client = world.client("anonymous")
    response = client.post("/api/session", json={"login": ADA, "password": PASSWORD})
    assert response.status_code == 200
    csrf = response.json()["csrf_token"]
    assert client.get("/api/me").json()["csrf_token"] == csrf
    as_form = world.client("anonymous").post(
        "/api/session", content=f'{{"login": "{ADA}", "password": "{PASSWORD}"}}',
        headers={"Content-Type": "text/plain"})
    assert as_form.status_code in (415, 422)
    assert "set-cookie" not in as_form.headers


# --- CSRF --------------------------------------------------------------------------------


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_a_form_post_without_the_right_csrf_token_is_refused(world: World,
                                                            token: str | None) -> None:
    client = world.client("self")
    data = {"title": "Forged entry"}
    if token is not None:
        data["csrf_token"] = token
    before = snapshot(world.url)
    refused = audit_count(world.url, "refused")
    response = client.post("/people/ada/journal/entries", data=data)
    assert response.status_code == 403
    assert snapshot(world.url) == before
    assert audit_count(world.url, "refused") == refused + 1
    # The same post with the session's token goes through.
    data["csrf_token"] = world.csrf("self")
    assert client.post("/people/ada/journal/entries", data=data).status_code == 303


def test_an_api_write_needs_the_csrf_header(world: World) -> None:
    client = world.client("self")
    before = snapshot(world.url)
    assert client.post("/api/people/ada/entries", json={"title": "x"}).status_code == 403
    assert client.post("/api/people/ada/entries", json={"title": "x"},
                       headers={"X-CSRF-Token": world.csrf("peer")}).status_code == 403
    assert snapshot(world.url) == before


def test_the_sign_in_form_has_its_own_csrf_token(world: World) -> None:
    client = world.client("anonymous")
    response = client.post("/login", data={"login": ADA, "password": PASSWORD})
    assert response.status_code == 403
    assert "staffpath_session" not in client.cookies


# --- rate limit --------------------------------------------------------------------------


def test_after_too_many_failures_even_the_right_password_is_refused(world: World) -> None:
    limit = WebSettings().login_max_failures
    client = world.client("anonymous")
    for _ in range(limit):
        assert sign_in(client, ADA, "wrong password!") == 401
    assert sign_in(client, ADA, PASSWORD) == 429
    assert "staffpath_session" not in client.cookies
    # Once the failures are older than the window, the account opens again.
    sql(world, "UPDATE login_attempts SET at = :t", t="2000-01-01 00:00:00")
    assert sign_in(client, ADA, PASSWORD) == 303


def test_failures_from_one_address_lock_it_across_accounts(world: World) -> None:
    store = Store(world.url)
    try:
        with store.session() as session:
            save_settings(session, WebSettings(ip_max_failures=3))
    finally:
        store.close()
    client = world.client("anonymous")
    for login in ("nobody@corp.example", "bo@corp.example", "mo@corp.example"):
        assert sign_in(client, login, "wrong password!") == 401
    assert sign_in(client, ADA, PASSWORD) == 429


def test_the_rate_limit_is_shared_by_every_app_on_the_database(world: World) -> None:
    # Two application instances stand for two worker processes: the count is in the database.
    first, second = world.client("anonymous", world.app()), world.client("anonymous",
                                                                        world.app())
    limit = WebSettings().login_max_failures
    for n in range(limit):
        assert sign_in(first if n % 2 else second, ADA, "wrong password!") == 401
    assert sign_in(first, ADA, PASSWORD) == 429
    assert sign_in(second, ADA, PASSWORD) == 429


def test_login_attempts_keep_no_login_names(world: World) -> None:
    sign_in(world.client("anonymous"), ADA, "wrong password!")
    with engine_for(world.url).connect() as conn:
        stored = [r[0] for r in conn.execute(text("SELECT login FROM login_attempts"))]
    assert stored
    assert all("@" not in s for s in stored)
