"""Reading a git repository: commit lists, and one streaming `git log` per history range.

Paths are decoded from bytes with `surrogateescape`, so a non-UTF-8 path round-trips and keeps
its identity; names and e-mails, which end up in the database, use replacement characters.
Nothing here writes to the repository: only read-only plumbing runs, with optional locks off.
"""

from __future__ import annotations

import itertools
import math
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NamedTuple

from staffpath.errors import InputError

READ_SIZE = 1 << 20
# Settings that would change what `git log` prints are pinned, whatever the user's config says.
GIT_OPTIONS = (
    "-c", "core.quotepath=off", "-c", "i18n.logOutputEncoding=UTF-8",
    "-c", "log.showSignature=false", "-c", "diff.renames=true", "-c", "diff.relative=false",
    "-c", "core.fsmonitor=false",
)
META_FIELDS = 8
META_FORMAT = "%H%x00%P%x00%an%x00%ae%x00%aN%x00%aE%x00%at%x00%ct"
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


class CommitMeta(NamedTuple):
    """A commit as listed before its diff is read; names are mailmapped and raw."""

    sha: str
    parents: tuple[str, ...]
    raw_name: str
    raw_email: str
    name: str
    email: str
    author_time: int
    commit_time: int


class FileChange(NamedTuple):
    """One file changed by a commit against its first parent."""

    status: str  # A, M, D, R, C or T
    path: str
    old_path: str | None
    added: int
    deleted: int
    binary: bool
    gitlink: bool  # a submodule pointer, not a file


@dataclass(frozen=True)
class RepoInfo:
    """What `git rev-parse` says about a repository."""

    path: Path
    git_dir: Path
    bare: bool
    shallow: bool


def git_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C",
                "GIT_PAGER": "cat", "GIT_NO_REPLACE_OBJECTS": "1"})
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    env.pop("GIT_INDEX_FILE", None)
    return env


def _first_line(data: bytes) -> str:
    text = data.decode("utf-8", "replace").strip()
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line.removeprefix("fatal: ").removeprefix("error: ")
    return "git failed"


def run_git(repo: Path, *args: str, input_data: bytes | None = None,
            check: bool = True) -> bytes:
    """Run one git command in repo and return its output; failures become an InputError."""
    try:
        proc = subprocess.run(
            ["git", *GIT_OPTIONS, "-C", str(repo), *args], input=input_data,
            capture_output=True, env=git_env(), check=False)
    except FileNotFoundError:
        raise InputError("the git program is not installed or not on PATH") from None
    if check and proc.returncode != 0:
        raise InputError(f"git {args[0]}: {_first_line(proc.stderr)}", path=repo)
    return proc.stdout


def open_repo(path: Path) -> RepoInfo:
    """Check that path is a git repository (bare or not) and describe it."""
    if not path.exists():
        raise InputError("no such folder", path=path)
    if not path.is_dir():
        raise InputError("is not a folder", path=path)
    out = run_git(path, "rev-parse", "--absolute-git-dir", "--is-bare-repository",
                  "--is-shallow-repository", "--show-toplevel", check=False)
    lines = out.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) < 3:
        probe = subprocess.run(["git", "-C", str(path), "rev-parse", "--git-dir"],
                               capture_output=True, env=git_env(), check=False)
        raise InputError(f"not a git repository ({_first_line(probe.stderr)})", path=path)
    git_dir, bare, shallow = Path(lines[0]), lines[1] == "true", lines[2] == "true"
    root = Path(lines[3]) if len(lines) > 3 and not bare else path
    if not bare and root.resolve() != path.resolve():
        raise InputError(f"is inside the git repository {root}; give its top folder",
                         path=path)
    return RepoInfo(path=path.resolve(), git_dir=git_dir, bare=bare, shallow=shallow)


def resolve_tip(repo: Path, branch: str | None) -> str | None:
    """The commit to mine up to: the branch's tip, or HEAD; None for an empty repository."""
    ref = branch or "HEAD"
    out = run_git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options",
                  f"{ref}^{{commit}}", check=False).strip()
    if out:
        return out.decode("ascii")
    # The ref may exist while its commit cannot be read: that is damage, not emptiness.
    named = run_git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", ref,
                    check=False).strip().decode("ascii", "replace")
    if named:
        probe = subprocess.run(["git", *GIT_OPTIONS, "-C", str(repo), "cat-file", "-t", named],
                               capture_output=True, env=git_env(), check=False)
        kind = probe.stdout.decode("ascii", "replace").strip()
        if probe.returncode != 0:
            raise InputError(f"git cannot read commit {named[:12]}: "
                             f"{_first_line(probe.stderr)}", path=repo)
        raise InputError(f"{ref} is a {kind}, not a commit", path=repo)
    if branch is None:
        return None  # unborn HEAD: a repository without commits
    raise InputError(f"no branch or commit {branch!r}", path=repo)


def is_ancestor(repo: Path, old: str, new: str) -> bool:
    try:
        proc = subprocess.run(
            ["git", *GIT_OPTIONS, "-C", str(repo), "merge-base", "--is-ancestor", old, new],
            capture_output=True, env=git_env(), check=False)
    except FileNotFoundError:  # pragma: no cover - checked by open_repo already
        return False
    return proc.returncode == 0


def shallow_boundary(info: RepoInfo) -> frozenset[str]:
    """Commits whose parents a shallow clone does not have."""
    if not info.shallow:
        return frozenset()
    try:
        text = (info.git_dir / "shallow").read_text(encoding="ascii")
    except OSError:
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def list_commits(repo: Path, tip: str, *, exclude: str | None = None,
                 since: str | None = None) -> list[CommitMeta]:
    """Commits reachable from tip (and not from exclude), parents before children."""
    args = ["log", "-z", "--topo-order", "--reverse", "--no-color", f"--format={META_FORMAT}"]
    if since:
        args.append(f"--since={since}")
    args += ["--end-of-options", tip]
    if exclude:
        args.append(f"^{exclude}")
    data = run_git(repo, *args)
    tokens = data.split(b"\0")
    if tokens and tokens[-1] in (b"", b"\n"):
        tokens.pop()
    commits: list[CommitMeta] = []
    for i in range(0, len(tokens) - META_FIELDS + 1, META_FIELDS):
        sha, parents, an, ae, n, e, at, ct = tokens[i:i + META_FIELDS]
        sha = sha.lstrip(b"\n")
        commits.append(CommitMeta(
            sha=sha.decode("ascii"),
            parents=tuple(parents.decode("ascii").split()),
            raw_name=_text(an), raw_email=_text(ae), name=_text(n), email=_text(e),
            author_time=int(at or 0), commit_time=int(ct or 0)))
    return commits


def _path(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def shown(path: str) -> str:
    """A path fit for the database and the screen: undecodable bytes become \\xNN."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


class _Incomplete(Exception):
    """The buffer ends inside a commit; wait for more bytes."""


def _parse_commit(tokens: list[bytes], i: int, n: int, final: bool
                  ) -> tuple[str, list[FileChange], int]:
    """Parse the commit whose header is tokens[i]; return it and the next header's index."""
    head = tokens[i]
    if not head.startswith(b"\x01"):
        raise InputError(f"unexpected git log output near {head[:40]!r}")
    sha = head[1:].decode("ascii")
    i += 1
    if i >= n:
        if final:
            return sha, [], i
        raise _Incomplete
    tok = tokens[i]
    if not tok.startswith(b"\n:"):
        return sha, [], i  # a merge or an empty commit: no diff
    raw: list[tuple[str, bytes, bytes | None, bool]] = []
    tok = tok[1:]
    while True:
        # ":100644 100644 abc1234 def5678 M" then one path, or two for a rename or copy.
        status = tok[tok.rfind(b" ") + 1:tok.rfind(b" ") + 2].decode("ascii")
        gitlink = tok[8:14] == b"160000" or tok[1:7] == b"160000"
        if status in ("R", "C"):
            raw.append((status, tokens[i + 2], tokens[i + 1], gitlink))
            i += 3
        else:
            raw.append((status, tokens[i + 1], None, gitlink))
            i += 2
        if i >= n:
            raise _Incomplete
        tok = tokens[i]
        if not tok.startswith(b":"):
            break
    counts: list[tuple[bytes, bytes, bytes]] = []
    for _ in range(len(raw)):
        if i >= n:
            raise _Incomplete
        tok = tokens[i]
        if tok.startswith(b"\x01"):
            break
        added, deleted, path = tok.split(b"\t", 2)
        if path:
            i += 1
        else:
            path = tokens[i + 2]
            i += 3
        counts.append((added, deleted, path))
    if i >= n and not final:
        raise _Incomplete
    changes: list[FileChange] = []
    if len(counts) == len(raw):
        pairs = zip(raw, counts, strict=True)
    else:  # never seen in practice; fall back to matching by path
        by_path = {c[2]: c for c in counts}
        pairs = ((r, by_path.get(r[1], (b"0", b"0", r[1]))) for r in raw)  # type: ignore[assignment]
    for (status, path, old, gitlink), (added, deleted, _p) in pairs:
        binary = added == b"-"
        changes.append(FileChange(
            status, _path(path), _path(old) if old is not None else None,
            0 if binary else int(added), 0 if binary else int(deleted), binary, gitlink))
    return sha, changes, i


def parse_log_stream(chunks: Iterator[bytes]) -> Iterator[tuple[str, list[FileChange]]]:
    """Commits and their file changes from `git log -z --raw --numstat --format=%x01%H`."""
    carry = b""
    final = False
    while not final:
        chunk = next(chunks, None)
        if chunk is None:
            final = True
            data = carry
        else:
            data = carry + chunk if carry else chunk
        tokens = data.split(b"\0")
        tail = b"" if final else tokens.pop()
        if final and tokens and tokens[-1] in (b"", b"\n"):
            tokens.pop()
        n = len(tokens)
        i = 0
        while i < n:
            try:
                sha, changes, nxt = _parse_commit(tokens, i, n, final)
            except (_Incomplete, IndexError, ValueError) as exc:
                if final:
                    raise InputError(f"cannot read git log output ({exc!r})") from None
                break
            yield sha, changes
            i = nxt
        rest = tokens[i:]
        carry = b"\0".join([*rest, tail]) if rest else tail


def _read_fd(fh: IO[bytes]) -> Iterator[bytes]:
    while True:
        block = fh.read(READ_SIZE)
        if not block:
            return
        yield block


LOG_ARGS = ("log", "--no-walk=unsorted", "--stdin", "-z", "--raw", "--no-abbrev", "--numstat", "-M",
            "--no-color", "--no-ext-diff", "--no-textconv", "--format=%x01%H")


class _Range:
    """One `git log` process over an explicit list of commits."""

    def __init__(self, repo: Path, shas: Sequence[str], *, to_file: bool):
        self.repo = repo
        self.count = len(shas)
        # Closed in close(); a with-block cannot span the generator that reads them.
        self.file: IO[bytes] | None = tempfile.TemporaryFile() if to_file else None  # noqa: SIM115
        self.err: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self.proc = subprocess.Popen(
            ["git", *GIT_OPTIONS, "-C", str(repo), *LOG_ARGS],
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
            raise InputError(f"git log: {_first_line(self.err.read())}", path=self.repo)

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

    def __init__(self, repo: Path, ranges: Sequence[Sequence[str]], jobs: int):
        self.repo = repo
        self.ranges = ranges
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
                proc = _Range(self.repo, part, to_file=k > 0)
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

    def __init__(self, repo: Path, shas: Sequence[str], *, jobs: int = 2):
        self.repo = repo
        self.ranges = split_ranges(shas, jobs)
        self.pool = _Pool(repo, self.ranges, jobs) if self.ranges else None

    def __iter__(self) -> Iterator[tuple[str, list[FileChange]]]:
        if self.pool is None:
            return
        try:
            for k, part in enumerate(self.ranges):
                seen = 0
                for sha, changes in parse_log_stream(self.pool.get(k).chunks()):
                    if seen >= len(part) or sha != part[seen]:
                        raise InputError(f"git log returned {sha} out of order", path=self.repo)
                    seen += 1
                    yield sha, changes
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
    yield from ChangeStream(repo, shas, jobs=jobs)


def files_at(repo: Path, tip: str) -> dict[str, bool]:
    """Paths at a commit, each with whether it is a submodule pointer."""
    data = run_git(repo, "ls-tree", "-r", "-z", "--full-tree", "--end-of-options", tip)
    result: dict[str, bool] = {}
    for entry in data.split(b"\0"):
        if not entry:
            continue
        meta, _tab, path = entry.partition(b"\t")
        result[_path(path)] = meta.startswith(b"160000")
    return result


class BlobReader:
    """Reads `rev:path` contents through one `git cat-file --batch` process."""

    def __init__(self, repo: Path):
        self.repo = repo
        self.proc: subprocess.Popen[bytes] | None = None

    def read(self, rev: str, path: str, *, limit: int = 1 << 20) -> bytes | None:
        """The blob's bytes (None when it does not exist, is too big or the path is odd)."""
        name = path.encode("utf-8", "surrogateescape")
        if b"\n" in name:
            return None
        if self.proc is None:
            self.proc = subprocess.Popen(
                ["git", *GIT_OPTIONS, "-C", str(self.repo), "cat-file", "--batch"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                env=git_env())
        assert self.proc.stdin is not None
        assert self.proc.stdout is not None
        self.proc.stdin.write(rev.encode("ascii") + b":" + name + b"\n")
        self.proc.stdin.flush()
        header = self.proc.stdout.readline()
        parts = header.split()
        if len(parts) != 3 or parts[1] != b"blob":
            if len(parts) == 3:  # a tree or other object: skip its body
                self.proc.stdout.read(int(parts[2]) + 1)
            return None
        size = int(parts[2])
        body = self.proc.stdout.read(size + 1)[:size]
        return body if size <= limit else None

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.stdin is not None:
                self.proc.stdin.close()
            self.proc.wait()
            if self.proc.stdout is not None:
                self.proc.stdout.close()
            self.proc = None


def read_text(reader: BlobReader, rev: str, path: str) -> str | None:
    """A blob as text (undecodable bytes replaced), or None when it does not exist."""
    data = reader.read(rev, path)
    return None if data is None else data.decode("utf-8", "replace")
