"""A date that opens a line of a record: "2024-03-12: did X", "Aug — …", "W03  R2 kickoff",
"**2019 – 2022:** co-founder". Such a date dates the line's work and is no part of its words;
in running text the same words may be a sentence ("Week 14 was the hardest", "May the team …"),
so each form needs what sets it apart from the words after it."""

from __future__ import annotations

import re
from datetime import date

from staffpath.ledger.extract.dates import (
    MONTH,
    MONTH_NUMBERS,
    WEEK_OF,
    YEAR,
    DateSpan,
    find_dates,
    leading_numeric,
    month_end,
    span_for,
)

__all__ = ["leading_date"]

_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|rsday|urday)?\.?,?\s+)"
_LEAD_OPEN_RE = re.compile(r"^\s*(?P<open>\*\*|__|\*|_|\[|\(|`)?\s*(?:(?<=[*_])[\[(]\s*)?"
                           + _WEEKDAY + "?", re.I)
_LEAD_SEP_RE = re.compile(r"\s*(?:\*\*|__|\*|_|\]|\)|`){0,2}\s*(?:[:|—–\-]+|\)|\.(?=\s))?\s*")


def leading_date(text: str, default_year: int | None, *,
                 today: date | None = None) -> tuple[DateSpan | None, str]:
    """A date at the very start of an item and the text after it (`2024-03-12: did X` → X)."""
    opening = _LEAD_OPEN_RE.match(text)
    pos = opening.end() if opening else 0
    wrapped = bool(opening and opening.group("open"))
    # "w/o 2 Feb", "Week of March 4": the week a log entry covers leads it too.
    week = _WEEK_LEAD_RE.match(text, pos)
    at = week.end() - pos if week else 0
    # Only the opening matters; a bounded window keeps long paragraphs linear. A time of day
    # after the date ("[2026-01-06 08:47]", "2026-01-06T08:47") is part of the timestamp.
    probe = _TIME_OF_DAY.sub(lambda t: " " * len(t.group(0)), text[pos:pos + 80])
    for m in find_dates(probe, default_year=default_year, today=today):
        if m.start != at:
            break
        rest_start = pos + m.end
        time_of_day = _TIME_OF_DAY.match(text, rest_start)
        if time_of_day is not None:
            rest_start = time_of_day.end()
        sep = _LEAD_SEP_RE.match(text, rest_start)
        sep_text = sep.group(0) if sep else ""
        separated = bool(sep_text.strip()) or rest_start == len(text)
        # A bare "Q3 planning" keeps its words; a day-precise or punctuated date is a prefix.
        if not (wrapped or separated or m.precision in ("day", "range")):
            return None, text
        if wrapped and not separated:
            return None, text
        return m.span, text[rest_start + len(sep_text):].strip()
    months = _leading_months(probe, at, default_year)
    if months is not None:
        span, end = months
        return span, text[pos + end:].strip()
    numbered = _leading_week(probe, at, default_year)
    if numbered is not None:
        span, end = numbered
        return span, text[pos + end:].strip()
    numeric = leading_numeric(probe, at, default_year)
    if numeric is not None:
        span, end = numeric
        sep = _LEAD_SEP_RE.match(text, pos + end)
        return span, text[sep.end() if sep else pos + end:].strip()
    return _leading_years(text, pos, opening.group("open") if opening else None, today)


# A log line opened by a month or a range of months, loosely placed ("Aug — …", "late Oct — …",
# "mid-April → end of May — built it"), closed by a dash, colon or bar: the months the entry
# covers. Without the separator a month may be a word ("May the team …").
_LOOSELY = r"(?:(?:early|mid|late|(?:the\s+)?(?:end|start|beginning|middle)\s+of)\s*-?\s*)?"
_MONTHS_LEAD_RE = re.compile(
    rf"{_LOOSELY}(?P<m1>{MONTH})(?:\s*(?:→|->|–|—|-|to|until|till|through)\s*{_LOOSELY}"
    rf"(?P<m2>{MONTH}))?(?:,?\s+(?P<y>{YEAR}))?(?P<sep>\s*(?:[—–:|]|-\s)\s*)", re.I)


def _leading_months(probe: str, at: int, default_year: int | None
                    ) -> tuple[DateSpan, int] | None:
    """Months opening a log line at `at` (see `_MONTHS_LEAD_RE`), and where its words start."""
    m = _MONTHS_LEAD_RE.match(probe, at)
    if m is None:
        return None
    year = int(m.group("y")) if m.group("y") else default_year
    first = MONTH_NUMBERS.get(m.group("m1").lower().rstrip("."))
    last = MONTH_NUMBERS.get((m.group("m2") or m.group("m1")).lower().rstrip("."))
    if year is None or first is None or last is None:
        return None
    start_year = year - 1 if last < first else year  # "Nov → Feb 2026"
    return DateSpan(date(start_year, first, 1), month_end(year, last)), m.end()


# A log line opened by the week of the year it tells: "W03  R2 kickoff", "wk 14: cut over",
# "Week 9 — demo". The week is the line's date only when set apart from the words after it (a
# separator, a column's gap, or the ISO form "W07"): "Week 14 was the hardest" is a sentence.
_WEEK_NUMBER_LEAD_RE = re.compile(
    r"(?:(?P<iso>W(?=\d\d))|wk\.?\s?|week\s|W)#?(?P<w>0?[1-9]|[1-4]\d|5[0-3])"
    r"(?P<sep>\s*[:|—–\-]\s*|\s{2,}|\t\s*|(?<=\d)\s(?=\S))", re.I)


def _leading_week(probe: str, at: int, default_year: int | None
                  ) -> tuple[DateSpan, int] | None:
    """A numbered week of the year opening `probe` at `at` (a weekly log's line), and where
    the line's words begin."""
    m = _WEEK_NUMBER_LEAD_RE.match(probe, at)
    if m is None or default_year is None:
        return None
    if m.group("sep").strip() == "" and len(m.group("sep")) == 1 and not m.group("iso"):
        return None  # "Week 14 was the hardest": the number is part of the sentence
    span = span_for("iw", {"w": m.group("w")}, default_year)
    return (span, m.end()) if span is not None else None


_TIME_OF_DAY = re.compile(r"(?<=\d)(?:T|,?\s+(?:at\s+)?)\d{1,2}:\d{2}(?::\d{2})?"
                         r"(?:\s?[aApP]\.?[mM]\.?)?(?:\s?(?:UTC|GMT|Z|[A-Z]{3,4})(?![a-z]))?"
                         r"(?![\w]|:\d)")
_WEEK_LEAD_RE = re.compile(WEEK_OF, re.I)
_YEARS_LEAD_RE = re.compile(
    rf"(?P<y1>{YEAR})(?:\s*(?:–|—|-|to)\s*(?P<y2>{YEAR}|now|present|today))?"
    r"\s*(?:\*\*|__|\*|_|\]|\))?\s*:\s*", re.I)


_CLOSERS = {"**": "**", "__": "__", "*": "*", "_": "_", "[": "]", "(": ")", "`": "`"}


def _leading_years(text: str, pos: int, opener: str | None, today: date | None
                   ) -> tuple[DateSpan | None, str]:
    """A bare year or range of years opening an item and closed by a colon ("2019 – 2022:
    co-founder", "**2024:** …") dates it; a year without the colon stays words."""
    m = _YEARS_LEAD_RE.match(text, pos)
    if m is None:
        return None, text
    first = int(m.group("y1"))
    end_word = (m.group("y2") or "").lower()
    if end_word in ("now", "present", "today"):
        if today is None:
            return None, text
        last = today
    else:
        last = date(int(end_word) if end_word else first, 12, 31)
    if last.year < first:
        return None, text
    rest = text[m.end():]
    if opener and not m.group(0).rstrip(": ").endswith(_CLOSERS[opener]):
        rest = rest.replace(_CLOSERS[opener], "", 1)  # "**2019 – 2022: CTO**" closes later
    return DateSpan(date(first, 1, 1), last), rest.strip()
