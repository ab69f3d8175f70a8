"""Key-person risk on the hand-built repository of `org_helpers` (worked out in comments)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from org_helpers import AS_OF, build_org
from staffpath.accounts.principal import Principal
from staffpath.errors import InputError, NotFoundError
from staffpath.mining.codeowners import OwnerDirectory
from staffpath.mining.ownership import Ownership, TeamArea
from staffpath.mining.truck import truck_factor
from staffpath.org import service
from staffpath.org.owners import _folder_owner, folder_areas
from staffpath.org.risk import quarter_ends
from staffpath.org.truck import grouped_truck, truck
from staffpath.store.engine import Store

CLI = Principal.command_line()


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, dict[str, int]]]:
    root = tmp_path_factory.mktemp("risk")
    store = Store(f"sqlite:///{root / 'org.db'}")
    yield store, build_org(store, root)
    store.close()


def test_truck_factor_counts_people_still_here(org: tuple[Store, dict[str, int]]) -> None:
    store, ids = org
    with store.session(read_only=True) as session:
        report = service.risk(session, CLI, as_of=AS_OF)
    (app,) = report.repos
    # Six files have an open span. c/r.py's only author (Dan) has left: 1 orphaned already.
    # Most files first: Ann (x, y, z) = 3, then Bob and Cat with 2 each (Bob's key sorts
    # first). Without Ann, y and z join r: 3 orphaned, not more than half of 6. Without Bob
    # too, x goes: 4 > 3. Truck factor 2: Ann and Bob.
    assert (app.files, app.orphaned) == (6, 1)
    assert app.truck_factor == 2
    assert app.key_people == (f"p:{ids['ann']}", f"p:{ids['bob']}")


def test_team_truck_factor_counts_only_the_team(org: tuple[Store, dict[str, int]]) -> None:
    store, ids = org
    with store.session(read_only=True) as session:
        report = service.risk(session, CLI, as_of=AS_OF)
    teams = {t.team: t for t in report.repos[0].teams}
    # Alpha owns a/x, a/y, a/z, all known to Ann (x also to Bob): without Ann, y and z have
    # no author on the team, 2 of 3 > half: truck factor 1.
    alpha = teams["Alpha"]
    assert (alpha.files, alpha.truck_factor, alpha.orphaned) == (3, 1, 0)
    assert alpha.key_people == (f"p:{ids['ann']}",)
    # Beta owns b/p, b/q, c/r. On the team: Cat knows p and q; nobody on it knows r (Dan
    # left). Without Cat, all three: truck factor 1. c/ is a folder the team does not know.
    beta = teams["Beta"]
    assert (beta.files, beta.truck_factor, beta.orphaned) == (3, 1, 1)
    assert beta.orphaned_areas == ("c",)
    # Counting anyone: p is also Bob's, so without Cat only q joins r: 2 > 1.5, still 1.
    assert beta.org_truck_factor == 1


def test_areas_say_who_alone_knows_them(org: tuple[Store, dict[str, int]]) -> None:
    store, ids = org
    with store.session(read_only=True) as session:
        report = service.risk(session, CLI, as_of=AS_OF)
    areas = {a.area: a for a in report.repos[0].areas}
    ann, cat = f"p:{ids['ann']}", f"p:{ids['cat']}"
    # a/: Ann alone knows y and z; without her 2 of 3 files go: she is the key person.
    assert (areas["a"].truck_factor, areas["a"].key_people, areas["a"].sole) == (1, (ann,),
                                                                                 {ann: 2})
    # b/: p is Bob's and Cat's, q Cat's alone; both must go: truck factor 2.
    assert (areas["b"].truck_factor, areas["b"].sole) == (2, {cat: 1})
    # c/: nobody left who knows it.
    assert (areas["c"].truck_factor, areas["c"].orphaned) == (0, 1)
    rows = report.sole_by_person()
    assert [(r["handle"], r["files"], r["key_areas"]) for r in rows] == [
        ("ann.author", 2, 1), ("cat.coder", 1, 0)]


def test_trend_counts_the_authors_of_each_time(org: tuple[Store, dict[str, int]]) -> None:
    store, _ids = org
    with store.session(read_only=True) as session:
        report = service.risk(session, CLI, as_of=AS_OF)
    trend = [(p.date, p.truck_factor, p.files) for p in report.repos[0].trend]
    # Until mid-2025 Ann wrote everything but Dan's c/r.py: one person. From July, Bob and
    # Cat join (x, p, q): Ann, Bob and Cat must all go (2, then 3, then 5 of 6 files).
    # Today Dan has left, so r is already orphaned and the truck factor is 2 (as above).
    assert trend == [
        (dt.date(2024, 3, 31), 1, 5), (dt.date(2024, 6, 30), 1, 5),
        (dt.date(2024, 9, 30), 1, 5), (dt.date(2024, 12, 31), 1, 5),
        (dt.date(2025, 3, 31), 1, 4), (dt.date(2025, 6, 30), 1, 4),
        (dt.date(2025, 9, 30), 3, 6), (dt.date(2025, 12, 31), 3, 6), (AS_OF, 2, 6)]


def test_what_if_someone_is_away(org: tuple[Store, dict[str, int]]) -> None:
    store, _ids = org
    with store.session(read_only=True) as session:
        result = service.what_if(session, CLI, remove=["ann.author"], as_of=AS_OF)
    changes = {(c.repo, c.team): c for c in result.changes}
    # Without Ann: y, z and r have no author (3); Bob then Cat (2 files each): without Bob,
    # x goes too, 4 > 3. Truck factor 2 → 1, orphaned 1 → 3.
    repo = changes[("app", None)]
    assert (repo.truck_before, repo.truck_after, repo.orphaned_before, repo.orphaned_after) \
        == (2, 1, 1, 3)
    # Alpha keeps only Bob, who knows x: y and z are unknown to the team, already 2 > 1.5.
    alpha = changes[("app", "Alpha")]
    assert (alpha.truck_before, alpha.truck_after, alpha.orphaned_after) == (1, 0, 2)
    assert alpha.newly_orphaned_areas == ("a",)
    assert ("app", "Beta") not in changes  # Ann wrote nothing of Beta's


def test_what_if_someone_moves_team(org: tuple[Store, dict[str, int]]) -> None:
    store, _ids = org
    with store.session(read_only=True) as session:
        result = service.what_if(session, CLI, move=["ann.author:beta"], as_of=AS_OF)
    changes = {(c.repo, c.team): c for c in result.changes}
    # Ann still works here, so the repository's numbers stay; Alpha loses her knowledge of
    # its code (as if she were away, for Alpha) and Beta gains nothing (she wrote none of it).
    assert set(changes) == {("app", "Alpha")}
    alpha = changes[("app", "Alpha")]
    assert (alpha.truck_before, alpha.truck_after, alpha.orphaned_after) == (1, 0, 2)
    assert result.as_dict()["scenario"] == {"removed": [], "moved": {"ann.author": "Beta"}}


def test_what_if_rejects_unknown_people_and_teams(org: tuple[Store, dict[str, int]]) -> None:
    store, _ids = org
    with store.session(read_only=True) as session:
        with pytest.raises(InputError, match="no person 'zed'"):
            service.what_if(session, CLI, remove=["zed"])
        with pytest.raises(InputError, match="no team 'Gamma'"):
            service.what_if(session, CLI, move=["ann.author:Gamma"])
        with pytest.raises(InputError, match="HANDLE:TEAM"):
            service.what_if(session, CLI, move=["ann.author"])
        with pytest.raises(NotFoundError, match="no mined repository 'web'"):
            service.risk(session, CLI, repo="web")


def test_away_view_frames_what_would_stop(org: tuple[Store, dict[str, int]]) -> None:
    store, ids = org
    with store.session(read_only=True) as session:
        view = service.away(session, CLI, ids["ann"], as_of=AS_OF)
    data = view.as_dict()
    assert (data["files_authored"], data["files_only_them"]) == (3, 2)
    assert data["areas"] == [{"repository": "app", "area": "a", "files": 3, "only_them": 2,
                              "key_person": True}]
    assert [(c["team"], c["truck_factor"]) for c in data["if_away"]] == [
        (None, {"before": 2, "after": 1}), ("Alpha", {"before": 1, "after": 0})]


def test_quarter_ends() -> None:
    assert quarter_ends(dt.date(2025, 1, 1), dt.date(2025, 11, 2), points=3) == [
        dt.date(2025, 3, 31), dt.date(2025, 6, 30), dt.date(2025, 9, 30), dt.date(2025, 11, 2)]
    assert quarter_ends(dt.date(2025, 8, 1), dt.date(2026, 1, 1), points=8) == [
        dt.date(2025, 9, 30), dt.date(2025, 12, 31), dt.date(2026, 1, 1)]


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.integers(0, 30), st.sets(st.sampled_from("abcdefg"), max_size=4),
                       max_size=25),
       st.sampled_from([0.3, 0.5, 0.8]))
def test_array_truck_factor_equals_the_miners(authors: dict[int, set[str]],
                                              coverage: float) -> None:
    expected = truck_factor({str(k): v for k, v in authors.items()}, coverage=coverage)
    keys = sorted({a for v in authors.values() for a in v})
    index = {k: n for n, k in enumerate(keys)}
    files = sorted(authors)
    pairs = [(n, index[a]) for n, f in enumerate(files) for a in authors[f]]
    got = truck(np.array([p[0] for p in pairs], dtype=np.int32),
                np.array([p[1] for p in pairs], dtype=np.int32), len(files),
                np.arange(len(keys), dtype=np.int32), coverage=coverage)
    assert (got.value, tuple(keys[k] for k in got.key), got.files, got.orphaned) == (
        expected.value, expected.key_people, expected.files, expected.orphaned)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.sets(st.integers(0, 6), max_size=4)),
                max_size=30),
       st.sampled_from([0.3, 0.5, 0.8]))
def test_grouped_truck_factors_equal_one_at_a_time(members: list[tuple[int, set[int]]],
                                                   coverage: float) -> None:
    groups = 4
    key_rank = np.array([3, 0, 5, 1, 6, 2, 4], dtype=np.int32)  # keys sort in another order
    member_group = np.array([g for g, _ in members], dtype=np.int32)
    pairs = [(m, a) for m, (_g, who) in enumerate(members) for a in who]
    got = grouped_truck(member_group, groups, np.array([p[0] for p in pairs], dtype=np.int32),
                        np.array([p[1] for p in pairs], dtype=np.int32), key_rank,
                        coverage=coverage)
    for g in range(groups):
        mine = [m for m, (group, _w) in enumerate(members) if group == g]
        local = {m: i for i, m in enumerate(mine)}
        sub = [(local[m], a) for m, a in pairs if m in local]
        one = truck(np.array([p[0] for p in sub], dtype=np.int32),
                    np.array([p[1] for p in sub], dtype=np.int32), len(mine), key_rank,
                    coverage=coverage)
        assert (int(got.value[g]), got.key[g], int(got.files[g]), int(got.orphaned[g])) == (
            one.value, one.key, one.files, one.orphaned)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "a/b", "b", "b/c/d", "svc/x-1"]),
                          st.sampled_from(["Alpha", "Beta", "Gamma"])), max_size=6),
       st.lists(st.sampled_from(["a/x.py", "a/b/y.py", "b/c/d/z.ts", "b/q", "svc/x-1/m.py",
                                 "top.md", "a", "c/a/x.py"]), max_size=8))
def test_folder_lookup_equals_the_miners_ownership(areas: list[tuple[str, str]],
                                                   paths: list[str]) -> None:
    team_areas = [TeamArea(team, (f"{folder}/**",)) for folder, team in areas]
    folders = folder_areas(team_areas)
    assert folders is not None
    ownership = Ownership(directory=OwnerDirectory((), {}), areas=team_areas, repo_label="r")
    for path in paths:
        assert _folder_owner(path, folders) == ownership.owners(path)
    assert folder_areas([TeamArea("A", ("*.py",))]) is None
    assert folder_areas([TeamArea("A", ("/lib/**",))]) is None
