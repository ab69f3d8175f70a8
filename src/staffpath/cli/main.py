"""Entry point: global options, sub-commands, and turning errors into one clear line.

A command's module is imported only when that command runs: `staffpath mine` does not pay for
the packet's charts or the web application. `staffpath --help`, `--version` and an unknown
command list the commands from `SUMMARIES` without importing any of them (a test checks the
listing is the one the full app prints); the `app` this module exports (for tests and
documentation) has every command.
"""

from __future__ import annotations

import importlib
import inspect
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.main

from staffpath import __version__
from staffpath.cli import options as _options  # noqa: F401  (flags show no <bool> in help)
from staffpath.cli.state import State, err_console, print_json
from staffpath.errors import ProblemList, StaffpathError

_app = typer.Typer(
    name="staffpath",
    help="Evidence-backed career tracking for the senior → staff-plus engineering track.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"staffpath {__version__}")
        raise typer.Exit()


@_app.callback()
def root(
    ctx: typer.Context,
    workspace: Annotated[
        Path | None,
        typer.Option("--workspace", "-w", envvar="STAFFPATH_WORKSPACE",
                     help="Workspace folder (database and config). Default: your user data dir."),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option("--db", envvar="STAFFPATH_DB",
                     help="Database URL, e.g. sqlite:///path.db or postgresql://host/db."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True,
                           help="Print the version and exit.")
    ] = False,
) -> None:
    """Keep a record of your work, assess it against a career framework, write the packet."""
    ctx.obj = State(workspace_dir=workspace, db=db)
    ctx.call_on_close(ctx.obj.close)


# name: (module under staffpath.cli, attribute, whether it is a group of commands), in the
# order `--help` lists them.
COMMANDS: dict[str, tuple[str, str, bool]] = {
    "init": ("init_cmd", "init", False),
    "framework": ("framework_cmd", "app", True),
    "people": ("people_cmd", "app", True),
    "teams": ("people_cmd", "teams_app", True),
    "evidence": ("evidence_cmd", "app", True),
    "log": ("evidence_cmd", "log", False),
    "assess": ("assessment_cmd", "assess", False),
    "self-rate": ("assessment_cmd", "self_rate", False),
    "packet": ("packet_cmd", "packet", False),
    "demo": ("demo_cmd", "demo", False),
    "mine": ("mine_cmd", "mine", False),
    "authorship": ("mine_cmd", "authorship", False),
    "identities": ("mine_cmd", "identities_app", True),
    "serve": ("web_cmd", "serve", False),
    "hire": ("hire_cmd", "app", True),
    "users": ("web_cmd", "users_app", True),
    "accounts": ("web_cmd", "accounts_app", True),
    "audit": ("web_cmd", "audit_app", True),
    "person": ("web_cmd", "person_app", True),
    "org": ("org_cmd", "app", True),
    "cycle": ("cycle_cmd", "app", True),
    "plan": ("growth_cmd", "plan", False),
    "opportunity": ("growth_cmd", "app", True),
    "goal": ("growth_cmd", "goals_app", True),
    "strategy": ("growth_cmd", "strategy_app", True),
    "fit": ("growth_cmd", "fit", False),
    "promotion": ("growth_cmd", "promotion_app", True),
    "endorse": ("endorse_cmd", "app", True),
}
# What `staffpath --help` says of each command: the first paragraph of its own help, kept
# here so that listing the commands imports none of them (tests/test_cli_lazy.py checks they
# are the same).
SUMMARIES: dict[str, str] = {
    "init": "Start your own record: create the workspace and you in it (asks what is not "
            "given).",
    "framework": "Career frameworks: levels, dimensions, expectations, archetypes.",
    "people": "People: import a roster, list and show people.",
    "teams": "Teams and the code they own.",
    "evidence": "The evidence ledger: list, show, edit, delete, import, export.",
    "log": "Record a piece of work: by flags, or by answering prompts when run in a terminal.",
    "assess": "Where a person stands: the level, the gaps to the target, then each dimension.",
    "self-rate": "Record your own rating of a dimension; `assess` shows it beside the "
                 "evidence.",
    "packet": "Write the promotion packet as Markdown, HTML or PDF; unanswered questions show "
              "as gaps.",
    "demo": "Build a demo company (10 teams, ~40 engineers) in ./staffpath-demo and assess "
            "everyone.",
    "mine": "Mine git history into evidence: cross-team work, design docs, glue work, "
            "knowledge spread, degree of authorship and truck factor. A second run reads only "
            "new commits.",
    "authorship": "Files a person was an author of on a date, and who became an author of "
                  "them since.",
    "identities": "Git identities grouped into people: see the groups and correct them.",
    "serve": "Serve the web application (pages, htmx and the JSON API under /api/).",
    "hire": "Hiring on the framework's rubric: loops, blind scorecards, debriefs.",
    "users": "Sign-in accounts for the web application.",
    "accounts": "Sign-in limits on accounts.",
    "audit": "The audit log of the web application.",
    "person": "One person's data: export it, or erase it.",
    "org": "The organisation as a system: level mix and staff bench, mentorship, key-person "
           "risk, work across teams, codebase quality.",
    "cycle": "Promotion cycles: nominations, blind scoring, calibration, decisions.",
    "plan": "The one to three steps that close most of a person's gap to their target level.",
    "opportunity": "Open work that could grow someone: record, import, list.",
    "goal": "The organisation's goals for the period.",
    "strategy": "Turn recent design documents into a draft strategy.",
    "fit": "How recorded work splits between building and staff work, and how the staff "
           "shape that fits would change it.",
    "promotion": "Promotions followed up: check-ins and cohort outcomes.",
    "endorse": "Colleagues confirm or endorse your evidence: ask, list, answer.",
}
_registered: set[str] = set()
# Global options that take a value: what follows them is not the command's name.
_VALUED = frozenset({"--workspace", "-w", "--db"})


def _register(names: Iterable[str]) -> typer.Typer:
    """Add these commands to the app (each once), importing only their modules."""
    for name in names:
        if name in _registered:
            continue
        module, attribute, group = COMMANDS[name]
        found = getattr(importlib.import_module(f"staffpath.cli.{module}"), attribute)
        if group:
            _app.add_typer(found, name=name)
        else:
            _app.command(name)(found)
        _registered.add(name)
    return _app


def _listed_only() -> typer.Typer:
    """Every command by name and summary, none of them imported: enough for `--help`,
    `--version` and the error for an unknown command, which run nothing."""
    for name, (_module, _attribute, group) in COMMANDS.items():
        if name in _registered:
            continue
        if group:
            _app.add_typer(typer.Typer(help=SUMMARIES[name]), name=name)
        else:
            _app.command(name, help=SUMMARIES[name])(_not_loaded)
        _registered.add(name)
    return _app


def reflowed(text: str) -> str:
    """Help text whose paragraphs are prose: the line breaks a docstring wraps at are not
    kept (Rich help keeps them, leaving ragged lines at any other width). Paragraphs that are
    laid out — list items, indented examples, or Click's \\b marker — stay as written."""
    out = []
    for para in inspect.cleandoc(text).split("\n\n"):
        lines = para.splitlines()
        laid_out = para.startswith("\b") or any(
            line[:1].isspace() or line.lstrip()[:2] in ("- ", "* ", "$ ") for line in lines)
        out.append(para if laid_out else " ".join(line.strip() for line in lines))
    return "\n\n".join(out)


def _reflow_all(command: Any) -> Any:
    """Reflow a Click command's help and its sub-commands' (Typer's own Click types)."""
    if command.help:
        command.help = reflowed(command.help)
    for sub in getattr(command, "commands", {}).values():
        _reflow_all(sub)
    return command


def _not_loaded() -> None:  # pragma: no cover - a listed command is never run
    raise RuntimeError("a command listed for --help was run without being loaded")


def command_named(args: Sequence[str]) -> str | None:
    """The command the arguments run, when they name one; None for `--help`, `--version`,
    nothing or an unknown word (which then see every command)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--":
            continue  # the end of the global options: the command comes next
        elif arg in _VALUED:
            skip = True
        elif arg.startswith("-"):
            if arg.split("=", 1)[0] not in _VALUED:
                return None  # --help, --version or an unknown option: the whole app
        else:
            return arg if arg in COMMANDS else None
    return None


def __getattr__(name: str) -> Any:
    """`app`: the command line with every command (for tests, documentation and help)."""
    if name == "app":
        return _register(COMMANDS)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _wants_json(args: list[str]) -> bool:
    """`--json` given to the command (not as the value of another option, e.g. a title)."""
    return "--json" in args[: args.index("--")] if "--" in args else "--json" in args


# Commands that leave a large heap behind (a mined history): once they have finished, closed
# the workspace and flushed their output, the process ends without tearing the heap down
# object by object (a measurable part of mining a large repository).
EXIT_WITHOUT_TEARDOWN = frozenset({"mine"})


def _exit_now(code: int) -> None:
    import logging

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main() -> None:
    """Run the CLI; user errors print one line and exit non-zero, never a traceback."""
    wanted = command_named(sys.argv[1:])
    try:
        if wanted:
            _register([wanted])
        else:
            _listed_only()
        # What `_app()` does, with every help text reflowed first. Standalone: usage errors
        # and --help are handled (and exit) here.
        _reflow_all(typer.main.get_command(_app))()
    except SystemExit as done:
        # Click has closed the context (and with it the workspace) before exiting.
        if (wanted in EXIT_WITHOUT_TEARDOWN and isinstance(done.code, int | None)
                and not {"-h", "--help"} & set(sys.argv[1:])):
            _exit_now(done.code or 0)
        raise
    except StaffpathError as exc:
        lines = exc.lines() if isinstance(exc, ProblemList) else [str(exc)]
        if _wants_json(sys.argv[1:]):
            # A script asked for JSON: the error comes as JSON on stdout, same exit code.
            print_json({"error": lines[0] if len(lines) == 1 else str(exc),
                        "problems": lines, "exit_code": exc.exit_code,
                        "kind": type(exc).__name__})
            sys.exit(exc.exit_code)
        for line in lines:
            err_console.print(f"[red]error:[/red] {line}", highlight=False, soft_wrap=True,
                              markup=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("STAFFPATH_DEBUG"):
            raise
        if _wants_json(sys.argv[1:]):
            print_json({"error": f"internal error: {type(exc).__name__}: {exc}",
                        "problems": [], "exit_code": 70, "kind": "internal"})
            sys.exit(70)
        err_console.print(
            f"[red]internal error:[/red] {type(exc).__name__}: {exc} "
            "(set STAFFPATH_DEBUG=1 to see the traceback)", highlight=False, soft_wrap=True)
        sys.exit(70)
