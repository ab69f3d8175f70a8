"""A record that dates little of its work (an interview write-up, a self-review form, a page of
paragraphs) is about the period under review: with `assessment.undated_record_share` (half, in
the default framework) its undated items ran within the last `recent_months` months, efforts
through them and moments once in them, so sustained work can show a level. What the record
says it covers, which can speak against a title, still counts only the dates written; and a
record that dates most of its work keeps its few undated items undated."""

from __future__ import annotations

import datetime as dt
from itertools import count

import numpy as np

from staffpath.assess.batch import assess_batch
from staffpath.assess.columns import columns_from_items
from staffpath.assess.engine import Item, assess
from staffpath.framework.loader import default_framework
from staffpath.vocab import EvidenceKind, Role, Scope, SourceClass

TODAY = dt.date(2026, 3, 1)
FW = default_framework()
_ids = count(1)
# Cross-team work led through other teams' leads, and people grown: what a staff engineer
# tells in a few paragraphs.
_WORK = ((EvidenceKind.MIGRATION, Role.LED_LEADERS), (EvidenceKind.SHIPPED_PROJECT, Role.LED),
         (EvidenceKind.DESIGN_DOC, Role.DID), (EvidenceKind.MENTORSHIP, Role.DID),
         (EvidenceKind.STRATEGY, Role.SET_DIRECTION), (EvidenceKind.CROSS_TEAM_CODE, Role.DID))


def _item(n: int, day: dt.date | None = None, scope: Scope = Scope.TEAMS) -> Item:
    kind, role = _WORK[n % len(_WORK)]
    return Item(id=next(_ids), title=f"work {n}", kind=kind, date_start=day, date_end=day,
                scope=scope, dimensions=frozenset(), role=role,
                source=SourceClass.SELF_REPORTED)


def test_the_default_framework_reads_a_mostly_undated_record_as_the_period_under_review(
) -> None:
    assert FW.assessment.undated_record_share == 0.5
    assert FW.assessment.recent_months == 12


def test_an_undated_record_of_sustained_work_shows_its_level() -> None:
    items = [_item(n) for n in range(12)]
    a = assess(FW, items, as_of=TODAY, current_level="senior")
    assert a.evidence_level == "staff"
    assert a.overall_level == "staff"
    off = FW.model_copy(update={"assessment": FW.assessment.model_copy(
        update={"undated_record_share": 0.0})})
    assert assess(off, items, as_of=TODAY, current_level="senior").evidence_level != "staff"


def test_the_citation_says_how_an_undated_item_was_read() -> None:
    a = assess(FW, [_item(n) for n in range(12)], as_of=TODAY)
    reasons = [c.reason for d in a.dimensions for c in d.citations]
    assert reasons
    assert all("undated, read as work of the last 12 months: the record dates little of its "
               "work" in r for r in reasons)


def test_a_record_that_dates_most_of_its_work_keeps_the_rest_undated() -> None:
    """Eight items dated in one week and four undated: the week is what the record covers,
    and the undated four do not stretch it into a sustained year."""
    week = TODAY - dt.timedelta(days=20)
    items = [_item(n, week) for n in range(8)] + [_item(n) for n in range(8, 12)]
    a = assess(FW, items, as_of=TODAY, current_level="senior")
    assert a.evidence_level != "staff"
    reasons = [c.reason for d in a.dimensions for c in d.citations]
    assert any("; undated; self-reported;" in r for r in reasons)
    assert not any("read as work of the last" in r for r in reasons)


def test_what_the_record_covers_counts_only_dates_written() -> None:
    """A year of undated own tasks does not cover six months as far as speaking against a
    senior title goes: the record never says when it ran."""
    tasks = [Item(id=next(_ids), title=f"task {n}", kind=EvidenceKind.OTHER, date_start=None,
                  date_end=None, scope=Scope.TEAM, dimensions=frozenset(), role=Role.DID,
                  source=SourceClass.SELF_REPORTED) for n in range(14)]
    a = assess(FW, tasks, as_of=TODAY, current_level="senior")
    assert a.record_months == 0
    assert not a.below_by_record
    assert a.overall_level == "senior"


def test_the_batch_path_agrees() -> None:
    week = TODAY - dt.timedelta(days=20)
    people = [[_item(n) for n in range(12)],
              [_item(n, week) for n in range(8)] + [_item(n) for n in range(8, 12)],
              [_item(n, scope=Scope.TEAM) for n in range(6)]]
    batch = assess_batch(FW, columns_from_items(FW, people), 3, TODAY,
                         np.array([1, 1, 1], dtype=np.int8))
    for n, items in enumerate(people):
        one = assess(FW, items, as_of=TODAY, current_level="senior")
        assert FW.level_ids[int(batch.overall[n])] == one.overall_level
        assert [FW.level_ids[int(x)] if x >= 0 else None for x in batch.levels[n]] == [
            d.level for d in one.dimensions]
