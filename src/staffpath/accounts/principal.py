"""Who is asking: the one type every service, page and command passes for "the caller".

A principal is either a signed-in account (with its person, roles and reporting chain, as the
access policy in `staffpath.people.access` builds it) or the operator at the command line, who
holds the database and sees everything.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Principal:
    """A caller and what the access rules need to know about them."""

    person_id: int | None = None
    user_id: int | None = None
    login: str = ""
    handle: str | None = None
    name: str | None = None
    is_admin: bool = False
    is_committee: bool = False
    is_leader: bool = False  # leads people (by role) or is at staff level or above
    reports: frozenset[int] = frozenset()  # direct reports
    chain: frozenset[int] = frozenset()  # direct reports and their reports
    operator: bool = False  # the command line: whoever holds the database sees everything

    @classmethod
    def command_line(cls) -> Principal:
        """The CLI operator, who owns the workspace: an administrator with no person."""
        return cls(is_admin=True, operator=True)

    @property
    def is_manager(self) -> bool:
        return bool(self.reports)

    @property
    def sees_org(self) -> bool:
        """Whether the organisation views are open to them (by name or anonymous)."""
        return self.operator or self.is_leader or self.is_admin

    def sees_person(self, person_id: int) -> bool:
        """Whether they may see one person's own views: themselves, or someone they manage."""
        return self.operator or person_id == self.person_id or person_id in self.chain
