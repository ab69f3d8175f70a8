"""The gap section names the one or two pieces of work that would close most gaps."""

from __future__ import annotations

import datetime as dt

from staffpath.assess.engine import assess
from staffpath.assess.next_work import MAX_PIECES, next_work
from staffpath.framework.loader import default_framework
from staffpath.vocab import Role, Scope

FW = default_framework()


def test_an_empty_record_gets_at_most_two_pieces_each_closing_two_rules() -> None:
    a = assess(FW, [], as_of=dt.date(2026, 11, 1), current_level="senior", target_level="staff")
    assert len(a.gaps) >= 5
    work = next_work(FW, a)
    assert 1 <= len(work) <= MAX_PIECES
    gap_dims = {g.dimension for g in a.gaps}
    for w in work:
        assert 1 <= len(w.dimensions) <= 2  # an item counts toward two dimensions at most
        assert set(w.dimensions) <= gap_dims
        for d in w.dimensions:
            rule = FW.dimension(d).expectations["staff"].evidence
            # the work asks for at least what each rule it closes asks
            assert w.scope >= rule.min_scope
            assert w.role >= Role.parse(rule.min_role)
            assert w.span_months >= rule.min_span_months
            assert w.kind in FW.dimension(d).rule_kinds("staff")
    first = work[0]
    assert (first.scope, first.role, first.span_months) == (Scope.TEAMS, Role.LED, 6)
    assert "that you lead" in first.text
    assert "6 months" in first.text
    # The pieces close different gaps.
    assert len({d for w in work for d in w.dimensions}) == sum(len(w.dimensions) for w in work)


def test_no_target_or_no_gap_no_work() -> None:
    a = assess(FW, [], as_of=dt.date(2026, 11, 1), current_level="senior")
    assert next_work(FW, a) == ()
