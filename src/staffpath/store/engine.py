"""Opening a staffpath database: engine settings, migrations applied on open, sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from staffpath.errors import StoreError

SQLITE_BUSY_TIMEOUT_MS = 15_000


def _alembic_config() -> Config:
    cfg = Config()
    location = resources.files("staffpath.store") / "migrations"
    cfg.set_main_option("script_location", str(location))
    return cfg


def head_revisions() -> set[str]:
    """The newest migration of each branch. Areas add their own branch off the initial schema,
    so several heads are normal; `upgrade heads` applies them all."""
    return set(ScriptDirectory.from_config(_alembic_config()).get_heads())


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # Foreign keys are off by default in SQLite; WAL lets readers and one writer work together.
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


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
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except ImportError as exc:
        raise StoreError(f"no driver for {parsed.drivername}: {exc}") from None


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest migration; refuses databases that are not staffpath's."""
    try:
        with engine.begin() as conn:
            current = set(MigrationContext.configure(conn).get_current_heads())
            if not current:
                foreign = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
                if foreign:
                    raise StoreError(
                        f"{engine.url.render_as_string(hide_password=True)}: database has tables "
                        f"but is not a staffpath database ({', '.join(sorted(foreign)[:3])}, ...)"
                    )
            if current == head_revisions():
                return
            cfg = _alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        raise StoreError(
            f"{engine.url.render_as_string(hide_password=True)}: cannot open database: "
            f"{_first_line(exc)}"
        ) from None


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
        except OperationalError as exc:  # pragma: no cover - depends on server state
            raise StoreError(f"cannot open database: {_first_line(exc)}") from None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
