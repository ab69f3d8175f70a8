"""The questions a staff promotion packet answers, and the evidence that answers each."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from staffpath.store.models import Evidence
from staffpath.vocab import EvidenceKind, Scope

PROJECT_KINDS = {
    EvidenceKind.SHIPPED_PROJECT, EvidenceKind.MIGRATION, EvidenceKind.DESIGN_DOC,
    EvidenceKind.DECISION_RECORD, EvidenceKind.STRATEGY, EvidenceKind.INCIDENT,
    EvidenceKind.CROSS_TEAM_CODE,
}
ORG_KINDS = {
    EvidenceKind.PROCESS, EvidenceKind.STRATEGY, EvidenceKind.HIRING, EvidenceKind.WRITING,
    EvidenceKind.TALK, EvidenceKind.GLUE_WORK, EvidenceKind.KNOWLEDGE_SPREAD,
}
MENTOR_KINDS = {EvidenceKind.MENTORSHIP, EvidenceKind.SPONSORSHIP}
GLUE_KINDS = {EvidenceKind.GLUE_WORK, EvidenceKind.ONCALL, EvidenceKind.PROCESS,
              EvidenceKind.REVIEW}
HARD_WORDS = re.compile(
    r"\b(hard|challeng\w*|risk\w*|ambigu\w*|trade-?offs?|slipp\w*|blocked|disagree\w*|"
    r"contentious|legacy|without downtime|zero downtime|constraint\w*|underestimat\w*)\b",
    re.IGNORECASE,
)


def scope_of(e: Evidence) -> Scope:
    if e.scope is not None:
        return Scope(e.scope)
    return Scope.TEAMS if len(e.teams) >= 2 else Scope.TEAM


def what_made_it_hard(e: Evidence) -> str | None:
    """A line of the item's details that says what was difficult, if the author wrote one."""
    for line in e.body.splitlines():
        if HARD_WORDS.search(line):
            return line.strip()
    return None


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    prompt: str
    select: Callable[[Evidence], bool]


def _in_dimension(dim: str, kinds: set[EvidenceKind]) -> Callable[[Evidence], bool]:
    return lambda e: dim in e.dimensions or EvidenceKind(e.kind) in kinds


QUESTIONS: tuple[Question, ...] = (
    Question(
        "projects", "Staff-scale projects",
        "Which projects reached beyond one team, what was your part, what did they change, "
        "and what made them hard?",
        lambda e: EvidenceKind(e.kind) in PROJECT_KINDS and scope_of(e) >= Scope.TEAMS,
    ),
    Question(
        "organisation", "Improving the organisation",
        "How did the way the organisation works get better because of you?",
        lambda e: (EvidenceKind(e.kind) in ORG_KINDS or "strategy" in e.dimensions)
        and scope_of(e) >= Scope.TEAMS,
    ),
    Question(
        "money", "Impact in money",
        "What is the money impact of the work (saved, earned, or protected)?",
        lambda e: e.impact_money is not None,
    ),
    Question(
        "mentoring", "Mentoring and sponsorship",
        "Whom did you mentor or sponsor, and did they go on to grow others?",
        _in_dimension("developing_others", MENTOR_KINDS),
    ),
    Question(
        "glue", "Glue work",
        "What unglamorous work (on-call, tooling, process, quality) made teams effective?",
        _in_dimension("glue_work", GLUE_KINDS),
    ),
    Question(
        "advocates", "Advocates",
        "Which teams and leaders have seen the work up close and would speak for it?",
        lambda e: bool(e.stakeholders or e.teams),
    ),
)


def answers(question: Question, items: Sequence[Evidence]) -> list[Evidence]:
    return [e for e in items if question.select(e)]
