"""Turning mined facts into a few evidence entries per person and period, upserted by key.

Each entry is keyed by what it summarises (kind, repository, person, period or document), so
mining again updates it in place. An entry the user has edited keeps the user's text, and one
the user deleted stays deleted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.ledger.record import EDITABLE_FIELDS, EvidenceInput
from staffpath.ledger.service import add_evidence_many, edit_evidence
from staffpath.mining.git import BlobReader, read_text, shown
from staffpath.mining.history import ALL_GLUE, ALL_TEAMS, Fact, History
from staffpath.mining.identity_resolution import Author, PersonInfo
from staffpath.mining.rules import MiningRules
from staffpath.store.tables import Evidence, EvidenceRevision, Person
from staffpath.vocab import EvidenceKind, Scope


@dataclass
class UpsertCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # edited or deleted by a user, so left as they are
    ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "kept": self.kept}


@dataclass(frozen=True)
class Provenance:
    """Where mined evidence came from: the repository and the commits it summarises."""

    source_type: str  # git | review
    label: str  # a repository's path, or a review export
    identity: str  # what stays the same across clones: the root commit or GitHub repository


def source_key(*parts: str) -> str:
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass"),
                          usedforsecurity=False)
    return "mine:" + digest.hexdigest()


def upsert_all(session: Session, entries: Sequence[tuple[Person, EvidenceInput]],
               counts: UpsertCounts) -> None:
    """Upsert many entries, looking up the stored ones in a few queries instead of one each."""
    keys = [data.source_key for _p, data in entries if data.source_key]
    existing: dict[tuple[int, str, str], Evidence] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        for ev in session.scalars(select(Evidence).where(Evidence.source_key.in_(chunk))):
            existing[(ev.person_id, ev.source_type, ev.source_key or "")] = ev
    ids = [ev.id for ev in existing.values()]
    edited: set[int] = set()
    for start in range(0, len(ids), 500):
        edited.update(session.scalars(select(EvidenceRevision.evidence_id).where(
            EvidenceRevision.evidence_id.in_(ids[start:start + 500]),
            EvidenceRevision.change == "edited")))
    fresh: list[tuple[Person, EvidenceInput]] = []
    order: list[int | None] = []  # an existing entry's id, or None for the next fresh one
    for person, data in entries:
        found = existing.get((person.id, data.source_type, data.source_key or ""))
        if found is None:
            fresh.append((person, data))
            order.append(None)
            continue
        order.append(found.id)
        _update_one(session, data, found, found.id in edited, counts)
    # New entries in one flush, not one each: a first mine writes hundreds.
    added = iter(add_evidence_many(session, fresh) if fresh else [])
    counts.added += len(fresh)
    counts.ids.extend(i if i is not None else next(added).id for i in order)


def upsert(session: Session, person: Person, data: EvidenceInput, counts: UpsertCounts) -> None:
    """Add the entry, or update the one with the same source key unless a user changed it."""
    upsert_all(session, [(person, data)], counts)


def _update_one(session: Session, data: EvidenceInput, existing: Evidence, edited: bool,
                counts: UpsertCounts) -> None:
    if existing.deleted_at is not None or edited:
        counts.kept += 1  # the user's edit or deletion wins over the miner
        return
    version = existing.version
    edit_evidence(session, existing.id, data.model_dump(include=set(EDITABLE_FIELDS)),
                  change="reimported")
    # Keep what the ledger added to `extra` (facts extracted from the text); ours replace ours.
    extra = {**existing.extra, **data.extra}
    if existing.source_ref != data.source_ref or existing.extra != extra:
        existing.source_ref, existing.extra = data.source_ref, extra
    if existing.version != version:
        counts.updated += 1
    else:
        counts.unchanged += 1


# --- building entries -------------------------------------------------------------------


def _date(t: int) -> dt.date:
    return dt.datetime.fromtimestamp(t, dt.UTC).date()


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _ref(prov: Provenance, first: str, last: str) -> str:
    return f"{prov.label} {first[:12]}..{last[:12]}" if first != last else \
        f"{prov.label} {first[:12]}"


def cross_team_entry(prov: Provenance, repo_name: str, person: PersonInfo, period: str,
                     facts: dict[str, Fact], rules: MiningRules) -> EvidenceInput | None:
    """Sustained work in other teams' code in one period, or None when it was not sustained."""
    overall = facts.get(ALL_TEAMS)
    if overall is None:
        return None
    days = overall.days
    commits = overall.commits
    if commits < rules.cross_team.min_commits or len(days) < rules.cross_team.min_days:
        return None
    teams = sorted((t for t in facts if t != ALL_TEAMS), key=lambda t: (-facts[t].commits, t))
    (t0, first), (t1, last) = overall.first, overall.last
    lines = [f"- {team}: {facts[team].commits} commit(s), +{facts[team].added}/"
             f"-{facts[team].deleted} lines; e.g. {', '.join(map(shown, facts[team].files[:4]))}"
             for team in teams]
    scope = Scope.ORG if len(teams) >= 4 else Scope.TEAMS
    return EvidenceInput(
        title=f"Changed code owned by {_join(teams)} in {repo_name} "
              f"({commits} commit{'s' if commits != 1 else ''}, {period})",
        body=f"Mined from git history on {len(days)} different days:\n" + "\n".join(lines),
        date_start=_date(t0), date_end=_date(t1), kind=EvidenceKind.CROSS_TEAM_CODE,
        project=repo_name, teams=teams, scope=scope, tags=["mined", "cross-team"],
        source_type=prov.source_type, source_ref=_ref(prov, first, last),
        source_key=source_key("cross_team_code", prov.identity, str(person.id), period),
        extra=_extra(prov, first, last, commits, period),
    )


def glue_entry(prov: Provenance, repo_name: str, person: PersonInfo, period: str,
               facts: dict[str, Fact], rules: MiningRules) -> EvidenceInput | None:
    """Glue work (CI, build, tooling, docs, test infrastructure, runbooks) in one period."""
    overall = facts.get(ALL_GLUE)
    if overall is None:
        return None
    if (overall.commits < rules.glue_work.min_commits
            or len(overall.days) < rules.glue_work.min_days):
        return None
    labels = {r.name: r.label for r in rules.glue}
    kinds = sorted((k for k in facts if k != ALL_GLUE), key=lambda k: (-facts[k].commits, k))
    names = [labels.get(k, k) for k in kinds]
    # Told in commits and days, not lines: a line count says little about tooling, docs or
    # tests (and would cost a content diff of every such commit to read).
    lines = [f"- {labels.get(k, k)}: {facts[k].commits} commit(s) on {len(facts[k].days)} "
             f"day(s)" + (f"; e.g. {', '.join(map(shown, facts[k].files[:4]))}"
                          if facts[k].files else "")
             for k in kinds]
    first, last = overall.first[1], overall.last[1]
    return EvidenceInput(
        title=f"Glue work in {repo_name}: {_join(names)} ({overall.commits} commit"
              f"{'s' if overall.commits != 1 else ''}, {period})",
        body="Mined from git history:\n" + "\n".join(lines),
        date_start=_date(overall.first[0]), date_end=_date(overall.last[0]),
        kind=EvidenceKind.GLUE_WORK, project=repo_name, scope=Scope.TEAM,
        tags=["mined", "glue", *kinds],
        source_type=prov.source_type, source_ref=_ref(prov, first, last),
        source_key=source_key("glue_work", prov.identity, str(person.id), period),
        extra=_extra(prov, first, last, overall.commits, period),
    )


@dataclass(frozen=True)
class Newcomer:
    """Someone who became an author of files the person had authored."""

    name: str
    handle: str | None
    team: str | None
    paths: tuple[str, ...]


def spread_entry(prov: Provenance, repo_name: str, person: PersonInfo, period: str,
                 newcomers: Sequence[Newcomer], rules: MiningRules,
                 period_end: dt.date) -> EvidenceInput | None:
    """Others becoming authors of files the person authored, in one period."""
    files = {p for n in newcomers for p in n.paths}
    if len(files) < rules.knowledge_spread_min_files or not newcomers:
        return None
    ordered = sorted(newcomers, key=lambda n: (-len(n.paths), n.name))
    names = [n.name for n in ordered]
    teams = sorted({n.team for n in ordered if n.team and n.team != person.team})
    lines = [f"- {n.name}: {len(n.paths)} file(s), e.g. {', '.join(map(shown, n.paths[:4]))}"
             for n in ordered]
    return EvidenceInput(
        title=f"Knowledge spread in {repo_name}: {_join(names[:4])}"
              f"{' and others' if len(names) > 4 else ''} became authors of {len(files)} "
              f"file{'s' if len(files) != 1 else ''} {person.name} had written ({period})",
        body="Degree-of-authorship shows new authors of files this person authored:\n"
             + "\n".join(lines),
        date_start=period_end, kind=EvidenceKind.KNOWLEDGE_SPREAD, project=repo_name,
        people=[n.handle or n.name for n in ordered], teams=teams,
        scope=Scope.TEAMS if teams else Scope.TEAM, tags=["mined", "knowledge-spread"],
        source_type=prov.source_type, source_ref=f"{prov.label} authorship {period}",
        source_key=source_key("knowledge_spread", prov.identity, str(person.id), period),
        extra={"repository": prov.label, "period": period, "files": len(files)},
    )


def document_entry(prov: Provenance, repo_name: str, person: PersonInfo, kind: str, path: str,
                   title: str, sha: str, t: int) -> EvidenceInput:
    """A design document or decision record the person created."""
    evidence_kind = EvidenceKind(kind)
    what = "design document" if evidence_kind is EvidenceKind.DESIGN_DOC else "decision record"
    return EvidenceInput(
        title=f"Wrote {what}: {title}"[:2000],
        body=f"{shown(path)} in {repo_name}, first committed in {sha[:12]}.",
        date_start=_date(t), kind=evidence_kind, project=repo_name,
        tags=["mined", "writing"], source_type=prov.source_type,
        source_ref=f"{prov.label} {sha[:12]}:{shown(path)}",
        source_key=source_key(kind, prov.identity, str(person.id), sha, path),
        extra={"repository": prov.label, "commit": sha, "path": shown(path)},
    )


def _extra(prov: Provenance, first: str, last: str, commits: int, period: str
           ) -> dict[str, Any]:
    return {"repository": prov.label, "first_commit": first, "last_commit": last,
            "commits": commits, "period": period}


_HEADING = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$")
_TITLE_FIELD = re.compile(r"^title:\s*[\"']?(.+?)[\"']?\s*$", re.IGNORECASE)


def document_title(text: str, path: str) -> str:
    """A document's title: front-matter `title:`, the first Markdown or reST heading, or the
    file name."""
    lines = text.splitlines()[:80]
    if lines and lines[0].strip() == "---":
        for line in lines[1:]:
            if line.strip() == "---":
                break
            m = _TITLE_FIELD.match(line.strip())
            if m:
                return str(m.group(1)).strip()
    for i, line in enumerate(lines):
        m = _HEADING.match(line)
        if m:
            return str(m.group(1)).strip()
        stripped = line.strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if (stripped and nxt and len(set(nxt)) == 1 and nxt[0] in "=-~*#^"
                and len(nxt) >= len(stripped) * 0.8 and not stripped.startswith(("..", ":"))):
            return stripped
        if stripped.startswith("= "):  # AsciiDoc
            return stripped[2:].strip()
    name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return re.sub(r"[-_]+", " ", name).strip() or path


def _period_end(period: str, clock: int) -> dt.date:
    year = int(period[:4])
    month = int(period[-1]) * 3 if "Q" in period else int(period[5:7])
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    end = nxt - dt.timedelta(days=1)
    latest = dt.datetime.fromtimestamp(clock, dt.UTC).date() if clock else end
    return min(end, latest)


def history_entries(people: Mapping[int, PersonInfo], prov: Provenance, repo_name: str,
                    history: History, by_key: Mapping[str, Author], reader: BlobReader,
                    tip: str | None, rules: MiningRules) -> list[tuple[PersonInfo, EvidenceInput]]:
    """Evidence entries for the periods and documents this run of the history touched, for
    the roster people in `people` (read from the store before the run)."""
    keys = history.keys

    def person_of(index: int) -> PersonInfo | None:
        author = by_key.get(keys[index])
        if author is None or author.person_id is None:
            return None
        return people.get(author.person_id)

    grouped: dict[tuple[str, int, str], dict[str, Fact]] = {}
    for (a, period, team), fact in history.cross.items():
        if ("cross_team_code", a, period) in history.touched:
            grouped.setdefault(("cross_team_code", a, period), {})[team] = fact
    for (a, period, name), fact in history.glue.items():
        if ("glue_work", a, period) in history.touched:
            grouped.setdefault(("glue_work", a, period), {})[name] = fact
    entries: list[tuple[PersonInfo, EvidenceInput]] = []
    for (kind, a, period), facts in sorted(grouped.items(), key=lambda kv: kv[0]):
        person = person_of(a)
        if person is None:
            continue
        build = cross_team_entry if kind == "cross_team_code" else glue_entry
        data = build(prov, repo_name, person, period, facts, rules)
        if data is not None:
            entries.append((person, data))
    for kind, x, period in sorted(history.touched):
        if kind != "knowledge_spread":
            continue
        person = person_of(x)
        by_new = history.spread.get((x, period))
        if person is None or not by_new:
            continue
        newcomers = []
        for y, paths in by_new.items():
            author = by_key.get(keys[y])
            newcomers.append(Newcomer(
                name=author.name if author else keys[y], handle=author.handle if author else None,
                team=author.team if author else None, paths=tuple(paths)))
        data = spread_entry(prov, repo_name, person, period, newcomers, rules,
                               _period_end(period, history.clock))
        if data is not None:
            entries.append((person, data))
    for doc in history.docs:
        person = person_of(doc.author)
        if person is None:
            continue
        text = None
        current = doc.state.path if doc.state is not None and doc.state.alive else None
        if tip is not None and current is not None and history.files.get(current) is doc.state:
            text = read_text(reader, tip, current)
        if text is None:
            text = read_text(reader, doc.sha, doc.path)
        title = document_title(text or "", shown(current or doc.path))
        entries.append((person, document_entry(prov, repo_name, person, doc.kind,
                                                   doc.path, title, doc.sha, doc.time)))
    return entries
