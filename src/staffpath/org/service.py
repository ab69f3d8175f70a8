"""The organisation views as the command line and the web ask for them: each takes the
session and a viewer, refuses what the viewer may not see, and returns a typed view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.accounts.principal import Principal
from staffpath.errors import InputError, NotFoundError
from staffpath.framework.model import Framework
from staffpath.mining.authorship_spans import spread_from
from staffpath.mining.rules import MiningRules
from staffpath.mining.tables import MinedRepo
from staffpath.org import snapshots
from staffpath.org.assessed import assess_everyone
from staffpath.org.audience import require_org, require_person
from staffpath.org.away import AwayView, HandedOn, sole_areas
from staffpath.org.cache import ledger_version, memo, mining_version
from staffpath.org.crossteam import CrossTeamMap, crossteam_map
from staffpath.org.levels import LevelMix, level_mix
from staffpath.org.mentorship import MentorshipGraph, build_graph
from staffpath.org.owners import file_owners
from staffpath.org.quality import Scorecard, scorecard
from staffpath.org.risk import (
    Change,
    RiskReport,
    Scenario,
    compare,
    decode_repos,
    encode_repos,
    risk_report,
)
from staffpath.org.risk_spans import load_spans, span_inputs
from staffpath.org.roster import Roster, load_roster
from staffpath.workspace import QualityConfig

CROSSTEAM_DAYS = 365
HANDED_ON_DAYS = 365


def levels(session: Session, viewer: Principal, framework: Framework, *,
           as_of: dt.date | None = None) -> LevelMix:
    """Level mix per team and org unit, the staff-plus ratio, archetypes, the bench."""
    require_org(viewer)
    day = as_of or dt.date.today()
    roster = load_roster(session)
    assessed = assess_everyone(session, framework, day)
    key = (framework.fingerprint, day.isoformat(), ledger_version(session), roster.digest)
    return memo(session, "levels", key, lambda: level_mix(roster, framework, assessed))


def mentorship(session: Session, viewer: Principal, framework: Framework, *,
               since: dt.date | None = None) -> MentorshipGraph:
    """Mentor → mentee relations and each person's reach."""
    require_org(viewer)
    roster = load_roster(session)
    key = (framework.fingerprint, since, ledger_version(session), roster.digest)
    return memo(session, "mentorship", key,
                lambda: build_graph(session, roster, framework, since=since))


def _report(session: Session, roster: Roster, as_of: dt.date, scenario: Scenario | None,
            repo: str | None, rules: MiningRules, *, trend: bool = True,
            only: frozenset[int] | None = None) -> RiskReport:
    if scenario is not None and not scenario.empty:
        return _compute_report(session, roster, as_of, scenario, repo, rules, trend=trend,
                               only=only)
    # Without a what-if the report depends only on the mined data and the roster: kept.
    key = (as_of.isoformat(), repo, trend, only, mining_version(session), roster.digest,
           rules.exclude_matcher.patterns)
    return memo(session, "risk", key, lambda: _kept_report(
        session, roster, as_of, repo, rules, trend=trend, only=only))


def _compute_report(session: Session, roster: Roster, as_of: dt.date,
                    scenario: Scenario | None, repo: str | None, rules: MiningRules, *,
                    trend: bool, only: frozenset[int] | None) -> RiskReport:
    spans = load_spans(session)
    if repo is not None and not any(s.name == repo for s in spans):
        raise _no_repo(repo, [s.name for s in spans])
    files = file_owners(session, spans, roster, rules.exclude_matcher)
    return risk_report(spans, files, roster, as_of, scenario, repo=repo, trend=trend,
                       only=only)


def _no_repo(repo: str, names: Sequence[str]) -> NotFoundError:
    listed = ", ".join(sorted(set(names))) or "none mined yet"
    return NotFoundError(f"no mined repository {repo!r} (mined: {listed})")


def report_inputs(session: Session, roster: Roster, as_of: dt.date, repo: str | None,
                  rules: MiningRules, *, trend: bool) -> tuple[str, str]:
    """(scope, inputs digest) of a kept risk report: what it is computed from is the mined
    spans (their digests), whether each repository can still be read (CODEOWNERS), the
    roster, the exclusions, the day and the code."""
    present = sorted((r.id, Path(r.path).is_dir()) for r in session.execute(
        select(MinedRepo.id, MinedRepo.path)))
    inputs = snapshots.digest("risk", as_of.isoformat(), repo, trend,
                              sorted(span_inputs(session).items()), present, roster.digest,
                              rules.exclude_matcher.patterns)
    scope = f"{int(trend)}:{repo}" if repo is not None else f"{int(trend)}:*"
    if len(scope) > 200:
        scope = f"{int(trend)}#" + snapshots.digest("scope", repo)
    return scope, inputs


def _kept_report(session: Session, roster: Roster, as_of: dt.date, repo: str | None,
                 rules: MiningRules, *, trend: bool, only: frozenset[int] | None
                 ) -> RiskReport:
    """The report without a what-if, read from the database when its inputs are the same
    (what-ifs, and reports of some repositories only, are computed each time)."""
    if only is not None:
        return _compute_report(session, roster, as_of, None, repo, rules, trend=trend,
                               only=only)
    if repo is not None:
        names = list(session.scalars(select(MinedRepo.name)))
        if repo not in names:
            raise _no_repo(repo, names)
    scope, inputs = report_inputs(session, roster, as_of, repo, rules, trend=trend)
    found = snapshots.read(session, "risk", [scope]).get(scope)
    if found is not None and found[0] == inputs:
        return RiskReport(as_of=as_of, scenario=Scenario(), repos=decode_repos(found[1]),
                          roster=roster)
    report = _compute_report(session, roster, as_of, None, repo, rules, trend=trend,
                             only=None)
    snapshots.write(session, "risk", {scope: (inputs, encode_repos(report.repos), b"")})
    return report


def _touching(session: Session, people: frozenset[int]) -> frozenset[int]:
    """Repositories where any of these people is an author: the only ones a what-if changes."""
    return frozenset(s.id for s in load_spans(session)
                     if np.isin(s.who_pid, np.array(sorted(people), dtype=np.int64)).any())


def risk(session: Session, viewer: Principal, *, as_of: dt.date | None = None,
         repo: str | None = None, rules: MiningRules | None = None) -> RiskReport:
    """Truck factors per repository, team and area, their trend, and who alone knows what."""
    require_org(viewer)
    return _report(session, load_roster(session), as_of or dt.date.today(), None, repo,
                   rules or MiningRules())


@dataclass
class WhatIf:
    """Key-person risk before and after some people are away or move team."""

    before: RiskReport
    after: RiskReport
    changes: list[Change]

    def as_dict(self, *, anonymous: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"changes": [c.as_dict() for c in self.changes]}
        if not anonymous:
            data["scenario"] = self.after.as_dict()["scenario"]
        return data


def parse_scenario(roster: Roster, remove: Sequence[str], move: Sequence[str]) -> Scenario:
    """A scenario from handles to remove and HANDLE:TEAM moves; bad names are input errors."""
    removed = set()
    for ref in remove:
        pid = roster.resolve(ref)
        if pid is None:
            raise InputError(f"no person {ref!r} to remove")
        removed.add(pid)
    moved = {}
    teams = {t.lower(): t for t in roster.teams}
    for spec in move:
        ref, sep, team = spec.rpartition(":")
        if not sep or not ref or not team:
            raise InputError(f"cannot read {spec!r}; use HANDLE:TEAM")
        pid = roster.resolve(ref)
        if pid is None:
            raise InputError(f"no person {ref!r} to move")
        if team.strip().lower() not in teams:
            raise InputError(f"no team {team!r}; teams are: {', '.join(sorted(roster.teams))}")
        moved[pid] = teams[team.strip().lower()]
    return Scenario(removed=frozenset(removed), moved=moved)


def what_if(session: Session, viewer: Principal, *, remove: Sequence[str] = (),
            move: Sequence[str] = (), as_of: dt.date | None = None, repo: str | None = None,
            rules: MiningRules | None = None) -> WhatIf:
    """How truck factors and orphaned areas change if people leave or move team."""
    require_org(viewer)
    roster = load_roster(session)
    scenario = parse_scenario(roster, remove, move)
    day = as_of or dt.date.today()
    rules = rules or MiningRules()
    only = _touching(session, scenario.removed | frozenset(scenario.moved))
    before = _report(session, roster, day, None, repo, rules, trend=False, only=only)
    after = _report(session, roster, day, scenario, repo, rules, trend=False, only=only)
    return WhatIf(before, after, compare(before, after))


def away(session: Session, viewer: Principal, person_id: int, *, as_of: dt.date | None = None,
         rules: MiningRules | None = None) -> AwayView:
    """What would stop if this person were away (for them and their managers)."""
    require_person(viewer, person_id)
    roster = load_roster(session)
    member = roster.people.get(person_id)
    if member is None:
        raise NotFoundError("no such person")
    day = as_of or dt.date.today()
    rules = rules or MiningRules()
    only = _touching(session, frozenset({person_id}))
    before = _report(session, roster, day, None, None, rules, trend=False, only=only)
    after = _report(session, roster, day, Scenario(removed=frozenset({person_id})), None,
                    rules, trend=False, only=only)
    areas, authored = sole_areas(before, person_id)
    view = AwayView(person=member, as_of=day, areas=areas, changes=compare(before, after),
                    files_authored=authored)
    handed: dict[tuple[int | str, str], tuple[int, dt.date]] = {}
    for event in spread_from(session, f"p:{person_id}", day - dt.timedelta(days=HANDED_ON_DAYS),
                             day):
        who: int | str = event.person_id if event.person_id is not None else event.author_key
        files, first = handed.get((who, event.repository), (0, event.date))
        handed[(who, event.repository)] = (files + 1, min(first, event.date))
    for (who, repo), (files, first) in handed.items():
        m = roster.people.get(who) if isinstance(who, int) else None
        view.handed_on.append(HandedOn(
            name=m.name if m else str(who).removeprefix("x:"), team=m.team if m else None,
            repository=repo, files=files, first=first))
    view.handed_on.sort(key=lambda h: (-h.files, h.name, h.repository))
    return view


def crossteam(session: Session, viewer: Principal, *, since: dt.date | None = None,
              until: dt.date | None = None) -> CrossTeamMap:
    """Which teams change which other teams' code and review their work (last year)."""
    require_org(viewer)
    end = until or dt.date.today()
    start = since or end - dt.timedelta(days=CROSSTEAM_DAYS)
    if start > end:
        raise InputError("--since is after --until")
    roster = load_roster(session)
    key = (start.isoformat(), end.isoformat(), ledger_version(session), roster.digest)
    return memo(session, "crossteam", key,
                lambda: crossteam_map(session, roster, since=start, until=end))


def mined_repositories(session: Session) -> list[MinedRepo]:
    return list(session.scalars(select(MinedRepo).order_by(MinedRepo.name, MinedRepo.id)))


def quality(session: Session, viewer: Principal, repo: str, config: QualityConfig, *,
            cache: Path | None = None) -> Scorecard:
    """The quality scorecard of a mined repository (by name or path), read from its tip."""
    require_org(viewer)
    repos = mined_repositories(session)
    found = next((r for r in repos if r.name == repo), None) or next(
        (r for r in repos if Path(r.path) == Path(repo).expanduser().resolve()), None)
    if found is None:
        names = ", ".join(r.name for r in repos) or "none mined yet"
        raise NotFoundError(f"no mined repository {repo!r} (mined: {names})")
    if not Path(found.path).is_dir():
        raise NotFoundError(f"repository {found.name} is no longer at {found.path}")
    return scorecard(found.name, Path(found.path), found.branch or None, config, cache=cache,
                     session=session)
