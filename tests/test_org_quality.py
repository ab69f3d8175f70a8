"""The quality scorecard on a small real repository made with the git program."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from staffpath.accounts.principal import Principal
from staffpath.errors import NotFoundError
from staffpath.org import quality as q
from staffpath.org import service
from staffpath.workspace import LibraryChoice, QualityConfig

CONFIG = QualityConfig(preferred={"http": LibraryChoice(use="httpx", avoid=("requests",))})

API = textwrap.dedent('''\
    import httpx

    __all__ = ["get", "post"]


    def get(url: str) -> str:
        return httpx.get(url).text


    def post(url, data):
        return None


    def _helper(x):
        return x
    ''')
LEGACY = textwrap.dedent('''\
    import requests
    from requests.adapters import HTTPAdapter


    def fetch(url):
        def inner() -> int:
            return 1
        return requests.get(url)


    VALUE = 3
    _PRIVATE = 4


    class Client:
        pass
    ''')
TOOL = "async def run(*args: int):\n    pass\n"
TEST_API = "from pkg.api import get\n\n\ndef test_get():\n    assert get\n"
APP_TS = 'import axios from "axios";\nexport function main(): void {}\nexport const x = 1;\n'
APP_TEST = 'import { main } from "./app";\ntest("main", () => main());\n'
OLD_JS = 'const y = require("lodash");\nmodule.exports = y;\n'


def _git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_AUTHOR_NAME": "Ann", "GIT_AUTHOR_EMAIL": "ann@corp.example",
                "GIT_COMMITTER_NAME": "Ann", "GIT_COMMITTER_EMAIL": "ann@corp.example"})
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{when}T10:00:00+00:00"
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env=env).stdout


def _commit(repo: Path, when: str, files: dict[str, str]) -> None:
    for path, text in files.items():
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", f"change on {when}", when=when)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four commits: everything, then pkg/api.py three times in all, pkg/legacy.py twice."""
    path = tmp_path_factory.mktemp("quality") / "app"
    path.mkdir()
    _git(path, "init", "-q", "-b", "main")
    _commit(path, "2025-01-10", {
        "pkg/__init__.py": "", "pkg/api.py": API, "pkg/legacy.py": LEGACY, "pkg/tool.py": TOOL,
        "tests/test_api.py": TEST_API, "web/app.ts": APP_TS, "web/app.test.ts": APP_TEST,
        "web/old.js": OLD_JS, "README.md": "# app\n"})
    _commit(path, "2025-02-10", {"pkg/api.py": API + "# two\n", "README.md": "# app\n\nTwo.\n"})
    _commit(path, "2025-05-10", {"pkg/api.py": API + "# three\n"})
    _commit(path, "2025-08-10", {"pkg/legacy.py": LEGACY + "# four\n"})
    return path


def test_measures_at_the_tip(repo: Path) -> None:
    m = q.measure(repo, "HEAD", CONFIG)
    assert m.date == dt.date(2025, 8, 10)
    assert m.files == 9
    # Functions outside tests: get (annotated), post, _helper; fetch, inner (annotated);
    # run (annotated *args). 3 of 6, by mypy's rule: any annotation makes a function typed.
    assert (m.python_functions, m.python_annotated, m.annotated_share) == (6, 3, 0.5)
    # app.ts against old.js; app.test.ts is a test.
    assert (m.ts_files, m.js_files, m.ts_share) == (1, 1, 0.5)
    # Source files: api.py, legacy.py, tool.py, app.ts, old.js (not __init__, not tests).
    # test_api.py names api.py, app.test.ts names app.ts: 2 of 5.
    assert (m.source_files, m.tested_files, m.tested_share) == (5, 2, 0.4)
    assert set(m.untested_examples) == {"pkg/legacy.py", "pkg/tool.py", "web/old.js"}
    # Four changes: api.py in three of them (more than half), legacy.py and README in two.
    assert (m.recent_changes, m.hot_files) == (4, (("pkg/api.py", 3),))
    # Public names: api 2 (its __all__), legacy 3 (fetch, VALUE, Client), tool 1, app.ts 2
    # (main, x), old.js 0; the empty pkg/__init__.py is not an interface.
    assert m.modules == 5
    assert m.interface_sizes == (0, 1, 2, 2, 3)
    assert m.interface_median == 2.0
    assert m.largest_interfaces[0] == ("pkg/legacy.py", 3)
    # httpx in api.py, requests in legacy.py: half the files doing HTTP use the preferred one.
    (http,) = m.libraries
    assert (http.preferred_files, http.avoided_files, http.share) == (1, 1, 0.5)
    assert http.avoided_examples == ("pkg/legacy.py",)


def test_trend_reads_past_quarter_ends(repo: Path, tmp_path: Path) -> None:
    card = q.scorecard("app", repo, None, CONFIG, cache=tmp_path / "cache")
    # Quarter ends before 10 Aug 2025: Sep and Dec 2024 have no commit yet; 31 Mar 2025 is
    # the second commit, 30 Jun the third; then the tip.
    assert [m.date for m in card.trend] == [dt.date(2025, 2, 10), dt.date(2025, 5, 10),
                                            dt.date(2025, 8, 10)]
    # After two changes api.py and README.md were in both, after three in three and two of
    # them (still more than half); at the tip README.md is in two of four: no longer hot.
    assert [len(m.hot_files) for m in card.trend] == [2, 2, 1]
    assert card.as_dict()["current"]["tests"]["with_test"] == 2


def test_cached_measures_are_not_read_again(repo: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first = q.scorecard("app", repo, None, CONFIG, cache=cache)
    assert len(list(cache.glob("*.json"))) == 3

    def fail(*_args: object) -> q.Measures:
        raise AssertionError("measured again")

    monkeypatch.setattr(q, "measure", fail)
    again = q.scorecard("app", repo, None, CONFIG, cache=cache)
    assert again.as_dict() == first.as_dict()
    # Another library setting is another measurement.
    other = QualityConfig(preferred={"http": LibraryChoice(use="requests")})
    with pytest.raises(AssertionError, match="measured again"):
        q.scorecard("app", repo, None, other, cache=cache)


def test_nothing_is_written_into_the_repository(repo: Path, tmp_path: Path) -> None:
    before = _git(repo, "for-each-ref"), sorted(p.name for p in (repo / ".git").iterdir())
    q.scorecard("app", repo, None, CONFIG, cache=tmp_path / "c")
    assert _git(repo, "status", "--porcelain") == ""
    assert (_git(repo, "for-each-ref"),
            sorted(p.name for p in (repo / ".git").iterdir())) == before


def test_service_finds_mined_repositories_by_name(repo: Path, tmp_path: Path) -> None:
    from staffpath.mining.tables import MinedRepo
    from staffpath.store.engine import Store

    store = Store(f"sqlite:///{tmp_path / 'q.db'}")
    try:
        with store.session() as session:
            session.add(MinedRepo(path=str(repo), branch="", name="app"))
            session.add(MinedRepo(path=str(tmp_path / "moved"), branch="", name="gone"))
        with store.session(read_only=True) as session:
            viewer = Principal.command_line()
            card = service.quality(session, viewer, "app", CONFIG, cache=tmp_path / "c")
            assert card.current.tested_files == 2
            with pytest.raises(NotFoundError, match="no longer at"):
                service.quality(session, viewer, "gone", CONFIG)
            with pytest.raises(NotFoundError, match="no mined repository 'web'"):
                service.quality(session, viewer, "web", CONFIG)
            with pytest.raises(NotFoundError):
                service.quality(session, Principal(person_id=1), "app", CONFIG)
    finally:
        store.close()
