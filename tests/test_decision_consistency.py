"""Decision consistency: a decision against the panel's median or against similar past
cases needs a rationale that addresses the difference; "promote with conditions" keeps its
conditions; a generated rationale names the real blockers and the step closing each."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from staffpath.accounts.audit import COMMAND_LINE
from staffpath.accounts.principal import Principal
from staffpath.cli.main import app as cli_app
from staffpath.cycles import changes, consistency, fairness, lookup
from staffpath.cycles import lifecycle as cycles
from staffpath.cycles.panel_tables import DecisionCheck
from staffpath.cycles.report import build_report, render_report
from staffpath.errors import InputError
from staffpath.framework.loader import default_framework
from staffpath.framework.registry import store_framework
from staffpath.people.service import find_person, import_roster
from staffpath.store.engine import Store

ADMIN = Principal.command_line()


@pytest.fixture
def store(db_url: str, roster_file: Path) -> Iterator[Store]:
    s = Store(db_url)
    fw = default_framework()
    with s.session() as session:
        store_framework(session, fw, source="built-in")
        import_roster(session, roster_file, level_ids=fw.level_ids)
    yield s
    s.close()


def scored_cycle(store: Store, name: str, start: dt.date, levels: dict[str, str]) -> int:
    """Ada nominated, Cy and Dana on the panel, both giving `levels`, calibration open."""
    with store.session() as session:
        c = cycles.create_cycle(session, name, start, start + dt.timedelta(days=90))
        cycles.open_cycle(session, c)
        n = cycles.nominate(session, c, find_person(session, "ada"))
        cycles.submit_packet(session, n, as_of=start + dt.timedelta(days=30))
        for member in ("cy", "dana"):
            person = find_person(session, member)
            cycles.assign(session, n, person)
            for dim, level in levels.items():
                cycles.score(session, n, person, dim, level, f"{member} on {dim}")
        cycles.open_calibration(session, c)
        return n.id


def decide(store: Store, nomination_id: int, outcome: str, rationale: str,
           conditions: tuple[str, ...] = ()) -> None:
    with store.session() as session:
        n = lookup.nomination_by_id(session, nomination_id)
        changes.decide(session, n, outcome, rationale, caller=ADMIN, via="cli",
                       origin=COMMAND_LINE, conditions=conditions)


BELOW = {"strategy": "senior", "execution": "senior", "communication": "senior",
         "scope_of_impact": "staff"}


def test_promoting_against_the_panel_needs_a_rationale_naming_the_median(store: Store) -> None:
    nid = scored_cycle(store, "2026 H1", dt.date(2026, 1, 1), BELOW)
    with pytest.raises(InputError, match=r"median is below staff on 3 of 4 dimensions"):
        decide(store, nid, "promote", "The evidence meets every expectation.")
    decide(store, nid, "promote", "The panel's median reads Strategy as senior, but the "
                                  "direction document she wrote is staff work in our terms.")
    with store.session(read_only=True) as session:
        check = session.scalar(select(DecisionCheck))
        assert check is not None
        assert check.against_panel
        assert check.details["below"] == ["Execution", "Communication", "Strategy"]


def test_promote_with_conditions_tracks_its_conditions(store: Store) -> None:
    nid = scored_cycle(store, "2026 H1", dt.date(2026, 1, 1), BELOW)
    with pytest.raises(InputError, match="at least one condition"):
        decide(store, nid, "promote_conditions", "x")
    fw = default_framework()
    with store.session(read_only=True) as session:
        finding = consistency.check(session, lookup.nomination_by_id(session, nid),
                                    "promote_conditions")
    steps = [c["text"] for c in consistency.conditions_for(fw, finding)]
    text = consistency.suggested_rationale(fw, finding, "promote_conditions")
    # The generated text names the real blockers and the step that closes each.
    for d in finding.below:
        assert fw.dimension(d).title in text
        closes = fw.expectation(d, "staff")
        assert closes is not None
        assert closes.closes_gap in text
    decide(store, nid, "promote_conditions", text, tuple(steps))
    with store.session(read_only=True) as session:
        check = session.scalar(select(DecisionCheck))
        assert check is not None
        assert [c["text"] for c in check.conditions] == steps
        assert all(c["met_at"] is None for c in check.conditions)
    with store.session() as session:
        n = lookup.nomination_by_id(session, nid)
        with pytest.raises(InputError, match="conditions 1 to"):
            changes.mark_condition(session, n, len(steps) + 1, met=True, origin=COMMAND_LINE)
        tracked = changes.mark_condition(session, n, 1, met=True, origin=COMMAND_LINE)
    assert tracked[0]["met_at"] is not None
    assert all(c["met_at"] is None for c in tracked[1:])


def test_not_yet_when_the_panel_meets_the_level_must_say_what_blocks(store: Store) -> None:
    nid = scored_cycle(store, "2026 H1", dt.date(2026, 1, 1),
                       {"strategy": "staff", "execution": "senior-staff"})
    with pytest.raises(InputError, match="meets staff on every dimension"):
        decide(store, nid, "not_yet", "Come back next cycle.")
    decide(store, nid, "not_yet", "The panel's median meets staff, but the strategy work is "
                                  "one quarter old; we want it sustained.")


def test_a_decision_against_similar_past_cases_needs_to_say_why(store: Store) -> None:
    same = {"strategy": "staff", "execution": "staff"}
    first = scored_cycle(store, "2025 H2", dt.date(2025, 7, 1), same)
    decide(store, first, "not_yet", "The panel's median meets staff on strategy and "
                                    "execution, but both rest on a single project.")
    with store.session() as session:
        c = lookup.get_cycle(session, "2025 H2")
        cycles.release(session, c)
    second = scored_cycle(store, "2026 H1", dt.date(2026, 1, 1), same)
    with pytest.raises(InputError, match=r"similar past cases were decided otherwise \(ada "
                                         r"in 2025 H2: not_yet\)"):
        decide(store, second, "promote", "Meets the bar.")
    decide(store, second, "promote", "Unlike the earlier cycle, a second project now shows "
                                     "the same strategy work.")
    with store.session(read_only=True) as session:
        check = session.scalars(select(DecisionCheck).order_by(DecisionCheck.id)).all()[-1]
        assert check.against_precedent
        assert check.details["precedents"][0]["cycle"] == "2025 H2"


def test_the_report_names_decisions_against_the_panel_conflicts_and_group_rates(
        store: Store) -> None:
    nid = scored_cycle(store, "2026 H1", dt.date(2026, 1, 1), BELOW)
    decide(store, nid, "promote", "The panel's median reads Strategy as senior; the committee "
                                  "weighs her direction document higher.")
    with store.session() as session:
        c = cycles.create_cycle(session, "2026 H2", dt.date(2026, 7, 1), dt.date(2026, 12, 31))
        cycles.open_cycle(session, c)
        n = cycles.nominate(session, c, find_person(session, "bo"))
        changes.assign(session, n, find_person(session, "mo"), origin=COMMAND_LINE,
                       acknowledgement="ACK-only manager who saw the on-call work")
        everyone = ("dana", "mo", "ada", "cy")
        for handle in everyone:
            cycles.nominate(session, c, find_person(session, handle))
        for nomination in c.nominations:
            cycles.submit_packet(session, nomination, as_of=dt.date(2026, 9, 1))
        cycles.open_calibration(session, c)
        for nomination in c.nominations:
            cycles.decide(session, nomination, "not_yet" if nomination.person.handle == "bo"
                          else "promote", "decided")
        for handle in ("bo", *everyone):
            fairness.set_group(session, ADMIN, find_person(session, handle), "GROUP-A",
                               origin=COMMAND_LINE)
    with store.session(read_only=True) as session:
        first = build_report(session, lookup.get_cycle(session, "2026 H1"), ADMIN)
        second = build_report(session, lookup.get_cycle(session, "2026 H2"), ADMIN)
        as_member = build_report(session, lookup.get_cycle(session, "2026 H2"),
                                 Principal(person_id=find_person(session, "mo").id,
                                           is_admin=False))
    assert first.fairness is not None
    against = first.fairness.against
    assert [a["person"] for a in against] == ["ada"]
    assert against[0]["below"] == ["Execution", "Communication", "Strategy"]
    csv_text = render_report(first, "csv").decode()
    assert "against_panel,ada" in csv_text
    assert second.fairness is not None
    assert [(c["person"], c["member"]) for c in second.fairness.conflicts] == [("bo", "mo")]
    assert second.fairness.groups == ({"group": "GROUP-A", "decided": 5, "promoted": 4,
                                       "rate": 0.8},)
    assert "ACK-only manager" in render_report(second, "html").decode()
    # Not an administrator: no group rates at all.
    assert as_member.fairness is not None
    assert as_member.fairness.groups is None
    # A group under five is withheld, never shown.
    with store.session() as session:
        fairness.set_group(session, ADMIN, find_person(session, "cy"), "GROUP-B",
                           origin=COMMAND_LINE)
    with store.session(read_only=True) as session:
        smaller = build_report(session, lookup.get_cycle(session, "2026 H2"), ADMIN)
    assert smaller.fairness is not None
    assert smaller.fairness.groups == ()
    assert smaller.fairness.groups_withheld == 2


def test_the_cli_suggests_rationales_from_the_blockers(store: Store, db_url: str) -> None:
    scored_cycle(store, "2026 H1", dt.date(2026, 1, 1), BELOW)
    result = CliRunner().invoke(cli_app, ["--db", db_url, "cycle", "suggest", "2026 H1", "ada",
                                          "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert set(found) == {"not_yet", "promote_conditions", "promote"}
    assert "Execution (panel median senior engineer)" in found["not_yet"]
