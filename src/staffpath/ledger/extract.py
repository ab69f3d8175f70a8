"""Facts pulled from one line or paragraph of brag-document prose: money, metrics, dates, tags."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from staffpath.vocab import EvidenceKind, Scope

__all__ = [
    "DateSpan",
    "Impact",
    "annual_money",
    "category_kind",
    "extract_dates",
    "extract_impacts",
    "extract_mentions",
    "extract_scope_words",
    "extract_tags",
    "extract_teams_count",
    "find_dates",
    "infer_kind",
    "leading_date",
]


# --------------------------------------------------------------------------- impacts


@dataclass(frozen=True)
class Impact:
    """One quantified outcome found in prose: an amount of money or a metric."""

    money: Decimal | None
    currency: str | None
    period: str | None
    metric_value: float | None
    metric_unit: str | None
    text: str
    # For "from 800ms to 120ms": metric_value is the new value (120), baseline the old (800).
    baseline: float | None = None

    @property
    def change_ratio(self) -> float | None:
        """New value divided by the baseline (0.15 for 800ms → 120ms), when both are known."""
        if self.baseline is None or self.metric_value is None or self.baseline == 0:
            return None
        return self.metric_value / self.baseline


_CURRENCY_SYMBOL = {"$": "USD", "€": "EUR", "£": "GBP"}
_MULTIPLIER = {
    "k": Decimal(1_000), "thousand": Decimal(1_000),
    "m": Decimal(1_000_000), "mm": Decimal(1_000_000), "million": Decimal(1_000_000),
    "b": Decimal(1_000_000_000), "bn": Decimal(1_000_000_000),
    "billion": Decimal(1_000_000_000),
}
_PERIOD_WORDS = {
    "yr": "year", "year": "year", "y": "year", "annum": "year", "annually": "year",
    "annual": "year", "yearly": "year", "a year": "year", "per year": "year",
    "q": "quarter", "quarter": "quarter", "qtr": "quarter", "quarterly": "quarter",
    "mo": "month", "month": "month", "monthly": "month", "mth": "month",
    "wk": "week", "week": "week", "weekly": "week",
}
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"k|K|mm|MM|m|M|bn|BN|b|B|thousand|million|billion"
_PERIOD = (
    r"\s*(?:/|per\s+|an?\s+|each\s+)\s*(?P<per>yr|year|y|annum|q|qtr|quarter|mo|mth|month|wk|week)\b"
    r"|\s+(?P<adv>annually|yearly|quarterly|monthly|weekly)\b"
)
_MONEY_RE = re.compile(
    r"(?:(?P<sym>[$€£])\s?|\b(?P<code>USD|EUR|GBP)\s?)"
    rf"(?P<num>{_NUMBER})(?:\s?(?P<scale>{_SCALE})\b)?"
    rf"(?:{_PERIOD})?"
    r"|"
    rf"\b(?P<num2>{_NUMBER})(?:\s?(?P<scale2>{_SCALE}))?\s?(?P<code2>USD|EUR|GBP)\b"
    rf"(?:{_PERIOD.replace('per>', 'per2>').replace('adv>', 'adv2>')})?"
)
_TIME_UNITS = {
    "ms": "ms", "millisecond": "ms", "milliseconds": "ms",
    "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "min": "min", "mins": "min", "minute": "min", "minutes": "min",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "d": "days", "day": "days", "days": "days",
    "%": "%", "percent": "%", "x": "x", "×": "x",
    "gb": "GB", "mb": "MB", "tb": "TB", "kb": "KB",
}
_UNIT = (
    r"ms|milliseconds?|secs?|seconds?|s|mins?|minutes?|hrs?|hours?|h|days?|d"
    r"|%|percent|[x×]|GB|MB|TB|KB|gb|mb|tb|kb"
)
_FROM_TO_RE = re.compile(
    rf"\bfrom\s+~?(?P<a>\d+(?:\.\d+)?)\s?(?P<ua>{_UNIT})?\s+(?:to|→|->|down to|up to)\s+"
    rf"~?(?P<b>\d+(?:\.\d+)?)\s?(?P<ub>{_UNIT})(?![\w])",
    re.IGNORECASE,
)
_PERCENT_RE = re.compile(r"(?<![\w.])(?P<v>\d+(?:\.\d+)?)\s?(?:%|percent\b)", re.IGNORECASE)
_TIMES_RE = re.compile(r"(?<![\w.])(?P<v>\d+(?:\.\d+)?)\s?[x×](?![\w])", re.IGNORECASE)
_RATE_RE = re.compile(
    r"(?<![\w.])(?P<v>\d+(?:\.\d+)?)\s?(?P<u>hours?|hrs?|h|days?|minutes?|mins?)"
    r"\s*(?:/|per\s+|a\s+|an\s+|each\s+)\s*(?P<per>week|wk|month|mo|day|year|yr|sprint|quarter)\b",
    re.IGNORECASE,
)
_MS_RE = re.compile(r"(?<![\w.])(?P<v>\d+(?:\.\d+)?)\s?ms\b", re.IGNORECASE)
_RATE_UNIT = {"h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
              "day": "days", "days": "days", "minute": "min", "minutes": "min", "min": "min",
              "mins": "min"}
_RATE_PER = {"week": "week", "wk": "week", "month": "month", "mo": "month", "day": "day",
             "year": "year", "yr": "year", "sprint": "sprint", "quarter": "quarter"}


def _money_impact(m: re.Match[str]) -> Impact | None:
    num = m.group("num") or m.group("num2")
    scale = m.group("scale") or m.group("scale2")
    sym = m.group("sym")
    code = m.group("code") or m.group("code2")
    try:
        amount = Decimal(num.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern only admits digits
        return None
    if scale:
        amount *= _MULTIPLIER[scale.lower()]
    per = m.group("per") or m.group("adv") or m.group("per2") or m.group("adv2")
    period = _PERIOD_WORDS.get(per.lower()) if per else None
    currency = _CURRENCY_SYMBOL[sym] if sym else (code or "").upper() or None
    if amount == amount.to_integral_value():
        amount = amount.quantize(Decimal(1))
    return Impact(money=amount,
                  currency=currency, period=period, metric_value=None, metric_unit=None,
                  text=m.group(0).strip())


def extract_impacts(text: str) -> list[Impact]:
    """Every amount of money and quantified metric in `text`, in order of appearance."""
    found: list[tuple[int, int, Impact]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(start: int, end: int, impact: Impact) -> None:
        found.append((start, end, impact))
        taken.append((start, end))

    for m in _MONEY_RE.finditer(text):
        impact = _money_impact(m)
        if impact is not None:
            add(m.start(), m.end(), impact)
    for m in _FROM_TO_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        unit_raw = (m.group("ub") or m.group("ua") or "").lower()
        unit = _TIME_UNITS.get(unit_raw, unit_raw)
        add(m.start(), m.end(), Impact(
            money=None, currency=None, period=None, metric_value=float(m.group("b")),
            metric_unit=unit, text=m.group(0), baseline=float(m.group("a"))))
    for m in _RATE_RE.finditer(text):
        if free(m.start(), m.end()):
            unit = f"{_RATE_UNIT[m.group('u').lower()]}/{_RATE_PER[m.group('per').lower()]}"
            add(m.start(), m.end(), Impact(
                money=None, currency=None, period=None, metric_value=float(m.group("v")),
                metric_unit=unit, text=m.group(0)))
    for regex, unit in ((_PERCENT_RE, "%"), (_TIMES_RE, "x"), (_MS_RE, "ms")):
        for m in regex.finditer(text):
            if free(m.start(), m.end()):
                add(m.start(), m.end(), Impact(
                    money=None, currency=None, period=None, metric_value=float(m.group("v")),
                    metric_unit=unit, text=m.group(0)))
    found.sort(key=lambda item: item[0])
    return [impact for _, _, impact in found]


_PER_YEAR = {"year": 1, "quarter": 4, "month": 12, "week": 52}


def annual_money(impact: Impact) -> Decimal | None:
    """The impact's money as a yearly amount, or None when there is no money or no period."""
    if impact.money is None or impact.period not in _PER_YEAR:
        return None
    return impact.money * _PER_YEAR[impact.period]


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class DateSpan:
    """An inclusive range of days: one day, a month, a quarter, a year, or an explicit range."""

    start: date
    end: date


@dataclass(frozen=True)
class DateMatch:
    """Where a date was found in a string, and what it means."""

    start: int
    end: int
    span: DateSpan
    precision: str  # "day" | "month" | "quarter" | "half" | "year" | "range"
    yearless: bool = False  # the year came from default_year, not the text


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20|21)\d\d"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_NB = r"(?<![\w/.\-])"  # not glued to a preceding word, path or number
_NA = r"(?![\w/\-]|\.\d)"
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(rf"{_NB}(?P<y>{_YEAR})([-/.])(?P<m>[01]?\d)\2(?P<d>[0-3]?\d){_NA}")),
    ("quarter", re.compile(rf"{_NB}(?P<y>{_YEAR})\s?[-/ ]?\s?Q(?P<q>[1-4]){_NA}", re.I)),
    ("quarter", re.compile(rf"{_NB}Q(?P<q>[1-4])(?:\s?[-/ ’']\s?|\s?FY)?(?P<y>{_YEAR}){_NA}",
                           re.I)),
    ("half", re.compile(rf"{_NB}(?P<y>{_YEAR})\s?[-/ ]?\s?H(?P<h>[12]){_NA}", re.I)),
    ("half", re.compile(rf"{_NB}H(?P<h>[12])\s?[-/ ]?\s?(?P<y>{_YEAR}){_NA}", re.I)),
    ("ym", re.compile(rf"{_NB}(?P<y>{_YEAR})[-/](?P<m>0[1-9]|1[0-2]){_NA}")),
    ("mdy", re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b", re.I)),
    ("dmy", re.compile(rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<y>{_YEAR})\b",
                       re.I)),
    ("my", re.compile(rf"\b(?P<mon>{_MONTH}),?\s+(?P<y>{_YEAR})\b", re.I)),
    ("md", re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>{_DAY})(?![\w]|:\d|,?\s*\d)", re.I)),
    ("dm", re.compile(rf"(?<![\w.])(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH})(?![\w]|:\d|,?\s*\d)",
                      re.I)),
    ("q", re.compile(rf"{_NB}Q(?P<q>[1-4]){_NA}")),
    ("h", re.compile(rf"{_NB}H(?P<h>[12]){_NA}")),
]
# Only in headings: a bare year or month name is too ambiguous in prose ("May", "2024 services").
_HEADING_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("y", re.compile(rf"{_NB}(?P<y>{_YEAR}){_NA}")),
    ("m", re.compile(rf"\b(?P<mon>{_MONTH})(?![\w])")),
]
_RANGE_JOIN = re.compile(r"\s*(?:–|—|-|‒|to|through|thru|until|till|→|->)\s*$", re.I)
_MONTH_RANGE_RE = re.compile(
    rf"\b(?P<m1>{_MONTH})\s*(?:–|—|-|to|through)\s*(?P<m2>{_MONTH}),?\s+(?P<y>{_YEAR})\b", re.I)
# A range that is still going: "Jan 2025 – now", "since 2024-03 to present".
_OPEN_END_RE = re.compile(
    r"\s*(?:–|—|-|‒|to|through|thru|until|till|→|->)\s*"
    r"(?:now|present|today|ongoing|to date|date)\b", re.I)
_WEEK_OF_RE = re.compile(r"\bweek\s+(?:of|starting|beginning|commencing)\s*:?\s*$", re.I)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _with_year(d: date, year: int) -> date:
    try:
        return d.replace(year=year)
    except ValueError:  # 29 February
        return d.replace(year=year, day=28)


def _span_for(kind: str, g: dict[str, str | None], default_year: int | None) -> DateSpan | None:
    year_text = g.get("y")
    year = int(year_text) if year_text else default_year
    if year is None:
        return None
    mon_text = g.get("mon")
    month = _MONTHS.get(mon_text.lower().rstrip(".")) if mon_text else None
    if g.get("m"):
        month = int(g["m"] or 0)
    day_text = g.get("d")
    day = int(re.sub(r"\D", "", day_text)) if day_text else None
    try:
        if kind in ("ymd", "mdy", "dmy", "md", "dm"):
            if month is None or day is None:
                return None
            d = date(year, month, day)
            return DateSpan(d, d)
        if kind in ("ym", "my", "m"):
            if month is None:
                return None
            return DateSpan(date(year, month, 1), _month_end(year, month))
        if kind in ("quarter", "q"):
            q = int(g["q"] or 1)
            return DateSpan(date(year, 3 * q - 2, 1), _month_end(year, 3 * q))
        if kind in ("half", "h"):
            h = int(g["h"] or 1)
            return DateSpan(date(year, 6 * h - 5, 1), _month_end(year, 6 * h))
        if kind == "y":
            return DateSpan(date(year, 1, 1), date(year, 12, 31))
    except ValueError:
        return None
    return None


_PRECISION = {"ymd": "day", "mdy": "day", "dmy": "day", "md": "day", "dm": "day",
              "ym": "month", "my": "month", "m": "month", "quarter": "quarter", "q": "quarter",
              "half": "half", "h": "half", "y": "year"}


def find_dates(text: str, *, default_year: int | None, heading: bool = False,
               today: date | None = None) -> list[DateMatch]:
    """Every date or date range in `text`, left to right, without overlaps. With `today`, a
    range left open ("Jan 2025 – now") runs to today."""
    candidates: list[DateMatch] = []
    for m in _MONTH_RANGE_RE.finditer(text):
        year = int(m.group("y"))
        m1 = _MONTHS[m.group("m1").lower().rstrip(".")]
        m2 = _MONTHS[m.group("m2").lower().rstrip(".")]
        start_year = year - 1 if m1 > m2 else year  # "Nov–Feb 2024" starts in 2023
        candidates.append(DateMatch(m.start(), m.end(),
                                    DateSpan(date(start_year, m1, 1), _month_end(year, m2)),
                                    "range"))
    patterns = _DATE_PATTERNS + (_HEADING_PATTERNS if heading else [])
    for kind, regex in patterns:
        if kind in ("q", "h", "md", "dm", "m") and default_year is None:
            continue
        for m in regex.finditer(text):
            span = _span_for(kind, m.groupdict(), default_year)
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
    if today is not None:
        merged = [_open_ended(text, c, today) for c in merged]
    return merged


def _open_ended(text: str, found: DateMatch, today: date) -> DateMatch:
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


_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|rsday|urday)?\.?,?\s+)"
_LEAD_OPEN_RE = re.compile(r"^\s*(?P<open>\*\*|__|\*|_|\[|\(|`)?\s*" + _WEEKDAY + "?", re.I)
_LEAD_SEP_RE = re.compile(r"\s*(?:\*\*|__|\*|_|\]|\)|`)?\s*(?:[:|—–\-]+|\)|\.(?=\s))?\s*")


def leading_date(text: str, default_year: int | None, *,
                 today: date | None = None) -> tuple[DateSpan | None, str]:
    """A date at the very start of an item and the text after it (`2024-03-12: did X` → X)."""
    opening = _LEAD_OPEN_RE.match(text)
    pos = opening.end() if opening else 0
    wrapped = bool(opening and opening.group("open"))
    # Only the opening matters; a bounded window keeps long paragraphs linear.
    for m in find_dates(text[pos:pos + 80], default_year=default_year, today=today):
        if m.start != 0:
            break
        rest_start = pos + m.end
        sep = _LEAD_SEP_RE.match(text, rest_start)
        sep_text = sep.group(0) if sep else ""
        separated = bool(sep_text.strip()) or rest_start == len(text)
        # A bare "Q3 planning" keeps its words; a day-precise or punctuated date is a prefix.
        if not (wrapped or separated or m.precision in ("day", "range")):
            return None, text
        if wrapped and not separated:
            return None, text
        return m.span, text[rest_start + len(sep_text):].strip()
    return None, text


# --------------------------------------------------------------------------- tags, mentions

_URL_RE = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|\]\([^)]*\)", re.I)
_TAG_RE = re.compile(r"(?<![\w&#/])#(?P<tag>[A-Za-z][\w\-]*[\w]|[A-Za-z])")
_MENTION_RE = re.compile(r"(?<![\w.@/+\-])@(?P<who>[A-Za-z0-9](?:[\w.\-]*[\w])?)")


def _dedupe(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def extract_tags(text: str) -> tuple[str, ...]:
    """`#tags` in order, lowercased and deduplicated; not issue numbers, URLs or headings."""
    text = _URL_RE.sub(" ", text)
    return _dedupe([m.group("tag").lower() for m in _TAG_RE.finditer(text)])


def extract_mentions(text: str) -> tuple[str, ...]:
    """`@people` in order, lowercased and deduplicated; e-mail addresses and URLs ignored."""
    text = _URL_RE.sub(" ", text)
    return _dedupe([m.group("who").lower() for m in _MENTION_RE.finditer(text)])


# --------------------------------------------------------------------------- scope

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


# --------------------------------------------------------------------------- kind

_KIND_RULES: list[tuple[EvidenceKind, re.Pattern[str]]] = [
    (EvidenceKind.DECISION_RECORD, re.compile(
        r"\badrs?\b|decision records?|architecture decisions?", re.I)),
    (EvidenceKind.DESIGN_DOC, re.compile(
        r"\brfcs?\b|design[- ]docs?\b|design documents?|tech(?:nical)? specs?\b", re.I)),
    (EvidenceKind.MENTORSHIP, re.compile(r"\bmentor|\bmentee|\bcoach(?:ed|ing)?\b", re.I)),
    (EvidenceKind.SPONSORSHIP, re.compile(
        r"\bsponsor|\bnominated\b|recommended \S+ for (?:promotion|the)", re.I)),
    (EvidenceKind.HIRING, re.compile(
        r"\binterview|\bhiring\b|\bhired\b|\brecruit|bar[- ]raiser", re.I)),
    (EvidenceKind.TALK, re.compile(
        r"\btalks?\b|presented (?:at|to)|\bpresentation|spoke at|keynote|brown[- ]bag|webinar"
        r"|\bmeetup\b|\bpresented\b", re.I)),
    (EvidenceKind.INCIDENT, re.compile(
        r"\bincidents?\b|post[- ]?mortems?|\boutages?\b|\bsev[- ]?[0-4]\b|root[- ]cause", re.I)),
    (EvidenceKind.ONCALL, re.compile(r"\bon[- ]?call\b|\bpager", re.I)),
    (EvidenceKind.WRITING, re.compile(
        r"blog post|\barticles?\b|\bnewsletter|\bpublished\b|\bwhite ?paper", re.I)),
    (EvidenceKind.MIGRATION, re.compile(r"\bmigrat", re.I)),
    (EvidenceKind.STRATEGY, re.compile(r"\bstrateg|\broadmap|\bvision\b|north[- ]star", re.I)),
    (EvidenceKind.REVIEW, re.compile(
        r"code reviews?|\bpr reviews?|pull[- ]request reviews?|\breviewing\b"
        r"|\breviewed\b.{0,40}\b(?:prs?|pull requests?|diffs?|changes|code|patches)\b"
        r"|\b(?:prs?|pull requests?) reviewed", re.I)),
    (EvidenceKind.PROCESS, re.compile(
        r"\bprocess(?:es)?\b|\bretro(?:spective)?s?\b|\brituals?\b|\bworking agreements?", re.I)),
    (EvidenceKind.GLUE_WORK, re.compile(
        r"\bci\b|\bci/cd\b|\btooling\b|\brunbooks?\b|\bdocs\b|\bdocumentation\b|\bflak(?:y|es)"
        r"|\blint(?:er|ing)?\b|build times?|dev(?:eloper)? (?:environment|experience)"
        r"|\bdev ?ex\b", re.I)),
    (EvidenceKind.FEEDBACK, re.compile(r"\bfeedback\b|\bkudos\b|shout[- ]?outs?|\bpraise", re.I)),
    (EvidenceKind.LEARNING, re.compile(
        r"\bcourses?\b|\bcertifi(?:ed|cation)|\bcompleted (?:a |the )?training|\blearned\b"
        r"|reading group|\bstudied\b", re.I)),
    (EvidenceKind.SHIPPED_PROJECT, re.compile(
        r"\blaunch(?:ed|es)?\b|\bshipped\b|\breleased\b|\bdelivered\b|went live|rolled out", re.I)),
]

# Words that make a heading a category of work rather than a project ("## Mentoring").
_CATEGORY_WORDS: dict[str, EvidenceKind] = {}
for _kind, _words in {
    EvidenceKind.MENTORSHIP: "mentoring mentorship mentorships mentees mentee coaching",
    EvidenceKind.SPONSORSHIP: "sponsorship sponsoring sponsorships",
    EvidenceKind.INCIDENT: "incidents incident postmortems post-mortems outages firefighting",
    EvidenceKind.ONCALL: "on-call oncall on call",
    EvidenceKind.DESIGN_DOC: "design docs design-docs design documents rfcs designs specs",
    EvidenceKind.DECISION_RECORD: "adrs decisions decision records architecture decisions",
    EvidenceKind.TALK: "talks presentations speaking conference talks tech talks",
    EvidenceKind.WRITING: "writing blog posts articles publications",
    EvidenceKind.REVIEW: "reviews code reviews code review reviewing",
    EvidenceKind.GLUE_WORK: "glue work glue tooling ci developer experience dx documentation docs"
                            " internal tools",
    EvidenceKind.PROCESS: "process process improvements processes",
    EvidenceKind.HIRING: "hiring interviews interviewing recruiting",
    EvidenceKind.FEEDBACK: "feedback kudos praise shoutouts shout-outs recognition",
    EvidenceKind.LEARNING: "learning courses certifications training",
    EvidenceKind.MIGRATION: "migrations",
    EvidenceKind.STRATEGY: "strategy technical strategy vision",
    EvidenceKind.SHIPPED_PROJECT: "launches shipped releases delivery",
}.items():
    _CATEGORY_WORDS.update(dict.fromkeys(_words.split(), _kind))
# Splitting the phrases above into words leaves halves that mean nothing alone: "Work" is not
# glue work, "Tech" is not a talk. Those only count inside their phrases.
for _half in ("work", "code", "blog", "posts", "records", "architecture", "internal", "tools",
              "developer", "experience", "conference", "tech", "technical", "on", "call"):
    _CATEGORY_WORDS.pop(_half, None)
_CATEGORY_PHRASES: dict[str, EvidenceKind] = {
    "design docs": EvidenceKind.DESIGN_DOC, "design documents": EvidenceKind.DESIGN_DOC,
    "decision records": EvidenceKind.DECISION_RECORD, "on call": EvidenceKind.ONCALL,
    "architecture decisions": EvidenceKind.DECISION_RECORD, "blog posts": EvidenceKind.WRITING,
    "code reviews": EvidenceKind.REVIEW, "code review": EvidenceKind.REVIEW,
    "glue work": EvidenceKind.GLUE_WORK, "developer experience": EvidenceKind.GLUE_WORK,
    "internal tools": EvidenceKind.GLUE_WORK, "process improvements": EvidenceKind.PROCESS,
    "technical strategy": EvidenceKind.STRATEGY, "conference talks": EvidenceKind.TALK,
    "tech talks": EvidenceKind.TALK, "incident response": EvidenceKind.INCIDENT,
}
_CATEGORY_FILLER = {"my", "our", "the", "and", "&", "other", "misc", "work", "stuff", "given",
                    "written", "led", "done", "a", "of", "some", "more", "team", "i", "gave"}


def category_kind(heading: str) -> EvidenceKind | None:
    """The kind a heading names when it is a category of work ("Mentoring", "Design docs")."""
    norm = re.sub(r"[^\w\s&/-]", " ", heading.lower()).replace("/", " and ")
    norm = re.sub(r"\s+", " ", norm).strip()
    if not norm:
        return None
    # The first part decides: "Mentoring & sponsorship" is mentoring.
    parts = [p.strip() for p in re.split(r"\s(?:and|&)\s|,", norm) if p.strip()]
    kinds: list[EvidenceKind] = []
    for part in parts:
        words = part.split()
        kind: EvidenceKind | None = None
        for phrase, phrase_kind in _CATEGORY_PHRASES.items():
            if phrase in part:
                kind = phrase_kind
                words = part.replace(phrase, " ").split()
                break
        for w in words:
            if w in _CATEGORY_WORDS:
                kind = kind or _CATEGORY_WORDS[w]
            elif w not in _CATEGORY_FILLER:
                return None
        if kind is not None:
            kinds.append(kind)
    return kinds[0] if kinds else None


def _keyword_kind(text: str) -> EvidenceKind | None:
    for kind, regex in _KIND_RULES:
        if regex.search(text):
            return kind
    return None


def infer_kind(text: str, section_titles: tuple[str, ...]) -> EvidenceKind:
    """The evidence kind of an item from its words and its headings (outermost first)."""
    # A category heading is the author's own classification, so it outranks item keywords;
    # a project heading ("Payments migration") only fills in when the item says nothing.
    for title in reversed(section_titles):
        kind = category_kind(title)
        if kind is not None:
            return kind
    kind = _keyword_kind(text)
    if kind is not None:
        return kind
    for title in reversed(section_titles):
        kind = _keyword_kind(title)
        if kind is not None:
            return kind
    return EvidenceKind.OTHER
