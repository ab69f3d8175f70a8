"""Rendering pages and fragments with what every template needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fastapi.responses import HTMLResponse, RedirectResponse

from staffpath.accounts.principal import Principal
from staffpath.store.tables import Person
from staffpath.web.context import Ctx


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str
    section: str


def nav_for(actor: Principal | None) -> list[NavItem]:
    """The navigation an actor sees: only places they may go."""
    if actor is None:
        return []
    items: list[NavItem] = []
    if actor.handle:
        base = f"/people/{actor.handle}"
        items += [NavItem("Journal", f"{base}/journal", "journal"),
                  NavItem("Assessment", f"{base}/assessment", "assessment"),
                  NavItem("Packet", f"{base}/packet", "packet")]
    if actor.is_manager:
        items.append(NavItem("Team", "/team", "team"))
    if actor.handle:
        items.append(NavItem("Promotion", "/account/cycles", "promotion"))
    if actor.is_committee:
        items.append(NavItem("Committee", "/committee", "committee"))
        items.append(NavItem("Cycles", "/committee/cycles", "cycles"))
    if actor.is_leader or actor.is_admin:
        items.append(NavItem("Organisation", "/org", "org"))
    if actor.is_admin:
        items.append(NavItem("Admin", "/admin/people", "admin"))
    return items


def person_view(person: Person) -> dict[str, Any]:
    """A person as templates show them: plain values, usable after the session has closed."""
    return {"id": person.id, "name": person.name, "handle": person.handle,
            "team": person.team.name if person.team else None, "role": person.role,
            "level": person.level, "target_level": person.target_level,
            "manager": person.manager.handle if person.manager else None,
            "active": person.active}


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


def home_for(actor: Principal | None) -> str:
    """Where someone lands after signing in."""
    if actor is None:
        return "/login"
    if actor.handle:
        return f"/people/{actor.handle}/journal"
    if actor.is_admin:
        return "/admin/people"
    if actor.is_committee:
        return "/committee"
    return "/account"
