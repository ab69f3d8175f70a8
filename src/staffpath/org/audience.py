"""Who is looking at an organisation view, and what they may see by name.

The rules are the web's (`staffpath.web.access`), so the command line, the service functions
and the pages agree:

- a *leader* sees the organisation views with names: an admin account, or a person whose roster
  role leads people (manager, director, vp, cto, head) or whose level is staff or above;
- a person sees their own "what would stop if you were away" view, and their managers (two
  levels up, as for journals) see it too;
- anyone allowed an organisation view may ask for it *anonymous*: counts and teams only, no
  person's name, handle or e-mail, so a director can share it widely.

Someone not allowed a view gets "not found", never a hint that it exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from staffpath.errors import NotFoundError


@dataclass(frozen=True)
class Viewer:
    """Who is looking: their person, whether they lead, and whose data they may read."""

    person_id: int | None = None
    leader: bool = False
    chain: frozenset[int] = frozenset()  # their reports and their reports' reports
    operator: bool = False  # the command line: whoever holds the database sees everything

    @classmethod
    def command_line(cls) -> Viewer:
        return cls(operator=True)

    @property
    def sees_org(self) -> bool:
        return self.operator or self.leader

    def sees_person(self, person_id: int) -> bool:
        return self.operator or person_id == self.person_id or person_id in self.chain


def require_org(viewer: Viewer) -> None:
    """Refuse, as "not found", a viewer who may not see the organisation views."""
    if not viewer.sees_org:
        raise NotFoundError("no such view")


def require_person(viewer: Viewer, person_id: int) -> None:
    """Refuse, as "not found", a viewer who may not see this person's own views."""
    if not viewer.sees_person(person_id):
        raise NotFoundError("no such person")
