"""Stored fairness records of promotion cycles: conflicts of interest on panels (the reasons
found when a member joined, and the acknowledgement that let them join), and what the
consistency check found on each decision, with the conditions of a conditional promotion."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from staffpath.store.tables import Base, utcnow


class PanelConflict(Base):
    """The conflicts of one panel member on one nomination, as acknowledged."""

    __tablename__ = "cycle_panel_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("cycle_assignments.id", ondelete="CASCADE"), unique=True)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    acknowledgement: Mapped[str] = mapped_column(Text)
    acknowledged_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class DecisionCheck(Base):
    """What the consistency check found when a decision was recorded: whether it went
    against the panel's median or against similar past cases (and which), and the
    conditions of a "promote with conditions", each tracked until it is met."""

    __tablename__ = "cycle_decision_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("cycle_decisions.id", ondelete="CASCADE"), unique=True)
    against_panel: Mapped[bool] = mapped_column(Boolean, default=False)
    against_precedent: Mapped[bool] = mapped_column(Boolean, default=False)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # [{"text": ..., "dimension": ... | None, "met_at": ISO time | None}]
    conditions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class ManagerStatement(Base):
    """The nominee's manager's comment on the packet, signed off before submission; it is
    frozen into the packet and the nominee reads it once the outcome is released."""

    __tablename__ = "cycle_manager_statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(
        ForeignKey("cycle_nominations.id", ondelete="CASCADE"), unique=True)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    signed_off_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ReportGroup(Base):
    """An optional group a person belongs to, set by an administrator only, for the cycle
    report's outcome rates (reported only for groups of at least five nominees)."""

    __tablename__ = "cycle_report_groups"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                           primary_key=True)
    group: Mapped[str] = mapped_column(String(80))
