"""Importing the Financial Times engineering-progression layout."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from staffpath.errors import InputError, NotFoundError, ProblemList
from staffpath.framework import (
    dump_framework_yaml,
    load_any_framework,
    load_framework,
    load_framework_text,
    load_ft_framework,
)
from staffpath.vocab import EvidenceKind, Scope

FT = Path(__file__).parent / "data" / "framework" / "ft"
MINIMAL = Path(__file__).parent / "data" / "framework" / "minimal.yaml"


@pytest.fixture
def ft_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FT, target)
    return target


def test_fixture_imports_levels_areas_and_expectations() -> None:
    fw = load_ft_framework(FT)
    assert fw.level_ids == ("apprentice", "practitioner", "lead1")
    assert fw.dimension_ids == ("technical", "delivery", "people")
    # folded YAML summaries become one line; a TODO summary falls back to the name
    assert fw.level("apprentice").summary.startswith("Works on small, well understood parts")
    assert fw.level("lead1").summary == "Lead Engineer 1"
    technical = fw.dimension("technical")
    assert set(technical.expectations) == {"apprentice", "practitioner"}
    assert technical.expectations["apprentice"].behaviours == (
        "Keeps their development setup working", "Writes tests for the code they change")
    assert technical.expectations["apprentice"].closes_gap == "Adds a unit test alongside a bug fix"
    assert EvidenceKind.DESIGN_DOC in technical.kinds
    # an area staffpath does not know still imports, with kinds left for the user to choose
    assert fw.dimension("people").kinds == (EvidenceKind.OTHER,)
    rule = fw.dimension("people").expectations["lead1"].evidence
    assert (rule.min_items, rule.min_scope) == (3, Scope.TEAMS)


def test_sources_accepted(ft_dir: Path) -> None:
    expected = load_ft_framework(FT)
    assert load_ft_framework(ft_dir.parent) == expected  # repository root with data/
    assert load_ft_framework(ft_dir / "competencies.yml") == expected
    assert load_ft_framework((ft_dir / "competencies.yml", ft_dir / "levels.yml")) == expected
    assert load_ft_framework([ft_dir / "levels.yml", ft_dir / "competencies.yml"]) == expected
    assert load_any_framework(ft_dir) == expected
    assert load_any_framework(ft_dir / "competencies.yml") == expected
    assert load_any_framework(MINIMAL) == load_framework(MINIMAL)


def test_version_follows_the_file_contents(ft_dir: Path) -> None:
    before = load_ft_framework(ft_dir)
    levels = ft_dir / "levels.yml"
    levels.write_text(levels.read_text().replace("Practitioner\n", "Practitioner II\n"))
    after = load_ft_framework(ft_dir)
    assert before.version != after.version
    assert after.level("practitioner").title == "Practitioner II"


def test_imported_framework_round_trips_as_staffpath_yaml() -> None:
    fw = load_ft_framework(FT)
    assert load_framework_text(dump_framework_yaml(fw)) == fw


def test_unknown_competency_level_points_at_its_line(ft_dir: Path) -> None:
    comps = ft_dir / "competencies.yml"
    comps.write_text(comps.read_text().replace("level: practitioner\n  area: delivery",
                                               "level: senior9\n  area: delivery"))
    with pytest.raises(ProblemList) as info:
        load_ft_framework(ft_dir)
    [problem] = info.value.problems
    assert problem.path == str(comps)
    assert problem.line == 39
    assert "competency level 'senior9' is not in levels.yml" in problem.message


def test_problems_in_both_files_are_all_reported(ft_dir: Path) -> None:
    (ft_dir / "levels.yml").write_text(textwrap.dedent("""\
        - id: one
          name: One
        - id: two
          summary: no name
        - id: one
          name: One again
    """))
    (ft_dir / "competencies.yml").write_text(textwrap.dedent("""\
        - summary: Does a thing
          level: one
          area: technical
        - summary: Does another
          level: one
        - summary: Repeats
          summary: itself
          level: two
          area: technical
    """))
    with pytest.raises(ProblemList) as info:
        load_ft_framework(ft_dir)
    found = [(Path(p.path or "").name, p.line, p.message) for p in info.value.problems]
    assert found == [
        ("competencies.yml", 4, "[1].area: required field is missing"),
        ("competencies.yml", 7, "duplicate key 'summary' (first at line 6); "
                                "only the last would be kept"),
        ("levels.yml", 3, "[1].name: required field is missing"),
        ("levels.yml", 5, "duplicate level id 'one'"),
    ]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "file is empty"),
        (b"id: x\n", "top level must be a list of competencies"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        (b"- [unclosed\n", "YAML syntax error"),
    ],
)
def test_bad_competencies_file_gives_one_clear_error(
    ft_dir: Path, content: bytes, fragment: str
) -> None:
    (ft_dir / "competencies.yml").write_bytes(content)
    with pytest.raises(ProblemList) as info:
        load_ft_framework(ft_dir)
    assert len(info.value.problems) == 1
    assert fragment in info.value.problems[0].message
    assert info.value.problems[0].path == str(ft_dir / "competencies.yml")


def test_missing_files(tmp_path: Path, ft_dir: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(NotFoundError, match=r"no competencies\.yml"):
        load_ft_framework(tmp_path / "empty")
    (ft_dir / "levels.yml").unlink()
    with pytest.raises(NotFoundError, match=r"no levels\.yml"):
        load_ft_framework(ft_dir)
    with pytest.raises(InputError, match="expected two files"):
        load_ft_framework([ft_dir / "competencies.yml"])
