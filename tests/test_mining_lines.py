"""Line counts are read only for the commits mined evidence quotes, and the evidence says what
it said when every commit's lines were read.

The expected cross-team texts below were produced by the miner before it stopped reading every
commit's line counts (commit eb889c8, `git log --numstat` over the whole history), on the same
repositories built here with the real git binary. Glue work is told in commits, days and the
files it touched, without lines (a line count says little about tooling, docs or tests), so
its commits are never diffed.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from mining_helpers import DAY, HistoryBuilder, Person, git, init_repo, lines
from staffpath.mining.service import MineOptions, mine_repository
from staffpath.mining.tables import MinedFact
from staffpath.store.engine import Store
from staffpath.store.tables import Evidence, PersonEmail, Team
from staffpath.store.tables import Person as RosterPerson

ANA = Person("Ana Lima", "ana@corp.example")  # Payments
CY = Person("Cy Park", "cy@corp.example")  # Checkout
ZED = Person("Zed Outside", "zed@elsewhere.example")  # not on the roster
T0 = 1_700_000_000  # 2023-11-14
PNG = b"\x89PNG\r\n\x1a\n\0\0" * 40


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
    # Platform owns all services and comes last: as in CODEOWNERS, the last matching area
    # wins, so a change to Checkout's code counts for Platform.
    platform = Team(name="Platform", owns=["services/**"])
    devex = Team(name="Developer Experience", owns=["tools/**", ".github/**"])
    session.add_all([payments, checkout, platform, devex])
    session.flush()
    for name, handle, team, email in [("Ana Lima", "ana", payments, ANA.email),
                                      ("Cy Park", "cy", checkout, CY.email)]:
        person = RosterPerson(name=name, handle=handle, team_id=team.id)
        person.emails = [PersonEmail(email=email)]
        session.add(person)


def _first_part(b: HistoryBuilder) -> None:
    b.commit(CY, {"services/checkout/cart.py": lines(60, "cart"),
                  "services/payments/gateway.py": lines(30, "gw"),
                  "docs/guide.md": lines(25, "guide"),
                  "docs/logo.png": PNG,
                  "tools/ci/run.sh": lines(5, "run"),
                  ".github/workflows/ci.yml": lines(8, "ci"),
                  "src/core.py": lines(40, "core")}, when=T0)
    for i in range(4):  # Ana in Checkout's (and Platform's) code, and in docs and CI
        b.commit(ANA, {"services/checkout/cart.py": lines(60, "cart").replace(
            f"cart line {i}\n", f"changed {i}\n") + lines(i + 2, "more"),
            "docs/guide.md": lines(25 + i, "guide"),
            ".github/workflows/ci.yml": lines(8 + i, "ci", start=i)},
            when=T0 + (1 + i) * DAY)
    # A rename with an edit into another team's code; a binary change under docs/.
    b.commit(ANA, {"services/checkout/basket.py": lines(59, "cart") + "edited\n",
                   "docs/logo.png": PNG + b"\1"},
             renames={"services/checkout/cart.py": "services/checkout/basket.py"},
             when=T0 + 6 * DAY)
    b.commit(ZED, {"src/core.py": lines(41, "core")}, when=T0 + 7 * DAY)


def _second_part(b: HistoryBuilder) -> None:
    # Moved into docs (glue from a non-glue path), one glue file deleted, tooling edited.
    b.commit(ANA, {"docs/core-notes.md": lines(40, "core") + "notes\n",
                   "tools/ci/run.sh": None},
             renames={"src/core.py": "docs/core-notes.md"}, when=T0 + 8 * DAY)
    for i in range(3):
        b.commit(ANA, {"tools/lint.sh": lines(3 + 2 * i, "lint"),
                       "services/checkout/basket.py": lines(59, "cart") + lines(i + 1, "new"),
                       "docs/guide.md": lines(20, "guide")},
                 when=T0 + (9 + i) * DAY)
    for i in range(3):  # Cy in his own team's code (not cross-team) and in Payments'
        b.commit(CY, {"services/checkout/basket.py": lines(50, "cart"),
                      "services/payments/gateway.py": lines(30 + i, "gw")},
                 when=T0 + (12 + i) * DAY)
    b.commit(ANA, {"Makefile": "all:\n\ttrue\n", "pyproject.toml": "[project]\n"},
             when=T0 + 40 * DAY)


def _mine(store: Store, repo: Path) -> dict[str, object]:
    with store.session() as session:
        return mine_repository(session, repo, MineOptions(jobs=2)).as_dict()


def _texts(store: Store) -> list[tuple[str, str, str]]:
    with store.session() as session:
        rows = session.execute(select(Evidence.kind, Evidence.title, Evidence.body).where(
            Evidence.kind.in_(["cross_team_code", "glue_work"])))
        return sorted((str(k), str(t), str(b)) for k, t, b in rows)


def _facts(store: Store) -> list[tuple[str, str, str, str]]:
    with store.session() as session:
        rows = session.scalars(select(MinedFact))
        return sorted((f.kind, f.author_key, f.period, json.dumps(f.data))
                      for f in rows if f.kind != "knowledge_spread")


# (kind, title, body) of the cross-team and glue entries after the first part of the history.
FIRST = [
    ('cross_team_code',
     'Changed code owned by Platform and Developer Experience in shop (5 commits, 2023-Q4)',
     'Mined from git history on 5 different days:\n- Platform: 5 commit(s), +14/-14 lines; '
     'e.g. services/checkout/cart.py, services/checkout/basket.py\n'
     '- Developer Experience: 3 commit(s), +6/-3 lines; e.g. .github/workflows/ci.yml'),
    ('glue_work',
     'Glue work in shop: documentation and CI (4 commits, 2023-Q4)',
     'Mined from git history:\n- documentation: 4 commit(s) on 4 day(s); e.g. docs/guide.md, '
     'docs/logo.png\n- CI: 3 commit(s) on 3 day(s); e.g. .github/workflows/ci.yml'),
]
# ... and after the second part, mined incrementally (or all at once: the same).
SECOND = [
    ('cross_team_code',
     'Changed code owned by Platform and Developer Experience in shop (4 commits, 2023-Q4)',
     'Mined from git history on 4 different days:\n- Platform: 4 commit(s), +92/-12 lines; '
     'e.g. services/checkout/cart.py, services/payments/gateway.py, services/checkout/basket.py\n'
     '- Developer Experience: 1 commit(s), +13/-0 lines; e.g. .github/workflows/ci.yml, '
     'tools/ci/run.sh'),
    ('cross_team_code',
     'Changed code owned by Platform and Developer Experience in shop (9 commits, 2023-Q4)',
     'Mined from git history on 9 different days:\n- Platform: 8 commit(s), +17/-15 lines; '
     'e.g. services/checkout/cart.py, services/checkout/basket.py\n'
     '- Developer Experience: 7 commit(s), +13/-8 lines; e.g. .github/workflows/ci.yml, '
     'tools/ci/run.sh, tools/lint.sh'),
    ('glue_work',
     'Glue work in shop: documentation, CI, '
     'developer tooling and build and packaging (9 commits, 2023-Q4)',
     'Mined from git history:\n- documentation: 6 commit(s) on 6 day(s); e.g. docs/guide.md, '
     'docs/logo.png, docs/core-notes.md\n- CI: 4 commit(s) on 4 day(s); e.g. '
     '.github/workflows/ci.yml, tools/ci/run.sh\n- developer tooling: 3 commit(s) on 3 day(s); '
     'e.g. tools/lint.sh\n- build and packaging: 1 commit(s) on 1 day(s); e.g. Makefile, '
     'pyproject.toml'),
]
# Stored facts: (kind, author key) -> {team or glue kind: (commits, added, deleted)}.
FACTS = {
    ('cross_team_code', 'p:1'):
        {'Platform': (8, 17, 15),
         '*': (9, 30, 23),
         'Developer Experience': (7, 13, 8)},
    ('cross_team_code', 'p:2'):
        {'Developer Experience': (1, 13, 0),
         'Platform': (4, 92, 12),
         '*': (4, 105, 12)},
    ('glue_work', 'p:1'):
        {'ci': (4, 0, 0),
         'docs': (6, 0, 0),
         '*': (9, 0, 0),
         'tooling': (3, 0, 0),
         'build': (1, 0, 0)},
    ('glue_work', 'p:2'):
        {'ci': (1, 0, 0),
         'docs': (1, 0, 0),
         '*': (1, 0, 0)},
}


def _fact_lines(store: Store) -> dict[tuple[str, str], dict[str, tuple[int, int, int]]]:
    return {(kind, key): {n: (v[0], v[1], v[2]) for n, v in json.loads(data).items()}
            for kind, key, _p, data in _facts(store)}


def test_evidence_lines_are_those_a_full_numstat_gave(store: Store, tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "shop")
    b = HistoryBuilder(repo)
    _first_part(b)
    b.write()
    _mine(store, repo)
    assert _texts(store) == FIRST
    _second_part(b)
    b.write()
    again = _mine(store, repo)
    assert again["incremental"] is True  # the new commits' lines add to the stored facts
    assert _texts(store) == SECOND
    assert _fact_lines(store) == FACTS
    # Read again from the start, into a fresh store: the same text and the same facts.
    fresh = Store(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    try:
        with fresh.session() as session:
            _roster(session)
        assert _mine(fresh, repo)["incremental"] is False
        assert _texts(fresh) == SECOND
        assert _fact_lines(fresh) == FACTS
    finally:
        fresh.close()


def _git_logging_numstat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put a `git` first on PATH that runs the real one, noting the commits every `--numstat`
    call is given (on its standard input); returns the file they are noted in."""
    real = shutil.which("git")
    assert real is not None
    folder = tmp_path / "bin"
    folder.mkdir()
    noted = tmp_path / "numstat-commits.txt"
    noted.touch()
    wrapper = folder / "git"
    wrapper.write_text(f"""#!/bin/sh
case " $* " in
  *" --numstat "*) tee -a '{noted}' | '{real}' "$@" ;;
  *) exec '{real}' "$@" ;;
esac
""", encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return noted


def test_line_counts_are_read_only_for_the_commits_facts_quote(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = init_repo(tmp_path / "shop")
    b = HistoryBuilder(repo)
    b.commit(ZED, {"src/app.py": lines(30), "docs/index.md": lines(5),
                   "services/checkout/cart.py": lines(10)}, when=T0)
    for i in range(3):  # Ana's own code: no team's, no glue: no lines needed
        b.commit(ANA, {"src/app.py": lines(30 + i)}, when=T0 + (1 + i) * DAY)
    # Glue work (told without lines) and, once, Checkout's code (told with them).
    b.commit(ANA, {"docs/index.md": lines(9)}, when=T0 + 4 * DAY)
    b.commit(ANA, {"src/app.py": lines(20), "services/checkout/cart.py": lines(14)},
             when=T0 + 5 * DAY)
    b.commit(ZED, {"docs/index.md": lines(2)}, when=T0 + 6 * DAY)  # not on the roster
    b.write()
    cross_commit = git(repo, "rev-parse", "HEAD~1").strip()
    noted = _git_logging_numstat(tmp_path, monkeypatch)
    report = _mine(store, repo)
    assert report["commits"] == 7
    assert noted.read_text(encoding="ascii").split() == [cross_commit]
    with store.session() as session:
        facts = {f.kind: f.data for f in session.scalars(select(MinedFact))}
    assert facts["cross_team_code"]["*"][:3] == [1, 4, 0]  # cart.py: 10 lines -> 14 lines
    assert facts["glue_work"]["docs"][:3] == [1, 0, 0]


def test_a_history_no_fact_quotes_is_read_without_line_counts(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = init_repo(tmp_path / "elsewhere")
    b = HistoryBuilder(repo)
    for i in range(5):
        b.commit(ZED, {"docs/index.md": lines(5 + i), "ci/run.sh": lines(i + 1)},
                 when=T0 + i * DAY)
    b.write()
    noted = _git_logging_numstat(tmp_path, monkeypatch)
    report = _mine(store, repo)
    assert report["commits"] == 5
    assert noted.read_text(encoding="ascii") == ""
    contributor = report["contributors"][0]  # type: ignore[index]
    assert "added" not in contributor
    assert "deleted" not in contributor


def test_a_state_saved_before_line_counts_left_the_totals_is_read_again(
        store: Store, tmp_path: Path) -> None:
    from staffpath.mining.history import pack_state, unpack_state
    from staffpath.mining.tables import MinedRepo

    repo = init_repo(tmp_path / "shop")
    b = HistoryBuilder(repo)
    _first_part(b)
    b.write()
    _mine(store, repo)
    with store.session() as session:
        record = session.scalars(select(MinedRepo)).one()
        assert record.state is not None
        state = unpack_state(record.state)
        # As version 3 saved it: totals of [commits, merges, added, deleted, first, last].
        history = state["history"]
        history["version"] = 3
        history["totals"] = {k: [v[0], v[1], 7, 7, v[2], v[3]]
                             for k, v in history["totals"].items()}
        record.state = pack_state(state)
    _second_part(b)
    b.write()
    again = _mine(store, repo)
    assert again["incremental"] is False  # read from the start, not misread
    assert again["commits"] == 15
    assert _texts(store) == SECOND
