"""The assessment rule: per dimension, the highest level whose evidence rule the record meets.

Deliberately explainable: every level comes with the items it rests on and a one-line reason
for each, every gap says which rule is not met and by how much, and a dimension with too little
evidence says so instead of guessing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from staffpath.assess.signals import Item, Signal, recency_weight, signal_for
from staffpath.framework.model import Dimension, EvidenceRule, Framework
from staffpath.ledger.facts import Role
from staffpath.vocab import EvidenceKind, Scope, SourceClass

__all__ = [
    "ArchetypeFit", "Assessment", "Citation", "DimensionAssessment", "Gap", "Item", "RuleCheck",
    "SelfComparison", "assess", "months_between",
]


@dataclass(frozen=True)
class Citation:
    evidence_id: int
    title: str
    date: dt.date | None
    reason: str
    weight: float = 0.0
    source: SourceClass = SourceClass.SELF_REPORTED


@dataclass(frozen=True)
class RuleCheck:
    """How the record fares against one level's rule for one dimension."""

    level: str
    met: bool
    items: float
    needed_items: int
    span_months: int
    needed_span_months: int
    min_scope: Scope
    min_role: Role = Role.DID

    def shortfall(self) -> str:
        parts = []
        if self.items < self.needed_items:
            who = "" if self.min_role is Role.DID else f", where you {self.min_role.label},"
            parts.append(f"{self.needed_items} item(s) at scope '{self.min_scope.label}' or "
                         f"wider{who} (has {self.items:g})")
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
    sources: tuple[tuple[str, int], ...] = ()


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
class SelfComparison:
    """An engineer's own rating of a dimension beside what the evidence supports."""

    dimension: str
    self_level: str
    assessed_level: str | None
    difference: int | None
    flagged: bool


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
    self_comparison: tuple[SelfComparison, ...] = field(default=())
    org_engineers: int = 0


def months_between(a: dt.date, b: dt.date) -> int:
    return abs((b.year - a.year) * 12 + (b.month - a.month))


def months_before(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(y, m + 1, min(day.day, 28))


def _counts_for(item: Item, dim: Dimension, level: str) -> bool:
    return dim.id in item.dimensions or item.kind in dim.rule_kinds(level)


def _qualifies(item: Item, dim: Dimension, level: str, rule: EvidenceRule) -> bool:
    return (_counts_for(item, dim, level) and item.scope >= rule.min_scope
            and item.role >= Role.parse(rule.min_role))


def _span(items: Sequence[Item]) -> int:
    dates = [d for i in items for d in (i.date_start, i.date_end) if d is not None]
    return months_between(min(dates), max(dates)) if dates else 0


def in_window(items: Sequence[Item], framework: Framework, as_of: dt.date) -> list[Item]:
    """Items that count at `as_of`: undated ones, and dated ones inside the window."""
    start = months_before(as_of, framework.assessment.window_months)
    return [i for i in items if i.date_start is None or (
        i.last_date is not None and i.last_date >= start and i.date_start <= as_of)]


def assess_dimension(
    dim: Dimension, recent: Sequence[Item], framework: Framework, as_of: dt.date
) -> DimensionAssessment:
    settings = framework.assessment
    recent_start = months_before(as_of, settings.recent_months)
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
        count = sum(i.count for i in qualifying)
        span = _span(qualifying)
        met = count >= rule.min_items and span >= rule.min_span_months
        checks.append(RuleCheck(level_id, met, round(count, 2), rule.min_items, span,
                                rule.min_span_months, rule.min_scope, Role.parse(rule.min_role)))
        if met:
            level, cited = level_id, qualifying
    signals = {i.id: signal_for(i, dim.id, "tagged" if dim.id in i.dimensions else
                                i.kind.value.replace("_", " "),
                                recency_weight(i, as_of, recent_start)) for i in relevant}
    confidence = _confidence(relevant, signals, settings.min_items_for_confidence)
    enough = (len(relevant) >= settings.min_items_for_confidence
              and confidence >= settings.confidence_floor)
    if not enough:
        level, cited = None, relevant
    order = sorted(cited, key=lambda i: (-signals[i.id].weight, -(i.date_start or dt.date.min
                                                                   ).toordinal(), i.id))
    sources: dict[str, int] = {}
    for i in relevant:
        sources[i.source.value] = sources.get(i.source.value, 0) + 1
    return DimensionAssessment(
        dimension=dim.id, title=dim.title, level=level, confidence=confidence,
        enough_evidence=enough, relevant_items=len(relevant),
        citations=tuple(Citation(i.id, i.title, i.date_start, signals[i.id].reason,
                                 signals[i.id].weight, i.source) for i in order),
        checks=tuple(checks), sources=tuple(sorted(sources.items())),
    )


def _confidence(items: Sequence[Item], signals: Mapping[int, Signal], floor_items: int) -> float:
    """How much and how varied the evidence is, 0–1. Only grows as evidence is added."""
    if not items:
        return 0.0
    amount = min(1.0, sum(signals[i.id].weight for i in items) / (2 * floor_items))
    variety = min(1.0, len({i.kind for i in items}) / 3)
    checked = min(1.0, sum(1 for i in items if i.source is not SourceClass.SELF_REPORTED) / 2)
    return round(0.6 * amount + 0.25 * variety + 0.15 * checked, 2)


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
    self_ratings: Mapping[str, str] | None = None,
) -> Assessment:
    """Assess one person's evidence against a framework at a date."""
    recent = in_window(items, framework, as_of)
    dims = tuple(assess_dimension(d, recent, framework, as_of) for d in framework.dimensions)
    index = {lv: n for n, lv in enumerate(framework.level_ids)}
    gaps: list[Gap] = []
    if target_level is not None:
        t = index[target_level]
        for d, res in zip(framework.dimensions, dims, strict=True):
            exp = d.expectations.get(target_level)
            if exp is None or (res.level is not None and index[res.level] >= t):
                continue
            check = next((c for c in res.checks if c.level == target_level), None)
            missing = check.shortfall() if check else "no evidence yet"
            if not res.enough_evidence:
                missing = (f"not enough evidence ({res.relevant_items} item(s), confidence "
                           f"{res.confidence:.0%}); " + missing)
            gaps.append(Gap(d.id, d.title, res.level, target_level, missing, exp.closes_gap,
                            exp.behaviours))
    comparison = []
    for res in dims:
        mine = (self_ratings or {}).get(res.dimension)
        if mine is None or mine not in index:
            continue
        diff = index[mine] - index[res.level] if res.level else None
        comparison.append(SelfComparison(res.dimension, mine, res.level, diff,
                                         diff is not None and abs(diff) >= 2))
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
        archetypes=archetype_fit(framework, dims, recent, org_engineers),
        self_comparison=tuple(comparison),
        org_engineers=org_engineers,
    )


def archetype_fit(
    framework: Framework, dims: Sequence[DimensionAssessment], items: Sequence[Item],
    org_engineers: int,
) -> tuple[ArchetypeFit, ...]:
    """Which staff shape the evidence resembles most, best first.

    The levels reached on the dimensions a shape emphasises say how strong the record is; the
    share of the record in the shape's typical kinds of work says which shape it is.
    """
    top = len(framework.level_ids)
    index = {lv: n + 1 for n, lv in enumerate(framework.level_ids)}
    levels = {d.dimension: index[d.level] if d.level else 0 for d in dims}
    # The shape comes from how the person describes their work; mined items mostly record
    # where code changed, which every shape produces.
    kinds: dict[EvidenceKind, int] = {}
    for i in items:
        if i.source is not SourceClass.MINED and i.kind is not EvidenceKind.OTHER:
            kinds[i.kind] = kinds.get(i.kind, 0) + 1
    total = sum(kinds.values())
    fits = []
    for a in framework.archetypes:
        if not a.emphasises:
            continue
        strength = sum(levels.get(d, 0) for d in a.emphasises) / (len(a.emphasises) * top)
        shape = (sum(kinds.get(k, 0) for k in a.signature_kinds) / total) if total else 0.0
        score = 0.5 * strength + 0.5 * shape
        fits.append(ArchetypeFit(a.id, a.title, round(score, 3),
                                 org_engineers >= a.min_org_engineers, a.min_org_engineers))
    return tuple(sorted(fits, key=lambda f: (-f.score, f.archetype)))
