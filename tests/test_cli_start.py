"""The first hour at the command line: the README's quick start off a terminal, reading an
empty workspace, and one engineer starting with `init` and no roster."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STAFFPATH_")}
    # The default workspace lives under the user data folder: keep it inside the test.
    env.update(XDG_DATA_HOME=str(tmp_path / "data-home"), COLUMNS="160", **extra)
    return env


def _staffpath(cwd: Path, env: dict[str, str], *args: str,
               input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "staffpath", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600, input=input,
                          stdin=None if input is not None else subprocess.DEVNULL)


def _files_under(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*")) if path.exists() else []


def test_quick_start_without_a_terminal_says_it_does_not_serve_and_how(tmp_path: Path) -> None:
    # `staffpath demo` exactly as the README has it, but under CI: no terminal on stdin.
    # TTY_COMPATIBLE makes the progress bar draw, so its counts can be read.
    env = _env(tmp_path, TTY_COMPATIBLE="1")
    done = _staffpath(tmp_path, env, "demo")
    assert done.returncode == 0, done.stderr
    out = ANSI.sub("", done.stdout)
    demo = (tmp_path / "staffpath-demo").resolve()
    assert "Not serving the web application (this is not an interactive terminal)" in out
    assert f"staffpath --workspace {demo} serve --port 8000" in out
    assert f"export STAFFPATH_WORKSPACE={demo}" in out
    # The table names its level column as the web's card does: the assessed level.
    assert "Assessed" in out, out[:2000]
    assert "supports" not in out
    counts = set(re.findall(r"mining the demo repositories\W*(\d+)/(\d+)", out))
    assert counts, out[:2000]
    assert {total for _, total in counts} == {"3"}  # three repositories, never 0/0
    # Forgetting --workspace afterwards: one line pointing at the demo, and no database made.
    plain = _env(tmp_path)
    lost = _staffpath(tmp_path, plain, "assess", "priya.nair")
    assert lost.returncode == 4
    assert lost.stderr.count("\n") == 1
    assert f"--workspace {demo}" in lost.stderr
    assert "STAFFPATH_WORKSPACE" in lost.stderr
    assert "staffpath init" in lost.stderr
    assert _files_under(tmp_path / "data-home") == []
    found = _staffpath(tmp_path, _env(tmp_path, STAFFPATH_WORKSPACE=str(demo)),
                       "assess", "priya.nair", "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["overall_level"] == "staff"


@pytest.mark.parametrize("args", [
    ("assess", "priya.nair"),
    ("people", "list"),
    ("evidence", "list"),
    ("org", "levels"),
    ("packet", "priya.nair"),
])
def test_reading_a_missing_or_empty_workspace_creates_no_file(tmp_path: Path,
                                                              args: tuple[str, ...]) -> None:
    env = _env(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    for where in (tmp_path / "typo", empty):
        done = _staffpath(tmp_path, env, "--workspace", str(where), *args)
        assert done.returncode == 4, done.stderr
        assert done.stderr.startswith("error: no ")
        assert done.stderr.count("\n") == 1
        assert "Traceback" not in done.stderr
        assert "staffpath demo" in done.stderr
        assert "staffpath init" in done.stderr
    assert not (tmp_path / "typo").exists()
    assert _files_under(empty) == []
    assert _files_under(tmp_path / "data-home") == []


def test_json_errors_come_as_json_on_stdout_with_the_same_exit_code(tmp_path: Path) -> None:
    env = _env(tmp_path)
    done = _staffpath(tmp_path, env, "--workspace", str(tmp_path / "none"), "assess", "x",
                      "--json")
    assert done.returncode == 4
    error = json.loads(done.stdout)
    assert error["exit_code"] == 4
    assert error["error"].startswith("no workspace at ")
    assert done.stderr == ""


def test_init_then_log_then_assess_with_no_roster(tmp_path: Path) -> None:
    env = _env(tmp_path)
    ws = tmp_path / "mine"
    start = _staffpath(tmp_path, env, "--workspace", str(ws), "init", "--name", "Sam Solo",
                       "--email", "sam@example.com", "--team", "Platform", "--level",
                       "senior", "--target", "staff")
    assert start.returncode == 0, start.stderr
    assert f"export STAFFPATH_WORKSPACE={ws.resolve()}" in start.stdout
    assert "export STAFFPATH_PERSON=sam" in start.stdout
    own = _env(tmp_path, STAFFPATH_WORKSPACE=str(ws), STAFFPATH_PERSON="sam")
    logged = _staffpath(tmp_path, own, "log", "Led the queue migration across 3 teams",
                        "--kind", "migration", "--scope", "teams", "--impact",
                        "p99 900ms → 140ms", "--date", "2026-03-02", "--json")
    assert logged.returncode == 0, logged.stderr
    item = json.loads(logged.stdout)
    assessed = _staffpath(tmp_path, own, "assess", "sam", "--json")
    assert assessed.returncode == 0, assessed.stderr
    result = json.loads(assessed.stdout)
    assert result["current_level"] == "senior"
    assert result["target_level"] == "staff"
    cited = {d: [c["id"] for c in v["citations"]] for d, v in result["dimensions"].items()}
    assert cited["scope_of_impact"] == [item["id"]]
    people = json.loads(_staffpath(tmp_path, own, "people", "list", "--json").stdout)
    assert [(p["handle"], p["team"]) for p in people] == [("sam", "Platform")]


def test_people_add_and_unknown_people_off_a_terminal(tmp_path: Path) -> None:
    env = _env(tmp_path)
    ws = tmp_path / "team"
    base = ("--workspace", str(ws))
    # Naming someone unknown in an empty workspace writes nothing and says how to add them.
    nobody = _staffpath(tmp_path, env, *base, "log", "Wrote the RFC", "--person", "me")
    assert nobody.returncode == 4
    assert nobody.stderr.count("\n") == 1
    assert "staffpath people add" in nobody.stderr
    assert not ws.exists()
    added = _staffpath(tmp_path, env, *base, "people", "add", "--name", "Ana Ops",
                       "--email", "ana@example.com", "--team", "Ops", "--json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout) | {"workspace": ""} == {
        "handle": "ana", "name": "Ana Ops", "workspace": "", "created_team": True}
    unknown = _staffpath(tmp_path, env, *base, "log", "Wrote the RFC", "--person", "bob")
    assert unknown.returncode == 3
    assert unknown.stderr.startswith("error: no person 'bob'")
    assert "staffpath people add" in unknown.stderr
    assert unknown.stderr.count("\n") == 1


def test_importing_a_file_with_no_brag_doc_items_fails_and_keeps_nothing(tmp_path: Path) -> None:
    env = _env(tmp_path)
    base = ("--workspace", str(tmp_path / "ws"))
    _staffpath(tmp_path, env, *base, "people", "add", "--name", "Ana", "--email", "a@x.example")
    passwd = tmp_path / "passwd"
    passwd.write_text("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/:/bin/false\n",
                      encoding="utf-8")
    done = _staffpath(tmp_path, env, *base, "evidence", "import", str(passwd), "--person", "a")
    assert done.returncode == 2
    assert done.stderr == f"error: {passwd}: no brag-doc items found (expected dated bullet " \
        "points or headings of Markdown); nothing imported\n"
    listed = _staffpath(tmp_path, env, *base, "evidence", "list", "--json")
    assert json.loads(listed.stdout) == []
