"""Items: the parts of an evidence record the assessment reads, with corrections applied.

An item keeps what the sources say separates the levels — reach (scope), role, impact, how long
the effort ran — where it came from (its provenance class), and the words each fact was read
from, so every judgement can be explained item by item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from staffpath.ledger.extract.orgsize import OrgSize
from staffpath.ledger.facts import Facts
from staffpath.vocab import EvidenceKind, Role, Scope, SourceClass

MINED_SOURCES = frozenset({"git", "commit", "review"})


def impact_score(money_per_year: Decimal | None, metric: float | None, unit: str | None) -> float:
    """Impact on a 0–1 scale: money per year by order of magnitude, else the size of a change."""
    if money_per_year is not None and money_per_year > 0:
        for bound, score in ((10_000, 0.2), (100_000, 0.4), (1_000_000, 0.6),
                             (10_000_000, 0.8)):
            if money_per_year < bound:
                return score
        return 1.0
    if metric is not None and unit == "%":
        return 0.6 if abs(metric) >= 50 else 0.4 if abs(metric) >= 20 else 0.2
    if metric is not None:
        return 0.3
    return 0.0


@dataclass(frozen=True)
class Item:
    """The parts of an evidence record the assessment reads, with corrections applied."""

    id: int
    title: str
    kind: EvidenceKind
    date_start: dt.date | None
    date_end: dt.date | None
    scope: Scope
    dimensions: frozenset[str]
    role: Role = Role.DID
    source: SourceClass = SourceClass.SELF_REPORTED
    impact: float = 0.0
    impact_text: str = ""
    teams: frozenset[str] = frozenset()
    people_grown: int = 0  # people the item says the person mentored, trained or sponsored
    project: str | None = None  # the project or heading the item belongs to
    # The words each fact came from, e.g. ("reach", "for the whole company").
    quotes: tuple[tuple[str, str], ...] = ()
    cues: frozenset[str] = frozenset()  # archetype cues the text names (e.g. "architect")
    framing: frozenset[str] = frozenset()  # archetypes the document's opening names
    # The organisation's size as the item's record states it, None when it states none.
    org_size: OrgSize | None = None
    # Dated only by the period its record files it under ("## 2025", the review period): when
    # the work was done, not how long it ran.
    filed: bool = False

    @property
    def last_date(self) -> dt.date | None:
        return self.date_end or self.date_start


def effective_scope(explicit: int | None, teams: Sequence[str], facts: Facts,
                    kind: EvidenceKind) -> Scope:
    """The item's reach: the person's correction, else the teams it names, else extraction."""
    if explicit is not None:
        return Scope(explicit)
    found = [facts.scope] if facts.scope is not None else []
    if len(teams) >= 2:
        found.append(Scope.TEAMS)
    if found:
        return max(found)
    return Scope.SELF if kind is EvidenceKind.LEARNING else Scope.TEAM


def effective_role(explicit: int | None, facts: Facts) -> Role:
    if explicit is not None:
        return Role(explicit)
    return facts.role if facts.role is not None else Role.DID


def source_class(source_type: str, attested_by: Sequence[str], model: bool,
                 corroborated: bool) -> SourceClass:
    if source_type in MINED_SOURCES:
        return SourceClass.MINED
    if attested_by:
        return SourceClass.ATTESTED
    if model:
        return SourceClass.MODEL
    if corroborated:
        return SourceClass.CORROBORATED
    return SourceClass.SELF_REPORTED


def money(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None
