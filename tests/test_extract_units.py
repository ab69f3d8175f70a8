"""Parts of the organisation a record sizes once ("Marketplace is about 310 engineers in 31
teams") and names alone later: work told of the unit reaches it, as "the organisation" would."""

from __future__ import annotations

import datetime as dt

import pytest

from staffpath.framework.loader import default_framework
from staffpath.ledger.bragdoc.parser import parse_brag_doc
from staffpath.ledger.extract.remit import read_remit
from staffpath.ledger.extract.units import named_units, unit_named
from staffpath.ledger.facts import Facts
from staffpath.ledger.service import entry_to_input
from staffpath.vocab import Scope

TODAY = dt.date(2025, 12, 19)


@pytest.mark.parametrize(("text", "name", "reach"), [
    ("Marketplace is about 310 engineers in 31 teams under Kenji (VP).", "Marketplace",
     Scope.ORG),
    ("Consumer = ~340 engs / 38 teams", "Consumer", Scope.ORG),
    ("Booking & Inventory (31 teams, ~320 engineers)", "Booking & Inventory", Scope.ORG),
    ("Consumer Digital: ~360 engineers, 41 teams", "Consumer Digital", Scope.ORG),
    ("The Payments group: 4 teams.", "Payments", Scope.TEAMS),
    ("Identity is four teams that share one on-call.", "Identity", Scope.TEAMS),
])
def test_a_unit_sized_in_teams_is_read_at_that_reach(text: str, name: str, reach: Scope) -> None:
    (unit,) = named_units(text)
    assert (unit.name, unit.reach) == (name, reach)


@pytest.mark.parametrize("text", [
    "Scope: 31 teams",  # a label
    "Apr: 3 teams onboarded",  # a log's date
    "W21 — 3 mobile teams moved",
    "Paired with each service team on their first integration PR (9 teams, 9 sessions)",
    "no self-serve streaming SQL (three teams asked; we can't run it well yet)",
    "Tomás, 3 teams and a deadline",
    "We are 28 engineers in four teams",  # the employer said of "us", no name
    "Marketplace is about 310 engineers",  # a headcount is no unit of work
    "The Payments team is one team",
])
def test_labels_dates_things_and_headcounts_are_no_units(text: str) -> None:
    assert named_units(text) == ()


def test_an_item_naming_the_unit_reaches_it_but_not_one_of_its_teams() -> None:
    units = named_units("Marketplace is about 310 engineers in 31 teams.")
    assert unit_named("Marketplace's cloud spend was growing 2.5x faster than bookings",
                      units) == units[0]
    assert unit_named("presented the review at the Marketplace all-hands", units) == units[0]
    assert unit_named("fixed a flaky test of the Marketplace search team", units) is None
    assert unit_named("Marketplace is about 310 engineers in 31 teams.", units) is None
    assert unit_named("MarketplaceSDK bump", units) is None


def _facts(entry_index: int, text: str) -> Facts:
    doc = parse_brag_doc(text, today=TODAY)
    made = entry_to_input(doc.entries[entry_index], document="y.md",
                          framework=default_framework())
    return Facts.from_dict(made.extra["extracted"])


def test_a_record_that_sizes_its_unit_reads_work_told_of_it_at_that_reach() -> None:
    record = """# Year in review — 2025

Senior engineer on the Search team. Marketplace is about 310 engineers in 31 teams.

## Cloud cost
- In August finance flagged that Marketplace's cloud spend was growing 2.5x faster than
  bookings; I wrote the cost model and the three changes that halved the growth.

## Small things
- Fixed the search team's flaky booking test.
"""
    cost = _facts(0, record)
    assert cost.scope is Scope.ORG
    assert cost.words["reach"].startswith("Marketplace: Marketplace is about 310 engineers")
    assert _facts(1, record).scope is not Scope.ORG


def test_a_team_spoken_of_in_general_places_nobody_on_it() -> None:
    """"get them to where a team or a set of teams can own them" does not put the author on
    one team: the unit the opening sizes is their remit."""
    found = read_remit("Marketplace is about 310 engineers in 31 teams under Kenji (VP). My job "
                       "is to take the problems no single owner has and get them to a place "
                       "where a team or a set of teams can own them.")
    assert found is not None
    assert found.reach is Scope.ORG
    assert read_remit("I'm on the Search team. Marketplace is 310 engineers in 31 teams.") is None
