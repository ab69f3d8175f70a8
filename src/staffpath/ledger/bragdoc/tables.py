"""Work told in tables: a Markdown table, or a spreadsheet pasted as delimited text, read one
item a row by what each column's header says it holds; a table of a metric's readings
("Metric | Before | After") holds the numbers of work told elsewhere, and no work."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence

from staffpath.ledger.bragdoc.builder import EntryBuilder
from staffpath.ledger.extract.dates import DateSpan, covering, extract_dates
from staffpath.ledger.extract.leading import leading_date

__all__ = ["delimited_rows", "measurements", "read_table"]

_COLUMN_ROLES = [
    ("date", r"dates?|when|week(?: of)?|month|period|quarter|day|time ?frame|timeline"
             r"|(?:start|end)(?: date)?|started|ended|finished|completed|shipped|from|to|until"
             r"|resolved|closed|created|(?:\w+ )?date|\w+ on"),
    ("impact", r"impact|results?|outcomes?|effect|value|metrics?|business impact"),
    ("tags", r"tags?|labels?|hashtags?"),
    ("details", r"notes?|details?|comments?|context|why|how|more"),
    ("project", r"projects?|initiatives?|epics?|workstreams?"),
    ("role", r"(?:my )?role|capacity"),
    ("title", r"what|titles?|accomplishments?|achievements?|items?|work|descriptions?|tasks?"
              r"|deliverables?|wins?|highlights?|contributions?|summary|activit(?:y|ies)"
              r"|things?|what i did|done|name|my part|my contributions?"),
    # The problem a row answers ("Problem | What I did"): the work itself only when no column
    # says what was done.
    ("problem", r"problems?|asks?|requests?|challenges?"),
]


_MEASURED = re.compile(r"metrics?|measures?|kpis?|indicators?|numbers?", re.I)
_READINGS = re.compile(r"before|after|baseline|target|now|then|from|to|start|end|change|delta|δ"
                       r"|previous|current|was|is|(?:19|20)\d{2}|[hq][1-4](?: \d{4})?", re.I)


def measurements(header: Sequence[str]) -> bool:
    """Whether a table's columns are a metric and its readings ("Metric | Before | After"):
    a table of the numbers of work told elsewhere."""
    names = [re.sub(r"[^\w\s]", " ", h).strip() for h in header]
    return (bool(names) and _MEASURED.fullmatch(names[0]) is not None
            and sum(1 for n in names[1:] if _READINGS.fullmatch(n)) >= 2)


def _column_role(header: str) -> str:
    norm = re.sub(r"[^\w\s]|_", " ", header.lower()).strip()
    norm = re.sub(r"\s+", " ", norm)
    for role, pattern in _COLUMN_ROLES:
        if re.fullmatch(pattern, norm):
            return role
    return "other"


def delimited_rows(nonblank: list[tuple[int, str]]) -> list[tuple[int, list[str]]] | None:
    """The rows of a table pasted as delimited text (a CSV or a spreadsheet's tab-separated
    copy): a header of short labels and two rows or more, every line with as many fields, or
    None when the lines are not that (a byline's "Name, Title, Company" over a sentence)."""
    if len(nonblank) < 3:
        return None
    for delimiter, least in (("\t", 2), (",", 3), (";", 3)):
        if delimiter not in nonblank[0][1]:
            continue
        rows = [(n, [c.strip() for c in next(csv.reader([t], delimiter=delimiter))])
                for n, t in nonblank]
        width = len(rows[0][1])
        header = rows[0][1]
        if width >= least and all(len(cells) == width for _, cells in rows) and all(
                cell and len(cell) <= 40 and len(cell.split()) <= 5
                and not re.fullmatch(r"[\d\W]+", cell) for cell in header):
            return rows
    return None


def read_table(doc: EntryBuilder, rows: list[tuple[int, list[str]]]) -> None:
    """A table of work: one item a row, its columns read by what their headers say (when,
    what was done, the project, the result, tags), unless the table is a metric's readings."""
    if not rows:
        return
    header_line, header = rows[0]
    roles = [_column_role(h) for h in header]
    if "title" not in roles and measurements(header):
        return  # the numbers of work told elsewhere, not work
    if "title" not in roles:
        if "problem" in roles:
            roles[roles.index("problem")] = "title"
        elif "project" in roles:
            roles[roles.index("project")] = "title"
        else:
            for i, role in enumerate(roles):
                if role in ("other", "details"):
                    roles[i] = "title"
                    break
    if "title" not in roles:
        doc.warn(header_line, "table has no column for what was done; skipped")
        return
    title_col = roles.index("title")
    note_cat = doc.note_category()
    for line, cells in rows[1:]:
        cells = cells + [""] * (len(header) - len(cells))
        title = cells[title_col]
        span: DateSpan | None = None
        details: list[str] = []
        tags: list[str] = []
        project: str | None = None
        for i, (role, cell) in enumerate(zip(roles, cells, strict=False)):
            if not cell or i == title_col:
                continue
            if role == "date":
                # A start column and an end column: the work ran from one to the other.
                found = doc.placed(leading_date(
                    cell, doc.default_year(), today=doc.today)[0] or extract_dates(
                    cell, default_year=doc.default_year(), heading=True, today=doc.today),
                    cell)
                if span is None or found is None:
                    span = span or found
                elif found.end >= span.start:
                    span = covering((span, found))
            elif role in ("impact", "details", "problem"):
                details.append(cell)
            elif role == "tags":
                tags.extend(t.lstrip("#").lower() for t in re.split(r"[,\s]+", cell)
                            if t.lstrip("#"))
            elif role == "project" and project is None:
                project = cell
            elif role == "role" and len(cell.split()) <= 3:
                # "Role: Lead" in a word or two is the author's part in the row's work, as a
                # wiki page's property is (`fields.read_fields`)
                title = f"{title} (role: {cell})"
            else:
                details.append(f"{header[i]}: {cell}" if header[i] else cell)
        if not title and not details:
            continue
        if note_cat is not None:
            doc.add_note(line, "\n".join([title, *details]), note_cat)
        else:
            doc.add_entry(line, title, details, date_span=span, project=project,
                           extra_tags=tags)
