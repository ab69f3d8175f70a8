"""The demo's promotion cycles and hiring, read back through the services: the mentor on a
panel is warned about (and acknowledged), the decision the panel's median does not carry is
no longer a plain "promote" with a rationale that ignores it, and a staff hire was decided
after four blind scorecards."""

from __future__ import annotations

from typing import Any

from staffpath.accounts.principal import Principal
from staffpath.cycles import lookup, panel
from staffpath.cycles.consistency import check
from staffpath.hiring import visible
from staffpath.store.engine import Store
from staffpath.workspace import DB_NAME

ADMIN = Principal.command_line()


def test_the_demo_is_fair_and_says_so(demo_build: Any) -> None:
    store = Store(f"sqlite:///{demo_build.root / DB_NAME}")
    try:
        with store.session(read_only=True) as session:
            cycles = lookup.list_cycles(session, ADMIN)
            released = next(c for c in cycles if c.state == "released")
            conflicts = [c for rows in panel.acknowledged(session, released).values()
                         for c in rows]
            mentor = [c for c in conflicts
                      if any("mentors" in r and "mentorship graph" in r for r in c["reasons"])]
            assert mentor, conflicts
            assert all(c["acknowledgement"] for c in conflicts)
            for n in released.nominations:
                decision = lookup.latest_decision(session, n)
                assert decision is not None
                finding = check(session, n, decision.outcome)
                if finding.against_panel:
                    # Against the median: not a plain promote, and the rationale says so.
                    assert decision.outcome == "promote_conditions"
                    assert "panel's median is below" in decision.rationale
            loops = visible.loops_of(session, ADMIN)
            decided = [visible.loop_view(session, ADMIN, row["id"]) for row in loops
                       if row["state"] == "decided"]
    finally:
        store.close()
    assert decided
    loop = decided[0]
    assert loop["target_level"] == "staff"
    cards = [i["scorecard"] for i in loop["interviews"]]
    assert len(cards) == 4
    assert all(c and c["submitted"] for c in cards)
    assert loop["decision"]["outcome"] == "hire"
    assert loop["debrief"]["alpha"] is not None
    assert [m["level"] for m in loop["mapping"]] == ["senior", "staff"]
