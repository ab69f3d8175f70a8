"""cycles: promotion cycles, nominations with frozen packets, panels, scores, decisions

Revision ID: 0005_cycles
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_cycles"
down_revision = "0001"
branch_labels = ("cycles",)
# Nominations point at assessment snapshots, which the assessment branch creates.
depends_on = ("0003_assessment",)


def upgrade() -> None:
    op.create_table(
        "cycles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("framework_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("framework_version", sa.String(length=80), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("calibration_at", sa.DateTime(), nullable=True),
        sa.Column("released_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycles")),
        sa.UniqueConstraint("name", name=op.f("uq_cycles_name")),
    )
    op.create_table(
        "cycle_nominations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("nominated_by", sa.String(length=20), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=True),
        sa.Column("manager_agreed_at", sa.DateTime(), nullable=True),
        sa.Column("manager_ratings", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("snapshot_id", sa.Integer(), nullable=True),
        sa.Column("packet_md", sa.Text(), nullable=True),
        sa.Column("packet_html", sa.Text(), nullable=True),
        sa.Column("frozen", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["cycle_id"], ["cycles.id"],
                                name=op.f("fk_cycle_nominations_cycle_id_cycles"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["manager_id"], ["people.id"],
                                name=op.f("fk_cycle_nominations_manager_id_people"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_cycle_nominations_person_id_people"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["snapshot_id"], ["assessment_snapshots.id"],
                                name=op.f("fk_cycle_nominations_snapshot_id_assessment_snapshots"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_nominations")),
        sa.UniqueConstraint("cycle_id", "person_id",
                            name=op.f("uq_cycle_nominations_cycle_id")),
    )
    op.create_index(op.f("ix_cycle_nominations_person_id"), "cycle_nominations",
                    ["person_id"])
    op.create_table(
        "cycle_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nomination_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["people.id"],
                                name=op.f("fk_cycle_assignments_member_id_people"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["nomination_id"], ["cycle_nominations.id"],
                                name=op.f("fk_cycle_assignments_nomination_id_cycle_nominations"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_assignments")),
        sa.UniqueConstraint("nomination_id", "member_id",
                            name=op.f("uq_cycle_assignments_nomination_id")),
    )
    op.create_index(op.f("ix_cycle_assignments_member_id"), "cycle_assignments",
                    ["member_id"])
    op.create_table(
        "cycle_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nomination_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("dimension", sa.String(length=80), nullable=False),
        sa.Column("level", sa.String(length=80), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["people.id"],
                                name=op.f("fk_cycle_scores_member_id_people"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["nomination_id"], ["cycle_nominations.id"],
                                name=op.f("fk_cycle_scores_nomination_id_cycle_nominations"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_scores")),
        sa.UniqueConstraint("nomination_id", "member_id", "dimension",
                            name=op.f("uq_cycle_scores_nomination_id")),
    )
    op.create_index(op.f("ix_cycle_scores_member_id"), "cycle_scores", ["member_id"])
    op.create_table(
        "cycle_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nomination_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_via", sa.String(length=20), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["decided_by_id"], ["people.id"],
                                name=op.f("fk_cycle_decisions_decided_by_id_people"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["nomination_id"], ["cycle_nominations.id"],
                                name=op.f("fk_cycle_decisions_nomination_id_cycle_nominations"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_decisions")),
        sa.UniqueConstraint("nomination_id", "version",
                            name=op.f("uq_cycle_decisions_nomination_id")),
    )


def downgrade() -> None:
    op.drop_table("cycle_decisions")
    op.drop_index(op.f("ix_cycle_scores_member_id"), table_name="cycle_scores")
    op.drop_table("cycle_scores")
    op.drop_index(op.f("ix_cycle_assignments_member_id"), table_name="cycle_assignments")
    op.drop_table("cycle_assignments")
    op.drop_index(op.f("ix_cycle_nominations_person_id"), table_name="cycle_nominations")
    op.drop_table("cycle_nominations")
    op.drop_table("cycles")
