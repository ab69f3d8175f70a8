"""Entry point: global options, sub-commands, and turning errors into one clear line."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from staffpath import __version__
from staffpath.cli import (
    assessment_cmd,
    cycle_cmd,
    demo_cmd,
    endorse_cmd,
    evidence_cmd,
    framework_cmd,
    growth_cmd,
    hire_cmd,
    init_cmd,
    mine_cmd,
    org_cmd,
    packet_cmd,
    people_cmd,
    web_cmd,
)
from staffpath.cli.state import State, err_console, print_json
from staffpath.errors import ProblemList, StaffpathError

app = typer.Typer(
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


@app.callback()
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


app.command("init")(init_cmd.init)
app.add_typer(framework_cmd.app, name="framework")
app.add_typer(people_cmd.app, name="people")
app.add_typer(people_cmd.teams_app, name="teams")
app.add_typer(evidence_cmd.app, name="evidence")
app.command("log")(evidence_cmd.log)
app.command("assess")(assessment_cmd.assess)
app.command("self-rate")(assessment_cmd.self_rate)
app.command("packet")(packet_cmd.packet)
app.command("demo")(demo_cmd.demo)
app.command("mine")(mine_cmd.mine)
app.command("authorship")(mine_cmd.authorship)
app.add_typer(mine_cmd.identities_app, name="identities")
app.command("serve")(web_cmd.serve)
app.add_typer(hire_cmd.app, name="hire")
app.add_typer(web_cmd.users_app, name="users")
app.add_typer(web_cmd.accounts_app, name="accounts")
app.add_typer(web_cmd.audit_app, name="audit")
app.add_typer(web_cmd.person_app, name="person")
app.add_typer(org_cmd.app, name="org")
app.add_typer(cycle_cmd.app, name="cycle")
app.command("plan")(growth_cmd.plan)
app.add_typer(growth_cmd.app, name="opportunity")
app.add_typer(growth_cmd.goals_app, name="goal")
app.add_typer(growth_cmd.strategy_app, name="strategy")
app.command("fit")(growth_cmd.fit)
app.add_typer(growth_cmd.promotion_app, name="promotion")
app.add_typer(endorse_cmd.app, name="endorse")


def _wants_json(args: list[str]) -> bool:
    """`--json` given to the command (not as the value of another option, e.g. a title)."""
    return "--json" in args[: args.index("--")] if "--" in args else "--json" in args


def main() -> None:
    """Run the CLI; user errors print one line and exit non-zero, never a traceback."""
    try:
        app()  # standalone: usage errors and --help are handled (and exit) here
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
