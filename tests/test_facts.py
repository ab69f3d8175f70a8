"""Facts from prose: reach, role, people and money, as real evidence is written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from staffpath.ledger.facts import Facts, extract_facts
from staffpath.vocab import Role, Scope

TEAMS = ["Checkout", "Payments", "Data", "Mobile"]


@pytest.mark.parametrize(
    ("text", "scope", "role", "people", "money"),
    [
        ("Coordinated the migration of 34 services owned by 7 teams", Scope.TEAMS, Role.LED,
         {}, None),
        # Other teams' leads are other teams: the work reached several.
        ("Coordinated the migration of 34 services through their tech leads", Scope.TEAMS,
         Role.LED_LEADERS, {}, None),
        ("Trained 30 engineers on the new deploy flow", Scope.TEAMS, None, {"trained": 30},
         None),
        ("Taught 45 engineers how we run releases", Scope.ORG, None, {"trained": 45}, None),
        ("Saved $1.5M a year in hosting", None, None, {}, "1500000.00"),
        ("Cut vendor spend by $40k/month", None, None, {}, "480000.00"),
        ("Mentored three engineers, two of them were promoted", None, None,
         {"mentored": 3, "promoted": 2}, None),
        ("Set the technical direction for search, company-wide", Scope.COMPANY,
         Role.SET_DIRECTION, {}, None),
        ("Led the cart split with Payments and Mobile", Scope.TEAMS, Role.LED, {}, None),
        # "Data" opening is not the Data team; "my team" is one team.
        ("Data pipeline fix for my team", Scope.TEAM, None, {}, None),
        ("Fixed a flaky test", None, None, {}, None),
        ("Rolled out the standard org-wide", Scope.ORG, None, {}, None),
        ("Incident commander for the checkout outage", None, Role.LED, {}, None),
        # Leaders named by their groups are still leaders; a head of a function is an
        # organisation's leader.
        ("Agreed with the Pricing and Marketplace directors to be the first two orgs",
         Scope.ORG, Role.LED_LEADERS, {}, None),
        # A follow-up line that tells the direction adopted; reach beyond the author's org.
        ("Jul: direction adopted as base for all 34 teams' H2 plans", Scope.ORG,
         Role.SET_DIRECTION, {}, None),
        ("Review: ~70 design docs in year, 12 outside mobile org", Scope.ORG, None, {}, None),
        ("modularisation 85% done; 90 engineer-hours/day saved across org", Scope.ORG, None, {},
         None),
        ("Programme start: 4 workstream leads; I own the architecture decisions", Scope.TEAMS,
         Role.LED_LEADERS, {}, None),
        ("Rolled test selection to all 14 teams; met both objecting leads", Scope.ORG,
         Role.LED, {}, None),
        # A strategy co-written with someone, named by its years.
        ("Co-wrote with Marianne the 2026–2028 engineering direction for the company",
         Scope.COMPANY, Role.SET_DIRECTION, {}, None),
        # A division is an organisation of teams: its strategy reaches that far.
        ("Interviewed their authors, and wrote the division's first technical strategy",
         Scope.ORG, Role.SET_DIRECTION, {}, None),
        # A principal's understated lines: the bet, the council, speaking for the company.
        ("set the company's bet on event-driven integration; wrote the case, the CTO adopted it",
         Scope.COMPANY, Role.SET_DIRECTION, {}, None),
        ("Since mid-2025 I chair the architecture council (leads from all 5 business units)",
         Scope.COMPANY, Role.LED_LEADERS, {}, None),
        ("Represented the company in the open-source CloudEvents working group", Scope.COMPANY,
         Role.LED, {}, None),
        ("Outside the company: represented Amberline on the board of the OpenFare working group",
         Scope.COMPANY, Role.LED, {}, None),
        ("Started a monthly quality post to all engineers", Scope.ORG, Role.LED, {}, None),
        # Meeting an executive or being praised by one is not reach; taking work to them is.
        ("Skip-level coffee with the CTO and 7 other engineers", None, None, {}, None),
        ("Demoed the fix at Friday demos, and our CTO called it a great catch", None, None,
         {}, None),
        ("Wrote the proposal and took it to the CTO, who approved it", Scope.COMPANY,
         Role.SET_DIRECTION, {},
         None),
        # Someone named took it to the executives: their audience, not the author's reach.
        ("Wrote the cost model for the storage move. Lena presented it at the board meeting",
         None, None, {}, None),
        ("Built the latency dashboards; Priya demoed them to the exec team", None, None, {},
         None),
        ("Built the latency dashboards. The team presented them to the exec team",
         Scope.COMPANY, None, {}, None),
        # Showing a demo at the all-hands is not speaking for the company outside it.
        ("Represented engineering at the quarterly all-hands demo", Scope.COMPANY, None, {},
         None),
        ("Grew four engineers to staff across three orgs", Scope.ORG, None, {"trained": 4},
         None),
        # A proposal that became the architecture, a direction paper published, a company
        # represented before a regulator: a principal's record, told modestly.
        ("In September 2024 I wrote the proposal that became our regional-cell architecture",
         None, Role.SET_DIRECTION, {}, None),
        ("We published the engineering direction paper, signed by the CTO", Scope.COMPANY,
         Role.SET_DIRECTION, {}, None),
        ("Outside the company, I represented Hallbrook; I was one of two engineers in our "
         "meetings with the consumer authority", Scope.COMPANY, Role.LED, {}, None),
        # Something the author wrote that others adopted as their standard set the direction.
        ("Wrote the idempotency design adopted by all four payment teams as their standard",
         Scope.TEAMS, Role.SET_DIRECTION, {}, None),
        ("Wrote the 2027 data strategy with Ruth and the Head of ML", Scope.ORG, Role.SET_DIRECTION,
         {}, None),
        # A course the author argued for that the company then committed to: a bet.
        ("Recommended to the CTO that we stop licensing the SFU and run our own. 3-year "
         "commitment", Scope.COMPANY, Role.SET_DIRECTION, {}, None),
        ("2026 planning: argued for a fixed 20% of capacity on reliability. Exec staff approved.",
         Scope.COMPANY, Role.SET_DIRECTION, {}, None),
        # Recommending a person, or a case nobody took up, is not a direction set.
        ("Recommended Anna for the promotion panel; she was approved", None, None, {}, None),
        ("Argued for a rewrite of the billing jobs; it was turned down", None, None, {}, None),
    ],
)
def test_facts_from_prose(text: str, scope: Scope | None, role: Role | None,
                          people: dict[str, int], money: str | None) -> None:
    facts = extract_facts(text, team_names=TEAMS)
    assert facts.scope == scope
    assert facts.role == role
    assert facts.people == people
    assert facts.money_per_year == money


def test_scope_tags_count_as_reach() -> None:
    assert extract_facts("Shipped X", tags=["crossteam"]).scope is Scope.TEAMS
    assert extract_facts("Shipped X", tags=["org-wide"]).scope is Scope.ORG
    assert extract_facts("Shipped X company-wide", tags=["crossteam"]).scope is Scope.COMPANY


def test_teams_named_are_listed() -> None:
    facts = extract_facts("Agreed the plan with Payments and Mobile", team_names=TEAMS)
    assert facts.teams_named == ("Payments", "Mobile")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.text(max_size=200))
def test_any_text_extracts_without_error_and_round_trips(title: str, body: str) -> None:
    facts = extract_facts(title, body, TEAMS)
    assert Facts.from_dict(facts.as_dict()) == facts


@pytest.mark.parametrize("text", ["did", "led", "led_leaders", "Led Leaders", "led-leaders"])
def test_role_parse(text: str) -> None:
    assert Role.parse(text) in Role


def test_role_parse_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="unknown role"):
        Role.parse("wizard")
