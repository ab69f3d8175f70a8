"""Organisation-view snapshots: the expensive parts of the whole-org views, kept in the
database with a key of everything they were computed from, so a fresh process (a restarted
server, a new command) reads them instead of recomputing, and a change to any input makes the
next read compute afresh."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from staffpath.store.tables import Base, utcnow


class OrgItemColumns(Base):
    """One person's evidence as assessment item columns (see `org.assessed`)."""

    __tablename__ = "org_item_columns"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    # A digest of the inputs: code, framework, the person's ledger revision.
    inputs: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class OrgSnapshot(Base):
    """A computed part of an organisation view (a repository's spans, its file owners, the
    day's risk report), with a digest of its inputs."""

    __tablename__ = "org_snapshots"

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    scope: Mapped[str] = mapped_column(String(200), primary_key=True)
    inputs: Mapped[str] = mapped_column(String(64))
    # Names (paths, author keys) as JSON text, where an erasure's scrubbing reaches them;
    # numbers only in `data`.
    text: Mapped[str] = mapped_column(Text)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    computed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
