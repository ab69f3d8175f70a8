"""A codebase quality scorecard, from the measures staff engineers use to define quality.

Read from a repository's commits with git plumbing only (nothing is written into it):
the share of statically typed code, source files with a test file, hot files (changed in more
than half of recent changes), the size of modules' public interfaces, and the use of the
libraries the organisation prefers. Measures at a commit never change, so each is cached by
commit in the workspace; the trend reads a few past commits the same way.
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import hashlib
import json
import re
import statistics
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy.orm import Session

from staffpath.errors import InputError
from staffpath.mining.change_stream import stream_changes
from staffpath.mining.git import BlobReader, files_at, open_repo, read_text, run_git
from staffpath.org import snapshots
from staffpath.workspace import QualityConfig

MEASURES_VERSION = 1  # bump when a measure changes, so cached results are read again
TREND_POINTS = 4  # past quarter ends shown in the trend
LARGEST = 5
EXAMPLES = 8

PY = frozenset({".py"})
TS = frozenset({".ts", ".tsx", ".mts", ".cts"})
JS = frozenset({".js", ".jsx", ".mjs", ".cjs"})
OTHER_SOURCE = frozenset({".go", ".java", ".kt", ".swift", ".rb"})
TEST_DIRS = frozenset({"test", "tests", "__tests__", "spec", "specs", "testing"})
NOT_MODULES = frozenset({"__init__.py", "conftest.py", "setup.py", "__main__.py"})


# --- naming conventions for tests ------------------------------------------------------------


def _suffix(name: str) -> str:
    return PurePosixPath(name).suffix


def is_test_file(path: str) -> bool:
    """Whether a path is a test by its language's naming convention."""
    p = PurePosixPath(path)
    name, ext = p.name, p.suffix
    if ext in PY:
        return name.startswith("test_") or name.endswith("_test.py")
    if ext in TS | JS:
        return bool(re.search(r"\.(?:test|spec)\.[cm]?[jt]sx?$", name)) or "__tests__" in p.parts
    if ext == ".go":
        return name.endswith("_test.go")
    if ext in (".java", ".kt", ".swift"):
        return bool(re.search(r"Tests?\.(?:java|kt|swift)$", name))
    if ext == ".rb":
        return name.endswith(("_spec.rb", "_test.rb"))
    return False


def test_subjects(path: str) -> set[str]:
    """The source file names a test file is named after ("test_cart.py" -> "cart.py")."""
    p = PurePosixPath(path)
    name, ext = p.name, p.suffix
    out: set[str] = set()
    if ext in PY:
        if name.startswith("test_"):
            out.add(name.removeprefix("test_"))
        if name.endswith("_test.py"):
            out.add(name.removesuffix("_test.py") + ".py")
    elif ext in TS | JS:
        m = re.match(r"(.+)\.(?:test|spec)(\.[cm]?[jt]sx?)$", name)
        stem = m.group(1) if m else p.stem
        out |= {stem + e for e in TS | JS}
    elif ext == ".go":
        out.add(name.removesuffix("_test.go") + ".go")
    elif ext in (".java", ".kt", ".swift"):
        m = re.match(r"(.+?)Tests?(\.\w+)$", name)
        if m:
            out.add(m.group(1) + m.group(2))
    elif ext == ".rb":
        out.add(re.sub(r"_(?:spec|test)\.rb$", ".rb", name))
    return out


def is_source_file(path: str) -> bool:
    """Code that should have a test: a known language, not a test, not test support."""
    p = PurePosixPath(path)
    if p.suffix not in PY | TS | JS | OTHER_SOURCE or p.name.endswith(".d.ts"):
        return False
    if p.name in NOT_MODULES or is_test_file(path):
        return False
    return not (TEST_DIRS & set(p.parts[:-1]))


# CPython 3.11's parser keeps recursion-depth state that concurrent threads can corrupt
# ("AST constructor recursion depth mismatch"), and a web server measures in threads.
_PARSE_LOCK = threading.Lock()


def _parse(text: str) -> ast.Module:
    with _PARSE_LOCK:
        return ast.parse(text)


def _is_code(path: str) -> bool:
    """Code whose typing and interface count: source files, and packages' __init__."""
    p = PurePosixPath(path)
    if p.name == "__init__.py":
        return not (TEST_DIRS & set(p.parts[:-1]))
    return is_source_file(path)


# --- reading code ------------------------------------------------------------------------------


def python_facts(tree: ast.AST) -> tuple[int, int, set[str]]:
    """(functions, annotated functions, top-level packages imported), in one walk."""
    # Any annotation makes a function typed: mypy's own line between typed and untyped.
    # Relative imports are the project's own, so they are not counted.
    total = annotated = 0
    imports: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            total += 1
            args = node.args
            params = [*args.posonlyargs, *args.args, *args.kwonlyargs,
                      *(a for a in (args.vararg, args.kwarg) if a is not None)]
            if node.returns is not None or any(a.annotation is not None for a in params):
                annotated += 1
        elif isinstance(node, ast.Import):
            imports |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imports.add(node.module.split(".")[0])
    return total, annotated, imports


def python_public_names(tree: ast.Module) -> list[str]:
    """A module's public names: `__all__`, else top-level names without a leading `_`."""
    declared: list[str] | None = None
    names: list[str] = []
    for node in tree.body:
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets, value = [node.target], node.value
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            if isinstance(value, ast.List | ast.Tuple):
                listed = [e.value for e in value.elts
                          if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                kept = (declared or []) if isinstance(node, ast.AugAssign) else []
                declared = [*kept, *listed]
            continue
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.append(node.name)
        for t in targets:
            if isinstance(t, ast.Name):
                names.append(t.id)
            elif isinstance(t, ast.Tuple):
                names += [e.id for e in t.elts if isinstance(e, ast.Name)]
    if declared is not None:
        return list(dict.fromkeys(declared))
    return list(dict.fromkeys(n for n in names if not n.startswith("_")))


_JS_EXPORT_DECL = re.compile(
    r"^\s*export\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:abstract\s+)?"
    r"(?:function\*?|class|const|let|var|interface|type|enum|namespace)\s+([A-Za-z_$][\w$]*)",
    re.MULTILINE)
_JS_EXPORT_LIST = re.compile(r"^\s*export\s+(?:type\s+)?\{([^}]*)\}", re.MULTILINE)
# A default export of an expression (a named function or class is counted by its name).
_JS_EXPORT_DEFAULT = re.compile(
    r"^\s*export\s+default\s+(?!(?:abstract\s+)?(?:async\s+)?(?:function\*?|class)\s+[A-Za-z_$])",
    re.MULTILINE)
_JS_IMPORT = re.compile(
    r"""(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"'\n]+)["']""")


def js_public_names(text: str) -> list[str]:
    """Names a TypeScript or JavaScript module exports."""
    names = _JS_EXPORT_DECL.findall(text)
    for group in _JS_EXPORT_LIST.findall(text):
        for part in group.split(","):
            part = part.strip()
            if part:
                names.append(part.split(" as ")[-1].strip())
    if _JS_EXPORT_DEFAULT.search(text) and "default" not in names:
        names.append("default")
    return list(dict.fromkeys(names))


def js_imports(text: str) -> set[str]:
    """Packages a TypeScript or JavaScript module imports (relative paths are its own)."""
    out = set()
    for spec in _JS_IMPORT.findall(text):
        if spec.startswith((".", "/")):
            continue
        parts = spec.split("/")
        out.add("/".join(parts[:2]) if spec.startswith("@") else parts[0])
    return out


# --- the measures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LibraryUse:
    """One job's preferred library against the ones to move off, counted in files."""

    job: str
    use: str
    avoid: tuple[str, ...]
    preferred_files: int
    avoided_files: int
    avoided_examples: tuple[str, ...]

    @property
    def share(self) -> float | None:
        total = self.preferred_files + self.avoided_files
        return round(self.preferred_files / total, 3) if total else None


@dataclass(frozen=True)
class Measures:
    """Every measure at one commit."""

    commit: str
    date: dt.date
    files: int
    python_functions: int
    python_annotated: int
    python_unparsed: int
    ts_files: int
    js_files: int
    source_files: int
    tested_files: int
    untested_examples: tuple[str, ...]
    recent_changes: int
    hot_files: tuple[tuple[str, int], ...]  # path, changes it was part of
    modules: int
    interface_sizes: tuple[int, ...]  # public names per module, sorted
    largest_interfaces: tuple[tuple[str, int], ...]
    libraries: tuple[LibraryUse, ...] = ()

    @property
    def annotated_share(self) -> float | None:
        f = self.python_functions
        return round(self.python_annotated / f, 3) if f else None

    @property
    def ts_share(self) -> float | None:
        n = self.ts_files + self.js_files
        return round(self.ts_files / n, 3) if n else None

    @property
    def tested_share(self) -> float | None:
        n = self.source_files
        return round(self.tested_files / n, 3) if n else None

    @property
    def interface_median(self) -> float | None:
        return float(statistics.median(self.interface_sizes)) if self.interface_sizes else None

    def summary(self) -> dict[str, Any]:
        """The headline numbers (what the trend shows)."""
        return {"commit": self.commit, "date": self.date.isoformat(),
                "annotated_share": self.annotated_share, "ts_share": self.ts_share,
                "tested_share": self.tested_share, "hot_files": len(self.hot_files),
                "interface_median": self.interface_median,
                "preferred_share": {lib.job: lib.share for lib in self.libraries}}

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.summary(), "files": self.files,
            "python": {"functions": self.python_functions, "annotated": self.python_annotated,
                       "unparsed_files": self.python_unparsed},
            "typescript": {"ts_files": self.ts_files, "js_files": self.js_files},
            "tests": {"source_files": self.source_files, "with_test": self.tested_files,
                      "untested_examples": list(self.untested_examples)},
            "hot": {"recent_changes": self.recent_changes,
                    "files": [{"path": p, "changes": n} for p, n in self.hot_files]},
            "interfaces": {"modules": self.modules, "median": self.interface_median,
                           "max": max(self.interface_sizes, default=0),
                           "largest": [{"module": p, "public_names": n}
                                       for p, n in self.largest_interfaces]},
            "libraries": [{"job": lib.job, "use": lib.use, "avoid": list(lib.avoid),
                           "preferred_files": lib.preferred_files,
                           "avoided_files": lib.avoided_files, "share": lib.share,
                           "avoided_examples": list(lib.avoided_examples)}
                          for lib in self.libraries],
        }


def _measures_to_json(m: Measures) -> dict[str, Any]:
    data = asdict(m)
    data["date"] = m.date.isoformat()
    return data


def _measures_from_json(data: dict[str, Any]) -> Measures:
    libs = tuple(LibraryUse(job=x["job"], use=x["use"], avoid=tuple(x["avoid"]),
                            preferred_files=x["preferred_files"],
                            avoided_files=x["avoided_files"],
                            avoided_examples=tuple(x["avoided_examples"]))
                 for x in data["libraries"])
    return Measures(
        commit=data["commit"], date=dt.date.fromisoformat(data["date"]), files=data["files"],
        python_functions=data["python_functions"], python_annotated=data["python_annotated"],
        python_unparsed=data["python_unparsed"], ts_files=data["ts_files"],
        js_files=data["js_files"], source_files=data["source_files"],
        tested_files=data["tested_files"],
        untested_examples=tuple(data["untested_examples"]),
        recent_changes=data["recent_changes"],
        hot_files=tuple((p, n) for p, n in data["hot_files"]), modules=data["modules"],
        interface_sizes=tuple(data["interface_sizes"]),
        largest_interfaces=tuple((p, n) for p, n in data["largest_interfaces"]),
        libraries=libs)


def _hot_files(repo: Path, commit: str, recent: int, present: set[str]
               ) -> tuple[int, list[tuple[str, int]]]:
    """Files (still present) changed in more than half of the last `recent` changes."""
    shas = run_git(repo, "rev-list", "--no-merges", f"--max-count={recent}",
                   "--end-of-options", commit).decode("ascii").split()
    counts: Counter[str] = Counter()
    for _sha, changes in stream_changes(repo, shas, jobs=1):
        counts.update({c.path for c in changes if not c.gitlink})
    hot = [(p, n) for p, n in counts.items() if n * 2 > len(shas) and p in present]
    hot.sort(key=lambda x: (-x[1], x[0]))
    return len(shas), hot


def measure(repo: Path, commit: str, config: QualityConfig) -> Measures:
    """Every measure at one commit of a repository."""
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
            ext = _suffix(path)
            if ext not in PY | TS | JS:
                continue
            text = read_text(reader, commit, path)
            if text is None:
                continue
            code = _is_code(path)
            if ext in PY:
                try:
                    module = _parse(text)
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
    tested = [p for p in sources if PurePosixPath(p).name in named_by_tests]
    untested = [p for p in sources if PurePosixPath(p).name not in named_by_tests]
    recent, hot = _hot_files(repo, commit, config.recent_changes, set(paths))
    libraries = tuple(_library_use(job, choice.use, choice.avoid, imports)
                      for job, choice in sorted(config.preferred.items()))
    ordered = sorted(sizes, key=lambda x: (-x[1], x[0]))
    return Measures(
        commit=commit, date=date, files=len(paths), python_functions=functions,
        python_annotated=annotated, python_unparsed=unparsed,
        ts_files=sum(1 for p in paths if _suffix(p) in TS and _is_code(p)),
        js_files=sum(1 for p in paths if _suffix(p) in JS and _is_code(p)),
        source_files=len(sources), tested_files=len(tested),
        untested_examples=tuple(untested[:EXAMPLES]), recent_changes=recent,
        hot_files=tuple(hot), modules=len(sizes),
        interface_sizes=tuple(sorted(n for _p, n in sizes)),
        largest_interfaces=tuple(ordered[:LARGEST]), libraries=libraries)


def _library_use(job: str, use: str, avoid: Iterable[str], imports: Mapping[str, set[str]]
                 ) -> LibraryUse:
    avoid = tuple(avoid)
    preferred = sorted(p for p, names in imports.items() if use in names)
    avoided = sorted(p for p, names in imports.items() if names & set(avoid))
    return LibraryUse(job, use, avoid, len(preferred), len(avoided), tuple(avoided[:EXAMPLES]))


# --- the scorecard ------------------------------------------------------------------------------


@dataclass
class Scorecard:
    """A repository's measures now and at a few past commits."""

    repository: str
    path: str
    current: Measures
    trend: list[Measures] = field(default_factory=list)

    def as_dict(self, *, anonymous: bool = False) -> dict[str, Any]:
        # Nothing here names a person: the anonymous form is the same.
        return {"repository": self.repository, "path": self.path,
                "current": self.current.as_dict(),
                "trend": [m.summary() for m in self.trend]}


def _config_digest(config: QualityConfig) -> str:
    text = json.dumps(config.model_dump(mode="json"), sort_keys=True)
    return hashlib.sha1(f"{MEASURES_VERSION}\0{text}".encode(),
                        usedforsecurity=False).hexdigest()[:12]


def cached_measure(repo: Path, commit: str, config: QualityConfig, cache: Path | None,
                   session: Session | None = None) -> Measures:
    """`measure`, read from or written to the database (with a session) and the cache folder
    (when one is given)."""
    kept = _stored(session, commit, config) if session is not None else None
    if kept is not None:
        return kept
    file = cache / f"{commit}-{_config_digest(config)}.json" if cache is not None else None
    result: Measures | None = None
    if file is not None and file.is_file():
        # A damaged cache entry is measured again.
        with contextlib.suppress(ValueError, KeyError, TypeError):
            result = _measures_from_json(json.loads(file.read_text(encoding="utf-8")))
    if result is None:
        result = measure(repo, commit, config)
        if file is not None:
            try:
                file.parent.mkdir(parents=True, exist_ok=True)
                tmp = file.with_suffix(".tmp")
                tmp.write_text(json.dumps(_measures_to_json(result)), encoding="utf-8")
                tmp.replace(file)
            except OSError:
                pass  # a read-only workspace only loses the cache
    if session is not None:
        _store(session, commit, config, result)
    return result


# Measures kept in the database (`org_snapshots`, kind "quality"): a commit's measures never
# change, so the key is the commit, the configuration and the code that measures.
KIND = "quality"


def _scope(commit: str, config: QualityConfig) -> str:
    return f"{commit}:{_config_digest(config)}"


def _inputs(commit: str, config: QualityConfig) -> str:
    return snapshots.digest(KIND, snapshots.module_version(__name__), MEASURES_VERSION,
                            commit, _config_json(config))


def _config_json(config: QualityConfig) -> str:
    return json.dumps(config.model_dump(mode="json"), sort_keys=True)


def _stored(session: Session, commit: str, config: QualityConfig) -> Measures | None:
    scope = _scope(commit, config)
    found = snapshots.read(session, KIND, [scope]).get(scope)
    if found is None or found[0] != _inputs(commit, config):
        return None
    try:
        return _measures_from_json(json.loads(found[1])["measures"])
    except (ValueError, KeyError, TypeError):
        return None


def _store(session: Session, commit: str, config: QualityConfig, m: Measures) -> None:
    text = json.dumps({"config": json.loads(_config_json(config)),
                       "measures": _measures_to_json(m)}, ensure_ascii=False)
    snapshots.write(session, KIND, {_scope(commit, config): (_inputs(commit, config), text,
                                                             b"")})


def stored_configs(session: Session) -> list[QualityConfig]:
    """Every configuration some scorecard was measured with (what a warm-up measures the
    next tip with), the default first."""
    seen = {_config_json(QualityConfig()): QualityConfig()}
    for _digest, text, _data in snapshots.read(session, KIND).values():
        try:
            config = QualityConfig.model_validate(json.loads(text)["config"])
        except (ValueError, KeyError, TypeError):
            continue
        seen.setdefault(_config_json(config), config)
    return list(seen.values())


def _commit_before(repo: Path, tip: str, day: dt.date) -> str | None:
    out = run_git(repo, "rev-list", "-1", f"--before={day.isoformat()} 23:59:59 +0000",
                  "--end-of-options", tip).strip()
    return out.decode("ascii") if out else None


def _quarter_ends(before: dt.date, points: int) -> list[dt.date]:
    out: list[dt.date] = []
    year, quarter = before.year, (before.month - 1) // 3
    while len(out) < points:
        if quarter == 0:
            year, quarter = year - 1, 4
        end = (dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, quarter * 3 + 1, 1)
               ) - dt.timedelta(days=1)
        out.append(end)
        quarter -= 1
    return list(reversed(out))


def scorecard(name: str, path: Path, branch: str | None, config: QualityConfig, *,
              cache: Path | None = None, trend: int = TREND_POINTS,
              session: Session | None = None) -> Scorecard:
    """The scorecard of a repository's current tip, with measures at past quarter ends
    (each measure kept in the database with a session, and in the `cache` folder)."""
    info = open_repo(path)
    ref = branch or "HEAD"
    out = run_git(info.path, "rev-parse", "--verify", "--quiet", "--end-of-options",
                  f"{ref}^{{commit}}", check=False).strip()
    if not out:
        raise InputError(f"no commit at {ref}", path=path)
    tip = out.decode("ascii")
    current = cached_measure(info.path, tip, config, cache, session)
    points: list[Measures] = []
    seen = {tip}
    for day in _quarter_ends(current.date, trend):
        sha = _commit_before(info.path, tip, day)
        if sha is None or sha in seen:
            continue
        seen.add(sha)
        points.append(cached_measure(info.path, sha, config, cache, session))
    points.append(current)
    return Scorecard(repository=name, path=str(info.path), current=current, trend=points)
