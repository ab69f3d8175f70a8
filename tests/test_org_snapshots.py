"""Organisation-view snapshots kept in the database: a fresh process reads them, and one is
never served once anything it was computed from has changed (on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select, text, update

from org_helpers import AS_OF, build_org, log
from staffpath.accounts.principal import Principal
from staffpath.framework.loader import default_framework
from staffpath.mining.tables import AuthorshipSpan, MinedRepo
from staffpath.org import assessed, cache, owners, risk_spans, service, snapshots
from staffpath.org.tables import OrgItemColumns, OrgSnapshot
from staffpath.store.engine import Store
from staffpath.store.tables import Evidence, Team

CLI = Principal.command_line()
FW = default_framework()


@pytest.fixture
def org(db_url: str, tmp_path: Path) -> Iterator[tuple[Store, dict[str, int]]]:
    forget()
    store = Store(db_url)
    ids = build_org(store, tmp_path)
    with store.session() as session:
        log(session, "ann", "Led the checkout migration across three teams", kind="migration",
            teams=["Alpha", "Beta", "Gamma"], day=dt.date(2025, 9, 1))
        log(session, "ann", "Wrote the payments strategy", kind="strategy",
            day=dt.date(2025, 10, 1))
        log(session, "bob", "Fixed the flaky build", kind="glue_work", day=dt.date(2025, 8, 1))
        log(session, "cat", "Designed the new cart service", kind="design_doc",
            day=dt.date(2025, 11, 1))
    yield store, ids
    forget()
    store.close()


def forget() -> None:
    """What a restarted process has: nothing in memory."""
    cache.clear()


def levels(store: Store) -> dict[str, Any]:
    with store.session(read_only=True) as session:
        return service.levels(session, CLI, FW, as_of=AS_OF).as_dict()


def assessed_now(store: Store) -> assessed.AssessedOrg:
    with store.session(read_only=True) as session:
        return assessed.assess_everyone(session, FW, AS_OF)


def from_scratch(store: Store) -> assessed.AssessedOrg:
    """The assessment with no snapshot anywhere."""
    with store.session() as session:
        session.execute(OrgItemColumns.__table__.delete())
        session.execute(OrgSnapshot.__table__.delete())
    forget()
    return assessed_now(store)


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """The people whose items each call builds from their evidence."""
    seen: list[list[int]] = []
    real = assessed._build

    def spy(session: Any, framework: Any, people: Sequence[int]) -> dict[int, bytes]:
        seen.append(list(people))
        return real(session, framework, people)

    monkeypatch.setattr(assessed, "_build", spy)
    return seen


def test_a_fresh_process_reads_everyones_items(org: tuple[Store, dict[str, int]],
                                               builds: list[list[int]]) -> None:
    store, _ids = org
    first = assessed_now(store)
    assert sorted(builds[0]) == sorted(first.people)
    assert len(first.people) >= 3
    with store.session(read_only=True) as session:
        stored = session.scalar(select(func.count()).select_from(OrgItemColumns))
    assert stored == len(builds[0])
    forget()
    again = assessed_now(store)
    assert builds == [builds[0]]  # nothing built again
    assert again == first
    assert levels(store) == levels(store)


def test_an_edit_rebuilds_only_that_person(org: tuple[Store, dict[str, int]],
                                           builds: list[list[int]]) -> None:
    store, ids = org
    before = assessed_now(store)
    with store.session() as session:
        log(session, "bob", "Led the incident review for the whole org", kind="incident",
            teams=["Alpha", "Beta"], day=dt.date(2025, 12, 1))
    forget()
    after = assessed_now(store)
    assert builds[1:] == [[ids["bob"]]]
    assert after == from_scratch(store)
    assert after.people[ids["ann"]] == before.people[ids["ann"]]


def test_a_write_outside_the_application_is_seen(org: tuple[Store, dict[str, int]],
                                                 builds: list[list[int]]) -> None:
    store, ids = org
    assessed_now(store)
    # A hand-written SQL fix that changes what an item says; the trigger moves the revision.
    with store.session() as session:
        session.execute(update(Evidence).where(Evidence.person_id == ids["cat"])
                        .values(kind="strategy", scope=4))
    forget()
    after = assessed_now(store)
    assert builds[1:] == [[ids["cat"]]]
    assert after == from_scratch(store)
    # Deleting a person's evidence entirely: they are no longer assessed.
    with store.session() as session:
        session.execute(Evidence.__table__.delete().where(Evidence.person_id == ids["cat"]))
    forget()
    gone = assessed_now(store)
    assert ids["cat"] not in gone.people
    assert gone == from_scratch(store)


def test_a_snapshot_from_other_code_or_framework_is_not_served(
        org: tuple[Store, dict[str, int]], builds: list[list[int]]) -> None:
    store, ids = org
    assessed_now(store)
    with store.session() as session:
        session.execute(update(OrgItemColumns).where(OrgItemColumns.person_id == ids["ann"])
                        .values(inputs="written by another version", data=b"\0" * 18))
    forget()
    assert assessed_now(store) == from_scratch(store)
    assert builds[1] == [ids["ann"]]
    # The digest covers the code and the framework.
    assert assessed.item_inputs(FW, 1, 1) != assessed.item_inputs(FW, 1, 2)
    snapshots.code_version.cache_clear()
    try:
        base = snapshots.digest("x")
        original = snapshots.code_version
        snapshots.code_version = lambda: "different code"  # type: ignore[assignment]
        try:
            assert snapshots.digest("x") != base
        finally:
            snapshots.code_version = original  # type: ignore[assignment]
    finally:
        snapshots.code_version.cache_clear()


def risk_now(store: Store) -> dict[str, Any]:
    with store.session(read_only=True) as session:
        return service.risk(session, CLI, as_of=AS_OF).as_dict()


def risk_from_scratch(store: Store) -> dict[str, Any]:
    with store.session() as session:
        session.execute(OrgSnapshot.__table__.delete())
    forget()
    return risk_now(store)


@pytest.fixture
def span_reads(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    seen: list[list[str]] = []
    real = risk_spans._read_spans

    def spy(session: Any, repos: Sequence[Any]) -> list[risk_spans.RepoSpans]:
        seen.append([r.name for r in repos])
        return real(session, repos)

    monkeypatch.setattr(risk_spans, "_read_spans", spy)
    return seen


def test_a_fresh_process_reads_spans_and_owners(org: tuple[Store, dict[str, int]],
                                                span_reads: list[list[str]],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    store, _ids = org
    first = risk_now(store)
    assert span_reads == [["app"]]
    forget()
    monkeypatch.setattr(owners, "_owners", lambda *a: pytest.fail("owners recomputed"))
    assert risk_now(store) == first
    assert span_reads == [["app"]]


def test_mining_again_is_seen(org: tuple[Store, dict[str, int]],
                              span_reads: list[list[str]]) -> None:
    store, ids = org
    before = risk_now(store)
    # A new run: Bob now also writes c/r.py, the file only Dan (who left) knew.
    with store.session() as session:
        repo = session.scalars(select(MinedRepo)).one()
        session.execute(insert(AuthorshipSpan), [{
            "repo_id": repo.id, "path": "c/r.py", "author_key": f"p:{ids['bob']}",
            "person_id": ids["bob"], "since": dt.date(2025, 12, 1), "until": None}])
        repo.mined_at = dt.datetime(2026, 1, 2, 3, 4, 5)
    forget()
    after = risk_now(store)
    assert span_reads == [["app"], ["app"]]
    assert after["repositories"][0]["orphaned"] == before["repositories"][0]["orphaned"] - 1
    assert after == risk_from_scratch(store)
    # Spans changed by hand, without a mining run, are seen too.
    with store.session() as session:
        session.execute(AuthorshipSpan.__table__.delete().where(
            AuthorshipSpan.path == "c/r.py", AuthorshipSpan.person_id == ids["bob"]))
    forget()
    assert risk_now(store) == before


def test_a_change_to_the_teams_code_areas_is_seen(org: tuple[Store, dict[str, int]]) -> None:
    store, _ids = org
    before = risk_now(store)
    with store.session() as session:
        for team in session.scalars(select(Team)):
            team.owns = []
    forget()
    after = risk_now(store)
    assert after == risk_from_scratch(store)
    assert [r["teams"] for r in after["repositories"]] == [[]]
    assert before["repositories"][0]["teams"]


def test_a_snapshot_write_that_fails_still_answers(org: tuple[Store, dict[str, int]],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    store, _ids = org

    def refuse(session: Any, apply: Any) -> bool:
        return False

    monkeypatch.setattr(snapshots, "_write", refuse)
    first = levels(store)
    forget()
    assert levels(store) == first
    with store.session(read_only=True) as session:
        assert session.scalar(select(func.count()).select_from(OrgItemColumns)) == 0
        assert session.execute(text("SELECT count(*) FROM org_snapshots")).scalar() == 0
    assert risk_now(store) == risk_from_scratch(store)


def test_pack_round_trip() -> None:
    import numpy as np

    arrays = {"a": np.array([1, -2, 3], dtype=np.int32), "b": np.array([], dtype=np.int64),
              "c": np.array([True, False]), "d": np.array([0.5], dtype=np.float32)}
    layout, data = snapshots.pack_arrays(arrays)
    back = snapshots.unpack_arrays(layout, data)
    assert list(back) == list(arrays)
    for name, array in arrays.items():
        assert back[name].dtype == array.dtype
        assert back[name].tolist() == array.tolist()


def test_the_code_digest_covers_every_module_the_snapshot_code_imports() -> None:
    modules = snapshots.code_modules()
    # Reached through imports, not listed: the extraction rules and the assessment rule.
    for name in ("staffpath.ledger.extract.role", "staffpath.ledger.extract.scope",
                 "staffpath.assess.rules", "staffpath.assess.columns", "staffpath.org.risk"):
        assert name in modules
    assert all(name.startswith("staffpath") for name in modules)
    assert "staffpath.web.app" not in modules  # front ends do not decide what a snapshot holds
