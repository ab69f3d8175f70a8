"""endorsements: colleagues asked to confirm an evidence item or write a few words about it,
and their answers

Revision ID: 0013_endorsements
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_endorsements"
down_revision = "0001"
branch_labels = ("endorsements",)
depends_on = None


def _fk(column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    ref = target.split(".")[0]
    return sa.ForeignKeyConstraint([column], [target],
                                   name=op.f(f"fk_endorsements_{column}_{ref}"),
                                   ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "endorsements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("colleague_id", sa.Integer(), nullable=False),
        sa.Column("asked_by_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        _fk("evidence_id", "evidence.id", "CASCADE"),
        _fk("owner_id", "people.id", "CASCADE"),
        _fk("colleague_id", "people.id", "CASCADE"),
        _fk("asked_by_id", "people.id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_endorsements")),
        sa.UniqueConstraint("evidence_id", "colleague_id",
                            name=op.f("uq_endorsements_evidence_id")),
    )
    op.create_index(op.f("ix_endorsements_owner_id"), "endorsements", ["owner_id"])
    op.create_index(op.f("ix_endorsements_colleague_id"), "endorsements", ["colleague_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_endorsements_colleague_id"), table_name="endorsements")
    op.drop_index(op.f("ix_endorsements_owner_id"), table_name="endorsements")
    op.drop_table("endorsements")
