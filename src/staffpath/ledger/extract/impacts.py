"""Quantified outcomes in prose: amounts of money (with currency and period) and metrics."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["Impact", "annual_money", "extract_impacts"]


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
