"""The demo's growth records: two organisation goals, open work that could grow people, a
sponsorship that led to a promotion, promotions followed up at 3, 6 and 12 months (one person
went back to senior by choice), and a few answers to "what energises you" — written through
the growth services, as leaders and the people themselves would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from staffpath.accounts.audit import COMMAND_LINE
from staffpath.accounts.principal import Principal
from staffpath.assess.service import live_evidence
from staffpath.framework.registry import active_framework
from staffpath.growth.fit import set_energises
from staffpath.growth.followup import record_checkin, record_promotion
from staffpath.growth.opportunities import OpportunityInput, add_goal, add_opportunity
from staffpath.growth.sponsorship import assign, close
from staffpath.growth.strategy import Area, synthesise, to_markdown
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from staffpath.vocab import Scope

OPERATOR = Principal.command_line()

GOALS = (
    ("Checkout stays fast and up through the spring sale", "margaret.ellison", "2027-H1"),
    ("One sign-in service for every product", "victor.nguyen", "2027-H1"),
)

OPPORTUNITIES = (
    OpportunityInput(
         title="Lead the payment-retries migration across Payments, Checkout and Fulfilment",
         description="Every service that charges a card moves to the shared retry library; "
                     "three teams' on-call runbooks change with it.",
         kind="migration", teams=["Payments", "Checkout", "Fulfilment"], reach=Scope.TEAMS,
         duration_weeks=12, dimensions=["execution", "collaboration", "communication"],
         owner="samuel.osei", goal=GOALS[0][0]),
    OpportunityInput(title="Write the RFC for a shared feature-flag service",
         description="Mobile, Platform and Developer Experience each run their own flags; "
                     "propose one service and the path to it, with the options rejected.",
         kind="rfc", teams=["Platform Infrastructure", "Developer Experience", "Mobile"],
         reach=Scope.TEAMS, duration_weeks=6,
         dimensions=["technical_judgment", "strategy", "communication"], owner="thomas.becker"),
    OpportunityInput(title="Run the follow-up of the search outage",
         description="Turn the review's actions into landed changes in Search and Data, and "
                     "report back to both teams.",
         kind="incident_follow_up", teams=["Search & Discovery", "Data"], reach=Scope.TEAMS,
         duration_weeks=4, dimensions=["glue_work", "technical_judgment", "self_awareness"],
         owner="mateo.silva"),
    OpportunityInput(title="Pair someone on the catalog indexer",
         description="Only one person has changed the indexer this year; pair a second "
                     "engineer on the next two changes.",
         kind="pairing", teams=["Catalog"], reach=Scope.TEAM, duration_weeks=6,
         dimensions=["developing_others", "glue_work"], owner="linda.park"),
    OpportunityInput(title="Chair the design reviews for the sign-in service",
         description="Run the review series that takes Identity and Payments to one sign-in "
                     "service; grow two reviewers along the way.",
         kind="review", teams=["Identity", "Payments"], reach=Scope.ORG, duration_weeks=16,
         dimensions=["developing_others", "collaboration", "scope_of_impact"],
         owner="victor.nguyen", goal=GOALS[1][0]),
)

# Done a year ago: Diego led it as a senior engineer, and was promoted to staff since.
PAST = OpportunityInput(title="Move every team to the shared CI runners",
            description="Retire five hand-run CI setups for the shared runners.",
            kind="migration", teams=["Platform Infrastructure", "Developer Experience",
                                     "Data"], reach=Scope.TEAMS, duration_weeks=20,
            dimensions=["execution", "glue_work", "scope_of_impact"], owner="thomas.becker")
PAST_DIMENSIONS = set(PAST.dimensions)
PAST_PERSON, PAST_SPONSOR, PAST_LEVEL = "diego.fernandez", "helen.achterberg", "senior"


def build_demo_growth(store: Store, today: dt.date) -> None:
    with store.session() as session:
        fw = active_framework(session)
        for title, owner, period in GOALS:
            add_goal(session, COMMAND_LINE, OPERATOR, title, owner=owner, period=period)
        for spec in OPPORTUNITIES:
            add_opportunity(session, COMMAND_LINE, OPERATOR, fw, spec)
        diego = find_person(session, PAST_PERSON)
        past = add_opportunity(session, COMMAND_LINE, OPERATOR, fw, PAST)
        started = today - dt.timedelta(days=400)
        row = assign(session, COMMAND_LINE, OPERATOR, past.id, diego,
                     sponsor=find_person(session, PAST_SPONSOR), on=started)
        row.level_at_start = PAST_LEVEL  # the level Diego held when it was handed to him
        produced = [e.id for e in live_evidence(session, diego)
                    if set(e.dimensions) & PAST_DIMENSIONS][:3]
        close(session, COMMAND_LINE, OPERATOR, row.id, "delivered",
              note="Five CI setups retired; the runners are now the default for new services.",
              evidence_ids=produced, on=started + dt.timedelta(weeks=22))
    build_demo_followups(store, today)


# (handle, days ago, from, to, check-ins: month -> (happy, wants back, in role, note))
PROMOTIONS = (
    ("diego.fernandez", 300, "senior", "staff", {
        3: (True, False, True, "More writing than I expected; I like it."),
        6: (True, False, True, "The CI migration landing helped a lot.")}),
    ("kwame.asante", 420, "staff", "senior-staff", {
        3: (True, False, True, ""), 6: (True, False, True, ""),
        12: (True, False, True, "The bench in Payments grew: two new tech leads.")}),
    ("ravi.menon", 450, "senior", "staff", {
        3: (False, False, True, "Meetings all day; I miss building."),
        6: (False, True, True, "Asked to go back to a senior role."),
        12: (True, False, False, "Back to senior by choice, and glad of it.")}),
    ("anika.sharma", 500, "senior", "staff", {
        3: (True, False, True, ""), 12: (True, False, True, "")}),
)
ENERGISES = {
    "jake.morrison": "Shipping something people use the same week; I get restless in long "
                     "planning meetings.",
    "grace.adeyemi": "Watching a junior engineer land their first big change.",
    "nadia.petrova": "Untangling a problem nobody owns, across teams.",
    "sofia.brandt": "Writing the document that gets two teams to agree.",
}


def build_demo_followups(store: Store, today: dt.date) -> None:
    with store.session() as session:
        for handle, days, before, after, checkins in PROMOTIONS:
            person = find_person(session, handle)
            promoted = today - dt.timedelta(days=days)
            record_promotion(session, COMMAND_LINE, OPERATOR, person, promoted, after, before)
            for month, (happy, back, in_role, note) in checkins.items():
                record_checkin(session, COMMAND_LINE, OPERATOR, person, month, happy=happy,
                               wants_back=back, in_role=in_role, note=note,
                               on=promoted + dt.timedelta(days=month * 30))
        for handle, answer in ENERGISES.items():
            set_energises(session, COMMAND_LINE, OPERATOR, find_person(session, handle), answer)


def write_demo_strategy(store: Store, root: Path) -> Path:
    """A draft strategy synthesised from the demo's last eight design documents and decision
    records, for a staff engineer to edit and adopt (`staffpath strategy adopt`)."""
    with store.session(read_only=True) as session:
        result = synthesise(session, OPERATOR, Area(), [], last=8)
    path = root / "strategy-draft.md"
    path.write_text(to_markdown(result), encoding="utf-8")
    return path
