"""Hiring through the real application: who may call each hiring route (on SQLite and
PostgreSQL), and the blindness proof — before the debrief an interviewer's and the hiring
manager's every view (pages, API, the export, the scorecard fragment, the CLI's JSON) holds
no trace of another interviewer's scorecard; from the debrief on, the debrief shows them all."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from typer.testing import CliRunner

from hiring_helpers import CY_CARD, HiringIds, add_hiring, by
from staffpath.accounts.audit import COMMAND_LINE
from staffpath.cli.main import app as cli_app
from staffpath.hiring import changes, lookup
from staffpath.store.engine import Store
from web_helpers import SIGNED_IN, GridCase, World, Worlds, routes_outside_the_grid

MANAGER = frozenset({"other_manager", "admin"})  # Olga hires for the role
PANEL = frozenset({"peer", "committee"})  # Bo and Cora interview on the live loop
ON_LOOP = MANAGER | PANEL
HIRING_PATHS = ("/hiring", "/api/hiring", "/api/admin/hiring")


Case = GridCase


L = "/hiring/loops/{loop_id}"
CASES = (
    Case("GET", "/hiring", "/hiring", SIGNED_IN),
    Case("GET", L, "/hiring/loops/{live}", ON_LOOP),
    Case("POST", L + "/scorecard", "/hiring/loops/{live}/scorecard", PANEL,
         form={"lean": "hire"}),
    Case("POST", L + "/debrief", "/hiring/loops/{ready}/debrief", MANAGER),
    Case("POST", L + "/decision", "/hiring/loops/{decided}/decision", MANAGER,
         form={"outcome": "hire", "rationale": "the panel read staff across the board"}),
    Case("GET", L + "/debrief.csv", "/hiring/loops/{live}/debrief.csv", ON_LOOP),
    Case("GET", "/api" + L, "/api/hiring/loops/{live}", ON_LOOP),
    Case("GET", "/api/hiring/loops", "/api/hiring/loops", SIGNED_IN),
    Case("PUT", "/api" + L + "/scorecard", "/api/hiring/loops/{live}/scorecard", PANEL,
         json={"lean": "hire"}),
    Case("POST", "/api/hiring/roles/{role_id}/loops", "/api/hiring/roles/{role}/loops",
         MANAGER, json={"name": "New Candidate",
                        "titles": "Lead@Mid Co;engineers=400;teams=3;reach=org;years=2"}),
    Case("POST", "/api" + L + "/interviews", "/api/hiring/loops/{live}/interviews", MANAGER,
         json={"interviewer": "ada", "kind": "presentation",
               "acknowledgement": "shadowing to learn the loop"}),
    Case("POST", "/api" + L + "/debrief", "/api/hiring/loops/{ready}/debrief", MANAGER),
    Case("POST", "/api" + L + "/decision", "/api/hiring/loops/{decided}/decision", MANAGER,
         json={"outcome": "no_hire",
               "rationale": "the panel leaned hire; reconsidered: one team's reach"}),
    Case("POST", "/api" + L + "/hire", "/api/hiring/loops/{decided}/hire", MANAGER),
    Case("POST", "/api/hiring/candidates/{candidate_id}/erase",
         "/api/hiring/candidates/{yuri}/erase", MANAGER),
    Case("GET", "/api/hiring/roles", "/api/hiring/roles", SIGNED_IN),
    Case("POST", "/api/admin/hiring/roles", "/api/admin/hiring/roles", frozenset({"admin"}),
         json={"title": "Architect, Data", "level": "senior-staff", "hiring_manager": "dana"}),
)


@pytest.fixture(scope="module")
def world_setup() -> Callable[[World], HiringIds]:
    return add_hiring


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.key)
def test_hiring_route_answers_each_caller_as_its_rule_says(worlds: Worlds, case: Case) -> None:
    problems = case.problems(worlds)
    assert problems == [], f"{case.key}:\n  " + "\n  ".join(problems)


def test_every_hiring_route_is_in_the_grid(worlds: Worlds) -> None:
    assert routes_outside_the_grid(worlds.shared_app, HIRING_PATHS, CASES) == []


# --- blindness ---------------------------------------------------------------------------

MARKERS = [text.split()[0] for _level, text in CY_CARD.values()]


def card_shapes(data: Any) -> list[dict[str, Any]]:
    """Every dict in a JSON answer that describes one interviewer's scorecard."""
    found = []
    if isinstance(data, dict):
        if "member" in data and "levels" in data:
            found.append(data)
        for value in data.values():
            found += card_shapes(value)
    elif isinstance(data, list):
        for value in data:
            found += card_shapes(value)
    return found


def traces(body: str, ids: HiringIds) -> list[str]:
    found = [m for m in MARKERS if m in body]
    if f'data-score-id="{ids.cy_card}"' in body:
        found.append("Cy's card id")
    try:
        data = json.loads(body)
    except ValueError:
        return found
    found += [f"card {c}" for c in card_shapes(data) if c.get("member") == "cy"
              or c.get("id") == ids.cy_card]
    found += ["severity or leans"] if '"leans"' in body or '"severity"' in body else []
    return found


def views(world: World, app: Any, role: str, handle: str, ids: HiringIds) -> dict[str, str]:
    """Everything one person can read about the live loop."""
    client = world.client(role, app)
    got: dict[str, str] = {}
    for path in ("/hiring", f"/hiring/loops/{ids.live}", f"/hiring/loops/{ids.live}/debrief.csv",
                 "/api/hiring/loops", f"/api/hiring/loops/{ids.live}", "/api/hiring/roles",
                 "/admin/audit", "/api/admin/audit"):
        got[f"{role} GET {path}"] = client.get(path).text
    if role == "committee":
        # Cora's own draft through the page's fragment: nothing of Cy's in the answer.
        response = client.post(f"/hiring/loops/{ids.live}/scorecard", headers={
            "X-CSRF-Token": world.csrf(role), "HX-Request": "true"},
            data={"level:technical_judgment": "staff",
                  "evidence:technical_judgment": "CORAOWN weighed the trade-offs"})
        got[f"{role} POST scorecard (htmx)"] = response.text
    for command in (["hire", "show", str(ids.live)], ["hire", "list"]):
        result = CliRunner().invoke(cli_app, ["--db", world.url, *command, "--as", handle,
                                              "--json"])
        got[f"CLI {' '.join(command)} --as {handle}"] = result.stdout
    return got


def test_no_trace_of_another_interviewers_scorecard_before_the_debrief(
        worlds: Worlds) -> None:
    world = worlds.fresh()
    app = world.app()
    ids = worlds.ids
    before = {**views(world, app, "committee", "cora", ids),
              **views(world, app, "other_manager", "olga", ids),
              **views(world, app, "peer", "bo", ids)}
    leaks = {view: found for view, body in before.items() if (found := traces(body, ids))}
    assert leaks == {}
    # The views did answer (this is not blindness by everything failing).
    assert "CORAOWN" in before["committee POST scorecard (htmx)"]
    assert "Zara Candidate" in before[f"other_manager GET /hiring/loops/{ids.live}"]
    assert "waiting" in before[f"committee GET /hiring/loops/{ids.live}"]
    # Cy reads his own card.
    cy = world.client("committee2", app)
    assert all(m in cy.get(f"/api/hiring/loops/{ids.live}").text for m in MARKERS)
    # Everyone submits; the hiring manager opens the debrief.
    store = Store(world.url)
    try:
        with store.session() as session:
            loop = lookup.loop_for(session, by(session, "olga"), ids.live)
            for who, level in (("cora", "staff"), ("bo", "senior")):
                interview = lookup.interview_of(loop, by(session, who))
                assert interview is not None
                changes.save_scorecard(session, by(session, who), loop,
                                       levels=dict.fromkeys(interview.dimensions, level),
                                       evidence=dict.fromkeys(interview.dimensions, "seen"),
                                       lean="hire", submit=True, origin=COMMAND_LINE)
    finally:
        store.close()
    olga = world.client("other_manager", app)
    response = olga.post(f"/hiring/loops/{ids.live}/debrief",
                         headers={"X-CSRF-Token": world.csrf("other_manager")})
    assert response.status_code == 303, response.text
    for role in ("committee", "other_manager", "peer"):
        client = world.client(role, app)
        for path in (f"/hiring/loops/{ids.live}", f"/api/hiring/loops/{ids.live}",
                     f"/hiring/loops/{ids.live}/debrief.csv"):
            body = client.get(path).text
            assert all(m in body for m in MARKERS), (role, path)
    page = olga.get(f"/hiring/loops/{ids.live}").text
    assert f'data-score-id="{ids.cy_card}"' in page
    assert "alpha" in page
    world.close()
