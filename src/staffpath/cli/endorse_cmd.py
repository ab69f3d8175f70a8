"""`staffpath endorse`: ask colleagues to confirm an item or endorse it, list the requests,
answer one. The same service as the web; `--as HANDLE` acts and sees as one person (an
endorser sees only the item they were asked about)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from staffpath.accounts.audit import COMMAND_LINE
from staffpath.accounts.principal import Principal
from staffpath.cli.options import JsonOpt, PersonOpt
from staffpath.cli.state import console, print_json, state
from staffpath.errors import InputError, NotFoundError
from staffpath.ledger import endorsements as en
from staffpath.ledger.service import get_evidence
from staffpath.people.service import find_person

app = typer.Typer(help="Colleagues confirm or endorse your evidence: ask, list, answer.",
                  no_args_is_help=True)

AsOpt = Annotated[str | None, typer.Option(
    "--as", help="Act and see as this person (handle); default: the operator, who sees all.")]


def _caller(session: Any, as_: str | None) -> Principal:
    if as_ is None:
        return Principal.command_line()
    return en.principal_of(session, find_person(session, as_))


def _line(v: dict[str, Any]) -> str:
    words = f" — “{v['text']}”" if v["text"] else ""
    return (f"#{v['id']} E{v['item_id']} of {v['owner']['handle']}: {v['colleague']['handle']} "
            f"{v['state']}{words}")


@app.command("ask")
def ask(
    ctx: typer.Context,
    item: Annotated[int, typer.Argument(help="The evidence item's id (E12 → 12).")],
    colleague: Annotated[list[str], typer.Option(
        "--colleague", "-c", help="A colleague on the roster to ask (handle; repeat).")],
    person: PersonOpt = None,
    note: Annotated[str | None, typer.Option("--note", help="A line to the colleagues.")
                    ] = None,
    as_: AsOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Ask colleagues to confirm one item of the journal or write a few words about it."""
    st = state(ctx)
    with st.session(create=False) as session:
        caller = _caller(session, as_)
        if person is not None:
            owner = find_person(session, person)
            if get_evidence(session, item).person_id != owner.id:
                raise NotFoundError(f"no evidence with id {item} in {owner.handle}'s journal")
            if as_ is None:
                caller = en.principal_of(session, owner)  # the person asks
        made = en.ask(session, caller, item, colleague, note=note, origin=COMMAND_LINE)
        rows = [en.request_view(e, with_item=False) for e in made]
    if json_out:
        print_json(rows)
        return
    for r in rows:
        console.print(_line(r), highlight=False)


@app.command("list")
def list_(
    ctx: typer.Context,
    person: PersonOpt = None,
    mine: Annotated[bool, typer.Option(
        "--mine", help="The requests addressed to you (--as, else --person).")] = False,
    as_: AsOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """The requests on a person's items, or (--mine) those addressed to you."""
    st = state(ctx)
    with st.session(read_only=True) as session:
        if mine:
            who = as_ or person
            if who is None:
                raise InputError("--mine needs to know who you are: give --as or --person")
            me = en.principal_of(session, find_person(session, who))
            rows = [en.request_view(e) for e in en.addressed_to(session, me)]
        else:
            if person is None:
                raise InputError("name whose requests to list with --person, or use --mine")
            subject = find_person(session, person)
            rows = [en.request_view(e, with_item=False)
                    for e in en.about_person(session, _caller(session, as_), subject)]
    if json_out:
        print_json(rows)
        return
    for r in rows:
        console.print(_line(r), highlight=False)
        if mine:
            console.print(f"    {r['item']['title']}", highlight=False)
    if not rows:
        console.print("no endorsement requests")


@app.command("answer")
def answer(
    ctx: typer.Context,
    request: Annotated[int, typer.Argument(help="The request's id (from endorse list).")],
    confirm: Annotated[bool, typer.Option("--confirm", help="Confirm the item is right.")
                       ] = False,
    endorse: Annotated[str | None, typer.Option(
        "--endorse", help="Endorse it in your own words.")] = None,
    decline: Annotated[bool, typer.Option("--decline", help="Decline to answer.")] = False,
    as_: AsOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Answer a request addressed to you: --confirm, --endorse TEXT or --decline."""
    chosen = [name for name, on in (("confirm", confirm), ("endorse", endorse is not None),
                                    ("decline", decline)) if on]
    if len(chosen) != 1:
        raise InputError("answer with exactly one of --confirm, --endorse TEXT or --decline")
    st = state(ctx)
    with st.session(create=False) as session:
        e = en.answer(session, _caller(session, as_), request, chosen[0], text=endorse,
                      origin=COMMAND_LINE)
        row = en.request_view(e, with_item=False)
    if json_out:
        print_json(row)
        return
    console.print(_line(row), highlight=False)
