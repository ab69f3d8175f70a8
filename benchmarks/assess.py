"""Assess a generated organisation: 10,000 people with 1,000,000 evidence items.

Prints the batch assessment's wall time and peak memory, and, side by side in the same process,
the per-person engine on a sample of the same organisation extrapolated to all of it (the
baseline the batch path exists to beat). Targets from issue 4: < 5 s and < 2 GiB.

    python benchmarks/assess.py [--people 10000] [--items-per-person 100] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time

import numpy as np
import numpy.typing as npt

from staffpath.assess.batch import assess_batch
from staffpath.assess.columns import counts_toward, item_reading
from staffpath.assess.engine import assess
from staffpath.assess.rules import KINDS, NO_DATE, SOURCES, ItemColumns
from staffpath.assess.signals import Item
from staffpath.framework.loader import default_framework
from staffpath.ledger.extract.orgsize import OrgSize
from staffpath.vocab import Role, Scope

AS_OF = dt.date(2026, 11, 1)


def generate(people: int, per_person: int, seed: int
             ) -> tuple[ItemColumns, npt.NDArray[np.int64]]:
    """A plausible organisation: mostly team-scope work, some cross-team, a few undated items.
    Also returns each item's tag (a dimension index; the number of dimensions for none)."""
    rng = np.random.default_rng(seed)
    n = people * per_person
    start = AS_OF.toordinal() - rng.integers(0, 3 * 365, n)
    length = rng.choice([0, 0, 0, 14, 90], n)
    undated = rng.random(n) < 0.03
    fw = default_framework()
    n_dims = len(fw.dimension_ids)
    # A tag on 30 % of items: tag index n_dims means untagged.
    tag = np.where(rng.random(n) < 0.3, rng.integers(0, n_dims, n), n_dims)
    kind = rng.integers(0, len(KINDS), n).astype(np.int8)
    # What each (kind, tag) counts toward, read once through the product's own choice.
    bit = {d: 1 << b for b, d in enumerate(fw.dimension_ids)}
    table = np.zeros((len(KINDS), n_dims + 1), dtype=np.uint16)
    for k, kind_value in enumerate(KINDS):
        for t in range(n_dims + 1):
            tags = frozenset() if t == n_dims else frozenset({fw.dimension_ids[t]})
            item = Item(id=0, title="", kind=kind_value, date_start=None, date_end=None,
                        scope=Scope.SELF, dimensions=tags)
            table[k, t] = sum(bit[d] for d in counts_toward(fw, item))
    return ItemColumns(
        person=np.repeat(np.arange(people, dtype=np.int32), per_person),
        kind=kind,
        scope=rng.choice([0, 1, 1, 1, 2, 2, 3, 4], n).astype(np.int8),
        role=rng.choice([0, 0, 1, 1, 2], n).astype(np.int8),
        source=rng.choice([0, 0, 0, 1, 2, 3], n).astype(np.int8),
        impact=rng.choice([0.0, 0.0, 0.2, 0.6], n).astype(np.float32),
        start=np.where(undated, NO_DATE, start).astype(np.int32),
        end=np.where(undated, NO_DATE, start + length).astype(np.int32),
        dims=table[kind, tag],
        # A third of the records state their organisation's size: a start-up of one or two
        # teams, a small company, a large one.
        org_teams=np.repeat(rng.choice([0, 0, 1, 2, 5, 40], people), per_person).astype(np.int16),
        # A fifth of the items are dated only by the period their record files them under.
        filed=rng.random(n) < 0.2,
        # What the framework's record reader reads in each item's words, read once per title.
        **{name: column[title_of(people, per_person, seed)] for name, column in
           zip(("reading", "read_words"), item_reading(fw, list(TITLES)), strict=True)},
    ), tag


# Item titles of every size of work, from a fixed bug to a company's strategy: the words the
# record reader reads (`title_of` says which item has which).
TITLES = (
    "Fixed the flaky checkout test and added a regression case",
    "Shipped the CSV export for the billing page",
    "Paired with the new hire on the on-call runbook",
    "Led the migration of our team's jobs to the new queue; design doc, rollout, retro",
    "Wrote the design for the search indexer and ran its review with the team",
    "Mentored two engineers on the team through their first projects",
    "Drove the API versioning plan across the payments, ledger and risk teams",
    "Ran the incident review programme for the three platform teams",
    "Set the technical direction for the data platform, adopted by four teams",
    "Wrote the engineering strategy for the organisation with both directors",
    "Led the org-wide reliability programme; error budgets for all 12 teams",
    "Set the company's five-year architecture bet, presented to the CTO and the board",
)


def title_of(people: int, per_person: int, seed: int) -> npt.NDArray[np.int64]:
    """Each item's title (index into TITLES): each person's work centres on a size of their
    own, give or take three."""
    rng = np.random.default_rng(seed + 1)
    centre = np.repeat(rng.integers(0, len(TITLES), people), per_person)
    return np.clip(centre + rng.integers(-3, 4, people * per_person), 0, len(TITLES) - 1)


def person_items(cols: ItemColumns, tags: npt.NDArray[np.int64], titles: npt.NDArray[np.int64],
                 person: int, per_person: int) -> list[Item]:
    fw_dims = default_framework().dimension_ids
    out = []
    for k in range(person * per_person, (person + 1) * per_person):
        start = None if cols.start[k] == NO_DATE else dt.date.fromordinal(int(cols.start[k]))
        end = None if cols.end[k] == NO_DATE else dt.date.fromordinal(int(cols.end[k]))
        out.append(Item(
            id=k, title=TITLES[titles[k]], kind=KINDS[cols.kind[k]], date_start=start,
            date_end=end if end != start else None, scope=Scope(int(cols.scope[k])),
            dimensions=(frozenset() if tags[k] == len(fw_dims)
                        else frozenset({fw_dims[tags[k]]})),
            role=Role(int(cols.role[k])), source=SOURCES[cols.source[k]],
            impact=float(cols.impact[k]),
            org_size=(OrgSize(8 * int(cols.org_teams[k]), 0, "") if cols.org_teams[k] else None),
            filed=bool(cols.filed[k])))
    return out


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--items-per-person", type=int, default=100)
    parser.add_argument("--sample", type=int, default=200,
                        help="people assessed one by one for the baseline")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    fw = default_framework()
    cols, tags = generate(args.people, args.items_per_person, args.seed)
    print(f"organisation: {args.people:,} people, {len(cols):,} evidence items")
    before = peak_mib()
    t0 = time.perf_counter()
    result = assess_batch(fw, cols, args.people, AS_OF)
    batch_s = time.perf_counter() - t0
    print(f"batch assessment:      {batch_s:6.2f} s   peak RSS {peak_mib():7.0f} MiB "
          f"(before: {before:.0f} MiB)")
    titles = title_of(args.people, args.items_per_person, args.seed)
    sample = [person_items(cols, tags, titles, p, args.items_per_person)
              for p in range(args.sample)]
    t0 = time.perf_counter()
    singles = [assess(fw, items, as_of=AS_OF) for items in sample]
    per_person = (time.perf_counter() - t0) / args.sample
    print(f"per-person engine:     {per_person * args.people:6.2f} s   (extrapolated from "
          f"{args.sample} people at {per_person * 1000:.1f} ms each)")
    print(f"batch vs per-person:   {per_person * args.people / batch_s:6.1f}x faster")
    agree = sum(
        (fw.level_ids.index(s.overall_level) if s.overall_level else -1) == result.overall[p]
        for p, s in enumerate(singles))
    print(f"agreement on sample:   {agree}/{args.sample} overall levels identical")
    mix = np.bincount(result.overall + 1, minlength=len(fw.level_ids) + 1)
    print("overall level mix:     " + ", ".join(
        f"{name} {count}" for name, count in zip(("none", *fw.level_ids), mix, strict=True)))
    ok = batch_s < 5 and peak_mib() < 2048
    print(f"target (< 5 s, < 2048 MiB): {'met' if ok else 'NOT met'}")
    return 0 if agree == args.sample else 1


if __name__ == "__main__":
    sys.exit(main())
