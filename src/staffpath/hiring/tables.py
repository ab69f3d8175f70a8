"""Stored hiring: roles, candidates and their earlier titles, loops, interviews, scorecards
and decisions.

A candidate is not a person on the roster: their rows stay here until they are hired (then
a person is made from them) or erased (then every personal field is blanked and the
scorecards' levels stay, so the agreement statistics and interviewer severity still count
them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from staffpath.store.tables import Base, Person, utcnow


class HiringRole(Base):
    """An open position: the level and archetype it hires for, and its hiring manager."""

    __tablename__ = "hiring_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    target_level: Mapped[str] = mapped_column(String(80))
    archetype: Mapped[str | None] = mapped_column(String(80))
    hiring_manager_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    hiring_manager: Mapped[Person | None] = relationship()


class Candidate(Base):
    """Someone interviewing; personal fields are None once erased."""

    __tablename__ = "hiring_candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    erased_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    hired_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"))

    titles: Mapped[list[CandidateTitle]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", order_by="CandidateTitle.id")


class CandidateTitle(Base):
    """One earlier job: its title as named there, and what the work was."""

    __tablename__ = "hiring_candidate_titles"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("hiring_candidates.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    company: Mapped[str] = mapped_column(String(200))
    org_engineers: Mapped[int] = mapped_column(Integer)
    teams_led: Mapped[int] = mapped_column(Integer, default=0)
    led_leaders: Mapped[bool] = mapped_column(Boolean, default=False)
    # team | teams | org | company: how far the work in this job reached.
    reach: Mapped[str] = mapped_column(String(20))
    years: Mapped[int] = mapped_column(Integer, default=1)

    candidate: Mapped[Candidate] = relationship(back_populates="titles")


class Loop(Base):
    """One candidate's interviews for a role, at a target level and archetype.

    State runs interviewing → debrief → decided; scorecards are blind until debrief.
    """

    __tablename__ = "hiring_loops"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("hiring_candidates.id", ondelete="CASCADE"), index=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("hiring_roles.id", ondelete="CASCADE"),
                                         index=True)
    target_level: Mapped[str] = mapped_column(String(80))
    archetype: Mapped[str | None] = mapped_column(String(80))
    framework_fingerprint: Mapped[str] = mapped_column(String(64))
    # The level the candidate's earlier work reads as, and why (titles mapped by the work).
    mapped_level: Mapped[str | None] = mapped_column(String(80))
    mapping: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(20), default="interviewing")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    debrief_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    candidate: Mapped[Candidate] = relationship()
    role: Mapped[HiringRole] = relationship()
    interviews: Mapped[list[Interview]] = relationship(
        back_populates="loop", cascade="all, delete-orphan", order_by="Interview.id")


class Interview(Base):
    """One interviewer's interview in a loop: its focus dimensions and questions, and any
    conflict of interest found when they were put on the panel."""

    __tablename__ = "hiring_interviews"
    __table_args__ = (UniqueConstraint("loop_id", "interviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    loop_id: Mapped[int] = mapped_column(ForeignKey("hiring_loops.id", ondelete="CASCADE"))
    interviewer_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                                index=True)
    kind: Mapped[str] = mapped_column(String(40))
    dimensions: Mapped[list[str]] = mapped_column(JSON, default=list)
    questions: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    conflicts: Mapped[list[str]] = mapped_column(JSON, default=list)
    acknowledgement: Mapped[str | None] = mapped_column(Text)

    loop: Mapped[Loop] = relationship(back_populates="interviews")
    interviewer: Mapped[Person] = relationship()
    scorecard: Mapped[Scorecard | None] = relationship(
        back_populates="interview", cascade="all, delete-orphan", uselist=False)


class Scorecard(Base):
    """An interviewer's level per dimension with the evidence seen, and a hire lean."""

    __tablename__ = "hiring_scorecards"

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("hiring_interviews.id", ondelete="CASCADE"), unique=True)
    levels: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    evidence: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    lean: Mapped[str | None] = mapped_column(String(20))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    interview: Mapped[Interview] = relationship(back_populates="scorecard")


class HiringDecision(Base):
    """One version of a loop's outcome; a change is a new row, never an edit."""

    __tablename__ = "hiring_decisions"
    __table_args__ = (UniqueConstraint("loop_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    loop_id: Mapped[int] = mapped_column(ForeignKey("hiring_loops.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(20))  # hire | no_hire
    level: Mapped[str | None] = mapped_column(String(80))
    rationale: Mapped[str] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
