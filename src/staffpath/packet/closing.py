"""The one or two pieces of work that would close most of the gaps to the target level.

Gaps that ask for the same thing — a reach, a role, a span of months, a kind of work — are one
piece of work, not one line per counting rule: a cross-team project led over six months can
close scope of impact and execution at once. Which gaps a piece of work closes is decided by
`assess.next_work`; this module words each proposal and what its rules ask, in units.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from staffpath.assess.engine import Assessment, RuleCheck
from staffpath.assess.next_work import next_work
from staffpath.assess.wording import months, pieces
from staffpath.framework.model import Framework
from staffpath.packet.model import Proposal
from staffpath.vocab import Role, Scope

MAX_PROPOSALS = 2
ANY_KIND = "any"
VERB = {Role.CONTRIBUTED: "Take part in", Role.DID: "Deliver", Role.LED: "Lead",
        Role.LED_LEADERS: "Lead, through other leads,", Role.SET_DIRECTION: "Set the direction of"}


@dataclass(frozen=True)
class Need:
    """What one gap's rule asks for at the target level."""

    dimension: str
    title: str
    kinds: frozenset[str]  # kinds of evidence that count; empty means any
    check: RuleCheck


def _needs(assessment: Assessment, framework: Framework) -> list[Need]:
    target = assessment.target_level
    dims = {d.id: d for d in framework.dimensions}
    checks = {d.dimension: d.checks for d in assessment.dimensions}
    out = []
    for g in assessment.gaps:
        check = next((c for c in checks.get(g.dimension, ()) if c.level == target), None)
        dim = dims.get(g.dimension)
        if check is None or dim is None or target is None:
            continue
        kinds = frozenset(k.value for k in dim.rule_kinds(target))
        out.append(Need(g.dimension, g.title, kinds, check))
    return out


def _kind_words(kind: str) -> str:
    return "piece of work" if kind == ANY_KIND else kind.replace("_", " ")


def _proposal(kind: str, covered: Sequence[Need]) -> Proposal:
    scope = max((n.check.min_scope for n in covered), default=Scope.TEAM)
    role = max((n.check.min_role for n in covered), default=Role.DID)
    span = max((n.check.needed_span_months for n in covered), default=0)
    weight = max((n.check.needed_items for n in covered), default=1.0)
    has = max((n.check.items for n in covered), default=0.0)
    text = f"{VERB[role]} one {_kind_words(kind)}"
    if scope > Scope.SELF:
        text += f" reaching {scope.label}"
    if span:
        text += f", sustained over {months(span)}"
    needs = (f"the rules ask for {pieces(weight)}"
             + (f" reaching {scope.label} or wider" if scope > Scope.SELF else "")
             + (f" where you {role.label}" if role > Role.DID else "")
             + (f" over {months(span)}" if span else "")
             + f"; the record has {has:g} that qualify")
    return Proposal(text, tuple(n.title for n in covered), needs)


def closing_work(assessment: Assessment, framework: Framework) -> tuple[Proposal, ...]:
    """At most two pieces of work that together close the most gaps, the bigger first.

    Which gaps one piece of work can close is the assessment's own choice
    (`assess.next_work`): an item counts toward two dimensions at most, so a proposal never
    promises to close more than the rule would let it."""
    needs = {n.dimension: n for n in _needs(assessment, framework)}
    out: list[Proposal] = []
    for work in next_work(framework, assessment)[:MAX_PROPOSALS]:
        covered = [needs[d] for d in work.dimensions if d in needs]
        if covered:
            out.append(_proposal(work.kind.value, covered))
    return tuple(out)
