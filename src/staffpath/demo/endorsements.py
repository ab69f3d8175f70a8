"""The demo's endorsements: for each candidate the demo expects to be ready, their manager and
a colleague on another team vouch for their two widest-reaching journal items, through the
product's own endorsement service, so the packets' advocates sections quote real words.
The peer is someone on a team the item names where there is one."""

from __future__ import annotations

from collections.abc import Sequence

from staffpath.accounts.audit import COMMAND_LINE
from staffpath.assess.service import to_items
from staffpath.assess.signals import Item
from staffpath.demo.content import DemoPersonSpec
from staffpath.ledger import endorsements as en
from staffpath.ledger.service import list_evidence
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from staffpath.store.tables import Evidence, Person

ITEMS_EACH = 2
# What a colleague writes, by what the item is; the first name and the colleague's own team
# fill in.
WORDS = {
    "migration": "I watched {first} run this migration from the {team} side: the plan held, "
                 "teams moved on their own schedule and nobody was paged for it.",
    "strategy": "{first} wrote this with us, not for us; {team} changed its roadmap because "
                "of it, and we still point new people at it.",
    "design_doc": "The design {first} wrote settled an argument {team} had been having for a "
                  "year; we built on it without coming back to the decision.",
    "decision_record": "{first}'s decision record is the one {team} cites when the question "
                       "comes up again; it saved us weeks of re-arguing.",
    "incident": "{first} led the response calmly and the follow-up work actually landed; "
                "{team} has not seen that failure since.",
    "shipped_project": "{team} depended on this shipping; {first} kept every team informed "
                       "and it landed when they said it would.",
    "cross_team_code": "{first} changed code in {team}'s services the way we would have, and "
                       "left it better documented than they found it.",
    "mentorship": "Two of the people {first} mentored now lead work in {team}; they still "
                  "quote {first}'s review comments.",
    "process": "{team} adopted the process {first} set up without being told to, because it "
               "made our week easier.",
    "talk": "After {first}'s talk, {team} rewrote its own onboarding around it.",
    "hiring": "{first}'s interview question is the one {team} borrowed: it tells us more in "
              "an hour than our old loop did in a day.",
}
DEFAULT_WORDS = ("I worked with {first} on this from the {team} side: {first} drove it across "
                 "the teams involved, and it would not have landed without them.")


def _widest(items: Sequence[Evidence]) -> list[tuple[Evidence, Item]]:
    """The person's own widest-reaching items, as the assessment reads them (led before did,
    bigger impact first); mined items are confirmed already."""
    own = [e for e in items if e.source_type == "file"]
    read = {i.id: i for i in to_items(own)}
    ranked = sorted(own, key=lambda e: (read[e.id].scope, read[e.id].role, read[e.id].impact,
                                        e.id), reverse=True)
    return [(e, read[e.id]) for e in ranked[:ITEMS_EACH]]


def _peer(people: Sequence[Person], person: Person, teams: frozenset[str],
          turn: int) -> Person | None:
    """A colleague on a team the item names (else on another team), the same for each run."""
    others = [p for p in people if p.active and p.role == "engineer" and p.id != person.id
              and p.team_id != person.team_id]
    named = [p for p in others if p.team is not None and p.team.name in teams]
    pool = named or others
    return pool[turn % len(pool)] if pool else None


def build_demo_endorsements(store: Store, specs: Sequence[DemoPersonSpec]) -> int:
    """Ask and answer the demo's endorsements; returns how many were answered."""
    answered = 0
    with store.session() as session:
        people = [find_person(session, s.handle) for s in specs if s.role == "engineer"]
        people.sort(key=lambda p: p.handle)
        for spec in specs:
            if not spec.expect_ready or not spec.target_level:
                continue
            person = find_person(session, spec.handle)
            first = person.name.split()[0]
            asker = en.principal_of(session, person)
            for turn, (item, read) in enumerate(_widest(list_evidence(session, person=person))):
                peer = _peer(people, person, read.teams, person.id + turn)
                colleagues = [p for p in (person.manager, peer) if p is not None]
                made = en.ask(session, asker, item.id, [c.handle for c in colleagues],
                              note="You saw this work up close.", origin=COMMAND_LINE)
                for n, request in enumerate(made):
                    helper = request.colleague
                    team = helper.team.name if helper.team else "platform"
                    if n == 0:  # the manager confirms; the colleague elsewhere says more
                        en.answer(session, en.principal_of(session, helper), request.id,
                                  "confirm", origin=COMMAND_LINE)
                    else:
                        text = WORDS.get(item.kind, DEFAULT_WORDS).format(first=first,
                                                                           team=team)
                        en.answer(session, en.principal_of(session, helper), request.id,
                                  "endorse", text=text, origin=COMMAND_LINE)
                    answered += 1
    return answered
