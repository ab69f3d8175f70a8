"""Loading framework YAML: every problem is reported, each with its file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from staffpath.errors import InputError, NotFoundError, ProblemList
from staffpath.framework import (
    default_framework,
    dump_framework_yaml,
    load_framework,
    load_framework_text,
    validate_framework_file,
)

DATA = Path(__file__).parent / "data" / "framework"

# A valid framework whose lines the tests below edit; keep line numbers in mind when changing it.
BASE = """\
id: tiny
name: Tiny
version: "1"
levels:
  - id: junior
    title: Junior
    summary: Learns.
  - id: senior
    title: Senior
    summary: Leads a team.
dimensions:
  - id: impact
    title: Impact
    summary: Reach.
    aliases: [reach]
    kinds: [shipped_project]
    expectations:
      junior:
        behaviours: [Ships tasks.]
        evidence:
          min_items: 1
          min_scope: self
        closes_gap: A task.
      senior:
        behaviours: [Ships team work.]
        evidence:
          min_items: 2
          min_scope: team
        closes_gap: A project.
archetypes:
  - id: tech_lead
    title: Tech lead
    summary: Guides a team.
    emphasises:
      - impact
"""


def write(tmp_path: Path, text: str, name: str = "framework.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def edit(line_no: int, new: str, text: str = BASE) -> str:
    """BASE with one (1-based) line replaced; keeps the other lines where they were."""
    lines = text.splitlines()
    lines[line_no - 1] = new
    return "\n".join(lines) + "\n"


def problems_of(path: Path) -> list[tuple[int | None, str]]:
    found = validate_framework_file(path)
    assert all(p.path == str(path) for p in found)
    return [(p.line, p.message) for p in found]


def test_base_fixture_and_minimal_file_are_valid(tmp_path: Path) -> None:
    assert validate_framework_file(write(tmp_path, BASE)) == []
    fw = load_framework(DATA / "minimal.yaml")
    assert fw.level_ids == ("junior", "senior", "staff")


@pytest.mark.parametrize(
    ("line_no", "new", "want_line", "fragment"),
    [
        pytest.param(8, "  - id: junior", 8, "duplicate level id 'junior'", id="dup-level"),
        pytest.param(5, "  - id: Junior Engineer", 5, "levels[0].id", id="level-not-slug"),
        pytest.param(18, "      principal:", 18, "unknown level 'principal'", id="unknown-level"),
        pytest.param(16, "    kinds: [shipped_project, blogging]", 16, "kinds[1]",
                     id="unknown-kind"),
        pytest.param(22, "          min_scope: galaxy", 22, "unknown scope 'galaxy'",
                     id="bad-scope"),
        pytest.param(35, "      - influence", 35, "unknown dimension 'influence'",
                     id="archetype-emphasis"),
        pytest.param(27, "          min_items: 0", 27, "greater than or equal to 1",
                     id="min-items-zero"),
        pytest.param(22, "          min_scope: teams", 28, "narrower than at junior",
                     id="scope-not-monotonic"),
        pytest.param(21, "          min_items: 3", 27, "lower than at junior (3)",
                     id="items-not-monotonic"),
        pytest.param(3, "version: 2026.1", 3, "put the value in quotes", id="unquoted-version"),
        pytest.param(6, "    titel: Junior", 6, "unknown field", id="unknown-field"),
        pytest.param(13, "    # no title", 12, "dimensions[0].title: required field is missing",
                     id="missing-field"),
        pytest.param(23, "        closes_gap: ''", 23, "closes_gap", id="empty-closes-gap"),
        pytest.param(3, "version: 2026-13-45", 3, "invalid date '2026-13-45'", id="bad-date"),
    ],
)
def test_each_problem_points_at_its_line(
    tmp_path: Path, line_no: int, new: str, want_line: int, fragment: str
) -> None:
    found = problems_of(write(tmp_path, edit(line_no, new)))
    assert [line for line, msg in found if fragment in msg] == [want_line], found


def test_alias_shared_by_two_dimensions_is_reported_at_the_second(tmp_path: Path) -> None:
    text = BASE.replace("archetypes:", textwrap.indent(textwrap.dedent("""\
        - id: reach_again
          title: Reach again
          summary: Same tag.
          aliases: [cross-team, Reach]
    """), "  ") + "archetypes:")
    # An alias must also be lowercase; "Reach" is reported as a format problem, and the
    # clash is found case-insensitively.
    found = problems_of(write(tmp_path, text))
    assert (33, "alias 'Reach' already maps to dimension 'impact'") in found
    assert any(line == 33 and "dimensions[1].aliases[1]" in msg for line, msg in found)


def test_alias_equal_to_another_dimension_id_is_a_problem(tmp_path: Path) -> None:
    text = BASE.replace("archetypes:", textwrap.indent(textwrap.dedent("""\
        - id: mentoring
          title: Mentoring
          summary: Growing others.
          aliases: [im-pact]
    """), "  ") + "archetypes:")
    assert problems_of(write(tmp_path, text)) == [
        (33, "alias 'im-pact' already maps to dimension 'impact'")
    ]


def test_duplicate_dimension_id_is_reported_at_the_second(tmp_path: Path) -> None:
    text = BASE.replace("archetypes:", textwrap.indent(textwrap.dedent("""\
        - id: impact
          title: Impact again
          summary: Same id.
    """), "  ") + "archetypes:")
    assert problems_of(write(tmp_path, text)) == [(30, "duplicate dimension id 'impact'")]


def test_dimension_ids_that_read_as_the_same_tag_are_a_problem(tmp_path: Path) -> None:
    text = BASE.replace("archetypes:", textwrap.indent(textwrap.dedent("""\
        - id: im_pact
          title: Impact again
          summary: Same tag.
    """), "  ") + "archetypes:")
    assert problems_of(write(tmp_path, text)) == [
        (30, "dimension id 'im_pact' reads as the same tag as 'impact'")
    ]


def test_duplicate_yaml_key_is_reported_at_the_repeat(tmp_path: Path) -> None:
    found = problems_of(write(tmp_path, edit(7, "    title: Junior again\n    summary: Learns.")))
    assert found == [(7, "duplicate key 'title' (first at line 6); only the last would be kept")]


def test_yaml_syntax_error_gives_one_problem_with_its_line(tmp_path: Path) -> None:
    found = problems_of(write(tmp_path, edit(14, "    summary: [unclosed")))
    assert len(found) == 1
    assert found[0][1].startswith("YAML syntax error")
    assert found[0][0] in (14, 15)


def test_several_problems_in_one_file_are_all_reported_in_line_order(tmp_path: Path) -> None:
    text = BASE
    for line_no, new in [
        (3, "version: 2026.1"),
        (5, "  - id: Junior Engineer"),
        (16, "    kinds: [shipped_project, blogging]"),
        (18, "      principal:"),
        (35, "      - influence"),
    ]:
        text = edit(line_no, new, text)
    path = write(tmp_path, text)
    with pytest.raises(ProblemList) as info:
        load_framework(path)
    lines = [p.line for p in info.value.problems]
    assert lines == [3, 5, 16, 18, 35]
    assert all(isinstance(p, InputError) and p.path == str(path) for p in info.value.problems)
    assert info.value.lines()[0].startswith(f"{path}:3: version")


@pytest.mark.parametrize(
    ("content", "line", "fragment"),
    [
        pytest.param(b"", None, "file is empty", id="empty"),
        pytest.param(b"  \n\n\t\n", None, "file is empty", id="blank"),
        pytest.param(b"# only a comment\n", None, "no content", id="comments-only"),
        pytest.param(b"id: x\nname: \x00\x01\x02\n", 2, "binary file", id="binary"),
        pytest.param(b"id: x\n\nname: caf\xe9\n", 3, "not UTF-8", id="latin-1"),
        pytest.param(b"- id: x\n- id: y\n", 1, "top level must be a mapping", id="list"),
        pytest.param(b"just words\n", 1, "found str", id="scalar"),
        pytest.param(b"id: x\n---\nid: y\n", 2, "YAML syntax error", id="two-documents"),
        pytest.param(b"id: \x07\n", 1, "is not allowed in YAML", id="control-char"),
    ],
)
def test_unreadable_files_give_one_clear_problem(
    tmp_path: Path, content: bytes, line: int | None, fragment: str
) -> None:
    path = tmp_path / "framework.yaml"
    path.write_bytes(content)
    found = problems_of(path)
    assert len(found) == 1, found
    assert found[0][0] == line
    assert fragment in found[0][1]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.encode())
    assert validate_framework_file(path) == []


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no such file"):
        load_framework(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="is a directory"):
        load_framework(tmp_path)


def test_text_loader_names_its_source() -> None:
    with pytest.raises(ProblemList) as info:
        load_framework_text("id: [", source="inline.yaml")
    assert info.value.problems[0].path == "inline.yaml"


def test_default_framework_is_cached_and_round_trips() -> None:
    fw = default_framework()
    assert default_framework() is fw
    assert load_framework_text(dump_framework_yaml(fw)) == fw


def test_dumped_file_round_trips_through_disk(tmp_path: Path) -> None:
    fw = load_framework(DATA / "minimal.yaml")
    path = tmp_path / "dumped.yaml"
    path.write_text(dump_framework_yaml(fw), encoding="utf-8")
    again = load_framework(path)
    assert again == fw
    assert again.fingerprint == fw.fingerprint
