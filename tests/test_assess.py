"""The assessment rule on hand-built records, and the properties it must keep."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from staffpath.assess.engine import Item, assess
from staffpath.framework.loader import default_framework, load_framework_text
from staffpath.framework.model import Framework
from staffpath.vocab import EvidenceKind, Scope

TODAY = dt.date(2026, 11, 1)

# Two dimensions, three levels: small enough to work every answer out by hand.
SMALL = load_framework_text(textwrap.dedent("""\
    id: small
    name: Small
    version: "1"
    levels:
      - {id: engineer, title: Engineer, summary: Does the work.}
      - {id: senior, title: Senior, summary: Leads a team.}
      - {id: staff, title: Staff, summary: Leads across teams.}
    dimensions:
      - id: impact
        title: Impact
        summary: Reach of the work.
        kinds: [shipped_project, migration]
        expectations:
          engineer:
            behaviours: [ships]
            evidence: {min_items: 1, min_scope: team}
            closes_gap: ship something
          senior:
            behaviours: [ships for the team]
            evidence: {min_items: 2, min_scope: team, min_span_months: 3}
            closes_gap: ship more
          staff:
            behaviours: [ships across teams]
            evidence: {min_items: 3, min_scope: teams, min_span_months: 6}
            closes_gap: lead a cross-team project
      - id: growing
        title: Growing others
        summary: Mentoring.
        kinds: [mentorship]
        expectations:
          senior:
            behaviours: [mentors]
            evidence: {min_items: 2, min_scope: team}
            closes_gap: mentor someone
          staff:
            behaviours: [grows mentors]
            evidence: {min_items: 3, min_scope: teams, min_span_months: 6}
            closes_gap: grow mentors in other teams
    overall: {min_share: 1.0, max_below: 0}
    assessment: {window_months: 18, min_items_for_confidence: 1}
    """), source="small.yaml")

_ids = iter(range(1, 10**6))


def item(kind: str, months_ago: int, scope: Scope = Scope.TEAM, dims: tuple[str, ...] = ()
         ) -> Item:
    y, m = divmod(TODAY.year * 12 + TODAY.month - 1 - months_ago, 12)
    day = dt.date(y, m + 1, 1)
    return Item(id=next(_ids), title=f"{kind} {months_ago}", kind=EvidenceKind(kind),
                date_start=day, date_end=None, scope=scope, dimensions=frozenset(dims))


def levels(fw: Framework, items: list[Item]) -> dict[str, str | None]:
    a = assess(fw, items, as_of=TODAY, current_level="senior", target_level="staff")
    return {d.dimension: d.level for d in a.dimensions}


def test_no_evidence_means_no_level_not_a_guess() -> None:
    a = assess(SMALL, [], as_of=TODAY, target_level="staff")
    assert all(d.level is None and not d.enough_evidence for d in a.dimensions)
    assert a.overall_level is None
    assert {g.dimension for g in a.gaps} == {"impact", "growing"}


def test_staff_needs_sustained_cross_team_evidence() -> None:
    team_only = [item("shipped_project", n) for n in (1, 4, 8)]
    assert levels(SMALL, team_only)["impact"] == "senior"
    wide = [item("shipped_project", n, Scope.TEAMS) for n in (1, 4, 8)]
    assert levels(SMALL, wide)["impact"] == "staff"
    # Three wide items in one month are a peak, not sustained.
    burst = [item("shipped_project", 1, Scope.TEAMS) for _ in range(3)]
    assert levels(SMALL, burst)["impact"] == "engineer"


def test_old_peak_outside_the_window_does_not_count() -> None:
    old = [item("shipped_project", n, Scope.COMPANY) for n in (30, 34, 38)]
    assert levels(SMALL, old)["impact"] is None
    assert levels(SMALL, old)["growing"] is None


def test_tags_count_even_when_the_kind_does_not() -> None:
    tagged = [item("talk", n, Scope.TEAMS, dims=("growing",)) for n in (1, 5, 9)]
    assert levels(SMALL, tagged)["growing"] == "staff"


def test_overall_level_and_gaps_cite_the_rule() -> None:
    items = [item("shipped_project", n, Scope.TEAMS) for n in (1, 4, 8)]
    items += [item("mentorship", n) for n in (2, 6)]
    a = assess(SMALL, items, as_of=TODAY, current_level="senior", target_level="staff")
    assert {d.dimension: d.level for d in a.dimensions} == {"impact": "staff",
                                                            "growing": "senior"}
    assert a.overall_level == "senior"  # min_share 1.0: every dimension must reach staff
    (gap,) = a.gaps
    assert gap.dimension == "growing"
    assert "3 pieces of work reaching several teams or wider (none recorded)" in gap.missing
    assert gap.closes_gap == "grow mentors in other teams"
    impact = next(d for d in a.dimensions if d.dimension == "impact")
    assert {c.evidence_id for c in impact.citations} == {i.id for i in items[:3]}
    assert all("several teams" in c.reason for c in impact.citations)


KINDS = [k.value for k in EvidenceKind]
items_strategy = st.lists(
    st.builds(
        item,
        st.sampled_from(KINDS),
        st.integers(min_value=0, max_value=40),
        st.sampled_from(list(Scope)),
        st.lists(st.sampled_from(["impact", "growing", "strategy", "execution"]), max_size=2
                 ).map(tuple),
    ),
    max_size=25,
)
FRAMEWORKS = [SMALL, default_framework()]


@pytest.mark.parametrize("fw", FRAMEWORKS, ids=["small", "default"])
@settings(max_examples=80, deadline=None)
@given(items=items_strategy, extra=items_strategy)
def test_adding_evidence_never_lowers_a_level(fw: Framework, items: list[Item],
                                              extra: list[Item]) -> None:
    before = assess(fw, items, as_of=TODAY)
    after = assess(fw, items + extra, as_of=TODAY)
    index = {lv: n for n, lv in enumerate(fw.level_ids)}
    for b, a in zip(before.dimensions, after.dimensions, strict=True):
        assert index.get(a.level or "", -1) >= index.get(b.level or "", -1)


@pytest.mark.parametrize("fw", FRAMEWORKS, ids=["small", "default"])
@settings(max_examples=80, deadline=None)
@given(items=items_strategy, which=st.integers(min_value=0, max_value=24))
def test_widening_an_items_scope_never_lowers_a_level(fw: Framework, items: list[Item],
                                                      which: int) -> None:
    if not items:
        return
    n = which % len(items)
    old = items[n]
    wider = Item(old.id, old.title, old.kind, old.date_start, old.date_end,
                 Scope(min(old.scope + 1, Scope.COMPANY)), old.dimensions)
    index = {lv: k for k, lv in enumerate(fw.level_ids)}
    before = assess(fw, items, as_of=TODAY)
    after = assess(fw, [*items[:n], wider, *items[n + 1:]], as_of=TODAY)
    for b, a in zip(before.dimensions, after.dimensions, strict=True):
        assert index.get(a.level or "", -1) >= index.get(b.level or "", -1)


@settings(max_examples=50, deadline=None)
@given(items=items_strategy)
def test_same_inputs_same_assessment(items: list[Item]) -> None:
    fw = default_framework()
    assert assess(fw, items, as_of=TODAY) == assess(fw, list(items), as_of=TODAY)
