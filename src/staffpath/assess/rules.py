"""The assessment rule, defined once, on columns: one person or an organisation of thousands.

For each dimension and level the framework states a rule: the evidence must reach at least
`min_scope`, the person must have taken part at least as `min_role`, the qualifying items must
weigh `min_strength` together and stretch over `min_span_months`. What an item weighs is how a
promotion committee reads it — strength over count:

- an item counts fully toward at most two dimensions (`dims`, chosen when the columns are built),
  so one piece of work cannot carry a whole case;
- reach beyond the rule's minimum, a role above it, a longer effort, a measured impact and
  confirmation by someone other than the author each make it weigh more;
- an effort that itself runs for months is sustained on its own (its own dates make the span);
  work that happens at a moment (a talk, an incident; the framework's `moment_kinds`) and is
  dated only by the period its record files it under happened once within that period.

The per-person engine (`staffpath.assess.engine`) calls this with one person's columns and adds
the explanations; the batch path calls it with everyone's. Nothing here is computed twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from staffpath.assess.arrays import F32, F64, I8, I16, I32, I64, U16, B
from staffpath.assess.overall import (
    Record,
    beyond_one_team,
    level_reach,
    level_role,
    overall_levels,
)
from staffpath.assess.reading import read_records
from staffpath.framework.model import Framework
from staffpath.vocab import EvidenceKind, Role, SourceClass

__all__ = [
    "CONFIRMED",
    "F32",
    "F64",
    "I8",
    "I16",
    "I32",
    "I64",
    "KINDS",
    "KIND_INDEX",
    "NO_DATE",
    "SOURCES",
    "U16",
    "B",
    "ItemColumns",
    "Prepared",
    "RuleResult",
    "evaluate",
    "months_before",
    "prepare",
    "qualifying",
    "told_by_people",
]

KINDS = tuple(EvidenceKind)
KIND_INDEX = {k: n for n, k in enumerate(KINDS)}
SOURCES = tuple(SourceClass)
NO_DATE = np.iinfo(np.int32).min

# Provenance: checked by something other than the author's memory weighs more; an item a model
# interpreted counts half until a person confirms it.
SOURCE_WEIGHT = {
    SourceClass.SELF_REPORTED: 1.0,
    SourceClass.CORROBORATED: 1.25,
    SourceClass.MINED: 1.0,
    SourceClass.ATTESTED: 1.5,
    SourceClass.MODEL: 0.5,
}
CONFIRMED = frozenset({SourceClass.CORROBORATED, SourceClass.MINED, SourceClass.ATTESTED})
OLDER_WEIGHT = 0.6  # inside the window but older than `recent_months`
REACH_STEP = 0.5  # each scope step beyond the rule's minimum
ROLE_STEP = 0.25  # each role step beyond the rule's minimum
LONG_EFFORT_MONTHS = 12  # an effort this long counts double



@dataclass(frozen=True)
class ItemColumns:
    """Evidence items as parallel arrays, one entry per item."""

    person: I32  # 0 .. people-1
    kind: I8  # index into KINDS
    scope: I8  # Scope value
    role: I8  # Role value (-1 .. 3)
    source: I8  # index into SOURCES
    impact: F32  # 0..1
    start: I32  # date ordinal, NO_DATE when undated
    end: I32  # date ordinal (== start for a one-day item), NO_DATE when undated
    dims: U16  # bit d set: the item counts toward the framework's d-th dimension (two at most)
    # The organisation's size in teams as the item's record states it (`org_teams`), 0 when it
    # states none.
    org_teams: I16
    # Dated only by the period its record files it under: its dates say when, not how long.
    filed: B
    # [items, levels]: what the framework's record reader (`overall.reader`) reads in each
    # item's words, per level; no columns when the framework names no reader.
    reading: F32
    read_words: I16  # how many of the item's words the reader knows (0 with no reader)

    def __len__(self) -> int:
        return int(self.person.shape[0])


@dataclass(frozen=True)
class RuleResult:
    """Everything the rule decides, per person (first axis), dimension and level."""

    levels: I8  # [people, dims]: highest level met, -1 when nothing counts toward the dimension
    confidence: F64  # [people, dims]
    relevant: I64  # [people, dims]: items counting toward the dimension in the window
    strength: F64  # [people, dims, levels]: weight of the items qualifying at the level
    span: I64  # [people, dims, levels]: months the qualifying items stretch over
    met: B  # [people, dims, levels]
    evidence_level: I8  # [people]: the overall level the evidence alone supports, -1 for none
    overall: I8  # [people]: the overall level, never below the current one without evidence
    below_current: B  # [people]: evidence_level is below the current level, and it says so
    # [people]: below the current level because too little of the record reaches as far as
    # the levels beyond one team ask (`overall.against_by_reach`), rather than by dimensions
    below_by_reach: B
    # [people]: below the current level because a record with plenty of work over long enough
    # shows a lower level (`overall.against_record_items`)
    below_by_record: B
    # [people]: of those, below because the record holds a year of work in which the author
    # took the part the current level asks in fewer than two items
    # (`overall.against_unled_items`)
    below_unled: B
    # [people]: the evidence shows a level below the one its dimensions reach, because that
    # level asks the author to lead and a year of work in the record leads nothing
    # (`overall.against_unled_items`)
    evidence_unled: B
    # The record as a whole, computed only when a rule reads it (`against_by_reach`,
    # `against_record_items`; zeros otherwise): items people wrote or confirmed in the window,
    # the months they cover, and per level how many reach as far as its rules mostly ask.
    record_items: I64  # [people]
    record_months: I64  # [people]
    reach_items: I64  # [people, levels]
    # [people, levels]: per level, the items in which the author took the strongest part the
    # level's rules ask (`level_role`; `overall.against_unled_items`)
    part_items: I64
    # The record read as a whole by the framework's reader (`overall.reader`): the level it
    # reads at (-1: no reader, or too few items), the reader's share per level, and whether
    # the overall level is the reading's
    reading: I8  # [people]
    reading_items: I64  # [people]: the items told, in the window, the reader read
    reading_shares: F64  # [people, levels]
    by_reading: B  # [people]


def months_before(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(y, m + 1, min(day.day, 28))


def _month_index(ordinals: I32) -> I64:
    epoch = dt.date(1970, 1, 1).toordinal()
    as_dates = (ordinals.astype(np.int64) - epoch).astype("datetime64[D]")
    return as_dates.astype("datetime64[M]").astype(np.int64)


@dataclass(frozen=True)
class Prepared:
    """What every rule reads of the items at one date, computed once."""

    in_window: B
    dated: B  # dated as written (what the record says it covers counts only these)
    assumed: B  # undated, in a record about the period under review: dated by that period
    start_month: I64  # the months the record dates each item in (its own, or its period's)
    end_month: I64
    done_start: I64  # the months the work ran: a moment's work only filed under a period is
    done_end: I64  # one month, its middle (`AssessmentSettings.moment_kinds`)
    base_weight: F64  # recency × provenance × impact × effort length
    confirmed: B
    told: B  # in the window and written or confirmed by people (`told_by_people`)


def prepare(framework: Framework, cols: ItemColumns, as_of: dt.date) -> Prepared:
    settings = framework.assessment
    window_start = months_before(as_of, settings.window_months).toordinal()
    recent_start = months_before(as_of, settings.recent_months).toordinal()
    dated = cols.start != NO_DATE
    last = np.where(dated, np.maximum(cols.start, cols.end), NO_DATE)
    in_window = ~dated | ((last >= window_start) & (cols.start <= as_of.toordinal()))
    safe_start = np.where(dated, cols.start, 0).astype(np.int32)
    safe_last = np.where(dated, last, 0).astype(np.int32)
    period_start = _month_index(np.array([recent_start], dtype=np.int32))[0]
    period_end = _month_index(np.array([as_of.toordinal()], dtype=np.int32))[0]
    # A record that dates little of its work is, as a whole, about the period under review:
    # its undated items ran within the last `recent_months` months, as if filed under them.
    told = told_by_people(cols) & in_window
    assumed = ~dated & _dates_little(cols, dated, told, settings.undated_record_share)
    start_month = np.where(dated, _month_index(safe_start), np.where(assumed, period_start, 0))
    end_month = np.where(dated, _month_index(safe_last), np.where(assumed, period_end, 0))
    source_weight = np.array([SOURCE_WEIGHT[s] for s in SOURCES], dtype=np.float64)[cols.source]
    recency = np.where(~dated | (last >= recent_start), 1.0, OLDER_WEIGHT)
    # When the work was done: a moment's work only filed under a period (a talk in "## 2025",
    # or in a record about the period under review) happened once within it, in its middle as
    # far as anyone can say.
    moment = (cols.filed | assumed) & np.isin(cols.kind,
                                              [KIND_INDEX[k] for k in settings.moment_kinds])
    middle = (start_month + end_month) // 2
    done_start = np.where(moment, middle, start_month)
    done_end = np.where(moment, middle, end_month)
    length = done_end - done_start
    effort = 1.0 + np.minimum(length, LONG_EFFORT_MONTHS) / LONG_EFFORT_MONTHS
    base = recency * source_weight * (1.0 + 0.5 * cols.impact.astype(np.float64)) * effort
    confirmed_sources = np.array([s in CONFIRMED for s in SOURCES], dtype=np.bool_)
    return Prepared(in_window, dated, assumed, start_month, end_month, done_start, done_end, base,
                    confirmed_sources[cols.source], told)


def _dates_little(cols: ItemColumns, dated: B, told: B, share: float) -> B:
    """Per item, whether the record its person told (`told`: within the window), dates fewer
    than `share` of its items (`AssessmentSettings.undated_record_share`; never, when that is
    0)."""
    if share <= 0 or not len(cols.person):
        return np.zeros(len(cols.person), dtype=np.bool_)
    people = int(cols.person.max()) + 1
    items = np.bincount(cols.person[told], minlength=people)
    with_dates = np.bincount(cols.person[told & dated], minlength=people)
    return (with_dates < share * items)[cols.person]


def qualifying(framework: Framework, cols: ItemColumns, prep: Prepared, d: int,
               level_id: str) -> tuple[B, F64]:
    """Items that meet dimension d's rule at a level (a mask), and what each weighs there."""
    rule = framework.dimensions[d].expectations[level_id].evidence
    counts = prep.in_window & (((cols.dims >> d) & 1) == 1)
    min_scope, min_role = int(rule.min_scope), int(Role.parse(rule.min_role))
    q = counts & (cols.scope >= min_scope) & (cols.role >= min_role)
    weight = prep.base_weight * (1.0 + REACH_STEP * (cols.scope - min_scope)) * (
        1.0 + ROLE_STEP * (cols.role - min_role))
    return q, np.where(q, weight, 0.0)


def _first_and_last(person: I32, start: I64, end: I64, people: int, ordered: bool
                    ) -> tuple[I64, I64]:
    """Each person's earliest start and latest end (int64 max / min where they have none).
    Items grouped by person (as every caller builds them) take one pass per group."""
    big = np.iinfo(np.int64).max
    first = np.full(people, big, dtype=np.int64)
    latest = np.full(people, -big, dtype=np.int64)
    if not len(person):
        return first, latest
    if not ordered:
        np.minimum.at(first, person, start)
        np.maximum.at(latest, person, end)
        return first, latest
    heads = np.flatnonzero(np.r_[True, person[1:] != person[:-1]])
    first[person[heads]] = np.minimum.reduceat(start, heads)
    latest[person[heads]] = np.maximum.reduceat(end, heads)
    return first, latest


def _months_spanned(first: I64, latest: I64) -> I64:
    """Months from each first month to each last, counted as a person would: an effort from
    January to December ran for twelve of them (both ends count), a one-month item for one;
    none where there is nothing (`_first_and_last`'s empty marker)."""
    return np.where(first == np.iinfo(np.int64).max, 0, latest - first + 1)


def evaluate(framework: Framework, cols: ItemColumns, people: int, as_of: dt.date,
             current: I8 | None = None, prep: Prepared | None = None) -> RuleResult:
    """Apply the framework's rules to everyone's items at `as_of`.

    `current` is each person's level today (index, -1 when unknown): the overall level is not
    put below it unless the record holds evidence against it (see `overall_levels`)."""
    if prep is None:  # the per-person engine passes the one it explains dimensions with
        prep = prepare(framework, cols, as_of)
    n_levels, n_dims = len(framework.level_ids), len(framework.dimensions)
    settings = framework.assessment
    levels = np.full((people, n_dims), -1, dtype=np.int8)
    confidence = np.zeros((people, n_dims), dtype=np.float64)
    relevant_n = np.zeros((people, n_dims), dtype=np.int64)
    strength = np.zeros((people, n_dims, n_levels), dtype=np.float64)
    span = np.zeros((people, n_dims, n_levels), dtype=np.int64)
    met = np.zeros((people, n_dims, n_levels), dtype=np.bool_)
    judged = np.zeros((people, n_dims, n_levels), dtype=np.bool_)
    ordered = bool(np.all(cols.person[1:] >= cols.person[:-1]))
    wide = beyond_one_team(framework) if framework.overall.min_pieces_of_work else ()
    # Items meeting a level's rule on a dimension that reaches it, per level beyond one team.
    supporting = {n: np.zeros(len(cols.person), dtype=np.bool_) for n in wide}
    for d, dim in enumerate(framework.dimensions):
        counts = prep.in_window & (((cols.dims >> d) & 1) == 1)
        p_rel = cols.person[counts]
        relevant_n[:, d] = np.bincount(p_rel, minlength=people)
        # What everything counting toward the dimension weighs, and how long it stretches:
        # the confidence's amount, and whether there is enough to judge a level by.
        volume = np.bincount(p_rel, weights=prep.base_weight[counts], minlength=people)
        amount = np.minimum(1.0, volume / (2 * settings.min_items_for_confidence))
        cd = counts & prep.dated
        first_all, latest_all = _first_and_last(cols.person[cd], prep.start_month[cd],
                                                prep.end_month[cd], people, ordered)
        volume_span = _months_spanned(first_all, latest_all)
        kinds_seen = np.zeros((people, len(KINDS)), dtype=np.bool_)
        kinds_seen[p_rel, cols.kind[counts]] = True
        variety = np.minimum(1.0, kinds_seen.sum(axis=1) / 3)
        confirmed = np.minimum(1.0, np.bincount(
            p_rel, weights=prep.confirmed[counts].astype(np.float64), minlength=people) / 2)
        confidence[:, d] = np.where(relevant_n[:, d] > 0, np.round(
            0.45 * amount + 0.2 * variety + 0.35 * confirmed, 2), 0.0)
        for n, level_id in enumerate(framework.level_ids):
            exp = dim.expectations.get(level_id)
            if exp is None:
                continue
            q, weight = qualifying(framework, cols, prep, d, level_id)
            strength[:, d, n] = np.bincount(cols.person[q], weights=weight[q], minlength=people)
            qd = q & (prep.dated | prep.assumed)
            first, latest = _first_and_last(cols.person[qd], prep.done_start[qd],
                                            prep.done_end[qd], people, ordered)
            span[:, d, n] = _months_spanned(first, latest)  # sustained: when work was done
            rule = exp.evidence
            met[:, d, n] = ((strength[:, d, n] >= rule.strength - 1e-9)
                            & (span[:, d, n] >= rule.min_span_months))
            levels[met[:, d, n] & (relevant_n[:, d] > 0), d] = n
            if n in supporting:
                supporting[n] |= q & met[cols.person, d, n]
            judged[:, d, n] = met[:, d, n] | ((volume >= rule.strength - 1e-9)
                                              & (volume_span >= rule.min_span_months))
    pieces = {n: np.bincount(cols.person[mask], minlength=people)
              for n, mask in supporting.items()}
    # The record as a whole (how many items people told, how far they reach, how long they
    # cover), read only by the rules that speak against a title from it.
    reach_items = np.zeros((people, n_levels), dtype=np.int64)
    record_items = np.zeros(people, dtype=np.int64)
    record_span = np.zeros(people, dtype=np.int64)
    part_items = np.zeros((people, n_levels), dtype=np.int64)
    record = None
    speaks = framework.overall
    if speaks.reads_the_record:
        told = prep.told & (cols.dims != 0)
        reach = level_reach(framework)
        reach_part = int(Role.parse(speaks.against_by_reach_min_role))
        part = level_role(framework)
        for n in range(n_levels):
            reach_items[:, n] = np.bincount(
                cols.person[told & (cols.scope >= reach[n]) & (cols.role >= reach_part)],
                minlength=people)
            part_items[:, n] = np.bincount(cols.person[told & (cols.role >= part[n])],
                                           minlength=people)
        record_items = np.bincount(cols.person[told], minlength=people)
        td = told & prep.dated
        record_span = _months_spanned(*_first_and_last(cols.person[td], prep.start_month[td],
                                                       prep.end_month[td], people, ordered))
        shapes = np.isin(cols.kind, [KIND_INDEX[k] for k in speaks.shapes_choices_kinds])
        shaped = np.bincount(cols.person[told & shapes & (cols.role >= int(Role.DID))],
                             minlength=people)
        record = Record(record_items, reach_items, record_span, part_items, shaped)
    reading, shares = read_records(framework, cols, prep.told, people)
    decided = overall_levels(
        framework, levels, current, judged if framework.overall.judged_only else None, pieces,
        record, reading if speaks.reader else None)
    return RuleResult(levels, confidence, relevant_n, strength, span, met, decided.evidence,
                      decided.overall, decided.below, decided.by_reach, decided.by_record,
                      decided.unled, decided.evidence_unled, record_items, record_span,
                      reach_items, part_items, reading.level, reading.items, shares,
                      decided.by_reading)


def told_by_people(cols: ItemColumns) -> B:
    """Items a person wrote or confirmed (not mined from tools or read by a model): only these
    say how far the work reached."""
    told = np.array([s not in (SourceClass.MINED, SourceClass.MODEL) for s in SOURCES],
                    dtype=np.bool_)
    return told[cols.source]
