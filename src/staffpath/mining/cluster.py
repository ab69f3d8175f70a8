"""Mining many repositories on Dask distributed: each repository a task, each worker reading
it from storage it shares with the coordinator and sending back compact Arrow tables, the
coordinator writing each repository in a transaction of its own.

A task that raises is retried by Dask (`retries`); a worker that dies mid-task has its task
rescheduled by the scheduler; a result reaches the coordinator once, so nothing is written
twice. A repository that still fails is reported by name and the others are mined. A re-run
sends only the repositories whose tip moved since their last run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import resource
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.orm import Session

from staffpath.errors import InputError, StaffpathError
from staffpath.mining.compute import MineOptions, RepoTask, Shared, mine_offline
from staffpath.mining.gcpause import collector_paused
from staffpath.mining.git import open_repo, resolve_tip
from staffpath.mining.manifest import ManifestEntry
from staffpath.mining.report import MineReport
from staffpath.mining.stored_run import load_shared, repo_task, saved_run, write_mined
from staffpath.mining.wire import PackedRepository, pack, unpack

RETRIES = 2
OpenSession = Callable[[], AbstractContextManager[Session]]


class ManifestProgress(Protocol):
    def started(self, total: int, dashboard: str | None) -> None: ...

    def finished(self, name: str, commits: int, failed: bool) -> None: ...


@dataclass
class Failure:
    repository: str
    message: str


@dataclass
class ManifestOutcome:
    """What a manifest run did: the reports written, the repositories up to date, failures."""

    reports: list[MineReport] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    dashboard: str | None = None
    workers: int = 0
    peak_kib: dict[str, int] = field(default_factory=dict)  # per worker
    task_cpu_seconds: float = 0.0  # on the workers, git included, for the repositories read
    write_seconds: float = 0.0  # the coordinator's writing, one repository after another

    def note(self, cost: TaskCost) -> None:
        self.peak_kib[cost.where] = max(self.peak_kib.get(cost.where, 0), cost.peak_kib)
        self.task_cpu_seconds += cost.cpu_seconds
    commits_read: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "repositories": [r.as_dict() for r in self.reports],
            "up_to_date": self.up_to_date,
            "failures": [{"repository": f.repository, "error": f.message}
                         for f in self.failures],
            "dashboard": self.dashboard, "workers": self.workers,
            "commits_read": self.commits_read, "seconds": round(self.seconds, 3),
            "worker_peak_mib": {w: round(k / 1024, 1) for w, k in self.peak_kib.items()},
            "task_cpu_seconds": round(self.task_cpu_seconds, 3),
            "write_seconds": round(self.write_seconds, 3),
        }


@dataclass(frozen=True)
class TaskCost:
    """Where a task ran (the Dask worker's address, or this process), that process's peak
    memory so far, and the CPU seconds the task took there (its git processes included)."""

    where: str
    peak_kib: int
    cpu_seconds: float


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _cost(cpu_before: float) -> TaskCost:
    try:
        from distributed import get_worker

        where = str(get_worker().address)
    except (ImportError, ValueError):
        where = f"pid {os.getpid()}"
    return TaskCost(where, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                    _cpu() - cpu_before)


def task_jobs() -> int:
    """The `git log` processes one task may run at once: on a Dask worker, the worker's
    threads (the cores it was started with) shared among the tasks it is running now, at
    least one; so a worker of one thread runs one git process per task, and a worker of
    several threads lends them to a large repository mined alone at the end of a run.
    Outside a worker, one (the in-process path mines one repository after another)."""
    try:
        from distributed import get_worker

        state = get_worker().state
    except (ImportError, ValueError):
        return 1
    return max(1, state.nthreads // max(1, state.executing_count))


def mine_task(task: RepoTask, options: MineOptions, shared: Shared
              ) -> tuple[str, PackedRepository | str, TaskCost]:
    """What a worker runs for one repository: ("ok", tables) or ("error", one line), with
    what it cost. An error the user can act on is not retried; anything else raises, for
    Dask to retry. The history is split between as many git processes as the worker's
    cores allow (`task_jobs`), never by the machine's core count."""
    cpu = _cpu()
    options = dataclasses.replace(options, jobs=task_jobs())
    try:
        with collector_paused():
            return "ok", pack(mine_offline(task, options, shared)), _cost(cpu)
    except StaffpathError as exc:
        return "error", _without_prefix(str(exc), str(task.path)), _cost(cpu)


def _without_prefix(message: str, path: str) -> str:
    """The message without the repository's path in front (failures are listed by it)."""
    for prefix in (f"{path}: ", f"{Path(path).resolve()}: "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


def _same(value: Shared) -> Shared:
    return value


def _plan(session: Session, entries: Sequence[ManifestEntry], options: MineOptions,
          outcome: ManifestOutcome) -> list[tuple[str, RepoTask]]:
    """The repositories to send: each opened here (a bad one is a failure by name), and left
    out when its tip is the one its last run ended at."""
    tasks: list[tuple[str, RepoTask]] = []
    seen: set[Path] = set()
    for entry in entries:
        try:
            info = open_repo(entry.path)
            tip = resolve_tip(info.path, options.branch)
        except StaffpathError as exc:
            outcome.failures.append(Failure(str(entry.path),
                                            _without_prefix(str(exc), str(entry.path))))
            continue
        if info.path in seen:
            continue
        seen.add(info.path)
        record = saved_run(session, info.path, options.branch)
        if (record is not None and not options.full and record.state is not None
                and record.tip == tip
                and (not options.evidence or bool((record.report or {}).get("evidence")))):
            outcome.up_to_date.append(str(info.path))
            continue
        tasks.append((str(info.path), repo_task(session, entry.path, info.path,
                                                options.branch, full=options.full)))
    return tasks


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A Dask client: of the cluster at `scheduler`, or of a local cluster of processes."""
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler}: "
                             f"{str(exc).splitlines()[0] if str(exc) else 'timed out'}"
                             ) from None
        with client:
            yield client
        return
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address="127.0.0.1:0", host="127.0.0.1",
                           silence_logs=logging.ERROR)
    with cluster, Client(cluster, set_as_default=False) as client:
        yield client


def default_workers() -> int:
    return os.cpu_count() or 1


def mine_manifest(open_session: OpenSession, entries: Sequence[ManifestEntry],
                  options: MineOptions, *, scheduler: str | None = None,
                  workers: int | None = None, progress: ManifestProgress | None = None,
                  retries: int = RETRIES) -> ManifestOutcome:
    """Mine every repository of a manifest; `workers=0` mines them one after another in this
    process, without Dask (the same steps, for comparison and small runs)."""
    t0 = time.perf_counter()
    outcome = ManifestOutcome()
    with open_session() as session:
        shared = load_shared(session)
        tasks = _plan(session, entries, options, outcome)
    n_workers = default_workers() if workers is None else workers

    def write(name: str, packed: PackedRepository | None, mined_error: str | None) -> None:
        if mined_error is not None or packed is None:
            outcome.failures.append(Failure(name, mined_error or "no result"))
            if progress is not None:
                progress.finished(name, 0, True)
            return
        t0 = time.perf_counter()
        try:
            with open_session() as session:
                report = write_mined(session, unpack(packed))
        except StaffpathError as exc:
            outcome.failures.append(Failure(name, _without_prefix(str(exc), name)))
            if progress is not None:
                progress.finished(name, 0, True)
            return
        finally:
            outcome.write_seconds += time.perf_counter() - t0
        outcome.reports.append(report)
        outcome.commits_read += report.new_commits
        if progress is not None:
            progress.finished(name, report.new_commits, False)

    if n_workers == 0 and scheduler is None:
        if progress is not None:
            progress.started(len(tasks), None)
        for name, task in tasks:
            _kind, payload, cost = mine_task(task, options, shared)
            outcome.note(cost)
            write(name, payload if isinstance(payload, PackedRepository) else None,
                  payload if isinstance(payload, str) else None)
    elif tasks:
        _run_on_dask(tasks, options, shared, scheduler, n_workers, retries, outcome,
                     progress, write)
    elif progress is not None:
        progress.started(0, None)
    outcome.seconds = time.perf_counter() - t0
    return outcome


def _run_on_dask(tasks: list[tuple[str, RepoTask]], options: MineOptions, shared: Shared,
                 scheduler: str | None, n_workers: int, retries: int, outcome: ManifestOutcome,
                 progress: ManifestProgress | None,
                 write: Callable[[str, PackedRepository | None, str | None], None]) -> None:
    from distributed import as_completed

    with _client(scheduler, max(1, n_workers)) as client, client.as_current():
        outcome.dashboard = client.dashboard_link
        outcome.workers = len(client.scheduler_info(n_workers=-1).get("workers", {}))
        if progress is not None:
            progress.started(len(tasks), outcome.dashboard)
        # A task rather than scattered data: if the workers holding it die, it is made again.
        shared_future = client.submit(_same, shared, pure=False,
                                      key=f"staffpath-shared-{uuid.uuid4().hex}")
        names = {}
        futures = []
        for n, (name, task) in enumerate(tasks):
            future = client.submit(mine_task, task, options, shared_future, retries=retries,
                                   pure=False, key=f"staffpath-mine-{n}-{Path(name).name}")
            names[future.key] = name
            futures.append(future)
        for future in as_completed(futures):
            name = names[future.key]
            try:
                kind, payload, cost = future.result()
                outcome.note(cost)
            except Exception as exc:  # raised on every try, or its workers kept dying
                first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                write(name, None, f"failed on the cluster: {first}")
                continue
            finally:
                future.release()
            if kind == "ok" and isinstance(payload, PackedRepository):
                write(name, payload, None)
            else:
                write(name, None, str(payload))
