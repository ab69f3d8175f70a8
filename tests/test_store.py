"""The store on a real SQLite file: migrations on open, settings, refusing what is not ours."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from staffpath.errors import StoreError
from staffpath.store.engine import Store, head_revisions
from staffpath.workspace import open_workspace


def test_open_applies_migrations_and_is_idempotent(db_url: str) -> None:
    url = db_url
    Store(url).close()
    store = Store(url)
    with store.session() as s:
        versions = {r[0] for r in s.execute(text("select version_num from alembic_version"))}
        assert versions == head_revisions()
        tables = set(inspect(s.connection()).get_table_names())
    store.close()
    assert {"people", "teams", "evidence", "evidence_revisions", "frameworks"} <= tables


def test_opening_an_up_to_date_database_runs_no_migration(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db_url).close()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("upgrade ran on an up-to-date database")

    monkeypatch.setattr("alembic.command.upgrade", refuse)
    Store(db_url).close()


def test_sqlite_settings_wal_foreign_keys_busy_timeout(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    with store.engine.connect() as conn:
        assert conn.execute(text("pragma journal_mode")).scalar() == "wal"
        assert conn.execute(text("pragma foreign_keys")).scalar() == 1
        assert conn.execute(text("pragma busy_timeout")).scalar() >= 5000
    store.close()


def test_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("shopping list\n", encoding="utf-8")
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store(f"sqlite:///{path}")
    assert path.read_text(encoding="utf-8") == "shopping list\n"


def test_foreign_sqlite_database_is_refused_without_changes(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table invoices (id integer)")
    with pytest.raises(StoreError, match="not a staffpath database"):
        Store(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        names = {r[0] for r in conn.execute("select name from sqlite_master")}
    assert names == {"invoices"}


def test_missing_folder_and_bad_url(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(f"sqlite:///{tmp_path / 'nope' / 'a.db'}")
    with pytest.raises(StoreError, match="not a database URL"):
        Store("::::")


def test_workspace_config_and_db_resolution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STAFFPATH_DB", raising=False)
    ws = open_workspace(tmp_path / "ws")
    assert ws.db_url().endswith("ws/staffpath.db")
    assert ws.db_url("sqlite:///x.db") == "sqlite:///x.db"
    (tmp_path / "ws" / "staffpath.toml").write_text('db = "sqlite:///elsewhere.db"\n')
    assert open_workspace(tmp_path / "ws").db_url() == "sqlite:///elsewhere.db"
    monkeypatch.setenv("STAFFPATH_DB", "sqlite:///env.db")
    assert open_workspace(tmp_path / "ws").db_url() == "sqlite:///env.db"


def test_bad_workspace_config_names_file_and_line(tmp_path: Path) -> None:
    from staffpath.errors import InputError

    (tmp_path / "staffpath.toml").write_text('db = "x"\nthis is not toml\n')
    with pytest.raises(InputError) as info:
        open_workspace(tmp_path)
    assert "staffpath.toml:2" in str(info.value)
