"""The manager's statement: the nominee's manager comments on the packet and signs it off
before submission; submitting freezes the statement into the packet (a written draft that
is not signed off holds the submission back); the nominee reads it once the outcome is
released. Each change is audited, by id only."""

from __future__ import annotations

import html
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.accounts.audit import Origin, record_change
from staffpath.accounts.principal import Principal
from staffpath.cycles.lifecycle import StateError
from staffpath.cycles.panel_tables import ManagerStatement
from staffpath.cycles.tables import Nomination
from staffpath.errors import InputError, NotFoundError
from staffpath.store.tables import Person, utcnow

MAX_TEXT = 20_000
HEADING = "Manager's statement"


def statement_of(session: Session, nomination: Nomination) -> ManagerStatement | None:
    return session.scalar(select(ManagerStatement)
                          .where(ManagerStatement.nomination_id == nomination.id))


def write(session: Session, nomination: Nomination, caller: Principal, text: str, *,
          sign_off: bool, origin: Origin) -> ManagerStatement:
    """The manager writes (or rewrites) their statement, and may sign it off; only before
    the packet is submitted. Anyone but the nominee's manager finds nothing."""
    if (caller.person_id is None or nomination.manager_id != caller.person_id
            or nomination.person_id == caller.person_id):
        raise NotFoundError(f"no nomination #{nomination.id} of a report of yours")
    if nomination.cycle.state not in ("draft", "open"):
        raise StateError(f"cycle {nomination.cycle.name!r} is {nomination.cycle.state}; the "
                         "statement is written before the packet is submitted")
    if nomination.submitted_at is not None:
        raise StateError(f"{nomination.person.handle}'s packet is submitted; the statement "
                         "was frozen with it")
    text = text.strip()
    if not text:
        raise InputError("the statement must not be empty")
    if len(text) > MAX_TEXT:
        raise InputError(f"the statement is longer than {MAX_TEXT} characters")
    row = statement_of(session, nomination)
    if row is None:
        row = ManagerStatement(nomination_id=nomination.id, manager_id=caller.person_id,
                               text=text)
        session.add(row)
    row.text, row.updated_at = text, utcnow()
    row.signed_off_at = utcnow() if sign_off else None
    session.flush()
    record_change(session, origin, "sign_off_statement" if sign_off else "write_statement",
                  "nomination", nomination.id)
    return row


def require_ready(session: Session, nomination: Nomination) -> None:
    """A statement written but not signed off holds the submission back."""
    row = statement_of(session, nomination)
    if row is not None and row.signed_off_at is None:
        raise StateError(f"{nomination.person.handle}'s manager has not signed off their "
                         "statement yet")


def freeze(session: Session, nomination: Nomination) -> None:
    """Put the signed-off statement (or its absence) into the frozen packet."""
    row = statement_of(session, nomination)
    manager = session.get(Person, row.manager_id) if row and row.manager_id else None
    if row is None:
        body = "The manager gave no statement."
        frozen: dict[str, Any] = {"text": None}
    else:
        who = manager.name if manager else "the manager"
        signed = row.signed_off_at.date().isoformat() if row.signed_off_at else ""
        body = f"{row.text}\n\nSigned off by {who} on {signed}."
        frozen = {"text": row.text, "manager": manager.handle if manager else None,
                  "signed_off_at": row.signed_off_at.isoformat(timespec="seconds")
                  if row.signed_off_at else None}
    section = (f'<section class="manager-statement"><h2>{HEADING}</h2>'
               + "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n")) + "</section>")

    def with_md(text: str | None) -> str:
        return (text or "") + f"\n\n## {HEADING}\n\n{body}\n"

    def with_html(page: str | None) -> str:
        page = page or ""
        return (page.replace("</body>", section + "</body>", 1) if "</body>" in page
                else page + section)

    # The statement is the manager's view, not the engine's: the unanchored packet has it too.
    nomination.packet_md = with_md(nomination.packet_md)
    nomination.packet_html = with_html(nomination.packet_html)
    if nomination.packet_md_blind is not None:
        nomination.packet_md_blind = with_md(nomination.packet_md_blind)
    if nomination.packet_html_blind is not None:
        nomination.packet_html_blind = with_html(nomination.packet_html_blind)
    nomination.frozen = {**(nomination.frozen or {}), "manager_statement": frozen}
    session.flush()


def released_statement(session: Session, nomination_id: int, person: Person
                       ) -> dict[str, Any] | None:
    """The frozen statement for the nominee themselves, once the cycle is released."""
    nomination = session.get(Nomination, nomination_id)
    if (nomination is None or nomination.person_id != person.id
            or nomination.cycle.state != "released"):
        return None
    found = (nomination.frozen or {}).get("manager_statement")
    return found if isinstance(found, dict) and found.get("text") else None
