"""What each viewer may see of promotion cycles: the read side, where scoring stays blind.

Every read of scores takes a `Principal` and returns only what that viewer may see. Before
calibration opens a panel member sees their own scores and nothing of anyone else's (no
values, no ids, no counts, no progress); an administrator who is not on the cycle's panel sees
only whether each assignment is complete. From calibration on, the panel sees every score of
the packets assigned to them, side by side, with the statistics. Pages, the API, the CLI's
`--json` and the report are all built from these views.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from staffpath.accounts.principal import Principal
from staffpath.cycles import lookup
from staffpath.cycles.calibration import agreement, calibration_rows
from staffpath.cycles.lifecycle import CALIBRATED, OUTCOME_TITLES, needs_agreement
from staffpath.cycles.tables import Cycle, Decision, Nomination, Score
from staffpath.cycles.views import (
    AccountCycles,
    Choice,
    CycleFile,
    CycleListing,
    CycleSummary,
    CycleView,
    DecisionView,
    FrameworkVersionRef,
    MyNomination,
    Nominee,
    OutcomeView,
    OwnScore,
    PacketView,
    Progress,
    ReleasedOutcome,
    ReportNomination,
)
from staffpath.errors import NotFoundError
from staffpath.packet.files import MEDIA_TYPES
from staffpath.packet.render import render_pdf
from staffpath.store.tables import Person


def summary(cycle: Cycle) -> CycleSummary:
    return CycleSummary(
        id=cycle.id, name=cycle.name, state=cycle.state, opens_on=cycle.opens_on.isoformat(),
        closes_on=cycle.closes_on.isoformat(),
        framework=FrameworkVersionRef(cycle.framework_version, cycle.framework_fingerprint),
        calibration_at=cycle.calibration_at.isoformat(timespec="seconds")
        if cycle.calibration_at else None,
        released_at=cycle.released_at.isoformat(timespec="seconds")
        if cycle.released_at else None, unanchored=cycle.unanchored)


def cycle_summaries(session: Session, viewer: Principal) -> list[CycleSummary]:
    """The cycles the viewer may see, newest first."""
    return [summary(c) for c in lookup.list_cycles(session, viewer)]


def cycle_listings(session: Session, viewer: Principal) -> list[CycleListing]:
    """The cycles the viewer may see, newest first, each with its number of nominations."""
    return [CycleListing(summary(c), len(c.nominations))
            for c in lookup.list_cycles(session, viewer)]


def _people(session: Session, ids: set[int]) -> dict[int, Person]:
    if not ids:
        return {}
    return {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))}


def _scores(session: Session, nomination_ids: Sequence[int]) -> list[Score]:
    if not nomination_ids:
        return []
    return list(session.scalars(select(Score).where(Score.nomination_id.in_(nomination_ids))
                                .order_by(Score.nomination_id, Score.dimension, Score.id)))


def _own_scores(session: Session, nomination: Nomination, member_id: int
                ) -> dict[str, OwnScore]:
    rows = session.scalars(select(Score).where(
        Score.nomination_id == nomination.id, Score.member_id == member_id)
        .order_by(Score.dimension))
    return {s.dimension: OwnScore(level=s.level, comment=s.comment,
                                  updated_at=s.updated_at.isoformat(timespec="seconds"))
            for s in rows}


def _progress(session: Session, nomination: Nomination, dimensions: int,
              people: Mapping[int, Person]) -> tuple[Progress, ...]:
    """Per panel member, only whether they have scored every dimension: never how many,
    never what."""
    done = set(session.scalars(
        select(Score.member_id).where(Score.nomination_id == nomination.id)
        .group_by(Score.member_id).having(func.count(Score.id) >= dimensions)))
    return tuple(Progress(member=people[a.member_id].handle, complete=a.member_id in done)
                 for a in nomination.assignments)


def _decisions(session: Session, nomination: Nomination) -> tuple[DecisionView, ...]:
    history = lookup.decision_history(session, nomination)
    deciders = _people(session, {d.decided_by_id for d in history if d.decided_by_id})
    return tuple(_decision(d, deciders) for d in history)


def _decision(d: Decision, people: Mapping[int, Person]) -> DecisionView:
    by = people.get(d.decided_by_id) if d.decided_by_id else None
    return DecisionView(version=d.version, outcome=d.outcome, rationale=d.rationale,
                        decided_by=by.handle if by else None, decided_via=d.decided_via,
                        decided_at=d.decided_at.isoformat(timespec="seconds"))


def _nominee(p: Person) -> Nominee:
    return Nominee(id=p.id, handle=p.handle, name=p.name, level=p.level,
                   target_level=p.target_level)


def cycle_view(session: Session, cycle: Cycle, viewer: Principal) -> CycleView:
    """Everything the viewer may see of a cycle, and nothing else."""
    if not viewer.is_admin and not lookup.on_panel(cycle, viewer.person_id):
        raise NotFoundError(f"no cycle {cycle.name!r}")
    fw = lookup.cycle_framework(session, cycle)
    calibrated = cycle.state in CALIBRATED
    member_here = lookup.on_panel(cycle, viewer.person_id)
    # An admin who sits on this cycle's panel is a member first: no progress of others.
    show_progress = viewer.is_admin and not member_here
    nominations = (list(cycle.nominations) if viewer.is_admin else
                   [n for n in cycle.nominations if lookup.assigned(n, viewer.person_id)])
    every = _scores(session, [n.id for n in nominations]) if calibrated else []
    own: dict[int, dict[str, OwnScore]] = {}
    if viewer.person_id is not None:
        for n in nominations:
            if lookup.assigned(n, viewer.person_id):
                own[n.id] = _own_scores(session, n, viewer.person_id)
    people = _people(session, {a.member_id for n in nominations for a in n.assignments}
                     | {s.member_id for s in every})
    packets = [PacketView(
        id=n.id, person=_nominee(n.person), nominated_by=n.nominated_by,
        manager=n.manager.handle if n.manager else None,
        manager_agreed=n.manager_agreed_at is not None, needs_agreement=needs_agreement(n),
        submitted_at=n.submitted_at.isoformat(timespec="seconds") if n.submitted_at else None,
        panel=tuple(people[a.member_id].handle for a in n.assignments),
        assigned_to_me=n.id in own,
        decisions=_decisions(session, n) if calibrated else (),
        my_scores=own.get(n.id),
        progress=_progress(session, n, len(fw.dimensions), people)
        if show_progress and not calibrated else None,
        calibration=calibration_rows(fw, n, [s for s in every if s.nomination_id == n.id],
                                     people) if calibrated else None,
    ) for n in nominations]
    packets.sort(key=lambda p: (p.person.name, p.id))
    return CycleView(
        cycle=summary(cycle), admin=viewer.is_admin, member=member_here,
        levels=tuple(Choice(lv.id, lv.title) for lv in fw.levels),
        dimensions=tuple(Choice(d.id, d.title) for d in fw.dimensions),
        nominations=tuple(packets),
        agreement=agreement(fw, every, people) if calibrated else None)


def cycle_view_by_id(session: Session, cycle_id: int, viewer: Principal) -> CycleView:
    """A cycle the viewer reaches, as they may see it."""
    return cycle_view(session, lookup.cycle_for_member(session, cycle_id, viewer), viewer)


def panel_views(session: Session, viewer: Principal) -> list[CycleView]:
    """Each cycle the viewer may see, as they may see it."""
    return [cycle_view(session, c, viewer) for c in lookup.list_cycles(session, viewer)]


def packet_view(session: Session, viewer: Principal, cycle_id: int, nomination_id: int
                ) -> tuple[CycleView, PacketView]:
    """A packet assigned to the viewer, with its cycle as they may see it."""
    nomination = lookup.assigned_nomination(session, viewer, cycle_id, nomination_id)
    view = cycle_view(session, nomination.cycle, viewer)
    return view, view.packet(nomination.id)


def unanchored_for(session: Session, nomination: Nomination, viewer: Principal) -> bool:
    """Whether the viewer reads the packet without the engine's view: a panel member of an
    unanchored cycle who has not yet scored every dimension, before calibration."""
    cycle = nomination.cycle
    if not cycle.unanchored or cycle.state in CALIBRATED:
        return False
    if viewer.person_id is None or not lookup.assigned(nomination, viewer.person_id):
        return False
    scored = session.scalar(select(func.count(Score.id)).where(
        Score.nomination_id == nomination.id, Score.member_id == viewer.person_id)) or 0
    return scored < len(lookup.cycle_framework(session, cycle).dimensions)


def engine_view_hidden(session: Session, viewer: Principal, cycle_id: int,
                       nomination_id: int) -> bool | None:
    """For a packet assigned to the viewer: True while the engine's view is hidden from them,
    False once they see it, None in a cycle that does not hide it."""
    nomination = lookup.assigned_nomination(session, viewer, cycle_id, nomination_id)
    if not nomination.cycle.unanchored:
        return None
    return unanchored_for(session, nomination, viewer)


def frozen_packet(session: Session, viewer: Principal, cycle_id: int, nomination_id: int,
                  fmt: str) -> CycleFile:
    """A packet assigned to the viewer exactly as frozen at submission, as a Markdown, HTML
    or PDF file."""
    nomination = lookup.assigned_nomination(session, viewer, cycle_id, nomination_id)
    if nomination.packet_html is None or nomination.packet_md is None:
        raise NotFoundError("this packet is not submitted yet")
    page, text = nomination.packet_html, nomination.packet_md
    if unanchored_for(session, nomination, viewer):
        page = nomination.packet_html_blind or page
        text = nomination.packet_md_blind or text
    body = render_pdf(page) if fmt == "pdf" else (page if fmt == "html" else text).encode()
    return CycleFile(body, MEDIA_TYPES[fmt],
                     f"packet-{nomination.person.handle}-cycle-{nomination.cycle_id}.{fmt}")


# --- what a nominee and a manager see ---------------------------------------------------


def _outcome(session: Session, n: Nomination) -> OutcomeView | None:
    d = lookup.latest_decision(session, n)
    if d is None:
        return None
    return OutcomeView(outcome=d.outcome, title=OUTCOME_TITLES[d.outcome],
                       rationale=d.rationale, version=d.version,
                       decided_at=d.decided_at.isoformat(timespec="seconds"))


def my_nominations(session: Session, person: Person) -> list[MyNomination]:
    """A person's own nominations; an outcome and its rationale only once released."""
    rows = session.scalars(select(Nomination).where(Nomination.person_id == person.id)
                           .options(selectinload(Nomination.cycle)).order_by(Nomination.id))
    return [MyNomination(
        id=n.id, cycle=summary(n.cycle), nominated_by=n.nominated_by,
        needs_agreement=needs_agreement(n),
        submitted_at=n.submitted_at.isoformat(timespec="seconds") if n.submitted_at else None,
        outcome=_outcome(session, n) if n.cycle.state == "released" else None) for n in rows]


def nominations_of(session: Session, caller: Principal) -> list[MyNomination]:
    """The caller's own nominations; none for an account that belongs to no person."""
    if caller.person_id is None:
        return []
    return my_nominations(session, lookup.acting_person(session, caller))


def outcome_for(session: Session, nomination_id: int, person: Person) -> ReleasedOutcome:
    """One released outcome of the person's own; anything else is not found."""
    n = session.get(Nomination, nomination_id)
    if n is None or n.person_id != person.id or n.cycle.state != "released":
        raise NotFoundError(f"no released outcome #{nomination_id} for you")
    found = _outcome(session, n)
    if found is None:
        raise NotFoundError(f"no released outcome #{nomination_id} for you")
    return ReleasedOutcome(id=n.id, cycle=summary(n.cycle), outcome=found.outcome,
                           title=found.title, rationale=found.rationale, version=found.version,
                           decided_at=found.decided_at)


def _report_nomination(n: Nomination) -> ReportNomination:
    return ReportNomination(id=n.id, person=n.person.name, handle=n.person.handle,
                            cycle=n.cycle.name, ratings=dict(n.manager_ratings or {}))


def account_cycles(session: Session, caller: Principal) -> AccountCycles:
    """The caller's promotion page: their own nominations, the cycles open for them to put
    themselves forward in, and their reports' nominations to agree to or rate."""
    if caller.person_id is None:
        return AccountCycles()
    me = lookup.acting_person(session, caller)
    mine = my_nominations(session, me)
    taken = {m.cycle.id for m in mine}
    return AccountCycles(
        mine=tuple(mine),
        open_cycles=tuple(summary(c) for c in lookup.open_for_nomination(session)
                          if c.id not in taken),
        awaiting=tuple(_report_nomination(n) for n in lookup.awaiting_agreement(session, me)),
        reports=tuple(_report_nomination(n) for n in lookup.reports_nominations(session, me)),
        can_self_nominate=me.manager_id is not None)
