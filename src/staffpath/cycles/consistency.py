"""Decision consistency: a decision that goes against the panel's median on the target level,
or against how similar past cases were decided, needs a rationale that addresses the
difference; and a rationale can be written from the real blockers and the step that closes
each (the framework's "closes the gap" for the level).

"Against the panel": promoting (with or without conditions) when the panel's median is below
the target level on most of the dimensions it scored, or "not yet" when it is below on none.
"Similar past cases": decided nominations for the same target level in other cycles whose
panel medians are within half a level of this one's on average.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.cycles.lookup import cycle_framework, latest_decision
from staffpath.cycles.panel_tables import DecisionCheck
from staffpath.cycles.tables import Cycle, Decision, Nomination, Score
from staffpath.errors import InputError
from staffpath.framework.model import Framework
from staffpath.store.tables import utcnow

PROMOTING = frozenset({"promote", "promote_conditions"})
SIMILAR_WITHIN = 0.5  # mean levels apart, over the dimensions both panels scored
_PRECEDENT_WORDS = re.compile(r"\b(precedent|past|previous|earlier|before|prior|last)\b", re.I)
_PANEL_WORDS = re.compile(r"\b(panel|median|scores?|scored)\b", re.I)


@dataclass(frozen=True)
class Precedent:
    nomination: int
    person: str
    cycle: str
    outcome: str
    distance: float


@dataclass(frozen=True)
class Finding:
    """What the check found for one proposed outcome."""

    target: str | None
    medians: dict[str, float]
    below: tuple[str, ...]  # dimension ids whose panel median is below the target
    against_panel: bool
    precedents: tuple[Precedent, ...] = field(default=())  # similar, decided otherwise

    @property
    def against_precedent(self) -> bool:
        return bool(self.precedents)

    def details(self, fw: Framework) -> dict[str, Any]:
        return {"target": self.target, "scored": len(self.medians),
                "below": [fw.dimension(d).title for d in self.below],
                "precedents": [{"person": p.person, "cycle": p.cycle, "outcome": p.outcome,
                                "distance": round(p.distance, 2)} for p in self.precedents]}


def _target(fw: Framework, nomination: Nomination) -> str | None:
    target = (nomination.frozen or {}).get("target_level") or nomination.person.target_level
    return target if target in fw.level_ids else None


def panel_medians(session: Session, fw: Framework, nomination: Nomination) -> dict[str, float]:
    """Each scored dimension's median rank on the panel."""
    ranks: dict[str, list[int]] = {}
    for s in session.scalars(select(Score).where(Score.nomination_id == nomination.id)):
        if s.level in fw.level_ids:
            ranks.setdefault(s.dimension, []).append(fw.level_index(s.level))
    return {d: float(median(r)) for d, r in ranks.items()}


def _promoting(outcome: str) -> bool:
    return outcome in PROMOTING


def _precedents(session: Session, fw: Framework, nomination: Nomination, target: str,
                medians: dict[str, float], outcome: str) -> list[Precedent]:
    found = []
    others = session.scalars(
        select(Nomination).join(Cycle).where(Cycle.id != nomination.cycle_id,
                                             Cycle.state.in_(("decided", "released"))))
    for other in others:
        if _target(fw, other) != target:
            continue
        decision = latest_decision(session, other)
        if decision is None or _promoting(decision.outcome) == _promoting(outcome):
            continue
        theirs = panel_medians(session, fw, other)
        common = set(theirs) & set(medians)
        if not common:
            continue
        distance = sum(abs(theirs[d] - medians[d]) for d in common) / len(common)
        if distance <= SIMILAR_WITHIN:
            found.append(Precedent(other.id, other.person.handle, other.cycle.name,
                                   decision.outcome, distance))
    return found


def check(session: Session, nomination: Nomination, outcome: str) -> Finding:
    """How a proposed outcome stands against the panel and against similar past cases."""
    fw = cycle_framework(session, nomination.cycle)
    target = _target(fw, nomination)
    medians = panel_medians(session, fw, nomination)
    if target is None or not medians:
        return Finding(target, medians, (), False)
    t = fw.level_index(target)
    below = tuple(d for d in fw.dimension_ids if d in medians and medians[d] < t)
    against = (len(below) * 2 > len(medians)) if _promoting(outcome) else not below
    return Finding(target, medians, below, against,
                   tuple(_precedents(session, fw, nomination, target, medians, outcome)))


def _names(fw: Framework, text: str, dims: Sequence[str]) -> bool:
    low = text.lower()
    return any(d.lower() in low or fw.dimension(d).title.lower() in low for d in dims)


def require_addressed(fw: Framework, finding: Finding, outcome: str, rationale: str) -> None:
    """Refuse a rationale that does not address how the decision differs."""
    problems = []
    if finding.against_panel:
        if _promoting(outcome):
            if not (_PANEL_WORDS.search(rationale) and _names(fw, rationale, finding.below)):
                titles = ", ".join(fw.dimension(d).title for d in finding.below)
                problems.append(
                    f"the panel's median is below {finding.target} on {len(finding.below)} of "
                    f"{len(finding.medians)} dimensions ({titles}); say why the decision "
                    "differs, naming the panel's median and at least one of them")
        elif not (_PANEL_WORDS.search(rationale)
                  and _names(fw, rationale, list(finding.medians))):
            problems.append(f"the panel's median meets {finding.target} on every dimension "
                            "it scored; name the dimension that blocks and why the panel's "
                            "median does not settle it")
    if finding.precedents and not (_PRECEDENT_WORDS.search(rationale) or any(
            p.cycle.lower() in rationale.lower() for p in finding.precedents)):
        cases = "; ".join(f"{p.person} in {p.cycle}: {p.outcome}"
                          for p in finding.precedents[:3])
        problems.append(f"similar past cases were decided otherwise ({cases}); say what "
                        "makes this one different")
    if problems:
        raise InputError("this decision needs a rationale that addresses the difference: "
                         + "; and ".join(problems))


def conditions_for(fw: Framework, finding: Finding) -> list[dict[str, Any]]:
    """One condition per blocking dimension: the step the framework says closes it."""
    out = []
    for d in finding.below:
        exp = fw.expectation(d, finding.target) if finding.target else None
        step = exp.closes_gap if exp else f"show {fw.dimension(d).title.lower()} at the level"
        out.append({"dimension": d, "text": f"{fw.dimension(d).title}: {step}", "met_at": None})
    return out


def suggested_rationale(fw: Framework, finding: Finding, outcome: str) -> str:
    """A rationale naming the real blockers and the step that closes each."""
    if finding.target is None or not finding.medians:
        return "The panel has no scores to weigh yet."
    level = fw.level(finding.target).title.lower()
    blockers = [f"{fw.dimension(d).title} (panel median "
                f"{fw.levels[int(finding.medians[d])].title.lower()})" for d in finding.below]
    steps = [c["text"] for c in conditions_for(fw, finding)]
    if not finding.below:
        return (f"The panel's median meets {level} on all {len(finding.medians)} dimensions "
                "it scored.")
    head = (f"The panel's median is below {level} on {len(finding.below)} of "
            f"{len(finding.medians)} dimensions: {', '.join(blockers)}.")
    if outcome == "not_yet":
        return f"Not yet. {head} What closes it: {' '.join(steps)}"
    if outcome == "promote_conditions":
        return (f"Promote with conditions. {head} The committee promotes on the strength of "
                f"the rest, on these conditions: {' '.join(steps)}")
    return f"Promote. {head} The committee differs from the panel's median because: "


def record(session: Session, decision: Decision, fw: Framework, finding: Finding,
           conditions: Sequence[str]) -> DecisionCheck:
    """Keep what the check found, and the conditions as a tracked list."""
    row = DecisionCheck(decision_id=decision.id, against_panel=finding.against_panel,
                        against_precedent=finding.against_precedent,
                        details=finding.details(fw),
                        conditions=[{"text": c.strip(), "met_at": None}
                                    for c in conditions if c.strip()])
    session.add(row)
    session.flush()
    return row


def checked_decision(session: Session, nomination: Nomination, outcome: str, rationale: str,
                     conditions: Sequence[str]) -> tuple[Framework, Finding]:
    """The check a decision must pass before it is recorded."""
    fw = cycle_framework(session, nomination.cycle)
    if outcome == "promote_conditions" and not [c for c in conditions if c.strip()]:
        raise InputError("a promotion with conditions needs at least one condition")
    if outcome != "promote_conditions" and [c for c in conditions if c.strip()]:
        raise InputError("conditions go with the outcome promote_conditions only")
    finding = check(session, nomination, outcome)
    require_addressed(fw, finding, outcome, rationale)
    return fw, finding


def mark_condition(session: Session, decision: Decision, index: int, *, met: bool) -> None:
    """Mark one condition of a conditional promotion met (or not met again)."""
    row = session.scalar(select(DecisionCheck).where(DecisionCheck.decision_id == decision.id))
    if row is None or not row.conditions:
        raise InputError("this decision has no conditions")
    if not 1 <= index <= len(row.conditions):
        raise InputError(f"condition {index}: this decision has conditions 1 to "
                         f"{len(row.conditions)}")
    conditions = [dict(c) for c in row.conditions]
    conditions[index - 1]["met_at"] = utcnow().isoformat(timespec="seconds") if met else None
    row.conditions = conditions
    session.flush()


def conditions_of(session: Session, decision: Decision) -> list[dict[str, Any]]:
    row = session.scalar(select(DecisionCheck).where(DecisionCheck.decision_id == decision.id))
    return [dict(c) for c in row.conditions] if row is not None else []


def suggestions(session: Session, nomination: Nomination) -> dict[str, str]:
    """A rationale to start from for each outcome, from the panel's real blockers."""
    fw = cycle_framework(session, nomination.cycle)
    out = {}
    for outcome in ("not_yet", "promote_conditions", "promote"):
        out[outcome] = suggested_rationale(fw, check(session, nomination, outcome), outcome)
    return out


def suggestions_for(session: Session, cycle_id: int) -> dict[int, dict[str, str]]:
    """`suggestions` for every nomination of a calibrated cycle, by nomination id."""
    cycle = session.get(Cycle, cycle_id)
    if cycle is None or cycle.state not in ("calibration", "decided", "released"):
        return {}
    return {n.id: suggestions(session, n) for n in cycle.nominations}
