"""What a mining run keeps about a repository: its record with the state the next run starts
from, and the facts per author and period that incremental runs add to."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from staffpath.errors import ConflictError
from staffpath.mining.history import History, pack_state, period_of
from staffpath.mining.report import MineReport
from staffpath.mining.rules import MiningRules
from staffpath.mining.run_plan import STATE_FORMAT, RunPlan
from staffpath.mining.tables import MinedFact, MinedRepo


def save_repo(session: Session, run: RunPlan, report: MineReport, history: History,
              tip_files: dict[str, bool], root: str) -> MinedRepo:
    """Write the repository's record: the report's numbers and the state to continue from."""
    record = run.record
    if record is None:
        record = MinedRepo(path=str(run.info.path), branch=run.branch or "",
                           name=run.info.path.name)
        session.add(record)
    state = {
        "tip": run.tip, "root": root, "format": STATE_FORMAT,
        "evidence_pending": not run.evidence,
        "since": run.since,
        "mailmap": run.mailmap,
        "pairs": [[p[0], p[1], n] for p, n in sorted(run.pairs.items())],
        "identities": run.resolution.digest(run.pairs),
        "history": history.dump(tip_files),
    }
    record.tip = run.tip
    record.commits = report.commits
    record.authors = report.authors
    record.files = report.files
    record.truck_factor = report.truck_factor
    summary = report.as_dict()
    summary.pop("contributors")
    record.report = summary
    record.state = pack_state(state)
    record.mined_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    try:
        session.flush()
    except IntegrityError:
        raise ConflictError(f"{run.info.path} is being mined by another run; try again "
                            "when it has finished") from None
    return record


def saved_facts(session: Session, repo_id: int, run: RunPlan, rules: MiningRules
                ) -> list[tuple[str, str, str, dict[str, Any]]]:
    """The saved facts the new commits can add to: their authors' periods, and knowledge
    spread (anyone's) in those periods."""
    needed = {(run.resolution.author(c.name, c.email).key, period_of(c.author_time, rules.period))
              for c in run.commits}
    periods = {p for _k, p in needed}
    rows = []
    for kind, key, period, data in session.execute(
            select(MinedFact.kind, MinedFact.author_key, MinedFact.period, MinedFact.data)
            .where(MinedFact.repo_id == repo_id, MinedFact.period.in_(sorted(periods)))):
        if kind == "knowledge_spread" or (key, period) in needed:
            rows.append((kind, key, period, data))
    return rows


FACT_KINDS = frozenset({"cross_team_code", "glue_work", "knowledge_spread"})


def save_facts(session: Session, record: MinedRepo, history: History, *, full: bool) -> None:
    """Write the facts (all of them, or only those the new commits changed)."""
    if full:
        session.execute(delete(MinedFact).where(MinedFact.repo_id == record.id))
        rows = history.fact_rows()
    else:
        rows = history.fact_rows({t for t in history.touched if t[0] in FACT_KINDS})
        periods = sorted({p for _kind, _key, p, _data in rows})
        wanted = {(kind, key, p) for kind, key, p, _data in rows}
        stale = [i for i, kind, key, p in session.execute(
            select(MinedFact.id, MinedFact.kind, MinedFact.author_key, MinedFact.period)
            .where(MinedFact.repo_id == record.id, MinedFact.period.in_(periods)))
            if (kind, key, p) in wanted]
        if stale:
            session.execute(delete(MinedFact).where(MinedFact.id.in_(stale)))
    if rows:
        session.execute(insert(MinedFact), [
            {"repo_id": record.id, "kind": kind, "author_key": key, "period": p, "data": data}
            for kind, key, p, data in rows])

