"""Overviews across people, a row each with where their evidence puts them: a manager's team
and the committee's promotion candidates."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from markupsafe import Markup

from staffpath.org.overview import committee_candidates, team_overview
from staffpath.people.access import Action, Place
from staffpath.web.access import place, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.views.render import page

router = APIRouter(include_in_schema=False)
CtxDep = Annotated[Ctx, Depends(guard)]


@router.get("/team", response_model=None)
@rule(place(Place.TEAM, Action.LIST))
async def team(ctx: CtxDep) -> Response:
    assert ctx.actor is not None
    # Reading and rendering run on the event loop (see context.py); the audit entries are
    # committed with other requests' (web/groupcommit.py).
    with ctx.read() as session:
        rows = team_overview(session, ctx.actor.chain, ctx.actor.reports, ctx.framework,
                             cache=ctx.assessments)
    await ctx.audit_summaries_committed([r.id for r in rows])
    levels = {lv.id: lv.title for lv in ctx.framework.levels}
    template = ctx.web.templates.get_template("_team_body.html")
    body = ctx.web.bodies.get_or_render_value(
        ("team", tuple(rows), ctx.framework.fingerprint),
        lambda: template.render(rows=rows, levels=levels))
    return page(ctx, "team.html", section="team", body=Markup(body))


@router.get("/committee", response_model=None)
@rule(place(Place.COMMITTEE, Action.LIST))
def committee(ctx: CtxDep) -> Response:
    with ctx.read() as session:
        rows = committee_candidates(session, ctx.framework, cache=ctx.assessments)
    ctx.audit_summaries([r.id for r in rows])
    levels = {lv.id: lv.title for lv in ctx.framework.levels}
    return page(ctx, "committee.html", section="committee", rows=rows, levels=levels)
