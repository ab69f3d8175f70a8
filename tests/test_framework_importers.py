"""Bringing a company's ladder in: FT's current job-family layout (a copy of its shape with our
own words, written here), the older FT folder, CSV and XLSX matrices, and unknown layouts."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from openpyxl import Workbook

from mining_helpers import invoke
from staffpath.errors import InputError, ProblemList
from staffpath.framework.importers import load_any_framework

# The layout of data/job-families/engineering.yml in Financial-Times/engineering-progression
# (levels, themes, competencies with level/theme/summary/proficiency); the words are ours.
JOB_FAMILY = textwrap.dedent("""\
    name: Engineering
    summary: |
      Competencies for engineers in a test organisation.
    googleSheetId: not-a-real-sheet

    levels:

      - id: engineer
        name: Engineer

      - id: senior-2-ic
        name: Senior Engineer 2 (Individual Contributor)

      - id: senior-2-pm
        name: Senior Engineer 2 (People Manager)

    themes:

      - id: communication
        name: Communication
        summary: |
          Listens, writes and explains to the audience at hand.

      - id: technical
        name: Technical
        summary: |
          Builds reliable software.

    competencies:

      - id: 0b5c1a34-0000-4000-8000-000000000001
        level: engineer
        theme: communication
        summary: |
          Explains their own work clearly in the team's meetings.
        proficiency: Awareness

      - id: 0b5c1a34-0000-4000-8000-000000000002
        level: senior-2-ic
        theme: communication
        summary: |
          Writes proposals other teams adopt.
        proficiency: Practitioner

      - id: 0b5c1a34-0000-4000-8000-000000000003
        level: senior-2-pm
        theme: communication
        summary: |
          Keeps a team and its stakeholders informed.
        proficiency: Practitioner

      - id: 0b5c1a34-0000-4000-8000-000000000004
        level: engineer
        theme: technical
        summary: |
          Ships well-tested changes with some guidance.
        proficiency: Foundational

      - id: 0b5c1a34-0000-4000-8000-000000000005
        level: senior-2-ic
        theme: technical
        summary: |
          Designs systems that several teams build on.
        proficiency: Expert
    """)

SHEET_HEADER = ["Dimension", "Competency", "Engineer", "Senior", "Staff"]
SHEET_ROWS = [
    ["Delivery", "Planning", "Plans own tasks", "Plans a team's quarter", "Plans across teams"],
    ["Delivery", "Shipping", "Ships features", "Ships projects", ""],
    ["People", "Mentoring", "", "Mentors one engineer", "Grows other leads"],
]


def _job_family(folder: Path) -> Path:
    path = folder / "data" / "job-families" / "engineering.yml"
    path.parent.mkdir(parents=True)
    path.write_text(JOB_FAMILY, encoding="utf-8")
    return path


def test_ft_job_family_maps_themes_to_dimensions_with_marked_defaults(tmp_path: Path) -> None:
    fw = load_any_framework(_job_family(tmp_path))
    assert fw.level_ids == ("engineer", "senior-2-ic", "senior-2-pm")
    assert [d.id for d in fw.dimensions] == ["communication", "technical"]
    comms = fw.dimension("communication")
    assert comms.expectations["senior-2-ic"].behaviours == (
        "Practitioner: Writes proposals other teams adopt.",)
    # Parallel tracks at one rung get the same default rule; a higher rung asks for more.
    ic, pm = comms.expectations["senior-2-ic"].evidence, comms.expectations["senior-2-pm"].evidence
    assert ic == pm
    assert ic.min_items > comms.expectations["engineer"].evidence.min_items
    assert "DEFAULTS" in fw.description
    assert "writing" in [k.value for k in comms.kinds]
    # The repository folder finds the current file, not the layout FT dropped.
    assert load_any_framework(tmp_path).fingerprint == fw.fingerprint


def test_use_show_and_assess_with_an_ft_job_family(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    _job_family(tmp_path / "ft")
    used = invoke(ws, "framework", "use", str(tmp_path / "ft"), "--json")
    assert used.code == 0, used.err
    assert json.loads(used.out)["id"] == "ft-engineering"
    shown = json.loads(invoke(ws, "framework", "show", "--json").out)
    assert [lv["id"] for lv in shown["levels"]] == ["engineer", "senior-2-ic", "senior-2-pm"]
    assert shown["dimensions"][1]["expectations"]["engineer"]["behaviours"] == [
        "Foundational: Ships well-tested changes with some guidance."]
    assert invoke(ws, "people", "add", "--name", "Ana", "--email", "ana@x.example", "--level",
                  "engineer", "--target", "senior-2-ic").code == 0
    assert invoke(ws, "log", "Designed the queue several teams now build on", "--person",
                  "ana", "--kind", "design_doc", "--scope", "teams",
                  "--date", "2026-01-10").code == 0
    assessed = json.loads(invoke(ws, "assess", "ana", "--json").out)
    assert assessed["framework"]["id"] == "ft-engineering"
    assert assessed["target_level"] == "senior-2-ic"
    assert set(assessed["dimensions"]) == {"communication", "technical"}
    assert [c["title"] for c in assessed["dimensions"]["technical"]["citations"]] == [
        "Designed the queue several teams now build on"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_spreadsheet_matrix(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"our-ladder{suffix}"
    if suffix == ".csv":
        path.write_text("\n".join(",".join(r) for r in [SHEET_HEADER, *SHEET_ROWS]) + "\n",
                        encoding="utf-8")
    else:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        for row in [SHEET_HEADER, *SHEET_ROWS]:
            sheet.append([c or None for c in row])
        book.save(path)
    fw = load_any_framework(path)
    assert fw.level_ids == ("engineer", "senior", "staff")
    assert [d.title for d in fw.dimensions] == ["Delivery", "People"]
    delivery = fw.dimension("delivery")
    assert delivery.expectations["staff"].behaviours == ("Planning: Plans across teams",)
    assert delivery.expectations["senior"].behaviours == (
        "Planning: Plans a team's quarter", "Shipping: Ships projects")
    assert "engineer" not in fw.dimension("people").expectations
    shown = invoke(tmp_path / "ws", "framework", "show", "--file", str(path), "--level", "staff")
    assert shown.code == 0
    assert "Grows other leads" in shown.out


def test_a_matrix_without_a_competency_column_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text("Area,Level 1,Level 2\nx,a,b\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"sheet.csv:1: no competency column"):
        load_any_framework(path)


def test_an_unknown_layout_names_the_known_ones_and_the_nearest(tmp_path: Path) -> None:
    path = tmp_path / "ladder.yml"
    path.write_text("name: Eng\nlevels: []\ncompetencies: []\n", encoding="utf-8")
    result = invoke(tmp_path / "ws", "framework", "use", str(path))
    assert result.code == 2
    line = result.err.strip()
    assert "\n" not in line
    assert "not a ladder layout staffpath knows" in line
    assert "spreadsheet matrix" in line
    assert "FT 2020–2024 folder" in line
    assert line.endswith("nearest: FT job-family YAML, data/job-families/*.yml "
                         "(missing: themes)")
    assert not (tmp_path / "ws").exists()


def test_a_bad_competency_names_its_line(tmp_path: Path) -> None:
    path = _job_family(tmp_path)
    text = JOB_FAMILY.replace("theme: technical\n    summary: |\n      Designs",
                              "theme: architecture\n    summary: |\n      Designs")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    theme: architecture") + 1
    with pytest.raises(ProblemList) as caught:
        load_any_framework(path)
    assert caught.value.lines() == [
        f"{path}:{line}: theme 'architecture' is not one of the file's themes "
        "(communication, technical)"]
