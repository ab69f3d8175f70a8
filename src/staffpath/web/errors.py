"""Errors to responses: JSON under /api/, an HTML page elsewhere, the same status for both."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request, params
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from staffpath.errors import (
    ConflictError,
    InputError,
    NotFoundError,
    ProblemList,
    StaffpathError,
    UnavailableError,
)
from staffpath.web.context import (
    SAFE_METHODS,
    CsrfRefused,
    Ctx,
    Hidden,
    NotSignedIn,
    WebState,
    caller_of,
)
from staffpath.web.nav import nav_for

TITLES = {
    400: "Bad request", 401: "Please sign in", 403: "Refused", 404: "Not found",
    405: "Not allowed", 409: "Changed by someone else", 413: "Too large",
    415: "Unsupported content type", 422: "Please check your input", 428: "Version needed",
    429: "Too many attempts", 500: "Something went wrong", 503: "Try again in a moment",
}
# Seconds a client is asked to wait when the database is out of reach.
RETRY_AFTER = 2


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str,
                   extra: dict[str, Any] | None = None) -> Response:
    """The error as JSON for the API or as a page for a browser."""
    if wants_json(request):
        return JSONResponse({"detail": message, **(extra or {})}, status_code=status)
    web: WebState = request.app.state.web
    ctx: Ctx | None = getattr(request.state, "ctx", None)
    template = "_error_fragment.html" if request.headers.get("hx-request") else "error.html"
    if ctx is not None:
        actor, csrf, org_name = ctx.actor, ctx.csrf_token, ctx.settings.org_name
    elif status == 503:  # the database is out of reach: a bare frame, nothing read
        actor, csrf, org_name = None, None, ""
    else:  # no route matched (a mistyped address): still the caller's own page frame
        actor, csrf, org_name = caller_of(request, web)
    return web.templates.TemplateResponse(request, template, {
        "ctx": ctx, "actor": actor, "csrf": csrf,
        # The page frame shows the signed-in caller's navigation, on error pages too.
        "nav": nav_for(actor), "section": "", "org_name": org_name,
        "status": status, "title": TITLES.get(status, "Error"), "message": message,
    }, status_code=status)


def _message(exc: StaffpathError) -> str:
    if isinstance(exc, ProblemList):
        return "; ".join(exc.lines())
    return str(exc)


def status_for(exc: StaffpathError) -> int:
    if isinstance(exc, UnavailableError):
        return 503
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, ConflictError):
        return 409
    if isinstance(exc, InputError):
        return 422
    return 400


def install(app: FastAPI) -> None:
    """Register the handlers on an application."""

    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, _exc: NotSignedIn) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": "sign in first"}, status_code=401,
                                headers={"WWW-Authenticate": 'Cookie realm="staffpath"'})
        if request.headers.get("hx-request"):
            return Response(status_code=401, headers={"HX-Redirect": "/login"})
        if request.method in SAFE_METHODS:
            return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
        return error_response(request, 401, "Your session has ended. Sign in again.")

    @app.exception_handler(Hidden)
    async def hidden(request: Request, _exc: Hidden) -> Response:
        return error_response(request, 404, "There is nothing here, or it is not yours to see.")

    @app.exception_handler(CsrfRefused)
    async def csrf(request: Request, _exc: CsrfRefused) -> Response:
        return error_response(request, 403, "This form is out of date or did not come from "
                                            "staffpath. Reload the page and try again.")

    @app.exception_handler(StaffpathError)
    async def staffpath_error(request: Request, exc: StaffpathError) -> Response:
        if isinstance(exc, UnavailableError):
            # Nothing to audit in: the database is what is missing.
            response = error_response(request, 503, _message(exc))
            response.headers["Retry-After"] = str(RETRY_AFTER)
            response.headers["Connection"] = "close"
            return response
        ctx: Ctx | None = getattr(request.state, "ctx", None)
        if ctx is not None and request.method not in SAFE_METHODS:
            await run_in_threadpool(ctx.audit_refusal)
        return error_response(request, status_for(exc), _message(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return await _invalid(request, exc.errors())

    @app.exception_handler(ValidationError)
    async def invalid_model(request: Request, exc: ValidationError) -> Response:
        # A model a route or service builds from the input (e.g. an entry whose end is
        # before its start): the caller's mistake, answered like the request's own checks.
        return await _invalid(request, exc.errors(include_url=False, include_input=False))

    @app.exception_handler(Exception)
    async def unhandled(request: Request, _exc: Exception) -> Response:
        # Starlette logs the traceback; the client gets a well-formed answer, and the
        # connection is closed cleanly rather than dropped after the error.
        response = error_response(request, 500, "Something went wrong on our side; nothing "
                                                "was saved. Try again, or tell your admin.")
        response.headers["Connection"] = "close"
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail),
                              ) if exc.status_code != 304 else Response(status_code=304)


async def _invalid(request: Request, errors: Sequence[Any]) -> Response:
    ctx: Ctx | None = getattr(request.state, "ctx", None)
    if ctx is not None and request.method not in SAFE_METHODS:
        await run_in_threadpool(ctx.audit_refusal)
    if _wrong_body_type(request, errors):
        return error_response(request, 415, "send the body as application/json")
    if wants_json(request):
        return JSONResponse({"detail": _plain_errors(errors)}, status_code=422)
    first = errors[0] if errors else {"msg": "invalid input", "loc": ()}
    return error_response(request, 422, f"{_where(first)}{first['msg']}")


def _wrong_body_type(request: Request, errors: Sequence[Any]) -> bool:
    """A JSON route sent a body of another type: 415, not a list of missing fields."""
    route = request.scope.get("route")
    body = getattr(route, "body_field", None)
    if not wants_json(request) or body is None or isinstance(
            getattr(body, "field_info", None), params.Form):
        return False
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    sent = kind != "" or bool(request.headers.get("content-length", "0") != "0")
    is_json = kind == "application/json" or kind.endswith("+json")
    return sent and not is_json and any(
        tuple(e.get("loc", ()))[:1] == ("body",) for e in errors)


def _where(err: Any) -> str:
    loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "header")]
    return f"{'.'.join(loc)}: " if loc else ""


def _plain_errors(errors: Any) -> list[dict[str, Any]]:
    """Validation errors as JSON: the input echoed back is dropped (it may be large)."""
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")),
             "type": str(e.get("type", ""))} for e in errors]
