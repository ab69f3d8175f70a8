"""Views across people: a manager's reports, the committee's candidates, the organisation."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, aliased, selectinload

from staffpath.assess.cache import AssessmentCache
from staffpath.assess.service import assess_people, id_chunks
from staffpath.framework.model import Framework
from staffpath.framework.staff import is_staff_plus
from staffpath.mining.tables import MinedRepo
from staffpath.store.tables import Evidence, Person, Team


@dataclass(frozen=True)
class PersonRow:
    """One person in a team overview or a candidate list."""

    id: int
    name: str
    handle: str
    team: str | None
    manager: str | None
    direct: bool
    level: str | None
    target_level: str | None
    supported_level: str | None
    ready: bool | None
    gaps: int
    evidence: int
    last_entry: dt.date | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "handle": self.handle, "team": self.team,
            "manager": self.manager, "direct": self.direct, "level": self.level,
            "target_level": self.target_level, "supported_level": self.supported_level,
            "ready": self.ready, "gaps": self.gaps, "evidence": self.evidence,
            "last_entry": self.last_entry.isoformat() if self.last_entry else None,
        }


@dataclass(frozen=True)
class _Listed:
    """A person as a list of people needs them, read in one query with their evidence counts."""

    id: int
    name: str
    handle: str
    team: str | None
    manager: str | None
    level: str | None
    target_level: str | None
    revision: int
    evidence: int
    last_entry: dt.date | None


_MANAGER = aliased(Person)
_EVIDENCE_COUNTS = (
    select(Evidence.person_id, func.count(Evidence.id).label("n"),
           func.max(Evidence.date_start).label("last"))
    .where(Evidence.deleted_at.is_(None),
           Evidence.person_id.in_(bindparam("evidence_of", expanding=True)))
    .group_by(Evidence.person_id).subquery())
_LISTED = (
    select(Person.id, Person.name, Person.handle, Team.name, _MANAGER.name, Person.level,
           Person.target_level, Person.ledger_revision,
           func.coalesce(_EVIDENCE_COUNTS.c.n, 0), _EVIDENCE_COUNTS.c.last)
    .outerjoin(Team, Team.id == Person.team_id)
    .outerjoin(_MANAGER, _MANAGER.id == Person.manager_id)
    .outerjoin(_EVIDENCE_COUNTS, _EVIDENCE_COUNTS.c.person_id == Person.id)
    .where(Person.id.in_(bindparam("ids", expanding=True)), Person.active.is_(True)))


def _listed(session: Session, ids: Collection[int]) -> list[_Listed]:
    found: list[_Listed] = []
    for chunk in id_chunks(ids):
        found += [_Listed(*row) for row in session.connection().execute(
            _LISTED, {"ids": chunk, "evidence_of": chunk})]
    return found


def _rows(session: Session, people: list[_Listed], framework: Framework,
          direct: Collection[int], as_of: dt.date | None,
          cache: AssessmentCache | None) -> list[PersonRow]:
    results = assess_people(session, people, framework, as_of=as_of, cache=cache,
                            revisions={p.id: p.revision for p in people})
    rows = []
    for p in people:
        result = results[p.id]
        ready = None
        if result.target_level:
            ready = result.overall_level is not None and framework.level_index(
                result.overall_level) >= framework.level_index(result.target_level)
        rows.append(PersonRow(
            id=p.id, name=p.name, handle=p.handle, team=p.team, manager=p.manager,
            direct=p.id in direct, level=p.level, target_level=p.target_level,
            supported_level=result.overall_level, ready=ready, gaps=len(result.gaps),
            evidence=p.evidence, last_entry=p.last_entry))
    return rows


def team_overview(session: Session, chain: Collection[int], direct: Collection[int],
                  framework: Framework, *, as_of: dt.date | None = None,
                  cache: AssessmentCache | None = None) -> list[PersonRow]:
    """A manager's reports (direct first) and their reports, each with where the evidence
    puts them against their target."""
    rows = _rows(session, _listed(session, chain), framework, direct, as_of, cache)
    return sorted(rows, key=lambda r: (not r.direct, r.team or "", r.name))


def committee_candidates(session: Session, framework: Framework, *,
                         as_of: dt.date | None = None,
                         cache: AssessmentCache | None = None) -> list[PersonRow]:
    """Everyone with a target level: the people whose cases a committee reviews."""
    ids = list(session.scalars(select(Person.id).where(
        Person.target_level.is_not(None), Person.active.is_(True))))
    rows = _rows(session, _listed(session, ids), framework, (), as_of, cache)
    return sorted(rows, key=lambda r: (r.ready is not True, r.target_level or "", r.name))


# --- the organisation ---------------------------------------------------------------------


@dataclass
class OrgSummary:
    """The organisation as a system: level mix, the staff bench, and key-person risk."""

    engineers: int = 0
    levels: list[tuple[str, str, int]] = field(default_factory=list)  # id, title, count
    by_team: list[dict[str, Any]] = field(default_factory=list)
    staff_plus: int = 0
    engineers_per_staff: float | None = None
    archetypes: list[dict[str, Any]] = field(default_factory=list)
    repositories: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "engineers": self.engineers,
            "levels": [{"id": i, "title": t, "count": n} for i, t, n in self.levels],
            "by_team": self.by_team, "staff_plus": self.staff_plus,
            "engineers_per_staff": self.engineers_per_staff, "archetypes": self.archetypes,
            "repositories": self.repositories,
        }


def org_summary(session: Session, framework: Framework) -> OrgSummary:
    """Counts by level and team from the roster, and key people from mined repositories."""
    engineers = list(session.scalars(
        select(Person).options(selectinload(Person.team))
        .where(Person.active.is_(True), Person.role == "engineer")))
    summary = OrgSummary(engineers=len(engineers))
    mix = Counter(p.level or "" for p in engineers)
    summary.levels = [(lv.id, lv.title, mix.get(lv.id, 0)) for lv in framework.levels]
    if mix.get(""):
        summary.levels.append(("", "level not set", mix[""]))
    ids = framework.level_ids
    staff_ids = {lv for lv in ids if is_staff_plus(framework, lv)}
    summary.staff_plus = sum(1 for p in engineers if p.level in staff_ids)
    if summary.staff_plus:
        summary.engineers_per_staff = round(len(engineers) / summary.staff_plus, 1)
    teams = {t.name: t for t in session.scalars(select(Team).order_by(Team.name))}
    per_team: dict[str, Counter[str]] = {name: Counter() for name in teams}
    for p in engineers:
        per_team.setdefault(p.team.name if p.team else "no team", Counter())[p.level or ""] += 1
    summary.by_team = [
        {"team": name, "engineers": sum(c.values()),
         "levels": {lv: c.get(lv, 0) for lv in ids},
         "staff_plus": sum(c.get(lv, 0) for lv in staff_ids)}
        for name, c in per_team.items() if sum(c.values())]
    summary.archetypes = [
        {"id": a.id, "title": a.title, "min_org_engineers": a.min_org_engineers,
         "fits_org": len(engineers) >= a.min_org_engineers}
        for a in framework.archetypes]
    for repo in session.scalars(select(MinedRepo).order_by(MinedRepo.name)):
        report = repo.report or {}
        summary.repositories.append({
            "name": repo.name, "branch": repo.branch or None, "commits": repo.commits,
            "authors": repo.authors, "files": repo.files, "truck_factor": repo.truck_factor,
            "key_people": list(report.get("key_people", [])),
            "teams": [{"team": t.get("team"), "truck_factor": t.get("truck_factor") or 0,
                       "key_people": t.get("key_people", [])}
                      for t in report.get("teams", [])],
            "mined_at": repo.mined_at.isoformat(timespec="seconds"),
        })
    return summary
