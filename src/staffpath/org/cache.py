"""A small in-process memo for whole-org computations, keyed by what they were read from.

Org views recompute from the whole store; the expensive parts (assessing everyone, loading
every authorship span) depend only on data that changes when someone writes evidence or mines
a repository. Each entry's key includes a cheap fingerprint of that data, so a write makes
the next read compute afresh and a stale answer is never served.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from staffpath.mining.tables import MinedRepo
from staffpath.store.tables import Evidence

T = TypeVar("T")
MAX_ENTRIES = 64

_lock = threading.Lock()
_entries: OrderedDict[Hashable, Any] = OrderedDict()
# What other modules keep in this process besides these entries, forgotten with them: each
# registers here when imported (one that is not imported keeps nothing).
_forget_hooks: list[Callable[[], None]] = []


def database_of(session: Session) -> str:
    """Which database a session reads, so two stores in one process never share entries."""
    return str(session.get_bind().engine.url)


def memo(session: Session, namespace: str, key: Hashable, compute: Callable[[], T]) -> T:
    """The value computed for (database, namespace, key), computing it when missing."""
    full = (database_of(session), namespace, key)
    with _lock:
        if full in _entries:
            _entries.move_to_end(full)
            return _entries[full]  # type: ignore[no-any-return]
    value = compute()
    with _lock:
        _entries[full] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    """Forget everything memoised in this process, as a restarted process would (benchmarks and
    tests time or check the cold path with it); what the database keeps stays."""
    with _lock:
        _entries.clear()
    for hook in _forget_hooks:
        hook()


def on_clear(hook: Callable[[], None]) -> None:
    """Call `hook` whenever `clear` runs: how a module keeping its own state joins it."""
    _forget_hooks.append(hook)


def ledger_version(session: Session) -> tuple[Any, ...]:
    """Changes whenever evidence is added, edited or deleted."""
    row = session.execute(select(
        func.count(Evidence.id), func.max(Evidence.id), func.max(Evidence.updated_at),
        func.max(Evidence.deleted_at), func.sum(Evidence.version))).one()
    return tuple(str(v) for v in row)


def mining_version(session: Session) -> tuple[Any, ...]:
    """Changes whenever a repository is mined (every run records its time)."""
    row = session.execute(select(func.count(MinedRepo.id), func.max(MinedRepo.mined_at),
                                 func.sum(MinedRepo.commits))).one()
    return tuple(str(v) for v in row)
