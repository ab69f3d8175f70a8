"""Evidence records read as project pieces: the store's side of `staffpath.packet.projects`."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from staffpath.assess.service import evidence_scope, evidence_teams, facts_of, to_item
from staffpath.assess.signals import MINED_SOURCES, money
from staffpath.packet.projects import Piece, Project, group_projects
from staffpath.packet.text import annual
from staffpath.store.tables import Evidence


def piece_of(e: Evidence) -> Piece:
    """One evidence item with what project grouping reads, corrections applied."""
    facts = facts_of(e)
    item = to_item(e)
    yearly: Decimal | None = money(facts.money_per_year)
    if yearly is None:
        yearly = annual(e)
    section = e.extra.get("section") if isinstance(e.extra, dict) else None
    repo = e.extra.get("repository") if isinstance(e.extra, dict) else None
    return Piece(
        id=e.id, title=e.title, body=e.body or "", date_start=e.date_start,
        date_end=e.date_end, project=e.project or None,
        headings=tuple(str(h) for h in section) if isinstance(section, list) else (),
        mined=e.source_type in MINED_SOURCES, repository=str(repo) if repo else None,
        role=item.role, role_stated=e.role is not None or facts.role is not None,
        scope=evidence_scope(e), teams=tuple(evidence_teams(e)),
        teams_count=facts.teams_count or 0,
        people=max(facts.people.values(), default=0), money_per_year=yearly,
        impact=item.impact, impact_text=e.impact_text or "")


def projects_of(items: Sequence[Evidence]) -> list[Project]:
    """The projects a person's evidence makes, biggest first."""
    return group_projects([piece_of(e) for e in items])
