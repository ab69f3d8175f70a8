"""The few projects that make a promotion case: items grouped by the project they belong to.

A brag document's heading, the `--project` given when logging, or the item itself names a
project; work mined from git joins the self-reported item it backs up (same weeks, and the same
repository, teams or title words) instead of standing beside it. Each project then reads as a
committee reads one: the author's strongest role, the teams and engineers it involved, its
timeline, its impact, and what made it hard in the author's own words. `group_projects` is pure:
it takes `Piece`s, so it runs without a database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from staffpath.vocab import Role, Scope

JOIN_DAYS = 31  # mined work this close to a project's dates may back it up
# Words people use when they write down what was difficult, in their own sentences. A count of
# risks ("14 risks found") is an outcome, not a difficulty, so "risk" after a number is skipped.
HARD_CUES = re.compile(
    r"\b(hard(?:est|er)?|difficult\w*|challeng\w*|ambigu\w*|trade-?offs?|slipp\w*|blocked|"
    r"disagree\w*|conflict\w*|contentious|push-?back|against|fail(?:ed|ure|ing|s)?|legacy|"
    r"(?:without|no|zero) downtime|constraint\w*|underestimat\w*|nobody|no one|"
    r"unclear|(?<![\d ]\d )(?<!\d )risk(?:s|y|ier|iest)?|deadline|outage)\b",
    re.IGNORECASE,
)
SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
# Headings that say when, not what: a quarterly log's "Q3 2025", "March", "2024", "H1".
DATE_HEADING = re.compile(
    r"^\s*(?:(?:q[1-4]|h[12]|fy\s?\d{2,4})\b|(?:19|20)\d{2}\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)", re.IGNORECASE)
STOP = frozenset(re.findall(r"\w+", """a an and the of for to in on with by from at into over
our my we i it its this that team teams project work new all across service services system
changed change changes code owned commits commit reviews review reviewed repository"""))


@dataclass(frozen=True)
class Piece:
    """One evidence item as project grouping reads it."""

    id: int
    title: str
    body: str = ""
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    project: str | None = None  # given with --project at logging
    headings: tuple[str, ...] = ()  # the brag-doc headings the item sat under, outermost first
    mined: bool = False
    repository: str | None = None
    role: Role = Role.DID
    role_stated: bool = False  # the text or the person said what their part was
    scope: Scope = Scope.TEAM
    teams: tuple[str, ...] = ()
    teams_count: int = 0  # teams the text counts ("all 9 product teams")
    people: int = 0  # engineers the text says the person directed, grew or hired
    money_per_year: Decimal | None = None
    impact: float = 0.0  # 0–1, as the assessment scores it
    impact_text: str = ""

    @property
    def last_date(self) -> dt.date | None:
        return self.date_end or self.date_start


@dataclass(frozen=True)
class Project:
    """A piece of work as the case tells it, with every item it rests on."""

    name: str
    role: Role
    scope: Scope
    teams: tuple[str, ...]
    teams_count: int
    people: int
    first: dt.date | None
    last: dt.date | None
    months: int
    impact: tuple[str, ...]
    money_per_year: Decimal | None
    hard: tuple[str, ...]  # the author's sentences that say what made it hard
    items: tuple[int, ...]  # self-reported items, the strongest first
    backed_by: tuple[int, ...] = field(default=())  # mined work joined to it
    weight: float = 0.0
    role_stated: bool = False

    @property
    def cites(self) -> tuple[int, ...]:
        return self.items + self.backed_by

    @property
    def team_reach(self) -> int:
        """How many teams it involved: those named, or the count the text gives."""
        return max(len(self.teams), self.teams_count)


def project_heading(headings: Sequence[str]) -> str | None:
    """The innermost heading that names a piece of work rather than a date."""
    for h in reversed(headings):
        text = " ".join(h.split()).strip("#:- ")
        if text and not DATE_HEADING.match(text):
            return text
    return None


def hard_sentences(text: str) -> list[str]:
    """The sentences of `text` that say what was difficult, as written."""
    out = []
    for s in SENTENCE.split(text):
        s = " ".join(s.split()).lstrip("-*• ").strip()
        if s and HARD_CUES.search(s):
            out.append(s)
    return out


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in STOP}


def _months(first: dt.date | None, last: dt.date | None) -> int:
    if first is None or last is None:
        return 0
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _overlaps(p: Piece, first: dt.date | None, last: dt.date | None) -> bool:
    if p.date_start is None or first is None or last is None:
        return False
    slack = dt.timedelta(days=JOIN_DAYS)
    return p.date_start <= last + slack and first - slack <= (p.last_date or p.date_start)


@dataclass(frozen=True)
class _Home:
    """What mined work is matched against: a self-reported project's dates, words and teams."""

    name: str
    first: dt.date | None
    last: dt.date | None
    words: frozenset[str]
    teams: frozenset[str]

    @classmethod
    def of(cls, name: str, group: Sequence[Piece]) -> _Home:
        return cls(name, min((p.date_start for p in group if p.date_start), default=None),
                   max((p.last_date for p in group if p.last_date), default=None),
                   frozenset(_words(name).union(*(_words(p.title + " " + p.body)
                                                  for p in group))),
                   frozenset(t for p in group for t in p.teams))

    def backed_by(self, m: Piece) -> bool:
        """Whether mined work `m` backs this project up: it names the same project, or it ran
        in the same weeks and touched its repository, teams or words."""
        if m.project and m.project == self.name:
            return True
        if not _overlaps(m, self.first, self.last):
            return False
        repo = _words((m.repository or "").rsplit("/", 1)[-1])
        return bool((repo and repo <= self.words) or (self.teams & set(m.teams))
                    or len(_words(m.title) & self.words) >= 2)


def project_weight(scope: Scope, role: Role, months: int, impact: float, teams: int,
                   people: int) -> float:
    """How big a project is: its reach and the author's role first, then how long it ran, its
    impact and how many teams and engineers it involved."""
    return round(2.0 * int(scope) + 1.5 * (int(role) + 1) + min(months, 24) / 6
                 + 3.0 * impact + min(teams, 10) / 5 + min(people, 20) / 10, 3)


def _project(name: str, own: Sequence[Piece], mined: Sequence[Piece]) -> Project:
    allp = list(own) + list(mined)
    first = min((p.date_start for p in allp if p.date_start), default=None)
    last = max((p.last_date for p in allp if p.last_date), default=None)
    months = _months(first, last)
    role = max((p.role for p in own), default=Role.DID)
    scope = max(p.scope for p in allp)
    teams = tuple(dict.fromkeys(t for p in allp for t in p.teams))
    teams_count = max((p.teams_count for p in allp), default=0)
    people = max((p.people for p in own), default=0)
    impact = tuple(dict.fromkeys(" ".join(p.impact_text.split()) for p in own if p.impact_text))
    money = [p.money_per_year for p in own if p.money_per_year is not None]
    hard = tuple(dict.fromkeys(s for p in own for s in hard_sentences(p.title + ". " + p.body)))
    ranked = sorted(own, key=lambda p: (-int(p.scope), -int(p.role), -p.impact, p.id))
    return Project(
        name=name, role=role, scope=scope, teams=teams, teams_count=teams_count,
        people=people, first=first, last=last, months=months, impact=impact,
        money_per_year=sum(money, Decimal(0)) if money else None, hard=hard,
        items=tuple(p.id for p in ranked), backed_by=tuple(sorted(p.id for p in mined)),
        role_stated=any(p.role_stated for p in own),
        weight=project_weight(scope, role, months, max((p.impact for p in allp), default=0.0),
                              max(len(teams), teams_count), people))


def group_projects(pieces: Sequence[Piece]) -> list[Project]:
    """The projects the items make, biggest first.

    Self-reported items group by `--project`, else by their innermost non-date heading, else
    stand as a project of their own. Mined items join the project they back up; mined work that
    backs none groups by repository."""
    groups: dict[str, list[Piece]] = {}
    for p in sorted(pieces, key=lambda p: (p.date_start or dt.date.min, p.id)):
        if p.mined:
            continue
        name = p.project or project_heading(p.headings) or " ".join(p.title.split())
        groups.setdefault(name, []).append(p)
    joined: dict[str, list[Piece]] = {}
    loose: dict[str, list[Piece]] = {}
    homes = [_Home.of(n, g) for n, g in groups.items()]
    for m in sorted((p for p in pieces if p.mined), key=lambda p: p.id):
        home = next((h.name for h in homes if h.backed_by(m)), None)
        if home is not None:
            joined.setdefault(home, []).append(m)
        else:
            repo = m.project or m.repository or "unattributed repository"
            loose.setdefault(f"Code in {repo}", []).append(m)
    out = [_project(n, g, joined.get(n, [])) for n, g in groups.items()]
    out += [_project(name, ms, []) for name, ms in loose.items()]
    return sorted(out, key=lambda p: (-p.weight, -(p.last or dt.date.min).toordinal(),
                                      p.name))
