"""What an assessment's gaps ask for, rule by rule: how many more items, at what reach and
role, over how many months. Read from the public gap and dimension results and the framework's
evidence rules; nothing here decides a level."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from staffpath.assess.engine import Assessment, DimensionAssessment
from staffpath.framework.model import Framework
from staffpath.vocab import Role, Scope


@dataclass(frozen=True)
class RuleNeed:
    """One unmet rule: a dimension's evidence rule at the target level, and what is short."""

    rule_id: str  # "<dimension>@<level>"
    dimension: str
    title: str
    level: str
    missing: str  # the assessment's own words for what is missing
    advice: str  # the framework's "what would close it"
    min_scope: Scope
    min_role: Role
    items_short: int
    span_months: int  # the span the rule asks for
    span_short: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.rule_id, "dimension": self.dimension, "title": self.title,
                "level": self.level, "missing": self.missing, "advice": self.advice,
                "min_scope": self.min_scope.name.lower(), "min_role": self.min_role.name.lower(),
                "items_short": self.items_short, "span_months": self.span_months}


def rule_id(dimension: str, level: str) -> str:
    return f"{dimension}@{level}"


def gap_rule_ids(assessment: Assessment) -> set[str]:
    return {rule_id(g.dimension, g.target) for g in assessment.gaps}


def _dimension(assessment: Assessment, dim_id: str) -> DimensionAssessment | None:
    return next((d for d in assessment.dimensions if d.dimension == dim_id), None)


def needs_of(assessment: Assessment, framework: Framework) -> list[RuleNeed]:
    """Each gap as the rule it fails and what would meet it, in the framework's order."""
    needs = []
    floor = framework.assessment.min_items_for_confidence
    for gap in assessment.gaps:
        exp = framework.dimension(gap.dimension).expectations.get(gap.target)
        if exp is None:
            continue
        rule = exp.evidence
        have_items, have_span = 0.0, 0
        result = _dimension(assessment, gap.dimension)
        if result is not None:
            check = next((c for c in result.checks if c.level == gap.target), None)
            if check is not None:
                have_items, have_span = check.items, check.span_months
        # What the qualifying items weigh against what the rule asks them to weigh; an item of
        # exactly the rule's reach and role weighs about one.
        short = math.ceil(rule.strength - have_items - 1e-9)
        if result is not None and not result.enough_evidence:
            short = max(short, floor - result.relevant_items)
        needs.append(RuleNeed(
            rule_id=rule_id(gap.dimension, gap.target), dimension=gap.dimension,
            title=gap.title, level=gap.target, missing=gap.missing, advice=gap.closes_gap,
            min_scope=rule.min_scope, min_role=Role.parse(rule.min_role),
            items_short=max(1, short), span_months=rule.min_span_months,
            span_short=max(0, rule.min_span_months - have_span)))
    return needs
