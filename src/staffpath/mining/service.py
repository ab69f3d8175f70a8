"""`mine_repository`: what the CLI and the demo call to mine a git repository.

Each call runs inside the caller's transaction and only writes once everything has been read,
so a failure leaves nothing behind and holds the database's write lock for a short time. The
steps live beside it: planning what to read (`run_plan`), the history walk (`history`), the
report (`report`), and what is stored (`stored_run`, `authorship_spans`, `evidence`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.errors import InputError
from staffpath.mining import evidence as ev
from staffpath.mining.authorship_spans import save_spans
from staffpath.mining.change_stream import ChangeStream
from staffpath.mining.codeowners import LOCATIONS, OwnerDirectory, parse_codeowners
from staffpath.mining.git import BlobReader, files_at, read_text, shallow_boundary
from staffpath.mining.history import History
from staffpath.mining.identities import record_identities
from staffpath.mining.identity_resolution import Author
from staffpath.mining.ownership import Ownership, TeamArea
from staffpath.mining.report import MineReport, summarise
from staffpath.mining.rules import MiningRules
from staffpath.mining.run_plan import RunPlan, plan_run
from staffpath.mining.stored_run import save_facts, save_repo, saved_facts
from staffpath.store.tables import Person, PersonEmail, Team

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


def _owner_directory(session: Session) -> tuple[OwnerDirectory, list[TeamArea]]:
    """Roster teams with the code they own, and each person's team by handle and e-mail."""
    teams = list(session.execute(select(Team.name, Team.owns).order_by(Team.name)))
    person_team: dict[str, str] = {}
    for handle, email, team in session.execute(
            select(Person.handle, PersonEmail.email, Team.name)
            .join(Team, Team.id == Person.team_id)
            .outerjoin(PersonEmail, PersonEmail.person_id == Person.id)):
        person_team[handle.lower()] = team
        if email:
            person_team[email.lower()] = team
    areas = [TeamArea(name, tuple(owns)) for name, owns in teams if owns]
    return OwnerDirectory(tuple(name for name, _owns in teams), person_team), areas


def _check_tip_codeowners(reader: BlobReader, tip: str, label: str) -> None:
    """A CODEOWNERS at the tip that GitHub would reject stops the mine with its first problem."""
    for location in LOCATIONS:
        data = reader.read(tip, location)
        if data is None:
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("is not UTF-8 text", path=f"{label}:{location}") from None
        parsed = parse_codeowners(text, source=f"{label}:{location}")
        if parsed.problems:
            raise parsed.problems[0]
        return  # GitHub uses the first file it finds; the others do not matter


def mine_repository(session: Session, path: Path, options: MineOptions | None = None, *,
                    progress: Progress | None = None,
                    after_run: Callable[[Session], None] | None = None) -> MineReport:
    """Mine one repository (incrementally when it was mined before) into the store.

    `after_run` is called with the session once the run has written everything, still inside
    the caller's transaction: the caller's place to arrange work for after the commit (the
    CLI and the demo have the organisation views prepare themselves from what was written).
    """
    options = options or MineOptions()
    step = progress or (lambda _label, _done, _total: None)
    rules = options.rules
    report = MineReport(repository=str(path), name=path.resolve().name, branch=options.branch)
    step("listing commits", 0, 0)
    run = plan_run(session, path, branch=options.branch, since=options.since,
                   full=options.full, evidence=options.evidence)
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
        directory_for_owners, areas = _owner_directory(session)
        ownership = Ownership(directory=directory_for_owners, areas=areas, repo_label=label)
        if run.tip is not None:
            _check_tip_codeowners(reader, run.tip, label)
        history, by_key = _start_history(session, run, rules, ownership, reader)
        _read_history(run, stream, history, report, step)
        report.warnings.extend(ownership.warnings)
        step("computing authorship", 0, 0)
        tip_files = files_at(info.path, run.tip) if run.tip else {}
        summarise(report, history, tip_files, ownership, by_key, rules)
        root = (run.state or {}).get("root") or run.root_commit()
        step("writing", 0, 0)
        record = save_repo(session, run, report, history, tip_files, root)
        record_identities(session, run.pairs, run.directory.identities)
        save_facts(session, record, history, full=not run.incremental)
        save_spans(session, record, history, by_key, full=not run.incremental)
        prov = ev.Provenance("git", str(info.path), f"git:{root}")
        if options.evidence:
            counts = ev.UpsertCounts()
            ev.upsert_all(session, ev.history_entries(session, prov, label, history, by_key,
                                                      reader, run.tip, rules), counts)
            report.evidence = counts.as_dict()
    finally:
        stream.close()
        reader.close()
    if after_run is not None:
        after_run(session)
    return report


def _start_history(session: Session, run: RunPlan, rules: MiningRules, ownership: Ownership,
                   reader: BlobReader) -> tuple[History, dict[str, Author]]:
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
        history.load_facts(saved_facts(session, run.record.id, run, rules))
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
    for n, (sha, changes) in enumerate(stream):
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
