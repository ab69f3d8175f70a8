"""Who is looking at an organisation view, and what they may see by name.

The rules are the access policy's (`staffpath.people.access`), so the command line, the
service functions and the pages agree:

- a *leader* sees the organisation views with names: an admin account, or a person whose roster
  role leads people (manager, director, vp, cto, head) or whose level is staff or above;
- a person sees their own "what would stop if you were away" view, and their managers (two
  levels up, as for journals) see it too;
- anyone allowed an organisation view may ask for it *anonymous*: counts and teams only, no
  person's name, handle or e-mail, so a director can share it widely.

Someone not allowed a view gets "not found", never a hint that it exists.
"""

from __future__ import annotations

from staffpath.accounts.principal import Principal
from staffpath.errors import NotFoundError


def require_org(viewer: Principal) -> None:
    """Refuse, as "not found", a viewer who may not see the organisation views."""
    if not viewer.sees_org:
        raise NotFoundError("no such view")


def require_person(viewer: Principal, person_id: int) -> None:
    """Refuse, as "not found", a viewer who may not see this person's own views."""
    if not viewer.sees_person(person_id):
        raise NotFoundError("no such person")
