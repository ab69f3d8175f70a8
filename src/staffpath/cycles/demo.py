"""The demo's promotion cycles: one finished and released, one in progress with scores coming in.

Scores start from each packet's frozen assessment and move by a member's habit (one reads
strictly, one generously) and a little deterministic noise, so the calibration page has real
spread, severity and agreement to show.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy.orm import Session

from staffpath.cycles import consistency, panel
from staffpath.cycles import lifecycle as cycles
from staffpath.cycles.conflicts import mentorship_pairs
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
ACKNOWLEDGED = ("The committee is three people; the administrator keeps this member on the "
                "panel and the others weigh their scores with the relation in view.")
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


def _assign(session: Session, n: Nomination, member: str,
            pairs: set[tuple[int, int]]) -> None:
    """A panel member joins through the conflict check; the demo's administrator
    acknowledges what it finds, so calibration shows the warning and the reason."""
    person = find_person(session, member)
    found = panel.conflicts_of(session, n, person, pairs=pairs)
    panel.assign_checked(session, n, person, ACKNOWLEDGED if found else None, pairs=pairs)


def _decide(session: Session, fw: Framework, n: Nomination, *, promote: bool) -> None:
    """The decision with a rationale that names the panel's real blockers and the step
    that closes each; a promotion the panel's median does not carry is made conditional
    on those steps, as the consistency check asks."""
    outcome = "promote" if promote else "not_yet"
    finding = consistency.check(session, n, outcome)
    if promote and finding.against_panel:
        outcome = "promote_conditions"
    conditions = ([c["text"] for c in consistency.conditions_for(fw, finding)]
                  if outcome == "promote_conditions" else [])
    rationale = consistency.suggested_rationale(fw, finding, outcome)
    if outcome == "promote":
        rationale = (f"Promote. {rationale} The evidence meets the target level over more "
                     "than a year, across several teams.") if not finding.below else (
            rationale + "the evidence over more than a year, across several teams, carries "
            "the dimensions named.")
    consistency.require_addressed(fw, finding, outcome, rationale)
    decision = cycles.decide(session, n, outcome, rationale, via="admin")
    consistency.record(session, decision, fw, finding, conditions)


def build_demo_cycles(store: Store, today: dt.date) -> None:
    """A released cycle six months back and one in progress now (calibration not open)."""
    with store.session() as session:
        start = today - dt.timedelta(days=240)
        old = cycles.create_cycle(session, f"Promotions {start.year} H{1 + (start.month > 6)}",
                                  start, start + dt.timedelta(days=90))
        fw = cycle_framework(session, old)
        pairs = mentorship_pairs(session, fw)
        cycles.open_cycle(session, old)
        for handle in FINISHED:
            n = cycles.nominate(session, old, find_person(session, handle))
            cycles.submit_packet(session, n, as_of=old.closes_on)
            for member in PANEL:
                _assign(session, n, member, pairs)
                _score(session, fw, n, member, None)
        cycles.open_calibration(session, old)
        for n in old.nominations:
            # The story: Rafael's senior-staff case carried; Priya and Sofia were not yet.
            _decide(session, fw, n, promote=n.person.handle == PROMOTED)
        cycles.release(session, old)
        now = cycles.create_cycle(session, f"Promotions {today.year} H{1 + (today.month > 6)}",
                                  today - dt.timedelta(days=20), today + dt.timedelta(days=40))
        cycles.open_cycle(session, now)
        for handle in IN_PROGRESS:
            n = cycles.nominate(session, now, find_person(session, handle))
            cycles.submit_packet(session, n, as_of=today)
            for member in PANEL:
                _assign(session, n, member, pairs)
            for member, dims in SCORED_SO_FAR.items():
                if handle != "nadia.petrova" or member == "kwame.asante":
                    _score(session, fw, n, member, dims)
