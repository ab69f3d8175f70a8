"""The assessment rule: per dimension, the highest level whose evidence rule the record meets.

Deliberately simple and explainable: every level comes with the items it rests on and a
one-line reason for each, and every gap says which rule is not met and by how much.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from staffpath.framework.model import Dimension, EvidenceRule, Framework
from staffpath.vocab import EvidenceKind, Scope


@dataclass(frozen=True)
class Item:
    """The parts of an evidence record the assessment reads."""

    id: int
    title: str
    kind: EvidenceKind
    date_start: dt.date | None
    date_end: dt.date | None
    scope: Scope
    dimensions: frozenset[str]
    source_type: str = "typed"

    @property
    def last_date(self) -> dt.date | None:
        return self.date_end or self.date_start


def item_scope(explicit: int | None, teams: Sequence[str], kind: EvidenceKind) -> Scope:
    """How far an item reached: what the person said, else the teams it names."""
    if explicit is not None:
        return Scope(explicit)
    if len(teams) >= 2:
        return Scope.TEAMS
    if kind is EvidenceKind.LEARNING:
        return Scope.SELF
    return Scope.TEAM


@dataclass(frozen=True)
class Citation:
    evidence_id: int
    title: str
    date: dt.date | None
    reason: str


@dataclass(frozen=True)
class RuleCheck:
    """How the record fares against one level's rule for one dimension."""

    level: str
    met: bool
    items: int
    needed_items: int
    span_months: int
    needed_span_months: int
    min_scope: Scope

    def shortfall(self) -> str:
        parts = []
        if self.items < self.needed_items:
            parts.append(f"{self.needed_items} item(s) at scope '{self.min_scope.label}' or wider"
                         f" (has {self.items})")
        if self.span_months < self.needed_span_months:
            parts.append(f"sustained over {self.needed_span_months} months (has "
                         f"{self.span_months})")
        return "; ".join(parts) or "met"


@dataclass(frozen=True)
class DimensionAssessment:
    dimension: str
    title: str
    level: str | None
    confidence: float
    enough_evidence: bool
    relevant_items: int
    citations: tuple[Citation, ...]
    checks: tuple[RuleCheck, ...]


@dataclass(frozen=True)
class Gap:
    dimension: str
    title: str
    current: str | None
    target: str
    missing: str
    closes_gap: str
    behaviours: tuple[str, ...]


@dataclass(frozen=True)
class ArchetypeFit:
    archetype: str
    title: str
    score: float
    supported: bool
    min_org_engineers: int


@dataclass(frozen=True)
class Assessment:
    as_of: dt.date
    framework_id: str
    framework_version: str
    framework_fingerprint: str
    current_level: str | None
    target_level: str | None
    overall_level: str | None
    dimensions: tuple[DimensionAssessment, ...]
    gaps: tuple[Gap, ...]
    archetypes: tuple[ArchetypeFit, ...] = field(default=())


def months_between(a: dt.date, b: dt.date) -> int:
    return abs((b.year - a.year) * 12 + (b.month - a.month))


def _window_start(as_of: dt.date, months: int) -> dt.date:
    y, m = divmod(as_of.year * 12 + as_of.month - 1 - months, 12)
    return dt.date(y, m + 1, min(as_of.day, 28))


def _qualifies(item: Item, dim: Dimension, level: str, rule: EvidenceRule) -> bool:
    kinds = dim.rule_kinds(level)
    counts = dim.id in item.dimensions or item.kind in kinds
    return counts and item.scope >= rule.min_scope


def _span(items: Iterable[Item]) -> int:
    dates = [d for i in items for d in (i.date_start, i.date_end) if d is not None]
    return months_between(min(dates), max(dates)) if dates else 0


def _reason(item: Item, dim: Dimension) -> str:
    why = "tagged" if dim.id in item.dimensions else f"{item.kind.value.replace('_', ' ')}"
    when = item.date_start.strftime("%b %Y") if item.date_start else "undated"
    return f"{why}; reach: {item.scope.label}; {when}"


def assess_dimension(
    dim: Dimension, items: Sequence[Item], framework: Framework, as_of: dt.date
) -> DimensionAssessment:
    settings = framework.assessment
    start = _window_start(as_of, settings.window_months)
    # Evidence counts while it is recent: promotion rewards behaviour that is sustained now.
    recent = [i for i in items if i.date_start is None or
              (i.last_date is not None and i.last_date >= start and i.date_start <= as_of)]
    relevant = [i for i in recent if dim.id in i.dimensions or i.kind in dim.kinds or any(
        i.kind in dim.rule_kinds(lv) for lv in dim.expectations)]
    checks: list[RuleCheck] = []
    level: str | None = None
    cited: list[Item] = []
    for level_id in framework.level_ids:
        exp = dim.expectations.get(level_id)
        if exp is None:
            continue
        rule = exp.evidence
        qualifying = [i for i in relevant if _qualifies(i, dim, level_id, rule)]
        span = _span(qualifying)
        met = len(qualifying) >= rule.min_items and span >= rule.min_span_months
        checks.append(RuleCheck(level_id, met, len(qualifying), rule.min_items, span,
                                rule.min_span_months, rule.min_scope))
        if met:
            level, cited = level_id, qualifying
    enough = len(relevant) >= settings.min_items_for_confidence
    if not enough:
        level, cited = None, relevant
    kinds = {i.kind for i in relevant}
    coverage = min(1.0, len(relevant) / (2 * settings.min_items_for_confidence))
    variety = min(1.0, len(kinds) / 3)
    confidence = round(0.7 * coverage + 0.3 * variety, 2) if relevant else 0.0
    order = sorted(cited, key=lambda i: (i.date_start or dt.date.min, i.id), reverse=True)
    return DimensionAssessment(
        dimension=dim.id, title=dim.title, level=level, confidence=confidence,
        enough_evidence=enough, relevant_items=len(relevant),
        citations=tuple(Citation(i.id, i.title, i.date_start, _reason(i, dim)) for i in order),
        checks=tuple(checks),
    )


def overall_level(framework: Framework, dims: Sequence[DimensionAssessment]) -> str | None:
    """The highest level where enough dimensions reach it and none lags too far behind."""
    index = {lv: n for n, lv in enumerate(framework.level_ids)}
    rule = framework.overall
    reached_by_id = {d.dimension: index[d.level] if d.level else -1 for d in dims}
    for n in range(len(framework.level_ids) - 1, -1, -1):
        level_id = framework.level_ids[n]
        expected = [d for d in framework.dimensions if level_id in d.expectations]
        if not expected:
            continue
        reached = [reached_by_id[d.id] for d in expected]
        share = sum(1 for r in reached if r >= n) / len(expected)
        if share >= rule.min_share and min(reached) >= n - rule.max_below:
            return level_id
    return None


def assess(
    framework: Framework,
    items: Sequence[Item],
    *,
    as_of: dt.date,
    current_level: str | None = None,
    target_level: str | None = None,
    org_engineers: int = 0,
) -> Assessment:
    """Assess one person's evidence against a framework at a date."""
    dims = tuple(assess_dimension(d, items, framework, as_of) for d in framework.dimensions)
    gaps: list[Gap] = []
    if target_level is not None:
        index = {lv: n for n, lv in enumerate(framework.level_ids)}
        t = index[target_level]
        for d, res in zip(framework.dimensions, dims, strict=True):
            exp = d.expectations.get(target_level)
            if exp is None or (res.level is not None and index[res.level] >= t):
                continue
            check = next((c for c in res.checks if c.level == target_level), None)
            missing = check.shortfall() if check else "no evidence yet"
            if not res.enough_evidence:
                missing = f"not enough evidence ({res.relevant_items} item(s)); " + missing
            gaps.append(Gap(d.id, d.title, res.level, target_level, missing, exp.closes_gap,
                            exp.behaviours))
    return Assessment(
        as_of=as_of,
        framework_id=framework.id,
        framework_version=framework.version,
        framework_fingerprint=framework.fingerprint,
        current_level=current_level,
        target_level=target_level,
        overall_level=overall_level(framework, dims),
        dimensions=dims,
        gaps=tuple(gaps),
        archetypes=archetype_fit(framework, dims, org_engineers),
    )


def archetype_fit(
    framework: Framework, dims: Sequence[DimensionAssessment], org_engineers: int
) -> tuple[ArchetypeFit, ...]:
    """Which staff shape the evidence resembles most, best first."""
    index = {lv: n + 1 for n, lv in enumerate(framework.level_ids)}
    levels = {d.dimension: index[d.level] if d.level else 0 for d in dims}
    fits = []
    for a in framework.archetypes:
        if not a.emphasises:
            continue
        score = sum(levels.get(d, 0) for d in a.emphasises) / len(a.emphasises)
        fits.append(ArchetypeFit(a.id, a.title, round(score, 2),
                                 org_engineers >= a.min_org_engineers, a.min_org_engineers))
    return tuple(sorted(fits, key=lambda f: (-f.score, f.archetype)))
