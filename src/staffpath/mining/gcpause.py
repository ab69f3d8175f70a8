"""Mining builds millions of small, acyclic objects (commits, paths, counters, rows). Python's
cyclic collector, triggered by allocation counts, would traverse them again and again and find
nothing to free, on every large repository. While a repository is mined, the
collector is paused and what existed before is frozen out of its way; reference counting
still frees everything as usual, and the collector resumes afterwards."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()
