"""How far work can reach at the size of its organisation, and how far a title holds there.

A team is about eight engineers. In an organisation of fewer teams than one of many holds
(`assessment.org_min_teams`), reaching the whole organisation or company is reaching several
teams; with fewer than "several" (`assessment.org_several_teams`), work past one's own team is
one team's reach; and a title that asks for more reach than the place has holds the level only
as far as the place allows. The size is the one declared for the organisation, else the largest
one the person's record states; never the roster's, which counts who uses staffpath. The
per-person engine and the batch path both read it from here.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from staffpath.assess.arrays import I8, I64
from staffpath.assess.overall import level_reach
from staffpath.assess.rules import ItemColumns
from staffpath.framework.model import Framework
from staffpath.ledger.extract.orgsize import OrgSize
from staffpath.vocab import Scope

ENGINEERS_PER_TEAM = 8  # a team is about eight engineers


def org_teams(org_engineers: int, named_teams: int = 0) -> int:
    """How many teams an organisation has: the teams named or counted, and never fewer than
    one per eight engineers (a count that leaves teams out still has them). One engineer, or
    none, says nothing of the organisation: 0, unknown."""
    if org_engineers <= 1:
        return 0
    return max(named_teams, org_engineers // ENGINEERS_PER_TEAM)


def reach_limit(framework: Framework, teams: int) -> Scope | None:
    """The widest reach work can have in an organisation of this many teams, or None when any
    reach can be had (or the size is unknown): with fewer teams than an organisation of many
    holds (`assessment.org_min_teams`), reaching the whole organisation or company is
    reaching several teams; with fewer than "several" (`assessment.org_several_teams`),
    reaching past one's own team is reaching all of a place of one or two teams, one team's
    reach."""
    limit = Scope(int(reach_limits(framework, np.array([teams], dtype=np.int64))[0]))
    return None if limit is Scope.COMPANY else limit


def reach_limits(framework: Framework, teams: I64) -> I64:
    """`reach_limit` for everyone at once, as Scope values (the company where any reach can
    be had)."""
    settings = framework.assessment
    return np.select([teams <= 0, teams < settings.org_several_teams,
                      teams < settings.org_min_teams],
                     [int(Scope.COMPANY), int(Scope.TEAM), int(Scope.TEAMS)],
                     int(Scope.COMPANY)).astype(np.int64)


def stated_teams(org_size: OrgSize | None) -> int:
    """The organisation's size in teams as a record states it, 0 when it states none."""
    return org_teams(org_size.engineers, org_size.teams) if org_size is not None else 0


def people_org_teams(cols: ItemColumns, people: int, declared: int = 0) -> I64:
    """Each person's organisation in teams: the declared size (`declared`, in teams) for
    everyone when there is one, else the largest size their record states (the company holds
    its orgs and teams), 0 when it states none. The roster is no measure of it: it counts who
    uses staffpath, which may be one team of a large company."""
    if declared > 0:
        return np.full(people, declared, dtype=np.int64)
    teams = np.zeros(people, dtype=np.int64)
    if len(cols):
        np.maximum.at(teams, cols.person, cols.org_teams.astype(np.int64))
    return teams


def at_org_size(framework: Framework, cols: ItemColumns, teams: I64) -> ItemColumns:
    """The items with each reach read at their person's organisation's size in teams
    (`teams`, one per person, 0 when unknown), as `reach_limit` reads it."""
    if not len(cols):
        return cols
    per_item = reach_limits(framework, teams).astype(np.int8)[cols.person]
    if not (cols.scope > per_item).any():
        return cols
    return replace(cols, scope=np.minimum(cols.scope, per_item).astype(np.int8))


def title_at_org_size(framework: Framework, current: I8, teams: I64) -> I8:
    """Each person's title, as far as their organisation's size lets a title go (`teams`, one
    per person, 0 when unknown): a level whose rules mostly ask for more reach than the place
    has (`reach_limit`, `level_reach`) is the company's own word for its title, not the
    framework's level, and holds no floor. A "staff engineer" of a two-squad start-up is held
    at senior, whose work one team's reach can show; the record may show more, never less
    without evidence against it. Titles travel badly: in a place of fewer teams than an
    organisation of many holds, a title holds the level `small_org_title_below` levels below
    itself at most, and the record decides above that."""
    if not len(current):
        return current
    reach = np.array(level_reach(framework), dtype=np.int64)
    # The highest level each limit allows: levels ask for reach in order.
    allowed = (reach[None, :] <= reach_limits(framework, teams)[:, None]).sum(axis=1) - 1
    settings = framework.assessment
    if settings.small_org_title_below and settings.org_min_teams:
        # A small place's title is its own word: it holds a level below itself at most.
        small = (teams > 0) & (teams < settings.org_min_teams)
        allowed = np.where(small, np.minimum(
            allowed, current.astype(np.int64) - settings.small_org_title_below), allowed)
    return np.where(current >= 0, np.maximum(np.minimum(current, allowed), 0),
                    current).astype(np.int8)
