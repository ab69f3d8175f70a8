"""Records told field by field: a project in labelled lines ("Timeline: …", "Role: …",
"Impact: …"), a tracker's ticket ("Title: …", "Status: Done", "Created: … Completed: …"), and a
cover of labels and values that says who the record is about (an email's "From:" and "To:", a
packet's "| Candidate | … |"), which is no work."""

from __future__ import annotations

import re

from staffpath.ledger.bragdoc.builder import EntryBuilder
from staffpath.ledger.bragdoc.tickets import DONE_STATUS
from staffpath.ledger.extract.dates import covering, extract_dates, find_dates

__all__ = ["cover_table", "fields_paragraph"]

# Labelled lines of a project told field by field, and the labels that say when and what.
FIELD_RE = re.compile(r"^([A-Z][\w /&'’-]{1,24}):\s+(\S.*)$")
_DATE_FIELDS = frozenset(["timeline", "when", "dates", "date", "period", "duration", "timeframe",
                          "time frame"])
_ROLE_FIELDS = frozenset(["role", "my role", "what i did", "what", "my part", "contribution",
                          "my contribution", "action", "actions"])
# A tracker's record of one ticket ("Title: …", "Status: Done", "Created: … Completed: …"):
# its title names the work, the author's role is a detail, and it ran from creation to done.
_TITLE_FIELDS = frozenset(["title", "summary", "issue", "ticket"])
_START_FIELDS = frozenset(["created", "started", "start", "opened", "began", "start date"])
_END_FIELDS = frozenset(["completed", "closed", "done", "resolved", "finished", "shipped",
                         "delivered", "merged", "end", "ended", "end date", "completed at"])
_SKIPPED_FIELDS = frozenset(["id", "key", "ticket id", "issue id"])
# A ticket's dates on one line: "Created: 2024-08-12    Completed: 2025-01-28".
_FIELD_GAP = re.compile(r"\s+(?=(?:completed|closed|resolved|finished|shipped|merged|ended"
                        r"|updated|due)(?: at| on)?:\s)", re.I)
# Labels that say who the document is about, not what they did: "Name: …", "Manager: …",
# "Submitted: …". A block of them is the document's header.
_HEADER_FIELDS = frozenset(["name", "employee", "manager", "reviewer", "reviewed by", "submitted",
                            "reports to", "prepared with", "prepared for", "prepared by", "author",
                            # an email's header, and a packet's cover
                            "from", "to", "cc", "sent", "candidate", "current level", "level",
                            "requested level", "target level", "proposed level", "company",
                            "department", "review period", "current role", "current title",
                            # a wiki page's own properties (Notion, Confluence)
                            "last edited", "last updated", "last edited by", "created by", "tags"])


def fields_paragraph(doc: EntryBuilder, nonblank: list[tuple[int, str]]) -> bool:
    """A project told in labelled lines ("Timeline: Jun 2024 → Sep 2026", "Role: wrote the
    bet memo…", "Impact: availability 99.95% → 99.993%") is one item: what the author did
    is its title, the timeline dates it, the other lines are its details."""
    fields = [(n, FIELD_RE.match(part)) for n, t in nonblank for part in _FIELD_GAP.split(t)]
    if len(fields) < 2 or not all(m for _, m in fields):
        return False
    labelled = [(n, m.group(1).strip().lower(), m.group(2).strip())
                for n, m in fields if m is not None]
    labels = {label for _, label, _ in labelled}
    if labels & _HEADER_FIELDS:
        return True  # the header: its period and remit were read before this
    ticket = bool(labels & _TITLE_FIELDS) and bool(
        labels & (_END_FIELDS | _START_FIELDS | _ROLE_FIELDS | {"status"}))
    if not (ticket or labels & (_DATE_FIELDS | _ROLE_FIELDS)):
        return False
    span = None
    title: tuple[int, str] | None = None
    details: list[str] = []
    year, today = doc.default_year(), doc.today
    started = ended = None
    for n, label, value in labelled:
        if label in _DATE_FIELDS and span is None:
            # "Feb 14, 2025 (v1) · Sep 22, 2025 (v2)": the work ran from the first to the last.
            found = find_dates(value, default_year=year, heading=True, today=today)
            span = covering(m.span for m in found) if found else None
        elif ticket and label in _START_FIELDS and started is None:
            started = extract_dates(value, default_year=year, heading=True, today=today)
        elif ticket and label in _END_FIELDS and ended is None:
            ended = extract_dates(value, default_year=year, heading=True, today=today)
        elif ticket and label in _SKIPPED_FIELDS:
            continue
        elif ticket and label == "status":
            if not DONE_STATUS.match(value):
                return open_ticket(doc, labelled)
        elif label in (_TITLE_FIELDS if ticket else _ROLE_FIELDS) and title is None:
            title = (n, value)
        else:
            details.append(f"{label.capitalize()}: {value}")
    ends = [d for d in (started, ended) if d is not None]
    if span is None and ends:
        span = covering(ends)
    # Properties that name neither the work nor the author's part in it ("Type: Project",
    # "Impact: High", "When: April 2025") are the record of the work told below them, if any is.
    properties = title is None
    heading = doc.headings[-1] if doc.headings else None
    if heading is not None and heading.role == "project" and heading.project:
        # The properties under a project's heading ("Dates: Sep 2024 → Feb 2025", "Role:
        # Lead", "Type: Programme", "Teams: all 14 Fulfilment teams") are the project's: its
        # dates date what is told below them, the item is the project the heading names, and
        # a role in a word or two is the author's part in it.
        if heading.date is None and span is not None:
            heading.date = span
        if title is None:
            title = (labelled[0][0], heading.project)
        elif len(title[1].split()) <= 3:
            title = (title[0], f"{heading.project} (role: {title[1]})")
    if title is None:
        others = [(n, v) for n, label, v in labelled if label not in _DATE_FIELDS]
        if not others:
            return False
        title = others[0]
        details = [d for d in details if not d.endswith(title[1])]
    doc.add_entry(title[0], title[1], details, date_span=span, properties=properties)
    return True


def open_ticket(doc: EntryBuilder, labelled: list[tuple[int, str, str]]) -> bool:
    """A ticket not done yet is a plan: its title becomes a to-do note."""
    n, _, title = next(((n, label, v) for n, label, v in labelled if label in _TITLE_FIELDS),
                       labelled[0])
    doc.add_note(n, title, "todo")
    return True


def cover_table(rows: list[tuple[int, list[str]]]) -> bool:
    """A table of labels and values that says who the record is about ("| Candidate |
    Marcus Feld |", "| Current level | Senior |"), as a packet's cover does: no work."""
    body = [cells for _, cells in rows[1:] if any(cells)]
    if not body or any(len(cells) != 2 for _, cells in rows):
        return False
    labels = {re.sub(r"\s+", " ", cells[0].strip(" *_:")).lower() for cells in body}
    return bool(labels & _HEADER_FIELDS)

