"""The demo's hiring: a staff hire for Payments decided after four blind scorecards, and a
second loop still interviewing (one scorecard in, the others blind to it). Sam's
"principal" at a 20-engineer company reads as senior, so that loop targets senior.

Each candidate's earlier titles are read by the work: the first held "staff" at a
35-engineer start-up (read as senior) and "senior" at a 4,200-engineer company while leading
two teams' joint work (read as staff), so the loop targets staff.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from staffpath.accounts.audit import COMMAND_LINE
from staffpath.accounts.principal import Principal
from staffpath.hiring import changes
from staffpath.hiring.lookup import role_for
from staffpath.hiring.tables import Loop
from staffpath.hiring.titles import parse_title
from staffpath.people.service import find_person
from staffpath.store.engine import Store

ADMIN = Principal.command_line()
HIRING_MANAGER = "samuel.osei"
# interviewer, interview, {dimension: (level, what they saw)}, lean
PANEL = (
    ("kwame.asante", "architecture", {
        "technical_judgment": ("staff", "Redrew the ledger service for idempotent retries and "
                                        "named the two failure modes the first design missed."),
        "scope_of_impact": ("staff", "Her settlement rewrite changed how four teams shipped "
                                     "payouts; she could say what each team gained.")},
     "hire"),
    ("helen.achterberg", "strategy_writing", {
        "strategy": ("senior", "The written exercise picked a direction but did not weigh the "
                               "second option against the first."),
        "communication": ("staff", "Clear, short, written for a director; the trade-offs were "
                                   "in a table the reader could act on.")},
     "hire"),
    ("diego.fernandez", "past_projects", {
        "execution": ("staff", "Ran a ten-person migration across two teams to the end, with "
                               "a rollback rehearsed before each step."),
        "scope_of_impact": ("senior-staff", "The migration retired a system every payments "
                                            "team in a large organisation depended on."),
        "glue_work": ("senior", "Fixed the on-call handover for her own team; less beyond it.")},
     "strong_hire"),
    ("anika.sharma", "leadership_values", {
        "collaboration": ("staff", "Settled a disagreement between product and two tech leads "
                                   "by writing down what each needed."),
        "communication": ("staff", "Listened first; restated each side's case before "
                                   "answering."),
        "developing_others": ("staff", "Two engineers she mentored now lead their own "
                                       "projects; one mentors in turn."),
        "self_awareness": ("senior", "Named a launch she pushed too early and what she changed "
                                     "after it.")},
     "hire"),
)
RATIONALE = ("Hire at staff. The panel's median is staff or above on six of nine dimensions; "
             "strategy, glue work and self-awareness read senior, each from one interview. "
             "Her earlier "
             "work reads as staff at a large company, leading two teams' joint work. The first "
             "two quarters' plan: write the Payments direction document with Kwame.")


def _loop(session: Session, role_id: int, name: str, email: str, titles: list[str]) -> Loop:
    hm = Principal(person_id=find_person(session, HIRING_MANAGER).id)
    return changes.start_loop(session, hm, role_for(session, ADMIN, role_id), name=name,
                              email=email, titles=[parse_title(t) for t in titles],
                              origin=COMMAND_LINE)


def build_demo_hiring(store: Store) -> None:
    """A decided staff hire with four scorecards, and a loop still interviewing."""
    with store.session() as session:
        manager = find_person(session, HIRING_MANAGER)
        hm = Principal(person_id=manager.id)
        role = changes.create_role(session, ADMIN, "Staff engineer, Payments", "staff",
                                   archetype="tech_lead", hiring_manager=manager,
                                   origin=COMMAND_LINE)
        loop = _loop(session, role.id, "Jordan Ellery", "jordan.ellery@example.net", [
            "Staff engineer@Seedling Labs;engineers=35;teams=1;reach=company;years=3",
            "Senior engineer@Globex Logistics;engineers=4200;teams=2;reach=teams;years=3"])
        for handle, kind, card, lean in PANEL:
            person = find_person(session, handle)
            changes.add_interview(session, hm, loop, person, kind, dimensions=list(card),
                                  origin=COMMAND_LINE)
            changes.save_scorecard(
                session, Principal(person_id=person.id), loop,
                levels={d: v[0] for d, v in card.items()},
                evidence={d: v[1] for d, v in card.items()}, lean=lean, submit=True,
                origin=COMMAND_LINE)
        changes.open_debrief(session, hm, loop, origin=COMMAND_LINE)
        changes.decide(session, hm, loop, "hire", RATIONALE, level="staff",
                       origin=COMMAND_LINE)
        live = _loop(session, role.id, "Sam Okonjo", "sam.okonjo@example.net", [
            "Principal engineer@Tiny Robotics;engineers=20;teams=1;reach=company;years=4"])
        for handle, kind, card, _lean in PANEL[:3]:
            person = find_person(session, handle)
            changes.add_interview(session, hm, live, person, kind, dimensions=list(card),
                                  origin=COMMAND_LINE)
        first = PANEL[0]
        changes.save_scorecard(
            session, Principal(person_id=find_person(session, first[0]).id), live,
            levels=dict.fromkeys(first[2], "senior"),
            evidence=dict.fromkeys(first[2], "Solid design for one team's scale; did not "
                                             "reach past it."),
            lean="no_hire", submit=True, origin=COMMAND_LINE)
