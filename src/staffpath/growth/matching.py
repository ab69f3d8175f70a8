"""Growth matching: who would be grown by a piece of work and could succeed with it, and for a
person, which open work would grow them. Every score is a sum of reasons, each with its points
and the evidence it cites, so a ranking can be read and argued with.

Reasons and their points:
- a gap it closes: the opportunity exercises the gap's dimension at the reach its rule needs
  (+3 each, at most three);
- adjacent evidence: recorded work in the same dimensions or with the same teams (+1 each, at
  most three) — a sign they can do it;
- a team they know from mined history (+1 each);
- current load: sponsored work still open (−1.5 each);
- key-person risk: when most of the mined work on the opportunity's teams is one person's,
  giving it to someone else spreads that knowledge (+1), giving it to that person does not (−1);
- an organisation goal: work on a stated goal counts for more (+0.5).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from staffpath.accounts.principal import Principal
from staffpath.assess.service import assess_people, evidence_teams, live_evidence
from staffpath.framework.model import Framework
from staffpath.growth.access import require_growth, sees_growth
from staffpath.growth.opportunities import OpportunityView, get_opportunity, list_opportunities
from staffpath.growth.rules import needs_of
from staffpath.growth.tables import Sponsorship
from staffpath.store.tables import Evidence, Person

MINED = frozenset({"git", "commit", "review"})
GAP_POINTS, MAX_GAPS = 3.0, 3
ADJACENT_POINTS, MAX_ADJACENT = 1.0, 3
TEAM_POINTS = 1.0
LOAD_POINTS = -1.5
SPREAD_POINTS = 1.0
GOAL_POINTS = 0.5
KEY_PERSON_SHARE = 0.5


@dataclass(frozen=True)
class Reason:
    kind: str  # gap | adjacent | team | load | spread | concentrates | goal
    points: float
    why: str
    cites: tuple[int, ...] = ()  # evidence ids

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "points": self.points, "why": self.why,
                "cites": list(self.cites)}


@dataclass(frozen=True)
class Match:
    person_id: int
    handle: str
    name: str
    opportunity_id: int
    opportunity: str
    reasons: tuple[Reason, ...]

    @property
    def score(self) -> float:
        return round(sum(r.points for r in self.reasons), 2)

    @property
    def gaps_closed(self) -> tuple[str, ...]:
        return tuple(r.why.split(":")[0] for r in self.reasons if r.kind == "gap")

    def to_dict(self) -> dict[str, Any]:
        return {"person": self.handle, "name": self.name, "opportunity_id": self.opportunity_id,
                "opportunity": self.opportunity, "score": self.score,
                "reasons": [r.to_dict() for r in self.reasons]}


def _open_load(session: Session, ids: Sequence[int]) -> dict[int, int]:
    rows = session.execute(select(Sponsorship.person_id, func.count()).where(
        Sponsorship.person_id.in_(ids), Sponsorship.outcome == "open")
        .group_by(Sponsorship.person_id))
    return {pid: int(n) for pid, n in rows}


def _key_person(evidence: dict[int, list[Evidence]], teams: Sequence[str]
                ) -> dict[str, int | None]:
    """Per team, the person holding most of its mined work when they hold most of it."""
    holders: dict[str, int | None] = {}
    for team in teams:
        counts: Counter[int] = Counter()
        for pid, items in evidence.items():
            counts[pid] += sum(1 for e in items if e.source_type in MINED
                               and team in evidence_teams(e))
        total = sum(counts.values())
        top = counts.most_common(1)
        holders[team] = (top[0][0] if top and total >= 2 and top[0][1] / total
                         > KEY_PERSON_SHARE else None)
    return holders


def _reasons(opp: OpportunityView, person: Person, framework: Framework, assessment: Any,
             items: Sequence[Evidence], load: int, holders: dict[str, int | None],
             names: dict[int, str]) -> tuple[Reason, ...]:
    reasons: list[Reason] = []
    needs = [n for n in needs_of(assessment, framework)
             if n.dimension in opp.dimensions and opp.reach >= n.min_scope]
    for n in needs[:MAX_GAPS]:
        reasons.append(Reason("gap", GAP_POINTS, f"{n.rule_id}: closes the {n.title} gap "
                              f"({n.missing})"))
    dims, teams = set(opp.dimensions), set(opp.teams)
    adjacent = [e for e in sorted(items, key=lambda e: (e.date_start is None, e.date_start),
                                  reverse=True)
                if e.source_type not in MINED and (set(e.dimensions) & dims
                                                   or set(evidence_teams(e)) & teams)]
    for e in adjacent[:MAX_ADJACENT]:
        shared = sorted((set(e.dimensions) & dims) | (set(evidence_teams(e)) & teams))
        reasons.append(Reason("adjacent", ADJACENT_POINTS,
                              f"has done related work: E{e.id} “{e.title[:80]}” "
                              f"({', '.join(shared)})", (e.id,)))
    for team in sorted(teams):
        mined = [e.id for e in items if e.source_type in MINED and team in evidence_teams(e)]
        if mined:
            reasons.append(Reason("team", TEAM_POINTS, f"knows {team}'s code from mined "
                                  f"history ({len(mined)} item(s))", tuple(mined[:3])))
    if load:
        reasons.append(Reason("load", LOAD_POINTS * load,
                              f"already carries {load} sponsored piece(s) of work"))
    for team in sorted(teams):
        holder = holders.get(team)
        if holder is None:
            continue
        if holder == person.id:
            reasons.append(Reason("concentrates", -SPREAD_POINTS,
                                  f"already holds most of {team}'s mined work: giving it to "
                                  "someone else would spread that knowledge"))
        else:
            reasons.append(Reason("spread", SPREAD_POINTS,
                                  f"spreads knowledge of {team} beyond "
                                  f"{names.get(holder, 'one person')}"))
    if opp.goal:
        reasons.append(Reason("goal", GOAL_POINTS, f"serves the goal “{opp.goal}”"))
    return tuple(reasons)


def _candidates(session: Session, viewer: Principal) -> list[Person]:
    people = session.scalars(select(Person).where(
        Person.active.is_(True), Person.role == "engineer").order_by(Person.name))
    return [p for p in people if sees_growth(viewer, p.id)]


def _match_all(session: Session, framework: Framework, opps: Sequence[OpportunityView],
               people: Sequence[Person]) -> list[Match]:
    everyone = list(session.scalars(select(Person).where(Person.active.is_(True))))
    names = {p.id: p.name for p in everyone}
    # Key-person shares are of the whole organisation's mined work, whoever is asking.
    evidence = {p.id: live_evidence(session, p) for p in everyone}
    assessments = assess_people(session, list(people), framework)
    load = _open_load(session, [p.id for p in people])
    out = []
    for opp in opps:
        holders = _key_person(evidence, opp.teams)
        for p in people:
            reasons = _reasons(opp, p, framework, assessments[p.id], evidence.get(p.id, []),
                               load.get(p.id, 0), holders, names)
            out.append(Match(p.id, p.handle, p.name, opp.id, opp.title, reasons))
    return out


def _ranked(matches: Sequence[Match]) -> list[Match]:
    return sorted(matches, key=lambda m: (-m.score, m.name, m.opportunity_id))


def matches_for_opportunity(session: Session, viewer: Principal, framework: Framework,
                            opportunity_id: int, *, limit: int = 10) -> list[Match]:
    """People who would be grown by the work and could succeed with it, best first; only
    people whose growth records the caller may see (their reports, the organisation for a
    leader, themselves)."""
    opp = get_opportunity(session, opportunity_id)
    people = _candidates(session, viewer)
    return _ranked(_match_all(session, framework, [opp], people))[:limit]


def opportunities_for_person(session: Session, viewer: Principal, framework: Framework,
                             person: Person) -> list[Match]:
    """Open opportunities ranked for one person."""
    require_growth(viewer, person.id)
    opps = list_opportunities(session, status="open")
    return _ranked(_match_all(session, framework, opps, [person]))
