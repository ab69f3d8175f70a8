"""On the demo: the fit reflection for everyone aiming at staff, from their recorded work; the
promoted people's check-ins; each cohort's one-year figures; and who may write what."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from staffpath.accounts.audit import COMMAND_LINE
from staffpath.accounts.principal import Principal
from staffpath.demo.build import DemoResult
from staffpath.errors import InputError, NotFoundError
from staffpath.framework.registry import active_framework
from staffpath.growth.fit import CATEGORIES, KIND_CATEGORY, fit_reflection, set_energises
from staffpath.growth.followup import cohorts, followup_rows, record_checkin
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from staffpath.store.tables import Person
from staffpath.workspace import DB_NAME

TODAY = dt.date(2026, 11, 21)
OPERATOR = Principal.command_line()


@pytest.fixture(scope="module")
def demo_db(demo_build: DemoResult) -> Iterator[Store]:
    s = Store(f"sqlite:///{demo_build.root / DB_NAME}")
    yield s
    s.close()


def test_fit_reflection_for_everyone_aiming_at_staff(demo_db: Store) -> None:
    with demo_db.session(read_only=True) as session:
        fw = active_framework(session)
        aiming = list(session.scalars(select(Person).where(Person.target_level == "staff")))
        assert len(aiming) >= 5
        for person in aiming:
            fit = fit_reflection(session, OPERATOR, person, fw, as_of=TODAY)
            assert fit.items > 0, person.handle
            assert abs(sum(fit.today.values()) - 1) < 0.05
            assert fit.shape is not None
            assert round(sum(fit.shape_split.values()), 2) == 1.0
            assert "Staying senior by choice" in fit.summary
            # The split is the person's own record: count their kinds by hand.
            kinds = [e.kind for e in person_items(session, person)
                     if e.date_start and TODAY - dt.timedelta(days=365) <= e.date_start <= TODAY
                     and e.kind in KIND_CATEGORY]
            assert fit.items == len(kinds)
            building = sum(1 for k in kinds if KIND_CATEGORY[k] == "building")
            assert fit.today["building"] == round(building / len(kinds), 2)
            assert set(fit.today) == set(CATEGORIES)
        jake = fit_reflection(session, OPERATOR, find_person(session, "jake.morrison"), fw,
                              as_of=TODAY)
        assert jake.energises.startswith("Shipping something")


def person_items(session, person: Person):  # type: ignore[no-untyped-def]
    from staffpath.assess.service import live_evidence

    return live_evidence(session, person)


def test_promoted_people_have_check_ins_and_cohorts_have_one_year_figures(
        demo_db: Store) -> None:
    with demo_db.session(read_only=True) as session:
        rows = {r["person"]: r for r in followup_rows(session, OPERATOR, today=TODAY)}
        assert [c["month"] for c in rows["kwame.asante"]["checkins"]] == [3, 6, 12]
        ravi = rows["ravi.menon"]["checkins"]
        assert ravi[-1]["in_role"] is False  # went back to senior, by choice
        # Diego's 12-month check-in is not due yet; Anika's 6-month one was missed.
        assert rows["diego.fernandez"]["due"] == []
        assert rows["anika.sharma"]["due"] == [6]
        groups = cohorts(session, OPERATOR, today=TODAY)
        year_on = [c for c in groups if c.a_year_on]
        assert year_on
        total = sum(c.a_year_on for c in year_on)
        assert total == 3  # Kwame, Ravi and Anika were promoted more than a year ago
        assert sum(c.still_in_role for c in year_on) == 2
        assert sum(c.still_here for c in year_on) == 3
        engineer = Principal(person_id=find_person(session, "jake.morrison").id, user_id=5)
        with pytest.raises(NotFoundError):
            cohorts(session, engineer, today=TODAY)


def test_only_the_person_writes_their_answers(demo_db: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session(read_only=True) as session:
        jake = find_person(session, "jake.morrison")
        grace = find_person(session, "grace.adeyemi")
    other = Principal(person_id=grace.id, user_id=7)
    with demo_db.session(read_only=True) as session, pytest.raises(NotFoundError):
        set_energises(session, COMMAND_LINE, other, jake, "not mine to say")
    with demo_db.session(read_only=True) as session, pytest.raises(InputError):
        # Jake was never promoted: nothing to check in on.
        record_checkin(session, COMMAND_LINE, OPERATOR, jake, 3, happy=True, wants_back=False)


def test_the_demo_has_a_synthesised_strategy_draft(demo_build: DemoResult) -> None:
    draft = (demo_build.root / "strategy-draft.md").read_text(encoding="utf-8")
    assert draft.startswith("---\n")
    keys = set(re.findall(r"^- key: (D\d+)$", draft, re.MULTILINE))
    assert len(keys) == 8
    backed = re.findall(r"^Backed by ([D\d, ]+)\.", draft, re.MULTILINE)
    assert backed
    for line in backed:
        docs = {d.strip() for d in line.split(",")}
        assert len(docs) >= 2
        assert docs <= keys
    assert set(re.findall(r"\[(D\d+)\]", draft)) <= keys
