"""Panel statistics: Krippendorff's alpha (ordinal), reviewer severity, outliers and spread.

Levels are ranks on the framework's ladder (0 = the lowest level). An *item* is one
dimension of one packet; each panel member gives it at most one rank.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from statistics import median

import krippendorff
import numpy as np

# A score this many levels or more from its item's median is an outlier.
OUTLIER_LEVELS = 2


@dataclass(frozen=True)
class Rating:
    """One member's rank for one item."""

    item: Hashable
    member: Hashable
    rank: int


@dataclass(frozen=True)
class Spread:
    """How far apart the panel is on one item."""

    n: int
    low: int
    high: int
    median: float
    iqr: float

    @property
    def range(self) -> int:
        return self.high - self.low


@dataclass(frozen=True)
class Severity:
    """A member's mean offset from the panel median over the items they scored."""

    member: Hashable
    offset: float
    items: int


def by_item(ratings: Sequence[Rating]) -> dict[Hashable, list[Rating]]:
    grouped: dict[Hashable, list[Rating]] = defaultdict(list)
    for r in ratings:
        grouped[r.item].append(r)
    return dict(grouped)


def alpha_ordinal(ratings: Sequence[Rating], levels: int) -> float | None:
    """Krippendorff's alpha with the ordinal metric, or None where it is undefined.

    Undefined: no item has two ratings to compare, or every comparable rating is the same
    rank (no variation, so agreement cannot be told from chance).
    """
    items = {k: v for k, v in by_item(ratings).items() if len(v) >= 2}
    pairable = {r.rank for rs in items.values() for r in rs}
    if len(pairable) < 2:
        return None
    members = sorted({r.member for rs in items.values() for r in rs}, key=repr)
    keys = list(items)
    data = np.full((len(members), len(keys)), np.nan)
    row = {m: i for i, m in enumerate(members)}
    for col, key in enumerate(keys):
        for r in items[key]:
            data[row[r.member], col] = r.rank
    value = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal",
                               value_domain=list(range(max(levels, max(pairable) + 1))))
    return None if np.isnan(value) else float(value)


def spread(ranks: Sequence[int]) -> Spread:
    """Lowest, highest, median and interquartile range of one item's ranks."""
    q1, q3 = np.percentile(np.asarray(ranks, dtype=float), [25, 75])
    return Spread(n=len(ranks), low=min(ranks), high=max(ranks), median=float(median(ranks)),
                  iqr=float(q3 - q1))


def severity(ratings: Sequence[Rating]) -> list[Severity]:
    """Each member's mean of (their rank − the item's panel median), over items with at
    least two ratings. The median includes the member's own rank: with the small panels a
    promotion committee has, leaving it out would let one other member set the baseline."""
    offsets: dict[Hashable, list[float]] = defaultdict(list)
    for rs in by_item(ratings).values():
        if len(rs) < 2:
            continue
        mid = median(r.rank for r in rs)
        for r in rs:
            offsets[r.member].append(r.rank - mid)
    return [Severity(m, float(np.mean(v)), len(v)) for m, v in offsets.items()]


def outliers(ratings: Sequence[Rating]) -> list[Rating]:
    """Ratings at least OUTLIER_LEVELS ranks from their item's median."""
    found = []
    for rs in by_item(ratings).values():
        mid = median(r.rank for r in rs)
        found += [r for r in rs if abs(r.rank - mid) >= OUTLIER_LEVELS]
    return found
