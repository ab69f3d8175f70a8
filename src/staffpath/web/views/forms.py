"""HTML form posts into the same strict request models the JSON API uses."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar, get_args, get_origin

from fastapi import Depends, Request
from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData, UploadFile

from staffpath.errors import InputError
from staffpath.ledger.service import validation_message

M = TypeVar("M", bound=BaseModel)

# Form fields that are not part of a model: the CSRF token and the concurrency token.
CONTROL_FIELDS = frozenset({"csrf_token", "version"})
MAX_FORM_TEXT = 1_000_000


def form_fields(form: FormData, model: type[BaseModel], *, blank_is_unset: bool) -> dict[str, Any]:
    """Form values by field name. List fields are comma-separated; check boxes arrive as
    "on". A blank value is left out (`blank_is_unset`) or means "clear this field"."""
    data: dict[str, Any] = {}
    for key in form:
        if key in CONTROL_FIELDS:
            continue
        values = [v for v in form.getlist(key) if not isinstance(v, UploadFile)]
        value = values[-1] if values else ""
        info = model.model_fields.get(key)
        if info is None:
            data[key] = value  # unknown: the model rejects it, naming the field
            continue
        shape = _shape(info.annotation)
        if shape is list:
            data[key] = [part.strip() for part in value.split(",") if part.strip()]
        elif shape is bool:
            data[key] = value in ("on", "true", "1", "yes")
        elif value.strip() == "":
            if not blank_is_unset:
                data[key] = None
        else:
            data[key] = value
    return data


def _shape(annotation: Any) -> type | None:
    """list or bool when a field holds one (possibly optional), else None."""
    candidates = [annotation, *get_args(annotation)]
    for candidate in candidates:
        if candidate is bool:
            return bool
        if candidate is list or get_origin(candidate) is list:
            return list
    return None


def parse_form(form: FormData, model: type[M], *, blank_is_unset: bool = True) -> M:
    """A validated model from a form, or an InputError naming the first bad field."""
    return validated(model, form_fields(form, model, blank_is_unset=blank_is_unset))


def validated(model: type[M], data: Any) -> M:
    """A model from data, or an InputError naming the first bad field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(validation_message(exc)) from None


def form_version(form: FormData) -> int | None:
    raw = form.get("version")
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw)
    return None


async def form_data(request: Request) -> FormData:
    """The posted form, read once (the guard may have read it already for its CSRF token),
    so that routes can be plain functions that run in the thread pool."""
    return await request.form()


FormDep = Annotated[FormData, Depends(form_data)]
