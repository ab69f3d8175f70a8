"""Authorship spans: from when to when someone counted as a file's author. A mining run writes
them; questions about authorship over time are answered from them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, insert, or_, select, update
from sqlalchemy.orm import Session, aliased

from staffpath.mining.git import shown
from staffpath.mining.history import History
from staffpath.mining.identity import Author
from staffpath.mining.tables import AuthorshipSpan, MinedRepo


@dataclass(frozen=True)
class AuthoredFile:
    """A file someone counted as an author of on a date."""

    repository: str
    path: str
    since: dt.date


@dataclass(frozen=True)
class SpreadEvent:
    """Someone else becoming an author of a file the person had authored."""

    repository: str
    path: str
    author_key: str
    person_id: int | None
    date: dt.date


def save_spans(session: Session, record: MinedRepo, history: History,
               by_key: dict[str, Author], *, full: bool) -> None:
    """Write the spans the history opened and closed (all of them, or the new commits')."""
    if full:
        session.execute(delete(AuthorshipSpan).where(AuthorshipSpan.repo_id == record.id))
    keys = history.keys
    open_now: dict[tuple[str, int], int] = {}
    rows: list[dict[str, Any]] = []

    def row(path: str, a: int, since: int, until: int | None) -> dict[str, Any]:
        author = by_key.get(keys[a])
        return {"repo_id": record.id, "path": shown(path), "author_key": keys[a],
                "person_id": author.person_id if author else None,
                "since": dt.date.fromordinal(since),
                "until": dt.date.fromordinal(until) if until is not None else None}

    for path, a, day, opened in history.events:
        if opened:
            open_now[(path, a)] = day
            continue
        since = open_now.pop((path, a), None)
        if since is not None:
            if since != day:
                rows.append(row(path, a, since, day))
        elif not full:
            session.execute(update(AuthorshipSpan).where(
                AuthorshipSpan.repo_id == record.id, AuthorshipSpan.path == shown(path),
                AuthorshipSpan.author_key == keys[a], AuthorshipSpan.until.is_(None),
            ).values(until=dt.date.fromordinal(day)))
    rows.extend(row(path, a, since, None) for (path, a), since in open_now.items())
    if rows:
        session.execute(insert(AuthorshipSpan), rows)


def authored_at(session: Session, author_key: str, when: dt.date) -> list[AuthoredFile]:
    """Files the author counted as an author of on `when` (by degree of authorship)."""
    rows = session.execute(
        select(MinedRepo.name, AuthorshipSpan.path, AuthorshipSpan.since)
        .join(MinedRepo, MinedRepo.id == AuthorshipSpan.repo_id)
        .where(AuthorshipSpan.author_key == author_key, AuthorshipSpan.since <= when,
               or_(AuthorshipSpan.until.is_(None), AuthorshipSpan.until > when))
        .order_by(MinedRepo.name, AuthorshipSpan.path))
    return [AuthoredFile(repo, path, since) for repo, path, since in rows]


def spread_from(session: Session, author_key: str, start: dt.date, end: dt.date
                ) -> list[SpreadEvent]:
    """Others who became authors, between start and end, of files this author had authored
    (before the other joined): knowledge spreading from the author's area."""
    mine = aliased(AuthorshipSpan)
    other = aliased(AuthorshipSpan)
    rows = session.execute(
        select(MinedRepo.name, other.path, other.author_key, other.person_id, other.since)
        .join(mine, and_(mine.repo_id == other.repo_id, mine.path == other.path))
        .join(MinedRepo, MinedRepo.id == other.repo_id)
        .where(mine.author_key == author_key, other.author_key != author_key,
               other.since >= start, other.since <= end, mine.since <= other.since)
        .order_by(other.since, MinedRepo.name, other.path))
    seen: set[tuple[str, str, str]] = set()
    events = []
    for repo, path, key, person_id, since in rows:
        if (repo, path, key) in seen:
            continue
        seen.add((repo, path, key))
        events.append(SpreadEvent(repo, path, key, person_id, since))
    return events
