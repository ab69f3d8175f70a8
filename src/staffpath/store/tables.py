"""The database schema: people, teams, frameworks, evidence and its history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def register_all_tables() -> None:
    """Import every area's `tables` module, so `Base.metadata` knows the whole schema.

    Each area keeps its tables in `staffpath.<area>.tables`; the store finds them by that name
    rather than importing the areas above it.
    """
    import importlib
    import importlib.util
    import pkgutil

    import staffpath

    for info in pkgutil.iter_modules(staffpath.__path__):
        if info.ispkg and importlib.util.find_spec(f"staffpath.{info.name}.tables") is not None:
            importlib.import_module(f"staffpath.{info.name}.tables")


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    org_unit: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    # gitignore-style path patterns this team owns, used to attribute changes to owners.
    owns: Mapped[list[str]] = mapped_column(JSON, default=list)

    members: Mapped[list[Person]] = relationship(back_populates="team")


class Person(Base):
    __tablename__ = "people"
    __table_args__ = (Index("ix_people_role_active", "role", "active"),
                      Index("ix_people_manager_id", "manager_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    handle: Mapped[str] = mapped_column(String(200), unique=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    role: Mapped[str] = mapped_column(String(40), default="engineer")
    level: Mapped[str | None] = mapped_column(String(80))
    target_level: Mapped[str | None] = mapped_column(String(80))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # Moved by database triggers on every change to this person's evidence (migration
    # 0006); cached assessments are keyed by it. Never set it from the application.
    ledger_revision: Mapped[int] = mapped_column(Integer, server_default="0", default=0)

    team: Mapped[Team | None] = relationship(back_populates="members")
    manager: Mapped[Person | None] = relationship(remote_side=[id])
    emails: Mapped[list[PersonEmail]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonEmail.id"
    )


class PersonEmail(Base):
    __tablename__ = "person_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)

    person: Mapped[Person] = relationship(back_populates="emails")


class FrameworkVersion(Base):
    """A framework file as loaded; evidence is assessed against the active one."""

    __tablename__ = "frameworks"
    __table_args__ = (UniqueConstraint("fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[str] = mapped_column(String(80))
    fingerprint: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Evidence(Base):
    """One dated piece of work by a person, with where it came from."""

    __tablename__ = "evidence"
    __table_args__ = (
        Index("ix_evidence_person_date", "person_id", "date_start"),
        Index("ix_evidence_source", "person_id", "source_type", "source_ref"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    date_start: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(40))
    project: Mapped[str | None] = mapped_column(String(300))
    teams: Mapped[list[str]] = mapped_column(JSON, default=list)
    stakeholders: Mapped[list[str]] = mapped_column(JSON, default=list)
    people: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Set by the person (a correction); when None the assessment uses what extraction found.
    scope: Mapped[int | None] = mapped_column(Integer)
    role: Mapped[int | None] = mapped_column(Integer)
    # People who confirmed this item (handles): evidence attested by a second person.
    attested_by: Mapped[list[str]] = mapped_column(JSON, default=list)
    impact_money: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    impact_currency: Mapped[str | None] = mapped_column(String(3))
    impact_period: Mapped[str | None] = mapped_column(String(20))
    impact_metric: Mapped[float | None] = mapped_column()
    impact_unit: Mapped[str | None] = mapped_column(String(40))
    impact_text: Mapped[str | None] = mapped_column(Text)
    dimensions: Mapped[list[str]] = mapped_column(JSON, default=list)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Provenance: typed | file | commit | url | git | review; ref is the file, URL or repo range.
    source_type: Mapped[str] = mapped_column(String(20))
    source_ref: Mapped[str | None] = mapped_column(Text)
    source_line: Mapped[int | None] = mapped_column(Integer)
    source_key: Mapped[str | None] = mapped_column(String(128))
    # Where the item sat in its source and what was extracted from its text.
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    person: Mapped[Person] = relationship()

    # Every UPDATE checks the version it read: a concurrent edit fails instead of being lost.
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class EvidenceRevision(Base):
    """The state of an evidence item before each change, so edits keep history."""

    __tablename__ = "evidence_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_id: Mapped[int] = mapped_column(
        ForeignKey("evidence.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    change: Mapped[str] = mapped_column(String(20))  # created | edited | reimported | deleted
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class JournalNote(Base):
    """Brag-doc content that is not an accomplishment: goals, things to learn, open tasks."""

    __tablename__ = "journal_notes"
    __table_args__ = (Index("ix_journal_notes_person_source", "person_id", "source_ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(20))
    section: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    source_ref: Mapped[str | None] = mapped_column(Text)
    source_line: Mapped[int | None] = mapped_column(Integer)
    source_key: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
