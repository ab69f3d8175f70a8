"""A small organisation with an account for every kind of caller, and clients for each.

Reporting lines (the access rules turn on them):

    Dana (director) ── Mo (manager, Checkout) ── Ada (self), Bo (peer), Dee (deactivated)
                    └─ Olga (manager, Payments) ── Cy, Cora (committee member)

plus an admin account that belongs to no person. Sessions are made directly in the database,
so building a world costs no sign-ins (argon2 is slow by design).

Registered as a plugin (tests/conftest.py), it gives every test module two fixtures: `worlds`
seeds the organisation once per module and backend, and `world` is a fresh copy of it for one
test. A module narrows the backends with `WORLD_BACKENDS` and adds to the seeded world by
overriding `world_setup`.
"""

from __future__ import annotations

import functools
import itertools
import shutil
import textwrap
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from psycopg import sql
from sqlalchemy import Engine, select, text

from staffpath.accounts import auth
from staffpath.accounts.auth import create_user, start_session
from staffpath.accounts.tables import User, WebSession
from staffpath.framework.loader import default_framework
from staffpath.framework.registry import store_framework
from staffpath.ledger.record import EvidenceInput
from staffpath.ledger.service import add_evidence, import_brag_text
from staffpath.people.service import find_person, import_roster, list_teams
from staffpath.store.engine import Store, make_engine
from staffpath.store.tables import Base
from staffpath.web.app import create_app

with warnings.catch_warnings():
    # Starlette's TestClient now prefers the httpx2 package and warns (an error under this
    # suite's settings) when it finds httpx instead; httpx is what staffpath depends on.
    warnings.simplefilter("ignore", UserWarning)
    from starlette.testclient import TestClient

ROSTER = textwrap.dedent("""\
    name,email,team,manager,level,target_level,role
    Dana Director,dana@corp.example,,,,,director
    Mo Manager,mo@corp.example,Checkout,dana@corp.example,,,manager
    Olga Other,olga@corp.example,Payments,dana@corp.example,,,manager
    Ada Lovelace,ada@corp.example;ada.l@old.example,Checkout,mo@corp.example,senior,staff,engineer
    Bo Peer,bo@corp.example,Checkout,mo@corp.example,senior,,engineer
    Dee Parted,dee@corp.example,Checkout,mo@corp.example,engineer,,engineer
    Cy Payments,cy@corp.example,Payments,olga@corp.example,senior,,engineer
    Cora Committee,cora@corp.example,Payments,olga@corp.example,principal,,engineer
    """)

BRAG = textwrap.dedent("""\
    # 2026
    ## Checkout rewrite
    - 2026-02-03: Led the cart split across 4 teams with Payments and Fulfilment #design
      - the hard part: migrating without downtime during peak
    - 2026-03-10: Mentored @bo through their first on-call rotation #mentoring
    ## Goals
    - Write the payments strategy for next year
    """)

PASSWORD = "correct horse battery"
# role -> (login, person handle or None, admin, committee)
ACCOUNTS: dict[str, tuple[str, str | None, bool, bool]] = {
    "self": ("ada@corp.example", "ada", False, False),
    "peer": ("bo@corp.example", "bo", False, False),
    "manager": ("mo@corp.example", "mo", False, False),
    "skip_manager": ("dana@corp.example", "dana", False, False),
    "other_manager": ("olga@corp.example", "olga", False, False),
    "committee": ("cora@corp.example", "cora", False, True),
    "admin": ("root@corp.example", None, True, False),
    "deactivated": ("dee@corp.example", "dee", False, False),
}
ROLES = (*ACCOUNTS, "anonymous")
SIGNED_IN = frozenset(r for r in ACCOUNTS if r != "deactivated")
# Tables whose content a refused write must leave alone. Sessions (activity times), sign-in
# attempts and the audit log change on every request by design.
VOLATILE_TABLES = frozenset({"web_sessions", "login_attempts", "audit_log", "alembic_version"})


@dataclass
class Ids:
    """Ids of the rows the route cases name."""

    ada: int = 0
    bo: int = 0
    ada_entry: int = 0
    ada_entry_version: int = 1
    bo_entry: int = 0
    bo_user: int = 0
    team: int = 0
    framework: int = 0


@dataclass
class Session:
    token: str
    csrf: str


@dataclass
class World:
    """One database with the organisation, its accounts and a live session per role."""

    url: str
    workspace: Path
    ids: Ids
    sessions: dict[str, Session]
    apps: list[FastAPI] = field(default_factory=list)

    def app(self) -> FastAPI:
        app = create_app(self.url, workspace=self.workspace, secure_cookies=False)
        self.apps.append(app)
        return app

    def client(self, role: str, app: FastAPI | None = None) -> TestClient:
        """A client signed in as a role (anonymous: no cookie), not following redirects."""
        client = TestClient(app or self.app(), follow_redirects=False)
        if role in self.sessions:
            client.cookies.set("staffpath_session", self.sessions[role].token)
        return client

    def csrf(self, role: str) -> str:
        return self.sessions[role].csrf if role in self.sessions else "no-session"

    def close(self) -> None:
        for app in self.apps:
            app.state.web.store.close()
        self.apps.clear()


def seed(url: str, workspace: Path) -> World:
    """Build the organisation in an empty database."""
    with fast_hashing():
        return _seed(url, workspace)


def _seed(url: str, workspace: Path) -> World:
    store = Store(url)
    ids = Ids()
    sessions: dict[str, Session] = {}
    fw = default_framework()
    roster = workspace / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    try:
        with store.session() as session:
            store_framework(session, fw, source="built-in")
            import_roster(session, roster, level_ids=fw.level_ids)
        with store.session() as session:
            ada, bo = find_person(session, "ada"), find_person(session, "bo")
            ids.ada, ids.bo = ada.id, bo.id
            teams = [t.name for t in list_teams(session)]
            ids.team = next(t.id for t in list_teams(session) if t.name == "Checkout")
            import_brag_text(session, ada, BRAG, document="upload:brag.md", framework=fw,
                             team_names=teams)
            entry = add_evidence(session, ada, EvidenceInput(
                title="Ran the incident review for the checkout outage", kind="incident",
                body="Wrote the timeline; **three** follow-ups landed."))
            ids.ada_entry, ids.ada_entry_version = entry.id, entry.version
            # Bo's record mentions Ada: erasing her must reach into other people's entries.
            ids.bo_entry = add_evidence(session, bo, EvidenceInput(
                title="Reviewed the cart split design with Ada Lovelace",
                body="Pairing with @ada (ada@corp.example) on the rollout plan.",
                people=["ada"])).id
            ids.framework = session.scalar(text("SELECT id FROM frameworks LIMIT 1")) or 0
            for role, (login, handle, admin, committee) in ACCOUNTS.items():
                person = find_person(session, handle) if handle else None
                user = create_user(session, login, PASSWORD, person=person, is_admin=admin,
                                   is_committee=committee)
                token = start_session(session, user)
                csrf = session.scalar(select(WebSession.csrf_token)
                                      .where(WebSession.user_id == user.id))
                sessions[role] = Session(token, str(csrf))
                if role == "peer":
                    ids.bo_user = user.id
        with store.session() as session:
            # Deactivated after signing in: the session it already has must stop working.
            session.execute(text("UPDATE users SET active = false WHERE login = :login"),
                            {"login": ACCOUNTS["deactivated"][0]})
    finally:
        store.close()
    return World(url=url, workspace=workspace, ids=ids, sessions=sessions)


class Worlds:
    """Fresh copies of one seeded world: a file copy on SQLite, a database made from it as a
    template on PostgreSQL. Seeding once and copying keeps each test's own world cheap."""

    def __init__(self, template: World, copy: Callable[[], str], ids: Any = None):
        self.template = template
        self.ids = ids  # what the module's `world_setup` returned (the ids of what it added)
        self._copy = copy

    def fresh(self) -> World:
        t = self.template
        return World(url=self._copy(), workspace=t.workspace, ids=t.ids, sessions=t.sessions)

    @functools.cached_property
    def shared(self) -> World:
        """One copy for the whole module, for tests that only read or must change nothing."""
        return self.fresh()

    @functools.cached_property
    def shared_app(self) -> FastAPI:
        return self.shared.app()

    def close(self) -> None:
        if "shared" in self.__dict__:
            self.shared.close()


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
SQLITE_ONLY = ["sqlite"]
WorldSetup = Callable[[World], Any]


def worlds_for(request: pytest.FixtureRequest, tmp: Path,
               setup: WorldSetup | None = None) -> Iterator[Worlds]:
    """Seed a world on the backend the fixture is parametrized with, let `setup` add to it,
    and yield its copier (with cheap password hashing throughout)."""
    counter = itertools.count()
    with fast_hashing():
        if request.param == "sqlite":
            template = seed(f"sqlite:///{tmp / 'template.db'}", tmp)
            added = setup(template) if setup else None

            def copy_file() -> str:
                target = tmp / f"copy{next(counter)}.db"
                shutil.copyfile(tmp / "template.db", target)
                return f"sqlite:///{target}"

            yield Worlds(template, copy_file, added)
        else:
            server = request.getfixturevalue("pg_server")
            base = server.create_database("web")
            template = seed(server.url(base), tmp)
            added = setup(template) if setup else None
            names: list[str] = []

            def copy_database() -> str:
                name = f"{base}_{next(counter)}"
                with server.admin() as conn:
                    conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                        sql.Identifier(name), sql.Identifier(base)))
                names.append(name)
                return str(server.url(name))

            yield Worlds(template, copy_database, added)
            dispose_engines()
            for name in [*names, base]:
                server.drop_database(name)
    dispose_engines()


# --- the fixtures (conftest.py registers this module as a plugin) --------------------------


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A module's tests run on each backend in `BACKENDS`, unless the module narrows them
    with its own `WORLD_BACKENDS` (e.g. `SQLITE_ONLY`)."""
    if "worlds" in metafunc.fixturenames:
        metafunc.parametrize("worlds", getattr(metafunc.module, "WORLD_BACKENDS", BACKENDS),
                             indirect=True, scope="module")


@pytest.fixture(scope="module")
def world_setup() -> WorldSetup | None:
    """What a module adds to the seeded world before it is copied: override this fixture in
    the module; what the function returns is `Worlds.ids`."""
    return None


@pytest.fixture(scope="module")
def worlds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
           world_setup: WorldSetup | None) -> Iterator[Worlds]:
    """The organisation seeded once per test module and backend, to be copied per test."""
    name = request.module.__name__.removeprefix("test_")
    tmp = tmp_path_factory.mktemp(f"{name}-{request.param}")
    for worlds in worlds_for(request, tmp, world_setup):
        yield worlds
        worlds.close()


@pytest.fixture
def world(worlds: Worlds) -> Iterator[World]:
    """A fresh copy of the module's world, for one test."""
    w = worlds.fresh()
    yield w
    w.close()


_engines: dict[str, Engine] = {}


def engine_for(url: str) -> Engine:
    """One engine per database for the checks below (opening a Store each time would
    check the migrations each time)."""
    if url not in _engines:
        _engines[url] = make_engine(url)
    return _engines[url]


def dispose_engines() -> None:
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table a refused write must not change."""
    out = {}
    with engine_for(url).connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in VOLATILE_TABLES:
                continue
            order = list(table.primary_key.columns)
            out[table.name] = [tuple(r) for r in conn.execute(select(table).order_by(*order))]
    return out


def audit_count(url: str, outcome: str) -> int:
    with engine_for(url).connect() as conn:
        return int(conn.scalar(text("SELECT count(*) FROM audit_log WHERE outcome = :o"),
                               {"o": outcome}) or 0)


def user_id(url: str, login: str) -> int:
    with engine_for(url).connect() as conn:
        return int(conn.scalar(select(User.id).where(User.login == login)) or 0)


def all_text(url: str) -> Iterator[tuple[str, str]]:
    """(table, text) for every text-like value in the database, JSON included."""
    with engine_for(url).connect() as conn:
        for table in Base.metadata.sorted_tables:
            for row in conn.execute(select(table)):
                for value in row:
                    if isinstance(value, str | dict | list):
                        yield table.name, str(value)


@contextmanager
def fast_hashing() -> Iterator[None]:
    """Cheap argon2id parameters while building test worlds: the same algorithm and hash
    format, without the deliberate cost of the real parameters on every seeded account."""
    real = auth._hasher
    auth._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    try:
        yield
    finally:
        auth._hasher = real


# --- the authorization grid ---------------------------------------------------------------

Send = Callable[[World, FastAPI, str], Any]  # (world, app, role) -> the httpx response


def refusal_problem(role: str, response: Any, *, api_or_write: bool,
                    expected: int = 404) -> str | None:
    """What is wrong with how a route turned a caller away, or None: anonymous and deactivated
    callers get 401 from the API and from writes and a redirect to sign in from pages; anyone
    else signed in gets `expected` (404 by default: hidden things do not exist)."""
    status = response.status_code
    if role in ("anonymous", "deactivated"):
        if api_or_write:
            return None if status == 401 else f"expected 401, got {status}"
        location = response.headers.get("location", "")
        return None if status == 303 and location.startswith("/login") else (
            f"expected a redirect to sign in, got {status}")
    return None if status == expected else f"expected {expected}, got {status}"


def grid_problems(worlds: Worlds, send: Send, *, allowed: frozenset[str], writes: bool,
                  api: bool, refusals: dict[str, int] | None = None) -> list[str]:
    """Call one route as every role and list what is wrong. An allowed caller succeeds (a
    writer on a fresh copy of its own, and its write is audited); anyone else is refused as
    `refusal_problem` says, the refusal is audited and a refused write changes no row."""
    problems: list[str] = []
    for role in ROLES:
        if role in allowed:
            world = worlds.fresh() if writes else worlds.shared
            app = world.app() if writes else worlds.shared_app
            ok_before = audit_count(world.url, "ok")
            response = send(world, app, role)
            location = response.headers.get("location", "")
            if response.status_code >= 400 or location.startswith("/login"):
                problems.append(f"{role}: allowed but got {response.status_code} "
                                f"{response.text[:200]}")
            elif writes and audit_count(world.url, "ok") <= ok_before:
                problems.append(f"{role}: the write was not audited")
            if writes:
                world.close()
            continue
        world = worlds.shared
        before = snapshot(world.url) if writes else None
        refused_before = audit_count(world.url, "refused")
        response = send(world, worlds.shared_app, role)
        problem = refusal_problem(role, response, api_or_write=api or writes,
                                  expected=(refusals or {}).get(role, 404))
        if problem:
            problems.append(f"{role}: {problem}")
        if before is not None and snapshot(world.url) != before:
            problems.append(f"{role}: a refused write changed the database")
        if audit_count(world.url, "refused") <= refused_before:
            problems.append(f"{role}: the refusal was not audited")
    return problems


@dataclass(frozen=True)
class GridCase:
    """One route, who may call it, and a valid request to it. `path`, and any form or JSON
    value written "{name}", are filled from the ids the module's `world_setup` returned."""

    method: str
    route: str  # as the application declares it
    path: str  # with the ids of the module's rows, e.g. {open}
    allowed: frozenset[str]
    form: dict[str, str] | None = None
    json: dict[str, Any] | None = None
    # Refusals that are not "nothing here": an ineligible caller the service turns away.
    refusals: dict[str, int] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.method} {self.route}"

    @property
    def writes(self) -> bool:
        return self.method not in ("GET", "HEAD")

    def send(self, world: World, app: FastAPI, role: str, ids: Any) -> Any:
        def fill(value: Any) -> Any:
            if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
                got = getattr(ids, value[1:-1], None)
                return got if isinstance(got, int) else value
            return value

        headers = {"X-CSRF-Token": world.csrf(role)} if self.writes else {}
        form = {k: str(fill(v)) for k, v in self.form.items()} if self.form else None
        body = {k: fill(v) for k, v in self.json.items()} if self.json else None
        return world.client(role, app).request(
            self.method, self.path.format(**vars(ids)), headers=headers, data=form, json=body)

    def problems(self, worlds: Worlds) -> list[str]:
        """`grid_problems` for this case, as every role."""
        return grid_problems(
            worlds, lambda world, app, role: self.send(world, app, role, worlds.ids),
            allowed=self.allowed, writes=self.writes, api=self.path.startswith("/api/"),
            refusals=self.refusals)


def routes_outside_the_grid(app: FastAPI, prefixes: tuple[str, ...],
                            cases: Iterable[GridCase]) -> list[str]:
    """Routes under `prefixes` with no case, and cases with no route (both should be empty)."""
    from fastapi.routing import APIRoute

    from staffpath.web.app import iter_routes

    routes = set()
    for route in iter_routes(app.routes):
        if isinstance(route, APIRoute) and route.path.startswith(prefixes):
            routes |= {f"{m} {route.path}" for m in route.methods or ()}
    return sorted(routes ^ {c.key for c in cases})
