"""The demo's review export: pull requests and their reviews for the shop repository, in the
shape `gh api ... --paginate` writes them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from staffpath.demo.git_history import RepoHistory
from staffpath.demo.repo_stories import GITHUB_ORG

__all__ = ["write_review_export"]


def _login(handle: str) -> str:
    return handle.replace(".", "-")


_REVIEWS = (
    # (author, reviewer, months ago, repeat): who reviewed whose pull requests
    ("lena.kowalski", "daniel.okafor", 12, 4), ("tomas.reyes", "daniel.okafor", 11, 2),
    ("ben.castillo", "daniel.okafor", 10, 2), ("zoe.fischer", "daniel.okafor", 9, 2),
    ("farah.haddad", "priya.nair", 14, 2), ("hannah.schultz", "priya.nair", 12, 2),
    ("tomas.reyes", "priya.nair", 13, 3), ("aisha.bello", "tomas.reyes", 4, 3),
    ("chloe.dubois", "grace.adeyemi", 10, 4), ("chloe.dubois", "grace.adeyemi", 4, 3),
    ("sam.whitaker", "lena.kowalski", 5, 3), ("marcus.lee", "meilin.zhao", 13, 3),
    ("connor.walsh", "jake.morrison", 8, 3), ("yuki.tanaka", "jake.morrison", 5, 2),
)


def write_review_export(root: Path, today: dt.date) -> Path:
    """Pulls and reviews for harborpine/shop, as `gh api ... --paginate` writes them."""
    folder = root / "reviews" / "shop"
    (folder / "reviews").mkdir(parents=True)
    repo = RepoHistory("shop", today)
    pulls: list[dict[str, Any]] = []
    number = 100
    for author, reviewer, months_ago, repeat in _REVIEWS:
        for k in range(repeat):
            number += 1
            opened = dt.datetime.fromtimestamp(repo.at(months_ago, 3 + 6 * k), dt.UTC)
            pulls.append({
                "number": number, "title": f"Change {number}", "state": "closed",
                "user": {"login": _login(author)},
                "url": f"https://api.github.com/repos/{GITHUB_ORG}/shop/pulls/{number}",
                "html_url": f"https://github.com/{GITHUB_ORG}/shop/pull/{number}",
                "created_at": opened.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "head": {"ref": f"change-{number}"},
                "base": {"ref": "main", "repo": {"full_name": f"{GITHUB_ORG}/shop"}}})
            submitted = (opened + dt.timedelta(hours=20)).strftime("%Y-%m-%dT%H:%M:%SZ")
            reviews = [{
                "id": number * 10, "user": {"login": _login(reviewer)},
                "state": "CHANGES_REQUESTED" if k == 0 else "APPROVED",
                "body": "Let's walk through the failure cases together." if k == 0 else "",
                "submitted_at": submitted,
                "pull_request_url":
                    f"https://api.github.com/repos/{GITHUB_ORG}/shop/pulls/{number}"}]
            (folder / "reviews" / f"{number}.json").write_text(
                json.dumps(reviews, indent=1) + "\n", encoding="utf-8")
    half = len(pulls) // 2
    (folder / "pulls.json").write_text(
        json.dumps(pulls[:half], indent=1) + json.dumps(pulls[half:], indent=1) + "\n",
        encoding="utf-8")
    return folder
