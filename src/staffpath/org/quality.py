"""A codebase quality scorecard, from the measures staff engineers use to define quality.

The measures at a commit: the share of statically typed code, source files with a test file,
hot files (changed in more than half of recent changes), the size of modules' public
interfaces, and the use of the libraries the organisation prefers. The code is read by
`mining.code_facts`; here the organisation's settings apply and the measures are kept. Measures
at a commit never change, so each is cached by commit in the workspace and the database; the
trend reads a few past commits the same way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from staffpath.mining import code_facts, source_code
from staffpath.mining.code_facts import commit_before, hot_files, read_code, tip_commit
from staffpath.org import snapshots
from staffpath.workspace import QualityConfig

MEASURES_VERSION = 1  # bump when a measure changes, so cached results are read again
TREND_POINTS = 4  # past quarter ends shown in the trend
LARGEST = 5
EXAMPLES = 8


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


def measure(repo: Path, commit: str, config: QualityConfig) -> Measures:
    """Every measure at one commit of a repository."""
    code = read_code(repo, commit)
    recent, hot = hot_files(repo, commit, config.recent_changes, set(code.paths))
    libraries = tuple(_library_use(job, choice.use, choice.avoid, code.imports)
                      for job, choice in sorted(config.preferred.items()))
    sizes = code.interfaces
    ordered = sorted(sizes, key=lambda x: (-x[1], x[0]))
    return Measures(
        commit=commit, date=code.date, files=len(code.paths),
        python_functions=code.python_functions, python_annotated=code.python_annotated,
        python_unparsed=code.python_unparsed, ts_files=code.ts_files, js_files=code.js_files,
        source_files=code.source_files, tested_files=code.source_files - len(code.untested),
        untested_examples=code.untested[:EXAMPLES], recent_changes=recent,
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
    return snapshots.digest(KIND, snapshots.module_version(__name__),
                            snapshots.module_version(code_facts.__name__),
                            snapshots.module_version(source_code.__name__), MEASURES_VERSION,
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
    repo, tip = tip_commit(path, branch)
    current = cached_measure(repo, tip, config, cache, session)
    points: list[Measures] = []
    seen = {tip}
    for day in _quarter_ends(current.date, trend):
        sha = commit_before(repo, tip, day)
        if sha is None or sha in seen:
            continue
        seen.add(sha)
        points.append(cached_measure(repo, sha, config, cache, session))
    points.append(current)
    return Scorecard(repository=name, path=str(repo), current=current, trend=points)

