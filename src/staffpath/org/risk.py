"""Key-person risk from the stored authorship spans: truck factor per repository, team and
area, its trend, the areas only one person knows, and what-ifs (someone leaves or moves).

Two views of "who knows this code" are kept apart. The organisation's view counts every
author still here; a team's view counts only the authors on that team, because code its own
team cannot maintain is at risk even when someone elsewhere knows it. Authors whose roster
entry is inactive have left, so their files count as already orphaned.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from staffpath.org.risk_spans import (
    I32,
    I64,
    OPEN,
    TREND_POINTS,
    B,
    RepoSpans,
)
from staffpath.org.roster import Roster
from staffpath.org.truck import expand_pairs, grouped_truck, truck

# --- the report -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """A what-if: people who are away (leaving, long leave) and people moved to other teams."""

    removed: frozenset[int] = frozenset()
    moved: Mapping[int, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.removed and not self.moved


@dataclass(frozen=True)
class AreaRisk:
    """One area (folder) of a repository: who knows it and how many would have to leave."""

    area: str
    files: int
    truck_factor: int
    key_people: tuple[str, ...]  # author keys
    sole: dict[str, int]  # author key -> files only they know in this area
    orphaned: int  # files nobody here knows


@dataclass(frozen=True)
class TeamRisk:
    """A team's own code in one repository, as known by the team's own members."""

    team: str
    files: int
    truck_factor: int
    key_people: tuple[str, ...]
    orphaned: int  # files no member of the team knows
    orphaned_areas: tuple[str, ...]  # areas where that is more than half the files
    org_truck_factor: int  # counting authors anywhere in the organisation


@dataclass(frozen=True)
class TrendPoint:
    date: dt.date
    truck_factor: int
    files: int


@dataclass
class RepoRisk:
    """One repository's key-person risk."""

    id: int
    name: str
    files: int
    truck_factor: int
    key_people: tuple[str, ...]
    orphaned: int  # files whose every author has left
    areas: list[AreaRisk]
    teams: list[TeamRisk]
    trend: list[TrendPoint]
    authored: dict[str, int] = field(default_factory=dict)  # author key -> files they know

    @property
    def single_person_areas(self) -> list[AreaRisk]:
        return [a for a in self.areas if a.truck_factor == 1]


@dataclass
class RiskReport:
    """Key-person risk across the mined repositories, under a scenario."""

    as_of: dt.date
    scenario: Scenario
    repos: list[RepoRisk]
    roster: Roster = field(repr=False)
    # Charts drawn from this view, kept with it (views are memoised until data changes).
    charts: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _sole: list[dict[str, Any]] | None = field(default=None, repr=False, compare=False)

    def who(self, key: str) -> dict[str, Any]:
        """An author as output shows them."""
        pid = person_of(key)
        m = self.roster.people.get(pid) if pid is not None else None
        if m is not None:
            return {"name": m.name, "handle": m.handle, "team": m.team, "active": m.active}
        return {"name": key.removeprefix("x:"), "handle": None, "team": None, "active": None}

    def sole_by_person(self) -> list[dict[str, Any]]:
        """People who are the only author of some files, most files first."""
        if self._sole is None:
            self._sole = self._sole_by_person()
        return self._sole

    def _sole_by_person(self) -> list[dict[str, Any]]:
        totals: dict[str, dict[str, Any]] = {}
        for repo in self.repos:
            for area in repo.areas:
                for key, n in area.sole.items():
                    entry = totals.setdefault(key, {"files": 0, "areas": [], "key_areas": 0})
                    entry["files"] += n
                    entry["areas"].append(f"{repo.name}:{area.area}")
                    if area.truck_factor == 1 and area.key_people == (key,):
                        entry["key_areas"] += 1
        rows = [{**self.who(k), **v} for k, v in totals.items()]
        rows.sort(key=lambda r: (-r["key_areas"], -r["files"], str(r["name"])))
        return rows

    def as_dict(self, *, anonymous: bool = False, areas: bool = True) -> dict[str, Any]:
        """The report as plain data: everything, or (anonymous) counts and teams only."""
        # `areas=False` leaves out the per-folder detail, which is large for a big organisation.

        def people(keys: Iterable[str]) -> list[dict[str, Any]]:
            return [self.who(k) for k in keys]

        repos = []
        for r in self.repos:
            entry: dict[str, Any] = {
                "name": r.name, "files": r.files, "truck_factor": r.truck_factor,
                "orphaned": r.orphaned,
                "single_person_areas": len(r.single_person_areas),
                "trend": [{"date": p.date.isoformat(), "truck_factor": p.truck_factor,
                           "files": p.files} for p in r.trend],
                "teams": [{"team": t.team, "files": t.files, "truck_factor": t.truck_factor,
                           "org_truck_factor": t.org_truck_factor, "orphaned": t.orphaned,
                           "orphaned_areas": len(t.orphaned_areas)} for t in r.teams],
            }
            if not anonymous:
                entry["key_people"] = people(r.key_people)
                for t, out in zip(r.teams, entry["teams"], strict=True):
                    out["key_people"] = people(t.key_people)
                    out["orphaned_areas"] = list(t.orphaned_areas)
                entry["areas"] = [] if not areas else [
                    {"area": a.area, "files": a.files, "truck_factor": a.truck_factor,
                     "key_people": people(a.key_people), "orphaned": a.orphaned,
                     "only_one_author": {self.who(k)["handle"] or self.who(k)["name"]: n
                                         for k, n in sorted(a.sole.items())}}
                    for a in r.areas]
            repos.append(entry)
        data: dict[str, Any] = {"as_of": self.as_of.isoformat(), "repositories": repos}
        if not anonymous:
            data["scenario"] = {
                "removed": [self.who(f"p:{p}")["handle"] for p in sorted(self.scenario.removed)],
                "moved": {self.who(f"p:{p}")["handle"]: team
                          for p, team in sorted(self.scenario.moved.items())}}
            data["only_author"] = self.sole_by_person()
        return data


def person_of(key: str) -> int | None:
    """The roster person behind an author key, if any."""
    if key.startswith("p:") and key[2:].isdigit():
        return int(key[2:])
    return None


@dataclass(frozen=True)
class People:
    """Per person id, under a scenario: still here? and on which team (an index)."""

    here: B  # by person id; people not on the roster count as here
    team: I64  # by person id: index into `teams`, -1 for none
    teams: tuple[str, ...]

    @classmethod
    def of(cls, roster: Roster, scenario: Scenario, spans: Sequence[RepoSpans]) -> People:
        top = max([0, *roster.people, *(int(s.who_pid.max()) for s in spans if len(s.who_pid))])
        here = np.ones(top + 1, dtype=np.bool_)
        team = np.full(top + 1, -1, dtype=np.int64)
        names = sorted(set(roster.teams) | set(scenario.moved.values()))
        index = {t: i for i, t in enumerate(names)}
        for m in roster.people.values():
            gone = not m.active or m.id in scenario.removed
            here[m.id] = not gone
            name = scenario.moved.get(m.id, m.team)
            team[m.id] = -1 if gone or name is None else index.get(name, -1)
        for pid in scenario.removed:
            if 0 <= pid <= top:
                here[pid] = False
                team[pid] = -1
        return cls(here, team, tuple(names))

    def here_of(self, spans: RepoSpans) -> B:
        pid = spans.who_pid
        return np.where(pid >= 0, self.here[np.maximum(pid, 0)], True)

    def team_of(self, spans: RepoSpans, names: Sequence[str]) -> I64:
        """Each author's team as an index into `names` (a repository's owning teams)."""
        local = np.full(len(self.teams) + 1, -1, dtype=np.int64)
        where = {t: i for i, t in enumerate(self.teams)}
        for i, name in enumerate(names):
            if name in where:
                local[where[name]] = i
        pid = spans.who_pid
        team = np.where(pid >= 0, self.team[np.maximum(pid, 0)], -1)
        return np.asarray(local[team], dtype=np.int64)


@dataclass(frozen=True)
class FileFacts:
    """What the report needs per file besides authorship: owning teams, and exclusion."""

    team_names: tuple[str, ...]
    member_team: I32  # one entry per (team, file it owns): the team's index
    member_file: I32  # ... and the file's index in the repository
    excluded: B

    @classmethod
    def from_owners(cls, owners: Sequence[tuple[str, ...]], excluded: B) -> FileFacts:
        names = sorted({t for teams in owners for t in teams})
        index = {t: i for i, t in enumerate(names)}
        pairs = [(index[t], n) for n, teams in enumerate(owners) for t in teams]
        return cls(tuple(names), np.array([p[0] for p in pairs], dtype=np.int32),
                   np.array([p[1] for p in pairs], dtype=np.int32), excluded)


def repo_risk(spans: RepoSpans, facts: FileFacts, people: People, as_of: dt.date, *,
              trend: bool = True, detail: bool = True) -> RepoRisk:
    """Truck factors of a repository, its areas and its teams' code, now and over time."""
    counted = ~facts.excluded[spans.file] if len(spans.file) else np.zeros(0, dtype=np.bool_)
    open_ = (spans.until == OPEN) & counted
    known = np.zeros(len(spans.files), dtype=np.bool_)
    known[spans.file[open_]] = True
    # Files someone still counts as an author of; renumbered so arrays stay dense.
    live_files = np.nonzero(known)[0].astype(np.int32)
    n = len(live_files)
    renumber = np.full(len(spans.files), -1, dtype=np.int32)
    renumber[live_files] = np.arange(n, dtype=np.int32)

    here = people.here_of(spans)
    mask = open_ & here[spans.author] if len(spans.who) else open_
    f = renumber[spans.file[mask]]
    a = spans.author[mask]
    keys = spans.who
    whole = grouped_truck(np.zeros(n, dtype=np.int32), 1, f, a, spans.key_rank)
    covered_any = np.zeros(n, dtype=np.bool_)
    covered_any[f] = True

    areas: list[AreaRisk] = []
    file_area = spans.file_area[live_files]
    if detail and n:
        per_area = grouped_truck(file_area, len(spans.areas), f, a, spans.key_rank)
        authors_per_file = np.bincount(f, minlength=n)
        sole = authors_per_file[f] == 1
        sole_by_area: dict[int, dict[str, int]] = {}
        combos, counts = np.unique(file_area[f[sole]].astype(np.int64) * max(len(keys), 1)
                                   + a[sole], return_counts=True)
        for combo, c in zip(combos.tolist(), counts.tolist(), strict=True):
            area, author = divmod(combo, max(len(keys), 1))
            sole_by_area.setdefault(area, {})[keys[author]] = c
        unknown = np.bincount(file_area[~covered_any], minlength=len(spans.areas))
        for index in np.nonzero(per_area.files)[0].tolist():
            areas.append(AreaRisk(
                spans.areas[index], int(per_area.files[index]), int(per_area.value[index]),
                tuple(keys[k] for k in per_area.key[index]), sole_by_area.get(index, {}),
                int(unknown[index])))

    teams: list[TeamRisk] = []
    live_member = renumber[facts.member_file] >= 0
    member_team = facts.member_team[live_member]
    member_file = renumber[facts.member_file[live_member]]
    if len(member_team):
        author_team = people.team_of(spans, facts.team_names)
        pm, pa = expand_pairs(member_file, f, a, n)
        n_teams = len(facts.team_names)
        anyone = grouped_truck(member_team, n_teams, pm, pa, spans.key_rank)
        on_team = author_team[pa] == member_team[pm] if len(pa) else np.zeros(0, np.bool_)
        own = grouped_truck(member_team, n_teams, pm[on_team], pa[on_team], spans.key_rank)
        covered = np.zeros(len(member_team), dtype=np.bool_)
        covered[pm[on_team]] = True
        # Folders where more than half of a team's files have nobody on the team who knows them.
        n_areas = max(len(spans.areas), 1)
        cell = member_team.astype(np.int64) * n_areas + file_area[member_file]
        cells, total = np.unique(cell, return_counts=True)
        lost = np.unique(cell[~covered], return_counts=True)
        lost_count = dict(zip(lost[0].tolist(), lost[1].tolist(), strict=True))
        team_lost: dict[int, list[str]] = {}
        for c, t in zip(cells.tolist(), total.tolist(), strict=True):
            if lost_count.get(c, 0) * 2 > t:
                team, area = divmod(c, n_areas)
                team_lost.setdefault(team, []).append(spans.areas[area])
        orphaned_by_team = np.bincount(member_team[~covered], minlength=n_teams)
        for i in np.nonzero(own.files)[0].tolist():
            teams.append(TeamRisk(
                facts.team_names[i], int(own.files[i]), int(own.value[i]),
                tuple(keys[k] for k in own.key[i]), int(orphaned_by_team[i]),
                tuple(sorted(team_lost.get(i, []))), int(anyone.value[i])))

    points = trend_points(spans, counted, here, as_of) if trend else []
    known_by = np.bincount(np.unique(f.astype(np.int64) * max(len(keys), 1) + a)
                           % max(len(keys), 1), minlength=len(keys))
    return RepoRisk(id=spans.id, name=spans.name, files=n,
                    truck_factor=int(whole.value[0]) if n else 0,
                    key_people=tuple(keys[k] for k in whole.key[0]) if n else (),
                    orphaned=int((~covered_any).sum()), areas=areas, teams=teams,
                    trend=points,
                    authored={keys[k]: c for k, c in enumerate(known_by.tolist()) if c})


def quarter_ends(first: dt.date, as_of: dt.date, points: int = TREND_POINTS) -> list[dt.date]:
    """The last `points` quarter ends before `as_of` (not before `first`), then `as_of`."""
    out: list[dt.date] = []
    year, quarter = as_of.year, (as_of.month - 1) // 3  # the quarter before as_of's
    while len(out) < points:
        if quarter == 0:
            year, quarter = year - 1, 4
        end = dt.date(year, quarter * 3 % 12 + 1, 1) if quarter < 4 else dt.date(year + 1, 1, 1)
        end -= dt.timedelta(days=1)
        if end < first:
            break
        out.append(end)
        quarter -= 1
    return [*reversed(out), as_of]


def trend_points(spans: RepoSpans, counted: B, here: B, as_of: dt.date) -> list[TrendPoint]:
    """The repository's truck factor at recent quarter ends and today."""
    # Past dates count the authors of the time (when someone left is not recorded); today
    # counts only the authors still here.
    first = spans.first_day
    if first is None:
        return []
    out = []
    for day in quarter_ends(first, as_of):
        d = day.toordinal()
        live = (spans.since <= d) & (spans.until > d) & counted
        files = np.unique(spans.file[live])
        if day == as_of and len(spans.who):
            live &= here[spans.author]  # their files stay counted, now without an author
        renumber = np.full(len(spans.files), -1, dtype=np.int32)
        renumber[files] = np.arange(len(files), dtype=np.int32)
        t = truck(renumber[spans.file[live]], spans.author[live], len(files), spans.key_rank)
        out.append(TrendPoint(day, t.value, len(files)))
    return out


def risk_report(spans: Sequence[RepoSpans], files: Mapping[int, FileFacts], roster: Roster,
                as_of: dt.date, scenario: Scenario | None = None, *,
                repo: str | None = None, trend: bool = True, detail: bool = True,
                only: frozenset[int] | None = None) -> RiskReport:
    """Key-person risk for the mined repositories (all, one, or those in `only`)."""
    scenario = scenario or Scenario()
    chosen = [s for s in spans if (repo is None or s.name == repo)
              and (only is None or s.id in only)]
    out = []
    people = People.of(roster, scenario, chosen)
    for s in chosen:
        facts = files.get(s.id) or FileFacts.from_owners(
            [()] * len(s.files), np.zeros(len(s.files), dtype=np.bool_))
        out.append(repo_risk(s, facts, people, as_of, trend=trend, detail=detail))
    return RiskReport(as_of=as_of, scenario=scenario, roster=roster, repos=out)


# --- what-if ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """How one repository's or team's numbers move under a scenario."""

    repo: str
    team: str | None
    truck_before: int
    truck_after: int
    orphaned_before: int
    orphaned_after: int
    newly_orphaned_areas: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"repository": self.repo, "team": self.team,
                "truck_factor": {"before": self.truck_before, "after": self.truck_after},
                "orphaned_files": {"before": self.orphaned_before,
                                   "after": self.orphaned_after},
                "newly_orphaned_areas": list(self.newly_orphaned_areas)}


def compare(before: RiskReport, after: RiskReport) -> list[Change]:
    """Every repository and team whose truck factor or orphaned files change."""
    changes = []
    for b, a in zip(before.repos, after.repos, strict=True):
        b_areas = {x.area: x for x in b.areas}
        newly = tuple(x.area for x in a.areas
                      if x.orphaned * 2 > x.files and not (
                          b_areas[x.area].orphaned * 2 > b_areas[x.area].files))
        if (b.truck_factor, b.orphaned) != (a.truck_factor, a.orphaned) or newly:
            changes.append(Change(b.name, None, b.truck_factor, a.truck_factor, b.orphaned,
                                  a.orphaned, newly))
        b_teams = {t.team: t for t in b.teams}
        for t in a.teams:
            old = b_teams.get(t.team)
            if old is None:
                continue
            newly_team = tuple(x for x in t.orphaned_areas if x not in old.orphaned_areas)
            if (old.truck_factor, old.orphaned) != (t.truck_factor, t.orphaned) or newly_team:
                changes.append(Change(b.name, t.team, old.truck_factor, t.truck_factor,
                                      old.orphaned, t.orphaned, newly_team))
    return changes


# --- keeping a report ------------------------------------------------------------------------


def encode_repos(repos: Sequence[RepoRisk]) -> str:
    """A report's repositories as JSON text (author keys and paths: names stay in text)."""
    return json.dumps([{
        "id": r.id, "name": r.name, "files": r.files, "truck_factor": r.truck_factor,
        "key_people": r.key_people, "orphaned": r.orphaned,
        "areas": [[a.area, a.files, a.truck_factor, a.key_people, a.sole, a.orphaned]
                  for a in r.areas],
        "teams": [[t.team, t.files, t.truck_factor, t.key_people, t.orphaned,
                   t.orphaned_areas, t.org_truck_factor] for t in r.teams],
        "trend": [[p.date.toordinal(), p.truck_factor, p.files] for p in r.trend],
        "authored": r.authored} for r in repos], ensure_ascii=False)


def decode_repos(text: str) -> list[RepoRisk]:
    return [RepoRisk(
        id=r["id"], name=r["name"], files=r["files"], truck_factor=r["truck_factor"],
        key_people=tuple(r["key_people"]), orphaned=r["orphaned"],
        areas=[AreaRisk(a, f, tf, tuple(k), dict(s), o) for a, f, tf, k, s, o in r["areas"]],
        teams=[TeamRisk(t, f, tf, tuple(k), o, tuple(oa), otf)
               for t, f, tf, k, o, oa, otf in r["teams"]],
        trend=[TrendPoint(dt.date.fromordinal(d), tf, f) for d, tf, f in r["trend"]],
        authored=dict(r["authored"])) for r in json.loads(text)]
