"""Small text helpers the packet builder uses: dates, money, provenance, details."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal

from staffpath.packet.questions import what_made_it_hard
from staffpath.store.tables import Evidence

PERIOD_PER_YEAR = {"year": 1, "quarter": 4, "month": 12, "week": 52}
MINED_SOURCES = {"git", "commit", "review"}
LIST_MARKER = re.compile(r"^(?:[-*+]|\d+[.)])\s+")


def plural(n: int, one: str, many: str | None = None) -> str:
    """`1 item`, `2 items`."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def month(d: dt.date) -> str:
    """`Jul 2026`."""
    return f"{d:%b %Y}"


def when(e: Evidence) -> str:
    """The item's date as a reader wants it: month and year, or a range."""
    if e.date_start is None:
        return "undated"
    if e.date_end and (e.date_end.year, e.date_end.month) != (e.date_start.year,
                                                                e.date_start.month):
        return f"{month(e.date_start)}–{month(e.date_end)}"
    return month(e.date_start)


def exact_date(e: Evidence) -> str:
    """The item's exact dates, for the appendix."""
    if e.date_start is None:
        return "undated"
    if e.date_end and e.date_end != e.date_start:
        return f"{e.date_start.isoformat()} – {e.date_end.isoformat()}"
    return e.date_start.isoformat()


def one_line(text: str) -> str:
    """User text on one line: the packet's layout decides where lines break."""
    return " ".join(text.split())


def annual(e: Evidence) -> Decimal | None:
    """The item's money impact as a yearly figure when a period was given."""
    if e.impact_money is None:
        return None
    per = PERIOD_PER_YEAR.get(e.impact_period or "")
    return e.impact_money * per if per else e.impact_money


def money(amount: Decimal, currency: str | None) -> str:
    """A money amount as a committee reads it: `$1.2M`, `€40k`, `900 CHF`."""
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency or "USD")
    prefix, suffix = (symbol, "") if symbol else ("", f" {currency}")
    value = abs(amount)
    sign = "-" if amount < 0 else ""
    if value >= 1_000_000:
        text = f"{value / 1_000_000:.1f}M"
    elif value >= 1_000:
        text = f"{value / 1_000:.0f}k"
    else:
        text = f"{value:.0f}"
    return f"{sign}{prefix}{text}{suffix}"


def money_total(items: Sequence[Evidence]) -> str | None:
    """Yearly money impact summed per currency, e.g. '$1.2M a year'."""
    totals: dict[str, Decimal] = {}
    for e in items:
        amount = annual(e)
        if amount is not None:
            cur = e.impact_currency or "USD"
            totals[cur] = totals.get(cur, Decimal(0)) + amount
    if not totals:
        return None
    return " and ".join(f"{money(v, c)} a year" for c, v in sorted(totals.items()))


def cites(ids: Sequence[int], limit: int = 3) -> str:
    """Citations as the packet's prose writes them: `[E12] [E9]`."""
    return " ".join(f"[E{i}]" for i in ids[:limit])


def details(body: str, skip: str | None = None) -> str:
    """An item's detail lines as one run of text: list markers dropped, lines joined by ';'."""
    out = ""
    for raw in body.splitlines():
        line = one_line(LIST_MARKER.sub("", raw.strip()))
        if not line or raw.strip() == skip:
            continue
        sep = "" if not out else (" " if out.endswith((":", ";", ",", ".", "!", "?")) else "; ")
        out += sep + line
    return out


def outcome(e: Evidence) -> str:
    """The item's details other than the line that says what made it hard."""
    return details(e.body, skip=what_made_it_hard(e))


def provenance(e: Evidence) -> tuple[str, str]:
    """Where the item came from (file and line, repository range, URL) and what kind of source."""
    origin = "mined from history" if e.source_type in MINED_SOURCES else "self-reported"
    kind = {"file": "brag document", "url": "link", "typed": "typed into staffpath"}.get(
        e.source_type, e.source_type)
    where = e.source_ref or ""
    if where and e.source_line:
        where += f", line {e.source_line}"
    return where or kind, f"{kind}, {origin}" if where else origin
