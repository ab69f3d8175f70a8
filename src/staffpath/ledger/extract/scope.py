"""How far work reached, as stated in prose: "N teams" counts and scope words."""

from __future__ import annotations

import re

from staffpath.vocab import Scope

__all__ = ["extract_scope_words", "extract_teams_count"]

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
_TEAMS_RE = re.compile(
    r"\b(?P<n>\d{1,4}|" + "|".join(_NUMBER_WORDS) + r")\+?\s+"
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
        n = m.group("n").lower()
        counts.append(int(n) if n.isdigit() else _NUMBER_WORDS[n])
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
