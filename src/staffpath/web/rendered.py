"""Rendered page bodies, kept while what they show is unchanged.

The assessment page's body is the most expensive thing staffpath renders on a busy day (every
dimension with its citations, checks and gaps). It is a function of the assessment, which the
assessment cache hands out as the very same object while its inputs are unchanged, and of a few
values about the viewer. A body is kept under the id of that object together with those
values; the object itself is kept with it, so no other object can take its id while the body
is stored, and a new assessment (new inputs) is a new object and so a new key.
The team overview's body is kept under the values it shows (its rows), which are small.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable

from cachetools import LRUCache

DEFAULT_SIZE = 1024


class RenderedBodies:
    """A thread-safe LRU of rendered HTML, one per web process."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self._items: LRUCache[tuple[Hashable, ...], tuple[object, str]] = LRUCache(maxsize=size)
        self._lock = threading.Lock()

    def get_or_render(self, source: object, key: tuple[Hashable, ...],
                      render: Callable[[], str]) -> str:
        """The body showing `source` under `key`, rendered only if not kept already."""
        full = (id(source), *key)
        with self._lock:
            kept = self._items.get(full)
        if kept is not None and kept[0] is source:
            return kept[1]
        body = render()
        with self._lock:
            self._items[full] = (source, body)
        return body

    def get_or_render_value(self, key: tuple[Hashable, ...], render: Callable[[], str]) -> str:
        """The body for `key`, where the key holds every value the body shows."""
        full = ("value", *key)
        with self._lock:
            kept = self._items.get(full)
        if kept is not None:
            return kept[1]
        body = render()
        with self._lock:
            self._items[full] = (None, body)
        return body
