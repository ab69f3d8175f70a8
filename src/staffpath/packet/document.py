"""The promotion packet as typed data, built once and rendered to Markdown, HTML or PDF."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from staffpath import __version__
from staffpath.assess.engine import Assessment, DimensionAssessment
from staffpath.framework.model import Framework
from staffpath.packet.questions import (
    QUESTIONS,
    Question,
    answers,
    kind_of,
    scope_of,
    teams_of,
    what_made_it_hard,
)
from staffpath.store.models import Evidence, JournalNote, Person
from staffpath.vocab import EvidenceKind

PERIOD_PER_YEAR = {"year": 1, "quarter": 4, "month": 12, "week": 52}
PLAN_CATEGORIES = ("goal", "learning", "todo")
MAX_PROJECTS = 8
MAX_ENTRIES = 12
MAX_CITES = 6
MINED_SOURCES = {"git", "commit", "review"}
LIST_MARKER = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
CROSS_TEAM = EvidenceKind.CROSS_TEAM_CODE

Status = Literal["meets", "below", "no_evidence", "no_target"]


@dataclass(frozen=True)
class Voice:
    """Whose voice the packet's own sentences use: the engineer's ("I") or about them."""

    name: str
    third_person: bool = False

    def choose(self, first: str, third: str) -> str:
        return third if self.third_person else first

    @property
    def slots(self) -> dict[str, str]:
        """Values for the {I}, {me}, {my}, {My} slots in the packet's fixed sentences."""
        if self.third_person:
            owner = f"{self.name}'s"
            return {"I": self.name, "me": self.name, "my": owner, "My": owner}
        return {"I": "I", "me": "me", "my": "my", "My": "My"}

    def fill(self, text: str) -> str:
        return text.format(**self.slots)


@dataclass(frozen=True)
class Header:
    name: str
    handle: str
    team: str | None
    current_level: str | None
    target_level: str | None
    supported_level: str | None
    framework: str
    as_of: dt.date
    third_person: bool
    generator: str


@dataclass(frozen=True)
class Verdict:
    """The page-one answer to "is the case there?"."""

    ready: bool | None
    overall_level: str | None
    headline: str
    detail: str
    dimensions_at_target: int
    dimensions_total: int
    questions_answered: int
    questions_total: int
    evidence_items: int
    evidence_span: str | None
    money: str | None
    archetype: str | None


@dataclass(frozen=True)
class DimensionRow:
    id: str
    title: str
    level: str | None
    level_title: str | None
    rank: int | None
    status: Status
    status_text: str
    confidence: float
    relevant_items: int
    cited: tuple[int, ...]


@dataclass(frozen=True)
class Fact:
    label: str
    text: str


@dataclass(frozen=True)
class Entry:
    """One cited evidence item as it appears under a question."""

    evidence_id: int
    title: str
    when: str
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class Note:
    """A sentence of the packet's own, with the items it rests on."""

    text: str
    cites: tuple[int, ...] = ()


@dataclass(frozen=True)
class Answer:
    id: str
    title: str
    prompt: str
    lead: str | None
    entries: tuple[Entry, ...]
    notes: tuple[Note, ...]
    more: int
    would_answer: str
    detailed: bool = False
    count: int = 0  # items that answer the question, shown or not

    @property
    def answered(self) -> bool:
        return bool(self.entries) or any(n.cites for n in self.notes)

    @property
    def cited(self) -> tuple[int, ...]:
        ids = [e.evidence_id for e in self.entries] + [c for n in self.notes for c in n.cites]
        return tuple(dict.fromkeys(ids))


@dataclass(frozen=True)
class GapRow:
    dimension: str
    title: str
    current: str | None
    target: str
    missing: str
    closes_gap: str


@dataclass(frozen=True)
class PlanItem:
    text: str
    source: str | None


@dataclass(frozen=True)
class GapsAndPlan:
    title: str
    prompt: str
    lead: str | None
    gaps: tuple[GapRow, ...]
    met_text: str | None
    plan_intro: str
    plan: tuple[PlanItem, ...]
    answered: bool
    would_answer: str


@dataclass(frozen=True)
class AppendixRow:
    evidence_id: int
    date: str
    title: str
    body: str
    kind: str
    reach: str
    dimensions: tuple[str, ...]
    source: str
    origin: str
    cited_in: tuple[str, ...]


@dataclass(frozen=True)
class ChartRow:
    title: str
    rank: int | None
    enough_evidence: bool


@dataclass(frozen=True)
class PacketDocument:
    """Everything a packet shows, decided; renderers only lay it out."""

    header: Header
    verdict: Verdict
    summary: str
    levels: tuple[str, ...]
    target_rank: int | None
    dimensions: tuple[DimensionRow, ...]
    answers: tuple[Answer, ...]
    gaps: GapsAndPlan
    appendix: tuple[AppendixRow, ...]

    @property
    def unanswered(self) -> int:
        """Questions (including gaps-and-plan) that no evidence answers yet."""
        return sum(not a.answered for a in self.answers) + (not self.gaps.answered)

    @property
    def questions_total(self) -> int:
        return len(self.answers) + 1

    @property
    def chart_rows(self) -> tuple[ChartRow, ...]:
        return tuple(ChartRow(d.title, d.rank, d.status != "no_evidence")
                     for d in self.dimensions)

    @property
    def appendix_ids(self) -> frozenset[int]:
        return frozenset(r.evidence_id for r in self.appendix)

    def prose(self) -> dict[str, str]:
        """The packet's own prose, by key: the only text a drafting model may reword."""
        out = {"summary": self.summary}
        for a in self.answers:
            if a.lead:
                out[f"answer:{a.id}"] = a.lead
        if self.gaps.lead:
            out["gaps"] = self.gaps.lead
        return out

    def with_prose(self, prose: Mapping[str, str]) -> PacketDocument:
        """A copy with some prose sections replaced (keys as from `prose()`)."""
        answers_ = tuple(
            dataclasses.replace(a, lead=prose.get(f"answer:{a.id}", a.lead))
            for a in self.answers)
        gaps = dataclasses.replace(self.gaps, lead=prose.get("gaps", self.gaps.lead))
        return dataclasses.replace(self, summary=prose.get("summary", self.summary),
                                   answers=answers_, gaps=gaps)


# --- small formatting helpers -------------------------------------------------------------


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def month(d: dt.date) -> str:
    return f"{d:%b %Y}"


def when(e: Evidence) -> str:
    """The item's date as a reader wants it: month and year, or a range."""
    if e.date_start is None:
        return "undated"
    if e.date_end and (e.date_end.year, e.date_end.month) != (e.date_start.year,
                                                                e.date_start.month):
        return f"{month(e.date_start)}–{month(e.date_end)}"
    return month(e.date_start)


def exact_date(e: Evidence) -> str:
    if e.date_start is None:
        return "undated"
    if e.date_end and e.date_end != e.date_start:
        return f"{e.date_start.isoformat()} – {e.date_end.isoformat()}"
    return e.date_start.isoformat()


def one_line(text: str) -> str:
    """User text on one line: the packet's layout decides where lines break."""
    return " ".join(text.split())


def annual(e: Evidence) -> Decimal | None:
    """The item's money impact as a yearly figure when a period was given."""
    if e.impact_money is None:
        return None
    per = PERIOD_PER_YEAR.get(e.impact_period or "")
    return e.impact_money * per if per else e.impact_money


def money(amount: Decimal, currency: str | None) -> str:
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency or "USD")
    prefix, suffix = (symbol, "") if symbol else ("", f" {currency}")
    value = abs(amount)
    sign = "-" if amount < 0 else ""
    if value >= 1_000_000:
        text = f"{value / 1_000_000:.1f}M"
    elif value >= 1_000:
        text = f"{value / 1_000:.0f}k"
    else:
        text = f"{value:.0f}"
    return f"{sign}{prefix}{text}{suffix}"


def money_total(items: Sequence[Evidence]) -> str | None:
    """Yearly money impact summed per currency, e.g. '$1.2M a year'."""
    totals: dict[str, Decimal] = {}
    for e in items:
        amount = annual(e)
        if amount is not None:
            cur = e.impact_currency or "USD"
            totals[cur] = totals.get(cur, Decimal(0)) + amount
    if not totals:
        return None
    return " and ".join(f"{money(v, c)} a year" for c, v in sorted(totals.items()))


def cites(ids: Sequence[int], limit: int = 3) -> str:
    """Citations as the packet's prose writes them: `[E12] [E9]`."""
    return " ".join(f"[E{i}]" for i in ids[:limit])


def details(body: str, skip: str | None = None) -> str:
    """An item's detail lines as one run of text: list markers dropped, lines joined by ';'."""
    out = ""
    for raw in body.splitlines():
        line = one_line(LIST_MARKER.sub("", raw.strip()))
        if not line or raw.strip() == skip:
            continue
        sep = "" if not out else (" " if out.endswith((":", ";", ",", ".", "!", "?")) else "; ")
        out += sep + line
    return out


def outcome(e: Evidence) -> str:
    """The item's details other than the line that says what made it hard."""
    return details(e.body, skip=what_made_it_hard(e))


def provenance(e: Evidence) -> tuple[str, str]:
    """Where the item came from (file and line, repository range, URL) and what kind of source."""
    origin = "mined from history" if e.source_type in MINED_SOURCES else "self-reported"
    kind = {"file": "brag document", "url": "link", "typed": "typed into staffpath"}.get(
        e.source_type, e.source_type)
    where = e.source_ref or ""
    if where and e.source_line:
        where += f", line {e.source_line}"
    return where or kind, f"{kind}, {origin}" if where else origin


# --- building ------------------------------------------------------------------------------


def _dimension_row(
    d: DimensionAssessment, framework: Framework, target: str | None
) -> DimensionRow:
    level_title = framework.level(d.level).title if d.level else None
    rank = framework.level_index(d.level) + 1 if d.level else None
    status: Status
    if not d.enough_evidence:
        status, text = "no_evidence", "cannot judge yet"
    elif target is None:
        status, text = "no_target", "no target set"
    elif rank is not None and rank >= framework.level_index(target) + 1:
        status, text = "meets", "meets target"
    else:
        status, text = "below", "below target"
    return DimensionRow(
        id=d.dimension, title=d.title, level=d.level,
        level_title=level_title or ("below the first level" if d.enough_evidence else None),
        rank=rank, status=status, status_text=text, confidence=d.confidence,
        relevant_items=d.relevant_items, cited=tuple(c.evidence_id for c in d.citations))


def _project_entry(e: Evidence) -> Entry:
    teams = teams_of(e)
    reach = scope_of(e).label + (f": {', '.join(teams)}" if teams else "")
    facts = [Fact("When", when(e)), Fact("Reach", reach)]
    if e.project:
        facts.append(Fact("Project", one_line(e.project)))
    impact = outcome(e) or one_line(e.impact_text or "") or "not recorded"
    facts.append(Fact("Impact", impact))
    yearly = annual(e)
    if yearly is not None:
        facts.append(Fact("Money", f"{money(yearly, e.impact_currency)} a year"
                          if e.impact_period else money(yearly, e.impact_currency)))
    hard = what_made_it_hard(e)
    facts.append(Fact("What made it hard", one_line(hard) if hard else "not recorded"))
    return Entry(e.id, one_line(e.title), when(e), tuple(facts))


def _list_entry(e: Evidence, question: str) -> Entry:
    facts: list[Fact] = []
    if question == "money":
        yearly = annual(e)
        if e.impact_text:
            facts.append(Fact("Impact", one_line(e.impact_text)))
        if yearly is not None:
            facts.append(Fact("Counted as", f"{money(yearly, e.impact_currency)} a year"
                              if e.impact_period else money(yearly, e.impact_currency)))
    else:
        if e.people:
            facts.append(Fact("With", ", ".join("@" + p for p in e.people)))
        text = outcome(e)
        if text:
            facts.append(Fact("Outcome", text))
    return Entry(e.id, one_line(e.title), when(e), tuple(facts))


def _span(items: Sequence[Evidence]) -> tuple[str, str] | None:
    starts = [e.date_start for e in items if e.date_start]
    ends = [e.date_end or e.date_start for e in items if e.date_start]
    if not starts:
        return None
    return month(min(starts)), month(max(d for d in ends if d))


def _answer(q: Question, items: Sequence[Evidence], voice: Voice, own_team: str | None
            ) -> Answer:
    found = answers(q, items)
    prompt = voice.fill(q.prompt)
    entries: list[Entry] = []
    notes: list[Note] = []
    more = 0
    lead: str | None = None
    n = len(found)
    if q.id == "projects" and found:
        # Widest reach first; within a reach, what the person led or wrote before code changes
        # mined from history (those back the case but rarely are the project itself).
        ranked = sorted(found, key=lambda e: (scope_of(e), kind_of(e) is not CROSS_TEAM,
                                              e.date_start or dt.date.min, e.id), reverse=True)
        entries = [_project_entry(e) for e in ranked[:MAX_PROJECTS]]
        more = max(0, n - MAX_PROJECTS)
        widest = scope_of(ranked[0]).label
        span = _span(found)
        lead = (f"{plural(n, 'item')} reached several teams or wider"
                + (f", from {span[0]} to {span[1]}" if span else "")
                + f"; the widest reached {widest}.")
        if more:
            lead += f" The {MAX_PROJECTS} widest and most recent are shown here."
    elif q.id == "advocates" and found:
        by_team: dict[str, list[int]] = {}
        for e in found:
            for t in teams_of(e):
                by_team.setdefault(t, []).append(e.id)
        # Other teams first: advocates outside one's own team are what staff cases need.
        order = sorted(by_team.items(), key=lambda kv: (kv[0] == own_team, -len(kv[1]), kv[0]))
        for team, ids in order:
            label = f"{team} (own team)" if team == own_team else team
            notes.append(Note(f"{label}: {plural(len(ids), 'item')}", tuple(ids[:MAX_CITES])))
        leaders: dict[str, list[int]] = {}
        for e in found:
            for s in e.stakeholders:
                leaders.setdefault(s, []).append(e.id)
        for who, ids in sorted(leaders.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            notes.append(Note(f"Named stakeholder {who}: {plural(len(ids), 'item')}",
                              tuple(ids[:MAX_CITES])))
        others = [t for t in by_team if t != own_team]
        named = {0: "no leader is named as a stakeholder yet",
                 1: "1 leader is named as a stakeholder"}.get(
            len(leaders), f"{len(leaders)} leaders are named as stakeholders")
        if others:
            reach = (f"The work involved {plural(len(others), 'team')}"
                     + (f" besides {own_team}" if own_team else ""))
        else:
            reach = "No team " + (f"besides {own_team} " if own_team else "") + (
                "appears in the evidence yet")
        lead = f"{reach}; {named}."
    elif found:
        entries = [_list_entry(e, q.id) for e in found[:MAX_ENTRIES]]
        more = max(0, n - MAX_ENTRIES)
        if q.id == "money":
            lead = (f"{plural(n, 'item')} record a money figure; together "
                    f"{money_total(found)}, counting yearly where a period was given.")
        elif q.id == "mentoring":
            people = {p for e in found for p in e.people}
            lead = (f"{plural(n, 'item')} of mentoring, sponsorship and growing others"
                    + (f", naming {plural(len(people), 'person', 'people')}." if people
                       else "."))
        elif q.id == "organisation":
            lead = f"{plural(n, 'item')} changed how several teams work."
        elif q.id == "glue":
            lead = f"{plural(n, 'item')} of on-call, tooling, process, review or quality work."
    return Answer(q.id, q.title, prompt, lead, tuple(entries), tuple(notes), more,
                  q.would_answer, detailed=q.id == "projects", count=n)


def _gaps(
    assessment: Assessment, framework: Framework, notes: Sequence[JournalNote], voice: Voice
) -> GapsAndPlan:
    title = {lv.id: lv.title for lv in framework.levels}
    target = assessment.target_level
    rows = tuple(GapRow(g.dimension, g.title, title.get(g.current or ""), title.get(
        g.target, g.target), g.missing, g.closes_gap) for g in assessment.gaps)
    plan = tuple(PlanItem(one_line(n.text), (f"{n.source_ref}:{n.source_line}" if
                                             n.source_line else n.source_ref))
                 for n in notes if n.category in PLAN_CATEGORIES)
    met = None
    lead = None
    if target is None:
        lead = "No target level is set, so there is nothing to measure gaps against."
    elif not rows:
        met = f"The evidence meets every {title[target]} expectation in the framework."
    else:
        lead = (f"{plural(len(rows), 'dimension')} "
                + ("is" if len(rows) == 1 else "are")
                + f" short of {title[target]}: " + ", ".join(g.title for g in rows) + ".")
    answered = target is not None and (not rows or bool(plan))
    intro = voice.choose("What I plan next (from my journal):",
                         f"What {voice.name} plans next (quoted from the journal):")
    return GapsAndPlan(
        title="Gaps and the plan",
        prompt="Where does the evidence fall short of the target, and what is the plan to "
               "close each gap?",
        lead=lead, gaps=rows, met_text=met, plan_intro=intro, plan=plan, answered=answered,
        would_answer=("A target level for the person." if target is None else
                      "Goals or things to learn in the journal that say how each gap will "
                      "be closed."),
    )


def _verdict(
    assessment: Assessment, framework: Framework,
    rows: Sequence[DimensionRow], answered: int, total: int, items: Sequence[Evidence],
) -> Verdict:
    title = {lv.id: lv.title for lv in framework.levels}
    target = assessment.target_level
    overall = assessment.overall_level
    supported = title[overall] if overall else None
    at_target = sum(r.status == "meets" for r in rows)
    short = sum(r.status == "below" for r in rows)
    thin = sum(r.status == "no_evidence" for r in rows)
    ready: bool | None = None
    support = (f"The evidence supports {supported} overall." if supported else
               "There is not enough evidence for an overall level yet.")
    if target is None:
        headline = "No target level is set"
        detail = support
    else:
        ready = overall is not None and framework.level_index(overall) >= (
            framework.level_index(target))
        goal = title[target]
        if ready:
            headline = f"Ready for {goal} on the evidence"
            detail = (f"{support} {at_target} of {len(rows)} dimensions are at {goal} or "
                      "above.")
        else:
            headline = f"Not yet ready for {goal} on the evidence"
            parts = [f"{short} {'is' if short == 1 else 'are'} below it"] if short else []
            if thin:
                parts.append(f"{thin} {'has' if thin == 1 else 'have'} too little evidence "
                             "to judge")
            reach = (f"{at_target} of {len(rows)} dimensions reach {goal}" if at_target else
                     f"None of the {len(rows)} dimensions reaches {goal} yet")
            detail = f"{support} {reach}" + ("; " + " and ".join(parts) if parts else "") + "."
    span = _span(items)
    fit = next((a for a in assessment.archetypes if a.score > 0), None)
    archetype = None
    if fit is not None:
        archetype = fit.title + ("" if fit.supported else
                                 f" (usually needs an organisation of about "
                                 f"{fit.min_org_engineers} engineers)")
    return Verdict(
        ready=ready, overall_level=overall, headline=headline, detail=detail,
        dimensions_at_target=at_target,
        dimensions_total=len(rows), questions_answered=answered, questions_total=total,
        evidence_items=len(items), evidence_span=f"{span[0]} – {span[1]}" if span else None,
        money=money_total(items), archetype=archetype)


def _summary(
    voice: Voice, items: Sequence[Evidence], answers_: Sequence[Answer], gaps: GapsAndPlan,
    own_team: str | None, target_title: str | None,
) -> str:
    """The case in brief: the packet's own sentences, each claim with its citations."""
    by = {a.id: a for a in answers_}
    out: list[str] = []
    span = _span(items)
    if not items:
        return voice.fill("{My} record holds no evidence items yet.")
    out.append(voice.fill("{My} record holds ") + plural(len(items), "evidence item")
               + (f" from {span[0]} to {span[1]}." if span else "."))
    projects = by["projects"]
    if projects.answered:
        out.append(f"{plural(projects.count, 'project')} reached several teams or wider "
                   f"{cites(projects.cited)}.")
    else:
        out.append("No project in the record reached beyond one team yet.")
    teams = sorted({t for e in items for t in teams_of(e) if t != own_team})
    if teams:
        shown = ", ".join(teams[:6]) + (f" and {len(teams) - 6} more" if len(teams) > 6 else "")
        out.append(f"The work involved {plural(len(teams), 'other team')}: {shown}.")
    money_items = by["money"]
    if money_items.answered:
        cited = set(money_items.cited)
        total = money_total([e for e in items if e.id in cited])
        out.append(f"Recorded money impact: {total} {cites(money_items.cited)}.")
    mentoring = by["mentoring"]
    if mentoring.answered:
        out.append(f"Mentoring and sponsorship: {plural(mentoring.count, 'item')} "
                   f"{cites(mentoring.cited)}.")
    if gaps.gaps and target_title:
        names = ", ".join(g.title for g in gaps.gaps[:3])
        more = f" and {len(gaps.gaps) - 3} more" if len(gaps.gaps) > 3 else ""
        out.append(f"Gaps to {target_title}: {names}{more}.")
    elif target_title:
        out.append(f"No gaps to {target_title} remain in the framework.")
    missing = [a.title for a in answers_ if not a.answered]
    if not gaps.answered:
        missing.append(gaps.title)
    if missing:
        out.append("Not yet answered: " + ", ".join(missing) + ".")
    return " ".join(out)


def build_document(
    person: Person,
    assessment: Assessment,
    framework: Framework,
    items: Sequence[Evidence],
    notes: Sequence[JournalNote],
    *,
    third_person: bool = False,
) -> PacketDocument:
    """Decide everything the packet shows; the same inputs give the same document."""
    voice = Voice(one_line(person.name), third_person)
    # Newest first, ties by id, whatever order the caller's query gave.
    items = sorted(items, key=lambda e: (e.date_start or dt.date.min, e.id), reverse=True)
    notes = sorted(notes, key=lambda n: (n.source_ref or "", n.source_line or 0, n.id or 0))
    level_title = {lv.id: lv.title for lv in framework.levels}
    target = assessment.target_level
    own_team = person.team.name if person.team else None
    rows = tuple(_dimension_row(d, framework, target) for d in assessment.dimensions)
    answers_ = tuple(_answer(q, items, voice, own_team) for q in QUESTIONS)
    gaps = _gaps(assessment, framework, notes, voice)
    total = len(answers_) + 1
    answered = sum(a.answered for a in answers_) + gaps.answered
    verdict = _verdict(assessment, framework, rows, answered, total, items)
    cited_in: dict[int, list[str]] = {}
    for a in answers_:
        for i in a.cited:
            cited_in.setdefault(i, []).append(a.title)
    for r in rows:
        for i in r.cited:
            cited_in.setdefault(i, []).append(r.title)
    dim_title = {d.id: d.title for d in framework.dimensions}
    appendix = []
    for e in sorted(items, key=lambda e: (e.date_start or dt.date.min, e.id)):
        source, origin = provenance(e)
        appendix.append(AppendixRow(
            evidence_id=e.id, date=exact_date(e), title=one_line(e.title),
            body=details(e.body),
            kind=kind_of(e).value.replace("_", " "), reach=scope_of(e).label,
            dimensions=tuple(dim_title.get(d, d) for d in e.dimensions), source=source,
            origin=origin, cited_in=tuple(dict.fromkeys(cited_in.get(e.id, [])))))
    header = Header(
        name=voice.name, handle=person.handle, team=own_team,
        current_level=level_title.get(person.level or "", person.level),
        target_level=level_title.get(target) if target else None,
        supported_level=level_title.get(assessment.overall_level or ""),
        framework=f"{framework.name} {framework.version}", as_of=assessment.as_of,
        third_person=third_person, generator=f"staffpath {__version__}")
    return PacketDocument(
        header=header, verdict=verdict,
        summary=_summary(voice, items, answers_, gaps, own_team, header.target_level),
        levels=tuple(lv.title for lv in framework.levels),
        target_rank=framework.level_index(target) + 1 if target else None,
        dimensions=rows, answers=answers_, gaps=gaps, appendix=tuple(appendix))


__all__ = [
    "Answer", "AppendixRow", "ChartRow", "DimensionRow", "Entry", "Fact", "GapRow",
    "GapsAndPlan", "Header", "Note", "PacketDocument", "PlanItem", "Verdict", "Voice",
    "build_document",
]
