"""The packet's advocates: colleagues who confirmed or endorsed items, in their own words.

Teams and stakeholders named in the evidence say where advocates might be found; only a
colleague's answer (see `staffpath.ledger.endorsements`) answers the question.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from sqlalchemy.orm import Session

from staffpath.ledger.endorsements import Advocate, advocates
from staffpath.packet.model import Answer, Entry, Fact, Note, Voice
from staffpath.packet.text import one_line, plural
from staffpath.store.tables import Person

WOULD_ANSWER = ("Colleagues who confirm items or endorse them in their own words (ask them "
                "from an item in the journal, or with staffpath endorse ask).")


def advocates_of(session: Session, person: Person) -> tuple[Advocate, ...]:
    """The colleagues who vouched for the person's items, for `build_document`."""
    return tuple(advocates(session, person))


def _entry(a: Advocate) -> Entry:
    who = f"{one_line(a.name)} (@{a.handle}"
    who += "".join(f", {part}" for part in (a.team, a.level) if part) + ")"
    facts = [Fact("About", one_line(a.item_title))]
    if a.text:
        facts.append(Fact("In their words", f"“{one_line(a.text)}”"))
    else:
        facts.append(Fact("Answer", "confirmed the item"))
    return Entry(a.evidence_id, who, a.answered_at.strftime("%b %Y"), tuple(facts))


def advocates_answer(base: Answer, found: Sequence[Advocate], voice: Voice) -> Answer:
    """The advocates section: the colleagues' answers as its entries, the teams and leaders
    the evidence names as context. Without an answer the section is unanswered, and the
    teams and leaders are shown uncited, as where to ask."""
    if not found:
        notes = tuple(Note(n.text) for n in base.notes)
        lead = voice.fill("No colleague has confirmed or endorsed {my} work yet.")
        if base.lead:
            lead += " " + base.lead
        return dataclasses.replace(base, lead=lead, entries=(), notes=notes, count=0,
                                   would_answer=WOULD_ANSWER)
    people = {a.handle for a in found}
    words = sum(a.text is not None for a in found)
    items = {a.evidence_id for a in found}
    lead = (f"{plural(len(people), 'colleague')} vouched for {plural(len(items), 'item')}"
            + (f", {words} in their own words" if words else "") + ".")
    if base.lead:
        lead += " " + base.lead
    return dataclasses.replace(base, lead=lead, entries=tuple(_entry(a) for a in found),
                               count=len(found), would_answer=WOULD_ANSWER)
