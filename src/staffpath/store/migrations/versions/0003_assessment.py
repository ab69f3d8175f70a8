"""assessment: item role and attestation, self-ratings, assessment snapshots

Revision ID: 0003_assessment
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_assessment"
down_revision = "0001"
branch_labels = ("assessment",)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("role", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("attested_by", sa.JSON(), nullable=False, server_default="[]")
        )
    op.create_table(
        "self_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("dimension", sa.String(length=80), nullable=False),
        sa.Column("level", sa.String(length=80), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("rated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_self_ratings_person_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_self_ratings")),
    )
    op.create_index("ix_self_ratings_person_dim", "self_ratings", ["person_id", "dimension"])
    op.create_table(
        "assessment_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("framework_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("framework_version", sa.String(length=80), nullable=False),
        sa.Column("inputs_hash", sa.String(length=64), nullable=False),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("overall_level", sa.String(length=80), nullable=True),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("evidence_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_assessment_snapshots_person_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_snapshots")),
    )
    op.create_index("ix_assessment_snapshots_person", "assessment_snapshots",
                    ["person_id", "as_of"])


def downgrade() -> None:
    op.drop_index("ix_assessment_snapshots_person", table_name="assessment_snapshots")
    op.drop_table("assessment_snapshots")
    op.drop_index("ix_self_ratings_person_dim", table_name="self_ratings")
    op.drop_table("self_ratings")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_column("attested_by")
        batch_op.drop_column("role")
