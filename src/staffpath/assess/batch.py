"""The assessment of a whole organisation at once, on columns instead of objects.

The rule is `staffpath.assess.rules`, the same one the per-person engine runs (so the two agree
by construction, and a test checks it); this module runs it for everyone and keeps what the
organisation views read — levels, confidence and the overall level. Explanations (citations,
gaps) come from the per-person engine, which is what a person reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from staffpath.assess.org_size import at_org_size, people_org_teams, title_at_org_size
from staffpath.assess.rules import F64, I8, ItemColumns, evaluate
from staffpath.framework.model import Framework


@dataclass(frozen=True)
class BatchResult:
    levels: I8  # [people, dimensions]: level index, -1 for none
    confidence: F64  # [people, dimensions]
    overall: I8  # [people]: level index, -1 for none


def assess_batch(framework: Framework, cols: ItemColumns, people: int, as_of: dt.date,
                 current: I8 | None = None, declared_teams: int = 0) -> BatchResult:
    """Levels per person and dimension, confidence, and the overall level, at `as_of`.

    `current` holds each person's level today (index, -1 when unknown); each person's
    organisation is as large as declared (`declared_teams`, in teams; 0 when not declared),
    else as their record states (`org_size.people_org_teams`), as the per-person engine reads
    it."""
    if current is None:
        current = np.full(people, -1, dtype=np.int8)
    teams = people_org_teams(cols, people, declared_teams)
    result = evaluate(framework, at_org_size(framework, cols, teams), people, as_of,
                      title_at_org_size(framework, current, teams))
    return BatchResult(levels=result.levels, confidence=result.confidence,
                       overall=result.overall)
