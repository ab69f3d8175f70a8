"""A new SQLite database is built from the shipped schema file in one step, and that file is
exactly what the migrations build: every table, index and trigger, and the heads recorded."""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import create_engine, text

from staffpath.store.engine import Store, head_revisions, upgrade_with_alembic
from staffpath.store.sqlite_schema import SCHEMA_FILE, schema_objects

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from sqlite_schema import migrated_schema  # noqa: E402


def test_the_shipped_schema_is_what_the_migrations_build() -> None:
    shipped = (ROOT / "src" / "staffpath" / "store" / SCHEMA_FILE).read_text(encoding="utf-8")
    assert shipped == migrated_schema(), (
        "src/staffpath/store/sqlite_schema.sql is behind the migrations: run "
        "`python scripts/sqlite_schema.py`")


def test_a_new_database_from_the_file_matches_one_the_migrations_built(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'new.db'}")
    with store.engine.connect() as conn:
        from_file = schema_objects(conn)
        revisions = {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))}
    store.close()
    engine = create_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    with engine.begin() as conn:
        upgrade_with_alembic(conn)
    with engine.connect() as conn:
        migrated = schema_objects(conn)
    engine.dispose()
    assert from_file == migrated
    assert revisions == head_revisions()
    # The triggers came along: the audit log refuses to be rewritten.
    assert {name for kind, name, _sql in from_file if kind == "trigger"} >= {
        "audit_log_no_update", "audit_log_no_delete"}


def test_a_database_the_file_built_opens_as_up_to_date_and_takes_writes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    Store(url).close()
    store = Store(url)  # the second open finds the heads and runs nothing
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO teams (name, owns) VALUES ('Payments', '[]')"))
    with store.engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM teams")) == 1
    store.close()


def test_a_file_taken_at_other_heads_builds_nothing(tmp_path: Path) -> None:
    """A migration added since the file was written: the file is not used, the caller migrates."""
    from staffpath.store.sqlite_schema import create_from_schema

    engine = create_engine(f"sqlite:///{tmp_path / 'new.db'}")
    with engine.begin() as conn:
        assert not create_from_schema(conn, head_revisions() | {"9999_newer"})
        assert schema_objects(conn) == []
    engine.dispose()
