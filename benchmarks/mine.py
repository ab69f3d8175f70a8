"""Benchmark the `staffpath mine` command a user runs, as whole processes, side by side.

    python benchmarks/mine.py single REPO [REPO ...] [--runs 3] [--pydriller-runs 1]
    python benchmarks/mine.py manifest --mirrors DIR [--count 200] [--workers 1 2]
                                       [--cluster] [--out DIR]

`single`, per repository, alternating the commands and taking the median of `--runs`:
  * `git log --numstat` to /dev/null (the baseline);
  * `staffpath mine REPO` in a fresh copy of a workspace whose roster holds the repository's
    top authors (so evidence entries are written), the whole process: start-up, identity
    resolution, the history, the writes. Its organisation-view preparation, which runs after
    the command in a process of its own, is timed apart (`views`);
  * PyDriller walking every commit's modified files with added and deleted lines, in a child
    process (skipped, with a line saying so, when PyDriller is not installed).
Peak memory is each child's own maximum resident set (`os.wait4`), git children included.

`manifest` builds a manifest of at least `--count` repositories: clones of the mirrors in
`--mirrors` (bare git folders) and generated repositories of realistic shapes (a few authors
and hundreds of commits to many authors and thousands), then runs `staffpath mine --manifest`
on a local cluster of each `--workers` count and, with `--cluster`, on a `dask scheduler` and
two `dask worker` processes on loopback; it reports repositories/min, commits/s, each worker's
peak memory, the scaling ratio, and whether every run wrote the same rows.

The load average is printed with every figure: the machine may be shared.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from staffpath.people.roster import EMAIL_RE  # the one rule for an address

BIN = Path(sys.executable).parent
STAFFPATH = [sys.executable, "-m", "staffpath"]
ROSTER_PEOPLE = 40

PYDRILLER = """
import sys
from pydriller import Repository
added = deleted = commits = 0
for c in Repository(sys.argv[1]).traverse_commits():
    commits += 1
    for m in c.modified_files:
        added += m.added_lines
        deleted += m.deleted_lines
print(commits, added, deleted)
"""


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f}"


def run(args: Sequence[str], *, env: dict[str, str] | None = None, out: Any = None,
        check: bool = True) -> tuple[float, int, bytes]:
    """Wall seconds, peak resident KiB (the process and the children it waited for), stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(args), stdout=out if out is not None else subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    data = b""
    if out is None:
        assert proc.stdout is not None
        data = proc.stdout.read()
    assert proc.stderr is not None
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 and check:
        raise SystemExit(f"{' '.join(args[:6])} failed ({proc.returncode}): "
                         f"{err.decode(errors='replace')[-800:]}")
    return wall, usage.ru_maxrss, data


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STAFFPATH_")}
    env.update({"STAFFPATH_PREPARE_VIEWS": "0", "COLUMNS": "200"})
    env.update(extra)
    return env


def roster_csv(repo: Path, path: Path) -> None:
    """The repository's top authors on a roster, in a few teams."""
    log = subprocess.run(["git", "-C", str(repo), "log", "--format=%aN\t%aE"],
                         capture_output=True, check=True).stdout.decode("utf-8", "replace")
    seen: set[str] = set()
    rows = []
    for line, _n in Counter(log.splitlines()).most_common(ROSTER_PEOPLE * 3):
        name, _tab, email = line.partition("\t")
        email = email.strip().lower()
        # Git's placeholder addresses ("none@none", "unknown") are no one's: the roster refuses
        # them, and so does the benchmark's roster.
        if not EMAIL_RE.match(email) or email in seen or len(rows) >= ROSTER_PEOPLE:
            continue
        seen.add(email)
        rows.append([name.replace(",", " "), email, f"Team {len(rows) % 4}", "", "senior", "",
                     "engineer"])
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["name", "email", "team", "manager", "level", "target_level", "role"])
        w.writerows(rows)


def single(repos: Sequence[Path], runs: int, pydriller_runs: int) -> None:
    have_pydriller = subprocess.run([sys.executable, "-c", "import pydriller"],
                                    capture_output=True).returncode == 0
    if not have_pydriller:
        print("PyDriller: skipped, not installed in this environment "
              "(pip install pydriller to compare with it)")
    for repo in repos:
        repo = repo.resolve()
        commits = int(subprocess.run(["git", "-C", str(repo), "rev-list", "--count", "HEAD"],
                                     capture_output=True, check=True).stdout)
        with tempfile.TemporaryDirectory(prefix="mine-bench-") as tmp_text:
            tmp = Path(tmp_text)
            template = tmp / "template"
            roster_csv(repo, tmp / "roster.csv")
            run([*STAFFPATH, "--workspace", str(template), "people", "import",
                 str(tmp / "roster.csv")], env=_env())
            times: dict[str, list[float]] = {"git log --numstat": [], "staffpath mine": [],
                                             "views (after, apart)": [], "PyDriller": []}
            memory: dict[str, int] = {}
            summary = ""
            for n in range(runs):
                wall, rss, _ = run(["git", "-C", str(repo), "log", "--numstat"],
                                   out=subprocess.DEVNULL)
                times["git log --numstat"].append(wall)
                memory["git log --numstat"] = max(memory.get("git log --numstat", 0), rss)
                ws = tmp / f"ws{n}"
                shutil.copytree(template, ws)
                wall, rss, out = run([*STAFFPATH, "--workspace", str(ws), "mine", str(repo),
                                      "--json"], env=_env())
                times["staffpath mine"].append(wall)
                memory["staffpath mine"] = max(memory.get("staffpath mine", 0), rss)
                report = json.loads(out)["repositories"][0]
                summary = (f"{report['commits']} commits, truck factor "
                           f"{report['truck_factor']}, evidence {report['evidence']}")
                wall, rss, _ = run([sys.executable, "-m", "staffpath.cli.views_after_mine",
                                    str(ws)], env=_env())
                times["views (after, apart)"].append(wall)
                memory["views (after, apart)"] = max(memory.get("views (after, apart)", 0), rss)
                if have_pydriller and n < pydriller_runs:
                    wall, rss, out = run([sys.executable, "-c", PYDRILLER, str(repo)])
                    times["PyDriller"].append(wall)
                    memory["PyDriller"] = max(memory.get("PyDriller", 0), rss)
                shutil.rmtree(ws)
        base = statistics.median(times["git log --numstat"])
        mine = statistics.median(times["staffpath mine"])
        print(f"\n{repo.name}: {commits} commits; staffpath: {summary}; {load()}")
        for name, values in times.items():
            if not values:
                continue
            med = statistics.median(values)
            print(f"  {name:<22} median {med:7.2f} s of {len(values)} "
                  f"({', '.join(f'{v:.2f}' for v in values)}), peak {memory[name] / 1024:6.0f} MiB")
        print(f"  staffpath mine / git log --numstat = {mine / base:.2f}x")
        if times["PyDriller"]:
            print(f"  PyDriller / staffpath mine = "
                  f"{statistics.median(times['PyDriller']) / mine:.1f}x faster")


# --- the manifest benchmark -----------------------------------------------------------------

SHAPES = [  # (authors, commits, files): a realistic spread of repository sizes
    (2, 40, 15), (3, 120, 40), (5, 300, 80), (8, 600, 150), (15, 1500, 300),
]


def generate(path: Path, seed: int, authors: int, commits: int, files: int) -> None:
    """A repository of a given shape, written through one `git fast-import`."""
    import random

    rng = random.Random(seed)
    people = [(f"Dev {seed}-{i}", f"dev{i}@team{seed % 17}.example") for i in range(authors)]
    weights = [1.0 / (i + 1) for i in range(authors)]  # a few authors write most commits
    contents: dict[str, int] = {}
    out = [b"reset refs/heads/main\n"]
    clock = 1_500_000_000
    for n in range(commits):
        name, email = rng.choices(people, weights)[0]
        clock += rng.randint(600, 3 * 86_400)
        changes = []
        for _ in range(rng.randint(1, 4)):
            folder = rng.choice(["src", "src/core", "lib", "docs", "tests", "tools/ci"])
            f = f"{folder}/f{rng.randrange(files)}.{rng.choice(['py', 'js', 'md'])}"
            contents[f] = contents.get(f, 0) + rng.randint(1, 30)
            body = "".join(f"{f} line {i} {seed}\n" for i in range(contents[f])).encode()
            changes.append(b"M 100644 inline " + f.encode() + b"\ndata %d\n" % len(body) + body)
        msg = f"change {n}".encode()
        out.append(b"commit refs/heads/main\n")
        out.append(f"author {name} <{email}> {clock} +0000\n".encode())
        out.append(f"committer {name} <{email}> {clock} +0000\n".encode())
        out.append(b"data %d\n" % len(msg) + msg + b"\n")
        out.extend(changes)
        out.append(b"\n")
    path.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(path)], check=True)
    subprocess.run(["git", "-C", str(path), "fast-import", "--quiet"], input=b"".join(out),
                   check=True)


def build_manifest(root: Path, mirrors: Path | None, count: int) -> Path:
    repos: list[Path] = []
    if mirrors is not None:
        for m in sorted(mirrors.iterdir()):
            if (m / "HEAD").is_file() or (m / ".git").exists():
                repos.append(m.resolve())
    n = 0
    while len(repos) < count:
        authors, commits, files = SHAPES[n % len(SHAPES)]
        path = root / f"gen{n:04d}.git"
        if not path.exists():
            generate(path, n, authors, commits, files)
        repos.append(path)
        n += 1
    manifest = root / "manifest.txt"
    manifest.write_text("".join(f"{p}\n" for p in repos), encoding="utf-8")
    return manifest


def digest(db: Path) -> str:
    """What a run wrote, without ids and times."""
    con = sqlite3.connect(db)
    h = hashlib.sha256()
    for query in ("SELECT name, tip, commits, authors, files, truck_factor FROM mined_repos",
                  "SELECT r.name, s.path, s.author_key, s.since, s.until FROM authorship_spans s"
                  " JOIN mined_repos r ON r.id = s.repo_id",
                  "SELECT r.name, f.kind, f.author_key, f.period, f.data FROM mined_facts f"
                  " JOIN mined_repos r ON r.id = f.repo_id",
                  "SELECT kind, title, body, source_key FROM evidence"):
        for row in sorted(map(repr, con.execute(query))):
            h.update(row.encode())
    con.close()
    return h.hexdigest()[:16]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _mine_manifest(manifest: Path, ws: Path, extra: list[str]) -> tuple[float, dict[str, Any]]:
    wall, _rss, out = run([*STAFFPATH, "--workspace", str(ws), "mine", "--manifest",
                           str(manifest), "--json", *extra], env=_env(), check=False)
    return wall, json.loads(out)


def _worker_peaks(pids: Sequence[int]) -> list[int]:
    peaks = []
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]))
    return peaks


def manifest_bench(mirrors: Path | None, count: int, workers: Sequence[int], cluster: bool,
                   out_dir: Path | None) -> None:
    root = out_dir or Path(tempfile.mkdtemp(prefix="mine-manifest-"))
    root.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    manifest = build_manifest(root, mirrors, count)
    repos = manifest.read_text().split()
    commits = sum(int(subprocess.run(["git", "-C", p, "rev-list", "--count", "HEAD"],
                                     capture_output=True, check=True).stdout) for p in repos)
    print(f"manifest: {len(repos)} repositories, {commits} commits "
          f"(built in {time.perf_counter() - t0:.0f} s); {load()}")
    results: dict[str, tuple[float, str]] = {}
    for n in workers:
        ws = root / f"ws-local-{n}"
        shutil.rmtree(ws, ignore_errors=True)
        wall, data = _mine_manifest(manifest, ws, ["--workers", str(n)])
        _print_run(f"local cluster, {n} worker(s)", wall, data, len(repos), commits, None)
        results[f"local {n} worker(s)"] = (wall, digest(ws / "staffpath.db"))
    if cluster:
        port = _free_port()
        address = f"tcp://127.0.0.1:{port}"
        procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1",
                                   "--port", str(port), "--dashboard-address", "127.0.0.1:0",
                                   "--no-show"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)]
        try:
            for _ in range(2):
                procs.append(subprocess.Popen(
                    [str(BIN / "dask"), "worker", address, "--nthreads", "1", "--no-nanny",
                     "--host", "127.0.0.1", "--no-dashboard"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            time.sleep(5)
            ws = root / "ws-cluster"
            shutil.rmtree(ws, ignore_errors=True)
            wall, data = _mine_manifest(manifest, ws, ["--scheduler", address])
            peaks = _worker_peaks([p.pid for p in procs[1:]])
            _print_run("dask scheduler + 2 dask worker processes", wall, data, len(repos),
                       commits, peaks)
            results["two-process cluster"] = (wall, digest(ws / "staffpath.db"))
        finally:
            for proc in reversed(procs):
                proc.terminate()
            for proc in procs:
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:  # a worker reconnecting to a gone scheduler
                    proc.kill()
                    proc.wait()
    walls = {k: w for k, (w, _d) in results.items()}
    if "local 1 worker(s)" in walls and "local 2 worker(s)" in walls:
        ratio = walls["local 1 worker(s)"] / walls["local 2 worker(s)"]
        print(f"scaling, 2 workers vs 1: {ratio:.2f}x")
    digests = {d for _w, d in results.values()}
    print("results identical across runs:", "yes" if len(digests) == 1 else f"NO {results}")
    print(load())


def _print_run(label: str, wall: float, data: dict[str, Any], repos: int, commits: int,
               peaks: list[int] | None) -> None:
    failures = data["failures"]
    print(f"{label}: {wall:.1f} s whole command, {repos / wall * 60:.0f} repositories/min, "
          f"{commits / wall:,.0f} commits/s, {len(failures)} failed; {load()}")
    for failure in failures:
        print(f"  failed: {failure['repository']}: {failure['error']}")
    print(f"  CPU on the workers (git included): {data['task_cpu_seconds']:.1f} s, "
          f"{data['task_cpu_seconds'] / repos * 1000:.0f} ms per repository; "
          f"coordinator writing: {data['write_seconds']:.1f} s, "
          f"{data['write_seconds'] / repos * 1000:.0f} ms per repository")
    reported = data.get("worker_peak_mib", {})
    if reported:
        print("  worker peak memory (reported by each worker): "
              + ", ".join(f"{mib:.0f} MiB" for mib in reported.values()))
    if peaks:
        print("  worker process peak memory (VmHWM): "
              + ", ".join(f"{p / 1024:.0f} MiB" for p in peaks))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    one = sub.add_parser("single")
    one.add_argument("repos", nargs="+", type=Path)
    one.add_argument("--runs", type=int, default=3)
    one.add_argument("--pydriller-runs", type=int, default=1)
    many = sub.add_parser("manifest")
    many.add_argument("--mirrors", type=Path)
    many.add_argument("--count", type=int, default=200)
    many.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    many.add_argument("--cluster", action="store_true")
    many.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.what == "single":
        single(args.repos, args.runs, args.pydriller_runs)
    else:
        manifest_bench(args.mirrors, args.count, args.workers, args.cluster, args.out)


if __name__ == "__main__":
    main()
