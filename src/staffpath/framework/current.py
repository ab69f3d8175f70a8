"""The active framework for web requests, parsed once per version rather than per request."""

from __future__ import annotations

import threading

from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.framework.loader import default_framework
from staffpath.framework.model import Framework
from staffpath.framework.registry import active_framework
from staffpath.store.engine import Reader
from staffpath.store.tables import FrameworkVersion

_lock = threading.Lock()
_by_fingerprint: dict[str, Framework] = {}
MAX_KEPT = 8
_ACTIVE = select(FrameworkVersion.fingerprint).where(FrameworkVersion.active.is_(True))


def current_framework(session: Reader) -> Framework:
    """The framework in force; parsing YAML costs tens of milliseconds, so it is cached."""
    fingerprint = session.execute(_ACTIVE).scalar()
    if fingerprint is None:
        return default_framework()
    with _lock:
        found = _by_fingerprint.get(fingerprint)
    if found is not None:
        return found
    if isinstance(session, Session):
        framework = active_framework(session)
    else:
        with Session(bind=session) as orm:  # joins the connection's transaction
            framework = active_framework(orm)
    with _lock:
        if len(_by_fingerprint) >= MAX_KEPT:
            _by_fingerprint.clear()
        _by_fingerprint[fingerprint] = framework
    return framework
