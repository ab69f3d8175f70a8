"""A demo repository's history, recorded as commits dated in months before `today`, and how it
is written into git with `git fast-import`.

File contents are generated: deterministic per repository, shaped like the language of each path,
so that mining sees believable code without the demo shipping any.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from staffpath.demo.content import DOMAIN
from staffpath.errors import StoreError

__all__ = ["RepoHistory", "write_repo"]


@dataclass
class _Commit:
    """One commit of a recipe: when (seconds since the epoch), by whom, and what it does."""

    when: int
    who: str
    message: str
    # path -> ("add", lines) | ("edit", new lines) | ("text", content) | ("del", 0)
    ops: dict[str, tuple[str, Any]]
    alt_email: bool = False


@dataclass
class RepoHistory:
    """A repository's commits, collected in any order and written in date order."""

    name: str
    today: dt.date
    commits: list[_Commit] = field(default_factory=list)

    def at(self, months_ago: int, day: int, minute: int = 0) -> int:
        index = self.today.year * 12 + (self.today.month - 1) - months_ago
        year, month = index // 12, index % 12 + 1
        date = min(dt.date(year, month, max(1, min(day, 28))), self.today)
        start = dt.datetime(date.year, date.month, date.day, 9, 30, tzinfo=dt.UTC)
        return int(start.timestamp()) + 60 * minute

    def commit(self, months_ago: int, day: int, who: str, message: str,
               ops: dict[str, tuple[str, Any]], *, minute: int = 0,
               alt_email: bool = False) -> None:
        self.commits.append(_Commit(self.at(months_ago, day, minute), who, message, ops,
                                    alt_email))

    def add(self, months_ago: int, day: int, who: str, paths: Iterable[str], *,
            lines: int = 40, message: str | None = None) -> None:
        paths = list(paths)
        self.commit(months_ago, day, who, message or f"Add {', '.join(paths)}",
                    dict.fromkeys(paths, ("add", lines)))

    def series(self, who: str, paths: Sequence[str], months: Iterable[int], *,
               per_month: int = 2, lines: int = 6, message: str = "Improve {name}",
               alt_email_every: int = 0) -> None:
        """Steady work: `per_month` commits a month, each editing one of the paths."""
        n = 0
        for m in months:
            for k in range(per_month):
                path = paths[n % len(paths)]
                day = 3 + (k * 11 + n * 5) % 24
                name = path.rsplit("/", 1)[-1]
                self.commit(m, day, who, message.format(name=name), {path: ("edit", lines)},
                            minute=n % 50,
                            alt_email=bool(alt_email_every) and n % alt_email_every == 1)
                n += 1

    def doc(self, months_ago: int, day: int, who: str, path: str, title: str,
            summary: str) -> None:
        text = (f"# {title}\n\n## Context\n\n{summary}\n\n## Decision\n\n"
                "See the options below and the trade-offs we accepted.\n\n## Options\n\n"
                "1. Keep things as they are.\n2. The change described here.\n")
        self.commit(months_ago, day, who, f"Add {path.rsplit('/', 1)[-1]}",
                    {path: ("text", text)})


# Typing arrived in steps: Payments and Checkout annotate new Python from a year ago, every
# team from four months ago, so the quality scorecard has a trend to show.
TYPED_EARLY = ("services/payments/", "services/refunds/", "services/cart/",
               "services/checkout/")


def _typed(repo: RepoHistory, when: int, path: str) -> bool:
    return when >= repo.at(4, 1) or (path.startswith(TYPED_EARLY) and when >= repo.at(12, 1))


def _code_line(rng: random.Random, path: str, n: int, typed: bool = False) -> str:
    ext = path.rsplit(".", 1)[-1]
    word = rng.choice(["total", "cart", "order", "price", "token", "event", "batch", "quota",
                       "region", "retry", "budget", "refund", "session", "schema"])
    if ext in ("py",):
        k = rng.randint(2, 97)
        if path.rsplit("/", 1)[-1].startswith("test_"):
            return f"def test_{word}_{n}() -> None:  assert {k} > 1"
        private = "_" if n % 3 == 0 else ""  # helpers, not the module's interface
        signature = "(value: int) -> int" if typed else "(value)"
        return f"def {private}{word}_{n}{signature}:  return value * {k}"
    if ext in ("swift", "kt", "ts", "go"):
        return f"let {word}{n} = compute({rng.randint(2, 97)}) // {word}"
    if ext in ("tf",):
        return f'variable "{word}_{n}" {{ default = {rng.randint(2, 97)} }}'
    if ext in ("sql",):
        return f"select {word}, count(*) from t_{n} group by {word};"
    if ext in ("yml", "yaml"):
        return f"  {word}_{n}: {rng.randint(2, 97)}"
    return f"{word.capitalize()} note {n}: {rng.randint(2, 97)} steps."


def _fast_import_stream(repo: RepoHistory, people: Mapping[str, tuple[str, str]],
                        alt_emails: Mapping[str, str]) -> bytes:
    rng = random.Random(f"demo-{repo.name}")
    files: dict[str, list[str]] = {}
    out: list[bytes] = []
    counter = 0
    for mark, c in enumerate(sorted(repo.commits, key=lambda c: (c.when, c.who, c.message)),
                             start=1):
        name, email = people[c.who]
        if c.alt_email:
            email = alt_emails.get(c.who, email)
        ident = f"{name} <{email}> {c.when} +0000".encode()
        ops: list[bytes] = []
        for path, (kind, arg) in c.ops.items():
            if kind == "del":
                files.pop(path, None)
                ops.append(b"D " + path.encode() + b"\n")
                continue
            if kind == "text":
                files[path] = str(arg).splitlines()
            elif kind == "add" or path not in files:
                counter += 1
                typed = _typed(repo, c.when, path)
                files[path] = [_code_line(rng, path, counter + i, typed)
                               for i in range(int(arg))]
            else:
                body = files[path]
                typed = _typed(repo, c.when, path)
                for _ in range(int(arg)):
                    counter += 1
                    body.insert(rng.randint(0, len(body)), _code_line(rng, path, counter, typed))
                if len(body) > 4:
                    body[rng.randrange(len(body))] = _code_line(rng, path, counter + 1, typed)
            data = ("\n".join(files[path]) + "\n").encode()
            ops.append(b"M 100644 inline " + path.encode() + b"\n"
                       + b"data " + str(len(data)).encode() + b"\n" + data + b"\n")
        message = c.message.encode()
        out.append(b"commit refs/heads/main\nmark :" + str(mark).encode() + b"\n"
                   + b"author " + ident + b"\ncommitter " + ident + b"\n"
                   + b"data " + str(len(message)).encode() + b"\n" + message + b"\n"
                   + (b"from :" + str(mark - 1).encode() + b"\n" if mark > 1 else b"")
                   + b"".join(ops) + b"\n")
    out.append(b"done\n")
    return b"".join(out)


def _git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    # The demo must not depend on (or be changed by) the user's own git configuration.
    env.update({"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_AUTHOR_NAME": "Harbor & Pine", "GIT_AUTHOR_EMAIL": f"demo@{DOMAIN}",
                "GIT_COMMITTER_NAME": "Harbor & Pine", "GIT_COMMITTER_EMAIL": f"demo@{DOMAIN}"})
    return env


def _git(cwd: Path, *args: str, data: bytes | None = None) -> None:
    try:
        proc = subprocess.run(["git", "-C", str(cwd), *args], input=data,
                              capture_output=True, env=_git_env(), check=False)
    except FileNotFoundError:
        raise StoreError("the demo needs the git program, which is not on PATH") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise StoreError(f"git {args[0]} failed: {message[-1] if message else 'no output'}",
                         path=cwd)


def write_repo(root: Path, repo: RepoHistory, people: Mapping[str, tuple[str, str]],
               alt_emails: Mapping[str, str]) -> Path:
    """Write `repo` as a new git repository under root; `people` gives each handle's name and
    address, `alt_emails` the second address some commits use."""
    path = root / repo.name
    path.mkdir(parents=True)
    _git(path, "init", "-q", "-b", "main")
    _git(path, "fast-import", "--quiet", "--done",
         data=_fast_import_stream(repo, people, alt_emails))
    _git(path, "checkout", "-q", "-f", "main")
    return path
