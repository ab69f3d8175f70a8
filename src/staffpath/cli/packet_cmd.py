"""`staffpath packet`: the promotion case as Markdown, HTML or PDF."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from staffpath.cli.options import AsOfOpt, JsonOpt, PersonArg, parse_date
from staffpath.cli.state import (
    err_console,
    print_json,
    state,
    write_bytes_atomically,
)
from staffpath.errors import InputError
from staffpath.packet.drafting import draft_document, draft_settings
from staffpath.packet.render import FORMATS, render_packet
from staffpath.packet.service import packet_document
from staffpath.people.service import find_person


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
        "--no-draft", help=escape("Ignore the workspace's [drafting] setting."))] = False,
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
    with st.session(create=False) as session:
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
                    "drafted": settings is not None, "warnings": warnings, **doc.case_json(),
                    **text})
    elif output is not None:
        err_console.print(f"wrote {escape(str(output))} ({doc.unanswered} unanswered "
                          f"question(s) marked)", highlight=False)
    else:
        sys.stdout.write(data.decode("utf-8"))
