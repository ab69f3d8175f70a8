"""Admin edits to the directory: people, teams and the accounts people sign in with, one at a
time, validated and audited (the admin pages, the admin API and the CLI share them)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from staffpath.accounts.admin import add_account
from staffpath.accounts.audit import Origin, record_change
from staffpath.accounts.auth import account_of, set_active
from staffpath.accounts.tables import User
from staffpath.errors import InputError, NotFoundError
from staffpath.framework.model import Framework
from staffpath.people.handles import new_handle
from staffpath.people.inputs import PersonCreate, TeamCreate
from staffpath.store.tables import Person, PersonEmail, Team


def get_person(session: Session, person_id: int) -> Person:
    person = session.scalar(select(Person).options(
        selectinload(Person.emails), selectinload(Person.team)).where(Person.id == person_id))
    if person is None:
        raise NotFoundError(f"no person with id {person_id}")
    return person


def person_by_handle(session: Session, handle: str) -> Person | None:
    """Exactly this handle, nothing fuzzy: web routes must not guess whom a URL means."""
    return session.scalar(select(Person).options(
        selectinload(Person.emails), selectinload(Person.team), selectinload(Person.manager))
        .where(Person.handle == handle))


def get_team(session: Session, team_id: int) -> Team:
    team = session.get(Team, team_id)
    if team is None:
        raise NotFoundError(f"no team with id {team_id}")
    return team


def _team_named(session: Session, name: str | None) -> Team | None:
    if not name:
        return None
    team = session.scalar(select(Team).where(func.lower(Team.name) == name.lower()))
    if team is None:
        raise InputError(f"team: no team named {name!r}")
    return team


def _level(framework: Framework, value: str | None, what: str) -> str | None:
    if not value:
        return None
    if value not in framework.level_ids:
        raise InputError(f"{what}: {value!r} is not a level of the framework "
                         f"({', '.join(framework.level_ids)})")
    return value


def _manager(session: Session, handle: str | None, person: Person | None) -> Person | None:
    if not handle:
        return None
    manager = person_by_handle(session, handle.lstrip("@"))
    if manager is None:
        raise InputError(f"manager: no person with handle {handle!r}")
    seen: set[int] = set()
    walk: Person | None = manager
    while walk is not None and person is not None and walk.id not in seen:
        if walk.id == person.id:
            raise InputError("manager: that would make a reporting loop")
        seen.add(walk.id)
        walk = walk.manager
    return manager


def create_person(session: Session, data: PersonCreate, framework: Framework, *,
                  origin: Origin) -> Person:
    """Add one person to the roster."""
    email = data.email.lower()
    if session.scalar(select(PersonEmail.id).where(PersonEmail.email == email)) is not None:
        raise InputError(f"email: {email} already belongs to someone")
    person = Person(
        name=data.name, handle=new_handle(session, email), role=data.role, active=True,
        level=_level(framework, data.level, "level"),
        target_level=_level(framework, data.target_level, "target_level"))
    team = _team_named(session, data.team)
    person.team_id = team.id if team else None
    manager = _manager(session, data.manager, None)
    person.manager_id = manager.id if manager else None
    person.emails = [PersonEmail(email=email)]
    session.add(person)
    session.flush()
    record_change(session, origin, "create_person", "person", person.id)
    return person


def update_person(session: Session, person_id: int, changes: Mapping[str, Any],
                  framework: Framework, *, origin: Origin) -> Person:
    """Change some of a person's roster fields (those present in `changes`). Someone marked
    as gone cannot keep signing in: their account is deactivated with them."""
    person = get_person(session, person_id)
    if changes.get("name"):
        person.name = changes["name"]
    if changes.get("role"):
        person.role = changes["role"]
    if "level" in changes:
        person.level = _level(framework, changes["level"], "level")
    if "target_level" in changes:
        person.target_level = _level(framework, changes["target_level"], "target_level")
    if "team" in changes:
        team = _team_named(session, changes["team"])
        person.team_id = team.id if team else None
    if "manager" in changes:
        manager = _manager(session, changes["manager"], person)
        person.manager_id = manager.id if manager else None
    if changes.get("active") is not None:
        person.active = bool(changes["active"])
    session.flush()
    if changes.get("active") is False:
        user = account_of(session, person.id)
        if user is not None:
            set_active(session, user, False)
    record_change(session, origin, "update_person", "person", person.id)
    return person


def add_account_for(session: Session, login: str, password: str, handle: str | None, *,
                    is_admin: bool, is_committee: bool, origin: Origin) -> User:
    """A new account, for the person with exactly this handle if one is named."""
    person = person_by_handle(session, handle) if handle else None
    if handle and person is None:
        raise InputError(f"person: no person with handle {handle!r}")
    return add_account(session, login, password, person=person, is_admin=is_admin,
                       is_committee=is_committee, origin=origin)


def create_team(session: Session, data: TeamCreate, *, origin: Origin) -> Team:
    if session.scalar(select(Team.id).where(func.lower(Team.name) == data.name.lower())):
        raise InputError(f"name: a team named {data.name!r} already exists")
    team = Team(name=data.name, org_unit=data.org_unit, description=data.description,
                owns=list(data.owns))
    session.add(team)
    session.flush()
    record_change(session, origin, "create_team", "team", team.id)
    return team


def update_team(session: Session, team_id: int, changes: Mapping[str, Any], *,
                origin: Origin) -> Team:
    team = get_team(session, team_id)
    name = changes.get("name")
    if name and name.lower() != team.name.lower() and session.scalar(
            select(Team.id).where(func.lower(Team.name) == name.lower())):
        raise InputError(f"name: a team named {name!r} already exists")
    if name:
        team.name = name
    for key in ("org_unit", "description"):
        if key in changes:
            setattr(team, key, changes[key] or None)
    if changes.get("owns") is not None:
        team.owns = [p for p in changes["owns"] if p.strip()]
    session.flush()
    record_change(session, origin, "update_team", "team", team.id)
    return team


def active_members(team: Team) -> int:
    """How many of a team's members are still here."""
    return sum(1 for m in team.members if m.active)


def team_to_dict(team: Team, members: int | None = None) -> dict[str, Any]:
    return {"id": team.id, "name": team.name, "org_unit": team.org_unit,
            "description": team.description, "owns": list(team.owns),
            "members": members}
