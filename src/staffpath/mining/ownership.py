"""Whose code a path is: CODEOWNERS as it stood at the commit, else the roster's team areas."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from staffpath.errors import InputError
from staffpath.mining.codeowners import LOCATIONS, CodeOwners, OwnerDirectory, parse_codeowners
from staffpath.mining.pathmatch import PatternList


@dataclass(frozen=True)
class TeamArea:
    """A roster team and the gitignore-style patterns of code it owns (Team.owns)."""

    team: str
    patterns: tuple[str, ...]


@dataclass
class Ownership:
    """Owner teams of paths, following CODEOWNERS edits as history is replayed."""

    directory: OwnerDirectory
    areas: Sequence[TeamArea]
    repo_label: str
    files: dict[str, CodeOwners] = field(default_factory=dict)  # location -> parsed file
    warnings: list[str] = field(default_factory=list)
    _cache: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _area_matcher: PatternList = field(init=False)
    _area_teams: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        patterns: list[str] = []
        teams: list[str] = []
        for area in self.areas:
            for pattern in area.patterns:
                patterns.append(pattern)
                teams.append(area.team)
        self._area_matcher = PatternList(tuple(patterns))
        self._area_teams = tuple(teams)

    @property
    def active(self) -> CodeOwners | None:
        """The CODEOWNERS file GitHub would use: the first location that has one."""
        for location in LOCATIONS:
            if location in self.files:
                return self.files[location]
        return None

    def set_file(self, location: str, text: str | None, *, strict: bool) -> None:
        """Replace the CODEOWNERS at a location (None: deleted); strict refuses bad lines."""
        self._cache.clear()
        if text is None:
            self.files.pop(location, None)
            return
        parsed = parse_codeowners(text, source=f"{self.repo_label}:{location}")
        if parsed.problems:
            if strict:
                raise parsed.problems[0]
            for problem in parsed.problems:
                message = f"{problem} (ignored)"
                if message not in self.warnings:
                    self.warnings.append(message)
        self.files[location] = parsed

    def owners(self, path: str) -> tuple[str, ...]:
        """Roster teams owning a path; () when nobody on the roster does."""
        cached = self._cache.get(path)
        if cached is not None:
            return cached
        teams: tuple[str, ...] = ()
        codeowners = self.active
        owners = codeowners.owners_of(path) if codeowners is not None else None
        if owners:
            teams = self.directory.teams_for(owners)
        # A rule without owners says "nobody"; otherwise, when CODEOWNERS is silent or names
        # no roster team, the roster's own team areas decide.
        if not teams and owners != ():
            index = self._area_matcher.last_match(path)
            if index is not None:
                teams = (self._area_teams[index],)
        self._cache[path] = teams
        return teams


def decode_codeowners(data: bytes, *, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("CODEOWNERS is not UTF-8 text", path=source) from None
