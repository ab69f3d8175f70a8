"""What would stop if one person were away: the code only they know, the teams that would
be left without anyone who knows their own code, and what they have already handed on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from staffpath.org.risk import Change, RiskReport
from staffpath.org.roster import Member


@dataclass(frozen=True)
class SoleArea:
    """An area where some files have this person as their only author."""

    repository: str
    area: str
    files: int  # files in the area
    only_them: int  # files only this person knows
    key_person: bool  # more than half the area would have no author without them


@dataclass(frozen=True)
class HandedOn:
    """Someone who became an author of files this person had written."""

    name: str
    team: str | None
    repository: str
    files: int
    first: dt.date


@dataclass
class AwayView:
    """The person's "what would stop if you were away"."""

    person: Member
    as_of: dt.date
    areas: list[SoleArea] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)  # if they were away
    handed_on: list[HandedOn] = field(default_factory=list)
    files_authored: int = 0

    @property
    def only_them(self) -> int:
        return sum(a.only_them for a in self.areas)

    def as_dict(self) -> dict[str, Any]:
        return {
            "person": {"name": self.person.name, "handle": self.person.handle,
                       "team": self.person.team},
            "as_of": self.as_of.isoformat(), "files_authored": self.files_authored,
            "files_only_them": self.only_them,
            "areas": [{"repository": a.repository, "area": a.area, "files": a.files,
                       "only_them": a.only_them, "key_person": a.key_person}
                      for a in self.areas],
            "if_away": [c.as_dict() for c in self.changes],
            "handed_on": [{"name": h.name, "team": h.team, "repository": h.repository,
                           "files": h.files, "first": h.first.isoformat()}
                          for h in self.handed_on],
        }


def sole_areas(report: RiskReport, person_id: int) -> tuple[list[SoleArea], int]:
    """Areas where the person is the only author of some files, and files they author."""
    key = f"p:{person_id}"
    out = []
    authored = 0
    for repo in report.repos:
        for area in repo.areas:
            n = area.sole.get(key, 0)
            if n:
                out.append(SoleArea(repo.name, area.area, area.files, n,
                                    area.truck_factor == 1 and area.key_people == (key,)))
        authored += repo.authored.get(key, 0)
    out.sort(key=lambda a: (not a.key_person, -a.only_them, a.repository, a.area))
    return out, authored
