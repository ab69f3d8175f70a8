"""organisation-view snapshots: each person's assessment item columns, and computed parts of
the key-person risk view, each with a digest of what it was computed from

Revision ID: 0007_org_snapshots
Revises: 0001

The organisation views read every person's evidence and every mined authorship span; kept
here, a restarted server answers its first request without redoing that work. Nothing in
these tables is a record: dropping them loses only time.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_org_snapshots"
down_revision = "0001"
branch_labels = ("org_snapshots",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "org_item_columns",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("inputs", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_org_item_columns_person_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_org_item_columns")),
    )
    op.create_table(
        "org_snapshots",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("scope", sa.String(length=200), nullable=False),
        sa.Column("inputs", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "scope", name=op.f("pk_org_snapshots")),
    )


def downgrade() -> None:
    op.drop_table("org_snapshots")
    op.drop_table("org_item_columns")
