"""After a promotion: each promoted person's check-ins at 3, 6 and 12 months (happy in the
role, wants to go back, still in it), and per cohort the share still in the role and still at
the company a year on — the outcome that says whether the promotions worked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from staffpath.accounts.audit import Origin, record_change
from staffpath.accounts.principal import Principal
from staffpath.errors import InputError, NotFoundError
from staffpath.growth.tables import CheckIn, Promotion
from staffpath.store.tables import Person

MONTHS = (3, 6, 12)
YEAR_DAYS = 365


def _leader(viewer: Principal) -> bool:
    return viewer.operator or viewer.is_leader or viewer.is_admin


def record_promotion(session: Session, origin: Origin, viewer: Principal, person: Person,
                     on: dt.date, to_level: str, from_level: str | None = None) -> Promotion:
    """Record a promotion (leaders), so its check-ins can follow."""
    if not _leader(viewer):
        raise NotFoundError("not found")
    row = Promotion(person_id=person.id, promoted_on=on, to_level=to_level,
                    from_level=from_level if from_level is not None else person.level)
    session.add(row)
    session.flush()
    record_change(session, origin, "promotion.record", "person", person.id)
    return row


def record_checkin(session: Session, origin: Origin, viewer: Principal, person: Person,
                   month: int, *, happy: bool, wants_back: bool, in_role: bool = True,
                   note: str = "", on: dt.date | None = None) -> CheckIn:
    """The person's own check-in on their newest promotion."""
    if not (viewer.operator or viewer.person_id == person.id):
        raise NotFoundError("no such person")
    if month not in MONTHS:
        raise InputError(f"month: one of {', '.join(map(str, MONTHS))}")
    promotion = session.scalar(select(Promotion).where(Promotion.person_id == person.id)
                               .order_by(Promotion.promoted_on.desc()))
    if promotion is None:
        raise InputError(f"{person.handle} has no recorded promotion to check in on")
    if any(c.month == month for c in promotion.checkins):
        raise InputError(f"the {month}-month check-in is already recorded")
    row = CheckIn(month=month, answered_on=on or dt.date.today(), happy=happy,
                  wants_back=wants_back, in_role=in_role, note=note.strip()[:2000])
    promotion.checkins.append(row)
    session.flush()
    record_change(session, origin, "checkin.record", "person", person.id)
    return row


@dataclass(frozen=True)
class Cohort:
    label: str  # "2025-H2"
    promoted: int
    a_year_on: int  # promotions at least a year old
    still_in_role: int
    still_here: int
    happy_at_12: int
    answered_12: int

    def to_dict(self) -> dict[str, Any]:
        return {"cohort": self.label, "promoted": self.promoted, "a_year_on": self.a_year_on,
                "still_in_role": self.still_in_role, "still_at_company": self.still_here,
                "happy_at_12_months": self.happy_at_12, "answered_12_months": self.answered_12,
                "share_in_role": round(self.still_in_role / self.a_year_on, 2)
                if self.a_year_on else None,
                "share_at_company": round(self.still_here / self.a_year_on, 2)
                if self.a_year_on else None}


def _half(day: dt.date) -> str:
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


def _in_role(p: Promotion) -> bool:
    answers = [c for c in p.checkins if c.month == 12]
    if answers:
        return answers[0].in_role
    return p.person.active and p.person.level == p.to_level


def promotions(session: Session, viewer: Principal) -> list[Promotion]:
    if not _leader(viewer):
        raise NotFoundError("not found")
    return list(session.scalars(select(Promotion).options(
        selectinload(Promotion.person), selectinload(Promotion.checkins))
        .order_by(Promotion.promoted_on.desc())))


def cohorts(session: Session, viewer: Principal, *, today: dt.date | None = None
            ) -> list[Cohort]:
    """Per half-year of promotion: how many were promoted, and of those a year on, how many
    are still in the role and still at the company."""
    day = today or dt.date.today()
    groups: dict[str, list[Promotion]] = {}
    for p in promotions(session, viewer):
        groups.setdefault(_half(p.promoted_on), []).append(p)
    out = []
    for label in sorted(groups, reverse=True):
        rows = groups[label]
        old = [p for p in rows if (day - p.promoted_on).days >= YEAR_DAYS]
        twelve = [c for p in old for c in p.checkins if c.month == 12]
        out.append(Cohort(label, len(rows), len(old), sum(1 for p in old if _in_role(p)),
                          sum(1 for p in old if p.person.active),
                          sum(1 for c in twelve if c.happy), len(twelve)))
    return out


def followup_rows(session: Session, viewer: Principal, *, today: dt.date | None = None
                  ) -> list[dict[str, Any]]:
    """Each promotion with its check-ins, and the ones due and not answered."""
    day = today or dt.date.today()
    rows = []
    for p in promotions(session, viewer):
        done = {c.month: c for c in p.checkins}
        due = [m for m in MONTHS if m not in done
               and (day - p.promoted_on).days >= m * 30]
        rows.append({
            "person": p.person.handle, "name": p.person.name,
            "promoted_on": p.promoted_on.isoformat(), "from": p.from_level, "to": p.to_level,
            "checkins": [{"month": c.month, "happy": c.happy, "wants_back": c.wants_back,
                          "in_role": c.in_role, "note": c.note} for c in p.checkins],
            "due": due, "at_company": p.person.active})
    return rows
