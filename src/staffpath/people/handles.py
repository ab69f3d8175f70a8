"""Handles: the short names people go by in URLs and commands, made from an e-mail address."""

from __future__ import annotations

import re

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from staffpath.store.tables import Person

_TAKEN = select(Person.id).where(Person.handle == bindparam("handle"))


def new_handle(session: Session, email: str, taken: set[str] | None = None) -> str:
    """The e-mail's local part, made URL-safe, with a number added until no one has it (in
    the store, or in `taken`: handles given out in this transaction but not yet flushed)."""
    base = re.sub(r"[^a-z0-9._-]+", "-", email.split("@", 1)[0].lower()).strip("-") or "person"
    taken = taken if taken is not None else set()
    handle, n = base, 1
    while handle in taken or session.scalar(_TAKEN, {"handle": handle}) is not None:
        n += 1
        handle = f"{base}{n}"
    taken.add(handle)
    return handle
