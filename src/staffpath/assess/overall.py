"""The overall level from the per-dimension levels, and what speaks against a title.

What each level asks, read from its own rules (the reach, the span and the part the author takes
that its dimension rules mostly ask), and the overall rule: the evidence supports a level when
enough dimensions reach it; a title holds unless the record holds evidence against it; and a
record steps below a title one level at a time. Both engines read it from here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from staffpath.assess.arrays import F64, I8, I64, B
from staffpath.framework.model import EvidenceRule, Framework, OverallRule
from staffpath.vocab import Role, Scope

__all__ = ["OverallLevels", "Reading", "Record", "beyond_one_team", "level_reach", "level_role",
           "level_span", "overall_levels"]


class Record(NamedTuple):
    """The record as a whole, per person: what the rules that speak against a title read."""

    items: I64  # items people wrote or confirmed in the window
    reach_items: I64  # [people, levels]: of those, how many reach as far as the level asks
    months: I64  # the months the record covers
    part_items: I64  # [people, levels]: in how many the author took the part the level asks
    # items of the kinds that shape a team's technical choices (`overall.shapes_choices_kinds`)
    # in which the author did the work, not only took part
    shaped: I64


class Reading(NamedTuple):
    """What the framework's record reader reads in each person's record as a whole."""

    level: I8  # the level the record reads at, -1 where it holds too few items to read
    items: I64  # how many items people told, in the window, it was read from
    shares: F64  # [people, levels]: the reader's share per level (rows sum to one where read)


class OverallLevels(NamedTuple):
    """What the overall rule decides, per person (see `overall_levels`)."""

    evidence: I8  # the level the evidence alone supports, -1 for none
    overall: I8  # the overall level, never below the title without evidence against it
    below: B  # put below the title by the record
    by_reach: B  # of those, because too little of the record reaches as far (staff and above)
    by_record: B  # of those, because a record that size shows a lower level within one team
    unled: B  # of those, because the record holds a year of work with no leading in it
    # the evidence stepped down a level because the record's work leads nothing, where the
    # level's rules ask the author to lead
    evidence_unled: B
    # the overall level is the record reader's (`overall.reader`), not the dimension rules'
    by_reading: B


def _level_median(framework: Framework, read: Callable[[EvidenceRule], int]
                  ) -> tuple[int, ...]:
    """Per level, the median of what its dimension rules ask (0 where it has none)."""
    out = []
    for level_id in framework.level_ids:
        asked = sorted(read(d.expectations[level_id].evidence)
                       for d in framework.dimensions if level_id in d.expectations)
        out.append(asked[len(asked) // 2] if asked else 0)
    return tuple(out)


def level_reach(framework: Framework) -> tuple[int, ...]:
    """The reach (Scope value) each level's dimension rules mostly ask for."""
    return _level_median(framework, lambda rule: int(rule.min_scope))


def level_role(framework: Framework) -> tuple[int, ...]:
    """The strongest part (Role value) each level's dimension rules ask the author to take:
    leading, at a level whose words say "leads" or "runs"."""
    out = []
    for level_id in framework.level_ids:
        asked = [int(Role.parse(d.expectations[level_id].evidence.min_role))
                 for d in framework.dimensions if level_id in d.expectations]
        out.append(max(asked) if asked else int(Role.CONTRIBUTED))
    return tuple(out)


def level_span(framework: Framework) -> tuple[int, ...]:
    """How long (months) each level's dimension rules mostly ask work to be sustained."""
    return _level_median(framework, lambda rule: rule.min_span_months)


def beyond_one_team(framework: Framework) -> tuple[int, ...]:
    """The levels (indexes) whose dimension rules mostly ask for reach beyond one team."""
    return tuple(n for n, reach in enumerate(level_reach(framework)) if reach >= Scope.TEAMS)


def overall_levels(framework: Framework, levels: I8, current: I8 | None,
                   judged: B | None = None, pieces: dict[int, I64] | None = None,
                   record: Record | None = None, reading: Reading | None = None,
                   ) -> OverallLevels:
    """The overall level per person, from their per-dimension levels.

    The evidence supports a level when enough of the dimensions that have any evidence reach
    it: `overall.min_share` of them, and never fewer than `overall.min_dimensions` (a level
    is shown across several dimensions, not by one strength alone). Dimensions with no
    evidence are named, not counted against the person. The overall level is the current one
    when the evidence falls short of it without being evidence *against* it: only a record
    with evidence on `overall.against_dimensions` dimensions or more, none of which reaches
    the current level, puts someone below where they stand today.

    With `judged` (the framework's `overall.judged_only`), a dimension counts toward the share
    at a level, and against the current level, only where it holds enough work to judge that
    level: as much weight as the level's rule asks for, over as long, at any reach or role.

    With `pieces` (the framework's `overall.min_pieces_of_work`: for each level beyond one
    team, how many different items meet its rules on the dimensions that reach it), one
    dimension fewer than that, and never fewer than two, is enough when the pieces are many:
    a level is shown across several pieces of work as much as across several dimensions. The
    record must still hold evidence on `overall.min_dimensions` dimensions: a level is not
    given on one kind of work alone.

    With `record` (the framework's `overall.against_by_reach`: how many items people wrote or
    confirmed, for each level how many of them reach as far as its rules mostly ask, and how
    many months the record covers), the same count speaks against a
    title: where fewer than `min_pieces_of_work` items reach the level's reach, they are under
    half of the record, and the record covers as long as the level asks work to be sustained,
    the record does not show that level. The overall level then steps down from the current
    one while this holds, and never below what the evidence supports. The fourth array
    returned marks the people put below their current level this way.

    With `record` and `overall.against_record_items`, at the levels within one team a record
    of at least that many items, covering as long as the level asks work to be sustained,
    whose evidence supports a lower level, speaks against the title; the fifth array marks
    the people put below their current level this way. With `overall.against_unled_items`,
    at the levels within one team whose rules ask the author to lead (`level_role`), a record
    of at least that many items, covering as long, in which fewer than two show the author in
    that part, speaks against the title too, and is marked the same way; the sixth array
    marks the people put below their title for that reason. A record of
    `overall.against_no_lead_items` items or more (fewer), covering as long, in which the
    author took that part in none, does too.

    The same count decides what the evidence shows: at a level within one team whose rules ask
    the author to lead, a record of `overall.against_unled_items` items or more, covering as
    long as the level asks, in which the author led none and wrote no design or decision of
    their team (`overall.shapes_choices_kinds`) does not show that level, whatever
    its other dimensions say (a senior engineer leads work; a year of taking part, however
    well told, is not that). The evidence then shows the level below; the last array returned
    marks who.

    With `reading` (the framework's `overall.reader`: the level a model trained on labelled
    records reads in the record as a whole, where it holds `overall.reader_min_items` items or
    more), the overall level is the one the record reads at, as a committee reads a packet
    whole rather than rule by rule; the level the dimension rules' evidence supports has a
    say too, `overall.reader_rules_weight` added to the reader's share for it (a record whose
    cited evidence plainly shows a level is not read past it on its wording alone). Below
    the title only from a record of
    `overall.reader_against_items` items or more: a thinner record reading lower is not recorded
    yet, and the title holds. The per-dimension rules still say what each dimension shows, and
    what the evidence alone supports.

    With `overall.max_levels_below`, nobody is put further below their title than that: a
    title is calibrated a level at a time.
    """
    rule = framework.overall
    people, _ = levels.shape
    has = levels >= 0
    n_ev = has.sum(axis=1)
    needed = np.maximum(rule.min_dimensions, np.ceil(rule.min_share * n_ev).astype(np.int64))
    evidence_level = np.full(people, -1, dtype=np.int8)
    decided = np.zeros(people, dtype=np.bool_)
    for n in range(len(framework.level_ids) - 1, -1, -1):
        reach = (levels >= n).sum(axis=1)
        if judged is not None:  # only dimensions with enough work to judge at n have a say
            voters = (has & judged[:, :, n]).sum(axis=1)
            need_n = np.maximum(rule.min_dimensions,
                                np.ceil(rule.min_share * voters).astype(np.int64))
        else:
            need_n = needed
        ok = reach >= need_n
        if pieces and n in pieces and rule.min_pieces_of_work:
            # Beyond one team, several separate pieces of work on one dimension fewer will do,
            # in a record with evidence on several dimensions.
            ok |= ((reach >= np.maximum(2, need_n - 1))
                   & (pieces[n] >= rule.min_pieces_of_work)
                   & (n_ev >= rule.min_dimensions))
        ok &= (n_ev > 0) & ~decided
        evidence_level[ok] = n
        decided |= ok
    none = np.zeros(people, dtype=np.bool_)
    evidence_unled = none
    if record is not None and rule.against_unled_items:
        evidence_unled = _unled_evidence(framework, evidence_level, record)
        evidence_level = np.where(evidence_unled, evidence_level - 1, evidence_level
                                  ).astype(np.int8)
    if current is None:
        overall, by_reading, _ = _read(rule, evidence_level, None, reading)
        return OverallLevels(evidence_level, overall, none, none, none, none, evidence_unled,
                             by_reading)
    if judged is None:
        n_against = n_ev
    else:  # only dimensions with enough work to judge at the current level speak against it
        at_current = np.take_along_axis(
            judged, np.maximum(current, 0)[:, None, None], axis=2)[:, :, 0]
        n_against = (has & at_current).sum(axis=1)
    against = ((n_against >= rule.against_dimensions)
               & ((levels >= current[:, None]).sum(axis=1) == 0))
    short = (current >= 0) & (evidence_level < current)
    below = short & against
    overall = np.where(short & ~against & (n_ev > 0), current, evidence_level).astype(np.int8)
    # Below the current level, each level down needs evidence against it too: the record
    # says the person is not working at their title, and goes on down only while it says the
    # same of each level below it.
    walk = np.where(below, current.astype(np.int64) - 1, -1)
    for n in range(len(framework.level_ids) - 2, 0, -1):
        here = (walk == n) & (evidence_level < n)
        if not here.any():
            continue
        at_n = judged[:, :, n] if judged is not None else has
        against_n = (((has & at_n).sum(axis=1) >= rule.against_dimensions)
                     & ((levels >= n).sum(axis=1) == 0))
        overall = np.where(here & ~against_n, n, overall).astype(np.int8)
        walk = np.where(here & against_n, n - 1, np.where(here, -1, walk))
    moved = none
    by_reach_levels = _by_reach_levels(framework)
    if record is not None and by_reach_levels and rule.min_pieces_of_work:
        # Beyond one team, a level is shown across several pieces of work at its reach: a
        # record most of whose work stops short of that reach, with fewer such pieces than
        # the level asks for, is evidence against it. Walk down from the current level while
        # the record says so of each level.
        size, at_reach, record_span = record.items, record.reach_items, record.months
        spans = level_span(framework)
        level = np.where(short & (n_ev > 0), current, -1).astype(np.int64)
        moved = np.zeros(people, dtype=np.bool_)
        for n in sorted(by_reach_levels, reverse=True):
            here = ((level == n) & (evidence_level < n)
                    & (at_reach[:, n] < rule.min_pieces_of_work) & (2 * at_reach[:, n] < size)
                    & (record_span >= spans[n]))
            level[here] = n - 1
            moved |= here
        overall = np.where(moved & ~below, np.maximum(level, evidence_level), overall
                           ).astype(np.int8)
        moved = moved & ~below
        below = below | moved
    by_record = unled = none
    if record is not None and (rule.against_record_items or rule.against_unled_items
                               or rule.against_no_lead_items):
        # Within one team, a record with plenty of work over long enough speaks against the
        # title (it is not "not recorded yet") when it still shows a lower level on the
        # evidence (`against_record_items`), or, at a level whose rules ask the author to
        # lead, when it holds a year of work in which they led nothing (`against_unled_items`).
        size, record_span, part_items = record.items, record.months, record.part_items
        spans = level_span(framework)
        lead = _lead_levels(framework)
        wide = beyond_one_team(framework)
        for n in range(1, len(framework.level_ids)):
            if n in wide:
                continue
            titled = short & ~below & (current == n) & (evidence_level >= 0)
            open_ = titled & (record_span >= spans[n])
            hit = (open_ & (size >= rule.against_record_items) if rule.against_record_items
                   else none)
            if n in lead and (rule.against_unled_items or rule.against_no_lead_items):
                led_nothing = none
                if rule.against_unled_items:
                    led_nothing = (open_ & ~hit & (size >= rule.against_unled_items)
                                   & (part_items[:, n] < 2))
                if rule.against_no_lead_items:
                    # Leading nothing at all is said by a shorter record, over less time.
                    shorter = titled & (record_span
                                        >= np.ceil(spans[n] * rule.against_no_lead_span))
                    led_nothing = led_nothing | (shorter & ~hit & (part_items[:, n] == 0)
                                                 & (record.shaped < rule.shapes_choices_items)
                                                 & (size >= rule.against_no_lead_items))
                unled = unled | led_nothing
                hit = hit | led_nothing
            overall = np.where(hit, evidence_level, overall).astype(np.int8)
            below = below | hit
            by_record = by_record | hit
    ruled = overall
    overall, by_reading, held = _read(rule, evidence_level, current, reading, ruled)
    if (by_reading | held).any():
        # The reading decides, and says itself whether it is below the title; where it reads
        # lower from too thin a record, the title holds. A rule's reason for putting someone
        # below their title stands where the reading came to the same level.
        below = np.where(by_reading, overall < current, below & ~held)
        other = held | (by_reading & (overall != ruled))
        moved, by_record, unled = moved & ~other, by_record & ~other, unled & ~other
    if rule.max_levels_below is not None:
        # A title is calibrated a level at a time: no further below it than that.
        floor = np.where(current >= 0, current.astype(np.int64) - rule.max_levels_below, -1)
        overall = np.where(below & (overall < floor), floor, overall).astype(np.int8)
    return OverallLevels(evidence_level, overall, below, moved, by_record, unled, evidence_unled,
                         by_reading)


def _read(rule: OverallRule, evidence: I8, current: I8 | None, reading: Reading | None,
          overall: I8 | None = None) -> tuple[I8, B, B]:
    """The overall level where the record reader reads the record (see `overall_levels`; else
    `overall`, by default the evidence's), who it decided for, and whose title it held: it
    read lower from too thin a record."""
    if overall is None:
        overall = evidence.copy()
    none = np.zeros(len(overall), dtype=np.bool_)
    if reading is None:
        return overall, none, none
    read = reading.level >= 0
    votes = reading.shares.copy()
    backed = np.flatnonzero(read & (evidence >= 0))
    votes[backed, evidence[backed]] += rule.reader_rules_weight
    level = np.where(read, votes.argmax(axis=1), -1).astype(np.int8)
    thin = none
    if current is not None:
        thin = read & (current >= 0) & (level < current) & (reading.items
                                                            < rule.reader_against_items)
        overall = np.where(thin, current, overall).astype(np.int8)
        read &= ~thin
    return np.where(read, level, overall).astype(np.int8), read, thin


def _by_reach_levels(framework: Framework) -> tuple[int, ...]:
    """The levels (indexes) beyond one team that a record of too little work at their reach
    speaks against: all of them with `overall.against_by_reach`, else those named in
    `overall.against_by_reach_at`."""
    wide = beyond_one_team(framework)
    rule = framework.overall
    if rule.against_by_reach:
        return tuple(wide)
    named = {framework.level_index(lid) for lid in rule.against_by_reach_at}
    return tuple(n for n in wide if n in named)


def _lead_levels(framework: Framework) -> tuple[int, ...]:
    """The levels (indexes) within one team whose rules ask the author to lead (`level_role`):
    the ones a year of work with no leading in it speaks against."""
    wide, parts = beyond_one_team(framework), level_role(framework)
    return tuple(n for n in range(1, len(framework.level_ids))
                 if n not in wide and parts[n] > int(Role.DID))


def _unled_evidence(framework: Framework, evidence_level: I8, record: Record) -> B:
    """Who the evidence shows at a level within one team whose rules ask the author to lead,
    from a record of `overall.against_unled_items` items or more, over as long as the level
    asks work to be sustained, in which the author led none and shaped none of their team's
    technical choices."""
    spans = level_span(framework)
    large = record.items >= (framework.overall.against_unled_items or 0)
    out = np.zeros(len(evidence_level), dtype=np.bool_)
    for n in _lead_levels(framework):
        out |= ((evidence_level == n) & large & (record.months >= spans[n])
                & (record.part_items[:, n] == 0)
                & (record.shaped < framework.overall.shapes_choices_items))
    return out
