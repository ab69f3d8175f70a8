"""What the hiring forms ask for, read from their fields (a web form's fields; a value that
is not text counts as left blank)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from staffpath.errors import InputError
from staffpath.hiring.titles import EarlierTitle, parse_title

LEVEL_PREFIX = "level:"
EVIDENCE_PREFIX = "evidence:"
CONTROL_FIELDS = frozenset({"csrf_token"})


@dataclass(frozen=True)
class ScorecardInput:
    levels: dict[str, str]
    evidence: dict[str, str]
    lean: str | None
    submit: bool


def _text(fields: Mapping[str, object], key: str) -> str:
    value = fields.get(key)
    return value.strip() if isinstance(value, str) else ""


def scorecard_from_fields(fields: Mapping[str, object]) -> ScorecardInput:
    """`level:<dim>`, `evidence:<dim>`, `lean` and `submit` (present: submit it)."""
    unexpected = [k for k in fields if k not in CONTROL_FIELDS | {"lean", "submit"}
                  and not k.startswith((LEVEL_PREFIX, EVIDENCE_PREFIX))]
    if unexpected:
        raise InputError(f"{unexpected[0]}: not a field of the scorecard")
    levels = {k.removeprefix(LEVEL_PREFIX): v for k in fields
              if k.startswith(LEVEL_PREFIX) and (v := _text(fields, k))}
    evidence = {k.removeprefix(EVIDENCE_PREFIX): v for k in fields
                if k.startswith(EVIDENCE_PREFIX) and (v := _text(fields, k))}
    return ScorecardInput(levels=levels, evidence=evidence, lean=_text(fields, "lean") or None,
                          submit="submit" in fields)


def titles_from_lines(text: str) -> list[EarlierTitle]:
    """Earlier titles, one per line, as `titles.TITLE_FORMAT`; the line is named if bad."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                out.append(parse_title(line))
            except InputError as exc:
                raise InputError(f"earlier titles, line {number}: {exc}") from None
    return out
