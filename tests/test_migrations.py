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
