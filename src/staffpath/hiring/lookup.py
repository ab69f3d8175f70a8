"""Finding roles, loops and candidates as each caller may reach them.

An administrator (and the operator at the command line) reaches everything; a hiring manager
the roles they hire for, with those roles' loops and candidates; an interviewer the loops they
interview on. Everything else answers as not found, alike whether it exists or not.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from staffpath.accounts.principal import Principal
from staffpath.errors import InputError, NotFoundError
from staffpath.framework.model import Framework
from staffpath.framework.registry import framework_by_fingerprint
from staffpath.hiring.tables import Candidate, HiringDecision, HiringRole, Interview, Loop
from staffpath.people.service import find_person
from staffpath.store.tables import Person


def sees_all(viewer: Principal) -> bool:
    return viewer.is_admin or viewer.operator


def manages(loop: Loop, viewer: Principal) -> bool:
    """The viewer hires for the loop's role (or administers hiring)."""
    return sees_all(viewer) or (viewer.person_id is not None
                                and loop.role.hiring_manager_id == viewer.person_id)


def interview_of(loop: Loop, viewer: Principal) -> Interview | None:
    return next((i for i in loop.interviews if viewer.person_id is not None
                 and i.interviewer_id == viewer.person_id), None)


def principal_for(session: Session, person: str | None) -> Principal:
    """Acting as a person named at the command line; nobody named is the operator."""
    if person is None:
        return Principal.command_line()
    return Principal(person_id=find_person(session, person).id)


def person_named(session: Session, ref: str) -> Person:
    """A person named in a form field: one not found is bad input, not a missing page."""
    try:
        return find_person(session, ref)
    except NotFoundError as exc:
        raise InputError(str(exc)) from None


def acting_person(session: Session, viewer: Principal) -> Person:
    person = session.get(Person, viewer.person_id) if viewer.person_id is not None else None
    if person is None:
        raise NotFoundError("this account belongs to no person")
    return person


def role_for(session: Session, viewer: Principal, role_id: int) -> HiringRole:
    role = session.get(HiringRole, role_id)
    if role is None or not (sees_all(viewer) or (
            viewer.person_id is not None and role.hiring_manager_id == viewer.person_id)):
        raise NotFoundError(f"no hiring role #{role_id}")
    return role


def list_roles(session: Session, viewer: Principal) -> list[HiringRole]:
    query = select(HiringRole).order_by(HiringRole.id)
    if not sees_all(viewer):
        query = query.where(HiringRole.hiring_manager_id == (viewer.person_id or -1))
    return list(session.scalars(query))


def loop_for(session: Session, viewer: Principal, loop_id: int) -> Loop:
    """A loop the viewer may reach: managing its role, or interviewing on it."""
    loop = session.get(Loop, loop_id)
    if loop is None or not (manages(loop, viewer) or interview_of(loop, viewer)):
        raise NotFoundError(f"no interview loop #{loop_id}")
    return loop


def managed_loop(session: Session, viewer: Principal, loop_id: int) -> Loop:
    """A loop the viewer hires for; to an interviewer only, it is not there."""
    loop = loop_for(session, viewer, loop_id)
    if not manages(loop, viewer):
        raise NotFoundError(f"no interview loop #{loop_id}")
    return loop


def list_loops(session: Session, viewer: Principal) -> list[Loop]:
    query = select(Loop).join(HiringRole).order_by(Loop.id)
    if not sees_all(viewer):
        me = viewer.person_id or -1
        query = query.where(or_(
            HiringRole.hiring_manager_id == me,
            Loop.id.in_(select(Interview.loop_id).where(Interview.interviewer_id == me))))
    return list(session.scalars(query))


def candidate_for(session: Session, viewer: Principal, candidate_id: int) -> Candidate:
    """A candidate the viewer hires for (a loop of theirs is the candidate's)."""
    candidate = session.get(Candidate, candidate_id)
    if candidate is None or not (sees_all(viewer) or any(
            manages(loop, viewer) for loop in session.scalars(
                select(Loop).where(Loop.candidate_id == candidate_id)))):
        raise NotFoundError(f"no candidate #{candidate_id}")
    return candidate


def loop_framework(session: Session, loop: Loop) -> Framework:
    return framework_by_fingerprint(session, loop.framework_fingerprint)


def latest_decision(session: Session, loop: Loop) -> HiringDecision | None:
    return session.scalar(select(HiringDecision).where(HiringDecision.loop_id == loop.id)
                          .order_by(HiringDecision.version.desc()).limit(1))
