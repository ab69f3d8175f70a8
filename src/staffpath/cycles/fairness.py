"""What the cycle report adds for leadership on fairness: the decisions that went against the
panel (or against similar past cases) and why, the conflicts of interest acknowledged on
panels, and outcome rates per group where the organisation records one.

A person's group is an optional field only an administrator sets or reads; rates are given
only for groups with at least five nominees in the cycle, so no rate points at a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.accounts.audit import Origin, record_change
from staffpath.accounts.principal import Principal
from staffpath.cycles.lookup import latest_decision
from staffpath.cycles.panel import acknowledged
from staffpath.cycles.panel_tables import DecisionCheck, ReportGroup
from staffpath.cycles.tables import Cycle
from staffpath.errors import InputError, NotFoundError
from staffpath.store.tables import Person

MIN_GROUP = 5
PROMOTING = ("promote", "promote_conditions")


@dataclass(frozen=True)
class Fairness:
    against: tuple[dict[str, Any], ...]
    conflicts: tuple[dict[str, Any], ...]
    groups: tuple[dict[str, Any], ...] | None  # None: not shown to this viewer
    groups_withheld: int  # groups below MIN_GROUP, not reported

    def to_dict(self) -> dict[str, Any]:
        return {"against": list(self.against), "conflicts": list(self.conflicts),
                "groups": None if self.groups is None else list(self.groups),
                "groups_withheld": self.groups_withheld}


def set_group(session: Session, viewer: Principal, person: Person, group: str | None, *,
              origin: Origin) -> None:
    """Set (or clear, with None) a person's report group: administrators only."""
    if not (viewer.is_admin or viewer.operator):
        raise NotFoundError("no such setting")
    row = session.get(ReportGroup, person.id)
    name = (group or "").strip()
    if len(name) > 80:
        raise InputError("a group name is at most 80 characters")
    if not name:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(ReportGroup(person_id=person.id, group=name))
    else:
        row.group = name
    session.flush()
    record_change(session, origin, "set_report_group", "person", person.id)


def fairness(session: Session, cycle: Cycle, viewer: Principal) -> Fairness:
    """The report's fairness section for a calibrated cycle, as the viewer may see it."""
    against = []
    outcomes: dict[int, str] = {}
    for n in cycle.nominations:
        decision = latest_decision(session, n)
        if decision is None:
            continue
        outcomes[n.person_id] = decision.outcome
        check = session.scalar(select(DecisionCheck)
                               .where(DecisionCheck.decision_id == decision.id))
        if check is not None and (check.against_panel or check.against_precedent):
            against.append({
                "person": n.person.handle, "outcome": decision.outcome,
                "against_panel": check.against_panel,
                "against_precedent": check.against_precedent,
                "below": list(check.details.get("below", [])),
                "precedents": list(check.details.get("precedents", [])),
                "conditions": [c.get("text") for c in check.conditions],
                "rationale": decision.rationale})
    handles = {n.id: n.person.handle for n in cycle.nominations}
    conflicts = [{"person": handles[nid], **c}
                 for nid, rows in acknowledged(session, cycle).items() for c in rows]
    groups: list[dict[str, Any]] | None = None
    withheld = 0
    if viewer.is_admin or viewer.operator:
        by_group: dict[str, list[str]] = {}
        for row in session.scalars(select(ReportGroup).where(
                ReportGroup.person_id.in_(list(outcomes)))):
            by_group.setdefault(row.group, []).append(outcomes[row.person_id])
        groups = []
        for name, decided in sorted(by_group.items()):
            if len(decided) < MIN_GROUP:
                withheld += 1
                continue
            promoted = sum(1 for o in decided if o in PROMOTING)
            groups.append({"group": name, "decided": len(decided), "promoted": promoted,
                           "rate": round(promoted / len(decided), 3)})
    return Fairness(tuple(against), tuple(conflicts), None if groups is None else tuple(groups),
                    withheld)
