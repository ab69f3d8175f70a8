"""One person's assessment: the framework's rules applied to their items, and explained.

The rules themselves live once, on columns, in `staffpath.assess.rules`; this module runs them on
one person's items and turns the result into what a person and a committee read: per dimension
the level the evidence supports with the items it rests on and a reason for each, the outcome
where no level is met ("not recorded", "not sustained yet", "below level"), every gap with the
rule that is not met and by how much, the overall level with its confidence and the dimensions
that have no evidence, and the staff shape the record fits with the items that show it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from staffpath.assess.archetypes import ArchetypeFit, archetype_fit
from staffpath.assess.columns import columns_from_items, counts_toward
from staffpath.assess.org_size import at_org_size, reach_limit, stated_teams, title_at_org_size
from staffpath.assess.overall import level_reach, level_role
from staffpath.assess.reading import telling_items
from staffpath.assess.rules import (
    ItemColumns,
    Prepared,
    RuleResult,
    evaluate,
    months_before,
    prepare,
    qualifying,
)
from staffpath.assess.signals import Item
from staffpath.assess.wording import months, pieces, plural
from staffpath.framework.model import Dimension, Framework
from staffpath.ledger.extract.orgsize import OrgSize
from staffpath.vocab import Role, Scope, SourceClass

__all__ = [
    "ArchetypeFit", "Assessment", "Citation", "DimensionAssessment", "Gap", "Item", "RuleCheck",
    "SelfComparison", "assess", "months_between",
]

NOT_RECORDED = "not recorded"
NOT_SUSTAINED = "not sustained yet"
BELOW_LEVEL = "below level"


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
    items: float  # what the qualifying items weigh together
    needed_items: float  # what the rule asks them to weigh
    span_months: int
    needed_span_months: int
    min_scope: Scope
    min_role: Role = Role.DID
    count: int = 0  # how many items qualify

    @property
    def enough_weight(self) -> bool:
        return self.items >= self.needed_items - 1e-9

    def _work(self) -> str:
        who = "" if self.min_role <= Role.DID else f" where you {self.min_role.label}"
        reach = "" if self.min_scope is Scope.SELF else f" reaching {self.min_scope.label} or wider"
        return f"{pieces(self.needed_items)}{reach}{who}"

    def requirement(self) -> str:
        """What the rule asks, in one phrase: "2.5 pieces of work reaching several teams or
        wider, sustained over 6 months"."""
        span = (f", sustained over {months(self.needed_span_months)}"
                if self.needed_span_months else "")
        return self._work() + span

    def shortfall(self) -> str:
        """What is missing, as one sentence with units; empty when the rule is met."""
        parts = []
        if not self.enough_weight:
            if not self.count:
                has = "none recorded"
            elif abs(self.items - self.count) < 1e-9:
                has = f"has {self.count}"
            else:  # corroborated or attested work counts for more than a bare claim
                has = f"has {self.count}, worth {self.items:g} with their sources"
            parts.append(f"{self._work()} ({has})")
        if self.span_months < self.needed_span_months:
            has_span = (f"has {months(self.span_months)}" if self.span_months
                        else "none yet")
            parts.append(f"sustained over {months(self.needed_span_months)} ({has_span})")
        return "; ".join(parts)


@dataclass(frozen=True)
class DimensionAssessment:
    dimension: str
    title: str
    level: str | None
    confidence: float
    enough_evidence: bool  # anything in the window counts toward the dimension
    relevant_items: int
    citations: tuple[Citation, ...]
    checks: tuple[RuleCheck, ...]
    sources: tuple[tuple[str, int], ...] = ()
    outcome: str = ""  # "" when a level is met, else NOT_RECORDED


@dataclass(frozen=True)
class Gap:
    dimension: str
    title: str
    current: str | None
    target: str
    missing: str
    closes_gap: str
    behaviours: tuple[str, ...]
    outcome: str = BELOW_LEVEL  # NOT_RECORDED | NOT_SUSTAINED | BELOW_LEVEL


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
    # The level the evidence alone supports; `overall_level` keeps the current level when the
    # record falls short of it without being evidence against it.
    evidence_level: str | None = None
    overall_confidence: float = 0.0
    below_current: bool = False
    unrecorded: tuple[str, ...] = ()  # dimensions with no evidence at all
    # Below the current level because too little of the record reaches as far as that level
    # asks (`overall.against_by_reach`); then `record_items` items were told by people and
    # `current_reach_items` of them reach as far as the current level's rules mostly ask.
    below_by_reach: bool = False
    record_items: int = 0
    current_reach_items: int = 0
    current_reach: Scope | None = None  # how far the current level's rules mostly ask to reach
    # Below the current level because a record with plenty of work over long enough shows a
    # lower level (`overall.against_record_items`); the record covers `record_months` months.
    below_by_record: bool = False
    record_months: int = 0
    # In `current_part_items` items of the record the author took the strongest part the
    # current level's rules ask (`current_part`: leading, for senior); with
    # `overall.against_unled_items`, fewer than two in a record that size is evidence against it.
    current_part_items: int = 0
    current_part: Role | None = None
    below_unled: bool = False  # below the title for that reason (with `below_by_record`)
    # The evidence shows the level below the one its dimensions reach, because that level asks
    # the author to lead and the record (`record_items` items over `record_months` months)
    # leads nothing (`overall.against_unled_items`).
    evidence_unled: bool = False
    # In an organisation this small (`org_teams` teams), work the record says reached further
    # is read as reaching this far (`org_size.reach_limit`); None when no item was read so. The
    # size is the declared one, else the one the record states, in `org_stated` (engineers,
    # teams and the words it was read from, `DECLARED` for a declared size).
    reach_read_as: Scope | None = None
    org_teams: int = 0
    org_stated: OrgSize | None = None
    # The level the title holds as a floor at the organisation's size, when that is below the
    # title (`org_size.title_at_org_size`): a start-up's staff title is held at senior.
    title_held_at: str | None = None
    # The record read as a whole by the framework's reader (`overall.reader`): the level it
    # reads at (None: no reader, or too few items told), the reader's share for that level
    # (0..1), the items that read most like it, and whether the overall level is the reading's.
    reading_level: str | None = None
    reading_share: float = 0.0
    reading_items: int = 0  # how many items told, in the window, it read
    reading_citations: tuple[Citation, ...] = ()
    by_reading: bool = False


def months_between(a: dt.date, b: dt.date) -> int:
    """The calendar months from `a` to `b`, both counted: January to December is twelve."""
    return abs((b.year - a.year) * 12 + (b.month - a.month)) + 1


def in_window(items: Sequence[Item], framework: Framework, as_of: dt.date) -> list[Item]:
    """Items that count at `as_of`: undated ones, and dated ones inside the window."""
    start = months_before(as_of, framework.assessment.window_months)
    return [i for i in items if i.date_start is None or (
        i.last_date is not None and i.last_date >= start and i.date_start <= as_of)]


def _level(framework: Framework, n: int) -> str | None:
    return framework.level_ids[n] if n >= 0 else None


def _reason(item: Item, framework: Framework, weight: float, assumed: bool = False) -> str:
    """Why an item counts: what it is, the person's role, its reach, its size, its source.
    `assumed`: undated, in a record that dates little of its work, so read as work of the
    period under review."""
    titles = {d.id: d.title.lower() for d in framework.dimensions}
    words = dict(item.quotes)
    parts = ["counts toward " + " and ".join(titles[d] for d in counts_toward(framework, item))]
    role = item.role.label + (f" ('{words['role']}')" if "role" in words else "")
    reach = f"reach: {item.scope.label}" + (f" ('{words['reach']}')" if "reach" in words else "")
    parts += [role, reach]
    length = (months_between(item.date_start, item.last_date)
              if item.date_start and item.last_date else 0)
    if item.filed and item.kind in framework.assessment.moment_kinds and length >= 2:
        parts.append(f"done once within the {months(length)} it is filed under")
    elif length >= 3:
        parts.append(f"a {months(length)} effort"
                     + (" (the period it is filed under)" if item.filed else ""))
    if item.people_grown:
        parts.append(f"grew {plural(item.people_grown, 'person', 'people')}")
    if item.impact_text:
        parts.append(item.impact_text)
    if item.date_start:
        parts.append(item.date_start.strftime("%b %Y"))
    elif assumed:
        parts.append(f"undated, read as work of the last "
                     f"{months(framework.assessment.recent_months)}: the record dates little "
                     "of its work")
    else:
        parts.append("undated")
    parts.append(item.source.value.replace("_", "-"))
    parts.append(f"weight {weight:.2f}")
    return "; ".join(parts)


def assess_dimension(dim: Dimension, d: int, items: Sequence[Item], result: RuleResult,
                     framework: Framework, cols: ItemColumns, prep: Prepared
                     ) -> DimensionAssessment:
    """One dimension's level, checks and citations; `cols` and `prep` are the items' columns
    and what the rule reads of them at the date, built once by `assess` for every dimension."""
    counts = prep.in_window & (((cols.dims >> d) & 1) == 1)
    relevant = [items[k] for k in np.flatnonzero(counts).tolist()]
    n = int(result.levels[0, d])
    level = _level(framework, n)
    checks: list[RuleCheck] = []
    for li, level_id in enumerate(framework.level_ids):
        exp = dim.expectations.get(level_id)
        if exp is None:
            continue
        rule = exp.evidence
        q, _ = qualifying(framework, cols, prep, d, level_id)
        checks.append(RuleCheck(
            level_id, bool(result.met[0, d, li]), round(float(result.strength[0, d, li]), 2),
            rule.strength, int(result.span[0, d, li]), rule.min_span_months, rule.min_scope,
            Role.parse(rule.min_role), int(q.sum())))
    if level is not None:
        q, weight = qualifying(framework, cols, prep, d, level)
    else:
        q, weight = counts, prep.base_weight * counts
    cited = sorted(np.flatnonzero(q).tolist(), key=lambda k: (-float(weight[k]), -(
        items[k].date_start or dt.date.min).toordinal(), items[k].id))
    sources: dict[str, int] = {}
    for i in relevant:
        sources[i.source.value] = sources.get(i.source.value, 0) + 1
    return DimensionAssessment(
        dimension=dim.id, title=dim.title, level=level,
        confidence=float(result.confidence[0, d]), enough_evidence=bool(relevant),
        relevant_items=len(relevant),
        citations=tuple(Citation(items[k].id, items[k].title, items[k].date_start,
                                 _reason(items[k], framework, float(weight[k]),
                                         bool(prep.assumed[k])),
                                 round(float(weight[k]), 4), items[k].source) for k in cited),
        checks=tuple(checks), sources=tuple(sorted(sources.items())),
        outcome="" if level is not None else NOT_RECORDED)


def _gap(dim: Dimension, res: DimensionAssessment, target: str) -> Gap | None:
    exp = dim.expectations[target]
    check = next((c for c in res.checks if c.level == target), None)
    if check is None or check.met:
        return None
    if not res.enough_evidence:
        outcome, missing = NOT_RECORDED, "nothing recorded yet: it needs " + check.requirement()
    elif check.enough_weight:  # the work is there; it has not lasted long enough yet
        outcome, missing = NOT_SUSTAINED, check.shortfall()
    else:
        outcome, missing = BELOW_LEVEL, check.shortfall()
    return Gap(dim.id, dim.title, res.level, target, missing, exp.closes_gap, exp.behaviours,
               outcome)


def _overall_confidence(dims: Sequence[DimensionAssessment]) -> float:
    """Confidence in the overall level: the dimensions' confidence, over all dimensions (one
    with no evidence adds nothing)."""
    return round(sum(d.confidence for d in dims) / len(dims), 2) if dims else 0.0


def assess(
    framework: Framework,
    items: Sequence[Item],
    *,
    as_of: dt.date,
    current_level: str | None = None,
    target_level: str | None = None,
    org_engineers: int = 0,
    self_ratings: Mapping[str, str] | None = None,
    org_declared: OrgSize | None = None,
) -> Assessment:
    """Assess one person's evidence against a framework at a date. The organisation's size as
    declared (`org_declared`), else as the record states it, decides how far work in it can
    reach and, with the roster's size (`org_engineers`, a floor on it), which staff shapes it
    has room for."""
    index = {lv: n for n, lv in enumerate(framework.level_ids)}
    recent = in_window(items, framework, as_of)
    stated = columns_from_items(framework, [recent])
    # The organisation's size as the record states it, from all of it (as the batch path
    # reads it): the size of a place does not expire with the window.
    told = [i.org_size for i in items if i.org_size is not None]
    org_stated = max(told, key=stated_teams) if told else None
    if org_declared is not None:  # the whole organisation's, for everyone
        org_stated = org_declared
    teams = stated_teams(org_stated)
    # Which staff shapes the place has room for: at its declared or stated size, else at the
    # roster's (the people who use staffpath, a floor on the organisation's size).
    shapes_at = max(org_stated.engineers, org_engineers) if org_stated else org_engineers
    cols = at_org_size(framework, stated, np.array([teams], dtype=np.int64))
    current = title_at_org_size(framework, np.array([index.get(current_level or "", -1)],
                                                    dtype=np.int8),
                                np.array([teams], dtype=np.int64))
    prep = prepare(framework, cols, as_of)
    result = evaluate(framework, cols, 1, as_of, current, prep)
    dims = tuple(assess_dimension(dim, d, recent, result, framework, cols, prep)
                 for d, dim in enumerate(framework.dimensions))
    gaps: list[Gap] = []
    if target_level is not None:
        for dim, res in zip(framework.dimensions, dims, strict=True):
            if target_level in dim.expectations:
                gap = _gap(dim, res, target_level)
                if gap is not None:
                    gaps.append(gap)
    comparison = []
    for res in dims:
        mine = (self_ratings or {}).get(res.dimension)
        if mine is None or mine not in index:
            continue
        diff = index[mine] - index[res.level] if res.level else None
        comparison.append(SelfComparison(res.dimension, mine, res.level, diff,
                                         diff is not None and abs(diff) >= 2))
    read = int(result.reading[0])
    telling = tuple(
        Citation(recent[k].id, recent[k].title, recent[k].date_start,
                 f"reads most like {framework.level_title(framework.level_ids[read])} work",
                 source=recent[k].source)
        for k in telling_items(cols.reading, prep.told, read))
    return Assessment(
        as_of=as_of,
        framework_id=framework.id,
        framework_version=framework.version,
        framework_fingerprint=framework.fingerprint,
        current_level=current_level,
        target_level=target_level,
        overall_level=_level(framework, int(result.overall[0])),
        dimensions=dims,
        gaps=tuple(gaps),
        archetypes=archetype_fit(framework, dims, recent, shapes_at),
        self_comparison=tuple(comparison),
        org_engineers=shapes_at,
        evidence_level=_level(framework, int(result.evidence_level[0])),
        overall_confidence=_overall_confidence(dims),
        below_current=bool(result.below_current[0]),
        below_by_reach=bool(result.below_by_reach[0]),
        below_by_record=bool(result.below_by_record[0]),
        below_unled=bool(result.below_unled[0]),
        evidence_unled=bool(result.evidence_unled[0]),
        record_months=int(result.record_months[0]),
        record_items=int(result.record_items[0]),
        current_reach_items=int(result.reach_items[0, current[0]]) if current[0] >= 0 else 0,
        current_reach=Scope(level_reach(framework)[current[0]]) if current[0] >= 0 else None,
        current_part_items=(int(result.part_items[0, current[0]]) if current[0] >= 0 else 0),
        current_part=Role(level_role(framework)[current[0]]) if current[0] >= 0 else None,
        unrecorded=tuple(d.dimension for d in dims if not d.enough_evidence),
        reach_read_as=reach_limit(framework, teams) if cols is not stated else None,
        org_teams=teams,
        org_stated=org_stated,
        title_held_at=(_level(framework, int(current[0]))
                       if current_level in index and current[0] < index[current_level] else None),
        reading_level=_level(framework, read),
        reading_share=round(float(result.reading_shares[0, read]), 2) if read >= 0 else 0.0,
        reading_items=int(result.reading_items[0]),
        reading_citations=telling,
        by_reading=bool(result.by_reading[0]),
    )
