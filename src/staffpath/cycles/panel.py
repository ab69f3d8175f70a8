"""Putting a member on a promotion panel with the conflict-of-interest check, and reading the
acknowledged conflicts back for calibration and the cycle report."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.cycles import lifecycle
from staffpath.cycles.conflicts import panel_conflicts, require_acknowledged
from staffpath.cycles.lookup import cycle_framework
from staffpath.cycles.panel_tables import PanelConflict
from staffpath.cycles.tables import Assignment, Cycle, Nomination
from staffpath.store.tables import Person


def conflicts_of(session: Session, nomination: Nomination, member: Person, *,
                 pairs: set[tuple[int, int]] | None = None) -> list[str]:
    """The reasons a member should not sit on this nomination's panel without a word."""
    fw = cycle_framework(session, nomination.cycle)
    person = nomination.person
    target = (nomination.frozen or {}).get("target_level") or person.target_level
    if target not in fw.level_ids:
        target = person.level if person.level in fw.level_ids else fw.level_ids[-1]
    return panel_conflicts(session, fw, member, target_level=target, nominee=person,
                           pairs=pairs)


def assign_checked(session: Session, nomination: Nomination, member: Person,
                   acknowledgement: str | None, *,
                   pairs: set[tuple[int, int]] | None = None) -> Assignment:
    """Assign a member; a conflict of interest needs an acknowledgement, kept with it."""
    reasons = conflicts_of(session, nomination, member, pairs=pairs)
    ack = require_acknowledged(reasons, acknowledgement)
    assignment = lifecycle.assign(session, nomination, member)
    if reasons:
        session.add(PanelConflict(assignment_id=assignment.id, reasons=reasons,
                                  acknowledgement=ack or ""))
        session.flush()
    return assignment


def acknowledged(session: Session, cycle: Cycle) -> dict[int, list[dict[str, Any]]]:
    """Acknowledged conflicts by nomination id: member, reasons and acknowledgement."""
    rows = session.execute(
        select(Assignment.nomination_id, Person.handle, PanelConflict.reasons,
               PanelConflict.acknowledgement)
        .join(PanelConflict, PanelConflict.assignment_id == Assignment.id)
        .join(Person, Person.id == Assignment.member_id)
        .join(Nomination, Nomination.id == Assignment.nomination_id)
        .where(Nomination.cycle_id == cycle.id).order_by(Assignment.id))
    out: dict[int, list[dict[str, Any]]] = {}
    for nomination_id, handle, reasons, ack in rows:
        out.setdefault(nomination_id, []).append(
            {"member": handle, "reasons": list(reasons), "acknowledgement": ack})
    return out


def acknowledged_for(session: Session, cycle_id: int) -> dict[int, list[dict[str, Any]]]:
    """`acknowledged` by cycle id (no cycle: nothing)."""
    cycle = session.get(Cycle, cycle_id)
    return acknowledged(session, cycle) if cycle is not None else {}
