"""The one or two pieces of work that would close most of the gaps to a target level.

A gap is one dimension's rule at the target level. Rather than repeat each rule, name work:
one item counts toward at most two dimensions (`assess.columns`), so a piece of work of the
right kind can close two gaps at once. For each kind of work, find the gap dimensions an item
of that kind would count toward and whose rule accepts the kind; take the kind that closes the
most, then the one that closes the most of the rest. The work asks for the widest reach, the
strongest role and the longest span among the rules it closes.
"""

from __future__ import annotations

from dataclasses import dataclass

from staffpath.assess.columns import counts_toward
from staffpath.assess.engine import Assessment
from staffpath.assess.signals import Item
from staffpath.assess.wording import months
from staffpath.framework.model import Framework
from staffpath.vocab import EvidenceKind, Role, Scope

MAX_PIECES = 2
ROLE_WORDS = {Role.LED: "that you lead", Role.LED_LEADERS: "that you lead through other leads",
              Role.SET_DIRECTION: "where you set the direction"}
KIND_WORDS = {
    EvidenceKind.SHIPPED_PROJECT: "a project", EvidenceKind.DESIGN_DOC: "a design document",
    EvidenceKind.DECISION_RECORD: "a decision record", EvidenceKind.STRATEGY: "a written strategy",
    EvidenceKind.INCIDENT: "incident leadership", EvidenceKind.MIGRATION: "a migration",
    EvidenceKind.MENTORSHIP: "mentoring", EvidenceKind.SPONSORSHIP: "sponsoring someone",
    EvidenceKind.TALK: "a talk", EvidenceKind.WRITING: "writing", EvidenceKind.REVIEW: "reviews",
    EvidenceKind.GLUE_WORK: "glue work", EvidenceKind.PROCESS: "a process change",
    EvidenceKind.HIRING: "hiring work", EvidenceKind.ONCALL: "on-call work",
    EvidenceKind.FEEDBACK: "feedback sought and acted on",
    EvidenceKind.CROSS_TEAM_CODE: "code in other teams' systems",
    EvidenceKind.KNOWLEDGE_SPREAD: "spreading knowledge",
}


@dataclass(frozen=True)
class NextWork:
    """A piece of work and the gaps it would close."""

    kind: EvidenceKind
    scope: Scope
    role: Role
    span_months: int
    dimensions: tuple[str, ...]  # dimension ids, framework order
    text: str


def closing_kinds(framework: Framework, target: str, dims: set[str]
                  ) -> dict[EvidenceKind, set[str]]:
    """For each kind of work, the dimensions among `dims` an item of that kind would count
    toward and whose rule at `target` accepts the kind."""
    closes: dict[EvidenceKind, set[str]] = {}
    for kind in KIND_WORDS:
        item = Item(id=0, title="", kind=kind, date_start=None, date_end=None,
                    scope=Scope.SELF, dimensions=frozenset())
        closes[kind] = {d for d in counts_toward(framework, item) if d in dims
                        and kind in framework.dimension(d).rule_kinds(target)}
    return closes


def best_piece(framework: Framework, closes: dict[EvidenceKind, set[str]], left: set[str]
               ) -> tuple[EvidenceKind, tuple[str, ...]] | None:
    """The kind of work closing the most of `left` (ties: the order of `KIND_WORDS`), with the
    dimensions it closes in framework order; None when no kind closes any. The one rule for
    choosing gap-closing work: the packet, `staffpath assess` and growth plans all use it."""
    order = {d: n for n, d in enumerate(framework.dimension_ids)}
    kind = max(closes, key=lambda k: (len(closes[k] & left), -list(KIND_WORDS).index(k)))
    dims = tuple(sorted(closes[kind] & left, key=order.__getitem__))
    return (kind, dims) if dims else None


def next_work(framework: Framework, assessment: Assessment) -> tuple[NextWork, ...]:
    """At most two pieces of work that together close the most gaps, the biggest first."""
    target = assessment.target_level
    open_gaps = {g.dimension for g in assessment.gaps}
    if target is None or not open_gaps:
        return ()
    closes = closing_kinds(framework, target, open_gaps)
    titles = {d.id: d.title for d in framework.dimensions}
    left = set(open_gaps)
    out: list[NextWork] = []
    while left and len(out) < MAX_PIECES:
        piece = best_piece(framework, closes, left)
        if piece is None:
            break
        kind, dims = piece
        rules = [framework.dimension(d).expectations[target].evidence for d in dims]
        scope = max(r.min_scope for r in rules)
        role = max(Role.parse(r.min_role) for r in rules)
        span = max(r.min_span_months for r in rules)
        parts = [KIND_WORDS[kind] + (f" reaching {scope.label}" if scope > Scope.SELF else "")]
        if role in ROLE_WORDS:
            parts.append(ROLE_WORDS[role])
        if span:
            parts.append(f"sustained over {months(span)}")
        text = (", ".join(parts).capitalize() + ": it would count toward "
                + " and ".join(titles[d] for d in dims) + ".")
        out.append(NextWork(kind, scope, role, span, tuple(dims), text))
        left -= set(dims)
    return tuple(out)
