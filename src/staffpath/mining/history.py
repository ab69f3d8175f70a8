"""Replaying commits in order: per-file authorship over time, ownership, and per-person facts.

Everything the mine keeps between runs lives here and is saved as compressed JSON, so a second
run starts from where the first stopped and reads only new commits.

The replay needs only which files each commit touched. The lines a cross-team fact quotes
(glue facts are told in commits and days) are claimed here (`line_claims`: which facts each
changed file adds its lines to) and counted afterwards for those commits only
(`line_counts.count_fact_lines`).
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from staffpath.errors import StoreError
from staffpath.mining.authorship_degree import file_authors
from staffpath.mining.codeowners import LOCATIONS
from staffpath.mining.git import CommitMeta, shown
from staffpath.mining.gitlog import FileChange
from staffpath.mining.ownership import Ownership
from staffpath.mining.rules import MiningRules

STATE_VERSION = 5  # 4: per-author totals without line counts; 5: glue facts keep files, no lines
MAX_SPREAD_FILES = 40  # per person, period and new author: enough to cite, bounded in size
MAX_FACT_FILES = 4  # the evidence body names up to four examples
ALL_GLUE = "*"
ALL_TEAMS = "*"


class FileState:
    """The authorship record of one file, following it through renames."""

    __slots__ = ("alive", "authors", "counts", "creator", "ever", "path", "span_path", "total")

    def __init__(self, path: str, creator: int | None):
        self.path = path
        self.span_path = path  # the path its open authorship spans are recorded under
        self.creator = creator
        self.counts: dict[int, int] = {}
        self.total = 0
        self.authors: frozenset[int] = frozenset()
        self.ever: set[int] = set()
        self.alive = True


@dataclass
class Fact:
    """Commits of one person in one period that share a kind (a team touched, a glue area)."""

    commits: int = 0
    added: int = 0
    deleted: int = 0
    days: set[int] = field(default_factory=set)
    files: list[str] = field(default_factory=list)
    first: tuple[int, str] = (0, "")
    last: tuple[int, str] = (0, "")

    def add(self, t: int, sha: str, day: int) -> None:
        self.commits += 1
        self.days.add(day)
        if not self.first[1] or (t, sha) < self.first:
            self.first = (t, sha)
        if (t, sha) > self.last:
            self.last = (t, sha)

    def note_file(self, path: str) -> None:
        if len(self.files) < MAX_FACT_FILES and path not in self.files:
            self.files.append(path)

    def dump(self) -> list[Any]:
        return [self.commits, self.added, self.deleted, sorted(self.days), self.files,
                list(self.first), list(self.last)]

    @classmethod
    def load(cls, data: list[Any]) -> Fact:
        return cls(commits=data[0], added=data[1], deleted=data[2], days=set(data[3]),
                   files=list(data[4]), first=(data[5][0], data[5][1]),
                   last=(data[6][0], data[6][1]))


@dataclass
class DocFact:
    """A design document or decision record, and who created it."""

    author: int
    path: str
    kind: str  # design_doc | decision_record
    sha: str
    time: int
    state: FileState | None = None  # to find the document's current path after renames


@dataclass
class Totals:
    """One author's commits over the whole history mined (no line counts: reading them for
    every commit would cost git a content diff of every change)."""

    commits: int = 0
    merges: int = 0
    first: int = 0
    last: int = 0


def period_of(t: int, kind: str) -> str:
    d = dt.datetime.fromtimestamp(t, dt.UTC)
    if kind == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"


SpanEvent = tuple[str, int, int, bool]  # path, author index, day ordinal, opened?
# Per commit: (index of a change among the commit's changes, its path, the facts its lines add
# to; a fact listed twice gets the lines twice, as "*" does for a file two other teams own).
LineClaims = list[tuple[int, str, list[Fact]]]


def _fact(facts: dict[tuple[int, str, str], Fact], key: tuple[int, str, str]) -> Fact:
    fact = facts.get(key)
    if fact is None:
        fact = facts[key] = Fact()
    return fact


class History:
    """The replay: feed commits in order with `apply`; all results are attributes."""

    def __init__(self, rules: MiningRules, ownership: Ownership, keys: Sequence[str],
                 is_person: Sequence[bool], teams: Sequence[str | None]):
        self.rules = rules
        self.ownership = ownership
        self.keys: list[str] = list(keys)
        self.index: dict[str, int] = {k: i for i, k in enumerate(self.keys)}
        self.is_person: list[bool] = list(is_person)
        self.teams: list[str | None] = list(teams)
        self.files: dict[str, FileState] = {}
        self.deleted: dict[str, FileState] = {}
        self.totals: dict[int, Totals] = {}
        self.cross: dict[tuple[int, str, str], Fact] = {}  # (author, period, team)
        self.glue: dict[tuple[int, str, str], Fact] = {}  # (author, period, glue rule)
        self.spread: dict[tuple[int, str], dict[int, list[str]]] = {}  # -> new author: files
        self.docs: list[DocFact] = []
        self.team_touch: dict[str, list[int]] = {}  # team -> [own team, other teams, unknown]
        self.events: list[SpanEvent] = []
        self.line_claims: dict[str, LineClaims] = {}  # commit -> its changes' line claims
        self.touched: set[tuple[str, int, str]] = set()  # (fact kind, author, period)
        self.commits = 0
        self.new_commits = 0
        self.clock = 0
        self._class_cache: dict[str, tuple[str | None, str | None]] = {}
        self._doc_rules = rules.decision_matcher, rules.design_matcher
        self.codeowner_reader: Callable[[str, str], str | None] | None = None

    # --- keys ----------------------------------------------------------------------------

    def author_index(self, key: str, *, person: bool, team: str | None) -> int:
        index = self.index.get(key)
        if index is None:
            index = len(self.keys)
            self.keys.append(key)
            self.index[key] = index
            self.is_person.append(person)
            self.teams.append(team)
        else:
            self.is_person[index] = person
            self.teams[index] = team
        return index

    # --- replay --------------------------------------------------------------------------

    def _classify(self, path: str) -> tuple[str | None, str | None]:
        """(glue rule name, document kind) of a path, cached because paths repeat."""
        cached = self._class_cache.get(path)
        if cached is not None:
            return cached
        glue = None
        for rule, matcher in self.rules.glue_matchers:
            if matcher.matches(path):
                glue = rule.name
                break
        doc = None
        if self.rules.is_document(path):
            if self._doc_rules[0].matches(path):
                doc = "decision_record"
            elif self._doc_rules[1].matches(path):
                doc = "design_doc"
        if doc is not None:
            glue = None  # writing a design is not glue work, even under docs/
        result = (glue, doc)
        self._class_cache[path] = result
        return result

    def apply(self, meta: CommitMeta, author: int, changes: list[FileChange], *,
              boundary: bool = False) -> None:
        """Replay one commit; `boundary` marks a shallow clone's oldest commit, whose diff
        against nothing shows files that existed, not files its author wrote."""
        t = meta.author_time
        if t > self.clock:
            self.clock = t
        self.commits += 1
        self.new_commits += 1
        totals = self.totals.get(author)
        if totals is None:
            totals = self.totals[author] = Totals(first=t, last=t)
        totals.first = min(totals.first, t)
        totals.last = max(totals.last, t)
        if len(meta.parents) > 1:
            totals.merges += 1  # merges bring in others' work; their diff is not authorship
            return
        totals.commits += 1
        if boundary:
            for ch in changes:
                if ch.status != "D" and not ch.gitlink:
                    self.files[ch.path] = FileState(ch.path, None)
                self._maybe_codeowners(meta.sha, ch)
            return
        files = self.files
        settle = self._settle
        owners_of = self.ownership.owners
        author_team = self.teams[author]
        person = self.is_person[author]
        period = period_of(t, self.rules.period)
        day = t // 86400
        date = _day(t)
        touched_teams: set[str] = set()
        cross_changes: dict[str, list[int]] = {}  # other team -> indexes of its changes
        glue_kinds: set[str] = set()  # glue rules the commit's changes fall under
        for k, ch in enumerate(changes):
            status, path, old = ch[0], ch[1], ch[2]
            if ch.gitlink:
                continue
            if path in _CODEOWNER_PATHS or (old is not None and old in _CODEOWNER_PATHS):
                self._maybe_codeowners(meta.sha, ch)
            fs: FileState | None
            if status == "M" or status == "T":
                fs = files.get(path)
                if fs is None:
                    fs = self.deleted.pop(path, None) or FileState(path, None)
                    fs.alive = True
                    files[path] = fs
            elif status == "A" or status == "C":
                fs = FileState(path, author)
                # The creator is the file's one author until it changes hands; whoever
                # becomes an author later learned it from them.
                fs.ever.add(author)
                files[path] = fs
                self.deleted.pop(path, None)
                glue, doc = self._classify(path)
                if doc is not None and person:
                    self.docs.append(DocFact(author, path, doc, meta.sha, t, fs))
                    self.touched.add((doc, author, period))
            elif status == "D":
                fs = files.pop(path, None)
                if fs is not None:
                    fs.alive = False
                    self.deleted[path] = fs
                    settle(fs, date, period)
                fs = None
            else:  # R
                fs = files.pop(old, None) if old is not None else None
                if fs is None:
                    fs = (self.deleted.pop(old, None) if old is not None else None) \
                        or FileState(path, None)
                fs.alive = True
                fs.path = path
                files[path] = fs
            if fs is not None:
                fs.counts[author] = fs.counts.get(author, 0) + 1
                fs.total += 1
                settle(fs, date, period)
            teams = owners_of(path)
            if teams:
                touched_teams.update(teams)
            if person:
                glue = self._classify(path)[0]
                if glue is not None:
                    _fact(self.glue, (author, period, glue)).note_file(path)
                    glue_kinds.add(glue)
                # Code co-owned by the author's own team is not someone else's code.
                if teams and author_team not in teams:
                    for team in teams:
                        _fact(self.cross, (author, period, team)).note_file(path)
                        cross_changes.setdefault(team, []).append(k)
        for team in touched_teams:
            touch = self.team_touch.get(team)
            if touch is None:
                touch = self.team_touch[team] = [0, 0, 0]
            touch[0 if author_team == team else 1 if author_team else 2] += 1
        # Glue work is told in commits, days and files; cross-team work also in lines, which
        # each team's changes claim here and `line_counts` reads afterwards.
        if glue_kinds:
            self._count_commit("glue_work", self.glue, glue_kinds, ALL_GLUE, author, period,
                               t, meta.sha, day)
        if cross_changes:
            named, every = self._count_commit("cross_team_code", self.cross, cross_changes,
                                              ALL_TEAMS, author, period, t, meta.sha, day)
            claims: dict[int, list[Fact]] = {}
            for team, indexes in cross_changes.items():
                for k in indexes:
                    claims.setdefault(k, []).extend((named[team], every))
            self.line_claims[meta.sha] = [(k, changes[k].path, owed)
                                          for k, owed in claims.items()]

    def _count_commit(self, kind: str, facts: dict[tuple[int, str, str], Fact],
                      names: Iterable[str], overall: str, author: int, period: str, t: int,
                      sha: str, day: int) -> tuple[dict[str, Fact], Fact]:
        """Add one commit to each named fact of a kind (a team, a glue rule) and to the kind's
        overall fact, which counts each commit once however many names it touched."""
        named = {name: _fact(facts, (author, period, name)) for name in names}
        every = _fact(facts, (author, period, overall))
        for fact in (*named.values(), every):
            fact.add(t, sha, day)
        self.touched.add((kind, author, period))
        return named, every

    def _maybe_codeowners(self, sha: str, ch: FileChange) -> None:
        if self.codeowner_reader is None:
            return
        if ch.old_path in _CODEOWNER_PATHS and ch.status == "R":
            self.ownership.set_file(ch.old_path, None, strict=False)
        if ch.path in _CODEOWNER_PATHS:
            text = None if ch.status == "D" else self.codeowner_reader(sha, ch.path)
            self.ownership.set_file(ch.path, text, strict=False)

    def _settle(self, fs: FileState, day: int, period: str) -> None:
        """Recompute a changed file's authors; record who started or stopped being one."""
        counts = fs.counts
        if not fs.alive:
            new: frozenset[int] = frozenset()
        elif len(counts) == 1:
            new = frozenset(counts)  # a lone developer always clears both thresholds
        else:
            new = file_authors(fs.creator, counts, fs.total)
        old = fs.authors
        if new == old and fs.span_path == fs.path:
            return
        events = self.events
        if fs.span_path != fs.path:
            for a in old:
                events.append((fs.span_path, a, day, False))
            opened = new
            fs.span_path = fs.path
        else:
            for a in old - new:
                events.append((fs.path, a, day, False))
            opened = new - old
        for a in opened:
            events.append((fs.path, a, day, True))
        fs.authors = new
        fresh = new - fs.ever
        if fresh:
            is_person = self.is_person
            for x in fs.ever:
                if not is_person[x]:
                    continue
                for y in fresh:
                    by_new = self.spread.setdefault((x, period), {})
                    paths = by_new.setdefault(y, [])
                    if len(paths) < MAX_SPREAD_FILES and fs.path not in paths:
                        paths.append(fs.path)
                    self.touched.add(("knowledge_spread", x, period))
            fs.ever |= fresh

    # --- persistence ---------------------------------------------------------------------

    def dump(self, tip_files: Iterable[str]) -> dict[str, Any]:
        """The state to keep for the next run: files at the tip and per-author totals (the
        per-period facts are rows of their own; see fact_rows)."""
        keys = self.keys
        files = []
        for path in tip_files:
            fs = self.files.get(path)
            if fs is None:
                continue
            files.append([
                path, keys[fs.creator] if fs.creator is not None else None,
                {keys[a]: n for a, n in fs.counts.items()}, fs.total,
                sorted(keys[a] for a in fs.authors), sorted(keys[a] for a in fs.ever),
                fs.span_path])
        return {
            "version": STATE_VERSION,
            "commits": self.commits,
            "clock": self.clock,
            "files": files,
            "totals": {keys[a]: [v.commits, v.merges, v.first, v.last]
                       for a, v in self.totals.items()},
            "team_touch": self.team_touch,
        }

    def fact_rows(self, only: set[tuple[str, int, str]] | None = None
                  ) -> list[tuple[str, str, str, dict[str, Any]]]:
        """Per-person, per-period facts as (kind, author key, period, data) rows; `only`
        limits them to some (kind, author, period) keys."""
        keys = self.keys
        grouped: dict[tuple[str, int, str], dict[str, Any]] = {}
        for kind, facts in (("cross_team_code", self.cross), ("glue_work", self.glue)):
            for (a, p, name), fact in facts.items():
                if only is None or (kind, a, p) in only:
                    data = fact.dump()
                    data[4] = [shown(f) for f in fact.files]  # JSON columns need real text
                    grouped.setdefault((kind, a, p), {})[name] = data
        for (x, p), by_new in self.spread.items():
            if only is None or ("knowledge_spread", x, p) in only:
                grouped[("knowledge_spread", x, p)] = {
                    keys[y]: [shown(f) for f in paths] for y, paths in by_new.items()}
        return [(kind, keys[a], p, data) for (kind, a, p), data in grouped.items()]

    def load_facts(self, rows: Iterable[tuple[str, str, str, dict[str, Any]]]) -> None:
        """Add facts saved by earlier runs (only those this run may add to are needed)."""
        for kind, key, p, data in rows:
            a = self._idx(key)
            if kind == "knowledge_spread":
                self.spread[(a, p)] = {self._idx(k): list(v) for k, v in data.items()}
                continue
            facts = self.cross if kind == "cross_team_code" else self.glue
            for name, fact in data.items():
                facts[(a, p, name)] = Fact.load(fact)

    def _idx(self, key: str) -> int:
        found = self.index.get(key)
        return found if found is not None else self.author_index(
            key, person=key.startswith("p:"), team=None)

    def load(self, data: dict[str, Any]) -> None:
        """Continue from a saved state (authors not seen yet are added as unlinked)."""
        if data.get("version") != STATE_VERSION:
            raise StoreError("saved mining state has an unknown format; run with --full")

        idx = self._idx
        self.commits = int(data["commits"])
        self.clock = int(data["clock"])
        for path, creator, counts, total, authors, ever, span_path in data["files"]:
            fs = FileState(path, idx(creator) if creator is not None else None)
            fs.counts = {idx(k): n for k, n in counts.items()}
            fs.total = total
            fs.authors = frozenset(idx(k) for k in authors)
            fs.ever = {idx(k) for k in ever}
            fs.span_path = span_path
            self.files[path] = fs
        for key, (commits, merges, first, last) in data["totals"].items():
            self.totals[idx(key)] = Totals(commits, merges, first, last)
        self.team_touch = {k: list(v) for k, v in data["team_touch"].items()}


_CODEOWNER_PATHS = frozenset(LOCATIONS)


def _day(t: int) -> int:
    return dt.datetime.fromtimestamp(t, dt.UTC).date().toordinal() if t else 1


def pack_state(state: dict[str, Any]) -> bytes:
    """Compressed JSON; paths that are not UTF-8 survive as escaped surrogates."""
    # Level 1: several times faster than the default and nearly as small for this data.
    return zlib.compress(json.dumps(state, separators=(",", ":")).encode("ascii"), 1)


def unpack_state(blob: bytes) -> dict[str, Any]:
    try:
        data = json.loads(zlib.decompress(blob).decode("ascii"))
    except (zlib.error, ValueError, UnicodeDecodeError):
        raise StoreError("saved mining state is damaged; run `staffpath mine --full`") from None
    if not isinstance(data, dict):
        raise StoreError("saved mining state is damaged; run `staffpath mine --full`")
    return data
