"""What a scoring, rating or decision form asks for, read from its fields.

Fields arrive as a mapping of name to value (a web form's fields; a value that is not text,
such as an uploaded file, counts as left blank).
"""

from __future__ import annotations

from collections.abc import Mapping

from staffpath.errors import InputError

LEVEL_PREFIX = "level:"
COMMENT_PREFIX = "comment:"
RATING_PREFIX = "rating:"
# Sent with every form; not a field of any of them.
CONTROL_FIELDS = frozenset({"csrf_token"})


def scores_from_fields(fields: Mapping[str, object]) -> dict[str, tuple[str, str]]:
    """{dimension: (level, comment)} from `level:<dim>` and `comment:<dim>` fields; a
    dimension left without a level is not scored, and a level needs its reason."""
    unexpected = [k for k in fields if k not in CONTROL_FIELDS and not k.startswith(
        (LEVEL_PREFIX, COMMENT_PREFIX))]
    if unexpected:
        raise InputError(f"{unexpected[0]}: not a field of the scoring form")
    out: dict[str, tuple[str, str]] = {}
    for key, value in fields.items():
        if key.startswith(LEVEL_PREFIX) and isinstance(value, str) and value.strip():
            dim = key.removeprefix(LEVEL_PREFIX)
            comment = fields.get(COMMENT_PREFIX + dim)
            if not isinstance(comment, str) or not comment.strip():
                raise InputError(f"{dim}: say why, in a comment, for the level you chose")
            out[dim] = (value.strip(), comment)
    return out


def ratings_from_fields(fields: Mapping[str, object]) -> dict[str, str]:
    """{dimension: level} from `rating:<dim>` fields; a dimension left blank is not rated."""
    return {k.removeprefix(RATING_PREFIX): v.strip() for k, v in fields.items()
            if k.startswith(RATING_PREFIX) and isinstance(v, str) and v.strip()}


def decision_from_fields(fields: Mapping[str, object]) -> tuple[str, str]:
    """(outcome, rationale); both must be given."""
    outcome, rationale = fields.get("outcome"), fields.get("rationale")
    if not isinstance(outcome, str) or not isinstance(rationale, str):
        raise InputError("choose an outcome and write the rationale")
    return outcome, rationale


def conditions_from_fields(fields: Mapping[str, object]) -> list[str]:
    """The conditions of a conditional promotion, one per line of `conditions`."""
    value = fields.get("conditions")
    return [line.strip() for line in value.splitlines() if line.strip()] if isinstance(
        value, str) else []
