"""`staffpath cycle`: promotion cycles from the terminal, through the same service as the web.

The CLI operator owns the workspace and acts as an administrator; `--as HANDLE` acts as one
person (a panel member scoring, a manager agreeing) and sees only what they may see.
Every change is written to the audit log with ids only, never a score's value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text
from sqlalchemy.orm import Session

from staffpath.accounts import audit
from staffpath.accounts.principal import Principal
from staffpath.cli.evidence_cmd import parse_date
from staffpath.cli.state import console, print_json, state, write_bytes_atomically
from staffpath.cycles import service as cycles
from staffpath.cycles.report import REPORT_FORMATS, build_report, render_report
from staffpath.cycles.tables import Cycle
from staffpath.errors import InputError, NotFoundError
from staffpath.people.service import find_person

app = typer.Typer(help="Promotion cycles: nominations, blind scoring, calibration, decisions.",
                  no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
CycleArg = Annotated[str, typer.Argument(help="Cycle id or name.")]
PersonArg = Annotated[str, typer.Argument(help="The nominee: id, handle, e-mail or name.")]
AsOpt = Annotated[str | None, typer.Option(
    "--as", help="Act and see as this person (handle); default: the administrator.")]


def _audit(session: Session, action: str, target_type: str, target_id: int | None) -> None:
    audit.record(session, audit.AuditEvent(action=action, target_type=target_type,
                                           target_id=target_id, route=f"cli cycle {action}"))


def _done(data: dict[str, Any], message: str, json_out: bool) -> None:
    if json_out:
        print_json(data)
    else:
        console.print(message)


@app.command("open")
def open_(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A name for the cycle, e.g. '2026 H1'.")],
    opens: Annotated[str | None, typer.Option("--opens", help="First day (YYYY-MM-DD).")
                     ] = None,
    closes: Annotated[str | None, typer.Option("--closes", help="Last day (YYYY-MM-DD).")
                      ] = None,
    framework: Annotated[str | None, typer.Option(
        "--framework", help="Framework fingerprint (or its start); default: the one in force.")
    ] = None,
    draft: Annotated[bool, typer.Option(
        "--draft", help="Create it in draft (prepare nominations and panels first).")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Open a cycle: create it (with --opens and --closes), or open an existing draft."""
    st = state(ctx)
    with st.session() as session:
        try:
            existing: Cycle | None = cycles.get_cycle(session, name)
        except NotFoundError:
            existing = None  # created below
        if existing is None:
            start, end = parse_date(opens, "--opens"), parse_date(closes, "--closes")
            if start is None or end is None:
                raise InputError("a new cycle needs --opens and --closes (YYYY-MM-DD)")
            cycle = cycles.create_cycle(session, name, start, end, framework=framework)
            _audit(session, "create_cycle", "cycle", cycle.id)
        else:
            cycle = existing
        if not draft:
            cycles.open_cycle(session, cycle)
            _audit(session, "open_cycle", "cycle", cycle.id)
        data = cycles.cycle_to_dict(cycle)
    _done(data, f"cycle {data['name']!r} (#{data['id']}) is {data['state']}, "
                f"{data['opens_on']} to {data['closes_on']}, framework "
                f"{data['framework']['version']}", json_out)


@app.command("list")
def list_(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Every cycle, newest first."""
    st = state(ctx)
    with st.session() as session:
        rows = [cycles.cycle_to_dict(c) | {"nominations": len(c.nominations)}
                for c in cycles.list_cycles(session, Principal.command_line())]
    if json_out:
        print_json(rows)
        return
    table = Table("id", "name", "state", "opens", "closes", "framework", "nominations")
    for r in rows:
        table.add_row(str(r["id"]), r["name"], r["state"], r["opens_on"], r["closes_on"],
                      r["framework"]["version"], str(r["nominations"]))
    console.print(table)


@app.command("nominate")
def nominate(
    ctx: typer.Context, cycle: CycleArg, person: PersonArg,
    self_: Annotated[bool, typer.Option(
        "--self", help="A self-nomination: it counts once the manager agrees.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Put someone forward in a cycle."""
    st = state(ctx)
    with st.session() as session:
        c = cycles.get_cycle(session, cycle)
        who = find_person(session, person)
        n = (cycles.self_nominate if self_ else cycles.nominate)(session, c, who)
        _audit(session, "nominate", "nomination", n.id)
        data = {"id": n.id, "cycle": c.name, "person": who.handle,
                "nominated_by": n.nominated_by, "needs_agreement": cycles.needs_agreement(n),
                "manager": n.manager.handle if n.manager else None}
    note = f"; waiting for {data['manager']} to agree" if data["needs_agreement"] else ""
    _done(data, f"{who.handle} nominated in {c.name!r} (#{data['id']}){note}", json_out)


def _ratings(items: list[str] | None) -> dict[str, str]:
    ratings: dict[str, str] = {}
    for item in items or []:
        dim, sep, level = item.partition("=")
        if not sep or not dim.strip() or not level.strip():
            raise InputError(f"--rating {item!r}: use dimension=level, e.g. strategy=staff")
        ratings[dim.strip()] = level.strip()
    return ratings


@app.command("agree")
def agree(
    ctx: typer.Context, cycle: CycleArg, person: PersonArg,
    as_: Annotated[str, typer.Option("--as", help="The nominee's manager (handle).")],
    rating: Annotated[list[str] | None, typer.Option(
        "--rating", help="The manager's level for a dimension, as dimension=level; repeat.")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """A manager agrees to a report's self-nomination (and may rate each dimension)."""
    ratings = _ratings(rating)
    st = state(ctx)
    with st.session() as session:
        c = cycles.get_cycle(session, cycle)
        n = cycles.get_nomination(session, c, person)
        cycles.manager_agrees(session, n, find_person(session, as_), ratings)
        _audit(session, "agree_nomination", "nomination", n.id)
        data = {"id": n.id, "person": n.person.handle, "manager_agreed": True,
                "manager_ratings": dict(n.manager_ratings)}
    _done(data, f"{data['person']}'s nomination is agreed", json_out)


@app.command("rate")
def rate(
    ctx: typer.Context, cycle: CycleArg, person: PersonArg,
    as_: Annotated[str, typer.Option("--as", help="The nominee's manager (handle).")],
    rating: Annotated[list[str] | None, typer.Option(
        "--rating", help="The manager's level for a dimension, as dimension=level; repeat. "
                         "None clears the manager's ratings.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """A manager rates each dimension of any nomination of a report, until calibration."""
    ratings = _ratings(rating)
    st = state(ctx)
    with st.session() as session:
        c = cycles.get_cycle(session, cycle)
        n = cycles.get_nomination(session, c, person)
        cycles.manager_rates(session, n, find_person(session, as_), ratings)
        _audit(session, "rate_nomination", "nomination", n.id)
        data = {"id": n.id, "person": n.person.handle,
                "manager_ratings": dict(n.manager_ratings)}
    _done(data, f"{data['person']}'s manager ratings: {len(ratings)} dimension(s)", json_out)


@app.command("withdraw")
def withdraw(ctx: typer.Context, cycle: CycleArg, person: PersonArg,
             json_out: JsonOpt = False) -> None:
    """Take a nomination out of a cycle (before calibration); its panel and scores go too."""
    st = state(ctx)
    with st.session() as session:
        c = cycles.get_cycle(session, cycle)
        n = cycles.get_nomination(session, c, person)
        nid, handle = n.id, n.person.handle
        cycles.withdraw(session, n)
        _audit(session, "withdraw_nomination", "nomination", nid)
    _done({"id": nid, "person": handle, "withdrawn": True},
          f"{handle} withdrawn from {c.name!r}", json_out)


@app.command("assign")
def assign(
    ctx: typer.Context, cycle: CycleArg, person: PersonArg,
    member: Annotated[list[str], typer.Option(
        "--member", help="A committee member (handle) for this packet's panel; repeat.")],
    json_out: JsonOpt = False,
) -> None:
    """Put committee members on a nomination's panel."""
    st = state(ctx)
    with st.session() as session:
        c = cycles.get_cycle(session, cycle)
        n = cycles.get_nomination(session, c, person)
        for handle in member:
            a = cycles.assign(session, n, find_person(session, handle))
            _audit(session, "assign_member", "assignment", a.id)
        panel = [a.member.handle for a in n.assignments]
        data = {"id": n.id, "person": n.person.handle, "panel": panel}
    _done(data, f"{data['person']}'s panel: {', '.join(panel)}", json_out)


@app.command("submit")
def submit(
    ctx: typer.Context, cycle: CycleArg, person: PersonArg,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Assess as at this date (default: today, or the cycle's last day).")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Submit a nominee's packet: it is frozen, and later journal edits do not change it."""
    st = state(ctx)
    with st.session() as session:
        c = cycles.get_cycle(session, cycle)
        n = cycles.get_nomination(session, c, person)
        cycles.submit_packet(session, n, as_of=parse_date(as_of, "--as-of"))
        _audit(session, "submit_packet", "nomination", n.id)
        data = {"id": n.id, "person": n.person.handle, "snapshot": n.snapshot_id,
                "submitted_at": n.submitted_at.isoformat(timespec="seconds")
                if n.submitted_at else None}
    _done(data, f"{data['person']}'s packet is submitted and frozen "
                f"(assessment #{data['snapshot']})", json_out)


@app.command("score")
def score(
    ctx: typer.Context, cycle: CycleArg, person: PersonArg,
    as_: Annotated[str, typer.Option("--as", help="The panel member scoring (handle).")],
    dimension: Annotated[str, typer.Option("--dimension", "-d", help="Dimension id.")],
    level: Annotated[str, typer.Option("--level", "-l", help="Level id.")],
    comment: Annotated[str, typer.Option("--comment", "-m", help="Why this level.")],
    json_out: JsonOpt = False,
) -> None:
    """Score one dimension of an assigned packet (blind: others' scores stay hidden)."""
    st = state(ctx)
    with st.session() as session:
        c = cycles.get_cycle(session, cycle)
        member = find_person(session, as_)
        n = cycles.get_nomination(session, c, person)
        cycles.score(session, n, member, dimension, level, comment)
        # Ids only: the audit log must not carry the level.
        _audit(session, "score", "nomination", n.id)
        data = {"nomination": n.id, "person": n.person.handle, "member": member.handle,
                "dimension": dimension, "level": level, "comment": comment}
    _done(data, f"{member.handle} scored {data['person']} on {dimension}: {level}", json_out)


@app.command("calibrate")
def calibrate(ctx: typer.Context, cycle: CycleArg, json_out: JsonOpt = False) -> None:
    """Close scoring and open calibration: the panel sees all scores side by side."""
    st = state(ctx)
    with st.session() as session:
        c = cycles.get_cycle(session, cycle)
        cycles.open_calibration(session, c)
        _audit(session, "open_calibration", "cycle", c.id)
        data = cycles.cycle_to_dict(c)
    _done(data, f"calibration is open for {c.name!r}", json_out)


def _viewer(session: Session, as_: str | None) -> Principal:
    if as_ is None:
        return Principal.command_line()
    return Principal(person_id=find_person(session, as_).id)


@app.command("show")
def show(ctx: typer.Context, cycle: CycleArg, as_: AsOpt = None, json_out: JsonOpt = False
         ) -> None:
    """A cycle as someone may see it: --as a panel member shows only their packets and, until
    calibration, only their own scores."""
    st = state(ctx)
    with st.session() as session:
        c = cycles.get_cycle(session, cycle)
        view = cycles.cycle_view(session, c, _viewer(session, as_))
    if json_out:
        print_json(view)
        return
    _print_view(view)


def _print_view(view: dict[str, Any]) -> None:
    c = view["cycle"]
    levels = {lv["id"]: lv["title"] for lv in view["levels"]}
    console.print(Text.assemble((c["name"], "bold"), f"  {c['state']}  {c['opens_on']} to "
                                f"{c['closes_on']}  framework {c['framework']['version']}"))
    if view["blind"]:
        console.print("[dim]Scoring is blind until calibration opens: you see your own "
                      "scores only.[/dim]")
    table = Table("Nominee", "Packet", "Panel", "Your scores" if view["viewer"]["member"]
                  else "Progress", "Decision", expand=True)
    for n in view["nominations"]:
        mine = n.get("my_scores")
        if mine is not None:
            detail = "\n".join(f"{d}: {levels.get(s['level'], s['level'])}"
                               for d, s in sorted(mine.items())) or "—"
        elif "progress" in n:
            detail = "\n".join(f"{p['member']}: {'complete' if p['complete'] else 'not yet'}"
                               for p in n["progress"]) or "—"
        else:
            detail = "—"
        decision = n.get("decision")
        table.add_row(f"{n['person']['name']} [dim]{n['person']['handle']}[/dim]",
                      "submitted" if n["submitted_at"] else (
                          "awaiting manager" if n["needs_agreement"] else "not submitted"),
                      ", ".join(n["panel"]) or "—", detail,
                      f"{decision['outcome']} (v{decision['version']})" if decision else "—")
    console.print(table)
    if view["blind"]:
        return
    for n in view["nominations"]:
        side = Table("Dimension", "Scores", "Median", "IQR", "Self", "Manager", "Assessed",
                     title=f"{n['person']['name']}: side by side", expand=True)
        for row in n["calibration"]:
            scores = Text()
            for i, s in enumerate(row["scores"]):
                scores.append(("  " if i else "") + f"{s['member']}: {s['level']}",
                              style="bold red" if s["outlier"] else "")
            side.add_row(row["title"], scores, row["median_title"] or "—",
                         "—" if row["iqr"] is None else f"{row['iqr']:.1f}",
                         row["self"] or "—", row["manager"] or "—", row["assessed"] or "—")
        console.print(side)
    ag = view["agreement"]
    alpha = ag["alpha_overall"]
    console.print(f"Krippendorff's alpha (ordinal), overall: "
                  f"{'—' if alpha is None else f'{alpha:.2f}'}; outliers: {ag['outliers']}")
    for s in ag["severity"]:
        console.print(f"  severity {s['member']}: {s['offset']:+.2f} levels over "
                      f"{s['scored']} items")


@app.command("decide")
def decide(
    ctx: typer.Context, cycle: CycleArg, person: PersonArg,
    outcome: Annotated[str, typer.Argument(help="promote or not_yet.")],
    rationale: Annotated[str, typer.Option("--rationale", "-r", help="Why; the nominee reads "
                                                                     "it once released.")],
    as_: AsOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Record the decision for a nominee; a change later is a new, audited version."""
    st = state(ctx)
    with st.session() as session:
        c = cycles.get_cycle(session, cycle)
        n = cycles.get_nomination(session, c, person)
        by = find_person(session, as_) if as_ else None
        d = cycles.decide(session, n, outcome, rationale, by=by, via="cli")
        _audit(session, "decide", "decision", d.id)
        data = {"nomination": n.id, "person": n.person.handle, "outcome": d.outcome,
                "version": d.version, "cycle_state": c.state}
    _done(data, f"{data['person']}: {outcome} (version {data['version']}); the cycle is "
                f"{data['cycle_state']}", json_out)


@app.command("release")
def release(ctx: typer.Context, cycle: CycleArg, json_out: JsonOpt = False) -> None:
    """Release the decisions: each nominee sees their outcome and its rationale."""
    st = state(ctx)
    with st.session() as session:
        c = cycles.get_cycle(session, cycle)
        cycles.release(session, c)
        _audit(session, "release_cycle", "cycle", c.id)
        data = cycles.cycle_to_dict(c)
    _done(data, f"{c.name!r} is released", json_out)


@app.command("report")
def report(
    ctx: typer.Context, cycle: CycleArg,
    fmt: Annotated[str, typer.Option("--format", "-f", help="html, pdf or csv.")] = "html",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")
                      ] = None,
    as_: AsOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """The cycle report for leadership: decisions, agreement, what blocked promotion."""
    if fmt not in REPORT_FORMATS:
        raise InputError(f"--format must be one of: {', '.join(REPORT_FORMATS)}")
    st = state(ctx)
    with st.session() as session:
        c = cycles.get_cycle(session, cycle)
        data = build_report(session, c, _viewer(session, as_))
    if json_out and output is None:
        print_json(data)
        return
    body = render_report(data, fmt)
    if output is None:
        if fmt == "pdf":
            raise InputError("a PDF report needs --output FILE")
        typer.echo(body.decode("utf-8"), nl=False)
        return
    write_bytes_atomically(output, body)
    _done({"cycle": c.name, "format": fmt, "output": str(output), "bytes": len(body)},
          f"wrote {output}", json_out)


@app.command("outcomes")
def outcomes(ctx: typer.Context, person: Annotated[str, typer.Argument(
        help="Id, handle, e-mail or name.")], json_out: JsonOpt = False) -> None:
    """A person's nominations, with outcome and rationale where the cycle is released."""
    st = state(ctx)
    with st.session() as session:
        rows = cycles.my_nominations(session, find_person(session, person))
    if json_out:
        print_json(rows)
        return
    table = Table("Cycle", "State", "Outcome", "Rationale", expand=True)
    for r in rows:
        o = r["outcome"]
        table.add_row(r["cycle"]["name"], r["cycle"]["state"],
                      o["title"] if o else "—", o["rationale"] if o else "")
    console.print(table)
