"""Periods words give relative to the day a record was written ("this year", "over the past
eighteen months"), and work told as recurring or standing ("every sprint", "I chair the
architecture council")."""

from __future__ import annotations

import re
from datetime import date

from staffpath.ledger.extract.dates import DateSpan
from staffpath.ledger.extract.numbers import NUMBER_WORDS, number_value

__all__ = ["STANDING_VERBS", "months_back", "recurring", "relative_period"]


_THIS_YEAR_RE = re.compile(
    r"\b(?:this|in|across the|over the|during the|throughout the)\s+year\b(?!\s*\d)", re.I)
_PAST_RE = re.compile(
    rf"\b(?:the\s+)?(?:past|last)\s+(?:(?P<n>\d{{1,2}}|{'|'.join(NUMBER_WORDS)})\s+)?"
    r"(?P<unit>month|quarter|year)s?\b", re.I)
_UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def months_back(day: date, months: int) -> date:
    """The first day of the month a span of `months` months ending in `day`'s month starts in
    (counting `day`'s month as the last)."""
    first = day.year * 12 + day.month - months
    return date(first // 12, first % 12 + 1, 1)


def relative_period(text: str, today: date) -> DateSpan | None:
    """The period words give relative to the day the document was written: "this year" (its
    calendar year so far), "over the past eighteen months", "in the last two quarters". An
    item that says so ran then, though it carries no date of its own. "Last year" alone is the
    year before, a comparison more often than the work's own time, so it is not read."""
    best: DateSpan | None = None
    if _THIS_YEAR_RE.search(text):
        best = DateSpan(date(today.year, 1, 1), today)
    for m in _PAST_RE.finditer(text):
        n_text = m.group("n")
        if n_text is None and m.group(0).lower().startswith("last"):
            continue  # "last year", "last quarter": the one before, not a stretch to today
        n = 1 if n_text is None else number_value(n_text)
        start = months_back(today, n * _UNIT_MONTHS[m.group("unit").lower()])
        if best is None or start < best.start:
            best = DateSpan(start, today)
    return best


_RECURRING_RE = re.compile(
    r"\b(?:every|each)\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+|other\s+|single\s+)?"
    r"(?:day|week|sprint|month|quarter|fortnight|release|monday|tuesday|wednesday|thursday"
    r"|friday)s?\b|\b(?:weekly|fortnightly|biweekly|bi-weekly|monthly|quarterly|daily)\b", re.I)


# A standing role, told in the present tense: "Mentor five staff engineers", "I chair the
# architecture council", "Tech lead for the backend half", "Still write code", after a label
# or not ("On people: I mentor …"). Its verbs are also what makes a prose paragraph in the
# present tense report work (`bragdoc.prose.reports_work`).
STANDING_VERBS = ("mentor", "lead", "run", "own", "chair", "co-chair", "represent", "review",
                  "brief", "coach", "host", "manage", "maintain", "facilitate", "organise",
                  "organize", "teach", "interview", "sit", "pair", "sponsor")
_STANDING_RE = re.compile(
    r"^\s*(?:[a-z][a-z ]{0,24}:\s+)?(?:i\s+|still\s+|i\s+still\s+|i\s+now\s+|now\s+)?"
    r"(?:" + "|".join(re.escape(v) for v in STANDING_VERBS if v != "sit")
    + r"|sit on|am the|tech lead for|(?<=still )write|on-call|on call)s?\b", re.I)


def recurring(text: str) -> bool:
    """Whether the words say the work recurs or stands: "every month", "weekly", "each
    sprint", or a role told in the present tense ("Mentor five staff engineers")."""
    return (_RECURRING_RE.search(text) is not None
            or _STANDING_RE.match(text) is not None)
