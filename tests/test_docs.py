"""The README stays true: its quick start is two commands and every command it tours exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from staffpath.cli.main import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```", section, flags=re.S)]


def toured_commands() -> list[list[str]]:
    found = []
    for cmd in re.findall(r"^\| `staffpath ([^`]+)`", README, flags=re.M):
        words = []
        for word in cmd.split():
            if not re.fullmatch(r"[a-z][a-z-]*", word):
                break
            words.append(word)
        found.append(words)
    return found


def test_quick_start_is_two_commands() -> None:
    first, second = quick_start_commands()
    assert "pip install ." in first
    assert first.endswith("staffpath demo")
    assert second == "bash .ci/run"


@pytest.mark.parametrize("words", toured_commands(), ids=lambda w: " ".join(w))
def test_every_toured_command_exists_and_has_help(words: list[str]) -> None:
    result = CliRunner().invoke(app, [*words, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_every_command_has_help_text() -> None:
    result = CliRunner().invoke(app, ["--help"])
    for name in ("log", "assess", "packet", "demo", "framework", "people", "teams", "evidence"):
        assert re.search(rf"│ {name}\s+\S", result.output), name
