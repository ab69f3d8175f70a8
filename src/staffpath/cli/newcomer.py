"""Adding a person by hand: from options, or by asking in a terminal (`init`, `people add`,
and `log` / `evidence import` naming someone the workspace does not know yet)."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import typer
from pydantic import ValidationError

from staffpath.accounts.audit import COMMAND_LINE
from staffpath.cli.state import EmptyWorkspaceError, State, err_console
from staffpath.errors import InputError, NotFoundError
from staffpath.framework.loader import default_framework
from staffpath.ledger.service import validation_message
from staffpath.people.inputs import PersonCreate
from staffpath.people.service import find_person, list_teams
from staffpath.people.start import add_person


@dataclass(frozen=True)
class Added:
    handle: str
    name: str
    created_team: bool


def in_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _ask(label: str, default: str | None = None) -> str:
    answer = typer.prompt(label, default=default or "", show_default=bool(default))
    return str(answer).strip()


def level_choices(st: State) -> list[str]:
    """The levels of the workspace's framework (the built-in one before there is a workspace)."""
    if not st.has_database():
        return list(default_framework().level_ids)
    with st.session(read_only=True) as session:
        return list(st.framework(session).level_ids)


def ask_details(fields: dict[str, str | None], level_ids: list[str], *,
                yourself: bool = False) -> dict[str, str | None]:
    """Fill the missing fields by asking; levels are offered from the framework."""
    levels = ", ".join(level_ids)
    labels = {"name": "Your name" if yourself else "Name",
              "email": "E-mail", "team": "Team (optional)",
              "level": f"Level now ({levels}; optional)",
              "target_level": f"Target level ({levels}; optional)"}
    out = dict(fields)
    for key, label in labels.items():
        if not out.get(key):
            out[key] = _ask(label) or None
    return out


def create(st: State, fields: dict[str, str | None]) -> Added:
    """Create the person (and their team if new); the workspace is made if it was not there."""
    try:
        data = PersonCreate.model_validate({k: v for k, v in fields.items() if v})
    except ValidationError as exc:
        raise InputError(validation_message(exc)) from None
    with st.session(create=True) as session:
        fw = st.framework(session)
        known = {t.name.lower() for t in list_teams(session)}
        person = add_person(session, data, fw, origin=COMMAND_LINE)
        return Added(handle=person.handle, name=person.name,
                     created_team=(data.team or "").lower() not in known | {""})


def ensure_person(st: State, ref: str) -> str:
    """The person a command names: found, or (in a terminal, if the user says so) created.

    Off a terminal an unknown person is one line saying how to add them; nothing is written.
    """
    if st.has_database():
        with st.session(read_only=True) as session:
            try:
                return find_person(session, ref).handle
            except NotFoundError as exc:
                missing = str(exc)
    else:
        missing = f"no person {ref!r}: the workspace at {st.root.resolve()} is empty"
    if not in_terminal():
        hint = ("add them with `staffpath people add --name NAME --email EMAIL "
                "[--team TEAM --level LEVEL --target LEVEL]`, or `staffpath init` for yourself")
        if not st.has_database():
            raise EmptyWorkspaceError(f"{missing}; {hint}")
        raise NotFoundError(f"{missing}; {hint}")
    err_console.print(f"{missing}.", highlight=False)
    if not typer.confirm(f"Add {ref!r} to the workspace at {st.root} now?", default=True):
        raise NotFoundError(f"{missing}; nothing recorded")
    guess: dict[str, str | None] = {"email": ref} if "@" in ref else {"name": ref}
    added = create(st, ask_details(guess, level_choices(st)))
    err_console.print(f"added {added.name} as [bold]{added.handle}[/bold]", highlight=False)
    return added.handle
