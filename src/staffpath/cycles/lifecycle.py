"""How a cycle and its nominations move: every state change, with the checks it makes, on the
rows themselves.

A cycle runs draft → open → calibration → decided → released, and only forwards. The front
ends change cycles through `staffpath.cycles.changes`, which records each change in the audit
log; the demo and test fixtures seed cycles through these functions directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from staffpath.assess.service import assess_person, save_snapshot
from staffpath.cycles.lookup import assigned, cycle_framework, latest_decision
from staffpath.cycles.tables import Assignment, Cycle, Decision, Nomination, Score
from staffpath.errors import ConflictError, InputError, NotFoundError
from staffpath.framework.registry import active_framework, store_framework
from staffpath.ledger.service import list_evidence, list_notes
from staffpath.packet.advocates import advocates_of
from staffpath.packet.document import build_document
from staffpath.packet.render import render_text
from staffpath.store.tables import FrameworkVersion, Person, utcnow

STATES = ("draft", "open", "calibration", "decided", "released")
OUTCOMES = ("promote", "promote_conditions", "not_yet")
OUTCOME_TITLES = {"promote": "Promote", "promote_conditions": "Promote with conditions",
                  "not_yet": "Not yet"}
CALIBRATED = frozenset({"calibration", "decided", "released"})
MAX_TEXT = 20_000


class StateError(ConflictError):
    """The cycle (or nomination) is not at a stage that allows this."""


def _require(cycle: Cycle, *states: str, doing: str) -> None:
    if cycle.state not in states:
        ordered = [s for s in STATES if s in states]
        allowed = ", ".join(ordered[:-1]) + (" or " if len(ordered) > 1 else "") + ordered[-1]
        raise StateError(f"cycle {cycle.name!r} is {cycle.state}; {doing} is possible only "
                         f"while it is {allowed}")


def _text(value: str, what: str) -> str:
    value = value.strip()
    if not value:
        raise InputError(f"{what} must not be empty")
    if len(value) > MAX_TEXT:
        raise InputError(f"{what} is longer than {MAX_TEXT} characters")
    return value


# --- opening a cycle ---------------------------------------------------------------------


def _framework_row(session: Session, fingerprint: str | None) -> FrameworkVersion:
    if fingerprint:
        rows = list(session.scalars(select(FrameworkVersion).where(
            FrameworkVersion.fingerprint.startswith(fingerprint.strip().lower()))))
        if not rows:
            raise NotFoundError(f"no stored framework version {fingerprint!r}")
        if len(rows) > 1:
            raise InputError(f"framework {fingerprint!r} matches {len(rows)} versions; "
                             "give more of the fingerprint")
        return rows[0]
    # The framework in force; the shipped default is stored first so the cycle can name it.
    fw = active_framework(session)
    return store_framework(session, fw, source="built-in", activate=False)


def create_cycle(session: Session, name: str, opens_on: dt.date, closes_on: dt.date, *,
                 framework: str | None = None, unanchored: bool = True) -> Cycle:
    """A new cycle in draft, against a stored framework version (default: the one in force).
    `unanchored` (the default) keeps the engine's verdict from a panel member until they
    have scored."""
    name = _text(name, "the cycle name")
    if len(name) > 200:
        raise InputError("the cycle name is longer than 200 characters")
    if closes_on < opens_on:
        raise InputError(f"the cycle closes ({closes_on}) before it opens ({opens_on})")
    if session.scalar(select(Cycle.id).where(func.lower(Cycle.name) == name.lower())):
        raise ConflictError(f"there is already a cycle named {name!r}")
    row = _framework_row(session, framework)
    cycle = Cycle(name=name, opens_on=opens_on, closes_on=closes_on,
                  framework_fingerprint=row.fingerprint, framework_version=row.version,
                  state="draft", unanchored=unanchored)
    session.add(cycle)
    session.flush()
    return cycle


def open_cycle(session: Session, cycle: Cycle) -> Cycle:
    """draft → open: nominations are scored from now on."""
    _require(cycle, "draft", doing="opening it")
    cycle.state = "open"
    session.flush()
    return cycle


# --- nominations -------------------------------------------------------------------------


def _new_nomination(session: Session, cycle: Cycle, person: Person, by: str) -> Nomination:
    _require(cycle, "draft", "open", doing="a nomination")
    if not person.active:
        raise InputError(f"{person.handle} is not active")
    taken = session.scalar(select(Nomination.id).where(
        Nomination.cycle_id == cycle.id, Nomination.person_id == person.id))
    if taken:
        raise ConflictError(f"{person.handle} is already nominated in {cycle.name!r}")
    nomination = Nomination(cycle_id=cycle.id, person_id=person.id, nominated_by=by,
                            manager_id=person.manager_id, manager_ratings={}, frozen={})
    session.add(nomination)
    session.flush()
    return nomination


def nominate(session: Session, cycle: Cycle, person: Person) -> Nomination:
    """An administrator puts someone forward; no agreement is needed."""
    return _new_nomination(session, cycle, person, "admin")


def self_nominate(session: Session, cycle: Cycle, person: Person) -> Nomination:
    """A person puts themselves forward; it counts once their manager agrees."""
    if person.manager_id is None or person.manager_id == person.id:
        raise InputError(f"{person.handle} has no manager to agree to a self-nomination; "
                         "ask an administrator to nominate you")
    return _new_nomination(session, cycle, person, "self")


def _checked_ratings(session: Session, nomination: Nomination,
                     ratings: Mapping[str, str]) -> dict[str, str]:
    fw = cycle_framework(session, nomination.cycle)
    for dim, level in ratings.items():
        fw.dimension(dim)
        fw.level_index(level)
    return dict(ratings)


def manager_agrees(session: Session, nomination: Nomination, manager: Person,
                   ratings: Mapping[str, str] | None = None) -> Nomination:
    """The nominee's manager agrees to a self-nomination (and may rate the dimensions)."""
    if nomination.manager_id != manager.id:
        # Anyone else learns nothing, not even that the nomination exists.
        raise NotFoundError(f"no nomination #{nomination.id} awaiting {manager.handle}")
    _require(nomination.cycle, "draft", "open", doing="agreeing to a nomination")
    if ratings:
        nomination.manager_ratings = _checked_ratings(session, nomination, ratings)
    nomination.manager_agreed_at = nomination.manager_agreed_at or utcnow()
    session.flush()
    return nomination


def manager_rates(session: Session, nomination: Nomination, manager: Person,
                  ratings: Mapping[str, str]) -> Nomination:
    """The nominee's manager gives (or changes) their level per dimension, on any nomination
    of their report, until calibration opens: the panel reads them beside its own scores.

    The ratings given replace the earlier ones; no rating at all clears them. The manager is
    the one recorded when the person was nominated; anyone else learns nothing.
    """
    if (nomination.manager_id is None or nomination.manager_id != manager.id
            or nomination.person_id == manager.id):
        raise NotFoundError(f"no nomination #{nomination.id} of a report of {manager.handle}")
    _require(nomination.cycle, "draft", "open", doing="rating a nomination")
    nomination.manager_ratings = _checked_ratings(session, nomination, ratings)
    session.flush()
    return nomination


def needs_agreement(nomination: Nomination) -> bool:
    return nomination.nominated_by == "self" and nomination.manager_agreed_at is None


def withdraw(session: Session, nomination: Nomination) -> None:
    """Take a nomination out of a cycle before calibration (its panel and scores go too)."""
    _require(nomination.cycle, "draft", "open", doing="withdrawing a nomination")
    session.delete(nomination)
    session.flush()


def withdraw_own(session: Session, nomination: Nomination, person: Person) -> None:
    """A nominee takes back their own self-nomination, before calibration; its panel and any
    scores go too. Anyone else's nomination, or one an administrator made, is not found."""
    if nomination.person_id != person.id or nomination.nominated_by != "self":
        raise NotFoundError(f"no self-nomination #{nomination.id} of yours")
    withdraw(session, nomination)


def submit_packet(session: Session, nomination: Nomination, *,
                  as_of: dt.date | None = None) -> Nomination:
    """Freeze the packet: assess now, keep the snapshot and the rendered packet.

    The committee reads what is stored here; later journal edits change nothing of it.
    """
    cycle = nomination.cycle
    _require(cycle, "draft", "open", doing="submitting a packet")
    if nomination.submitted_at is not None:
        raise StateError(f"{nomination.person.handle}'s packet is already submitted to "
                         f"{cycle.name!r}")
    if needs_agreement(nomination):
        raise StateError(f"{nomination.person.handle}'s manager has not agreed to the "
                         "self-nomination yet")
    fw = cycle_framework(session, cycle)
    day = as_of or min(dt.date.today(), cycle.closes_on)
    person = nomination.person
    snap = save_snapshot(session, person, fw, as_of=day, label=f"cycle {cycle.name}")
    result = assess_person(session, person, fw, as_of=day)
    doc = build_document(person, result, fw, list_evidence(session, person=person),
                         list_notes(session, person), third_person=True,
                         advocates=advocates_of(session, person))
    nomination.snapshot_id = snap.id
    nomination.frozen = snap.result
    nomination.packet_md = render_text(doc, "md")
    nomination.packet_html = render_text(doc, "html")
    nomination.packet_md_blind = render_text(doc, "md", blind=True)
    nomination.packet_html_blind = render_text(doc, "html", blind=True)
    nomination.submitted_at = utcnow()
    session.flush()
    return nomination


def assign(session: Session, nomination: Nomination, member: Person) -> Assignment:
    """Put a committee member on a nomination's panel."""
    _require(nomination.cycle, "draft", "open", doing="assigning a panel")
    if member.id == nomination.person_id:
        raise InputError(f"{member.handle} cannot score their own packet")
    if not member.active:
        raise InputError(f"{member.handle} is not active")
    if any(a.member_id == member.id for a in nomination.assignments):
        raise ConflictError(f"{member.handle} is already on {nomination.person.handle}'s panel")
    assignment = Assignment(nomination=nomination, member_id=member.id)
    session.add(assignment)
    session.flush()
    return assignment


# --- scoring -----------------------------------------------------------------------------


def score(session: Session, nomination: Nomination, member: Person, dimension: str,
          level: str, comment: str) -> Score:
    """Record (or change) a member's level for one dimension of a packet, with the reason."""
    cycle = nomination.cycle
    if not assigned(nomination, member.id):
        raise NotFoundError(f"no nomination #{nomination.id} assigned to {member.handle} in "
                            f"{cycle.name!r}")
    _require(cycle, "open", doing="scoring")
    if nomination.submitted_at is None:
        raise StateError(f"{nomination.person.handle}'s packet is not submitted yet")
    fw = cycle_framework(session, cycle)
    fw.dimension(dimension)
    fw.level_index(level)
    comment = _text(comment, "the comment")
    row = session.scalar(select(Score).where(
        Score.nomination_id == nomination.id, Score.member_id == member.id,
        Score.dimension == dimension))
    if row is None:
        row = Score(nomination_id=nomination.id, member_id=member.id, dimension=dimension,
                    level=level, comment=comment)
        session.add(row)
    else:
        row.level, row.comment, row.updated_at = level, comment, utcnow()
    session.flush()
    return row


def score_many(session: Session, nomination: Nomination, member: Person,
               scores: Mapping[str, tuple[str, str]]) -> list[Score]:
    """Several dimensions at once: {dimension: (level, comment)}; all or nothing."""
    if not scores:
        raise InputError("give a level and a comment for at least one dimension")
    return [score(session, nomination, member, dim, level, comment)
            for dim, (level, comment) in scores.items()]


# --- state changes after scoring ---------------------------------------------------------


def open_calibration(session: Session, cycle: Cycle) -> Cycle:
    """open → calibration: scoring stops and the panel sees every score side by side."""
    _require(cycle, "open", doing="opening calibration")
    unsubmitted = [n.person.handle for n in cycle.nominations if n.submitted_at is None]
    if unsubmitted:
        raise StateError(f"{len(unsubmitted)} nomination(s) have no submitted packet: "
                         f"{', '.join(sorted(unsubmitted))}; submit or withdraw them first")
    if not cycle.nominations:
        raise StateError(f"cycle {cycle.name!r} has no nominations")
    cycle.state = "calibration"
    cycle.calibration_at = utcnow()
    session.flush()
    return cycle


def decide(session: Session, nomination: Nomination, outcome: str, rationale: str, *,
           by: Person | None = None, via: str = "admin") -> Decision:
    """Record the outcome with its reasons; a later change is a new version, never an edit.

    The cycle becomes *decided* when every nomination has a decision.
    """
    cycle = nomination.cycle
    _require(cycle, *sorted(CALIBRATED), doing="a decision")
    if outcome not in OUTCOMES:
        raise InputError(f"outcome must be one of: {', '.join(OUTCOMES)} (not {outcome!r})")
    rationale = _text(rationale, "the rationale")
    previous = latest_decision(session, nomination)
    decision = Decision(nomination_id=nomination.id, version=(previous.version + 1)
                        if previous else 1, outcome=outcome, rationale=rationale,
                        decided_by_id=by.id if by else None, decided_via=via)
    session.add(decision)
    session.flush()
    if cycle.state == "calibration" and all(
            latest_decision(session, n) is not None for n in cycle.nominations):
        cycle.state = "decided"
        session.flush()
    return decision


def release(session: Session, cycle: Cycle) -> Cycle:
    """decided → released: each nominee sees their outcome and its rationale."""
    _require(cycle, "decided", doing="releasing the outcomes")
    cycle.state = "released"
    cycle.released_at = utcnow()
    session.flush()
    return cycle


def advance(session: Session, cycle: Cycle, to: str) -> Cycle:
    """Move a cycle to the named next state."""
    steps = {"open": open_cycle, "calibration": open_calibration, "released": release}
    if to not in steps:
        raise InputError(f"a cycle moves to open, calibration or released (decided follows "
                         f"the last decision); not {to!r}")
    return steps[to](session, cycle)
