"""What each viewer sees of a loop: blind until the debrief.

Before the debrief an interviewer sees their own interview and scorecard, and of the others
only who interviews on what; a hiring manager sees who has submitted, never a level, a piece
of evidence or a lean. From the debrief on, everyone on the loop reads every scorecard side by
side with the statistics and the decision. An erased candidate shows no personal data.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from staffpath.accounts.principal import Principal
from staffpath.hiring import lookup
from staffpath.hiring.changes import LEANS
from staffpath.hiring.debrief import DEBRIEFED, debrief
from staffpath.hiring.questions import KIND_TITLES
from staffpath.hiring.tables import Candidate, HiringRole, Interview, Loop

ERASED = "(erased candidate)"


def candidate_dict(candidate: Candidate, *, with_titles: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": candidate.id, "name": candidate.name or ERASED,
        "erased": candidate.erased_at is not None,
        "hired_person_id": candidate.hired_person_id}
    if with_titles:
        data["email"] = candidate.email
        data["titles"] = [{"title": t.title, "company": t.company,
                           "org_engineers": t.org_engineers, "teams_led": t.teams_led,
                           "led_leaders": t.led_leaders, "reach": t.reach, "years": t.years}
                          for t in candidate.titles]
    return data


def role_dict(role: HiringRole) -> dict[str, Any]:
    return {"id": role.id, "title": role.title, "target_level": role.target_level,
            "archetype": role.archetype,
            "hiring_manager": role.hiring_manager.handle if role.hiring_manager else None}


def _card(interview: Interview) -> dict[str, Any] | None:
    card = interview.scorecard
    if card is None:
        return None
    return {"id": card.id, "member": interview.interviewer.handle, "levels": dict(card.levels),
            "evidence": dict(card.evidence), "lean": card.lean,
            "submitted": card.submitted_at is not None}


def _interview(interview: Interview, *, mine: bool, open_book: bool, manager: bool
               ) -> dict[str, Any]:
    card = interview.scorecard
    data: dict[str, Any] = {
        "id": interview.id, "interviewer": interview.interviewer.handle,
        "kind": interview.kind, "kind_title": KIND_TITLES.get(interview.kind, interview.kind),
        "dimensions": list(interview.dimensions),
        "submitted": card is not None and card.submitted_at is not None,
        "mine": mine}
    if mine or manager:
        data["questions"] = list(interview.questions)
        data["conflicts"] = list(interview.conflicts)
        data["acknowledgement"] = interview.acknowledgement
    if mine or open_book:
        data["scorecard"] = _card(interview)
    return data


def loop_summary(loop: Loop) -> dict[str, Any]:
    return {"id": loop.id, "candidate": loop.candidate.name or ERASED,
            "role": loop.role.title, "target_level": loop.target_level, "state": loop.state,
            "interviews": len(loop.interviews)}


def loop_view(session: Session, viewer: Principal, loop_id: int) -> dict[str, Any]:
    """One loop as the viewer may see it (not found if they may not)."""
    loop = lookup.loop_for(session, viewer, loop_id)
    manager = lookup.manages(loop, viewer)
    open_book = loop.state in DEBRIEFED
    fw = lookup.loop_framework(session, loop)
    data: dict[str, Any] = {
        **loop_summary(loop), "role": role_dict(loop.role),
        "candidate": candidate_dict(loop.candidate, with_titles=manager),
        "archetype": loop.archetype, "mapped_level": loop.mapped_level,
        "mapping": list(loop.mapping) if manager else [],
        "interviews": [_interview(i, mine=i.interviewer_id == viewer.person_id,
                                  open_book=open_book, manager=manager)
                       for i in loop.interviews],
        "debrief": debrief(session, fw, loop).to_dict() if open_book else None,
        "decision": None,
        "levels": [{"id": lv.id, "title": lv.title} for lv in fw.levels],
        "dimension_titles": {d.id: d.title for d in fw.dimensions},
        "lean_choices": list(LEANS),
        "i_manage": manager,
    }
    decision = lookup.latest_decision(session, loop)
    if decision is not None and open_book:
        data["decision"] = {"version": decision.version, "outcome": decision.outcome,
                            "level": decision.level, "rationale": decision.rationale,
                            "decided_at": decision.decided_at.isoformat(timespec="seconds")}
    return data


def loops_of(session: Session, viewer: Principal) -> list[dict[str, Any]]:
    return [loop_summary(loop) for loop in lookup.list_loops(session, viewer)]


def roles_of(session: Session, viewer: Principal) -> list[dict[str, Any]]:
    return [role_dict(r) for r in lookup.list_roles(session, viewer)]
