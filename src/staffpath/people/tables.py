"""The organisation as a whole, as an administrator declares it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer
from sqlalchemy.orm import Mapped, mapped_column

from staffpath.store.tables import Base, utcnow


class OrgProfile(Base):
    """The organisation's size, declared (one row at most): how many engineers it has and, when
    known, in how many teams. The roster counts only the people who use staffpath, which may be
    one team of a large company; a declared size is the whole organisation's."""

    __tablename__ = "org_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    engineers: Mapped[int] = mapped_column(Integer)
    teams: Mapped[int] = mapped_column(Integer, default=0)
    declared_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
