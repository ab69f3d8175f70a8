"""growth: organisation goals, opportunities, sponsorships, growth plans with their steps,
reflections on fit, promotions and their check-ins

Revision ID: 0009_growth
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_growth"
down_revision = "0001"
branch_labels = ("growth",)
depends_on = None


def _person_fk(column: str, table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["people.id"],
                                   name=op.f(f"fk_{table}_{column}_people"), ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "growth_goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("period", sa.String(length=40), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _person_fk("owner_id", "growth_goals", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_growth_goals")),
        sa.UniqueConstraint("title", name=op.f("uq_growth_goals_title")),
    )
    op.create_table(
        "growth_opportunities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("teams", sa.JSON(), nullable=False),
        sa.Column("reach", sa.Integer(), nullable=False),
        sa.Column("duration_weeks", sa.Integer(), nullable=False),
        sa.Column("dimensions", sa.JSON(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("goal_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("source_ref", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _person_fk("owner_id", "growth_opportunities", "SET NULL"),
        sa.ForeignKeyConstraint(["goal_id"], ["growth_goals.id"],
                                name=op.f("fk_growth_opportunities_goal_id_growth_goals"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_growth_opportunities")),
        sa.UniqueConstraint("source_ref", name=op.f("uq_growth_opportunities_source_ref")),
    )
    op.create_table(
        "growth_sponsorships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("sponsor_id", sa.Integer(), nullable=True),
        sa.Column("assigned_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("outcome_note", sa.Text(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("evidence_ids", sa.JSON(), nullable=False),
        sa.Column("level_at_start", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(
            ["opportunity_id"], ["growth_opportunities.id"],
            name=op.f("fk_growth_sponsorships_opportunity_id_growth_opportunities"),
            ondelete="CASCADE"),
        _person_fk("person_id", "growth_sponsorships", "CASCADE"),
        _person_fk("sponsor_id", "growth_sponsorships", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_growth_sponsorships")),
    )
    op.create_index(op.f("ix_growth_sponsorships_opportunity_id"), "growth_sponsorships",
                    ["opportunity_id"])
    op.create_index(op.f("ix_growth_sponsorships_person_id"), "growth_sponsorships",
                    ["person_id"])
    op.create_table(
        "growth_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("target_level", sa.String(length=80), nullable=False),
        sa.Column("framework_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("gaps_at_start", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _person_fk("person_id", "growth_plans", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_growth_plans")),
    )
    op.create_index(op.f("ix_growth_plans_person_id"), "growth_plans", ["person_id"])
    op.create_table(
        "growth_plan_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("dimensions", sa.JSON(), nullable=False),
        sa.Column("min_scope", sa.Integer(), nullable=False),
        sa.Column("min_role", sa.Integer(), nullable=False),
        sa.Column("items_needed", sa.Integer(), nullable=False),
        sa.Column("span_months", sa.Integer(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["growth_plans.id"],
                                name=op.f("fk_growth_plan_steps_plan_id_growth_plans"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["opportunity_id"], ["growth_opportunities.id"],
            name=op.f("fk_growth_plan_steps_opportunity_id_growth_opportunities"),
            ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_growth_plan_steps")),
    )
    op.create_index(op.f("ix_growth_plan_steps_plan_id"), "growth_plan_steps", ["plan_id"])
    op.create_table(
        "growth_reflections",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("energises", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _person_fk("person_id", "growth_reflections", "CASCADE"),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_growth_reflections")),
    )
    op.create_table(
        "growth_promotions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("promoted_on", sa.Date(), nullable=False),
        sa.Column("from_level", sa.String(length=80), nullable=True),
        sa.Column("to_level", sa.String(length=80), nullable=False),
        _person_fk("person_id", "growth_promotions", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_growth_promotions")),
    )
    op.create_index(op.f("ix_growth_promotions_person_id"), "growth_promotions",
                    ["person_id"])
    op.create_table(
        "growth_checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("promotion_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.Column("happy", sa.Boolean(), nullable=False),
        sa.Column("wants_back", sa.Boolean(), nullable=False),
        sa.Column("in_role", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["promotion_id"], ["growth_promotions.id"],
            name=op.f("fk_growth_checkins_promotion_id_growth_promotions"),
            ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_growth_checkins")),
        sa.UniqueConstraint("promotion_id", "month", name=op.f("uq_growth_checkins_promotion_id")),
    )


def downgrade() -> None:
    op.drop_table("growth_checkins")
    op.drop_table("growth_promotions")
    op.drop_table("growth_reflections")
    op.drop_table("growth_plan_steps")
    op.drop_table("growth_plans")
    op.drop_table("growth_sponsorships")
    op.drop_table("growth_opportunities")
    op.drop_table("growth_goals")
