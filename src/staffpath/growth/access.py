"""Who may see a person's growth records (plan, matches, sponsorships): the person, their
managers up the chain, and the organisation's leaders. Everyone else is told it is not there.

The web's request guard applies the same rule through `people.access.can` (area `growth`);
the services check it again, so a command or a page never shows more than its caller may see.
"""

from __future__ import annotations

from collections.abc import Iterable

from staffpath.accounts.principal import Principal
from staffpath.errors import NotFoundError


def sees_growth(viewer: Principal, person_id: int) -> bool:
    """Whether a caller may see one person's growth records."""
    return viewer.sees_person(person_id) or viewer.is_leader or viewer.is_admin


def require_growth(viewer: Principal, person_id: int) -> None:
    if not sees_growth(viewer, person_id):
        raise NotFoundError("no such person")


def visible_ids(viewer: Principal, ids: Iterable[int]) -> list[int]:
    """The people among `ids` whose growth records the caller may see."""
    return [i for i in ids if sees_growth(viewer, i)]


def may_manage_opportunities(viewer: Principal) -> bool:
    """Recording and handing out work is for managers and leaders (and the operator)."""
    return viewer.operator or viewer.is_admin or viewer.is_leader or viewer.is_manager
