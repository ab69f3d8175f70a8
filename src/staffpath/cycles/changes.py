"""Every change to a promotion cycle that a person makes, each recorded in the audit log.

The web pages, the API and the CLI all change cycles through these functions, so a change is
checked and audited the same way whichever front end it comes through. Each takes the
`Origin` of the change (the web request, or the command line) and records one audit entry
with ids only: never a level, a comment or a rationale. The checks themselves live in
`staffpath.cycles.lifecycle`; the caller (`Principal`) stands for the person acting where the
rules depend on who that is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session

from staffpath.accounts.audit import Origin, record_change
from staffpath.accounts.principal import Principal
from staffpath.cycles import consistency, lifecycle, lookup, panel, statement
from staffpath.cycles.lookup import acting_person
from staffpath.cycles.tables import Cycle, Nomination, Score
from staffpath.cycles.views import (
    CycleSummary,
    DecisionState,
    NominationState,
    SavedScore,
    SavedScores,
)
from staffpath.cycles.visible import summary
from staffpath.errors import InputError
from staffpath.store.tables import Person


def _state(nomination: Nomination) -> NominationState:
    return NominationState(
        id=nomination.id, cycle=nomination.cycle.name, person=nomination.person.handle,
        nominated_by=nomination.nominated_by,
        needs_agreement=lifecycle.needs_agreement(nomination),
        manager=nomination.manager.handle if nomination.manager else None,
        manager_ratings=dict(nomination.manager_ratings),
        panel=tuple(a.member.handle for a in nomination.assignments),
        snapshot=nomination.snapshot_id,
        submitted_at=nomination.submitted_at.isoformat(timespec="seconds")
        if nomination.submitted_at else None)


# --- the cycle ---------------------------------------------------------------------------


def create_cycle(session: Session, name: str, opens_on: dt.date, closes_on: dt.date, *,
                 framework: str | None = None, open_now: bool = False,
                 unanchored: bool = True, origin: Origin) -> CycleSummary:
    """A new cycle in draft (or opened at once), against a stored framework version
    (default: the one in force)."""
    cycle = lifecycle.create_cycle(session, name, opens_on, closes_on, framework=framework,
                                   unanchored=unanchored)
    if open_now:
        lifecycle.open_cycle(session, cycle)
    record_change(session, origin, "create_cycle", "cycle", cycle.id)
    return summary(cycle)


def advance(session: Session, cycle: Cycle, to: str, *, origin: Origin) -> CycleSummary:
    """Move a cycle to the named next stage: open, calibration or released."""
    lifecycle.advance(session, cycle, to)
    record_change(session, origin, "advance_cycle", "cycle", cycle.id)
    return summary(cycle)


# --- nominations -------------------------------------------------------------------------


def nominate(session: Session, cycle: Cycle, person: Person, *, origin: Origin
             ) -> NominationState:
    """An administrator puts someone forward; no agreement is needed."""
    nomination = lifecycle.nominate(session, cycle, person)
    record_change(session, origin, "nominate", "nomination", nomination.id)
    return _state(nomination)


def self_nominate(session: Session, cycle: Cycle, caller: Principal, *, origin: Origin
                  ) -> NominationState:
    """The caller puts themselves forward; it counts once their manager agrees."""
    nomination = lifecycle.self_nominate(session, cycle, acting_person(session, caller))
    record_change(session, origin, "self_nominate", "nomination", nomination.id)
    return _state(nomination)


def manager_agrees(session: Session, nomination: Nomination, caller: Principal,
                   ratings: Mapping[str, str], *, origin: Origin) -> NominationState:
    """The caller, the nominee's manager, agrees to a self-nomination (and may rate)."""
    lifecycle.manager_agrees(session, nomination, acting_person(session, caller), ratings)
    record_change(session, origin, "agree_nomination", "nomination", nomination.id)
    return _state(nomination)


def manager_rates(session: Session, nomination: Nomination, caller: Principal,
                  ratings: Mapping[str, str], *, origin: Origin) -> NominationState:
    """The caller, the nominee's manager, gives their level per dimension (none clears)."""
    lifecycle.manager_rates(session, nomination, acting_person(session, caller), ratings)
    record_change(session, origin, "rate_nomination", "nomination", nomination.id)
    return _state(nomination)


def withdraw(session: Session, nomination: Nomination, *, origin: Origin) -> NominationState:
    """Take a nomination out of its cycle before calibration (its panel and scores go too)."""
    before = _state(nomination)
    lifecycle.withdraw(session, nomination)
    record_change(session, origin, "withdraw_nomination", "nomination", before.id)
    return before


def withdraw_own(session: Session, nomination: Nomination, caller: Principal, *,
                 origin: Origin) -> NominationState:
    """The caller takes back their own self-nomination."""
    before = _state(nomination)
    lifecycle.withdraw_own(session, nomination, acting_person(session, caller))
    record_change(session, origin, "withdraw_nomination", "nomination", before.id)
    return before


def submit_packet(session: Session, nomination: Nomination, *, as_of: dt.date | None = None,
                  origin: Origin) -> NominationState:
    """Freeze the nominee's packet, with the manager's signed-off statement: later journal
    edits change nothing of it."""
    statement.require_ready(session, nomination)
    lifecycle.submit_packet(session, nomination, as_of=as_of)
    statement.freeze(session, nomination)
    record_change(session, origin, "submit_packet", "nomination", nomination.id)
    return _state(nomination)


def assign(session: Session, nomination: Nomination, member: Person, *, origin: Origin,
           acknowledgement: str | None = None) -> NominationState:
    """Put a committee member on a nomination's panel; a conflict of interest (manager or
    reporting chain, mentor or mentee, same team, below the target level) needs an
    acknowledgement, which is kept and shown at calibration."""
    assignment = panel.assign_checked(session, nomination, member, acknowledgement)
    record_change(session, origin, "assign_member", "assignment", assignment.id)
    return _state(nomination)


# --- scores and decisions ----------------------------------------------------------------


def _saved(nomination: Nomination, member: Person, rows: list[Score]) -> SavedScores:
    return SavedScores(nomination=nomination.id, person=nomination.person.handle,
                       member=member.handle,
                       scores=tuple(SavedScore(s.dimension, s.level, s.comment) for s in rows))


def score(session: Session, nomination: Nomination, caller: Principal, dimension: str,
          level: str, comment: str, *, origin: Origin) -> SavedScores:
    """The caller, on the packet's panel, gives (or changes) a level with the reason."""
    member = acting_person(session, caller)
    row = lifecycle.score(session, nomination, member, dimension, level, comment)
    record_change(session, origin, "score", "nomination", nomination.id)
    return _saved(nomination, member, [row])


def score_many(session: Session, nomination: Nomination, caller: Principal,
               scores: Mapping[str, tuple[str, str]], *, origin: Origin) -> SavedScores:
    """Several dimensions at once, {dimension: (level, comment)}: all or nothing."""
    member = acting_person(session, caller)
    rows = lifecycle.score_many(session, nomination, member, scores)
    record_change(session, origin, "score", "nomination", nomination.id)
    return _saved(nomination, member, rows)


def decide(session: Session, nomination: Nomination, outcome: str, rationale: str, *,
           caller: Principal, via: str, origin: Origin,
           conditions: Sequence[str] = ()) -> DecisionState:
    """Record the outcome with its reasons, decided by the caller's person (if they have
    one); a change later is a new version. A decision against the panel's median or against
    similar past cases needs a rationale that addresses the difference (`consistency`)."""
    by = session.get(Person, caller.person_id) if caller.person_id is not None else None
    fw, finding = consistency.checked_decision(session, nomination, outcome, rationale,
                                               conditions)
    decision = lifecycle.decide(session, nomination, outcome, rationale, by=by, via=via)
    consistency.record(session, decision, fw, finding, conditions)
    record_change(session, origin, "decide", "decision", decision.id)
    return DecisionState(id=decision.id, nomination=nomination.id,
                         person=nomination.person.handle, outcome=decision.outcome,
                         version=decision.version, cycle_state=nomination.cycle.state)


def write_statement(session: Session, nomination: Nomination, caller: Principal, text: str, *,
                    sign_off: bool, origin: Origin) -> NominationState:
    """The manager's statement on a report's packet, before submission (audited)."""
    statement.write(session, nomination, caller, text, sign_off=sign_off, origin=origin)
    return _state(nomination)


def mark_condition(session: Session, nomination: Nomination, index: int, *, met: bool,
                   origin: Origin) -> list[dict[str, object]]:
    """Mark a condition of the nominee's conditional promotion met, or not (audited)."""
    decision = lookup.latest_decision(session, nomination)
    if decision is None:
        raise InputError(f"{nomination.person.handle} has no decision yet")
    consistency.mark_condition(session, decision, index, met=met)
    record_change(session, origin, "mark_condition", "decision", decision.id)
    return list(consistency.conditions_of(session, decision))
