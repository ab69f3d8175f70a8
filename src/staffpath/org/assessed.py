"""Everyone's assessed level at once: the ledger read in few queries, assessed by the batch path.

The rule is the per-person engine's (`assess.batch` is tested equal to it) and the items are
built by the same `to_items` the per-person path uses, so the bench and a person's own
assessment page never disagree.

Turning a ledger into items is the slow part (thousands of people, tens of thousands of
items), and an item depends only on its own person's evidence. So each person's columns are
kept per database with a fingerprint of their evidence; after an edit only that person's
items are rebuilt, and the whole organisation is assessed again from the kept columns.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from staffpath.assess.batch import ItemColumns, assess_batch, columns_from_items
from staffpath.assess.service import to_items
from staffpath.framework.model import Framework
from staffpath.org.cache import database_of, ledger_version, memo
from staffpath.store.models import Evidence

# Only what `to_items` reads: columns instead of whole objects keep the load light.
_TABLE = Evidence.__table__
_COLUMNS = [_TABLE.c[name] for name in (
    "person_id", "id", "title", "kind", "date_start", "date_end", "scope", "role", "teams",
    "dimensions", "extra", "source_type", "attested_by", "impact_money", "impact_metric",
    "impact_unit", "impact_text", "project")]
CHUNK = 500
FIELDS = ("kind", "scope", "role", "source", "impact", "start", "end", "tagged")


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


@dataclass
class _Kept:
    """Per person: a fingerprint of their live evidence and the columns built from it."""

    fingerprints: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    columns: dict[int, ItemColumns] = field(default_factory=dict)


_kept: dict[tuple[str, str], _Kept] = {}
_kept_lock = threading.Lock()


def assess_everyone(session: Session, framework: Framework, as_of: dt.date) -> AssessedOrg:
    """Assess everyone's live evidence at `as_of` (memoised until the ledger changes)."""
    key = (framework.fingerprint, as_of.isoformat(), ledger_version(session))
    return memo(session, "assessed", key, lambda: _assess(session, framework, as_of))


def _fingerprints(session: Session) -> dict[int, tuple[Any, ...]]:
    rows = session.execute(
        select(Evidence.person_id, func.count(Evidence.id), func.max(Evidence.id),
               func.max(Evidence.updated_at), func.sum(Evidence.version))
        .where(Evidence.deleted_at.is_(None)).group_by(Evidence.person_id))
    return {r[0]: tuple(str(v) for v in r[1:]) for r in rows}


def _build(session: Session, framework: Framework, people: Sequence[int]
           ) -> dict[int, ItemColumns]:
    """Columns for these people's live evidence, built by the per-person path's `to_items`."""
    grouped: dict[int, list[Any]] = {pid: [] for pid in people}
    connection = session.connection()
    for start in range(0, len(people), CHUNK):
        chunk = list(people[start:start + CHUNK])
        for row in connection.execute(select(*_COLUMNS).where(
                _TABLE.c.person_id.in_(chunk), _TABLE.c.deleted_at.is_(None))
                .order_by(_TABLE.c.person_id, _TABLE.c.id)):
            grouped[row.person_id].append(row)
    # Rows carry the same attribute names as Evidence; `to_items` only reads them.
    return {pid: columns_from_items(framework, [to_items(cast(Sequence[Evidence], rows))])
            for pid, rows in grouped.items()}


def _assess(session: Session, framework: Framework, as_of: dt.date) -> AssessedOrg:
    current = _fingerprints(session)
    with _kept_lock:
        kept = _kept.setdefault((database_of(session), framework.fingerprint), _Kept())
        stale = [pid for pid, fp in current.items() if kept.fingerprints.get(pid) != fp]
    built = _build(session, framework, stale) if stale else {}
    with _kept_lock:
        for pid in list(kept.columns):
            if pid not in current:
                kept.columns.pop(pid, None)
                kept.fingerprints.pop(pid, None)
        for pid, cols in built.items():
            kept.columns[pid] = cols
            kept.fingerprints[pid] = current[pid]
        ids = sorted(current)
        parts = [kept.columns[pid] for pid in ids]
    if not ids:
        return AssessedOrg(as_of, {})
    lengths = np.array([len(p) for p in parts], dtype=np.int64)
    cols = ItemColumns(
        person=np.repeat(np.arange(len(ids), dtype=np.int32), lengths),
        **{name: np.concatenate([getattr(p, name) for p in parts]) for name in FIELDS})
    result = assess_batch(framework, cols, len(ids), as_of)
    return AssessedOrg(as_of, {
        pid: Assessed(int(result.overall[n]), tuple(int(v) for v in result.levels[n]))
        for n, pid in enumerate(ids)})
