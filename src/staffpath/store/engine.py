"""Opening a staffpath database: engine settings, migrations applied on open, sessions."""

from __future__ import annotations

import ast
import functools
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from staffpath.errors import ConflictError, StoreError, UnavailableError
from staffpath.store.sqlite_schema import create_from_schema

if TYPE_CHECKING:
    from alembic.config import Config

SQLITE_BUSY_TIMEOUT_MS = 15_000
# PostgreSQL: connections kept open, and how many more a burst of requests may open.
PG_POOL_SIZE = 10
PG_MAX_OVERFLOW = 20
# Execution option marking a unit of work that only reads.
READ_ONLY = "staffpath_read_only"
# What plain reads run on: an ORM session, or a connection from `Store.reading()`.
Reader = Session | Connection
# What `Store.session()` yields, as the front ends name it: they hand it to services and never
# query it themselves.
UnitOfWork = Session
# SQLSTATEs PostgreSQL uses to say "a concurrent transaction got there first; try again".
PG_RETRY_STATES = frozenset({"40001", "40P01"})  # serialization_failure, deadlock_detected
# admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down).
PG_DOWN_STATES = frozenset({"57P01", "57P02", "57P03"})


def _alembic_config() -> Config:
    from alembic.config import Config  # only to migrate: opening a current database skips it

    cfg = Config()
    location = resources.files("staffpath.store") / "migrations"
    cfg.set_main_option("script_location", str(location))
    return cfg


_MIGRATION_NAMES = ("revision", "down_revision", "depends_on")


@functools.cache
def _migration_graph() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each migration's (down revisions, dependencies), read from the files' own assignments
    without importing them (or Alembic): most commands open a database that is up to date."""
    graph: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    versions = resources.files("staffpath.store") / "migrations" / "versions"
    for entry in versions.iterdir():
        if not entry.name.endswith(".py") or entry.name.startswith("_"):
            continue
        values: dict[str, Any] = {}
        for node in ast.parse(entry.read_text(encoding="utf-8")).body:
            if (isinstance(node, ast.Assign | ast.AnnAssign)
                    and isinstance(target := (node.targets[0] if isinstance(node, ast.Assign)
                                              else node.target), ast.Name)
                    and target.id in _MIGRATION_NAMES and node.value is not None):
                values[target.id] = ast.literal_eval(node.value)
        if "revision" in values:
            graph[str(values["revision"])] = (_names(values.get("down_revision")),
                                              _names(values.get("depends_on")))
    return graph


def head_revisions() -> set[str]:
    """What a fully migrated database records: the newest migration of each branch, less any
    that another branch depends on (Alembic then records only the dependent one). Areas add
    their own branch off the initial schema, so several heads are normal."""
    graph = _migration_graph()
    downs = {d for down, _deps in graph.values() for d in down}
    heads = {rev for rev in graph if rev not in downs}
    below: set[str] = set()
    todo = list(heads)
    while todo:
        down, deps = graph.get(todo.pop(), ((), ()))
        for ref in (*down, *deps):
            if ref in graph and ref not in below:
                below.add(ref)
                todo.append(ref)
    return heads - below


def _current_heads(conn: Connection) -> set[str]:
    """The revisions the database records (none for a new or foreign database)."""
    if not inspect(conn).has_table("alembic_version"):
        return set()
    return {str(row[0]) for row in conn.execute(text("SELECT version_num FROM alembic_version"))}


def _names(refs: str | Sequence[str] | None) -> tuple[str, ...]:
    if refs is None:
        return ()
    return (refs,) if isinstance(refs, str) else tuple(refs)


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # The sqlite3 module's own BEGIN (only before INSERT/UPDATE/DELETE) is off: _on_sqlite_begin
    # starts every transaction instead, so reads are inside it too.
    dbapi_conn.isolation_level = None
    # Foreign keys are off by default in SQLite; WAL lets readers and one writer work together.
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def _on_sqlite_begin(conn: Connection) -> None:
    # A unit of work takes the write lock when it starts (BEGIN IMMEDIATE), waiting its turn
    # under busy_timeout. A plain BEGIN would read first and ask for the lock at its first
    # write; if another writer committed in between, SQLite refuses at once with "database is
    # locked" instead of waiting. Read-only units take a snapshot that never blocks writers,
    # and query_only makes a stray write in one fail loudly.
    read_only = bool(conn.get_execution_options().get(READ_ONLY))
    info = conn.connection.info
    if info.get(READ_ONLY, False) != read_only:
        conn.exec_driver_sql(f"PRAGMA query_only = {int(read_only)}")
        info[READ_ONLY] = read_only
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _check_sqlite_file(path: Path) -> None:
    """Refuse a file that exists but is not an SQLite database, before SQLite touches it."""
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError("is a directory, not a database file", path=path)
    with path.open("rb") as fh:
        header = fh.read(16)
    if header and header != b"SQLite format 3\x00":
        raise StoreError("is not an SQLite database (wrong file header)", path=path)


def make_engine(url: str) -> Engine:
    """An engine for a database URL, with staffpath's connection settings."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url!r}") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            db_path = Path(parsed.database)
            _check_sqlite_file(db_path)
            if not db_path.parent.exists():
                raise StoreError("folder for the database does not exist", path=db_path.parent)
        engine = create_engine(
            parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        )
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        # pre_ping: a server restart or an idle timeout must not fail the next request.
        return create_engine(parsed, pool_pre_ping=True, pool_size=PG_POOL_SIZE,
                             max_overflow=PG_MAX_OVERFLOW)
    except ImportError as exc:
        raise StoreError(f"no driver for {parsed.drivername}: {exc}") from None


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest migration; refuses databases that are not staffpath's."""
    try:
        with engine.begin() as conn:
            current = _current_heads(conn)
            if not current:
                foreign = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
                if foreign:
                    raise StoreError(
                        f"{engine.url.render_as_string(hide_password=True)}: database has tables "
                        f"but is not a staffpath database ({', '.join(sorted(foreign)[:3])}, ...)"
                    )
            heads = head_revisions()
            if current == heads:
                return
            if (not current and conn.dialect.name == "sqlite"
                    and create_from_schema(conn, heads)):
                return  # a new SQLite file: the migrations' schema in one step
            upgrade_with_alembic(conn)
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        raise StoreError(
            f"{engine.url.render_as_string(hide_password=True)}: cannot open database: "
            f"{_first_line(exc)}"
        ) from None


def upgrade_with_alembic(conn: Connection) -> None:
    """Run every migration the database has not had, on `conn`'s open transaction."""
    from alembic import command

    cfg = _alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "heads")


def _unavailable(exc: OperationalError, *, committing: bool) -> UnavailableError:
    """The error for a database out of reach. Lost while committing, the change may or may
    not have been saved, and the message says so rather than inviting a blind retry."""
    outcome = ("the change may or may not have been saved: look before trying again"
               if committing else "nothing was saved; try again in a moment")
    return UnavailableError(f"the database cannot be reached ({_first_line(exc)}); {outcome}")


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


class Store:
    """One database: an engine with the schema migrated, and a way to run a unit of work."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        try:
            migrate(self.engine)
        except BaseException as exc:
            # Close what migrate opened: nobody else holds this engine to dispose of it.
            self.engine.dispose()
            if isinstance(exc, OperationalError):  # pragma: no cover - depends on server state
                raise StoreError(f"cannot open database: {_first_line(exc)}") from None
            raise
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        reading = {READ_ONLY: True}
        if self.engine.dialect.name == "postgresql":
            reading["postgresql_readonly"] = True
        self._reading_engine = self.engine.execution_options(**reading)
        self._readers = sessionmaker(self._reading_engine, expire_on_commit=False)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read-only snapshot on a plain connection, without the ORM's bookkeeping: for the
        few reads every web request makes. Like `session(read_only=True)` otherwise."""
        try:
            with self._reading_engine.connect() as conn, conn.begin():
                yield conn
        except OperationalError as exc:
            if self._unreachable(exc):
                raise _unavailable(exc, committing=False) from None
            raise

    @contextmanager
    def session(self, *, read_only: bool = False) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on any error.

        On SQLite a unit of work holds the write lock from start to end, so keep it short;
        `read_only=True` gives a consistent snapshot that neither waits for nor blocks writers.
        """
        maker = self._readers if read_only else self._sessions
        committing = False
        try:
            with maker() as session, session.begin():
                yield session
                committing = not read_only
        except StaleDataError:
            # A versioned row changed under a flush that the code did not guard itself.
            raise ConflictError("a record was changed by someone else; reload") from None
        except OperationalError as exc:
            if getattr(exc.orig, "sqlstate", None) in PG_RETRY_STATES:
                raise ConflictError(
                    f"a concurrent change got there first ({_first_line(exc)}); try again"
                ) from None
            if "database is locked" in str(exc.orig):
                raise StoreError(
                    f"database is busy: another writer held it for over "
                    f"{SQLITE_BUSY_TIMEOUT_MS // 1000} s; try again"
                ) from None
            if self._unreachable(exc):
                raise _unavailable(exc, committing=committing) from None
            raise

    def _unreachable(self, exc: OperationalError) -> bool:
        """Whether a PostgreSQL error says the server is gone rather than the request wrong:
        the connection lost or refused, or the server starting up or shutting down."""
        if self.engine.dialect.name != "postgresql":
            return False
        state = getattr(exc.orig, "sqlstate", None)
        return (exc.connection_invalidated or state is None or state.startswith("08")
                or state in PG_DOWN_STATES)

    def close(self) -> None:
        self.engine.dispose()
