"""Streaming the file changes of many commits through parallel `git log` processes: the
history is cut into ranges of about equal cost, one process per range, read back in order.

Line counts (`--numstat`) are asked for only when wanted: they cost git a content diff of every
changed file, ten times the rest of `git log` on a large history, and mining needs them only
for the commits its evidence quotes (see `line_counts`).
"""

from __future__ import annotations

import itertools
import math
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from staffpath.errors import InputError
from staffpath.mining.git import GIT_OPTIONS, error_line, git_env
from staffpath.mining.gitlog import FileChange, Parsed, parse_log_stream

READ_SIZE = 1 << 20


def _read_fd(fh: IO[bytes]) -> Iterator[bytes]:
    while True:
        block = fh.read(READ_SIZE)
        if not block:
            return
        yield block


LOG_ARGS = ("log", "--no-walk=unsorted", "--stdin", "-z", "--raw", "--no-abbrev", "-M",
            "--no-color", "--no-ext-diff", "--no-textconv", "--format=%x01%H")
# The same, with each change's added and deleted lines after the commit's raw lines.
NUMSTAT_ARGS = (*LOG_ARGS[:6], "--numstat", *LOG_ARGS[6:])


class _Range:
    """One `git log` process over an explicit list of commits."""

    def __init__(self, repo: Path, shas: Sequence[str], *, to_file: bool, numstat: bool):
        self.repo = repo
        self.count = len(shas)
        # Closed in close(); a with-block cannot span the generator that reads them.
        self.file: IO[bytes] | None = tempfile.TemporaryFile() if to_file else None  # noqa: SIM115
        self.err: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self.proc = subprocess.Popen(
            ["git", *GIT_OPTIONS, "-C", str(repo), *(NUMSTAT_ARGS if numstat else LOG_ARGS)],
            stdin=subprocess.PIPE, stdout=self.file if self.file else subprocess.PIPE,
            stderr=self.err, env=git_env())
        assert self.proc.stdin is not None
        self.proc.stdin.write(("\n".join(shas) + "\n").encode("ascii"))
        self.proc.stdin.close()

    def chunks(self) -> Iterator[bytes]:
        if self.file is None:
            assert self.proc.stdout is not None
            yield from _read_fd(self.proc.stdout)
            self._finish()
        else:
            self._finish()
            self.file.seek(0)
            yield from _read_fd(self.file)

    def _finish(self) -> None:
        code = self.proc.wait()
        if code != 0:
            self.err.seek(0)
            raise InputError(f"git log: {error_line(self.err.read())}", path=self.repo)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        if self.file is not None:
            self.file.close()
        self.err.close()


def split_ranges(shas: Sequence[str], jobs: int, *, min_size: int = 1500,
                 per_job: int = 1) -> list[Sequence[str]]:
    """Cut a commit list (oldest first) into consecutive ranges, one per job by default.

    Each git process pays a fixed cost (mapping the pack, warming its delta cache: about a
    sixth of a second on a 60 MB pack), so ranges are few. Later history usually costs more
    per commit (files grow), so ranges are cut for equal estimated cost with a per-commit
    cost rising linearly from 1 to 2 over the history, not for equal commit counts.
    """
    if not shas:
        return []
    count = 1 if jobs <= 1 else max(1, min(jobs * per_job, len(shas) // min_size))
    n = len(shas)
    # Cumulative cost of the first x of the history (x in 0..1) is x + x²/2, of 1.5 in all.
    cuts = [0] + [round(n * (math.sqrt(1 + 3 * k / count) - 1)) for k in range(1, count)] + [n]
    return [shas[a:b] for a, b in itertools.pairwise(cuts) if b > a]


class _Pool:
    """Starts one `git log` per range, at most `jobs` at a time, in range order."""

    def __init__(self, repo: Path, ranges: Sequence[Sequence[str]], jobs: int, *,
                 numstat: bool = False):
        self.repo = repo
        self.ranges = ranges
        self.numstat = numstat
        self.slots = threading.Semaphore(max(1, jobs))
        self.started = [threading.Event() for _ in ranges]
        self.procs: list[_Range | None] = [None] * len(ranges)
        self.error: BaseException | None = None
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="git-log-pool", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        for k, part in enumerate(self.ranges):
            self.slots.acquire()
            if self.stopping.is_set():
                self.started[k].set()
                continue
            try:
                proc = _Range(self.repo, part, to_file=k > 0, numstat=self.numstat)
            except BaseException as exc:  # reported by the consumer, in order
                self.error = exc
                for event in self.started[k:]:
                    event.set()
                return
            self.procs[k] = proc
            self.started[k].set()
            threading.Thread(target=self._release_when_done, args=(proc,), daemon=True).start()

    def _release_when_done(self, proc: _Range) -> None:
        proc.proc.wait()
        self.slots.release()

    def get(self, k: int) -> _Range:
        self.started[k].wait()
        proc = self.procs[k]
        if proc is None:
            raise self.error or InputError("git log was not started", path=self.repo)
        return proc

    def close(self) -> None:
        self.stopping.set()
        for _ in self.ranges:
            self.slots.release()  # unblock the starter so it notices stopping
        self.thread.join()
        for proc in self.procs:
            if proc is not None:
                proc.close()


class ChangeStream:
    """File changes of the given commits, in the given order, read by parallel `git log`s.

    The processes start when the stream is made, so the caller can do other work while git
    runs. The first range streams through a pipe while the others write to temporary files
    (never into the repository); each is read, in order, once the range before it is done.
    """

    def __init__(self, repo: Path, shas: Sequence[str], *, jobs: int = 2,
                 numstat: bool = False):
        self.repo = repo
        self.numstat = numstat
        self.ranges = split_ranges(shas, jobs)
        self.pool = _Pool(repo, self.ranges, jobs, numstat=numstat) if self.ranges else None

    def __iter__(self) -> Iterator[Parsed]:
        if self.pool is None:
            return
        try:
            for k, part in enumerate(self.ranges):
                seen = 0
                for parsed in parse_log_stream(self.pool.get(k).chunks(),
                                               numstat=self.numstat):
                    sha = parsed[0]
                    if seen >= len(part) or sha != part[seen]:
                        raise InputError(f"git log returned {sha} out of order", path=self.repo)
                    seen += 1
                    yield parsed
                if seen != len(part):
                    raise InputError(f"git log stopped after {seen} of {len(part)} commits",
                                     path=self.repo)
        finally:
            self.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None


def stream_changes(repo: Path, shas: Sequence[str], *, jobs: int = 2
                   ) -> Iterator[tuple[str, list[FileChange]]]:
    """The changes of each commit, in order (see ChangeStream)."""
    for sha, changes, _lines in ChangeStream(repo, shas, jobs=jobs):
        yield sha, changes

