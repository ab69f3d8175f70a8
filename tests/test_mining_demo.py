"""The demo's git repositories tell the organisation's stories, and mining finds them."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from mining_helpers import git_env
from staffpath.demo.content import write_demo_files
from staffpath.demo.repos import mine_demo_repos
from staffpath.framework.loader import default_framework
from staffpath.mining.report import MineReport
from staffpath.people.service import import_roster, import_teams
from staffpath.store.engine import Store
from staffpath.store.tables import Evidence, Person

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def mined(tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[tuple[Path, Store, list[MineReport]]]:
    root = tmp_path_factory.mktemp("demo")
    manifest = write_demo_files(root / "input", TODAY)
    store = Store(f"sqlite:///{root / 'db.sqlite'}")
    with store.session() as session:
        import_teams(session, manifest.teams_yaml)
        import_roster(session, manifest.roster_csv, level_ids=default_framework().level_ids)
    reports = mine_demo_repos(store, root / "repos", TODAY)
    yield root / "repos", store, reports
    store.close()


def _items(store: Store, handle: str) -> list[tuple[str, str, list[str]]]:
    with store.session() as session:
        rows = session.execute(
            select(Evidence.kind, Evidence.title, Evidence.people).join(Person)
            .where(Person.handle == handle, Evidence.source_type.in_(("git", "review"))))
        return [(k, t, list(p)) for k, t, p in rows]


def test_repositories_are_real_and_consistent(mined: tuple[Path, Store, list[MineReport]]
                                              ) -> None:
    repos, _store, reports = mined
    assert [r.name for r in reports] == ["shop", "platform", "data"]
    for report in reports:
        path = repos / report.name
        subprocess.run(["git", "-C", str(path), "fsck", "--no-progress"], check=True,
                       capture_output=True, env=git_env())
        assert (path / ".github" / "CODEOWNERS").is_file()
        assert report.truck_factor >= 1
    shop = reports[0]
    assert shop.commits > 400
    last = max(c["last"] for c in shop.contributors)
    assert dt.date.fromisoformat(last) <= TODAY
    assert dt.date.fromisoformat(last) >= TODAY - dt.timedelta(days=62)
    assert {t["team"] for t in shop.teams} >= {"Checkout", "Payments", "Mobile"}


def test_mentoring_shows_as_knowledge_spread(mined: tuple[Path, Store, list[MineReport]]
                                             ) -> None:
    _repos, store, _reports = mined
    spread = {h: [p for k, _t, people in _items(store, h) if k == "knowledge_spread"
                  for p in people]
              for h in ("priya.nair", "tomas.reyes", "grace.adeyemi", "meilin.zhao",
                        "ravi.menon", "daniel.okafor", "lena.kowalski", "rafael.costa")}
    assert "tomas.reyes" in spread["priya.nair"]
    assert "aisha.bello" in spread["tomas.reyes"]
    assert "chloe.dubois" in spread["grace.adeyemi"]
    assert "ravi.menon" in spread["meilin.zhao"]
    assert "jonas.berg" in spread["ravi.menon"]
    assert "lena.kowalski" in spread["daniel.okafor"]
    assert "sam.whitaker" in spread["lena.kowalski"]
    assert "wei.chen" in spread["rafael.costa"]


def test_stories_in_code_match_the_cast(mined: tuple[Path, Store, list[MineReport]]) -> None:
    _repos, store, _reports = mined
    priya = _items(store, "priya.nair")
    assert any(k == "cross_team_code" and "Payments" in t for k, t, _p in priya)
    assert ("design_doc", "Wrote design document: Taking the cart out of the checkout "
            "monolith", []) in priya
    daniel = _items(store, "daniel.okafor")
    assert any(k == "cross_team_code" and "Identity" in t and "Mobile" in t
               for k, t, _p in daniel)
    assert any(k == "review" for k, _t, _p in daniel)
    # Jake's work stays inside Catalog; Ben writes no docs and does no glue work.
    assert not any(k == "cross_team_code" for k, _t, _p in _items(store, "jake.morrison"))
    assert {k for k, _t, _p in _items(store, "ben.castillo")} <= {"knowledge_spread", "review"}
    assert any(k == "glue_work" for k, _t, _p in _items(store, "ngozi.eze"))


def test_alternate_and_mailmapped_emails_resolve(mined: tuple[Path, Store, list[MineReport]]
                                                 ) -> None:
    _repos, _store, reports = mined
    shop = reports[0]
    handles = {c["handle"] for c in shop.contributors}
    assert None not in handles  # every author is on the roster, laptop e-mails included
    assert {"daniel.okafor", "meilin.zhao", "tomas.reyes"} <= handles
