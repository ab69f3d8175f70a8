"""Reading a repository's code at one commit, for the quality scorecard (`org.quality`): its
files and what the Python, TypeScript and JavaScript among them say, the files changed most
in recent changes, and which commit stood at a date. Git plumbing only: nothing is written
into the repository.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from staffpath.errors import InputError
from staffpath.mining.change_stream import stream_changes
from staffpath.mining.git import BlobReader, files_at, open_repo, read_text, run_git
from staffpath.mining.source_code import (
    JS,
    PY,
    TS,
    is_code,
    is_source_file,
    is_test_file,
    js_imports,
    js_public_names,
    parse_python,
    python_facts,
    python_public_names,
    test_subjects,
)


@dataclass(frozen=True)
class CodeFacts:
    """What a commit's code holds, before any of the organisation's preferences apply."""

    commit: str
    date: dt.date  # the commit's, in UTC
    paths: tuple[str, ...]  # files (not submodules), sorted
    python_functions: int  # in code, not tests
    python_annotated: int
    python_unparsed: int  # Python files the parser refused
    ts_files: int  # code, not tests
    js_files: int
    source_files: int  # code that should have a test
    untested: tuple[str, ...]  # those no test file is named after, in path order
    interfaces: tuple[tuple[str, int], ...]  # module, public names; in path order
    imports: dict[str, set[str]]  # packages each Python, TypeScript or JavaScript file imports


def read_code(repo: Path, commit: str) -> CodeFacts:
    """Read every file at a commit and what its code says."""
    tree = {p: link for p, link in files_at(repo, commit).items() if not link}
    paths = sorted(tree)
    date = dt.datetime.fromtimestamp(int(run_git(
        repo, "log", "-1", "--format=%ct", "--end-of-options", commit).strip() or 0),
        dt.UTC).date()
    functions = annotated = unparsed = 0
    sizes: list[tuple[str, int]] = []
    imports: dict[str, set[str]] = {}
    reader = BlobReader(repo)
    try:
        for path in paths:
            ext = PurePosixPath(path).suffix
            if ext not in PY | TS | JS:
                continue
            text = read_text(reader, commit, path)
            if text is None:
                continue
            code = is_code(path)
            if ext in PY:
                try:
                    module = parse_python(text)
                except (SyntaxError, ValueError, RecursionError, MemoryError):
                    unparsed += 1
                    continue
                f, a, imports[path] = python_facts(module)
                if not code:
                    continue
                functions, annotated = functions + f, annotated + a
                names = python_public_names(module)
                # A package's __init__ is an interface only when it exports something.
                if names or PurePosixPath(path).name != "__init__.py":
                    sizes.append((path, len(names)))
            else:
                imports[path] = js_imports(text)
                if code:
                    sizes.append((path, len(js_public_names(text))))
    finally:
        reader.close()
    sources = [p for p in paths if is_source_file(p)]
    named_by_tests = set().union(*(test_subjects(p) for p in paths if is_test_file(p)))
    untested = [p for p in sources if PurePosixPath(p).name not in named_by_tests]
    return CodeFacts(
        commit=commit, date=date, paths=tuple(paths), python_functions=functions,
        python_annotated=annotated, python_unparsed=unparsed,
        ts_files=sum(1 for p in paths if PurePosixPath(p).suffix in TS and is_code(p)),
        js_files=sum(1 for p in paths if PurePosixPath(p).suffix in JS and is_code(p)),
        source_files=len(sources), untested=tuple(untested), interfaces=tuple(sizes),
        imports=imports)


def hot_files(repo: Path, commit: str, recent: int, present: set[str]
              ) -> tuple[int, list[tuple[str, int]]]:
    """Files (still present) changed in more than half of the last `recent` changes, with how
    many they were part of; and how many changes were read."""
    shas = run_git(repo, "rev-list", "--no-merges", f"--max-count={recent}",
                   "--end-of-options", commit).decode("ascii").split()
    counts: Counter[str] = Counter()
    for _sha, changes in stream_changes(repo, shas, jobs=1):
        counts.update({c.path for c in changes if not c.gitlink})
    hot = [(p, n) for p, n in counts.items() if n * 2 > len(shas) and p in present]
    hot.sort(key=lambda x: (-x[1], x[0]))
    return len(shas), hot


def tip_commit(path: Path, branch: str | None) -> tuple[Path, str]:
    """A repository's folder (resolved) and the commit at its branch (or HEAD)."""
    info = open_repo(path)
    ref = branch or "HEAD"
    out = run_git(info.path, "rev-parse", "--verify", "--quiet", "--end-of-options",
                  f"{ref}^{{commit}}", check=False).strip()
    if not out:
        raise InputError(f"no commit at {ref}", path=path)
    return info.path, out.decode("ascii")


def commit_before(repo: Path, tip: str, day: dt.date) -> str | None:
    """The newest commit reachable from tip that was committed by the end of a day (UTC)."""
    out = run_git(repo, "rev-list", "-1", f"--before={day.isoformat()} 23:59:59 +0000",
                  "--end-of-options", tip).strip()
    return out.decode("ascii") if out else None
