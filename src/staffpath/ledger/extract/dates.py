"""Dates and date ranges in prose and headings: days, months, quarters, halves, years."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["MONTH", "MONTH_NUMBERS", "MONTH_WORD", "WEEK_OF", "YEAR", "DateMatch", "DateSpan",
           "covering", "extract_dates", "find_dates", "leading_numeric", "month_end",
           "numeric_dates_of", "outside_dates", "span_for"]


@dataclass(frozen=True)
class DateSpan:
    """An inclusive range of days: one day, a month, a quarter, a year, or an explicit range."""

    start: date
    end: date

    def year_earlier(self) -> DateSpan:
        """The same days a year before (29 February becomes the 28th)."""
        return DateSpan(_with_year(self.start, self.start.year - 1),
                        _with_year(self.end, self.end.year - 1))


def covering(spans: Iterable[DateSpan]) -> DateSpan:
    """From the first start to the last end: "Feb 14 (v1) · Sep 22 (v2)" ran Feb to Sep."""
    listed = list(spans)
    return DateSpan(min(s.start for s in listed), max(s.end for s in listed))


@dataclass(frozen=True)
class DateMatch:
    """Where a date was found in a string, and what it means."""

    start: int
    end: int
    span: DateSpan
    precision: str  # "day" | "month" | "quarter" | "half" | "year" | "range"
    yearless: bool = False  # the year came from default_year, not the text


MONTH_NUMBERS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTH_NUMBERS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTH_NUMBERS["sept"] = 9
# A word that names a month, loosely ("Nov", "November", "Sept"), for telling months from
# names and teams; case is the caller's flag.
MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    # in capitals, as a plain-text log heads its months ("--- JAN")
    r"|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?"
    r"|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\.?"
)
YEAR = r"(?:19|20|21)\d\d"
_SHORT_YEAR = r"['’]\d\d(?![\w'’])"  # "Sept '25"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_NB = r"(?<![\w/.\-])"  # not glued to a preceding word, path or number
_NA = r"(?![\w/\-]|\.\d)"
# A day and a month in numbers: "25.03", "1/14", "02/12". A dot puts the day first, as the
# countries that write it do, and pads the month to two digits; a slash puts the month first
# unless the first number cannot be a month ("25/03").
_NUMERIC = r"(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)"
FISCAL_YEAR = re.compile(rf"{_NB}FY\s?[-'’]?(?P<y>{YEAR}|\d\d)(?![\w/\-]|\.\d)", re.I)
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(rf"{_NB}(?P<y>{YEAR})([-/.])(?P<m>[01]?\d)\2(?P<d>[0-3]?\d){_NA}")),
    # "02/12/2025", "15.01.2025", "3/4/25" (a two-digit year only after a slash: "1.2.25"
    # is a version).
    ("num", re.compile(rf"{_NB}{_NUMERIC}(?P=sep)(?P<y>{YEAR}|(?<=/)\d\d){_NA}")),
    ("quarter", re.compile(rf"{_NB}(?P<y>{YEAR})\s?[-/ ]?\s?Q(?P<q>[1-4]){_NA}", re.I)),
    ("quarter", re.compile(rf"{_NB}Q(?P<q>[1-4])(?:\s?[-/ ’']\s?|\s?FY)?(?P<y>{YEAR}){_NA}",
                           re.I)),
    # A fiscal year, read as the calendar year it names: "FY2025", "FY 25", "FY'26".
    ("y", FISCAL_YEAR),
    ("half", re.compile(rf"{_NB}(?P<y>{YEAR})\s?[-/ ]?\s?H(?P<h>[12]){_NA}", re.I)),
    ("half", re.compile(rf"{_NB}H(?P<h>[12])\s?[-/ ]?\s?(?P<y>{YEAR}){_NA}", re.I)),
    ("ym", re.compile(rf"{_NB}(?P<y>{YEAR})[-/](?P<m>0[1-9]|1[0-2]){_NA}")),
    ("mdy", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{YEAR})\b", re.I)),
    ("dmy", re.compile(rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>{YEAR})\b",
                       re.I)),
    ("my", re.compile(rf"\b(?P<mon>{MONTH}),?\s+(?P<y>{YEAR})\b", re.I)),
    ("my", re.compile(rf"\b(?P<mon>{MONTH})\s?(?P<y>{_SHORT_YEAR})", re.I)),
    ("quarter", re.compile(rf"{_NB}Q(?P<q>[1-4])\s?(?P<y>{_SHORT_YEAR})", re.I)),
    # A few days of one month, as weekly logs write them: "Feb 16–20", "16–20 Feb 2026".
    ("mdd", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>{_DAY})\s*[–—-]\s*(?P<d2>{_DAY})"
                       rf"(?:,?\s+(?P<y>{YEAR}))?(?![\w]|:\d|\.\d)", re.I)),
    ("ddm", re.compile(rf"(?<![\w.])(?P<d>{_DAY})\s*[–—-]\s*(?P<d2>{_DAY})\s+(?P<mon>{MONTH})"
                       rf"(?:,?\s+(?P<y>{YEAR}))?(?![\w])", re.I)),
    # A week of a month: "March wk1", "Mar week 2".
    ("mw", re.compile(rf"\b(?P<mon>{MONTH})\s+(?:wk|week)\s?(?P<w>[1-5])(?!\w)", re.I)),
    ("md", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>{_DAY})(?![\w]|:\d|,?\s*\d)", re.I)),
    ("dm", re.compile(rf"(?<![\w.])(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{MONTH})(?![\w]|:\d|,?\s*\d)",
                      re.I)),
    # "in 2025–2026", "over 2023-24", "between 2021 and 2023": two years joined, after a
    # preposition of time (a bare "2026–2028 direction" is a plan's horizon, not a date).
    ("years", re.compile(rf"\b(?:in|over|during|across|from|between|throughout)\s+"
                         rf"(?P<y>{YEAR})\s*(?:–|—|-|to|and|through)\s*(?P<y2>{YEAR}|\d\d)"
                         rf"{_NA}", re.I)),
    ("q", re.compile(rf"{_NB}Q(?P<q>[1-4]){_NA}")),
    ("h", re.compile(rf"{_NB}H(?P<h>[12]){_NA}")),
]
# Only in headings: a bare year or month name is too ambiguous in prose ("May", "2024 services").
_HEADING_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # A numbered week of the year: "Week 14", "wk 3", "W07".
    ("iw", re.compile(r"(?<![\w/.\-])(?:wk\.?|week|W)\s?#?(?P<w>0?[1-9]|[1-4]\d|5[0-3])(?![\w/\-])",
                      re.I)),
    ("y", re.compile(rf"{_NB}(?P<y>{YEAR}){_NA}")),
    ("m", re.compile(rf"\b(?P<mon>{MONTH})(?![\w])")),
]
# A bare month in prose is a date where nothing else can be meant: written with its capital
# after a word of time ("in May", "since April", "mid-March", "end of Sept"), alone or ending
# in brackets ("(March)", "(shipped Sept)"), or as a range of two ("June–August", "Mar to May").
# "May", "March" or "Jan" elsewhere may be a verb or a name.
_TIME_WORDS = ("in", "since", "by", "from", "until", "till", "through", "during", "early",
               "mid", "late", "of", "before", "after", "around", "in early", "in late")
_PROSE_MONTH = re.compile(
    "(?:" + "|".join(rf"(?<=\b{v} )" for w in _TIME_WORDS for v in (w, w.capitalize()))
    + r"|(?<=\()|(?<=\bmid-))"
    rf"(?P<mon>{MONTH})(?![\w])|\b(?P<mon_>{MONTH})(?=\))")
_PROSE_MONTH_RANGE = re.compile(
    rf"\b(?P<m1>{MONTH})\s*(?:–|—|-|to|through|until|till|→|->)\s*(?P<m2>{MONTH})(?![\w])")
_RANGE_JOIN = re.compile(r"\s*(?:–|—|-|‒|to|through|thru|until|till|→|->)\s*$", re.I)
_MONTH_RANGE_RE = re.compile(
    rf"\b(?P<m1>{MONTH})\s*(?:–|—|-|to|through|→|->)\s*(?P<m2>{MONTH}),?\s*"
    rf"(?:(?<=\s)(?P<y>{YEAR})\b|(?P<ys>{_SHORT_YEAR}))", re.I)
# A range that is still going: "Jan 2025 – now", "since 2024-03 to present".
_OPEN_END_RE = re.compile(
    r"\s*(?:–|—|-|‒|to|through|thru|until|till|→|->)\s*"
    r"(?:now|present|today|ongoing|to date|date)\b", re.I)
# Work still going since a date: "since 2025", "since March 2024", "since early 2023". A bare
# year is read after "since" (in prose elsewhere it is too ambiguous), and the span runs to today.
_SINCE_YEAR_RE = re.compile(rf"\bsince\s+(?:(?:early|late|mid)\s*-?\s*)?(?P<y>{YEAR}){_NA}", re.I)
# "since March 2024", and "from September 2024" when no end follows: still going.
_SINCE_BEFORE_RE = re.compile(r"\b(?:since|from)\s+(?:(?:early|late|mid)\s*-?\s*)?$", re.I)
_ONWARDS_RE = re.compile(r"\s*(?:onwards?|and (?:still )?ongoing)\b", re.I)
_ENDS_RE = re.compile(r"\s*(?:–|—|-|‒|to|through|thru|until|till|→|->)\s*\S", re.I)
# "week of", "w/o", "w/c": the week a day starts ("w/o 2 Feb" is 2–8 Feb).
WEEK_OF = r"(?:\bweek\s+(?:of|starting|beginning|commencing)|\bw/[oc]|\bw\.?c\.?)\s*:?\s*"
_WEEK_OF_RE = re.compile(WEEK_OF + "$", re.I)


def outside_dates(text: str, found: Sequence[DateMatch]) -> str:
    """`text` with each date `find_dates` found in it made a space: what else it says."""
    for m in reversed(found):
        text = text[:m.start] + " " + text[m.end:]
    return text


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _with_year(d: date, year: int) -> date:
    try:
        return d.replace(year=year)
    except ValueError:  # 29 February
        return d.replace(year=year, day=28)


def _year(text: str) -> int:
    """A year as written: "2025", or "'25" (this century)."""
    digits = text.lstrip("'’")
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def span_for(kind: str, g: dict[str, str | None], default_year: int | None) -> DateSpan | None:
    year_text = g.get("y")
    year = _year(year_text) if year_text else default_year
    if year is None:
        return None
    mon_text = g.get("mon")
    month = MONTH_NUMBERS.get(mon_text.lower().rstrip(".")) if mon_text else None
    if g.get("m"):
        month = int(g["m"] or 0)
    day_text = g.get("d")
    day = int(re.sub(r"\D", "", day_text)) if day_text else None
    if kind == "num":
        if g.get("sep") == "." and len(g.get("b") or "") != 2:
            return None  # "1.5": a number, not the first of May ("25.03" pads its month)
        day, month = _day_month(g)
        kind = "md"
    try:
        if kind in ("mdd", "ddm"):
            if month is None or day is None:
                return None
            last = int(re.sub(r"\D", "", g.get("d2") or ""))
            return DateSpan(date(year, month, day), date(year, month, last)) if last > day \
                else None
        if kind == "mw":
            if month is None:
                return None
            first = 7 * (int(g["w"] or 1) - 1) + 1
            end = min(first + 6, month_end(year, month).day)
            return DateSpan(date(year, month, first), date(year, month, end))
        if kind == "iw":
            monday = date.fromisocalendar(year, int(g["w"] or 1), 1)
            return DateSpan(monday, monday + timedelta(days=6))
        if kind in ("ymd", "mdy", "dmy", "md", "dm"):
            if month is None or day is None:
                return None
            d = date(year, month, day)
            return DateSpan(d, d)
        if kind in ("ym", "my", "m"):
            if month is None:
                return None
            return DateSpan(date(year, month, 1), month_end(year, month))
        if kind in ("quarter", "q"):
            q = int(g["q"] or 1)
            return DateSpan(date(year, 3 * q - 2, 1), month_end(year, 3 * q))
        if kind in ("half", "h"):
            h = int(g["h"] or 1)
            return DateSpan(date(year, 6 * h - 5, 1), month_end(year, 6 * h))
        if kind == "y":
            return DateSpan(date(year, 1, 1), date(year, 12, 31))
        if kind == "years":
            end_text = g.get("y2") or ""
            end = int(end_text) if len(end_text) == 4 else year // 100 * 100 + int(end_text)
            return DateSpan(date(year, 1, 1), date(end, 12, 31)) if end > year else None
    except ValueError:
        return None
    return None


def _day_month(g: dict[str, str | None]) -> tuple[int, int]:
    """The day and month of a numeric date ("25.03", "1/14"): a dot puts the day first, a
    slash the month, unless the first number cannot be a month or the document writes its
    slashed dates day first (`numeric_dates_of`)."""
    a, b = int(g.get("a") or 0), int(g.get("b") or 0)
    return (a, b) if g.get("sep") == "." or a > 12 or _SLASH_DAY_FIRST.get() else (b, a)


# Whether the document being read writes slashed dates day first ("14/01/2026", so "8/1/26"
# is 8 January): one document keeps one convention.
_SLASH_DAY_FIRST: ContextVar[bool] = ContextVar("slash_day_first", default=False)
_SLASHED = re.compile(rf"{_NB}(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?:/(?:{YEAR}|\d\d))?{_NA}")


@contextmanager
def numeric_dates_of(text: str) -> Iterator[None]:
    """Read numeric dates while this is open the way `text` (a whole document) writes them:
    day first when one of its slashed dates can only be read so ("19/2") and none can only
    be read month first ("1/14")."""
    pairs = [(int(m.group("a")), int(m.group("b"))) for m in _SLASHED.finditer(text)]
    day_first = (any(12 < a <= 31 and 1 <= b <= 12 for a, b in pairs)
                 and not any(12 < b <= 31 and 1 <= a <= 12 for a, b in pairs))
    token = _SLASH_DAY_FIRST.set(day_first)
    try:
        yield
    finally:
        _SLASH_DAY_FIRST.reset(token)


_PRECISION = {"num": "day", "ymd": "day", "mdy": "day", "dmy": "day", "md": "day", "dm": "day",
              "mdd": "range", "ddm": "range", "mw": "range", "iw": "range",
              "ym": "month", "my": "month", "m": "month", "quarter": "quarter", "q": "quarter",
              "half": "half", "h": "half", "y": "year", "years": "range"}


def _month_range(m: re.Match[str], year: int, *, yearless: bool = False) -> DateMatch:
    """Two months joined as a range ("Jun–Aug", "Nov–Feb 2024") ending in `year`: a range
    whose first month comes after its last starts the year before."""
    m1 = MONTH_NUMBERS[m.group("m1").lower().rstrip(".")]
    m2 = MONTH_NUMBERS[m.group("m2").lower().rstrip(".")]
    start_year = year - 1 if m1 > m2 else year
    return DateMatch(m.start(), m.end(), DateSpan(date(start_year, m1, 1), month_end(year, m2)),
                     "range", yearless=yearless)

# What stands between a year and the months it is spelled out as: "FY25 (Apr 2024 – …",
# "FY2026: Jul 2025 – Jun 2026".
_SPELLED_OUT = re.compile(r"\s*(?:([(\[])|[:=]|\s[–—-])\s*")


def find_dates(text: str, *, default_year: int | None, heading: bool = False,
               today: date | None = None) -> list[DateMatch]:
    """Every date or date range in `text`, left to right, without overlaps. With `today`, a
    range left open ("Jan 2025 – now") runs to today."""
    candidates = [_month_range(m, _year(m.group("y") or m.group("ys")))
                  for m in _MONTH_RANGE_RE.finditer(text)]
    if default_year is not None:
        candidates += [_month_range(m, default_year, yearless=True)
                       for m in _PROSE_MONTH_RANGE.finditer(text)]
        for m in _PROSE_MONTH.finditer(text):
            span = span_for("m", {"mon": m.group("mon") or m.group("mon_")}, default_year)
            if span is not None:
                candidates.append(DateMatch(m.start(), m.end(), span, "month", yearless=True))
    if today is not None:
        for m in _SINCE_YEAR_RE.finditer(text):
            year = int(m.group("y"))
            candidates.append(DateMatch(m.start("y"), m.end(), DateSpan(
                date(year, 1, 1), date(year, 12, 31)), "year"))
    if heading and default_year is not None:  # a heading that is a log's day: "2/23"
        at = len(text) - len(text.lstrip(" *_#[("))
        numeric = leading_numeric(text, at, default_year)
        if numeric is not None:
            span, end = numeric
            candidates.append(DateMatch(at, end, span, "day" if span.start == span.end
                                        else "range", yearless=True))
    patterns = _DATE_PATTERNS + (_HEADING_PATTERNS if heading else [])
    for kind, regex in patterns:
        if kind in ("q", "h", "md", "dm", "m", "mw", "iw") and default_year is None:
            continue
        for m in regex.finditer(text):
            span = span_for(kind, m.groupdict(), default_year)
            if span is not None:
                candidates.append(DateMatch(m.start(), m.end(), span, _PRECISION[kind],
                                            yearless=not m.groupdict().get("y")))
    # Earliest first, then longest: "March 12, 2024" beats "March 12" and "2024".
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[DateMatch] = []
    for c in candidates:
        if not chosen or c.start >= chosen[-1].end:
            chosen.append(c)
    merged: list[DateMatch] = []
    for c in chosen:
        if merged and _RANGE_JOIN.match(text[merged[-1].end:c.start]) \
                and merged[-1].precision != "range":
            prev = merged[-1]
            start = prev.span.start
            if prev.yearless and not c.yearless:
                # "Mar 4 – Mar 8, 2024": the first date takes the year written after it.
                start = _with_year(start, c.span.end.year)
                if start > c.span.end:
                    start = _with_year(start, c.span.end.year - 1)
            if start <= c.span.end:
                merged[-1] = DateMatch(prev.start, c.end, DateSpan(start, c.span.end), "range",
                                       yearless=c.yearless)
                continue
        if c.precision == "day" and _WEEK_OF_RE.search(text[max(0, c.start - 40):c.start]):
            merged.append(DateMatch(c.start, c.end,
                                    DateSpan(c.span.start, c.span.start + timedelta(days=6)),
                                    "range"))
            continue
        merged.append(c)
    merged = _spelled_out(text, merged)
    if today is not None:
        merged = [_open_ended(text, c, today) for c in merged]
    return merged


def _spelled_out(text: str, found: list[DateMatch]) -> list[DateMatch]:
    """A year spelled out as the months it means is that range, not the calendar year:
    "FY25 (Apr 2024 – Mar 2025)", "FY2026: Jul 2025 – Jun 2026"."""
    out: list[DateMatch] = []
    for c in found:
        if out and out[-1].precision == "year" and c.precision == "range" \
                and (opened := _SPELLED_OUT.fullmatch(text[out[-1].end:c.start])):
            closed = re.match(r"\s*[)\]]", text[c.end:]) if opened.group(1) else None
            out[-1] = DateMatch(out[-1].start, c.end + (closed.end() if closed else 0),
                                c.span, "range", yearless=c.yearless)
            continue
        out.append(c)
    return out


def _open_ended(text: str, found: DateMatch, today: date) -> DateMatch:
    onwards = _ONWARDS_RE.match(text, found.end)
    if (found.precision != "range" and found.span.start <= today
            and not _ENDS_RE.match(text, found.end)
            and (_SINCE_BEFORE_RE.search(text[max(0, found.start - 20):found.start])
                 or onwards)):
        # "Sep 2024 onwards": the words that keep it open are part of the date.
        return DateMatch(found.start, onwards.end() if onwards else found.end,
                         DateSpan(found.span.start, max(today, found.span.end)),
                         "range", yearless=found.yearless)
    m = _OPEN_END_RE.match(text, found.end)
    if m is None or found.span.start > today:
        return found
    return DateMatch(found.start, m.end(), DateSpan(found.span.start, max(today, found.span.end)),
                     "range", yearless=found.yearless)


def extract_dates(text: str, *, default_year: int | None, heading: bool = False,
                  today: date | None = None) -> DateSpan | None:
    """The first date or date range in `text`; `heading=True` also accepts a bare year or month."""
    found = find_dates(text, default_year=default_year, heading=heading, today=today)
    return found[0].span if found else None


# A numeric day and month with no year opens a log line only when a separator follows it
# ("1/14: shipped …", "25.03 – demoed …", "7/15–7/26 – vacation"): in running text "24/7",
# "3/4 of the suites" and "1.5 – 2x" are not dates.
_NUMERIC_LEAD_RE = re.compile(
    rf"{_NUMERIC}(?:\s*[–—-]\s*(?P<a2>[0-3]?\d)(?P=sep)(?P<b2>[0-3]?\d))?"
    r"(?=\s*(?:[–—:|]|-\s|\)|\]|$))")
# A log's month and day as ISO writes them, "01-06", "12-31": both parts two digits, set apart
# from the words by a separator ("01-06: board pre-read drafted"; a column's gap as typed is
# one, see `bragdoc.prose.gap_as_separator`). With one space, "10-12 people" stays words.
_ISO_DAY_LEAD_RE = re.compile(
    r"(?P<a>[01]\d)(?P<sep>-)(?P<b>[0-3]\d)(?=\s*(?:[–—:|]|-\s)|$)")


def leading_numeric(probe: str, at: int, default_year: int | None
                     ) -> tuple[DateSpan, int] | None:
    """A numeric day and month opening `probe` at `at`, with no year, and where it ends."""
    m = _NUMERIC_LEAD_RE.match(probe, at) or _ISO_DAY_LEAD_RE.match(probe, at)
    if m is None or default_year is None:
        return None
    g = m.groupdict()
    first = span_for("num", g, default_year)
    if first is None:
        return None
    if g.get("a2") is None:
        return first, m.end()
    last = span_for("num", {"a": g["a2"], "b": g["b2"], "sep": g["sep"]}, default_year)
    if last is None or last.end < first.start:
        return None
    return DateSpan(first.start, last.end), m.end()
