"""The author's remit: the part of the organisation a document says its author works across.

A brag document often opens by saying where its author stands: "Payroll Engine is three teams
… I'm the technical lead across all three", "staff engineer in Online Tech, no fixed team",
"Dispatch group = Routing, Carrier Integration, Driver App". A committee reads every piece of
work below such an opening at that reach unless the item says otherwise: the author's ordinary
work happens across those teams. An opening that puts the author on one team ("Checkout team",
"a 3-person DevEx team") says nothing more than the default, and no remit is read from it.

The remit's reach is read as an item's is: a unit of ten teams or more is an organisation
("Booking & Inventory (31 teams, ~320 engineers)"), fewer are several teams. A unit counted in
teams is the author's remit only when the opening does not put them on one team of it ("Senior
Developer, Permits team; 180 engineers across 24 service teams" describes the employer). A
size in engineers ("~900 engineers") is not a remit: a headcount is not work at that reach.

Working in an executive's office, or as their deputy, is a remit too, at the executive's own
reach. "Office of the CTO" and "the CTO's deputy" reach the company (the CTO's audience is the
company, as it is for an item); "Office of the SVP Network & Platform Engineering" and "my VP
uses me on the problems that belong to no single director" reach an organisation.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from staffpath.ledger.extract.numbers import NUMBER_WORDS, number_value
from staffpath.ledger.extract.scope import TEAMS_FOR_ORG, listed_teams
from staffpath.vocab import Scope

__all__ = ["STANDING_ROLE", "Remit", "read_remit"]

_N = r"(?P<n>\d{1,3}|" + "|".join(NUMBER_WORDS) + r")"
_NAME = r"[A-Z][\w&'-]*(?: [A-Z][\w&'-]*){0,3}"
_NAMES = rf"{_NAME}(?:,\s*{_NAME})*(?:,?\s*(?:and|&)\s*{_NAME}|,\s*{_NAME})"

# Each rule, and the staff shape its kind of remit is, in the framework's words: a small cluster
# of related teams the author's work is made of ("the group is three teams") is the tech lead's
# ("one team or a small cluster of related teams"); an area the teams touch ("touched by 7
# teams") the architect's ("a technical area … across whichever teams touch it"); a brief with
# no home team ("no fixed team") the solver's ("goes wherever the hardest problem is"). An
# executive's office is the right hand's ("works as an executive's deputy").
TECH_LEAD, ARCHITECT, SOLVER, RIGHT_HAND = "tech_lead", "architect", "solver", "right_hand"
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # "it's five teams that all touch it": an area; first, as the next rule would take it too
    (re.compile(rf"\b(?:is|are|'s)\s+(?:the\s+)?{_N}\s+(?:\w+\s+)?(?:teams|squads),? (?:that"
                r"|which|who) (?:all )?(?:touch|use|share|depend)", re.I), ARCHITECT),
    # "The group is three teams", "spans 4 teams"
    (re.compile(rf"\b(?:is|are|'s|=|spans?|covers?|made up of|consists of)\s+(?:the\s+)?{_N}"
                r"\s+(?:\w+\s+)?(?:teams|squads)\b", re.I), TECH_LEAD),
    # "touched by 7 teams", "used by 14 product teams": the area is several teams' work
    (re.compile(rf"\b(?:touched|used|shared|owned|worked on)\s+by\s+(?:all\s+)?{_N}\s+"
                r"(?:\w+\s+)?(?:teams|squads)\b", re.I), ARCHITECT),
    # "no fixed team", "I'm not on any one of them", "not on a single team"
    (re.compile(r"\bno (?:fixed|home) team\b|\bnot (?:on|in|part of) (?:any|a) "
                r"(?:one |single )?(?:team|of them)\b|\bnot on any one\b|"
                r"\b(?:don't|do not|doesn't|does not) (?:belong to|sit (?:on|in)|have) "
                r"(?:any|a|one) (?:single |fixed |home )?team\b", re.I), SOLVER),
    # "technical lead across all three", "I work across the four teams"
    (re.compile(r"\b(?:I|I'm|I am|my \w+ is)\b[^.;]*\bacross\s+(?:all\s+(?:" + _N
                + r"|of them)\b|both\b|(?:the\s+)?" + _N.replace("?P<n>", "?P<m>")
                + r"\s+(?:\w+\s+)?teams\b)", re.I), TECH_LEAD),
)
_CHIEF = r"(?:CTO|CEO|CIO|Chief [A-Z]\w+ Officer)"
_HEAD = r"(?:S?VP|EVP|Vice President|Head of Engineering|Engineering Director)"
# "Office of the CTO", "Principal in the CTO's office", "Declan Moyo's (CTO) deputy"
_OFFICE = tuple(re.compile(
    rf"\bOffice of the {who}\b|\bin the {who}'s office\b|\b{who}\)?'?s? (?:technical )?deputy\b|"
    rf"\bdeputy (?:to|for) (?:the |our |my )?{who}\b|\b[Mm]y {who}\b[^.;]{{0,40}}\buses me\b")
    for who in (_CHIEF, _HEAD))
# "Booking & Inventory (31 teams, ~320 engineers)", "Consumer Digital: ~360 engineers, 41 teams"
_UNIT = re.compile(rf"(?:^|[(,:;·|]\s*|\b(?:is|of|in)\s+)(?:~|about\s+|around\s+)?{_N}\s+"
                   r"(?:\w+\s+)?(?:teams|squads)\b", re.I | re.M)
# "Home team: Platform Engineering (16 teams, about 140 engineers)": the author's own unit,
# counted in teams, is their remit even though a label calls it their team.
_OWN_UNIT = re.compile(rf"\bteam\s*:\**\s*[^()\n;]{{1,60}}\(\s*(?:~|about\s+|around\s+)?{_N}\s+"
                       r"(?:\w+\s+)?(?:teams|squads)\b", re.I)
# "We're 28 engineers now, in four teams", "There are 9 squads": how the whole employer is
# made up, said of "us" all, not where the author works.
_EMPLOYER = re.compile(r"\W*(?:we(?:'re| are| have| had| were)|there (?:are|were)|the company"
                       r"|the whole company|the startup|the start-up)\b", re.I)
# "Checkout team", "Team: Seller Tools", "the senior on a 3-person DevEx team", "I'm on Booking"
# A team spoken of in general ("get them to where a team or a set of teams can own them", "any
# team", "every team") places nobody on it.
_ONE_TEAM = re.compile(r"(?<!\ba )(?<!\bany )(?<!\bevery )(?<!\beach )(?<!\bno )"
                       r"\b(?:team|squad)\b(?!s)|\bI(?:'m| am) on (?:the )?(?-i:[A-Z])", re.I)
# "Dispatch group = Routing, Carrier Integration, Driver App", "Live Services (Events, Store,
# Social, Player Data)": a unit named by the teams it holds.
_LISTED = re.compile(rf"\b[A-Z][\w&-]*(?:\s+(?:group|area|org|domain|tribe|platform))?\s*"
                     rf"(?:=\s*|\(\s*)(?P<names>{_NAMES})\s*(?:\)|$|\.|\()", re.M)
# "the Live Ops cluster: Events Client, Events Backend, LiveOps Tools": a unit, then its teams.
_LISTED_AFTER = re.compile(rf"\b(?:cluster|group|area|tribe|domain|org|organi[sz]ation)\s*:\s*"
                           rf"(?P<names>{_NAMES})\s*(?:$|\.|;|\()", re.M)
# Taking on a standing role says where the author stands from then on: "Became tech lead for
# …", "Took over as tech lead across the three provisioning teams", "Stepped in as …".
STANDING_ROLE = re.compile(
    r"^\W*(?:(?:in|from|since|as of)\s+[\w ,]{2,20}?,?\s+)?(?:I\s+)?(?:became|become|took over as"
    r"|took on the role|stepped (?:up|in) as|(?:was )?promoted to|(?:was )?appointed|(?:was )?named"
    r"|started as|moved into the role)\b"
    # "Leila and Ravi asked me to be TL across all three teams", "my director made me the lead"
    r"|\b(?:asked|wanted|invited) me to (?:be|become|take over as|step (?:up|in) as|act as)\b"
    # "Ines asked me to own the architecture", "the VP asked me to lead the flags problem"
    r"|\b(?:asked|wanted) me to (?:own|lead|drive|run|take on)\b"
    r"|\bmade me (?:the |their |our )?(?:tech(?:nical)? lead|TL|lead)\b", re.I)
_ACROSS_ROLE = re.compile(r"\bacross\s+(?:all\s+)?(?:the\s+)?" + _N
                          + r"\s+(?:[\w-]+\s+)?(?:teams|squads)\b", re.I)
# "Rafaela Iwu (VP, Commerce Platform)" names a person and their post, not a unit's teams.
# "Ethan Kowalczyk (Software Engineer, Cart & Checkout Web)" names a post and one team.
_POSTS = re.compile(r"\b(?:VP|SVP|EVP|CTO|CEO|CIO|Director|Head|Lead|Manager|EM|Principal|Staff|"
                    r"Engineering|Chief|Engineer|Developer|Architect|SWE|SDE|Programmer)\b")


class Remit(NamedTuple):
    reach: Scope
    words: str
    shape: str | None  # the staff shape this kind of remit is (see `_RULES`)


def read_remit(text: str) -> Remit | None:
    """The reach a document's opening gives its author's work, the words it came from and the
    staff shape its kind is; None when the opening puts them on one team or says nothing of
    it."""
    for reach, rule in zip((Scope.COMPANY, Scope.ORG), _OFFICE, strict=True):
        office = rule.search(text)
        if office is not None:
            return Remit(reach, office.group(0).strip(), RIGHT_HAND)
    for rule, shape in _RULES:
        m = rule.search(text)
        if m is None or _EMPLOYER.match(_sentence(text, m.end())):
            continue
        n = m.groupdict().get("n") or m.groupdict().get("m")
        if n is not None and number_value(n) < 2:
            continue
        reach = _reach(number_value(n) if n else 0)
        # An organisation is no small cluster: its shape is left to the items.
        return Remit(reach, m.group(0).strip(),
                     shape if reach is Scope.TEAMS or shape != TECH_LEAD else None)
    own = _OWN_UNIT.search(text)
    if own is not None and number_value(own.group("n")) >= 2:
        return _counted(number_value(own.group("n")),
                        re.sub(r"^team\s*:\**\s*", "", own.group(0).strip(), flags=re.I))
    if not _ONE_TEAM.search(text):
        units = [(number_value(m.group("n")), m.group(0).strip(" (,:;·|"))
                 for m in _UNIT.finditer(text) if not _EMPLOYER.match(_sentence(text, m.end()))]
        # "… which these days means the Cart, Payments and Tax & Invoicing teams"
        listed = listed_teams(text)
        units += [listed] if listed is not None else []
        units = [u for u in units if u[0] >= 2]
        if units:
            return _counted(*max(units))
    if STANDING_ROLE.search(text):
        # "Took over as tech lead across the three provisioning teams"
        across = _ACROSS_ROLE.search(text)
        if across is not None and number_value(across.group("n")) >= 2:
            return _counted(number_value(across.group("n")), across.group(0))
    for m in (*_LISTED.finditer(text), *_LISTED_AFTER.finditer(text)):
        names = re.split(r",\s*|\s+(?:and|&)\s+", m.group("names"))
        if len(names) >= 2 and not any(re.search(r"\d", n) or _POSTS.search(n) for n in names):
            return Remit(Scope.TEAMS, m.group(0).strip(" (."), TECH_LEAD)
    return None


def _sentence(text: str, at: int) -> str:
    """The sentence (or line) of `text` holding position `at`."""
    start = max(text.rfind(".", 0, at), text.rfind("\n", 0, at), text.rfind("!", 0, at),
                text.rfind("?", 0, at)) + 1
    return text[start:at]


def _reach(teams: int) -> Scope:
    return Scope.ORG if teams >= TEAMS_FOR_ORG else Scope.TEAMS


def _counted(teams: int, words: str) -> Remit:
    """A remit counted in teams: a few are the tech lead's cluster, ten or more an
    organisation, whose shape is left to the items."""
    reach = _reach(teams)
    return Remit(reach, words, TECH_LEAD if reach is Scope.TEAMS else None)
