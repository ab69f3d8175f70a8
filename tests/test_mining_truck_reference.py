"""Where staffpath's truck factor differs from the reference tool's (Avelino et al.; a
re-implementation in benchmarks/truck_reference.py), on built repositories, each by a rule:

1. A merge's diff is not authorship. Walking the first-parent line, the reference credits the
   maintainer who merged a branch with every file the branch changed; staffpath credits the
   authors of the branch's commits and skips merge diffs.
2. Excluded files (`truck_factor_exclude` in mining.toml: images, lock files, vendored and
   minified code) count neither as files nor as anyone's authorship; the reference counts
   every file at the tip.
With merges left out of the reference's walk and no excluded files, the two agree.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from mining_helpers import BASE_TIME, DAY, HistoryBuilder, Person, init_repo, lines
from staffpath.mining.service import MineOptions, mine_repository
from staffpath.store.engine import Store

REFERENCE = Path(__file__).parent.parent / "benchmarks" / "truck_reference.py"
MAINTAINER = Person("Maya Maintainer", "maya@example.com")
CONTRIBUTORS = [Person(f"Contributor {c}", f"c{c}@example.com") for c in "ABC"]


def _reference(repo: Path, *flags: str) -> dict[str, object]:
    out = subprocess.run([sys.executable, str(REFERENCE), str(repo), "--tip", "main", "--json",
                          *flags], capture_output=True, text=True, check=True).stdout
    result = json.loads(out)[0]
    assert isinstance(result, dict)
    return result


def _staffpath(tmp_path: Path, repo: Path) -> dict[str, object]:
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    try:
        with store.session() as session:
            return mine_repository(session, repo, MineOptions(jobs=1)).as_dict()
    finally:
        store.close()


def _merged_branches(repo: Path, *, images: int = 0) -> None:
    """Three contributors each write two files on a branch; the maintainer merges them."""
    b = HistoryBuilder(repo)
    b.commit(MAINTAINER, {"README": "project\n"}, when=BASE_TIME)
    clock = BASE_TIME
    for n, who in enumerate(CONTRIBUTORS):
        branch = f"topic{n}"
        b.branch(branch)
        for f in range(2):
            clock += DAY
            b.commit(who, {f"src/{who.email[:2]}_{f}.py": lines(30, who.email)},
                     branch=branch, when=clock)
        clock += DAY
        b.commit(MAINTAINER, {}, merge_from=branch, message=f"merge {branch}", when=clock)
    for i in range(images):
        clock += DAY
        b.commit(MAINTAINER, {f"docs/images/shot{i}.png": f"png {i}\0"}, when=clock)
    b.write()


def test_a_merge_diff_is_not_the_mergers_authorship(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "merged")
    _merged_branches(repo)
    ours = _staffpath(tmp_path, repo)
    # Each contributor authors two of the seven files (README is the maintainer's): removing
    # two contributors leaves three of seven files covered.
    assert ours["truck_factor"] == 2
    assert [p["files"] for p in ours["key_people"]] == [2, 2]  # type: ignore[index]
    reference = _reference(repo)
    assert reference["truck_factor"] == 1  # the maintainer "wrote" every merged file
    assert reference["key_people"] == [{"email": MAINTAINER.email, "files": 7}]
    # Read as staffpath reads history (merge diffs left out), the reference agrees.
    same = _reference(repo, "--no-merges", "--all-commits")
    assert same["truck_factor"] == ours["truck_factor"]
    assert sorted(p["files"] for p in same["key_people"]) == [2, 2]  # type: ignore[union-attr]


def test_excluded_files_count_for_nobody(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "images")
    _merged_branches(repo, images=8)
    ours = _staffpath(tmp_path, repo)
    assert ours["files"] == 15  # every file at the tip is listed
    assert ours["truck_factor"] == 2  # but the eight images are neither files nor authorship
    reference = _reference(repo, "--no-merges", "--all-commits")
    # The reference counts the images: the maintainer authors 9 of 15 files.
    assert reference["truck_factor"] == 1
    assert reference["key_people"][0] == {"email": MAINTAINER.email, "files": 9}  # type: ignore[index]
