"""A person's gap over time: the target level's rules still open at the end of each of the last
twelve months, judged by the same assessment as today on the work dated by then, with the day
their plan started (`growth.progress_chart` draws it).

The history reads the record as it stands: an item written up later about earlier work counts
from when the work happened, which is what a gap closing means. Nothing is stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from staffpath.accounts.principal import Principal
from staffpath.assess.rules import months_before
from staffpath.assess.service import assess_person_on
from staffpath.framework.model import Framework
from staffpath.growth.access import require_growth
from staffpath.growth.plan import active_plan
from staffpath.growth.rules import gap_rule_ids
from staffpath.store.tables import Person

MONTHS = 12


@dataclass(frozen=True)
class GapPoint:
    """The assessment at one month's end: rules of the target level still open, and whether
    the evidence then supported the target overall."""

    day: dt.date
    gaps: int
    ready: bool
    overall_level: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "gaps": self.gaps, "ready": self.ready,
                "overall_level": self.overall_level}


@dataclass(frozen=True)
class GapHistory:
    handle: str
    target_level: str | None
    points: tuple[GapPoint, ...]  # oldest first; the last is `as_of`
    plan_started: dt.date | None

    @property
    def closed(self) -> int:
        """Rules closed over the period (negative: more open now than a year ago)."""
        return self.points[0].gaps - self.points[-1].gaps if self.points else 0

    def to_dict(self) -> dict[str, Any]:
        return {"person": self.handle, "target_level": self.target_level,
                "plan_started": self.plan_started.isoformat() if self.plan_started else None,
                "closed": self.closed, "points": [p.to_dict() for p in self.points]}


def _month_ends(day: dt.date, months: int) -> list[dt.date]:
    """`day` and the same day of each of the `months` months before it, oldest first."""
    return [months_before(day, k) for k in range(months, 0, -1)] + [day]


def gap_history(session: Session, viewer: Principal, person: Person, framework: Framework, *,
                as_of: dt.date | None = None, months: int = MONTHS) -> GapHistory:
    """The open rules at each month's end over the last `months` months (404 for a caller who
    may not see the person's growth records); the record is read once."""
    require_growth(viewer, person.id)
    day = as_of or dt.date.today()
    target = person.target_level if person.target_level in framework.level_ids else None
    days = _month_ends(day, months)
    points = []
    for when, result in zip(days, assess_person_on(session, person, framework, days),
                            strict=True):
        ready = (target is not None and result.overall_level is not None
                 and framework.level_index(result.overall_level)
                 >= framework.level_index(target))
        points.append(GapPoint(when, len(gap_rule_ids(result)), ready, result.overall_level))
    plan = active_plan(session, person)
    return GapHistory(person.handle, target, tuple(points),
                      plan.started_on if plan is not None else None)
