"""Level mix and bench, mentorship reach, and the cross-team map on small, hand-checked orgs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from org_helpers import AS_OF, HANDLES, build_org, log
from staffpath.accounts.principal import Principal
from staffpath.framework.loader import default_framework
from staffpath.org import service
from staffpath.org.assessed import Assessed, AssessedOrg
from staffpath.org.levels import level_mix
from staffpath.org.mentorship import Relation, compute_reach, read_mentions
from staffpath.org.roster import load_roster
from staffpath.store.engine import Store
from staffpath.vocab import Scope

CLI = Principal.command_line()


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, dict[str, int]]]:
    root = tmp_path_factory.mktemp("people")
    store = Store(f"sqlite:///{root / 'org.db'}")
    ids = build_org(store, root)
    with store.session() as session:
        # Ann mentors Bob from March 2025; Bob goes on to mentor Mo in June (Mo is a manager,
        # it does not matter here). Cat mentored Bob before, in 2024.
        log(session, "ann", "Started mentoring @bob.builder on the cart domain",
            day=dt.date(2025, 3, 1))
        log(session, "bob", "Mentoring @mo.manager on code review habits", day=dt.date(2025, 6, 1))
        log(session, "cat", "Pairing with @bob.builder", day=dt.date(2024, 5, 1))
        # Said from the mentee's side, and an audience that is not a relation.
        log(session, "dan", "@cat.coder is my mentor", day=dt.date(2025, 2, 1))
        log(session, "ann", "Mentoring notes shared with @dana.director", day=dt.date(2025, 7, 1))
        log(session, "ann", "Sponsored @cat.coder to lead the platform review", kind="sponsorship",
            day=dt.date(2025, 8, 1))
        # Reviews: Cat (staff) reviews Bob (engineer) in two quarters: sustained. Bob reviews
        # Ann (senior, above him) in two quarters: not mentoring.
        for period, day in (("2025-Q3", dt.date(2025, 8, 1)), ("2025-Q4", dt.date(2025, 11, 1))):
            log(session, "cat", f"Reviewed 2 pull requests in corp/app for Alpha ({period})",
                kind="review", people=["bob.builder"], source_type="review", day=day,
                teams=["Alpha"], extra={"period": period},
                body="2 review(s) of 2 pull request(s) by 1 author(s).\n"
                     "By the authors' teams: Alpha 2")
            log(session, "bob", f"Reviewed 1 pull request in corp/app ({period})",
                kind="review", people=["ann.author"], source_type="review", day=day,
                extra={"period": period}, body="By the authors' teams: Alpha 1")
        # Cross-team code: Bob (Alpha) in Beta's code, as the miner writes it, and once with
        # a text someone rewrote (the total is split evenly).
        log(session, "bob", "Changed code owned by Beta in app (5 commits, 2025-Q4)",
            kind="cross_team_code", source_type="git", teams=["Beta"], day=dt.date(2025, 10, 2),
            body="Mined from git history on 4 different days:\n- Beta: 5 commit(s), +40/-2 "
                 "lines; e.g. b/p.py", extra={"commits": 5})
        log(session, "cat", "Helped Alpha and Gamma", kind="cross_team_code",
            source_type="git", teams=["Alpha", "Gamma"], day=dt.date(2025, 11, 2),
            body="rewritten by Cat", extra={"commits": 4})
        log(session, "cat", "Old work for Alpha", kind="cross_team_code", source_type="git",
            teams=["Alpha"], day=dt.date(2023, 1, 2), body="- Alpha: 9 commit(s)")
    yield store, ids
    store.close()


def test_level_mix_per_team_and_ratio(org: tuple[Store, dict[str, int]]) -> None:
    store, _ids = org
    with store.session(read_only=True) as session:
        mix = service.levels(session, CLI, default_framework(), as_of=AS_OF)
    data = mix.as_dict()
    # Engineers are active people whose role is engineer: Ann, Bob and Cat (Dan has left).
    assert data["engineers"] == 3
    assert {lv["id"]: lv["count"] for lv in data["levels"]} == {
        "engineer": 1, "senior": 1, "staff": 1, "senior-staff": 0, "principal": 0}
    assert (data["staff_plus"], data["engineers_per_staff"]) == (1, 3.0)
    assert data["expected_staff_plus"] == 0.4  # 3 / 8
    assert data["verdict"].startswith("heavy")  # 1 > 1.5 × 0.375
    teams = {t["name"]: t for t in data["teams"]}
    assert (teams["Alpha"]["engineers"], teams["Alpha"]["levels"]) == (
        2, {"senior": 1, "engineer": 1})
    assert (teams["Beta"]["staff_plus"], teams["Beta"]["org_unit"]) == (1, "Platform")
    assert [u["name"] for u in data["org_units"]] == ["Platform", "Products"]
    archetypes = {a["id"]: a["supported"] for a in data["archetypes"]}
    assert archetypes == {"tech_lead": False, "architect": False, "solver": False,
                          "right_hand": False}  # 3 engineers: not even one tech lead's eight


def test_bench_is_below_staff_and_assessed_at_or_near_it(org: tuple[Store, dict[str, int]]
                                                         ) -> None:
    store, ids = org
    fw = default_framework()
    with store.session(read_only=True) as session:
        roster = load_roster(session)
    staff = fw.level_ids.index("staff")
    expected = [d for d, dim in enumerate(fw.dimensions) if "staff" in dim.expectations]
    dims = len(fw.dimensions)

    def levels(at_staff: int, overall: int) -> Assessed:
        values = [staff - 1] * dims
        for d in expected[:at_staff]:
            values[d] = staff
        return Assessed(overall, tuple(values))

    half = (len(expected) + 1) // 2
    assessed = AssessedOrg(AS_OF, {
        ids["ann"]: levels(len(expected), staff),  # senior assessed at staff: ready
        ids["bob"]: levels(half, staff - 1),  # half the staff dimensions: close
        ids["cat"]: levels(len(expected), staff),  # already staff: not the bench
    })
    mix = level_mix(roster, fw, assessed)
    assert [(b.handle, b.ready, b.staff_dimensions) for b in mix.bench] == [
        ("ann.author", True, len(expected)), ("bob.builder", False, half)]
    assessed.people[ids["bob"]] = levels(half - 1, staff - 1)
    assert [b.handle for b in level_mix(roster, fw, assessed).bench] == ["ann.author"]
    assert mix.as_dict(anonymous=True)["bench"] == {"ready": 1, "near": 1,
                                                     "by_team": {"Alpha": 2}}


def test_mentorship_reach_counts_mentors_created(org: tuple[Store, dict[str, int]]) -> None:
    store, ids = org
    with store.session(read_only=True) as session:
        graph = service.mentorship(session, CLI, default_framework())
    edges = {(r.mentor, r.mentee): r.kinds for r in graph.relations}
    ann, bob, cat, dan, mo = (ids[h] for h in ("ann", "bob", "cat", "dan", "mo"))
    assert edges == {(ann, bob): ("mentoring",), (bob, mo): ("mentoring",),
                     (cat, bob): ("mentoring", "reviewing"), (cat, dan): ("mentoring",),
                     (ann, cat): ("sponsoring",)}
    # Ann → Bob (March 2025) → Mo (June 2025): Ann reaches Bob, Cat and Mo; Bob is a mentor
    # she created. Cat → Bob began in 2024, before Bob mentored Mo: he counts for Cat too.
    assert (graph.reach[ann].total, graph.reach[ann].created_mentors) == (3, (bob,))
    assert graph.reach[bob].total == 1
    assert (graph.reach[cat].total, graph.reach[cat].created_mentors) == (3, (bob,))


def test_reach_ignores_mentoring_that_came_first() -> None:
    day = dt.date
    # A → B → C: A reaches 2, with one created mentor (B).
    chain = [Relation(1, 2, day(2025, 1, 1), ("mentoring",), ()),
             Relation(2, 3, day(2025, 6, 1), ("mentoring",), ())]
    reach = compute_reach(chain)
    assert (reach[1].total, reach[1].direct, reach[1].indirect, reach[1].created_mentors) == (
        2, (2,), (3,), (2,))
    # B mentored C before A began with B: that is not A's doing.
    early = [Relation(1, 2, day(2025, 6, 1), ("mentoring",), ()),
             Relation(2, 3, day(2025, 1, 1), ("mentoring",), ())]
    assert (compute_reach(early)[1].total, compute_reach(early)[1].created_mentors) == (1, ())


@pytest.mark.parametrize(("title", "people", "expected"), [
    ("Started mentoring @bo.junior", ["bo.junior"], [("bo.junior", "mentee")]),
    ("@kwame.asante is mentoring me", ["kwame.asante"], [("kwame.asante", "mentor")]),
    ("Weekly 1:1s with @grace, my mentor", ["grace"], [("grace", "mentor")]),
    ("First release, with @grace helping", ["grace"], [("grace", "mentor")]),
    ("Joined @priya.nair's circle for seniors", ["priya.nair"], [("priya.nair", "mentor")]),
    ("Notes for my mentees, shared with @julia", ["julia"], [("julia", "none")]),
    ("@ravi now mentors @jonas and teaches", ["ravi", "jonas"],
     [("ravi", "mentee"), ("jonas", "third")]),
    ("Coached @wei into leading the platform, and then into mentoring @noah and @fatima",
     ["wei", "noah", "fatima"], [("wei", "mentee"), ("noah", "third"), ("fatima", "third")]),
    ("Started mentoring @lena\n2026-04-09 Lena now mentors @sam", ["lena", "sam"],
     [("lena", "mentee"), ("sam", "third")]),
    ("Reviewed designs", ["zed"], [("zed", "mentee")]),
])
def test_mentions_read_the_direction(title: str, people: list[str],
                                     expected: list[tuple[str, str]]) -> None:
    assert [(m.handle, m.direction) for m in read_mentions(title, "", people)] == expected


def test_crossteam_matrix(org: tuple[Store, dict[str, int]]) -> None:
    store, _ids = org
    with store.session(read_only=True) as session:
        ct = service.crossteam(session, CLI, since=dt.date(2025, 1, 1),
                               until=dt.date(2025, 12, 31))
    data = ct.as_dict()
    links = {(x["from"], x["to"]): (x["commits"], x["reviews"], x["names"])
             for x in data["links"]}
    # Bob (Alpha) → Beta: 5 commits from the miner's line. Cat (Beta) → Alpha: 4 commits
    # split over Alpha and Gamma (Gamma is not a team: left out) = 2, plus her reviews of
    # Bob's pull requests, 2 a quarter. Bob's reviews of Ann stay inside Alpha. Cat's 2023
    # work is outside the window.
    assert links == {("Alpha", "Beta"): (5, 0, ["Bob Builder"]),
                     ("Beta", "Alpha"): (2, 4, ["Cat Coder"])}
    assert data["teams"] == ["Beta", "Alpha"]  # by org unit: Platform, then Products
    assert data["matrix"]["rows_do_work_for_columns"] == [[0, 6], [5, 0]]


def test_bench_levels_equal_each_persons_assessment_and_follow_edits(
        org: tuple[Store, dict[str, int]]) -> None:
    from staffpath.assess.service import assess_person
    from staffpath.org.assessed import assess_everyone
    from staffpath.people.service import find_person

    store, ids = org
    fw = default_framework()
    with store.session(read_only=True) as session:
        together = assess_everyone(session, fw, AS_OF)
        for short in ("ann", "bob", "cat"):
            alone = assess_person(session, find_person(session, HANDLES[short]), fw, as_of=AS_OF)
            got = together.people[ids[short]].overall
            assert (fw.level_ids[got] if got >= 0 else None) == alone.overall_level
    with store.session() as session:
        for n in range(6):
            log(session, "bob", f"Led the migration of service {n} across 3 teams",
                kind="migration", day=dt.date(2025, 1 + n, 3))
    with store.session(read_only=True) as session:
        again = assess_everyone(session, fw, AS_OF)
        alone = assess_person(session, find_person(session, HANDLES["bob"]), fw, as_of=AS_OF)
    bob = again.people[ids["bob"]]
    assert (fw.level_ids[bob.overall] if bob.overall >= 0 else None) == alone.overall_level
    assert again.people[ids["ann"]] == together.people[ids["ann"]]
    assert again.people[ids["bob"]].dimensions != together.people[ids["bob"]].dimensions


def test_the_bench_reads_reach_at_the_organisations_size_as_each_person_is(
        org: tuple[Store, dict[str, int]]) -> None:
    """With `assessment.org_min_teams` set (the default framework's ten), the org views read
    company-wide work as several teams' work when the person's record puts their organisation
    at five teams, exactly as each person's own assessment does; this two-team roster alone
    says nothing of the organisation's size."""
    from staffpath.assess.service import assess_person
    from staffpath.ledger.service import import_brag_text
    from staffpath.org.assessed import assess_everyone
    from staffpath.people.service import find_person

    store, ids = org
    small = default_framework()
    as_stated = small.model_copy(update={"assessment": small.assessment.model_copy(
        update={"org_min_teams": 0, "org_several_teams": 0})})
    with store.session() as session:
        for n in range(13):  # monthly, December 2024 to December 2025
            month = n + 11
            log(session, "bob", f"Led the company-wide migration of service {n} for the whole "
                "company", kind="migration", day=dt.date(2024 + month // 12, month % 12 + 1, 3))
    with store.session(read_only=True) as session:
        bob = find_person(session, HANDLES["bob"])
        unstated = assess_person(session, bob, small, as_of=AS_OF)
    assert unstated.reach_read_as is None
    assert unstated.org_teams == 0
    with store.session() as session:
        import_brag_text(session, find_person(session, HANDLES["bob"]),
                         "# 2025\n\nAcme is 40 engineers in five teams.\n\n"
                         "- 2025-12-01 Wrote the on-call guide for my team\n",
                         document="bob.md", framework=small, today=AS_OF)
    with store.session(read_only=True) as session:
        bob = find_person(session, HANDLES["bob"])
        for fw in (as_stated, small):
            together = assess_everyone(session, fw, AS_OF).people[ids["bob"]]
            alone = assess_person(session, bob, fw, as_of=AS_OF)
            assert [fw.level_ids[v] if v >= 0 else None for v in together.dimensions] == [
                d.level for d in alone.dimensions]
            assert (fw.level_ids[together.overall] if together.overall >= 0 else None) == (
                alone.overall_level)
        read_small = assess_person(session, bob, small, as_of=AS_OF)
        read_stated = assess_person(session, bob, as_stated, as_of=AS_OF)
    assert read_small.reach_read_as is Scope.TEAMS
    assert read_small.org_teams == 5
    assert read_stated.reach_read_as is None
    assert [d.level for d in read_small.dimensions] != [d.level for d in read_stated.dimensions]
