"""Which dimensions each item counts toward, and items as the columns the rule reads.

An item counts fully toward at most two dimensions, so that one piece of work cannot carry a
whole case. The two are, in order: the dimensions the person tagged it with (those the item's
kind names first), then the ones whose framework entry names the item's kind earliest (a
framework lists each dimension's kinds from the most to the least telling). Where the kind says
little (`other`), the item's facts say what it is: people grown read as mentorship, anything
else as delivered work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from staffpath.assess.org_size import stated_teams
from staffpath.assess.rules import F32, I16, KIND_INDEX, NO_DATE, SOURCES, ItemColumns
from staffpath.assess.signals import Item
from staffpath.framework.model import Framework
from staffpath.framework.readers import reader_model
from staffpath.vocab import EvidenceKind

MAX_DIMENSIONS = 2


_RANKED: dict[tuple[str, EvidenceKind], tuple[str, ...]] = {}


def _ranked(framework: Framework, kind: EvidenceKind) -> tuple[str, ...]:
    """Dimensions whose kinds name this kind, the most telling first."""
    key = (framework.fingerprint, kind)
    found = _RANKED.get(key)
    if found is not None:
        return found
    ranked = []
    for order, dim in enumerate(framework.dimensions):
        kinds = list(dim.kinds)
        for level in dim.expectations:
            kinds += [k for k in dim.rule_kinds(level) if k not in kinds]
        if kind in kinds:
            ranked.append((kinds.index(kind), order, dim.id))
    _RANKED[key] = found = tuple(d for _, _, d in sorted(ranked))
    return found


def reading_kind(item: Item) -> EvidenceKind:
    """The kind an item is counted as: its own, or for `other` what its facts say it is."""
    if item.kind is not EvidenceKind.OTHER:
        return item.kind
    if item.people_grown:
        return EvidenceKind.MENTORSHIP
    return EvidenceKind.SHIPPED_PROJECT


def counts_toward(framework: Framework, item: Item) -> tuple[str, ...]:
    """The dimensions (two at most) an item counts toward, in framework order of preference."""
    ranked = _ranked(framework, reading_kind(item))
    # Tagged dimensions first, those the item's kind names ahead of the others: a strategy
    # tagged #design #collab #strategy still counts toward strategy.
    tagged = [d for d in ranked if d in item.dimensions]
    tagged += [d for d in framework.dimension_ids if d in item.dimensions and d not in tagged]
    chosen = tagged[:MAX_DIMENSIONS]
    if item.people_grown and item.kind is not EvidenceKind.OTHER:
        for d in _ranked(framework, EvidenceKind.MENTORSHIP)[:1]:
            if d not in chosen and len(chosen) < MAX_DIMENSIONS - 1:
                chosen.append(d)
    for d in ranked:
        if len(chosen) >= MAX_DIMENSIONS:
            break
        if d not in chosen:
            chosen.append(d)
    return tuple(chosen)


def columns_from_items(framework: Framework, people: Sequence[Sequence[Item]]) -> ItemColumns:
    """Columns for per-person item lists (person n's items get person index n)."""
    bit = {d: 1 << n for n, d in enumerate(framework.dimension_ids)}
    rows = [(p, i) for p, items in enumerate(people) for i in items]

    def date(d: dt.date | None) -> int:
        return d.toordinal() if d is not None else int(NO_DATE)

    reading, read_words = item_reading(framework, [i.title for _, i in rows])
    return ItemColumns(
        person=np.array([p for p, _ in rows], dtype=np.int32),
        kind=np.array([KIND_INDEX[i.kind] for _, i in rows], dtype=np.int8),
        scope=np.array([int(i.scope) for _, i in rows], dtype=np.int8),
        role=np.array([int(i.role) for _, i in rows], dtype=np.int8),
        source=np.array([SOURCES.index(i.source) for _, i in rows], dtype=np.int8),
        impact=np.array([i.impact for _, i in rows], dtype=np.float32),
        start=np.array([date(i.date_start) for _, i in rows], dtype=np.int32),
        end=np.array([date(i.date_end or i.date_start) for _, i in rows], dtype=np.int32),
        dims=np.array([sum(bit[d] for d in counts_toward(framework, i)) for _, i in rows],
                      dtype=np.uint16),
        org_teams=np.array([min(stated_teams(i.org_size), 32767) for _, i in rows],
                           dtype=np.int16),
        filed=np.array([i.filed for _, i in rows], dtype=np.bool_),
        reading=reading,
        read_words=read_words,
    )


def item_reading(framework: Framework, texts: list[str]) -> tuple[F32, I16]:
    """What the framework's record reader reads in each item's words, [items, levels] (no
    columns when it names none), and how many of the item's words it knows."""
    name = framework.overall.reader
    if name is None:
        return (np.zeros((len(texts), 0), dtype=np.float32),
                np.zeros(len(texts), dtype=np.int16))
    return reader_model(name).item_scores(texts)
