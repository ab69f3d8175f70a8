"""`staffpath cycle`: promotion cycles from the terminal, through the same service as the web.

The CLI operator owns the workspace and acts as an administrator; `--as HANDLE` acts as one
person (a panel member scoring, a manager agreeing) and sees only what they may see. The
service writes every change to the audit log, with ids only, never a score's value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from staffpath.accounts.audit import COMMAND_LINE
from staffpath.accounts.principal import Principal
from staffpath.cli.options import AsOpt, CycleArg, JsonOpt, NomineeArg, parse_date
from staffpath.cli.state import console, print_json, state, write_bytes_atomically
from staffpath.cycles import changes, consistency, fairness, lookup, visible
from staffpath.cycles.report import REPORT_FORMATS, build_report, render_report
from staffpath.cycles.views import CycleView
from staffpath.errors import InputError, NotFoundError
from staffpath.people.service import find_person

app = typer.Typer(help="Promotion cycles: nominations, blind scoring, calibration, decisions.",
                  no_args_is_help=True)


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
    anchored: Annotated[bool, typer.Option(
        "--show-verdict-before-scoring", help="Let panel members see the engine's verdict "
        "and levels before they score (default: hidden until they have scored).")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Open a cycle: create it (with --opens and --closes), or open an existing draft."""
    st = state(ctx)
    with st.session(create=False) as session:
        try:
            existing = lookup.get_cycle(session, name)
        except NotFoundError:
            start, end = parse_date(opens, "--opens"), parse_date(closes, "--closes")
            if start is None or end is None:
                raise InputError("a new cycle needs --opens and --closes (YYYY-MM-DD)"
                                 ) from None
            created = changes.create_cycle(session, name, start, end, framework=framework,
                                           open_now=not draft, unanchored=not anchored,
                                           origin=COMMAND_LINE)
        else:
            created = (visible.summary(existing) if draft else
                       changes.advance(session, existing, "open", origin=COMMAND_LINE))
        data = created.to_dict()
    _done(data, f"cycle {data['name']!r} (#{data['id']}) is {data['state']}, "
                f"{data['opens_on']} to {data['closes_on']}, framework "
                f"{data['framework']['version']}", json_out)


@app.command("list")
def list_(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Every cycle, newest first."""
    st = state(ctx)
    with st.session(create=False) as session:
        rows = [c.to_dict() for c in visible.cycle_listings(session, Principal.command_line())]
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
    ctx: typer.Context, cycle: CycleArg, person: NomineeArg,
    self_: Annotated[bool, typer.Option(
        "--self", help="A self-nomination: it counts once the manager agrees.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Put someone forward in a cycle."""
    st = state(ctx)
    with st.session(create=False) as session:
        c = lookup.get_cycle(session, cycle)
        n = (changes.self_nominate(session, c, lookup.principal_for(session, person),
                                   origin=COMMAND_LINE) if self_ else
             changes.nominate(session, c, find_person(session, person), origin=COMMAND_LINE))
    data = {"id": n.id, "cycle": n.cycle, "person": n.person, "nominated_by": n.nominated_by,
            "needs_agreement": n.needs_agreement, "manager": n.manager}
    note = f"; waiting for {n.manager} to agree" if n.needs_agreement else ""
    _done(data, f"{n.person} nominated in {n.cycle!r} (#{n.id}){note}", json_out)


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
    ctx: typer.Context, cycle: CycleArg, person: NomineeArg,
    as_: Annotated[str, typer.Option("--as", help="The nominee's manager (handle).")],
    rating: Annotated[list[str] | None, typer.Option(
        "--rating", help="The manager's level for a dimension, as dimension=level; repeat.")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """A manager agrees to a report's self-nomination (and may rate each dimension)."""
    ratings = _ratings(rating)
    st = state(ctx)
    with st.session(create=False) as session:
        c = lookup.get_cycle(session, cycle)
        n = changes.manager_agrees(session, lookup.get_nomination(session, c, person),
                                   lookup.principal_for(session, as_), ratings,
                                   origin=COMMAND_LINE)
    data = {"id": n.id, "person": n.person, "manager_agreed": True,
            "manager_ratings": dict(n.manager_ratings)}
    _done(data, f"{n.person}'s nomination is agreed", json_out)


@app.command("rate")
def rate(
    ctx: typer.Context, cycle: CycleArg, person: NomineeArg,
    as_: Annotated[str, typer.Option("--as", help="The nominee's manager (handle).")],
    rating: Annotated[list[str] | None, typer.Option(
        "--rating", help="The manager's level for a dimension, as dimension=level; repeat. "
                         "None clears the manager's ratings.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """A manager rates each dimension of any nomination of a report, until calibration."""
    ratings = _ratings(rating)
    st = state(ctx)
    with st.session(create=False) as session:
        c = lookup.get_cycle(session, cycle)
        n = changes.manager_rates(session, lookup.get_nomination(session, c, person),
                                  lookup.principal_for(session, as_), ratings,
                                  origin=COMMAND_LINE)
    data = {"id": n.id, "person": n.person, "manager_ratings": dict(n.manager_ratings)}
    _done(data, f"{n.person}'s manager ratings: {len(ratings)} dimension(s)", json_out)


@app.command("withdraw")
def withdraw(ctx: typer.Context, cycle: CycleArg, person: NomineeArg,
             json_out: JsonOpt = False) -> None:
    """Take a nomination out of a cycle (before calibration); its panel and scores go too."""
    st = state(ctx)
    with st.session(create=False) as session:
        c = lookup.get_cycle(session, cycle)
        n = changes.withdraw(session, lookup.get_nomination(session, c, person),
                             origin=COMMAND_LINE)
    _done({"id": n.id, "person": n.person, "withdrawn": True},
          f"{n.person} withdrawn from {n.cycle!r}", json_out)


@app.command("assign")
def assign(
    ctx: typer.Context, cycle: CycleArg, person: NomineeArg,
    member: Annotated[list[str], typer.Option(
        "--member", help="A committee member (handle) for this packet's panel; repeat.")],
    acknowledge: Annotated[str | None, typer.Option(
        "--acknowledge", help="Why the panel proceeds despite a conflict of interest.")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Put committee members on a nomination's panel (a conflict of interest needs
    --acknowledge)."""
    st = state(ctx)
    with st.session(create=False) as session:
        c = lookup.get_cycle(session, cycle)
        nomination = lookup.get_nomination(session, c, person)
        states = [changes.assign(session, nomination, find_person(session, handle),
                                 origin=COMMAND_LINE, acknowledgement=acknowledge)
                  for handle in member]
    n = states[-1]
    data = {"id": n.id, "person": n.person, "panel": list(n.panel)}
    _done(data, f"{n.person}'s panel: {', '.join(n.panel)}", json_out)


@app.command("submit")
def submit(
    ctx: typer.Context, cycle: CycleArg, person: NomineeArg,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Assess as at this date (default: today, or the cycle's last day).")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Submit a nominee's packet: it is frozen, and later journal edits do not change it."""
    st = state(ctx)
    with st.session(create=False) as session:
        c = lookup.get_cycle(session, cycle)
        n = changes.submit_packet(session, lookup.get_nomination(session, c, person),
                                  as_of=parse_date(as_of, "--as-of"), origin=COMMAND_LINE)
    data = {"id": n.id, "person": n.person, "snapshot": n.snapshot,
            "submitted_at": n.submitted_at}
    _done(data, f"{n.person}'s packet is submitted and frozen (assessment #{n.snapshot})",
          json_out)


@app.command("score")
def score(
    ctx: typer.Context, cycle: CycleArg, person: NomineeArg,
    as_: Annotated[str, typer.Option("--as", help="The panel member scoring (handle).")],
    dimension: Annotated[str, typer.Option("--dimension", "-d", help="Dimension id.")],
    level: Annotated[str, typer.Option("--level", "-l", help="Level id.")],
    comment: Annotated[str, typer.Option("--comment", "-m", help="Why this level.")],
    json_out: JsonOpt = False,
) -> None:
    """Score one dimension of an assigned packet (blind: others' scores stay hidden)."""
    st = state(ctx)
    with st.session(create=False) as session:
        c = lookup.get_cycle(session, cycle)
        member = lookup.principal_for(session, as_)
        saved = changes.score(session, lookup.get_nomination(session, c, person), member,
                              dimension, level, comment, origin=COMMAND_LINE)
    data = {"nomination": saved.nomination, "person": saved.person, "member": saved.member,
            "dimension": dimension, "level": level, "comment": comment}
    _done(data, f"{saved.member} scored {saved.person} on {dimension}: {level}", json_out)


@app.command("calibrate")
def calibrate(ctx: typer.Context, cycle: CycleArg, json_out: JsonOpt = False) -> None:
    """Close scoring and open calibration: the panel sees all scores side by side."""
    st = state(ctx)
    with st.session(create=False) as session:
        c = changes.advance(session, lookup.get_cycle(session, cycle), "calibration",
                            origin=COMMAND_LINE)
    _done(c.to_dict(), f"calibration is open for {c.name!r}", json_out)


@app.command("show")
def show(ctx: typer.Context, cycle: CycleArg, as_: AsOpt = None, json_out: JsonOpt = False
         ) -> None:
    """A cycle as someone may see it: --as a panel member shows only their packets and, until
    calibration, only their own scores."""
    st = state(ctx)
    with st.session(create=False) as session:
        c = lookup.get_cycle(session, cycle)
        view = visible.cycle_view(session, c, lookup.principal_for(session, as_))
    if json_out:
        print_json(view.to_dict())
        return
    _print_view(view)


def _print_view(view: CycleView) -> None:
    c = view.cycle
    levels = view.level_titles
    console.print(Text.assemble((c.name, "bold"), f"  {c.state}  {c.opens_on} to "
                                f"{c.closes_on}  framework {c.framework.version}"))
    if view.blind:
        console.print("[dim]Scoring is blind until calibration opens: you see your own "
                      "scores only.[/dim]")
    table = Table("Nominee", "Packet", "Panel", "Your scores" if view.member else "Progress",
                  "Decision", expand=True)
    for n in view.nominations:
        if n.my_scores is not None:
            detail = "\n".join(f"{d}: {levels.get(s.level, s.level)}"
                               for d, s in sorted(n.my_scores.items())) or "—"
        elif n.progress is not None:
            detail = "\n".join(f"{p.member}: {'complete' if p.complete else 'not yet'}"
                               for p in n.progress) or "—"
        else:
            detail = "—"
        decision = n.decision
        table.add_row(f"{n.person.name} [dim]{n.person.handle}[/dim]",
                      "submitted" if n.submitted_at else (
                          "awaiting manager" if n.needs_agreement else "not submitted"),
                      ", ".join(n.panel) or "—", detail,
                      f"{decision.outcome} (v{decision.version})" if decision else "—")
    console.print(table)
    if view.agreement is None:
        return
    for n in view.nominations:
        side = Table("Dimension", "Scores", "Median", "IQR", "Self", "Manager", "Assessed",
                     title=f"{n.person.name}: side by side", expand=True)
        for row in n.calibration or ():
            scores = Text()
            for i, sc in enumerate(row.scores):
                scores.append(("  " if i else "") + f"{sc.member}: {sc.level}",
                              style="bold red" if sc.outlier else "")
            side.add_row(row.title, scores, row.median_title or "—",
                         "—" if row.iqr is None else f"{row.iqr:.1f}",
                         row.self_rating or "—", row.manager_rating or "—",
                         row.assessed or "—")
        console.print(side)
    ag = view.agreement
    alpha = ag.alpha_overall
    console.print(f"Krippendorff's alpha (ordinal), overall: "
                  f"{'—' if alpha is None else f'{alpha:.2f}'}; outliers: {ag.outliers}")
    for sv in ag.severity:
        console.print(f"  severity {sv.member}: {sv.offset:+.2f} levels over "
                      f"{sv.scored} items")


@app.command("decide")
def decide(
    ctx: typer.Context, cycle: CycleArg, person: NomineeArg,
    outcome: Annotated[str, typer.Argument(help="promote, promote_conditions or not_yet.")],
    rationale: Annotated[str, typer.Option("--rationale", "-r", help="Why; the nominee reads "
                                                                     "it once released.")],
    condition: Annotated[list[str] | None, typer.Option(
        "--condition", help="A condition of promote_conditions; repeat.")] = None,
    as_: AsOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Record the decision for a nominee; a change later is a new, audited version. One
    against the panel's median or similar past cases needs a rationale that says why."""
    st = state(ctx)
    with st.session(create=False) as session:
        c = lookup.get_cycle(session, cycle)
        n = lookup.get_nomination(session, c, person)
        d = changes.decide(session, n, outcome, rationale,
                           caller=lookup.principal_for(session, as_), via="cli",
                           origin=COMMAND_LINE, conditions=condition or [])
    data = {"nomination": d.nomination, "person": d.person, "outcome": d.outcome,
            "version": d.version, "cycle_state": d.cycle_state}
    _done(data, f"{d.person}: {outcome} (version {d.version}); the cycle is "
                f"{d.cycle_state}", json_out)


@app.command("statement")
def statement_(
    ctx: typer.Context, cycle: CycleArg, person: NomineeArg,
    as_: Annotated[str, typer.Option("--as", help="The nominee's manager (handle).")],
    text: Annotated[str, typer.Option("--text", help="Your statement on the packet.")],
    sign_off: Annotated[bool, typer.Option(
        "--sign-off", help="Sign it off: it is frozen into the packet at submission.")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """A manager's statement on a report's packet, before it is submitted."""
    st = state(ctx)
    with st.session(create=False) as session:
        c = lookup.get_cycle(session, cycle)
        n = changes.write_statement(session, lookup.get_nomination(session, c, person),
                                    lookup.principal_for(session, as_), text,
                                    sign_off=sign_off, origin=COMMAND_LINE)
    _done({"id": n.id, "person": n.person, "signed_off": sign_off},
          f"statement on {n.person}'s packet {'signed off' if sign_off else 'saved'}",
          json_out)


@app.command("suggest")
def suggest(ctx: typer.Context, cycle: CycleArg, person: NomineeArg,
            json_out: JsonOpt = False) -> None:
    """Rationales to start from, for each outcome: the panel's real blockers and the step
    the framework says closes each (from calibration on)."""
    st = state(ctx)
    with st.session(read_only=True) as session:
        c = lookup.get_cycle(session, cycle)
        if c.state not in ("calibration", "decided", "released"):
            raise InputError(f"cycle {c.name!r} is {c.state}: the panel's scores are blind "
                             "until calibration")
        found = consistency.suggestions(session, lookup.get_nomination(session, c, person))
    _done(found, "\n\n".join(f"{k}: {v}" for k, v in found.items()), json_out)


@app.command("condition")
def condition(
    ctx: typer.Context, cycle: CycleArg, person: NomineeArg,
    number: Annotated[int, typer.Argument(help="The condition's number (1 = the first).")],
    not_met: Annotated[bool, typer.Option("--not-met", help="Mark it not met again.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Mark a condition of a conditional promotion met (tracked with the decision)."""
    st = state(ctx)
    with st.session(create=False) as session:
        c = lookup.get_cycle(session, cycle)
        found = changes.mark_condition(session, lookup.get_nomination(session, c, person),
                                       number, met=not not_met, origin=COMMAND_LINE)
    _done({"person": person, "conditions": found},
          "\n".join(f"{i}. [{'x' if f.get('met_at') else ' '}] {f.get('text')}"
                    for i, f in enumerate(found, 1)), json_out)


@app.command("group")
def group(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="The person: id, handle, e-mail or name.")],
    name: Annotated[str, typer.Argument(help="The group; empty clears it.")],
    json_out: JsonOpt = False,
) -> None:
    """Set a person's report group (administrators only): the cycle report gives outcome
    rates per group, for groups of at least five nominees."""
    st = state(ctx)
    with st.session(create=False) as session:
        fairness.set_group(session, Principal.command_line(), find_person(session, person),
                           name or None, origin=COMMAND_LINE)
    _done({"person": person, "group": name or None}, f"{person}: group "
          f"{name!r}" if name else f"{person}: group cleared", json_out)


@app.command("release")
def release(ctx: typer.Context, cycle: CycleArg, json_out: JsonOpt = False) -> None:
    """Release the decisions: each nominee sees their outcome and its rationale."""
    st = state(ctx)
    with st.session(create=False) as session:
        c = changes.advance(session, lookup.get_cycle(session, cycle), "released",
                            origin=COMMAND_LINE)
    _done(c.to_dict(), f"{c.name!r} is released", json_out)


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
    with st.session(create=False) as session:
        c = lookup.get_cycle(session, cycle)
        data = build_report(session, c, lookup.principal_for(session, as_))
    if json_out and output is None:
        print_json(data.to_dict())
        return
    body = render_report(data, fmt)
    if output is None:
        if fmt == "pdf":
            raise InputError("a PDF report needs --output FILE")
        typer.echo(body.decode("utf-8"), nl=False)
        return
    write_bytes_atomically(output, body)
    _done({"cycle": data.cycle.name, "format": fmt, "output": str(output), "bytes": len(body)},
          f"wrote {output}", json_out)


@app.command("outcomes")
def outcomes(ctx: typer.Context, person: Annotated[str, typer.Argument(
        help="Id, handle, e-mail or name.")], json_out: JsonOpt = False) -> None:
    """A person's nominations, with outcome and rationale where the cycle is released."""
    st = state(ctx)
    with st.session(create=False) as session:
        rows = visible.my_nominations(session, find_person(session, person))
    if json_out:
        print_json([r.to_dict() for r in rows])
        return
    table = Table("Cycle", "State", "Outcome", "Rationale", expand=True)
    for r in rows:
        o = r.outcome
        table.add_row(r.cycle.name, r.cycle.state, o.title if o else "—",
                      o.rationale if o else "")
    console.print(table)
