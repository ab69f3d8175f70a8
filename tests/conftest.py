"""Shared fixtures: real workspaces on disk and the real `staffpath` entry point."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from pg import NoPostgres, PgServer, start_server
from staffpath.framework.loader import default_framework
from staffpath.framework.model import Framework
from staffpath.people.service import import_roster
from staffpath.store.engine import Store

# The seeded web organisation as fixtures (`worlds`, `world`), for every test of the web.
pytest_plugins = ["web_helpers"]

ROSTER = textwrap.dedent("""\
    name,email,team,manager,level,target_level,role
    Dana Director,dana@corp.example,,,,,director
    Mo Manager,mo@corp.example,Checkout,dana@corp.example,,,manager
    Ada Lovelace,ada@corp.example;ada.l@old.example,Checkout,mo@corp.example,senior,staff,engineer
    Bo Junior,bo@corp.example,Checkout,mo@corp.example,engineer,senior,engineer
    Cy Peer,cy@corp.example,Payments,dana@corp.example,senior,,engineer
    """)


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run `python -m staffpath` as a user would, in a workspace of its own."""
    workspace = tmp_path / "ws"

    def run(*args: str, input: str | None = None, cwd: Path | None = None) -> CliResult:
        env = {k: v for k, v in os.environ.items() if not k.startswith("STAFFPATH_")}
        env["COLUMNS"] = "200"
        proc = subprocess.run(
            [sys.executable, "-m", "staffpath", "--workspace", str(workspace), *args],
            capture_output=True, text=True, input=input, env=env, cwd=cwd or tmp_path,
            timeout=120,
        )
        return CliResult(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def framework() -> Framework:
    return default_framework()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path / 'test.db'}")
    yield s
    s.close()


@pytest.fixture
def roster_file(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


@pytest.fixture
def org(store: Store, roster_file: Path, framework: Framework) -> Store:
    """A store with the small test roster imported."""
    with store.session() as session:
        import_roster(session, roster_file, level_ids=framework.level_ids)
    return store


def session_of(store: Store) -> Session:
    return store._sessions()


# --- databases: SQLite and a real PostgreSQL server ------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgresql: runs against a real PostgreSQL server")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server of this test process's own (each xdist worker starts one)."""
    try:
        server = start_server()
    except NoPostgres as exc:
        # CI installs PostgreSQL, so there a missing server is a broken setup, not a skip.
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI runs the PostgreSQL tests: {exc}", pytrace=False)
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh, empty database on the test server, dropped afterwards."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def pg_migrated_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh database on the test server with staffpath's schema, dropped afterwards."""
    name = pg_server.create_database(template=pg_server.migrated_template())
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new database on each backend: an SQLite file not yet made, or a PostgreSQL database
    already migrated (a copy of one the migrations built once; `pg_url` is an empty one)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return str(request.getfixturevalue("pg_migrated_url"))


@pytest.fixture
def db_store(db_url: str) -> Iterator[Store]:
    """`store` on each backend; a test module opts in by overriding `store` with it."""
    s = Store(db_url)
    yield s
    if getattr(s.engine.pool, "checkedout", lambda: 0)():
        # A session the test left open holds a connection until collected; collect it now,
        # while its database exists, so that close() shuts the connection cleanly.
        gc.collect()
    s.close()


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The demo organisation, built once for the whole run (it takes a while: it mines git
    repositories and prints the PDF packets of its ready and not-ready showcase pair).
    Parallel workers share it: the first to ask builds it under a lock, the others read what
    it built. Read it; don't change it."""
    import datetime as dt
    import fcntl
    import pickle

    from staffpath.demo.build import build_demo

    # Under xdist each worker's base folder sits in one folder the whole run shares.
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    built = shared / "demo-build.pickle"
    with open(shared / "demo-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if built.exists():
            return pickle.loads(built.read_bytes())
        result = build_demo(shared / "demo" / "ws", today=dt.date(2026, 11, 21))
        built.write_bytes(pickle.dumps(result))
        return result


@pytest.fixture
def demo_store(demo_build, tmp_path: Path) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    """A private copy of the demo database, for a test that changes it."""
    import shutil

    from staffpath.workspace import DB_NAME

    copy = tmp_path / DB_NAME
    shutil.copy(demo_build.root / DB_NAME, copy)
    store = Store(f"sqlite:///{copy}")
    yield store
    store.close()
