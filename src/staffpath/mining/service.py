"""`mine_repository` and `mine_reviews`: what the CLI and the demo call to mine.

Each call runs inside the caller's transaction and only writes once everything has been read,
so a failure leaves nothing behind and holds the database's write lock for a short time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session, selectinload

from staffpath.errors import InputError
from staffpath.ledger.record import EvidenceInput
from staffpath.mining import evidence as ev
from staffpath.mining.codeowners import LOCATIONS, OwnerDirectory, parse_codeowners
from staffpath.mining.gitlog import (
    BlobReader,
    CommitMeta,
    RepoInfo,
    files_at,
    is_ancestor,
    list_commits,
    open_repo,
    resolve_tip,
    run_git,
    shallow_boundary,
    shown,
    stream_changes,
)
from staffpath.mining.history import Fact, History, pack_state, unpack_state
from staffpath.mining.identity import (
    Author,
    Directory,
    Resolution,
    login_email,
    pair_of,
    resolve,
)
from staffpath.mining.models import AuthorshipSpan, GitIdentity, MinedRepo
from staffpath.mining.ownership import Ownership, TeamArea
from staffpath.mining.reviews import (
    ReviewPerson,
    load_reviews,
    review_entry_fields,
    summarise,
)
from staffpath.mining.rules import MiningRules
from staffpath.mining.truck import TruckFactor, truck_factor
from staffpath.store.models import Person, Team

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
    teams = list(session.scalars(select(Team).order_by(Team.name)))
    person_team: dict[str, str] = {}
    for person in session.scalars(select(Person).options(selectinload(Person.emails),
                                                         selectinload(Person.team))):
        if person.team is None:
            continue
        person_team[person.handle.lower()] = person.team.name
        for email in person.emails:
            person_team[email.email.lower()] = person.team.name
    areas = [TeamArea(t.name, tuple(t.owns or ())) for t in teams if t.owns]
    return OwnerDirectory(tuple(t.name for t in teams), person_team), areas


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


def _read_text(reader: BlobReader, rev: str, path: str) -> str | None:
    data = reader.read(rev, path)
    return None if data is None else data.decode("utf-8", "replace")


_HEADING = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$")
_TITLE_FIELD = re.compile(r"^title:\s*[\"']?(.+?)[\"']?\s*$", re.IGNORECASE)


def document_title(text: str, path: str) -> str:
    """A document's title: front-matter `title:`, the first Markdown or reST heading, or the
    file name."""
    lines = text.splitlines()[:80]
    if lines and lines[0].strip() == "---":
        for line in lines[1:]:
            if line.strip() == "---":
                break
            m = _TITLE_FIELD.match(line.strip())
            if m:
                return m.group(1).strip()
    for i, line in enumerate(lines):
        m = _HEADING.match(line)
        if m:
            return m.group(1).strip()
        stripped = line.strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if (stripped and nxt and len(set(nxt)) == 1 and nxt[0] in "=-~*#^"
                and len(nxt) >= len(stripped) * 0.8 and not stripped.startswith(("..", ":"))):
            return stripped
        if stripped.startswith("= "):  # AsciiDoc
            return stripped[2:].strip()
    name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return re.sub(r"[-_]+", " ", name).strip() or path


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
    since = options.since.isoformat() if options.since else None
    mailmap = _mailmap_digest(info)
    old_pairs: dict[tuple[str, str], int] = {}
    incremental = False
    if state is not None and tip is not None:
        old_pairs = {(p[0], p[1]): p[2] for p in state["pairs"]}
        incremental = (state.get("tip") is not None and state.get("since") == since
                       and state.get("mailmap") == mailmap
                       and state.get("jobs_format") == 1
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
                state=state if incremental else None, commits=commits, pairs=pairs,
                resolution=resolution, incremental=incremental)


def _count_pairs(commits: Sequence[CommitMeta], start: dict[tuple[str, str], int]
                 ) -> dict[tuple[str, str], int]:
    pairs = dict(start)
    for c in commits:
        pair = pair_of(c.name, c.email)
        pairs[pair] = pairs.get(pair, 0) + 1
    return pairs


def mine_repository(session: Session, path: Path, options: MineOptions | None = None, *,
                    progress: Progress | None = None) -> MineReport:
    """Mine one repository (incrementally when it was mined before) into the store."""
    options = options or MineOptions()
    step = progress or (lambda _label, _done, _total: None)
    rules = options.rules
    report = MineReport(repository=str(path), name=path.resolve().name, branch=options.branch)
    step("listing commits", 0, 0)
    run = _plan(session, path, options, report)
    info = run.info
    label = info.path.name
    report.repository = str(info.path)
    report.name = label
    report.incremental = run.incremental
    directory_for_owners, areas = _owner_directory(session)
    ownership = Ownership(directory=directory_for_owners, areas=areas, repo_label=label)
    reader = BlobReader(info.path)
    try:
        if run.tip is not None:
            _check_tip_codeowners(reader, run.tip, label)
        history = History(rules, ownership, [], [], [])
        by_key: dict[str, Author] = {}
        for author in run.resolution.authors.values():
            by_key[author.key] = author
            history.author_index(author.key, person=author.person_id is not None,
                                 team=author.team)
        if run.state is not None:
            history.load(run.state["history"])
        start_rev = run.state["tip"] if run.state is not None else (
            run.commits[0].parents[0] if run.commits and run.commits[0].parents else None)
        if start_rev is not None:
            for location in LOCATIONS:
                ownership.set_file(location, _read_text(reader, start_rev, location),
                                   strict=False)

        def codeowners_at(sha: str, location: str) -> str | None:
            return _read_text(reader, sha, location)

        history.codeowner_reader = codeowners_at
        history.new_commits = 0
        boundary = shallow_boundary(info)
        commits = run.commits
        total = len(commits)
        step("reading history", 0, total)
        author_of: dict[tuple[str, str], int] = {}
        for n, (sha, changes) in enumerate(
                stream_changes(info.path, [c.sha for c in commits], jobs=options.jobs)):
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
        history.finish()
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
        _save_spans(session, record, history, by_key, full=not run.incremental)
        prov = ev.Provenance("git", str(info.path), f"git:{root}")
        report.evidence = _save_evidence(session, prov, label, history, by_key, reader,
                                         run.tip, rules).as_dict()
    finally:
        reader.close()
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
        "tip": run.tip, "root": root, "jobs_format": 1,
        "since": run.options.since.isoformat() if run.options.since else None,
        "mailmap": _mailmap_digest(run.info),
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
    session.flush()
    return record


def _save_identities(session: Session, run: _Run) -> None:
    known = run.directory.identities
    new = [{"name": name, "email": email} for name, email in run.pairs
           if (name, email) not in known]
    if new:
        session.execute(insert(GitIdentity), new)


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


def _period_end(period: str, clock: int) -> dt.date:
    year = int(period[:4])
    month = int(period[-1]) * 3 if "Q" in period else int(period[5:7])
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    end = nxt - dt.timedelta(days=1)
    latest = dt.datetime.fromtimestamp(clock, dt.UTC).date() if clock else end
    return min(end, latest)


def _save_evidence(session: Session, prov: ev.Provenance, repo_name: str, history: History,
                   by_key: dict[str, Author], reader: BlobReader, tip: str | None,
                   rules: MiningRules) -> ev.UpsertCounts:
    counts = ev.UpsertCounts()
    keys = history.keys
    people: dict[int, Person | None] = {}

    def person_of(index: int) -> Person | None:
        author = by_key.get(keys[index])
        if author is None or author.person_id is None:
            return None
        if author.person_id not in people:
            people[author.person_id] = session.scalar(
                select(Person).options(selectinload(Person.team))
                .where(Person.id == author.person_id))
        return people[author.person_id]

    grouped: dict[tuple[str, int, str], dict[str, Fact]] = {}
    for (a, period, team), fact in history.cross.items():
        if ("cross_team_code", a, period) in history.touched:
            grouped.setdefault(("cross_team_code", a, period), {})[team] = fact
    for (a, period, name), fact in history.glue.items():
        if ("glue_work", a, period) in history.touched:
            grouped.setdefault(("glue_work", a, period), {})[name] = fact
    entries: list[tuple[Person, EvidenceInput]] = []
    for (kind, a, period), facts in sorted(grouped.items(), key=lambda kv: kv[0]):
        person = person_of(a)
        if person is None:
            continue
        build = ev.cross_team_entry if kind == "cross_team_code" else ev.glue_entry
        data = build(prov, repo_name, person, period, facts, rules)
        if data is not None:
            entries.append((person, data))
    for kind, x, period in sorted(history.touched):
        if kind != "knowledge_spread":
            continue
        person = person_of(x)
        by_new = history.spread.get((x, period))
        if person is None or not by_new:
            continue
        newcomers = []
        for y, paths in by_new.items():
            author = by_key.get(keys[y])
            newcomers.append(ev.Newcomer(
                name=author.name if author else keys[y], handle=author.handle if author else None,
                team=author.team if author else None, paths=tuple(paths)))
        data = ev.spread_entry(prov, repo_name, person, period, newcomers, rules,
                               _period_end(period, history.clock))
        if data is not None:
            entries.append((person, data))
    for doc in history.docs:
        person = person_of(doc.author)
        if person is None:
            continue
        text = None
        current = doc.state.path if doc.state is not None and doc.state.alive else None
        if tip is not None and current is not None and history.files.get(current) is doc.state:
            text = _read_text(reader, tip, current)
        if text is None:
            text = _read_text(reader, doc.sha, doc.path)
        title = document_title(text or "", shown(current or doc.path))
        entries.append((person, ev.document_entry(prov, repo_name, person, doc.kind,
                                                   doc.path, title, doc.sha, doc.time)))
    for person, data in entries:
        ev.upsert(session, person, data, counts)
    return counts


# --- reviews ------------------------------------------------------------------------------


@dataclass
class ReviewReport:
    """What mining review data found and wrote."""

    files: list[str]
    pulls: int = 0
    reviews: int = 0
    reviewers: int = 0
    unknown_logins: list[str] = field(default_factory=list)
    evidence: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"files": self.files, "pulls": self.pulls, "reviews": self.reviews,
                "reviewers": self.reviewers, "unknown_logins": self.unknown_logins,
                "evidence": self.evidence}


def mine_reviews(session: Session, paths: Sequence[Path], rules: MiningRules | None = None
                 ) -> ReviewReport:
    """Read GitHub review JSON and record, per reviewer and period, the reviews they gave."""
    rules = rules or MiningRules()
    data = load_reviews(paths)
    report = ReviewReport(files=data.files, pulls=len(data.pulls), reviews=len(data.reviews))
    logins = {r.reviewer for r in data.reviews} | {p.author for p in data.pulls.values()}
    directory = Directory.load(session)
    pairs = {pair_of(login, login_email(login)): login for login in logins}
    resolution = resolve(directory, pairs)
    people: dict[str, ReviewPerson] = {}
    for pair, login in pairs.items():
        author = resolution.authors[pair]
        people[login.lower()] = ReviewPerson(key=author.key, name=author.name,
                                             person_id=author.person_id, handle=author.handle,
                                             team=author.team)
        if author.person_id is None:
            report.unknown_logins.append(login)
    report.unknown_logins.sort(key=str.lower)
    new = [{"name": n, "email": e} for n, e in pairs if (n, e) not in directory.identities]
    if new:
        session.execute(insert(GitIdentity), new)
    summaries = summarise(data, people, rules.period)
    report.reviewers = len({key for key, _repo, _period in summaries})
    counts = ev.UpsertCounts()
    for (key, repo, period), summary in sorted(summaries.items()):
        reviewer = next(p for p in people.values() if p.key == key)
        if reviewer.person_id is None:
            continue
        person = session.scalar(select(Person).options(selectinload(Person.team))
                                .where(Person.id == reviewer.person_id))
        if person is None:
            continue
        fields = review_entry_fields(summary, reviewer)
        sources = sorted(summary.sources)
        pulls = sorted(summary.pulls)
        data_in = EvidenceInput(
            **fields, source_type="review",
            source_ref=f"{repo} pulls {', '.join(f'#{n}' for n in pulls[:12])}"
                       f"{' …' if len(pulls) > 12 else ''}",
            source_key=ev.source_key("review", f"github:{repo}", str(person.id), period),
            extra={"repository": repo, "period": period, "pulls": pulls[:200],
                   "files": sources})
        ev.upsert(session, person, data_in, counts)
    report.evidence = counts.as_dict()
    return report
