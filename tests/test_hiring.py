"""Hiring through its services and the CLI: earlier titles read by the work, conflicts on
the panel, blind scorecards, the debrief's statistics, hiring and erasure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import krippendorff
import numpy as np
import pytest
from typer.testing import CliRunner

from hiring_helpers import (
    ADMIN,
    BIGCO_SENIOR,
    CY_CARD,
    STARTUP_STAFF,
    HiringIds,
    add_hiring,
    by,
)
from staffpath.accounts.audit import COMMAND_LINE
from staffpath.cli.main import app as cli_app
from staffpath.cycles.conflicts import NeedsAcknowledgement
from staffpath.errors import InputError, NotFoundError
from staffpath.framework.loader import default_framework
from staffpath.hiring import changes, lookup, outcome, visible
from staffpath.hiring.titles import map_titles, parse_title, read_title
from staffpath.ledger.service import list_evidence
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from web_helpers import SQLITE_ONLY, World, all_text

WORLD_BACKENDS = SQLITE_ONLY


@pytest.fixture(scope="module")
def world_setup() -> Callable[[World], HiringIds]:
    return add_hiring


def test_titles_are_read_by_the_work_not_the_name() -> None:
    fw = default_framework()
    startup = read_title(fw, STARTUP_STAFF)
    bigco = read_title(fw, BIGCO_SENIOR)
    # "Staff at a 40-engineer start-up" and "senior at a 5,000-engineer company" told apart.
    assert (startup.level, bigco.level) == ("senior", "staff")
    assert any("40 engineers" in r and "several teams" in r for r in startup.reasons)
    assert any("led one team" in r for r in startup.reasons)
    level, readings = map_titles(fw, [STARTUP_STAFF, BIGCO_SENIOR])
    assert level == "staff"
    assert len(readings) == 2
    assert parse_title("Staff engineer@Tiny Start-up;engineers=40;teams=1;reach=company;"
                       "years=3") == STARTUP_STAFF


def test_a_bad_title_is_one_clear_line(run_cli: Any) -> None:
    result = run_cli("hire", "start", "1", "--name", "X", "--title", "Staff@Co;engineers=forty")
    assert result.code != 0
    assert "engineers, teams and years are whole numbers" in result.err
    assert result.err.count("\n") == 1


def test_the_live_loop_reads_the_titles_and_keeps_the_conflicts(world: World) -> None:
    ids = world_ids(world)
    store = Store(world.url)
    try:
        with store.session(read_only=True) as session:
            view = visible.loop_view(session, by(session, "olga"), ids.live)
    finally:
        store.close()
    assert view["target_level"] == "staff"
    assert view["mapped_level"] == "staff"
    assert [m["level"] for m in view["mapping"]] == ["senior", "staff"]
    conflicts = {i["interviewer"]: i["conflicts"] for i in view["interviews"]}
    assert conflicts["cora"] == []
    assert "below the staff engineer level" in conflicts["cy"][0]
    questions = view["interviews"][0]["questions"]
    fw = default_framework()
    behaviours = {b for d in fw.dimensions for e in d.expectations.values()
                  for b in e.behaviours}
    assert questions
    assert all(q["behaviour"] in behaviours for q in questions)


def world_ids(world: World) -> HiringIds:
    store = Store(world.url)
    try:
        with store.session(read_only=True) as session:
            loops = lookup.list_loops(session, ADMIN)
            return HiringIds(role=loops[0].role_id, live=loops[0].id, decided=loops[1].id,
                             zara=loops[0].candidate_id, yuri=loops[1].candidate_id)
    finally:
        store.close()


def test_an_interviewer_below_the_level_needs_an_acknowledgement(world: World,
                                                                 run_cli: Any) -> None:
    ids = world_ids(world)
    result = run_cli("--db", world.url, "hire", "interview", str(ids.live), "ada", "--kind",
                     "presentation")
    assert result.code != 0
    assert "conflict of interest" in result.err
    assert "below the staff" in result.err
    assert result.err.count("\n") == 1
    store = Store(world.url)
    try:
        with store.session() as session:
            loop = lookup.loop_for(session, ADMIN, ids.live)
            with pytest.raises(NeedsAcknowledgement):
                changes.add_interview(session, ADMIN, loop, find_person(session, "ada"),
                                      "presentation", origin=COMMAND_LINE)
    finally:
        store.close()


def test_scorecards_are_blind_until_the_debrief(world: World) -> None:
    ids = world_ids(world)
    store = Store(world.url)
    try:
        with store.session(read_only=True) as session:
            for who in ("cora", "bo", "olga"):
                view = visible.loop_view(session, by(session, who), ids.live)
                assert "CYHIRE" not in str(view), who
                cy = next(i for i in view["interviews"] if i["interviewer"] == "cy")
                assert cy["submitted"], who
                assert "scorecard" not in cy, who
                assert view["debrief"] is None, who
            # Bo sees his own draft; Cy his own submitted card.
            assert "BODRAFT" in str(visible.loop_view(session, by(session, "bo"), ids.live))
            assert "CYHIRE" in str(visible.loop_view(session, by(session, "cy"), ids.live))
            # Someone with no part in the loop finds nothing.
            with pytest.raises(NotFoundError):
                visible.loop_view(session, by(session, "ada"), ids.live)
            with pytest.raises(NotFoundError):
                lookup.managed_loop(session, by(session, "cy"), ids.live)
    finally:
        store.close()
    # The CLI's JSON, as Cora, holds no trace either.
    result = CliRunner().invoke(cli_app, ["--db", world.url, "hire", "show", str(ids.live),
                                          "--as", "cora", "--json"])
    assert result.exit_code == 0, result.output
    assert "CYHIRE" not in result.output
    assert "Zara Candidate" in result.output


def finish_live_loop(world: World, ids: HiringIds) -> None:
    store = Store(world.url)
    try:
        with store.session() as session:
            loop = lookup.loop_for(session, ADMIN, ids.live)
            for who, level in (("cora", "staff"), ("bo", "senior")):
                interview = lookup.interview_of(loop, by(session, who))
                assert interview is not None
                changes.save_scorecard(
                    session, by(session, who), loop,
                    levels=dict.fromkeys(interview.dimensions, level),
                    evidence={d: f"{who.upper()}SAW {d}" for d in interview.dimensions},
                    lean="hire", submit=True, origin=COMMAND_LINE)
            changes.open_debrief(session, by(session, "olga"), loop, origin=COMMAND_LINE)
    finally:
        store.close()


def test_the_debrief_shows_every_card_with_alpha_and_severity(world: World) -> None:
    ids = world_ids(world)
    finish_live_loop(world, ids)
    store = Store(world.url)
    fw = default_framework()
    try:
        with store.session(read_only=True) as session:
            view = visible.loop_view(session, by(session, "cora"), ids.live)
    finally:
        store.close()
    assert "CYHIRE-glue-a9c3" in str(view)
    cards = [i["scorecard"] for i in view["interviews"]]
    assert all(c and c["submitted"] for c in cards)
    # Alpha over (dimension) items, as krippendorff computes it from the same table.
    members = [c["member"] for c in cards]
    dims = sorted({d for c in cards for d in c["levels"]})
    table = np.full((len(members), len(dims)), np.nan)
    for r, c in enumerate(cards):
        for d, level in c["levels"].items():
            table[r, dims.index(d)] = fw.level_index(level)
    items_with_pairs = [j for j in range(len(dims)) if np.sum(~np.isnan(table[:, j])) >= 2]
    debrief = view["debrief"]
    if items_with_pairs:
        expected = krippendorff.alpha(reliability_data=table, level_of_measurement="ordinal",
                                      value_domain=list(range(len(fw.levels))))
        assert debrief["alpha"] == round(float(expected), 3)
    else:
        assert debrief["alpha"] is None
    # Severity covers the two debriefed loops: Cy scored on both.
    assert debrief["severity"]["cy"]["loops"] == 2
    assert debrief["leans"]["cy"] == "strong_no_hire"


def test_hiring_seeds_a_person_and_erasing_keeps_only_statistics(world: World) -> None:
    ids = world_ids(world)
    store = Store(world.url)
    try:
        with store.session() as session:
            hm = by(session, "olga")
            loop = lookup.loop_for(session, hm, ids.decided)
            person = outcome.hire(session, hm, loop, origin=COMMAND_LINE)
            assert person.level == "staff"
            assert person.manager_id == find_person(
                session, "olga").id
            items = list_evidence(session, person=person)
            assert items
            assert all("YURI" in e.body for e in items)
        finish_live_loop(world, ids)
        with store.session(read_only=True) as session:
            before = visible.loop_view(session, ADMIN, ids.live)["debrief"]
        result = CliRunner().invoke(cli_app, ["--db", world.url, "hire", "erase",
                                              str(ids.zara), "--as", "olga"])
        assert result.exit_code == 0, result.output
        with store.session(read_only=True) as session:
            after = visible.loop_view(session, ADMIN, ids.live)
    finally:
        store.close()
    assert after["candidate"]["name"] == "(erased candidate)"
    assert after["debrief"]["alpha"] == before["alpha"]
    assert after["debrief"]["severity"] == before["severity"]
    leftovers = [(t, v[:80]) for t, v in all_text(world.url)
                 if any(m in v for m in ("Zara", "zara@", "Tiny Start-up", "CYHIRE",
                                         "CORASAW", "BOSAW"))]
    assert leftovers == []
    assert CY_CARD  # the markers searched for above are Cy's evidence


def test_deciding_against_the_panels_lean_needs_a_reason(world: World) -> None:
    ids = world_ids(world)
    finish_live_loop(world, ids)
    store = Store(world.url)
    try:
        with store.session() as session:
            hm = by(session, "olga")
            loop = lookup.loop_for(session, hm, ids.live)
            with pytest.raises(InputError, match="median lean is hire"):
                changes.decide(session, hm, loop, "no_hire", "Not this time.",
                               origin=COMMAND_LINE)
        with store.session() as session:
            hm = by(session, "olga")
            loop = lookup.loop_for(session, hm, ids.live)
            decision = changes.decide(session, hm, loop, "no_hire",
                                      "The panel leaned hire, but Cy's past-projects evidence "
                                      "shows one team's reach.", origin=COMMAND_LINE)
            assert decision.outcome == "no_hire"
    finally:
        store.close()
