"""The packet page: a preview and downloads as Markdown, HTML and PDF."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from staffpath.packet.files import MEDIA_TYPES, filename, packet_file
from staffpath.people.access import Action, Area
from staffpath.people.lookup import person_of, person_view
from staffpath.web.access import person, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.downloads import download
from staffpath.web.views.render import page, person_section

router = APIRouter(include_in_schema=False)
CtxDep = Annotated[Ctx, Depends(guard)]


@router.get("/people/{handle}/packet", response_model=None)
@rule(person(Area.PACKET, Action.READ))
def packet_page(ctx: CtxDep, handle: str) -> Response:
    with ctx.read() as session:
        subject = person_view(person_of(session, ctx.subject))
    return page(ctx, "packet.html", section=person_section(ctx, "packet"), subject=subject,
                base=f"/people/{handle}/packet")


@router.get("/people/{handle}/packet.{fmt}", response_model=None)
@rule(person(Area.PACKET, Action.READ, "download_packet"))
def packet_file_route(ctx: CtxDep, handle: str, fmt: Literal["md", "html", "pdf"],
                      inline: bool = False) -> Response:
    """The packet file; its HTML is served under a sandboxing policy (it is shown in a frame)."""
    with ctx.read() as session:
        subject = person_of(session, ctx.subject)
        body = packet_file(session, subject, ctx.framework, fmt, cache=ctx.assessments)
        name = filename(subject, fmt)
    return download(body, MEDIA_TYPES[fmt], name, inline=inline, sandbox=fmt == "html")
