"""`staffpath plan`, `staffpath opportunity …` and `staffpath matches`: growth plans from the
gaps, open work that could grow someone, and who would be grown by it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from staffpath.accounts.audit import COMMAND_LINE
from staffpath.accounts.principal import Principal
from staffpath.cli.options import parse_date
from staffpath.cli.state import console, print_json, state
from staffpath.errors import InputError
from staffpath.growth.importing import parse_file
from staffpath.growth.opportunities import (
    OpportunityInput,
    add_goal,
    add_opportunity,
    input_error,
    list_opportunities,
    save_opportunities,
)
from staffpath.growth.plan import Plan, plan_for, start_plan
from staffpath.growth.progress import GapHistory, gap_history
from staffpath.people.service import find_person

JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
PersonArg = Annotated[str, typer.Argument(help="Id, handle, e-mail or name.")]
OPERATOR = Principal.command_line()

app = typer.Typer(help="Open work that could grow someone: record, import, list.",
                  no_args_is_help=True)
goals_app = typer.Typer(help="The organisation's goals for the period.", no_args_is_help=True)


def _print_plan(name: str, plan: Plan) -> None:
    if not plan.steps:
        console.print(f"[bold]{name}[/bold]: " + (" ".join(plan.notes) or "no steps"))
        return
    state_text = (f"started {plan.started_on}" if plan.started_on else
                  "proposed (start it with --start)")
    console.print(f"[bold]{name}[/bold] → {plan.target_level}: {len(plan.steps)} step(s) "
                  f"for {len(plan.gaps)} gap(s), {state_text}")
    table = Table("#", "Step", "Rules it meets", "Evidence it asks for", "By", "Progress",
                  expand=True)
    for s in plan.steps:
        rules = "\n".join(f"{r['id']}" + (" ✓" if r["id"] in s.rules_met else "")
                          for r in s.rules)
        table.add_row(str(s.position), s.title, rules, s.asks, s.target_date.isoformat(),
                      f"{s.progress:.0%}")
    console.print(table)
    if plan.uncovered:
        console.print(f"[dim]Not in these steps: {', '.join(plan.uncovered)}[/dim]")


def plan(
    ctx: typer.Context,
    person: PersonArg,
    start: Annotated[bool, typer.Option(
        "--start", help="Keep today's proposal as the plan and track progress from today.")
    ] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Plan as at this date.")] = None,
    history: Annotated[bool, typer.Option(
        "--history", help="Also the rules still open at each of the last 12 months' ends.")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """The one to three steps that close most of a person's gap to their target level."""
    st = state(ctx)
    day = parse_date(as_of, "--as-of")
    with st.session(read_only=not start) as session:
        who = find_person(session, person)
        fw = st.framework(session)
        result = (start_plan(session, COMMAND_LINE, OPERATOR, who, fw, as_of=day) if start
                  else plan_for(session, OPERATOR, who, fw, as_of=day))
        past = gap_history(session, OPERATOR, who, fw, as_of=day) if history else None
        name = who.name
    if json_out:
        print_json(result.to_dict() | ({"history": past.to_dict()} if past else {}))
        return
    _print_plan(name, result)
    if past is not None:
        _print_history(past)


def _print_history(past: GapHistory) -> None:
    """One bar per month: the rules still open then."""
    console.print(f"Rules of {past.target_level} still open at each month's end"
                  + (f" (plan started {past.plan_started})" if past.plan_started else "") + ":")
    for p in past.points:
        mark = "  ready" if p.ready else ""
        console.print(f"  {p.day.strftime('%b %Y')}  {'█' * p.gaps:<12}{p.gaps:>3}{mark}")


@app.command("add")
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What the work is.")],
    description: Annotated[str, typer.Option(
        "--description", "-d", help="What the work is, in a few sentences.")] = "",
    kind: Annotated[str, typer.Option(
        "--kind", help="migration, rfc, incident_follow_up, cross_team_project, review, "
        "pairing or project.")] = "project",
    team: Annotated[list[str] | None, typer.Option("--team", help="A team it involves.")
                    ] = None,
    reach: Annotated[str, typer.Option(
        "--reach", help="self, team, teams, org or company.")] = "team",
    weeks: Annotated[int, typer.Option("--weeks", help="Expected duration.")] = 6,
    dimension: Annotated[list[str] | None, typer.Option(
        "--dimension", help="A framework dimension it exercises (id or alias).")] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Who owns the work.")] = None,
    goal: Annotated[str | None, typer.Option("--goal", help="An organisation goal's title.")
                    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Record one opportunity."""
    from pydantic import ValidationError

    try:
        data = OpportunityInput(title=title, description=description, kind=kind,
                                teams=team or [], reach=reach, duration_weeks=weeks,
                                dimensions=dimension or [], owner=owner, goal=goal)
    except ValidationError as exc:
        raise input_error(exc) from None
    st = state(ctx)
    with st.session() as session:
        view = add_opportunity(session, COMMAND_LINE, OPERATOR, st.framework(session), data)
    if json_out:
        print_json(view.to_dict())
    else:
        console.print(f"opportunity #{view.id}: {view.title}")


@app.command("list")
def list_(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option("--status", help="open, assigned or closed.")
                      ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Opportunities, newest first."""
    st = state(ctx)
    with st.session(read_only=True) as session:
        rows = list_opportunities(session, status=status)
    if json_out:
        print_json([r.to_dict() for r in rows])
        return
    table = Table("id", "title", "kind", "teams", "reach", "weeks", "dimensions", "goal",
                  "status")
    for r in rows:
        table.add_row(str(r.id), r.title, r.kind, ", ".join(r.teams), r.reach.label,
                      str(r.duration_weeks), ", ".join(r.dimensions), r.goal or "", r.status)
    console.print(table)


@app.command("import")
def import_(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A GitHub issues JSON export or a CSV file.")],
    json_out: JsonOpt = False,
) -> None:
    """Import opportunities; a bad row is reported by file and line and nothing is written."""
    st = state(ctx)
    with st.session() as session:
        fw = st.framework(session)
        rows = parse_file(path, fw)
        added, updated = save_opportunities(session, COMMAND_LINE, OPERATOR, fw, rows)
    out = {"added": added, "updated": updated}
    if json_out:
        print_json(out)
    else:
        console.print(f"{added} opportunity(ies) added, {updated} updated from {path}")


@goals_app.command("add")
def goal_add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="The goal, in a line.")],
    owner: Annotated[str | None, typer.Option(
        "--owner", help="Who owns the goal (handle, e-mail or name).")] = None,
    period: Annotated[str, typer.Option("--period", help="e.g. 2026-H2.")] = "",
    json_out: JsonOpt = False,
) -> None:
    """Record one of the organisation's goals."""
    st = state(ctx)
    with st.session() as session:
        goal = add_goal(session, COMMAND_LINE, OPERATOR, title, owner=owner, period=period)
        out = {"id": goal.id, "title": goal.title, "period": goal.period}
    if json_out:
        print_json(out)
    else:
        console.print(f"goal #{out['id']}: {out['title']}")


strategy_app = typer.Typer(help="Turn recent design documents into a draft strategy.",
                           no_args_is_help=True)


@strategy_app.command("synthesise")
def synthesise_cmd(
    ctx: typer.Context,
    repos: Annotated[list[Path] | None, typer.Argument(
        help="Mined repositories whose design documents to read.")] = None,
    repository: Annotated[str | None, typer.Option(
        "--repository", help="Only documents from this repository (its folder name).")] = None,
    team: Annotated[str | None, typer.Option(
        "--team", help="Only documents by this team's people.")] = None,
    org_unit: Annotated[str | None, typer.Option(
        "--org-unit", help="Only documents by this org unit's people.")] = None,
    tag: Annotated[str | None, typer.Option(
        "--tag", help="Only documents carrying this tag.")] = None,
    last: Annotated[int, typer.Option("--last", help="How many documents, newest first.")
                    ] = 10,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the draft.")
                      ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Themes the area's last design documents share, each backed by two or more of them."""
    from staffpath.cli.state import write_atomically
    from staffpath.growth.strategy import Area, synthesise, to_markdown

    for repo in repos or []:
        if not repo.is_dir():
            raise InputError("is not a folder", path=repo)
    st = state(ctx)
    with st.session(read_only=True) as session:
        result = synthesise(session, OPERATOR, Area(repository, team, org_unit, tag),
                            repos or [], last=last)
    draft = to_markdown(result)
    if output is not None:
        write_atomically(output, draft)
    if json_out:
        print_json({**result.to_dict(), "markdown": draft})
    elif output is None:
        console.print(draft, markup=False, highlight=False)
    else:
        console.print(f"{len(result.themes)} theme(s) from {len(result.docs)} document(s); "
                      f"draft written to {output}")


@strategy_app.command("adopt")
def adopt_cmd(
    ctx: typer.Context,
    draft: Annotated[Path, typer.Argument(help="The edited draft.")],
    person: Annotated[str, typer.Option("--person", help="Whose strategy it is.")],
    json_out: JsonOpt = False,
) -> None:
    """Record an edited draft as a strategy evidence item listing its sources."""
    from staffpath.growth.strategy import adopt

    try:
        text = draft.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", path=draft) from None
    st = state(ctx)
    with st.session() as session:
        who = find_person(session, person)
        item = adopt(session, COMMAND_LINE, OPERATOR, who, text, path=str(draft))
        out = {"id": item.id, "title": item.title, "kind": item.kind,
               "sources": item.extra["synthesis"]["sources"]}
    if json_out:
        print_json(out)
    else:
        console.print(f"E{out['id']}: {out['title']} ({len(out['sources'])} sources)")


promotion_app = typer.Typer(help="Promotions followed up: check-ins and cohort outcomes.",
                            no_args_is_help=True)


def fit(
    ctx: typer.Context,
    person: PersonArg,
    energises: Annotated[str | None, typer.Option(
        "--energises", help="Record your answer to 'what energises you'.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """How recorded work splits between building and staff work, and how the staff shape
    that fits would change it."""
    from staffpath.growth.fit import fit_reflection, set_energises

    st = state(ctx)
    with st.session(read_only=energises is None) as session:
        who = find_person(session, person)
        if energises is not None:
            set_energises(session, COMMAND_LINE, OPERATOR, who, energises)
        result = fit_reflection(session, OPERATOR, who, st.framework(session))
    if json_out:
        print_json(result.to_dict())
        return
    table = Table("Work", "Today", result.shape_title or "Staff shape", expand=False)
    for row in result.rows():
        table.add_row(row["label"], f"{row['today']:.0%}",
                      f"{row['shape']:.0%}" if result.shape else "—")
    console.print(table)
    console.print(result.summary)
    if result.energises:
        console.print(f"[bold]What energises them:[/bold] {result.energises}")


@promotion_app.command("record")
def promotion_record(
    ctx: typer.Context,
    person: PersonArg,
    to_level: Annotated[str, typer.Option("--to", help="The new level.")],
    on: Annotated[str, typer.Option("--on", help="Date of the promotion.")],
    from_level: Annotated[str | None, typer.Option(
        "--from", help="The level before (default: the roster's).")] = None,
) -> None:
    """Record a promotion so that its 3, 6 and 12-month check-ins can follow."""
    from staffpath.growth.followup import record_promotion

    day = parse_date(on, "--on")
    assert day is not None
    st = state(ctx)
    with st.session() as session:
        fw = st.framework(session)
        fw.level_index(to_level)
        row = record_promotion(session, COMMAND_LINE, OPERATOR, find_person(session, person),
                               day, to_level, from_level)
        console.print(f"promotion #{row.id} recorded")


@promotion_app.command("checkin")
def promotion_checkin(
    ctx: typer.Context,
    person: PersonArg,
    month: Annotated[int, typer.Option("--month", help="3, 6 or 12.")],
    happy: Annotated[bool, typer.Option(
        "--happy/--unhappy", help="Whether they are happy in the new role.")],
    wants_back: Annotated[bool, typer.Option(
        "--wants-back/--stays", help="Whether they want their old role back.")] = False,
    in_role: Annotated[bool, typer.Option(
        "--in-role/--left-role", help="Whether they are still in the role.")] = True,
    note: Annotated[str, typer.Option("--note", help="Anything else, in their words.")] = "",
) -> None:
    """A promoted person's short self-report."""
    from staffpath.growth.followup import record_checkin

    st = state(ctx)
    with st.session() as session:
        record_checkin(session, COMMAND_LINE, OPERATOR, find_person(session, person), month,
                       happy=happy, wants_back=wants_back, in_role=in_role, note=note)
    console.print(f"{month}-month check-in recorded")


@promotion_app.command("cohorts")
def promotion_cohorts(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Per half-year cohort: still in the role and still at the company a year on."""
    from staffpath.growth.followup import cohorts

    st = state(ctx)
    with st.session(read_only=True) as session:
        rows = [c.to_dict() for c in cohorts(session, OPERATOR)]
    if json_out:
        print_json(rows)
        return
    table = Table("cohort", "promoted", "a year on", "in role", "at company", "happy at 12m")
    for r in rows:
        table.add_row(r["cohort"], str(r["promoted"]), str(r["a_year_on"]),
                      str(r["still_in_role"]), str(r["still_at_company"]),
                      f"{r['happy_at_12_months']}/{r['answered_12_months']}")
    console.print(table)
