"""Mining tables: repositories mined, git identities and their rules, authorship over time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from staffpath.store.tables import Base, utcnow


class MinedRepo(Base):
    """A repository (and branch) mined, where the last run stopped, and what it found."""

    __tablename__ = "mined_repos"
    __table_args__ = (UniqueConstraint("path", "branch", name="uq_mined_repos_path_branch"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    branch: Mapped[str] = mapped_column(String(255), default="")  # "" is the default branch
    name: Mapped[str] = mapped_column(String(255))
    tip: Mapped[str | None] = mapped_column(String(64))
    commits: Mapped[int] = mapped_column(Integer, default=0)
    authors: Mapped[int] = mapped_column(Integer, default=0)
    files: Mapped[int] = mapped_column(Integer, default=0)
    truck_factor: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The incremental state (per-file authorship, per-person facts), compressed JSON.
    state: Mapped[bytes | None] = mapped_column(LargeBinary)
    mined_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class GitIdentity(Base):
    """A (name, e-mail) pair as git prints it after `.mailmap`, seen in some history."""

    __tablename__ = "git_identities"
    __table_args__ = (UniqueConstraint("name", "email", name="uq_git_identities_name_email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    email: Mapped[str] = mapped_column(String(320))
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class IdentityRule(Base):
    """A user's correction: merge two identities, keep one apart, or link one to a person."""

    __tablename__ = "identity_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # merge | split | link
    identity_id: Mapped[int] = mapped_column(
        ForeignKey("git_identities.id", ondelete="CASCADE"), index=True)
    other_id: Mapped[int | None] = mapped_column(
        ForeignKey("git_identities.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AuthorshipSpan(Base):
    """From when to when an author counted as an author (by degree of authorship) of a path."""

    __tablename__ = "authorship_spans"
    __table_args__ = (
        Index("ix_authorship_spans_repo_author", "repo_id", "author_key"),
        Index("ix_authorship_spans_repo_path", "repo_id", "path"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    repo_id: Mapped[int] = mapped_column(ForeignKey("mined_repos.id", ondelete="CASCADE"))
    path: Mapped[str] = mapped_column(Text)
    author_key: Mapped[str] = mapped_column(String(400))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    since: Mapped[dt.date] = mapped_column(Date)
    until: Mapped[dt.date | None] = mapped_column(Date)  # None: still an author


class MinedFact(Base):
    """Per person and period facts of one repository (cross-team, glue, knowledge spread),
    kept so a later run can add its commits to a period's evidence entry."""

    __tablename__ = "mined_facts"
    __table_args__ = (
        UniqueConstraint("repo_id", "kind", "author_key", "period",
                         name="uq_mined_facts_repo_kind_author_period"),
        Index("ix_mined_facts_repo_period", "repo_id", "period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    repo_id: Mapped[int] = mapped_column(ForeignKey("mined_repos.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    author_key: Mapped[str] = mapped_column(String(400))
    period: Mapped[str] = mapped_column(String(10))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
