"""Level mix per team and org unit, the staff-plus ratio, archetypes the org's size supports,
and the staff bench: engineers below staff whose evidence is at or near it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from staffpath.framework.model import Framework
from staffpath.framework.staff import staff_level
from staffpath.org.assessed import AssessedOrg
from staffpath.org.roster import NO_TEAM, Member, Roster

# The rule of thumb the sources give: about one tech lead for every eight engineers.
ENGINEERS_PER_TECH_LEAD = 8
# "Near staff": one level below overall, with at least this share of the dimensions that
# have a staff expectation already at staff.
NEAR_SHARE = 0.5
NOT_SET = ""


@dataclass(frozen=True)
class GroupMix:
    """People per level in one team or org unit."""

    name: str
    org_unit: str | None
    engineers: int
    levels: dict[str, int]  # level id (NOT_SET for none) -> engineers
    staff_plus: int
    bench: int

    @property
    def engineers_per_staff(self) -> float | None:
        return round(self.engineers / self.staff_plus, 1) if self.staff_plus else None

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "org_unit": self.org_unit, "engineers": self.engineers,
                "levels": dict(self.levels), "staff_plus": self.staff_plus,
                "engineers_per_staff": self.engineers_per_staff, "bench": self.bench}


@dataclass(frozen=True)
class ArchetypeSupport:
    """Whether the organisation is big enough for one shape of staff work."""

    id: str
    title: str
    min_org_engineers: int
    supported: bool
    note: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "min_org_engineers": self.min_org_engineers,
                "supported": self.supported, "note": self.note}


@dataclass(frozen=True)
class BenchEntry:
    """An engineer below staff whose evidence is at staff (ready) or close to it."""

    person_id: int
    name: str
    handle: str
    team: str | None
    level: str | None
    target_level: str | None
    assessed: str | None
    ready: bool
    staff_dimensions: int  # dimensions at staff or above
    dimensions: int  # dimensions with a staff expectation

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "handle": self.handle, "team": self.team,
                "level": self.level, "target_level": self.target_level,
                "assessed": self.assessed, "ready": self.ready,
                "staff_dimensions": self.staff_dimensions, "dimensions": self.dimensions}


@dataclass
class LevelMix:
    """The level mix of the whole organisation, its teams and org units, and the bench."""

    as_of: dt.date
    engineers: int
    level_ids: list[str]
    level_titles: dict[str, str]
    staff_level: str | None
    counts: dict[str, int]
    staff_plus: int
    teams: list[GroupMix] = field(default_factory=list)
    org_units: list[GroupMix] = field(default_factory=list)
    archetypes: list[ArchetypeSupport] = field(default_factory=list)
    bench: list[BenchEntry] = field(default_factory=list)
    # Charts drawn from this view, kept with it (views are memoised until data changes).
    charts: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def engineers_per_staff(self) -> float | None:
        return round(self.engineers / self.staff_plus, 1) if self.staff_plus else None

    @property
    def expected_staff(self) -> float:
        """Staff-plus engineers the rule of thumb expects for an organisation this size."""
        return round(self.engineers / ENGINEERS_PER_TECH_LEAD, 1)

    @property
    def verdict(self) -> str:
        """The ratio in words, against one tech lead per eight engineers."""
        if not self.engineers:
            return "no engineers on the roster"
        if self.staff_level is None:
            return "the framework has no staff level"
        expected = self.engineers / ENGINEERS_PER_TECH_LEAD
        if self.staff_plus < expected * 0.75:
            return "thin: fewer staff-plus engineers than the org's size calls for"
        if self.staff_plus > expected * 1.5:
            return "heavy: more staff-plus engineers than the org's size calls for"
        return "in line with about one per eight engineers"

    def as_dict(self, *, anonymous: bool = False) -> dict[str, Any]:
        bench_by_team = Counter(b.team or NO_TEAM for b in self.bench)
        data: dict[str, Any] = {
            "as_of": self.as_of.isoformat(), "engineers": self.engineers,
            "staff_level": self.staff_level,
            "levels": [{"id": lv, "title": self.level_titles.get(lv, "level not set"),
                        "count": self.counts.get(lv, 0)}
                       for lv in [*self.level_ids, NOT_SET]
                       if lv != NOT_SET or self.counts.get(NOT_SET)],
            "staff_plus": self.staff_plus, "engineers_per_staff": self.engineers_per_staff,
            "rule_of_thumb": ENGINEERS_PER_TECH_LEAD, "expected_staff_plus": self.expected_staff,
            "verdict": self.verdict,
            "teams": [t.as_dict() for t in self.teams],
            "org_units": [u.as_dict() for u in self.org_units],
            "archetypes": [a.as_dict() for a in self.archetypes],
            "bench": {"ready": sum(b.ready for b in self.bench),
                      "near": sum(not b.ready for b in self.bench),
                      "by_team": dict(sorted(bench_by_team.items()))},
        }
        if not anonymous:
            data["bench"]["people"] = [b.as_dict() for b in self.bench]
        return data


def _group(name: str, unit: str | None, members: Iterable[Member], staff_ids: set[str],
           bench_ids: set[int]) -> GroupMix:
    members = list(members)
    counts = Counter(m.level if m.level else NOT_SET for m in members)
    return GroupMix(name=name, org_unit=unit, engineers=len(members), levels=dict(counts),
                    staff_plus=sum(1 for m in members if m.level in staff_ids),
                    bench=sum(1 for m in members if m.id in bench_ids))


def level_mix(roster: Roster, framework: Framework, assessed: AssessedOrg) -> LevelMix:
    """Counts per level for the org, each team and org unit, with the bench from `assessed`."""
    engineers = roster.engineers()
    ids = list(framework.level_ids)
    staff = staff_level(framework)
    staff_index = ids.index(staff) if staff is not None else len(ids)
    staff_ids = set(ids[staff_index:])
    bench = _bench(engineers, framework, assessed, staff_index)
    bench_ids = {b.person_id for b in bench}
    counts = Counter(m.level if m.level in ids else NOT_SET for m in engineers)
    mix = LevelMix(
        as_of=assessed.as_of, engineers=len(engineers), level_ids=ids,
        level_titles={lv.id: lv.title for lv in framework.levels}, staff_level=staff,
        counts=dict(counts), staff_plus=sum(1 for m in engineers if m.level in staff_ids),
        bench=bench)
    by_team: dict[str, list[Member]] = {}
    for m in engineers:
        by_team.setdefault(m.team or NO_TEAM, []).append(m)
    for name in sorted(by_team, key=lambda t: (t == NO_TEAM, t)):
        unit = roster.teams[name].org_unit if name in roster.teams else None
        mix.teams.append(_group(name, unit, by_team[name], staff_ids, bench_ids))
    by_unit: dict[str, list[Member]] = {}
    for m in engineers:
        by_unit.setdefault(m.org_unit or "no org unit", []).append(m)
    for name in sorted(by_unit, key=lambda u: (u == "no org unit", u)):
        mix.org_units.append(_group(name, None, by_unit[name], staff_ids, bench_ids))
    mix.archetypes = [
        ArchetypeSupport(a.id, a.title, a.min_org_engineers,
                         len(engineers) >= a.min_org_engineers, a.note)
        for a in framework.archetypes]
    return mix


def _bench(engineers: list[Member], framework: Framework, assessed: AssessedOrg,
           staff_index: int) -> list[BenchEntry]:
    ids = framework.level_ids
    if staff_index >= len(ids):
        return []
    level_id = ids[staff_index]
    expected = [d for d, dim in enumerate(framework.dimensions) if level_id in dim.expectations]
    out = []
    for m in engineers:
        current = ids.index(m.level) if m.level in ids else -1
        found = assessed.people.get(m.id)
        if current >= staff_index or found is None:
            continue
        at_staff = sum(1 for d in expected if found.dimensions[d] >= staff_index)
        ready = found.overall >= staff_index
        near = (found.overall == staff_index - 1 and bool(expected)
                and at_staff / len(expected) >= NEAR_SHARE)
        if ready or near:
            out.append(BenchEntry(
                person_id=m.id, name=m.name, handle=m.handle, team=m.team, level=m.level,
                target_level=m.target_level,
                assessed=ids[found.overall] if found.overall >= 0 else None, ready=ready,
                staff_dimensions=at_staff, dimensions=len(expected)))
    out.sort(key=lambda b: (not b.ready, -b.staff_dimensions, b.name))
    return out
