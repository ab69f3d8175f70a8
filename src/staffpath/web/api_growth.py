"""The JSON API for growth: a person's plan and ranked opportunities, opportunities and their
matches, sponsorships. Same guard and rules as the pages; the services decide who sees whom."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import Field

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
from staffpath.growth.sponsorship import assign, traces
from staffpath.people.access import Action, Area, Place
from staffpath.people.lookup import person_of
from staffpath.people.service import find_person
from staffpath.web.access import person, place, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.ids import RowId
from staffpath.web.schemas import Strict

router = APIRouter(prefix="/api", tags=["growth"])
CtxDep = Annotated[Ctx, Depends(guard)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "Not found, or not yours to see"}}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **NOT_FOUND,
    403: {"description": "Missing or wrong X-CSRF-Token"},
    409: {"description": "Already recorded, or changed since you read it"},
    422: {"description": "The input is not valid, or the person has no target level or gap "
                         "to plan for"},
}


class EnergisesAnswer(Strict):
    energises: str = Field(max_length=2000, description="What energises you, in your words")


class Assignment(Strict):
    person: str = Field(min_length=1, max_length=200, description="Handle of the person")


@router.get("/people/{handle}/plan", responses=NOT_FOUND)
@rule(person(Area.GROWTH, Action.READ, "read_plan"))
def read_plan(ctx: CtxDep, handle: str, history: Annotated[bool, Query(
        description="Add the rules still open at each of the last 12 months' ends")] = False
              ) -> dict[str, Any]:
    with ctx.read() as session:
        who = person_of(session, ctx.subject)
        out = plan_for(session, ctx.viewer, who, ctx.framework).to_dict()
        if history:
            out["history"] = gap_history(session, ctx.viewer, who, ctx.framework).to_dict()
        return out


@router.post("/people/{handle}/plan", responses=WRITE_ERRORS)
@rule(person(Area.GROWTH, Action.UPDATE, "start_plan"))
def post_plan(ctx: CtxDep, handle: str) -> dict[str, Any]:
    with ctx.transaction() as session:
        return start_plan(session, ctx.origin, ctx.viewer, person_of(session, ctx.subject),
                          ctx.framework).to_dict()


@router.get("/people/{handle}/opportunities", responses=NOT_FOUND)
@rule(person(Area.GROWTH, Action.LIST, "read_person_matches"))
def person_opportunities(ctx: CtxDep, handle: str) -> list[dict[str, Any]]:
    with ctx.read() as session:
        return [m.to_dict() for m in opportunities_for_person(
            session, ctx.viewer, ctx.framework, person_of(session, ctx.subject))]


@router.get("/opportunities")
@rule(place(Place.ACCOUNT, Action.LIST, "list_opportunities"))
def opportunities(ctx: CtxDep) -> list[dict[str, Any]]:
    with ctx.read() as session:
        return [o.to_dict() for o in list_opportunities(session)]


@router.post("/opportunities", status_code=201, responses=WRITE_ERRORS)
@rule(place(Place.ACCOUNT, Action.UPDATE, "add_opportunity"))
def create_opportunity(ctx: CtxDep, body: OpportunityInput) -> dict[str, Any]:
    with ctx.transaction() as session:
        return add_opportunity(session, ctx.origin, ctx.viewer, ctx.framework, body).to_dict()


@router.get("/opportunities/{opportunity_id}", responses=NOT_FOUND)
@rule(place(Place.ACCOUNT, Action.READ, "read_opportunity"))
def opportunity(ctx: CtxDep, opportunity_id: RowId) -> dict[str, Any]:
    with ctx.read() as session:
        return get_opportunity(session, opportunity_id).to_dict()


@router.get("/opportunities/{opportunity_id}/matches", responses=NOT_FOUND)
@rule(place(Place.ACCOUNT, Action.LIST, "read_matches"))
def matches(ctx: CtxDep, opportunity_id: RowId) -> list[dict[str, Any]]:
    with ctx.read() as session:
        found = matches_for_opportunity(session, ctx.viewer, ctx.framework, opportunity_id)
    ctx.audit_summaries([m.person_id for m in found])
    return [m.to_dict() for m in found]


@router.post("/opportunities/{opportunity_id}/sponsorships", status_code=201,
             responses=WRITE_ERRORS)
@rule(place(Place.ACCOUNT, Action.UPDATE, "assign_opportunity"))
def sponsor(ctx: CtxDep, opportunity_id: RowId, body: Assignment) -> dict[str, Any]:
    with ctx.transaction() as session:
        row = assign(session, ctx.origin, ctx.viewer, opportunity_id,
                     find_person(session, body.person), sponsor=None)
        return {"id": row.id, "opportunity_id": row.opportunity_id, "person": body.person,
                "assigned_on": row.assigned_on.isoformat(), "outcome": row.outcome}


@router.get("/sponsorships")
@rule(place(Place.ACCOUNT, Action.LIST, "list_sponsorships"))
def sponsorships(ctx: CtxDep) -> list[dict[str, Any]]:
    with ctx.read() as session:
        found = traces(session, ctx.viewer)
    return [t.to_dict() for t in found]


@router.get("/people/{handle}/fit", responses=NOT_FOUND)
@rule(person(Area.GROWTH, Action.READ, "read_fit"))
def fit(ctx: CtxDep, handle: str) -> dict[str, Any]:
    with ctx.read() as session:
        return fit_reflection(session, ctx.viewer, person_of(session, ctx.subject),
                              ctx.framework).to_dict()


@router.put("/people/{handle}/reflection", responses=WRITE_ERRORS)
@rule(person(Area.GROWTH, Action.UPDATE, "update_reflection"))
def put_reflection(ctx: CtxDep, handle: str, body: EnergisesAnswer) -> dict[str, str]:
    with ctx.transaction() as session:
        row = set_energises(session, ctx.origin, ctx.viewer, person_of(session, ctx.subject),
                            body.energises)
        return {"energises": row.energises}


@router.get("/org/promotions")
@rule(place(Place.ORG, Action.READ, "read_org_promotions"))
def promotions(ctx: CtxDep) -> dict[str, Any]:
    with ctx.read() as session:
        return {"cohorts": [c.to_dict() for c in cohorts(session, ctx.viewer)],
                "promotions": followup_rows(session, ctx.viewer)}
