"""People and teams in the store: roster import, lookup, listing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from staffpath.errors import InputError, NotFoundError, ProblemList
from staffpath.people.handles import new_handle
from staffpath.people.roster import Roster, RosterRow, parse_roster, read_roster_text
from staffpath.store.tables import Person, PersonEmail, Team


@dataclass
class RosterImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "skipped": self.skipped, "warnings": self.warnings}


def _team(session: Session, name: str, org_unit: str | None) -> Team:
    team = session.scalar(select(Team).where(func.lower(Team.name) == name.lower()))
    if team is None:
        team = Team(name=name, org_unit=org_unit, owns=[])
        session.add(team)
        session.flush()
    elif org_unit and team.org_unit != org_unit:
        team.org_unit = org_unit
    return team


def import_roster(
    session: Session, path: Path, *, level_ids: Sequence[str], skip_invalid: bool = False
) -> RosterImportReport:
    """Create or update people from a roster CSV; all-or-nothing unless skip_invalid."""
    roster: Roster = parse_roster(read_roster_text(path), source=str(path), level_ids=level_ids)
    report = RosterImportReport(warnings=list(roster.warnings))
    _resolve_outside_managers(session, roster, str(path))
    if roster.problems and not skip_invalid:
        raise ProblemList(roster.problems)
    bad_lines = {p.line for p in roster.problems}
    report.skipped = [str(p) for p in roster.problems]
    rows = [r for r in roster.rows if r.line not in bad_lines]
    taken: set[str] = set()
    people_by_email: dict[str, Person] = {}
    for row in rows:
        person, state = _upsert_person(session, row, taken)
        for email in row.emails:
            people_by_email[email] = person
        if state == "added":
            report.added += 1
        elif state == "updated":
            report.updated += 1
        else:
            report.unchanged += 1
    session.flush()
    for row in rows:
        person = people_by_email[row.emails[0]]
        manager_id = None
        if row.manager:
            manager = people_by_email.get(row.manager) or _find_manager(session, row.manager)
            manager_id = manager.id if manager else None
        if person.manager_id != manager_id:
            person.manager_id = manager_id
    return report


def _find_manager(session: Session, ref: str) -> Person | None:
    if "@" in ref:
        return session.scalar(
            select(Person).join(PersonEmail).where(PersonEmail.email == ref.lower())
        )
    matches = session.scalars(select(Person).where(func.lower(Person.name) == ref.lower())).all()
    return matches[0] if len(matches) == 1 else None


def _resolve_outside_managers(session: Session, roster: Roster, source: str) -> None:
    in_file = {e for r in roster.rows for e in r.emails}
    names = {r.name.lower() for r in roster.rows}
    for row in roster.rows:
        ref = row.manager
        if ref is None or ref in in_file or ref.lower() in names:
            continue
        if _find_manager(session, ref) is None:
            roster.problems.append(InputError(
                f"manager {ref!r} is neither in this roster nor already known",
                path=source, line=row.line))


def _upsert_person(session: Session, row: RosterRow, taken: set[str]) -> tuple[Person, str]:
    existing = session.scalars(
        select(Person).join(PersonEmail).where(PersonEmail.email.in_(row.emails))
        .options(selectinload(Person.emails))
    ).unique().all()
    if len(existing) > 1:
        raise InputError(
            f"e-mails {', '.join(row.emails)} belong to {len(existing)} different people",
            line=row.line)
    team = _team(session, row.team, row.org_unit) if row.team else None
    wanted = {"name": row.name, "team_id": team.id if team else None, "level": row.level,
              "target_level": row.target_level, "role": row.role}
    if not existing:
        person = Person(handle=new_handle(session, row.emails[0], taken), active=True, **wanted)
        person.emails = [PersonEmail(email=e) for e in row.emails]
        session.add(person)
        return person, "added"
    person = existing[0]
    changed = False
    for key, value in wanted.items():
        if getattr(person, key) != value:
            setattr(person, key, value)
            changed = True
    known = {e.email for e in person.emails}
    for email in row.emails:
        if email not in known:
            person.emails.append(PersonEmail(email=email))
            changed = True
    return person, "updated" if changed else "unchanged"


def find_person(session: Session, ref: str) -> Person:
    """A person by id, handle, e-mail or (unambiguous) name, or a NotFoundError."""
    ref = ref.strip()
    query = select(Person).options(selectinload(Person.emails), selectinload(Person.team))
    if ref.isdigit():
        found = session.scalar(query.where(Person.id == int(ref)))
        if found:
            return found
    found = session.scalar(query.where(Person.handle == ref.lower().lstrip("@")))
    if found:
        return found
    if "@" in ref.strip("@"):
        found = session.scalar(
            query.join(PersonEmail).where(PersonEmail.email == ref.lower())
        )
        if found:
            return found
    by_name = session.scalars(query.where(func.lower(Person.name) == ref.lower())).all()
    if len(by_name) == 1:
        return by_name[0]
    if len(by_name) > 1:
        ids = ", ".join(f"{p.handle} (id {p.id})" for p in by_name)
        raise NotFoundError(f"{ref!r} matches several people: {ids}; use a handle or id")
    partial = session.scalars(
        query.where(or_(Person.name.ilike(f"%{ref}%"), Person.handle.ilike(f"%{ref}%"))).limit(4)
    ).all()
    hint = f"; did you mean {', '.join(p.handle for p in partial)}?" if partial else ""
    raise NotFoundError(f"no person {ref!r}{hint}")


def list_people(session: Session, *, team: str | None = None) -> list[Person]:
    query = (select(Person).options(selectinload(Person.emails), selectinload(Person.team))
             .order_by(Person.name, Person.id))
    if team:
        query = query.join(Team).where(func.lower(Team.name) == team.lower())
    return list(session.scalars(query))


def people_by_ids(session: Session, ids: Iterable[int]) -> list[Person]:
    """These people, by name."""
    return list(session.scalars(select(Person).where(Person.id.in_(set(ids)))
                                .order_by(Person.name, Person.id)))


def handles_by_id(session: Session) -> dict[int, str]:
    """Every person's handle (the audit log names people by id)."""
    return dict(session.execute(select(Person.id, Person.handle)).all())


def person_to_dict(person: Person) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "handle": person.handle,
        "emails": [e.email for e in person.emails],
        "team": person.team.name if person.team else None,
        "manager_id": person.manager_id,
        "role": person.role,
        "level": person.level,
        "target_level": person.target_level,
        "active": person.active,
    }


class TeamSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    org_unit: str | None = None
    description: str | None = None
    owns: list[str] = []


def import_teams(session: Session, path: Path) -> tuple[int, int]:
    """Create or update teams from a YAML list of {name, org_unit, description, owns}."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text", path=path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"invalid YAML: {getattr(exc, 'problem', exc)}", path=path,
                         line=mark.line + 1 if mark else None) from None
    if isinstance(data, dict) and "teams" in data:
        data = data["teams"]
    if not isinstance(data, list):
        raise InputError("expected a list of teams", path=path)
    specs: list[TeamSpec] = []
    problems: list[InputError] = []
    for i, item in enumerate(data):
        try:
            specs.append(TeamSpec.model_validate(item))
        except ValidationError as exc:
            err = exc.errors()[0]
            problems.append(InputError(
                f"team #{i + 1}: {'.'.join(map(str, err['loc']))}: {err['msg']}", path=path))
    if problems:
        raise ProblemList(problems)
    added = updated = 0
    for spec in specs:
        team = session.scalar(select(Team).where(func.lower(Team.name) == spec.name.lower()))
        if team is None:
            session.add(Team(name=spec.name, org_unit=spec.org_unit,
                             description=spec.description, owns=list(spec.owns)))
            added += 1
        else:
            team.org_unit, team.description, team.owns = spec.org_unit, spec.description, list(
                spec.owns)
            updated += 1
    return added, updated


def list_teams(session: Session) -> list[Team]:
    return list(session.scalars(select(Team).options(selectinload(Team.members))
                                .order_by(Team.name)))
