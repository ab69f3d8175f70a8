"""Degree of authorship and truck factor: worked by hand, and against a plain re-implementation."""

from __future__ import annotations

import math
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from mining_helpers import PEOPLE, HistoryBuilder, git_env, init_repo, lines, random_history
from staffpath.mining.authorship_degree import doa, file_authors
from staffpath.mining.report import MineReport
from staffpath.mining.service import mine_repository
from staffpath.mining.tables import AuthorshipSpan
from staffpath.mining.truck import truck_factor
from staffpath.store.engine import Store

A, B, C = PEOPLE[0], PEOPLE[1], PEOPLE[2]


def test_doa_of_a_lone_creator() -> None:
    # 3.293 + 1.098 (created it) + 0.164 × 1 change − 0.321 × ln(1 + 0)
    assert doa(True, 1, 0) == pytest.approx(4.555)


@pytest.mark.parametrize(("b_changes", "expected"), [
    # A created the file once, B changed it n times.
    # n=3:  A = 4.555 − 0.321·ln 4 = 4.110; B = 3.293 + 0.492 − 0.321·ln 2 = 3.563; B/A = 0.867
    (3, {"A", "B"}),
    # n=10: A = 4.555 − 0.321·ln 11 = 3.785; B = 3.293 + 1.64 − 0.2225 = 4.711; A/B = 0.804
    (10, {"A", "B"}),
    # n=20: A = 4.555 − 0.321·ln 21 = 3.578; B = 3.293 + 3.28 − 0.2225 = 6.351; A/B = 0.563
    (20, {"B"}),
])
def test_authors_by_hand(b_changes: int, expected: set[str]) -> None:
    counts = {"A": 1, "B": b_changes}
    assert set(file_authors("A", counts, 1 + b_changes)) == expected


def test_a_file_nobody_knows_well_enough_has_no_author() -> None:
    # Nobody created it in the history read and 40 people each changed it once:
    # DOA = 3.293 + 0.164 − 0.321·ln 40 = 2.273 < 3.293.
    counts = {f"p{i}": 1 for i in range(40)}
    assert file_authors(None, counts, 40) == frozenset()


def test_truck_factor_by_hand() -> None:
    # A owns 3 files, B 2, C 1. Removing A orphans f1, f2 (2 of 5 = 40%, not more than half);
    # removing B orphans f3 and f4 too (4 of 5): truck factor 2, A and B.
    authors = {"f1": {"A"}, "f2": {"A"}, "f3": {"B"}, "f4": {"A", "B"}, "f5": {"C"}}
    tf = truck_factor(authors)
    assert (tf.value, tf.key_people, tf.orphaned) == (2, ("A", "B"), 4)
    # Exactly half orphaned is not enough: 4 files, A owns 2 alone, B owns 2 alone.
    assert truck_factor({"f1": {"A"}, "f2": {"A"}, "f3": {"B"}, "f4": {"B"}}).value == 2
    assert truck_factor({"f1": {"A"}, "f2": {"A"}, "f3": {"A"}, "f4": {"B"}}).value == 1
    assert truck_factor({}).value == 0
    # Most files already have no author: nobody needs to leave.
    assert truck_factor({"f1": set(), "f2": set(), "f3": {"A"}}).value == 0


def _mine(tmp_path: Path, repo: Path) -> tuple[MineReport, dict[str, set[str]]]:
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    try:
        with store.session() as session:
            report = mine_repository(session, repo)
        with store.session() as session:
            current: dict[str, set[str]] = {}
            for span in session.scalars(select(AuthorshipSpan).where(
                    AuthorshipSpan.until.is_(None))):
                current.setdefault(span.path, set()).add(span.author_key.removeprefix("x:"))
    finally:
        store.close()
    return report, current


def test_hand_built_history_through_the_whole_mine(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "r")
    b = HistoryBuilder(repo)
    b.commit(A, {"core/x.py": lines(5), "core/y.py": lines(5), "core/z.py": lines(5)})
    b.commit(B, {"util/w.py": lines(5)})
    for i in range(3):  # B changes x.py three times: both A and B are its authors
        b.commit(B, {"core/x.py": lines(5) + lines(i + 1, "b")})
    b.commit(C, {"core/y.py": lines(6)})  # one change by C: A stays the only author
    b.commit(A, {}, renames={"core/z.py": "core/zz.py"})  # authorship follows the rename
    b.write()
    report, current = _mine(tmp_path, repo)
    assert current == {
        "core/x.py": {A.email, B.email}, "core/y.py": {A.email}, "core/zz.py": {A.email},
        "util/w.py": {B.email},
    }
    # A owns 3 files, B owns 2; removing A orphans y and zz (2 of 4, not more than half);
    # removing B orphans x and w as well: truck factor 2.
    assert report.truck_factor == 2
    assert [p["name"] for p in report.key_people] == [A.name, B.name]
    assert report.files == 4
    assert report.commits == 7


# --- an independent, straightforward implementation ------------------------------------


def _naive(repo: Path) -> tuple[dict[str, set[str]], int]:
    """Authors per file at HEAD and the truck factor, from `git log --name-status`."""
    out = subprocess.run(
        ["git", "-C", str(repo), "log", "--reverse", "--topo-order", "-M", "--name-status",
         "--format=@%ae %P"], capture_output=True, text=True, check=True, env=git_env()).stdout
    created: dict[str, str | None] = {}
    changes: dict[str, Counter[str]] = {}
    # A path deleted on one branch may still change on another: its record carries on.
    deleted: dict[str, tuple[str | None, Counter[str]]] = {}
    author = ""
    merge = False
    for line in out.splitlines():
        if line.startswith("@"):
            email, *parents = line[1:].split(" ")
            author, merge = email, len([p for p in parents if p]) > 1
            continue
        if not line or merge:
            continue
        status, *paths = line.split("\t")
        if status[0] in "RM" and paths[0] not in changes and paths[0] in deleted:
            created[paths[0]], changes[paths[0]] = deleted.pop(paths[0])
        if status == "A":
            created[paths[0]], changes[paths[0]] = author, Counter([author])
            deleted.pop(paths[0], None)
        elif status == "D":
            if paths[0] in changes:
                deleted[paths[0]] = (created.pop(paths[0]), changes.pop(paths[0]))
        elif status.startswith("R"):
            old, new = paths
            created[new] = created.pop(old, None)
            changes[new] = changes.pop(old, Counter())
            changes[new][author] += 1
        else:
            changes.setdefault(paths[0], Counter())[author] += 1
            created.setdefault(paths[0], None)
    head = subprocess.run(["git", "-C", str(repo), "ls-files"], capture_output=True,
                          text=True, check=True, env=git_env()).stdout.split("\n")
    authors: dict[str, set[str]] = {}
    for path in filter(None, head):
        count = changes.get(path, Counter())
        total = sum(count.values())
        values = {}
        for who, n in count.items():
            first = 1 if created.get(path) == who else 0
            values[who] = 3.293 + 1.098 * first + 0.164 * n - 0.321 * math.log(1 + total - n)
        best = max(values.values(), default=0.0)
        authors[path] = {w for w, v in values.items() if v >= 3.293 and v / best > 0.75}
    files = dict(authors)
    tf = 0
    while files and sum(1 for a in files.values() if not a) <= len(files) / 2:
        owned = Counter(w for a in files.values() for w in a)
        top = min(owned, key=lambda w: (-owned[w], w))
        files = {p: a - {top} for p, a in files.items()}
        tf += 1
    return authors, tf


@pytest.mark.parametrize("seed", range(1, 9))
def test_matches_a_plain_implementation_on_generated_histories(tmp_path: Path,
                                                               seed: int) -> None:
    repo = init_repo(tmp_path / "r")
    random_history(repo, seed=seed, commits=90, binary=False)
    expected, expected_tf = _naive(repo)
    report, current = _mine(tmp_path, repo)
    assert {p: a for p, a in current.items() if a} == {p: a for p, a in expected.items() if a}
    assert report.truck_factor == expected_tf
