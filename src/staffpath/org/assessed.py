"""Everyone's assessed level at once: the ledger read in few queries, assessed by the batch path.

The rule is the per-person engine's (`assess.batch` is tested equal to it) and the items are
built by the same `to_items` the per-person path uses, so the bench and a person's own
assessment page never disagree.

Turning a ledger into items is the slow part (thousands of people, tens of thousands of
items, seconds), and an item depends only on its own person's evidence. So each person's
columns are kept, in this process and in the database (`org_item_columns`), with a digest of
their inputs (the code, the framework, the person's trigger-kept ledger revision); after an
edit only that person's items are rebuilt, and a fresh process reads everyone's from the
database. The whole organisation is then assessed from the kept columns, which is quick.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.assess.batch import assess_batch
from staffpath.assess.columns import columns_from_items
from staffpath.assess.org_size import stated_teams
from staffpath.assess.rules import ItemColumns
from staffpath.assess.service import declared_size, to_items
from staffpath.framework.model import Framework
from staffpath.org import snapshots
from staffpath.org.cache import database_of, ledger_version, memo, on_clear
from staffpath.store.tables import Evidence, Person

# Only what `to_items` reads: columns instead of whole objects keep the load light.
_TABLE = Evidence.__table__
_COLUMNS = [_TABLE.c[name] for name in (
    "person_id", "id", "title", "kind", "date_start", "date_end", "scope", "role", "teams",
    "dimensions", "extra", "source_type", "attested_by", "impact_money", "impact_metric",
    "impact_unit", "impact_text", "project")]
CHUNK = 500
FIELDS = ("kind", "scope", "role", "source", "impact", "start", "end", "dims", "org_teams",
          "filed", "reading", "read_words")


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


# One item as stored: the columns `assess_batch` reads, item after item (and, with a framework
# that names a record reader, what it reads in the item, per level: `_record`).
_FIXED = [("kind", np.int8), ("scope", np.int8), ("role", np.int8), ("source", np.int8),
          ("impact", np.float32), ("start", np.int32), ("end", np.int32), ("dims", np.uint16),
          ("org_teams", np.int16), ("filed", np.bool_), ("read_words", np.int16)]


def _record(framework: Framework) -> np.dtype[Any]:
    """The stored item of this framework: the fixed columns, and its reader's per level."""
    levels = len(framework.level_ids) if framework.overall.reader else 0
    return np.dtype([*_FIXED, ("reading", np.float32, (levels,))])


_EMPTY = b""


@dataclass
class _Kept:
    """Per person: the digest of what their items were built from, and the packed items."""

    inputs: dict[int, str] = field(default_factory=dict)
    packed: dict[int, bytes] = field(default_factory=dict)


_kept: dict[tuple[str, str], _Kept] = {}
_kept_lock = threading.Lock()


def forget() -> None:
    """Drop the item columns kept in this process (the database keeps its copy)."""
    with _kept_lock:
        _kept.clear()


on_clear(forget)


def assess_everyone(session: Session, framework: Framework, as_of: dt.date) -> AssessedOrg:
    """Assess everyone's live evidence at `as_of` (memoised until the ledger changes)."""
    # Each person's level today, as the per-person assessment is given it: the overall level
    # stays there unless the record holds evidence against it. A roster change moves the key.
    today = {row[0]: row[1] for row in session.execute(select(Person.id, Person.level))}
    # The organisation's declared size, if any, reads how far work reached for everyone.
    teams = stated_teams(declared_size(session))
    key = (framework.fingerprint, as_of.isoformat(), ledger_version(session),
           hash(tuple(sorted(today.items(), key=lambda kv: kv[0]))), teams)
    return memo(session, "assessed", key,
                lambda: _assess(session, framework, as_of, today, teams))


def item_inputs(framework: Framework, person_id: int, revision: int) -> str:
    """What a person's items are built from: the code, the framework and their evidence,
    which the trigger-kept ledger revision sums up (every write to it moves the revision)."""
    return snapshots.digest("items", framework.fingerprint, person_id, revision)


def revisions(session: Session) -> dict[int, int]:
    """Each person's ledger revision; 0 means no evidence was ever written for them."""
    rows = session.execute(select(Person.id, Person.ledger_revision))
    return {int(pid): int(rev) for pid, rev in rows}


def pack(framework: Framework, cols: ItemColumns) -> bytes:
    record = np.empty(len(cols), dtype=_record(framework))
    for name in FIELDS:
        record[name] = getattr(cols, name)
    return record.tobytes()


def _build(session: Session, framework: Framework, people: Sequence[int]) -> dict[int, bytes]:
    """Packed columns for these people's live evidence, built by the per-person path's
    `to_items`."""
    grouped: dict[int, list[Any]] = {pid: [] for pid in people}
    connection = session.connection()
    for start in range(0, len(people), CHUNK):
        chunk = list(people[start:start + CHUNK])
        for row in connection.execute(select(*_COLUMNS).where(
                _TABLE.c.person_id.in_(chunk), _TABLE.c.deleted_at.is_(None))
                .order_by(_TABLE.c.person_id, _TABLE.c.id)):
            grouped[row.person_id].append(row)
    # Rows carry the same attribute names as Evidence; `to_items` only reads them.
    return {pid: pack(framework, columns_from_items(framework,
                                                    [to_items(cast(Sequence[Evidence], rows))]))
            for pid, rows in grouped.items()}


def refresh(session: Session, framework: Framework) -> dict[int, bytes]:
    """Everyone's packed items, current: from this process, else the database, else built
    (and then stored, so the next process finds them)."""
    wanted = {pid: item_inputs(framework, pid, rev)
              for pid, rev in revisions(session).items() if rev}
    with _kept_lock:
        kept = _kept.setdefault((database_of(session), framework.fingerprint), _Kept())
        missing = {pid for pid, inputs in wanted.items() if kept.inputs.get(pid) != inputs}
    found: dict[int, bytes] = {}
    if missing:
        stored = snapshots.read_items(session, None if len(missing) * 2 > len(wanted)
                                      else missing)
        found = {pid: data for pid, (inputs, data) in stored.items()
                 if pid in missing and inputs == wanted[pid]}
        todo = sorted(missing - set(found))
        built = _build(session, framework, todo) if todo else {}
        if built:
            snapshots.write_items(session, {pid: (wanted[pid], data)
                                            for pid, data in built.items()})
        found.update(built)
    with _kept_lock:
        for pid in [p for p in kept.inputs if p not in wanted]:
            kept.inputs.pop(pid, None)
            kept.packed.pop(pid, None)
        for pid, data in found.items():
            kept.inputs[pid] = wanted[pid]
            kept.packed[pid] = data
        return {pid: kept.packed[pid] for pid in wanted if pid in kept.packed}


def _assess(session: Session, framework: Framework, as_of: dt.date,
            today: dict[int, str | None], declared_teams: int) -> AssessedOrg:
    packed = refresh(session, framework)
    # Only people with live evidence are assessed.
    ids = sorted(pid for pid, data in packed.items() if data)
    if not ids:
        return AssessedOrg(as_of, {})
    kind = _record(framework)
    record = np.frombuffer(b"".join(packed[pid] for pid in ids), dtype=kind)
    lengths = np.array([len(packed[pid]) // kind.itemsize for pid in ids], dtype=np.int64)
    cols = ItemColumns(
        person=np.repeat(np.arange(len(ids), dtype=np.int32), lengths),
        **{name: np.ascontiguousarray(record[name]) for name in FIELDS})
    rank = {lv: n for n, lv in enumerate(framework.level_ids)}
    current = np.array([rank.get(today.get(pid) or "", -1) for pid in ids], dtype=np.int8)
    result = assess_batch(framework, cols, len(ids), as_of, current,
                          declared_teams=declared_teams)
    return AssessedOrg(as_of, {
        pid: Assessed(int(result.overall[n]), tuple(int(v) for v in result.levels[n]))
        for n, pid in enumerate(ids)})
