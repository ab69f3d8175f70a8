"""CODEOWNERS files with GitHub's rules, and mapping their owners to roster teams."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from staffpath.errors import InputError
from staffpath.mining.pathmatch import PatternError, PatternList, compile_patterns

# GitHub looks in these places, in this order, and uses the first file it finds.
LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")

_OWNER = re.compile(r"@[A-Za-z0-9](?:[A-Za-z0-9_.-]*)(?:/[A-Za-z0-9_.-]+)?$|[^@\s]+@[^@\s]+$")
# GitLab-style section headers ("[Docs]", "^[Docs][2] @owner") are skipped, not errors.
_SECTION = re.compile(r"^\^?\[[^\]]+\](?:\[\d+\])?(?:\s+\S+)*$")


@dataclass(frozen=True)
class OwnerRule:
    """One CODEOWNERS line: a pattern and the owners it names (possibly none)."""

    pattern: str
    owners: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class CodeOwners:
    """A parsed CODEOWNERS file; the last rule matching a path decides its owners."""

    source: str
    rules: tuple[OwnerRule, ...]
    problems: tuple[InputError, ...] = ()
    _patterns: PatternList = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_patterns", PatternList(
            tuple(r.pattern for r in self.rules), github=True))

    def owners_of(self, path: str) -> tuple[str, ...] | None:
        """Owners of a path, () when the matching rule names none, None when no rule matches."""
        index = self._patterns.last_match(path)
        return None if index is None else self.rules[index].owners


def _split_line(text: str) -> list[str]:
    """Whitespace-separated words; a backslash keeps the next character (e.g. a space)."""
    words: list[str] = []
    current: list[str] = []
    escaped = False
    for ch in text:
        if escaped:
            current.append("\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch.isspace():
            if current:
                words.append("".join(current))
                current = []
        else:
            current.append(ch)
    if escaped:
        current.append("\\")
    if current:
        words.append("".join(current))
    return words


def parse_codeowners(text: str, *, source: str) -> CodeOwners:
    """Parse a CODEOWNERS file; lines GitHub would reject are reported in `problems`."""
    rules: list[OwnerRule] = []
    problems: list[InputError] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#") or _SECTION.match(line):
            continue
        words = _split_line(line)
        pattern, owners = words[0], []
        bad_owner = None
        for word in words[1:]:
            if word.startswith("#"):
                break  # the rest of the line is a comment
            if not _OWNER.match(word):
                bad_owner = word
                break
            owners.append(word)
        if bad_owner is not None:
            problems.append(InputError(
                f"owner {bad_owner!r} is neither @user, @org/team nor an e-mail address",
                path=source, line=number))
            continue
        try:
            compile_patterns([pattern], github=True)
        except PatternError as exc:
            problems.append(InputError(f"bad pattern {exc}", path=source, line=number))
            continue
        rules.append(OwnerRule(pattern=pattern, owners=tuple(owners), line=number))
    return CodeOwners(source=source, rules=tuple(rules), problems=tuple(problems))


def team_slug(name: str) -> str:
    """A team name as letters and digits only, for comparing with GitHub team slugs."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "", text)


@dataclass(frozen=True)
class OwnerDirectory:
    """Turns CODEOWNERS owners (@org/team, @user, e-mail) into roster team names."""

    teams: tuple[str, ...]
    person_team: Mapping[str, str]  # lower-case e-mail, handle or login -> team name

    def team_for(self, owner: str) -> str | None:
        if owner.startswith("@") and "/" in owner:
            slug = team_slug(owner.split("/", 1)[1])
            for name in self.teams:
                candidate = team_slug(name)
                if slug in (candidate, candidate.replace("and", "")):
                    return name
            return None
        key = owner.lstrip("@").lower()
        return self.person_team.get(key) or self.person_team.get(key.replace("-", "."))

    def teams_for(self, owners: Iterable[str]) -> tuple[str, ...]:
        found: list[str] = []
        for owner in owners:
            team = self.team_for(owner)
            if team is not None and team not in found:
                found.append(team)
        return tuple(found)
