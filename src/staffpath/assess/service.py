"""Assessing people from the store, and the JSON shape other tools rely on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from staffpath.assess.engine import Assessment, Item, assess, item_scope
from staffpath.framework.model import Framework
from staffpath.store.models import Evidence, Person
from staffpath.vocab import EvidenceKind


def evidence_items(session: Session, person: Person) -> list[Item]:
    rows = session.scalars(select(Evidence).where(
        Evidence.person_id == person.id, Evidence.deleted_at.is_(None)))
    return [to_item(e) for e in rows]


def to_item(e: Evidence) -> Item:
    kind = EvidenceKind(e.kind) if e.kind in EvidenceKind._value2member_map_ else (
        EvidenceKind.OTHER)
    return Item(
        id=e.id, title=e.title, kind=kind, date_start=e.date_start, date_end=e.date_end,
        scope=item_scope(e.scope, e.teams, kind), dimensions=frozenset(e.dimensions),
        source_type=e.source_type,
    )


def org_engineers(session: Session) -> int:
    return session.scalar(select(func.count(Person.id)).where(
        Person.active.is_(True), Person.role == "engineer")) or 0


def assess_person(
    session: Session, person: Person, framework: Framework, *, as_of: dt.date | None = None
) -> Assessment:
    """Assess a person's evidence in the store against a framework."""
    target = person.target_level if person.target_level in framework.level_ids else None
    return assess(
        framework, evidence_items(session, person), as_of=as_of or dt.date.today(),
        current_level=person.level, target_level=target,
        org_engineers=org_engineers(session),
    )


def assessment_to_dict(person: Person, a: Assessment) -> dict[str, Any]:
    """The stable JSON form: overall level, and per dimension its level and cited evidence."""
    return {
        "person": {"id": person.id, "name": person.name, "handle": person.handle},
        "as_of": a.as_of.isoformat(),
        "framework": {"id": a.framework_id, "version": a.framework_version,
                      "fingerprint": a.framework_fingerprint},
        "current_level": a.current_level,
        "target_level": a.target_level,
        "overall_level": a.overall_level,
        "dimensions": {
            d.dimension: {
                "title": d.title,
                "level": d.level,
                "confidence": d.confidence,
                "enough_evidence": d.enough_evidence,
                "evidence": [c.evidence_id for c in d.citations],
                "citations": [
                    {"id": c.evidence_id, "title": c.title,
                     "date": c.date.isoformat() if c.date else None, "reason": c.reason}
                    for c in d.citations
                ],
                "checks": [
                    {"level": c.level, "met": c.met, "items": c.items,
                     "needed_items": c.needed_items, "span_months": c.span_months,
                     "needed_span_months": c.needed_span_months,
                     "min_scope": c.min_scope.name.lower()}
                    for c in d.checks
                ],
            }
            for d in a.dimensions
        },
        "gaps": [
            {"dimension": g.dimension, "current": g.current, "target": g.target,
             "missing": g.missing, "closes_gap": g.closes_gap}
            for g in a.gaps
        ],
        "archetypes": [
            {"id": f.archetype, "title": f.title, "score": f.score, "supported": f.supported,
             "min_org_engineers": f.min_org_engineers}
            for f in a.archetypes
        ],
    }
