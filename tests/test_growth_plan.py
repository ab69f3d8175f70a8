"""Growth plans on the demo organisation: at most three steps, each meeting named rules, and
doing what a step asks (recording the evidence it describes) moves the assessment."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from staffpath.accounts.audit import COMMAND_LINE, list_entries
from staffpath.accounts.principal import Principal
from staffpath.assess.next_work import next_work
from staffpath.assess.service import assess_person
from staffpath.errors import NotFoundError
from staffpath.framework.registry import active_framework
from staffpath.growth.matching import matches_for_opportunity
from staffpath.growth.opportunities import list_opportunities
from staffpath.growth.plan import MAX_STEPS, Step, choose_steps, plan_for, start_plan
from staffpath.growth.rules import gap_rule_ids, needs_of
from staffpath.growth.sponsorship import traces
from staffpath.ledger.record import EvidenceInput
from staffpath.ledger.service import add_evidence
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from staffpath.store.tables import Evidence, Person

TODAY = dt.date(2026, 11, 21)
OPERATOR = Principal.command_line()


def not_ready(store: Store) -> list[str]:
    with store.session(read_only=True) as session:
        fw = active_framework(session)
        handles = []
        for p in session.scalars(select(Person).where(Person.target_level.is_not(None))
                                 .order_by(Person.handle)):
            result = assess_person(session, p, fw, as_of=TODAY)
            ready = result.overall_level is not None and fw.level_index(
                result.overall_level) >= fw.level_index(str(result.target_level))
            if result.gaps and not ready:
                handles.append(p.handle)
    return handles


def months_back(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(y, m + 1, min(day.day, 28))


def record_what_it_asks(session, person: Person, step: Step) -> None:  # type: ignore[no-untyped-def]
    """Add the items a step asks for: its count, reach, role and tags, over its span."""
    first = months_back(TODAY, step.span_months)
    n = step.items_needed
    for i in range(n):
        start = first + (TODAY - first) * i // max(1, n - 1) if n > 1 else first
        add_evidence(session, person, EvidenceInput(
            title=f"Step {step.position} work, part {i + 1}: {step.title[:80]}",
            date_start=start, date_end=TODAY if n == 1 else None,
            scope=step.min_scope, role=step.min_role, dimensions=list(step.dimensions),
            teams=["Payments", "Checkout", "Catalog"]))


def test_every_not_ready_candidate_gets_at_most_three_steps_each_meeting_named_rules(
        demo_store: Store) -> None:
    handles = not_ready(demo_store)
    assert len(handles) >= 5
    with demo_store.session(read_only=True) as session:
        fw = active_framework(session)
        for handle in handles:
            person = find_person(session, handle)
            plan = plan_for(session, OPERATOR, person, fw, as_of=TODAY)
            assert 1 <= len(plan.steps) <= MAX_STEPS, handle
            gaps = set(plan.gaps)
            for step in plan.steps:
                assert step.rule_ids, (handle, step.title)
                # Every rule a step names is a gap the assessment reports, by dimension+level.
                assert set(step.rule_ids) <= gaps
                assert step.target_date > TODAY
                assert step.items_needed >= 1
            named = [r for s in plan.steps for r in s.rule_ids]
            assert len(named) == len(set(named)), "a rule is met by one step only"


def test_without_opportunities_a_plan_names_the_work_the_assessment_names(
        demo_store: Store) -> None:
    """One rule chooses gap-closing work: with no open opportunity, the plan's steps pair the
    same dimensions as the pieces of work `staffpath assess` and the packet propose."""
    compared = 0
    with demo_store.session(read_only=True) as session:
        fw = active_framework(session)
        for handle in not_ready(demo_store):
            result = assess_person(session, find_person(session, handle), fw, as_of=TODAY)
            pieces = next_work(fw, result)
            steps = choose_steps(fw, needs_of(result, fw), [], TODAY)
            for piece, step in zip(pieces, steps, strict=False):
                assert set(step.dimensions) == set(piece.dimensions), (handle, step.title)
                compared += 1
    assert compared >= 5


def test_following_each_step_moves_the_assessment(demo_store: Store) -> None:
    handles = not_ready(demo_store)
    moved = 0
    for handle in handles:
        with demo_store.session() as session:
            fw = active_framework(session)
            person = find_person(session, handle)
            plan = start_plan(session, COMMAND_LINE, OPERATOR, person, fw, as_of=TODAY)
        for step in plan.steps:
            with demo_store.session() as session:
                person = find_person(session, handle)
                before = gap_rule_ids(assess_person(session, person, fw, as_of=TODAY))
                record_what_it_asks(session, person, step)
            with demo_store.session(read_only=True) as session:
                person = find_person(session, handle)
                after = gap_rule_ids(assess_person(session, person, fw, as_of=TODAY))
                # Every rule the step names is met once its evidence is recorded, and no gap
                # opens because of it.
                assert not set(step.rule_ids) & after, (handle, step.position, after)
                assert after < before
                moved += 1
                tracked = plan_for(session, OPERATOR, person, fw, as_of=TODAY)
                done = tracked.steps[step.position - 1]
                assert set(done.rules_met) == set(step.rule_ids)
                assert done.items_done >= step.items_needed
                assert done.progress == 1.0
    assert moved >= len(handles)


def test_starting_a_plan_is_audited_and_others_cannot_see_it(demo_store: Store) -> None:
    with demo_store.session() as session:
        fw = active_framework(session)
        jake = find_person(session, "jake.morrison")
        plan = start_plan(session, COMMAND_LINE, OPERATOR, jake, fw, as_of=TODAY)
        assert plan.plan_id is not None
        assert plan.started_on == TODAY
        entries = list_entries(session, action="plan.start")
        assert [(e.target_type, e.target_id) for e in entries] == [("person", jake.id)]
        stranger = Principal(person_id=find_person(session, "priya.nair").id, user_id=99)
        with pytest.raises(NotFoundError):
            plan_for(session, stranger, jake, fw, as_of=TODAY)
        himself = Principal(person_id=jake.id, user_id=98)
        assert plan_for(session, himself, jake, fw, as_of=TODAY).plan_id == plan.plan_id


def test_a_ready_candidate_has_no_steps(demo_store: Store) -> None:
    with demo_store.session(read_only=True) as session:
        fw = active_framework(session)
        priya = find_person(session, "priya.nair")
        plan = plan_for(session, OPERATOR, priya, fw, as_of=TODAY)
        assert plan.steps == ()
        # Ready overall (framework 2026.3 judges the level across dimensions): single
        # dimensions below the target are named by the assessment, not planned for.
        assert plan.notes[0].startswith("Ready: the evidence supports Staff engineer overall")
        assert set(plan.uncovered) == set(plan.gaps)


def test_matching_ranks_first_someone_it_grows_who_has_done_adjacent_work(
        demo_store: Store) -> None:
    with demo_store.session(read_only=True) as session:
        fw = active_framework(session)
        opps = list_opportunities(session, status="open")
        assert len(opps) >= 4
        for opp in opps:
            ranked = matches_for_opportunity(session, OPERATOR, fw, opp.id)
            best = ranked[0]
            kinds = {r.kind for r in best.reasons}
            assert {"gap", "adjacent"} <= kinds, (opp.title, best.reasons)
            assert best.score == round(sum(r.points for r in best.reasons), 2)
            assert [m.score for m in ranked] == sorted((m.score for m in ranked), reverse=True)
            for r in best.reasons:
                if r.kind == "adjacent":
                    # Cited evidence is the person's own.
                    for ev_id in r.cites:
                        assert session.get(Evidence, ev_id).person_id == best.person_id
        # The demo's sponsorship led to a promotion, and its trace says so.
        [trace] = traces(session, OPERATOR)
        assert trace.person == "diego.fernandez"
        assert trace.sponsor == "helen.achterberg"
        assert (trace.level_then, trace.level_now) == ("senior", "staff")
        assert trace.outcome == "delivered"
        assert trace.led_somewhere
