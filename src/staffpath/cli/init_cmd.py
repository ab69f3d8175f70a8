"""`staffpath init`: a workspace of your own, with you in it, no roster needed."""

from __future__ import annotations

import shlex

import typer

from staffpath.cli.newcomer import ask_details, create, in_terminal, level_choices
from staffpath.cli.options import JsonOpt
from staffpath.cli.people_cmd import EmailOpt, LevelOpt, NameOpt, TargetOpt, TeamOpt
from staffpath.cli.state import console, print_json, state
from staffpath.errors import InputError


def init(
    ctx: typer.Context,
    name: NameOpt = None,
    email: EmailOpt = None,
    team: TeamOpt = None,
    level: LevelOpt = None,
    target: TargetOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Start your own record: create the workspace and you in it (asks what is not given).

    Then `staffpath log "what you did"` and `staffpath assess YOU`; a team's roster can
    come later (`staffpath people import`).
    """
    st = state(ctx)
    fields: dict[str, str | None] = {"name": name, "email": email, "team": team,
                                     "level": level, "target_level": target}
    if in_terminal() and not json_out:
        fields = ask_details(fields, level_choices(st), yourself=True)
    if not fields["name"] or not fields["email"]:
        raise InputError("give --name and --email (or run `staffpath init` in a terminal "
                         "to be asked)")
    added = create(st, fields)
    root = str(st.root.resolve())
    if json_out:
        print_json({"workspace": root, "handle": added.handle, "name": added.name})
        return
    console.print(f"Workspace ready at [bold]{root}[/bold]; you are "
                  f"[bold]{added.handle}[/bold].", highlight=False)
    console.print("Next, in this shell:")
    console.print(f"  export STAFFPATH_WORKSPACE={shlex.quote(root)}", highlight=False)
    console.print(f"  export STAFFPATH_PERSON={added.handle}", highlight=False)
    console.print("  staffpath log \"What you did, in one line\" --impact '…'", highlight=False)
    console.print(f"  staffpath assess {added.handle}", highlight=False)
