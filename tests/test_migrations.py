"""The migrations build exactly the schema the models describe, on a fresh database."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import staffpath
from staffpath.store.engine import Store
from staffpath.store.tables import Base


def import_all_models() -> None:
    """Import every `models` module in the package so the metadata is complete."""
    for info in pkgutil.walk_packages(staffpath.__path__, "staffpath."):
        if info.name.endswith(".models"):
            importlib.import_module(info.name)


def test_migrations_match_the_models(tmp_path: Path) -> None:
    import_all_models()
    store = Store(f"sqlite:///{tmp_path / 'm.db'}")
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    store.close()
    assert diff == []


def test_heads_read_from_the_files_are_alembics_own() -> None:
    """Opening a database compares its revisions with the heads read from the migration
    files' assignments (without importing Alembic); they must be what Alembic computes."""
    from alembic.script import ScriptDirectory

    from staffpath.store.engine import _alembic_config, head_revisions

    script = ScriptDirectory.from_config(_alembic_config())
    heads = set(script.get_heads())
    below: set[str] = set()
    todo = list(heads)
    while todo:
        rev = script.get_revision(todo.pop())
        assert rev is not None
        refs = [*(rev.down_revision if isinstance(rev.down_revision, tuple)
                  else [rev.down_revision] if rev.down_revision else []),
                *(rev.dependencies if isinstance(rev.dependencies, tuple)
                  else [rev.dependencies] if rev.dependencies else [])]
        for ref in refs:
            parent = script.get_revision(ref)
            if parent is not None and parent.revision not in below:
                below.add(parent.revision)
                todo.append(parent.revision)
    assert head_revisions() == heads - below
    assert len(head_revisions()) >= 5
