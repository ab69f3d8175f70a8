"""How the command line reads: help for every option, no stray type names, Rich markup kept
as text, repositories listed when one must be named; and audit entries named for what
happened (a packet shown in its frame is viewed, a file taken away is downloaded)."""

from __future__ import annotations

import click
import pytest
import typer
from typer.testing import CliRunner

from mining_helpers import git, init_repo, invoke, workspace_with_roster
from staffpath.cli.main import app
from web_helpers import World


def _commands() -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []

    def walk(cmd: click.Command, path: str) -> None:
        found.append((path, cmd))
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(typer.main.get_command(app), "staffpath")
    return found


def test_every_option_and_argument_has_help() -> None:
    missing = [f"{path} {'/'.join(p.opts)}" for path, cmd in _commands() for p in cmd.params
               if not getattr(p, "help", None) and not getattr(p, "hidden", False)]
    assert missing == []


# One test per top-level command (and one for the top level itself), so the test workers share
# the rendering of every command's help.
_TOP = sorted({path.split()[1] for path, _ in _commands() if len(path.split()) > 1})


@pytest.mark.parametrize("top", ["", *_TOP])
def test_help_shows_no_bool_metavar(top: str) -> None:
    runner = CliRunner()
    paths = [path for path, _cmd in _commands()
             if (path.split()[1:2] == [top] if top else path == "staffpath")]
    assert paths
    for path in paths:
        args = path.split()[1:]
        out = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "200"}).stdout
        assert "<bool>" not in out, path


def test_help_keeps_bracketed_words() -> None:
    packet = CliRunner().invoke(app, ["packet", "--help"], env={"COLUMNS": "200"}).stdout
    assert "Ignore the workspace's [drafting] setting." in packet


def test_org_quality_without_a_repository_lists_the_mined_ones(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = workspace_with_roster(tmp_path / "ws")
    repo = init_repo(tmp_path / "shop")
    (repo / "app.py").write_text("def f(x: int) -> int:\n    return x\n", encoding="utf-8")
    git(repo, "add", "app.py")
    git(repo, "commit", "-q", "-m", "first", GIT_AUTHOR_EMAIL="ana@corp.example",
        GIT_COMMITTER_EMAIL="ana@corp.example")
    assert invoke(ws, "mine", str(repo)).code == 0
    asked = invoke(ws, "org", "quality")
    assert asked.code == 2
    assert asked.err == f"error: say which repository: shop ({repo.resolve()})\n"


def test_a_packet_shown_in_its_frame_is_a_view_and_a_file_is_a_download(world: World) -> None:
    manager = world.client("manager")
    assert manager.get("/people/ada/packet.html?inline=true").status_code == 200
    assert manager.get("/people/ada/packet.md").status_code == 200
    admin = world.client("admin").get("/api/admin/audit?limit=1000").json()
    actions = [e["action"] for e in admin
               if e["target_type"] == "person" and e["target_id"] == world.ids.ada
               and e["action"] in ("view_packet", "download_packet")]
    assert sorted(actions) == ["download_packet", "view_packet"]
