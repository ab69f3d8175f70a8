"""Small wording helpers for sentences the assessment writes: real plurals and units."""

from __future__ import annotations


def plural(n: int, one: str, many: str | None = None) -> str:
    """"1 item", "3 items", "2 people"."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def months(n: int) -> str:
    """A span in months, as people say it: "1 month", "6 months", "18 months"."""
    return plural(n, "month")


def pieces(weight: float) -> str:
    """A needed amount of work: "1 piece of work", "3 pieces of work", "2.5 pieces of work"."""
    return f"{weight:g} {'piece' if weight == 1 else 'pieces'} of work"
