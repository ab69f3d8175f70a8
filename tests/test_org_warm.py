"""Preparing the organisation views ahead of their first visitor (`org.warm`): the warm-up and
the end of a mining run leave in the database what a fresh process then reads — the risk
report, the charts and the quality measures as well as the item columns and spans — and
nothing kept is served once anything it was computed from has changed (SQLite and
PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from mining_helpers import HistoryBuilder, Person, init_repo, lines
from org_helpers import AS_OF, build_org, log
from staffpath.accounts.principal import Principal
from staffpath.framework.loader import default_framework
from staffpath.mining.service import MineOptions, mine_repository
from staffpath.mining.tables import MinedRepo
from staffpath.org import assessed, cache, charts, quality, service, warm
from staffpath.org.tables import OrgItemColumns, OrgSnapshot
from staffpath.store.engine import Store
from staffpath.store.tables import Person as RosterPerson
from staffpath.workspace import LibraryChoice, QualityConfig

CLI = Principal.command_line()
FW = default_framework()
ANN = Person("Ann Author", "ann.author@corp.example")
BOB = Person("Bob Builder", "bob.builder@corp.example")


def forget() -> None:
    """What a restarted process has: nothing in memory."""
    cache.clear()


@pytest.fixture
def org(db_url: str, tmp_path: Path) -> Iterator[tuple[Store, dict[str, int]]]:
    forget()
    store = Store(db_url)
    ids = build_org(store, tmp_path)
    with store.session() as session:
        log(session, "ann", "Led the checkout migration across three teams", kind="migration",
            teams=["Alpha", "Beta", "Gamma"], day=dt.date(2025, 9, 1))
        log(session, "cat", "Designed the new cart service", kind="design_doc",
            day=dt.date(2025, 11, 1))
    yield store, ids
    forget()
    store.close()


def kinds(store: Store) -> set[str]:
    with store.session(read_only=True) as session:
        return set(session.scalars(select(OrgSnapshot.kind)))


def risk_now(store: Store, repo: str | None = None) -> dict[str, Any]:
    with store.session(read_only=True) as session:
        return service.risk(session, CLI, as_of=AS_OF, repo=repo).as_dict()


def charts_now(store: Store) -> tuple[str, str]:
    with store.session(read_only=True) as session:
        mix = service.levels(session, CLI, FW, as_of=AS_OF)
        report = service.risk(session, CLI, as_of=AS_OF)
        return (charts.level_mix_svg(mix, session=session),
                charts.truck_trend_svg(report, session=session))


def from_scratch(store: Store) -> tuple[dict[str, Any], tuple[str, str]]:
    with store.session() as session:
        session.execute(OrgSnapshot.__table__.delete())
        session.execute(OrgItemColumns.__table__.delete())
    forget()
    return risk_now(store), charts_now(store)


@pytest.fixture
def nothing_computed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if anything kept is computed again rather than read."""
    def fail(*_args: Any, **_kwargs: Any) -> Any:
        pytest.fail("computed instead of read")

    monkeypatch.setattr(service, "_compute_report", fail)
    monkeypatch.setattr(assessed, "_build", fail)
    monkeypatch.setattr(charts, "_level_mix_svg", fail)
    monkeypatch.setattr(charts, "_truck_trend_svg", fail)
    monkeypatch.setattr(quality, "measure", fail)


def test_a_fresh_process_reads_what_the_warm_up_kept(org: tuple[Store, dict[str, int]],
                                                      request: pytest.FixtureRequest) -> None:
    store, _ids = org
    timings = warm.warm_organisation(store, as_of=AS_OF)
    assert set(timings) == {"levels", "risk", "quality"}
    assert {"risk", "chart", "spans", "owners"} <= kinds(store)
    forget()
    request.getfixturevalue("nothing_computed")
    assert risk_now(store)["repositories"][0]["name"] == "app"
    assert all(svg.startswith("<svg") for svg in charts_now(store))


def test_kept_report_and_charts_equal_those_computed_afresh(
        org: tuple[Store, dict[str, int]]) -> None:
    store, _ids = org
    warm.warm_organisation(store, as_of=AS_OF)
    forget()
    kept = risk_now(store), charts_now(store)
    assert kept == from_scratch(store)
    # One repository's report is kept apart from the whole organisation's.
    forget()
    assert risk_now(store, "app")["repositories"] == kept[0]["repositories"]


def test_nothing_kept_is_served_after_its_inputs_change(
        org: tuple[Store, dict[str, int]]) -> None:
    store, ids = org
    warm.warm_organisation(store, as_of=AS_OF)
    before_risk, before_charts = risk_now(store), charts_now(store)
    # Cat leaves: the report (her files) and the level chart (an engineer fewer) change.
    with store.session() as session:
        session.execute(update(RosterPerson).where(RosterPerson.id == ids["cat"])
                        .values(active=False))
    forget()
    after_risk, after_charts = risk_now(store), charts_now(store)
    assert after_risk != before_risk
    assert after_charts[0] != before_charts[0]
    assert (after_risk, after_charts) == from_scratch(store)
    # Another day is another report.
    with store.session(read_only=True) as session:
        later = service.risk(session, CLI, as_of=AS_OF + dt.timedelta(days=200)).as_dict()
    assert later["as_of"] != after_risk["as_of"]


def test_a_chart_from_other_code_is_not_served(org: tuple[Store, dict[str, int]],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    store, _ids = org
    charts_now(store)
    with store.session() as session:
        session.execute(update(OrgSnapshot).where(OrgSnapshot.kind == "chart")
                        .values(text="<svg>stale</svg>"))
        session.execute(update(OrgSnapshot).where(OrgSnapshot.kind == "chart")
                        .values(inputs="drawn by another version"))
    forget()
    assert all("stale" not in svg for svg in charts_now(store))


# --- quality ---------------------------------------------------------------------------------


CONFIG = QualityConfig(preferred={"http": LibraryChoice(use="httpx", avoid=("requests",))})


@pytest.fixture
def quality_repo(tmp_path: Path) -> Path:
    repo = init_repo(tmp_path / "app")
    b = HistoryBuilder(repo)
    b.commit(ANN, {"a/x.py": "import httpx\n\ndef f(x: int) -> int:\n    return x\n",
                   "a/y.py": lines(5), "tests/test_x.py": "def test_x():\n    pass\n"})
    b.commit(BOB, {"a/y.py": "import requests\n" + lines(6)})
    b.write()
    return repo


def test_quality_measures_are_kept_in_the_database(db_url: str, quality_repo: Path,
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(db_url)
    try:
        with store.session() as session:
            session.add(MinedRepo(path=str(quality_repo), branch="", name="app"))
        with store.session(read_only=True) as session:
            first = service.quality(session, CLI, "app", CONFIG, cache=tmp_path / "one")
        with store.session(read_only=True) as session:
            assert CONFIG in quality.stored_configs(session)
            assert quality.stored_configs(session)[0] == QualityConfig()
        calls: list[str] = []
        real = quality.measure

        def spy(repo: Path, commit: str, config: QualityConfig) -> quality.Measures:
            calls.append(commit)
            return real(repo, commit, config)

        monkeypatch.setattr(quality, "measure", spy)
        # A new deployment: an empty cache folder; the database still has the measures.
        with store.session(read_only=True) as session:
            again = service.quality(session, CLI, "app", CONFIG, cache=tmp_path / "two")
        assert calls == []
        assert again.as_dict() == first.as_dict()
        # Another configuration is measured afresh, and so is a measure from other code.
        with store.session(read_only=True) as session:
            other = service.quality(session, CLI, "app", QualityConfig())
        assert calls == [first.current.commit]
        assert other.current.libraries == ()
        with store.session() as session:
            session.execute(update(OrgSnapshot).where(OrgSnapshot.kind == "quality")
                            .values(inputs="measured by another version"))
        with store.session(read_only=True) as session:
            assert service.quality(session, CLI, "app", CONFIG).as_dict() == first.as_dict()
        assert calls == [first.current.commit] * 2
        # The warm-up measures every mined repository with every configuration used before
        # (here both are out of date).
        with store.session() as session:
            session.execute(update(OrgSnapshot).where(OrgSnapshot.kind == "quality")
                            .values(inputs="measured by another version"))
        warm.warm_organisation(store)
        assert calls == [first.current.commit] * 4
    finally:
        store.close()


# --- after a mining run ----------------------------------------------------------------------


def test_a_mining_run_prepares_the_views_once_it_commits(
        org: tuple[Store, dict[str, int]], tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    store, _ids = org
    repo = init_repo(tmp_path / "shop")
    b = HistoryBuilder(repo)
    b.commit(ANN, {"a/cart.py": lines(30), "docs/design/cart.md": lines(40, "d")})
    b.commit(BOB, {"b/pay.py": lines(20)})
    b.write()
    # A run that fails after mining (its transaction rolls back) prepares nothing.
    def failing_run() -> None:
        with store.session() as session:
            mine_repository(session, repo, MineOptions(jobs=1),
                            after_run=warm.prepare_after_commit)
            raise RuntimeError("the caller's transaction fails")

    with pytest.raises(RuntimeError):
        failing_run()
    assert "risk" not in kinds(store)
    with store.session() as session:
        mine_repository(session, repo, MineOptions(jobs=1), after_run=warm.prepare_after_commit)
        assert "risk" not in kinds(store)  # not before the run is committed
    assert {"risk", "chart", "spans", "owners"} <= kinds(store)
    with store.session(read_only=True) as session:
        revisions = assessed.revisions(session)
        kept = set(session.scalars(select(OrgItemColumns.person_id)))
    assert kept == {pid for pid, rev in revisions.items() if rev}
    forget()
    request.getfixturevalue("nothing_computed")
    with store.session(read_only=True) as session:
        report = service.risk(session, CLI, rules=MineOptions().rules)
        charts.truck_trend_svg(report, session=session)
        service.levels(session, CLI, FW)
    assert {r.name for r in report.repos} == {"app", "shop"}
