"""Stored conflicts of interest on promotion panels: the reasons found when a member joined a
nomination's panel, and the acknowledgement that let them join (kept for calibration)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, ForeignKey, Text
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
