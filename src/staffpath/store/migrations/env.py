"""Alembic environment: runs on the connection staffpath hands over, never from a URL in a file."""

from __future__ import annotations

from alembic import context

from staffpath.store.tables import Base, register_all_tables

register_all_tables()
connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables.
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
