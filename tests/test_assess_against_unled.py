"""Within one team, a level whose rules ask the author to lead (senior: "runs a project for a
few engineers", "leads the team on a piece of work") is not shown by a year of work in which
they led nothing: with `overall.against_unled_items` (10 in the default framework), a record
that size over as long as the level asks work to be sustained, with fewer than two items the
author led, is evidence against a senior title. The title holds on a shorter record, a record
of a few weeks, a record with two pieces of led work, and beyond one team.

Since 2026.12 the evidence itself does not show senior from a record that size in which the
author led nothing and wrote none of the team's designs or decisions, whatever its other
dimensions (glue work, self-awareness, strategy) reach."""

from __future__ import annotations

import datetime as dt
from itertools import count

import numpy as np

from staffpath.assess.batch import assess_batch
from staffpath.assess.columns import columns_from_items
from staffpath.assess.engine import Item, assess
from staffpath.framework.loader import default_framework
from staffpath.vocab import EvidenceKind, Role, Scope, SourceClass

TODAY = dt.date(2026, 11, 1)
FW = default_framework()
_ids = count(1)
# Features and fixes done oneself, and a share of on-call: a record in three dimensions, too
# few for the dimensions alone to speak against the title.
_KINDS = (EvidenceKind.SHIPPED_PROJECT, EvidenceKind.OTHER, EvidenceKind.ONCALL)
_OWN = (EvidenceKind.SHIPPED_PROJECT, EvidenceKind.OTHER)


def _task(n: int, *, months: int = 12, role: Role = Role.DID,
          source: SourceClass = SourceClass.SELF_REPORTED) -> Item:
    """A piece of the author's own work for their team, one a month over `months` months."""
    day = TODAY - dt.timedelta(days=30 * (n % months) + 15)
    kind = _KINDS[n % len(_KINDS)]
    return Item(id=next(_ids), title=f"task {n}", kind=kind, date_start=day, date_end=day,
                scope=Scope.TEAM, dimensions=frozenset(),
                role=role if kind in _OWN or role is Role.LED else Role.CONTRIBUTED,
                source=source)


def _wrote(days_ago: int, kind: EvidenceKind = EvidenceKind.DESIGN_DOC) -> Item:
    day = TODAY - dt.timedelta(days=days_ago)
    return Item(id=next(_ids), title=f"{kind.value}: bundles data model", kind=kind,
                date_start=day, date_end=day, scope=Scope.TEAM, dimensions=frozenset(),
                role=Role.DID, source=SourceClass.SELF_REPORTED)


def test_the_default_framework_asks_a_senior_record_to_hold_some_leading() -> None:
    assert FW.overall.against_unled_items == 10
    assert FW.overall.against_no_lead_items == 7


def test_a_year_of_own_tasks_with_no_leading_speaks_against_a_senior_title() -> None:
    a = assess(FW, [_task(n) for n in range(12)], as_of=TODAY, current_level="senior")
    assert a.evidence_level == "engineer"
    assert a.overall_level == "engineer"
    assert a.below_current
    assert a.below_by_record
    assert (a.record_items, a.current_part_items, a.current_part) == (12, 0, Role.LED)
    assert a.record_months >= 6


def test_one_led_piece_is_not_leading_sustained() -> None:
    items = [_task(n) for n in range(11)] + [_task(11, role=Role.LED)]
    a = assess(FW, items, as_of=TODAY, current_level="senior")
    assert a.current_part_items == 1
    assert a.overall_level == "engineer"


def test_two_led_pieces_keep_the_title() -> None:
    items = [_task(n) for n in range(10)] + [_task(n, role=Role.LED) for n in (10, 11)]
    a = assess(FW, items, as_of=TODAY, current_level="senior")
    assert a.current_part_items == 2
    assert a.overall_level == "senior"
    assert not a.below_by_record


def test_a_shorter_record_or_a_few_weeks_keep_the_title() -> None:
    short = assess(FW, [_task(n) for n in range(6)], as_of=TODAY, current_level="senior")
    weeks = assess(FW, [_task(n, months=2) for n in range(20)], as_of=TODAY,
                   current_level="senior")
    assert (short.overall_level, weeks.overall_level) == ("senior", "senior")
    assert not short.below_by_record
    assert not weeks.below_by_record


def test_since_2027_1_a_shorter_record_that_leads_nothing_at_all_speaks_against_it() -> None:
    """Eight items over eight months, none led and no design of the team's written: the
    absence is plain from fewer items (`overall.against_no_lead_items`)."""
    a = assess(FW, [_task(n) for n in range(8)], as_of=TODAY, current_level="senior")
    assert (a.overall_level, a.record_items, a.current_part_items) == ("engineer", 8, 0)
    assert a.below_by_record
    # One led piece in a record that short is not yet a year without leading ...
    led_once = assess(FW, [_task(n) for n in range(7)] + [_task(7, role=Role.LED)],
                      as_of=TODAY, current_level="senior")
    assert led_once.overall_level == "senior"
    # ... nor are designs and decisions of the team's written by the author (two since
    # 2027.2, `overall.shapes_choices_items`: one design doc is doing one's own feature well).
    wrote = assess(FW, [_task(n) for n in range(6)]
                   + [_wrote(40), _wrote(70, EvidenceKind.DECISION_RECORD)], as_of=TODAY,
                   current_level="senior")
    assert wrote.overall_level == "senior"
    wrote_one = assess(FW, [_task(n) for n in range(7)] + [_wrote(40)], as_of=TODAY,
                       current_level="senior")
    assert wrote_one.overall_level == "engineer"


def test_since_2027_3_leading_nothing_is_plain_over_half_the_time() -> None:
    """Ten of one's own tasks over four months, none led and none of the team's choices
    shaped: half the six months senior asks work to be sustained is long enough to see the
    absence (`overall.against_no_lead_span`). Two months is still too short to say."""
    assert FW.overall.against_no_lead_span == 0.5
    months = assess(FW, [_task(n, months=4) for n in range(10)], as_of=TODAY,
                    current_level="senior")
    assert 3 <= months.record_months < 6
    assert (months.overall_level, months.below_by_record) == ("engineer", True)
    weeks = assess(FW, [_task(n, months=2) for n in range(10)], as_of=TODAY,
                   current_level="senior")
    assert (weeks.overall_level, weeks.below_by_record) == ("senior", False)
    # One led piece in them keeps the title.
    led = assess(FW, [_task(n, months=4) for n in range(9)] + [_task(9, months=4,
                 role=Role.LED)], as_of=TODAY, current_level="senior")
    assert led.overall_level == "senior"
    _assert_batch_agrees([[_task(n, months=4) for n in range(10)],
                          [_task(n, months=2) for n in range(10)]], "senior")


def test_mined_history_is_not_the_record_told() -> None:
    items = [_task(n, source=SourceClass.MINED) for n in range(30)] + [_task(n) for n in range(4)]
    a = assess(FW, items, as_of=TODAY, current_level="senior")
    assert a.record_items == 4
    assert a.overall_level == "senior"


def test_titles_beyond_one_team_and_engineers_are_not_judged_this_way() -> None:
    items = [_task(n) for n in range(14)]
    assert not assess(FW, items, as_of=TODAY, current_level="staff").below_by_record
    assert assess(FW, items, as_of=TODAY, current_level="engineer").overall_level == "engineer"


def _assert_batch_agrees(people: list[list[Item]], current_level: str) -> None:
    """The batch path gives each person the overall level the per-person engine does."""
    current = np.full(len(people), FW.level_ids.index(current_level), dtype=np.int8)
    batch = assess_batch(FW, columns_from_items(FW, people), len(people), TODAY, current)
    for n, items in enumerate(people):
        one = assess(FW, items, as_of=TODAY, current_level=current_level)
        assert FW.level_ids[int(batch.overall[n])] == one.overall_level


def test_the_batch_path_agrees() -> None:
    _assert_batch_agrees([[_task(n) for n in range(12)],
                          [_task(n) for n in range(10)]
                          + [_task(n, role=Role.LED) for n in (10, 11)],
                          [_task(n) for n in range(8)],
                          [_task(n) for n in range(6)]], "senior")


def test_the_verdict_says_what_the_record_lacks() -> None:
    from staffpath.cli.assessment_cmd import _verdict

    a = assess(FW, [_task(n) for n in range(12)], as_of=TODAY, current_level="senior")
    text = " ".join(line.plain for line in _verdict("Bo Chen", FW, a))
    assert ("The record holds 12 items over 12 months, and in 0 of them the author led it; "
            "Senior engineer asks for that, so the record is evidence against it.") in text


# Work that touches the dimensions which do not ask for a lead: fixing the team's tooling,
# feedback asked for and acted on, a newcomer helped, a review of a design someone else wrote.
_SIDE = (EvidenceKind.GLUE_WORK, EvidenceKind.FEEDBACK, EvidenceKind.MENTORSHIP,
         EvidenceKind.DESIGN_DOC, EvidenceKind.LEARNING, EvidenceKind.ONCALL)


def _side(n: int, role: Role = Role.DID) -> Item:
    day = TODAY - dt.timedelta(days=30 * (n % 12) + 15)
    kind = _SIDE[n % len(_SIDE)]
    return Item(id=next(_ids), title=f"side {n}", kind=kind, date_start=day, date_end=day,
                scope=Scope.SELF if kind in (EvidenceKind.FEEDBACK, EvidenceKind.LEARNING)
                else Scope.TEAM, dimensions=frozenset(),
                role=Role.CONTRIBUTED if kind is EvidenceKind.DESIGN_DOC else role,
                source=SourceClass.SELF_REPORTED)


def test_a_year_that_leads_nothing_does_not_show_senior_on_the_evidence() -> None:
    """Three or more dimensions reach senior, none of which asks for a lead; the author led
    none of twelve items over a year, so the evidence shows engineer, whatever the title."""
    items = [_side(n) for n in range(12)]
    for title in (None, "engineer", "senior"):
        a = assess(FW, items, as_of=TODAY, current_level=title)
        at_senior = [d.dimension for d in a.dimensions if d.level == "senior"]
        assert len(at_senior) >= 3, at_senior
        assert a.evidence_unled
        assert (a.evidence_level, a.overall_level) == ("engineer", "engineer")


def test_one_led_piece_lets_the_evidence_say_senior() -> None:
    items = [_side(n) for n in range(11)] + [_task(11, role=Role.LED)]
    a = assess(FW, items, as_of=TODAY, current_level="engineer")
    assert not a.evidence_unled
    assert a.evidence_level == "senior"


def test_writing_the_teams_designs_is_shaping_its_technical_choices() -> None:
    """Senior's summary counts shaping the team's technical choices as leading: designs and
    decisions the author wrote (not ones they reviewed) keep the evidence at senior. Since
    2027.2 it takes two of them in a record that size: one design doc for one's own feature
    is doing that feature well."""
    assert FW.overall.shapes_choices_kinds == (EvidenceKind.DESIGN_DOC,
                                               EvidenceKind.DECISION_RECORD,
                                               EvidenceKind.STRATEGY)
    assert FW.overall.shapes_choices_items == 2
    one = assess(FW, [_side(n) for n in range(11)] + [_wrote(100)], as_of=TODAY,
                 current_level="engineer")
    assert one.evidence_unled
    assert one.evidence_level == "engineer"
    for second in (EvidenceKind.DECISION_RECORD, EvidenceKind.STRATEGY):
        # A decision record of the team's, or its roadmap, written by the author.
        two = assess(FW, [_side(n) for n in range(10)] + [_wrote(100), _wrote(200, second)],
                     as_of=TODAY, current_level="engineer")
        assert not two.evidence_unled, second
        assert two.evidence_level == "senior", second
    _assert_batch_agrees([[_side(n) for n in range(11)] + [_wrote(100)]], "engineer")


def test_a_short_record_that_leads_nothing_is_read_on_its_dimensions() -> None:
    a = assess(FW, [_side(n) for n in range(9)], as_of=TODAY, current_level="engineer")
    assert not a.evidence_unled
    assert a.evidence_level == "senior"


def test_the_batch_path_agrees_on_the_evidence() -> None:
    _assert_batch_agrees([[_side(n) for n in range(12)],
                          [_side(n) for n in range(11)] + [_task(11, role=Role.LED)]],
                         "engineer")


def test_the_verdict_says_the_evidence_stepped_down() -> None:
    from staffpath.cli.assessment_cmd import _verdict

    a = assess(FW, [_side(n) for n in range(12)], as_of=TODAY, current_level="engineer")
    text = " ".join(line.plain for line in _verdict("Bo Chen", FW, a))
    assert ("The record holds 12 items over 12 months, and in none of them did the author "
            "lead the work, nor write 2 or more of the team's designs, decisions or plans; "
            "Senior engineer asks its "
            "holder to lead work, so the evidence shows Engineer, "
            "whatever its other dimensions reach.") in text
