"""Benchmark `staffpath mine` against raw `git log` and PyDriller on one repository.

    python benchmarks/mine.py /path/to/repo [--runs 3] [--pydriller-limit N] [--no-pydriller]

In one invocation, on the same repository:
  * baseline: `git log --numstat --no-renames` to /dev/null;
  * staffpath: a full mine (line counts, renames, degree of authorship over time, truck
    factor, CODEOWNERS/team ownership and per-person cross-team, glue and knowledge-spread
    facts, saved state and authorship spans) into a fresh SQLite database, in a child
    process so its peak memory is its own; a synthetic org (teams owning the biggest
    top-level folders, the top authors on the roster) makes every path do its work;
  * the same with evidence entries written through the ledger (reported separately: the
    first mine of a repository with a roster writes every period's entries at once);
  * incremental: a shared clone gets 10 new commits and is mined again;
  * PyDriller: every commit's modified files with added and deleted lines, and a check that
    per-author line totals equal staffpath's.
Each timed run is repeated `--runs` times, interleaved, and the median is reported with the
load average, because other work on the machine skews single runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

SYNTHETIC_TEAMS = 5
SYNTHETIC_PEOPLE = 40


def _git(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], input=data, check=True,
                          capture_output=True).stdout


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def baseline(repo: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `git log --numstat --no-renames` to /dev/null."""
    cpu = cpu_seconds(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(["git", "-C", str(repo), "log", "--numstat", "--no-renames"],
                   stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start, cpu_seconds(resource.RUSAGE_CHILDREN) - cpu


def _synthetic_org(session: Any, repo: Path) -> None:
    """Teams owning the biggest top-level folders; the top authors on the roster."""
    from staffpath.store.tables import Person, PersonEmail, Team

    files = _git(repo, "ls-files", "-z").split(b"\0") if (repo / ".git").exists() else \
        _git(repo, "ls-tree", "-r", "-z", "--name-only", "HEAD").split(b"\0")
    tops = Counter(f.split(b"/", 1)[0].decode("utf-8", "replace") for f in files if b"/" in f)
    teams = []
    for name, _n in tops.most_common(SYNTHETIC_TEAMS):
        team = Team(name=f"team-{name}", owns=[f"{name}/**"])
        session.add(team)
        teams.append(team)
    session.flush()
    authors = Counter(
        line for line in _git(repo, "log", "--format=%aN\t%aE").decode(
            "utf-8", "replace").splitlines())
    seen: set[str] = set()
    for n, (line, _count) in enumerate(authors.most_common(SYNTHETIC_PEOPLE * 2)):
        name, _tab, email = line.partition("\t")
        email = email.lower()
        if not email or email in seen or len(seen) >= SYNTHETIC_PEOPLE:
            continue
        seen.add(email)
        person = Person(name=name, handle=f"p{n}", team_id=teams[n % len(teams)].id)
        person.emails = [PersonEmail(email=email)]
        session.add(person)


def child_mine(repo: Path, db: Path, org: bool, jobs: int, incremental: bool,
               with_evidence: bool) -> None:
    """Run in a child process: one full mine (and optionally an incremental one)."""
    from staffpath.mining.service import MineOptions, mine_repository
    from staffpath.org.warm import prepare_after_commit
    from staffpath.store.engine import Store

    store = Store(f"sqlite:///{db}")
    if org:
        with store.session() as session:
            _synthetic_org(session, repo)
    cpu = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with store.session() as session:
        report = mine_repository(session, repo, MineOptions(jobs=jobs, evidence=False),
                                 after_run=prepare_after_commit)
    wall = time.perf_counter() - start
    cpu = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds(resource.RUSAGE_CHILDREN) - cpu
    result: dict[str, Any] = {
        "wall": wall, "cpu": cpu, "commits": report.commits, "authors": report.authors,
        "files": report.files, "truck_factor": report.truck_factor,
        "key_people": [p["name"] for p in report.key_people],
        "evidence": report.evidence,
        "totals": {c["key"]: [c["added"], c["deleted"]] for c in report.contributors},
    }
    if with_evidence:
        # The same mine again, now writing evidence entries too (a whole re-read, because the
        # first run left evidence out): the first mine of a repository with a roster.
        start = time.perf_counter()
        with store.session() as session:
            full = mine_repository(session, repo, MineOptions(jobs=jobs),
                                   after_run=prepare_after_commit)
        result["evidence_wall"] = time.perf_counter() - start
        result["evidence"] = full.evidence
    if incremental:
        _add_commits(repo, 10)
        start = time.perf_counter()
        with store.session() as session:
            again = mine_repository(session, repo, MineOptions(jobs=jobs),
                                    after_run=prepare_after_commit)
        result["incremental_wall"] = time.perf_counter() - start
        result["incremental_commits"] = again.new_commits
    store.close()
    result["maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["git_maxrss_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))


def _add_commits(repo: Path, n: int) -> None:
    """n new commits on HEAD's branch, written with fast-import (into the scratch clone)."""
    branch = _git(repo, "symbolic-ref", "HEAD").decode().strip()
    stream = []
    when = int(time.time())
    for i in range(n):
        body = f"benchmark line {i}\n".encode() * (i + 1)
        stream.append(
            f"commit {branch}\ncommitter Bench <bench@example.com> {when + i} +0000\n"
            f"data 6\nbench\n".encode()
            + (f"from {branch}^0\n".encode() if i == 0 else b"")
            + b"M 100644 inline BENCHMARK.txt\ndata " + str(len(body)).encode() + b"\n"
            + body + b"\n")
    _git(repo, "fast-import", "--quiet", data=b"".join(stream) + b"done\n")


def staffpath_run(repo: Path, *, org: bool, jobs: int, incremental: bool,
                  with_evidence: bool = False) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", str(repo), "--db", str(Path(tmp) / "b.db"),
             "--jobs", str(jobs), *(["--no-org"] if not org else []),
             *(["--incremental"] if incremental else []),
             *(["--with-evidence"] if with_evidence else [])],
            capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"staffpath run failed:\n{proc.stderr}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def pydriller_run(repo: Path, limit: int | None
                  ) -> tuple[float, float, int, Counter[str], Counter[str]]:
    """Wall and CPU seconds (its git children included), commits, per-author line totals."""
    from pydriller import Repository

    added: Counter[str] = Counter()
    deleted: Counter[str] = Counter()
    n = 0
    cpu = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for commit in Repository(str(repo)).traverse_commits():
        n += 1
        for mod in commit.modified_files:
            added[commit.author.email] += mod.added_lines
            deleted[commit.author.email] += mod.deleted_lines
        if limit is not None and n >= limit:
            break
    wall = time.perf_counter() - start
    cpu = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds(resource.RUSAGE_CHILDREN) - cpu
    return wall, cpu, n, added, deleted


def parser_totals(repo: Path) -> tuple[Counter[str], Counter[str]]:
    """Per raw author e-mail line totals from staffpath's own parser (what mine counts)."""
    from staffpath.mining import change_stream
    from staffpath.mining import git as plumbing

    tip = plumbing.resolve_tip(repo, None)
    assert tip is not None
    commits = {c.sha: c for c in plumbing.list_commits(repo, tip)}
    added: Counter[str] = Counter()
    deleted: Counter[str] = Counter()
    for sha, changes in change_stream.stream_changes(repo, list(commits)):
        email = commits[sha].raw_email
        added[email] += sum(c.added for c in changes)
        deleted[email] += sum(c.deleted for c in changes)
    return added, deleted


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=max(1, min(os.cpu_count() or 1, 4)))
    parser.add_argument("--pydriller-limit", type=int, default=None,
                        help="Time PyDriller on the first N commits only (commits/s compare).")
    parser.add_argument("--no-pydriller", action="store_true")
    parser.add_argument("--no-org", action="store_true", help="Mine without a roster.")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--incremental", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--with-evidence", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    repo = args.repo.resolve()
    if args.child:
        child_mine(repo, args.db, not args.no_org, args.jobs, args.incremental,
                   args.with_evidence)
        return
    head = _git(repo, "rev-parse", "HEAD").decode().strip()
    count = int(_git(repo, "rev-list", "--count", "HEAD").decode())
    print(f"repository {repo} at {head} ({count} commits), {os.cpu_count()} CPUs, "
          f"jobs={args.jobs}")
    base_times: list[float] = []
    base_cpus: list[float] = []
    mine_times: list[float] = []
    mine_cpus: list[float] = []
    ratios: list[float] = []
    last: dict[str, Any] = {}
    for run in range(args.runs):
        print(f"run {run + 1}: load {load()}", flush=True)
        wall, cpu = baseline(repo)
        base_times.append(wall)
        base_cpus.append(cpu)
        last = staffpath_run(repo, org=not args.no_org, jobs=args.jobs, incremental=False)
        mine_times.append(last["wall"])
        mine_cpus.append(last["cpu"])
        ratios.append(mine_times[-1] / base_times[-1])
        print(f"  git log {wall:.2f}s ({cpu:.2f} CPU-s)   staffpath {last['wall']:.2f}s "
              f"({last['cpu']:.2f} CPU-s)   ratio {ratios[-1]:.2f}", flush=True)
    base, mine = statistics.median(base_times), statistics.median(mine_times)
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "clone.git"
        subprocess.run(["git", "clone", "--quiet", "--bare", "--shared", str(repo), str(clone)],
                       check=True)
        inc = staffpath_run(clone, org=not args.no_org, jobs=args.jobs, incremental=True,
                            with_evidence=True)
    print()
    print(f"baseline git log --numstat --no-renames: {base:.2f}s  {count / base:,.0f} commits/s"
          f"  (median; {statistics.median(base_cpus):.2f} CPU-s)")
    print(f"staffpath full mine:                     {mine:.2f}s  {count / mine:,.0f} commits/s"
          f"  (median; {statistics.median(mine_cpus):.2f} CPU-s)")
    print(f"  ratio to the baseline's wall time: median of runs {statistics.median(ratios):.2f}, "
          f"of medians {mine / base:.2f}")
    print(f"  peak memory {last['maxrss_mib']:.0f} MiB (largest git child "
          f"{last['git_maxrss_mib']:.0f} MiB); {last['authors']} authors, {last['files']} "
          f"files, truck factor {last['truck_factor']} ({', '.join(last['key_people'])})")
    print(f"first mine with evidence writes (on a shared clone): {inc['evidence_wall']:.2f}s, "
          f"evidence {inc['evidence']}; peak memory {inc['maxrss_mib']:.0f} MiB")
    print(f"incremental re-mine of {inc['incremental_commits']} new commits: "
          f"{inc['incremental_wall']:.2f}s")
    if args.no_pydriller:
        return
    print(f"PyDriller ({'all' if args.pydriller_limit is None else args.pydriller_limit} "
          f"commits), load {load()} ...", flush=True)
    seconds, pd_cpu, n, pd_added, pd_deleted = pydriller_run(repo, args.pydriller_limit)
    rate = n / seconds
    print(f"PyDriller: {seconds:.1f}s ({pd_cpu:.1f} CPU-s) for {n} commits = {rate:,.0f} "
          f"commits/s; staffpath is {(count / mine) / rate:.0f}x faster by wall time, "
          f"{(pd_cpu / n) / (statistics.median(mine_cpus) / count):.0f}x by CPU time")
    if args.pydriller_limit is None:
        ours_added, ours_deleted = parser_totals(repo)
        diff = [e for e in set(ours_added) | set(pd_added)
                if (ours_added[e], ours_deleted[e]) != (pd_added[e], pd_deleted[e])]
        print(f"per-author added/deleted totals vs PyDriller: "
              f"{'identical' if not diff else f'{len(diff)} authors differ: {diff[:5]}'} "
              f"({len(pd_added)} authors, +{sum(pd_added.values())}/"
              f"-{sum(pd_deleted.values())} lines)")


if __name__ == "__main__":
    main()
