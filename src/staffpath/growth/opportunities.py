"""Opportunities: open work that could grow someone, recorded by hand or imported, and the
organisation goals they may serve. Every change records its own audit entry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from staffpath.accounts.audit import Origin, record_change
from staffpath.accounts.principal import Principal
from staffpath.errors import InputError, NotFoundError
from staffpath.framework.model import Framework
from staffpath.growth.access import may_manage_opportunities
from staffpath.growth.tables import Opportunity, OrgGoal
from staffpath.people.service import find_person
from staffpath.store.tables import Person, Team
from staffpath.vocab import Scope

KINDS = ("migration", "rfc", "incident_follow_up", "cross_team_project", "review", "pairing",
         "project")
STATUSES = ("open", "assigned", "closed")


class OpportunityInput(BaseModel):
    """A new opportunity, validated before it reaches the store."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=300)
    description: str = Field(default="", max_length=20_000)
    kind: str = "project"
    teams: list[str] = []
    reach: Scope = Scope.TEAM
    duration_weeks: int = Field(default=6, ge=1, le=260)
    dimensions: list[str] = []
    owner: str | None = None  # a person reference: handle, e-mail, id or name
    goal: str | None = None  # an organisation goal's title
    status: str = "open"
    source_ref: str | None = Field(default=None, max_length=500)

    @field_validator("reach", mode="before")
    @classmethod
    def _reach(cls, value: object) -> object:
        return Scope.parse(value) if isinstance(value, str) else value

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        key = value.strip().lower().replace("-", "_").replace(" ", "_")
        if key not in KINDS:
            raise ValueError(f"unknown kind {value!r}; use one of: {', '.join(KINDS)}")
        return key

    @field_validator("status")
    @classmethod
    def _status(cls, value: str) -> str:
        if value not in STATUSES:
            raise ValueError(f"unknown status {value!r}; use one of: {', '.join(STATUSES)}")
        return value


def input_error(exc: ValidationError, *, path: str | None = None,
                line: int | None = None) -> InputError:
    """A validation failure as one line naming the field."""
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first.get("loc", ())) or "input"
    message = str(first.get("msg", "invalid")).removeprefix("Value error, ")
    return InputError(f"{field}: {message}", path=path, line=line)


@dataclass(frozen=True)
class OpportunityView:
    """An opportunity as plain values, usable after the session closes."""

    id: int
    title: str
    description: str
    kind: str
    teams: tuple[str, ...]
    reach: Scope
    duration_weeks: int
    dimensions: tuple[str, ...]
    owner: str | None  # handle
    goal: str | None
    status: str
    source_ref: str | None

    @classmethod
    def of(cls, o: Opportunity) -> OpportunityView:
        return cls(o.id, o.title, o.description, o.kind, tuple(o.teams), Scope(o.reach),
                   o.duration_weeks, tuple(o.dimensions), o.owner.handle if o.owner else None,
                   o.goal.title if o.goal else None, o.status, o.source_ref)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "description": self.description,
                "kind": self.kind, "teams": list(self.teams),
                "reach": self.reach.name.lower(), "reach_label": self.reach.label,
                "duration_weeks": self.duration_weeks, "dimensions": list(self.dimensions),
                "owner": self.owner, "goal": self.goal, "status": self.status,
                "source_ref": self.source_ref}


def _query() -> Any:
    return select(Opportunity).options(selectinload(Opportunity.owner),
                                       selectinload(Opportunity.goal))


def list_opportunities(session: Session, *, status: str | None = None) -> list[OpportunityView]:
    """Opportunities, newest first; open work is not personal data, every signed-in person
    may read it."""
    query = _query().order_by(Opportunity.id.desc())
    if status is not None:
        query = query.where(Opportunity.status == status)
    return [OpportunityView.of(o) for o in session.scalars(query)]


def get_opportunity(session: Session, opportunity_id: int) -> OpportunityView:
    found = session.scalar(_query().where(Opportunity.id == opportunity_id))
    if found is None:
        raise NotFoundError(f"no opportunity {opportunity_id}")
    return OpportunityView.of(found)


def _require_manager(viewer: Principal) -> None:
    if not may_manage_opportunities(viewer):
        # Not theirs to do: answered like a missing page, as the access rules ask.
        raise NotFoundError("not found")


@dataclass(frozen=True)
class _Resolved:
    data: OpportunityInput
    owner: Person | None
    goal: OrgGoal | None


def _resolve(session: Session, framework: Framework, data: OpportunityInput,
             teams: set[str]) -> _Resolved:
    for dim in data.dimensions:
        if framework.dimension_for_tag(dim) is None:
            raise InputError(f"dimensions: no dimension {dim!r} in the framework")
    unknown = [t for t in data.teams if t not in teams]
    if unknown:
        raise InputError(f"teams: no team named {unknown[0]!r}")
    owner = find_person(session, data.owner) if data.owner else None
    goal = None
    if data.goal:
        goal = session.scalar(select(OrgGoal).where(OrgGoal.title == data.goal))
        if goal is None:
            raise InputError(f"goal: no organisation goal titled {data.goal!r}")
    return _Resolved(data, owner, goal)


def _dimension_ids(framework: Framework, names: Sequence[str]) -> list[str]:
    found = [framework.dimension_for_tag(n) for n in names]
    return list(dict.fromkeys(d.id for d in found if d is not None))


def _store(session: Session, framework: Framework, r: _Resolved) -> tuple[Opportunity, bool]:
    existing = (session.scalar(select(Opportunity).where(
        Opportunity.source_ref == r.data.source_ref)) if r.data.source_ref else None)
    row = existing or Opportunity()
    row.title, row.description, row.kind = r.data.title, r.data.description, r.data.kind
    row.teams, row.reach = list(r.data.teams), int(r.data.reach)
    row.duration_weeks = r.data.duration_weeks
    row.dimensions = _dimension_ids(framework, r.data.dimensions)
    row.owner, row.goal = r.owner, r.goal
    row.status, row.source_ref = r.data.status, r.data.source_ref
    if existing is None:
        session.add(row)
    session.flush()
    return row, existing is None


def team_names(session: Session) -> set[str]:
    return set(session.scalars(select(Team.name)))


def add_opportunity(session: Session, origin: Origin, viewer: Principal, framework: Framework,
                    data: OpportunityInput) -> OpportunityView:
    """Record one opportunity (managers and leaders)."""
    _require_manager(viewer)
    row, _ = _store(session, framework, _resolve(session, framework, data, team_names(session)))
    record_change(session, origin, "opportunity.add", "opportunity", row.id)
    return OpportunityView.of(row)


def save_opportunities(session: Session, origin: Origin, viewer: Principal,
                       framework: Framework, rows: Sequence[tuple[OpportunityInput, str, int]]
                       ) -> tuple[int, int]:
    """Store parsed rows (input, file, line) all or nothing: every row is checked before the
    first is written. Returns (added, updated); rows with a known source update their record."""
    _require_manager(viewer)
    teams = team_names(session)
    resolved = []
    for data, path, line in rows:
        try:
            resolved.append(_resolve(session, framework, data, teams))
        except (InputError, NotFoundError) as exc:
            raise InputError(exc.message, path=path, line=line) from None
    added = updated = 0
    for r in resolved:
        row, new = _store(session, framework, r)
        added, updated = added + new, updated + (not new)
        record_change(session, origin, "opportunity.import", "opportunity", row.id)
    return added, updated


def add_goal(session: Session, origin: Origin, viewer: Principal, title: str, *,
             owner: str | None = None, period: str = "") -> OrgGoal:
    """Record one of the organisation's goals for a period (leaders)."""
    if not (viewer.operator or viewer.is_leader or viewer.is_admin):
        raise NotFoundError("not found")
    title = title.strip()
    if not title or len(title) > 300:
        raise InputError("goal title: between 1 and 300 characters")
    if session.scalar(select(OrgGoal).where(OrgGoal.title == title)) is not None:
        raise InputError(f"goal {title!r} is already recorded")
    goal = OrgGoal(title=title, period=period.strip(),
                   owner_id=find_person(session, owner).id if owner else None)
    session.add(goal)
    session.flush()
    record_change(session, origin, "goal.add", "goal", goal.id)
    return goal


def list_goals(session: Session) -> list[dict[str, Any]]:
    return [{"id": g.id, "title": g.title, "period": g.period, "owner_id": g.owner_id}
            for g in session.scalars(select(OrgGoal).order_by(OrgGoal.id))]

