"""A person's promotion pages: their own nominations and released outcomes, putting
themselves forward, and, as a manager, agreeing to and rating their reports' nominations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from staffpath.cycles import changes, inputs, lookup, statement, visible
from staffpath.people.access import Action, Place
from staffpath.web import cycle_callers as callers
from staffpath.web.access import place, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.ids import RowId
from staffpath.web.views.cycles.common import base_context
from staffpath.web.views.forms import FormDep
from staffpath.web.views.render import page, see_other

router = APIRouter(include_in_schema=False)
CtxDep = Annotated[Ctx, Depends(guard)]


@router.get("/account/cycles", response_model=None)
@rule(place(Place.ACCOUNT, Action.READ, "read_my_cycles"))
def account_cycles(ctx: CtxDep) -> Response:
    with ctx.read() as session:
        mine = visible.account_cycles(session, callers.signed_in(ctx))
    fw = ctx.framework
    return page(ctx, "cycles/account.html", section="promotion", mine=mine.mine,
                open_cycles=mine.open_cycles, awaiting=mine.awaiting, reports=mine.reports,
                can_self_nominate=mine.can_self_nominate,
                dimensions=[(d.id, d.title) for d in fw.dimensions],
                level_options=[(lv.id, lv.title) for lv in fw.levels], **base_context())


@router.post("/account/cycles/{cycle_id}/nominate", response_model=None)
@rule(place(Place.ACCOUNT, Action.UPDATE, "self_nominate"))
def account_self_nominate(ctx: CtxDep, cycle_id: RowId) -> Response:
    with ctx.transaction() as session:
        changes.self_nominate(session, lookup.cycle_by_id(session, cycle_id),
                              callers.signed_in(ctx), origin=ctx.origin)
    return see_other("/account/cycles")


@router.post("/account/nominations/{nomination_id}/agree", response_model=None)
@rule(place(Place.ACCOUNT, Action.UPDATE, "agree_nomination"))
def account_agree(ctx: CtxDep, form: FormDep, nomination_id: RowId) -> Response:
    ratings = inputs.ratings_from_fields(form)
    ctx.target("nomination", nomination_id)
    with ctx.transaction() as session:
        changes.manager_agrees(session, lookup.nomination_by_id(session, nomination_id),
                               callers.signed_in(ctx), ratings, origin=ctx.origin)
    return see_other("/account/cycles")


@router.post("/account/nominations/{nomination_id}/ratings", response_model=None)
@rule(place(Place.ACCOUNT, Action.UPDATE, "rate_nomination"))
def account_rate(ctx: CtxDep, form: FormDep, nomination_id: RowId) -> Response:
    """A manager's own level per dimension on a report's nomination, for the panel."""
    ratings = inputs.ratings_from_fields(form)
    ctx.target("nomination", nomination_id)
    with ctx.transaction() as session:
        changes.manager_rates(session, lookup.nomination_by_id(session, nomination_id),
                              callers.signed_in(ctx), ratings, origin=ctx.origin)
    return see_other("/account/cycles")


@router.post("/account/nominations/{nomination_id}/statement", response_model=None)
@rule(place(Place.ACCOUNT, Action.UPDATE, "write_statement"))
def account_statement(ctx: CtxDep, form: FormDep, nomination_id: RowId) -> Response:
    """A manager's statement on a report's packet, signed off before submission."""
    text = form.get("text")
    ctx.target("nomination", nomination_id)
    with ctx.transaction() as session:
        changes.write_statement(session, lookup.nomination_by_id(session, nomination_id),
                                callers.signed_in(ctx), text if isinstance(text, str) else "",
                                sign_off="sign_off" in form, origin=ctx.origin)
    return see_other("/account/cycles")


@router.post("/account/nominations/{nomination_id}/withdraw", response_model=None)
@rule(place(Place.ACCOUNT, Action.DELETE, "withdraw_nomination"))
def account_withdraw(ctx: CtxDep, nomination_id: RowId) -> Response:
    """A nominee takes back their own self-nomination."""
    ctx.target("nomination", nomination_id)
    with ctx.transaction() as session:
        changes.withdraw_own(session, lookup.nomination_by_id(session, nomination_id),
                             callers.signed_in(ctx), origin=ctx.origin)
    return see_other("/account/cycles")


@router.post("/account/nominations/{nomination_id}/submit", response_model=None)
@rule(place(Place.ACCOUNT, Action.UPDATE, "submit_packet"))
def account_submit(ctx: CtxDep, nomination_id: RowId) -> Response:
    ctx.target("nomination", nomination_id)
    with ctx.transaction() as session:
        changes.submit_packet(session, lookup.own_nomination(session, nomination_id,
                                                             callers.signed_in(ctx)),
                              origin=ctx.origin)
    return see_other("/account/cycles")


@router.get("/account/outcomes/{nomination_id}", response_model=None)
@rule(place(Place.ACCOUNT, Action.READ, "read_outcome"))
def account_outcome(ctx: CtxDep, nomination_id: RowId) -> Response:
    with callers.refusal_audited(ctx), ctx.read() as session:
        me = lookup.acting_person(session, callers.signed_in(ctx))
        found = visible.outcome_for(session, nomination_id, me)
        said = statement.released_statement(session, nomination_id, me)
    return page(ctx, "cycles/outcome.html", section="promotion", o=found, statement=said,
                **base_context())
