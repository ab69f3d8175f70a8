"""Framework 2026.3: a dimension speaks for or against a level only with enough work to judge.

One item on a dimension says too little to tell what level someone works at; a record with as
much work as a level's rule asks for, over as long, that still never reaches the level, does.
"""

from __future__ import annotations

import datetime as dt
from itertools import count

from staffpath.assess.engine import Item, assess
from staffpath.framework.loader import default_framework
from staffpath.vocab import EvidenceKind, Role, Scope

TODAY = dt.date(2026, 11, 1)
FW = default_framework()
_ids = count(1)

# One kind per dimension, so each item lands where it is meant to.
KINDS = {
    "scope_of_impact": EvidenceKind.SHIPPED_PROJECT,
    "technical_judgment": EvidenceKind.DESIGN_DOC,
    "collaboration": EvidenceKind.CROSS_TEAM_CODE,
    "developing_others": EvidenceKind.MENTORSHIP,
    "glue_work": EvidenceKind.GLUE_WORK,
}


def _item(dim: str, months_ago: int, scope: Scope) -> Item:
    y, m = divmod(TODAY.year * 12 + TODAY.month - 1 - months_ago, 12)
    return Item(id=next(_ids), title=f"{dim} {months_ago}", kind=KINDS[dim],
                date_start=dt.date(y, m + 1, 1), date_end=None, scope=scope,
                dimensions=frozenset({dim}), role=Role.LED)


def test_the_default_framework_judges_only_with_enough_work() -> None:
    assert FW.overall.judged_only
    assert tuple(int(part) for part in FW.version.split(".")) >= (2026, 3)


def test_one_team_item_per_dimension_is_not_evidence_against_a_staff_title() -> None:
    items = [_item(d, 2, Scope.TEAM) for d in KINDS]
    a = assess(FW, items, as_of=TODAY, current_level="staff")
    assert not a.below_current
    assert a.overall_level == "staff"  # kept: too little recorded to judge staff either way
    assert a.evidence_level != "staff"


def test_a_full_record_of_team_work_is_evidence_against_a_staff_title() -> None:
    # Every dimension holds a year of team-level work, four items each: plenty to judge staff
    # by, and none of it reaches several teams.
    items = [_item(d, m, Scope.TEAM) for d in KINDS for m in (1, 4, 8, 12)]
    a = assess(FW, items, as_of=TODAY, current_level="staff")
    assert a.below_current
    assert a.overall_level == a.evidence_level
    assert a.overall_level in ("engineer", "senior")


def test_unjudged_dimensions_do_not_dilute_a_level_shown_on_three() -> None:
    # Three dimensions carry a year of cross-team work; five others hold one small item each.
    items = [_item(d, m, Scope.TEAMS) for d in list(KINDS)[:3] for m in (1, 4, 8, 12)]
    items += [_item(d, 3, Scope.SELF) for d in list(KINDS)[3:]]
    for kind, dim in ((EvidenceKind.FEEDBACK, "self_awareness"),
                      (EvidenceKind.WRITING, "communication"),
                      (EvidenceKind.STRATEGY, "strategy")):
        items.append(Item(id=next(_ids), title=dim, kind=kind, date_start=dt.date(2026, 9, 1),
                          date_end=None, scope=Scope.SELF, dimensions=frozenset({dim})))
    a = assess(FW, items, as_of=TODAY, current_level="senior", target_level="staff")
    assert a.evidence_level == "staff"
    assert a.overall_level == "staff"
