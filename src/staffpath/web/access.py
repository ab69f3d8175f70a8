"""The access policy, in one place: who may do what to whose data, and each route's rule.

`can(actor, action, target)` is the only function that grants access. Every route declares
a `Rule` with the `@rule(...)` decorator; the application refuses to start if one does not,
and the request guard applies the rule to every request before the route runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import bindparam, select
from sqlalchemy.orm import aliased

from staffpath.accounts.auth import Account
from staffpath.framework.model import Framework
from staffpath.store.engine import Reader
from staffpath.store.tables import Person

# Roster roles that lead people; with staff-level engineers they see the organisation page.
LEADER_ROLES = frozenset({"manager", "director", "vp", "cto", "head"})
LEADER_FROM_LEVEL = "staff"


class Action(StrEnum):
    READ = "read"
    LIST = "list"
    UPDATE = "update"  # create, edit, import: anything that writes
    DELETE = "delete"
    EXPORT = "export"


class Area(StrEnum):
    """The parts of one person's data."""

    JOURNAL = "journal"
    ASSESSMENT = "assessment"
    PACKET = "packet"
    DATA = "data"  # everything at once: the personal data export


class Place(StrEnum):
    """Pages and endpoints that are not one person's data."""

    ACCOUNT = "account"  # the caller's own account
    TEAM = "team"  # a manager's reports
    COMMITTEE = "committee"  # promotion candidates' packets; cycle panels' scores
    ORG = "org"  # the organisation as a whole
    ADMIN = "admin"  # people, teams, accounts, frameworks, settings, audit log


@dataclass(frozen=True)
class Actor:
    """A signed-in, active account and what the policy needs to know about it."""

    user_id: int
    login: str
    person_id: int | None
    handle: str | None
    name: str | None
    is_admin: bool
    is_committee: bool
    is_leader: bool
    reports: frozenset[int]  # direct reports
    chain: frozenset[int]  # direct reports and their reports

    @property
    def is_manager(self) -> bool:
        return bool(self.reports)


@dataclass(frozen=True)
class Subject:
    """One area of one person's data, as the policy sees it."""

    person_id: int
    candidate: bool  # has a target level: a promotion candidate
    area: Area


Target = Subject | Place

READS = frozenset({Action.READ, Action.LIST})


def can(actor: Actor | None, action: Action, target: Target) -> bool:
    """Whether an actor may perform an action on a target. Anonymous callers may not."""
    if actor is None:
        return False
    if isinstance(target, Place):
        if target is Place.ACCOUNT:
            return True
        if target is Place.TEAM:
            return actor.is_manager and action in READS
        if target is Place.COMMITTEE:
            # Members also write their own cycle scores and decisions; the cycle service
            # narrows every read and write to the packets assigned to them.
            return actor.is_committee and (action in READS or action is Action.UPDATE)
        if target is Place.ORG:
            return (actor.is_leader or actor.is_admin) and action in READS
        return actor.is_admin  # Place.ADMIN
    if actor.person_id is not None and actor.person_id == target.person_id:
        return True  # people own their data: read, edit, delete, export
    if action not in READS or target.area is Area.DATA:
        return False  # nobody edits or exports another person's data
    if target.person_id in actor.chain:
        return True  # managers read their reports' and their reports' reports' data
    # The committee reads candidates' cases, not their day-to-day journal.
    return actor.is_committee and target.candidate and target.area in (
        Area.ASSESSMENT, Area.PACKET)


_REPORT = aliased(Person)
# A person's reports and their reports, in one query (a self-join on the manager); built once,
# as this runs on every request.
_CHAIN_QUERY = (
    select(Person.id, _REPORT.id).outerjoin(_REPORT, _REPORT.manager_id == Person.id)
    .where(Person.manager_id == bindparam("me"), Person.id != bindparam("me")))


def load_actor(session: Reader, account: Account, framework: Framework) -> Actor:
    """The actor for an active account: its person, reporting chain and roles."""
    reports: frozenset[int] = frozenset()
    chain: frozenset[int] = frozenset()
    leader = False
    me = account.person_id
    if me is not None:
        rows = session.execute(_CHAIN_QUERY, {"me": me}).all()
        reports = frozenset(r for r, _ in rows)
        chain = (reports | {s for _, s in rows if s is not None}) - {me}
        leader = account.role in LEADER_ROLES or _at_least(framework, account.level,
                                                           LEADER_FROM_LEVEL)
    return Actor(
        user_id=account.user_id, login=account.login, person_id=me, handle=account.handle,
        name=account.name, is_admin=account.is_admin, is_committee=account.is_committee,
        is_leader=leader, reports=reports, chain=chain)


def _at_least(framework: Framework, level: str | None, floor: str) -> bool:
    ids = framework.level_ids
    if level not in ids or floor not in ids:
        return False
    return ids.index(level) >= ids.index(floor)


# --- route rules -------------------------------------------------------------------------


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
