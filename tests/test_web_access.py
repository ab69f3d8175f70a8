"""The authorization grid: every route × every kind of caller, through the real application.

Each route case names, independently of the application's policy code, who may use it. Every
caller is tried on every route, on SQLite and on PostgreSQL: an allowed call must succeed
(writes on a fresh copy of the database, and audited); a refused one must answer as if
nothing were there (404; 401 or a sign-in redirect without a live session), leave every
table as it was, and be audited as refused. A route with no access rule, or with no case
here, fails the suite.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

from staffpath.framework.loader import default_framework, dump_framework_yaml
from staffpath.web import app as app_module
from staffpath.web.access import rule_of
from staffpath.web.app import create_app, iter_routes, unruled_routes
from web_helpers import (
    PASSWORD,
    ROLES,
    SIGNED_IN,
    Ids,
    TestClient,
    World,
    Worlds,
    audit_count,
    snapshot,
)

OWN = frozenset({"self"})
JOURNAL_READERS = frozenset({"self", "manager", "skip_manager"})
CASE_READERS = JOURNAL_READERS | {"committee"}
MANAGERS = frozenset({"manager", "skip_manager", "other_manager"})
LEADERS = MANAGERS | {"committee", "admin"}
ADMIN = frozenset({"admin"})
NOBODY: frozenset[str] = frozenset()
SAFE = ("GET", "HEAD")


@functools.cache
def _framework_yaml() -> str:
    fw = default_framework()
    return dump_framework_yaml(fw.model_copy(update={"version": "2099.1"}))


BRAG_UPLOAD = b"# 2026\n- 2026-04-01: Wrote the design doc for payment retries #design\n"
SETTINGS = {"org_name": "Corp", "session_idle_minutes": 60, "login_max_failures": 5,
            "login_window_minutes": 15, "ip_max_failures": 30}


@dataclass(frozen=True)
class Case:
    """One route, who may call it, and a valid request to it."""

    method: str
    route: str
    allowed: frozenset[str]
    action: str  # read | list | update | delete | export
    form: Callable[[Ids], dict[str, Any]] | None = None
    json: Callable[[Ids], Any] | None = None
    files: Callable[[Ids], dict[str, Any]] | None = None
    headers: Callable[[Ids], dict[str, str]] = field(default=lambda ids: {})

    @property
    def key(self) -> str:
        return f"{self.method} {self.route}"

    @property
    def writes(self) -> bool:
        return self.method not in SAFE

    @property
    def api(self) -> bool:
        return self.route.startswith("/api/")

    def path(self, ids: Ids) -> str:
        return self.route.format(handle="ada", entry_id=ids.ada_entry, person_id=ids.bo,
                                 user_id=ids.bo_user, team_id=ids.team,
                                 version_id=ids.framework, fmt="md")


def if_match(ids: Ids) -> dict[str, str]:
    return {"If-Match": f'"{ids.ada_entry_version}"'}


P = "/people/{handle}"
CASES = (
    # --- the caller's own account
    Case("POST", "/logout", SIGNED_IN, "update"),
    Case("GET", "/account", SIGNED_IN, "read"),
    Case("POST", "/account/password", SIGNED_IN, "update",
         form=lambda i: {"current_password": PASSWORD, "new_password": "a brand new password"}),
    # --- one person's journal
    Case("GET", f"{P}/journal", JOURNAL_READERS, "list"),
    Case("POST", f"{P}/journal/entries", OWN, "update",
         form=lambda i: {"title": "Shipped the cart service", "kind": "shipped_project"}),
    Case("GET", f"{P}/journal/entries/{{entry_id}}", JOURNAL_READERS, "read"),
    Case("GET", f"{P}/journal/entries/{{entry_id}}/edit", OWN, "update"),
    Case("POST", f"{P}/journal/entries/{{entry_id}}", OWN, "update",
         form=lambda i: {"title": "Ran the incident review", "version": i.ada_entry_version}),
    Case("POST", f"{P}/journal/entries/{{entry_id}}/delete", OWN, "delete",
         form=lambda i: {"version": i.ada_entry_version}),
    Case("POST", f"{P}/journal/import", OWN, "update",
         files=lambda i: {"file": ("more.md", BRAG_UPLOAD, "text/markdown")}),
    Case("GET", f"{P}/journal/export.csv", OWN, "export"),
    Case("GET", f"{P}/export.json", OWN, "export"),
    # --- assessment and packet
    Case("GET", f"{P}/assessment", CASE_READERS, "read"),
    Case("GET", f"{P}/assessment/chart.svg", CASE_READERS, "read"),
    Case("POST", f"{P}/assessment/self-ratings", OWN, "update",
         form=lambda i: {"rating:scope_of_impact": "staff"}),
    Case("GET", f"{P}/packet", CASE_READERS, "read"),
    Case("GET", f"{P}/packet.{{fmt}}", CASE_READERS, "export"),
    # --- across people
    Case("GET", "/team", MANAGERS, "list"),
    Case("GET", "/committee", frozenset({"committee"}), "list"),
    Case("GET", "/org", LEADERS, "read"),
    # --- admin pages
    Case("GET", "/admin", ADMIN, "read"),
    Case("GET", "/admin/people", ADMIN, "list"),
    Case("POST", "/admin/people", ADMIN, "update",
         form=lambda i: {"name": "Eve New", "email": "eve@corp.example", "team": "Checkout",
                         "manager": "mo", "level": "engineer"}),
    Case("GET", "/admin/people/{person_id}", ADMIN, "read"),
    Case("POST", "/admin/people/{person_id}", ADMIN, "update",
         form=lambda i: {"name": "Bo Renamed", "team": "Checkout", "manager": "mo",
                         "role": "engineer", "level": "senior", "target_level": "",
                         "active": "true"}),
    Case("POST", "/admin/people/{person_id}/erase", ADMIN, "delete",
         form=lambda i: {"confirm": "bo"}),
    Case("GET", "/admin/users", ADMIN, "list"),
    Case("POST", "/admin/users", ADMIN, "update",
         form=lambda i: {"login": "eve@corp.example", "password": "long enough password"}),
    Case("GET", "/admin/users/{user_id}", ADMIN, "read"),
    Case("POST", "/admin/users/{user_id}", ADMIN, "update",
         form=lambda i: {"is_committee": "true"}),
    Case("POST", "/admin/users/{user_id}/password", ADMIN, "update"),
    Case("POST", "/admin/users/{user_id}/unlock", ADMIN, "update"),
    Case("GET", "/admin/teams", ADMIN, "list"),
    Case("POST", "/admin/teams", ADMIN, "update", form=lambda i: {"name": "Search"}),
    Case("GET", "/admin/teams/{team_id}", ADMIN, "read"),
    Case("POST", "/admin/teams/{team_id}", ADMIN, "update",
         form=lambda i: {"description": "Cart and checkout"}),
    Case("POST", "/admin/org-size", ADMIN, "update",
         form=lambda i: {"engineers": "40", "teams": "5"}),
    Case("GET", "/admin/framework", ADMIN, "read"),
    Case("POST", "/admin/framework", ADMIN, "update",
         files=lambda i: {"file": ("fw.yaml", _framework_yaml().encode(), "text/yaml")}),
    Case("POST", "/admin/framework/{version_id}/activate", ADMIN, "update"),
    Case("GET", "/admin/settings", ADMIN, "read"),
    Case("POST", "/admin/settings", ADMIN, "update", form=lambda i: dict(SETTINGS)),
    Case("GET", "/admin/audit", ADMIN, "list"),
    # --- the JSON API
    Case("DELETE", "/api/session", SIGNED_IN, "delete"),
    Case("GET", "/api/me", SIGNED_IN, "read"),
    Case("GET", "/api/people", SIGNED_IN, "list"),
    Case("GET", f"/api{P}", JOURNAL_READERS, "read"),
    Case("GET", f"/api{P}/entries", JOURNAL_READERS, "list"),
    Case("POST", f"/api{P}/entries", OWN, "update",
         json=lambda i: {"title": "Shipped the cart service", "scope": "teams"}),
    Case("GET", f"/api{P}/entries/{{entry_id}}", JOURNAL_READERS, "read"),
    Case("PATCH", f"/api{P}/entries/{{entry_id}}", OWN, "update",
         json=lambda i: {"title": "Ran the incident review"}, headers=if_match),
    Case("DELETE", f"/api{P}/entries/{{entry_id}}", OWN, "delete", headers=if_match),
    Case("GET", f"/api{P}/notes", JOURNAL_READERS, "list"),
    Case("POST", f"/api{P}/brag-docs", OWN, "update",
         json=lambda i: {"text": BRAG_UPLOAD.decode(), "name": "more.md"}),
    Case("GET", f"/api{P}/journal/export", OWN, "export"),
    Case("GET", f"/api{P}/assessment", CASE_READERS, "read"),
    Case("PUT", f"/api{P}/self-ratings", OWN, "update",
         json=lambda i: {"ratings": {"scope_of_impact": "staff"}}),
    Case("GET", f"/api{P}/packet", CASE_READERS, "export"),
    Case("GET", f"/api{P}/export", OWN, "export"),
    Case("GET", "/api/team", MANAGERS, "list"),
    Case("GET", "/api/committee", frozenset({"committee"}), "list"),
    Case("GET", "/api/org", LEADERS, "read"),
    Case("GET", "/api/admin/people", ADMIN, "list"),
    Case("POST", "/api/admin/people", ADMIN, "update",
         json=lambda i: {"name": "Eve New", "email": "eve@corp.example", "manager": "mo"}),
    Case("PATCH", "/api/admin/people/{person_id}", ADMIN, "update",
         json=lambda i: {"name": "Bo Renamed"}),
    Case("POST", "/api/admin/people/{person_id}/erase", ADMIN, "delete",
         json=lambda i: {"confirm": "bo"}),
    Case("GET", "/api/admin/users", ADMIN, "list"),
    Case("POST", "/api/admin/users", ADMIN, "update",
         json=lambda i: {"login": "eve@corp.example"}),
    Case("PATCH", "/api/admin/users/{user_id}", ADMIN, "update",
         json=lambda i: {"is_committee": True}),
    Case("POST", "/api/admin/users/{user_id}/password", ADMIN, "update", json=lambda i: {}),
    Case("POST", "/api/admin/users/{user_id}/unlock", ADMIN, "update"),
    Case("GET", "/api/admin/teams", ADMIN, "list"),
    Case("POST", "/api/admin/teams", ADMIN, "update", json=lambda i: {"name": "Search"}),
    Case("PATCH", "/api/admin/teams/{team_id}", ADMIN, "update",
         json=lambda i: {"description": "Cart and checkout"}),
    Case("GET", "/api/admin/org-size", ADMIN, "read"),
    Case("PUT", "/api/admin/org-size", ADMIN, "update",
         json=lambda i: {"engineers": 40, "teams": 5}),
    Case("DELETE", "/api/admin/org-size", ADMIN, "update"),
    Case("GET", "/api/admin/frameworks", ADMIN, "list"),
    Case("POST", "/api/admin/frameworks", ADMIN, "update",
         json=lambda i: {"yaml": _framework_yaml()}),
    Case("POST", "/api/admin/frameworks/{version_id}/activate", ADMIN, "update"),
    Case("GET", "/api/admin/settings", ADMIN, "read"),
    Case("PUT", "/api/admin/settings", ADMIN, "update", json=lambda i: dict(SETTINGS)),
    Case("GET", "/api/admin/audit", ADMIN, "list"),
)
# Routes anyone may call: signing in, the landing redirect, health, the schema.
PUBLIC_ROUTES = frozenset({
    "GET /", "GET /healthz", "GET /favicon.ico", "GET /login", "POST /login",
    "POST /api/session",
})


# --- calling a route ---------------------------------------------------------------------


def call(world: World, app: FastAPI, case: Case, role: str) -> httpx.Response:
    client = world.client(role, app)
    ids = world.ids
    headers = dict(case.headers(ids))
    if case.writes:
        headers["X-CSRF-Token"] = world.csrf(role)
    return client.request(
        case.method, case.path(ids), headers=headers,
        data=case.form(ids) if case.form else None,
        json=case.json(ids) if case.json else None,
        files=case.files(ids) if case.files else None)


def succeeded(case: Case, response: httpx.Response) -> bool:
    if response.status_code >= 400:
        return False
    # A page that sends the caller to sign in has refused them, whatever its status.
    return case.writes or not response.headers.get("location", "").startswith("/login")


def refusal_problem(case: Case, role: str, response: httpx.Response) -> str | None:
    """Why a refused call answered the wrong way, or None when it answered rightly."""
    status = response.status_code
    if role in ("anonymous", "deactivated"):
        if case.api or case.writes:
            return None if status == 401 else f"expected 401, got {status}"
        location = response.headers.get("location", "")
        return None if status == 303 and location.startswith("/login") else (
            f"expected a redirect to sign in, got {status} {location}")
    return None if status == 404 else f"expected 404 (not 403), got {status}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.key)
def test_route_answers_each_caller_as_its_rule_says(worlds: Worlds, case: Case) -> None:
    problems: list[str] = []
    # Allowed writes go to a copy of the database of their own, so that they change nothing
    # the other cases see; one caller's write (a sign-out, a new password) leaves the other
    # callers' sessions alone, so they can share it.
    fresh = worlds.fresh() if case.writes and case.allowed else None
    fresh_app = fresh.app() if fresh else None
    # Refusals change nothing, so one snapshot taken before them all holds after each one.
    before = snapshot(worlds.shared.url) if case.writes else None
    try:
        for role in ROLES:
            if role in case.allowed:
                problems += allowed_problems(worlds, case, role, fresh, fresh_app)
            else:
                problems += refused_problems(worlds, case, role, before)
    finally:
        if fresh is not None:
            fresh.close()
    assert problems == [], f"{case.key}:\n  " + "\n  ".join(problems)


def allowed_problems(worlds: Worlds, case: Case, role: str, fresh: World | None,
                     fresh_app: FastAPI | None) -> list[str]:
    world, app = (fresh, fresh_app) if fresh and fresh_app else (
        worlds.shared, worlds.shared_app)
    ok_before = audit_count(world.url, "ok")
    response = call(world, app, case, role)
    if not succeeded(case, response):
        return [f"{role}: allowed but got {response.status_code} {response.text[:200]}"]
    if case.writes and audit_count(world.url, "ok") <= ok_before:
        return [f"{role}: the write was not audited"]
    return []


def refused_problems(worlds: Worlds, case: Case, role: str,
                     before: dict[str, list[tuple[Any, ...]]] | None) -> list[str]:
    world = worlds.shared
    refused_before = audit_count(world.url, "refused")
    response = call(world, worlds.shared_app, case, role)
    if succeeded(case, response):
        return [f"{role}: UNEXPECTED SUCCESS {response.status_code}"]
    problems = []
    problem = refusal_problem(case, role, response)
    if problem:
        problems.append(f"{role}: {problem}")
    if before is not None and snapshot(world.url) != before:
        problems.append(f"{role}: a refused write changed the database")
    if audit_count(world.url, "refused") <= refused_before:
        problems.append(f"{role}: the refusal was not audited")
    return problems


def test_public_routes_never_fail_for_any_caller(worlds: Worlds) -> None:
    world = worlds.shared
    for role in ROLES:
        client = world.client(role, worlds.shared_app)
        for path in ("/", "/healthz", "/favicon.ico", "/login", "/api/openapi.json"):
            assert client.get(path).status_code < 400, (role, path)


# --- every route has a rule, and a case here --------------------------------------------


def _routes(app: FastAPI) -> dict[str, APIRoute]:
    found = {}
    for route in iter_routes(app.routes):
        if isinstance(route, APIRoute):
            for method in route.methods or ():
                found[f"{method} {route.path}"] = route
    return found


def test_every_route_has_an_access_rule(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'a.db'}", workspace=tmp_path)
    try:
        assert unruled_routes(app.routes) == []
        assert all(rule_of(r.endpoint) is not None for r in _routes(app).values())
    finally:
        app.state.web.store.close()


# The modules whose routes this grid covers. Areas that add their own pages (promotion
# cycles, organisation views) keep their grids with their tests; their routes still cannot
# exist without a rule (the test above and create_app itself see to that).
GRID_MODULES = frozenset({
    "staffpath.web.views.signin", "staffpath.web.views.journal",
    "staffpath.web.views.assessment", "staffpath.web.views.packet",
    "staffpath.web.views.overviews", "staffpath.web.views.admin", "staffpath.web.api",
    "staffpath.web.api_admin",
})
# Routes of those other modules that this grid covers all the same.
GRID_ROUTES = frozenset({"GET /org"})


def test_every_route_is_in_the_grid(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'a.db'}", workspace=tmp_path)
    try:
        routes = {key for key, route in _routes(app).items()
                  if route.endpoint.__module__ in GRID_MODULES or key in GRID_ROUTES}
    finally:
        app.state.web.store.close()
    in_grid = {c.key for c in CASES} | PUBLIC_ROUTES
    assert sorted(routes - in_grid) == [], "routes with no case in the authorization grid"
    assert sorted(in_grid - routes) == [], "grid cases for routes that do not exist"
    assert {c.action for c in CASES} == {"read", "list", "update", "delete", "export"}


def test_a_route_without_a_rule_is_caught_and_refused(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'a.db'}", workspace=tmp_path,
                     secure_cookies=False)
    try:
        @app.get("/forgotten")
        def forgotten() -> dict[str, str]:
            return {"secret": "yes"}

        assert unruled_routes(app.routes) == ["GET /forgotten"]
        # Even so, the guard in front of every route refuses it rather than serving it.
        response = TestClient(app, follow_redirects=False).get("/forgotten")
        assert response.status_code == 404
        assert "secret" not in response.text
    finally:
        app.state.web.store.close()


def test_create_app_refuses_to_start_with_an_unruled_route(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    router = APIRouter()

    @router.get("/unguarded")
    def unguarded() -> dict[str, str]:
        return {}

    monkeypatch.setattr(app_module, "api_admin", SimpleNamespace(router=router))
    with pytest.raises(RuntimeError, match="GET /unguarded"):
        create_app(f"sqlite:///{tmp_path / 'a.db'}", workspace=tmp_path)
