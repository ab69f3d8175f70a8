"""Which teams change which other teams' code and review each other's work.

Read from the mined evidence: a cross-team-code entry is one person's sustained work in other
teams' code in one period, a review entry one reviewer's reviews in one period. The person's
team is their team on the roster today.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from staffpath.org.roster import Roster
from staffpath.store.tables import Evidence
from staffpath.vocab import EvidenceKind

# The miner writes one line per team: "- Payments: 12 commit(s), +340/-20 lines; e.g. ...".
_CODE_LINE = re.compile(r"^- (?P<team>.+?): (?P<n>\d+) commit", re.MULTILINE)
# ... and for reviews: "By the authors' teams: Payments 4, Checkout 2".
_REVIEW_LINE = re.compile(r"^By the authors' teams: (?P<list>.+)$", re.MULTILINE)


@dataclass
class Link:
    """Work one team did for another: commits to its code, reviews of its changes."""

    source: str
    target: str
    commits: int = 0
    reviews: int = 0
    people: set[int] = field(default_factory=set)

    @property
    def weight(self) -> int:
        return self.commits + self.reviews


@dataclass
class CrossTeamMap:
    """Team × team links over a window of time."""

    since: dt.date
    until: dt.date
    teams: list[str]
    links: list[Link]
    roster: Roster = field(repr=False)
    # Charts drawn from this view, kept with it (views are memoised until data changes).
    charts: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def busiest(self, limit: int) -> list[str]:
        """The teams with the most work across, in the map's order (org unit, then name)."""
        load: dict[str, int] = {}
        for x in self.links:
            load[x.source] = load.get(x.source, 0) + x.weight
            load[x.target] = load.get(x.target, 0) + x.weight
        keep = set(sorted(load, key=lambda t: (-load[t], t))[:limit])
        return [t for t in self.teams if t in keep]

    def matrix(self, what: str = "weight", teams: Sequence[str] | None = None
               ) -> list[list[int]]:
        """Rows: the team doing the work; columns: the team whose code or change it was."""
        names = list(self.teams if teams is None else teams)
        index = {t: n for n, t in enumerate(names)}
        out = [[0] * len(names) for _ in names]
        for link in self.links:
            if link.source in index and link.target in index:
                out[index[link.source]][index[link.target]] += int(getattr(link, what))
        return out

    def as_dict(self, *, anonymous: bool = False) -> dict[str, Any]:
        links = []
        for link in sorted(self.links, key=lambda x: (-x.weight, x.source, x.target)):
            entry: dict[str, Any] = {"from": link.source, "to": link.target,
                                     "commits": link.commits, "reviews": link.reviews,
                                     "people": len(link.people)}
            if not anonymous:
                entry["names"] = sorted(self.roster.people[p].name for p in link.people
                                        if p in self.roster.people)
            links.append(entry)
        return {"since": self.since.isoformat(), "until": self.until.isoformat(),
                "teams": self.teams, "links": links,
                "matrix": {"rows_do_work_for_columns": self.matrix()}}


def _review_counts(body: str) -> dict[str, int] | None:
    m = _REVIEW_LINE.search(body)
    if m is None:
        return None
    out = {}
    for part in m.group("list").split(", "):
        name, _, n = part.rpartition(" ")
        if name and n.isdigit():
            out[name] = int(n)
    return out


def crossteam_map(session: Session, roster: Roster, *, since: dt.date, until: dt.date
                  ) -> CrossTeamMap:
    """Links between teams from the evidence dated in [since, until]."""
    rows = session.execute(
        select(Evidence.person_id, Evidence.kind, Evidence.teams, Evidence.people,
               Evidence.body, Evidence.extra)
        .where(Evidence.deleted_at.is_(None),
               Evidence.kind.in_((EvidenceKind.CROSS_TEAM_CODE, EvidenceKind.REVIEW)),
               Evidence.date_start <= until,
               or_(Evidence.date_end >= since,
                   Evidence.date_end.is_(None) & (Evidence.date_start >= since))))
    links: dict[tuple[str, str], Link] = {}

    def link(source: str, target: str) -> Link | None:
        if source == target or target not in roster.teams:
            return None
        return links.setdefault((source, target), Link(source, target))

    for person_id, kind, teams, people, body, extra in rows:
        source = roster.team_of(person_id)
        if source is None:
            continue
        if kind == EvidenceKind.CROSS_TEAM_CODE:
            named = {m.group("team"): int(m.group("n")) for m in _CODE_LINE.finditer(body or "")}
            targets = [t for t in (teams or []) if isinstance(t, str)]
            total = int((extra or {}).get("commits") or 0)
            for target in targets:
                found = link(source, target)
                if found is None:
                    continue
                # An entry whose text a person rewrote keeps its total: split it evenly.
                found.commits += named.get(target) or max(1, math.ceil(total / len(targets)))
                found.people.add(person_id)
        else:
            counts = _review_counts(body or "")
            if counts is None:
                counts = {}
                for ref in people or []:
                    team = roster.team_of(roster.resolve(str(ref)))
                    if team is not None:
                        counts[team] = counts.get(team, 0) + 1
            for target, n in counts.items():
                found = link(source, target)
                if found is None:
                    continue
                found.reviews += n
                found.people.add(person_id)
    used = {t for pair in links for t in pair}
    order = sorted(used, key=lambda t: (roster.teams[t].org_unit or "" if t in roster.teams
                                        else "", t))
    return CrossTeamMap(since=since, until=until, teams=order,
                        links=sorted(links.values(), key=lambda x: (x.source, x.target)),
                        roster=roster)

