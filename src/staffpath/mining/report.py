"""`MineReport`: what one mine of a repository found and wrote, and how it is summed up from
the history read: authors, truck factor and key people overall and per team area, contributors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from staffpath.mining.history import History
from staffpath.mining.identity_resolution import Author
from staffpath.mining.ownership import Ownership
from staffpath.mining.rules import MiningRules
from staffpath.mining.truck import TruckFactor, truck_factor


@dataclass
class MineReport:
    """What one `mine` of a repository found and wrote."""

    repository: str
    name: str
    branch: str | None
    tip: str | None = None
    commits: int = 0
    new_commits: int = 0
    authors: int = 0
    files: int = 0
    truck_factor: int = 0
    key_people: list[dict[str, Any]] = field(default_factory=list)
    teams: list[dict[str, Any]] = field(default_factory=list)
    contributors: list[dict[str, Any]] = field(default_factory=list)
    evidence: dict[str, int] = field(default_factory=dict)
    incremental: bool = False
    shallow: bool = False
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "repository": self.repository, "name": self.name, "branch": self.branch,
            "tip": self.tip, "commits": self.commits, "new_commits": self.new_commits,
            "authors": self.authors, "files": self.files, "truck_factor": self.truck_factor,
            "key_people": self.key_people, "teams": self.teams,
            "contributors": self.contributors, "evidence": self.evidence,
            "incremental": self.incremental, "shallow": self.shallow,
            "warnings": self.warnings,
        }


def _people_list(keys: Sequence[str], by_key: dict[str, Author],
                 owned: dict[str, int]) -> list[dict[str, Any]]:
    out = []
    for key in keys:
        author = by_key.get(key)
        out.append({"name": author.name if author else key,
                    "handle": author.handle if author else None,
                    "team": author.team if author else None,
                    "files": owned.get(key, 0)})
    return out


def _tf(authors: dict[str, set[str]]) -> tuple[TruckFactor, dict[str, int]]:
    owned: dict[str, int] = {}
    for who in authors.values():
        for key in who:
            owned[key] = owned.get(key, 0) + 1
    return truck_factor(authors), owned


def summarise(report: MineReport, history: History, tip_files: dict[str, bool],
              ownership: Ownership, by_key: dict[str, Author], rules: MiningRules) -> None:
    """Fill in the report from the history read, for the files at the tip."""
    keys = history.keys
    exclude = rules.exclude_matcher
    authors: dict[str, set[str]] = {}
    for path, gitlink in tip_files.items():
        if gitlink or exclude.matches(path):
            continue
        fs = history.files.get(path)
        authors[path] = {keys[a] for a in fs.authors} if fs is not None else set()
    tf, owned = _tf(authors)
    report.commits = history.commits
    report.new_commits = history.new_commits
    report.files = len(tip_files)
    report.authors = len(history.totals)
    report.truck_factor = tf.value
    report.key_people = _people_list(tf.key_people, by_key, owned)
    teams: dict[str, dict[str, set[str]]] = {}
    for path, who in authors.items():
        for team in ownership.owners(path):
            teams.setdefault(team, {})[path] = who
    for team in sorted(set(teams) | set(history.team_touch)):
        area = teams.get(team, {})
        team_tf, team_owned = _tf(area)
        touch = history.team_touch.get(team, [0, 0, 0])
        report.teams.append({
            "team": team, "files": len(area), "truck_factor": team_tf.value,
            "key_people": _people_list(team_tf.key_people, by_key, team_owned),
            "commits_by_team": touch[0], "commits_by_other_teams": touch[1],
            "commits_by_unknown": touch[2],
        })
    contributors: list[dict[str, Any]] = []
    for index, totals in history.totals.items():
        author = by_key.get(keys[index])
        contributors.append({
            "name": author.name if author else keys[index], "key": keys[index],
            "handle": author.handle if author else None, "commits": totals.commits,
            "merges": totals.merges,
            "first": dt.datetime.fromtimestamp(totals.first, dt.UTC).date().isoformat(),
            "last": dt.datetime.fromtimestamp(totals.last, dt.UTC).date().isoformat(),
            "files_authored": owned.get(keys[index], 0),
        })
    contributors.sort(key=lambda c: (-int(c["commits"]), str(c["name"])))
    report.contributors = contributors
