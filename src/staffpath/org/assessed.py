"""Everyone's assessed level at once: the ledger read in one query, assessed by the batch path.

The rule is the per-person engine's (`assess.batch` is tested equal to it) and the items are
built by the same `to_items` the per-person path uses, so the bench and a person's own
assessment page never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.assess.batch import assess_batch, columns_from_items
from staffpath.assess.service import to_items
from staffpath.framework.model import Framework
from staffpath.org.cache import ledger_version, memo
from staffpath.store.models import Evidence

# Only what `to_items` reads: selecting columns instead of whole objects keeps the load of an
# organisation's ledger to one light query.
_COLUMNS = (
    Evidence.person_id, Evidence.id, Evidence.title, Evidence.kind, Evidence.date_start,
    Evidence.date_end, Evidence.scope, Evidence.role, Evidence.teams, Evidence.dimensions,
    Evidence.extra, Evidence.source_type, Evidence.attested_by, Evidence.impact_money,
    Evidence.impact_metric, Evidence.impact_unit, Evidence.impact_text, Evidence.project,
)


@dataclass(frozen=True)
class Assessed:
    """One person's assessed overall level and per-dimension levels (framework indexes)."""

    overall: int  # -1: not enough evidence for any level
    dimensions: tuple[int, ...]


@dataclass(frozen=True)
class AssessedOrg:
    """Assessed levels for every person with evidence, at one date."""

    as_of: dt.date
    people: dict[int, Assessed]


def assess_everyone(session: Session, framework: Framework, as_of: dt.date) -> AssessedOrg:
    """Assess everyone's live evidence at `as_of` (memoised until the ledger changes)."""
    key = (framework.fingerprint, as_of.isoformat(), ledger_version(session))
    return memo(session, "assessed", key, lambda: _assess(session, framework, as_of))


def _assess(session: Session, framework: Framework, as_of: dt.date) -> AssessedOrg:
    rows = session.execute(select(*_COLUMNS).where(Evidence.deleted_at.is_(None))
                           .order_by(Evidence.person_id, Evidence.id)).all()
    grouped: dict[int, list[Evidence]] = {}
    for row in rows:
        # Rows carry the same attribute names as Evidence; `to_items` only reads them.
        grouped.setdefault(row.person_id, []).append(cast(Evidence, row))
    ids = list(grouped)
    items = [to_items(cast(Sequence[Evidence], grouped[pid])) for pid in ids]
    if not ids:
        return AssessedOrg(as_of, {})
    result = assess_batch(framework, columns_from_items(framework, items), len(ids), as_of)
    return AssessedOrg(as_of, {
        pid: Assessed(int(result.overall[n]), tuple(int(v) for v in result.levels[n]))
        for n, pid in enumerate(ids)})
