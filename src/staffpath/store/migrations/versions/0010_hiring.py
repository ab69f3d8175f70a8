"""hiring: roles, candidates (apart from the roster) and their earlier titles, interview
loops, interviews with their panel conflicts, blind scorecards and decisions; and the
acknowledged conflicts of interest on promotion panels and the consistency check of each
promotion decision, the manager's statement on a packet,
and the admin-only report groups

Revision ID: 0010_hiring
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_hiring"
down_revision = "0001"
branch_labels = ("hiring",)
# Promotion panel conflicts point at cycle assignments, which the cycles branch creates.
depends_on = ("0005_cycles",)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    ref = target.split(".")[0]
    return sa.ForeignKeyConstraint([column], [target],
                                   name=op.f(f"fk_{table}_{column}_{ref}"), ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "hiring_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("target_level", sa.String(length=80), nullable=False),
        sa.Column("archetype", sa.String(length=80), nullable=True),
        sa.Column("hiring_manager_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("hiring_roles", "hiring_manager_id", "people.id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hiring_roles")),
    )
    op.create_index(op.f("ix_hiring_roles_hiring_manager_id"), "hiring_roles",
                    ["hiring_manager_id"])
    op.create_table(
        "hiring_candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=True),
        sa.Column("hired_person_id", sa.Integer(), nullable=True),
        _fk("hiring_candidates", "hired_person_id", "people.id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hiring_candidates")),
    )
    op.create_table(
        "hiring_candidate_titles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("company", sa.String(length=200), nullable=False),
        sa.Column("org_engineers", sa.Integer(), nullable=False),
        sa.Column("teams_led", sa.Integer(), nullable=False),
        sa.Column("led_leaders", sa.Boolean(), nullable=False),
        sa.Column("reach", sa.String(length=20), nullable=False),
        sa.Column("years", sa.Integer(), nullable=False),
        _fk("hiring_candidate_titles", "candidate_id", "hiring_candidates.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hiring_candidate_titles")),
    )
    op.create_index(op.f("ix_hiring_candidate_titles_candidate_id"),
                    "hiring_candidate_titles", ["candidate_id"])
    op.create_table(
        "hiring_loops",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=False),
        sa.Column("target_level", sa.String(length=80), nullable=False),
        sa.Column("archetype", sa.String(length=80), nullable=True),
        sa.Column("framework_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("mapped_level", sa.String(length=80), nullable=True),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("debrief_at", sa.DateTime(), nullable=True),
        _fk("hiring_loops", "candidate_id", "hiring_candidates.id", "CASCADE"),
        _fk("hiring_loops", "role_id", "hiring_roles.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hiring_loops")),
    )
    op.create_index(op.f("ix_hiring_loops_candidate_id"), "hiring_loops", ["candidate_id"])
    op.create_index(op.f("ix_hiring_loops_role_id"), "hiring_loops", ["role_id"])
    op.create_table(
        "hiring_interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("loop_id", sa.Integer(), nullable=False),
        sa.Column("interviewer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("dimensions", sa.JSON(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("conflicts", sa.JSON(), nullable=False),
        sa.Column("acknowledgement", sa.Text(), nullable=True),
        _fk("hiring_interviews", "interviewer_id", "people.id", "CASCADE"),
        _fk("hiring_interviews", "loop_id", "hiring_loops.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hiring_interviews")),
        sa.UniqueConstraint("loop_id", "interviewer_id",
                            name=op.f("uq_hiring_interviews_loop_id")),
    )
    op.create_index(op.f("ix_hiring_interviews_interviewer_id"), "hiring_interviews",
                    ["interviewer_id"])
    op.create_table(
        "hiring_scorecards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("levels", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("lean", sa.String(length=20), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        _fk("hiring_scorecards", "interview_id", "hiring_interviews.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hiring_scorecards")),
        sa.UniqueConstraint("interview_id", name=op.f("uq_hiring_scorecards_interview_id")),
    )
    op.create_table(
        "hiring_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("loop_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("level", sa.String(length=80), nullable=True),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        _fk("hiring_decisions", "decided_by_id", "people.id", "SET NULL"),
        _fk("hiring_decisions", "loop_id", "hiring_loops.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hiring_decisions")),
        sa.UniqueConstraint("loop_id", "version", name=op.f("uq_hiring_decisions_loop_id")),
    )
    op.create_table(
        "cycle_panel_conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("acknowledgement", sa.Text(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=False),
        _fk("cycle_panel_conflicts", "assignment_id", "cycle_assignments.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_panel_conflicts")),
        sa.UniqueConstraint("assignment_id",
                            name=op.f("uq_cycle_panel_conflicts_assignment_id")),
    )
    op.create_table(
        "cycle_decision_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("against_panel", sa.Boolean(), nullable=False),
        sa.Column("against_precedent", sa.Boolean(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("conditions", sa.JSON(), nullable=False),
        _fk("cycle_decision_checks", "decision_id", "cycle_decisions.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_decision_checks")),
        sa.UniqueConstraint("decision_id", name=op.f("uq_cycle_decision_checks_decision_id")),
    )
    op.create_table(
        "cycle_manager_statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nomination_id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("signed_off_at", sa.DateTime(), nullable=True),
        _fk("cycle_manager_statements", "manager_id", "people.id", "SET NULL"),
        _fk("cycle_manager_statements", "nomination_id", "cycle_nominations.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_manager_statements")),
        sa.UniqueConstraint("nomination_id",
                            name=op.f("uq_cycle_manager_statements_nomination_id")),
    )
    op.create_table(
        "cycle_report_groups",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("group", sa.String(length=80), nullable=False),
        _fk("cycle_report_groups", "person_id", "people.id", "CASCADE"),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_cycle_report_groups")),
    )


def downgrade() -> None:
    for table in ("cycle_report_groups", "cycle_manager_statements", "cycle_decision_checks",
                  "cycle_panel_conflicts", "hiring_decisions", "hiring_scorecards",
                  "hiring_interviews", "hiring_loops", "hiring_candidate_titles",
                  "hiring_candidates", "hiring_roles"):
        op.drop_table(table)
