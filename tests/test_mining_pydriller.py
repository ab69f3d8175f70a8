"""The line counts mined evidence quotes agree with PyDriller on generated histories: summed
per author over every commit, read the way `line_counts` reads them (`--numstat`)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from mining_helpers import HistoryBuilder, Person, init_repo, random_history
from staffpath.mining import change_stream
from staffpath.mining import git as plumbing

pydriller = pytest.importorskip("pydriller")


def _ours(repo: Path) -> tuple[Counter[str], Counter[str]]:
    added: Counter[str] = Counter()
    deleted: Counter[str] = Counter()
    tip = plumbing.resolve_tip(repo, None)
    assert tip is not None
    commits = {c.sha: c for c in plumbing.list_commits(repo, tip)}
    for sha, _changes, lines in change_stream.ChangeStream(repo, list(commits), jobs=2,
                                                            numstat=True):
        email = commits[sha].raw_email
        added[email] += sum(c.added for c in lines)
        deleted[email] += sum(c.deleted for c in lines)
    return added, deleted


def _theirs(repo: Path) -> tuple[Counter[str], Counter[str]]:
    added: Counter[str] = Counter()
    deleted: Counter[str] = Counter()
    for commit in pydriller.Repository(str(repo)).traverse_commits():
        for mod in commit.modified_files:
            added[commit.author.email] += mod.added_lines
            deleted[commit.author.email] += mod.deleted_lines
    return added, deleted


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_line_totals_equal_pydriller(tmp_path: Path, seed: int) -> None:
    repo = init_repo(tmp_path / "r")
    random_history(repo, seed=seed, commits=70)
    ours, theirs = _ours(repo), _theirs(repo)
    assert +ours[0] == +theirs[0]
    assert +ours[1] == +theirs[1]
    assert sum(ours[0].values()) > 0


def test_line_totals_equal_pydriller_with_renames_and_edits(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "r")
    b = HistoryBuilder(repo)
    a, c = Person("A", "a@example.com"), Person("C", "c@example.com")
    text = "".join(f"line {i}\n" for i in range(40))
    b.commit(a, {"src/m.py": text, "logo.png": b"\x89PNG\0\0" * 30})
    b.commit(c, {"lib/m.py": text.replace("line 3\n", "changed\n")},
             renames={"src/m.py": "lib/m.py"})
    b.commit(a, {"lib/m.py": None, "logo.png": b"\x89PNG\0\1" * 30})
    b.write()
    ours, theirs = _ours(repo), _theirs(repo)
    assert ours == theirs
    assert ours[0]["c@example.com"] == 1  # a rename with one line changed, not a re-add
