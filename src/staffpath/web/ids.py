"""Numbers a URL may carry: ids and counts, bounded to what every database can hold.

An id in a path or a query is a positive integer no larger than the narrowest integer column
it can meet (PostgreSQL's `integer` is 32-bit), so a larger one answers 422 naming the field
before any lookup, on SQLite and PostgreSQL alike. Every route declares its ids with these
types; `unbounded_numbers` lists any integer parameter of an application that does not, and a
test walks every route with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Annotated, Any

from annotated_types import Ge, Gt, Le, Lt
from fastapi import Path, Query
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

# The largest value of a PostgreSQL `integer` (and of every id column staffpath creates).
MAX_ID = 2**31 - 1
# The longest page of a listing a caller may ask for.
MAX_LIMIT = 1000

RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
"""An id in the path: `/…/{entry_id}`."""

QueryId = Annotated[int | None, Query(ge=1, le=MAX_ID)]
"""An optional id in the query: `?before=…`."""

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
"""How many rows a listing returns."""


def is_row_id(text: str) -> bool:
    """Whether raw URL text is an id a table can hold (for checks made before validation)."""
    return text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID


def _routes(routes: Iterable[BaseRoute]) -> Iterator[BaseRoute]:
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _routes(inner.routes)
        else:
            yield route


def _bounds(metadata: Iterable[Any]) -> tuple[int | None, int | None]:
    low: int | None = None
    high: int | None = None
    for item in metadata:
        if isinstance(item, Ge):
            low = int(item.ge)  # type: ignore[call-overload]
        elif isinstance(item, Gt):
            low = int(item.gt) + 1  # type: ignore[call-overload]
        elif isinstance(item, Le):
            high = int(item.le)  # type: ignore[call-overload]
        elif isinstance(item, Lt):
            high = int(item.lt) - 1  # type: ignore[call-overload]
    return low, high


def _is_int(annotation: Any) -> bool:
    if annotation is int:
        return True
    args = getattr(annotation, "__args__", ())
    return int in args and bool not in args


def unbounded_numbers(routes: Iterable[BaseRoute]) -> list[str]:
    """Integer path and query parameters a database could not hold: `METHOD path: name`."""
    found = []
    for route in _routes(routes):
        if not isinstance(route, APIRoute):
            continue
        params = [*route.dependant.path_params, *route.dependant.query_params]
        for dep in route.dependant.dependencies:
            params += [*dep.path_params, *dep.query_params]
        for param in params:
            if not _is_int(param.field_info.annotation):
                continue
            low, high = _bounds(param.field_info.metadata)
            if low is None or high is None or low < -MAX_ID - 1 or high > MAX_ID:
                methods = ",".join(sorted(route.methods or ()))
                found.append(f"{methods} {route.path}: {param.name}")
    return found
