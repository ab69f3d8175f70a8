"""Growth pages: a person's plan and the work that would grow them, the opportunities list,
and an opportunity with the people it would grow. HTTP only: the growth services decide."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from staffpath.growth.fit import fit_reflection, set_energises
from staffpath.growth.followup import cohorts, followup_rows
from staffpath.growth.matching import matches_for_opportunity, opportunities_for_person
from staffpath.growth.opportunities import (
    OpportunityInput,
    add_opportunity,
    get_opportunity,
    list_opportunities,
)
from staffpath.growth.plan import plan_for, start_plan
from staffpath.growth.progress import gap_history
from staffpath.growth.progress_chart import gap_chart_svg
from staffpath.growth.sponsorship import assign
from staffpath.people.access import Action, Area, Place
from staffpath.people.lookup import person_of
from staffpath.people.service import find_person
from staffpath.web.access import person, place, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.ids import RowId
from staffpath.web.views.forms import FormDep, parse_form
from staffpath.web.views.render import page, person_section, see_other

router = APIRouter(include_in_schema=False)
CtxDep = Annotated[Ctx, Depends(guard)]


@router.get("/people/{handle}/plan", response_model=None)
@rule(person(Area.GROWTH, Action.READ, "read_plan"))
def plan_page(ctx: CtxDep, handle: str) -> Response:
    with ctx.read() as session:
        who = person_of(session, ctx.subject)
        plan = plan_for(session, ctx.viewer, who, ctx.framework)
        ranked = opportunities_for_person(session, ctx.viewer, ctx.framework, who)
        fit = fit_reflection(session, ctx.viewer, who, ctx.framework)
        history = gap_history(session, ctx.viewer, who, ctx.framework)
    levels = {lv.id: lv.title for lv in ctx.framework.levels}
    return page(ctx, "growth/plan.html", section=person_section(ctx, "plan"),
                subject=ctx.subject.view() if ctx.subject else {}, plan=plan,
                ranked=ranked[:5], levels=levels, can_start=ctx.is_self, fit=fit,
                history=history)


@router.get("/people/{handle}/plan/chart.svg", response_model=None)
@rule(person(Area.GROWTH, Action.READ, "read_plan_chart"))
def plan_chart(ctx: CtxDep, handle: str) -> Response:
    """The gap over the last year, as an image (the pages' policy allows no inline styles)."""
    with ctx.read() as session:
        history = gap_history(session, ctx.viewer, person_of(session, ctx.subject),
                              ctx.framework)
    title = ctx.framework.level_title(history.target_level) if history.target_level else ""
    return Response(gap_chart_svg(history, title), media_type="image/svg+xml")


@router.post("/people/{handle}/reflection", response_model=None)
@rule(person(Area.GROWTH, Action.UPDATE, "update_reflection"))
def reflection_page(form: FormDep, ctx: CtxDep, handle: str) -> Response:
    answer = form.get("energises")
    with ctx.transaction() as session:
        set_energises(session, ctx.origin, ctx.viewer, person_of(session, ctx.subject),
                      answer if isinstance(answer, str) else "")
    return see_other(f"/people/{handle}/plan#fit")


@router.get("/org/promotions", response_model=None)
@rule(place(Place.ORG, Action.READ, "read_org_promotions"))
def promotions_page(ctx: CtxDep) -> Response:
    with ctx.read() as session:
        groups = [c.to_dict() for c in cohorts(session, ctx.viewer)]
        rows = followup_rows(session, ctx.viewer)
    return page(ctx, "growth/promotions.html", section="org", cohorts=groups, rows=rows)


@router.post("/people/{handle}/plan", response_model=None)
@rule(person(Area.GROWTH, Action.UPDATE, "start_plan"))
def start_plan_page(form: FormDep, ctx: CtxDep, handle: str) -> Response:
    with ctx.transaction() as session:
        start_plan(session, ctx.origin, ctx.viewer, person_of(session, ctx.subject),
                   ctx.framework)
    return see_other(f"/people/{handle}/plan")


@router.get("/opportunities", response_model=None)
@rule(place(Place.ACCOUNT, Action.LIST, "list_opportunities"))
def opportunities_page(ctx: CtxDep) -> Response:
    with ctx.read() as session:
        rows = list_opportunities(session)
    actor = ctx.viewer
    return page(ctx, "growth/opportunities.html", section="opportunities", rows=rows,
                can_add=actor.is_manager or actor.is_leader or actor.is_admin,
                dimensions=[(d.id, d.title) for d in ctx.framework.dimensions])


@router.post("/opportunities", response_model=None)
@rule(place(Place.ACCOUNT, Action.UPDATE, "add_opportunity"))
def add_opportunity_page(form: FormDep, ctx: CtxDep) -> Response:
    data = parse_form(form, OpportunityInput)
    with ctx.transaction() as session:
        view = add_opportunity(session, ctx.origin, ctx.viewer, ctx.framework, data)
    return see_other(f"/opportunities/{view.id}")


@router.get("/opportunities/{opportunity_id}", response_model=None)
@rule(place(Place.ACCOUNT, Action.READ, "read_opportunity"))
def opportunity_page(ctx: CtxDep, opportunity_id: RowId) -> Response:
    with ctx.read() as session:
        opp = get_opportunity(session, opportunity_id)
        matches = matches_for_opportunity(session, ctx.viewer, ctx.framework, opportunity_id)
    # Each match shows a person's gaps: a read of their assessment, audited.
    ctx.audit_summaries([m.person_id for m in matches])
    actor = ctx.viewer
    return page(ctx, "growth/opportunity.html", section="opportunities", opp=opp,
                matches=matches, can_assign=opp.status == "open" and (
                    actor.is_manager or actor.is_leader or actor.is_admin))


@router.post("/opportunities/{opportunity_id}/assign", response_model=None)
@rule(place(Place.ACCOUNT, Action.UPDATE, "assign_opportunity"))
def assign_page(form: FormDep, ctx: CtxDep, opportunity_id: RowId) -> Response:
    handle = str(form.get("person") or "")
    with ctx.transaction() as session:
        assign(session, ctx.origin, ctx.viewer, opportunity_id, find_person(session, handle),
               sponsor=None)
    return see_other(f"/opportunities/{opportunity_id}")
