"""`staffpath assess` and `staffpath packet`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from staffpath.assess.engine import Assessment
from staffpath.assess.service import assess_person, assessment_to_dict
from staffpath.cli.evidence_cmd import parse_date
from staffpath.cli.state import console, err_console, print_json, state, write_atomically
from staffpath.errors import InputError
from staffpath.framework.model import Framework
from staffpath.ledger.service import list_evidence, list_notes
from staffpath.packet.markdown import render_packet
from staffpath.people.service import find_person

JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
PersonArg = Annotated[str, typer.Argument(help="Id, handle, e-mail or name.")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Assess as at this date.")]


def _level_text(fw: Framework, level: str | None, target: str | None) -> Text:
    if level is None:
        return Text("—", style="dim")
    title = fw.level(level).title
    if target is None:
        return Text(title)
    ok = fw.level_index(level) >= fw.level_index(target)
    return Text(title, style="green" if ok else "yellow")


def _print_assessment(name: str, fw: Framework, a: Assessment) -> None:
    target = a.target_level
    head = Text.assemble((name, "bold"), "  evidence supports: ",
                         _level_text(fw, a.overall_level, target))
    if a.current_level:
        head.append(f"  (current: {fw.level(a.current_level).title}")
        head.append(f", target: {fw.level(target).title})" if target else ")")
    console.print(head)
    table = Table("Dimension", "Level", "Confidence", "Evidence it rests on", expand=True)
    for d in a.dimensions:
        level = _level_text(fw, d.level, target) if d.enough_evidence else Text(
            "not enough evidence", style="dim")
        cited = "\n".join(f"E{c.evidence_id} {c.title[:70]} [dim]({c.reason})[/dim]"
                          for c in d.citations[:3])
        if len(d.citations) > 3:
            cited += f"\n[dim]… and {len(d.citations) - 3} more[/dim]"
        table.add_row(d.title, level, f"{d.confidence:.0%}", cited or "—")
    console.print(table)
    if a.gaps:
        gaps = Table("Gap to " + fw.level(target).title if target else "Gap", "What is missing",
                     "What would show it", expand=True)
        for g in a.gaps:
            gaps.add_row(g.title, g.missing, g.closes_gap)
        console.print(gaps)
    elif target:
        console.print(f"[green]No gaps: every {fw.level(target).title} expectation is met.[/green]")
    if a.archetypes:
        best = a.archetypes[0]
        note = "" if best.supported else (
            f" (the organisation is below the ~{best.min_org_engineers} engineers this shape "
            "usually needs)")
        console.print(f"Closest staff shape: [bold]{best.title}[/bold]{note}")


def assess(
    ctx: typer.Context, person: PersonArg, as_of: AsOfOpt = None, json_out: JsonOpt = False
) -> None:
    """Per dimension: the level the evidence supports, what it rests on, and the gap."""
    st = state(ctx)
    with st.session() as session:
        who = find_person(session, person)
        fw = st.framework(session)
        result = assess_person(session, who, fw, as_of=parse_date(as_of, "--as-of"))
        if json_out:
            print_json(assessment_to_dict(who, result))
            return
        _print_assessment(who.name, fw, result)


def packet(
    ctx: typer.Context,
    person: PersonArg,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")
                      ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md (html and pdf come later).")
                   ] = "md",
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Write the promotion packet as Markdown; unanswered questions are marked as gaps."""
    if fmt != "md":
        raise InputError(f"format {fmt!r} is not available yet; use md")
    st = state(ctx)
    with st.session() as session:
        who = find_person(session, person)
        fw = st.framework(session)
        day = parse_date(as_of, "--as-of")
        result = assess_person(session, who, fw, as_of=day)
        items = list_evidence(session, person=who)
        text = render_packet(who, result, fw, items, list_notes(session, who), today=day)
        gaps = text.count("> **Not yet answered.**")
    if output is not None:
        write_atomically(output, text)
    if json_out:
        print_json({"person": who.handle, "format": fmt, "path": str(output) if output else None,
                    "unanswered": gaps, "overall_level": result.overall_level,
                    **({} if output else {"markdown": text})})
    elif output is not None:
        err_console.print(f"wrote {output} ({gaps} unanswered question(s) marked)")
    else:
        console.print(text, markup=False, highlight=False)
