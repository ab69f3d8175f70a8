"""Promotion cycles: every state change and every read, with the checks that keep scoring blind.

Blindness lives here, not in the pages: every read of scores takes a `Principal` and returns only
what that viewer may see. Before calibration opens a panel member sees their own scores and
nothing of anyone else's (no values, no ids, no counts, no progress); an administrator who is
not on the cycle's panel sees only whether each assignment is complete. From calibration on,
the panel sees every score of the packets assigned to them, side by side, with the statistics.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from staffpath.accounts.principal import Principal
from staffpath.assess.service import assess_person, save_snapshot
from staffpath.cycles import stats
from staffpath.cycles.tables import Assignment, Cycle, Decision, Nomination, Score
from staffpath.errors import ConflictError, InputError, NotFoundError
from staffpath.framework.model import Framework
from staffpath.framework.registry import active_framework, framework_by_fingerprint, store_framework
from staffpath.ledger.service import list_evidence, list_notes
from staffpath.packet.document import build_document
from staffpath.packet.render import render_text
from staffpath.people.service import find_person
from staffpath.store.tables import FrameworkVersion, Person, utcnow

STATES = ("draft", "open", "calibration", "decided", "released")
OUTCOMES = ("promote", "not_yet")
OUTCOME_TITLES = {"promote": "Promote", "not_yet": "Not yet"}
CALIBRATED = frozenset({"calibration", "decided", "released"})
MAX_TEXT = 20_000


class StateError(ConflictError):
    """The cycle (or nomination) is not at a stage that allows this."""


# --- finding things ----------------------------------------------------------------------


def get_cycle(session: Session, ref: str | int) -> Cycle:
    """A cycle by id or name."""
    text = str(ref).strip()
    found = session.get(Cycle, int(text)) if text.isdigit() else None
    if found is None:
        found = session.scalar(select(Cycle).where(func.lower(Cycle.name) == text.lower()))
    if found is None:
        raise NotFoundError(f"no cycle {text!r}")
    return found


def list_cycles(session: Session, viewer: Principal) -> list[Cycle]:
    """Cycles the viewer may see: all for an admin, else those with a packet assigned to them."""
    query = select(Cycle).order_by(Cycle.opens_on.desc(), Cycle.id.desc())
    if not viewer.is_admin:
        query = query.where(Cycle.id.in_(
            select(Nomination.cycle_id).join(Assignment)
            .where(Assignment.member_id == (viewer.person_id or -1))))
    return list(session.scalars(query))


def get_nomination(session: Session, cycle: Cycle, ref: str | int) -> Nomination:
    """A nomination in a cycle, by its id or by the nominee (id, handle, e-mail or name)."""
    text = str(ref).strip()
    if isinstance(ref, int) or text.isdigit():
        found = session.get(Nomination, int(text))
        if found is not None and found.cycle_id == cycle.id:
            return found
    try:
        person = find_person(session, text)
    except NotFoundError:
        person = None
    found = session.scalar(select(Nomination).where(
        Nomination.cycle_id == cycle.id,
        Nomination.person_id == (person.id if person else -1)))
    if found is None:
        raise NotFoundError(f"no nomination {text!r} in cycle {cycle.name!r}")
    return found


def cycle_framework(session: Session, cycle: Cycle) -> Framework:
    return framework_by_fingerprint(session, cycle.framework_fingerprint)


def _require(cycle: Cycle, *states: str, doing: str) -> None:
    if cycle.state not in states:
        ordered = [s for s in STATES if s in states]
        allowed = ", ".join(ordered[:-1]) + (" or " if len(ordered) > 1 else "") + ordered[-1]
        raise StateError(f"cycle {cycle.name!r} is {cycle.state}; {doing} is possible only "
                         f"while it is {allowed}")


def _text(value: str, what: str) -> str:
    value = value.strip()
    if not value:
        raise InputError(f"{what} must not be empty")
    if len(value) > MAX_TEXT:
        raise InputError(f"{what} is longer than {MAX_TEXT} characters")
    return value


# --- opening a cycle ---------------------------------------------------------------------


def _framework_row(session: Session, fingerprint: str | None) -> FrameworkVersion:
    if fingerprint:
        rows = list(session.scalars(select(FrameworkVersion).where(
            FrameworkVersion.fingerprint.startswith(fingerprint.strip().lower()))))
        if not rows:
            raise NotFoundError(f"no stored framework version {fingerprint!r}")
        if len(rows) > 1:
            raise InputError(f"framework {fingerprint!r} matches {len(rows)} versions; "
                             "give more of the fingerprint")
        return rows[0]
    # The framework in force; the shipped default is stored first so the cycle can name it.
    fw = active_framework(session)
    return store_framework(session, fw, source="built-in", activate=False)


def create_cycle(session: Session, name: str, opens_on: dt.date, closes_on: dt.date, *,
                 framework: str | None = None) -> Cycle:
    """A new cycle in draft, against a stored framework version (default: the one in force)."""
    name = _text(name, "the cycle name")
    if len(name) > 200:
        raise InputError("the cycle name is longer than 200 characters")
    if closes_on < opens_on:
        raise InputError(f"the cycle closes ({closes_on}) before it opens ({opens_on})")
    if session.scalar(select(Cycle.id).where(func.lower(Cycle.name) == name.lower())):
        raise ConflictError(f"there is already a cycle named {name!r}")
    row = _framework_row(session, framework)
    cycle = Cycle(name=name, opens_on=opens_on, closes_on=closes_on,
                  framework_fingerprint=row.fingerprint, framework_version=row.version,
                  state="draft")
    session.add(cycle)
    session.flush()
    return cycle


def open_cycle(session: Session, cycle: Cycle) -> Cycle:
    """draft → open: nominations are scored from now on."""
    _require(cycle, "draft", doing="opening it")
    cycle.state = "open"
    session.flush()
    return cycle


# --- nominations -------------------------------------------------------------------------


def _new_nomination(session: Session, cycle: Cycle, person: Person, by: str) -> Nomination:
    _require(cycle, "draft", "open", doing="a nomination")
    if not person.active:
        raise InputError(f"{person.handle} is not active")
    taken = session.scalar(select(Nomination.id).where(
        Nomination.cycle_id == cycle.id, Nomination.person_id == person.id))
    if taken:
        raise ConflictError(f"{person.handle} is already nominated in {cycle.name!r}")
    nomination = Nomination(cycle_id=cycle.id, person_id=person.id, nominated_by=by,
                            manager_id=person.manager_id, manager_ratings={}, frozen={})
    session.add(nomination)
    session.flush()
    return nomination


def nominate(session: Session, cycle: Cycle, person: Person) -> Nomination:
    """An administrator puts someone forward; no agreement is needed."""
    return _new_nomination(session, cycle, person, "admin")


def self_nominate(session: Session, cycle: Cycle, person: Person) -> Nomination:
    """A person puts themselves forward; it counts once their manager agrees."""
    if person.manager_id is None or person.manager_id == person.id:
        raise InputError(f"{person.handle} has no manager to agree to a self-nomination; "
                         "ask an administrator to nominate you")
    return _new_nomination(session, cycle, person, "self")


def _checked_ratings(session: Session, nomination: Nomination,
                     ratings: Mapping[str, str]) -> dict[str, str]:
    fw = cycle_framework(session, nomination.cycle)
    for dim, level in ratings.items():
        fw.dimension(dim)
        fw.level_index(level)
    return dict(ratings)


def manager_agrees(session: Session, nomination: Nomination, manager: Person,
                   ratings: Mapping[str, str] | None = None) -> Nomination:
    """The nominee's manager agrees to a self-nomination (and may rate the dimensions)."""
    if nomination.manager_id != manager.id:
        # Anyone else learns nothing, not even that the nomination exists.
        raise NotFoundError(f"no nomination #{nomination.id} awaiting {manager.handle}")
    _require(nomination.cycle, "draft", "open", doing="agreeing to a nomination")
    if ratings:
        nomination.manager_ratings = _checked_ratings(session, nomination, ratings)
    nomination.manager_agreed_at = nomination.manager_agreed_at or utcnow()
    session.flush()
    return nomination


def manager_rates(session: Session, nomination: Nomination, manager: Person,
                  ratings: Mapping[str, str]) -> Nomination:
    """The nominee's manager gives (or changes) their level per dimension, on any nomination
    of their report, until calibration opens: the panel reads them beside its own scores.

    The ratings given replace the earlier ones; no rating at all clears them. The manager is
    the one recorded when the person was nominated; anyone else learns nothing.
    """
    if (nomination.manager_id is None or nomination.manager_id != manager.id
            or nomination.person_id == manager.id):
        raise NotFoundError(f"no nomination #{nomination.id} of a report of {manager.handle}")
    _require(nomination.cycle, "draft", "open", doing="rating a nomination")
    nomination.manager_ratings = _checked_ratings(session, nomination, ratings)
    session.flush()
    return nomination


def needs_agreement(nomination: Nomination) -> bool:
    return nomination.nominated_by == "self" and nomination.manager_agreed_at is None


def withdraw(session: Session, nomination: Nomination) -> None:
    """Take a nomination out of a cycle before calibration (its panel and scores go too)."""
    _require(nomination.cycle, "draft", "open", doing="withdrawing a nomination")
    session.delete(nomination)
    session.flush()


def withdraw_own(session: Session, nomination: Nomination, person: Person) -> None:
    """A nominee takes back their own self-nomination, before calibration; its panel and any
    scores go too. Anyone else's nomination, or one an administrator made, is not found."""
    if nomination.person_id != person.id or nomination.nominated_by != "self":
        raise NotFoundError(f"no self-nomination #{nomination.id} of yours")
    withdraw(session, nomination)


def submit_packet(session: Session, nomination: Nomination, *,
                  as_of: dt.date | None = None) -> Nomination:
    """Freeze the packet: assess now, keep the snapshot and the rendered packet.

    The committee reads what is stored here; later journal edits change nothing of it.
    """
    cycle = nomination.cycle
    _require(cycle, "draft", "open", doing="submitting a packet")
    if nomination.submitted_at is not None:
        raise StateError(f"{nomination.person.handle}'s packet is already submitted to "
                         f"{cycle.name!r}")
    if needs_agreement(nomination):
        raise StateError(f"{nomination.person.handle}'s manager has not agreed to the "
                         "self-nomination yet")
    fw = cycle_framework(session, cycle)
    day = as_of or min(dt.date.today(), cycle.closes_on)
    person = nomination.person
    snap = save_snapshot(session, person, fw, as_of=day, label=f"cycle {cycle.name}")
    result = assess_person(session, person, fw, as_of=day)
    doc = build_document(person, result, fw, list_evidence(session, person=person),
                         list_notes(session, person), third_person=True)
    nomination.snapshot_id = snap.id
    nomination.frozen = snap.result
    nomination.packet_md = render_text(doc, "md")
    nomination.packet_html = render_text(doc, "html")
    nomination.submitted_at = utcnow()
    session.flush()
    return nomination


def assign(session: Session, nomination: Nomination, member: Person) -> Assignment:
    """Put a committee member on a nomination's panel."""
    _require(nomination.cycle, "draft", "open", doing="assigning a panel")
    if member.id == nomination.person_id:
        raise InputError(f"{member.handle} cannot score their own packet")
    if not member.active:
        raise InputError(f"{member.handle} is not active")
    if any(a.member_id == member.id for a in nomination.assignments):
        raise ConflictError(f"{member.handle} is already on {nomination.person.handle}'s panel")
    assignment = Assignment(nomination=nomination, member_id=member.id)
    session.add(assignment)
    session.flush()
    return assignment


def _assigned(nomination: Nomination, person_id: int | None) -> bool:
    return person_id is not None and any(a.member_id == person_id
                                         for a in nomination.assignments)


def nomination_for_member(session: Session, cycle: Cycle, nomination_id: int,
                          member_id: int | None) -> Nomination:
    """A nomination as a panel member reaches it: only one assigned to them."""
    found = session.get(Nomination, nomination_id)
    if found is None or found.cycle_id != cycle.id or not _assigned(found, member_id):
        raise NotFoundError(f"no nomination #{nomination_id} assigned to you in "
                            f"{cycle.name!r}")
    return found


def cycle_for_member(session: Session, cycle_id: int, viewer: Principal) -> Cycle:
    """A cycle as a viewer reaches it: an admin any, a member one they are on the panel of."""
    cycle = session.get(Cycle, cycle_id)
    if cycle is None or not (viewer.is_admin or _on_panel(cycle, viewer.person_id)):
        raise NotFoundError(f"no cycle #{cycle_id}")
    return cycle


def _on_panel(cycle: Cycle, person_id: int | None) -> bool:
    return any(_assigned(n, person_id) for n in cycle.nominations)


# --- scoring -----------------------------------------------------------------------------


def score(session: Session, nomination: Nomination, member: Person, dimension: str,
          level: str, comment: str) -> Score:
    """Record (or change) a member's level for one dimension of a packet, with the reason."""
    cycle = nomination.cycle
    if not _assigned(nomination, member.id):
        raise NotFoundError(f"no nomination #{nomination.id} assigned to {member.handle} in "
                            f"{cycle.name!r}")
    _require(cycle, "open", doing="scoring")
    if nomination.submitted_at is None:
        raise StateError(f"{nomination.person.handle}'s packet is not submitted yet")
    fw = cycle_framework(session, cycle)
    fw.dimension(dimension)
    fw.level_index(level)
    comment = _text(comment, "the comment")
    row = session.scalar(select(Score).where(
        Score.nomination_id == nomination.id, Score.member_id == member.id,
        Score.dimension == dimension))
    if row is None:
        row = Score(nomination_id=nomination.id, member_id=member.id, dimension=dimension,
                    level=level, comment=comment)
        session.add(row)
    else:
        row.level, row.comment, row.updated_at = level, comment, utcnow()
    session.flush()
    return row


def score_many(session: Session, nomination: Nomination, member: Person,
               scores: Mapping[str, tuple[str, str]]) -> list[Score]:
    """Several dimensions at once: {dimension: (level, comment)}; all or nothing."""
    if not scores:
        raise InputError("give a level and a comment for at least one dimension")
    return [score(session, nomination, member, dim, level, comment)
            for dim, (level, comment) in scores.items()]


def _scores(session: Session, nomination_ids: Sequence[int]) -> list[Score]:
    if not nomination_ids:
        return []
    return list(session.scalars(select(Score).where(Score.nomination_id.in_(nomination_ids))
                                .order_by(Score.nomination_id, Score.dimension, Score.id)))


def _own_scores(session: Session, nomination: Nomination, member_id: int) -> list[Score]:
    return list(session.scalars(select(Score).where(
        Score.nomination_id == nomination.id, Score.member_id == member_id)
        .order_by(Score.dimension)))


# --- state changes after scoring ---------------------------------------------------------


def open_calibration(session: Session, cycle: Cycle) -> Cycle:
    """open → calibration: scoring stops and the panel sees every score side by side."""
    _require(cycle, "open", doing="opening calibration")
    unsubmitted = [n.person.handle for n in cycle.nominations if n.submitted_at is None]
    if unsubmitted:
        raise StateError(f"{len(unsubmitted)} nomination(s) have no submitted packet: "
                         f"{', '.join(sorted(unsubmitted))}; submit or withdraw them first")
    if not cycle.nominations:
        raise StateError(f"cycle {cycle.name!r} has no nominations")
    cycle.state = "calibration"
    cycle.calibration_at = utcnow()
    session.flush()
    return cycle


def latest_decision(session: Session, nomination: Nomination) -> Decision | None:
    return session.scalar(select(Decision).where(Decision.nomination_id == nomination.id)
                          .order_by(Decision.version.desc()).limit(1))


def decision_history(session: Session, nomination: Nomination) -> list[Decision]:
    return list(session.scalars(select(Decision).where(Decision.nomination_id == nomination.id)
                                .order_by(Decision.version)))


def decide(session: Session, nomination: Nomination, outcome: str, rationale: str, *,
           by: Person | None = None, via: str = "admin") -> Decision:
    """Record the outcome with its reasons; a later change is a new version, never an edit.

    The cycle becomes *decided* when every nomination has a decision.
    """
    cycle = nomination.cycle
    _require(cycle, *sorted(CALIBRATED), doing="a decision")
    if outcome not in OUTCOMES:
        raise InputError(f"outcome must be one of: {', '.join(OUTCOMES)} (not {outcome!r})")
    rationale = _text(rationale, "the rationale")
    previous = latest_decision(session, nomination)
    decision = Decision(nomination_id=nomination.id, version=(previous.version + 1)
                        if previous else 1, outcome=outcome, rationale=rationale,
                        decided_by_id=by.id if by else None, decided_via=via)
    session.add(decision)
    session.flush()
    if cycle.state == "calibration" and all(
            latest_decision(session, n) is not None for n in cycle.nominations):
        cycle.state = "decided"
        session.flush()
    return decision


def release(session: Session, cycle: Cycle) -> Cycle:
    """decided → released: each nominee sees their outcome and its rationale."""
    _require(cycle, "decided", doing="releasing the outcomes")
    cycle.state = "released"
    cycle.released_at = utcnow()
    session.flush()
    return cycle


def advance(session: Session, cycle: Cycle, to: str) -> Cycle:
    """Move a cycle to the named next state."""
    steps = {"open": open_cycle, "calibration": open_calibration, "released": release}
    if to not in steps:
        raise InputError(f"a cycle moves to open, calibration or released (decided follows "
                         f"the last decision); not {to!r}")
    return steps[to](session, cycle)


# --- what a viewer sees ------------------------------------------------------------------


def _person(p: Person | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"id": p.id, "handle": p.handle, "name": p.name, "level": p.level,
            "target_level": p.target_level}


def decision_to_dict(d: Decision, people: Mapping[int, Person]) -> dict[str, Any]:
    by = people.get(d.decided_by_id) if d.decided_by_id else None
    return {"version": d.version, "outcome": d.outcome, "rationale": d.rationale,
            "decided_by": by.handle if by else None, "decided_via": d.decided_via,
            "decided_at": d.decided_at.isoformat(timespec="seconds")}


def cycle_to_dict(cycle: Cycle) -> dict[str, Any]:
    return {"id": cycle.id, "name": cycle.name, "state": cycle.state,
            "opens_on": cycle.opens_on.isoformat(), "closes_on": cycle.closes_on.isoformat(),
            "framework": {"version": cycle.framework_version,
                          "fingerprint": cycle.framework_fingerprint},
            "calibration_at": cycle.calibration_at.isoformat(timespec="seconds")
            if cycle.calibration_at else None,
            "released_at": cycle.released_at.isoformat(timespec="seconds")
            if cycle.released_at else None}


def _visible(cycle: Cycle, viewer: Principal) -> list[Nomination]:
    if viewer.is_admin:
        return list(cycle.nominations)
    return [n for n in cycle.nominations if _assigned(n, viewer.person_id)]


def _people(session: Session, ids: set[int]) -> dict[int, Person]:
    if not ids:
        return {}
    return {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))}


def cycle_view(session: Session, cycle: Cycle, viewer: Principal) -> dict[str, Any]:
    """Everything the viewer may see of a cycle, and nothing else: pages, the API, the CLI's
    `--json` and the report are all built from this."""
    if not viewer.is_admin and not _on_panel(cycle, viewer.person_id):
        raise NotFoundError(f"no cycle {cycle.name!r}")
    fw = cycle_framework(session, cycle)
    calibrated = cycle.state in CALIBRATED
    member_here = _on_panel(cycle, viewer.person_id)
    # An admin who sits on this cycle's panel is a member first: no progress of others.
    show_progress = viewer.is_admin and not member_here
    nominations = _visible(cycle, viewer)
    ids = [n.id for n in nominations]
    every = _scores(session, ids) if calibrated else []
    own: dict[int, list[Score]] = {}
    if viewer.person_id is not None:
        for n in nominations:
            if _assigned(n, viewer.person_id):
                own[n.id] = _own_scores(session, n, viewer.person_id)
    people = _people(session, {a.member_id for n in nominations for a in n.assignments}
                     | {s.member_id for s in every})
    dims = [{"id": d.id, "title": d.title} for d in fw.dimensions]
    out_noms = []
    for n in nominations:
        item: dict[str, Any] = {
            "id": n.id, "person": _person(n.person), "nominated_by": n.nominated_by,
            "manager": n.manager.handle if n.manager else None,
            "manager_agreed": n.manager_agreed_at is not None,
            "needs_agreement": needs_agreement(n),
            "submitted_at": n.submitted_at.isoformat(timespec="seconds")
            if n.submitted_at else None,
            "panel": [people[a.member_id].handle for a in n.assignments],
            "assigned_to_me": n.id in own,
            "decision": None, "decisions": [],
        }
        if n.id in own:
            item["my_scores"] = {s.dimension: {"level": s.level, "comment": s.comment,
                                               "updated_at": s.updated_at.isoformat(
                                                   timespec="seconds")}
                                 for s in own[n.id]}
        if show_progress and not calibrated:
            item["progress"] = _progress(session, n, len(fw.dimensions), people)
        if calibrated:
            item["calibration"] = _calibration_rows(fw, n, [s for s in every
                                                            if s.nomination_id == n.id],
                                                    people)
            decisions = decision_history(session, n)
            deciders = _people(session, {d.decided_by_id for d in decisions
                                         if d.decided_by_id})
            item["decisions"] = [decision_to_dict(d, deciders) for d in decisions]
            item["decision"] = item["decisions"][-1] if decisions else None
        out_noms.append(item)
    out_noms.sort(key=lambda i: (i["person"]["name"], i["id"]))
    view: dict[str, Any] = {
        "cycle": cycle_to_dict(cycle),
        "viewer": {"admin": viewer.is_admin, "member": member_here},
        "levels": [{"id": lv.id, "title": lv.title} for lv in fw.levels],
        "dimensions": dims, "nominations": out_noms, "blind": not calibrated,
    }
    if calibrated:
        view["agreement"] = agreement(fw, every, people)
    return view


def _progress(session: Session, nomination: Nomination, dimensions: int,
              people: Mapping[int, Person]) -> list[dict[str, Any]]:
    """Per panel member, only whether they have scored every dimension: never how many,
    never what."""
    done = set(session.scalars(
        select(Score.member_id).where(Score.nomination_id == nomination.id)
        .group_by(Score.member_id).having(func.count(Score.id) >= dimensions)))
    return [{"member": people[a.member_id].handle, "complete": a.member_id in done}
            for a in nomination.assignments]


def _rank_title(fw: Framework, value: float | None) -> str | None:
    if value is None:
        return None
    titles = [lv.title for lv in fw.levels]
    if float(value).is_integer():
        return titles[int(value)]
    low = int(value)
    return f"{titles[low]}–{titles[low + 1]}"


def _calibration_rows(fw: Framework, nomination: Nomination, scores: Sequence[Score],
                      people: Mapping[int, Person]) -> list[dict[str, Any]]:
    frozen = nomination.frozen or {}
    assessed = {k: v.get("level") for k, v in (frozen.get("dimensions") or {}).items()}
    snapshot = nomination.snapshot
    selves = dict((snapshot.inputs.get("self_ratings") or {}) if snapshot else {})
    target = frozen.get("target_level") or nomination.person.target_level
    rows = []
    for d in fw.dimensions:
        mine = [s for s in scores if s.dimension == d.id]
        ranks = [fw.level_index(s.level) for s in mine]
        sp = stats.spread(ranks) if ranks else None
        rows.append({
            "dimension": d.id, "title": d.title,
            "scores": [{"id": s.id, "member": people[s.member_id].handle, "level": s.level,
                        "rank": fw.level_index(s.level), "comment": s.comment,
                        "outlier": sp is not None and abs(fw.level_index(s.level) - sp.median)
                        >= stats.OUTLIER_LEVELS} for s in mine],
            "low": fw.levels[sp.low].id if sp else None,
            "high": fw.levels[sp.high].id if sp else None,
            "median": sp.median if sp else None,
            "median_title": _rank_title(fw, sp.median) if sp else None,
            "iqr": sp.iqr if sp else None,
            "range": sp.range if sp else None,
            "self": selves.get(d.id), "manager": nomination.manager_ratings.get(d.id),
            "assessed": assessed.get(d.id), "target": target,
        })
    return rows


def _ratings(fw: Framework, scores: Sequence[Score]) -> list[stats.Rating]:
    return [stats.Rating((s.nomination_id, s.dimension), s.member_id, fw.level_index(s.level))
            for s in scores]


def agreement(fw: Framework, scores: Sequence[Score], people: Mapping[int, Person]
              ) -> dict[str, Any]:
    """Krippendorff's alpha (ordinal) per dimension and overall, each member's severity,
    and the outliers, over the scores given."""
    ratings = _ratings(fw, scores)
    levels = len(fw.levels)
    per_dim = {d.id: stats.alpha_ordinal([r for r in ratings if r.item[1] == d.id], levels)  # type: ignore[index]
               for d in fw.dimensions}
    return {
        "alpha": per_dim,
        "alpha_overall": stats.alpha_ordinal(ratings, levels),
        "severity": sorted(
            ({"member": people[s.member].handle, "offset": round(s.offset, 3),  # type: ignore[index]
              "scored": s.items} for s in stats.severity(ratings)),
            key=lambda x: x["member"]),
        "outliers": len(stats.outliers(ratings)),
        "scores": len(ratings),
        "severity_basis": "mean of (member's level − the item's panel median), in levels",
    }


# --- what a nominee and a manager see ---------------------------------------------------


def my_nominations(session: Session, person: Person) -> list[dict[str, Any]]:
    """A person's own nominations; an outcome and its rationale only once released."""
    rows = session.scalars(select(Nomination).where(Nomination.person_id == person.id)
                           .options(selectinload(Nomination.cycle)).order_by(Nomination.id))
    out = []
    for n in rows:
        item = {"id": n.id, "cycle": cycle_to_dict(n.cycle), "nominated_by": n.nominated_by,
                "needs_agreement": needs_agreement(n),
                "submitted_at": n.submitted_at.isoformat(timespec="seconds")
                if n.submitted_at else None, "outcome": None}
        if n.cycle.state == "released":
            item["outcome"] = _outcome(session, n)
        out.append(item)
    return out


def _outcome(session: Session, n: Nomination) -> dict[str, Any] | None:
    d = latest_decision(session, n)
    if d is None:
        return None
    return {"outcome": d.outcome, "title": OUTCOME_TITLES[d.outcome], "rationale": d.rationale,
            "version": d.version, "decided_at": d.decided_at.isoformat(timespec="seconds")}


def outcome_for(session: Session, nomination_id: int, person: Person) -> dict[str, Any]:
    """One released outcome of the person's own; anything else is not found."""
    n = session.get(Nomination, nomination_id)
    if n is None or n.person_id != person.id or n.cycle.state != "released":
        raise NotFoundError(f"no released outcome #{nomination_id} for you")
    found = _outcome(session, n)
    if found is None:
        raise NotFoundError(f"no released outcome #{nomination_id} for you")
    return {"id": n.id, "cycle": cycle_to_dict(n.cycle), **found}


def reports_nominations(session: Session, manager: Person) -> list[Nomination]:
    """Nominations of a manager's reports that the manager may still rate (the cycle is in
    draft or open), self-nominations still waiting for agreement left out: agreeing rates."""
    return list(session.scalars(
        select(Nomination).join(Cycle).where(
            Nomination.manager_id == manager.id, Cycle.state.in_(("draft", "open")),
            ~((Nomination.nominated_by == "self") & Nomination.manager_agreed_at.is_(None))
        ).options(selectinload(Nomination.cycle), selectinload(Nomination.person))
        .order_by(Cycle.opens_on, Nomination.id)))


def awaiting_agreement(session: Session, manager: Person) -> list[Nomination]:
    """Self-nominations of a manager's reports that wait for the manager to agree."""
    return list(session.scalars(select(Nomination).where(
        Nomination.manager_id == manager.id, Nomination.nominated_by == "self",
        Nomination.manager_agreed_at.is_(None)).order_by(Nomination.id)))


def open_for_nomination(session: Session) -> list[Cycle]:
    return list(session.scalars(select(Cycle).where(Cycle.state.in_(("draft", "open")))
                                .order_by(Cycle.opens_on, Cycle.id)))
