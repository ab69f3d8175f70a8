"""Which team owns each file of a mined repository: CODEOWNERS at the mined tip (when the
repository can still be read), else the roster's team areas — the mining's own rules."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session

from staffpath.errors import StaffpathError
from staffpath.mining.codeowners import LOCATIONS, OwnerDirectory
from staffpath.mining.gitlog import BlobReader, read_text
from staffpath.mining.ownership import Ownership, TeamArea
from staffpath.mining.pathmatch import PatternList
from staffpath.org.cache import memo
from staffpath.org.risk import FileFacts, RepoSpans
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


def _digest(roster: Roster) -> str:
    h = hashlib.sha1(usedforsecurity=False)
    for name, team in sorted(roster.teams.items()):
        h.update(f"{name}\0{team.owns}\n".encode())
    for m in sorted(roster.people.values(), key=lambda m: m.id):
        h.update(f"{m.id}\0{m.handle}\0{m.team}\n".encode())
    return h.hexdigest()


def file_owners(session: Session, spans: Sequence[RepoSpans], roster: Roster,
                exclude: PatternList) -> Owners:
    """Owning teams of every file in every repository (memoised per tip and roster)."""
    key = (tuple((s.id, s.tip, len(s.files)) for s in spans), _digest(roster),
           exclude.patterns)
    return memo(session, "owners", key, lambda: _owners(spans, roster, exclude))


def _owners(spans: Sequence[RepoSpans], roster: Roster, exclude: PatternList) -> Owners:
    directory = _directory(roster)
    areas = [TeamArea(t.name, t.owns) for t in roster.teams.values() if t.owns]
    out: Owners = {}
    for s in spans:
        ownership = Ownership(directory=directory, areas=areas, repo_label=s.name)
        for location, text in _codeowners(s).items():
            ownership.set_file(location, text, strict=False)
        out[s.id] = FileFacts(
            owners=[ownership.owners(path) for path in s.files],
            excluded=np.array([exclude.matches(path) for path in s.files], dtype=np.bool_))
    return out
