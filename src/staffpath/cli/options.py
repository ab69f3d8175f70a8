"""The option types every command shares, defined once, and the one way a typed date is read.

Also: boolean flags show no `<bool>` type in `--help` (a flag takes no value to describe).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperOption

from staffpath.errors import InputError
from staffpath.ledger.extract.dates import extract_dates

JsonOpt = Annotated[bool, typer.Option(
    "--json", help="Machine-readable output on stdout (errors too, as {\"error\": …}).")]
PersonArg = Annotated[str, typer.Argument(help="Id, handle, e-mail or name.")]
PersonOpt = Annotated[str | None, typer.Option(
    "--person", "-p", envvar="STAFFPATH_PERSON", help="Whose evidence (id, handle, e-mail, name).")]
AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", help="As at this date (YYYY-MM-DD, or e.g. 'Mar 2025').")]
AnonOpt = Annotated[bool, typer.Option(
    "--anonymous", help="Counts and teams only: no person's name, handle or e-mail.")]
SvgOpt = Annotated[Path | None, typer.Option("--svg", help="Also write the chart to this file.")]
CycleArg = Annotated[str, typer.Argument(help="Cycle id or name.")]
NomineeArg = Annotated[str, typer.Argument(help="The nominee: id, handle, e-mail or name.")]
AsOpt = Annotated[str | None, typer.Option(
    "--as", help="Act and see as this person (handle); default: the administrator.")]
PasswordStdin = Annotated[bool, typer.Option(
    "--password-stdin", help="Read the password from standard input instead of generating one.")]


def parse_date(text: str | None, what: str = "date") -> dt.date | None:
    """A date typed by a user: ISO, or forms like `Mar 2025`, `2025-Q3`, `12 March 2025`."""
    if text is None or not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        pass
    span = extract_dates(text, default_year=dt.date.today().year, heading=True)
    if span is None:
        raise InputError(f"cannot read {what} {text!r}; use YYYY-MM-DD")
    return span.start


_shown_type = TyperOption.display_type_rich


def _flag_shows_no_type(self: TyperOption, ctx: Any) -> str | None:
    return None if self.is_flag else _shown_type(self, ctx)


TyperOption.display_type_rich = _flag_shows_no_type  # type: ignore[method-assign]
