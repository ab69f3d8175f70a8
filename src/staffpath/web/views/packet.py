"""The packet page: a preview and downloads as Markdown, HTML and PDF."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from staffpath.packet.files import MEDIA_TYPES, filename, packet_file
from staffpath.people.access import Action, Area
from staffpath.web.access import person, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.views.render import page, person_section, person_view

router = APIRouter(include_in_schema=False)
CtxDep = Annotated[Ctx, Depends(guard)]
# The packet HTML is shown in a frame with no scripts at all, whatever its text holds; its
# own stylesheet is inline, so that is all it may use.
PREVIEW_CSP = ("sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
               "frame-ancestors 'self'")


@router.get("/people/{handle}/packet", response_model=None)
@rule(person(Area.PACKET, Action.READ))
def packet_page(ctx: CtxDep, handle: str) -> Response:
    with ctx.read() as session:
        subject = person_view(ctx.person(session))
    return page(ctx, "packet.html", section=person_section(ctx, "packet"), subject=subject,
                base=f"/people/{handle}/packet")


def packet_download(ctx: Ctx, fmt: Literal["md", "html", "pdf"], *, inline: bool) -> Response:
    """The packet file; a preview is served inline under a sandboxing policy."""
    with ctx.read() as session:
        subject = ctx.person(session)
        body = packet_file(session, subject, ctx.framework, fmt, cache=ctx.assessments)
        name = filename(subject, fmt)
    disposition = "inline" if inline else "attachment"
    headers = {"Content-Disposition": f'{disposition}; filename="{name}"'}
    if fmt == "html":
        headers["Content-Security-Policy"] = PREVIEW_CSP
    return Response(body, media_type=MEDIA_TYPES[fmt], headers=headers)


@router.get("/people/{handle}/packet.{fmt}", response_model=None)
@rule(person(Area.PACKET, Action.READ, "download_packet"))
def packet_file_route(ctx: CtxDep, handle: str, fmt: Literal["md", "html", "pdf"],
                      inline: bool = False) -> Response:
    return packet_download(ctx, fmt, inline=inline)
