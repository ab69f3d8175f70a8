"""`mine_repository`: what the CLI and the demo call to mine a git repository.

Each call runs inside the caller's transaction and only writes once everything has been read,
so a failure leaves nothing behind and holds the database's write lock for a short time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from staffpath.errors import ConflictError, InputError
from staffpath.mining import evidence as ev
from staffpath.mining.change_stream import ChangeStream
from staffpath.mining.codeowners import LOCATIONS, OwnerDirectory, parse_codeowners
from staffpath.mining.git import (
    BlobReader,
    CommitMeta,
    RepoInfo,
    files_at,
    is_ancestor,
    list_commits,
    open_repo,
    read_text,
    resolve_tip,
    run_git,
    shallow_boundary,
    shown,
)
from staffpath.mining.history import History, pack_state, period_of, unpack_state
from staffpath.mining.identity import (
    Author,
    Directory,
    Resolution,
    pair_of,
    record_identities,
    resolve,
)
from staffpath.mining.ownership import Ownership, TeamArea
from staffpath.mining.rules import MiningRules
from staffpath.mining.tables import AuthorshipSpan, MinedFact, MinedRepo
from staffpath.mining.truck import TruckFactor, truck_factor
from staffpath.store.tables import Person, PersonEmail, Team

Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 256
STATE_FORMAT = 1  # of the saved state's outer layer; History has its own version inside


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


@dataclass
class MineReport:
    """What one `mine` of a repository found and wrote."""

    repository: str
    name: str
    branch: str | None
    tip: str | None = None
    commits: int = 0
    new_commits: int = 0
    authors: int = 0
    files: int = 0
    truck_factor: int = 0
    key_people: list[dict[str, Any]] = field(default_factory=list)
    teams: list[dict[str, Any]] = field(default_factory=list)
    contributors: list[dict[str, Any]] = field(default_factory=list)
    evidence: dict[str, int] = field(default_factory=dict)
    incremental: bool = False
    shallow: bool = False
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "repository": self.repository, "name": self.name, "branch": self.branch,
            "tip": self.tip, "commits": self.commits, "new_commits": self.new_commits,
            "authors": self.authors, "files": self.files, "truck_factor": self.truck_factor,
            "key_people": self.key_people, "teams": self.teams,
            "contributors": self.contributors, "evidence": self.evidence,
            "incremental": self.incremental, "shallow": self.shallow,
            "warnings": self.warnings,
        }


def _mailmap_digest(info: RepoInfo) -> str:
    """A fingerprint of the .mailmap git applies, so a changed mailmap means a full re-mine."""
    h = hashlib.sha1(usedforsecurity=False)
    if info.bare:
        h.update(run_git(info.path, "cat-file", "-p", "HEAD:.mailmap", check=False))
    else:
        with contextlib.suppress(OSError):
            h.update((info.path / ".mailmap").read_bytes())
    h.update(run_git(info.path, "config", "--get-regexp", r"^mailmap\.", check=False))
    return h.hexdigest()


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


@dataclass
class _Run:
    """The pieces of one mine that the steps share."""

    info: RepoInfo
    tip: str | None
    options: MineOptions
    record: MinedRepo | None
    directory: Directory
    state: dict[str, Any] | None
    commits: list[CommitMeta]
    mailmap: str
    since: str | None  # as given to git
    pairs: dict[tuple[str, str], int]
    resolution: Resolution
    incremental: bool


def _plan(session: Session, path: Path, options: MineOptions, report: MineReport) -> _Run:
    """Decide what to read: only the commits since the last run, unless something changed
    that makes the saved state wrong (identities regrouped, history rewritten, mailmap)."""
    info = open_repo(path)
    report.shallow = info.shallow
    tip = resolve_tip(info.path, options.branch)
    report.tip = tip
    record = session.scalar(select(MinedRepo).where(
        MinedRepo.path == str(info.path), MinedRepo.branch == (options.branch or "")))
    directory = Directory.load(session)
    state = None
    if record is not None and record.state is not None and not options.full:
        state = unpack_state(record.state)
    # A bare date would make git use the current time of day; the day starts at midnight UTC.
    since = f"{options.since.isoformat()} 00:00:00 +0000" if options.since else None
    mailmap = _mailmap_digest(info)
    old_pairs: dict[tuple[str, str], int] = {}
    incremental = False
    if state is not None and tip is not None:
        old_pairs = {(p[0], p[1]): p[2] for p in state["pairs"]}
        incremental = (state.get("tip") is not None and state.get("since") == since
                       and state.get("mailmap") == mailmap
                       and state.get("format") == STATE_FORMAT
                       and not (options.evidence and state.get("evidence_pending"))
                       and is_ancestor(info.path, state["tip"], tip))
    listed_new_only = incremental
    commits = list_commits(info.path, tip, exclude=state["tip"] if incremental and state
                           else None, since=since) if tip else []
    pairs = _count_pairs(commits, old_pairs if incremental else {})
    resolution = resolve(directory, pairs)
    if incremental and state is not None and resolution.digest(old_pairs) != state["identities"]:
        report.warnings.append("identities were regrouped since the last run; "
                               "read the whole history again")
        incremental = False
    if listed_new_only and not incremental and tip is not None:
        commits = list_commits(info.path, tip, since=since)
        pairs = _count_pairs(commits, {})
        resolution = resolve(directory, pairs)
    return _Run(info=info, tip=tip, options=options, record=record, directory=directory,
                state=state if incremental else None, commits=commits, mailmap=mailmap,
                since=since, pairs=pairs,
                resolution=resolution, incremental=incremental)


def _count_pairs(commits: Sequence[CommitMeta], start: dict[tuple[str, str], int]
                 ) -> dict[tuple[str, str], int]:
    pairs = dict(start)
    for c in commits:
        pair = pair_of(c.name, c.email)
        pairs[pair] = pairs.get(pair, 0) + 1
    return pairs


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
    run = _plan(session, path, options, report)
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
        history = History(rules, ownership, [], [], [])
        by_key: dict[str, Author] = {}
        for author in run.resolution.authors.values():
            by_key[author.key] = author
            history.author_index(author.key, person=author.person_id is not None,
                                 team=author.team)
        if run.state is not None and run.record is not None:
            history.load(run.state["history"])
            history.load_facts(_facts_for(session, run.record.id, run, rules))
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
        boundary = shallow_boundary(info)
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
        report.warnings.extend(ownership.warnings)
        step("computing authorship", 0, 0)
        tip_files = files_at(info.path, run.tip) if run.tip else {}
        _summarise(report, history, tip_files, ownership, by_key, rules)
        root = (run.state or {}).get("root") or _root_commit(info, run)
        step("writing", 0, 0)
        record = _save_repo(session, run, report, history, tip_files, root)
        _save_identities(session, run)
        _save_facts(session, record, history, full=not run.incremental)
        _save_spans(session, record, history, by_key, full=not run.incremental)
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


def _root_commit(info: RepoInfo, run: _Run) -> str:
    if run.commits and not run.commits[0].parents:
        return run.commits[0].sha
    if run.tip is None:
        return ""
    out = run_git(info.path, "rev-list", "--max-parents=0", "--end-of-options", run.tip)
    roots = sorted(out.decode("ascii").split())
    return roots[0] if roots else ""


def _people_list(keys: Sequence[str], by_key: dict[str, Author],
                 owned: dict[str, int]) -> list[dict[str, Any]]:
    out = []
    for key in keys:
        author = by_key.get(key)
        out.append({"name": author.name if author else key,
                    "handle": author.handle if author else None,
                    "team": author.team if author else None,
                    "files": owned.get(key, 0)})
    return out


def _tf(authors: dict[str, set[str]]) -> tuple[TruckFactor, dict[str, int]]:
    owned: dict[str, int] = {}
    for who in authors.values():
        for key in who:
            owned[key] = owned.get(key, 0) + 1
    return truck_factor(authors), owned


def _summarise(report: MineReport, history: History, tip_files: dict[str, bool],
               ownership: Ownership, by_key: dict[str, Author], rules: MiningRules) -> None:
    keys = history.keys
    exclude = rules.exclude_matcher
    authors: dict[str, set[str]] = {}
    for path, gitlink in tip_files.items():
        if gitlink or exclude.matches(path):
            continue
        fs = history.files.get(path)
        authors[path] = {keys[a] for a in fs.authors} if fs is not None else set()
    tf, owned = _tf(authors)
    report.commits = history.commits
    report.new_commits = history.new_commits
    report.files = len(tip_files)
    report.authors = len(history.totals)
    report.truck_factor = tf.value
    report.key_people = _people_list(tf.key_people, by_key, owned)
    teams: dict[str, dict[str, set[str]]] = {}
    for path, who in authors.items():
        for team in ownership.owners(path):
            teams.setdefault(team, {})[path] = who
    for team in sorted(set(teams) | set(history.team_touch)):
        area = teams.get(team, {})
        team_tf, team_owned = _tf(area)
        touch = history.team_touch.get(team, [0, 0, 0])
        report.teams.append({
            "team": team, "files": len(area), "truck_factor": team_tf.value,
            "key_people": _people_list(team_tf.key_people, by_key, team_owned),
            "commits_by_team": touch[0], "commits_by_other_teams": touch[1],
            "commits_by_unknown": touch[2],
        })
    contributors: list[dict[str, Any]] = []
    for index, totals in history.totals.items():
        author = by_key.get(keys[index])
        contributors.append({
            "name": author.name if author else keys[index], "key": keys[index],
            "handle": author.handle if author else None, "commits": totals.commits,
            "merges": totals.merges, "added": totals.added, "deleted": totals.deleted,
            "first": dt.datetime.fromtimestamp(totals.first, dt.UTC).date().isoformat(),
            "last": dt.datetime.fromtimestamp(totals.last, dt.UTC).date().isoformat(),
            "files_authored": owned.get(keys[index], 0),
        })
    contributors.sort(key=lambda c: (-int(c["commits"]), str(c["name"])))
    report.contributors = contributors


def _save_repo(session: Session, run: _Run, report: MineReport, history: History,
               tip_files: dict[str, bool], root: str) -> MinedRepo:
    record = run.record
    if record is None:
        record = MinedRepo(path=str(run.info.path), branch=run.options.branch or "",
                           name=run.info.path.name)
        session.add(record)
    state = {
        "tip": run.tip, "root": root, "format": STATE_FORMAT,
        "evidence_pending": not run.options.evidence,
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


def _facts_for(session: Session, repo_id: int, run: _Run, rules: MiningRules
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


def _save_facts(session: Session, record: MinedRepo, history: History, *, full: bool) -> None:
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


def _save_identities(session: Session, run: _Run) -> None:
    record_identities(session, run.pairs, run.directory.identities)


def _save_spans(session: Session, record: MinedRepo, history: History,
                by_key: dict[str, Author], *, full: bool) -> None:
    if full:
        session.execute(delete(AuthorshipSpan).where(AuthorshipSpan.repo_id == record.id))
    keys = history.keys
    open_now: dict[tuple[str, int], int] = {}
    rows: list[dict[str, Any]] = []

    def row(path: str, a: int, since: int, until: int | None) -> dict[str, Any]:
        author = by_key.get(keys[a])
        return {"repo_id": record.id, "path": shown(path), "author_key": keys[a],
                "person_id": author.person_id if author else None,
                "since": dt.date.fromordinal(since),
                "until": dt.date.fromordinal(until) if until is not None else None}

    for path, a, day, opened in history.events:
        if opened:
            open_now[(path, a)] = day
            continue
        since = open_now.pop((path, a), None)
        if since is not None:
            if since != day:
                rows.append(row(path, a, since, day))
        elif not full:
            session.execute(update(AuthorshipSpan).where(
                AuthorshipSpan.repo_id == record.id, AuthorshipSpan.path == shown(path),
                AuthorshipSpan.author_key == keys[a], AuthorshipSpan.until.is_(None),
            ).values(until=dt.date.fromordinal(day)))
    rows.extend(row(path, a, since, None) for (path, a), since in open_now.items())
    if rows:
        session.execute(insert(AuthorshipSpan), rows)
