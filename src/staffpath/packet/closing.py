"""The one or two pieces of work that would close most of the gaps to the target level.

Gaps that ask for the same thing — a reach, a role, a span of months, a kind of work — are one
piece of work, not one line per counting rule: a cross-team effort led over six months can close
scope, execution and judgment at once. `closing_work` groups the gaps by the work each kind of
evidence could close, and proposes the piece of work that closes the most, then the one that
closes the most of the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from staffpath.assess.engine import Assessment, RuleCheck
from staffpath.assess.wording import months, pieces
from staffpath.framework.model import Framework
from staffpath.packet.model import Proposal
from staffpath.vocab import Role, Scope

MAX_PROPOSALS = 2
ANY_KIND = "any"
BRIEF_KINDS = frozenset({"incident", "talk", "review", "oncall"})
# When several kinds of work would close as many gaps, propose the one a committee reads as a
# project first.
PREFERRED = ("migration", "shipped_project", "design_doc", "strategy", "decision_record",
             "cross_team_code", "process", "writing", "talk", "mentorship", "sponsorship")
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
    """At most two pieces of work that together close the most gaps, the bigger first."""
    left = _needs(assessment, framework)
    out: list[Proposal] = []
    while left and len(out) < MAX_PROPOSALS:
        kinds = sorted({k for n in left for k in n.kinds} | {ANY_KIND})
        # An incident or a talk is not work one sets out to sustain over months; propose it
        # only when nothing else would close the gaps that are left.
        long = [k for k in kinds if k not in BRIEF_KINDS]
        kinds = long if any(k in n.kinds or not n.kinds for k in long for n in left) else kinds
        best: tuple[int, int, int, str, list[Need]] | None = None
        for kind in kinds:
            covered = [n for n in left if not n.kinds or kind in n.kinds]
            if kind == ANY_KIND:
                covered = [n for n in left if not n.kinds]
            if not covered:
                continue
            # Most gaps closed; then the work that is easiest to do (smallest reach asked).
            rank = PREFERRED.index(kind) if kind in PREFERRED else len(PREFERRED)
            key = (len(covered), -max(int(n.check.min_scope) for n in covered), -rank)
            if best is None or key > best[:3]:
                best = (key[0], key[1], key[2], kind, covered)
        if best is None:
            break
        out.append(_proposal(best[3], best[4]))
        left = [n for n in left if n not in best[4]]
    return tuple(out)

