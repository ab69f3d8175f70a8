"""Degree of authorship (Avelino, Hora and Valente, ICPC 2016) and who counts as a file's author.

DOA = 3.293 + 1.098·FA + 0.164·DL − 0.321·ln(1 + AC), where FA is 1 for the developer who
created the file, DL the number of commits in which the developer changed it (the creating
commit included) and AC the number of commits by anyone else. Authors of a file are the
developers whose DOA is at least 3.293 and more than 0.75 of the file's highest DOA.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from functools import lru_cache
from math import log1p
from typing import TypeVar

BASE = 3.293
FIRST_AUTHORSHIP = 1.098
DELIVERIES = 0.164
ACCEPTANCES = 0.321
NORMALISED_THRESHOLD = 0.75
ABSOLUTE_THRESHOLD = 3.293

K = TypeVar("K", bound=Hashable)


def doa(first_author: bool, deliveries: int, acceptances: int) -> float:
    """The absolute degree of authorship of one developer for one file."""
    return (BASE + (FIRST_AUTHORSHIP if first_author else 0.0) + DELIVERIES * deliveries
            - ACCEPTANCES * log1p(acceptances))


@lru_cache(maxsize=4096)
def min_deliveries(total: int) -> int:
    """The fewest changes with which a developer who did not create a file can reach the
    absolute threshold, when the file has `total` changes: 0.164·n ≥ 0.321·ln(1 + total − n)."""
    for n in range(1, total + 1):
        if doa(False, n, total - n) >= ABSOLUTE_THRESHOLD:
            return n
    return total


def file_authors(creator: K | None, changes: Mapping[K, int], total: int) -> frozenset[K]:
    """Developers who count as authors of a file."""
    if not changes:
        return frozenset()
    # Only developers above the absolute threshold can be authors, and the highest DOA matters
    # only when someone is above it; so everyone else can be skipped without computing a log.
    # Files with hundreds of one-off contributors make this the difference that counts.
    floor = min_deliveries(total)
    values = {who: doa(who == creator, n, total - n) for who, n in changes.items()
              if n >= floor or who == creator}
    if not values:
        return frozenset()
    top = max(values.values())
    if top < ABSOLUTE_THRESHOLD:
        return frozenset()
    return frozenset(who for who, value in values.items()
                     if value >= ABSOLUTE_THRESHOLD and value / top > NORMALISED_THRESHOLD)
