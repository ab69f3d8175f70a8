"""Every change to hiring that a person makes, each checked and recorded in the audit log.

The pages, the API and the CLI all change hiring through these functions. Each takes the
caller (`Principal`) and the `Origin` of the change and records one audit entry with ids only,
never a name, a level or a piece of evidence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session

from staffpath.accounts.audit import Origin, record_change
from staffpath.accounts.principal import Principal
from staffpath.cycles.conflicts import level_conflict, require_acknowledged
from staffpath.errors import ConflictError, InputError, NotFoundError
from staffpath.framework.registry import active_framework, store_framework
from staffpath.hiring import lookup
from staffpath.hiring.debrief import debrief
from staffpath.hiring.questions import focus, questions
from staffpath.hiring.tables import (
    Candidate,
    CandidateTitle,
    HiringDecision,
    HiringRole,
    Interview,
    Loop,
    Scorecard,
)
from staffpath.hiring.titles import EarlierTitle, map_titles
from staffpath.store.tables import Person, utcnow

LEANS = ("strong_hire", "hire", "no_hire", "strong_no_hire")
_PANEL_WORDS = re.compile(r"\b(panel|lean|leans|median|interviewers?)\b", re.I)
OUTCOMES = ("hire", "no_hire")
MAX_TEXT = 20_000


class StateError(ConflictError):
    """The loop is not at a stage that allows this."""


def _text(value: str | None, what: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InputError(f"{what} must not be empty")
    if len(value) > MAX_TEXT:
        raise InputError(f"{what} is longer than {MAX_TEXT} characters")
    return value


def _require(loop: Loop, *states: str, doing: str) -> None:
    if loop.state not in states:
        raise StateError(f"loop #{loop.id} is in {loop.state}; {doing} is possible only in "
                         f"{' or '.join(states)}")


# --- roles and loops ---------------------------------------------------------------------


def create_role(session: Session, viewer: Principal, title: str, target_level: str, *,
                archetype: str | None, hiring_manager: Person | None, origin: Origin
                ) -> HiringRole:
    """An open position (administrators only): its level, archetype and hiring manager."""
    if not lookup.sees_all(viewer):
        raise NotFoundError("no hiring administration here")
    fw = active_framework(session)
    fw.level_index(target_level)
    if archetype:
        fw.archetype(archetype)
    title = _text(title, "the role title")[:200]
    role = HiringRole(title=title, target_level=target_level, archetype=archetype or None,
                      hiring_manager_id=hiring_manager.id if hiring_manager else None)
    session.add(role)
    session.flush()
    record_change(session, origin, "create_hiring_role", "hiring_role", role.id)
    return role


def start_loop(session: Session, viewer: Principal, role: HiringRole, *, name: str,
               email: str | None, titles: Sequence[EarlierTitle], level: str | None = None,
               origin: Origin) -> Loop:
    """A candidate (kept apart from the roster) and their loop for a role.

    The loop targets the level their earlier work reads as (titles mapped by org size,
    teams led and reach), or the level given, or the role's; the reasons stay on the loop.
    """
    if not (lookup.sees_all(viewer) or role.hiring_manager_id == viewer.person_id):
        raise NotFoundError(f"no hiring role #{role.id}")
    fw = active_framework(session)
    row = store_framework(session, fw, source="built-in", activate=False)
    mapped, readings = map_titles(fw, titles)
    target = level or mapped or role.target_level
    fw.level_index(target)
    candidate = Candidate(name=_text(name, "the candidate's name")[:200],
                          email=_text(email, "the e-mail", required=False)[:320] or None)
    candidate.titles = [CandidateTitle(
        title=t.title[:200], company=t.company[:200], org_engineers=t.org_engineers,
        teams_led=t.teams_led, led_leaders=t.led_leaders, reach=t.reach, years=t.years)
        for t in titles]
    session.add(candidate)
    session.flush()
    loop = Loop(candidate_id=candidate.id, role_id=role.id, target_level=target,
                archetype=role.archetype, framework_fingerprint=row.fingerprint,
                mapped_level=mapped, mapping=[r.to_dict() for r in readings],
                state="interviewing")
    session.add(loop)
    session.flush()
    record_change(session, origin, "start_loop", "hiring_loop", loop.id)
    return loop


def add_interview(session: Session, viewer: Principal, loop: Loop, interviewer: Person,
                  kind: str, *, dimensions: Sequence[str] = (),
                  acknowledgement: str | None = None, origin: Origin) -> Interview:
    """Put an interviewer on the loop for one interview, with questions drawn from the
    framework's behaviours at the loop's level. An interviewer below that level is a
    conflict: it needs an acknowledgement, which is kept with the reason."""
    if not lookup.manages(loop, viewer):
        raise NotFoundError(f"no interview loop #{loop.id}")
    _require(loop, "interviewing", doing="adding an interview")
    if not interviewer.active:
        raise InputError(f"{interviewer.handle} is not active")
    if any(i.interviewer_id == interviewer.id for i in loop.interviews):
        raise ConflictError(f"{interviewer.handle} already interviews on loop #{loop.id}")
    fw = lookup.loop_framework(session, loop)
    dims = focus(fw, kind, dimensions)
    reason = level_conflict(fw, interviewer, loop.target_level)
    reasons = [reason] if reason else []
    ack = require_acknowledged(reasons, acknowledgement)
    interview = Interview(loop=loop, interviewer_id=interviewer.id, kind=kind,
                          dimensions=dims, questions=questions(fw, dims, loop.target_level),
                          conflicts=reasons, acknowledgement=ack)
    session.add(interview)
    session.flush()
    record_change(session, origin, "add_interview", "hiring_interview", interview.id)
    return interview


# --- scorecards --------------------------------------------------------------------------


def save_scorecard(session: Session, viewer: Principal, loop: Loop, *,
                   levels: Mapping[str, str], evidence: Mapping[str, str],
                   lean: str | None, submit: bool = False, origin: Origin) -> Scorecard:
    """An interviewer's own scorecard: a level and the evidence seen per focus dimension,
    and a lean. Saved as a draft until submitted; submitted, it is final. Only its author
    sees it until the loop's debrief."""
    interview = lookup.interview_of(loop, viewer)
    if interview is None:
        raise NotFoundError(f"no interview of yours on loop #{loop.id}")
    _require(loop, "interviewing", doing="scoring")
    card = interview.scorecard
    if card is not None and card.submitted_at is not None:
        raise StateError("your scorecard is already submitted")
    fw = lookup.loop_framework(session, loop)
    extra = sorted(set(levels) - set(interview.dimensions))
    if extra:
        raise InputError(f"this interview focuses on {', '.join(interview.dimensions)}; "
                         f"not on {', '.join(extra)}")
    for level in levels.values():
        fw.level_index(level)
    if lean is not None and lean not in LEANS:
        raise InputError(f"the lean must be one of {', '.join(LEANS)} (not {lean!r})")
    if card is None:
        card = Scorecard(interview=interview, levels={}, evidence={})
        session.add(card)
    merged_levels = {**card.levels, **levels}
    merged_evidence = {**card.evidence, **{d: _text(t, f"the evidence for {d}",
                                                    required=False)
                                           for d, t in evidence.items()}}
    card.levels, card.evidence = merged_levels, {k: v for k, v in merged_evidence.items() if v}
    card.lean = lean or card.lean
    card.updated_at = utcnow()
    if submit:
        missing = [d for d in interview.dimensions
                   if d not in card.levels or not card.evidence.get(d)]
        if missing:
            raise InputError("a submitted scorecard needs a level and evidence for every "
                             f"focus dimension; missing: {', '.join(missing)}")
        if card.lean is None:
            raise InputError("a submitted scorecard needs a hire / no-hire lean")
        card.submitted_at = utcnow()
    session.flush()
    record_change(session, origin, "submit_scorecard" if submit else "save_scorecard",
                  "hiring_scorecard", card.id)
    return card


# --- debrief and decision ----------------------------------------------------------------


def open_debrief(session: Session, viewer: Principal, loop: Loop, *, origin: Origin) -> Loop:
    """interviewing → debrief: every scorecard is in; from now on the panel reads them all."""
    if not lookup.manages(loop, viewer):
        raise NotFoundError(f"no interview loop #{loop.id}")
    _require(loop, "interviewing", doing="opening the debrief")
    if not loop.interviews:
        raise StateError(f"loop #{loop.id} has no interviews")
    waiting = [i.interviewer.handle for i in loop.interviews
               if i.scorecard is None or i.scorecard.submitted_at is None]
    if waiting:
        raise StateError(f"{len(waiting)} scorecard(s) not submitted yet: "
                         f"{', '.join(sorted(waiting))}")
    loop.state = "debrief"
    loop.debrief_at = utcnow()
    session.flush()
    record_change(session, origin, "open_debrief", "hiring_loop", loop.id)
    return loop


def decide(session: Session, viewer: Principal, loop: Loop, outcome: str, rationale: str, *,
           level: str | None = None, origin: Origin) -> HiringDecision:
    """The outcome with its reasons, after the debrief; a change is a new version. Deciding
    against the panel's median lean needs a rationale that says why."""
    if not lookup.manages(loop, viewer):
        raise NotFoundError(f"no interview loop #{loop.id}")
    _require(loop, "debrief", "decided", doing="a decision")
    if loop.candidate.hired_person_id is not None:
        raise StateError("the candidate is already hired; the decision stands")
    if outcome not in OUTCOMES:
        raise InputError(f"outcome must be one of {', '.join(OUTCOMES)} (not {outcome!r})")
    fw = lookup.loop_framework(session, loop)
    if level is not None:
        fw.level_index(level)
    text = _text(rationale, "the rationale")
    lean = debrief(session, fw, loop).lean_median
    against = (outcome == "hire" and lean in ("no_hire", "strong_no_hire")) or (
        outcome == "no_hire" and lean in ("hire", "strong_hire"))
    if against and not _PANEL_WORDS.search(text):
        raise InputError(f"the panel's median lean is {lean.replace('_', ' ') if lean else ''}"
                         f"; a {outcome.replace('_', ' ')} decision needs a rationale that "
                         "says why it differs from the panel")
    previous = lookup.latest_decision(session, loop)
    decision = HiringDecision(
        loop_id=loop.id, version=previous.version + 1 if previous else 1, outcome=outcome,
        level=(level or loop.target_level) if outcome == "hire" else None,
        rationale=text, decided_by_id=viewer.person_id)
    session.add(decision)
    loop.state = "decided"
    session.flush()
    record_change(session, origin, "decide_loop", "hiring_loop", loop.id)
    return decision
