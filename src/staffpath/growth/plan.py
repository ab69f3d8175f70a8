"""Growth plans: from a person's gaps, the one to three concrete steps that close the most of
them, each naming the rules it meets, the evidence it asks for and a target date; once started,
progress as evidence arrives.

Steps prefer open opportunities whose dimensions and reach meet a gap's rule: work on a stated
organisation goal counts as one more rule met, any recorded opportunity as half a rule. Where
none fits, a step is the kind of work `assess.next_work` would name (the one rule for choosing
gap-closing work, shared with the packet and `staffpath assess`), worded with the framework's
own advice for the gap. A step asks for items
at the widest reach and strongest role its rules need, tagged with their dimensions: one piece
of work can show several dimensions at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.accounts.audit import Origin, record_change
from staffpath.accounts.principal import Principal
from staffpath.assess.columns import MAX_DIMENSIONS
from staffpath.assess.engine import Assessment
from staffpath.assess.next_work import KIND_WORDS, best_piece, closing_kinds
from staffpath.assess.service import assess_person, evidence_scope, live_evidence
from staffpath.errors import InputError
from staffpath.framework.model import Framework
from staffpath.growth.access import require_growth
from staffpath.growth.opportunities import OpportunityView, list_opportunities
from staffpath.growth.rules import RuleNeed, gap_rule_ids, needs_of
from staffpath.growth.tables import GrowthPlan, PlanStep
from staffpath.store.tables import Person
from staffpath.vocab import Role, Scope

MAX_STEPS = 3
MAX_RULES_PER_STEP = 3  # a step built from advice alone: more would not be one piece of work
MIN_WEEKS = 8
GOAL_BONUS = 1.0
OPPORTUNITY_BONUS = 0.5


@dataclass(frozen=True)
class Step:
    """One step: what to do, the rules it meets and the evidence that would show it."""

    position: int
    title: str
    rules: tuple[dict[str, Any], ...]
    dimensions: tuple[str, ...]
    min_scope: Scope
    min_role: Role
    items_needed: int
    span_months: int
    target_date: dt.date
    opportunity_id: int | None = None
    # Progress (a started plan): items recorded since it started that fit, rules now met.
    items_done: int = 0
    rules_met: tuple[str, ...] = ()

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(str(r["id"]) for r in self.rules)

    @property
    def asks(self) -> str:
        role = "" if self.min_role is Role.DID else f", where you {self.min_role.label}"
        span = (f", spread over at least {self.span_months} months" if self.span_months
                else "")
        return (f"{self.items_needed} item(s) at reach '{self.min_scope.label}' or wider{role},"
                f" tagged {', '.join('#' + d for d in self.dimensions)}{span}")

    @property
    def progress(self) -> float:
        """Share of the step done: rules met count in full, items recorded towards the rest."""
        if not self.rules:
            return 1.0
        met = len(self.rules_met) / len(self.rules)
        items = min(1.0, self.items_done / self.items_needed) if self.items_needed else 1.0
        return round(max(met, 0.9 * items if met < 1 else 1.0), 2)

    def to_dict(self) -> dict[str, Any]:
        return {"position": self.position, "title": self.title, "rules": list(self.rules),
                "dimensions": list(self.dimensions), "asks": self.asks,
                "min_scope": self.min_scope.name.lower(), "min_role": self.min_role.name.lower(),
                "items_needed": self.items_needed, "span_months": self.span_months,
                "target_date": self.target_date.isoformat(),
                "opportunity_id": self.opportunity_id, "items_done": self.items_done,
                "rules_met": list(self.rules_met), "progress": self.progress}


@dataclass(frozen=True)
class Plan:
    person_id: int
    handle: str
    target_level: str | None
    as_of: dt.date
    steps: tuple[Step, ...]
    gaps: tuple[str, ...]  # every open gap's rule id
    uncovered: tuple[str, ...]  # gaps no step addresses
    started_on: dt.date | None = None  # None: a proposal, not started
    plan_id: int | None = None
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"person": self.handle, "target_level": self.target_level,
                "as_of": self.as_of.isoformat(), "plan_id": self.plan_id,
                "started_on": self.started_on.isoformat() if self.started_on else None,
                "steps": [s.to_dict() for s in self.steps], "gaps": list(self.gaps),
                "uncovered": list(self.uncovered), "notes": list(self.notes)}


@dataclass(frozen=True)
class _Candidate:
    needs: tuple[RuleNeed, ...]
    title: str
    weeks: int
    opportunity: OpportunityView | None = None

    def rank(self) -> tuple[float, int]:
        """Rules met, with a rule's worth more for work on an organisation goal and half a
        rule more for real, recorded work: a plan prefers what somebody asked for."""
        on_goal = self.opportunity is not None and self.opportunity.goal is not None
        real = self.opportunity is not None
        return (len(self.needs) + GOAL_BONUS * on_goal + OPPORTUNITY_BONUS * real,
                -len(self.title))


def _fits(opp: OpportunityView, need: RuleNeed) -> bool:
    return need.dimension in opp.dimensions and opp.reach >= need.min_scope


def _one_piece(needs: Sequence[RuleNeed]) -> tuple[RuleNeed, ...]:
    """The rules one piece of work can meet: the assessment counts an item toward at most
    `MAX_DIMENSIONS` dimensions, so a step keeps the rules of its first two dimensions (the
    widest-reaching first)."""
    order = sorted(needs, key=lambda n: (-n.min_scope, -n.min_role, -n.items_short,
                                         n.rule_id))
    dims: list[str] = []
    for n in order:
        if n.dimension not in dims and len(dims) < MAX_DIMENSIONS:
            dims.append(n.dimension)
    return tuple(n for n in order if n.dimension in dims)


def _advice_candidate(framework: Framework, needs: Sequence[RuleNeed]) -> _Candidate:
    """A step from the framework's advice, grouped by the one rule for gap-closing work
    (`assess.next_work.best_piece`): the kind of work that counts toward, and is accepted by,
    the most open gaps. Where no kind does, the widest-reaching unmet rule alone."""
    order = sorted(needs, key=lambda n: (-n.min_scope, -n.min_role, -n.items_short,
                                         n.rule_id))
    left = {n.dimension for n in order}
    piece = best_piece(framework, closing_kinds(framework, order[0].level, left), left)
    if piece is None:
        return _Candidate((order[0],), order[0].advice.rstrip("."), MIN_WEEKS)
    kind, dims = piece
    group = [n for n in order if n.dimension in dims][:MAX_RULES_PER_STEP]
    head = group[0]
    title = f"{KIND_WORDS[kind].capitalize()}: {head.advice.rstrip('.')}"
    if len(group) > 1:
        others = [n.title for n in group[1:] if n.title != head.title]
        if others:
            title += " — written up so it also shows " + ", ".join(others)
    return _Candidate(tuple(group), title, MIN_WEEKS)


def choose_steps(framework: Framework, needs: Sequence[RuleNeed],
                 opportunities: Sequence[OpportunityView], start: dt.date) -> list[Step]:
    """Greedy cover: each step is the candidate meeting the most still-open rules (weighted
    towards work on an organisation goal and real opportunities), up to three steps."""
    left = list(needs)
    steps: list[Step] = []
    used: set[int] = set()
    while left and len(steps) < MAX_STEPS:
        candidates = [_Candidate(_one_piece([n for n in left if _fits(o, n)]),
                                 f"Take on: {o.title}", o.duration_weeks, o)
                      for o in opportunities if o.id not in used and o.status == "open"]
        candidates = [c for c in candidates if c.needs]
        candidates.append(_advice_candidate(framework, left))
        best = max(candidates, key=lambda c: c.rank())
        if best.opportunity is not None:
            used.add(best.opportunity.id)
        span = max(n.span_short for n in best.needs)
        weeks = max(best.weeks, MIN_WEEKS, round(span * 4.35))
        steps.append(Step(
            position=len(steps) + 1, title=best.title,
            rules=tuple({"id": n.rule_id, "title": n.title, "level": n.level,
                         "missing": n.missing} for n in best.needs),
            dimensions=tuple(n.dimension for n in best.needs),
            min_scope=max(n.min_scope for n in best.needs),
            min_role=max(n.min_role for n in best.needs),
            items_needed=max(n.items_short for n in best.needs), span_months=span,
            target_date=start + dt.timedelta(weeks=weeks),
            opportunity_id=best.opportunity.id if best.opportunity else None))
        chosen = {n.rule_id for n in best.needs}
        left = [n for n in left if n.rule_id not in chosen]
    return steps


def _items_done(session: Session, person: Person, step: Step, since: dt.date) -> int:
    """Items recorded since the plan started that fit a step: tagged with one of its dimensions
    and at its reach or wider."""
    done = 0
    for e in live_evidence(session, person):
        recorded = e.created_at.date() if e.created_at else since
        if max(recorded, e.date_start or recorded) < since:
            continue
        if set(e.dimensions) & set(step.dimensions) and evidence_scope(e) >= step.min_scope:
            done += 1
    return done


def _stored_steps(row: GrowthPlan) -> list[Step]:
    return [Step(position=s.position, title=s.title, rules=tuple(s.rules),
                 dimensions=tuple(s.dimensions), min_scope=Scope(s.min_scope),
                 min_role=Role(s.min_role), items_needed=s.items_needed,
                 span_months=s.span_months, target_date=s.target_date,
                 opportunity_id=s.opportunity_id) for s in row.steps]


def active_plan(session: Session, person: Person) -> GrowthPlan | None:
    return session.scalar(select(GrowthPlan).where(
        GrowthPlan.person_id == person.id, GrowthPlan.status == "active")
        .order_by(GrowthPlan.id.desc()))


def _ready_plan(person: Person, result: Assessment, framework: Framework, day: dt.date
                ) -> Plan | None:
    """For someone the evidence already puts at their target overall: no steps, and a note
    saying so (nothing is stored)."""
    target = result.target_level
    if target is None or result.overall_level is None or framework.level_index(
            result.overall_level) < framework.level_index(target):
        return None
    gaps = tuple(sorted(gap_rule_ids(result)))
    return Plan(person.id, person.handle, target, day, (), gaps, gaps, notes=(
        f"Ready: the evidence supports {framework.level_title(target)} overall, so there is "
        "no plan to close a gap"
        + (f" ({len(gaps)} expectations of single dimensions are still below it; the "
           "assessment lists them)" if gaps else "") + ".",))


def plan_for(session: Session, viewer: Principal, person: Person, framework: Framework, *,
             as_of: dt.date | None = None, assessment: Assessment | None = None) -> Plan:
    """The person's plan: the started one with its progress, or else a proposal from today's
    gaps (not stored until `start_plan`)."""
    require_growth(viewer, person.id)
    day = as_of or dt.date.today()
    result = assessment or assess_person(session, person, framework, as_of=day)
    gaps = tuple(sorted(gap_rule_ids(result)))
    if result.target_level is None:
        return Plan(person.id, person.handle, None, day, (), gaps, (),
                    notes=("No target level: a plan needs a level to aim for.",))
    row = active_plan(session, person)
    if row is not None and row.target_level == result.target_level:
        steps = []
        for s in _stored_steps(row):
            met = tuple(r for r in s.rule_ids if r not in gaps)
            done = _items_done(session, person, s, row.started_on)
            steps.append(dataclasses.replace(s, items_done=done, rules_met=met))
        covered = {r for s in steps for r in s.rule_ids}
        return Plan(person.id, person.handle, row.target_level, day, tuple(steps), gaps,
                    tuple(g for g in gaps if g not in covered), started_on=row.started_on,
                    plan_id=row.id)
    ready = _ready_plan(person, result, framework, day)
    if ready is not None:
        return ready
    steps = choose_steps(framework, needs_of(result, framework),
                         list_opportunities(session, status="open"), day)
    covered = {r for s in steps for r in s.rule_ids}
    notes = () if gaps else ("No gaps: every expectation of the target level is met.",)
    return Plan(person.id, person.handle, result.target_level, day, tuple(steps), gaps,
                tuple(g for g in gaps if g not in covered), notes=notes)


def start_plan(session: Session, origin: Origin, viewer: Principal, person: Person,
               framework: Framework, *, as_of: dt.date | None = None) -> Plan:
    """Store today's proposal as the person's plan (the person themselves, or their manager);
    an earlier plan is kept, marked superseded."""
    require_growth(viewer, person.id)
    if not (viewer.operator or viewer.person_id == person.id or person.id in viewer.chain):
        raise InputError("only the person or their manager can start their plan")
    day = as_of or dt.date.today()
    result = assess_person(session, person, framework, as_of=day)
    if result.target_level is None:
        raise InputError(f"{person.handle} has no target level to plan for")
    ready = _ready_plan(person, result, framework, day)
    if ready is not None:
        return ready
    steps = choose_steps(framework, needs_of(result, framework),
                         list_opportunities(session, status="open"), day)
    for old in session.scalars(select(GrowthPlan).where(
            GrowthPlan.person_id == person.id, GrowthPlan.status == "active")):
        old.status = "superseded"
    row = GrowthPlan(person_id=person.id, started_on=day, target_level=result.target_level,
                     framework_fingerprint=framework.fingerprint,
                     gaps_at_start=sorted(gap_rule_ids(result)))
    row.steps = [PlanStep(position=s.position, title=s.title, rules=list(s.rules),
                          dimensions=list(s.dimensions), min_scope=int(s.min_scope),
                          min_role=int(s.min_role), items_needed=s.items_needed,
                          span_months=s.span_months, target_date=s.target_date,
                          opportunity_id=s.opportunity_id) for s in steps]
    session.add(row)
    session.flush()
    record_change(session, origin, "plan.start", "person", person.id)
    return plan_for(session, viewer, person, framework, as_of=day, assessment=result)
