"""`staffpath framework ...`: validate, show, use and list career frameworks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from staffpath.cli.options import JsonOpt
from staffpath.cli.state import console, print_json, state
from staffpath.errors import ProblemList, StaffpathError
from staffpath.framework.importers import load_any_framework
from staffpath.framework.loader import default_framework
from staffpath.framework.registry import framework_versions, store_framework
from staffpath.framework.render import framework_to_dict, render_framework

LADDER_HELP = ("A staffpath framework YAML, an FT job-family YAML (data/job-families/"
               "engineering.yml) or repository folder, an older FT competencies.yml, or a "
               "spreadsheet matrix (.csv/.xlsx: a competency column, a column per level).")

app = typer.Typer(help="Career frameworks: levels, dimensions, expectations, archetypes.",
                  no_args_is_help=True)


@app.command()
def validate(
    file: Annotated[Path, typer.Argument(help=LADDER_HELP)],
    json_out: JsonOpt = False,
) -> None:
    """Check a framework file and report every problem with its file and line."""
    problems: list[StaffpathError] = []
    try:
        load_any_framework(file)
    except ProblemList as exc:
        problems = list(exc.problems)
    except StaffpathError as exc:
        problems = [exc]
    if json_out:
        print_json({"file": str(file), "valid": not problems,
                    "problems": [str(p) for p in problems]})
    elif not problems:
        console.print(f"[green]ok[/green] {file}: valid framework")
    if problems:
        raise ProblemList(problems)


@app.command()
def show(
    ctx: typer.Context,
    level: Annotated[str | None, typer.Option("--level", "-l", help="Only this level.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f",
                                              help="Show this file, not the active one.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Show the active framework (or a file), optionally one level only."""
    if file is not None:
        fw = load_any_framework(file)
    elif not state(ctx).has_database():
        fw = default_framework()  # nothing chosen yet: the built-in one is what would be used
    else:
        with state(ctx).session(read_only=True) as session:
            fw = state(ctx).framework(session)
    if json_out:
        print_json(framework_to_dict(fw, level))
    else:
        console.print(render_framework(fw, level))


@app.command()
def use(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help=LADDER_HELP)],
    json_out: JsonOpt = False,
) -> None:
    """Load a framework into the workspace and make it the one assessments use."""
    fw = load_any_framework(file)
    with state(ctx).session() as session:
        row = store_framework(session, fw, source=str(file.resolve()))
        info = {"id": fw.id, "name": fw.name, "version": fw.version,
                "fingerprint": fw.fingerprint, "stored_as": row.id}
    if json_out:
        print_json(info)
    else:
        console.print(f"Active framework: [bold]{fw.name}[/bold] {fw.version} "
                      f"({fw.fingerprint[:12]})")


@app.command("list")
def list_versions(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List the framework versions stored in this workspace."""
    if not state(ctx).has_database():
        print_json([]) if json_out else console.print(
            "No workspace yet; the built-in staff track is what assessments would use.")
        return
    with state(ctx).session(read_only=True) as session:
        rows = [{"id": r.id, "slug": r.slug, "name": r.name, "version": r.version,
                 "fingerprint": r.fingerprint, "active": r.active,
                 "loaded_at": r.loaded_at.isoformat(timespec="seconds"), "source": r.source}
                for r in framework_versions(session)]
    if json_out:
        print_json(rows)
        return
    if not rows:
        console.print("No framework loaded; the built-in staff track is in use.")
    for r in rows:
        mark = "[green]*[/green]" if r["active"] else " "
        console.print(f"{mark} #{r['id']} {r['name']} {r['version']} "
                      f"{str(r['fingerprint'])[:12]}  {r['source']}")
