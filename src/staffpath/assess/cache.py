"""Assessments kept in memory, keyed by everything they are computed from.

An assessment is a pure function of a person's evidence, their level and target, the
framework, the date, the organisation's size and their self-ratings (`engine.assess`). The
key names each of those; the evidence is named by the person's ledger revision, a counter the
database bumps on every change to their evidence (migration 0006). A changed input is a new
key, so nothing is ever invalidated by hand and a stale assessment cannot be served.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from cachetools import LRUCache

from staffpath.assess.engine import Assessment

T = TypeVar("T")

DEFAULT_SIZE = 4096
# The organisation's size only decides which archetypes it supports (an architect from about
# a hundred engineers); counting thousands of people on every page view is not worth it, so a
# count is reused for this long.
ORG_SIZE_SECONDS = 60.0


@dataclass(frozen=True)
class AssessmentKey:
    person_id: int
    ledger_revision: int
    current_level: str | None
    target_level: str | None
    framework_fingerprint: str
    as_of: dt.date
    org_engineers: int
    self_ratings: tuple[tuple[str, str], ...]
    # The organisation's declared size (engineers, teams), (0, 0) when none is declared.
    org_declared: tuple[int, int] = (0, 0)


class AssessmentCache:
    """A thread-safe LRU of assessments; one per web process."""

    def __init__(self, size: int = DEFAULT_SIZE, *,
                 org_size_seconds: float = ORG_SIZE_SECONDS) -> None:
        self.org_size_seconds = org_size_seconds
        self.hits = 0
        self.misses = 0
        self._items: LRUCache[AssessmentKey, Assessment] = LRUCache(maxsize=size)
        self._lock = threading.Lock()
        self._org_size: tuple[float, Any] | None = None

    def org_size(self, count: Callable[[], T]) -> T:
        """The organisation's size as `count` gives it (its engineers, and the teams they are
        on), counted again once it is older than `org_size_seconds`."""
        now = time.monotonic()
        with self._lock:
            known = self._org_size
        if known is not None and now - known[0] < self.org_size_seconds:
            return known[1]  # type: ignore[no-any-return]
        size = count()
        with self._lock:
            self._org_size = (now, size)
        return size

    def get(self, key: AssessmentKey) -> Assessment | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
            else:
                self.hits += 1
            return found

    def put(self, key: AssessmentKey, assessment: Assessment) -> None:
        with self._lock:
            self._items[key] = assessment

    def __len__(self) -> int:
        return len(self._items)
