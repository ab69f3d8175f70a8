"""Teams named by their area, without the word "team": lists of areas and people tagged with
their teams are several teams; people's names, one area, and platforms are not."""

from __future__ import annotations

import pytest

from staffpath.ledger.extract.teamnames import teams_by_area
from staffpath.ledger.facts import extract_facts
from staffpath.vocab import Scope


@pytest.mark.parametrize(("text", "teams"), [
    ("Chased down the callers in repos owned by Billing, Tax, Invoicing and Support.",
     ["Billing", "Tax", "Invoicing", "Support"]),
    ("Coordinated responders from Payments, Ledger and Edge; restored in 47 min.",
     ["Payments", "Ledger", "Edge"]),
    ("Set up the on-call handoff between Storage and Compute after the March outage.",
     ["Storage", "Compute"]),
    ("Ran the joint retro for the Storage/Network outage.", ["Storage", "Network"]),
    # A capitalised verb opening the sentence is not part of the list.
    ("Noticed Checkout, Cart and Promotions each cached prices differently.",
     ["Checkout", "Cart", "Promotions"]),
    # People tagged with their teams name the teams.
    ("Walked Anil (Growth TL) and Sofie (Onboarding TL) through the data model.",
     ["Growth", "Onboarding"]),
    ("Reached agreement with Camille (Data Platform lead) and Jonas (Analytics lead).",
     ["Data Platform", "Analytics"]),
    # A company's functions are groups of people too; "and with" still joins the list.
    ("Helped Legal and Support with the data-retention backlog.", ["Legal", "Support"]),
    ("I make the integration for the scoring with Risk and with Collections.",
     ["Risk", "Collections"]),
    ("Moved Reporting, Exports and the partner API off the old read replica.",
     ["Reporting", "Exports"]),
])
def test_areas_listed_or_tagged_are_teams(text: str, teams: list[str]) -> None:
    assert teams_by_area(text) == teams


@pytest.mark.parametrize("text", [
    "Paired with Ana and Bo on the fix.",
    "Worked on Search and fixed the export.",
    "Shipped the Billing rebuild.",
    "Pushed Android and iOS onto one analytics event spec.",
    "Read Designing Data-Intensive Applications.",
    "Helped Priya (Checkout) with her first design doc.",
])
def test_people_one_area_and_platforms_are_not_several_teams(text: str) -> None:
    assert teams_by_area(text) == []


def test_the_reach_of_teams_named_by_area_is_several_teams_with_their_names() -> None:
    facts = extract_facts("Billing, Ledger and Risk all moved onto the event schema I proposed.")
    assert facts.scope == Scope.TEAMS
    assert facts.words["reach"] == "Billing, Ledger, Risk"
