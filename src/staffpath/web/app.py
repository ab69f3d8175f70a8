"""The web application: `create_app` builds it over one store and workspace."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import jinja2
from fastapi import Depends, FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from staffpath import __version__
from staffpath.store.engine import Store
from staffpath.web import (
    api,
    api_admin,
    api_cycles,
    api_endorsements,
    api_growth,
    api_hiring,
    errors,
)
from staffpath.web.access import rule_of
from staffpath.web.context import WebState, guard
from staffpath.web.markdown import render_markdown
from staffpath.web.views import (
    admin,
    assessment,
    cycles,
    endorsements,
    growth,
    hiring,
    journal,
    organisation,
    overviews,
    packet,
    signin,
    standing,
)
from staffpath.web.warmup import prepare_in_background, warm_up

OPENAPI_PATH = "/api/openapi.json"
# Routes FastAPI and Starlette add themselves (no endpoint of ours to carry a rule): the
# schema and the static files are public by design.
PUBLIC_PATHS = frozenset({OPENAPI_PATH, "/static"})

# Scripts and styles only from this site: a script injected into a page would not run.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'")


class SecurityHeaders:
    """Request ids and security headers on every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = secrets.token_hex(8)
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                extra = {
                    b"x-request-id": request_id.encode(),
                    b"content-security-policy": CSP.encode(),
                    b"x-content-type-options": b"nosniff",
                    b"x-frame-options": b"SAMEORIGIN",
                    b"referrer-policy": b"same-origin",
                    b"cross-origin-opener-policy": b"same-origin",
                }
                if not scope["path"].startswith("/static/"):
                    # Pages hold personal data: no shared or back-button caches.
                    extra[b"cache-control"] = b"no-store"
                headers += [(k, v) for k, v in extra.items() if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("staffpath.web", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
        lstrip_blocks=True)
    env.filters["markdown"] = lambda text: Markup(render_markdown(text or ""))
    env.globals["version"] = __version__
    return Jinja2Templates(env=env)


def iter_routes(routes: Iterable[BaseRoute]) -> Iterator[BaseRoute]:
    """Every route, with included routers opened up (FastAPI keeps those as one entry)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from iter_routes(inner.routes)
        else:
            yield route


def unruled_routes(routes: Iterable[BaseRoute]) -> list[str]:
    """Routes without an access rule (and not one of the known public built-ins)."""
    missing = []
    for route in iter_routes(routes):
        path = getattr(route, "path", "?")
        if isinstance(route, APIRoute):
            if rule_of(route.endpoint) is None:
                missing.append(f"{','.join(sorted(route.methods or ()))} {path}")
        elif path not in PUBLIC_PATHS:
            missing.append(f"{type(route).__name__} {path}")
    return missing


def create_app(store_url: str, *, workspace: Path, secure_cookies: bool = True,
               warm_in_background: bool = False) -> FastAPI:
    """The application over one database. `secure_cookies=False` only for plain http on a
    loopback address (`staffpath serve` decides; see `staffpath.web.serve`). Startup compiles
    the templates; `warm_in_background` also prepares the organisation views in a thread
    (`staffpath serve` asks for it; see `staffpath.web.warmup`)."""
    store = Store(store_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        web: WebState = app.state.web
        warm_up(web)
        if warm_in_background:
            prepare_in_background(web)
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="staffpath", version=__version__,
        description="Journal, assessment and packet for the senior → staff-plus track. "
                    "Sign in with POST /api/session; send the returned csrf_token as the "
                    "X-CSRF-Token header on every write.",
        openapi_url=OPENAPI_PATH, docs_url=None, redoc_url=None,
        dependencies=[Depends(guard)],
    )
    app.state.web = WebState(store=store, workspace=workspace, secure_cookies=secure_cookies,
                             templates=_templates())
    for module in (signin, journal, assessment, packet, overviews, organisation, admin, cycles,
                   hiring, growth, endorsements, standing, api, api_admin, api_cycles,
                   api_hiring, api_growth, api_endorsements):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(packages=[("staffpath.web", "static")]), name="static")
    errors.install(app)
    missing = unruled_routes(app.routes)
    if missing:
        store.close()
        raise RuntimeError(f"routes without an access rule: {', '.join(missing)}")
    app.add_middleware(SecurityHeaders)
    return app
