"""Stored endorsements: a colleague asked to confirm one evidence item or to write a few words
about it, and their answer. The answer is the colleague's own record: only they write it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from staffpath.store.tables import Base, Evidence, Person, utcnow


class Endorsement(Base):
    """One colleague asked about one item: requested, then confirmed, endorsed or declined."""

    __tablename__ = "endorsements"
    # A colleague is asked about an item once; asking again finds the same request.
    __table_args__ = (UniqueConstraint("evidence_id", "colleague_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id", ondelete="CASCADE"))
    # The item's owner, kept here so a person's requests are one indexed read.
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True)
    colleague_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True)
    asked_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)  # what the asker wrote to the colleague
    state: Mapped[str] = mapped_column(String(20), default="requested")
    text: Mapped[str | None] = mapped_column(Text)  # the colleague's words (endorsed)
    asked_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    evidence: Mapped[Evidence] = relationship()
    owner: Mapped[Person] = relationship(foreign_keys=[owner_id])
    colleague: Mapped[Person] = relationship(foreign_keys=[colleague_id])
    asked_by: Mapped[Person | None] = relationship(foreign_keys=[asked_by_id])
