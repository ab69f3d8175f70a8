"""A new SQLite database built from the schema the migrations make, in one step.

Running every migration on a new, empty SQLite file takes most of a second (Alembic's import and
its table rebuilds), on the first command in every new workspace. `sqlite_schema.sql` holds what
those migrations leave behind — each table, index and trigger as SQLite records it — with the
migration heads it was taken at. A new, empty SQLite database is built from it when those heads
are today's; otherwise (a migration added since the file was written) the migrations run as
before. `python scripts/sqlite_schema.py` writes the file again; a test checks it matches what
the migrations build, object for object.
"""

from __future__ import annotations

import sqlite3
from importlib import resources

from sqlalchemy import Connection, text

SCHEMA_FILE = "sqlite_schema.sql"
HEADS_LINE = "-- heads: "
# Creation order that always works: a table before the indexes and triggers that name it.
_ORDER = {"table": 0, "index": 1, "view": 2, "trigger": 3}


def schema_objects(conn: Connection) -> list[tuple[str, str, str]]:
    """The database's own tables, indexes, views and triggers as (type, name, SQL), in an
    order they can be created in; SQLite's internal objects and implicit indexes left out."""
    rows = conn.execute(text(
        "SELECT type, name, sql FROM sqlite_master "
        "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'")).all()
    return sorted(((str(t), str(n), str(s)) for t, n, s in rows),
                  key=lambda row: (_ORDER.get(row[0], 9), row[1]))


def render(conn: Connection, heads: set[str]) -> str:
    """The schema file's text for the database on `conn`, taken at `heads`."""
    lines = [
        "-- The SQLite schema staffpath's migrations build, for creating a new database in one",
        "-- step. Written by scripts/sqlite_schema.py; do not edit by hand.",
        HEADS_LINE + ",".join(sorted(heads)),
    ]
    lines += [sql.strip() + ";" for _type, _name, sql in schema_objects(conn)]
    return "\n".join(lines) + "\n"


def _read() -> tuple[set[str], list[str]] | None:
    """The heads the shipped file was taken at, and its statements (None without a file)."""
    entry = resources.files("staffpath.store") / SCHEMA_FILE
    if not entry.is_file():
        return None
    heads: set[str] = set()
    statements: list[str] = []
    pending = ""
    for line in entry.read_text(encoding="utf-8").splitlines(keepends=True):
        if not pending and line.startswith("--"):
            if line.startswith(HEADS_LINE):
                heads = {h for h in line[len(HEADS_LINE):].strip().split(",") if h}
            continue
        pending += line
        if sqlite3.complete_statement(pending):  # a trigger's body holds ';' of its own
            statements.append(pending.strip())
            pending = ""
    return heads, statements


def create_from_schema(conn: Connection, heads: set[str]) -> bool:
    """Build the schema on an empty SQLite database in the open transaction and record
    `heads` in its `alembic_version` table (the file creates it, as the migrations do).
    False, with nothing done, when the shipped file was taken at other heads than these:
    the caller then runs the migrations."""
    read = _read()
    if read is None or read[0] != heads:
        return False
    for statement in read[1]:
        conn.exec_driver_sql(statement)
    for head in sorted(heads):
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": head})
    return True
