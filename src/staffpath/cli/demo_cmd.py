"""`staffpath demo`: a realistic organisation, run through the whole pipeline."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from staffpath.cli import web_cmd
from staffpath.cli.state import console, print_json, state
from staffpath.demo.build import build_demo, showcase

DEFAULT_DIR = Path("staffpath-demo")


def demo(
    ctx: typer.Context,
    json_out: Annotated[bool, typer.Option("--json", help="Machine-readable summary.")] = False,
    serve: Annotated[bool | None, typer.Option(
        "--serve/--no-serve", help="Serve the web application on the demo when built. "
        "Default: serve when run in a terminal without --json.")] = None,
    port: Annotated[int, typer.Option("--port", help="Port to serve on.")] = 8000,
) -> None:
    """Build a demo company (10 teams, ~40 engineers) in ./staffpath-demo and assess everyone.

    It then serves the web application on it at http://127.0.0.1:8000/ and prints demo
    sign-ins (--no-serve to just build). Use the global --workspace to put it elsewhere. An
    existing demo folder is rebuilt.
    """
    root = (state(ctx).workspace_dir or DEFAULT_DIR).expanduser()
    with Progress(TextColumn("{task.description:<36}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True,
                  disable=json_out) as bar:
        task = bar.add_task("building the demo", total=None)

        def step(label: str, done: int, total: int) -> None:
            bar.update(task, description=label, completed=done, total=total)

        db = web_cmd.demo_db(state(ctx).db)
        result = build_demo(root, progress=step, db_url=db)
    url = web_cmd.demo_url(result.root, db)
    logins = web_cmd.demo_logins(url)
    serving = web_cmd.demo_should_serve(serve, json_out=json_out)
    if json_out:
        print_json({
            "workspace": str(result.root), "evidence_items": result.evidence_items,
            "people": [{"handle": o.handle, "name": o.name, "level": o.level,
                        "target_level": o.target_level, "overall_level": o.overall_level,
                        "expect_ready": o.expect_ready, "ready": o.ready, "gaps": o.gaps,
                        "packet": str(o.packet) if o.packet else None} for o in result.outcomes],
            "logins": [vars(login) for login in logins],
        })
        if serving:
            web_cmd.serve_demo(result.root, url, logins, port=port)
        return
    # The assessed level: the title held unless the record speaks against it (as the web's
    # assessment card names it).
    table = Table("Engineer", "Team", "Level → target", "Assessed level", "Ready?", "Gaps",
                  title="Harbor & Pine: people aiming for their next level", expand=True)
    for o in sorted(result.outcomes, key=lambda o: (o.ready is not True, o.team, o.name)):
        if o.target_level is None:
            continue
        table.add_row(f"{o.name} [dim]{o.handle}[/dim]", o.team,
                      f"{o.level} → {o.target_level}",
                      o.overall_level or "[dim]not enough evidence[/dim]",
                      "[green]yes[/green]" if o.ready else "[yellow]not yet[/yellow]", str(o.gaps))
    console.print(table)
    ws = str(result.root.resolve())
    picks = showcase(result.outcomes)
    console.print(f"\nDemo workspace: [bold]{ws}[/bold] ({result.evidence_items} evidence items; "
                  f"brag docs in {ws}/input/journals; packets (Markdown and HTML for everyone, "
                  f"PDF for {' and '.join(picks) or 'nobody'}) in {ws}/packets)\n")
    console.print("Try next:")
    for handle in picks:
        console.print(f"  staffpath --workspace {ws} assess {handle}")
    if picks:
        console.print(f"  staffpath --workspace {ws} packet {picks[0]} --format pdf")
    console.print(f"  staffpath --workspace {ws} people list")
    console.print(f"  staffpath --workspace {ws} framework show --level staff")
    web_cmd.print_demo_logins(logins)
    console.print("\nTo make it the workspace every command uses, in this shell:")
    console.print(f"  export STAFFPATH_WORKSPACE={shlex.quote(ws)}", highlight=False)
    if serving:
        web_cmd.serve_demo(result.root, url, logins, port=port)
    else:
        why = ("--no-serve was given" if serve is False
               else "this is not an interactive terminal")
        console.print(f"\nNot serving the web application ({why}). To serve it:",
                      highlight=False)
        console.print(f"  staffpath --workspace {shlex.quote(ws)} serve"
                      f" --port {port}", highlight=False)
