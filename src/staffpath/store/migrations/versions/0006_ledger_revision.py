"""ledger revision: a counter on each person that every change to their evidence bumps;
indexes to count engineers and to find a manager's reports

Revision ID: 0006_ledger_revision
Revises: 0001

Assessments are cached by what they are computed from; a person's evidence is summed up by
this counter. Database triggers keep it, so every path that writes evidence (the ledger,
brag-doc imports, mining, an erasure, a hand-written SQL fix) moves it, not only the ones
that remember to.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_ledger_revision"
down_revision = "0001"
branch_labels = ("ledger_revision",)
depends_on = None

BUMP = "UPDATE people SET ledger_revision = ledger_revision + 1 WHERE id = {}"
SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER evidence_revision_insert AFTER INSERT ON evidence
        BEGIN {BUMP.format("NEW.person_id")}; END""",
    f"""CREATE TRIGGER evidence_revision_update AFTER UPDATE ON evidence
        BEGIN {BUMP.format("OLD.person_id")};
              UPDATE people SET ledger_revision = ledger_revision + 1
              WHERE id = NEW.person_id AND NEW.person_id IS NOT OLD.person_id; END""",
    f"""CREATE TRIGGER evidence_revision_delete AFTER DELETE ON evidence
        BEGIN {BUMP.format("OLD.person_id")}; END""",
)
POSTGRES_TRIGGERS = (
    f"""CREATE FUNCTION evidence_bump_ledger_revision() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'INSERT' THEN {BUMP.format("OLD.person_id")}; END IF;
          IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE'
                                  AND NEW.person_id IS DISTINCT FROM OLD.person_id) THEN
            {BUMP.format("NEW.person_id")};
          END IF;
          RETURN NULL;
        END $$""",
    """CREATE TRIGGER evidence_ledger_revision AFTER INSERT OR UPDATE OR DELETE ON evidence
       FOR EACH ROW EXECUTE FUNCTION evidence_bump_ledger_revision()""",
)


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("ledger_revision", sa.Integer(), nullable=False,
                                   server_default="0"))
    # Counting the organisation's engineers reads only this index; a manager's reports are
    # found by this one (every request a manager makes).
    op.create_index("ix_people_role_active", "people", ["role", "active"])
    op.create_index("ix_people_manager_id", "people", ["manager_id"])
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRES_TRIGGERS if postgres else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS evidence_ledger_revision ON evidence")
        op.execute("DROP FUNCTION IF EXISTS evidence_bump_ledger_revision()")
    else:
        for name in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS evidence_revision_{name}")
    op.drop_index("ix_people_manager_id", table_name="people")
    op.drop_index("ix_people_role_active", table_name="people")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("ledger_revision")
