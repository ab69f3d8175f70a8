"""Rendering pages and fragments with what every template needs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi.responses import HTMLResponse, RedirectResponse

from staffpath.web.context import Ctx
from staffpath.web.nav import nav_for


def person_section(ctx: Ctx, own: str) -> str:
    """Which navigation item a person page belongs under: the caller's own section when it
    is their data, else the place they came from (their team, the committee)."""
    if ctx.is_self or ctx.actor is None:
        return own
    if ctx.subject_id in ctx.actor.chain:
        return "team"
    return "committee" if ctx.actor.is_committee else ""


def page(ctx: Ctx, template: str, *, status: int = 200, section: str = "",
         headers: Mapping[str, str] | None = None, **context: Any) -> HTMLResponse:
    """A template rendered with the caller, their CSRF token and navigation."""
    response = ctx.web.templates.TemplateResponse(ctx.request, template, {
        "ctx": ctx, "actor": ctx.actor, "csrf": ctx.csrf_token, "nav": nav_for(ctx.actor),
        "section": section, "org_name": ctx.settings.org_name, **context,
    }, status_code=status, headers=dict(headers or {}))
    assert isinstance(response, HTMLResponse)
    return response


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)
