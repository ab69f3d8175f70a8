"""Parts of the organisation a record names together with their size, and where items name them.

A record often says once how big a part of the organisation is ("Marketplace is about 310
engineers in 31 teams", "Consumer = ~340 engs / 38 teams", "Payments (4 teams)") and later
names it alone: "Marketplace's cloud spend was growing 2.5x faster than bookings", "rebuilt how
Consumer runs incident reviews". A reader takes the name at the size the record gave it, as
they would "the organisation" or "all four payments teams": work told of Marketplace reaches
Marketplace. A unit counted in teams is read as an item's count of teams is (ten teams or more
are an organisation, fewer are several teams); a headcount alone is no unit of work, as it is
no remit (see `extract.remit`).

A name used to place a team ("the Marketplace search team", "Consumer Payments squad") names
that team, not the unit; a name in the sentence that defines it is the definition itself.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from staffpath.ledger.extract.numbers import NUMBER_WORDS, number_value
from staffpath.ledger.extract.scope import TEAMS_FOR_ORG
from staffpath.vocab import Scope

__all__ = ["Unit", "named_units", "unit_named"]

_N = r"(?P<n>\d{1,3}|" + "|".join(NUMBER_WORDS) + r")"
_WORD = r"[A-Z][\w&'-]*"
# Words that open a sentence or stand for someone, never the name of a unit.
_NOT_NAMES = frozenset({
    "The", "This", "That", "These", "Those", "It", "We", "Our", "My", "I", "There", "Which",
    "Today", "Now", "Engineering", "Company", "Team", "Org", "Group", "Each", "All", "Both",
    "Scope", "Reach", "Impact", "Teams", "Status", "Role", "When", "Size", "Series",
})
# Lower-case words that may stand before a unit's name; any other makes the capitalised word
# the end of a phrase ("no self-serve streaming SQL (three teams asked)").
_LEADS_TO_A_NAME = frozenset({
    "the", "in", "of", "across", "for", "at", "on", "with", "and", "to", "from", "into",
    "within", "our", "my", "whole", "entire", "joined", "is", "are", "was", "about", "all",
    "under", "inside", "over", "than", "as", "team", "org", "group", "area", "engineer",
})
# "Marketplace is about 310 engineers in 31 teams", "Consumer = ~340 engs / 38 teams",
# "Booking & Inventory (31 teams, ~320 engineers)", "the Payments group: 4 teams".
# A colon or a dash after a bare name is a label or a log's date ("Scope: 31 teams", "Apr: 3
# teams", "W21 — 3 mobile teams"): only a unit's word ("group", "org") or a headcount before the
# teams makes it a unit's size there. "a PR (9 teams …)" is a thing, not a unit.
_UNIT_WORD = r"(?:org|organi[sz]ation|group|division|area|tribe|domain|department|cluster)"
_HEADCOUNT = (r"\d[\d,]*\s*\+?\s*(?:engineers|engs|devs|developers|people)\b\s*"
              r"(?:in|across|,|/|and|·|-)?\s*(?:(?:about|around|~)\s*)?")
_ABOUT = r"(?:(?:now|today|about|around|roughly|some|nearly|over|~|≈)\s*)*"
_UNIT_SIZE = re.compile(
    rf"(?<!\ba )(?<!\ban )(?P<name>{_WORD}(?: (?:& )?{_WORD}){{0,2}})"
    rf"(?:(?P<unit> {_UNIT_WORD})?\s*(?:\(|=|\bis\b|\bhas\b|\bspans\b|\bcovers\b)\s*{_ABOUT}"
    rf"(?:{_HEADCOUNT})?"
    rf"|(?: {_UNIT_WORD}\s*[:—–]\s*{_ABOUT}(?:{_HEADCOUNT})?|\s*[:—–]\s*{_ABOUT}{_HEADCOUNT}))"
    rf"{_N}\s+(?:[\w-]+\s+)?(?:teams|squads)\b")
_MONTH_OR_WEEK = re.compile(
    r"^(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|W\d+|Q[1-4]|H[12]|FY\S*)$")


class Unit(NamedTuple):
    """A part of the organisation the record names with its size."""

    name: str
    reach: Scope
    words: str  # the words that gave its size


def named_units(text: str) -> tuple[Unit, ...]:
    """The units `text` names with a size of two teams or more, each once (the first size
    given wins)."""
    found: dict[str, Unit] = {}
    for m in _UNIT_SIZE.finditer(text):
        words = m.group("name").split()
        while words and words[0] in _NOT_NAMES:
            words = words[1:]
        name = " ".join(words).removesuffix("'s")
        before = re.search(r"([a-z][\w-]*)\s+$", text[max(0, m.start() - 30):m.start()])
        if before is not None and before.group(1) not in _LEADS_TO_A_NAME:
            continue  # "their first integration PR (9 teams …)": the name ends a phrase
        n = number_value(m.group("n"))
        if (not name or n < 2 or name in found or len(name) < 2
                or _MONTH_OR_WEEK.match(name)):
            continue
        reach = Scope.ORG if n >= TEAMS_FOR_ORG else Scope.TEAMS
        found[name] = Unit(name, reach, " ".join(m.group(0).split()))
    return tuple(found.values())


def unit_named(text: str, units: tuple[Unit, ...]) -> Unit | None:
    """The widest unit `text` names on its own (not to place one team in it, and not in the
    words that gave its size)."""
    best: Unit | None = None
    spaced = " ".join(text.split())
    for unit in units:
        if unit.words in spaced:
            continue  # the sentence that defines the unit tells its size, not work there
        if _mention(unit.name).search(text) and (best is None or unit.reach > best.reach):
            best = unit
    return best


@lru_cache(maxsize=256)
def _mention(name: str) -> re.Pattern[str]:
    """The unit's name on its own, not placing one team in it ("the Marketplace search team")."""
    return re.compile(rf"(?<![\w&-]){re.escape(name)}(?![\w&-])"
                      r"(?!\s+[\w-]+\s+(?:team|squad)\b)(?!\s+(?:team|squad)\b)")
