"""After the decision: a hired candidate becomes a person whose loop evidence seeds their
record; an erased candidate keeps only what the statistics need.

Erasing blanks the candidate's name, e-mail and notes, drops their earlier titles and the
reasons read from them, and removes the evidence written about them in scorecards and the
decision's rationale. The levels and leans stay, without a name, so agreement statistics and
interviewer severity still count the loop.
"""

from __future__ import annotations

import datetime as dt
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.accounts.audit import Origin, record_change
from staffpath.accounts.principal import Principal
from staffpath.errors import ConflictError, InputError, NotFoundError
from staffpath.hiring import lookup
from staffpath.hiring.tables import Candidate, HiringDecision, Loop
from staffpath.ledger.record import EvidenceInput
from staffpath.ledger.service import add_evidence
from staffpath.people.handles import new_handle
from staffpath.store.tables import Person, PersonEmail, utcnow
from staffpath.vocab import EvidenceKind

ERASED_TEXT = "(erased with the candidate's personal data)"


def hire(session: Session, viewer: Principal, loop: Loop, *, origin: Origin) -> Person:
    """Make the hired candidate a person on the roster (the role's team, reporting to its
    hiring manager, at the decided level), with one evidence item per dimension the loop
    scored: the panel's median level and what each interviewer saw."""
    if not lookup.manages(loop, viewer):
        raise NotFoundError(f"no interview loop #{loop.id}")
    decision = lookup.latest_decision(session, loop)
    if decision is None or decision.outcome != "hire":
        raise ConflictError(f"loop #{loop.id} has no decision to hire")
    candidate = loop.candidate
    if candidate.hired_person_id is not None:
        raise ConflictError("the candidate is already hired")
    if candidate.erased_at is not None or not candidate.name:
        raise ConflictError("an erased candidate cannot be hired")
    if not candidate.email:
        raise InputError("the candidate needs an e-mail address to join the roster")
    if session.scalar(select(PersonEmail.id).where(PersonEmail.email == candidate.email)):
        raise ConflictError(f"{candidate.email} already belongs to a person on the roster")
    manager = loop.role.hiring_manager
    person = Person(name=candidate.name, handle=new_handle(session, candidate.email),
                    team_id=manager.team_id if manager else None,
                    manager_id=manager.id if manager else None, role="engineer",
                    level=decision.level, target_level=None, active=True)
    person.emails = [PersonEmail(email=candidate.email)]
    session.add(person)
    session.flush()
    fw = lookup.loop_framework(session, loop)
    day = decision.decided_at.date() if decision.decided_at else dt.date.today()
    for d in fw.dimensions:
        seen = [(i.interviewer.handle, i.scorecard) for i in loop.interviews
                if i.scorecard is not None and d.id in i.scorecard.levels]
        if not seen:
            continue
        mid = median(fw.level_index(c.levels[d.id]) for _, c in seen)
        level = fw.levels[int(mid)].title.lower()
        body = "\n".join(f"- {who} ({c.levels[d.id]}): {c.evidence.get(d.id, '')}"
                         for who, c in seen)
        add_evidence(session, person, EvidenceInput(
            title=f"Interview loop: {d.title.lower()} read at {level} by {len(seen)} "
                  "interviewer(s)",
            body=body, date_start=day, kind=EvidenceKind.FEEDBACK, dimensions=[d.id],
            source_type="typed", source_ref=f"hiring loop {loop.id}",
            source_key=f"hiring-loop-{loop.id}-{d.id}", extra={"hiring_loop": loop.id}))
    candidate.hired_person_id = person.id
    session.flush()
    record_change(session, origin, "hire_candidate", "person", person.id)
    return person


def erase_candidate(session: Session, viewer: Principal, candidate: Candidate, *,
                    origin: Origin) -> Candidate:
    """Remove the candidate's personal data, keep the statistics."""
    lookup.candidate_for(session, viewer, candidate.id)
    if candidate.hired_person_id is not None:
        raise ConflictError("a hired candidate's data is a person's now: erase the person")
    candidate.name = candidate.email = candidate.notes = None
    candidate.titles = []
    candidate.erased_at = candidate.erased_at or utcnow()
    loops = list(session.scalars(select(Loop).where(Loop.candidate_id == candidate.id)))
    for loop in loops:
        loop.mapping = []
        for interview in loop.interviews:
            if interview.scorecard is not None:
                interview.scorecard.evidence = {}
        for decision in session.scalars(select(HiringDecision)
                                        .where(HiringDecision.loop_id == loop.id)):
            decision.rationale = ERASED_TEXT
    session.flush()
    record_change(session, origin, "erase_candidate", "hiring_candidate", candidate.id)
    return candidate
