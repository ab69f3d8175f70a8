"""Conflicts of interest on promotion panels: the manager and the reporting chain, mentor and
mentee from the mentorship graph, the same team, a level below the target. Each needs an
acknowledgement to proceed; the reason is kept and shown at calibration."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from cycle_helpers import CycleIds, add_cycles
from staffpath.accounts.audit import COMMAND_LINE
from staffpath.cycles import changes, lookup
from staffpath.cycles import lifecycle as cycles
from staffpath.cycles.conflicts import NeedsAcknowledgement
from staffpath.cycles.panel import conflicts_of
from staffpath.cycles.panel_tables import PanelConflict
from staffpath.framework.loader import default_framework
from staffpath.framework.registry import store_framework
from staffpath.ledger.service import import_brag_text
from staffpath.people.service import find_person, import_roster
from staffpath.store.engine import Store
from web_helpers import SQLITE_ONLY, World, Worlds

WORLD_BACKENDS = SQLITE_ONLY
BRAG = "# 2026\n- 2026-03-10: Mentored @bo through their first on-call rotation #mentoring\n"


@pytest.fixture
def ada_nominated(db_url: str, roster_file: Any) -> Any:
    store = Store(db_url)
    fw = default_framework()
    with store.session() as session:
        store_framework(session, fw, source="built-in")
        import_roster(session, roster_file, level_ids=fw.level_ids)
    with store.session() as session:
        import_brag_text(session, find_person(session, "ada"), BRAG, document="brag.md",
                         framework=fw, team_names=["Checkout", "Payments"])
        c = cycles.create_cycle(session, "2026 H1", dt.date(2026, 1, 1), dt.date(2026, 6, 30))
        cycles.nominate(session, c, find_person(session, "ada"))
    yield store
    store.close()


def test_each_kind_of_conflict_is_named(ada_nominated: Store) -> None:
    with ada_nominated.session(read_only=True) as session:
        n = lookup.get_nomination(session, lookup.get_cycle(session, "2026 H1"), "ada")
        found = {h: conflicts_of(session, n, find_person(session, h))
                 for h in ("mo", "dana", "bo", "cy")}
    assert found["mo"] == ["mo is ada's manager", "mo is on ada's team"]
    assert found["dana"] == ["dana is in ada's reporting chain"]
    assert "bo is mentored by ada (mentorship graph)" in found["bo"]
    assert "bo is on ada's team" in found["bo"]
    assert any("below the staff engineer level" in r for r in found["bo"])
    assert found["cy"] == ["cy is senior engineer, below the staff engineer level being judged"]


def test_a_conflict_needs_an_acknowledgement_which_is_kept(ada_nominated: Store) -> None:
    with ada_nominated.session() as session:
        n = lookup.get_nomination(session, lookup.get_cycle(session, "2026 H1"), "ada")
        with pytest.raises(NeedsAcknowledgement, match="mo is ada's manager"):
            changes.assign(session, n, find_person(session, "mo"), origin=COMMAND_LINE)
    with ada_nominated.session(read_only=True) as session:
        assert session.scalar(select(func.count()).select_from(PanelConflict)) == 0
        n = lookup.get_nomination(session, lookup.get_cycle(session, "2026 H1"), "ada")
        assert n.assignments == []
    with ada_nominated.session() as session:
        n = lookup.get_nomination(session, lookup.get_cycle(session, "2026 H1"), "ada")
        changes.assign(session, n, find_person(session, "mo"), origin=COMMAND_LINE,
                       acknowledgement="the only manager who saw the work")
    with ada_nominated.session(read_only=True) as session:
        row = session.scalar(select(PanelConflict))
        assert row is not None
        assert row.reasons == ["mo is ada's manager", "mo is on ada's team"]
        assert row.acknowledgement == "the only manager who saw the work"


def test_the_cli_warns_in_one_line(run_cli: Any, tmp_path: Any) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("name,email,team,manager,level,target_level,role\n"
                      "Mo Manager,mo@corp.example,Checkout,,principal,,manager\n"
                      "Ada Lovelace,ada@corp.example,Checkout,mo@corp.example,senior,staff,"
                      "engineer\n", encoding="utf-8")
    for line in (f"people import {roster}",
                 "cycle open 2026H1 --opens 2026-01-01 --closes 2026-06-30 --draft",
                 "cycle nominate 2026H1 ada"):
        assert run_cli(*line.split()).code == 0
    result = run_cli("cycle", "assign", "2026H1", "ada", "--member", "mo")
    assert result.code != 0
    assert result.err.count("\n") == 1
    assert "mo is ada's manager" in result.err
    assert "mo is on ada's team" in result.err
    ok = run_cli("cycle", "assign", "2026H1", "ada", "--member", "mo", "--acknowledge",
                 "small org: the manager sits on every panel", "--json")
    assert ok.code == 0, ok.err


@pytest.fixture(scope="module")
def world_setup() -> Callable[[World], CycleIds]:
    def setup(world: World) -> CycleIds:
        ids = add_cycles(world)
        store = Store(world.url)
        try:
            with store.session() as session:
                c = lookup.get_cycle(session, "2026 H1")
                n = lookup.get_nomination(session, c, "ada")
                changes.assign(session, n, find_person(session, "mo"), origin=COMMAND_LINE,
                               acknowledgement="ACK-mo saw the cart split first hand")
        finally:
            store.close()
        return ids
    return setup


def test_calibration_shows_the_acknowledged_conflict(worlds: Worlds) -> None:
    world = worlds.fresh()
    app = world.app()
    ids = worlds.ids
    cora = world.client("committee", app)
    before = cora.get(f"/committee/cycles/{ids.open}").text
    assert "ACK-mo" not in before  # not before calibration
    admin = world.client("admin", app)
    assert "ACK-mo" in admin.get(f"/admin/cycles/{ids.open}").text
    store = Store(world.url)
    try:
        with store.session() as session:
            c = lookup.get_cycle(session, "2026 H1")
            for nid in (ids.dana, ids.bo_self):
                cycles.withdraw(session, lookup.get_nomination(session, c, nid))
            cycles.open_calibration(session, c)
    finally:
        store.close()
    page = cora.get(f"/committee/cycles/{ids.open}").text
    assert 'data-testid="panel-conflict"' in page
    assert "mo is ada&#39;s manager" in page
    assert "ACK-mo saw the cart split first hand" in page
    # The decision form offers rationales built from the panel's real blockers.
    assert 'data-testid="suggested-rationale"' in page
    assert "The panel&#39;s median is below staff engineer" in page
    world.close()
