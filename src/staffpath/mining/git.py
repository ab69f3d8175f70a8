"""Git plumbing for reading a repository: running git, what the repository is, its commits,
the files at a commit and their contents.

Paths are decoded from bytes with `surrogateescape`, so a non-UTF-8 path round-trips and keeps
its identity; names and e-mails, which end up in the database, use replacement characters.
Nothing here writes to the repository: only read-only plumbing runs, with optional locks off.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from staffpath.errors import InputError

# Settings that would change what `git log` prints are pinned, whatever the user's config says.
GIT_OPTIONS = (
    "-c", "core.quotepath=off", "-c", "i18n.logOutputEncoding=UTF-8",
    "-c", "log.showSignature=false", "-c", "diff.renames=true", "-c", "diff.relative=false",
    "-c", "core.fsmonitor=false",
)
META_FIELDS = 8
META_FORMAT = "%H%x00%P%x00%an%x00%ae%x00%aN%x00%aE%x00%at%x00%ct"


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


def error_line(data: bytes) -> str:
    """The first line of what git printed on error, without its "fatal: " or "error: "."""
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
        raise InputError(f"git {args[0]}: {error_line(proc.stderr)}", path=repo)
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
        raise InputError(f"not a git repository ({error_line(probe.stderr)})", path=path)
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
                             f"{error_line(probe.stderr)}", path=repo)
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


def decode_path(raw: bytes) -> str:
    """A path as git printed it, undecodable bytes kept (see `shown`)."""
    return raw.decode("utf-8", "surrogateescape")


def shown(path: str) -> str:
    """A path fit for the database and the screen: undecodable bytes become \\xNN."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


def files_at(repo: Path, tip: str) -> dict[str, bool]:
    """Paths at a commit, each with whether it is a submodule pointer."""
    data = run_git(repo, "ls-tree", "-r", "-z", "--full-tree", "--end-of-options", tip)
    result: dict[str, bool] = {}
    for entry in data.split(b"\0"):
        if not entry:
            continue
        meta, _tab, path = entry.partition(b"\t")
        result[decode_path(path)] = meta.startswith(b"160000")
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
