"""Truck factors on arrays of (file, author) pairs: one group of files (`truck`) or many at
once (`grouped_truck`), in the greedy order of the reference tool."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from staffpath.org.risk_spans import COVERAGE, I32, I64


@dataclass(frozen=True)
class Truck:
    """A truck factor, the authors (indexes) whose loss makes it, and the files orphaned."""

    value: int
    key: tuple[int, ...]
    files: int
    orphaned: int


def truck(files: I32, authors: I32, n_files: int, key_rank: I32, *,
          coverage: float = COVERAGE) -> Truck:
    """`mining.truck.truck_factor` on arrays of (file, author) pairs."""
    # The same greedy order (most files first, ties by key), found by when each file loses
    # its last author instead of by removing authors one at a time.
    if n_files == 0:
        return Truck(0, (), 0, 0)
    if len(files):
        pairs = np.unique(files.astype(np.int64) * len(key_rank) + authors)
        files = (pairs // len(key_rank)).astype(np.int32)
        authors = (pairs % len(key_rank)).astype(np.int32)
    owned = np.bincount(authors, minlength=len(key_rank))
    present = np.nonzero(owned)[0]
    order = present[np.lexsort((key_rank[present], -owned[present]))]
    rank = np.full(len(key_rank), -1, dtype=np.int64)
    rank[order] = np.arange(len(order))
    # A file is orphaned once every author of it is gone: after its highest-ranked author.
    last = np.full(n_files, -1, dtype=np.int64)
    if len(files):
        np.maximum.at(last, files, rank[authors])
    orphaned_after = np.cumsum(np.bincount(last + 1, minlength=len(order) + 1))
    over = np.nonzero(orphaned_after > coverage * n_files)[0]
    k = int(over[0]) if len(over) else len(order)
    return Truck(k, tuple(order[:k].tolist()), n_files, int(orphaned_after[k]))



@dataclass(frozen=True)
class GroupTrucks:
    """Truck factors of many groups of files, computed together."""

    value: I64  # per group
    files: I64  # per group
    orphaned: I64  # per group: files without an author once its key people are gone
    key: list[tuple[int, ...]]  # per group: author indexes, in the order they are removed


def grouped_truck(member_group: I32, n_groups: int, pair_member: I32, pair_author: I32,
                  key_rank: I32, *, coverage: float = COVERAGE) -> GroupTrucks:
    """`truck` for every group of files at once, on arrays."""
    # A member is one file of one group (a file two teams own is a member of each); pairs say
    # which author knows which member. Within a group authors go in `truck`'s order, so each
    # group's answer equals `truck` on its files alone.
    n_authors = max(len(key_rank), 1)
    files = np.bincount(member_group, minlength=n_groups).astype(np.int64)
    if len(pair_member):
        pairs = np.unique(pair_member.astype(np.int64) * n_authors + pair_author)
        pm, pa = pairs // n_authors, pairs % n_authors
    else:
        pm = pa = np.zeros(0, dtype=np.int64)
    group_author, inverse, owned = np.unique(member_group[pm].astype(np.int64) * n_authors + pa,
                                             return_inverse=True, return_counts=True)
    ug, ua = group_author // n_authors, group_author % n_authors
    order = np.lexsort((key_rank[ua] if len(ua) else ua, -owned, ug))
    sorted_group = ug[order]
    rank_sorted = np.arange(len(order)) - np.searchsorted(sorted_group, sorted_group, "left")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = rank_sorted
    # A member is orphaned once every author of it is gone: after its highest-ranked one.
    last = np.full(len(member_group), -1, dtype=np.int64)
    if len(pm):
        np.maximum.at(last, pm, rank[inverse])
    by_group = np.lexsort((last, member_group))
    sorted_last = last[by_group]
    starts = np.concatenate(([0], np.cumsum(files)[:-1])).astype(np.int64)
    # The fewest removals that orphan more than `coverage` of a group: the need-th smallest
    # "last" plus one, where need is the fewest files that are more than the coverage.
    need = np.floor(coverage * files).astype(np.int64) + 1
    reachable = need <= files
    pick = np.minimum(starts + need - 1, max(len(sorted_last) - 1, 0))
    authors = np.bincount(ug, minlength=n_groups).astype(np.int64)
    value = np.where(reachable, sorted_last[pick] + 1 if len(sorted_last) else 0, authors)
    value = np.where(files > 0, value, 0)
    orphaned = np.bincount(member_group, weights=(last < value[member_group]),
                           minlength=n_groups).astype(np.int64)
    chosen = rank_sorted < value[sorted_group]
    key: list[list[int]] = [[] for _ in range(n_groups)]
    for g, a in zip(sorted_group[chosen].tolist(), ua[order][chosen].tolist(), strict=True):
        key[g].append(a)
    return GroupTrucks(value=value, files=files, orphaned=orphaned,
                       key=[tuple(k) for k in key])


def expand_pairs(member_file: I32, f: I32, a: I32, n_files: int) -> tuple[I32, I32]:
    """Pairs (member, author) for members that are files, from pairs (file, author)."""
    order = np.argsort(f, kind="stable")
    authors = a[order]
    count = np.bincount(f, minlength=n_files)
    start = np.concatenate(([0], np.cumsum(count)[:-1]))
    reps = count[member_file]
    member = np.repeat(np.arange(len(member_file), dtype=np.int32), reps)
    offsets = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
    index = np.repeat(start[member_file], reps) + offsets
    return member, authors[index].astype(np.int32)


