"""The demo organisation's git repositories and review data, written and mined.

Three repositories (shop, platform, data) carry the stories the journals tell (`repo_stories`),
written into git by `git_history`. Every date is relative to `today`, so the history lines up
with the journals whenever the demo is built. A review export in GitHub's REST shape goes with
the shop repository (`review_export`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from staffpath.demo.content import demo_people
from staffpath.demo.git_history import write_repo
from staffpath.demo.repo_stories import ALT_EMAILS, data_history, platform_history, shop_history
from staffpath.demo.review_export import write_review_export
from staffpath.mining.report import MineReport
from staffpath.mining.reviews import mine_reviews
from staffpath.mining.service import MineOptions, mine_repository
from staffpath.org.warm import prepare_after_commit
from staffpath.store.engine import Store


@dataclass(frozen=True)
class DemoRepos:
    """Where the demo's repositories and review export were written."""

    repos: tuple[Path, ...]
    reviews: Path


def _people() -> dict[str, tuple[str, str]]:
    return {p.handle: (p.name, p.email) for p in demo_people()}


def write_demo_repos(root: Path, today: dt.date) -> DemoRepos:
    """Create the demo's repositories and review export under root (which must be new)."""
    people = _people()
    root.mkdir(parents=True, exist_ok=True)
    repos = tuple(write_repo(root, repo, people, ALT_EMAILS)
                  for repo in (shop_history(today), platform_history(today), data_history(today)))
    return DemoRepos(repos=repos, reviews=write_review_export(root, today))


def mine_demo_repos(store: Store, root: Path, today: dt.date, *,
                    mined: Callable[[int, int], None] | None = None) -> list[MineReport]:
    """Write the demo repositories under root and mine them (and their reviews) into store;
    `mined(done, total)` is told before each repository and once all are done."""
    written = write_demo_repos(root, today)
    reports = []
    for n, repo in enumerate(written.repos):
        if mined is not None:
            mined(n, len(written.repos))
        with store.session() as session:
            reports.append(mine_repository(session, repo, MineOptions(jobs=1),
                                           after_run=prepare_after_commit))
    with store.session() as session:
        mine_reviews(session, [written.reviews])
    if mined is not None:
        mined(len(written.repos), len(written.repos))
    return reports
