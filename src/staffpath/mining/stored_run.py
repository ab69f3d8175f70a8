"""What a mining run reads from the store before reading git, and how the coordinator writes
what it found: the repository's record with the state the next run starts from, the facts
per author and period, the authorship spans, new identities and evidence, in the caller's
transaction (one per repository)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from staffpath.errors import ConflictError
from staffpath.mining import evidence as ev
from staffpath.mining.codeowners import OwnerDirectory
from staffpath.mining.compute import RepoTask, Shared
from staffpath.mining.identities import record_identities
from staffpath.mining.identity_resolution import Directory
from staffpath.mining.mined import FactRow, MinedRepository
from staffpath.mining.ownership import TeamArea
from staffpath.mining.report import MineReport
from staffpath.mining.run_plan import SavedRecord
from staffpath.mining.tables import AuthorshipSpan, MinedFact, MinedRepo
from staffpath.store.tables import Person, PersonEmail, Team


def load_shared(session: Session) -> Shared:
    """Identities, the roster and team areas: read once for every repository of a run."""
    teams = list(session.execute(select(Team.name, Team.owns).order_by(Team.name)))
    person_team: dict[str, str] = {}
    for handle, email, team in session.execute(
            select(Person.handle, PersonEmail.email, Team.name)
            .join(Team, Team.id == Person.team_id)
            .outerjoin(PersonEmail, PersonEmail.person_id == Person.id)):
        person_team[handle.lower()] = team
        if email:
            person_team[email.lower()] = team
    areas = tuple(TeamArea(name, tuple(owns)) for name, owns in teams if owns)
    owners = OwnerDirectory(tuple(name for name, _owns in teams), person_team)
    return Shared(directory=Directory.load(session), owners=owners, areas=areas)


def saved_run(session: Session, resolved: Path, branch: str | None) -> MinedRepo | None:
    return session.scalar(select(MinedRepo).where(
        MinedRepo.path == str(resolved), MinedRepo.branch == (branch or "")))


def repo_task(session: Session, path: Path, resolved: Path, branch: str | None, *,
              full: bool) -> RepoTask:
    """The task for one repository: its last run's state and stored facts, unless `full`."""
    record = saved_run(session, resolved, branch)
    if record is None:
        return RepoTask(path=path)
    saved = SavedRecord(record.id, None if full else record.state)
    facts: tuple[FactRow, ...] = ()
    if saved.state is not None:
        facts = tuple((kind, key, period, data) for kind, key, period, data in session.execute(
            select(MinedFact.kind, MinedFact.author_key, MinedFact.period, MinedFact.data)
            .where(MinedFact.repo_id == record.id)))
    return RepoTask(path=path, record=saved, facts=facts)


def write_mined(session: Session, mined: MinedRepository) -> MineReport:
    """Write one repository's run; the caller commits (or rolls back) it as one transaction."""
    report = mined.report
    if mined.write_evidence:
        counts = ev.UpsertCounts()
        ids = sorted({pid for pid, _data in mined.evidence})
        people = {p.id: p for p in session.scalars(
            select(Person).options(selectinload(Person.team)).where(Person.id.in_(ids)))
        } if ids else {}
        ev.upsert_all(session, [(people[pid], data) for pid, data in mined.evidence
                                if pid in people], counts)
        report.evidence = counts.as_dict()
    # The record last: its summary then says whether evidence was written (see `cluster`).
    record = _save_repo(session, mined)
    record_identities(session, mined.new_identities, ())
    _save_facts(session, record.id, mined)
    _save_spans(session, record.id, mined)
    return report


def _save_repo(session: Session, mined: MinedRepository) -> MinedRepo:
    values, report = mined.values, mined.report
    record = session.get(MinedRepo, mined.record_id) if mined.record_id is not None else None
    if record is None:
        record = MinedRepo(path=values.path, branch=values.branch, name=values.name)
        session.add(record)
    record.tip = values.tip
    record.commits = report.commits
    record.authors = report.authors
    record.files = report.files
    record.truck_factor = report.truck_factor
    summary = report.as_dict()
    summary.pop("contributors")
    record.report = summary
    record.state = values.state
    record.mined_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    try:
        session.flush()
    except IntegrityError:
        raise ConflictError(f"{values.path} is being mined by another run; try again "
                            "when it has finished") from None
    return record


def _save_facts(session: Session, repo_id: int, mined: MinedRepository) -> None:
    """Write the facts (all of them, or only those the new commits changed)."""
    rows = mined.facts
    if mined.full:
        session.execute(delete(MinedFact).where(MinedFact.repo_id == repo_id))
    else:
        periods = sorted({p for _kind, _key, p, _data in rows})
        wanted = {(kind, key, p) for kind, key, p, _data in rows}
        stale = [i for i, kind, key, p in session.execute(
            select(MinedFact.id, MinedFact.kind, MinedFact.author_key, MinedFact.period)
            .where(MinedFact.repo_id == repo_id, MinedFact.period.in_(periods)))
            if (kind, key, p) in wanted]
        if stale:
            session.execute(delete(MinedFact).where(MinedFact.id.in_(stale)))
    if rows:
        session.execute(insert(MinedFact), [
            {"repo_id": repo_id, "kind": kind, "author_key": key, "period": p, "data": data}
            for kind, key, p, data in rows])


def _save_spans(session: Session, repo_id: int, mined: MinedRepository) -> None:
    """Close the spans earlier runs opened, then add this run's."""
    if mined.full:
        session.execute(delete(AuthorshipSpan).where(AuthorshipSpan.repo_id == repo_id))
    for path, key, until in mined.closes:
        session.execute(update(AuthorshipSpan).where(
            AuthorshipSpan.repo_id == repo_id, AuthorshipSpan.path == path,
            AuthorshipSpan.author_key == key, AuthorshipSpan.until.is_(None),
        ).values(until=dt.date.fromordinal(until)))
    if mined.spans:
        session.execute(insert(AuthorshipSpan), [
            {"repo_id": repo_id, "path": path, "author_key": key, "person_id": person,
             "since": dt.date.fromordinal(since),
             "until": dt.date.fromordinal(until) if until is not None else None}
            for path, key, person, since, until in mined.spans])
