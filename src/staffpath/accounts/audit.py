"""The audit log: who read or changed whose data, and what was refused. Append-only.

There is deliberately no function here that updates or deletes a row, and the migration adds
database triggers that reject UPDATE and DELETE on the table. Entries hold ids, never names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from staffpath.accounts.tables import AuditEntry
from staffpath.store.tables import utcnow

OK = "ok"
REFUSED = "refused"


@dataclass(frozen=True)
class AuditEvent:
    """One thing to audit, before it is written."""

    action: str
    outcome: str = OK
    actor_user_id: int | None = None
    target_type: str | None = None
    target_id: int | None = None
    route: str | None = None
    request_id: str | None = None


@dataclass(frozen=True)
class Origin:
    """Where a change comes from, as its audit entry records it: the signed-in account and the
    web request, or the command line (`COMMAND_LINE`: no account, and the route names the
    command). Services that change something record their own entry from it."""

    actor_user_id: int | None = None
    route: str | None = None  # "POST /admin/people"; None at the command line
    request_id: str | None = None

    def event(self, action: str, target_type: str | None, target_id: int | None, *,
              outcome: str = OK) -> AuditEvent:
        return AuditEvent(
            action=action, outcome=outcome, actor_user_id=self.actor_user_id,
            target_type=target_type, target_id=target_id,
            route=self.route if self.route is not None else f"cli {action}",
            request_id=self.request_id)


# The operator at the command line, who owns the workspace.
COMMAND_LINE = Origin()


def _values(event: AuditEvent) -> dict[str, Any]:
    return {"actor_user_id": event.actor_user_id, "action": event.action[:40],
            "target_type": event.target_type, "target_id": event.target_id,
            "outcome": event.outcome, "route": (event.route or "")[:200] or None,
            "request_id": event.request_id}


def record(session: Session, event: AuditEvent) -> AuditEntry:
    """Append one entry to the log (in the caller's transaction)."""
    entry = AuditEntry(**_values(event))
    session.add(entry)
    session.flush()
    return entry


def record_change(session: Session, origin: Origin, action: str, target_type: str | None,
                  target_id: int | None) -> AuditEntry:
    """Append the entry for a change that went through (in the change's own transaction)."""
    return record(session, origin.event(action, target_type, target_id))


def record_many(session: Session, events: Sequence[AuditEvent]) -> None:
    """Append several entries in one statement (a page that lists many people's data)."""
    if events:
        now = utcnow()
        session.execute(insert(AuditEntry), [{**_values(e), "at": now} for e in events])


def list_entries(
    session: Session,
    *,
    limit: int = 100,
    before_id: int | None = None,
    outcome: str | None = None,
    action: str | None = None,
    actor_user_id: int | None = None,
    since: dt.datetime | None = None,
) -> list[AuditEntry]:
    """The newest entries first; page back with `before_id`."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(max(1, min(limit, 1000)))
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    if outcome:
        query = query.where(AuditEntry.outcome == outcome)
    if action:
        query = query.where(AuditEntry.action == action)
    if actor_user_id is not None:
        query = query.where(AuditEntry.actor_user_id == actor_user_id)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    return list(session.scalars(query))


def entry_to_dict(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id, "at": entry.at.isoformat(timespec="seconds"),
        "actor_user_id": entry.actor_user_id, "action": entry.action,
        "target_type": entry.target_type, "target_id": entry.target_id,
        "outcome": entry.outcome, "route": entry.route, "request_id": entry.request_id,
    }
