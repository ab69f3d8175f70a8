"""What mining one repository produces before anything is written: plain rows, built where the
history was read (in the command's process or on a Dask worker), written by the coordinator in
one transaction (`mining.write`).

Nothing here touches the database, so a repository can be mined on any machine that sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from staffpath.ledger.record import EvidenceInput
from staffpath.mining.git import shown
from staffpath.mining.history import History
from staffpath.mining.identity_resolution import Author
from staffpath.mining.report import MineReport

FactRow = tuple[str, str, str, dict[str, Any]]  # kind, author key, period, data
# path, author key, person id, since (day ordinal), until (day ordinal or None: still open)
SpanRow = tuple[str, str, int | None, int, int | None]
CloseRow = tuple[str, str, int]  # a span an earlier run opened: path, author key, until
FACT_KINDS = frozenset({"cross_team_code", "glue_work", "knowledge_spread"})


@dataclass
class RepoValues:
    """The repository's record as the run leaves it."""

    path: str
    branch: str
    name: str
    tip: str | None
    state: bytes  # packed; what the next run continues from


@dataclass
class MinedRepository:
    """Everything one run of one repository writes, as rows."""

    record_id: int | None  # the stored record the run continued, None for a first run
    full: bool  # the whole history was read: stored facts and spans are replaced
    values: RepoValues
    report: MineReport
    root: str  # the first commit: what identifies the repository across clones
    new_identities: list[tuple[str, str]] = field(default_factory=list)
    facts: list[FactRow] = field(default_factory=list)
    spans: list[SpanRow] = field(default_factory=list)
    closes: list[CloseRow] = field(default_factory=list)
    evidence: list[tuple[int, EvidenceInput]] = field(default_factory=list)  # person id, entry
    write_evidence: bool = True


def fact_rows(history: History, *, full: bool) -> list[FactRow]:
    """The facts to write: all of them, or those the new commits changed."""
    if full:
        return history.fact_rows()
    return history.fact_rows({t for t in history.touched if t[0] in FACT_KINDS})


def span_rows(history: History, by_key: dict[str, Author], *, full: bool
              ) -> tuple[list[SpanRow], list[CloseRow]]:
    """Spans the history opened and closed; on an incremental run, the spans earlier runs
    opened and this one closed come apart as `closes`."""
    keys = history.keys
    open_now: dict[tuple[str, int], int] = {}
    rows: list[SpanRow] = []
    closes: list[CloseRow] = []
    person: dict[int, int | None] = {}

    def person_of(a: int) -> int | None:
        if a not in person:
            author = by_key.get(keys[a])
            person[a] = author.person_id if author else None
        return person[a]

    for path, a, day, opened in history.events:
        if opened:
            open_now[(path, a)] = day
            continue
        since = open_now.pop((path, a), None)
        if since is not None:
            if since != day:
                rows.append((shown(path), keys[a], person_of(a), since, day))
        elif not full:
            closes.append((shown(path), keys[a], day))
    rows.extend((shown(path), keys[a], person_of(a), since, None)
                for (path, a), since in open_now.items())
    return rows, closes
