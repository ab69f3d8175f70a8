"""The period a document says it covers, as its opening states it: "Record for March 2025 –
March 2026", "Period Jun 2025 – May 2026", "Notes for 2025", "Subject: my 2025 summary".

A year or a range the opening mentions is the document's period only where the opening speaks
of the document itself (a record, a review, a log, a summary …) and the date is not a moment in
its story ("when I wrote the case in late 2021"), a boundary ("started this after my 2024
review"), a tenure ("the architect since 2023") or a plan's name ("the 2026–2028 engineering
strategy").
"""

from __future__ import annotations

import datetime as dt
import re

from staffpath.ledger.extract.dates import DateSpan, find_dates

__all__ = ["declared_span"]

_PERIOD_WORD = re.compile(r"\b(?:record|period|covering|covers|review|brag|projects|notes"
                          r"|accomplishments|achievements|wins|highlights|nomination|one-pager"
                          r"|packet|write-?up|re:|subject:|fiscal|financial\s+year|fy|cycle"
                          r"|contributions"
                          r"|log|summary|things|this doc(?:ument)?|for the (?:year|half))\b",
                          re.I)
_RANGE_MARK = re.compile(r"[–—-]|\bto\b|→|\bthrough\b|\buntil\b|\btill\b", re.I)
# A year told as a moment or a boundary in the opening's prose is not the period the document
# covers: "when I wrote the case in late 2021", "started this after my 2024 review".
_MOMENT_BEFORE = re.compile(r"\b(?:early|late|mid|end\s+of|after|before|by|until|till|since)"
                            r"\W*(?:(?:my|our|the|his|her|their)\s+)?$", re.I)
# Nor is a year that names a plan ("co-write the 2026 company tech strategy", "the 2026
# roadmap"): the plan is for that year, the record is of the work done.
_PLAN_AFTER = re.compile(r"^\W*(?:[\w&-]+\s+){0,2}(?:strategy|roadmap|plan|planning|budget|okrs?"
                         r"|goals|priorities|bets?|vision)\b", re.I)


def declared_span(text: str, today: dt.date) -> DateSpan | None:
    """The period `text`, a document's opening, says the document covers; None if it says
    none."""
    if not _PERIOD_WORD.search(text):
        return None
    for m in find_dates(text, default_year=None, heading=True, today=today):
        said = text[m.start:m.end]
        if _MOMENT_BEFORE.search(text[max(0, m.start - 20):m.start]) or \
                _PLAN_AFTER.match(text[m.end:m.end + 40]):
            continue
        if m.precision == "year" or (
                m.precision == "range" and _RANGE_MARK.search(said)
                and not re.search(r"\bsince\s*$", text[:m.start], re.I)):
            return m.span
    return None
