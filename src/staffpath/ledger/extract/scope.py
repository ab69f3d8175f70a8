"""How far work reached, as stated in prose: "N teams" counts and scope words."""

from __future__ import annotations

import re

from staffpath.ledger.extract.numbers import NUMBER_WORDS, number_value
from staffpath.vocab import Scope

__all__ = ["extract_scope_words", "extract_teams_count"]

_TEAMS_RE = re.compile(
    r"\b(?P<n>\d{1,4}|" + "|".join(NUMBER_WORDS) + r")\+?\s+"
    r"(?:(?:other|different|product|engineering|eng|platform|feature|partner|backend|frontend"
    r"|mobile|infra|infrastructure|separate|downstream|upstream|dependent|client|consuming"
    r"|internal|more)\s+){0,2}"
    r"teams\b",
    re.I,
)


def extract_teams_count(text: str) -> int | None:
    """The largest "N teams" count stated in `text` ("across 7 teams", "three teams")."""
    counts = []
    for m in _TEAMS_RE.finditer(text):
        counts.append(number_value(m.group("n")))
    return max(counts) if counts else None


_SCOPE_RULES: list[tuple[Scope, re.Pattern[str]]] = [
    (Scope.COMPANY, re.compile(
        r"\b(?:company[- ]?wide|across the (?:whole |entire )?company|(?:whole|entire) company"
        r"|all of the company|every (?:department|business unit))\b", re.I)),
    (Scope.ORG, re.compile(
        r"\b(?:org[- ]?wide|organi[sz]ation[- ]?wide|engineering[- ]?wide"
        r"|across (?:all of |the (?:whole |entire )?)?(?:engineering|eng|the org|organi[sz]ation)"
        r"|(?:whole|entire) (?:org|organi[sz]ation|engineering(?: org)?)"
        r"|all of engineering|every (?:engineering )?team|all (?:engineering )?teams)\b", re.I)),
    (Scope.TEAMS, re.compile(
        r"\b(?:cross[- ]?team|multi[- ]?team|across (?:several |multiple |many |the )?teams"
        r"|(?:several|multiple|many) teams|inter[- ]?team)\b", re.I)),
]


def extract_scope_words(text: str) -> Scope | None:
    """The widest scope that `text` names in words ("org-wide", "company-wide", "cross-team")."""
    for scope, regex in _SCOPE_RULES:
        if regex.search(text):
            return scope
    return None
