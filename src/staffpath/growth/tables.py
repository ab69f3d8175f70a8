"""Stored growth records: opportunities (open work that could grow someone), sponsorships
(handing one to a person, with its outcome), organisation goals, growth plans, reflections on
fit, and promotions with their follow-up check-ins."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from staffpath.store.tables import Base, Person, utcnow


class OrgGoal(Base):
    """One of the organisation's stated goals for a period, with its owner."""

    __tablename__ = "growth_goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300), unique=True)
    period: Mapped[str] = mapped_column(String(40), default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Opportunity(Base):
    """A piece of open work that could grow someone."""

    __tablename__ = "growth_opportunities"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(40), default="project")
    teams: Mapped[list[str]] = mapped_column(JSON, default=list)
    reach: Mapped[int] = mapped_column(Integer, default=1)  # a vocab.Scope
    duration_weeks: Mapped[int] = mapped_column(Integer, default=6)
    dimensions: Mapped[list[str]] = mapped_column(JSON, default=list)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    goal_id: Mapped[int | None] = mapped_column(
        ForeignKey("growth_goals.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | assigned | closed
    # Where it was imported from (an issue URL, a CSV file and line): re-importing updates it.
    source_ref: Mapped[str | None] = mapped_column(String(500), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    owner: Mapped[Person | None] = relationship()
    goal: Mapped[OrgGoal | None] = relationship()


class Sponsorship(Base):
    """An opportunity handed to a person by a sponsor, and what came of it."""

    __tablename__ = "growth_sponsorships"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("growth_opportunities.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                           index=True)
    sponsor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    assigned_on: Mapped[dt.date] = mapped_column(Date)
    # open | delivered | dropped; evidence ids the work produced, and the level at assignment.
    outcome: Mapped[str] = mapped_column(String(20), default="open")
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    evidence_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    level_at_start: Mapped[str | None] = mapped_column(String(80))

    opportunity: Mapped[Opportunity] = relationship()
    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    sponsor: Mapped[Person | None] = relationship(foreign_keys=[sponsor_id])


class GrowthPlan(Base):
    """A person's plan: the few steps that close most of their gap, from one date."""

    __tablename__ = "growth_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                           index=True)
    started_on: Mapped[dt.date] = mapped_column(Date)
    target_level: Mapped[str] = mapped_column(String(80))
    framework_fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="active")  # active | superseded
    # Gaps open when the plan started (rule ids), so progress can say which have closed.
    gaps_at_start: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    steps: Mapped[list[PlanStep]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanStep.position")


class PlanStep(Base):
    """One step of a plan: the work, the rules it meets, what evidence it asks for, by when."""

    __tablename__ = "growth_plan_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("growth_plans.id", ondelete="CASCADE"),
                                         index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    rules: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    dimensions: Mapped[list[str]] = mapped_column(JSON, default=list)
    min_scope: Mapped[int] = mapped_column(Integer)
    min_role: Mapped[int] = mapped_column(Integer, default=0)
    items_needed: Mapped[int] = mapped_column(Integer)
    span_months: Mapped[int] = mapped_column(Integer, default=0)
    target_date: Mapped[dt.date] = mapped_column(Date)
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("growth_opportunities.id", ondelete="SET NULL"))

    plan: Mapped[GrowthPlan] = relationship(back_populates="steps")


class Reflection(Base):
    """A person's own answer to "what energises you", kept beside their fit reflection."""

    __tablename__ = "growth_reflections"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                           primary_key=True)
    energises: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Promotion(Base):
    """A promotion, followed up: how the person fares a year later is the outcome."""

    __tablename__ = "growth_promotions"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                           index=True)
    promoted_on: Mapped[dt.date] = mapped_column(Date)
    from_level: Mapped[str | None] = mapped_column(String(80))
    to_level: Mapped[str] = mapped_column(String(80))

    person: Mapped[Person] = relationship()
    checkins: Mapped[list[CheckIn]] = relationship(
        back_populates="promotion", cascade="all, delete-orphan", order_by="CheckIn.month")


class CheckIn(Base):
    """A short self-report at 3, 6 or 12 months after a promotion."""

    __tablename__ = "growth_checkins"
    __table_args__ = (UniqueConstraint("promotion_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    promotion_id: Mapped[int] = mapped_column(
        ForeignKey("growth_promotions.id", ondelete="CASCADE"))
    month: Mapped[int] = mapped_column(Integer)  # 3 | 6 | 12
    answered_on: Mapped[dt.date] = mapped_column(Date)
    happy: Mapped[bool] = mapped_column(Boolean)
    wants_back: Mapped[bool] = mapped_column(Boolean)
    in_role: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")

    promotion: Mapped[Promotion] = relationship(back_populates="checkins")
