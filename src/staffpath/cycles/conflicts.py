"""Conflicts of interest on a panel, promotion or interview: a member who manages the nominee
or sits in their reporting chain, mentors them or is mentored by them (by the organisation's
mentorship graph), works on the same team, or holds a level below the one being judged.

Each found conflict is a reason in words. A panel member with a conflict joins only with an
acknowledgement, and the reason stays on the panel record for calibration to read.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from staffpath.errors import ConflictError
from staffpath.framework.model import Framework
from staffpath.org.mentorship import build_graph
from staffpath.org.roster import load_roster
from staffpath.store.tables import Person

MAX_ACKNOWLEDGEMENT = 2_000


class NeedsAcknowledgement(ConflictError):
    """A panel member with a conflict of interest, added without an acknowledgement."""


def _chain_up(session: Session, person: Person) -> list[Person]:
    seen: list[Person] = []
    current = person.manager
    while current is not None and current not in seen and current.id != person.id:
        seen.append(current)
        current = current.manager
    return seen


def mentorship_pairs(session: Session, fw: Framework) -> set[tuple[int, int]]:
    """(mentor, mentee) ids from the organisation's mentorship graph."""
    graph = build_graph(session, load_roster(session), fw)
    return {(r.mentor, r.mentee) for r in graph.relations}


def level_conflict(fw: Framework, member: Person, target_level: str) -> str | None:
    """A member whose level on the roster is below the level being judged (a member with
    no level, such as a manager outside the ladder, is not flagged for it)."""
    if member.level not in fw.level_ids or target_level not in fw.level_ids:
        return None
    if fw.level_index(member.level) < fw.level_index(target_level):
        return (f"{member.handle} is {fw.level_title(member.level).lower()}, below the "
                f"{fw.level_title(target_level).lower()} level being judged")
    return None


def panel_conflicts(session: Session, fw: Framework, member: Person, *, target_level: str,
                    nominee: Person | None = None,
                    pairs: set[tuple[int, int]] | None = None) -> list[str]:
    """Every conflict of interest of one panel member, as reasons in words (`pairs`: the
    mentorship pairs, when the caller has read them already)."""
    reasons: list[str] = []
    if nominee is not None:
        who = nominee.handle
        if nominee.manager_id == member.id:
            reasons.append(f"{member.handle} is {who}'s manager")
        elif member in _chain_up(session, nominee):
            reasons.append(f"{member.handle} is in {who}'s reporting chain")
        if member.manager_id == nominee.id or nominee in _chain_up(session, member):
            reasons.append(f"{member.handle} reports to {who}")
        if pairs is None:
            pairs = mentorship_pairs(session, fw)
        if (member.id, nominee.id) in pairs:
            reasons.append(f"{member.handle} mentors {who} (mentorship graph)")
        if (nominee.id, member.id) in pairs:
            reasons.append(f"{member.handle} is mentored by {who} (mentorship graph)")
        if member.team_id is not None and member.team_id == nominee.team_id:
            reasons.append(f"{member.handle} is on {who}'s team")
    below = level_conflict(fw, member, target_level)
    if below:
        reasons.append(below)
    return reasons


def require_acknowledged(reasons: list[str], acknowledgement: str | None) -> str | None:
    """The acknowledgement kept with the conflicts; refused when conflicts have none."""
    text = (acknowledgement or "").strip()
    if reasons and not text:
        raise NeedsAcknowledgement("conflict of interest: " + "; ".join(reasons)
                                   + " — acknowledge it with a reason to proceed")
    if len(text) > MAX_ACKNOWLEDGEMENT:
        raise ConflictError(f"the acknowledgement is longer than {MAX_ACKNOWLEDGEMENT} "
                            "characters")
    return text or None
