"""A mined repository as compact Arrow tables, for the trip from a Dask worker back to the
coordinator: one table per kind of row (facts, spans, closed spans, evidence, identities),
JSON only where a row holds a nested value."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from staffpath.ledger.record import EvidenceInput
from staffpath.mining.mined import MinedRepository, RepoValues
from staffpath.mining.report import MineReport

_FACTS = pa.schema([("kind", pa.string()), ("author_key", pa.string()),
                    ("period", pa.string()), ("data", pa.string())])
_SPANS = pa.schema([("path", pa.string()), ("author_key", pa.string()),
                    ("person_id", pa.int64()), ("since", pa.int32()), ("until", pa.int32())])
_CLOSES = pa.schema([("path", pa.string()), ("author_key", pa.string()),
                     ("until", pa.int32())])
_EVIDENCE = pa.schema([("person_id", pa.int64()), ("entry", pa.string())])
_IDENTITIES = pa.schema([("name", pa.string()), ("email", pa.string())])


@dataclass(frozen=True)
class PackedRepository:
    """What a worker sends back: the small fields as they are, the rows as Arrow tables."""

    record_id: int | None
    full: bool
    write_evidence: bool
    values: RepoValues
    report: MineReport
    root: str
    facts: pa.Table
    spans: pa.Table
    closes: pa.Table
    evidence: pa.Table
    identities: pa.Table

    @property
    def nbytes(self) -> int:
        return sum(int(t.nbytes) for t in (self.facts, self.spans, self.closes, self.evidence,
                                      self.identities)) + len(self.values.state)


def _columns(rows: list[tuple[Any, ...]], width: int) -> list[list[Any]]:
    return [list(col) for col in zip(*rows, strict=True)] if rows else [[] for _ in range(width)]


def pack(mined: MinedRepository) -> PackedRepository:
    facts = [(k, a, p, json.dumps(d, separators=(",", ":"))) for k, a, p, d in mined.facts]
    spans = mined.spans  # paths are already fit for text (`git.shown`)
    closes = mined.closes
    entries = [(pid, data.model_dump_json()) for pid, data in mined.evidence]
    return PackedRepository(
        record_id=mined.record_id, full=mined.full, write_evidence=mined.write_evidence,
        values=mined.values, report=mined.report, root=mined.root,
        facts=pa.table(_columns(facts, 4), schema=_FACTS),
        spans=pa.table(_columns(list(spans), 5), schema=_SPANS),
        closes=pa.table(_columns(list(closes), 3), schema=_CLOSES),
        evidence=pa.table(_columns(entries, 2), schema=_EVIDENCE),
        identities=pa.table(_columns(list(mined.new_identities), 2), schema=_IDENTITIES))


def _rows(table: pa.Table) -> list[tuple[Any, ...]]:
    return list(zip(*(table.column(i).to_pylist() for i in range(table.num_columns)),
                    strict=True))


def unpack(packed: PackedRepository) -> MinedRepository:
    return MinedRepository(
        record_id=packed.record_id, full=packed.full, values=packed.values,
        report=packed.report, root=packed.root,
        new_identities=[(n, e) for n, e in _rows(packed.identities)],
        facts=[(k, a, p, json.loads(d)) for k, a, p, d in _rows(packed.facts)],
        spans=[(p, a, pid, s, u) for p, a, pid, s, u in _rows(packed.spans)],
        closes=[(p, a, u) for p, a, u in _rows(packed.closes)],
        evidence=[(pid, EvidenceInput.model_validate_json(e))
                  for pid, e in _rows(packed.evidence)],
        write_evidence=packed.write_evidence)
