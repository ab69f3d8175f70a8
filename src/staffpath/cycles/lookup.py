"""Finding cycles, nominations and the people acting on them, as each caller may reach them.

Everything a caller may not reach answers as not found, alike whether it exists or not: a
panel member reaches only the packets assigned to them, a nominee only their own nomination.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from staffpath.accounts.principal import Principal
from staffpath.cycles.tables import Assignment, Cycle, Decision, Nomination
from staffpath.errors import InputError, NotFoundError
from staffpath.framework.model import Framework
from staffpath.framework.registry import framework_by_fingerprint
from staffpath.people.service import find_person
from staffpath.store.tables import Person

# --- who is asking -----------------------------------------------------------------------


def as_member(caller: Principal) -> Principal:
    """A committee member as the cycle service sees them: on the member pages an
    administrator's flag does not count."""
    return Principal(person_id=caller.person_id, is_admin=False)


def as_admin(caller: Principal) -> Principal:
    """An administrator managing cycles (and, if on a panel, a member first)."""
    return Principal(person_id=caller.person_id, is_admin=True)


def principal_for(session: Session, person: str | None) -> Principal:
    """Acting as a person named at the command line (id, handle, e-mail or name); nobody
    named is the operator."""
    if person is None:
        return Principal.command_line()
    return Principal(person_id=find_person(session, person).id)


def acting_person(session: Session, caller: Principal) -> Person:
    """The caller's own person; an account without one has no nominations or panels."""
    person = session.get(Person, caller.person_id) if caller.person_id is not None else None
    if person is None:
        raise NotFoundError("this account belongs to no person")
    return person


def person_named(session: Session, ref: str) -> Person:
    """A person named in a form field: one that is not found is bad input, not a missing
    page."""
    try:
        return find_person(session, ref)
    except NotFoundError as exc:
        raise InputError(str(exc)) from None


# --- cycles ------------------------------------------------------------------------------


def get_cycle(session: Session, ref: str | int) -> Cycle:
    """A cycle by id or name."""
    text = str(ref).strip()
    found = session.get(Cycle, int(text)) if text.isdigit() else None
    if found is None:
        found = session.scalar(select(Cycle).where(func.lower(Cycle.name) == text.lower()))
    if found is None:
        raise NotFoundError(f"no cycle {text!r}")
    return found


def cycle_by_id(session: Session, cycle_id: int) -> Cycle:
    found = session.get(Cycle, cycle_id)
    if found is None:
        raise NotFoundError(f"no cycle #{cycle_id}")
    return found


def list_cycles(session: Session, viewer: Principal) -> list[Cycle]:
    """Cycles the viewer may see: all for an admin, else those with a packet assigned to them."""
    query = select(Cycle).order_by(Cycle.opens_on.desc(), Cycle.id.desc())
    if not viewer.is_admin:
        query = query.where(Cycle.id.in_(
            select(Nomination.cycle_id).join(Assignment)
            .where(Assignment.member_id == (viewer.person_id or -1))))
    return list(session.scalars(query))


def open_for_nomination(session: Session) -> list[Cycle]:
    return list(session.scalars(select(Cycle).where(Cycle.state.in_(("draft", "open")))
                                .order_by(Cycle.opens_on, Cycle.id)))


def cycle_framework(session: Session, cycle: Cycle) -> Framework:
    return framework_by_fingerprint(session, cycle.framework_fingerprint)


def cycle_for_member(session: Session, cycle_id: int, viewer: Principal) -> Cycle:
    """A cycle as a viewer reaches it: an admin any, a member one they are on the panel of."""
    cycle = session.get(Cycle, cycle_id)
    if cycle is None or not (viewer.is_admin or on_panel(cycle, viewer.person_id)):
        raise NotFoundError(f"no cycle #{cycle_id}")
    return cycle


def assigned(nomination: Nomination, person_id: int | None) -> bool:
    return person_id is not None and any(a.member_id == person_id
                                         for a in nomination.assignments)


def on_panel(cycle: Cycle, person_id: int | None) -> bool:
    return any(assigned(n, person_id) for n in cycle.nominations)


# --- nominations -------------------------------------------------------------------------


def get_nomination(session: Session, cycle: Cycle, ref: str | int) -> Nomination:
    """A nomination in a cycle, by its id or by the nominee (id, handle, e-mail or name)."""
    text = str(ref).strip()
    if isinstance(ref, int) or text.isdigit():
        found = session.get(Nomination, int(text))
        if found is not None and found.cycle_id == cycle.id:
            return found
    try:
        person = find_person(session, text)
    except NotFoundError:
        person = None
    found = session.scalar(select(Nomination).where(
        Nomination.cycle_id == cycle.id,
        Nomination.person_id == (person.id if person else -1)))
    if found is None:
        raise NotFoundError(f"no nomination {text!r} in cycle {cycle.name!r}")
    return found


def nomination_by_id(session: Session, nomination_id: int) -> Nomination:
    found = session.get(Nomination, nomination_id)
    if found is None:
        raise NotFoundError(f"no nomination #{nomination_id}")
    return found


def nomination_in_cycle(session: Session, cycle_id: int, nomination_id: int) -> Nomination:
    """A nomination under its cycle's address, as an administrator reaches it."""
    cycle = session.get(Cycle, cycle_id)
    found = session.get(Nomination, nomination_id)
    if cycle is None or found is None or found.cycle_id != cycle.id:
        raise NotFoundError(f"no nomination #{nomination_id} in cycle #{cycle_id}")
    return found


def nomination_for_member(session: Session, cycle: Cycle, nomination_id: int,
                          member_id: int | None) -> Nomination:
    """A nomination as a panel member reaches it: only one assigned to them."""
    found = session.get(Nomination, nomination_id)
    if found is None or found.cycle_id != cycle.id or not assigned(found, member_id):
        raise NotFoundError(f"no nomination #{nomination_id} assigned to you in "
                            f"{cycle.name!r}")
    return found


def assigned_nomination(session: Session, viewer: Principal, cycle_id: int,
                        nomination_id: int) -> Nomination:
    """A packet of a cycle the viewer reaches, assigned to them."""
    cycle = cycle_for_member(session, cycle_id, viewer)
    return nomination_for_member(session, cycle, nomination_id, viewer.person_id)


def own_nomination(session: Session, nomination_id: int, caller: Principal) -> Nomination:
    """A nomination of the caller's own; anyone else's is not found."""
    found = session.get(Nomination, nomination_id)
    if found is None or found.person_id != acting_person(session, caller).id:
        raise NotFoundError(f"no nomination #{nomination_id} of yours")
    return found


def reports_nominations(session: Session, manager: Person) -> list[Nomination]:
    """Nominations of a manager's reports that the manager may still rate (the cycle is in
    draft or open), self-nominations still waiting for agreement left out: agreeing rates."""
    return list(session.scalars(
        select(Nomination).join(Cycle).where(
            Nomination.manager_id == manager.id, Cycle.state.in_(("draft", "open")),
            ~((Nomination.nominated_by == "self") & Nomination.manager_agreed_at.is_(None))
        ).options(selectinload(Nomination.cycle), selectinload(Nomination.person))
        .order_by(Cycle.opens_on, Nomination.id)))


def awaiting_agreement(session: Session, manager: Person) -> list[Nomination]:
    """Self-nominations of a manager's reports that wait for the manager to agree."""
    return list(session.scalars(select(Nomination).where(
        Nomination.manager_id == manager.id, Nomination.nominated_by == "self",
        Nomination.manager_agreed_at.is_(None)).order_by(Nomination.id)))


# --- decisions ---------------------------------------------------------------------------


def latest_decision(session: Session, nomination: Nomination) -> Decision | None:
    return session.scalar(select(Decision).where(Decision.nomination_id == nomination.id)
                          .order_by(Decision.version.desc()).limit(1))


def decision_history(session: Session, nomination: Nomination) -> list[Decision]:
    return list(session.scalars(select(Decision).where(Decision.nomination_id == nomination.id)
                                .order_by(Decision.version)))
