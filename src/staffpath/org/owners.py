"""Which team owns each file of a mined repository: CODEOWNERS at the mined tip (when the
repository can still be read), else the roster's team areas — the mining's own rules."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session

from staffpath.errors import StaffpathError
from staffpath.mining.codeowners import LOCATIONS, OwnerDirectory
from staffpath.mining.git import BlobReader, read_text
from staffpath.mining.ownership import Ownership, TeamArea
from staffpath.mining.pathmatch import PatternList
from staffpath.org import snapshots
from staffpath.org.cache import memo
from staffpath.org.risk import FileFacts
from staffpath.org.risk_spans import RepoSpans, span_inputs
from staffpath.org.roster import Roster

Owners = dict[int, FileFacts]


def _directory(roster: Roster) -> OwnerDirectory:
    person_team: dict[str, str] = {}
    for m in roster.people.values():
        if m.team is not None:
            person_team[m.handle.lower()] = m.team
    for email, pid in roster.emails.items():
        team = roster.team_of(pid)
        if team is not None:
            person_team[email] = team
    return OwnerDirectory(tuple(sorted(roster.teams)), person_team)


def _codeowners(spans: RepoSpans) -> dict[str, str]:
    """CODEOWNERS files at the mined tip; none when the repository is gone or unreadable."""
    if spans.tip is None or not Path(spans.path).is_dir():
        return {}
    found: dict[str, str] = {}
    reader = BlobReader(Path(spans.path))
    try:
        for location in LOCATIONS:
            text = read_text(reader, spans.tip, location)
            if text is not None:
                found[location] = text
    except (StaffpathError, OSError):
        return {}
    finally:
        reader.close()
    return found


def file_owners(session: Session, spans: Sequence[RepoSpans], roster: Roster,
                exclude: PatternList) -> Owners:
    """Owning teams of every file in every repository (memoised per tip and roster, and kept
    in the database per repository with a digest of its inputs)."""
    key = (tuple((s.id, s.tip, len(s.files)) for s in spans), roster.digest,
           exclude.patterns)
    return memo(session, "owners", key, lambda: _kept_owners(session, spans, roster, exclude))


def _kept_owners(session: Session, spans: Sequence[RepoSpans], roster: Roster,
                 exclude: PatternList) -> Owners:
    # What a repository's owners are computed from: its files (the spans' digest), the
    # CODEOWNERS at its tip (fixed by the tip, while the repository is there to read), the
    # teams' areas and the exclusions; the people's teams matter only through CODEOWNERS.
    files = span_inputs(session)
    areas = tuple(sorted((t.name, t.owns) for t in roster.teams.values()))
    directory = _directory(roster)
    people = tuple(sorted(directory.person_team.items()))

    def inputs(s: RepoSpans, codeowners: bool) -> str:
        return snapshots.digest("owners", files.get(s.id), s.path, s.tip,
                                Path(s.path).is_dir(), areas, exclude.patterns,
                                (directory.teams, people) if codeowners else None)

    stored = snapshots.read(session, "owners", [str(s.id) for s in spans])
    out: Owners = {}
    todo = []
    for s in spans:
        found = stored.get(str(s.id))
        if found is not None:
            meta = json.loads(found[1])
            if found[0] == inputs(s, bool(meta["codeowners"])):
                arrays = snapshots.unpack_arrays(meta["layout"], found[2])
                out[s.id] = FileFacts(tuple(meta["teams"]), arrays["member_team"],
                                      arrays["member_file"], arrays["excluded"])
                continue
        todo.append(s)
    if todo:
        built = _owners(todo, roster, exclude, directory)
        rows = {}
        for s in todo:
            facts, codeowners = built[s.id]
            layout, data = snapshots.pack_arrays({
                "member_team": facts.member_team, "member_file": facts.member_file,
                "excluded": facts.excluded})
            rows[str(s.id)] = (inputs(s, codeowners), json.dumps(
                {"teams": facts.team_names, "codeowners": codeowners, "layout": layout}), data)
            out[s.id] = facts
        snapshots.write(session, "owners", rows)
    return out


_FOLDER = re.compile(r"[^*?\[\]\\!#/][^*?\[\]\\]*/\*\*")


def folder_areas(areas: Sequence[TeamArea]) -> dict[str, tuple[int, str]] | None:
    """Team areas as folder -> (pattern index, team), or None unless all are `folder/**`."""
    # For such patterns the last match is the deepest-and-latest folder, which a lookup finds
    # without running one large regular expression per file.
    found: dict[str, tuple[int, str]] = {}
    index = 0
    for area in areas:
        for pattern in area.patterns:
            if not _FOLDER.fullmatch(pattern):
                return None
            found[pattern[:-3]] = (index, area.team)
            index += 1
    return found


def _folder_owner(path: str, folders: dict[str, tuple[int, str]]) -> tuple[str, ...]:
    best: tuple[int, str] | None = None
    end = path.find("/")
    while end > 0:
        hit = folders.get(path[:end])
        if hit is not None and (best is None or hit[0] > best[0]):
            best = hit
        end = path.find("/", end + 1)
    return (best[1],) if best is not None else ()


def _owners(spans: Sequence[RepoSpans], roster: Roster, exclude: PatternList,
            directory: OwnerDirectory) -> dict[int, tuple[FileFacts, bool]]:
    """Per repository: its files' owners, and whether CODEOWNERS decided them."""
    areas = [TeamArea(t.name, t.owns) for t in roster.teams.values() if t.owns]
    folders = folder_areas(areas)
    out: dict[int, tuple[FileFacts, bool]] = {}
    for s in spans:
        codeowners = _codeowners(s)
        if folders is not None and not codeowners:
            owners = [_folder_owner(path, folders) for path in s.files]
        else:
            ownership = Ownership(directory=directory, areas=areas, repo_label=s.name)
            for location, text in codeowners.items():
                ownership.set_file(location, text, strict=False)
            owners = [ownership.owners(path) for path in s.files]
        out[s.id] = (FileFacts.from_owners(
            owners, np.array([exclude.matches(path) for path in s.files], dtype=np.bool_)),
            bool(codeowners))
    return out
