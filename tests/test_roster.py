"""Roster import: every bad row by line, all-or-nothing, idempotent re-import."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from staffpath.errors import InputError, ProblemList
from staffpath.framework.model import Framework
from staffpath.people.roster import parse_roster
from staffpath.people.service import find_person, import_roster, list_people
from staffpath.store.engine import Store
from staffpath.store.tables import Person

LEVELS = ("engineer", "senior", "staff", "senior-staff", "principal")


@pytest.fixture
def store(db_store: Store) -> Store:
    """Every test here that touches the database runs on SQLite and on PostgreSQL."""
    return db_store


def count_people(store: Store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count(Person.id))) or 0


def test_import_creates_people_teams_and_managers(org: Store) -> None:
    with org.session() as s:
        ada = find_person(s, "ada@corp.example")
        assert ada.name == "Ada Lovelace"
        assert ada.team is not None
        assert ada.team.name == "Checkout"
        assert ada.manager is not None
        assert ada.manager.name == "Mo Manager"
        assert ada.manager.manager is not None
        assert ada.manager.manager.role == "director"
        assert sorted(e.email for e in ada.emails) == ["ada.l@old.example", "ada@corp.example"]
        assert (ada.level, ada.target_level) == ("senior", "staff")
        assert find_person(s, "ada").id == ada.id  # handle from the e-mail's local part
        assert find_person(s, str(ada.id)).id == ada.id
        assert find_person(s, "Ada Lovelace").id == ada.id


def test_reimport_is_idempotent(org: Store, roster_file: Path, framework: Framework) -> None:
    with org.session() as s:
        report = import_roster(s, roster_file, level_ids=framework.level_ids)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 5)
    assert count_people(org) == 5


def test_bad_rows_reported_by_line_and_nothing_written(
    tmp_path: Path, store: Store, framework: Framework
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "name,email,team,manager,level,target_level,shoe_size\n"
        "Ok Person,ok@x.example,A,,senior,staff,44\n"
        ",nobody@x.example,A,,senior,,\n"
        "Bad Level,bl@x.example,A,,wizard,,\n"
        "Bad Mail,not-an-email,A,,senior,,\n"
        "Backwards,bw@x.example,A,,staff,senior,\n"
        "Ghost Boss,gb@x.example,A,ghost@x.example,senior,,\n",
        encoding="utf-8",
    )
    with store.session() as s, pytest.raises(ProblemList) as info:
        import_roster(s, path, level_ids=framework.level_ids)
    lines = info.value.lines()
    assert any(line.startswith(f"{path}:3: name is empty") for line in lines)
    assert any(f"{path}:4: unknown level 'wizard'" in line for line in lines)
    assert any(f"{path}:5: 'not-an-email' is not an e-mail" in line for line in lines)
    assert any(f"{path}:6: target level 'senior' is below" in line for line in lines)
    assert any(f"{path}:7: manager 'ghost@x.example'" in line for line in lines)
    assert count_people(store) == 0


def test_skip_invalid_imports_the_good_rows(tmp_path: Path, store: Store, framework: Framework
                                            ) -> None:
    path = tmp_path / "r.csv"
    path.write_text("name,email,level\nGood,g@x.example,senior\nBad,b@x.example,wizard\n")
    with store.session() as s:
        report = import_roster(s, path, level_ids=framework.level_ids, skip_invalid=True)
    assert report.added == 1
    assert report.skipped
    assert ":3:" in report.skipped[0]
    with store.session() as s:
        assert [p.name for p in list_people(s)] == ["Good"]


def test_unknown_columns_warn(framework: Framework) -> None:
    roster = parse_roster("name,email,favourite_colour\nA,a@x.example,blue\n", source="r.csv",
                          level_ids=framework.level_ids)
    assert not roster.problems
    assert roster.warnings == ["r.csv:1: ignoring unknown column 'favourite_colour'"]


def test_manager_cycle_is_a_problem(framework: Framework) -> None:
    text = "name,email,manager\nA,a@x.example,b@x.example\nB,b@x.example,a@x.example\n"
    roster = parse_roster(text, source="r.csv", level_ids=framework.level_ids)
    assert any("loops back" in str(p) for p in roster.problems)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "roster is empty"),
        (b"\x00\x01\x02PK binary", "binary file"),
        (b"name,email\nJos\xe9,j@x.example\n", "not UTF-8"),
        (b"who,what\nA,B\n", "lacks required column"),
    ],
)
def test_unreadable_rosters_give_one_clear_error(
    tmp_path: Path, store: Store, framework: Framework, content: bytes, message: str
) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(content)
    with store.session() as s, pytest.raises(InputError, match=message):
        import_roster(s, path, level_ids=framework.level_ids)
    assert count_people(store) == 0


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_rows_or_problems_never_a_crash(text: str) -> None:
    roster = parse_roster(text, source="r.csv", level_ids=LEVELS)
    assert all(isinstance(p, InputError) for p in roster.problems)
    for row in roster.rows:
        assert row.name
        assert row.emails


names = st.text(st.characters(whitelist_categories=("L",)), min_size=1, max_size=20)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(names, st.sampled_from(LEVELS)), min_size=1, max_size=12,
                unique_by=lambda t: t[0]))
def test_generated_valid_rosters_round_trip(people: list[tuple[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "email", "level"])
    for n, (name, level) in enumerate(people):
        writer.writerow([name, f"p{n}@x.example", level])
    roster = parse_roster(out.getvalue(), source="r.csv", level_ids=LEVELS)
    assert not roster.problems
    assert [(r.name, r.level) for r in roster.rows] == [(n.strip(), lv) for n, lv in people]
