"""Signals: what one evidence item says for one dimension, and how much it weighs.

Each signal keeps the parts the sources say separate the levels — reach (scope), role, impact,
recency — and where the item came from (its provenance class), so every judgement can be
explained item by item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from staffpath.ledger.facts import Facts, Role
from staffpath.vocab import EvidenceKind, Scope, SourceClass

MINED_SOURCES = frozenset({"git", "commit", "review"})
# Provenance weights: mined and attested evidence is checked by something other than memory;
# an item a model interpreted counts half until a person confirms it.
SOURCE_WEIGHT = {
    SourceClass.SELF_REPORTED: 1.0,
    SourceClass.CORROBORATED: 1.0,
    SourceClass.ATTESTED: 1.0,
    SourceClass.MINED: 1.0,
    SourceClass.MODEL: 0.5,
}
OLDER_WEIGHT = 0.6  # inside the window but older than `recent_months`


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

    @property
    def last_date(self) -> dt.date | None:
        return self.date_end or self.date_start

    @property
    def count(self) -> float:
        """How much the item counts toward a rule's minimum number of items."""
        return SOURCE_WEIGHT[self.source]


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


def recency_weight(item: Item, as_of: dt.date, recent_start: dt.date) -> float:
    last = item.last_date
    if last is None or last >= recent_start:
        return 1.0
    return OLDER_WEIGHT


@dataclass(frozen=True)
class Signal:
    """What one item contributes to one dimension, and why."""

    evidence_id: int
    dimension: str
    scope: Scope
    role: Role
    impact: float
    recency: float
    source: SourceClass
    weight: float
    reason: str


def signal_for(item: Item, dimension: str, why: str, recency: float) -> Signal:
    weight = recency * SOURCE_WEIGHT[item.source] * (1 + 0.25 * int(item.role)) * (
        1 + 0.5 * item.impact) * (1 + 0.15 * int(item.scope))
    when = item.date_start.strftime("%b %Y") if item.date_start else "undated"
    parts = [why, item.role.label, f"reach: {item.scope.label}"]
    if item.impact_text:
        parts.append(item.impact_text)
    parts += [when, item.source.value.replace("_", "-")]
    return Signal(item.id, dimension, item.scope, item.role, item.impact, recency,
                  item.source, round(weight, 4), "; ".join(parts))
