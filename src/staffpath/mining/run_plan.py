"""Planning a mining run: which commits to read, and whether the saved state of the last run
can be added to (only the new commits) or must be read again from the start."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from staffpath.mining.git import (
    CommitMeta,
    RepoInfo,
    is_ancestor,
    list_commits,
    open_repo,
    resolve_tip,
    run_git,
)
from staffpath.mining.history import STATE_VERSION, unpack_state
from staffpath.mining.identity_resolution import Directory, Resolution, pair_of, resolve

STATE_FORMAT = 1  # of the saved state's outer layer; History has its own version inside


@dataclass(frozen=True)
class SavedRecord:
    """The stored record of an earlier run of a repository: its id and packed state."""

    id: int
    state: bytes | None


@dataclass
class RunPlan:
    """What one mine reads, and what it starts from."""

    info: RepoInfo
    tip: str | None
    branch: str | None
    evidence: bool  # whether this run writes evidence entries
    record: SavedRecord | None
    directory: Directory
    state: dict[str, Any] | None  # the last run's, when only new commits are read
    commits: list[CommitMeta]
    mailmap: str
    since: str | None  # as given to git
    pairs: dict[tuple[str, str], int]
    resolution: Resolution
    incremental: bool
    warnings: list[str] = field(default_factory=list)

    def root_commit(self) -> str:
        """The history's first commit (the oldest, when it has several roots)."""
        if self.commits and not self.commits[0].parents:
            return self.commits[0].sha
        if self.tip is None:
            return ""
        out = run_git(self.info.path, "rev-list", "--max-parents=0", "--end-of-options",
                      self.tip)
        roots = sorted(out.decode("ascii").split())
        return roots[0] if roots else ""


def _mailmap_digest(info: RepoInfo) -> str:
    """A fingerprint of the .mailmap git applies, so a changed mailmap means a full re-mine."""
    h = hashlib.sha1(usedforsecurity=False)
    if info.bare:
        h.update(run_git(info.path, "cat-file", "-p", "HEAD:.mailmap", check=False))
    else:
        with contextlib.suppress(OSError):
            h.update((info.path / ".mailmap").read_bytes())
    h.update(run_git(info.path, "config", "--get-regexp", r"^mailmap\.", check=False))
    return h.hexdigest()


def plan_run(path: Path, *, branch: str | None, since: dt.date | None, full: bool,
             evidence: bool, record: SavedRecord | None, directory: Directory) -> RunPlan:
    """Decide what to read: only the commits since the last run, unless something changed
    that makes the saved state wrong (identities regrouped, history rewritten, mailmap).

    Reads no database: `record` and `directory` are what the coordinator read for it, so the
    plan can be made on a worker."""
    info = open_repo(path)
    tip = resolve_tip(info.path, branch)
    state = None
    if record is not None and record.state is not None and not full:
        state = unpack_state(record.state)
    # A bare date would make git use the current time of day; the day starts at midnight UTC.
    since_text = f"{since.isoformat()} 00:00:00 +0000" if since else None
    mailmap = _mailmap_digest(info)
    warnings: list[str] = []
    old_pairs: dict[tuple[str, str], int] = {}
    incremental = False
    if state is not None and tip is not None:
        old_pairs = {(p[0], p[1]): p[2] for p in state["pairs"]}
        incremental = (state.get("tip") is not None and state.get("since") == since_text
                       and state.get("mailmap") == mailmap
                       and state.get("format") == STATE_FORMAT
                       # A state an older version saved is read again from the start.
                       and (state.get("history") or {}).get("version") == STATE_VERSION
                       and not (evidence and state.get("evidence_pending"))
                       and is_ancestor(info.path, state["tip"], tip))
    listed_new_only = incremental
    commits = list_commits(info.path, tip, exclude=state["tip"] if incremental and state
                           else None, since=since_text) if tip else []
    pairs = _count_pairs(commits, old_pairs if incremental else {})
    resolution = resolve(directory, pairs)
    if incremental and state is not None and resolution.digest(old_pairs) != state["identities"]:
        warnings.append("identities were regrouped since the last run; "
                        "read the whole history again")
        incremental = False
    if listed_new_only and not incremental and tip is not None:
        commits = list_commits(info.path, tip, since=since_text)
        pairs = _count_pairs(commits, {})
        resolution = resolve(directory, pairs)
    return RunPlan(info=info, tip=tip, branch=branch, evidence=evidence, record=record,
                   directory=directory, state=state if incremental else None, commits=commits,
                   mailmap=mailmap, since=since_text, pairs=pairs, resolution=resolution,
                   incremental=incremental, warnings=warnings)


def _count_pairs(commits: Sequence[CommitMeta], start: dict[tuple[str, str], int]
                 ) -> dict[tuple[str, str], int]:
    pairs = dict(start)
    for c in commits:
        pair = pair_of(c.name, c.email)
        pairs[pair] = pairs.get(pair, 0) + 1
    return pairs
