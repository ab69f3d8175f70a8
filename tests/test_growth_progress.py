"""A person's gap over time: the open rules at each month's end, from the same assessment as
today, moving when evidence of a step arrives; shown only to those who see the person's growth
records, in the page, the API, and the CLI."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from staffpath.accounts.audit import COMMAND_LINE
from staffpath.accounts.principal import Principal
from staffpath.assess.service import assess_person
from staffpath.demo.build import DemoResult
from staffpath.errors import NotFoundError
from staffpath.framework.registry import active_framework
from staffpath.growth.plan import start_plan
from staffpath.growth.progress import gap_history
from staffpath.growth.progress_chart import gap_chart_svg
from staffpath.growth.rules import gap_rule_ids
from staffpath.ledger.record import EvidenceInput
from staffpath.ledger.service import add_evidence
from staffpath.people.service import find_person
from staffpath.store.engine import Store

TODAY = dt.date(2026, 11, 21)
OPERATOR = Principal.command_line()


def test_each_point_is_the_assessment_at_that_day(demo_store: Store) -> None:
    with demo_store.session(read_only=True) as session:
        fw = active_framework(session)
        person = find_person(session, "daniel.okafor")
        history = gap_history(session, OPERATOR, person, fw, as_of=TODAY)
        assert len(history.points) == 13
        assert history.points[-1].day == TODAY
        assert [p.day for p in history.points] == sorted(p.day for p in history.points)
        for point in (history.points[0], history.points[6], history.points[-1]):
            result = assess_person(session, person, fw, as_of=point.day)
            assert point.gaps == len(gap_rule_ids(result))
            assert point.overall_level == result.overall_level
        # Daniel's record grew over the year: fewer rules open now than a year ago, and the
        # line never counts more rules than the target level has dimensions.
        assert history.closed > 0
        assert all(0 <= p.gaps <= len(fw.dimensions) for p in history.points)
        assert history.points[-1].ready


def test_evidence_of_a_step_moves_the_last_point_and_the_plan_start_is_marked(
        demo_store: Store) -> None:
    with demo_store.session() as session:
        fw = active_framework(session)
        person = find_person(session, "jake.morrison")
        before = gap_history(session, OPERATOR, person, fw, as_of=TODAY)
        assert before.plan_started is None
        plan = start_plan(session, COMMAND_LINE, OPERATOR, person, fw, as_of=TODAY)
        step = plan.steps[0]
        for i in range(step.items_needed):
            add_evidence(session, person, EvidenceInput(
                title=f"Led the cross-team work step {step.position} asks for, part {i + 1}",
                date_start=TODAY - dt.timedelta(days=30 * max(step.span_months, 1) - i),
                date_end=TODAY, scope=step.min_scope, role=step.min_role,
                dimensions=list(step.dimensions), teams=["Payments", "Checkout", "Catalog"]))
    with demo_store.session(read_only=True) as session:
        person = find_person(session, "jake.morrison")
        after = gap_history(session, OPERATOR, person, fw, as_of=TODAY)
        assert after.plan_started == TODAY
        assert after.points[-1].gaps < before.points[-1].gaps
        # A year ago nothing had happened yet: the start of the line is where it was.
        assert after.points[0].gaps == before.points[0].gaps
        svg = gap_chart_svg(after, fw.level_title("staff"))
        assert svg.startswith("<svg")
        assert 'role="img"' in svg
        assert "plan started" in svg
        assert "Staff" in svg


def test_only_those_who_see_growth_records_see_the_history(demo_store: Store) -> None:
    with demo_store.session(read_only=True) as session:
        fw = active_framework(session)
        jake = find_person(session, "jake.morrison")
        other = find_person(session, "priya.nair")
        as_jake = Principal(user_id=1, person_id=jake.id, handle=jake.handle)
        assert gap_history(session, as_jake, jake, fw, as_of=TODAY).points
        with pytest.raises(NotFoundError):
            gap_history(session, as_jake, other, fw, as_of=TODAY)


def test_the_cli_prints_and_exports_the_history(run_cli, demo_build: DemoResult,  # type: ignore[no-untyped-def]
                                                tmp_path: Path) -> None:
    shutil.copytree(demo_build.root, tmp_path / "ws")  # run_cli's workspace
    out = run_cli("plan", "daniel.okafor", "--history", "--as-of",
                  TODAY.isoformat(), "--json")
    assert out.code == 0, out.err
    data = json.loads(out.out)
    assert [p["gaps"] for p in data["history"]["points"]][-1] == len(data["gaps"])
    assert data["history"]["closed"] > 0
    text = run_cli("plan", "daniel.okafor", "--history", "--as-of",
                   TODAY.isoformat()).out
    assert "still open at each month's end" in text
    assert "Nov 2026" in text
