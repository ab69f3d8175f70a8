"""`staffpath assess` as a person reads it: the verdict and the gaps first, the evidence only
with --evidence, titles cut at a word, and sentences with units and real plurals."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import staffpath.framework
from staffpath.cli.assessment_cmd import shorten

DEFAULT_YAML = Path(staffpath.framework.__file__).parent / "default.yaml"

BRAG = textwrap.dedent("""\
    # 2026
    ## Cart split (lead)
    - 2025-11-02: Led the cart split across 5 teams, rollout planned with the tech leads #design
    - 2026-03-10: Shipped the cart service with Payments and Fulfilment, $400k/yr saved
    - 2026-06-01: Wrote the design doc for cart expiry, reviewed by three teams #design
    ## Mentoring
    - 2026-04-01: Mentored @bo on their first design doc #mentoring
    """)


def test_verdict_and_gaps_come_before_the_dimensions(run_cli, roster_file: Path,  # type: ignore[no-untyped-def]
                                                     tmp_path: Path) -> None:
    assert run_cli("people", "import", str(roster_file)).code == 0
    brag = tmp_path / "brag.md"
    brag.write_text(BRAG, encoding="utf-8")
    assert run_cli("evidence", "import", str(brag), "--person", "ada").code == 0
    data = json.loads(run_cli("assess", "ada", "--json").out)
    plain = run_cli("assess", "ada")
    assert plain.code == 0, plain.err
    out = plain.out
    name_line = out.splitlines()[0]
    assert name_line.startswith("Ada Lovelace")
    assert f"confidence {round(100 * data['overall_confidence'])}%" in name_line
    assert out.index("Dimension") > out.index("Gap to") if data["gaps"] else True
    assert "Evidence it rests on" not in out
    assert "add --evidence" in out
    assert "item(s)" not in out
    for gap in data["gaps"]:
        assert gap["missing"].split(";")[0][:40] in " ".join(out.split())
        # Every gap says what is there or that nothing is, with units.
        assert any(w in gap["missing"] for w in ("(has ", "none", "nothing recorded yet"))
        assert "pieces of work" in gap["missing"] or "piece of work" in gap["missing"] \
            or "months" in gap["missing"]
    if data["gaps"]:
        assert "The work that would close most of it:" in out
        assert out.index("Gap to") < out.index("The work that would close") < out.index(
            "Dimension")
    if data["unrecorded"]:
        assert "Nothing recorded yet for:" in out
    packet = tmp_path / "packet.md"
    assert run_cli("packet", "ada", "--output", str(packet)).code == 0
    text = packet.read_text(encoding="utf-8")
    if data["gaps"]:
        # The gap section leads with at most two pieces of work, not one line per rule.
        section = text[text.index("The work that would close"):]
        steps = [line for line in section.splitlines()[:6] if line[:3] in ("1. ", "2. ")]
        assert 1 <= len(steps) <= 2
        assert all("reaching" in step for step in steps)
    with_evidence = run_cli("assess", "ada", "--evidence").out
    assert "Evidence it rests on" in with_evidence
    assert "E1 " in with_evidence or "E2 " in with_evidence


def test_titles_are_cut_at_a_word() -> None:
    title = "Led the company-wide move to one identity platform through the engineering managers"
    cut = shorten(title, 40)
    assert cut.endswith("…")
    assert len(cut) <= 40
    assert title.startswith(cut[:-1])
    assert title[len(cut) - 1] == " "  # the cut falls between words
    assert shorten("Short title", 40) == "Short title"
    assert "(" not in shorten("Wrote the RFC (typed event contracts, owners and schemas) early", 20)


LADDER = textwrap.dedent("""\
    id: rungs
    name: Rungs
    version: "1"
    levels:
      - {id: l1, title: Level one, summary: Does the work.}
      - {id: l2, title: Level two, summary: Leads across teams.}
    dimensions:
      - id: impact
        title: Impact
        summary: Reach of the work.
        kinds: [shipped_project, design_doc]
        expectations:
          l1:
            behaviours: [ships]
            evidence: {min_items: 1, min_scope: team}
            closes_gap: ship something
          l2:
            behaviours: [ships across teams]
            evidence: {min_items: 2, min_scope: teams}
            closes_gap: lead a cross-team project
    """)


def test_assess_reads_after_switching_to_a_ladder_without_the_persons_level(  # type: ignore[no-untyped-def]
        run_cli, roster_file: Path, tmp_path: Path) -> None:
    assert run_cli("people", "import", str(roster_file)).code == 0
    brag = tmp_path / "brag.md"
    brag.write_text(BRAG, encoding="utf-8")
    assert run_cli("evidence", "import", str(brag), "--person", "ada").code == 0
    ladder = tmp_path / "rungs.yaml"
    ladder.write_text(LADDER, encoding="utf-8")
    assert run_cli("framework", "use", str(ladder)).code == 0
    plain = run_cli("assess", "ada")
    assert plain.code == 0, plain.err
    level = json.loads(run_cli("assess", "ada", "--json").out)["current_level"]
    assert level not in ("l1", "l2")  # the roster keeps the old ladder's level
    assert f"current: {level}" in plain.out


THIN = textwrap.dedent("""\
    # Ana Silva — record 2025–2026
    - Jan 2025 – Dec 2025: Led the migration of card payments off the monolith across 4 teams,
      through their tech leads. Cut payment failures 38%.
    - Mar 2025 – Feb 2026: Led the ledger consolidation across 3 teams with their leads;
      retired 2 legacy stores, saving $900k a year.
    - Jun 2025 – May 2026: Led the move of payouts onto the event bus across 5 teams, through
      the team leads; on-time payouts 97% → 99.8%.
    """)


def test_a_record_on_too_few_dimensions_says_why_it_is_not_ready(  # type: ignore[no-untyped-def]
        run_cli, tmp_path: Path) -> None:
    """Three large cross-team migrations and nothing else reach staff on scope of impact and
    execution, but the record says nothing of seven dimensions: not ready, and the line says
    what is missing rather than leaving "2 of the 2" unexplained."""
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email,team,manager,level,target_level,role\n"
                      "Ana Silva,ana@x.example,Payments,,senior,staff,engineer\n",
                      encoding="utf-8")
    assert run_cli("people", "import", str(roster)).code == 0
    brag = tmp_path / "ana.md"
    brag.write_text(THIN, encoding="utf-8")
    assert run_cli("evidence", "import", str(brag), "--person", "ana").code == 0
    out = " ".join(run_cli("assess", "ana").out.split())
    assert ("Not yet ready for Staff engineer: 2 of the 2 dimensions with evidence reach it, "
            "but a level needs evidence on 3 dimensions or more") in out


ONE_TEAM = textwrap.dedent("""\
    # Record, 2025–2026
    - Mar 2025 – Feb 2026: Led the ledger consolidation across 3 teams with their leads;
      retired 2 legacy stores, saving $900k a year.
    - Jun 2025 – May 2026: Led the move of payouts onto the event bus across 5 teams, through
      the team leads; on-time payouts 97% → 99.8%.
    - 2025-07-02: Led the refund screen rewrite on my team; support tickets down 20%
    - 2025-08-14: Fixed the flaky settlement tests on our team's pipeline
    - 2025-09-03: Reviewed the team's pull requests every week and wrote the review guide
    - 2025-10-10: Mentored Bo through their first on-call rotation on our team
    - 2025-11-05: Led our team's incident review after the payout delay
    - 2025-12-01: Wrote the team's runbook for the settlement job
    - 2026-01-20: Shipped the payout retry worker for our team; failed payouts down 30%
    - 2026-02-11: Ran the team's planning for Q2
    - 2026-03-15: Upgraded our service to the new framework version
    - 2026-04-09: Presented the team's quarter at our team's demo
    """)


def test_a_staff_title_on_one_teams_work_says_what_speaks_against_it(  # type: ignore[no-untyped-def]
        run_cli, tmp_path: Path) -> None:
    """Two cross-team efforts and ten items of one team's work, for someone titled staff, under
    a framework with `overall.against_by_reach`: shown below the title, and the line says why
    in the record's own numbers."""
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email,team,manager,level,target_level,role\n"
                      "Ana Silva,ana@x.example,Payments,,staff,,engineer\n", encoding="utf-8")
    assert run_cli("people", "import", str(roster)).code == 0
    # The rule is off in the default framework; an organisation turns it on in its own.
    ladder = tmp_path / "ladder.yaml"
    ladder.write_text(DEFAULT_YAML.read_text(encoding="utf-8").replace(
        "  min_pieces_of_work: 3\n", "  min_pieces_of_work: 3\n  against_by_reach: true\n"
    ).replace('version: "', 'version: "reach-'), encoding="utf-8")
    used = run_cli("framework", "use", str(ladder))
    assert used.code == 0, used.err
    brag = tmp_path / "ana.md"
    brag.write_text(ONE_TEAM, encoding="utf-8")
    assert run_cli("evidence", "import", str(brag), "--person", "ana").code == 0
    data = json.loads(run_cli("assess", "ana", "--json", "--as-of", "2026-05-01").out)
    assert data["below_current"]
    assert data["below_by_reach"]
    assert data["overall_level"] == "senior"
    out = " ".join(run_cli("assess", "ana", "--as-of", "2026-05-01").out.split())
    assert ("Of the 12 items in the record, 2 reach several teams, as Staff engineer work "
            "does; that level is shown across 3 pieces of work or more at that reach, so the "
            "record is evidence against it.") in out


def test_a_senior_title_on_a_year_of_tickets_says_the_record_speaks_against_it() -> None:
    """Under a framework with `overall.against_record_items`, the verdict gives the record's
    size and span when they speak against the title."""
    import test_assess_against_record as rec
    from staffpath.cli.assessment_cmd import _verdict

    items = [rec._ticket(n) for n in range(12)] + [rec._led_project(), rec._led_project()]
    a = rec.assess(rec.FW, items, as_of=rec.TODAY, current_level="senior")
    assert a.below_by_record
    text = " ".join(line.plain for line in _verdict("Bo Chen", rec.FW, a))
    assert ("The record holds 14 items over 12 months and the evidence in it shows Engineer: "
            "that much work is enough to judge, so it is evidence against Senior "
            "engineer.") in text
