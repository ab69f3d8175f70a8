"""Cached assessments: the ledger revision the database keeps, and a cache that never serves
an assessment whose inputs have changed. On SQLite and PostgreSQL (the revision is kept by
triggers, which differ between the two)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from staffpath.assess.cache import AssessmentCache
from staffpath.assess.service import assess_people, assess_person, set_self_rating
from staffpath.framework.model import Framework
from staffpath.ledger.record import EvidenceInput
from staffpath.ledger.service import add_evidence, delete_evidence, edit_evidence
from staffpath.people.service import find_person, import_roster
from staffpath.store.engine import Store
from staffpath.store.tables import Evidence, Person
from staffpath.vocab import EvidenceKind, Scope

AS_OF = dt.date(2026, 11, 1)


@pytest.fixture
def org(db_url: str, roster_file: Path, framework: Framework) -> Iterator[Store]:
    store = Store(db_url)
    with store.session() as session:
        import_roster(session, roster_file, level_ids=framework.level_ids)
    yield store
    store.close()


def revision(store: Store, handle: str) -> int:
    with store.session(read_only=True) as session:
        return session.scalar(select(Person.ledger_revision).where(Person.handle == handle)) or 0


def entry(title: str, days_ago: int = 30) -> EvidenceInput:
    return EvidenceInput(title=title, kind=EvidenceKind.SHIPPED_PROJECT,
                         date_start=AS_OF - dt.timedelta(days=days_ago), scope=Scope.TEAMS)


def test_every_change_to_a_persons_evidence_moves_their_revision(org: Store) -> None:
    start = revision(org, "ada")
    with org.session() as session:
        ada = find_person(session, "ada")
        ev = add_evidence(session, ada, entry("Led the checkout rewrite"))
        ev_id = ev.id
    added = revision(org, "ada")
    assert added > start
    with org.session() as session:
        edit_evidence(session, ev_id, {"title": "Led the checkout rewrite across teams"})
    edited = revision(org, "ada")
    assert edited > added
    with org.session() as session:
        delete_evidence(session, ev_id)
    deleted = revision(org, "ada")
    assert deleted > edited
    # Statements that bypass the ledger (a hand-written fix, a bulk job) move it too.
    with org.session() as session:
        session.execute(update(Evidence).where(Evidence.id == ev_id).values(title="x"))
    assert revision(org, "ada") > deleted
    before_delete = revision(org, "ada")
    with org.session() as session:
        session.execute(delete(Evidence).where(Evidence.id == ev_id))
    assert revision(org, "ada") > before_delete
    # Nobody else's revision moved.
    assert revision(org, "bo") == 0


def test_moving_an_entry_to_another_person_moves_both_revisions(org: Store) -> None:
    with org.session() as session:
        ev_id = add_evidence(session, find_person(session, "ada"), entry("Pairing")).id
        bo_id = find_person(session, "bo").id
    ada, bo = revision(org, "ada"), revision(org, "bo")
    with org.session() as session:
        session.execute(update(Evidence).where(Evidence.id == ev_id).values(person_id=bo_id))
    assert revision(org, "ada") > ada
    assert revision(org, "bo") > bo


def test_cached_assessment_equals_a_fresh_one_and_follows_the_ledger(
        org: Store, framework: Framework) -> None:
    cache = AssessmentCache()
    with org.session() as session:
        ada = find_person(session, "ada")
        for n in range(3):
            add_evidence(session, ada, entry(f"Shipped piece {n} with Payments", 40 * n + 10))
    with org.session(read_only=True) as session:
        ada = find_person(session, "ada")
        fresh = assess_person(session, ada, framework, as_of=AS_OF)
        first = assess_person(session, ada, framework, as_of=AS_OF, cache=cache)
        second = assess_person(session, ada, framework, as_of=AS_OF, cache=cache)
    assert first == fresh
    assert second is first
    assert (cache.hits, cache.misses) == (1, 1)

    with org.session() as session:
        new_id = add_evidence(session, find_person(session, "ada"),
                              entry("Led the payments migration", 5)).id
    with org.session(read_only=True) as session:
        ada = find_person(session, "ada")
        after = assess_person(session, ada, framework, as_of=AS_OF, cache=cache)
        expected = assess_person(session, ada, framework, as_of=AS_OF)
    assert after == expected
    assert after != first
    cited = {c.evidence_id for d in after.dimensions for c in d.citations}
    assert new_id in cited


def test_a_person_object_read_before_a_write_still_gets_the_new_assessment(
        org: Store, framework: Framework) -> None:
    """Inside one transaction the ORM's copy of the revision goes stale when the trigger
    moves it; the cache reads the revision from the database, not from the object."""
    cache = AssessmentCache()
    with org.session() as session:
        ada = find_person(session, "ada")
        before = assess_person(session, ada, framework, as_of=AS_OF, cache=cache)
        new_id = add_evidence(session, ada, entry("Led the payments migration", 5)).id
        after = assess_person(session, ada, framework, as_of=AS_OF, cache=cache)
    assert before != after
    assert new_id in {c.evidence_id for d in after.dimensions for c in d.citations}


def test_level_target_self_rating_and_date_are_part_of_the_key(
        org: Store, framework: Framework) -> None:
    cache = AssessmentCache()
    with org.session() as session:
        add_evidence(session, find_person(session, "ada"), entry("Shipped checkout v2"))
    with org.session(read_only=True) as session:
        base = assess_person(session, find_person(session, "ada"), framework, as_of=AS_OF,
                             cache=cache)
    with org.session() as session:
        ada = find_person(session, "ada")
        ada.target_level = "senior-staff"
        set_self_rating(session, ada, framework, framework.dimensions[0].id, "principal")
    with org.session(read_only=True) as session:
        ada = find_person(session, "ada")
        changed = assess_person(session, ada, framework, as_of=AS_OF, cache=cache)
        later = assess_person(session, ada, framework, as_of=AS_OF + dt.timedelta(days=1),
                              cache=cache)
    assert changed.target_level == "senior-staff" != base.target_level
    assert [c.self_level for c in changed.self_comparison] == ["principal"]
    assert later.as_of != changed.as_of
    assert cache.hits == 0


def test_assessing_many_people_at_once_matches_one_by_one(
        org: Store, framework: Framework) -> None:
    with org.session() as session:
        for handle, n in (("ada", 4), ("bo", 1), ("cy", 2)):
            person = find_person(session, handle)
            for k in range(n):
                add_evidence(session, person, entry(f"{handle} work {k}", 20 * k + 3))
    cache = AssessmentCache()
    with org.session(read_only=True) as session:
        people = list(session.scalars(select(Person).order_by(Person.id)))
        together = assess_people(session, people, framework, as_of=AS_OF, cache=cache)
        apart = {p.id: assess_person(session, p, framework, as_of=AS_OF) for p in people}
        again = assess_people(session, people, framework, as_of=AS_OF, cache=cache)
    assert together == apart
    assert again == together
    assert cache.hits == len(people)


def test_the_cache_keeps_only_its_size() -> None:
    from staffpath.assess.cache import AssessmentKey
    from staffpath.assess.engine import Assessment

    cache = AssessmentCache(size=2)

    def key(n: int) -> AssessmentKey:
        return AssessmentKey(n, 0, None, None, "f", AS_OF, 0, ())

    def result(n: int) -> Assessment:
        return Assessment(AS_OF, "fw", str(n), "f", None, None, None, (), ())

    for n in range(3):
        cache.put(key(n), result(n))
    assert len(cache) == 2
    assert cache.get(key(0)) is None
    assert cache.get(key(2)) == result(2)


def test_org_size_is_counted_again_after_its_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import staffpath.assess.cache as cache_module

    now = [100.0]
    monkeypatch.setattr(cache_module.time, "monotonic", lambda: now[0])
    cache = AssessmentCache(org_size_seconds=60)
    counts = iter([10, 11])
    assert cache.org_size(lambda: next(counts)) == 10
    now[0] += 59
    assert cache.org_size(lambda: next(counts)) == 10
    now[0] += 2
    assert cache.org_size(lambda: next(counts)) == 11
