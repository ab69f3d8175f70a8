"""Framework versions kept in the store; one is active and assessments use it."""

from __future__ import annotations

import functools
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from staffpath.errors import NotFoundError
from staffpath.framework.loader import default_framework, dump_framework_yaml, load_framework_text
from staffpath.framework.model import Framework
from staffpath.store.tables import FrameworkVersion


def store_framework(
    session: Session, framework: Framework, *, source: str | None, activate: bool = True
) -> FrameworkVersion:
    """Record a framework version (once per fingerprint) and optionally make it active."""
    row = session.scalar(
        select(FrameworkVersion).where(FrameworkVersion.fingerprint == framework.fingerprint))
    if row is None:
        row = FrameworkVersion(
            slug=framework.id, name=framework.name, version=framework.version,
            fingerprint=framework.fingerprint, content=dump_framework_yaml(framework),
            source=source, active=False)
        session.add(row)
        session.flush()
    if activate:
        session.execute(update(FrameworkVersion).values(active=False))
        row.active = True
    return row


def active_framework(session: Session) -> Framework:
    """The framework in force: the active stored version, else the shipped default."""
    row = session.scalar(select(FrameworkVersion).where(FrameworkVersion.active.is_(True)))
    if row is None:
        return default_framework()
    return _parsed(row.content, f"framework #{row.id} ({row.source or 'db'})")


def framework_versions(session: Session) -> list[FrameworkVersion]:
    return list(session.scalars(select(FrameworkVersion).order_by(FrameworkVersion.id)))


def framework_by_fingerprint(session: Session, fingerprint: str) -> Framework:
    row = session.scalar(select(FrameworkVersion).where(
        FrameworkVersion.fingerprint.startswith(fingerprint)))
    if row is None:
        raise NotFoundError(f"no stored framework version {fingerprint!r}")
    return _parsed(row.content, str(Path(row.source or "db")))


@functools.lru_cache(maxsize=32)
def _parsed(content: str, source: str) -> Framework:
    """A stored version, parsed once per process: a stored version never changes (its
    fingerprint is its content), and a framework is frozen, so every caller can share it.
    Reading one per request or per scored packet cost a YAML parse each time."""
    return load_framework_text(content, source=source)
