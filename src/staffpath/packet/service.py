"""Building a person's packet document from the store."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from staffpath.assess.cache import AssessmentCache
from staffpath.assess.service import assess_person
from staffpath.framework.model import Framework
from staffpath.ledger.service import list_evidence, list_notes
from staffpath.packet.advocates import advocates_of
from staffpath.packet.document import PacketDocument, build_document
from staffpath.store.tables import Person


def packet_document(
    session: Session,
    person: Person,
    framework: Framework,
    *,
    as_of: dt.date | None = None,
    third_person: bool = False,
    cache: AssessmentCache | None = None,
) -> PacketDocument:
    """Assess a person and build their packet from the evidence and journal in the store."""
    result = assess_person(session, person, framework, as_of=as_of, cache=cache)
    return build_document(person, result, framework, list_evidence(session, person=person),
                          list_notes(session, person), third_person=third_person,
                          advocates=advocates_of(session, person))
