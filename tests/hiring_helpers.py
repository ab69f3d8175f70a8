"""Interview loops on top of the web test organisation (`web_helpers.seed`).

    role      Staff engineer, Payments (staff), hiring manager Olga
    live      Zara (earlier: staff at a 40-engineer start-up, senior at a 5,000-engineer
              company); interviews Cora (architecture), Cy (past projects; below staff,
              acknowledged), Bo (leadership; below staff, acknowledged). Cy has submitted,
              Bo has a draft, Cora has nothing yet.
    decided   Yuri; Cora and Cy submitted, debrief open, decided to hire
    ready     Xena; Cora's scorecard submitted, the debrief not yet open

Cy has an interviewer account ("committee2"); his scorecard carries unique markers so a test
can search any response for a trace of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from staffpath.accounts.audit import COMMAND_LINE
from staffpath.accounts.auth import create_user, start_session
from staffpath.accounts.principal import Principal
from staffpath.accounts.tables import WebSession
from staffpath.hiring import changes
from staffpath.hiring.titles import EarlierTitle
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from web_helpers import PASSWORD, Session, World

ADMIN = Principal.command_line()
STARTUP_STAFF = EarlierTitle("Staff engineer", "Tiny Start-up", org_engineers=40, teams_led=1,
                             reach="company", years=3)
BIGCO_SENIOR = EarlierTitle("Senior engineer", "Huge Corp", org_engineers=5000, teams_led=2,
                            reach="teams", years=2)
CY_CARD = {"execution": ("senior", "CYHIRE-execution-4b1d shipped one team's migration"),
           "scope_of_impact": ("engineer", "CYHIRE-scope-77e2 reach stayed inside a team"),
           "glue_work": ("principal", "CYHIRE-glue-a9c3 rebuilt on-call for the company")}
CY_LEAN = "strong_no_hire"
BO_DRAFT = {"collaboration": ("staff", "BODRAFT-collab-5e5e worked well with product")}


@dataclass
class HiringIds:
    role: int = 0
    live: int = 0
    decided: int = 0
    zara: int = 0
    yuri: int = 0
    cy_card: int = 0
    ready: int = 0


def by(session: object, handle: str) -> Principal:
    return Principal(person_id=find_person(session, handle).id)  # type: ignore[arg-type]


def add_hiring(world: World) -> HiringIds:
    ids = HiringIds()
    store = Store(world.url)
    try:
        with store.session() as session:
            cy = find_person(session, "cy")
            if "committee2" not in world.sessions:
                user = create_user(session, "cy@corp.example", PASSWORD, person=cy,
                                   is_committee=True)
                token = start_session(session, user)
                csrf = session.scalar(select(WebSession.csrf_token)
                                      .where(WebSession.user_id == user.id))
                world.sessions["committee2"] = Session(token, str(csrf))
        with store.session() as session:
            olga = find_person(session, "olga")
            role = changes.create_role(session, ADMIN, "Staff engineer, Payments", "staff",
                                       archetype="tech_lead", hiring_manager=olga,
                                       origin=COMMAND_LINE)
            ids.role = role.id
            hm = by(session, "olga")
            live = changes.start_loop(session, hm, role, name="Zara Candidate",
                                      email="zara@elsewhere.example",
                                      titles=[STARTUP_STAFF, BIGCO_SENIOR], origin=COMMAND_LINE)
            ids.live, ids.zara = live.id, live.candidate_id
            for handle, kind, ack in (("cora", "architecture", None),
                                      ("cy", "past_projects", "no staff engineer free"),
                                      ("bo", "leadership_values", "pairing for calibration")):
                changes.add_interview(session, hm, live, find_person(session, handle), kind,
                                      acknowledgement=ack, origin=COMMAND_LINE)
            card = changes.save_scorecard(
                session, by(session, "cy"), live, levels={d: v[0] for d, v in CY_CARD.items()},
                evidence={d: v[1] for d, v in CY_CARD.items()}, lean=CY_LEAN, submit=True,
                origin=COMMAND_LINE)
            ids.cy_card = card.id
            changes.save_scorecard(session, by(session, "bo"), live,
                                   levels={d: v[0] for d, v in BO_DRAFT.items()},
                                   evidence={d: v[1] for d, v in BO_DRAFT.items()}, lean=None,
                                   origin=COMMAND_LINE)
            done = changes.start_loop(session, hm, role, name="Yuri Earlier",
                                      email="yuri@elsewhere.example", titles=[BIGCO_SENIOR],
                                      origin=COMMAND_LINE)
            ids.decided, ids.yuri = done.id, done.candidate_id
            for handle, kind, ack, level in (("cora", "architecture", None, "staff"),
                                             ("cy", "strategy_writing", "ok", "senior")):
                changes.add_interview(session, hm, done, find_person(session, handle), kind,
                                      acknowledgement=ack, origin=COMMAND_LINE)
                interview = done.interviews[-1]
                changes.save_scorecard(
                    session, by(session, handle), done,
                    levels=dict.fromkeys(interview.dimensions, level),
                    evidence={d: f"YURI {handle} on {d}" for d in interview.dimensions},
                    lean="hire", submit=True, origin=COMMAND_LINE)
            changes.open_debrief(session, hm, done, origin=COMMAND_LINE)
            changes.decide(session, hm, done, "hire", "YURI-RATIONALE strong across teams",
                           origin=COMMAND_LINE)
            ready = changes.start_loop(session, hm, role, name="Xena Ready", email=None,
                                       titles=[], origin=COMMAND_LINE)
            ids.ready = ready.id
            changes.add_interview(session, hm, ready, find_person(session, "cora"),
                                  "presentation", origin=COMMAND_LINE)
            changes.save_scorecard(session, by(session, "cora"), ready,
                                   levels={"communication": "staff", "strategy": "staff"},
                                   evidence={"communication": "clear", "strategy": "coherent"},
                                   lean="hire", submit=True, origin=COMMAND_LINE)
    finally:
        store.close()
    return ids
