"""The JSON API for hiring: loops as each caller may see them, an interviewer's scorecard,
and the hiring manager's changes. The same guard and the same hiring service as the pages:
scorecards are blind here exactly as they are there."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import Field

from staffpath.hiring import changes, lookup, outcome, visible
from staffpath.hiring.inputs import titles_from_lines
from staffpath.people.access import Action, Place
from staffpath.web import cycle_callers as callers
from staffpath.web.access import place, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.ids import RowId
from staffpath.web.schemas import Strict

router = APIRouter(prefix="/api", tags=["hiring"])
CtxDep = Annotated[Ctx, Depends(guard)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "Not found, or not a loop you interview on or hire for"}}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **NOT_FOUND,
    403: {"description": "Missing or wrong X-CSRF-Token"},
    409: {"description": "The loop is not at a stage that allows this, or a conflict of "
                         "interest needs an acknowledgement"},
    422: {"description": "Unknown dimension, level or lean, or missing evidence"},
}


class ScorecardBody(Strict):
    """Your scorecard: levels and evidence by dimension id, a lean; `submit` makes it final."""

    levels: dict[str, str] = Field(default_factory=dict)
    evidence: dict[str, Annotated[str, Field(max_length=20_000)]] = Field(default_factory=dict)
    lean: str | None = None
    submit: bool = False


class LoopBody(Strict):
    """A candidate and their loop: earlier titles one per line (see `staffpath hire start`)."""

    name: str = Field(min_length=1, max_length=200)
    email: str | None = Field(default=None, max_length=320)
    titles: str = Field(default="", max_length=20_000)
    level: str | None = Field(default=None, max_length=80)


class InterviewBody(Strict):
    interviewer: str = Field(min_length=1, max_length=320)
    kind: str = Field(min_length=1, max_length=40)
    dimensions: list[str] = Field(default_factory=list)
    acknowledgement: str | None = Field(default=None, max_length=2_000)


class DecisionBody(Strict):
    outcome: str = Field(min_length=1, max_length=20)
    rationale: str = Field(min_length=1, max_length=20_000)
    level: str | None = Field(default=None, max_length=80)


class RoleBody(Strict):
    title: str = Field(min_length=1, max_length=200)
    level: str = Field(min_length=1, max_length=80)
    archetype: str | None = Field(default=None, max_length=80)
    hiring_manager: str | None = Field(default=None, max_length=320)


@router.get("/hiring/loops", responses=NOT_FOUND)
@rule(place(Place.HIRING, Action.LIST, "list_loops"))
def my_loops(ctx: CtxDep) -> list[dict[str, Any]]:
    """Loops you interview on or hire for."""
    with ctx.read() as session:
        return visible.loops_of(session, callers.signed_in(ctx))


@router.get("/hiring/loops/{loop_id}", responses=NOT_FOUND)
@rule(place(Place.HIRING, Action.READ, "read_loop"))
def loop(ctx: CtxDep, loop_id: RowId) -> dict[str, Any]:
    """A loop: your own scorecard, others' only from the debrief on."""
    ctx.target("hiring_loop", loop_id)
    with callers.refusal_audited(ctx), ctx.write() as session:  # reading is audited
        return visible.loop_view(session, callers.signed_in(ctx), loop_id)


@router.put("/hiring/loops/{loop_id}/scorecard", responses=WRITE_ERRORS)
@rule(place(Place.HIRING, Action.UPDATE, "save_scorecard"))
def put_scorecard(ctx: CtxDep, loop_id: RowId, body: ScorecardBody) -> dict[str, Any]:
    """Save (or submit) your scorecard while the loop is interviewing."""
    viewer = callers.signed_in(ctx)
    ctx.target("hiring_loop", loop_id)
    with ctx.transaction() as session:
        changes.save_scorecard(session, viewer, lookup.loop_for(session, viewer, loop_id),
                               levels=body.levels, evidence=body.evidence, lean=body.lean,
                               submit=body.submit, origin=ctx.origin)
        return visible.loop_view(session, viewer, loop_id)


@router.post("/hiring/roles/{role_id}/loops", responses=WRITE_ERRORS, status_code=201)
@rule(place(Place.HIRING, Action.UPDATE, "start_loop"))
def start_loop(ctx: CtxDep, role_id: RowId, body: LoopBody) -> dict[str, Any]:
    """A candidate and their loop for a role you hire for."""
    viewer = callers.signed_in(ctx)
    ctx.target("hiring_role", role_id)
    jobs = titles_from_lines(body.titles)
    with ctx.transaction() as session:
        made = changes.start_loop(session, viewer, lookup.role_for(session, viewer, role_id),
                                  name=body.name, email=body.email, titles=jobs,
                                  level=body.level, origin=ctx.origin)
        return visible.loop_view(session, viewer, made.id)


@router.post("/hiring/loops/{loop_id}/interviews", responses=WRITE_ERRORS, status_code=201)
@rule(place(Place.HIRING, Action.UPDATE, "add_interview"))
def add_interview(ctx: CtxDep, loop_id: RowId, body: InterviewBody) -> dict[str, Any]:
    """Put an interviewer on a loop you hire for."""
    viewer = callers.signed_in(ctx)
    ctx.target("hiring_loop", loop_id)
    with ctx.transaction() as session:
        found = lookup.managed_loop(session, viewer, loop_id)
        changes.add_interview(session, viewer, found,
                              lookup.person_named(session, body.interviewer), body.kind,
                              dimensions=body.dimensions, acknowledgement=body.acknowledgement,
                              origin=ctx.origin)
        return visible.loop_view(session, viewer, loop_id)


@router.post("/hiring/loops/{loop_id}/debrief", responses=WRITE_ERRORS)
@rule(place(Place.HIRING, Action.UPDATE, "open_debrief"))
def open_debrief(ctx: CtxDep, loop_id: RowId) -> dict[str, Any]:
    """Open the debrief of a loop you hire for, once every scorecard is in."""
    viewer = callers.signed_in(ctx)
    ctx.target("hiring_loop", loop_id)
    with ctx.transaction() as session:
        changes.open_debrief(session, viewer, lookup.managed_loop(session, viewer, loop_id),
                             origin=ctx.origin)
        return visible.loop_view(session, viewer, loop_id)


@router.post("/hiring/loops/{loop_id}/decision", responses=WRITE_ERRORS)
@rule(place(Place.HIRING, Action.UPDATE, "decide_loop"))
def decide(ctx: CtxDep, loop_id: RowId, body: DecisionBody) -> dict[str, Any]:
    """Decide a loop you hire for, after its debrief."""
    viewer = callers.signed_in(ctx)
    ctx.target("hiring_loop", loop_id)
    with ctx.transaction() as session:
        changes.decide(session, viewer, lookup.managed_loop(session, viewer, loop_id),
                       body.outcome, body.rationale, level=body.level, origin=ctx.origin)
        return visible.loop_view(session, viewer, loop_id)


@router.post("/hiring/loops/{loop_id}/hire", responses=WRITE_ERRORS)
@rule(place(Place.HIRING, Action.UPDATE, "hire_candidate"))
def hire(ctx: CtxDep, loop_id: RowId) -> dict[str, Any]:
    """Make the hired candidate a person, seeded with the loop's evidence."""
    viewer = callers.signed_in(ctx)
    ctx.target("hiring_loop", loop_id)
    with ctx.transaction() as session:
        person = outcome.hire(session, viewer, lookup.managed_loop(session, viewer, loop_id),
                              origin=ctx.origin)
        return {"person_id": person.id, "handle": person.handle, "level": person.level}


@router.post("/hiring/candidates/{candidate_id}/erase", responses=WRITE_ERRORS)
@rule(place(Place.HIRING, Action.UPDATE, "erase_candidate"))
def erase(ctx: CtxDep, candidate_id: RowId) -> dict[str, Any]:
    """Erase a candidate you hire for: personal data goes, the statistics stay."""
    viewer = callers.signed_in(ctx)
    ctx.target("hiring_candidate", candidate_id)
    with ctx.transaction() as session:
        found = outcome.erase_candidate(
            session, viewer, lookup.candidate_for(session, viewer, candidate_id),
            origin=ctx.origin)
        return {"candidate": found.id, "erased": True}


@router.get("/hiring/roles", responses=NOT_FOUND)
@rule(place(Place.HIRING, Action.LIST, "list_hiring_roles"))
def roles(ctx: CtxDep) -> list[dict[str, Any]]:
    """Roles you hire for (all, for an administrator)."""
    with ctx.read() as session:
        return visible.roles_of(session, callers.signed_in(ctx))


@router.post("/admin/hiring/roles", responses=WRITE_ERRORS, status_code=201)
@rule(place(Place.ADMIN, Action.UPDATE, "create_hiring_role"))
def create_role(ctx: CtxDep, body: RoleBody) -> dict[str, Any]:
    """Open a position to hire for, with its hiring manager."""
    viewer = callers.signed_in(ctx)
    with ctx.transaction() as session:
        made = changes.create_role(
            session, viewer, body.title, body.level, archetype=body.archetype,
            hiring_manager=lookup.person_named(session, body.hiring_manager)
            if body.hiring_manager else None, origin=ctx.origin)
        return visible.role_dict(made)
