"""Endorsement pages: the requests addressed to you with the item and your answer form, and
the forms that ask colleagues (from an item in the journal) and answer. The endorsement
service decides who sees and does what; anything else answers as not found."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from starlette.datastructures import FormData

from staffpath.errors import InputError
from staffpath.ledger import endorsements as en
from staffpath.people.access import Action, Place
from staffpath.web import cycle_callers as callers
from staffpath.web.access import place, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.errors import status_for
from staffpath.web.ids import RowId, is_row_id
from staffpath.web.views.forms import FormDep
from staffpath.web.views.render import page, see_other

router = APIRouter(include_in_schema=False)
CtxDep = Annotated[Ctx, Depends(guard)]
SEPARATORS = re.compile(r"[\s,;]+")


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _addressed_page(ctx: Ctx, *, status: int = 200, error: str | None = None,
                    failed: int | None = None) -> Response:
    with ctx.read() as session:
        rows = [en.request_view(e) for e in en.addressed_to(session, callers.signed_in(ctx))]
    return page(ctx, "endorsements.html", status=status, section="endorsements",
                requests=rows, error=error, failed=failed)


@router.get("/endorsements", response_model=None)
@rule(place(Place.ACCOUNT, Action.LIST, "list_endorsements"))
def addressed_to_me(ctx: CtxDep) -> Response:
    return _addressed_page(ctx)


@router.post("/endorsements/{request_id}/answer", response_model=None)
@rule(place(Place.ACCOUNT, Action.UPDATE, "answer_endorsement"))
def answer(form: FormDep, ctx: CtxDep, request_id: RowId) -> Response:
    ctx.target("endorsement", request_id)
    try:
        with ctx.transaction() as session:
            en.answer(session, callers.signed_in(ctx), request_id, _field(form, "answer"),
                      text=_field(form, "text"), origin=ctx.origin)
    except InputError as exc:  # shown by the form; a hidden request stays a 404
        return _addressed_page(ctx, status=status_for(exc), error=str(exc), failed=request_id)
    return see_other(f"/endorsements#request-{request_id}")


@router.post("/endorsements/ask", response_model=None)
@rule(place(Place.ACCOUNT, Action.UPDATE, "ask_endorsement"))
def ask(form: FormDep, ctx: CtxDep) -> Response:
    raw = _field(form, "item").strip().lstrip("Ee")
    if not is_row_id(raw):
        raise InputError("the form names no item; reload the journal and ask again")
    item = int(raw)
    ctx.target("evidence", item)
    colleagues = [c for c in SEPARATORS.split(_field(form, "colleagues")) if c]
    with ctx.transaction() as session:  # bad input shows as an error page, one line
        made = en.ask(session, callers.signed_in(ctx), item, colleagues,
                      note=_field(form, "note"), origin=ctx.origin)
        owner = made[0].owner.handle
    return see_other(f"/people/{owner}/journal#entry-{item}")
