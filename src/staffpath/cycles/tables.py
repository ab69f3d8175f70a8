"""Stored promotion cycles: the cycle, its nominations, panels, scores and decisions."""

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
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from staffpath.assess.tables import AssessmentSnapshot
from staffpath.store.tables import Base, Person, utcnow


class Cycle(Base):
    """One round of promotion review against one framework version.

    State runs draft → open → calibration → decided → released, and only forwards.
    """

    __tablename__ = "cycles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    opens_on: Mapped[dt.date] = mapped_column(Date)
    closes_on: Mapped[dt.date] = mapped_column(Date)
    framework_fingerprint: Mapped[str] = mapped_column(String(64))
    framework_version: Mapped[str] = mapped_column(String(80))
    state: Mapped[str] = mapped_column(String(20), default="draft")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    calibration_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    released_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Unanchored blind scoring: a panel member sees the evidence and the questions, not the
    # engine's verdict or levels, until they have submitted their scores.
    unanchored: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    nominations: Mapped[list[Nomination]] = relationship(
        back_populates="cycle", cascade="all, delete-orphan", order_by="Nomination.id")

    # Two admins moving the same cycle on: the second one's stale write fails.
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Nomination(Base):
    """A person put forward in a cycle, and once submitted, the packet as it was then."""

    __tablename__ = "cycle_nominations"
    __table_args__ = (UniqueConstraint("cycle_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                           index=True)
    # admin | self: a self-nomination counts once the manager named here agrees.
    nominated_by: Mapped[str] = mapped_column(String(20))
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    manager_agreed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # The manager's own level per dimension, shown beside the panel's at calibration.
    manager_ratings: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    snapshot_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessment_snapshots.id", ondelete="SET NULL"))
    # The packet as rendered at submission: later journal edits change nothing here.
    packet_md: Mapped[str | None] = mapped_column(Text)
    packet_html: Mapped[str | None] = mapped_column(Text)
    # The same packet without the engine's verdict, levels and gaps: what a panel member reads
    # before they submit their own scores in an unanchored cycle.
    packet_md_blind: Mapped[str | None] = mapped_column(Text)
    packet_html_blind: Mapped[str | None] = mapped_column(Text)
    # What the frozen assessment said, kept with the packet (the snapshot's result).
    frozen: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    cycle: Mapped[Cycle] = relationship(back_populates="nominations")
    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    manager: Mapped[Person | None] = relationship(foreign_keys=[manager_id])
    snapshot: Mapped[AssessmentSnapshot | None] = relationship()
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="nomination", cascade="all, delete-orphan", order_by="Assignment.id")


class Assignment(Base):
    """A committee member on the panel for one nomination."""

    __tablename__ = "cycle_assignments"
    __table_args__ = (UniqueConstraint("nomination_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(
        ForeignKey("cycle_nominations.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                           index=True)
    assigned_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    nomination: Mapped[Nomination] = relationship(back_populates="assignments")
    member: Mapped[Person] = relationship()


class Score(Base):
    """One member's level for one dimension of one packet, with the reason."""

    __tablename__ = "cycle_scores"
    __table_args__ = (UniqueConstraint("nomination_id", "member_id", "dimension"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(
        ForeignKey("cycle_nominations.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                           index=True)
    dimension: Mapped[str] = mapped_column(String(80))
    level: Mapped[str] = mapped_column(String(80))
    comment: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Decision(Base):
    """One version of the outcome for a nomination; a change is a new row, never an edit."""

    __tablename__ = "cycle_decisions"
    __table_args__ = (UniqueConstraint("nomination_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(
        ForeignKey("cycle_nominations.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(20))  # promote | not_yet
    rationale: Mapped[str] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"))
    # admin | member | cli: who recorded it when no person is behind the account.
    decided_via: Mapped[str] = mapped_column(String(20))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


# Tables added beside these ones, in their own modules (registered with the same metadata).
from staffpath.cycles import panel_tables as _panel_tables  # noqa: E402, F401
