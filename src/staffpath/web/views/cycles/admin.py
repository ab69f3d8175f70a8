"""The administrator's cycle pages: the list of cycles, a new cycle, and one cycle's stages,
nominations, panels, packets, decisions and report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from starlette.datastructures import FormData

from staffpath.cycles import changes, consistency, inputs, lookup, panel, visible
from staffpath.cycles.report import ReportFormat
from staffpath.errors import InputError, NotFoundError, StaffpathError
from staffpath.people.access import Action, Place
from staffpath.store.engine import UnitOfWork
from staffpath.web import cycle_callers as callers
from staffpath.web.access import place, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.errors import status_for
from staffpath.web.ids import RowId
from staffpath.web.views.cycles.common import base_context, report_response
from staffpath.web.views.forms import FormDep
from staffpath.web.views.render import page, see_other

router = APIRouter(include_in_schema=False)
CtxDep = Annotated[Ctx, Depends(guard)]


def form_date(form: FormData, field: str) -> dt.date:
    raw = str(form.get(field) or "").strip()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InputError(f"{field}: give a date as YYYY-MM-DD") from None


def _list_context(ctx: Ctx) -> dict[str, Any]:
    with ctx.read() as session:
        listings = visible.cycle_listings(session, callers.admin(ctx))
    return {"cycles": listings, **base_context()}


@router.get("/admin/cycles", response_model=None)
@rule(place(Place.ADMIN, Action.LIST))
def admin_cycles(ctx: CtxDep) -> Response:
    return page(ctx, "cycles/admin_list.html", section="admin", tab="cycles", error=None,
                message=None, **_list_context(ctx))


@router.post("/admin/cycles", response_model=None)
@rule(place(Place.ADMIN, Action.UPDATE, "create_cycle"))
def admin_create_cycle(ctx: CtxDep, form: FormDep) -> Response:
    try:
        name = str(form.get("name") or "")
        opens, closes = form_date(form, "opens_on"), form_date(form, "closes_on")
        with ctx.transaction() as session:
            created = changes.create_cycle(
                session, name, opens, closes, framework=str(form.get("framework") or "") or None,
                open_now=form.get("open") in ("on", "true", "1"), origin=ctx.origin)
    except StaffpathError as exc:
        ctx.audit_refusal()
        return page(ctx, "cycles/admin_list.html", section="admin", tab="cycles",
                    status=status_for(exc), error=str(exc), message=None,
                    **_list_context(ctx))
    return see_other(f"/admin/cycles/{created.id}")


def _cycle_page(ctx: Ctx, cycle_id: int, *, status: int = 200, error: str | None = None
                ) -> Response:
    with callers.refusal_audited(ctx), ctx.read() as session:
        view = visible.cycle_view_by_id(session, cycle_id, callers.admin(ctx))
        conflicts = panel.acknowledged_for(session, cycle_id)
        suggested = consistency.suggestions_for(session, cycle_id)
    return page(ctx, "cycles/cycle.html", status=status, section="admin", tab="cycles",
                view=view, levels=view.level_titles, base=f"/admin/cycles/{cycle_id}",
                admin=True, error=error, message=None, conflicts=conflicts,
                suggested=suggested,
                **base_context())


@router.get("/admin/cycles/{cycle_id}", response_model=None)
@rule(place(Place.ADMIN, Action.READ, "read_cycle"))
def admin_cycle(ctx: CtxDep, cycle_id: RowId) -> Response:
    return _cycle_page(ctx, cycle_id)


def _change(ctx: Ctx, cycle_id: int, change: Callable[[UnitOfWork], object]) -> Response:
    """Run one admin change; a refusal shows the cycle page again with the reason."""
    try:
        with ctx.transaction() as session:
            change(session)
    except StaffpathError as exc:
        if isinstance(exc, NotFoundError):
            raise
        ctx.audit_refusal()
        return _cycle_page(ctx, cycle_id, status=status_for(exc), error=str(exc))
    return see_other(f"/admin/cycles/{cycle_id}")


@router.post("/admin/cycles/{cycle_id}/state", response_model=None)
@rule(place(Place.ADMIN, Action.UPDATE, "advance_cycle"))
def admin_advance(ctx: CtxDep, form: FormDep, cycle_id: RowId) -> Response:
    ctx.target("cycle", cycle_id)
    return _change(ctx, cycle_id, lambda session: changes.advance(
        session, lookup.cycle_for_member(session, cycle_id, callers.admin(ctx)),
        str(form.get("to") or ""), origin=ctx.origin))


@router.post("/admin/cycles/{cycle_id}/nominations", response_model=None)
@rule(place(Place.ADMIN, Action.UPDATE, "nominate"))
def admin_nominate(ctx: CtxDep, form: FormDep, cycle_id: RowId) -> Response:
    return _change(ctx, cycle_id, lambda session: changes.nominate(
        session, lookup.cycle_for_member(session, cycle_id, callers.admin(ctx)),
        lookup.person_named(session, str(form.get("person") or "")), origin=ctx.origin))


@router.post("/admin/cycles/{cycle_id}/nominations/{nomination_id}/assign",
             response_model=None)
@rule(place(Place.ADMIN, Action.UPDATE, "assign_member"))
def admin_assign(ctx: CtxDep, form: FormDep, cycle_id: RowId, nomination_id: RowId) -> Response:
    return _change(ctx, cycle_id, lambda session: changes.assign(
        session, lookup.nomination_in_cycle(session, cycle_id, nomination_id),
        lookup.person_named(session, str(form.get("member") or "")), origin=ctx.origin,
        acknowledgement=str(form.get("acknowledgement") or "") or None))


@router.post("/admin/cycles/{cycle_id}/nominations/{nomination_id}/submit",
             response_model=None)
@rule(place(Place.ADMIN, Action.UPDATE, "submit_packet"))
def admin_submit(ctx: CtxDep, cycle_id: RowId, nomination_id: RowId) -> Response:
    ctx.target("nomination", nomination_id)
    return _change(ctx, cycle_id, lambda session: changes.submit_packet(
        session, lookup.nomination_in_cycle(session, cycle_id, nomination_id),
        origin=ctx.origin))


@router.post("/admin/cycles/{cycle_id}/nominations/{nomination_id}/withdraw",
             response_model=None)
@rule(place(Place.ADMIN, Action.DELETE, "withdraw_nomination"))
def admin_withdraw(ctx: CtxDep, cycle_id: RowId, nomination_id: RowId) -> Response:
    ctx.target("nomination", nomination_id)
    return _change(ctx, cycle_id, lambda session: changes.withdraw(
        session, lookup.nomination_in_cycle(session, cycle_id, nomination_id),
        origin=ctx.origin))


@router.post("/admin/cycles/{cycle_id}/nominations/{nomination_id}/decision",
             response_model=None)
@rule(place(Place.ADMIN, Action.UPDATE, "decide"))
def admin_decision(ctx: CtxDep, form: FormDep, cycle_id: RowId, nomination_id: RowId
                   ) -> Response:
    def decide(session: UnitOfWork) -> None:
        outcome, rationale = inputs.decision_from_fields(form)
        changes.decide(session, lookup.nomination_in_cycle(session, cycle_id, nomination_id),
                       outcome, rationale, caller=callers.admin(ctx), via="admin",
                       origin=ctx.origin, conditions=inputs.conditions_from_fields(form))
    return _change(ctx, cycle_id, decide)


@router.get("/admin/cycles/{cycle_id}/report.{fmt}", response_model=None)
@rule(place(Place.ADMIN, Action.READ, "export_cycle_report"))
def admin_report(ctx: CtxDep, cycle_id: RowId, fmt: ReportFormat) -> Response:
    return report_response(ctx, cycle_id, fmt, callers.admin(ctx))
