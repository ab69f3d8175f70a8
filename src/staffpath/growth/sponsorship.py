"""Sponsorship: handing an opportunity to a person, with the sponsor's name, and tracing what
came of it — delivered, evidence added since, a level moved — so the organisation can see which
sponsorships led somewhere."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from staffpath.accounts.audit import Origin, record_change
from staffpath.accounts.principal import Principal
from staffpath.assess.service import live_evidence
from staffpath.errors import InputError, NotFoundError
from staffpath.growth.access import sees_growth
from staffpath.growth.tables import Opportunity, Sponsorship
from staffpath.store.tables import Person

OUTCOMES = ("delivered", "dropped")


def _may_sponsor(viewer: Principal, person_id: int) -> bool:
    return viewer.operator or person_id in viewer.chain or viewer.is_leader or viewer.is_admin


def assign(session: Session, origin: Origin, viewer: Principal, opportunity_id: int,
           person: Person, *, sponsor: Person | None, on: dt.date | None = None) -> Sponsorship:
    """Hand an open opportunity to a person (their manager or a leader does); the sponsor is
    whoever vouches for them, by default the caller's own person."""
    if not _may_sponsor(viewer, person.id):
        raise NotFoundError("no such person")
    opp = session.get(Opportunity, opportunity_id)
    if opp is None:
        raise NotFoundError(f"no opportunity {opportunity_id}")
    if opp.status != "open":
        raise InputError(f"opportunity {opportunity_id} is {opp.status}, not open")
    sponsor_id = sponsor.id if sponsor is not None else viewer.person_id
    row = Sponsorship(opportunity_id=opp.id, person_id=person.id, sponsor_id=sponsor_id,
                      assigned_on=on or dt.date.today(), level_at_start=person.level,
                      outcome="open", outcome_note="", evidence_ids=[])
    opp.status = "assigned"
    session.add(row)
    session.flush()
    record_change(session, origin, "sponsorship.assign", "sponsorship", row.id)
    return row


def close(session: Session, origin: Origin, viewer: Principal, sponsorship_id: int,
          outcome: str, *, note: str = "", evidence_ids: list[int] | None = None,
          on: dt.date | None = None) -> Sponsorship:
    """Record how a sponsorship ended and the evidence the work produced."""
    row = session.get(Sponsorship, sponsorship_id)
    if row is None or not _may_sponsor(viewer, row.person_id):
        raise NotFoundError(f"no sponsorship {sponsorship_id}")
    if outcome not in OUTCOMES:
        raise InputError(f"outcome: use one of {', '.join(OUTCOMES)}")
    mine = {e.id for e in live_evidence(session, row.person)}
    foreign = [i for i in evidence_ids or [] if i not in mine]
    if foreign:
        raise InputError(f"evidence E{foreign[0]} is not {row.person.handle}'s")
    row.outcome, row.outcome_note = outcome, note
    row.closed_on = on or dt.date.today()
    row.evidence_ids = list(evidence_ids or [])
    row.opportunity.status = "closed"
    session.flush()
    record_change(session, origin, "sponsorship.close", "sponsorship", row.id)
    return row


@dataclass(frozen=True)
class Trace:
    sponsorship_id: int
    person: str
    sponsor: str | None
    opportunity: str
    assigned_on: dt.date
    outcome: str
    evidence_since: int  # items the person recorded in the opportunity's dimensions since
    level_then: str | None
    level_now: str | None

    @property
    def led_somewhere(self) -> bool:
        return self.outcome == "delivered" or self.level_now != self.level_then

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.sponsorship_id, "person": self.person, "sponsor": self.sponsor,
                "opportunity": self.opportunity, "assigned_on": self.assigned_on.isoformat(),
                "outcome": self.outcome, "evidence_since": self.evidence_since,
                "level_then": self.level_then, "level_now": self.level_now,
                "led_somewhere": self.led_somewhere}


def traces(session: Session, viewer: Principal) -> list[Trace]:
    """Every sponsorship the caller may see, with what followed it."""
    rows = session.scalars(select(Sponsorship).options(
        selectinload(Sponsorship.person), selectinload(Sponsorship.sponsor),
        selectinload(Sponsorship.opportunity)).order_by(Sponsorship.assigned_on.desc()))
    out = []
    for s in rows:
        if not sees_growth(viewer, s.person_id):
            continue
        dims = set(s.opportunity.dimensions)
        since = len({e.id for e in live_evidence(session, s.person)
                     if e.date_start is not None and e.date_start >= s.assigned_on
                     and set(e.dimensions) & dims} | set(s.evidence_ids))
        out.append(Trace(s.id, s.person.handle, s.sponsor.handle if s.sponsor else None,
                         s.opportunity.title, s.assigned_on, s.outcome, since,
                         s.level_at_start, s.person.level))
    return out
