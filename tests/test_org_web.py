"""The organisation pages: who may see each, the anonymous toggle, what-if, the away view,
and the command line's org commands — on the org of `org_helpers`."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import update

from mining_helpers import git_env, invoke
from org_helpers import HANDLES, build_org, log
from staffpath.accounts.auth import create_user, start_session
from staffpath.accounts.principal import Principal
from staffpath.errors import NotFoundError
from staffpath.framework.loader import default_framework
from staffpath.framework.registry import store_framework
from staffpath.mining.tables import MinedRepo
from staffpath.org import service
from staffpath.org.roster import load_roster
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from staffpath.web.app import create_app

with warnings.catch_warnings():
    # Starlette's TestClient prefers the httpx2 package and warns when it finds httpx.
    warnings.simplefilter("ignore", UserWarning)
    from starlette.testclient import TestClient

# who -> (person short name or None, admin)
ACCOUNTS = {"director": ("dana", False), "manager": ("mo", False), "engineer": ("ann", False),
            "peer": ("bob", False), "staff": ("cat", False), "admin": (None, True)}
LEADERS = {"director", "manager", "staff", "admin"}  # role leads people, level staff, admin
ORG_PAGES = ["/org/levels", "/org/levels.svg", "/org/mentorship", "/org/mentorship.svg",
             "/org/risk", "/org/risk?repo=app", "/org/risk/trend.svg",
             "/org/risk/what-if?remove=ann.author", "/org/crossteam", "/org/crossteam.svg",
             "/org/quality", "/org/quality/app", "/org/quality/app/trend.svg"]
# Ann's away view: Ann, her manager Mo and his manager Dana; no peers, leaders or admins.
AWAY_READERS = {"engineer", "manager", "director"}


@dataclass
class World:
    workspace: Path
    url: str
    tokens: dict[str, str]
    identifiers: set[str]


def _repo(path: Path) -> None:
    path.mkdir()
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "start"]):
        if args[0] == "add":
            (path / "a").mkdir()
            (path / "a" / "x.py").write_text("def f(x: int) -> int:\n    return x\n")
        subprocess.run(["git", "-C", str(path), *args], check=True, capture_output=True,
                       env={**git_env(), "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@b.c",
                            "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@b.c"})


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("orgweb")
    workspace = root / "ws"
    workspace.mkdir()
    url = f"sqlite:///{workspace / 'staffpath.db'}"
    store = Store(url)
    build_org(store, root)
    _repo(root / "app")
    tokens = {}
    with store.session() as session:
        store_framework(session, default_framework(), source="built-in")
        session.execute(update(MinedRepo).values(path=str(root / "app")))
        log(session, "ann", "Started mentoring @bob.builder", people=["bob.builder"])
        log(session, "cat", "Changed code owned by Alpha in app (3 commits, 2025-Q4)",
            kind="cross_team_code", source_type="git", teams=["Alpha"],
            body="- Alpha: 3 commit(s)", day=dt.date.today() - dt.timedelta(days=30))
        for role, (short, admin) in ACCOUNTS.items():
            person = find_person(session, HANDLES[short]) if short else None
            user = create_user(session, f"{role}@login.example", "a long enough password",
                               person=person, is_admin=admin)
            tokens[role] = start_session(session, user)
    with store.session(read_only=True) as session:
        identifiers = load_roster(session).identifiers()
    store.close()
    return World(workspace, url, tokens, identifiers)


@pytest.fixture(scope="module")
def clients(world: World) -> Iterator[dict[str, TestClient]]:
    app = create_app(world.url, workspace=world.workspace, secure_cookies=False)
    out = {}
    for role, token in [*world.tokens.items(), ("nobody", "")]:
        client = TestClient(app, follow_redirects=False)
        if token:
            client.cookies.set("staffpath_session", token)
        out[role] = client
    yield out
    app.state.web.store.close()


@pytest.mark.parametrize("role", [*ACCOUNTS, "nobody"])
@pytest.mark.parametrize("path", ORG_PAGES)
def test_org_pages_are_for_leaders(clients: dict[str, TestClient], role: str, path: str
                                   ) -> None:
    response = clients[role].get(path)
    if role == "nobody":
        assert response.status_code in (303, 401)
    elif role in LEADERS:
        assert response.status_code == 200, response.text[:300]
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", [*ACCOUNTS, "nobody"])
def test_away_view_is_for_the_person_and_their_managers(clients: dict[str, TestClient],
                                                         role: str) -> None:
    response = clients[role].get("/people/ann.author/away")
    if role == "nobody":
        assert response.status_code == 303
    elif role in AWAY_READERS:
        assert response.status_code == 200
        assert "app:a" in response.text
        assert "rests on" in response.text
    else:
        assert response.status_code == 404


def test_away_service_refuses_others(world: World) -> None:
    store = Store(world.url)
    try:
        with store.session(read_only=True) as session:
            roster = load_roster(session)
            ann = roster.resolve("ann.author")
            bob = roster.resolve("bob.builder")
            assert ann is not None
            assert bob is not None
            with pytest.raises(NotFoundError):
                service.away(session, Principal(person_id=bob), ann)
            with pytest.raises(NotFoundError):  # a leader, but not in Ann's chain
                service.away(session, Principal(person_id=bob, is_leader=True), ann)
            assert service.away(session, Principal(person_id=ann), ann).only_them == 2
            with pytest.raises(NotFoundError):
                service.levels(session, Principal(person_id=ann), default_framework())
    finally:
        store.close()


def _main(html: str) -> str:
    """The page's content, without the top bar (which names whoever is signed in)."""
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def _leaks(text: str, identifiers: set[str]) -> list[str]:
    return [i for i in sorted(identifiers)
            if re.search(rf"(?<![\w.@]){re.escape(i)}(?![\w@]|\.\w)", text, re.IGNORECASE)]


@pytest.mark.parametrize("path", [p for p in ORG_PAGES if "what-if" not in p])
def test_anonymous_pages_name_nobody(clients: dict[str, TestClient], world: World,
                                     path: str) -> None:
    sep = "&" if "?" in path else "?"
    response = clients["director"].get(f"{path}{sep}anonymous=1")
    assert response.status_code == 200
    text = response.text if path.endswith(".svg") else _main(response.text)
    assert _leaks(text, world.identifiers) == []
    named = clients["director"].get(path).text
    if path in ("/org/mentorship", "/org/risk", "/org/mentorship.svg", "/org/crossteam"):
        assert _leaks(named, world.identifiers), "the named page names people"


def test_what_if_fragment_for_htmx(clients: dict[str, TestClient]) -> None:
    client = clients["director"]
    response = client.get("/org/risk/what-if", params={"remove": "ann.author"},
                          headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Alpha" in response.text
    assert "2 →" in response.text
    moved = client.get("/org/risk/what-if", params={"move_person": "ann.author",
                                                    "move_team": "Beta"},
                       headers={"HX-Request": "true"})
    assert "moved to Beta" in moved.text
    bad = client.get("/org/risk/what-if", params={"remove": "zed"},
                     headers={"HX-Request": "true"})
    assert bad.status_code == 422
    assert "no person" in bad.text
    page = client.get("/org/risk/what-if", params={"remove": "ann.author"})
    assert "<html" in page.text
    assert "Truck factor over time" in page.text


def test_charts_are_deterministic_svg(clients: dict[str, TestClient]) -> None:
    for path in ("/org/levels.svg", "/org/mentorship.svg", "/org/crossteam.svg",
                 "/org/risk/trend.svg"):
        first, second = (clients["director"].get(path) for _ in range(2))
        assert first.headers["content-type"].startswith("image/svg+xml")
        assert first.text.startswith("<svg")
        assert first.text == second.text


# --- the command line ---------------------------------------------------------------------


def test_cli_org_commands(world: World, tmp_path: Path) -> None:
    ws = world.workspace
    levels = json.loads(invoke(ws, "org", "levels", "--json").out)
    assert (levels["engineers"], levels["staff_plus"]) == (3, 1)
    risk = json.loads(invoke(ws, "org", "risk", "--what-if-remove", "ann.author",
                             "--what-if-move", "bob.builder:Beta", "--json").out)
    assert risk["repositories"][0]["truck_factor"] == 2
    assert risk["what_if"]["scenario"] == {"removed": ["ann.author"],
                                           "moved": {"bob.builder": "Beta"}}
    away = invoke(ws, "org", "away", "ann.author")
    assert "What would stop if Ann Author were away" in away.out
    svg = tmp_path / "map.svg"
    cross = invoke(ws, "org", "crossteam", "--svg", str(svg))
    assert cross.code == 0
    assert svg.read_text().startswith("<svg")
    card = json.loads(invoke(ws, "org", "quality", "app", "--json").out)
    assert card["current"]["python"] == {"functions": 1, "annotated": 1, "unparsed_files": 0}
    bad = invoke(ws, "org", "risk", "--what-if-move", "ann.author")
    assert bad.code == 2
    assert "HANDLE:TEAM" in bad.err


@pytest.mark.parametrize("command", [["levels"], ["mentorship"], ["risk"], ["crossteam"],
                                     ["quality", "app"]])
def test_cli_org_charts_are_written_where_asked(world: World, tmp_path: Path,
                                                command: list[str]) -> None:
    # The chart modules load only when a chart is asked for; each command still draws one.
    svg = tmp_path / "chart.svg"
    result = invoke(world.workspace, "org", *command, "--svg", str(svg))
    assert result.code == 0, result.err
    assert svg.read_text().startswith("<svg")


def test_commands_that_draw_nothing_do_not_load_matplotlib() -> None:
    # matplotlib takes about a second to import: "org size" or "cycle list" must not pay it.
    code = ("import sys, staffpath.cli.org_cmd, staffpath.cli.cycle_cmd; "
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize("command", [["levels"], ["mentorship"], ["risk"], ["crossteam"]])
def test_cli_anonymous_output_names_nobody(world: World, command: list[str]) -> None:
    for fmt in (["--json"], []):
        result = invoke(world.workspace, "org", *command, "--anonymous", *fmt)
        assert result.code == 0, result.err
        assert _leaks(result.out, world.identifiers) == []
    named = invoke(world.workspace, "org", *command, "--json").out
    if command != ["levels"]:  # with no bench, the level mix names nobody either way
        assert _leaks(named, world.identifiers)


def test_away_view_is_linked_for_those_who_may_read_it(clients: dict[str, TestClient]) -> None:
    assert 'data-testid="away-link"' in clients["engineer"].get(
        "/people/ann.author/assessment").text
    assert 'data-testid="away-link"' in clients["manager"].get(
        "/people/ann.author/assessment").text
    assert "/people/ann.author/away" in clients["manager"].get("/team").text
    overview = clients["director"].get("/org").text
    assert 'href="/org/risk"' in overview


def test_the_overview_shows_the_bench_the_levels_page_counts(
        clients: dict[str, TestClient]) -> None:
    overview = clients["director"].get("/org").text
    levels = clients["director"].get("/org/levels").text
    found = re.search(r'data-testid="bench-size"><p class="value">(\d+)<span[^>]*> \+ (\d+)',
                      overview)
    assert found is not None
    shown = re.search(r'<p class="value">(\d+)<span class="muted small"> \+ (\d+)</span></p>'
                      r'<p class="label">bench: ready \+ close', levels)
    assert shown is not None
    assert found.groups() == shown.groups()
    assert 'href="/org/levels#bench"' in overview
