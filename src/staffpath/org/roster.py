"""A read-only snapshot of people and teams, loaded in a few queries for whole-org views."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.store.tables import Person, PersonEmail, Team

NO_TEAM = "no team"


@dataclass(frozen=True)
class Member:
    """One person as the organisation views read them."""

    id: int
    name: str
    handle: str
    team: str | None
    org_unit: str | None
    manager_id: int | None
    role: str
    level: str | None
    target_level: str | None
    active: bool

    @property
    def is_engineer(self) -> bool:
        return self.active and self.role == "engineer"


@dataclass(frozen=True)
class TeamInfo:
    """A team, its org unit and the code it owns."""

    name: str
    org_unit: str | None
    owns: tuple[str, ...]


@dataclass
class Roster:
    """Everyone on the roster, with lookups by handle, e-mail and name."""

    people: dict[int, Member]
    teams: dict[str, TeamInfo]
    emails: dict[str, int] = field(default_factory=dict)
    _by_handle: dict[str, int] = field(default_factory=dict)
    _by_name: dict[str, int | None] = field(default_factory=dict)
    _digest: str = ""

    def __post_init__(self) -> None:
        for m in self.people.values():
            self._by_handle[m.handle.lower()] = m.id
            key = m.name.strip().lower()
            # A name two people share names neither of them.
            self._by_name[key] = None if key in self._by_name else m.id

    def resolve(self, ref: str) -> int | None:
        """A person's id from a mention: @handle, handle, e-mail or full name."""
        key = ref.strip().lstrip("@").lower()
        if not key:
            return None
        found = self._by_handle.get(key)
        if found is None and "@" in key:
            found = self.emails.get(key)
        if found is None:
            found = self._by_name.get(key)
        return found

    @property
    def digest(self) -> str:
        """Changes whenever anything on the roster does: a key for memoised views."""
        if not self._digest:
            h = hashlib.sha1(usedforsecurity=False)
            for name, team in sorted(self.teams.items()):
                h.update(f"{name}\0{team.org_unit}\0{team.owns}\n".encode())
            for m in sorted(self.people.values(), key=lambda m: m.id):
                h.update(repr((m.id, m.name, m.handle, m.team, m.manager_id, m.role, m.level,
                               m.target_level, m.active)).encode())
            for email, pid in sorted(self.emails.items()):
                h.update(f"{email}\0{pid}\n".encode())
            self._digest = h.hexdigest()
        return self._digest

    def engineers(self) -> list[Member]:
        return sorted((m for m in self.people.values() if m.is_engineer),
                      key=lambda m: (m.name, m.id))

    def members_of(self, team: str) -> set[int]:
        return {m.id for m in self.people.values() if m.active and m.team == team}

    def team_of(self, person_id: int | None) -> str | None:
        member = self.people.get(person_id) if person_id is not None else None
        return member.team if member is not None else None

    def identifiers(self, ids: Iterable[int] | None = None) -> set[str]:
        """Every name, handle and e-mail of these people (all by default)."""
        chosen = set(self.people) if ids is None else set(ids)
        out = {s for pid in chosen if (m := self.people.get(pid)) is not None
               for s in (m.name, m.handle)}
        out |= {email for email, pid in self.emails.items() if pid in chosen}
        return out


def load_roster(session: Session) -> Roster:
    """People, teams and e-mail addresses, as plain values."""
    teams = {name: TeamInfo(name, unit, tuple(owns or ())) for name, unit, owns in
             session.execute(select(Team.name, Team.org_unit, Team.owns).order_by(Team.name))}
    rows = session.execute(
        select(Person.id, Person.name, Person.handle, Team.name, Team.org_unit,
               Person.manager_id, Person.role, Person.level, Person.target_level, Person.active)
        .outerjoin(Team, Team.id == Person.team_id))
    people = {r[0]: Member(id=r[0], name=r[1], handle=r[2], team=r[3], org_unit=r[4],
                           manager_id=r[5], role=r[6] or "engineer", level=r[7],
                           target_level=r[8], active=bool(r[9])) for r in rows}
    emails = {email.lower(): pid for pid, email in session.execute(
        select(PersonEmail.person_id, PersonEmail.email))}
    return Roster(people=people, teams=teams, emails=emails)
