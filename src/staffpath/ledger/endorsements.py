"""Endorsements: a person or their manager asks named colleagues to confirm one evidence item
or to write a few words about it; each colleague answers in their own record.

Who sees what (everything else answers as not found, exactly like a missing request):
- the colleague sees the one item they were asked about, from the moment they are asked, and
  their own request and answer, never the person's other items or other colleagues' answers;
- the item's owner and the managers above them see every request on the owner's items and
  the answers;
- the command-line operator, who holds the database, sees everything.

An answer that confirms or endorses adds the colleague to the item's `attested_by` (through
`ledger.service.edit_evidence`, so the item's history keeps it): the assessment then reads the
item as attested, which weighs more and counts as confirmed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from staffpath.accounts.audit import Origin, record_change
from staffpath.accounts.principal import Principal
from staffpath.errors import ConflictError, InputError, NotFoundError
from staffpath.ledger.service import edit_evidence, get_evidence
from staffpath.ledger.tables import Endorsement
from staffpath.people.service import find_person
from staffpath.store.tables import Evidence, Person, utcnow

MAX_COLLEAGUES = 12
MAX_TEXT = 2_000
MAX_NOTE = 2_000


class State(StrEnum):
    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    ENDORSED = "endorsed"
    DECLINED = "declined"


ANSWERS = {"confirm": State.CONFIRMED, "endorse": State.ENDORSED, "decline": State.DECLINED}
# Answers that vouch for the item: they make it attested.
VOUCHED = frozenset({State.CONFIRMED.value, State.ENDORSED.value})


@dataclass(frozen=True)
class Advocate:
    """A colleague who vouched for an item, with their words: what a packet quotes."""

    evidence_id: int
    item_title: str
    name: str
    handle: str
    team: str | None
    level: str | None
    state: str  # confirmed | endorsed
    text: str | None
    answered_at: dt.datetime


# --- who is asking -----------------------------------------------------------------------

_REPORT = aliased(Person)


def principal_of(session: Session, person: Person) -> Principal:
    """A person acting at the command line (`--as`): their reports and their reports'
    reports, as the web's access policy would give them."""
    rows = session.execute(
        select(Person.id, _REPORT.id).outerjoin(_REPORT, _REPORT.manager_id == Person.id)
        .where(Person.manager_id == person.id, Person.id != person.id)).all()
    reports = frozenset(r for r, _ in rows)
    chain = (reports | {s for _, s in rows if s is not None}) - {person.id}
    return Principal(person_id=person.id, handle=person.handle, name=person.name,
                     reports=reports, chain=chain)


def _owns_or_manages(viewer: Principal, owner_id: int) -> bool:
    return viewer.operator or viewer.person_id == owner_id or owner_id in viewer.chain


def _sees(viewer: Principal, e: Endorsement) -> bool:
    return _owns_or_manages(viewer, e.owner_id) or (
        viewer.person_id is not None and viewer.person_id == e.colleague_id)


_QUERY = select(Endorsement).options(
    selectinload(Endorsement.evidence), selectinload(Endorsement.owner),
    selectinload(Endorsement.colleague).selectinload(Person.team),
    selectinload(Endorsement.asked_by))


def _live(e: Endorsement) -> bool:
    return e.evidence.deleted_at is None


# --- asking ------------------------------------------------------------------------------


def _item_for_asker(session: Session, caller: Principal, evidence_id: int) -> Evidence:
    """The item, if the caller may ask about it: its owner or a manager above them."""
    try:
        item = get_evidence(session, evidence_id)
    except NotFoundError:
        raise NotFoundError(f"no evidence with id {evidence_id}") from None
    if not _owns_or_manages(caller, item.person_id):
        raise NotFoundError(f"no evidence with id {evidence_id}")
    return item


def _colleague(session: Session, ref: str, owner: Person) -> Person:
    try:
        person = find_person(session, ref)
    except NotFoundError as exc:
        raise InputError(f"colleague {ref!r}: {exc}") from None
    if person.id == owner.id:
        raise InputError(f"{person.handle} owns the item: ask a colleague, not its author")
    if not person.active:
        raise InputError(f"{person.handle} is no longer active on the roster")
    return person


def ask(session: Session, caller: Principal, evidence_id: int, colleagues: Sequence[str], *,
        note: str | None = None, origin: Origin) -> list[Endorsement]:
    """Ask colleagues about one item. A colleague already asked about it keeps their request
    (and answer); every named colleague must be on the roster, or nothing is written."""
    item = _item_for_asker(session, caller, evidence_id)
    refs = [c.strip() for c in colleagues if c.strip()]
    if not refs:
        raise InputError("name at least one colleague to ask (a handle on the roster)")
    if len(refs) > MAX_COLLEAGUES:
        raise InputError(f"ask at most {MAX_COLLEAGUES} colleagues about one item")
    note = (note or "").strip() or None
    if note is not None and len(note) > MAX_NOTE:
        raise InputError(f"the note is longer than {MAX_NOTE} characters")
    people = list({p.id: p for p in (_colleague(session, r, item.person) for r in refs)}
                  .values())
    existing = {e.colleague_id: e for e in session.scalars(
        select(Endorsement).where(Endorsement.evidence_id == item.id))}
    out: list[Endorsement] = []
    for person in people:
        found = existing.get(person.id)
        if found is not None:
            out.append(found)
            continue
        made = Endorsement(evidence_id=item.id, owner_id=item.person_id,
                           colleague_id=person.id, asked_by_id=caller.person_id, note=note,
                           state=State.REQUESTED.value)
        session.add(made)
        session.flush()
        record_change(session, origin, "ask_endorsement", "endorsement", made.id)
        out.append(made)
    ids = [e.id for e in out]
    return list(session.scalars(_QUERY.where(Endorsement.id.in_(ids))
                                .order_by(Endorsement.id)))


# --- answering ---------------------------------------------------------------------------


def answer(session: Session, caller: Principal, request_id: int, reply: str, *,
           text: str | None = None, origin: Origin) -> Endorsement:
    """The colleague's answer: confirm, endorse (with their words) or decline. Only the
    colleague asked (or the operator) answers; an answer is final."""
    state = ANSWERS.get(reply.strip().lower())
    if state is None:
        raise InputError(f"unknown answer {reply!r}; use confirm, endorse or decline")
    e = session.scalar(_QUERY.where(Endorsement.id == request_id))
    if e is None or not _live(e) or not (
            caller.operator or caller.person_id == e.colleague_id):
        raise NotFoundError(f"no endorsement request {request_id}")
    words = (text or "").strip() or None
    if state is State.ENDORSED and words is None:
        raise InputError("an endorsement needs a few words: what you saw of this work")
    if words is not None and len(words) > MAX_TEXT:
        raise InputError(f"the endorsement is longer than {MAX_TEXT} characters")
    if state is not State.ENDORSED:
        words = None
    if e.state != State.REQUESTED.value:
        raise ConflictError(f"endorsement request {request_id} is already answered ({e.state})")
    e.state, e.text, e.answered_at = state.value, words, utcnow()
    session.flush()
    if state.value in VOUCHED:
        attested = list(e.evidence.attested_by)
        if e.colleague.handle not in attested:
            edit_evidence(session, e.evidence_id,
                          {"attested_by": [*attested, e.colleague.handle]}, change="attested")
    record_change(session, origin, f"{state.value}_endorsement"[:40], "endorsement", e.id)
    return e


# --- reading -----------------------------------------------------------------------------


def get_request(session: Session, viewer: Principal, request_id: int, *,
                origin: Origin | None = None) -> Endorsement:
    """One request, if the viewer is its colleague, the item's owner or a manager above them;
    a read by anyone but the owner is audited when an origin is given."""
    e = session.scalar(_QUERY.where(Endorsement.id == request_id))
    if e is None or not _live(e) or not _sees(viewer, e):
        raise NotFoundError(f"no endorsement request {request_id}")
    if origin is not None and viewer.person_id != e.owner_id:
        record_change(session, origin, "read_endorsement", "endorsement", e.id)
    return e


def addressed_to(session: Session, viewer: Principal) -> list[Endorsement]:
    """The requests addressed to the viewer, open ones first, newest first."""
    if viewer.person_id is None:
        return []
    rows = session.scalars(_QUERY.where(Endorsement.colleague_id == viewer.person_id)
                           .order_by(Endorsement.asked_at.desc(), Endorsement.id.desc()))
    found = [e for e in rows if _live(e)]
    return sorted(found, key=lambda e: e.state != State.REQUESTED.value)


def about_person(session: Session, viewer: Principal, person: Person) -> list[Endorsement]:
    """Every request on a person's items, for the person and the managers above them."""
    if not _owns_or_manages(viewer, person.id):
        raise NotFoundError(f"no person {person.handle!r}")
    rows = session.scalars(_QUERY.where(Endorsement.owner_id == person.id)
                           .order_by(Endorsement.evidence_id, Endorsement.id))
    return [e for e in rows if _live(e)]


def on_item(session: Session, viewer: Principal, evidence_id: int) -> list[Endorsement]:
    """The requests on one item the viewer may see: all of them for its owner and their
    managers, only their own for a colleague asked about it; anyone else: not found."""
    rows = [e for e in session.scalars(_QUERY.where(Endorsement.evidence_id == evidence_id)
                                       .order_by(Endorsement.id)) if _live(e)]
    if rows and _owns_or_manages(viewer, rows[0].owner_id):
        return rows
    mine = [e for e in rows if viewer.person_id is not None and
            e.colleague_id == viewer.person_id]
    if mine:
        return mine
    item = session.get(Evidence, evidence_id)
    if item is not None and item.deleted_at is None and _owns_or_manages(viewer, item.person_id):
        return []
    raise NotFoundError(f"no evidence with id {evidence_id}")


def by_item(session: Session, viewer: Principal, person: Person) -> dict[int, list[Endorsement]]:
    """A person's requests grouped by item (the journal shows them under each item); empty
    for a viewer who is neither the person nor above them."""
    if not _owns_or_manages(viewer, person.id):
        return {}
    out: dict[int, list[Endorsement]] = {}
    for e in about_person(session, viewer, person):
        out.setdefault(e.evidence_id, []).append(e)
    return out


def advocates(session: Session, person: Person) -> list[Advocate]:
    """The colleagues who confirmed or endorsed the person's items, endorsements (with words)
    first, then by date: the packet's advocates."""
    rows = session.scalars(_QUERY.where(
        Endorsement.owner_id == person.id,
        Endorsement.state.in_(sorted(VOUCHED))))
    found = [Advocate(e.evidence_id, e.evidence.title, e.colleague.name, e.colleague.handle,
                      e.colleague.team.name if e.colleague.team else None, e.colleague.level,
                      e.state, e.text, e.answered_at or e.asked_at)
             for e in rows if _live(e)]
    return sorted(found, key=lambda a: (a.state != State.ENDORSED.value, a.answered_at,
                                        a.handle, a.evidence_id))


# --- as callers see it ---------------------------------------------------------------------


def request_view(e: Endorsement, *, with_item: bool = True) -> dict[str, Any]:
    """A request as JSON and the pages show it; `with_item` adds the item the colleague is
    asked about (its text, dates, reach and impact)."""
    out: dict[str, Any] = {
        "id": e.id, "state": e.state, "note": e.note, "text": e.text,
        "asked_at": e.asked_at.isoformat(timespec="seconds"),
        "answered_at": e.answered_at.isoformat(timespec="seconds") if e.answered_at else None,
        "colleague": {"handle": e.colleague.handle, "name": e.colleague.name},
        "owner": {"handle": e.owner.handle, "name": e.owner.name},
        "asked_by": e.asked_by.handle if e.asked_by else None,
        "item_id": e.evidence_id,
    }
    if with_item:
        ev = e.evidence
        out["item"] = {
            "id": ev.id, "title": ev.title, "body": ev.body, "kind": ev.kind,
            "date_start": ev.date_start.isoformat() if ev.date_start else None,
            "date_end": ev.date_end.isoformat() if ev.date_end else None,
            "teams": list(ev.teams), "impact_text": ev.impact_text,
        }
    return out


# --- a person's own data ---------------------------------------------------------------------


def personal_export(session: Session, person: Person) -> dict[str, list[dict[str, Any]]]:
    """For the personal data export: what the person was asked and answered, and what they
    asked others about their items."""
    given = session.scalars(_QUERY.where(Endorsement.colleague_id == person.id)
                            .order_by(Endorsement.id))
    received = session.scalars(_QUERY.where(Endorsement.owner_id == person.id)
                               .order_by(Endorsement.id))
    return {"given": [request_view(e, with_item=False) for e in given],
            "received": [request_view(e, with_item=False) for e in received]}


def erase_for(session: Session, person_id: int) -> int:
    """Delete every request the person was asked or that is about their items (erasure)."""
    result = session.execute(delete(Endorsement).where(or_(
        Endorsement.colleague_id == person_id, Endorsement.owner_id == person_id)))
    return int(result.rowcount)  # type: ignore[attr-defined]
