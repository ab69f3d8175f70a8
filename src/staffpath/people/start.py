"""Starting without a roster: one person added by hand, with their team made if it is new
(`staffpath init` and `staffpath people add`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from staffpath.accounts.audit import Origin
from staffpath.framework.model import Framework
from staffpath.people.directory import create_person, create_team
from staffpath.people.inputs import PersonCreate, TeamCreate
from staffpath.people.service import list_teams
from staffpath.store.tables import Person


def add_person(session: Session, data: PersonCreate, framework: Framework, *,
               origin: Origin) -> Person:
    """Add one person; a team named for the first time is created with them (both audited)."""
    if data.team and not any(t.name.lower() == data.team.lower() for t in list_teams(session)):
        create_team(session, TeamCreate(name=data.team), origin=origin)
    return create_person(session, data, framework, origin=origin)
