"""Where a signed-in caller may go: the navigation every page frame shows (error pages too),
and where someone lands after signing in."""

from __future__ import annotations

from dataclasses import dataclass

from staffpath.accounts.principal import Principal


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
        items += [NavItem("Where I stand", f"{base}/standing", "standing"),
                  NavItem("Journal", f"{base}/journal", "journal"),
                  NavItem("Assessment", f"{base}/assessment", "assessment"),
                  NavItem("Packet", f"{base}/packet", "packet"),
                  NavItem("Plan", f"{base}/plan", "plan")]
    if actor.is_manager:
        items.append(NavItem("Team", "/team", "team"))
    if actor.handle:
        items.append(NavItem("Promotion", "/account/cycles", "promotion"))
        items.append(NavItem("Endorsements", "/endorsements", "endorsements"))
    if actor.is_committee:
        items.append(NavItem("Committee", "/committee", "committee"))
        items.append(NavItem("Cycles", "/committee/cycles", "cycles"))
    items.append(NavItem("Opportunities", "/opportunities", "opportunities"))
    if actor.handle or actor.is_admin:
        items.append(NavItem("Hiring", "/hiring", "hiring"))
    if actor.is_leader or actor.is_admin:
        items.append(NavItem("Organisation", "/org", "org"))
    if actor.is_admin:
        items.append(NavItem("Admin", "/admin/people", "admin"))
    items.append(NavItem("Framework", "/framework", "framework"))
    return items


def landing(handle: str | None, *, is_admin: bool, is_committee: bool,
            is_manager: bool = False) -> str:
    """Where an account lands after signing in: where its work is. A committee member on
    their scoring queue, a manager on their team, an admin on admin, an engineer on where
    they stand."""
    if is_committee:
        return "/committee/cycles"
    if is_manager:
        return "/team"
    if is_admin:
        return "/admin/people"
    if handle:
        return f"/people/{handle}/standing"
    return "/account"


def home_for(actor: Principal | None) -> str:
    """Where the home page sends a caller."""
    if actor is None:
        return "/login"
    return landing(actor.handle, is_admin=actor.is_admin, is_committee=actor.is_committee,
                   is_manager=actor.is_manager)
