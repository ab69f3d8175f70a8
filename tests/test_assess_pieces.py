"""Framework 2026.6: beyond one team's work, a level is shown across several pieces of work as
much as across several dimensions.

Each item counts toward two dimensions at most, and cross-team efforts are few and large: a
concise staff record of three big migrations shows staff on scope of impact and execution only.
Two dimensions, one fewer than the share asks for, are then enough when three or more separate
items meet the level's rules there and the record has evidence on three dimensions or more.
Two items are not several, and within one team (senior) the count of dimensions alone still
decides.
"""

from __future__ import annotations

import datetime as dt
from itertools import count

from staffpath.assess.engine import Item, assess
from staffpath.assess.overall import beyond_one_team
from staffpath.framework.loader import default_framework
from staffpath.vocab import EvidenceKind, Role, Scope

TODAY = dt.date(2026, 11, 1)
FW = default_framework()
_ids = count(1)


def _migration(months: int, scope: Scope, role: Role = Role.LED) -> Item:
    """A long migration: counts toward scope of impact and execution, and nowhere else."""
    start = dt.date(2026, 10, 1) - dt.timedelta(days=30 * months)
    return Item(id=next(_ids), title=f"migration {next(_ids)}", kind=EvidenceKind.MIGRATION,
                date_start=start, date_end=dt.date(2026, 10, 1), scope=scope,
                dimensions=frozenset(), role=role, impact=0.6)


def _dimensions_at(a: object, level: str) -> list[str]:
    order = FW.level_ids
    return [d.dimension for d in a.dimensions  # type: ignore[attr-defined]
            if d.level is not None and order.index(d.level) >= order.index(level)]


def test_the_levels_beyond_one_team_are_staff_and_above() -> None:
    assert FW.overall.min_pieces_of_work == 3
    assert [FW.level_ids[n] for n in beyond_one_team(FW)] == [
        "staff", "senior-staff", "principal"]


def _mentoring() -> Item:
    """A year of mentoring on the author's own team: evidence on a third dimension."""
    return Item(id=next(_ids), title="mentored two engineers", kind=EvidenceKind.MENTORSHIP,
                date_start=dt.date(2025, 10, 1), date_end=dt.date(2026, 10, 1), scope=Scope.TEAM,
                dimensions=frozenset(), role=Role.DID, people_grown=2)


def test_three_cross_team_efforts_on_two_dimensions_show_staff() -> None:
    items = [_migration(12, Scope.TEAMS) for _ in range(3)] + [_mentoring()]
    a = assess(FW, items, as_of=TODAY, current_level="senior", target_level="staff")
    assert sorted(_dimensions_at(a, "staff")) == ["execution", "scope_of_impact"]
    assert a.evidence_level == "staff"
    assert a.overall_level == "staff"


def test_a_record_with_evidence_on_two_dimensions_only_is_not_enough() -> None:
    """The same three efforts and nothing else: the record says nothing of seven dimensions,
    and a level is not given on one kind of work alone."""
    items = [_migration(12, Scope.TEAMS) for _ in range(3)]
    a = assess(FW, items, as_of=TODAY, current_level="senior", target_level="staff")
    assert sorted(_dimensions_at(a, "staff")) == ["execution", "scope_of_impact"]
    assert a.evidence_level != "staff"
    assert a.overall_level == "senior"


def test_two_efforts_are_not_several_pieces_of_work() -> None:
    items = [_migration(12, Scope.TEAMS) for _ in range(2)] + [_mentoring()]
    a = assess(FW, items, as_of=TODAY, current_level="senior", target_level="staff")
    assert sorted(_dimensions_at(a, "staff")) == ["execution", "scope_of_impact"]
    assert a.evidence_level != "staff"
    assert a.overall_level == "senior"


def test_within_one_team_two_dimensions_do_not_make_a_senior_however_much_work() -> None:
    items = [_migration(12, Scope.TEAM) for _ in range(6)]
    a = assess(FW, items, as_of=TODAY, current_level="engineer")
    assert sorted(_dimensions_at(a, "senior")) == ["execution", "scope_of_impact"]
    assert a.evidence_level != "senior"  # two dimensions say too little to give a level
    assert a.overall_level == "engineer"


def test_a_framework_without_the_setting_asks_for_three_dimensions() -> None:
    plain = FW.model_copy(update={"overall": FW.overall.model_copy(
        update={"min_pieces_of_work": None})})
    items = [_migration(12, Scope.TEAMS) for _ in range(3)] + [_mentoring()]
    a = assess(plain, items, as_of=TODAY, current_level="senior", target_level="staff")
    assert a.evidence_level != "staff"
