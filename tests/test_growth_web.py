"""Growth through the real application, on SQLite and PostgreSQL: who may call each growth
route (the authorization grid), and who sees whose matches."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

from staffpath.accounts.audit import COMMAND_LINE
from staffpath.accounts.principal import Principal
from staffpath.framework.registry import active_framework
from staffpath.growth.opportunities import OpportunityInput, add_opportunity
from staffpath.store.engine import Store
from staffpath.vocab import Scope
from staffpath.web.app import iter_routes
from web_helpers import SIGNED_IN, World, Worlds, grid_problems

OWN = frozenset({"self"})
# The person, their managers up the chain, and the organisation's leaders (managers, the
# principal engineer on the committee, the administrator) — not a peer.
GROWTH_READERS = frozenset({"self", "manager", "skip_manager", "other_manager", "committee",
                            "admin"})
# Recording and handing out work: managers and leaders.
GROWTH_MANAGERS = frozenset({"manager", "skip_manager", "other_manager", "committee", "admin"})
# The organisation view's readers: leaders (people managers, staff-level engineers) and admins.
LEADERS = GROWTH_MANAGERS


@dataclass(frozen=True)
class GrowthIds:
    opp: int


def add_growth(world: World) -> GrowthIds:
    store = Store(world.url)
    try:
        with store.session() as session:
            fw = active_framework(session)
            view = add_opportunity(session, COMMAND_LINE, Principal.command_line(), fw,
                                   OpportunityInput(
                                       title="Lead the cart split follow-up",
                                       kind="cross_team_project", teams=["Checkout", "Payments"],
                                       reach=Scope.TEAMS, duration_weeks=8,
                                       dimensions=["scope_of_impact", "collaboration"]))
    finally:
        store.close()
    return GrowthIds(opp=view.id)


@pytest.fixture(scope="module")
def world_setup() -> Callable[[World], GrowthIds]:
    return add_growth


@dataclass(frozen=True)
class Case:
    method: str
    route: str
    allowed: frozenset[str]
    form: dict[str, str] | None = None
    json: dict[str, Any] | None = None

    @property
    def key(self) -> str:
        return f"{self.method} {self.route}"

    @property
    def writes(self) -> bool:
        return self.method not in ("GET", "HEAD")

    def path(self, ids: GrowthIds) -> str:
        return self.route.format(handle="ada", opportunity_id=ids.opp)


P = "/people/{handle}"
OPP = "/opportunities/{opportunity_id}"
NEW = {"title": "Write the payments RFC", "kind": "rfc", "teams": "Checkout",
       "reach": "teams", "duration_weeks": "4", "dimensions": "strategy"}
CASES = (
    Case("GET", f"{P}/plan", GROWTH_READERS),
    Case("GET", f"{P}/plan/chart.svg", GROWTH_READERS),
    Case("POST", f"{P}/plan", OWN, form={}),
    Case("GET", "/opportunities", SIGNED_IN),
    Case("POST", "/opportunities", GROWTH_MANAGERS, form=NEW),
    Case("GET", OPP, SIGNED_IN),
    Case("POST", f"{OPP}/assign", GROWTH_MANAGERS, form={"person": "ada"}),
    Case("GET", f"/api{P}/plan", GROWTH_READERS),
    Case("POST", f"/api{P}/plan", OWN),
    Case("GET", f"/api{P}/opportunities", GROWTH_READERS),
    Case("GET", "/api/opportunities", SIGNED_IN),
    Case("POST", "/api/opportunities", GROWTH_MANAGERS,
         json={**NEW, "teams": ["Checkout"], "dimensions": ["strategy"], "duration_weeks": 4}),
    Case("GET", f"/api{OPP}", SIGNED_IN),
    Case("GET", f"/api{OPP}/matches", SIGNED_IN),
    Case("POST", f"/api{OPP}/sponsorships", GROWTH_MANAGERS, json={"person": "ada"}),
    Case("GET", "/api/sponsorships", SIGNED_IN),
    Case("POST", f"{P}/reflection", OWN, form={"energises": "Untangling problems nobody owns"}),
    Case("GET", "/org/promotions", LEADERS),
    Case("GET", f"/api{P}/fit", GROWTH_READERS),
    Case("PUT", f"/api{P}/reflection", OWN, json={"energises": "Shipping things"}),
    Case("GET", "/api/org/promotions", LEADERS),
)


def call(world: World, app: Any, case: Case, role: str, ids: GrowthIds) -> httpx.Response:
    client = world.client(role, app)
    headers = {"X-CSRF-Token": world.csrf(role)} if case.writes else {}
    return client.request(case.method, case.path(ids), headers=headers, data=case.form,
                          json=case.json)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.key)
def test_growth_route_answers_each_caller_as_its_rule_says(worlds: Worlds, case: Case) -> None:
    problems = grid_problems(
        worlds, lambda world, app, role: call(world, app, case, role, worlds.ids),
        allowed=case.allowed, writes=case.writes, api=case.route.startswith("/api/"))
    assert problems == [], f"{case.key}:\n  " + "\n  ".join(problems)


GROWTH_PATHS = ("/opportunities", "/api/opportunities", "/api/sponsorships", "/org/promotions",
                "/api/org/promotions")


PERSON_ENDS = ("/plan", "/plan/chart.svg", "/{handle}/opportunities", "/fit", "/reflection")


def test_every_growth_route_is_in_the_grid(worlds: Worlds) -> None:
    routes = set()
    for route in iter_routes(worlds.shared_app.routes):
        if isinstance(route, APIRoute) and (route.path.startswith(GROWTH_PATHS)
                                            or route.path.endswith(PERSON_ENDS)):
            routes |= {f"{m} {route.path}" for m in route.methods or ()}
    assert routes == {c.key for c in CASES}


VISIBLE = ("self", "peer", "manager", "other_manager", "skip_manager")


def test_matches_show_only_people_the_caller_may_see(worlds: Worlds) -> None:
    world, ids = worlds.shared, worlds.ids
    seen = {}
    for role in VISIBLE:
        response = world.client(role, worlds.shared_app).get(
            f"/api/opportunities/{ids.opp}/matches")
        assert response.status_code == 200
        seen[role] = {m["person"] for m in response.json()}
    # Engineers see only themselves; people managers lead (by role), so they see the
    # organisation's engineers, whoever they report to.
    assert seen["self"] == {"ada"}
    assert seen["peer"] == {"bo"}
    everyone = {"ada", "bo", "cy", "cora", "dee"}
    assert seen["manager"] == seen["other_manager"] == seen["skip_manager"] == everyone


def test_matches_give_scored_reasons(worlds: Worlds) -> None:
    world, ids = worlds.shared, worlds.ids
    matches = world.client("manager", worlds.shared_app).get(
        f"/api/opportunities/{ids.opp}/matches").json()
    ada = next(m for m in matches if m["person"] == "ada")
    assert ada["score"] == sum(r["points"] for r in ada["reasons"])
    kinds = {r["kind"] for r in ada["reasons"]}
    # Ada aims at staff: the work closes her gaps, and her cart split work is adjacent.
    assert "gap" in kinds
    assert "adjacent" in kinds
    adjacent = [r for r in ada["reasons"] if r["kind"] == "adjacent"]
    assert all(r["cites"] for r in adjacent)
    assert matches[0]["person"] == "ada"


def test_the_plan_answers_with_its_history_when_asked(worlds: Worlds) -> None:
    world = worlds.shared
    client = world.client("self", worlds.shared_app)
    plain = client.get("/api/people/ada/plan").json()
    assert "history" not in plain
    with_history = client.get("/api/people/ada/plan", params={"history": "true"}).json()
    points = with_history["history"]["points"]
    assert len(points) == 13
    assert points[-1]["gaps"] == len(with_history["gaps"])
    # Someone else's history is not there.
    other = world.client("peer", worlds.shared_app).get(
        "/api/people/ada/plan", params={"history": "true"})
    assert other.status_code == 404
    page = client.get("/people/ada/plan")
    assert 'data-testid="gap-chart"' in page.text
    chart = client.get("/people/ada/plan/chart.svg")
    assert chart.headers["content-type"].startswith("image/svg+xml")
    assert "still open" in chart.text


def test_a_history_flag_that_is_not_a_boolean_is_one_clear_422(worlds: Worlds) -> None:
    client = worlds.shared.client("self", worlds.shared_app)
    response = client.get("/api/people/ada/plan", params={"history": "maybe"})
    assert response.status_code == 422
    assert "history" in response.text
