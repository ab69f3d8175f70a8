"""Logs typed in one paragraph: a line a day, each opened by its date, perhaps under a title,
a legend and a month on lines of their own, with no blank line between any of them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from staffpath.ledger.bragdoc.builder import EntryBuilder
from staffpath.ledger.extract.leading import leading_date

__all__ = ["log_after_header", "log_lines"]


def log_lines(doc: EntryBuilder, nonblank: Sequence[tuple[int, str]],
              push_heading: Callable[[str], None]) -> None:
    """Lines of a log in one paragraph: each line that opens with its date is an entry, the
    undated lines below it its details; a line that is only a date over dated lines
    ("2025-01" over "01-06  board pre-read …") says when they are, as a heading would."""
    groups: list[tuple[int, str, list[str]]] = []

    def flush() -> None:
        for n, t, details in groups:
            doc.add_entry(n, t, details)
        groups.clear()

    for i, (n, t) in enumerate(nonblank):
        lead, rest = leading_date(t, doc.default_year(), today=doc.today)
        following = nonblank[i + 1][1] if i + 1 < len(nonblank) else None
        if lead is not None and not rest and (
                following is None
                or leading_date(following, lead.start.year, today=doc.today)[0] is not None):
            flush()
            push_heading(t)
            continue
        if not groups or lead is not None:
            groups.append((n, t, []))
        else:
            groups[-1][2].append(t)
    flush()


def log_after_header(doc: EntryBuilder, nonblank: Sequence[tuple[int, str]]) -> int:
    """Where a log starts in a paragraph that opens with a few undated lines (a title, a
    legend), or 0 when the paragraph is no such log: most of the lines after them open with a
    date, at least five of them."""
    year = doc.default_year()
    for k in range(1, min(4, len(nonblank))):
        if leading_date(nonblank[k][1], year, today=doc.today)[0] is None:
            continue
        rest = nonblank[k:]
        dated = sum(leading_date(t, year, today=doc.today)[0] is not None for _, t in rest)
        return k if dated >= 5 and dated * 2 > len(rest) else 0
    return 0
