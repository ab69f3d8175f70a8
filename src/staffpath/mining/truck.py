"""Truck factor: how many top authors must leave before most files have no author left."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class TruckFactor:
    """The truck factor of a set of files and the authors whose loss makes it so."""

    value: int
    key_people: tuple[str, ...]
    files: int
    orphaned: int  # files without an author once the key people are gone


def truck_factor(authors: Mapping[str, Collection[str]], *, coverage: float = 0.5
                 ) -> TruckFactor:
    """Greedily remove the author of the most files until more than `coverage` of the files
    have no author left; ties go to the author whose key sorts first, so results repeat."""
    files = len(authors)
    if files == 0:
        return TruckFactor(0, (), 0, 0)
    owned: Counter[str] = Counter()
    for who in authors.values():
        owned.update(set(who))
    remaining = {path: set(who) for path, who in authors.items()}
    orphaned = sum(1 for who in remaining.values() if not who)
    order = sorted(owned, key=lambda a: (-owned[a], a))
    removed: list[str] = []
    for author in order:
        if orphaned > coverage * files:
            break
        removed.append(author)
        for who in remaining.values():
            if author in who:
                who.discard(author)
                if not who:
                    orphaned += 1
    return TruckFactor(len(removed), tuple(removed), files, orphaned)
