"""The JSON API for endorsements: ask colleagues about an item, the requests addressed to you,
one request, the answers on an item, and your answer. Any signed-in person may call these;
the endorsement service narrows every read and write (a colleague sees only the item they
were asked about; the owner and their managers see the answers; anyone else: 404)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends
from pydantic import Field

from staffpath.ledger import endorsements as en
from staffpath.people.access import Action, Place
from staffpath.web import cycle_callers as callers
from staffpath.web.access import place, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.ids import MAX_ID, RowId
from staffpath.web.schemas import Strict

router = APIRouter(prefix="/api/endorsements", tags=["endorsements"])
CtxDep = Annotated[Ctx, Depends(guard)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "Not found, or not a request or item you may see"}}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **NOT_FOUND,
    403: {"description": "Missing or wrong X-CSRF-Token"},
    409: {"description": "The request is already answered"},
    422: {"description": "A colleague not on the roster, the item's own author, or an "
                         "endorsement without words"},
}


class AskBody(Strict):
    """Colleagues (handles on the roster) to ask about one of your (or a report's) items."""

    item: int = Field(ge=1, le=MAX_ID)
    colleagues: list[Annotated[str, Field(min_length=1, max_length=320)]] = Field(
        min_length=1, max_length=en.MAX_COLLEAGUES)
    note: str | None = Field(default=None, max_length=en.MAX_NOTE)


class AnswerBody(Strict):
    """Your answer: confirm the item, endorse it in your own words, or decline."""

    answer: Literal["confirm", "endorse", "decline"]
    text: str | None = Field(default=None, max_length=en.MAX_TEXT)


@router.get("", responses=NOT_FOUND)
@rule(place(Place.ACCOUNT, Action.LIST, "list_endorsements"))
def addressed_to_me(ctx: CtxDep) -> list[dict[str, Any]]:
    """The requests addressed to you, open ones first, each with the item it asks about."""
    with ctx.read() as session:
        return [en.request_view(e) for e in en.addressed_to(session, callers.signed_in(ctx))]


@router.post("", responses=WRITE_ERRORS, status_code=201)
@rule(place(Place.ACCOUNT, Action.UPDATE, "ask_endorsement"))
def ask(ctx: CtxDep, body: AskBody) -> list[dict[str, Any]]:
    """Ask colleagues to confirm or endorse one item: yours, or a report's."""
    ctx.target("evidence", body.item)
    with ctx.transaction() as session:
        made = en.ask(session, callers.signed_in(ctx), body.item, body.colleagues,
                      note=body.note, origin=ctx.origin)
        return [en.request_view(e, with_item=False) for e in made]


@router.get("/items/{item_id}", responses=NOT_FOUND)
@rule(place(Place.ACCOUNT, Action.LIST, "list_item_endorsements"))
def on_item(ctx: CtxDep, item_id: RowId) -> list[dict[str, Any]]:
    """The requests on one item: all of them for its owner and their managers, only your
    own if you were asked about it."""
    ctx.target("evidence", item_id)
    with callers.refusal_audited(ctx), ctx.read() as session:
        rows = en.on_item(session, callers.signed_in(ctx), item_id)
        return [en.request_view(e, with_item=False) for e in rows]


@router.get("/{request_id}", responses=NOT_FOUND)
@rule(place(Place.ACCOUNT, Action.READ, "read_endorsement"))
def one(ctx: CtxDep, request_id: RowId) -> dict[str, Any]:
    """One request with the item it asks about (a read by anyone but the owner is audited)."""
    ctx.target("endorsement", request_id)
    with ctx.transaction() as session:
        return en.request_view(en.get_request(session, callers.signed_in(ctx), request_id,
                                              origin=ctx.origin))


@router.post("/{request_id}/answer", responses=WRITE_ERRORS)
@rule(place(Place.ACCOUNT, Action.UPDATE, "answer_endorsement"))
def answer(ctx: CtxDep, request_id: RowId, body: AnswerBody) -> dict[str, Any]:
    """Answer a request addressed to you; a confirmation or endorsement attests the item."""
    ctx.target("endorsement", request_id)
    with ctx.transaction() as session:
        e = en.answer(session, callers.signed_in(ctx), request_id, body.answer,
                      text=body.text, origin=ctx.origin)
        return en.request_view(e)
