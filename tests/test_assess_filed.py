"""An item dated only by the period its record files it under ("## 2025", the review period)
says when the work was done, not how long it ran (framework 2026.10,
`assessment.moment_kinds`).

An effort (a migration, a strategy, mentoring) runs through the period it is filed under, as
before. Work that happens at a moment (a talk, an incident, a design document, a review)
happened once within it: it weighs as one piece of work, and several of them filed under one
year are not work sustained over the year. Whether a dimension holds enough work to judge
still reads the whole period the record covers. The per-person engine and the batch path
(through the stored, packed columns) read it from one definition.
"""

from __future__ import annotations

import datetime as dt
from itertools import count

import pytest

from staffpath.assess.columns import columns_from_items, counts_toward
from staffpath.assess.engine import Item, assess
from staffpath.assess.rules import evaluate, prepare
from staffpath.assess.service import assess_person
from staffpath.framework.loader import default_framework
from staffpath.framework.model import Framework
from staffpath.ledger.bragdoc.parser import parse_brag_doc
from staffpath.ledger.service import entry_to_input, import_brag_text, list_evidence
from staffpath.org.assessed import assess_everyone
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from staffpath.vocab import EvidenceKind, Role, Scope

AS_OF = dt.date(2026, 1, 20)
FW = default_framework()
EVERY_ITEM_RUNS_THROUGH = FW.model_copy(update={"assessment": FW.assessment.model_copy(
    update={"moment_kinds": ()})})
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
_ids = count(1)

DOC = """# Brag document

## 2025

- Gave a talk on tracing at the platform guild
- Led the migration of billing to Postgres
- March 2025: wrote the design doc for the new ledger

## Search rebuild (Jan 2025 – Jun 2025)

- Wrote the indexing service

## Also in 2025

- Ran the on-call handbook rewrite over four months
"""


def _filed() -> dict[str, bool]:
    return {e.title: e.filed for e in parse_brag_doc(DOC, today=AS_OF).entries}


def test_only_work_dated_by_the_period_it_is_filed_under_is_filed() -> None:
    filed = _filed()
    assert filed["Gave a talk on tracing at the platform guild"]
    assert filed["Led the migration of billing to Postgres"]
    # Its own date, a project's own dates, a length it states: the record says how long.
    assert not filed["wrote the design doc for the new ledger"]
    assert not filed["Wrote the indexing service"]
    assert not filed["Ran the on-call handbook rewrite over four months"]


def test_a_declared_review_period_files_the_work_under_it() -> None:
    doc = ("Review period: March 2025 – February 2026\n\n"
           "- Presented the storage roadmap at the engineering all-hands\n"
           "- On 12 May, reviewed the payments team's retry design\n")
    entries = {e.title: e for e in parse_brag_doc(doc, today=AS_OF).entries}
    talk = entries["Presented the storage roadmap at the engineering all-hands"]
    assert talk.filed
    assert talk.date is not None
    assert (talk.date.start, talk.date.end) == (dt.date(2025, 3, 1), dt.date(2026, 2, 28))
    # "12 May" with no year, read in January 2026 inside the period: May 2025, its own date.
    review = entries["On 12 May, reviewed the payments team's retry design"]
    assert not review.filed
    assert review.date is not None
    assert review.date.start == dt.date(2025, 5, 12)


def test_the_ledger_keeps_that_an_item_is_filed() -> None:
    extra = {e.title: entry_to_input(e, document="doc.md", framework=FW).extra
             for e in parse_brag_doc(DOC, today=AS_OF).entries}
    assert extra["Gave a talk on tracing at the platform guild"]["dated_by"] == "period"
    assert "dated_by" not in extra["Wrote the indexing service"]


def _item(kind: EvidenceKind, *, filed: bool, dates: tuple[dt.date, dt.date] = YEAR) -> Item:
    return Item(id=next(_ids), title=f"{kind.value} {filed}", kind=kind, date_start=dates[0],
                date_end=dates[1], scope=Scope.TEAMS, dimensions=frozenset(), role=Role.LED,
                filed=filed)


def _dimension(kind: EvidenceKind) -> int:
    probe = _item(kind, filed=False)
    return FW.dimension_ids.index(counts_toward(FW, probe)[0])


def _weight_and_span(framework: Framework, items: list[Item], d: int) -> tuple[float, int]:
    cols = columns_from_items(framework, [items])
    result = evaluate(framework, cols, 1, AS_OF, prep=prepare(framework, cols, AS_OF))
    senior = framework.level_ids.index("senior")
    return float(result.strength[0, d, senior]), int(result.span[0, d, senior])


def test_talks_filed_under_a_year_happened_once_each_not_all_year() -> None:
    d = _dimension(EvidenceKind.TALK)
    filed = [_item(EvidenceKind.TALK, filed=True) for _ in range(3)]
    weight, span = _weight_and_span(FW, filed, d)
    assert span == 1  # three talks "in 2025": nothing says they were months apart
    old_weight, old_span = _weight_and_span(EVERY_ITEM_RUNS_THROUGH, filed, d)
    assert old_span == 12
    assert weight == pytest.approx(old_weight / (1 + 11 / 12))  # none is a year-long effort
    # Talks with their own months, January to December, are sustained over the year.
    spread = [_item(EvidenceKind.TALK, filed=False,
                    dates=(dt.date(2025, m, 5), dt.date(2025, m, 5))) for m in (1, 6, 12)]
    assert _weight_and_span(FW, spread, d)[1] == 12


def test_an_effort_filed_under_a_year_still_runs_through_it() -> None:
    d = _dimension(EvidenceKind.MIGRATION)
    filed = [_item(EvidenceKind.MIGRATION, filed=True)]
    assert _weight_and_span(FW, filed, d) == _weight_and_span(EVERY_ITEM_RUNS_THROUGH, filed, d)
    assert _weight_and_span(FW, filed, d)[1] == 12


def test_the_reason_says_a_moment_was_filed_not_sustained() -> None:
    talk = _item(EvidenceKind.TALK, filed=True)
    result = assess(FW, [talk], as_of=AS_OF, current_level="senior")
    reasons = [c.reason for dim in result.dimensions for c in dim.citations]
    assert any("done once within the 12 months it is filed under" in r for r in reasons)
    assert not any("12 months effort" in r for r in reasons)


RECORD = """# 2025

- Gave a talk on our tracing rollout at the platform guild, attended by six teams
- Presented the incident review format to the engineering all-hands
- Wrote the design doc for cross-team rate limiting, adopted by four teams
- Reviewed the retry designs of the payments and orders teams
- Led the migration of billing to Postgres across three teams
"""


def test_the_batch_and_the_engine_read_filed_work_alike(org: Store, framework: Framework
                                                        ) -> None:
    with org.session() as session:
        person = find_person(session, "ada")
        import_brag_text(session, person, RECORD, document="ada.md", framework=framework,
                         today=AS_OF)
        stored = list_evidence(session, person=person)
        assert sum(e.extra.get("dated_by") == "period" for e in stored) == len(stored)
    with org.session(read_only=True) as session:
        person = find_person(session, "ada")
        alone = assess_person(session, person, framework, as_of=AS_OF)
        together = assess_everyone(session, framework, AS_OF).people[person.id]
    assert together.overall == (framework.level_ids.index(alone.overall_level)
                                if alone.overall_level else -1)
    assert together.dimensions == tuple(
        framework.level_ids.index(d.level) if d.level else -1 for d in alone.dimensions)
