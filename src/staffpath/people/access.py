"""The access policy, in one place: who may do what to whose data.

`can(principal, action, target)` is the only function that grants access; the web's request
guard applies it to every request (each route declares its rule in `staffpath.web.access`),
and `load_principal` builds the caller from an account: their person, reports and roles.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import bindparam, select
from sqlalchemy.orm import aliased

from staffpath.accounts.auth import Account
from staffpath.accounts.principal import Principal
from staffpath.framework.model import Framework
from staffpath.framework.staff import is_staff_plus
from staffpath.store.engine import Reader
from staffpath.store.tables import Person

# Roster roles that lead people; with staff-plus engineers they see the organisation page.
LEADER_ROLES = frozenset({"manager", "director", "vp", "cto", "head"})


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
    GROWTH = "growth"  # plan, matched opportunities, sponsorships: leaders see them too
    DATA = "data"  # everything at once: the personal data export


class Place(StrEnum):
    """Pages and endpoints that are not one person's data."""

    ACCOUNT = "account"  # the caller's own account
    TEAM = "team"  # a manager's reports
    COMMITTEE = "committee"  # promotion candidates' packets; cycle panels' scores
    ORG = "org"  # the organisation as a whole
    ADMIN = "admin"  # people, teams, accounts, frameworks, settings, audit log
    HIRING = "hiring"  # interview loops: the hiring service narrows to the caller's own


@dataclass(frozen=True)
class Subject:
    """One area of one person's data, as the policy sees it."""

    person_id: int
    candidate: bool  # has a target level: a promotion candidate
    area: Area


Target = Subject | Place

READS = frozenset({Action.READ, Action.LIST})


def can(actor: Principal | None, action: Action, target: Target) -> bool:
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
        if target is Place.HIRING:
            # Anyone with a person may interview or hire; the hiring service narrows every
            # read and write to the loops they interview on and the roles they hire for.
            return (actor.person_id is not None or actor.is_admin) and (
                action in READS or action is Action.UPDATE)
        if target is Place.ORG:
            return (actor.is_leader or actor.is_admin) and action in READS
        return actor.is_admin  # Place.ADMIN
    if actor.person_id is not None and actor.person_id == target.person_id:
        return True  # people own their data: read, edit, delete, export
    if action not in READS or target.area is Area.DATA:
        return False  # nobody edits or exports another person's data
    if target.area is Area.GROWTH and (actor.is_leader or actor.is_admin):
        return True  # leaders find who would be grown by work across the organisation
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


def load_principal(session: Reader, account: Account, framework: Framework) -> Principal:
    """The principal for an active account: its person, reporting chain and roles."""
    reports: frozenset[int] = frozenset()
    chain: frozenset[int] = frozenset()
    leader = False
    me = account.person_id
    if me is not None:
        rows = session.execute(_CHAIN_QUERY, {"me": me}).all()
        reports = frozenset(r for r, _ in rows)
        chain = (reports | {s for _, s in rows if s is not None}) - {me}
        leader = account.role in LEADER_ROLES or is_staff_plus(framework, account.level)
    return Principal(
        user_id=account.user_id, login=account.login, person_id=me, handle=account.handle,
        name=account.name, is_admin=account.is_admin, is_committee=account.is_committee,
        is_leader=leader, reports=reports, chain=chain)
