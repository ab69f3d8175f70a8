"""`staffpath people ...` and `staffpath teams ...`: the roster."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from staffpath.cli.newcomer import Added, ask_details, create, in_terminal, level_choices
from staffpath.cli.options import JsonOpt
from staffpath.cli.state import console, err_console, print_json, state
from staffpath.errors import InputError
from staffpath.people.service import (
    find_person,
    import_roster,
    import_teams,
    list_people,
    list_teams,
    person_to_dict,
)

app = typer.Typer(help="People: import a roster, list and show people.", no_args_is_help=True)
teams_app = typer.Typer(help="Teams and the code they own.", no_args_is_help=True)


@app.command("import")
def import_(
    ctx: typer.Context,
    roster: Annotated[Path, typer.Argument(help="CSV with name, email(s), team, manager, "
                                           "level, target_level[, role, org_unit].")],
    skip_invalid: Annotated[bool, typer.Option(
        "--skip-invalid", help="Import the valid rows and report the bad ones.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Create or update people from a roster CSV (nothing is written if a row is bad)."""
    st = state(ctx)
    with st.session() as session:
        fw = st.framework(session)
        report = import_roster(session, roster, level_ids=fw.level_ids, skip_invalid=skip_invalid)
    if json_out:
        print_json(report.as_dict())
        return
    for w in report.warnings:
        err_console.print(f"[yellow]warning:[/yellow] {w}", highlight=False)
    for s in report.skipped:
        err_console.print(f"[yellow]skipped:[/yellow] {s}", highlight=False)
    console.print(f"{report.added} added, {report.updated} updated, "
                  f"{report.unchanged} unchanged" + (f", {len(report.skipped)} problem(s) skipped"
                                                     if report.skipped else ""))


NameOpt = Annotated[str | None, typer.Option("--name", help="Full name.")]
EmailOpt = Annotated[str | None, typer.Option("--email", help="Work e-mail address.")]
TeamOpt = Annotated[str | None, typer.Option(
    "--team", help="Team (created if it is new).")]
LevelOpt = Annotated[str | None, typer.Option(
    "--level", help="Current level id of the framework, e.g. senior.")]
TargetOpt = Annotated[str | None, typer.Option(
    "--target", help="The level aimed for, e.g. staff.")]


def _report_added(st_root: str, added: Added, json_out: bool) -> None:
    if json_out:
        print_json({"handle": added.handle, "name": added.name, "workspace": st_root,
                    "created_team": added.created_team})
        return
    console.print(f"Added {added.name} as [bold]{added.handle}[/bold] (workspace {st_root})",
                  highlight=False)


@app.command("add")
def add(
    ctx: typer.Context,
    name: NameOpt = None,
    email: EmailOpt = None,
    team: TeamOpt = None,
    level: LevelOpt = None,
    target: TargetOpt = None,
    manager: Annotated[str | None, typer.Option(
        "--manager", help="The manager's handle (already in the workspace).")] = None,
    role: Annotated[str, typer.Option(
        "--role", help="engineer, manager or director.")] = "engineer",
    json_out: JsonOpt = False,
) -> None:
    """Add one person without a roster file (asks for what is missing in a terminal)."""
    st = state(ctx)
    fields: dict[str, str | None] = {"name": name, "email": email, "team": team,
                                     "level": level, "target_level": target,
                                     "manager": manager, "role": role}
    if (not name or not email) and in_terminal():
        fields = ask_details(fields, level_choices(st))
    if not fields["name"] or not fields["email"]:
        raise InputError("give --name and --email (or run in a terminal to be asked)")
    _report_added(str(st.root.resolve()), create(st, fields), json_out)


@app.command("list")
def list_(
    ctx: typer.Context,
    team: Annotated[str | None, typer.Option("--team", "-t", help="Only this team.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """List people with their team, level and target level."""
    with state(ctx).session(read_only=True) as session:
        people = [person_to_dict(p) for p in list_people(session, team=team)]
    if json_out:
        print_json(people)
        return
    table = Table("id", "name", "handle", "team", "role", "level", "target")
    for p in people:
        table.add_row(str(p["id"]), p["name"], p["handle"], p["team"] or "", p["role"],
                      p["level"] or "", p["target_level"] or "")
    console.print(table)


@app.command()
def show(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Id, handle, e-mail or name.")],
    json_out: JsonOpt = False,
) -> None:
    """Show one person."""
    with state(ctx).session(read_only=True) as session:
        p = find_person(session, person)
        data = person_to_dict(p)
        data["manager"] = p.manager.name if p.manager else None
    if json_out:
        print_json(data)
        return
    for key in ("name", "handle", "emails", "team", "manager", "role", "level", "target_level"):
        value = data[key]
        console.print(f"[bold]{key}:[/bold] "
                      f"{', '.join(value) if isinstance(value, list) else value or '—'}")


@teams_app.command("import")
def teams_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="YAML list of {name, org_unit, description, "
                                         "owns: [path patterns]}.")],
    json_out: JsonOpt = False,
) -> None:
    """Create or update teams and their code-ownership patterns."""
    with state(ctx).session() as session:
        added, updated = import_teams(session, file)
    if json_out:
        print_json({"added": added, "updated": updated})
    else:
        console.print(f"{added} team(s) added, {updated} updated")


@teams_app.command("list")
def teams_list(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List teams, their org unit, size and owned paths."""
    with state(ctx).session(read_only=True) as session:
        teams = [{"id": t.id, "name": t.name, "org_unit": t.org_unit, "members": len(t.members),
                  "owns": list(t.owns)} for t in list_teams(session)]
    if json_out:
        print_json(teams)
        return
    table = Table("team", "org unit", "people", "owns")
    for t in teams:
        table.add_row(str(t["name"]), str(t["org_unit"] or ""), str(t["members"]),
                      ", ".join(t["owns"]))  # type: ignore[arg-type]
    console.print(table)
