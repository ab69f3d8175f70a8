"""The authorship spans the key-person views read, as arrays per repository: which file, which
author, since when and until when; loaded once per mining version and kept as a snapshot."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from staffpath.mining.tables import AuthorshipSpan, MinedRepo
from staffpath.org import snapshots
from staffpath.org.cache import memo, mining_version

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]
OPEN = int(np.iinfo(np.int32).max)  # `until` of a span that is still open
COVERAGE = 0.5  # as in mining: more than half the files without an author
TOP_LEVEL = "(top level)"
TREND_POINTS = 8  # quarter ends shown before today


def area_of(path: str) -> str:
    """The area a file belongs to: its folder, at most two levels deep."""
    parts = path.split("/")[:-1]
    return "/".join(parts[:2]) if parts else TOP_LEVEL


# --- the data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RepoSpans:
    """One mined repository's authorship spans as parallel arrays."""

    id: int
    name: str
    path: str
    branch: str
    tip: str | None
    files: tuple[str, ...]  # file index -> path
    areas: tuple[str, ...]  # area index -> area
    file_area: I32  # file index -> area index
    who: tuple[str, ...]  # author index -> author key ("p:<person id>" or "x:...")
    who_person: tuple[int | None, ...]
    who_pid: I64  # author index -> person id, -1 when not on the roster
    key_rank: I32  # author index -> position of its key in sorted order (ties in the greedy)
    file: I32  # per span: file index
    author: I32  # per span: author index
    since: I32  # per span: first day (ordinal)
    until: I32  # per span: day it ended (ordinal), OPEN while still open

    @property
    def first_day(self) -> dt.date | None:
        return dt.date.fromordinal(int(self.since.min())) if len(self.since) else None


def load_spans(session: Session) -> list[RepoSpans]:
    """Every mined repository's spans (memoised until a repository is mined again)."""
    return memo(session, "spans", mining_version(session), lambda: _load(session))


_ARRAYS = ("file_area", "who_pid", "key_rank", "file", "author", "since", "until")


def span_inputs(session: Session) -> dict[int, str]:
    """Per mined repository, a digest of what its spans are read from: the repository's
    record (every mining run sets `mined_at`) and its spans' count and newest id."""
    counts = {repo_id: (n, top) for repo_id, n, top in session.execute(
        select(AuthorshipSpan.repo_id, func.count(AuthorshipSpan.id),
               func.max(AuthorshipSpan.id)).group_by(AuthorshipSpan.repo_id))}
    return {r.id: snapshots.digest("spans", r.id, r.name, r.path, r.branch, r.tip,
                                   str(r.mined_at), r.commits, counts.get(r.id))
            for r in session.execute(select(MinedRepo.id, MinedRepo.name, MinedRepo.path,
                                            MinedRepo.branch, MinedRepo.tip,
                                            MinedRepo.mined_at, MinedRepo.commits))}


def _load(session: Session) -> list[RepoSpans]:
    repos = list(session.execute(select(MinedRepo.id, MinedRepo.name, MinedRepo.path,
                                        MinedRepo.branch, MinedRepo.tip)
                                 .order_by(MinedRepo.name, MinedRepo.id)))
    wanted = span_inputs(session)
    stored = snapshots.read(session, "spans")
    kept: dict[int, RepoSpans] = {}
    for r in repos:
        found = stored.get(str(r.id))
        if found is not None and found[0] == wanted.get(r.id):
            kept[r.id] = _decode(r, found[1], found[2])
    todo = [r for r in repos if r.id not in kept]
    if todo:
        built = _read_spans(session, todo)
        snapshots.write(session, "spans", {
            str(s.id): (wanted[s.id], *_encode(s)) for s in built if s.id in wanted},
            keep=[str(r.id) for r in repos])
        kept.update((s.id, s) for s in built)
    return [kept[r.id] for r in repos]


def _encode(s: RepoSpans) -> tuple[str, bytes]:
    layout, data = snapshots.pack_arrays({name: getattr(s, name) for name in _ARRAYS})
    text = json.dumps({"files": s.files, "areas": s.areas, "who": s.who,
                       "who_person": s.who_person, "layout": layout}, ensure_ascii=False)
    return text, data


def _decode(r: Any, text: str, data: bytes) -> RepoSpans:
    names = json.loads(text)
    arrays = snapshots.unpack_arrays(names["layout"], data)
    return RepoSpans(id=r.id, name=r.name, path=r.path, branch=r.branch or "", tip=r.tip,
                     files=tuple(names["files"]), areas=tuple(names["areas"]),
                     who=tuple(names["who"]), who_person=tuple(names["who_person"]),
                     **arrays)


def _read_spans(session: Session, repos: Sequence[Any]) -> list[RepoSpans]:
    rows: dict[int, list[tuple[str, str, int | None, dt.date, dt.date | None]]] = {
        r.id: [] for r in repos}
    connection = session.connection()
    table = AuthorshipSpan.__table__
    for start in range(0, len(repos), 100):
        chosen = [r.id for r in repos[start:start + 100]]
        for repo_id, path, key, person, since, until in connection.execute(
                select(table.c.repo_id, table.c.path, table.c.author_key, table.c.person_id,
                       table.c.since, table.c.until).where(table.c.repo_id.in_(chosen))):
            rows[repo_id].append((path, key, person, since, until))
    out = []
    for r in repos:
        spans = rows.get(r.id, [])
        files = sorted({s[0] for s in spans})
        file_index = {p: n for n, p in enumerate(files)}
        who = sorted({s[1] for s in spans})
        who_index = {k: n for n, k in enumerate(who)}
        person_of: dict[str, int | None] = {}
        for s in spans:
            if s[2] is not None or s[1] not in person_of:
                person_of[s[1]] = s[2]
        areas = sorted({area_of(p) for p in files})
        area_index = {a: n for n, a in enumerate(areas)}
        out.append(RepoSpans(
            id=r.id, name=r.name, path=r.path, branch=r.branch or "", tip=r.tip,
            files=tuple(files), areas=tuple(areas),
            file_area=np.array([area_index[area_of(p)] for p in files], dtype=np.int32),
            who=tuple(who), who_person=tuple(person_of.get(k) for k in who),
            who_pid=np.array([-1 if person_of.get(k) is None else person_of[k] for k in who],
                             dtype=np.int64),
            key_rank=np.arange(len(who), dtype=np.int32),  # `who` is sorted already
            file=np.array([file_index[s[0]] for s in spans], dtype=np.int32),
            author=np.array([who_index[s[1]] for s in spans], dtype=np.int32),
            since=np.array([s[3].toordinal() for s in spans], dtype=np.int32),
            until=np.array([s[4].toordinal() if s[4] else OPEN for s in spans],
                           dtype=np.int32)))
    return out

