"""Reading one repository into rows, without the database: what a Dask worker runs, and what
`mine_repository` runs in the command's own process.

`Shared` holds what the coordinator read from the store once for every repository of a run
(identities, the roster, team areas); `RepoTask` what it read for one repository (its last
run's state and facts). The result is a `MinedRepository` the coordinator writes.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from staffpath.mining import evidence as ev
from staffpath.mining.change_stream import ChangeStream
from staffpath.mining.codeowners import LOCATIONS, OwnerDirectory, parse_codeowners
from staffpath.mining.git import BlobReader, files_at, read_text, shallow_boundary
from staffpath.mining.history import History, pack_state, period_of
from staffpath.mining.identity_resolution import Author, Directory
from staffpath.mining.line_counts import count_fact_lines
from staffpath.mining.mined import FactRow, MinedRepository, RepoValues, fact_rows, span_rows
from staffpath.mining.ownership import Ownership, TeamArea
from staffpath.mining.report import MineReport, summarise
from staffpath.mining.rules import MiningRules
from staffpath.mining.run_plan import STATE_FORMAT, RunPlan, SavedRecord, plan_run

Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 256


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


@dataclass(frozen=True)
class MineOptions:
    """How to mine one repository."""

    branch: str | None = None
    since: dt.date | None = None
    full: bool = False  # ignore the saved state and read the whole history again
    # False: only authorship, ownership and truck factor; the next run with evidence then
    # reads the whole history again, so no period is left without its entries.
    evidence: bool = True
    jobs: int = field(default_factory=default_jobs)
    rules: MiningRules = field(default_factory=MiningRules)


@dataclass(frozen=True)
class Shared:
    """What every repository of a run needs from the store, read once by the coordinator."""

    directory: Directory
    owners: OwnerDirectory
    areas: tuple[TeamArea, ...]


@dataclass(frozen=True)
class RepoTask:
    """One repository to mine, with what the store holds of its last run."""

    path: Path
    record: SavedRecord | None = None
    facts: tuple[FactRow, ...] = ()  # the repository's stored facts (when continuing)


def _noop(_label: str, _done: int, _total: int) -> None:
    return None


def mine_offline(task: RepoTask, options: MineOptions, shared: Shared, *,
                 progress: Progress | None = None) -> MinedRepository:
    """Read the repository and return everything the run writes, as rows."""
    step = progress or _noop
    rules = options.rules
    path = task.path
    report = MineReport(repository=str(path), name=path.resolve().name, branch=options.branch)
    step("listing commits", 0, 0)
    run = plan_run(path, branch=options.branch, since=options.since, full=options.full,
                   evidence=options.evidence, record=task.record, directory=shared.directory)
    report.shallow = run.info.shallow
    report.tip = run.tip
    report.warnings.extend(run.warnings)
    # git starts reading history now; everything up to the loop below happens meanwhile.
    stream = ChangeStream(run.info.path, [c.sha for c in run.commits], jobs=options.jobs)
    info = run.info
    reader = BlobReader(info.path)
    try:
        label = info.path.name
        report.repository = str(info.path)
        report.name = label
        report.incremental = run.incremental
        ownership = Ownership(directory=shared.owners, areas=list(shared.areas),
                              repo_label=label)
        if run.tip is not None:
            _check_tip_codeowners(reader, run.tip, label)
        history, by_key = _start_history(run, rules, ownership, reader, task.facts)
        _read_history(run, stream, history, report, step)
        count_fact_lines(info.path, history, jobs=options.jobs, step=step)
        report.warnings.extend(ownership.warnings)
        step("computing authorship", 0, 0)
        tip_files = files_at(info.path, run.tip) if run.tip else {}
        summarise(report, history, tip_files, ownership, by_key, rules)
        root = (run.state or {}).get("root") or run.root_commit()
        full = not run.incremental
        spans, closes = span_rows(history, by_key, full=full)
        mined = MinedRepository(
            record_id=run.record.id if run.record is not None else None, full=full,
            values=RepoValues(path=str(info.path), branch=run.branch or "", name=label,
                              tip=run.tip, state=_packed_state(run, history, tip_files, root)),
            report=report, root=root,
            new_identities=sorted(p for p in run.pairs if p not in shared.directory.identities),
            facts=fact_rows(history, full=full), spans=spans, closes=closes,
            write_evidence=options.evidence)
        if options.evidence:
            prov = ev.Provenance("git", str(info.path), f"git:{root}")
            entries = ev.history_entries(shared.directory.people, prov, label, history,
                                         by_key, reader, run.tip, rules)
            mined.evidence = [(person.id, data) for person, data in entries]
    finally:
        stream.close()
        reader.close()
    return mined


def _packed_state(run: RunPlan, history: History, tip_files: dict[str, bool], root: str
                  ) -> bytes:
    return pack_state({
        "tip": run.tip, "root": root, "format": STATE_FORMAT,
        "evidence_pending": not run.evidence,
        "since": run.since,
        "mailmap": run.mailmap,
        "pairs": [[p[0], p[1], n] for p, n in sorted(run.pairs.items())],
        "identities": run.resolution.digest(run.pairs),
        "history": history.dump(tip_files),
    })


def _check_tip_codeowners(reader: BlobReader, tip: str, label: str) -> None:
    """A CODEOWNERS at the tip that GitHub would reject stops the mine with its first problem."""
    for location in LOCATIONS:
        data = reader.read(tip, location)
        if data is None:
            continue
        parsed = parse_codeowners(data.decode("utf-8", "replace"),
                                  source=f"{label}:{location}")
        if parsed.problems:
            raise parsed.problems[0]
        return  # GitHub uses the first file it finds; the others do not matter


def needed_facts(run: RunPlan, rules: MiningRules, stored: Sequence[FactRow]) -> list[FactRow]:
    """The stored facts the new commits can add to: their authors' periods, and knowledge
    spread (anyone's) in those periods."""
    needed = {(run.resolution.author(c.name, c.email).key, period_of(c.author_time, rules.period))
              for c in run.commits}
    periods = {p for _k, p in needed}
    return [row for row in stored if row[2] in periods
            and (row[0] == "knowledge_spread" or (row[1], row[2]) in needed)]


def _start_history(run: RunPlan, rules: MiningRules, ownership: Ownership,
                   reader: BlobReader, stored_facts: Sequence[FactRow]
                   ) -> tuple[History, dict[str, Author]]:
    """The history walk, with every author indexed and, when only new commits are read, the
    last run's state loaded; CODEOWNERS as it stood before the first commit read."""
    history = History(rules, ownership, [], [], [])
    by_key: dict[str, Author] = {}
    for author in run.resolution.authors.values():
        by_key[author.key] = author
        history.author_index(author.key, person=author.person_id is not None,
                             team=author.team)
    if run.state is not None and run.record is not None:
        history.load(run.state["history"])
        history.load_facts(needed_facts(run, rules, stored_facts))
    start_rev = run.state["tip"] if run.state is not None else (
        run.commits[0].parents[0] if run.commits and run.commits[0].parents else None)
    if start_rev is not None:
        for location in LOCATIONS:
            ownership.set_file(location, read_text(reader, start_rev, location),
                               strict=False)

    def codeowners_at(sha: str, location: str) -> str | None:
        return read_text(reader, sha, location)

    history.codeowner_reader = codeowners_at
    history.new_commits = 0
    return history, by_key


def _read_history(run: RunPlan, stream: ChangeStream, history: History, report: MineReport,
                  step: Progress) -> None:
    """Apply each commit's changes, in order, as git streams them."""
    boundary = shallow_boundary(run.info)
    commits = run.commits
    total = len(commits)
    step("reading history", 0, total)
    author_of: dict[tuple[str, str], int] = {}
    for n, (sha, changes, _lines) in enumerate(stream):
        meta = commits[n]
        pair = (meta.name, meta.email)
        index = author_of.get(pair)
        if index is None:
            index = author_of[pair] = history.index[
                run.resolution.author(meta.name, meta.email).key]
        history.apply(meta, index, changes, boundary=sha in boundary)
        if n % PROGRESS_EVERY == 0:
            step("reading history", n, total)
    step("reading history", total, total)
    if boundary:
        report.warnings.append("shallow clone: history before its oldest commits is "
                               "missing, so authorship is approximate")
