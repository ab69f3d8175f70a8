"""Parse a Markdown brag document, as people really write them, into entries and notes.

Structure decisions (documented here because the input is free-form):

* Headings form the section path. Each heading is classified as a *period* (its text is only a
  date: ``## 2024``, ``### Q3``, ``## Week of 2024-03-04``), a *notes* heading (Goals, Things to
  learn, To do, Ideas, ...), a *category* (Mentoring, Incidents, Design docs, ...), a *generic*
  heading (Accomplishments, Wins, Highlights, Projects, ...), the *document title* (the first
  heading, when it is the only level-1 heading and names no date), or otherwise a *project*.
  A heading may carry a date and still be a project: ``### Checkout rewrite (Jan–Mar 2024)``.
* List items (bullets, numbers, checked tasks) are entries; their sub-items at any depth and
  continuation paragraphs become details. An unchecked task (``- [ ]``), at any depth, is a
  "todo" note instead. Everything under a notes heading is a note.
* An item that is only a date (``- **Mon 2024-03-04**``) groups its sub-items: each becomes its
  own entry with that date.
* A paragraph outside a list becomes an entry only when it starts (after an optional date) with
  a past-tense verb ("Shipped ...", "Led ..."); if every line of it does (capitalised, so not a
  wrapped sentence), each line is an entry. Other prose (intros, reflections) is skipped,
  except that a paragraph opening with a notes label ("Things to learn: ...") is a note.
  A paragraph that is wholly bold, wholly a date, or a short label ending in ":" acts as a
  sub-heading for what follows.
* Table rows are entries; the header names the columns (date, what, impact, notes, tags,
  project); other cells become "Header: value" details.
* Dates: the item's leading date, else a weekday prefix ("Mon: ...") inside a dated week,
  else a date in its text, else the nearest dated heading.
  Year-less dates take the year of the nearest dated heading, else ``year:`` from the front
  matter, else the year of ``today``.
* Front matter, HTML comments, code blocks and horizontal rules are ignored.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from staffpath.errors import InputError
from staffpath.ledger.extract.dates import DateSpan, extract_dates, find_dates, leading_date
from staffpath.ledger.extract.impacts import Impact, extract_impacts
from staffpath.ledger.extract.kind import category_kind, infer_kind
from staffpath.ledger.extract.scope import extract_scope_words, extract_teams_count
from staffpath.ledger.extract.tags import extract_mentions, extract_tags
from staffpath.vocab import EvidenceKind, Scope

__all__ = ["BragDoc", "ParsedEntry", "ParsedNote", "parse_brag_doc", "read_brag_file"]


@dataclass(frozen=True)
class ParsedEntry:
    """One accomplishment found in a brag document."""

    key: str
    line: int
    section: tuple[str, ...]
    title: str
    details: tuple[str, ...]
    date: DateSpan | None
    kind: EvidenceKind
    project: str | None
    tags: tuple[str, ...]
    mentions: tuple[str, ...]
    impacts: tuple[Impact, ...]
    teams_count: int | None
    scope_hint: Scope | None


@dataclass(frozen=True)
class ParsedNote:
    """A line that is not an accomplishment: a goal, something to learn, a todo, an idea."""

    key: str
    line: int
    section: tuple[str, ...]
    category: str  # "goal" | "learning" | "todo" | "other"
    text: str


@dataclass(frozen=True)
class BragDoc:
    """Everything parsed from one brag document."""

    entries: tuple[ParsedEntry, ...]
    notes: tuple[ParsedNote, ...]
    warnings: tuple[str, ...]


# --------------------------------------------------------------------------- reading


def read_brag_file(path: Path) -> str:
    """The text of a brag document on disk, or InputError saying why it cannot be used."""
    path = Path(path)
    if not path.exists():
        raise InputError("file not found", path=path)
    if path.is_dir():
        raise InputError("is a directory, not a Markdown file", path=path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path=path) from exc
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(f"binary file (NUL byte at offset {nul}), expected Markdown text",
                         path=path, line=data[:nul].count(b"\n") + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8: invalid byte 0x{data[exc.start]:02x} at line {line} "
            f"(byte offset {exc.start}); re-save the file as UTF-8",
            path=path, line=line) from exc
    if not text.strip():
        raise InputError("file is empty", path=path)
    return text


# --------------------------------------------------------------------------- headings

_NOTE_CORES = [
    ("learning", r"things? (?:i want |i d like |i'd like )?to learn|to learn|want to learn"
                 r"|learning (?:goals?|plans?|list|backlog|objectives?|wishlist)|reading list"
                 r"|skills? to (?:build|develop|learn|grow|improve)|growth areas?"),
    ("todo", r"to ?-?dos?|next(?: steps?| up)?|action items?|backlog|follow ?-?ups?"
             r"|open tasks?|tasks?"),
    ("goal", r"goals?|objectives?|okrs?|plans?|aspirations?|targets?|intentions?|priorities"
             r"|focus areas?|commitments?|resolutions?"),
    ("other", r"ideas?|wish ?list|(?:open )?questions?|notes? to self|parking lot|someday"
              r"|maybe later|thoughts|scratch(?:pad)?"),
]
_NOTE_FILL = (r"(?:my|our|personal|career|growth|professional|team|next|this|upcoming|coming"
              r"|quarter|year|half|month|week|cycle|period|for|the|and|q[1-4]|h[12]|\d{4}|fy\d*)")
_NOTE_RES = [
    (cat, re.compile(rf"^(?:{_NOTE_FILL}\s+)*(?:{core})(?:\s+{_NOTE_FILL})*$"))
    for cat, core in _NOTE_CORES
]
_GENERIC_RE = re.compile(
    r"^(?:(?:my|our|the|key|big|major|notable|recent|selected|other|main|and|of|in|for|what"
    r"|i|did|this|last|year|quarter|month|week|half|fy\d*|review|self|recap|summary|so far)\s*)*"
    r"(?:accomplishments?|achievements?|wins?|highlights?|projects?|work|impact|summary"
    r"|overview|contributions?|journal|log|work ?log|done|completed|misc(?:ellaneous)?|other"
    r"|notes?|updates?|review|self[- ]review|self[- ]assessment|retro(?:spective)?|recap"
    r"|results|key results|collaboration|cross[- ]team work|brag(?: doc(?:ument)?)?(?: file)?"
    r"|what i did|week|month|quarter|year|half|days?|log book|diary)?"
    r"(?:\s+(?:so far|this (?:year|quarter|month|week|half)|to date|of|in|for|the|year|quarter"
    r"|month|week|half|review|recap|summary|log|notes?|fy\d*))*$"
)
_WEEKDAY_RE = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\b\.?", re.I)


_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_WEEKDAY_LEAD_RE = re.compile(
    r"(mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|rs|rsday|urday)?\.?\s*[:—–-]\s", re.I)


@dataclass
class _Heading:
    level: float
    text: str
    date: DateSpan | None
    role: str  # "period" | "notes" | "category" | "generic" | "title" | "project"
    project: str | None = None
    note_category: str | None = None
    kind: EvidenceKind | None = None
    pseudo: bool = False


# What a heading's edges may lose once its dates are out ("Cart — Q1 2026" → "Cart").
_EDGE = " \t-–—:|,;/[]*_#"
_PAREN_GROUP_RE = re.compile(r"\(([^()]*)\)")
# What is left of a date range inside brackets once the dates are out: "– now", "to", "".
_RANGE_LEFTOVER_RE = re.compile(
    r"(?i)(?:[–—-]+|to|until|till|through)?\s*(?:now|present|today|ongoing|to date)?")


def _tidy_group(match: re.Match[str]) -> str:
    """A bracketed part of a heading after its dates were taken out: "( – now, lead)" →
    "(lead)", "( , with Payments)" → "(with Payments)", "( – now)" → ""."""
    parts = [part.strip(" \t–—-:;/") for part in match.group(1).split(",")]
    kept = [part for part in parts if not _RANGE_LEFTOVER_RE.fullmatch(part)]
    return f"({', '.join(kept)})" if kept else " "


def _residual(text: str, default_year: int | None, today: date | None = None
              ) -> tuple[str, str, DateSpan | None]:
    """Heading text without its dates: (normalised lowercase words, cleaned original, date)."""
    found = find_dates(text, default_year=default_year, heading=True, today=today)
    cleaned = text
    for m in reversed(found):
        cleaned = cleaned[:m.start] + " " + cleaned[m.end:]
    if found:
        cleaned = _WEEKDAY_RE.sub(" ", cleaned)
        cleaned = _PAREN_GROUP_RE.sub(_tidy_group, cleaned)
        # A separator that stood before the dates now stands before nothing but brackets.
        cleaned = re.sub(r"\s[-–—:|]+\s*(?=\()", " ", cleaned)
    cleaned = re.sub(r"\(\s*\)|\[\s*\]", " ", cleaned)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(_EDGE)
    if cleaned.count("(") != cleaned.count(")"):
        cleaned = cleaned.strip("()").strip(_EDGE)
    norm = re.sub(r"[^\w\s'&-]", " ", cleaned.lower())
    norm = re.sub(r"\s+", " ", norm.replace("-", " ")).strip()
    return norm, cleaned, (found[0].span if found else None)


def _note_category(norm: str) -> str | None:
    for cat, regex in _NOTE_RES:
        if regex.match(norm):
            return cat
    return None


def _classify_heading(text: str, level: float, default_year: int | None, today: date,
                      may_be_title: bool) -> _Heading:
    norm, cleaned, span = _residual(text, default_year, today)
    note = _note_category(norm) if norm else None
    if note is not None:
        return _Heading(level, text, span, "notes", note_category=note)
    kind = category_kind(norm) if norm else None
    if kind is not None:
        return _Heading(level, text, span, "category", kind=kind)
    if not norm or _GENERIC_RE.match(norm) or "brag" in norm.split():
        return _Heading(level, text, span, "period" if span else "generic")
    if may_be_title and span is None:
        return _Heading(level, text, None, "title")
    return _Heading(level, text, span, "project", project=cleaned)


# --------------------------------------------------------------------------- inline text


def _is_checkbox(tok: Token) -> bool:
    return tok.type == "html_inline" and "task-list-item-checkbox" in tok.content


def _inline_lines(inline: Token) -> list[str]:
    """Plain text of an inline token, one string per source line."""
    lines: list[str] = [""]
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            lines[-1] += child.content
        elif child.type in ("softbreak", "hardbreak"):
            lines.append("")
        elif child.type == "html_inline":
            # Inline comments can span lines; keep the line count honest.
            lines.extend([""] * child.content.count("\n"))
        elif child.type == "image":
            lines[-1] += "".join(c.content for c in child.children or [])
    return [_clean(line) for line in lines]


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _checkbox_state(inline: Token) -> bool | None:
    children = inline.children or []
    if children and _is_checkbox(children[0]):
        return 'checked="checked"' in children[0].content
    return None


_PAST_IRREGULAR = frozenset([
    "led", "built", "ran", "wrote", "gave", "made", "took", "drove", "won", "taught", "spoke",
    "found", "grew", "began", "brought", "bought", "caught", "chose", "did", "drew", "fought",
    "got", "held", "kept", "left", "lost", "met", "paid", "put", "read", "rode", "rose", "saw",
    "sent", "set", "shot", "shut", "sold", "spent", "split", "stood", "struck", "swept",
    "threw", "told", "thought", "understood", "undertook", "oversaw", "rewrote", "rebuilt",
    "cut", "hit", "quit", "became", "overcame", "withdrew", "upheld", "sped", "shed", "dealt",
    "mentored", "shipped",
])
_NOT_PAST = frozenset([
    "need", "indeed", "speed", "feed", "seed", "bed", "red", "embed", "proceed", "exceed",
    "succeed", "weed", "bleed", "breed", "greed", "hundred", "shred", "sacred", "naked",
    "wicked",
])


def _looks_done(text: str) -> bool:
    """Whether prose opens like an accomplishment: with a past-tense verb."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text[:80])
    if not words:
        return False
    word = words[0].lower().split("-")[-1]
    if word in _PAST_IRREGULAR:
        return True
    return len(word) > 3 and word.endswith("ed") and word not in _NOT_PAST


# --------------------------------------------------------------------------- items


@dataclass
class _Item:
    line: int
    checked: bool | None = None
    paragraphs: list[str] = field(default_factory=list)
    children: list[_Item] = field(default_factory=list)
    started: bool = False  # the first paragraph (the title) has been seen

    def subtree_text(self) -> list[str]:
        out = [p for p in self.paragraphs if p]
        for child in self.children:
            out.extend(child.subtree_text())
        return out


_COLUMN_ROLES = [
    ("date", r"dates?|when|week(?: of)?|month|period|quarter|day|time ?frame|timeline"),
    ("impact", r"impact|results?|outcomes?|effect|value|metrics?|business impact"),
    ("tags", r"tags?|labels?|hashtags?"),
    ("details", r"notes?|details?|comments?|context|why|how|more"),
    ("project", r"projects?|initiatives?|epics?|workstreams?"),
    ("title", r"what|titles?|accomplishments?|achievements?|items?|work|descriptions?|tasks?"
              r"|deliverables?|wins?|highlights?|contributions?|summary|activit(?:y|ies)"
              r"|things?|what i did|done|name"),
]


def _column_role(header: str) -> str:
    norm = re.sub(r"[^\w\s]", " ", header.lower()).strip()
    norm = re.sub(r"\s+", " ", norm)
    for role, pattern in _COLUMN_ROLES:
        if re.fullmatch(pattern, norm):
            return role
    return "other"


# --------------------------------------------------------------------------- parser


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(tasklists_plugin)
    # The default (20) silently drops content below ~10 list levels; people do nest deeper.
    md.options["maxNesting"] = 120
    return md


_MD = _markdown()


class _Parser:
    def __init__(self, text: str, source: str, today: date) -> None:
        self.source = source
        self.today = today
        self.text = text
        self.headings: list[_Heading] = []
        self.items: list[_Item] = []
        self.entries: list[ParsedEntry] = []
        self.notes: list[ParsedNote] = []
        self.warnings: list[str] = []
        self.front_year: int | None = None
        self.blockquote = 0
        self.seen_keys: Counter[str] = Counter()

    # ------------------------------------------------------------------ context

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(f"{self.source}:{line}: {message}")

    def section(self) -> tuple[str, ...]:
        return tuple(h.text for h in self.headings)

    def default_year(self) -> int:
        for h in reversed(self.headings):
            if h.date is not None:
                return h.date.start.year
        return self.front_year if self.front_year is not None else self.today.year

    def heading_date(self) -> DateSpan | None:
        for h in reversed(self.headings):
            if h.date is not None:
                return h.date
        return None

    def note_category(self) -> str | None:
        for h in reversed(self.headings):
            if h.role == "notes":
                return h.note_category
        return None

    def project(self) -> str | None:
        for h in reversed(self.headings):
            if h.role == "project":
                return h.project
        return None

    def push_heading(self, text: str, level: float, pseudo: bool, may_be_title: bool) -> None:
        if not pseudo:
            while self.headings and self.headings[-1].pseudo:
                self.headings.pop()
        while self.headings and self.headings[-1].level >= level:
            self.headings.pop()
        heading = _classify_heading(text, level, self.default_year(), self.today, may_be_title)
        heading.pseudo = pseudo
        self.headings.append(heading)

    # ------------------------------------------------------------------ output

    def key(self, payload: list[Any]) -> str:
        base = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        n = self.seen_keys[base]
        self.seen_keys[base] += 1
        # Identical items in one section stay distinct; the first keeps the plain key.
        return hashlib.sha256(f"{base}\x00{n}".encode() if n else base.encode()).hexdigest()

    def add_note(self, line: int, text: str, category: str) -> None:
        text = text.strip()
        if not text:
            return
        section = self.section()
        key = self.key(["note", list(section), category, text])
        self.notes.append(ParsedNote(key=key, line=line, section=section, category=category,
                                     text=text))

    def add_entry(self, line: int, raw_title: str, details: Sequence[str], *,
                  date_span: DateSpan | None = None, project: str | None = None,
                  extra_tags: Sequence[str] = ()) -> None:
        default_year = self.default_year()
        lead, title = leading_date(raw_title, default_year, today=self.today)
        title = title.strip()
        details = tuple(d for d in (_clean(d) for d in details) if d)
        if not title:
            if not details:
                return
            title, details = details[0], details[1:]
        span = (date_span or lead or self.weekday_date(title)
                or extract_dates(title, default_year=default_year, today=self.today)
                or self.heading_date())
        section = self.section()
        whole = " ".join((title, *details))
        kind = infer_kind(title, section)
        if kind is EvidenceKind.OTHER and details:
            kind = infer_kind(" ".join(details), section)
        teams = extract_teams_count(whole)
        scope = extract_scope_words(whole)
        if scope is None and teams is not None and teams >= 2:
            scope = Scope.TEAMS
        tags = tuple(dict.fromkeys([*extract_tags(whole), *extra_tags]))
        key = self.key(["entry", list(section), title, list(details),
                        [span.start.isoformat(), span.end.isoformat()] if span else None])
        self.entries.append(ParsedEntry(
            key=key, line=line, section=section, title=title, details=details, date=span,
            kind=kind, project=project or self.project(), tags=tags,
            mentions=extract_mentions(whole), impacts=tuple(extract_impacts(whole)),
            teams_count=teams, scope_hint=scope))

    def weekday_date(self, title: str) -> DateSpan | None:
        """"Mon: fixed X" under "Week of 2024-03-04" is that Monday."""
        week = self.heading_date()
        m = _WEEKDAY_LEAD_RE.match(title)
        if week is None or m is None or (week.end - week.start).days != 6:
            return None
        wanted = _WEEKDAYS.index(m.group(1).lower()[:3])
        for offset in range(7):
            day = week.start + timedelta(days=offset)
            if day.weekday() == wanted:
                return DateSpan(day, day)
        return None  # pragma: no cover - seven consecutive days cover every weekday

    # ------------------------------------------------------------------ items

    def finish_item(self, item: _Item, date_span: DateSpan | None = None) -> None:
        """Turn a top-level list item (and its subtree) into entries and notes."""
        note_cat = self.note_category()
        title = item.paragraphs[0] if item.paragraphs else ""
        if note_cat is not None or item.checked is False:
            self.add_note(item.line, "\n".join(item.subtree_text()), note_cat or "todo")
            return
        lead, rest = leading_date(title, self.default_year(), today=self.today)
        if lead is not None and not rest and item.children and len(item.paragraphs) <= 1:
            # A bullet that is only a date groups the bullets under it.
            for child in item.children:
                self.finish_item(child, date_span=lead)
            return
        if not title.strip():
            if item.children:
                for child in item.children:
                    self.finish_item(child, date_span=date_span)
            return
        details: list[str] = list(item.paragraphs[1:])
        pending_todos: list[_Item] = []

        def walk(children: list[_Item]) -> None:
            for child in children:
                if child.checked is False:
                    pending_todos.append(child)
                    continue
                details.extend(p for p in child.paragraphs if p)
                walk(child.children)

        walk(item.children)
        self.add_entry(item.line, title, details, date_span=date_span)
        for todo in pending_todos:
            self.add_note(todo.line, "\n".join(todo.subtree_text()), "todo")

    # ------------------------------------------------------------------ paragraphs

    def top_paragraph(self, inline: Token, line: int) -> None:
        lines = _inline_lines(inline)
        nonblank = [(line + i, t) for i, t in enumerate(lines) if t]
        if not nonblank:
            return
        note_cat = self.note_category()
        if note_cat is not None:
            self.add_note(nonblank[0][0], "\n".join(t for _, t in nonblank), note_cat)
            return
        label = re.match(r"([^:]{2,40}):\s+\S", nonblank[0][1])
        label_cat = _note_category(_residual(label.group(1), None)[0]) if label else None
        if label_cat is not None:
            # "Things to learn: tracing, Rust" is a note even without a heading.
            self.add_note(nonblank[0][0], "\n".join(t for _, t in nonblank), label_cat)
            return
        if self.is_pseudo_heading(inline, nonblank):
            top = max((h.level for h in self.headings if not h.pseudo), default=0.0)
            self.push_heading(nonblank[0][1].rstrip(":").strip(), top + 0.5, pseudo=True,
                              may_be_title=False)
            return
        year = self.default_year()
        stripped = [(n, leading_date(t, year)[1]) for n, t in nonblank]
        feedback = self.blockquote > 0 and any(
            h.kind is EvidenceKind.FEEDBACK for h in self.headings)
        if feedback:
            self.add_entry(nonblank[0][0], " ".join(t for _, t in nonblank), [])
        elif len(nonblank) > 1 and all(_looks_done(t) and t[:1].isupper()
                                       for _, t in stripped):
            for n, t in nonblank:
                self.add_entry(n, t, [])
        elif _looks_done(stripped[0][1]):
            self.add_entry(nonblank[0][0], " ".join(t for _, t in nonblank), [])

    def is_pseudo_heading(self, inline: Token, nonblank: list[tuple[int, str]]) -> bool:
        if len(nonblank) != 1:
            return False
        text = nonblank[0][1]
        children = [c for c in inline.children or []
                    if not (c.type == "text" and not c.content.strip())]
        if len(children) >= 3 and children[0].type in ("strong_open", "em_open") \
                and children[-1].type in ("strong_close", "em_close"):
            # Wholly bold ("**Week of March 4**"), not "**Shipped** X".
            depth = 0
            for i, c in enumerate(children):
                depth += c.type.endswith("_open") - c.type.endswith("_close")
                if depth == 0 and i < len(children) - 1:
                    return False
            return True
        lead, rest = leading_date(text, self.default_year(), today=self.today)
        if lead is not None and not rest:
            return True
        return text.endswith(":") and len(text.split()) <= 6 and not _looks_done(text)

    # ------------------------------------------------------------------ tables

    def table(self, rows: list[tuple[int, list[str]]]) -> None:
        if not rows:
            return
        header_line, header = rows[0]
        roles = [_column_role(h) for h in header]
        if "title" not in roles:
            if "project" in roles:
                roles[roles.index("project")] = "title"
            else:
                for i, role in enumerate(roles):
                    if role in ("other", "details"):
                        roles[i] = "title"
                        break
        if "title" not in roles:
            self.warn(header_line, "table has no column for what was done; skipped")
            return
        title_col = roles.index("title")
        note_cat = self.note_category()
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
                    span = span or leading_date(
                        cell, self.default_year(), today=self.today)[0] or extract_dates(
                        cell, default_year=self.default_year(), heading=True, today=self.today)
                elif role in ("impact", "details"):
                    details.append(cell)
                elif role == "tags":
                    tags.extend(t.lstrip("#").lower() for t in re.split(r"[,\s]+", cell)
                                if t.lstrip("#"))
                elif role == "project" and project is None:
                    project = cell
                else:
                    details.append(f"{header[i]}: {cell}" if header[i] else cell)
            if not title and not details:
                continue
            if note_cat is not None:
                self.add_note(line, "\n".join([title, *details]), note_cat)
            else:
                self.add_entry(line, title, details, date_span=span, project=project,
                               extra_tags=tags)

    # ------------------------------------------------------------------ driver

    def run(self) -> None:
        tokens = _MD.parse(self.text)
        h1_count = sum(1 for t in tokens if t.type == "heading_open" and t.tag == "h1")
        first_heading = next((i for i, t in enumerate(tokens) if t.type == "heading_open"), -1)
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            line = (tok.map[0] + 1) if tok.map else 0
            if tok.type == "front_matter":
                self.read_front_matter(tok.content)
            elif tok.type == "heading_open":
                text = _clean(" ".join(_inline_lines(tokens[i + 1])))
                if self.items:
                    self.item_paragraph(text)
                elif not text:
                    self.warn(line, "empty heading ignored")
                else:
                    level = float(tok.tag[1:])
                    self.push_heading(text, level, pseudo=False,
                                      may_be_title=(i == first_heading and tok.tag == "h1"
                                                    and h1_count == 1))
                i += 3
                continue
            elif tok.type == "list_item_open":
                self.items.append(_Item(line=line))
            elif tok.type == "list_item_close":
                item = self.items.pop()
                if self.items:
                    self.items[-1].children.append(item)
                else:
                    self.finish_item(item)
            elif tok.type == "inline":
                if self.items:
                    item = self.items[-1]
                    if not item.started:
                        item.checked = _checkbox_state(tok)
                    self.item_paragraph(_clean(" ".join(_inline_lines(tok))))
                else:
                    self.top_paragraph(tok, line)
            elif tok.type == "blockquote_open":
                self.blockquote += 1
            elif tok.type == "blockquote_close":
                self.blockquote -= 1
            elif tok.type == "table_open":
                i = self.collect_table(tokens, i, line)
                continue
            elif tok.type == "html_block" and not tok.content.lstrip().startswith("<!--"):
                self.warn(line, "HTML block skipped")
            i += 1

    def item_paragraph(self, text: str) -> None:
        item = self.items[-1]
        item.paragraphs.append(text)
        item.started = True

    def collect_table(self, tokens: list[Token], i: int, line: int) -> int:
        rows: list[tuple[int, list[str]]] = []
        j = i + 1
        while j < len(tokens) and tokens[j].type != "table_close":
            tok = tokens[j]
            if tok.type == "tr_open":
                rows.append(((tok.map[0] + 1) if tok.map else line, []))
            elif tok.type == "inline" and rows:
                rows[-1][1].append(_clean(" ".join(_inline_lines(tok))))
            j += 1
        if self.items:
            self.warn(line, "table inside a list item skipped")
        else:
            self.table(rows)
        return j + 1

    def read_front_matter(self, content: str) -> None:
        try:
            data = yaml.safe_load(content)
        except yaml.YAMLError:
            return
        if isinstance(data, dict):
            year = data.get("year")
            if isinstance(year, int) and 1900 <= year <= 2199:
                self.front_year = year


def parse_brag_doc(text: str, *, source: str = "<string>", today: date | None = None) -> BragDoc:
    """Parse a Markdown brag document into entries, notes and warnings; never raises on text."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    parser = _Parser(text, source, today or date.today())
    parser.run()
    return BragDoc(entries=tuple(parser.entries), notes=tuple(parser.notes),
                   warnings=tuple(parser.warnings))
