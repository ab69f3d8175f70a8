"""Promotion cycles on top of the web test organisation (`web_helpers.seed`).

    2025 H2  released   Bo (not yet), panel Cora + Cy, every score in, decided, released
    2026 H1  open       Ada (frozen packet), panel Cora + Cy; Cy has scored, Cora partly
                        Dana (admin nomination, packet not submitted), Bo (self, awaiting Mo)
    2026 H2  draft      nobody nominated

Cy is a second committee member with an account ("committee2"); his comments carry unique
markers so a test can search any response for a trace of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from staffpath.accounts.auth import create_user, start_session
from staffpath.accounts.tables import WebSession
from staffpath.cycles import lifecycle as cycles
from staffpath.cycles.tables import Score
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from web_helpers import PASSWORD, Session, World

# Cy's scores on Ada's packet: (dimension, level, comment). Levels no one else uses there.
CY_SCORES = (
    ("strategy", "principal", "CYSECRET-strategy-7f3a the direction doc reads as principal"),
    ("execution", "engineer", "CYSECRET-execution-91bd little led delivery in the packet"),
    ("communication", "senior-staff", "CYSECRET-communication-c0de writes for directors"),
)
# Cora's own score on Ada's packet before the blind checks.
CORA_SCORES = (("strategy", "staff", "CORAOWN-strategy-55aa several teams follow the plan"),)
RELEASED_RATIONALE = "RATIONALE-bo-2025 scope is one team so far; lead a cross-team project"


@dataclass
class CycleIds:
    """Ids of the cycle rows the tests name."""

    released: int = 0
    open: int = 0
    draft: int = 0
    ada: int = 0  # Ada's nomination in the open cycle
    dana: int = 0  # Dana's, not submitted
    bo_self: int = 0  # Bo's self-nomination in the open cycle, awaiting Mo
    bo_released: int = 0  # Bo's nomination in the released cycle
    cy_score_ids: list[int] = field(default_factory=list)
    cy_person: int = 0


def add_cycles(world: World) -> CycleIds:
    """Add the three cycles and Cy's committee account to a seeded world."""
    ids = CycleIds()
    store = Store(world.url)
    try:
        with store.session() as session:
            cy = find_person(session, "cy")
            ids.cy_person = cy.id
            user = create_user(session, "cy@corp.example", PASSWORD, person=cy,
                               is_committee=True)
            token = start_session(session, user)
            csrf = session.scalar(select(WebSession.csrf_token)
                                  .where(WebSession.user_id == user.id))
            world.sessions["committee2"] = Session(token, str(csrf))
        with store.session() as session:
            ada, bo, cora, dana = (find_person(session, h) for h in ("ada", "bo", "cora",
                                                                     "dana"))
            # The finished cycle.
            old = cycles.create_cycle(session, "2025 H2", dt.date(2025, 7, 1),
                                      dt.date(2025, 12, 31))
            cycles.open_cycle(session, old)
            n = cycles.nominate(session, old, bo)
            cycles.submit_packet(session, n, as_of=dt.date(2025, 12, 1))
            for member in (cora, cy):
                cycles.assign(session, n, member)
            for member, level in ((cora, "senior"), (cy, "staff")):
                for dim in ("scope_of_impact", "strategy"):
                    cycles.score(session, n, member, dim, level, f"{member.handle} on {dim}")
            cycles.open_calibration(session, old)
            cycles.decide(session, n, "not_yet", RELEASED_RATIONALE)
            cycles.release(session, old)
            ids.released, ids.bo_released = old.id, n.id
            # The cycle in progress.
            cur = cycles.create_cycle(session, "2026 H1", dt.date(2026, 1, 1),
                                      dt.date(2026, 6, 30))
            cycles.open_cycle(session, cur)
            n = cycles.nominate(session, cur, ada)
            cycles.submit_packet(session, n)
            for member in (cora, cy):
                cycles.assign(session, n, member)
            for dim, level, comment in CY_SCORES:
                ids.cy_score_ids.append(cycles.score(session, n, cy, dim, level, comment).id)
            for dim, level, comment in CORA_SCORES:
                cycles.score(session, n, cora, dim, level, comment)
            ids.open, ids.ada = cur.id, n.id
            ids.dana = cycles.nominate(session, cur, dana).id
            ids.bo_self = cycles.self_nominate(session, cur, bo).id
            ids.draft = cycles.create_cycle(session, "2026 H2", dt.date(2026, 7, 1),
                                            dt.date(2026, 12, 31)).id
    finally:
        store.close()
    return ids


def cy_score_rows(url: str) -> list[Score]:
    store = Store(url)
    try:
        with store.session(read_only=True) as session:
            return list(session.scalars(select(Score).where(
                Score.comment.like("CYSECRET%"))))
    finally:
        store.close()
