"""Mining a repository into evidence: grouping, provenance, re-mining, incremental runs."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mining_helpers import DAY, HistoryBuilder, Person, git, init_repo, lines, random_history
from staffpath.errors import InputError
from staffpath.ledger.service import delete_evidence, edit_evidence, list_evidence
from staffpath.mining.authorship_spans import authored_at, spread_from
from staffpath.mining.evidence import document_title
from staffpath.mining.rules import MiningRules
from staffpath.mining.service import MineOptions, mine_repository
from staffpath.mining.tables import AuthorshipSpan, MinedRepo
from staffpath.store.engine import Store
from staffpath.store.tables import Evidence, PersonEmail, Team
from staffpath.store.tables import Person as RosterPerson

ANA = Person("Ana Lima", "ana@corp.example")
BO_HOME = Person("Bo Chen", "bo@home.example")
CY = Person("Cy Park", "cy@corp.example")
T0 = 1_700_000_000  # 2023-11-14


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with s.session() as session:
        _roster(session)
    yield s
    s.close()


def _roster(session: Session) -> None:
    payments = Team(name="Payments", owns=["services/payments/**"])
    checkout = Team(name="Checkout", owns=["services/checkout/**"])
    devex = Team(name="Developer Experience", owns=["tools/**", ".github/**"])
    session.add_all([payments, checkout, devex])
    session.flush()
    for name, handle, team, emails in [
        ("Ana Lima", "ana", payments, ["ana@corp.example"]),
        ("Bo Chen", "bo", checkout, ["bo@corp.example", "bo@home.example"]),
        ("Cy Park", "cy", checkout, ["cy@corp.example"]),
    ]:
        person = RosterPerson(name=name, handle=handle, team_id=team.id)
        person.emails = [PersonEmail(email=e) for e in emails]
        session.add(person)


CODEOWNERS = """\
# Teams own their services
/services/payments/ @corp/payments
/services/checkout/ @corp/checkout
*.md
"""


def _story(repo: Path) -> HistoryBuilder:
    b = HistoryBuilder(repo)
    day = T0
    b.commit(ANA, {".github/CODEOWNERS": CODEOWNERS,
                   "services/payments/gateway.py": lines(40, "gw"),
                   "services/payments/refunds.py": lines(30, "rf"),
                   "services/checkout/cart.py": lines(20, "cart")}, when=day)
    b.commit(ANA, {"docs/rfcs/0001-gateway.md": "# RFC 1: Multi-processor gateway\n\nWhy.\n"},
             when=day + DAY)
    b.commit(ANA, {"docs/adr/0002-queues.md":
                   "---\ntitle: Use one queue per processor\n---\nBody\n"}, when=day + DAY)
    for i in range(4):  # sustained work in Checkout's code, on four different days
        b.commit(ANA, {"services/checkout/cart.py": lines(20 + i + 1, "cart")},
                 when=day + (2 + i) * DAY)
    for i in range(3):  # glue: CI and tooling
        b.commit(ANA, {".github/workflows/ci.yml": lines(3 + i, "ci"),
                       "tools/ci/run.sh": lines(2 + i, "sh")}, when=day + (3 + i) * DAY)
    for i in range(12):  # Bo (under his home e-mail) learns the payments code
        b.commit(BO_HOME, {"services/payments/gateway.py": lines(40 + i + 1, "gw"),
                           "services/payments/refunds.py": lines(30 + i + 1, "rf")},
                 when=day + (10 + i) * DAY)
    return b


def _mine(store: Store, repo: Path, **options: object) -> dict[str, object]:
    with store.session() as session:
        return mine_repository(session, repo, MineOptions(**options)).as_dict()  # type: ignore[arg-type]


def _evidence(store: Store, handle: str) -> list[Evidence]:
    with store.session() as session:
        person = session.scalar(select(RosterPerson).where(RosterPerson.handle == handle))
        assert person is not None
        return list_evidence(session, person=person)


def test_mined_evidence_is_grouped_and_has_provenance(store: Store, tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "shop")
    _story(repo).write()
    report = _mine(store, repo)
    assert report["commits"] == 22
    assert report["authors"] == 2  # Bo's home e-mail is on the roster: one person
    items = {e.kind: e for e in _evidence(store, "ana")}
    assert set(items) == {"cross_team_code", "design_doc", "decision_record", "glue_work",
                          "knowledge_spread"}
    cross = items["cross_team_code"]
    # Checkout's cart, plus CODEOWNERS and CI files that Developer Experience owns.
    assert cross.teams == ["Checkout", "Developer Experience"]
    assert "(8 commits, 2023-Q4)" in cross.title
    assert cross.source_type == "git"
    assert cross.source_ref is not None
    assert cross.source_ref.startswith(str(repo.resolve()))
    assert ".." in cross.source_ref
    assert cross.date_start == dt.date(2023, 11, 14)
    assert items["design_doc"].title == "Wrote design document: RFC 1: Multi-processor gateway"
    assert items["decision_record"].title == "Wrote decision record: Use one queue per processor"
    glue = items["glue_work"]
    assert "CI" in glue.title
    assert "(3 commits" in glue.title
    spread = items["knowledge_spread"]
    assert spread.people == ["bo"]
    assert "2 files Ana Lima had written" in spread.title
    # Bo's changes were in Payments' code, not his own team's: cross-team work for him too.
    bo = {e.kind: e for e in _evidence(store, "bo")}
    assert bo["cross_team_code"].teams == ["Payments"]


def test_mining_again_updates_instead_of_duplicating(store: Store, tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "shop")
    b = _story(repo)
    b.write()
    _mine(store, repo)
    before = len(_evidence(store, "ana"))
    again = _mine(store, repo)
    assert again["new_commits"] == 0
    assert again["evidence"] == {"added": 0, "updated": 0, "unchanged": 0, "kept": 0}
    full = _mine(store, repo, full=True)
    assert full["evidence"]["added"] == 0
    assert full["evidence"]["updated"] == 0
    assert len(_evidence(store, "ana")) == before
    # Two more commits in Checkout's code in the same quarter: the entry is updated.
    b.commit(ANA, {"services/checkout/cart.py": lines(30, "cart")}, when=T0 + 30 * DAY)
    b.commit(ANA, {"services/checkout/cart.py": lines(31, "cart")}, when=T0 + 31 * DAY)
    b.write()
    report = _mine(store, repo)
    assert report["incremental"] is True
    assert report["new_commits"] == 2
    assert report["commits"] == 24
    assert report["evidence"]["added"] == 0
    assert report["evidence"]["updated"] == 1
    items = _evidence(store, "ana")
    assert len(items) == before
    cross = next(e for e in items if e.kind == "cross_team_code")
    assert "(10 commits, 2023-Q4)" in cross.title


def test_user_edits_and_deletions_survive_re_mining(store: Store, tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "shop")
    _story(repo).write()
    _mine(store, repo)
    items = {e.kind: e for e in _evidence(store, "ana")}
    with store.session() as session:
        edit_evidence(session, items["glue_work"].id, {"title": "Made CI twice as fast"})
        delete_evidence(session, items["knowledge_spread"].id)
    report = _mine(store, repo, full=True)
    assert report["evidence"]["kept"] == 2
    after = {e.kind: e for e in _evidence(store, "ana")}
    assert after["glue_work"].title == "Made CI twice as fast"
    assert "knowledge_spread" not in after


def test_incremental_mining_equals_mining_at_once(store: Store, tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "r")
    random_history(repo, seed=21, commits=80)
    middle = git(repo, "rev-list", "--first-parent", "--skip=25", "-1", "main").strip()
    git(repo, "branch", "work", middle)
    first = _mine(store, repo, branch="work")
    git(repo, "branch", "-f", "work", "main")
    second = _mine(store, repo, branch="work")
    assert second["incremental"] is True
    assert 0 < second["new_commits"] < second["commits"]
    assert first["commits"] + second["new_commits"] == second["commits"]
    other = Store(f"sqlite:///{tmp_path / 'other.sqlite'}")
    try:
        with other.session() as session:
            at_once = mine_repository(session, repo, MineOptions(branch="work")).as_dict()
        for key in ("commits", "authors", "files", "truck_factor", "key_people",
                    "contributors"):
            assert second[key] == at_once[key], key
        with store.session() as s1, other.session() as s2:
            assert _current_spans(s1) == _current_spans(s2)
    finally:
        other.close()


def _current_spans(session: Session) -> set[tuple[str, str]]:
    return {(s.path, s.author_key) for s in session.scalars(
        select(AuthorshipSpan).where(AuthorshipSpan.until.is_(None)))}


def test_authorship_over_time_answers_past_dates(store: Store, tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "shop")
    _story(repo).write()
    _mine(store, repo)
    with store.session() as session:
        ana = session.scalar(select(RosterPerson).where(RosterPerson.handle == "ana"))
        bo = session.scalar(select(RosterPerson).where(RosterPerson.handle == "bo"))
        assert ana is not None
        assert bo is not None
        early = {f.path for f in authored_at(session, f"p:{ana.id}", dt.date(2023, 11, 20))}
        assert "services/payments/gateway.py" in early
        spread = spread_from(session, f"p:{ana.id}", dt.date(2023, 11, 1), dt.date(2024, 1, 31))
        assert {e.path for e in spread if e.person_id == bo.id} == {
            "services/payments/gateway.py", "services/payments/refunds.py"}
        assert not spread_from(session, f"p:{ana.id}", dt.date(2022, 1, 1),
                               dt.date(2022, 12, 31))


def test_bad_codeowners_line_fails_the_repository_and_writes_nothing(
        store: Store, tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "r")
    b = HistoryBuilder(repo)
    b.commit(ANA, {"CODEOWNERS": "# owners\n/docs/ @docs-team\n/src/ not-an-owner\n",
                   "src/a.py": lines(3)})
    b.write()
    with pytest.raises(InputError, match=r"r:CODEOWNERS:3: owner 'not-an-owner'"):
        _mine(store, repo)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(MinedRepo)) == 0
        assert session.scalar(select(func.count()).select_from(Evidence)) == 0


def test_empty_repository_mines_to_zero(store: Store, tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "empty")
    report = _mine(store, repo)
    assert (report["commits"], report["files"], report["truck_factor"]) == (0, 0, 0)
    assert report["tip"] is None


def test_team_areas_get_their_own_truck_factor(store: Store, tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "shop")
    _story(repo).write()
    report = _mine(store, repo)
    teams = {t["team"]: t for t in report["teams"]}  # type: ignore[union-attr]
    assert teams["Payments"]["files"] == 2
    assert teams["Payments"]["truck_factor"] == 1
    assert teams["Checkout"]["commits_by_other_teams"] == 5  # the first commit and four more


@pytest.mark.parametrize(("text", "title"), [
    ("# Title here\n\nbody", "Title here"),
    ("---\ntitle: 'From front matter'\n---\n# Heading", "From front matter"),
    ("Design of X\n===========\n\ntext", "Design of X"),
    ("= AsciiDoc title\n", "AsciiDoc title"),
    ("no heading at all", "0003 use kafka"),
])
def test_document_titles(text: str, title: str) -> None:
    assert document_title(text, "docs/adr/0003-use-kafka.md") == title


def test_awkward_repository_mines_end_to_end(store: Store, tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "odd")
    b = HistoryBuilder(repo)
    b.commit(Person("Nobody", ""), {b"docs/rfcs/caf\xe9.md": "# Caf\xc3\xa9 plans\n",
                                    "img.bin": b"\0\1\2" * 20, "a b.txt": "x\n"},
             gitlinks={"vendor/lib": "3" * 40})
    b.commit(ANA, {b"docs/rfcs/caf\xe9.md": "# Cafe plans\nmore\n", "a b.txt": "x\ny\n"})
    b.write()
    report = _mine(store, repo)
    assert report["commits"] == 2
    assert report["files"] == 4
    with store.session() as session:
        paths = {s.path for s in session.scalars(select(AuthorshipSpan))}
    assert "docs/rfcs/caf\\xe9.md" in paths
    assert "vendor/lib" not in paths  # a submodule pointer is nobody's file
    names = {c["name"] for c in report["contributors"]}  # type: ignore[union-attr]
    assert names == {"Nobody", "Ana Lima"}


def test_shallow_clone_does_not_credit_its_boundary(store: Store, tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "full")
    b = HistoryBuilder(repo)
    b.commit(CY, {"services/checkout/a.py": lines(10)}, when=T0)
    for i in range(4):
        b.commit(CY, {"services/checkout/a.py": lines(11 + i)}, when=T0 + (i + 1) * DAY)
    b.commit(ANA, {"services/checkout/a.py": lines(20)}, when=T0 + 9 * DAY)
    b.write()
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo}", str(clone))
    report = _mine(store, clone)
    assert report["shallow"] is True
    assert any("shallow clone" in w for w in report["warnings"])  # type: ignore[union-attr]
    assert report["commits"] == 2
    # The boundary commit's "additions" are the whole tree: not Cy's files.
    files_by = {c["name"]: c["files_authored"]
                for c in report["contributors"]}  # type: ignore[union-attr]
    assert files_by["Cy Park"] == 0
    assert files_by["Ana Lima"] == 1


def test_since_limits_history_and_a_changed_since_reads_again(store: Store,
                                                               tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "shop")
    _story(repo).write()
    recent = _mine(store, repo, since=dt.date(2023, 11, 24))
    assert recent["commits"] == 12  # Bo's learning only
    everything = _mine(store, repo)
    assert everything["incremental"] is False
    assert everything["commits"] == 22


def test_authorship_command_answers_for_a_past_date(tmp_path: Path) -> None:
    from mining_helpers import invoke, workspace_with_roster

    ws = workspace_with_roster(tmp_path / "ws")
    repo = init_repo(tmp_path / "shop")
    _story(repo).write()
    assert invoke(ws, "mine", str(repo)).code == 0
    result = invoke(ws, "authorship", "ana", "--at", "2023-11-20", "--since", "2023-11-01",
                    "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert {"services/payments/gateway.py", "docs/rfcs/0001-gateway.md"} <= {
        f["path"] for f in data["files"]}
    assert data["spread"] == []  # Bo had not learned the payments code yet
    later = json.loads(invoke(ws, "authorship", "ana", "--at", "2023-12-31", "--since",
                              "2023-11-01", "--json").out)
    assert {(e["to"], e["path"]) for e in later["spread"]} == {
        ("bo", "services/payments/gateway.py"), ("bo", "services/payments/refunds.py")}
    assert "services/payments/gateway.py" not in {f["path"] for f in later["files"]}


def test_without_evidence_the_next_run_with_it_reads_everything(store: Store,
                                                                 tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "shop")
    _story(repo).write()
    quiet = _mine(store, repo, evidence=False)
    assert quiet["evidence"] == {}
    assert quiet["truck_factor"] >= 1
    assert _evidence(store, "ana") == []
    again = _mine(store, repo)
    assert again["incremental"] is False
    assert {e.kind for e in _evidence(store, "ana")} >= {"cross_team_code", "design_doc"}


def test_mining_and_re_mining_on_each_database(db_url: str, tmp_path: Path) -> None:
    s = Store(db_url)
    try:
        with s.session() as session:
            _roster(session)
        repo = init_repo(tmp_path / "shop")
        b = _story(repo)
        b.write()
        first = _mine(s, repo)
        assert first["commits"] == 22
        count = len(_evidence(s, "ana"))
        b.commit(ANA, {"services/checkout/cart.py": lines(30, "cart")}, when=T0 + 30 * DAY)
        b.write()
        second = _mine(s, repo)
        assert (second["incremental"], second["new_commits"]) == (True, 1)
        assert len(_evidence(s, "ana")) == count
        with s.session() as session:
            assert session.scalar(select(func.count()).select_from(AuthorshipSpan)) > 0
    finally:
        s.close()


def test_since_mines_incrementally_too(store: Store, tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "shop")
    b = _story(repo)
    b.write()
    _mine(store, repo, since=dt.date(2023, 11, 24))
    b.commit(ANA, {"services/checkout/cart.py": lines(30, "cart")}, when=T0 + 30 * DAY)
    b.write()
    again = _mine(store, repo, since=dt.date(2023, 11, 24))
    assert (again["incremental"], again["new_commits"], again["commits"]) == (True, 1, 13)


@pytest.mark.parametrize("path", ["adr-001-use-adrs.md", "services/orders/docs/adrs/0003-x.md",
                                  "docs/architecture-decisions/adr007-y.md", "ADR0012.md"])
def test_decision_records_are_found_wherever_a_repository_keeps_them(path: str) -> None:
    rules = MiningRules()
    assert rules.decision_matcher.matches(path)
    for other in ("adrenaline.md", "src/adr-ish.md", "docs/adrs.md"):
        assert not rules.decision_matcher.matches(other)
