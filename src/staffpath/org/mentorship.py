"""Who mentors whom: relations from the ledger and from sustained code review, and each
mentor's reach — their mentees, and the mentees those mentees went on to take on.

Mentoring a few people is senior behaviour; creating mentors who mentor others is staff
behaviour, so reach counts both levels and names the mentors a person created.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.framework.model import Framework
from staffpath.ledger.extract.tags import extract_mentions
from staffpath.org.roster import NO_TEAM, Roster
from staffpath.store.tables import Evidence
from staffpath.vocab import EvidenceKind

# Reviews of one author's work in at least this many periods (quarters, as mined) by a more
# senior reviewer count as mentoring through review; one busy quarter does not.
MIN_REVIEW_PERIODS = 2

MENTORING = "mentoring"
SPONSORING = "sponsoring"
REVIEWING = "reviewing"

# Clauses end at ; ! ? a line break, or a full stop followed by a space (handles have dots).
_CLAUSE = re.compile(r"(?:[^.;!?\n]|\.(?=\S))+")
# The author is the one being helped: "my mentor", "mentoring me", "mentored by @x".
_MENTEE_CUE = re.compile(
    r"\b(?:my|our)\s+(?:mentor|coach|sponsor)s?\b"
    r"|\b(?:mentor|coach|teach|train|help|sponsor|guid|onboard)\w*\s+me\b"
    r"|\b(?:mentored|coached|taught|trained|sponsored|guided|onboarded|helped)\s+by\b",
    re.IGNORECASE)
_VERB = r"(?:mentors?|mentoring|mentored|coach(?:es|ing|ed)?|sponsor(?:s|ing|ed)?)"
_SUBJECT_FILLER = r"(?:now|also|then|in turn|has|have|started|began|went on to|is|was)"
# Words before a mention that make it an audience or a copy, not a relation.
_NOT_A_RELATION = re.compile(
    r"(?:shared with|sent to|cc:?|copied|approved by|signed off by|reported to)\s*$",
    re.IGNORECASE)


@dataclass(frozen=True)
class Relation:
    """One mentor → mentee relation and where it was seen."""

    mentor: int
    mentee: int
    since: dt.date
    kinds: tuple[str, ...]  # mentoring | sponsoring | reviewing
    evidence: tuple[int, ...]  # evidence ids it rests on


@dataclass(frozen=True)
class Reach:
    """How far one mentor's mentoring reached."""

    direct: tuple[int, ...]
    indirect: tuple[int, ...]  # mentees of their mentees, after the first relation began
    created_mentors: tuple[int, ...]  # their mentees who went on to mentor

    @property
    def total(self) -> int:
        return len(set(self.direct) | set(self.indirect))


@dataclass
class MentorshipGraph:
    """All relations, each person's reach, and the roster to name them."""

    relations: list[Relation]
    reach: dict[int, Reach]
    roster: Roster = field(repr=False)
    # Charts drawn from this view, kept with it (views are memoised until data changes).
    charts: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def people(self) -> list[int]:
        """Everyone in a relation, sorted by reach and then name."""
        ids = {r.mentor for r in self.relations} | {r.mentee for r in self.relations}
        return sorted(ids, key=lambda p: (-self._reach(p), self._name(p)))

    def _reach(self, pid: int) -> int:
        found = self.reach.get(pid)
        return found.total if found else 0

    def _name(self, pid: int) -> str:
        m = self.roster.people.get(pid)
        return m.name if m else str(pid)

    def team_links(self) -> dict[tuple[str, str], int]:
        """Relations counted by (mentor's team, mentee's team)."""
        out: Counter[tuple[str, str]] = Counter()
        for r in self.relations:
            out[(self.roster.team_of(r.mentor) or NO_TEAM,
                 self.roster.team_of(r.mentee) or NO_TEAM)] += 1
        return dict(out)

    def as_dict(self, *, anonymous: bool = False) -> dict[str, Any]:
        kinds = Counter(k for r in self.relations for k in r.kinds)
        reaches = [self.reach[p] for p in self.reach if self.reach[p].direct]
        data: dict[str, Any] = {
            "relations": len(self.relations), "by_kind": dict(sorted(kinds.items())),
            "mentors": len(reaches),
            "mentors_who_created_mentors": sum(1 for r in reaches if r.created_mentors),
            "reach_distribution": dict(sorted(Counter(r.total for r in reaches).items())),
            "team_links": [{"from": a, "to": b, "relations": n}
                           for (a, b), n in sorted(self.team_links().items())],
        }
        if anonymous:
            return data

        def who(pid: int) -> dict[str, Any]:
            m = self.roster.people.get(pid)
            return {"name": m.name if m else str(pid), "handle": m.handle if m else None,
                    "team": m.team if m else None}

        data["people"] = [
            {**who(p), "reach": self._reach(p),
             "mentees": [who(x)["handle"] for x in self.reach[p].direct] if p in self.reach
             else [],
             "mentees_of_mentees": [who(x)["handle"] for x in self.reach[p].indirect]
             if p in self.reach else [],
             "created_mentors": [who(x)["handle"] for x in self.reach[p].created_mentors]
             if p in self.reach else []}
            for p in self.people()]
        data["edges"] = [
            {"mentor": who(r.mentor)["handle"], "mentee": who(r.mentee)["handle"],
             "since": r.since.isoformat(), "kinds": list(r.kinds), "evidence": list(r.evidence)}
            for r in self.relations]
        return data


# --- reading direction from the text ---------------------------------------------------------


_ANY_MENTION = re.compile(r"@([\w.-]*\w)")


def _positions(text: str, handle: str) -> list[int]:
    wanted = handle.lower()
    return [m.start() for m in _ANY_MENTION.finditer(text) if m.group(1).lower() == wanted]


_MENTION_RE = r"@[\w.-]*\w"
_LIST_TAIL = r"(?:\s+(?:with|of))?\s*(?:" + _MENTION_RE + r"\s*(?:,|and|&)\s*)*$"
# "@ravi now mentors @jonas", "set up @tomas's mentoring with @aisha", "coached @wei into
# mentoring @noah and @fatima": a mentioned helper, a few words, the verb, then the mention.
_BY_MENTION = re.compile(r"(" + _MENTION_RE + r")(?:'s)?(?:\s+\S+){0,12}?\s+" + _VERB
                         + _LIST_TAIL)
# "Lena now mentors @sam": a name as the subject of a finite verb (not "Started mentoring").
_BY_NAME = re.compile(r"\b(?!I\b|We\b)[A-Z][\w'-]+\s+(?:" + _SUBJECT_FILLER + r"\s+)*"
                      r"(?:mentors|coaches|sponsors|is mentoring|is coaching)" + _LIST_TAIL)


def _third_party_subject(before: str) -> tuple[bool, str | None]:
    """Whether a clause says someone else helps the mention, and that helper's handle."""
    m = _BY_MENTION.search(before)
    if m is not None:
        return True, m.group(1)[1:]
    return _BY_NAME.search(before) is not None, None


@dataclass(frozen=True)
class Mention:
    """What one evidence item says about one person it mentions."""

    handle: str
    direction: str  # mentee (the author helps them) | mentor (they help the author)
    #                 | third (someone else helps them) | none
    subject: str | None = None  # for "third": the helper's handle, when mentioned


def read_mentions(title: str, body: str, people: Sequence[str]) -> list[Mention]:
    """Which way each mentioned person relates to the item's author."""
    text = f"{title}\n{body}" if body else title
    single = len(people) == 1
    out = []
    for handle in people:
        spots = _positions(text, handle)
        if not spots:
            # Named only in the item's fields (`--with @x`): the author helped them.
            out.append(Mention(handle, "mentee"))
            continue
        found: Mention | None = None
        for pos in spots:
            clause = next((c for c in _CLAUSE.finditer(text) if c.start() <= pos < c.end()),
                          None)
            start = clause.start() if clause else 0
            before = text[start:pos]
            after = text[pos:clause.end() if clause else len(text)]
            if _NOT_A_RELATION.search(before):
                found = found or Mention(handle, "none")
                continue
            third, subject = _third_party_subject(before)
            if third:
                found = Mention(handle, "third", subject)
                break
            clause_text = before + after
            follow = re.match(r"@[\w.-]*\w(?:'s\s+(?:circle|group|mentoring|office hours)"
                              r"|\s+helping\b)", after)
            if follow or _MENTEE_CUE.search(clause_text) or (
                    single and _MENTEE_CUE.search(text)):
                found = Mention(handle, "mentor")
                break
            found = Mention(handle, "mentee")
            break
        out.append(found or Mention(handle, "mentee"))
    return out


# --- building the graph ----------------------------------------------------------------------


@dataclass
class _Edge:
    since: dt.date
    kinds: set[str] = field(default_factory=set)
    evidence: set[int] = field(default_factory=set)


def _period(row: Any) -> str:
    extra = row.extra or {}
    if isinstance(extra.get("period"), str):
        return str(extra["period"])
    d = row.date_start
    return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}" if d else "undated"


def build_graph(session: Session, roster: Roster, framework: Framework, *,
                since: dt.date | None = None) -> MentorshipGraph:
    """Relations from live mentorship, sponsorship and review evidence, and everyone's reach."""
    query = (select(Evidence.id, Evidence.person_id, Evidence.kind, Evidence.title,
                    Evidence.body, Evidence.people, Evidence.date_start, Evidence.created_at,
                    Evidence.extra)
             .where(Evidence.deleted_at.is_(None),
                    Evidence.kind.in_((EvidenceKind.MENTORSHIP, EvidenceKind.SPONSORSHIP,
                                       EvidenceKind.REVIEW)))
             .order_by(Evidence.id))
    if since is not None:
        query = query.where(Evidence.date_start >= since)
    edges: dict[tuple[int, int], _Edge] = {}
    reviews: dict[tuple[int, int], tuple[set[str], dt.date, set[int]]] = {}

    def add(mentor: int | None, mentee: int | None, day: dt.date, kind: str, ev: int) -> None:
        if mentor is None or mentee is None or mentor == mentee:
            return
        edge = edges.setdefault((mentor, mentee), _Edge(day))
        edge.since = min(edge.since, day)
        edge.kinds.add(kind)
        edge.evidence.add(ev)

    for row in session.execute(query):
        # The ledger fills `people` from @mentions on import; an item typed without them
        # still names people in its text.
        people = [p for p in (row.people or []) if isinstance(p, str)] or list(
            extract_mentions(f"{row.title}\n{row.body or ''}"))
        if not people:
            continue
        day = row.date_start or row.created_at.date()
        author = row.person_id
        if row.kind == EvidenceKind.REVIEW:
            for handle in people:
                other = roster.resolve(handle)
                if other is None or other == author:
                    continue
                periods, first, seen = reviews.setdefault((author, other), (set(), day, set()))
                periods.add(_period(row))
                seen.add(row.id)
                reviews[(author, other)] = (periods, min(first, day), seen)
            continue
        kind = SPONSORING if row.kind == EvidenceKind.SPONSORSHIP else MENTORING
        for mention in read_mentions(row.title, row.body or "", people):
            other = roster.resolve(mention.handle)
            if mention.direction == "mentee":
                add(author, other, day, kind, row.id)
            elif mention.direction == "mentor":
                add(other, author, day, kind, row.id)
            elif mention.direction == "third" and mention.subject is not None:
                add(roster.resolve(mention.subject), other, day, kind, row.id)
    ids = framework.level_ids
    for (reviewer, author), (periods, first, evs) in reviews.items():
        a, b = roster.people.get(reviewer), roster.people.get(author)
        if a is None or b is None or a.level not in ids or b.level not in ids:
            continue
        if len(periods) >= MIN_REVIEW_PERIODS and ids.index(a.level) > ids.index(b.level):
            for ev in evs:
                add(reviewer, author, first, REVIEWING, ev)
    relations = [Relation(m, e, edge.since, tuple(sorted(edge.kinds)),
                          tuple(sorted(edge.evidence)))
                 for (m, e), edge in edges.items()]
    relations.sort(key=lambda r: (r.since, r.mentor, r.mentee))
    return MentorshipGraph(relations=relations, reach=compute_reach(relations), roster=roster)


def compute_reach(relations: Iterable[Relation]) -> dict[int, Reach]:
    """Each mentor's mentees and the mentees those took on after the relation began."""
    # A mentee's mentoring from before they were mentored is not the mentor's doing.
    out_edges: dict[int, list[tuple[int, dt.date]]] = {}
    for r in relations:
        out_edges.setdefault(r.mentor, []).append((r.mentee, r.since))
    reach = {}
    for mentor, mentees in out_edges.items():
        direct = dict(mentees)
        indirect: set[int] = set()
        created: set[int] = set()
        for mentee, started in direct.items():
            for grand, since in out_edges.get(mentee, []):
                if since >= started and grand != mentor:
                    created.add(mentee)
                    if grand not in direct:
                        indirect.add(grand)
        reach[mentor] = Reach(tuple(sorted(direct)), tuple(sorted(indirect)),
                              tuple(sorted(created)))
    return reach
