"""Stored assessment state: self-ratings and reproducible assessment snapshots."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from staffpath.store.tables import Base, utcnow


class SelfRating(Base):
    """An engineer's own view of their level on one dimension, kept beside the assessment."""

    __tablename__ = "self_ratings"
    __table_args__ = (Index("ix_self_ratings_person_dim", "person_id", "dimension"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    dimension: Mapped[str] = mapped_column(String(80))
    level: Mapped[str] = mapped_column(String(80))
    note: Mapped[str] = mapped_column(Text, default="")
    rated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AssessmentSnapshot(Base):
    """An assessment as it was: the framework version, the date, the evidence it read, the result.

    Enough to render the same packet later and to compare two cycles.
    """

    __tablename__ = "assessment_snapshots"
    __table_args__ = (Index("ix_assessment_snapshots_person", "person_id", "as_of"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    as_of: Mapped[dt.date] = mapped_column(Date)
    framework_fingerprint: Mapped[str] = mapped_column(String(64))
    framework_version: Mapped[str] = mapped_column(String(80))
    inputs_hash: Mapped[str] = mapped_column(String(64))
    # The evidence items as read (their JSON form) and the person's fields at the time.
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    overall_level: Mapped[str | None] = mapped_column(String(80))
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    evidence_count: Mapped[int] = mapped_column(Integer, default=0)
