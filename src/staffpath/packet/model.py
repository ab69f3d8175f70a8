"""The packet's data: what each part of a promotion packet shows, as frozen dataclasses."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Status = Literal["meets", "below", "no_evidence", "no_target"]


@dataclass(frozen=True)
class Voice:
    """Whose voice the packet's own sentences use: the engineer's ("I") or about them."""

    name: str
    third_person: bool = False

    def choose(self, first: str, third: str) -> str:
        """The first- or third-person form of a sentence."""
        return third if self.third_person else first

    @property
    def slots(self) -> dict[str, str]:
        """Values for the {I}, {me}, {my}, {My} slots in the packet's fixed sentences."""
        if self.third_person:
            owner = f"{self.name}'s"
            return {"I": self.name, "me": self.name, "my": owner, "My": owner}
        return {"I": "I", "me": "me", "my": "my", "My": "My"}

    def fill(self, text: str) -> str:
        """Fill a fixed sentence's {I}/{me}/{my}/{My} slots."""
        return text.format(**self.slots)


@dataclass(frozen=True)
class Header:
    """The packet's title block: who, which levels, which framework, as of when."""

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
    """One dimension: the level the evidence supports against the target."""

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
    """A labelled line under an entry, e.g. Impact or What made it hard."""

    label: str
    text: str


@dataclass(frozen=True)
class Entry:
    """One cited evidence item as it appears under a question."""

    evidence_id: int
    title: str
    when: str
    facts: tuple[Fact, ...] = ()
    cites: tuple[int, ...] = ()  # every item the entry rests on (a project's items), if many


@dataclass(frozen=True)
class Note:
    """A sentence of the packet's own, with the items it rests on."""

    text: str
    cites: tuple[int, ...] = ()


@dataclass(frozen=True)
class Answer:
    """One packet question with the evidence that answers it, or a visible gap."""

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
    missing: tuple[str, ...] = ()  # parts of the question the evidence leaves unanswered

    @property
    def status(self) -> str:
        """"answered", "partly answered" (some of the question's parts have no evidence) or
        "not yet answered"."""
        if not self.answered:
            return "not yet answered"
        return "partly answered" if self.missing else "answered"

    @property
    def answered(self) -> bool:
        """Whether any evidence answers the question."""
        return bool(self.entries) or any(n.cites for n in self.notes)

    @property
    def cited(self) -> tuple[int, ...]:
        """The evidence ids the answer cites, in order, once each."""
        ids = [i for e in self.entries for i in (e.cites or (e.evidence_id,))]
        ids += [c for n in self.notes for c in n.cites]
        return tuple(dict.fromkeys(ids))


@dataclass(frozen=True)
class GapRow:
    """One dimension short of the target: what is missing and what would show it."""

    dimension: str
    title: str
    current: str | None
    target: str
    missing: str
    closes_gap: str


@dataclass(frozen=True)
class Proposal:
    """A piece of work that would close several gaps at once."""

    text: str  # e.g. "Lead one effort reaching several teams, sustained over 6 months"
    closes: tuple[str, ...]  # the dimensions' titles
    needs: str  # what the rules ask, once, in units


@dataclass(frozen=True)
class PlanItem:
    """A goal or thing to learn from the journal, with where it was written."""

    text: str
    source: str | None


@dataclass(frozen=True)
class GapsAndPlan:
    """The gaps to the target level and the engineer's written plan."""

    title: str
    prompt: str
    lead: str | None
    gaps: tuple[GapRow, ...]
    met_text: str | None
    plan_intro: str
    plan: tuple[PlanItem, ...]
    answered: bool
    would_answer: str
    work: tuple[Proposal, ...] = ()  # the one or two pieces of work that close most gaps


@dataclass(frozen=True)
class AppendixRow:
    """One evidence item with its provenance and where the packet cites it."""

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
    """One bar of the dimension chart."""

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
    # The case in brief without the engine's gaps, for a panel member scoring unanchored.
    summary_blind: str = ""

    @property
    def unanswered(self) -> int:
        """Questions (including gaps-and-plan) that no evidence answers yet."""
        return sum(not a.answered for a in self.answers) + (not self.gaps.answered)

    @property
    def questions_total(self) -> int:
        """The packet questions, counting gaps-and-plan."""
        return len(self.answers) + 1

    @property
    def chart_rows(self) -> tuple[ChartRow, ...]:
        """The dimension chart's bars."""
        return tuple(ChartRow(d.title, d.rank, d.status != "no_evidence")
                     for d in self.dimensions)

    @property
    def appendix_ids(self) -> frozenset[int]:
        """Evidence ids that have an appendix anchor."""
        return frozenset(r.evidence_id for r in self.appendix)

    def case_json(self) -> dict[str, object]:
        """The case as data for `--json`: the projects, each question's status and what it
        lacks, and the work that would close the gaps."""
        projects = next((a.entries for a in self.answers if a.id == "projects"), ())
        return {
            "projects": [{"title": e.title, "cites": list(e.cites or (e.evidence_id,)),
                          **{f.label.lower().replace(" ", "_"): f.text for f in e.facts}}
                         for e in projects],
            "answers": [{"id": a.id, "status": a.status, "items": a.count,
                         "missing": list(a.missing)} for a in self.answers],
            "closing_work": [{"work": w.text, "closes": list(w.closes), "needs": w.needs}
                             for w in self.gaps.work],
        }

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
