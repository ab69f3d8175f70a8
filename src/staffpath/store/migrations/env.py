"""Alembic environment: runs on the connection staffpath hands over, never from a URL in a file."""

from __future__ import annotations

from alembic import context

from staffpath.assess import models as _assess_models  # noqa: F401  (registers tables)
from staffpath.cycles import models as _cycle_models  # noqa: F401  (registers tables)
from staffpath.mining import models as _mining_models  # noqa: F401  (registers tables)
from staffpath.store.models import Base
from staffpath.web import models as _web_models  # noqa: F401  (registers tables)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables.
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
