"""The questions a staff promotion packet answers, and the evidence that answers each."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from staffpath.assess.service import evidence_scope, evidence_teams
from staffpath.store.tables import Evidence
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
# Work filed as `other` still reads as a project when it was tagged with one of these.
PROJECT_DIMENSIONS = {"scope_of_impact", "technical_judgment", "execution", "strategy"}
MENTOR_KINDS = {EvidenceKind.MENTORSHIP, EvidenceKind.SPONSORSHIP}
GLUE_KINDS = {EvidenceKind.GLUE_WORK, EvidenceKind.ONCALL, EvidenceKind.PROCESS,
              EvidenceKind.REVIEW}
# Words people use when they write down what was difficult. "risk" is left out on purpose:
# it mostly appears in outcomes ("14 risks found, 12 fixed"), which are impact, not difficulty.
HARD_WORDS = re.compile(
    r"\b(hard|challeng\w*|ambigu\w*|trade-?offs?|slipp\w*|blocked|disagree\w*|"
    r"contentious|legacy|(?:without|no|zero) downtime|constraint\w*|underestimat\w*)\b",
    re.IGNORECASE,
)


def kind_of(e: Evidence) -> EvidenceKind:
    """The item's kind; unknown kinds (from newer importers) read as `other`."""
    return EvidenceKind(e.kind) if e.kind in EvidenceKind._value2member_map_ else (
        EvidenceKind.OTHER)


def scope_of(e: Evidence) -> Scope:
    """How far an item reached, exactly as the assessment reads it (corrections first)."""
    return evidence_scope(e)


def teams_of(e: Evidence) -> list[str]:
    """The teams an item touched, as the assessment reads them."""
    return evidence_teams(e)


def what_made_it_hard(e: Evidence) -> str | None:
    """A line of the item's details that says what was difficult, if the author wrote one."""
    for line in e.body.splitlines():
        if HARD_WORDS.search(line):
            return line.strip()
    return None


def is_project(e: Evidence) -> bool:
    """A project-shaped item: a project kind, or untyped work tagged with a project dimension."""
    kind = kind_of(e)
    return kind in PROJECT_KINDS or (kind is EvidenceKind.OTHER
                                     and bool(PROJECT_DIMENSIONS & set(e.dimensions)))


@dataclass(frozen=True)
class Question:
    """One packet question; `prompt` has {I}, {me}, {my} slots filled by the packet's voice."""

    id: str
    title: str
    prompt: str
    would_answer: str
    select: Callable[[Evidence], bool]


def _in_dimension(dim: str, kinds: set[EvidenceKind]) -> Callable[[Evidence], bool]:
    """Items tagged with a dimension or of one of its kinds."""
    return lambda e: dim in e.dimensions or kind_of(e) in kinds


QUESTIONS: tuple[Question, ...] = (
    Question(
        "projects", "Staff-scale projects",
        "Which projects reached beyond one team, what was {my} part, what did they change, "
        "and what made them hard?",
        "A project, migration, design doc, decision record or incident that reached two or "
        "more teams (name the teams), with what changed and what made it hard.",
        lambda e: is_project(e) and scope_of(e) >= Scope.TEAMS,
    ),
    Question(
        "organisation", "Improving the organisation",
        "How did the way the organisation works get better because of {me}?",
        "Process, strategy, hiring, writing or a talk that changed how several teams work.",
        lambda e: (kind_of(e) in ORG_KINDS or "strategy" in e.dimensions)
        and scope_of(e) >= Scope.TEAMS,
    ),
    Question(
        "money", "Impact in money",
        "What is the money impact of the work (saved, earned, or protected)?",
        "Any item with a money figure and its period, e.g. '$40k/yr saved in hosting'.",
        lambda e: e.impact_money is not None,
    ),
    Question(
        "mentoring", "Mentoring and sponsorship",
        "Whom did {I} mentor or sponsor, and did they go on to grow others?",
        "Mentoring or sponsorship that names the people (@handle), and what they went on to do.",
        _in_dimension("developing_others", MENTOR_KINDS),
    ),
    Question(
        "glue", "Glue work",
        "What unglamorous work (on-call, tooling, process, quality) made teams effective?",
        "On-call, tooling, process, review or quality work, tagged e.g. #oncall or #tooling.",
        _in_dimension("glue_work", GLUE_KINDS),
    ),
    Question(
        "advocates", "Advocates",
        "Which teams and leaders have seen {my} work up close and would speak for it?",
        "Items that name the other teams involved and the leaders (stakeholders) who saw the "
        "work.",
        lambda e: bool(e.stakeholders or teams_of(e)),
    ),
)


def answers(question: Question, items: Sequence[Evidence]) -> list[Evidence]:
    """The items that answer a question, in the order given."""
    return [e for e in items if question.select(e)]
