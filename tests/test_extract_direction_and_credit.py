"""Reach and role read from sentences of the blind set's tuning half (batch blind-2026-12b) and
their counter-examples: leads coached are leaders led; priorities set are direction; a
recommendation others went with is direction whichever order the sentence tells it in; work
someone named led is taken part in; a verb after "and" belongs to its sentence's subject; teams
listed by names of two words, or named beside one's own, are several teams."""

from __future__ import annotations

import pytest

from staffpath.ledger.facts import extract_facts
from staffpath.vocab import Role, Scope


@pytest.mark.parametrize(("text", "role"), [
    ("Coached two newer tech leads through their first quarterly planning; both ran the next "
     "cycle without me in the room.", Role.LED_LEADERS),
    ("Mentored the tech leads of Cards and Loans through their first incident reviews.",
     Role.LED_LEADERS),
    # Coaching one engineer is mentoring, not leading leaders.
    ("Mentored Ana through her first design review.", None),
    ("As the CTO's technical deputy, set engineering priorities for H2 across all four "
     "divisions.", Role.SET_DIRECTION),
    ("Briefed the CEO and CFO on on-prem versus cloud costs; they went with the hybrid plan I "
     "recommended.", Role.SET_DIRECTION),
    # Somebody else's plan chosen is not the author's direction.
    ("Briefed the CEO on cloud costs; they went with the vendor plan.", None),
    # An approval in another sentence does not adopt what the author proposed later.
    ("They approved the budget. I proposed a new on-call rota for my team.", Role.LED),
    ("On the review rotation for the new auth flow, which Sofia led.", Role.CONTRIBUTED),
    # A second verb shares its sentence's subject: Ibrahim ran the waves, not the author.
    ("My part was the webhook handlers. Ibrahim designed the migration and ran the waves.",
     None),
    ("Designed the migration and ran the waves.", Role.LED),
    ("I designed the migration and ran the waves.", Role.LED),
    ("Then designed the migration and ran the waves.", Role.LED),
    ("Scoped the work with Ana and ran the cut-over myself.", Role.LED),
    # Bringing others to one mind, getting teams to move, setting the order of the work.
    ("Brought Payments and Risk to agreement on one refund model.", Role.LED),
    ("Got four teams to adopt the same retry library.", Role.LED),
    ("I set the sequencing for the five teams involved and unblocked them weekly.", Role.LED),
    ("My manager got the teams to agree.", None),
    ("Got the tests to pass on CI.", None),
    ("Wrote the RFC that three teams then built against.", Role.SET_DIRECTION),
    # A lead the text hands to the tech lead's design is no lead of the author's.
    ("Led the implementation of the checkout API from the tech lead's design.", None),
    ("Owned the delivery of the tickets my lead broke down for the billing epic.", None),
    ("Led the build of the export service; the design was our TL's.", None),
    ("Led the export service rewrite end to end.", Role.LED),
    # A service owned by a team says who owns it, not that the author only helped.
    ("Split checkout out of the monolith: one order service owned by Cart, payments owned by "
     "Payments.", None),
])
def test_role(text: str, role: Role | None) -> None:
    facts = extract_facts(text)
    assert facts.role is role, facts.words
    assert ("role" in facts.words) is (role is not None)


@pytest.mark.parametrize(("text", "reach", "words"), [
    ("Fixed a race in the shared auth middleware that was dropping sessions for the Web, "
     "Mobile and Partner API teams.", Scope.TEAMS, "Web, Mobile and Partner API teams"),
    ("I helped the Identity team and my team land on one token format by writing both options "
     "up side by side.", Scope.TEAMS, "the Identity team and my team"),
    ("Moved the Search and Data Platform teams onto the new cluster.", Scope.TEAMS,
     "Search and Data Platform teams"),
    # One's own team named alone is one team.
    ("Moved my team's jobs onto the new cluster.", Scope.TEAM, "my team's"),
    # Teams counted in words, with their kind between: several teams.
    ("Worked with other engineering teams on the schema.", Scope.TEAMS,
     "other engineering teams"),
    ("Rolled it out to both squads.", Scope.TEAMS, "both squads"),
    ("Onboarded several product teams onto it.", Scope.TEAMS, "several product teams"),
    ("Paired with the mobile teams on the release train.", Scope.TEAMS, "the mobile teams"),
    ("Drove the decision between Kafka and Pulsar with the data and platform leads.",
     Scope.TEAMS, "the data and platform leads"),
    ("Facilitated the architecture review with teams from Payments, Orders and Fraud.",
     Scope.TEAMS, "teams from Payments, Orders and Fraud"),
])
def test_reach(text: str, reach: Scope, words: str) -> None:
    facts = extract_facts(text)
    assert facts.scope is reach
    assert facts.words["reach"] == words


@pytest.mark.parametrize("text", ["One of the teams adopted it.",
                                  "I work on one of the backend teams."])
def test_one_of_the_teams_is_one_team(text: str) -> None:
    assert extract_facts(text).scope in (None, Scope.TEAM)


def test_listed_teams_of_two_word_names_are_counted() -> None:
    facts = extract_facts("Fixed a race dropping sessions for the Web, Mobile and Partner API "
                          "teams.")
    assert facts.teams_count == 3
