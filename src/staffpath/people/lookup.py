"""The person a web address names, read fast: every person page reads them before it runs.

Each read is one statement built once, at import; the request guard runs them on its
read-only connection (`Store.reading()`), so deciding a request stays a handful of indexed
reads without the ORM's bookkeeping.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, aliased, joinedload

from staffpath.errors import NotFoundError
from staffpath.store.engine import Reader
from staffpath.store.tables import Evidence, Person, Team


@dataclass(frozen=True)
class PersonCard:
    """A person as plain values: enough for pages that only show and assess them, and usable
    after the session has closed."""

    id: int
    name: str
    handle: str
    team: str | None
    role: str
    level: str | None
    target_level: str | None
    manager: str | None  # the manager's handle
    active: bool

    @classmethod
    def of(cls, person: Person) -> PersonCard:
        return cls(person.id, person.name, person.handle,
                   person.team.name if person.team else None, person.role, person.level,
                   person.target_level, person.manager.handle if person.manager else None,
                   person.active)

    def view(self) -> dict[str, Any]:
        """As templates show a person."""
        return dataclasses.asdict(self)


def person_view(person: Person) -> dict[str, Any]:
    """A person as templates show them."""
    return PersonCard.of(person).view()


_MANAGER = aliased(Person)
_CARD_BY_HANDLE = (
    select(Person.id, Person.name, Person.handle, Team.name, Person.role, Person.level,
           Person.target_level, _MANAGER.handle, Person.active)
    .outerjoin(Team, Team.id == Person.team_id)
    .outerjoin(_MANAGER, _MANAGER.id == Person.manager_id)
    .where(Person.handle == bindparam("handle")))
_WITH_TEAM_AND_MANAGER = (
    select(Person).options(joinedload(Person.team), joinedload(Person.manager))
    .where(Person.id == bindparam("id")))
_ENTRY = select(Evidence.id, Evidence.person_id, Evidence.deleted_at).where(
    Evidence.id == bindparam("id"))


def card_by_handle(reader: Reader, handle: str) -> PersonCard | None:
    """The person with exactly this handle, in one query."""
    found = reader.execute(_CARD_BY_HANDLE, {"handle": handle}).first()
    return PersonCard(*found) if found is not None else None


def is_their_entry(reader: Reader, person_id: int, entry_id: int) -> bool:
    """Whether a journal entry is this person's and not deleted, in one query."""
    entry = reader.execute(_ENTRY, {"id": entry_id}).first()
    return entry is not None and entry.person_id == person_id and entry.deleted_at is None


def person_of(session: Session, card: PersonCard | None) -> Person:
    """The person a card shows, with their team and manager loaded, in one query."""
    if card is None:
        raise NotFoundError("no person in this request")
    person = session.scalars(_WITH_TEAM_AND_MANAGER, {"id": card.id}).unique().one_or_none()
    if person is None:
        raise NotFoundError("no such person")
    return person
