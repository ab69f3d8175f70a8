"""Assessing people from the store: building items, self-ratings, snapshots, the JSON shape."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from staffpath.assess.cache import AssessmentCache, AssessmentKey
from staffpath.assess.engine import Assessment, assess
from staffpath.assess.signals import (
    MINED_SOURCES,
    Item,
    effective_role,
    effective_scope,
    impact_score,
    money,
    source_class,
)
from staffpath.assess.tables import AssessmentSnapshot, SelfRating
from staffpath.errors import InputError, NotFoundError
from staffpath.framework.model import Framework
from staffpath.ledger.extract.orgsize import DECLARED, OrgSize
from staffpath.ledger.facts import Facts
from staffpath.ledger.record import evidence_to_dict
from staffpath.people.orgsize import declared_org_size
from staffpath.store.tables import Evidence, Person
from staffpath.vocab import EvidenceKind, Scope

CORROBORATION_DAYS = 45

# Statements the web runs on every page that shows an assessment, built once.
# The roster's size: its active engineers.
_ORG_SIZE = select(func.count()).select_from(Person).where(
    Person.active.is_(True), Person.role == "engineer")
_RATINGS = (select(SelfRating.person_id, SelfRating.dimension, SelfRating.level)
            .where(SelfRating.person_id.in_(bindparam("ids", expanding=True)))
            .order_by(SelfRating.rated_at, SelfRating.id))
_REVISIONS = select(Person.id, Person.ledger_revision).where(
    Person.id.in_(bindparam("ids", expanding=True)))
_EVIDENCE = (select(Evidence).where(Evidence.person_id.in_(bindparam("ids", expanding=True)),
                                    Evidence.deleted_at.is_(None)).order_by(Evidence.id))


def facts_of(e: Evidence) -> Facts:
    return Facts.from_dict(e.extra.get("extracted") or {})


def evidence_scope(e: Evidence) -> Scope:
    """An item's reach with the person's corrections applied."""
    return effective_scope(e.scope, e.teams, facts_of(e), _kind(e))


def evidence_teams(e: Evidence) -> list[str]:
    """Teams an item touched: as the person set them, else as named in its text."""
    return list(e.teams) or list(facts_of(e).teams_named)


def _kind(e: Evidence) -> EvidenceKind:
    return EvidenceKind(e.kind) if e.kind in EvidenceKind._value2member_map_ else (
        EvidenceKind.OTHER)


def _corroborated(e: Evidence, mined: Sequence[Evidence]) -> bool:
    """A self-reported item is corroborated when mined work from the same weeks touches the same
    teams or project."""
    if e.date_start is None:
        return False
    teams = set(evidence_teams(e))
    for m in mined:
        if m.date_start is None:
            continue
        end = m.date_end or m.date_start
        if (m.date_start - dt.timedelta(days=CORROBORATION_DAYS) <= (e.date_end or e.date_start)
                and e.date_start <= end + dt.timedelta(days=CORROBORATION_DAYS)
                and ((teams & set(evidence_teams(m))) or (e.project and e.project == m.project))):
            return True
    return False


def to_items(rows: Sequence[Evidence]) -> list[Item]:
    mined = [e for e in rows if e.source_type in MINED_SOURCES]
    return [to_item(e, mined) for e in rows]


def to_item(e: Evidence, mined: Sequence[Evidence] = ()) -> Item:
    facts = facts_of(e)
    kind = _kind(e)
    yearly = money(facts.money_per_year)
    if yearly is None and e.impact_money is not None:
        yearly = e.impact_money
    return Item(
        id=e.id, title=e.title, kind=kind, date_start=e.date_start, date_end=e.date_end,
        scope=effective_scope(e.scope, e.teams, facts, kind),
        dimensions=frozenset(e.dimensions),
        role=effective_role(e.role, facts),
        source=source_class(e.source_type, e.attested_by, bool(e.extra.get("model")),
                            e.source_type not in MINED_SOURCES and _corroborated(e, mined)),
        impact=impact_score(yearly, e.impact_metric, e.impact_unit),
        impact_text=e.impact_text or "",
        teams=frozenset(evidence_teams(e)),
        # "Mentored three engineers, two of them promoted" grew three people, not five.
        people_grown=max(facts.people.values(), default=0),
        project=e.project,
        # The words a fact was read from, unless the person corrected that fact.
        quotes=tuple(sorted((k, v) for k, v in facts.words.items()
                            if (k == "reach" and e.scope is None)
                            or (k == "role" and e.role is None))),
        cues=frozenset(facts.cues),
        framing=frozenset(facts.framing),
        org_size=OrgSize.from_dict(e.extra.get("org_size")),
        filed=e.extra.get("dated_by") == "period",
    )


def live_evidence(session: Session, person: Person) -> list[Evidence]:
    return list(session.scalars(select(Evidence).where(
        Evidence.person_id == person.id, Evidence.deleted_at.is_(None)).order_by(Evidence.id)))


def declared_size(session: Session) -> OrgSize | None:
    """The organisation's declared size, as the assessment reads a size, or None."""
    declared = declared_org_size(session)
    return (OrgSize(declared.engineers, declared.teams, DECLARED)
            if declared is not None else None)


def org_size(session: Session) -> tuple[int, OrgSize | None]:
    """The roster's active engineers (which staff shapes the organisation has room for), and
    the organisation's declared size, if any (how far work in it can reach)."""
    engineers = session.execute(_ORG_SIZE).scalar_one()
    return int(engineers or 0), declared_size(session)


# --- self-ratings -----------------------------------------------------------------------


def set_self_rating(session: Session, person: Person, framework: Framework, dimension: str,
                    level: str, note: str = "") -> SelfRating:
    """Record an engineer's own rating of one dimension (the newest rating counts)."""
    framework.dimension(dimension)
    framework.level_index(level)
    rating = SelfRating(person_id=person.id, dimension=dimension, level=level, note=note)
    session.add(rating)
    session.flush()
    return rating


def self_ratings(session: Session, person: Person) -> dict[str, str]:
    """The newest self-rating per dimension."""
    return self_ratings_of(session, [person.id]).get(person.id, {})


def self_ratings_of(session: Session, ids: Sequence[int]) -> dict[int, dict[str, str]]:
    """The newest self-rating per dimension, for several people at once."""
    found: dict[int, dict[str, str]] = {}
    for chunk in id_chunks(ids):
        for person_id, dimension, level in session.execute(_RATINGS, {"ids": chunk}):
            found.setdefault(person_id, {})[dimension] = level
    return found


# --- assessing --------------------------------------------------------------------------

IN_CHUNK = 900  # ids per IN (...) list, well under every database's parameter limit


def id_chunks(ids: Iterable[int]) -> list[list[int]]:
    """Distinct ids in lists short enough for one IN (...) each."""
    unique = list(dict.fromkeys(ids))
    return [unique[i:i + IN_CHUNK] for i in range(0, len(unique), IN_CHUNK)]


class Assessable(Protocol):
    """What assessing needs of a person besides their evidence (a `Person` is one)."""

    @property
    def id(self) -> int: ...
    @property
    def level(self) -> str | None: ...
    @property
    def target_level(self) -> str | None: ...


def assess_person(
    session: Session, person: Assessable, framework: Framework, *,
    as_of: dt.date | None = None, cache: AssessmentCache | None = None,
) -> Assessment:
    """Assess a person's evidence in the store against a framework."""
    return assess_people(session, [person], framework, as_of=as_of, cache=cache)[person.id]


def assess_people(
    session: Session, people: Sequence[Assessable], framework: Framework, *,
    as_of: dt.date | None = None, cache: AssessmentCache | None = None,
    revisions: Mapping[int, int] | None = None,
) -> dict[int, Assessment]:
    """Assess several people, by id: their evidence is read in one query per chunk, and with
    a cache only the people whose inputs changed are assessed again.

    `revisions` are the people's ledger revisions when the caller has just read them in this
    session; otherwise they are read here (an object loaded earlier may predate an evidence
    write the triggers have counted since)."""
    day = as_of or dt.date.today()
    ids = [p.id for p in people]
    engineers, declared = (cache.org_size(lambda: org_size(session)) if cache is not None
                           else org_size(session))
    ratings = self_ratings_of(session, ids)
    revisions = dict(revisions or {})
    if cache is not None and any(i not in revisions for i in ids):
        for chunk in id_chunks(ids):
            rows = session.execute(_REVISIONS, {"ids": chunk})
            revisions.update((person_id, revision) for person_id, revision in rows)
    results: dict[int, Assessment] = {}
    todo: list[tuple[Assessable, AssessmentKey]] = []
    for p in people:
        target = p.target_level if p.target_level in framework.level_ids else None
        key = AssessmentKey(
            person_id=p.id, ledger_revision=revisions.get(p.id, -1), current_level=p.level,
            target_level=target, framework_fingerprint=framework.fingerprint, as_of=day,
            org_engineers=engineers, self_ratings=tuple(sorted(ratings.get(p.id, {}).items())),
            org_declared=(declared.engineers, declared.teams) if declared else (0, 0))
        found = cache.get(key) if cache is not None else None
        if found is not None:
            results[p.id] = found
        else:
            todo.append((p, key))
    evidence: dict[int, list[Evidence]] = {}
    for chunk in id_chunks([p.id for p, _ in todo]):
        for e in session.scalars(_EVIDENCE, {"ids": chunk}):
            evidence.setdefault(e.person_id, []).append(e)
    for p, key in todo:
        result = assess(
            framework, to_items(evidence.get(p.id, [])), as_of=day, current_level=p.level,
            target_level=key.target_level, org_engineers=engineers,
            self_ratings=dict(key.self_ratings), org_declared=declared)
        if cache is not None:
            cache.put(key, result)
        results[p.id] = result
    return results


def assess_person_on(session: Session, person: Assessable, framework: Framework,
                     days: Sequence[dt.date]) -> list[Assessment]:
    """The person's assessment on each of `days`, from one read of their record: what the
    work dated by each day supports (a history of the record as it stands today)."""
    engineers, declared = org_size(session)
    ratings = self_ratings_of(session, [person.id]).get(person.id, {})
    items = to_items(list(session.scalars(_EVIDENCE, {"ids": [person.id]})))
    target = person.target_level if person.target_level in framework.level_ids else None
    return [assess(framework, items, as_of=day, current_level=person.level,
                   target_level=target, org_engineers=engineers, self_ratings=ratings,
                   org_declared=declared)
            for day in days]


class Named(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def handle(self) -> str: ...


def assessment_to_dict(person: Named, a: Assessment) -> dict[str, Any]:
    """The stable JSON form: overall level, and per dimension its level and cited evidence."""
    return {
        "person": {"id": person.id, "name": person.name, "handle": person.handle},
        "as_of": a.as_of.isoformat(),
        "framework": {"id": a.framework_id, "version": a.framework_version,
                      "fingerprint": a.framework_fingerprint},
        "current_level": a.current_level,
        "target_level": a.target_level,
        "overall_level": a.overall_level,
        # What the evidence alone supports; the overall level stays at the current one unless
        # the record holds evidence against it (`below_current`).
        "evidence_level": a.evidence_level,
        "below_current": a.below_current,
        # Why: too little of the record reaches as far as the current level asks.
        "below_by_reach": a.below_by_reach,
        # Or: a record with plenty of work over long enough shows a lower level, or holds
        # too little of the part the current level asks (leading, for senior).
        "below_by_record": a.below_by_record,
        "record_items": a.record_items,
        "record_months": a.record_months,
        "current_part_items": a.current_part_items,
        # In an organisation this small, work said to reach further is read as reaching this
        # far ("teams"), or null.
        "reach_read_as": a.reach_read_as.name.lower() if a.reach_read_as is not None else None,
        # The organisation's size as the record states it, with its words, or null; and the
        # level a title too large for it holds at (`title_held_at`), or null.
        "org_stated": a.org_stated.as_dict() if a.org_stated is not None else None,
        "title_held_at": a.title_held_at,
        "overall_confidence": a.overall_confidence,
        # The record read as a whole by the framework's reader (`overall.reader`), or null;
        # `decides` when the overall level is the reading's.
        "reading": None if a.reading_level is None else {
            "level": a.reading_level, "share": a.reading_share, "items": a.reading_items,
            "decides": a.by_reading,
            "telling": [{"id": c.evidence_id, "title": c.title} for c in a.reading_citations],
        },
        "unrecorded": list(a.unrecorded),
        "dimensions": {
            d.dimension: {
                "title": d.title,
                "level": d.level,
                "confidence": d.confidence,
                "enough_evidence": d.enough_evidence,
                "outcome": d.outcome or None,
                "evidence": [c.evidence_id for c in d.citations],
                "citations": [
                    {"id": c.evidence_id, "title": c.title,
                     "date": c.date.isoformat() if c.date else None, "reason": c.reason,
                     "weight": c.weight, "source": c.source.value}
                    for c in d.citations
                ],
                "checks": [
                    {"level": c.level, "met": c.met, "items": c.items, "count": c.count,
                     "needed_items": c.needed_items, "span_months": c.span_months,
                     "needed_span_months": c.needed_span_months,
                     "min_scope": c.min_scope.name.lower(), "min_role": c.min_role.name.lower()}
                    for c in d.checks
                ],
                "sources": dict(d.sources),
            }
            for d in a.dimensions
        },
        "gaps": [
            {"dimension": g.dimension, "current": g.current, "target": g.target,
             "missing": g.missing, "closes_gap": g.closes_gap, "outcome": g.outcome}
            for g in a.gaps
        ],
        "archetypes": [
            {"id": f.archetype, "title": f.title, "score": f.score, "supported": f.supported,
             "min_org_engineers": f.min_org_engineers}
            for f in a.archetypes
        ],
        "self_vs_assessed": [
            {"dimension": c.dimension, "self": c.self_level, "assessed": c.assessed_level,
             "difference": c.difference, "flagged": c.flagged}
            for c in a.self_comparison
        ],
        "org_engineers": a.org_engineers,
    }


# --- snapshots --------------------------------------------------------------------------


def save_snapshot(
    session: Session, person: Person, framework: Framework, *, as_of: dt.date | None = None,
    label: str = "",
) -> AssessmentSnapshot:
    """Assess and store the result with its inputs, so it can be reproduced and compared."""
    a = assess_person(session, person, framework, as_of=as_of)
    rows = live_evidence(session, person)
    inputs = {
        "person": {"level": person.level, "target_level": person.target_level},
        "self_ratings": self_ratings(session, person),
        "org_engineers": a.org_engineers,
        "evidence": [evidence_to_dict(e) | {"extra": e.extra} for e in rows],
    }
    digest = hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()
    snap = AssessmentSnapshot(
        person_id=person.id, as_of=a.as_of, framework_fingerprint=a.framework_fingerprint,
        framework_version=a.framework_version, inputs_hash=digest,
        inputs=json.loads(json.dumps(inputs, default=str)),
        result=assessment_to_dict(person, a), overall_level=a.overall_level, label=label,
        evidence_count=len(rows))
    session.add(snap)
    session.flush()
    return snap


def list_snapshots(session: Session, person: Person) -> list[AssessmentSnapshot]:
    return list(session.scalars(select(AssessmentSnapshot).where(
        AssessmentSnapshot.person_id == person.id).order_by(AssessmentSnapshot.as_of,
                                                            AssessmentSnapshot.id)))


def get_snapshot(session: Session, person: Person, ref: str) -> AssessmentSnapshot:
    """A snapshot by id, or the newest one on or before a date (YYYY-MM-DD)."""
    snaps = list_snapshots(session, person)
    if ref.isdigit():
        found = next((s for s in snaps if s.id == int(ref)), None)
    else:
        try:
            day = dt.date.fromisoformat(ref)
        except ValueError:
            raise InputError(f"{ref!r} is neither a snapshot id nor a date (YYYY-MM-DD)"
                             ) from None
        found = next((s for s in reversed(snaps) if s.as_of <= day), None)
    if found is None:
        raise NotFoundError(f"no saved assessment {ref!r} for {person.handle}; save one with "
                            "`staffpath assess PERSON --save`")
    return found


def compare_results(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What changed between two assessments: levels per dimension, overall, evidence cited."""
    changes = []
    for dim, now in after["dimensions"].items():
        then = before["dimensions"].get(dim, {})
        if then.get("level") != now["level"]:
            changes.append({"dimension": dim, "before": then.get("level"),
                            "after": now["level"]})
    cited_before = {i for d in before["dimensions"].values() for i in d["evidence"]}
    cited_after = {i for d in after["dimensions"].values() for i in d["evidence"]}
    return {
        "from": before["as_of"], "to": after["as_of"],
        "overall": {"before": before["overall_level"], "after": after["overall_level"]},
        "framework_changed": before["framework"]["fingerprint"]
        != after["framework"]["fingerprint"],
        "dimensions": changes,
        "newly_cited": sorted(cited_after - cited_before),
        "no_longer_cited": sorted(cited_before - cited_after),
    }
