"""`staffpath assess` and `staffpath packet`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from staffpath.assess.engine import Assessment
from staffpath.assess.service import assess_person, assessment_to_dict
from staffpath.cli.evidence_cmd import parse_date
from staffpath.cli.state import (
    console,
    err_console,
    print_json,
    state,
    write_bytes_atomically,
)
from staffpath.errors import InputError
from staffpath.framework.model import Framework
from staffpath.packet.drafting import draft_document, draft_settings
from staffpath.packet.render import FORMATS, render_packet
from staffpath.packet.service import packet_document
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
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to this file (PDF default: packet-HANDLE.pdf).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, html or pdf.")] = "md",
    third_person: Annotated[bool, typer.Option(
        "--third-person", help="Write about the person by name instead of as 'I'.")] = False,
    draft_url: Annotated[str | None, typer.Option(
        "--draft-url", help="OpenAI-compatible endpoint that may reword the packet's own prose "
        "(checked: no new numbers or citations).")] = None,
    draft_model: Annotated[str | None, typer.Option(
        "--draft-model", help="Model name to ask the drafting endpoint for.")] = None,
    no_draft: Annotated[bool, typer.Option(
        "--no-draft", help="Ignore the workspace's [drafting] setting.")] = False,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Write the promotion packet as Markdown, HTML or PDF; unanswered questions show as gaps.

    Templates named packet.md.j2, packet.html.j2 or packet.css in the workspace's templates/
    folder replace the built-in ones.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    st = state(ctx)
    with st.session() as session:
        who = find_person(session, person)
        doc = packet_document(session, who, st.framework(session),
                              as_of=parse_date(as_of, "--as-of"), third_person=third_person)
    settings = None if no_draft else draft_settings(st.workspace.config.drafting, draft_url,
                                                    draft_model)
    warnings: list[str] = []
    if settings is not None:
        doc, warnings = draft_document(doc, settings)
    data = render_packet(doc, fmt, template_dir=st.workspace.root / "templates")
    if fmt == "pdf" and output is None:
        output = Path(f"packet-{doc.header.handle}.pdf")
    if output is not None:
        write_bytes_atomically(output, data)
    for warning in warnings:
        err_console.print(f"[yellow]warning:[/yellow] {escape(warning)}", highlight=False)
    if json_out:
        text = {} if output else {"markdown" if fmt == "md" else fmt: data.decode("utf-8")}
        print_json({"person": doc.header.handle, "format": fmt,
                    "path": str(output) if output else None,
                    "unanswered": doc.unanswered, "questions": doc.questions_total,
                    "ready": doc.verdict.ready, "overall_level": doc.verdict.overall_level,
                    "drafted": settings is not None, "warnings": warnings, **text})
    elif output is not None:
        err_console.print(f"wrote {escape(str(output))} ({doc.unanswered} unanswered "
                          f"question(s) marked)", highlight=False)
    else:
        sys.stdout.write(data.decode("utf-8"))
