"""`overall.against_by_reach`: a title beyond one team is contradicted by a record of one team's
work. Off in the default framework at every level (on the corpus's held-out half it put more
people who work at their title below it than it placed right: it rests on every item's reach
being read); these tests turn it on. Since 2027.1 the default has it at senior staff, where work
that reaches an organisation of many teams names it, and since 2027.2 at staff too, where work
across several teams names them (`overall.against_by_reach_at`).

The levels beyond one team are told apart by reach: staff work lands across several teams,
senior staff work across the organisation, principal work across the company. A record in
which fewer than `min_pieces_of_work` items reach as far as the title asks, and those are under
half of it, is evidence against the title, however busy it is: the person is shown at the
highest level the record does not speak against this way, never below what the evidence
supports. A small record mostly at the title's reach, and mined history (which says nothing of
reach), are not evidence against anyone.
"""

from __future__ import annotations

import datetime as dt
from itertools import count
from pathlib import Path

import numpy as np
import pytest

from staffpath.assess.batch import assess_batch
from staffpath.assess.columns import columns_from_items
from staffpath.assess.engine import Framework, Item, assess
from staffpath.errors import InputError
from staffpath.framework.loader import default_framework
from staffpath.vocab import EvidenceKind, Role, Scope, SourceClass

TODAY = dt.date(2026, 11, 1)
DEFAULT = default_framework()
# The option on, and the walk down from a title left as far as the evidence goes (the default
# framework stops one level below the title: see test_a_title_is_calibrated_a_level_at_a_time).
FW = DEFAULT.model_copy(update={"overall": DEFAULT.overall.model_copy(
    update={"against_by_reach": True, "max_levels_below": None})})
_ids = count(1)

# One item per dimension's usual kind, so a record has evidence across the framework.
_KINDS = (EvidenceKind.SHIPPED_PROJECT, EvidenceKind.DESIGN_DOC, EvidenceKind.MENTORSHIP,
          EvidenceKind.INCIDENT, EvidenceKind.TALK, EvidenceKind.PROCESS, EvidenceKind.REVIEW)


def _item(scope: Scope, n: int, *, role: Role = Role.LED,
          source: SourceClass = SourceClass.SELF_REPORTED) -> Item:
    """Work of a few months, spread over the year before TODAY."""
    start = dt.date(2025, 12, 1) + dt.timedelta(days=28 * (n % 10))
    return Item(id=next(_ids), title=f"work {n}", kind=_KINDS[n % len(_KINDS)],
                date_start=start, date_end=start + dt.timedelta(days=60), scope=scope,
                dimensions=frozenset(), role=role, source=source, impact=0.4)


def _effort(scope: Scope) -> Item:
    """A year-long migration the person led: on its own it shows its reach on scope of impact
    and execution."""
    return Item(id=next(_ids), title="migration", kind=EvidenceKind.MIGRATION,
                date_start=dt.date(2025, 10, 1), date_end=dt.date(2026, 10, 1), scope=scope,
                dimensions=frozenset(), role=Role.LED, impact=0.6)


def _record(team: int, wide: int, wide_scope: Scope = Scope.TEAMS) -> list[Item]:
    return ([_item(Scope.TEAM, n) for n in range(team)]
            + [_effort(wide_scope) for _ in range(wide)])


def test_a_busy_record_of_one_teams_work_is_evidence_against_a_staff_title() -> None:
    """Two cross-team efforts show staff on two dimensions, so the dimensions do not speak
    against the title; fourteen items of one team's work beside them do."""
    items = _record(team=14, wide=2)
    a = assess(FW, items, as_of=TODAY, current_level="staff")
    staff = [d.dimension for d in a.dimensions if d.level in ("staff", "senior-staff")]
    assert sorted(staff) == ["execution", "scope_of_impact"]
    assert a.evidence_level is not None
    assert FW.level_ids.index(a.evidence_level) < FW.level_ids.index("staff")
    assert a.overall_level == "senior"
    assert a.below_current
    assert a.below_by_reach
    assert (a.record_items, a.current_reach_items, a.current_reach) == (16, 2, Scope.TEAMS)


def test_without_any_work_at_the_titles_reach_the_dimensions_already_say_so() -> None:
    a = assess(FW, _record(team=14, wide=0), as_of=TODAY, current_level="staff")
    assert a.overall_level == "senior"
    assert a.below_current
    assert not a.below_by_reach


def test_three_pieces_at_the_titles_reach_keep_the_title() -> None:
    a = assess(FW, _record(team=14, wide=3), as_of=TODAY, current_level="staff")
    assert a.overall_level == "staff"
    assert not a.below_current


def test_a_small_record_mostly_at_the_titles_reach_is_not_evidence_against() -> None:
    """Two items of three reach across teams: too few to show staff, too many to deny it."""
    a = assess(FW, _record(team=1, wide=2), as_of=TODAY, current_level="staff")
    assert a.overall_level == "staff"
    assert not a.below_by_reach


def test_the_record_steps_down_only_as_far_as_it_speaks_against() -> None:
    """A principal whose record holds organisation-wide work but almost nothing company-wide
    is shown at senior staff, the highest level it does not speak against."""
    items = [*_record(team=6, wide=6, wide_scope=Scope.ORG), _effort(Scope.COMPANY)]
    a = assess(FW, items, as_of=TODAY, current_level="principal")
    assert a.below_by_reach
    assert a.overall_level == "senior-staff"
    assert a.current_reach is Scope.COMPANY
    assert a.current_reach_items == 1


def test_never_below_what_the_evidence_supports() -> None:
    a = assess(FW, _record(team=14, wide=2), as_of=TODAY, current_level="principal")
    assert a.below_by_reach
    assert a.overall_level is not None
    assert a.evidence_level is not None
    assert FW.level_ids.index(a.overall_level) >= FW.level_ids.index(a.evidence_level)
    assert a.overall_level == "senior"


def test_mined_history_says_nothing_of_reach() -> None:
    """Commits and reviews mined from tools do not count toward the record's size: a staff
    engineer with a year of commits on one repository and three cross-team efforts they wrote
    down keeps the title."""
    mined = [_item(Scope.TEAM, n, role=Role.DID, source=SourceClass.MINED) for n in range(40)]
    items = mined + _record(team=0, wide=3)
    a = assess(FW, items, as_of=TODAY, current_level="staff")
    assert a.record_items == 3
    assert not a.below_by_reach


@pytest.mark.parametrize("current", ["engineer", "senior"])
def test_within_one_team_reach_does_not_speak_against_a_title(current: str) -> None:
    a = assess(FW, _record(team=14, wide=0), as_of=TODAY, current_level=current)
    assert not a.below_by_reach


def test_the_default_framework_leaves_it_off_at_principal_and_keeps_the_title() -> None:
    assert not DEFAULT.overall.against_by_reach
    a = assess(DEFAULT, _record(team=14, wide=2, wide_scope=Scope.ORG), as_of=TODAY,
               current_level="principal")
    assert not a.below_by_reach
    assert a.overall_level == "principal"


def test_the_default_framework_reads_it_at_staff_and_senior_staff() -> None:
    """A senior staff title on a year of several teams' work, two pieces of it across the
    organisation, is a staff engineer's record, and a staff title on a year of one team's work
    a senior's; a principal title on a record short of its reach keeps the title, where reach
    records leave unsaid is read short too often."""
    assert DEFAULT.overall.against_by_reach_at == ("staff", "senior-staff")
    team_year = _record(team=14, wide=2)
    staff = assess(DEFAULT, team_year, as_of=TODAY, current_level="staff")
    assert staff.below_by_reach
    assert staff.overall_level == "senior"
    assert (staff.current_reach, staff.current_reach_items) == (Scope.TEAMS, 2)
    # Three pieces across several teams keep a staff title.
    wide_year = _record(team=12, wide=4)
    assert not assess(DEFAULT, wide_year, as_of=TODAY, current_level="staff").below_by_reach
    _same_in_batch(DEFAULT, [(team_year, "staff"), (wide_year, "staff")])
    record = [*_record(team=2, wide=10), _effort(Scope.ORG), _effort(Scope.ORG)]
    senior_staff = assess(DEFAULT, record, as_of=TODAY, current_level="senior-staff")
    assert senior_staff.below_by_reach
    assert senior_staff.overall_level == "staff"
    assert (senior_staff.current_reach, senior_staff.current_reach_items) == (Scope.ORG, 2)
    principal = assess(DEFAULT, _record(team=6, wide=6, wide_scope=Scope.ORG), as_of=TODAY,
                       current_level="principal")
    assert not principal.below_by_reach
    assert principal.overall_level == "principal"
    # Three pieces across the organisation keep a senior staff title.
    three = _record(team=2, wide=10) + [_effort(Scope.ORG) for _ in range(3)]
    assert not assess(DEFAULT, three, as_of=TODAY,
                      current_level="senior-staff").below_by_reach
    _same_in_batch(DEFAULT, [(record, "senior-staff"), (three, "senior-staff")])


def test_help_given_to_other_teams_is_not_the_authors_work_reaching_them() -> None:
    """Since 2027.3 (`overall.against_by_reach_min_role: did`) the items that speak for a staff
    title by their reach are the author's own work there: two cross-team efforts and two
    answers given to other teams' questions are two pieces, not four."""
    assert DEFAULT.overall.against_by_reach_min_role == "did"
    helped = [_item(Scope.TEAMS, 20 + n, role=Role.CONTRIBUTED) for n in range(2)]
    record = _record(team=12, wide=2) + helped
    a = assess(DEFAULT, record, as_of=TODAY, current_level="staff")
    assert a.below_by_reach
    assert (a.overall_level, a.current_reach_items) == ("senior", 2)
    # Counting every item, as before 2027.3, the same record keeps the title.
    every = DEFAULT.model_copy(update={"overall": DEFAULT.overall.model_copy(
        update={"against_by_reach_min_role": "contributed"})})
    assert not assess(every, record, as_of=TODAY, current_level="staff").below_by_reach
    _same_in_batch(DEFAULT, [(record, "staff")])


def _same_in_batch(fw: Framework, records: list[tuple[list[Item], str]]) -> list[str]:
    """The batch path gives each record, under its title, the per-person engine's overall
    level; the batch's levels."""
    current = np.array([fw.level_ids.index(c) for _, c in records], dtype=np.int8)
    batch = assess_batch(fw, columns_from_items(fw, [items for items, _ in records]),
                         len(records), TODAY, current)
    for n, (items, level) in enumerate(records):
        one = assess(fw, items, as_of=TODAY, current_level=level)
        assert fw.level_ids[int(batch.overall[n])] == one.overall_level
    return [fw.level_ids[int(x)] for x in batch.overall]


def test_an_unknown_level_in_against_by_reach_at_is_a_clear_error(tmp_path: Path) -> None:
    from staffpath.framework.loader import load_framework

    text = (Path(__file__).parent.parent / "src" / "staffpath" / "framework"
            / "default.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "framework.yaml"
    bad.write_text(text.replace("against_by_reach_at: [staff, senior-staff]",
                                "against_by_reach_at: [distinguished]"), encoding="utf-8")
    with pytest.raises(InputError, match=r"framework\.yaml:\d+.*unknown level 'distinguished'"):
        load_framework(bad)


def test_the_batch_path_gives_the_same_levels() -> None:
    records = [(_record(team=14, wide=2), "staff"), (_record(team=14, wide=3), "staff"),
               (_record(team=6, wide=6, wide_scope=Scope.ORG), "principal")]
    assert _same_in_batch(FW, records) == ["senior", "staff", "senior-staff"]


def test_a_title_is_calibrated_a_level_at_a_time() -> None:
    """With the default's one level at most, the same record under a principal title that
    speaks against principal, senior staff and staff is shown a level below the title, its
    evidence level still shown as it is."""
    one = FW.model_copy(update={"overall": FW.overall.model_copy(
        update={"max_levels_below": DEFAULT.overall.max_levels_below})})
    assert DEFAULT.overall.max_levels_below == 1
    a = assess(one, _record(team=14, wide=2), as_of=TODAY, current_level="principal")
    assert a.below_by_reach
    assert a.overall_level == "senior-staff"
    assert a.evidence_level is not None
    assert FW.level_ids.index(a.evidence_level) < FW.level_ids.index("senior-staff")
