"""The demo's promotion cycles: one finished and released, one in progress with scores coming in.

Scores start from each packet's frozen assessment and move by a member's habit (one reads
strictly, one generously) and a little deterministic noise, so the calibration page has real
spread, severity and agreement to show.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy.orm import Session

from staffpath.cycles import lifecycle as cycles
from staffpath.cycles.lookup import cycle_framework
from staffpath.cycles.tables import Nomination
from staffpath.framework.model import Framework
from staffpath.people.service import find_person
from staffpath.store.engine import Store

PANEL = ("helen.achterberg", "kwame.asante", "diego.fernandez")
# Each member's habit, in levels: Kwame reads strictly, Diego generously.
HABIT = {"helen.achterberg": 0, "kwame.asante": -1, "diego.fernandez": 1}
FINISHED = ("priya.nair", "sofia.brandt", "rafael.costa")
PROMOTED = "rafael.costa"
IN_PROGRESS = ("priya.nair", "jake.morrison", "grace.adeyemi", "nadia.petrova")
# Who has scored what in the cycle in progress: every dimension, or the first few.
SCORED_SO_FAR = {"kwame.asante": None, "diego.fernandez": 4, "helen.achterberg": 2}
REASONS = (
    "the packet shows this at about this level, with dated examples",
    "the strongest item is convincing; the rest are thinner than the claim",
    "several teams are named, but the person's own part is not always clear",
    "evidence is steady over the last year rather than one peak",
    "good examples, though most come from one quarter",
)


def _noise(*parts: str) -> int:
    """-1, 0 or +1, the same on every build, mostly 0."""
    return (0, 0, 0, 1, -1)[hashlib.sha256("|".join(parts).encode()).digest()[0] % 5]


def _level(fw: Framework, n: Nomination, member: str, dim: str) -> str:
    ids = fw.level_ids
    frozen = (n.frozen.get("dimensions") or {}).get(dim) or {}
    base = frozen.get("level") or n.person.level or ids[0]
    rank = ids.index(base) + HABIT[member] * (_noise(member, dim) != 0) + _noise(
        n.person.handle, member, dim)
    return ids[max(0, min(len(ids) - 1, rank))]


def _comment(fw: Framework, n: Nomination, member: str, dim: str, level: str) -> str:
    pick = REASONS[int(hashlib.sha256(f"{member}{dim}{n.person.handle}".encode())
                       .hexdigest(), 16) % len(REASONS)]
    return f"{fw.dimension(dim).title} at {fw.level(level).title}: {pick}."


def _score(session: Session, fw: Framework, n: Nomination, member: str,
           dimensions: int | None) -> None:
    person = find_person(session, member)
    for dim in fw.dimension_ids[:dimensions]:
        level = _level(fw, n, member, dim)
        cycles.score(session, n, person, dim, level, _comment(fw, n, member, dim, level))


def _rationale(fw: Framework, n: Nomination, promote: bool) -> str:
    target = n.person.target_level
    below = [fw.dimension(d).title for d, v in (n.frozen.get("dimensions") or {}).items()
             if target and (v.get("level") is None
                            or fw.level_index(v["level"]) < fw.level_index(target))]
    if promote:
        return ("Promote: the panel agreed the evidence meets every expectation of the target "
                "level over more than a year, across several teams.")
    gaps = ", ".join(below[:3]) or "the overall scope"
    return (f"Not yet: the panel placed {gaps} below the target level. Lead one piece of "
            "cross-team work through to its finish, then put yourself forward again.")


def build_demo_cycles(store: Store, today: dt.date) -> None:
    """A released cycle six months back and one in progress now (calibration not open)."""
    with store.session() as session:
        start = today - dt.timedelta(days=240)
        old = cycles.create_cycle(session, f"Promotions {start.year} H{1 + (start.month > 6)}",
                                  start, start + dt.timedelta(days=90))
        fw = cycle_framework(session, old)
        cycles.open_cycle(session, old)
        for handle in FINISHED:
            n = cycles.nominate(session, old, find_person(session, handle))
            cycles.submit_packet(session, n, as_of=old.closes_on)
            for member in PANEL:
                cycles.assign(session, n, find_person(session, member))
                _score(session, fw, n, member, None)
        cycles.open_calibration(session, old)
        for n in old.nominations:
            # The story: Rafael's senior-staff case carried; Priya and Sofia were not yet.
            promote = n.person.handle == PROMOTED
            cycles.decide(session, n, "promote" if promote else "not_yet",
                          _rationale(fw, n, promote), via="admin")
        cycles.release(session, old)
        now = cycles.create_cycle(session, f"Promotions {today.year} H{1 + (today.month > 6)}",
                                  today - dt.timedelta(days=20), today + dt.timedelta(days=40))
        cycles.open_cycle(session, now)
        for handle in IN_PROGRESS:
            n = cycles.nominate(session, now, find_person(session, handle))
            cycles.submit_packet(session, n, as_of=today)
            for member in PANEL:
                cycles.assign(session, n, find_person(session, member))
            for member, dims in SCORED_SO_FAR.items():
                if handle != "nadia.petrova" or member == "kwame.asante":
                    _score(session, fw, n, member, dims)
