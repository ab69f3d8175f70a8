"""Framework versions as an administrator changes them: a new one uploaded (validated, stored,
put in force) or an older one put back in force; each change audited."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from staffpath.accounts.audit import Origin, record_change
from staffpath.errors import NotFoundError
from staffpath.framework.loader import load_framework_text
from staffpath.framework.registry import store_framework
from staffpath.store.tables import FrameworkVersion


def upload_framework(session: Session, text: str, *, source: str, activate: bool,
                     origin: Origin) -> FrameworkVersion:
    """Validate and store a framework's YAML; every problem is reported, nothing stored on
    one."""
    framework = load_framework_text(text, source=source)
    row = store_framework(session, framework, source=source, activate=activate)
    record_change(session, origin, "upload_framework", "framework", row.id)
    return row


def activate_version(session: Session, version_id: int, *, origin: Origin) -> FrameworkVersion:
    """Put a stored framework version back in force."""
    row = session.get(FrameworkVersion, version_id)
    if row is None:
        raise NotFoundError(f"no framework version {version_id}")
    framework = load_framework_text(row.content, source=row.source or "db")
    active = store_framework(session, framework, source=row.source)
    record_change(session, origin, "activate_framework", "framework", version_id)
    return active


def version_to_dict(row: FrameworkVersion) -> dict[str, Any]:
    return {"id": row.id, "slug": row.slug, "name": row.name, "version": row.version,
            "fingerprint": row.fingerprint, "source": row.source, "active": row.active,
            "loaded_at": row.loaded_at.isoformat(timespec="seconds")}
