"""The assessment rule for a whole organisation at once, on columns instead of objects.

Same rule as `engine.assess` (and tested to give the same levels), written with numpy so that
an organisation of thousands of people and a million evidence items is assessed in seconds.
It gives levels, confidence and the overall level; explanations (citations, gaps) come from
the per-person engine, which is what a person reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from staffpath.assess.engine import months_before
from staffpath.assess.signals import OLDER_WEIGHT, SOURCE_WEIGHT, Item
from staffpath.framework.model import Framework
from staffpath.ledger.facts import Role
from staffpath.vocab import EvidenceKind, SourceClass

KINDS = tuple(EvidenceKind)
KIND_INDEX = {k: n for n, k in enumerate(KINDS)}
SOURCES = tuple(SourceClass)
NO_DATE = np.iinfo(np.int32).min

I32 = npt.NDArray[np.int32]
I8 = npt.NDArray[np.int8]
F32 = npt.NDArray[np.float32]
F64 = npt.NDArray[np.float64]
U16 = npt.NDArray[np.uint16]
B = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class ItemColumns:
    """Evidence items as parallel arrays, one entry per item."""

    person: I32       # 0 .. people-1
    kind: I8          # index into KINDS
    scope: I8         # Scope value
    role: I8          # Role value
    source: I8        # index into SOURCES
    impact: F32       # 0..1
    start: I32        # date ordinal, NO_DATE when undated
    end: I32          # date ordinal (== start when the item is one day), NO_DATE when undated
    tagged: U16       # bit d set: explicitly tagged with the framework's d-th dimension

    def __len__(self) -> int:
        return int(self.person.shape[0])


@dataclass(frozen=True)
class BatchResult:
    levels: I8            # [people, dimensions]: level index, -1 for none
    confidence: F64       # [people, dimensions]
    overall: I8           # [people]: level index, -1 for none


def columns_from_items(framework: Framework, people: Sequence[Sequence[Item]]) -> ItemColumns:
    """Columns for per-person item lists (person n's items get person index n)."""
    dims = {d: n for n, d in enumerate(framework.dimension_ids)}
    rows = [(p, i) for p, items in enumerate(people) for i in items]

    def date(d: dt.date | None) -> int:
        return d.toordinal() if d is not None else int(NO_DATE)

    return ItemColumns(
        person=np.array([p for p, _ in rows], dtype=np.int32),
        kind=np.array([KIND_INDEX[i.kind] for _, i in rows], dtype=np.int8),
        scope=np.array([int(i.scope) for _, i in rows], dtype=np.int8),
        role=np.array([int(i.role) for _, i in rows], dtype=np.int8),
        source=np.array([SOURCES.index(i.source) for _, i in rows], dtype=np.int8),
        impact=np.array([i.impact for _, i in rows], dtype=np.float32),
        start=np.array([date(i.date_start) for _, i in rows], dtype=np.int32),
        end=np.array([date(i.date_end or i.date_start) for _, i in rows], dtype=np.int32),
        tagged=np.array([sum(1 << dims[d] for d in i.dimensions if d in dims) for _, i in rows],
                        dtype=np.uint16),
    )


def _month_index(ordinals: I32) -> npt.NDArray[np.int64]:
    """Months since year 0 for each date ordinal (the unit spans are measured in)."""
    epoch = dt.date(1970, 1, 1).toordinal()
    as_dates = (ordinals.astype(np.int64) - epoch).astype("datetime64[D]")
    months = as_dates.astype("datetime64[M]").astype(np.int64)  # months since 1970-01
    return months


def _kind_mask(kinds: Sequence[EvidenceKind]) -> npt.NDArray[np.bool_]:
    mask = np.zeros(len(KINDS), dtype=np.bool_)
    for k in kinds:
        mask[KIND_INDEX[k]] = True
    return mask


def assess_batch(framework: Framework, cols: ItemColumns, people: int,
                 as_of: dt.date) -> BatchResult:
    """Levels per person and dimension, confidence, and the overall level, at `as_of`."""
    settings = framework.assessment
    window_start = months_before(as_of, settings.window_months).toordinal()
    recent_start = months_before(as_of, settings.recent_months).toordinal()
    dated = cols.start != NO_DATE
    last = np.where(dated, np.maximum(cols.start, cols.end), NO_DATE)
    in_window = ~dated | ((last >= window_start) & (cols.start <= as_of.toordinal()))

    start_month = np.where(dated, _month_index(np.where(dated, cols.start, 0).astype(np.int32)),
                           0)
    end_month = np.where(dated, _month_index(np.where(dated, last, 0).astype(np.int32)), 0)

    source_weight = np.array([SOURCE_WEIGHT[s] for s in SOURCES], dtype=np.float64)[cols.source]
    recency = np.where(~dated | (last >= recent_start), 1.0, OLDER_WEIGHT)
    weight = (recency * source_weight * (1 + 0.25 * cols.role) * (1 + 0.5 * cols.impact)
              * (1 + 0.15 * cols.scope))
    checked = cols.source != SOURCES.index(SourceClass.SELF_REPORTED)

    n_levels = len(framework.level_ids)
    n_dims = len(framework.dimensions)
    levels = np.full((people, n_dims), -1, dtype=np.int8)
    confidence = np.zeros((people, n_dims), dtype=np.float64)
    big = np.iinfo(np.int64).max
    for d, dim in enumerate(framework.dimensions):
        tagged = (cols.tagged >> d) & 1 == 1
        any_kind = _kind_mask(list(dim.kinds) + [k for lv in dim.expectations
                                                   for k in dim.rule_kinds(lv)])
        relevant = in_window & (tagged | any_kind[cols.kind])
        p_rel = cols.person[relevant]
        n_rel = np.bincount(p_rel, minlength=people)
        amount = np.minimum(1.0, np.bincount(p_rel, weights=weight[relevant], minlength=people)
                            / (2 * settings.min_items_for_confidence))
        kinds_seen = np.zeros((people, len(KINDS)), dtype=np.bool_)
        kinds_seen[p_rel, cols.kind[relevant]] = True
        variety = np.minimum(1.0, kinds_seen.sum(axis=1) / 3)
        checked_n = np.minimum(1.0, np.bincount(p_rel, weights=checked[relevant].astype(
            np.float64), minlength=people) / 2)
        conf = np.where(n_rel > 0, np.round(0.6 * amount + 0.25 * variety + 0.15 * checked_n,
                                            2), 0.0)
        enough = (n_rel >= settings.min_items_for_confidence) & (conf >= settings.confidence_floor)
        for lv_index, level_id in enumerate(framework.level_ids):
            exp = dim.expectations.get(level_id)
            if exp is None:
                continue
            rule = exp.evidence
            q = (relevant & (tagged | _kind_mask(dim.rule_kinds(level_id))[cols.kind])
                 & (cols.scope >= int(rule.min_scope))
                 & (cols.role >= int(Role.parse(rule.min_role))))
            p_q = cols.person[q]
            count = np.bincount(p_q, weights=source_weight[q], minlength=people)
            qd = q & dated
            first = np.full(people, big, dtype=np.int64)
            latest = np.full(people, -big, dtype=np.int64)
            np.minimum.at(first, cols.person[qd], start_month[qd])
            np.maximum.at(latest, cols.person[qd], end_month[qd])
            span = np.where(first == big, 0, latest - first)
            met = (count >= rule.min_items - 1e-9) & (span >= rule.min_span_months)
            levels[met, d] = lv_index
        levels[~enough, d] = -1
        confidence[:, d] = conf
    overall = np.full(people, -1, dtype=np.int8)
    overall_rule = framework.overall
    decided = np.zeros(people, dtype=np.bool_)
    for n in range(n_levels - 1, -1, -1):
        level_id = framework.level_ids[n]
        expected = [k for k, dim in enumerate(framework.dimensions)
                    if level_id in dim.expectations]
        if not expected:
            continue
        reached = levels[:, expected]
        share = (reached >= n).sum(axis=1) / len(expected)
        ok = ((share >= overall_rule.min_share)
              & (reached.min(axis=1) >= n - overall_rule.max_below) & ~decided)
        overall[ok] = n
        decided |= ok
    return BatchResult(levels=levels, confidence=confidence, overall=overall)
