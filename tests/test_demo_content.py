"""Tests for the demo organisation's roster, teams file and brag documents."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from staffpath.demo.content import (
    LEVELS,
    ROSTER_COLUMNS,
    DemoManifest,
    demo_people,
    render_template,
    write_demo_files,
)

TODAY = date(2026, 5, 14)
MENTION = re.compile(r"(?<![\w.])@([a-z0-9][a-z0-9._-]*[a-z0-9])")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# A dated entry: a bullet, task, table row or small heading that starts with its date.
DATED_ENTRY = re.compile(r"^(?:\s*[-*] (?:\[x\] )?|\| |### )\d{4}-\d\d-\d\d", re.MULTILINE)


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> DemoManifest:
    return write_demo_files(tmp_path_factory.mktemp("demo"), TODAY)


def _roster(manifest: DemoManifest) -> list[dict[str, str]]:
    with manifest.roster_csv.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _dates(text: str) -> list[date]:
    return [date(int(y), int(m), int(d)) for y, m, d in ISO_DATE.findall(text)]


def _months_before(today: date, day: date) -> int:
    return (today.year - day.year) * 12 + today.month - day.month


def _person(handle: str) -> str:
    return next(p.handle for p in demo_people() if p.handle == handle)


def test_files_are_written(manifest: DemoManifest) -> None:
    assert manifest.roster_csv.is_file()
    assert manifest.teams_yaml.is_file()
    assert manifest.journals
    assert all(path.is_file() for path in manifest.journals.values())
    assert {p.parent for p in manifest.journals.values()} == {manifest.root / "journals"}


def test_same_date_gives_byte_identical_files(tmp_path: Path) -> None:
    first = write_demo_files(tmp_path / "a", TODAY)
    second = write_demo_files(tmp_path / "b", TODAY)
    files_a = sorted(p.relative_to(first.root) for p in first.root.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(second.root) for p in second.root.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (first.root / rel).read_bytes() == (second.root / rel).read_bytes(), rel


def test_roster_has_the_exact_columns(manifest: DemoManifest) -> None:
    header = manifest.roster_csv.read_text(encoding="utf-8").splitlines()[0]
    assert tuple(header.split(",")) == ROSTER_COLUMNS


def test_organisation_size(manifest: DemoManifest) -> None:
    rows = _roster(manifest)
    roles = [r["role"] for r in rows]
    assert 36 <= roles.count("engineer") <= 44
    assert 8 <= roles.count("manager") <= 12
    assert roles.count("director") == 1
    teams = yaml.safe_load(manifest.teams_yaml.read_text(encoding="utf-8"))
    assert 9 <= len(teams) <= 11
    assert len({t["org_unit"] for t in teams}) == 3
    for team in teams:
        assert set(team) == {"name", "org_unit", "description", "owns"}
        assert team["owns"]
        assert all(isinstance(glob, str) and glob for glob in team["owns"])
    team_names = {t["name"] for t in teams}
    assert {r["team"] for r in rows if r["role"] != "director"} <= team_names


def test_every_manager_email_is_in_the_roster(manifest: DemoManifest) -> None:
    rows = _roster(manifest)
    emails = {e for r in rows for e in r["email"].split(";")}
    for row in rows:
        if row["role"] == "director":
            assert row["manager"] == ""
        else:
            assert row["manager"] in emails, row["name"]
    managers = {r["email"].split(";")[0] for r in rows if r["role"] in ("manager", "director")}
    assert all(r["manager"] in managers for r in rows if r["role"] == "engineer")


def test_handles_are_email_local_parts_and_unique(manifest: DemoManifest) -> None:
    rows = _roster(manifest)
    handles = [r["email"].split(";")[0].split("@")[0] for r in rows]
    assert len(set(handles)) == len(handles)
    assert handles == [p.handle for p in demo_people()]
    assert all(e.endswith(".example") for r in rows for e in r["email"].split(";"))
    assert sum(";" in r["email"] for r in rows) >= 2


def test_levels_and_roles_are_valid(manifest: DemoManifest) -> None:
    for row in _roster(manifest):
        if row["role"] == "engineer":
            assert row["level"] in LEVELS
            assert row["target_level"] in ("", *LEVELS)
            if row["target_level"]:
                assert LEVELS.index(row["target_level"]) == LEVELS.index(row["level"]) + 1
        else:
            assert row["role"] in ("manager", "director")
            assert row["level"] == ""
            assert row["target_level"] == ""
    assert {r["level"] for r in _roster(manifest) if r["level"]} == set(LEVELS)


def test_journals_only_for_engineers(manifest: DemoManifest) -> None:
    engineers = {p.handle for p in manifest.people if p.role == "engineer"}
    assert set(manifest.journals) == engineers


def test_every_mention_resolves_to_a_roster_handle(manifest: DemoManifest) -> None:
    handles = {p.handle for p in manifest.people}
    for handle, path in manifest.journals.items():
        for mention in MENTION.findall(path.read_text(encoding="utf-8")):
            assert mention in handles, f"{handle} mentions unknown @{mention}"
            assert mention != handle, f"{handle} mentions themselves"


def test_journals_are_utf8_markdown_with_every_token_replaced(manifest: DemoManifest) -> None:
    for handle, path in manifest.journals.items():
        text = path.read_bytes().decode("utf-8")
        assert text.startswith(("# ", "---\n")), handle
        assert "{{" not in text, handle
        assert "}}" not in text, handle
        assert text.endswith("\n"), handle
        assert "\r" not in text, handle


def test_journals_have_eight_to_forty_dated_entries(manifest: DemoManifest) -> None:
    for handle, path in manifest.journals.items():
        text = path.read_text(encoding="utf-8")
        assert 8 <= len(DATED_ENTRY.findall(text)) <= 40, handle


@pytest.mark.parametrize(
    "today", [TODAY, date(2024, 2, 29), date(2026, 1, 1), date(2025, 3, 31), date(2027, 12, 31)]
)
def test_no_date_is_in_the_future_or_ancient(tmp_path: Path, today: date) -> None:
    written = write_demo_files(tmp_path, today)
    for handle, path in written.journals.items():
        for day in _dates(path.read_text(encoding="utf-8")):
            assert day <= today, handle
            assert _months_before(today, day) <= 42, handle


def test_quarter_headings_match_their_dates(manifest: DemoManifest) -> None:
    text = manifest.journals["priya.nair"].read_text(encoding="utf-8")
    sections = re.split(r"^## (\d{4}) Q(\d)$", text, flags=re.MULTILINE)
    assert len(sections) > 10
    for year, quarter, body in zip(sections[1::3], sections[2::3], sections[3::3], strict=True):
        for day in _dates(body):
            assert (day.year, (day.month - 1) // 3 + 1) == (int(year), int(quarter))


def test_render_template_counts_back_from_today() -> None:
    today = date(2026, 2, 10)
    assert render_template("{{d:0.05}}", today) == "2026-02-05"
    assert render_template("{{d:0.25}}", today) == "2026-02-10"  # never after today
    assert render_template("{{d:14.31}}", today) == "2024-12-28"
    assert render_template("{{ym:2}} {{mon:13}}", today) == "2025-12 January 2025"
    assert render_template("{{q:0}} {{q:5}}", today) == "2026 Q1 2024 Q4"
    assert render_template("{{qd:1.2.20}}", today) == "2025-12-20"


def test_the_cast_exists_with_its_expectations() -> None:
    people = {p.handle: p for p in demo_people()}
    ready_staff = [h for h, p in people.items()
                   if p.target_level == "staff" and p.expect_ready is True]
    not_ready_staff = [h for h, p in people.items()
                       if p.target_level == "staff" and p.expect_ready is False]
    assert sorted(ready_staff) == ["daniel.okafor", "meilin.zhao", "priya.nair"]
    assert {"jake.morrison", "sofia.brandt", "grace.adeyemi", "ben.castillo"} <= set(
        not_ready_staff)
    assert people["rafael.costa"].target_level == "senior-staff"
    assert people["rafael.costa"].expect_ready is True
    assert any(p.level == "principal" for p in people.values())
    juniors = [p for p in people.values() if p.level == "engineer" and p.target_level]
    assert 2 <= sum(p.expect_ready is True for p in juniors) < len(juniors) / 2
    for p in people.values():
        assert (p.expect_ready is None) == (p.target_level is None), p.handle
        assert p.story


@pytest.mark.parametrize("handle", ["priya.nair", "daniel.okafor", "meilin.zhao", "rafael.costa"])
def test_ready_people_show_sustained_recent_cross_team_work(
    manifest: DemoManifest, handle: str
) -> None:
    text = manifest.journals[_person(handle)].read_text(encoding="utf-8")
    ages = [_months_before(TODAY, d) for d in _dates(text)]
    assert max(a for a in ages if a <= 18) - min(ages) >= 12
    assert len(ages) >= 20
    for tag in ("#mentoring", "#crossteam", "#feedback", "#incident", "#strategy"):
        assert tag in text, (handle, tag)


def test_the_old_peak_is_old(manifest: DemoManifest) -> None:
    text = manifest.journals["sofia.brandt"].read_text(encoding="utf-8")
    for line in text.splitlines():
        if "#crossteam" in line or "#rfc" in line or "#strategy" in line:
            (day,) = _dates(line)
            assert _months_before(TODAY, day) >= 30


@pytest.mark.parametrize("handle", ["ben.castillo", "jake.morrison"])
def test_low_scope_people_have_no_cross_team_or_strategy_tags(
    manifest: DemoManifest, handle: str
) -> None:
    text = manifest.journals[handle].read_text(encoding="utf-8")
    assert "#crossteam" not in text
    assert "#strategy" not in text


def test_mentorship_chains_are_visible(manifest: DemoManifest) -> None:
    chains = [("priya.nair", "tomas.reyes", "aisha.bello"),
              ("daniel.okafor", "lena.kowalski", "sam.whitaker"),
              ("meilin.zhao", "ravi.menon", "jonas.berg")]
    for mentor, mentee, theirs in chains:
        assert f"@{mentee}" in manifest.journals[mentor].read_text(encoding="utf-8")
        assert f"@{theirs}" in manifest.journals[mentee].read_text(encoding="utf-8")


def test_roster_passes_the_product_roster_parser(manifest: DemoManifest) -> None:
    from staffpath.people.roster import parse_roster

    text = manifest.roster_csv.read_text(encoding="utf-8")
    roster = parse_roster(text, source="roster.csv", level_ids=LEVELS)
    assert roster.problems == []
    assert roster.warnings == []
    assert len(roster.rows) == len(manifest.people)


def test_every_brag_doc_entry_gets_a_date_from_the_product_parser(
    manifest: DemoManifest,
) -> None:
    from staffpath.ledger.bragdoc.parser import parse_brag_doc

    for handle, path in manifest.journals.items():
        doc = parse_brag_doc(path.read_text(encoding="utf-8"), source=str(path), today=TODAY)
        assert len(doc.entries) >= 8, handle
        assert doc.warnings == (), handle
        undated = [e.title for e in doc.entries if e.date is None]
        assert undated == [], handle


@pytest.mark.parametrize("today", [TODAY, date(2025, 1, 31), date(2027, 7, 1)])
def test_the_assessment_tells_the_cast_apart(tmp_path: Path, today: date) -> None:
    from staffpath.assess.engine import assess
    from staffpath.assess.service import to_item
    from staffpath.demo.content import TEAMS
    from staffpath.framework.loader import default_framework
    from staffpath.ledger.bragdoc.parser import parse_brag_doc
    from staffpath.ledger.service import entry_to_input
    from staffpath.store.tables import Evidence

    framework = default_framework()
    levels = list(framework.level_ids)
    team_names = [t.name for t in TEAMS]
    written = write_demo_files(tmp_path, today)
    for person in written.people:
        if person.expect_ready is None or person.target_level is None:
            continue
        path = written.journals[person.handle]
        doc = parse_brag_doc(path.read_text(encoding="utf-8"), source=str(path), today=today)
        items = []
        for n, entry in enumerate(doc.entries):
            ev = entry_to_input(entry, document=str(path), framework=framework,
                                team_names=team_names)
            # The same record the store would hold, read the way the assessment reads it.
            items.append(to_item(Evidence(id=n, person_id=0, **ev.model_dump())))
        result = assess(framework, items, as_of=today, current_level=person.level,
                        target_level=person.target_level)
        reached = (result.overall_level is not None
                   and levels.index(result.overall_level) >= levels.index(person.target_level))
        assert reached == person.expect_ready, (person.handle, result.overall_level)


@pytest.mark.parametrize("today", [TODAY, date(2027, 7, 1)])
def test_nobody_reads_below_their_level_without_evidence_against_it(tmp_path: Path,
                                                                    today: date) -> None:
    from staffpath.assess.engine import assess
    from staffpath.assess.service import to_item
    from staffpath.demo.content import TEAMS
    from staffpath.framework.loader import default_framework
    from staffpath.ledger.bragdoc.parser import parse_brag_doc
    from staffpath.ledger.service import entry_to_input
    from staffpath.store.tables import Evidence

    framework = default_framework()
    levels = list(framework.level_ids)
    team_names = [t.name for t in TEAMS]
    written = write_demo_files(tmp_path, today)
    seniors = 0
    for person in written.people:
        path = written.journals.get(person.handle)
        if path is None or person.level is None:
            continue
        doc = parse_brag_doc(path.read_text(encoding="utf-8"), source=str(path), today=today)
        items = [to_item(Evidence(id=n, person_id=0, **entry_to_input(
            entry, document=str(path), framework=framework, team_names=team_names).model_dump()))
            for n, entry in enumerate(doc.entries)]
        result = assess(framework, items, as_of=today, current_level=person.level,
                        target_level=person.target_level)
        assert result.overall_level is not None, person.handle
        below = levels.index(result.overall_level) < levels.index(person.level)
        assert below == result.below_current, (person.handle, result.overall_level)
        if person.level == "senior":
            seniors += 1
            assert result.overall_level != "engineer" or result.below_current, person.handle
    assert seniors >= 3
