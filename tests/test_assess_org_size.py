"""How far work reached is read at the size of the organisation the record states.

Framework 2026.7 (`assessment.org_min_teams`): with fewer teams than an organisation of many
holds (ten), work that reached "the whole company" or "the organisation" reached several teams.
Framework 2026.9 (`assessment.org_several_teams`): with fewer than three, there are no several
teams to reach, and work past one's own team is one team's reach; and a title that asks for
more reach than the place has is the company's own word, which holds the level only as far as
the size allows. The size is the one the record states ("Hatchwork is 14 engineers in two
squads"), never fewer teams than one per eight engineers: the roster counts who uses staffpath,
which may be one team of a large company, and says nothing of it. The per-person engine and the
batch path read it from one definition, and the hiring loop reads a candidate's earlier titles
at the same size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from itertools import count

import numpy as np
from rich.console import Console

from staffpath.assess.batch import assess_batch
from staffpath.assess.columns import columns_from_items
from staffpath.assess.engine import Item, assess
from staffpath.assess.notes import org_size_notes
from staffpath.assess.service import assessment_to_dict
from staffpath.cli.assessment_cmd import _verdict
from staffpath.framework.loader import default_framework
from staffpath.hiring.titles import EarlierTitle, read_title
from staffpath.ledger.extract.orgsize import OrgSize
from staffpath.vocab import EvidenceKind, Role, Scope

TODAY = dt.date(2026, 11, 1)
FW = default_framework()
# The default framework without the 2027.2 reach rule at staff (`overall.against_by_reach_at`),
# to show a title holding at a large company for want of evidence against it.
_NO_STAFF_REACH = FW.model_copy(update={"overall": FW.overall.model_copy(
    update={"against_by_reach_at": ("senior-staff",)})})
AS_STATED = FW.model_copy(update={"assessment": FW.assessment.model_copy(
    update={"org_min_teams": 0, "org_several_teams": 0})})
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


def _stating(items: list[Item], engineers: int, teams: int = 0,
             words: str = "") -> list[Item]:
    """The record with its first item stating the organisation's size."""
    size = OrgSize(engineers, teams, words or f"we are {engineers} engineers")
    return [replace(items[0], org_size=size), *items[1:]]


def test_company_wide_work_in_a_small_organisation_reads_as_several_teams() -> None:
    items = _company_wide_record()
    small = assess(FW, _stating(items, 40), as_of=TODAY, current_level="staff")
    large = assess(FW, _stating(items, 900), as_of=TODAY, current_level="staff")
    assert FW.assessment.org_min_teams == 10
    # As stated, the record reaches past staff (senior staff overall, principal on execution).
    assert large.overall_level == "senior-staff"
    assert "principal" in {d.level for d in large.dimensions}
    assert large.reach_read_as is None
    # Several teams' reach is staff work: no dimension goes past it.
    assert small.overall_level == "staff"
    assert {d.level for d in small.dimensions if d.level} <= {"engineer", "senior", "staff"}
    assert small.reach_read_as is Scope.TEAMS
    assert small.org_teams == 5


def test_the_roster_says_nothing_of_the_organisation() -> None:
    """A workspace of 22 engineers may be one team of a large company: without a size the
    record states, reach is read as stated, however small the roster."""
    items = _company_wide_record()
    for roster in (0, 1, 12, 22):
        a = assess(FW, items, as_of=TODAY, current_level="staff", org_engineers=roster)
        assert a.reach_read_as is None
        assert a.org_teams == 0
        assert a.overall_level == "senior-staff"


def test_the_boundaries_are_the_frameworks_numbers_of_teams() -> None:
    items = _company_wide_record()
    nine = assess(FW, _stating(items, 79), as_of=TODAY)  # nine teams' worth
    ten = assess(FW, _stating(items, 80), as_of=TODAY)
    named = assess(FW, _stating(items, 40, teams=10), as_of=TODAY)
    two = assess(FW, _stating(items, 22), as_of=TODAY)  # two teams' worth
    three = assess(FW, _stating(items, 22, teams=3), as_of=TODAY)  # in three squads
    assert FW.assessment.org_several_teams == 3
    assert (nine.reach_read_as, nine.org_teams, nine.overall_level) == (
        Scope.TEAMS, 9, "staff")
    assert (ten.reach_read_as, ten.overall_level) == (None, "senior-staff")
    # A record that counts ten teams is an organisation of many, however small they are.
    assert (named.reach_read_as, named.org_teams) == (None, 10)
    # One or two teams: nothing reaches several, and the record reads as one team's work.
    assert two.reach_read_as is Scope.TEAM
    assert two.overall_level == "senior"
    assert {d.level for d in two.dimensions if d.level} <= {"engineer", "senior"}
    assert three.reach_read_as is Scope.TEAMS
    assert three.overall_level == "staff"


def test_the_largest_size_the_record_states_is_the_organisations() -> None:
    """An org of 140 engineers inside a company of 900: the company holds the org."""
    items = _company_wide_record()
    both = [replace(items[0], org_size=OrgSize(140, 16, "our org is 140 engineers")),
            replace(items[1], org_size=OrgSize(900, 0, "a company of roughly 900")),
            *items[2:]]
    a = assess(FW, both, as_of=TODAY)
    assert a.org_stated is not None
    assert a.org_stated.engineers == 900
    assert a.reach_read_as is None


def test_a_framework_without_the_settings_reads_reach_as_stated() -> None:
    a = assess(AS_STATED, _stating(_company_wide_record(), 14), as_of=TODAY,
               current_level="staff")
    assert a.reach_read_as is None
    assert a.title_held_at is None
    assert a.overall_level == "senior-staff"


def test_one_teams_work_is_not_touched_and_says_nothing() -> None:
    items = [Item(id=next(_ids), title=f"team work {n}", kind=EvidenceKind.SHIPPED_PROJECT,
                  date_start=dt.date(2026, 1 + n, 1), date_end=dt.date(2026, 2 + n, 1),
                  scope=Scope.TEAM, dimensions=frozenset(), role=Role.LED) for n in range(6)]
    small = assess(FW, _stating(items, 22), as_of=TODAY)
    large = assess(FW, _stating(items, 900), as_of=TODAY)
    assert small.reach_read_as is None
    assert (small.overall_level, [d.level for d in small.dimensions]) == (
        large.overall_level, [d.level for d in large.dimensions])


def test_a_title_larger_than_the_place_holds_only_as_far_as_its_size() -> None:
    """A staff engineer of a 14-engineer start-up whose record reads senior is shown senior:
    staff asks for several teams' reach, which the place does not have. The same record and
    title in a company of 900 keeps the title (no evidence against it)."""
    items = [Item(id=next(_ids), title=f"team work {n}", kind=EvidenceKind.SHIPPED_PROJECT,
                  date_start=dt.date(2026, 1 + n, 1), date_end=dt.date(2026, 3 + n, 1),
                  scope=Scope.TEAM, dimensions=frozenset(), role=Role.LED, impact=0.5)
             for n in range(8)]
    small = assess(FW, _stating(items, 14, 2), as_of=TODAY, current_level="staff")
    large = assess(_NO_STAFF_REACH, _stating(items, 900), as_of=TODAY, current_level="staff")
    assert large.overall_level == "staff"
    assert large.title_held_at is None
    assert small.title_held_at == "senior"
    assert small.overall_level == "senior"
    # Since 2027.2 a year of one team's work speaks against a staff title by its reach, at any
    # size: the large company's staff engineer reads senior for that reason, not the place's.
    by_reach = assess(FW, _stating(items, 900), as_of=TODAY, current_level="staff")
    assert (by_reach.overall_level, by_reach.below_by_reach) == ("senior", True)
    assert by_reach.title_held_at is None
    # A principal title at 40 engineers (five teams) holds at staff.
    held = assess(FW, _stating(items, 40), as_of=TODAY, current_level="principal")
    assert held.title_held_at == "staff"


def test_the_batch_path_reads_the_same_size_the_same_way() -> None:
    records = [_company_wide_record(), _stating(_company_wide_record(), 22),
               _stating(_company_wide_record(), 40), _stating(_company_wide_record(), 900),
               _stating(_company_wide_record(), 14, 2)]
    cols = columns_from_items(FW, records)
    titles = ["staff", "staff", "principal", "staff", "staff"]
    current = np.array([FW.level_ids.index(t) for t in titles], dtype=np.int8)
    batch = assess_batch(FW, cols, len(records), TODAY, current)
    for n, (items, title) in enumerate(zip(records, titles, strict=True)):
        one = assess(FW, items, as_of=TODAY, current_level=title)
        assert FW.level_ids[int(batch.overall[n])] == one.overall_level
        assert [FW.level_ids[v] if v >= 0 else None for v in batch.levels[n]] == [
            d.level for d in one.dimensions]


def test_the_verdict_and_the_json_say_how_the_size_was_read() -> None:
    items = _stating(_company_wide_record(), 14, 2, "Hatchwork is 14 engineers in two squads")
    a = assess(FW, items, as_of=TODAY, current_level="staff")
    console = Console(width=300, record=True)
    for line in _verdict("Ada", FW, a):
        console.print(line)
    text = console.export_text()
    assert ("The record puts the organisation at 14 engineers in 2 teams (\u201cHatchwork is "
            "14 engineers in two squads\u201d).") in text
    assert "is read as one team's reach" in text
    assert "it holds the level at Senior engineer" in text
    person = _Named(1, "Ada", "ada")
    data = assessment_to_dict(person, a)
    assert data["reach_read_as"] == "team"
    assert data["org_stated"] == {"engineers": 14, "teams": 2,
                                  "words": "Hatchwork is 14 engineers in two squads"}
    assert data["title_held_at"] == "senior"
    large = assess(FW, _stating(_company_wide_record(), 900), as_of=TODAY)
    assert assessment_to_dict(person, large)["reach_read_as"] is None
    assert not any("organisation at" in str(line) for line in _verdict("Ada", FW, large))


def test_hiring_reads_an_earlier_title_at_the_same_size() -> None:
    job = EarlierTitle(title="Staff Engineer", company="Small Co", org_engineers=70,
                       teams_led=2, led_leaders=True, reach="company")
    # 70 engineers are fewer than ten teams' worth: the framework's reading, not the hiring
    # loop's own 50.
    assert any("reaching several teams" in r for r in read_title(FW, job).reasons)
    assert not any("reaching several teams" in r for r in read_title(AS_STATED, job).reasons)
    tiny = EarlierTitle(title="Staff Engineer", company="Tiny Co", org_engineers=14,
                        teams_led=1, reach="company")
    reading = read_title(FW, tiny)
    assert any("one team's worth" in r for r in reading.reasons)
    assert reading.level == "senior"
    job = EarlierTitle(title="CTO", company="Solo Co", org_engineers=1, reach="company")
    assert any("one team's worth" in r for r in read_title(FW, job).reasons)


def test_a_target_the_place_is_too_small_for_is_named() -> None:
    """A senior aiming for staff at 14 engineers in two squads: staff asks for several teams'
    reach, which the place does not hold, and the verdict says so rather than leaving the gaps
    to look closable."""
    items = _stating(_company_wide_record(), 14, 2)
    a = assess(FW, items, as_of=TODAY, current_level="senior", target_level="staff")
    notes = org_size_notes(FW, a)
    assert any(n.startswith("Staff engineer work reaches further than one team") for n in notes)
    roomy = assess(FW, _stating(_company_wide_record(), 900), as_of=TODAY,
                   current_level="senior", target_level="staff")
    assert org_size_notes(FW, roomy) == []


def _team_work() -> list[Item]:
    """A year of one team's migrations, mentoring and incidents the author led: short of
    staff, in too few dimensions for them to speak against the title."""
    kinds = (EvidenceKind.MIGRATION, EvidenceKind.MENTORSHIP, EvidenceKind.INCIDENT)
    return [replace(item, title=f"team {item.kind.value} {n}", scope=Scope.TEAM)
            for n, item in enumerate(_company_wide_record()) if item.kind in kinds]


def test_a_small_places_title_is_its_own_word_and_holds_one_level_below_at_most() -> None:
    """Titles travel badly: a staff title at a 60-engineer company (seven teams, fewer than an
    organisation of many holds) on a record short of staff holds the level one below it; the
    same record and title at a company of 900 keeps staff, with no evidence against it. The
    record still decides above the floor: staff work keeps a small place's staff title."""
    assert FW.assessment.small_org_title_below == 1
    small = assess(FW, _stating(_team_work(), 60), as_of=TODAY, current_level="staff")
    large = assess(_NO_STAFF_REACH, _stating(_team_work(), 900), as_of=TODAY,
                   current_level="staff")
    assert small.evidence_level == large.evidence_level == "engineer"
    assert (small.overall_level, large.overall_level) == ("senior", "staff")
    assert small.title_held_at == "senior"
    notes = " ".join(org_size_notes(FW, small))
    assert "title is the company's own word" in notes
    staff = assess(FW, _stating(_company_wide_record(), 60), as_of=TODAY,
                   current_level="staff")
    assert staff.overall_level == "staff"
    assert not any("own word" in n for n in org_size_notes(FW, staff))
    # Unset, a title holds its own level at any size.
    kept = _NO_STAFF_REACH.model_copy(update={"assessment": FW.assessment.model_copy(
        update={"small_org_title_below": 0})})
    assert assess(kept, _stating(_team_work(), 60), as_of=TODAY,
                  current_level="staff").overall_level == "staff"


def test_a_small_places_title_reads_the_same_in_the_batch_path() -> None:
    records = [_stating(_team_work(), 60), _stating(_team_work(), 900), _team_work()]
    current = np.array([FW.level_ids.index("staff")] * 3, dtype=np.int8)
    batch = assess_batch(FW, columns_from_items(FW, records), 3, TODAY, current)
    for n, items in enumerate(records):
        one = assess(FW, items, as_of=TODAY, current_level="staff")
        assert FW.level_ids[int(batch.overall[n])] == one.overall_level
