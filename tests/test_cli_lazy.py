"""A command imports only what it runs: `staffpath mine` does not load the packet's charts,
the web application or the assessment engine; `--help` and the exported `app` have every
command."""

from __future__ import annotations

import os
import subprocess
import sys

from staffpath.cli.main import COMMANDS, SUMMARIES, app, command_named, reflowed


def _loaded_after(*args: str) -> set[str]:
    code = ("import sys, runpy\n"
            f"sys.argv = ['staffpath', *{list(args)!r}]\n"
            "try:\n    runpy.run_module('staffpath', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print('\\n'.join(sorted(m for m in sys.modules if m.startswith(('staffpath', "
            "'matplotlib', 'fastapi', 'weasyprint', 'alembic', 'dask', 'pyarrow')))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    return set(out.split())


def test_mine_loads_neither_the_packet_nor_the_web_nor_the_engine() -> None:
    loaded = _loaded_after("mine", "--help")
    assert "staffpath.cli.mine_cmd" in loaded
    assert not {m for m in loaded if m.startswith(("matplotlib", "fastapi", "weasyprint"))}
    assert "staffpath.assess.engine" not in loaded
    assert "staffpath.cli.packet_cmd" not in loaded
    # Nor Dask and Arrow (a manifest's), Alembic (only to migrate) or the review importer.
    assert not {m for m in loaded if m.startswith(("alembic", "dask", "pyarrow"))}
    assert "staffpath.mining.reviews" not in loaded


def test_help_lists_every_command() -> None:
    from typer.main import get_command

    group = get_command(app)
    assert set(getattr(group, "commands", {})) == set(COMMANDS)


def test_the_command_is_found_after_global_options() -> None:
    assert command_named(["--workspace", "ws", "mine", "repo"]) == "mine"
    assert command_named(["-w", "ws", "--db", "sqlite:///x.db", "assess", "ada"]) == "assess"
    assert command_named(["--workspace=ws", "packet", "ada"]) == "packet"
    assert command_named(["--", "framework", "list"]) == "framework"
    assert command_named(["--help"]) is None
    assert command_named(["nosuch"]) is None
    assert command_named([]) is None


def _help(code: str) -> str:
    env = {**os.environ, "COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_help_lists_the_commands_as_the_full_app_does_without_importing_them() -> None:
    listed = _help("import sys; sys.argv = ['staffpath', '--help']\n"
                   "from staffpath.cli.main import main\n"
                   "try:\n    main()\nexcept SystemExit:\n    pass")
    full = _help("from staffpath.cli.main import app\n"
                 "try:\n    app(['--help'], prog_name='staffpath')\nexcept SystemExit:\n    pass")
    # The same panels, options and summaries (a docstring's line breaks may wrap a summary
    # differently inside its cell).
    def words(text: str) -> list[str]:
        return [w for w in text.replace("│", " ").split() if w.strip("─╭╮╰╯")]

    assert words(listed) == words(full)
    assert all(name in listed for name in COMMANDS)
    loaded = _loaded_after("--help")
    assert not {m for m in loaded if m.startswith("staffpath.cli.") and m.endswith("_cmd")}
    assert not {m for m in loaded if m.startswith(("matplotlib", "fastapi", "dask"))}


def test_every_command_has_a_summary() -> None:
    assert set(SUMMARIES) == set(COMMANDS)


def test_help_paragraphs_are_reflowed_but_laid_out_ones_are_kept() -> None:
    text = """First line
    of the summary.

    A paragraph the docstring
    wrapped at seventy columns.

    Examples:
      staffpath mine repo
      staffpath mine --manifest repos.txt

    - a list item
    - another
    """
    assert reflowed(text).split("\n\n") == [
        "First line of the summary.",
        "A paragraph the docstring wrapped at seventy columns.",
        "Examples:\n  staffpath mine repo\n  staffpath mine --manifest repos.txt",
        "- a list item\n- another",
    ]


def test_a_command_help_is_not_cut_at_the_docstring_line_breaks() -> None:
    shown = _help("import sys; sys.argv = ['staffpath', 'demo', '--help']\n"
                  "from staffpath.cli.main import main\n"
                  "try:\n    main()\nexcept SystemExit:\n    pass")
    # At 100 columns a paragraph fills its lines: none ends long before the edge, except the
    # last line of a paragraph.
    lines = [line.strip() for line in shown.splitlines()]
    para = lines.index(next(line for line in lines if line.startswith("It then serves")))
    assert len(lines[para]) > 80
