"""Write `src/staffpath/store/sqlite_schema.sql`: the SQLite schema the migrations build, from
which a new SQLite database is created in one step. Run it after adding a migration:

    python scripts/sqlite_schema.py

(tests/test_sqlite_schema.py fails, naming this command, while the file is behind.)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from sqlalchemy import create_engine

from staffpath.store.engine import head_revisions, upgrade_with_alembic
from staffpath.store.sqlite_schema import SCHEMA_FILE, render

TARGET = Path(__file__).resolve().parent.parent / "src" / "staffpath" / "store" / SCHEMA_FILE


def migrated_schema() -> str:
    """The schema file's text for a new SQLite database brought up by the migrations."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{Path(tmp) / 'schema.db'}")
        try:
            with engine.begin() as conn:
                upgrade_with_alembic(conn)
            with engine.connect() as conn:
                return render(conn, head_revisions())
        finally:
            engine.dispose()


def main() -> int:
    text = migrated_schema()
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET} ({text.count(';')} statements)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
