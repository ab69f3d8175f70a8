"""Periods words give relative to the day a record was written ("this year", "over the past
eighteen months"), and work told as recurring or standing ("every sprint", "I chair the
architecture council")."""

from __future__ import annotations

import re
from datetime import date, timedelta

from staffpath.ledger.extract.dates import DateSpan
from staffpath.ledger.extract.numbers import NUMBER_WORDS, number_value

__all__ = ["STANDING_VERBS", "months_back", "recurring", "relative_period", "season_period"]


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


# A season told relative to the day of writing: "last winter", "this spring", "over the
# summer", "since the autumn". Seasons are the northern hemisphere's, by meteorological months.
_SEASON_RE = re.compile(
    r"\b(?:(?P<rel>this|last|past)\s+|(?P<prep>in|over|during|through|throughout|since|from)"
    r"\s+(?:the\s+)?)(?:(?:early|late|mid)[\s-]*)?(?P<season>spring|summer|autumn|fall|winter)\b"
    r"(?!\s+(?:intern|sale|release|school|camp|party|offsite|hackathon|edition|launch))", re.I)
_SEASON_START = {"winter": 12, "spring": 3, "summer": 6, "autumn": 9, "fall": 9}


def _season_before(season: str, today: date, *, ended: bool) -> DateSpan:
    """The latest `season` that began by `today` (that had ended by it, when `ended`)."""
    month = _SEASON_START[season]
    year = today.year if today.month >= month else today.year - 1
    while True:
        start = date(year, month, 1)
        after = year * 12 + month - 1 + 3  # the month after the season's three, from zero
        last_day = date(after // 12, after % 12 + 1, 1) - timedelta(days=1)
        if not ended or last_day < today:
            return DateSpan(start, min(last_day, today))
        year -= 1


def season_period(text: str, today: date) -> DateSpan | None:
    """The seasons `text` names relative to `today`, covered from the first to the last: "last
    winter … this spring" ran from December to May; "since the autumn" runs to today."""
    spans: list[DateSpan] = []
    for m in _SEASON_RE.finditer(text):
        season = m.group("season").lower()
        span = _season_before(season, today, ended=(m.group("rel") or "").lower() == "last")
        if (m.group("prep") or "").lower() in ("since", "from"):
            span = DateSpan(span.start, today)
        spans.append(span)
    if not spans:
        return None
    return DateSpan(min(s.start for s in spans), max(s.end for s in spans))


def relative_period(text: str, today: date) -> DateSpan | None:
    """The period words give relative to the day the document was written: "this year" (its
    calendar year so far), "over the past eighteen months", "in the last two quarters". An
    item that says so ran then, though it carries no date of its own. "Last year" alone is the
    year before, a comparison more often than the work's own time, so it is not read."""
    best: DateSpan | None = season_period(text, today)
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
