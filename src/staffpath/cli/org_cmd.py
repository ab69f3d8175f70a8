"""`staffpath org ...`: the organisation as a system — level mix and bench, mentorship,
key-person risk, work across teams, and codebase quality."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from staffpath.accounts.audit import COMMAND_LINE
from staffpath.accounts.principal import Principal
from staffpath.cli.options import AnonOpt, AsOfOpt, JsonOpt, SvgOpt, parse_date
from staffpath.cli.state import State, console, print_json, state, write_atomically
from staffpath.errors import InputError
from staffpath.mining.rules import load_rules
from staffpath.org import service
from staffpath.people.orgsize import clear_org_size, declare_org_size, declared_org_size
from staffpath.people.service import find_person

app = typer.Typer(
    help="The organisation as a system: level mix and staff bench, mentorship, key-person "
         "risk, work across teams, codebase quality.",
    no_args_is_help=True)


# The command line reads the database directly, so it sees what an admin sees.
VIEWER = Principal.command_line()


def _svg(path: Path | None, svg: str) -> None:
    if path is not None:
        write_atomically(path, svg)
        console.print(f"chart written to {path}", highlight=False)


def _files(n: int) -> str:
    return f"{n} file{'s' if n != 1 else ''}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(100 * value)}%"


def _read(st: State) -> Any:
    return st.store.session(read_only=True)


@app.command("levels")
def levels(ctx: typer.Context, as_of: AsOfOpt = None, svg: SvgOpt = None,
           anonymous: AnonOpt = False, json_out: JsonOpt = False) -> None:
    """Engineers per level by team and org unit, the staff-plus ratio against about one per
    eight engineers, which archetypes the org's size supports, and the staff bench."""
    st = state(ctx)
    with _read(st) as session:
        fw = st.framework(session)
        mix = service.levels(session, VIEWER, fw, as_of=parse_date(as_of, "--as-of"))
    data = mix.as_dict(anonymous=anonymous)
    if svg is not None:
        from staffpath.org import charts  # matplotlib loads only for a chart
        write_atomically(svg, charts.level_mix_svg(mix))
    if json_out:
        print_json(data)
        return
    console.print(f"[bold]{data['engineers']}[/bold] engineers, [bold]{data['staff_plus']}"
                  f"[/bold] staff and above: one per {data['engineers_per_staff'] or '—'} "
                  f"(rule of thumb one per {data['rule_of_thumb']}; expected about "
                  f"{data['expected_staff_plus']}) — {data['verdict']}", highlight=False)
    titles = {lv["id"]: lv["title"] for lv in data["levels"]}
    table = Table("Team", "Org unit", "Engineers", *titles.values(), "Staff+", "Bench")
    for t in data["teams"]:
        table.add_row(t["name"], t["org_unit"] or "—", str(t["engineers"]),
                      *(str(t["levels"].get(lv, 0) or "·") for lv in titles),
                      str(t["staff_plus"]), str(t["bench"]))
    console.print(table)
    console.print("Archetypes: " + "; ".join(
        f"{a['title']} " + ("supported" if a["supported"]
                            else f"from about {a['min_org_engineers']} engineers")
        for a in data["archetypes"]), highlight=False)
    bench = data["bench"]
    console.print(f"Staff bench: {bench['ready']} ready by the evidence, {bench['near']} close",
                  highlight=False)
    for b in bench.get("people", []):
        console.print(f"  {b['name']} ({b['team'] or 'no team'}): "
                      f"{'ready' if b['ready'] else 'close'}, {b['staff_dimensions']} of "
                      f"{b['dimensions']} dimensions at staff", highlight=False)
    if svg is not None:
        console.print(f"chart written to {svg}", highlight=False)


@app.command("mentorship")
def mentorship(ctx: typer.Context, since: Annotated[str | None, typer.Option(
        "--since", help="Only relations from evidence on or after this date.")] = None,
        svg: SvgOpt = None, anonymous: AnonOpt = False, json_out: JsonOpt = False) -> None:
    """Mentor → mentee relations from the ledger and sustained code review, and each
    mentor's reach: their mentees and the mentees those went on to take on."""
    st = state(ctx)
    with _read(st) as session:
        fw = st.framework(session)
        graph = service.mentorship(session, VIEWER, fw, since=parse_date(since, "--since"))
    data = graph.as_dict(anonymous=anonymous)
    if svg is not None:
        from staffpath.org import mentorship_chart  # matplotlib loads only for a chart
        write_atomically(svg, mentorship_chart.mentorship_svg(graph, anonymous=anonymous))
    if json_out:
        print_json(data)
        return
    kinds = ", ".join(f"{k} {n}" for k, n in data["by_kind"].items()) or "none"
    console.print(f"{data['relations']} relations ({kinds}); "
                  f"{data['mentors']} mentors, {data['mentors_who_created_mentors']} of them "
                  "created mentors who mentor others", highlight=False)
    if anonymous:
        table = Table("Mentor's team", "Mentee's team", "Relations")
        for link in data["team_links"]:
            table.add_row(link["from"], link["to"], str(link["relations"]))
    else:
        table = Table("Person", "Team", "Reach", "Mentees", "Mentors they created")
        for p in data["people"]:
            if p["reach"]:
                table.add_row(p["name"], p["team"] or "—", str(p["reach"]),
                              ", ".join(p["mentees"]), ", ".join(p["created_mentors"]) or "—")
    console.print(table)
    if svg is not None:
        console.print(f"chart written to {svg}", highlight=False)


@app.command("risk")
def risk(
    ctx: typer.Context,
    repo: Annotated[str | None, typer.Option("--repo", help="One mined repository.")] = None,
    remove: Annotated[list[str] | None, typer.Option(
        "--what-if-remove", help="What if this person were away (repeat for several).")
    ] = None,
    move: Annotated[list[str] | None, typer.Option(
        "--what-if-move", help="What if this person moved: HANDLE:TEAM (repeatable).")] = None,
    as_of: AsOfOpt = None, svg: SvgOpt = None, anonymous: AnonOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Truck factor per repository and team with its trend, the areas only one person knows,
    and what-ifs: someone leaves or moves team."""
    st = state(ctx)
    rules = load_rules(st.workspace.root)
    day = parse_date(as_of, "--as-of")
    with _read(st) as session:
        report = service.risk(session, VIEWER, as_of=day, repo=repo, rules=rules)
        change = service.what_if(session, VIEWER, remove=remove or [], move=move or [],
                                 as_of=day, repo=repo, rules=rules) if remove or move else None
    data = report.as_dict(anonymous=anonymous)
    if change is not None:
        data["what_if"] = change.as_dict(anonymous=anonymous)
    if svg is not None:
        from staffpath.org import charts  # matplotlib loads only for a chart
        write_atomically(svg, charts.truck_trend_svg(report))
    if json_out:
        print_json(data)
        return
    for r in data["repositories"]:
        trend = " → ".join(str(p["truck_factor"]) for p in r["trend"])
        who = (": " + ", ".join(p["name"] for p in r.get("key_people", []))
               if r.get("key_people") else "")
        console.print(f"[bold]{r['name']}[/bold]: truck factor {r['truck_factor']}{who} "
                      f"({r['files']} files; over time {trend or '—'})", highlight=False)
        table = Table("Team", "Files", "Truck factor (team)", "(anyone)",
                      "Files no one on the team knows", "Areas mostly unknown to the team")
        for t in r["teams"]:
            areas = t["orphaned_areas"]
            table.add_row(t["team"], str(t["files"]), str(t["truck_factor"]),
                          str(t["org_truck_factor"]), str(t["orphaned"]),
                          ", ".join(areas) if isinstance(areas, list) else str(areas))
        console.print(table)
        for a in r.get("areas", []):
            if a["truck_factor"] == 1 and a["key_people"]:
                console.print(f"  only {a['key_people'][0]['name']} knows most of "
                              f"{a['area']} ({_files(a['files'])})", highlight=False)
    if change is not None:
        console.print("[bold]What if[/bold]" + (
            f" {', '.join(data['what_if']['scenario']['removed'])} were away"
            if not anonymous and data["what_if"]["scenario"]["removed"] else "")
            + (f"; moves {data['what_if']['scenario']['moved']}"
               if not anonymous and data["what_if"]["scenario"]["moved"] else ""),
            highlight=False)
        if not change.changes:
            console.print("  nothing changes: no truck factor and no orphaned file moves")
        for c in change.changes:
            where = f"{c.repo}" + (f" / {c.team}" if c.team else "")
            extra = (f"; newly orphaned: {', '.join(c.newly_orphaned_areas)}"
                     if c.newly_orphaned_areas else "")
            console.print(f"  {where}: truck factor {c.truck_before} → {c.truck_after}, "
                          f"orphaned files {c.orphaned_before} → {c.orphaned_after}{extra}",
                          highlight=False)
    if svg is not None:
        console.print(f"chart written to {svg}", highlight=False)


@app.command("away")
def away(ctx: typer.Context,
         person: Annotated[str, typer.Argument(help="Handle, e-mail or name.")],
         as_of: AsOfOpt = None, json_out: JsonOpt = False) -> None:
    """What would stop if this person were away: code only they know, teams left without
    anyone who knows their own code, and what they have already handed on."""
    st = state(ctx)
    with _read(st) as session:
        who = find_person(session, person)
        view = service.away(session, VIEWER, who.id, as_of=parse_date(as_of, "--as-of"),
                            rules=load_rules(st.workspace.root))
    data = view.as_dict()
    if json_out:
        print_json(data)
        return
    console.print(f"[bold]What would stop if {view.person.name} were away[/bold] "
                  f"(knows {_files(view.files_authored)}; the only author of "
                  f"{view.only_them})", highlight=False)
    if not view.areas:
        console.print("  nothing: every file they know, someone else knows too")
    for a in view.areas:
        console.print(f"  {a.repository}:{a.area}: only them for {a.only_them} of "
                      f"{_files(a.files)}"
                      f"{' — most of this area rests on them' if a.key_person else ''}",
                      highlight=False)
    for c in view.changes:
        where = c.repo + (f" / {c.team}" if c.team else "")
        console.print(f"  {where}: truck factor would go {c.truck_before} → {c.truck_after}",
                      highlight=False)
    if view.handed_on:
        console.print("Already handed on in the last year: " + "; ".join(
            f"{h.name} ({_files(h.files)} in {h.repository})" for h in view.handed_on),
            highlight=False)


@app.command("crossteam")
def crossteam(ctx: typer.Context, since: Annotated[str | None, typer.Option(
        "--since", help="From this date (default: a year ago).")] = None,
        until: Annotated[str | None, typer.Option("--until", help="To this date.")] = None,
        svg: SvgOpt = None, anonymous: AnonOpt = False, json_out: JsonOpt = False) -> None:
    """Which teams change which other teams' code and review each other's work."""
    st = state(ctx)
    with _read(st) as session:
        ct = service.crossteam(session, VIEWER, since=parse_date(since, "--since"),
                               until=parse_date(until, "--until"))
    data = ct.as_dict(anonymous=anonymous)
    if svg is not None:
        from staffpath.org import charts  # matplotlib loads only for a chart
        write_atomically(svg, charts.crossteam_svg(ct))
    if json_out:
        print_json(data)
        return
    table = Table("Team doing the work", "For team", "Commits", "Reviews", "People",
                  title=f"Work across teams, {data['since']} to {data['until']}")
    for link in data["links"]:
        people = ", ".join(link["names"]) if "names" in link else str(link["people"])
        table.add_row(link["from"], link["to"], str(link["commits"]), str(link["reviews"]),
                      people)
    console.print(table)
    if svg is not None:
        console.print(f"chart written to {svg}", highlight=False)


@app.command("quality")
def quality(ctx: typer.Context,
            repo: Annotated[str | None, typer.Argument(
                help="A mined repository's name or path (without it: the ones mined).")] = None,
            svg: SvgOpt = None, anonymous: AnonOpt = False, json_out: JsonOpt = False) -> None:
    """A repository's quality scorecard: typed code, files with tests, hot files, module
    interface sizes and preferred libraries, with the trend at past quarter ends."""
    st = state(ctx)
    config = st.workspace.config.quality
    with _read(st) as session:
        if repo is None:
            mined = [f"{r.name} ({r.path})" for r in service.mined_repositories(session)]
            raise InputError("say which repository: " + ("; ".join(mined) if mined else
                             "none mined yet (staffpath mine PATH)"))
        card = service.quality(session, VIEWER, repo, config,
                               cache=st.workspace.root / "cache" / "quality")
    data = card.as_dict(anonymous=anonymous)
    if svg is not None:
        from staffpath.org import charts  # matplotlib loads only for a chart
        write_atomically(svg, charts.quality_trend_svg(card))
    if json_out:
        print_json(data)
        return
    m = card.current
    console.print(f"[bold]{card.repository}[/bold] at {m.commit[:12]} ({m.date}), "
                  f"{m.files} files", highlight=False)
    table = Table("Measure", "Now", *(p.date.strftime("%b %Y") for p in card.trend[:-1]))
    rows = [("Python functions annotated", "annotated_share"),
            ("TypeScript, not JavaScript", "ts_share"),
            ("Source files with a test", "tested_share")]
    for title, key in rows:
        table.add_row(title, _pct(getattr(m, key)),
                      *(_pct(getattr(p, key)) for p in card.trend[:-1]))
    table.add_row("Hot files (in most recent changes)", str(len(m.hot_files)),
                  *(str(len(p.hot_files)) for p in card.trend[:-1]))
    table.add_row("Public names per module (median)", str(m.interface_median or "—"),
                  *(str(p.interface_median or "—") for p in card.trend[:-1]))
    for lib in m.libraries:
        table.add_row(f"Preferred {lib.job} library ({lib.use})", _pct(lib.share),
                      *(_pct(next((x.share for x in p.libraries if x.job == lib.job), None))
                        for p in card.trend[:-1]))
    console.print(table)
    if m.hot_files:
        console.print("Hot files: " + ", ".join(f"{p} ({n})" for p, n in m.hot_files[:8]),
                      highlight=False)
    if not m.libraries:
        console.print("No preferred libraries configured; add [quality.preferred.JOB] with "
                      "use = \"...\" and avoid = [...] to staffpath.toml", highlight=False,
                      markup=False)
    if svg is not None:
        console.print(f"chart written to {svg}", highlight=False)


@app.command("size")
def size(
    ctx: typer.Context,
    engineers: Annotated[int | None, typer.Option(
        "--engineers", help="Declare the organisation's size: how many engineers it has.")] = None,
    teams: Annotated[int, typer.Option(
        "--teams", help="With --engineers: in how many teams (0: not known; then one per "
                        "eight engineers).")] = 0,
    clear: Annotated[bool, typer.Option(
        "--clear", help="Withdraw the declared size: each record's own statement is read "
                        "again.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """The organisation's size, which decides how far work in it can reach ("company-wide" at
    fourteen engineers is two squads). The roster counts who uses staffpath, not the
    organisation; without a declared size, each record's own statement of it is read."""
    if clear and engineers is not None:
        raise InputError("--clear and --engineers ask for opposite things; give one")
    if engineers is None and teams:
        raise InputError("--teams needs --engineers: the size is declared as a whole")
    st = state(ctx)
    cleared = False
    if engineers is not None or clear:
        with st.store.session() as session:
            if clear:
                cleared = clear_org_size(session, COMMAND_LINE)
            else:
                declare_org_size(session, COMMAND_LINE, engineers or 0, teams)
    with _read(st) as session:
        declared = declared_org_size(session)
    if json_out:
        print_json({"declared": declared.as_dict() if declared else None})
        return
    if declared is None:
        console.print(("Declared size withdrawn. " if clear and cleared else "")
                      + "No size is declared: each record's own statement of the "
                      "organisation's size is read (\"we are 14 engineers in two squads\").",
                      highlight=False)
        return
    teams_text = f" in {declared.teams} teams" if declared.teams else ""
    console.print(f"The organisation is declared at {declared.engineers} engineers"
                  f"{teams_text}: everyone's work is read at that size.", highlight=False)
