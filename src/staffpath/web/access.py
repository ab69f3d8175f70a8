"""Each route's access rule: what it needs of the caller, checked by the request guard.

Every route declares a `Rule` with the `@rule(...)` decorator; the application refuses to start
if one does not, and the guard applies the rule (through `staffpath.people.access.can`) to
every request before the route runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from staffpath.people.access import Action, Area, Place


@dataclass(frozen=True)
class Rule:
    """What a route needs: nothing (public), a place, or an area of the person it names.

    Person routes name the person by `{handle}` in the path; the guard resolves it, and an
    `{entry_id}` must be an entry of that person.
    """

    kind: str  # public | place | person
    action: Action | None = None
    place: Place | None = None
    area: Area | None = None
    name: str = ""  # the audit log's action name

    @property
    def audit_action(self) -> str:
        if self.name:
            return self.name
        what = self.place or self.area
        return f"{self.action}_{what}" if self.action and what else "request"


PUBLIC = Rule("public", name="public")


def place(where: Place, action: Action, name: str = "") -> Rule:
    return Rule("place", action=action, place=where, name=name)


def person(area: Area, action: Action, name: str = "") -> Rule:
    return Rule("person", action=action, area=area, name=name)


F = TypeVar("F", bound=Callable[..., Any])
RULE_ATTRIBUTE = "__staffpath_rule__"


def rule(r: Rule) -> Callable[[F], F]:
    """Declare a route's access rule (put it below the route decorator)."""

    def mark(fn: F) -> F:
        setattr(fn, RULE_ATTRIBUTE, r)
        return fn

    return mark


def rule_of(endpoint: object) -> Rule | None:
    found = getattr(endpoint, RULE_ATTRIBUTE, None)
    return found if isinstance(found, Rule) else None
