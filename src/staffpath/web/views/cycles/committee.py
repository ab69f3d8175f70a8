"""A committee member's cycle pages: the packets assigned to them, blind scoring, the
calibration page, decisions and the cycle report."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from staffpath.cycles import changes, consistency, inputs, lookup, panel, visible
from staffpath.cycles.report import ReportFormat
from staffpath.errors import NotFoundError, StaffpathError
from staffpath.people.access import Action, Place
from staffpath.web import cycle_callers as callers
from staffpath.web.access import place, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.downloads import download
from staffpath.web.errors import status_for
from staffpath.web.ids import RowId
from staffpath.web.views.cycles.common import base_context, report_response
from staffpath.web.views.forms import FormDep
from staffpath.web.views.render import page, see_other

router = APIRouter(include_in_schema=False)
CtxDep = Annotated[Ctx, Depends(guard)]
PacketFormat = Literal["md", "html", "pdf"]


@router.get("/committee/cycles", response_model=None)
@rule(place(Place.COMMITTEE, Action.LIST, "list_my_cycles"))
def my_cycles(ctx: CtxDep) -> Response:
    with ctx.read() as session:
        views = visible.panel_views(session, callers.member(ctx))
    return page(ctx, "cycles/committee.html", section="cycles", views=views, **base_context())


@router.get("/committee/cycles/{cycle_id}", response_model=None)
@rule(place(Place.COMMITTEE, Action.READ, "read_cycle"))
def member_cycle(ctx: CtxDep, cycle_id: RowId) -> Response:
    with callers.refusal_audited(ctx), ctx.read() as session:
        view = visible.cycle_view_by_id(session, cycle_id, callers.member(ctx))
        conflicts = {} if view.blind else panel.acknowledged_for(session, cycle_id)
        suggested = {} if view.blind else consistency.suggestions_for(session, cycle_id)
    return page(ctx, "cycles/cycle.html", section="cycles", view=view, levels=view.level_titles,
                base=f"/committee/cycles/{cycle_id}", admin=False, error=None, message=None,
                conflicts=conflicts, suggested=suggested, **base_context())


def _nomination_page(ctx: Ctx, cycle_id: int, nomination_id: int, *, status: int = 200,
                     error: str | None = None, saved: bool = False, audited: bool = False
                     ) -> Response:
    # Reading someone's packet is audited (a write for that alone); after a scoring post the
    # post's own entry already names the nomination.
    opened = ctx.write() if audited else ctx.read()
    with opened as session:
        view, nomination = visible.packet_view(session, callers.member(ctx), cycle_id,
                                               nomination_id)
        hidden = visible.engine_view_hidden(session, callers.member(ctx), cycle_id,
                                            nomination_id)
    template = "cycles/_score_form.html" if ctx.is_htmx else "cycles/nomination.html"
    response = page(ctx, template, status=status, section="cycles", view=view, n=nomination,
                    levels=view.level_titles, base=f"/committee/cycles/{cycle_id}",
                    error=error, saved=saved, engine_hidden=hidden, **base_context())
    if ctx.is_htmx and saved and hidden is False:
        # The last score is in: the whole page again, so the packet shows the engine's view.
        response.headers["HX-Refresh"] = "true"
    return response


@router.get("/committee/cycles/{cycle_id}/nominations/{nomination_id}", response_model=None)
@rule(place(Place.COMMITTEE, Action.READ, "read_cycle_packet"))
def member_nomination(ctx: CtxDep, cycle_id: RowId, nomination_id: RowId) -> Response:
    ctx.target("nomination", nomination_id)
    return _nomination_page(ctx, cycle_id, nomination_id, audited=True)


@router.get("/committee/cycles/{cycle_id}/nominations/{nomination_id}/packet.{fmt}",
            response_model=None)
@rule(place(Place.COMMITTEE, Action.READ, "download_cycle_packet"))
def member_packet(ctx: CtxDep, cycle_id: RowId, nomination_id: RowId, fmt: PacketFormat,
                  inline: bool = False) -> Response:
    """The packet exactly as frozen at submission; its HTML under the sandboxing policy."""
    # Shown in the nomination page's frame it is a view; otherwise a copy taken away.
    ctx.target("nomination", nomination_id,
               "view_cycle_packet" if inline else "download_cycle_packet")
    with ctx.write() as session:  # a write only in that the download is audited
        found = visible.frozen_packet(session, callers.member(ctx), cycle_id, nomination_id,
                                      fmt)
    return download(found.body, found.media_type, found.filename, inline=inline,
                    sandbox=fmt == "html")


@router.post("/committee/cycles/{cycle_id}/nominations/{nomination_id}/scores",
             response_model=None)
@rule(place(Place.COMMITTEE, Action.UPDATE, "score"))
def submit_scores(form: FormDep, ctx: CtxDep, cycle_id: RowId, nomination_id: RowId) -> Response:
    viewer = callers.member(ctx)
    # A refusal's audit entry names the nomination only: never a level or a comment.
    ctx.target("nomination", nomination_id)
    try:
        scores = inputs.scores_from_fields(form)
        with ctx.transaction() as session:
            changes.score_many(
                session, lookup.assigned_nomination(session, viewer, cycle_id, nomination_id),
                viewer, scores, origin=ctx.origin)
    except StaffpathError as exc:
        if isinstance(exc, NotFoundError) or not ctx.is_htmx:
            raise
        ctx.audit_refusal()
        return _nomination_page(ctx, cycle_id, nomination_id, status=status_for(exc),
                                error=str(exc))
    if not ctx.is_htmx:
        return see_other(f"/committee/cycles/{cycle_id}/nominations/{nomination_id}#scores")
    return _nomination_page(ctx, cycle_id, nomination_id, saved=True)


@router.post("/committee/cycles/{cycle_id}/nominations/{nomination_id}/decision",
             response_model=None)
@rule(place(Place.COMMITTEE, Action.UPDATE, "decide"))
def member_decision(form: FormDep, ctx: CtxDep, cycle_id: RowId, nomination_id: RowId
                    ) -> Response:
    viewer = callers.member(ctx)
    outcome, rationale = inputs.decision_from_fields(form)
    with ctx.transaction() as session:
        changes.decide(
            session, lookup.assigned_nomination(session, viewer, cycle_id, nomination_id),
            outcome, rationale, caller=viewer, via="member", origin=ctx.origin,
            conditions=inputs.conditions_from_fields(form))
    return see_other(f"/committee/cycles/{cycle_id}#nomination-{nomination_id}")


@router.get("/committee/cycles/{cycle_id}/report.{fmt}", response_model=None)
@rule(place(Place.COMMITTEE, Action.READ, "export_cycle_report"))
def member_report(ctx: CtxDep, cycle_id: RowId, fmt: ReportFormat) -> Response:
    return report_response(ctx, cycle_id, fmt, callers.member(ctx))
