"""A person's data: everything staffpath holds about them as JSON, and erasing it; both
audited, from the web and the command line alike."""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    String,
    Table,
    Text,
    and_,
    cast,
    delete,
    false,
    or_,
    select,
)
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from staffpath.accounts.audit import Origin, entry_to_dict, record_change
from staffpath.accounts.auth import account_of, end_all_sessions
from staffpath.accounts.tables import AuditEntry, User
from staffpath.assess.service import self_ratings
from staffpath.errors import InputError, StoreError
from staffpath.ledger import endorsements
from staffpath.ledger.record import evidence_to_dict
from staffpath.ledger.service import list_evidence, list_notes
from staffpath.mining.history import unpack_state
from staffpath.mining.tables import MinedRepo
from staffpath.people.directory import get_person
from staffpath.people.service import person_to_dict
from staffpath.store.tables import (
    Base,
    Evidence,
    EvidenceRevision,
    Person,
    PersonEmail,
    register_all_tables,
)

EXPORT_FORMAT = 1
# Tables whose text is never scrubbed: the audit log holds ids only and cannot be changed,
# the others hold digests, tokens or migration state.
NOT_SCRUBBED = frozenset({"audit_log", "login_attempts", "web_sessions", "alembic_version"})


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def export_person_data(session: Session, person: Person, *, origin: Origin) -> dict[str, Any]:
    """Everything staffpath holds about a person, deleted entries and their history included
    (the export itself is audited after it is taken, so it is not in its own log)."""
    user = account_of(session, person.id)
    items = list_evidence(session, person=person, include_deleted=True)
    revisions = list(session.scalars(
        select(EvidenceRevision).where(EvidenceRevision.evidence_id.in_([e.id for e in items]))
        .order_by(EvidenceRevision.id)))
    # What was done to their data (reads by others included), and what they did themselves.
    about = and_(AuditEntry.target_type == "person", AuditEntry.target_id == person.id)
    by_them = AuditEntry.actor_user_id == user.id if user is not None else false()
    audit = list(session.scalars(select(AuditEntry).where(or_(about, by_them))
                                 .order_by(AuditEntry.id)))
    data = {
        "format": EXPORT_FORMAT,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "person": person_to_dict(person),
        "account": None if user is None else {
            "id": user.id, "login": user.login, "is_admin": user.is_admin,
            "is_committee": user.is_committee, "active": user.active,
            "created_at": _plain(user.created_at)},
        "evidence": [evidence_to_dict(e) for e in items],
        "evidence_history": [
            {"evidence_id": r.evidence_id, "version": r.version, "change": r.change,
             "snapshot": r.snapshot, "changed_at": _plain(r.changed_at)} for r in revisions],
        "journal_notes": [
            {"id": n.id, "category": n.category, "section": n.section, "text": n.text,
             "source": n.source_ref, "line": n.source_line} for n in list_notes(session, person)],
        "self_ratings": self_ratings(session, person),
        "endorsements": endorsements.personal_export(session, person),
        "audit": [entry_to_dict(a) for a in audit],
    }
    record_change(session, origin, "export_data", "person", person.id)
    return data


# --- erasure -----------------------------------------------------------------------------


@dataclass
class ErasureReport:
    person_id: int
    deleted: dict[str, int] = field(default_factory=dict)
    scrubbed: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "deleted": self.deleted,
                "scrubbed": self.scrubbed}


def tombstone_name(person_id: int) -> str:
    return f"erased person #{person_id}"


def tombstone_handle(person_id: int) -> str:
    return f"erased-{person_id}"


def is_erased(person: Person) -> bool:
    return person.handle == tombstone_handle(person.id)


class ErasureNotConfirmed(InputError):
    """An erasure asked for without the handle of the person it would erase."""

    def __init__(self, handle: str) -> None:
        super().__init__("confirm: give the handle of the person being erased")
        self.handle = handle


def erase_confirmed(session: Session, person_id: int, confirmation: str, *,
                    origin: Origin) -> ErasureReport:
    """Erase a person, confirmed by typing their handle: a wrong one erases nothing."""
    person = get_person(session, person_id)
    if confirmation.strip() != person.handle:
        raise ErasureNotConfirmed(person.handle)
    return erase_person(session, person, origin=origin)


def erase_person(session: Session, person: Person, *, origin: Origin) -> ErasureReport:
    """Remove a person's personal data. The person row stays as a tombstone so that reporting
    lines and the audit log (which holds ids only) still hold together."""
    pid = person.id
    report = ErasureReport(person_id=pid)
    emails = [e.email for e in person.emails]
    user = account_of(session, pid)
    mentions = _mentions(person, emails, user)
    _delete_owned_rows(session, pid, report)
    if user is not None:
        end_all_sessions(session, user.id)
        user.login = f"erased-{user.id}@invalid"
        # Random, unknown to anyone: the account can never sign in again.
        user.password_hash = "erased:" + secrets.token_hex(16)
        user.active = False
        user.is_admin = user.is_committee = False
    person.name = tombstone_name(pid)
    person.handle = tombstone_handle(pid)
    person.level = person.target_level = None
    person.team_id = None
    person.active = False
    session.flush()
    _scrub_mentions(session, mentions, report)
    record_change(session, origin, "erase_person", "person", pid)
    return report


@dataclass(frozen=True)
class _Mention:
    """One way the person is written (an e-mail, their name, their handle) and its stand-in."""

    text: str
    replacement: str

    @property
    def pattern(self) -> re.Pattern[str]:
        # Not inside a longer word or address: the handle "ada" must not touch "Canada".
        return re.compile(r"(?<![\w.-])" + re.escape(self.text) + r"(?![\w-])", re.IGNORECASE)


def _mentions(person: Person, emails: Iterable[str], user: User | None) -> list[_Mention]:
    pid = person.id
    found = [_Mention(email, f"erased-{pid}@invalid") for email in emails]
    if user is not None and "@" in user.login:
        found.append(_Mention(user.login, f"erased-{pid}@invalid"))
    found += [_Mention(person.name, tombstone_name(pid)),
              _Mention(person.handle, tombstone_handle(pid))]
    # Longest first, so an e-mail goes as a whole before its local part (the handle) is seen.
    found.sort(key=lambda m: len(m.text), reverse=True)
    return [m for m in found if m.text.strip()]


def _person_tables() -> list[Table]:
    """Tables with rows that belong to one person (a `person_id` column), except accounts and
    the person row itself."""
    register_all_tables()
    return [t for t in Base.metadata.sorted_tables
            if "person_id" in t.c and t.name not in {"users", "people"} | NOT_SCRUBBED]


def _delete_owned_rows(session: Session, pid: int, report: ErasureReport) -> None:
    evidence_ids = select(Evidence.id).where(Evidence.person_id == pid).scalar_subquery()
    result = session.execute(delete(EvidenceRevision)
                             .where(EvidenceRevision.evidence_id.in_(evidence_ids)))
    report.deleted["evidence_revisions"] = result.rowcount  # type: ignore[attr-defined]
    asked = endorsements.erase_for(session, pid)  # asked of them, or about their items
    if asked:
        report.deleted["endorsements"] = asked
    # Children before parents, so tables that refer to each other delete in a valid order.
    for table in reversed(_person_tables()):
        result = session.execute(delete(table).where(table.c.person_id == pid))
        count = result.rowcount  # type: ignore[attr-defined]
        if count:
            report.deleted[table.name] = count
    session.execute(delete(PersonEmail).where(PersonEmail.person_id == pid))
    session.expire_all()


def _text_columns(table: Table) -> list[Column[Any]]:
    return [c for c in table.columns if isinstance(c.type, String | Text | JSON)]


Patterns = list[tuple[re.Pattern[str], str]]


def _scrub_value(value: Any, patterns: Patterns) -> Any:
    if isinstance(value, str):
        for pattern, new in patterns:
            value = pattern.sub(new, value)
        return value
    if isinstance(value, list):
        return [_scrub_value(v, patterns) for v in value]
    if isinstance(value, dict):
        return {_scrub_value(k, patterns): _scrub_value(v, patterns) for k, v in value.items()}
    return value


def _scrub_mentions(session: Session, mentions: list[_Mention], report: ErasureReport) -> None:
    """Replace mentions of the person (e-mails, full name, handle) wherever text is stored:
    other people's entries, their history, mining results, other areas' tables."""
    patterns = [(m.pattern, m.replacement) for m in mentions]
    register_all_tables()
    for table in Base.metadata.sorted_tables:
        if table.name in NOT_SCRUBBED:
            continue
        columns = _text_columns(table)
        keys = list(table.primary_key.columns)
        if not columns or not keys:
            continue
        # A LIKE prefilter finds candidate rows in the database; the exact match is in Python.
        likes = [cast(c, Text).ilike(f"%{m.text}%") for c in columns for m in mentions]
        rows = session.execute(select(*keys, *columns).where(or_(*likes))).all()
        changed = 0
        for row in rows:
            values = row._mapping
            new = {c.name: _scrub_value(values[c], patterns) for c in columns}
            new = {k: v for k, v in new.items() if v != values[table.c[k]]}
            if not new:
                continue
            session.execute(sql_update(table).where(
                *(k == values[k] for k in keys)).values(**new))
            changed += 1
        if changed:
            report.scrubbed[table.name] = changed
    _forget_mining_state(session, patterns, report)


def _forget_mining_state(session: Session, patterns: Patterns, report: ErasureReport) -> None:
    """Compressed mining state may hold the person's git identity and cannot be searched in the
    database; where it does, dropping it makes the next `mine` read the history again."""
    for repo in session.scalars(select(MinedRepo).where(MinedRepo.state.is_not(None))):
        try:
            text = json.dumps(unpack_state(repo.state or b""), default=str, ensure_ascii=False)
        except StoreError:  # damaged state is rebuilt by the next mine anyway
            text = None
        if text is None or any(p.search(text) for p, _ in patterns):
            repo.state = None
            report.scrubbed["mined_repos.state"] = report.scrubbed.get("mined_repos.state", 0) + 1
    session.flush()
