"""Checks every request passes before a route looks anything up: no NUL character in any
path, query, form or JSON text, and no number in a JSON body that is not finite (`NaN`,
`Infinity`) or too large for a database column.

PostgreSQL refuses text holding NUL and SQLite stores it; Python's JSON reader accepts `NaN`
and `Infinity`, which no JSON writer may give back. Refusing both here, for every route the
application has or gains, answers 422 naming the field instead of a server error halfway
through a write. Called by the request guard (`staffpath.web.context.guard`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError

# JSON integers a 64-bit column can hold; anything wider is refused at the edge (narrower
# columns are the models' business: see `staffpath.web.ids`).
MAX_JSON_INT = 2**63 - 1
JSON_TYPES = ("application/json", "application/merge-patch+json")


class _NotFinite(ValueError):
    pass


def _constant(name: str) -> Any:
    raise _NotFinite(name)


def _error(loc: tuple[str | int, ...], msg: str, kind: str) -> RequestValidationError:
    return RequestValidationError([{"loc": loc, "msg": msg, "type": kind}])


def _nul_problem(where: str, items: Iterator[tuple[str, str]]) -> RequestValidationError | None:
    for name, value in items:
        if "\x00" in name or "\x00" in value:
            return _error((where, name.replace("\x00", "")), "must not contain a NUL character",
                          "string_nul")
    return None


def _walk(value: Any, loc: tuple[str | int, ...]) -> RequestValidationError | None:
    if isinstance(value, str):
        if "\x00" in value:
            return _error(loc, "must not contain a NUL character", "string_nul")
    elif isinstance(value, bool):
        return None
    elif isinstance(value, int):
        if not -MAX_JSON_INT - 1 <= value <= MAX_JSON_INT:
            return _error(loc, "number is too large", "int_too_large")
    elif isinstance(value, dict):
        for key, item in value.items():
            if "\x00" in key:
                return _error(loc, "a key must not contain a NUL character", "string_nul")
            found = _walk(item, (*loc, key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for n, item in enumerate(value):
            found = _walk(item, (*loc, n))
            if found is not None:
                return found
    return None


def json_problem(raw: bytes) -> RequestValidationError | None:
    """What is wrong with a JSON body at the edge, or None (malformed JSON is left to the
    route's own validation, which names where it broke)."""
    try:
        data = json.loads(raw, parse_constant=_constant)
    except _NotFinite as exc:
        return _error(("body",), f"{exc} is not a number JSON allows; send a finite number",
                      "finite_number")
    except (ValueError, RecursionError):
        return None
    return _walk(data, ("body",))


async def check_request(request: Request) -> None:
    """Raise a RequestValidationError (answered 422) for text or numbers no route accepts."""
    for where, values in (("path", request.path_params), ("query", request.query_params)):
        problem = _nul_problem(where, _pairs(values))
        if problem is not None:
            raise problem
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind in JSON_TYPES or kind.endswith("+json"):
        problem = json_problem(await request.body())
    elif kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        problem = _nul_problem("body", ((k, v) for k, v in form.multi_items()
                                        if isinstance(v, str)))
    else:
        problem = None
    if problem is not None:
        raise problem


def _pairs(values: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    multi = getattr(values, "multi_items", None)
    if multi is not None:
        yield from ((str(k), str(v)) for k, v in multi())
    else:
        yield from ((str(k), str(v)) for k, v in values.items())
