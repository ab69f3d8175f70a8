"""A tracker's export (Jira, Linear, GitHub issues) pasted as a record: each ticket opens with
its key and title ("CPL-2335  Design: node pool profiles for autoscaling"), and the lines under
it are fields ("Type: Feature · Status: Done · Completed: 2024-11-15", "Note: Wrote the design
doc …"). Each ticket is one piece of work: its title is what was done, the day it was completed
dates it, its notes tell it, and its labels are the author's tags. A ticket not done yet is a
plan, not work."""

from __future__ import annotations

import re
from dataclasses import dataclass

from staffpath.ledger.extract.efforts import TICKET_KEY

__all__ = ["DONE_STATUS", "Ticket", "read_tickets"]

# "CPL-2335", "[PAY-12]", "#4312" after a tracker's prefix is not needed: keys are PROJECT-N.
_KEY = re.compile(rf"^\[?(?:{TICKET_KEY})\]?(?:\s*[:·|–—-]\s*|\s+)(?=\S)")
_FIELD = re.compile(r"^([A-Z][\w /&'’-]{0,24}):\s*(.*)$")
_SEPARATORS = re.compile(r"\s+[·|•]\s+")
_DATE_FIELDS = frozenset(["completed", "completed at", "done", "resolved", "closed", "finished",
                          "shipped", "merged", "released", "date", "when", "delivered"])
_TEXT_FIELDS = frozenset(["note", "notes", "description", "summary", "outcome", "result",
                          "results", "impact", "comment", "comments", "what", "why"])
_TAG_FIELDS = frozenset(["labels", "label", "tags", "tag", "components", "component"])
DONE_STATUS = re.compile(r"^(?:done|closed|resolved|complete[d]?|shipped|merged|released|fixed"
                         r"|delivered|live|finished|accepted)\b", re.I)


@dataclass(frozen=True)
class Ticket:
    line: int
    title: str
    details: tuple[str, ...]
    when: str | None  # the completion field's words, read as a date by the caller
    tags: tuple[str, ...]
    done: bool


def _fields(text: str) -> list[tuple[str, str]] | None:
    """A line of fields ("Type: Chore · Status: Done"), or None when it is not one."""
    parts = _SEPARATORS.split(text.strip())
    found = [_FIELD.match(p.strip()) for p in parts]
    if not all(found):
        return None
    return [(m.group(1).strip().lower(), m.group(2).strip()) for m in found if m]


def read_tickets(lines: list[tuple[int, str]]) -> list[Ticket] | None:
    """The tickets a paragraph holds, when it is only tickets and their field lines."""
    if not lines or not _KEY.match(lines[0][1]):
        return None
    blocks: list[tuple[int, str, list[tuple[str, str]]]] = []
    for n, text in lines:
        key = _KEY.match(text)
        if key:
            blocks.append((n, text[key.end():].strip(), []))
            continue
        fields = _fields(text)
        if fields is None:
            return None
        blocks[-1][2].extend(fields)
    if len(blocks) == 1 and not blocks[0][2]:
        return None  # one line opening with a key is prose about the ticket ("PAY-12 was …")
    tickets = []
    for n, title, fields in blocks:
        details, tags = [], []
        when: str | None = None
        status: str | None = None
        for label, value in fields:
            if label in _DATE_FIELDS and when is None and value:
                when = value
            elif label == "status":
                status = value
            elif label in _TEXT_FIELDS and value:
                details.append(value)
            elif label in _TAG_FIELDS:
                tags += [t.strip().lstrip("#").lower().replace(" ", "-")
                         for t in value.split(",") if t.strip()]
            elif label == "type" and value:
                details.append(f"Type: {value}")
        done = status is None or bool(DONE_STATUS.match(status))
        tickets.append(Ticket(n, title, tuple(details), when, tuple(tags), done))
    return tickets
