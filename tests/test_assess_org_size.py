"""Framework 2026.7, `assessment.org_min_teams`: how far work reached is read at the size of the
organisation. With fewer teams than an organisation of many holds (ten, as reach is read
everywhere else), counted from the roster and never fewer than one per eight engineers, work
that reached "the whole company" or "the organisation" reached several teams: a company-wide
record at a 20-engineer start-up reads as staff work, not as the company-level reach of a
principal. Larger organisations, and frameworks that do not set it, read every reach as stated.
The per-person engine and the batch path read it from one definition, and the hiring loop reads
a candidate's earlier titles at the same size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import count

import numpy as np
from rich.console import Console

from staffpath.assess.batch import assess_batch
from staffpath.assess.columns import columns_from_items
from staffpath.assess.engine import Item, assess
from staffpath.assess.rules import org_teams
from staffpath.assess.service import assessment_to_dict
from staffpath.cli.assessment_cmd import _verdict
from staffpath.framework.loader import default_framework
from staffpath.hiring.titles import EarlierTitle, read_title
from staffpath.vocab import EvidenceKind, Role, Scope

TODAY = dt.date(2026, 11, 1)
FW = default_framework()
AS_STATED = FW.model_copy(update={"assessment": FW.assessment.model_copy(
    update={"org_min_teams": 0})})
_ids = count(1)


@dataclass(frozen=True)
class _Named:
    id: int
    name: str
    handle: str
_KINDS = (EvidenceKind.MIGRATION, EvidenceKind.STRATEGY, EvidenceKind.DESIGN_DOC,
          EvidenceKind.MENTORSHIP, EvidenceKind.INCIDENT, EvidenceKind.TALK,
          EvidenceKind.PROCESS, EvidenceKind.REVIEW, EvidenceKind.FEEDBACK)


def _company_wide_record() -> list[Item]:
    """A year of work the person led, each piece said to reach the whole company."""
    items = []
    for n, kind in enumerate(_KINDS * 2):
        start = dt.date(2025, 11, 1) + dt.timedelta(days=40 * (n % 9))
        items.append(Item(id=next(_ids), title=f"company-wide {kind.value} {n}", kind=kind,
                          date_start=start, date_end=start + dt.timedelta(days=120),
                          scope=Scope.COMPANY, dimensions=frozenset(), role=Role.LED,
                          impact=0.5))
    return items


def test_company_wide_work_in_a_small_organisation_reads_as_several_teams() -> None:
    items = _company_wide_record()
    small = assess(FW, items, as_of=TODAY, current_level="staff", org_engineers=22)
    large = assess(FW, items, as_of=TODAY, current_level="staff", org_engineers=900)
    assert FW.assessment.org_min_teams == 10
    # As stated, the record reaches past staff (senior staff overall, principal on execution).
    assert large.overall_level == "senior-staff"
    assert "principal" in {d.level for d in large.dimensions}
    assert large.reach_read_as is None
    # Several teams' reach is staff work: no dimension goes past it.
    assert small.overall_level == "staff"
    assert {d.level for d in small.dimensions if d.level} <= {"engineer", "senior", "staff"}
    assert small.reach_read_as is Scope.TEAMS


def test_the_boundary_is_the_frameworks_number_of_teams() -> None:
    items = _company_wide_record()
    few = assess(FW, items, as_of=TODAY, org_engineers=79)  # nine teams' worth
    many = assess(FW, items, as_of=TODAY, org_engineers=80)  # ten
    named = assess(FW, items, as_of=TODAY, org_engineers=40, org_named_teams=10)
    unknown = assess(FW, items, as_of=TODAY, org_engineers=0)  # no roster to count
    assert few.reach_read_as is Scope.TEAMS
    assert few.overall_level == "staff"
    assert few.org_teams == 9
    assert many.reach_read_as is None
    assert many.overall_level == "senior-staff"
    # A roster that names ten teams is an organisation of many, however small they are.
    assert named.reach_read_as is None
    assert named.org_teams == 10
    assert unknown.reach_read_as is None
    assert unknown.overall_level == "senior-staff"


def test_a_framework_without_the_setting_reads_reach_as_stated() -> None:
    a = assess(AS_STATED, _company_wide_record(), as_of=TODAY, org_engineers=22)
    assert a.reach_read_as is None
    assert a.overall_level == "senior-staff"


def test_one_teams_work_is_not_touched_and_says_nothing() -> None:
    items = [Item(id=next(_ids), title=f"team work {n}", kind=EvidenceKind.SHIPPED_PROJECT,
                  date_start=dt.date(2026, 1 + n, 1), date_end=dt.date(2026, 2 + n, 1),
                  scope=Scope.TEAM, dimensions=frozenset(), role=Role.LED) for n in range(6)]
    small = assess(FW, items, as_of=TODAY, org_engineers=22)
    large = assess(FW, items, as_of=TODAY, org_engineers=900)
    assert small.reach_read_as is None
    assert (small.overall_level, [d.level for d in small.dimensions]) == (
        large.overall_level, [d.level for d in large.dimensions])


def test_the_batch_path_reads_the_same_size_the_same_way() -> None:
    items = _company_wide_record()
    cols = columns_from_items(FW, [items])
    current = np.array([FW.level_ids.index("staff")], dtype=np.int8)
    for engineers in (22, 900):
        batch = assess_batch(FW, cols, 1, TODAY, current, org_teams=org_teams(engineers))
        one = assess(FW, items, as_of=TODAY, current_level="staff", org_engineers=engineers)
        assert FW.level_ids[int(batch.overall[0])] == one.overall_level
        assert [FW.level_ids[v] if v >= 0 else None for v in batch.levels[0]] == [
            d.level for d in one.dimensions]


def test_the_verdict_and_the_json_say_how_reach_was_read() -> None:
    a = assess(FW, _company_wide_record(), as_of=TODAY, current_level="staff",
               org_engineers=22)
    console = Console(width=200, record=True)
    for line in _verdict("Ada", FW, a):
        console.print(line)
    text = console.export_text()
    assert ("In an organisation of 2 teams (22 engineers), work that reached the whole "
            "organisation or company reached several teams, and is read so.") in text
    person = _Named(1, "Ada", "ada")
    assert assessment_to_dict(person, a)["reach_read_as"] == "teams"
    large = assess(FW, _company_wide_record(), as_of=TODAY, org_engineers=900)
    assert assessment_to_dict(person, large)["reach_read_as"] is None


def test_hiring_reads_an_earlier_title_at_the_same_size() -> None:
    job = EarlierTitle(title="Staff Engineer", company="Small Co", org_engineers=70,
                       teams_led=2, led_leaders=True, reach="company")
    # 70 engineers are fewer than ten teams' worth: the framework's reading, not the hiring
    # loop's own 50.
    assert any("reaching several teams" in r for r in read_title(FW, job).reasons)
    assert not any("reaching several teams" in r for r in read_title(AS_STATED, job).reasons)


def test_a_roster_of_one_says_nothing_of_the_organisation() -> None:
    """Someone keeping their own record in a workspace of their own: the roster is them, not
    their organisation, so reach is read as stated; a candidate's stated one-engineer company
    is still read at its size."""
    solo = assess(FW, _company_wide_record(), as_of=TODAY, org_engineers=1, org_named_teams=1)
    assert solo.reach_read_as is None
    assert solo.org_teams == 0
    assert solo.overall_level == "senior-staff"
    job = EarlierTitle(title="CTO", company="Solo Co", org_engineers=1, reach="company")
    assert any("reaching several teams" in r for r in read_title(FW, job).reasons)
