"""Mining a manifest of repositories on a real Dask cluster: an in-process LocalCluster, and a
`dask scheduler` with `dask worker` processes on loopback. The same rows whichever runs it;
a corrupt repository, an unreachable scheduler, missing paths and a worker killed mid-task
each end the way the user was promised."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mining_helpers import (
    BASE_TIME,
    DAY,
    HistoryBuilder,
    Person,
    git,
    init_repo,
    lines,
    random_history,
)
from staffpath.mining.cluster import ManifestOutcome, mine_manifest, task_jobs
from staffpath.mining.manifest import read_manifest
from staffpath.mining.service import MineOptions, mine_repository
from staffpath.store.engine import Store
from staffpath.store.tables import Person as RosterPerson
from staffpath.store.tables import PersonEmail, Team

BIN = Path(sys.executable).parent
ANA = Person("Ana Lima", "ana@corp.example")
BO = Person("Bo Chen", "bo@corp.example")


def _story(repo: Path) -> None:
    """A roster person's design document, cross-team work and glue work: evidence to write."""
    b = HistoryBuilder(repo)
    b.commit(ANA, {"services/payments/gateway.py": lines(40, "gw"),
                   "services/checkout/cart.py": lines(20, "cart")}, when=BASE_TIME)
    b.commit(ANA, {"docs/rfcs/0001-gateway.md": "# RFC 1: Gateway\n\nWhy.\n"},
             when=BASE_TIME + DAY)
    for i in range(4):
        b.commit(ANA, {"services/checkout/cart.py": lines(21 + i, "cart")},
                 when=BASE_TIME + (2 + i) * DAY)
    for i in range(3):
        b.commit(ANA, {"tools/ci/run.sh": lines(2 + i, "sh")}, when=BASE_TIME + (3 + i) * DAY)
    for i in range(6):
        b.commit(BO, {"services/payments/gateway.py": lines(41 + i, "gw")},
                 when=BASE_TIME + (10 + i) * DAY)
    b.write()


@pytest.fixture(scope="module")
def repos(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("repos")
    made = [init_repo(root / "shop")]
    _story(made[0])
    for seed in (1, 2, 3):
        repo = init_repo(root / f"gen{seed}")
        random_history(repo, seed, commits=40)
        made.append(repo)
    return made


def _new_store(path: Path) -> Store:
    store = Store(f"sqlite:///{path}")
    with store.session() as session:
        payments = Team(name="Payments", owns=["services/payments/**"])
        checkout = Team(name="Checkout", owns=["services/checkout/**"])
        session.add_all([payments, checkout])
        session.flush()
        for name, handle, team, email in [("Ana Lima", "ana", payments, ANA.email),
                                          ("Bo Chen", "bo", checkout, BO.email)]:
            person = RosterPerson(name=name, handle=handle, team_id=team.id)
            person.emails = [PersonEmail(email=email)]
            session.add(person)
    return store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = _new_store(tmp_path / "db.sqlite")
    yield s
    s.close()


def _manifest(tmp_path: Path, paths: list[Path], name: str = "repos.txt") -> Path:
    manifest = tmp_path / name
    manifest.write_text("# repositories\n" + "".join(f"{p}\n" for p in paths), encoding="utf-8")
    return manifest


def _rows(db: Path) -> dict[str, Any]:
    """Everything a mine writes, without ids and times: to compare runs."""
    con = sqlite3.connect(db)
    try:
        return {
            "repos": sorted(con.execute(
                "SELECT name, tip, commits, authors, files, truck_factor FROM mined_repos")),
            "spans": sorted(con.execute(
                "SELECT r.name, s.path, s.author_key, s.person_id, s.since, s.until "
                "FROM authorship_spans s JOIN mined_repos r ON r.id = s.repo_id")),
            "facts": sorted(con.execute(
                "SELECT r.name, f.kind, f.author_key, f.period, f.data "
                "FROM mined_facts f JOIN mined_repos r ON r.id = f.repo_id")),
            "evidence": sorted(con.execute(
                "SELECT person_id, kind, title, body, source_key FROM evidence")),
            "identities": sorted(con.execute("SELECT name, email FROM git_identities")),
        }
    finally:
        con.close()


def _run(store: Store, manifest: Path, **kwargs: Any) -> ManifestOutcome:
    return mine_manifest(store.session, read_manifest(manifest), MineOptions(), **kwargs)


def test_local_cluster_writes_what_the_single_path_writes(
        store: Store, repos: list[Path], tmp_path: Path) -> None:
    outcome = _run(store, _manifest(tmp_path, repos), workers=2)
    assert not outcome.failures
    assert outcome.workers == 2
    assert outcome.dashboard
    assert outcome.dashboard.startswith("http://127.0.0.1:")
    assert sorted(r.name for r in outcome.reports) == sorted(p.name for p in repos)
    clustered = _rows(tmp_path / "db.sqlite")
    assert clustered["evidence"], "the story repository yields evidence entries"
    assert len(clustered["spans"]) > 50

    in_process = _new_store(tmp_path / "plain.sqlite")
    assert not _run(in_process, _manifest(tmp_path, repos), workers=0).failures
    one_by_one = _new_store(tmp_path / "single.sqlite")
    for repo in repos:
        with one_by_one.session() as session:
            mine_repository(session, repo, MineOptions())
    assert _rows(tmp_path / "plain.sqlite") == clustered
    assert _rows(tmp_path / "single.sqlite") == clustered

    # A re-run sends only repositories with new commits.
    again = _run(store, _manifest(tmp_path, repos), workers=0)
    assert (again.reports, len(again.up_to_date)) == ([], len(repos))
    extra = init_repo(tmp_path / "moving")
    random_history(extra, 9, commits=10)
    _run(store, _manifest(tmp_path, [extra]), workers=0)
    git(extra, "commit", "-q", "--allow-empty", "-m", "one more")
    moved = _run(store, _manifest(tmp_path, [*repos, extra]), workers=0)
    assert [(r.name, r.new_commits, r.incremental) for r in moved.reports] == [
        ("moving", 1, True)]


@pytest.mark.parametrize("threads", [1, 2])
def test_a_task_runs_as_many_git_processes_as_its_worker_has_threads(threads: int) -> None:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=threads, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        assert client.submit(task_jobs, pure=False).result() == threads
    assert task_jobs() == 1  # not on a worker: one


def test_corrupt_repository_is_one_failure_and_the_rest_are_mined(
        store: Store, repos: list[Path], tmp_path: Path) -> None:
    broken = init_repo(tmp_path / "broken")
    random_history(broken, 5, commits=15, merges=False)
    git(broken, "repack", "-qad")
    # Unpack everything, then lose one file's contents: the history no longer reads.
    pack = next((broken / ".git" / "objects" / "pack").glob("*.pack"))
    data = pack.read_bytes()
    pack.unlink()
    next(pack.parent.glob("*.idx")).unlink()
    subprocess.run(["git", "-C", str(broken), "unpack-objects", "-q"], input=data, check=True)
    blob = git(broken, "rev-parse", "HEAD~3:" + git(
        broken, "ls-tree", "--name-only", "HEAD~3").split()[0]).strip()
    (broken / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    not_git = tmp_path / "plain-folder"
    not_git.mkdir()
    outcome = _run(store, _manifest(tmp_path, [repos[1], broken, not_git, repos[2]]),
                   workers=1)
    assert sorted(r.name for r in outcome.reports) == sorted([repos[1].name, repos[2].name])
    failed = {Path(f.repository).name: f.message for f in outcome.failures}
    assert set(failed) == {"broken", "plain-folder"}
    assert "not a git repository" in failed["plain-folder"]
    assert "\n" not in failed["broken"]
    assert failed["broken"]
    assert {r[0] for r in _rows(tmp_path / "db.sqlite")["repos"]} == {
        repos[1].name, repos[2].name}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_cli_unreachable_scheduler_and_missing_paths(run_cli, repos: list[Path],  # type: ignore[no-untyped-def]
                                                     tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT", "2s")
    manifest = _manifest(tmp_path, repos[:1])
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = run_cli("mine", "--manifest", str(manifest), "--scheduler", address)
    assert result.code != 0
    lines_out = result.err.strip().splitlines()
    assert len(lines_out) == 1
    assert "cannot reach the Dask scheduler at " + address in lines_out[0]
    assert "Traceback" not in result.err

    bad = tmp_path / "bad.txt"
    bad.write_text(f"{repos[0]}\n{tmp_path / 'gone'}\n\nfile://{tmp_path / 'also-gone'}\n",
                   encoding="utf-8")
    result = run_cli("mine", "--manifest", str(bad), "--workers", "0")
    assert result.code == 2
    assert f"{bad}:2: {tmp_path / 'gone'}: no such folder" in result.err
    assert f"{bad}:4: {tmp_path / 'also-gone'}: no such folder" in result.err
    assert "Traceback" not in result.err
    db = tmp_path / "ws" / "staffpath.db"
    assert not db.exists() or _rows(db)["repos"] == []  # nothing mined from a bad manifest


KILL_ONCE = textwrap.dedent("""\
    import os
    from pathlib import Path

    from distributed import WorkerPlugin

    MARK = Path(os.environ["STAFFPATH_TEST_KILL_MARK"])


    class KillOnce(WorkerPlugin):
        # The first worker to start a mining task dies there: no clean shutdown at all.
        def transition(self, key, start, finish, **kwargs):
            if finish == "executing" and str(key).startswith("staffpath-mine"):
                try:
                    fd = os.open(MARK, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                except FileExistsError:
                    return
                os.close(fd)
                os._exit(1)


    async def dask_setup(worker):
        await worker.plugin_add(KillOnce(), name="kill-once")
    """)


def _wait_for_workers(address: str, n: int) -> None:
    from distributed import Client

    with Client(address, timeout=60, set_as_default=False) as client:
        client.wait_for_workers(n, timeout=120)


def test_subprocess_cluster_survives_a_killed_worker(
        store: Store, repos: list[Path], tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    preload = tmp_path / "kill_once.py"
    preload.write_text(KILL_ONCE, encoding="utf-8")
    mark = tmp_path / "killed"
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "STAFFPATH_TEST_KILL_MARK": str(mark)}
    procs = [subprocess.Popen(
        [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
         "--dashboard-address", "127.0.0.1:0", "--no-show"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(2):
            procs.append(subprocess.Popen(
                [str(BIN / "dask"), "worker", address, "--nthreads", "1", "--nworkers", "1",
                 "--host", "127.0.0.1", "--preload", str(preload), "--no-dashboard"],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        _wait_for_workers(address, 2)
        outcome = _run(store, _manifest(tmp_path, repos), scheduler=address)
        assert mark.exists(), "a worker died mid-task"
        assert not outcome.failures
        assert sorted(r.name for r in outcome.reports) == sorted(p.name for p in repos)
        rows = _rows(tmp_path / "db.sqlite")
        assert len(rows["repos"]) == len(repos)  # each written once
        assert len(rows["spans"]) == len(set(rows["spans"]))
        reference = _new_store(tmp_path / "plain.sqlite")
        assert not _run(reference, _manifest(tmp_path, repos), workers=0).failures
        assert _rows(tmp_path / "plain.sqlite") == rows

        # The command a user runs, against the same cluster: the dashboard link, exit 0.
        result = run_cli("mine", "--manifest", str(_manifest(tmp_path, repos[:2])),
                         "--scheduler", address)
        assert result.code == 0, result.err
        assert "Dask dashboard: http://127.0.0.1:" in result.err
        assert "2 mined, 0 up to date, 0 failed" in result.out
    finally:
        for proc in reversed(procs):
            proc.terminate()
        deadline = time.monotonic() + 20
        for proc in procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
