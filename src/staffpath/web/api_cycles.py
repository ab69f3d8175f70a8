"""The JSON API for promotion cycles: a member's view and scores, the admin's view, outcomes.

The same guard and the same cycle service as the pages: what a caller sees here is what the
pages show them, and blind scoring holds in both.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import Field

from staffpath.cycles import changes, lookup, visible
from staffpath.people.access import Action, Place
from staffpath.web import cycle_callers as callers
from staffpath.web.access import place, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.ids import RowId
from staffpath.web.schemas import Strict

router = APIRouter(prefix="/api", tags=["cycles"])
CtxDep = Annotated[Ctx, Depends(guard)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "Not found, or not assigned to you"}}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **NOT_FOUND,
    403: {"description": "Missing or wrong X-CSRF-Token"},
    409: {"description": "The cycle is not open for scoring"},
    422: {"description": "Unknown dimension or level, or an empty comment"},
}


class DimensionScore(Strict):
    """One dimension's level, with the reason for it."""

    level: str = Field(min_length=1, max_length=80)
    comment: str = Field(min_length=1, max_length=20_000)


class Scores(Strict):
    """A member's scores for one packet, by dimension id; all are saved or none."""

    scores: dict[str, DimensionScore] = Field(min_length=1)


@router.get("/committee/cycles", responses=NOT_FOUND)
@rule(place(Place.COMMITTEE, Action.LIST, "list_my_cycles"))
def my_cycles(ctx: CtxDep) -> list[dict[str, Any]]:
    """Cycles in which packets are assigned to you."""
    with ctx.read() as session:
        return [c.to_dict() for c in visible.cycle_summaries(session, callers.member(ctx))]


@router.get("/committee/cycles/{cycle_id}", responses=NOT_FOUND)
@rule(place(Place.COMMITTEE, Action.READ, "read_cycle"))
def member_cycle(ctx: CtxDep, cycle_id: RowId) -> dict[str, Any]:
    """Your packets in a cycle and your own scores; everyone's from calibration on."""
    with callers.refusal_audited(ctx), ctx.read() as session:
        return visible.cycle_view_by_id(session, cycle_id, callers.member(ctx)).to_dict()


@router.put("/committee/cycles/{cycle_id}/nominations/{nomination_id}/scores",
            responses=WRITE_ERRORS)
@rule(place(Place.COMMITTEE, Action.UPDATE, "score"))
def put_scores(ctx: CtxDep, cycle_id: RowId, nomination_id: RowId, body: Scores
               ) -> dict[str, Any]:
    """Score dimensions of a packet assigned to you, while the cycle is open."""
    viewer = callers.member(ctx)
    ctx.target("nomination", nomination_id)
    with ctx.transaction() as session:
        return changes.score_many(
            session, lookup.assigned_nomination(session, viewer, cycle_id, nomination_id),
            viewer, {d: (s.level, s.comment) for d, s in body.scores.items()},
            origin=ctx.origin).to_dict()


@router.get("/admin/cycles/{cycle_id}", responses=NOT_FOUND)
@rule(place(Place.ADMIN, Action.READ, "read_cycle"))
def admin_cycle(ctx: CtxDep, cycle_id: RowId) -> dict[str, Any]:
    """A cycle as its administrator sees it: before calibration, only whether each panel
    member has finished, never a score."""
    with callers.refusal_audited(ctx), ctx.read() as session:
        return visible.cycle_view_by_id(session, cycle_id, callers.admin(ctx)).to_dict()


@router.get("/account/outcomes")
@rule(place(Place.ACCOUNT, Action.LIST, "list_my_outcomes"))
def my_outcomes(ctx: CtxDep) -> list[dict[str, Any]]:
    """Your own nominations; the outcome and its rationale once the cycle is released."""
    with ctx.read() as session:
        return [m.to_dict() for m in visible.nominations_of(session, callers.signed_in(ctx))]
