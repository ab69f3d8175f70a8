"""How big the author's organisation is, when their record says so.

A record often tells the reader how large the place is ("Hatchwork is 14 engineers in two
squads", "**Company:** Kettle (Series A, 18 engineers, three squads)", "Senior Engineer @
Forkful (14 engineers)", "~1,100 engineers company-wide"). How far work can reach depends on it:
"company-wide" at fourteen engineers is two squads. The size is read only from statements about
the organisation itself: a number of engineers with the company, the organisation, engineering
or "we" as its subject, a labelled field, or a qualifier such as "company-wide". A team's own
size, a team somebody led, people they hired, mentored or met, and the size a place had "when
I joined" are no statement of it. When a record states several sizes (an org inside a company),
the largest is the organisation's: the company holds the org. Authors also count themselves
in ("one of about forty product engineers") or tell the size with its squads ("we … end it as
eleven in two squads").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from staffpath.ledger.extract.numbers import NUMBER_WORDS

__all__ = ["DECLARED", "OrgSize", "stated_org_size"]

# The words of a size nobody's record stated: the organisation declared it.
DECLARED = "declared"


@dataclass(frozen=True)
class OrgSize:
    """An organisation's size as a record states it."""

    engineers: int
    teams: int  # teams or squads the same statement counts, 0 when it counts none
    words: str  # the words it was read from

    def as_dict(self) -> dict[str, Any]:
        return {"engineers": self.engineers, "teams": self.teams, "words": self.words}

    @classmethod
    def from_dict(cls, data: Any) -> OrgSize | None:
        """The size stored with an item, or None when it holds none (or not in this shape)."""
        if not isinstance(data, dict):
            return None
        try:
            return cls(int(data["engineers"]), int(data.get("teams") or 0),
                       str(data.get("words") or ""))
        except (KeyError, TypeError, ValueError):
            return None


_WORD_NUMBERS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NUMBER = (r"(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s?k\b|\d+|(?:" + _WORD_NUMBERS
           + r")(?:\s+(?:hundred|thousand))?)")
_ABOUT = r"(?:(?:about|around|roughly|nearly|almost|approximately|approx\.?|some|just\s+over|over" \
         r"|under|c\.|~|≈)\s*)?"
_UNIT = (r"(?:-|\s)?(?P<unit>engineers|engs|developers|devs|engineering\s+staff|people"
         r"|employees)\b")
_SIZE = re.compile(_ABOUT + r"\b" + _NUMBER + _UNIT, re.I)
# "a 40-person startup", "our 60-engineer company"
_ADJECTIVE = re.compile(
    r"\b(?:our|we(?:'re|\s+are|\s+were)\s+an?|is\s+an?|was\s+an?|(?:work|working)\s+(?:at|for)"
    r"\s+an?|joined\s+an?)\s+(?:small\s+|tiny\s+|young\s+)?" + _ABOUT + _NUMBER
    + r"-(?P<unit>person|people|engineer|employee)\s+(?:start-?up|company|business|engineering"
    r"|org|organi[sz]ation|team|shop)", re.I)

# What comes just before the number when the organisation is its subject.
_VERB = (r"(?:\s+(?:engineering|tech))?\s+(?:is|are|has|have|totals?|employs|now\s+has|is\s+now"
         r"|are\s+now|grew\s+(?:from\s+\S+\s+)?to|has\s+grown\s+to)\s+(?:now\s+)?")
_SUBJECT_BEFORE = re.compile(
    r"(?:\b(?:we|engineering|the\s+company|our\s+company|the\s+org|our\s+org|the\s+organi[sz]ation)"
    + _VERB + r"|\bwe're\s+(?:now\s+)?|\b(?-i:Company|Engineering)\s+"
    r"|\b(?:company|start-?up|business)\s+of\s+)$", re.I)
# A name as the subject ("Hatchwork is 14 engineers"): a company's, or a team's ("Payments has 8
# engineers"), so a small count needs the words after it to say it is the whole place.
_NAME_BEFORE = re.compile(r"\b(?-i:[A-Z][\w&.'-]{2,})" + _VERB + "$", re.I)
_WHOLE_AFTER = re.compile(r"^[^.;\n]{0,30}?\b(?:total|in\s+all|overall|company|(?:in|across)\s+"
                          r"(?:\w+\s+)?(?:squads|teams|orgs|offices))\b"
                          # or counts it out by named teams: "(Core = 6, Growth = 5, …)"
                          r"|^\s*\(\s*(?-i:[A-Z])[\w/&-]*(?:\s+[\w/&-]+){0,2}\s*[=:]?\s*\d+[^()]*?,"
                          r"\s*(?-i:[A-Z])[\w/&-]*(?:\s+[\w/&-]+){0,2}\s*[=:]?\s*\d+", re.I)
# A team's own size: "we're 6 engineers on the Payments team".
_ONE_TEAM_AFTER = re.compile(r"^[^.;,\n]{0,20}?\b(?:on|in)\s+(?:the|our|my)\s+(?:[\w&-]+\s+){0,3}?"
                             r"(?:team|squad|pod|crew|tribe)\b", re.I)
# Below this, a stated size caps how far work reaches: a name's count must say it is the place.
_SMALL = 80
# "Senior Engineer @ Forkful (14 engineers)", "Loftly — 22 engineers", "company (~300 engineers)",
# "Kodwerk Studio (software house) - around 14 developers".
_NAMED_BEFORE = re.compile(
    r"(?:(?:@|\bat)\s+(?-i:[A-Z][\w&.'-]+)(?:\s+(?-i:[A-Z][\w&.'-]+)){0,2}\s*(?:\(|,|—|–|-)\s*"
    r"(?:[^()]{0,40},\s*)?"
    r"|(?-i:[A-Z][\w&.'-]+)\s*(?:—|–)\s*"
    # A header naming the company, what it is, then its size: "Kodwerk Studio (software
    # house, Wrocław) - around 14 developers".
    r"|^\W*(?-i:[A-Z][\w&.'-]+)(?:\s+(?-i:[A-Z][\w&.'-]+)){0,2}\s*\([^()\n]{2,60}\)\s*[-—–:]\s*"
    r"|\b(?:company|start-?up)\s*\(\s*(?:[^()]{0,40},\s*)?)$", re.I)
# "~1,100 engineers company-wide", "22 engineers at Tidewell", "2,600 people across eleven
# organisations". A count of teams after the number is no qualifier: "11 engineers across the
# three teams" is usually the people on one programme.
_QUALIFIER_AFTER = re.compile(
    r"^\s*(?:\)\s*)?(?:overall|all\s+told|company-?wide|across\s+the\s+company|in\s+the\s+company"
    r"|across\s+engineering|at\s+(?-i:[A-Z])"
    r"|(?:in|across)\s+(?:\w+\s+)?(?:orgs|organi[sz]ations|business\s+units|divisions"
    r"|product\s+(?:and|&)\s+platform))", re.I)
# The words after the number say it counts people doing something, not the organisation.
_NOT_ORG_AFTER = re.compile(
    r"^[^.;,\n]{0,60}?\b(?:promoted|at\s+(?:its\s+)?peak|working\s+on|joined|took\s+part|signed"
    r"|attended|came|reporting|contributed|worked\s+on|on\s+(?:the|this|it)\b"
    r"|in\s+(?:a|one|two|three|\d+)\s+(?:years?|months?)|by\s+(?:20\d\d|next|the\s+end))", re.I)
# "inside a company of roughly 900": a count of the company with no unit.
_COMPANY_OF = re.compile(r"\b(?:company|start-?up|business)\s+of\s+" + _ABOUT + _NUMBER
                         + r"\b(?!\s*(?:%|years?|months?|customers|users|clients|countries"
                         r"|offices|products|services|people|engineers|developers|employees))",
                         re.I)
# "Engineering grew from 9 to 14 this year".
_GREW = re.compile(r"\b(?:engineering|the\s+(?:eng\s+)?team|we)\s+(?:grew|has\s+grown)\s+from\s+\S+"
                   r"\s+to\s+" + _NUMBER + r"\b", re.I)
_FIELD_LABEL = re.compile(
    r"(?:^|[\s>*_|#·-])(?:company|org|organi[sz]ation|engineering|eng\s+org|engineering\s+org"
    r"|employer|start-?up|size|context|where)\b[*_]*\s*[:=]", re.I)
# The statement is about something other than the organisation's size.
_NOT_ORG = re.compile(
    r"\b(?:led|lead|leading|leads|managed?|managing|manager\s+of|mentor\w*|coach\w*|hired|hiring"
    r"|interview\w*|onboard\w*|trained|taught|team\s+of|project|squad\s+of|group\s+of|pod\s+of"
    r"|with|incl\.?|including|guild|forum|summit|council|all-hands|meetup|conference|talk"
    r"|came|attended|audience|read\s+by|staff\+|staff-plus|principals?|on-call|rotation"
    r"|reviewed|workshop|survey|cohort|chats?|sessions?|attendees|signed|invited|promotions?"
    r"|when\s+I\s+(?:joined|started|arrived)|back\s+in|used\s+to|at\s+my\s+(?:last|previous|old)"
    r"|previous|former|before\s+I|if\s+I|would|I'd|rather|past"
    # What a piece of work is given, not the place: "Year one budget: 70 engineers across
    # four orgs", "a programme staffed with 40 engineers".
    r"|budget\w*|fund(?:ed|ing)|staffed|allocat\w*|headcount|programmes?|programs?"
    # A size to come: "if we're 40 engineers in two years", "we'll be 30 by spring".
    r"|if\s+we|once\s+we|will|we'll|going\s+to|plan\w*|expect\w*|aim\w*|forecast\w*)\b",
    re.I)
# Some place, not this one: "at a company of five hundred engineers, this would be …".
_A_PLACE = r"\b(?:at|in|for|to|like|than)\s+an?\s+(?:[\w-]+\s+){0,2}?"
_SOME_PLACE = re.compile(_A_PLACE + r"(?:company|start-?up|business|org|organi[sz]ation)\s+"
                         r"(?:of\s+)?$", re.I)
# The same just before "company of 900": "at a company of …".
_A_PLACE_BEFORE = re.compile(_A_PLACE + "$", re.I)
# The author counting themselves among the place's engineers: "one of about forty product
# engineers", "one of 12 engineers here". Not a level's count ("one of two staff engineers")
# or a team's ("one of three engineers on the Payments team").
_ONE_OF = re.compile(r"\bone\s+of\s+(?:the\s+)?" + _ABOUT + _NUMBER
                     + r"\s+(?:(?!staff|senior|principal|junior|lead|tech|new|other)[\w-]+\s+)?"
                     r"(?P<unit>engineers|engs|developers|devs)\b", re.I)
# The engineers counted are some who did something: "one of five engineers who built the MVP".
_WHO_AFTER = re.compile(r"^\s*,?\s*(?:who|that|which|picked|chosen|selected|asked|invited"
                        r"|to\b)", re.I)
# A size told with its squads and "we" as the subject: "we … end it as eleven in two squads",
# "we're 30 across four teams".
_IN_SQUADS = re.compile(_ABOUT + r"\b" + _NUMBER + r"(?:\s+(?:engineers|engs|developers|devs"
                        r"|people))?\s+(?:in|across)\s+(?P<t>\d+|" + _WORD_NUMBERS
                        + r")\s+(?:product\s+|engineering\s+)?(?:squads|teams)\b", re.I)
_TEAMS = re.compile(r"\b(?P<n>\d+|" + _WORD_NUMBERS + r")\+?\s+(?:product\s+|engineering\s+)?"
                    r"(?:squads|teams)\b", re.I)
_CLAUSE_START = re.compile(r"[.;!?]\s|\n|\s[-–—]\s(?=[a-z])")


def _value(text: str) -> int:
    text = text.lower()
    for word, times in (("hundred", 100), ("thousand", 1000)):
        if text.endswith(word):
            return _value(text[:-len(word)].strip()) * times
    text = text.replace(",", "").replace(" ", "")
    if text.endswith("k"):
        return int(float(text[:-1]) * 1000)
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    return int(float(text))


def _clause_before(text: str, at: int) -> str:
    """The words of the clause before position `at`, on its line."""
    start = max(text.rfind("\n", 0, at) + 1, at - 120)
    head = text[start:at]
    cuts = list(_CLAUSE_START.finditer(head))
    return head[cuts[-1].end():] if cuts else head


def _in_field(text: str, at: int) -> bool:
    """Whether position `at` is in the value of a labelled field about the organisation
    ("**Company:** Tendwell (clinic scheduling, 14 engineers)"), with no other field between."""
    line = text[text.rfind("\n", 0, at) + 1:at]
    labels = list(_FIELD_LABEL.finditer(line))
    if not labels:
        return False
    value = line[labels[-1].end():]
    return not re.search(r"·|\|\s|\*\*[^*]+:\*\*|\b\w+:\s", value) and not _NOT_ORG.search(value)


def _teams_near(text: str, start: int, end: int) -> int:
    """Teams or squads the statement counts: in the words right after the size, or in the
    same parenthesis."""
    near = text[start:min(len(text), end + 50)].split("\n")[0]
    near = re.split(r"[.;](?:\s|$)", near)[0]
    m = _TEAMS.search(near)
    return _value(m.group("n")) if m is not None else 0


def _statements(text: str) -> list[OrgSize]:
    found: list[OrgSize] = []
    for m in _ADJECTIVE.finditer(text):
        found.append(OrgSize(_value(m.group("n")), 0, m.group(0).strip()))
    for m in _COMPANY_OF.finditer(text):
        before = _clause_before(text, m.start())
        if not _NOT_ORG.search(before) and not _A_PLACE_BEFORE.search(before):
            found.append(OrgSize(_value(m.group("n")), 0, m.group(0).strip()))
    for m in _GREW.finditer(text):
        found.append(OrgSize(_value(m.group("n")), _teams_near(text, m.start(), m.end()),
                             m.group(0).strip()))
    for m in _ONE_OF.finditer(text):
        aside = re.split(r"\)|\s[—–-]\s", text[m.end():m.end() + 60])[0]
        if not _ONE_TEAM_AFTER.match(aside) and not _NOT_ORG_AFTER.match(aside) \
                and not _WHO_AFTER.match(aside) \
                and not _SOME_PLACE.search(_clause_before(text, m.start())):
            found.append(OrgSize(_value(m.group("n")), 0, m.group(0).strip()))
    for m in _IN_SQUADS.finditer(text):
        before = _clause_before(text, m.start())
        if re.search(r"\bwe\b|\bwe're\b", before, re.I) and not _NOT_ORG.search(before) \
                and _value(m.group("n")) >= 4:
            words = text[max(m.start() - len(before), m.start() - 60):m.end()].strip(" *_(|")
            found.append(OrgSize(_value(m.group("n")), _value(m.group("t")), words))
    for m in _SIZE.finditer(text):
        before = _clause_before(text, m.start())
        after = text[m.end():m.end() + 60]
        engineers = _value(m.group("n"))
        named = _NAME_BEFORE.search(before) is not None and (
            engineers >= _SMALL or _WHOLE_AFTER.match(after) is not None)
        about_org = bool(_SUBJECT_BEFORE.search(before) or named or _NAMED_BEFORE.search(before)
                         or _QUALIFIER_AFTER.match(after) or _in_field(text, m.start()))
        # what follows the size in its own aside: "(we're ~25 engs now) — on the Growth squad"
        aside = re.split(r"\)|\s[—–-]\s", after)[0]
        if not about_org or _NOT_ORG.search(before) or _NOT_ORG_AFTER.match(aside) \
                or _ONE_TEAM_AFTER.match(aside) or _SOME_PLACE.search(before):
            continue
        unit = m.group("unit").lower()
        if unit == "people" and not re.search(r"engineering|company|org\b|we\b|we're|\bis\b",
                                              before + after, re.I):
            continue
        if engineers < 4:
            continue
        words_start = max(m.start() - len(before), m.start() - 60)
        words = text[words_start:m.end()].strip(" *_(|")
        found.append(OrgSize(engineers, _teams_near(text, m.start(), m.end()), words))
    return found


def stated_org_size(text: str) -> OrgSize | None:
    """The organisation's size as the text states it, or None when it states none. With
    several statements, the largest (the company holds its orgs and teams)."""
    found = _statements(text)
    return max(found, key=lambda s: s.engineers) if found else None
