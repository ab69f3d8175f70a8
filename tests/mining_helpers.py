"""Real git repositories for the mining tests, built with the git binary in tmp_path."""

from __future__ import annotations

import os
import random
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

BASE_TIME = 1_700_000_000  # 2023-11-14, a fixed clock so histories repeat exactly
DAY = 86_400


def git_env(**extra: str) -> dict[str, str]:
    """An environment where no user or system git configuration leaks in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_AUTHOR_DATE": f"{BASE_TIME} +0000", "GIT_COMMITTER_DATE": f"{BASE_TIME} +0000",
    })
    env.update(extra)
    return env


def git(repo: Path, *args: str, input_data: bytes | None = None, **env: str) -> str:
    proc = subprocess.run(["git", "-C", str(repo), *args], input=input_data,
                          capture_output=True, env=git_env(**env), check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed: {proc.stderr.decode(errors='replace')}")
    return proc.stdout.decode("utf-8", "replace")


def init_repo(path: Path, *, bare: bool = False) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main", *(["--bare"] if bare else []))
    return path


Content = bytes | str | None  # None deletes the file


def _quote(path: str | bytes) -> bytes:
    raw = path if isinstance(path, bytes) else path.encode("utf-8", "surrogateescape")
    if b"\n" in raw or raw.startswith(b'"') or b"\\" in raw:
        escaped = raw.replace(b"\\", b"\\\\").replace(b'"', b'\\"').replace(b"\n", b"\\n")
        return b'"' + escaped + b'"'
    return raw


@dataclass
class Person:
    name: str
    email: str

    @property
    def ident(self) -> bytes:
        return f"{self.name} <{self.email}>".encode()


@dataclass
class HistoryBuilder:
    """Writes commits through one `git fast-import`, keeping each branch's files in memory
    so merges can be written as the exact tree they produce."""

    repo: Path
    branches: dict[str, dict[bytes, bytes]] = field(default_factory=dict)
    heads: dict[str, int] = field(default_factory=dict)
    stream: list[bytes] = field(default_factory=list)
    clock: int = BASE_TIME
    marks: int = 0
    submodule_paths: set[bytes] = field(default_factory=set)

    def commit(self, who: Person, changes: Mapping[str | bytes, Content], *,
               branch: str = "main", when: int | None = None, message: str = "change",
               renames: Mapping[str | bytes, str | bytes] | None = None,
               gitlinks: Mapping[str | bytes, str] | None = None,
               merge_from: str | None = None) -> int:
        """Add a commit; returns its mark. `renames` move files (old -> new) before changes."""
        self.clock = when if when is not None else self.clock + 3600
        self.marks += 1
        mark = self.marks
        tree = dict(self.branches.get(branch, {}))
        ops: list[bytes] = []
        if merge_from is not None:
            theirs = self.branches[merge_from]
            for path, data in theirs.items():
                if tree.get(path) != data:
                    tree[path] = data
                    ops.append(b"M 100644 inline " + _quote(path) + b"\n" + _data(data))
        for old, new in (renames or {}).items():
            o = old if isinstance(old, bytes) else old.encode("utf-8", "surrogateescape")
            n = new if isinstance(new, bytes) else new.encode("utf-8", "surrogateescape")
            tree[n] = tree.pop(o)
            ops.append(b"D " + _quote(o) + b"\n")
            ops.append(b"M 100644 inline " + _quote(n) + b"\n" + _data(tree[n]))
        for path, content in changes.items():
            p = path if isinstance(path, bytes) else path.encode("utf-8", "surrogateescape")
            if content is None:
                tree.pop(p, None)
                ops.append(b"D " + _quote(p) + b"\n")
            else:
                data = content if isinstance(content, bytes) else content.encode()
                tree[p] = data
                ops.append(b"M 100644 inline " + _quote(p) + b"\n" + _data(data))
        for path, sha in (gitlinks or {}).items():
            p = path if isinstance(path, bytes) else path.encode()
            self.submodule_paths.add(p)
            ops.append(b"M 160000 " + sha.encode() + b" " + _quote(p) + b"\n")
        header = [
            b"commit refs/heads/" + branch.encode() + b"\n",
            b"mark :" + str(mark).encode() + b"\n",
            b"author " + who.ident + b" " + str(self.clock).encode() + b" +0000\n",
            b"committer " + who.ident + b" " + str(self.clock).encode() + b" +0000\n",
            _data(message.encode()),
        ]
        if branch in self.heads:
            header.append(b"from :" + str(self.heads[branch]).encode() + b"\n")
        elif merge_from is None and self.heads and branch not in self.branches:
            pass  # a new root
        if merge_from is not None:
            header.append(b"merge :" + str(self.heads[merge_from]).encode() + b"\n")
        self.stream.extend(header)
        self.stream.extend(ops)
        self.stream.append(b"\n")
        self.branches[branch] = tree
        self.heads[branch] = mark
        return mark

    def branch(self, name: str, start: str = "main") -> None:
        """Start a branch at another branch's head."""
        self.branches[name] = dict(self.branches[start])
        self.stream.append(b"reset refs/heads/" + name.encode() + b"\n"
                           + b"from :" + str(self.heads[start]).encode() + b"\n\n")
        self.heads[name] = self.heads[start]

    def write(self) -> None:
        """Run fast-import with everything added so far."""
        data = b"".join(self.stream)
        self.stream.clear()
        # Marks live beside the repository so later writes can build on earlier commits.
        marks = self.repo.parent / f".{self.repo.name}.marks"
        proc = subprocess.run(["git", "-C", str(self.repo), "fast-import", "--quiet", "--done",
                               f"--import-marks-if-exists={marks}", f"--export-marks={marks}"],
                              input=data + b"done\n", capture_output=True, env=git_env(),
                              check=False)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.decode(errors="replace"))
        bare = git(self.repo, "rev-parse", "--is-bare-repository").strip() == "true"
        if not bare:
            git(self.repo, "checkout", "-q", "-f", "main")


def _data(data: bytes) -> bytes:
    return b"data " + str(len(data)).encode() + b"\n" + data + b"\n"


def lines(n: int, tag: str = "x", start: int = 0) -> str:
    return "".join(f"{tag} line {i}\n" for i in range(start, start + n))


PEOPLE = [Person(f"Dev {c}", f"dev{c.lower()}@example.com") for c in "ABCDEFG"]


def random_history(repo: Path, seed: int, *, commits: int = 60, merges: bool = True,
                   binary: bool = True) -> HistoryBuilder:
    """A generated history with adds, edits, deletes, renames, merges and binary files."""
    rng = random.Random(seed)
    b = HistoryBuilder(repo)
    files: dict[str, list[str]] = {}
    counter = 0

    def new_name() -> str:
        nonlocal counter
        counter += 1
        folder = rng.choice(["src", "src/core", "docs", "tests", "tools", ""])
        name = f"f{counter}.{rng.choice(['py', 'md', 'txt'])}"
        return f"{folder}/{name}" if folder else name

    def body(path: str) -> str:
        return "".join(line + "\n" for line in files[path])

    people = PEOPLE[: rng.randint(2, len(PEOPLE))]
    on_branch = False
    for _ in range(commits):
        who = rng.choice(people)
        branch = "topic" if on_branch else "main"
        tree = b.branches.get(branch, {})
        live = [p for p in files if p.encode() in tree]
        changes: dict[str | bytes, Content] = {}
        renames: dict[str | bytes, str | bytes] = {}
        action = rng.random()
        if not live or action < 0.3:
            path = new_name()
            files[path] = [f"{path} {i} {rng.random():.6f}" for i in range(rng.randint(1, 30))]
            changes[path] = body(path)
        elif action < 0.75:
            for path in rng.sample(live, min(len(live), rng.randint(1, 3))):
                text = files[path]
                for _ in range(rng.randint(1, 5)):
                    op = rng.random()
                    if op < 0.5 or not text:
                        text.insert(rng.randint(0, len(text)), f"new {rng.random():.6f}")
                    elif op < 0.8:
                        text.pop(rng.randrange(len(text)))
                    else:
                        text[rng.randrange(len(text))] = f"edit {rng.random():.6f}"
                changes[path] = body(path)
        elif action < 0.85 and len(live) > 2:
            path = rng.choice(live)
            changes[path] = None
        elif action < 0.95:
            old = rng.choice(live)
            new = new_name().rsplit(".", 1)[0] + "." + old.rsplit(".", 1)[1]
            files[new] = files[old]
            renames[old] = new
            if rng.random() < 0.5 and files[new]:
                files[new][0] = f"tweak {rng.random():.6f}"
                changes[new] = body(new)
        elif binary:
            path = f"assets/img{rng.randint(0, 3)}.bin"
            changes[path] = bytes(rng.randrange(256) for _ in range(64)) + b"\0\0"
        b.commit(who, changes, renames=renames, branch=branch)
        if merges and not on_branch and rng.random() < 0.1 and b.heads:
            b.branch("topic")
            on_branch = True
        elif merges and on_branch and rng.random() < 0.25:
            b.commit(rng.choice(people), {}, merge_from="topic", message="merge topic")
            on_branch = False
    if on_branch:
        b.commit(people[0], {}, merge_from="topic", message="merge topic")
    b.write()
    return b


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


def run_staffpath(workspace: Path, *args: str) -> CliResult:
    """The CLI through its real entry point, as a user runs it."""
    import sys

    env = git_env(STAFFPATH_WORKSPACE=str(workspace), COLUMNS="200")
    env.pop("STAFFPATH_DB", None)
    proc = subprocess.run([sys.executable, "-m", "staffpath", *args], capture_output=True,
                          text=True, env=env, check=False)
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


ROSTER = """\
name,email,team,manager,level,target_level,role
Ana Lima,ana@corp.example,Payments,,senior,staff,engineer
Bo Chen,bo@corp.example;bo@home.example,Checkout,,engineer,senior,engineer
Cy Park,cy@corp.example,Checkout,,senior,,engineer
"""

TEAMS = """\
- name: Payments
  owns: ["services/payments/**"]
- name: Checkout
  owns: ["services/checkout/**"]
"""


def workspace_with_roster(root: Path) -> Path:
    """A workspace whose roster has Ana (Payments), Bo and Cy (Checkout)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "roster.csv").write_text(ROSTER, encoding="utf-8")
    (root / "teams.yaml").write_text(TEAMS, encoding="utf-8")
    for args in (("teams", "import", str(root / "teams.yaml")),
                 ("people", "import", str(root / "roster.csv"))):
        result = invoke(root, *args)
        if result.code != 0:
            raise RuntimeError(result.err)
    return root


def invoke(workspace: Path, *args: str) -> CliResult:
    """The CLI in-process (much faster than a new interpreter); a user error is turned into
    its exit code and one `error:` line, as the real entry point does."""
    from typer.testing import CliRunner

    from staffpath.cli.main import app
    from staffpath.errors import StaffpathError

    result = CliRunner().invoke(app, ["--workspace", str(workspace), *args],
                                env={"COLUMNS": "200", "GIT_CONFIG_GLOBAL": "/dev/null"})
    if isinstance(result.exception, StaffpathError):
        return CliResult(result.exception.exit_code, result.stdout,
                         result.stderr + f"error: {result.exception}\n")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return CliResult(result.exit_code, result.stdout, result.stderr)
