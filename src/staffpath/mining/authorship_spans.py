"""Authorship spans: from when to when someone counted as a file's author. A mining run writes
them; questions about authorship over time (a person's files on a date, knowledge spreading
from them) are answered from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from staffpath.mining.tables import AuthorshipSpan, MinedRepo
from staffpath.people.service import find_person
from staffpath.store.tables import Person


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


@dataclass(frozen=True)
class PersonAuthorship:
    """The files a roster person was an author of on a date, and knowledge spread from them:
    others who became authors of those files in a window before it."""

    handle: str
    name: str
    at: dt.date
    since: dt.date
    files: tuple[AuthoredFile, ...]
    spread: tuple[SpreadEvent, ...]
    handles: Mapping[int, str]  # of the roster people in `spread`

    def spread_to(self, event: SpreadEvent) -> str:
        """Whom knowledge spread to: a roster handle, else the git identity's e-mail or name."""
        return self.handles.get(event.person_id or 0, event.author_key.removeprefix("x:"))

    def as_dict(self) -> dict[str, Any]:
        return {
            "person": self.handle, "at": self.at.isoformat(), "since": self.since.isoformat(),
            "files": [{"repository": f.repository, "path": f.path,
                       "since": f.since.isoformat()} for f in self.files],
            "spread": [{"repository": e.repository, "path": e.path, "to": self.spread_to(e),
                        "date": e.date.isoformat()} for e in self.spread],
        }


def person_authorship(session: Session, person: str, at: dt.date, since: dt.date
                      ) -> PersonAuthorship:
    """A person's (handle, e-mail or name) authorship on `at`, and the spread since `since`."""
    who = find_person(session, person)
    key = f"p:{who.id}"
    files = authored_at(session, key, at)
    spread = spread_from(session, key, since, at)
    ids = {e.person_id for e in spread if e.person_id}
    handles = {p.id: p.handle for p in session.scalars(
        select(Person).where(Person.id.in_(ids)))} if ids else {}
    return PersonAuthorship(handle=who.handle, name=who.name, at=at, since=since,
                            files=tuple(files), spread=tuple(spread), handles=handles)
