"""Hiring pages: the loops a caller interviews on or hires for, a loop with the caller's own
blind scorecard, the debrief, and the decision. Every read and change goes through
`staffpath.hiring`; a loop the caller may not reach answers 404."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from staffpath.errors import InputError, NotFoundError, StaffpathError
from staffpath.hiring import changes, lookup, visible
from staffpath.hiring.export import debrief_csv
from staffpath.hiring.inputs import scorecard_from_fields
from staffpath.people.access import Action, Place
from staffpath.web import cycle_callers as callers
from staffpath.web.access import place, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.downloads import download
from staffpath.web.errors import status_for
from staffpath.web.ids import RowId
from staffpath.web.views.forms import FormDep
from staffpath.web.views.render import page, see_other

router = APIRouter(include_in_schema=False)
CtxDep = Annotated[Ctx, Depends(guard)]


@router.get("/hiring", response_model=None)
@rule(place(Place.HIRING, Action.LIST, "list_loops"))
def loops(ctx: CtxDep) -> Response:
    viewer = callers.signed_in(ctx)
    with ctx.read() as session:
        found, roles = visible.loops_of(session, viewer), visible.roles_of(session, viewer)
    return page(ctx, "hiring/loops.html", section="hiring", loops=found, roles=roles)


def _loop_page(ctx: Ctx, loop_id: int, *, status: int = 200, error: str | None = None,
               saved: bool = False, audited: bool = True) -> Response:
    opened = ctx.write() if audited else ctx.read()
    with callers.refusal_audited(ctx), opened as session:
        view = visible.loop_view(session, callers.signed_in(ctx), loop_id)
    template = "hiring/_scorecard.html" if ctx.is_htmx else "hiring/loop.html"
    return page(ctx, template, status=status, section="hiring", view=view, error=error,
                saved=saved)


@router.get("/hiring/loops/{loop_id}", response_model=None)
@rule(place(Place.HIRING, Action.READ, "read_loop"))
def loop(ctx: CtxDep, loop_id: RowId) -> Response:
    ctx.target("hiring_loop", loop_id)
    return _loop_page(ctx, loop_id)


@router.post("/hiring/loops/{loop_id}/scorecard", response_model=None)
@rule(place(Place.HIRING, Action.UPDATE, "save_scorecard"))
def scorecard(form: FormDep, ctx: CtxDep, loop_id: RowId) -> Response:
    viewer = callers.signed_in(ctx)
    ctx.target("hiring_loop", loop_id)
    try:
        card = scorecard_from_fields(form)
        with ctx.transaction() as session:
            changes.save_scorecard(session, viewer, lookup.loop_for(session, viewer, loop_id),
                                   levels=card.levels, evidence=card.evidence, lean=card.lean,
                                   submit=card.submit, origin=ctx.origin)
    except StaffpathError as exc:
        if isinstance(exc, NotFoundError) or not ctx.is_htmx:
            raise
        ctx.audit_refusal()
        return _loop_page(ctx, loop_id, status=status_for(exc), error=str(exc), audited=False)
    if not ctx.is_htmx:
        return see_other(f"/hiring/loops/{loop_id}#scorecard")
    return _loop_page(ctx, loop_id, saved=True, audited=False)


@router.post("/hiring/loops/{loop_id}/debrief", response_model=None)
@rule(place(Place.HIRING, Action.UPDATE, "open_debrief"))
def open_debrief(ctx: CtxDep, loop_id: RowId) -> Response:
    viewer = callers.signed_in(ctx)
    ctx.target("hiring_loop", loop_id)
    with ctx.transaction() as session:
        changes.open_debrief(session, viewer, lookup.managed_loop(session, viewer, loop_id),
                             origin=ctx.origin)
    return see_other(f"/hiring/loops/{loop_id}#debrief")


@router.post("/hiring/loops/{loop_id}/decision", response_model=None)
@rule(place(Place.HIRING, Action.UPDATE, "decide_loop"))
def decide(form: FormDep, ctx: CtxDep, loop_id: RowId) -> Response:
    viewer = callers.signed_in(ctx)
    ctx.target("hiring_loop", loop_id)
    outcome, rationale = form.get("outcome"), form.get("rationale")
    if not isinstance(outcome, str) or not isinstance(rationale, str):
        raise InputError("a decision needs an outcome and a rationale")
    with ctx.transaction() as session:
        changes.decide(session, viewer, lookup.managed_loop(session, viewer, loop_id),
                       outcome, rationale, origin=ctx.origin)
    return see_other(f"/hiring/loops/{loop_id}#decision")


@router.get("/hiring/loops/{loop_id}/debrief.csv", response_model=None)
@rule(place(Place.HIRING, Action.READ, "export_debrief"))
def export(ctx: CtxDep, loop_id: RowId) -> Response:
    ctx.target("hiring_loop", loop_id)
    with callers.refusal_audited(ctx), ctx.write() as session:  # the export is audited
        body = debrief_csv(session, callers.signed_in(ctx), loop_id)
    return download(body, "text/csv", f"loop-{loop_id}-debrief.csv")
