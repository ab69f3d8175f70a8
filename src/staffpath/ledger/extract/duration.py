"""How long an effort ran, as prose states it: "over 14 months", "an 18-month migration",
"a year-long redesign", "for two quarters".

An item dated by the month or quarter it was written under can still describe work that ran
for a year; the framework counts such an effort as sustained on its own. Only a duration the
words give to the work itself counts: "the 3-year vision" is a plan's horizon and "took 11
weeks" too short to matter, so neither stretches an item.
"""

from __future__ import annotations

import re

__all__ = ["stated_months"]

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "eighteen": 18, "several": 3, "multiple": 2,
}
_UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12}
_N = r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve" \
     r"|fifteen|eighteen|several|multiple)"
_UNIT = r"(?P<unit>month|quarter|year)s?"
# The nouns an effort goes by, so that "a 3-year vision" (a plan) does not count.
_EFFORT = (r"(?:migration|rollout|roll-out|programme|program|project|effort|rewrite|initiative"
           r"|overhaul|redesign|re-architecture|transformation|consolidation|cut-?over|push"
           r"|campaign|build-?out|journey|engagement|rebuild|replatforming|modernisation"
           r"|modernization)")
_PATTERNS = [
    # "over 14 months", "for two quarters", "across three years", "lasting 9 months"
    re.compile(rf"\b(?:over|for|across|spanning|lasting|during)\s+(?:the\s+(?:last|past)\s+)?"
               rf"{_N}\s+{_UNIT}\b", re.I),
    # "an 18-month migration", "a two-year programme", "14-month rollout"
    re.compile(rf"\b{_N}[- ]{_UNIT}(?:[- ]long)?\s+(?:[\w-]+\s+){{0,2}}?{_EFFORT}\b", re.I),
    # "it took seven months", "the work ran for about a year" (above), "lasted two quarters"
    re.compile(rf"\b(?:took|taking|lasted)\s+(?:(?:about|roughly|nearly|almost|around|just over"
               rf"|over)\s+)?{_N}\s+{_UNIT}\b", re.I),
    # The work's size told as its length and its people: "Seven months, 11 engineers across
    # the three teams", "two quarters and 3 teams".
    re.compile(rf"\b{_N}\s+{_UNIT}\s*(?:,|and|with|·|/)\s*(?:about\s+|~)?\d{{1,3}}\s+"
               rf"(?:engineers|people|developers|devs|teams|squads|services)\b", re.I),
    # "a year-long redesign", "a multi-year migration"
    re.compile(rf"\b(?P<n>a|one)?\s*(?P<unit>year|quarter)-long\s+(?:[\w-]+\s+){{0,2}}?"
               rf"{_EFFORT}\b", re.I),
]


def _count(word: str | None) -> int:
    if word is None:
        return 1
    w = word.lower()
    return int(w) if w.isdigit() else _NUMBER_WORDS.get(w, 1)


def stated_months(text: str) -> int | None:
    """The longest duration, in months, the text gives the work; None when it states none."""
    best = 0
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            unit = m.group("unit").lower()
            best = max(best, _count(m.group("n")) * _UNIT_MONTHS[unit])
    return best or None
