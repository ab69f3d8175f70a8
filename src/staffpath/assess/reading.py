"""The record read as a whole by the framework's record reader (`overall.reader`).

A committee reads a packet whole before it checks it rule by rule. The reader (a linear model
the package ships, `staffpath.framework.readers`) scores each item's words per level; a record's
score is the mean of its items' scores, so the batch path reads everyone's by adding columns up,
and the items that score highest for the level read are the ones a person is shown as why.
Only what people told is read (not mined history, nor a model's reading of it), in the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from staffpath.assess.arrays import F64, I8, I64, B
from staffpath.assess.overall import Reading
from staffpath.framework.model import Framework
from staffpath.framework.readers import reader_model

if TYPE_CHECKING:  # the rule's module imports this one
    from staffpath.assess.rules import ItemColumns

__all__ = ["read_records", "telling_items"]


def read_records(framework: Framework, cols: ItemColumns, told: B, people: int
                 ) -> tuple[Reading, F64]:
    """Per person, the level their record reads at and how many items it was read from, and
    the reader's share per level (each row sums to one; zeros where nothing was read). A
    record is read (else -1) when it holds `overall.reader_min_items` items told, in the
    window, with `overall.reader_min_words` words the reader knows per item on average."""
    rule = framework.overall
    levels = len(framework.level_ids)
    person, scores = cols.person, cols.reading
    items: I64 = np.bincount(person[told], minlength=people).astype(np.int64)
    shares = np.zeros((people, levels), dtype=np.float64)
    if rule.reader is None or scores.shape[1] != levels:
        return Reading(np.full(people, -1, dtype=np.int8), items, shares), shares
    model = reader_model(rule.reader)
    total = np.column_stack([
        np.bincount(person[told], weights=scores[told, n].astype(np.float64), minlength=people)
        for n in range(levels)])
    logits = total / np.maximum(items, 1)[:, None] + model.intercept[None, :]
    logits -= logits.max(axis=1, keepdims=True)
    odds = np.exp(logits)
    words = np.bincount(person[told], weights=cols.read_words[told].astype(np.float64),
                        minlength=people)
    read = (items >= rule.reader_min_items) & (words >= rule.reader_min_words * items)
    shares[read] = (odds / odds.sum(axis=1, keepdims=True))[read]
    level: I8 = np.where(read, logits.argmax(axis=1), -1).astype(np.int8)
    return Reading(level, items, shares), shares


def telling_items(scores: np.ndarray, told: B, level: int, count: int = 3) -> list[int]:
    """The rows of the told items that read most like `level` against the other levels, most
    telling first (at most `count`)."""
    if level < 0 or not told.any() or scores.shape[1] <= level:
        return []
    rows = np.flatnonzero(told)
    own = scores[rows].astype(np.float64)
    lead = own[:, level] - np.delete(own, level, axis=1).max(axis=1)
    order = np.argsort(-lead, kind="stable")[:count]
    return [int(rows[n]) for n in order if lead[n] > 0]
