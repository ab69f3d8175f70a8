"""Building entries and notes under the headings in force: list items, table rows, and the
dates, kinds, projects and keys they take from their context."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from staffpath.ledger.bragdoc.document import ParsedEntry, ParsedNote
from staffpath.ledger.bragdoc.headings import Heading, classify_heading
from staffpath.ledger.bragdoc.lines import set_aside
from staffpath.ledger.bragdoc.prose import clean, self_account_label
from staffpath.ledger.extract.claims import backing_act
from staffpath.ledger.extract.dates import DateSpan, find_dates
from staffpath.ledger.extract.duration import stated_months
from staffpath.ledger.extract.impacts import extract_impacts
from staffpath.ledger.extract.kind import category_kind, infer_kind
from staffpath.ledger.extract.labels import heading_labels
from staffpath.ledger.extract.leading import leading_date
from staffpath.ledger.extract.periods import months_back, recurring, relative_period
from staffpath.ledger.extract.remit import STANDING_ROLE, read_remit
from staffpath.ledger.extract.scope import extract_scope_words, extract_teams_count
from staffpath.ledger.extract.tags import extract_mentions, extract_tags
from staffpath.ledger.facts import archetype_cues
from staffpath.vocab import EvidenceKind, Scope

__all__ = ["EntryBuilder", "ListItem"]

_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_WEEKDAY_LEAD_RE = re.compile(
    r"(mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|rs|rsday|urday)?\.?\s*[:—–-]\s", re.I)
# A day of the month opening a line of a month's log: "12 — drafted …", "4th: published".
_DAY_LEAD_RE = re.compile(
    r"\s*([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s*(?:[:—–|]|-(?=\s))\s*(?=\S)")


_YEAR_WRITTEN = re.compile(r"\b(?:19|20)\d{2}\b|['’]\d{2}\b")


def looking_back(span: DateSpan | None, written: str, today: date) -> DateSpan | None:
    """A date written without its year ("Dec 16") that would fall after the document's day is
    last year's: a record looks back at work done. "Dec 16 — on-call week" in a record written
    on 24 January 2025 is 16 December 2024."""
    if span is None or span.start <= today or _YEAR_WRITTEN.search(written):
        return span
    back = span.year_earlier()
    return back if back.start <= today else span


def stretched(span: DateSpan | None, months: int | None) -> DateSpan | None:
    """An item's dates widened back to the duration its words give the effort ("over 14
    months"), ending where they end: the item was written when the work closed or stood."""
    if span is None or months is None or months < 2:
        return span
    start = months_back(span.end, months)
    return span if start >= span.start else DateSpan(start, span.end)


def within(span: DateSpan, period: DateSpan) -> bool:
    return period.start <= span.start and span.end <= period.end


@dataclass
class ListItem:
    """A list item as read so far: its paragraphs (the first is the title) and nested items."""

    line: int
    checked: bool | None = None
    paragraphs: list[str] = field(default_factory=list)
    children: list[ListItem] = field(default_factory=list)
    started: bool = False  # the first paragraph (the title) has been seen
    numbered: bool = False  # "1. …", an ordered list's item

    def subtree_text(self) -> list[str]:
        out = [p for p in self.paragraphs if p]
        for child in self.children:
            out.extend(child.subtree_text())
        return out


class EntryBuilder:
    """The heading stack of a document being read, and the entries, notes and warnings so far."""

    def __init__(self, source: str, today: date) -> None:
        self.source = source
        self.today = today
        self.headings: list[Heading] = []
        self.entries: list[ParsedEntry] = []
        self.notes: list[ParsedNote] = []
        self.warnings: list[str] = []
        self.front_year: int | None = None
        self.seen_keys: Counter[str] = Counter()
        # The period the document says it covers ("Record for March 2025 – March 2026"):
        # it dates the items no heading dates, as a dated title would.
        self.declared: DateSpan | None = None
        # The part of the organisation the opening says the author works across.
        self.remit: tuple[Scope, str] | None = None
        self.opening: list[str] = []  # what the document says before its first item
        self.remit_shape: str | None = None  # the staff shape the remit's kind is
        # When the remit was taken on in an item (a role the record tells, not its opening):
        # it frames the work from that date.
        self.remit_since: date | None = None
        self._shapes: tuple[str, ...] | None = None  # read once, when the first item comes
        # Items made of a record's properties alone ("Type: Project", "When: Feb–Mar 2025"
        # under a project's heading): the paragraph told under them is the same work.
        self.property_keys: set[str] = set()
        # Under a review form's goal ("Goal 1: Deliver the identity migration"), the author's
        # account of it has begun ("Self-comments: …"): what follows is work done, not a goal.
        self.accounting = False

    # ------------------------------------------------------------------ context

    def in_lines_of(self, lines: Sequence[int]) -> None:
        """Number items, notes and warnings by the lines of the file the text was converted
        from: `lines[n - 1]` is the file's line for the text's line n."""
        def mapped(n: int) -> int:
            return lines[min(max(n, 1), len(lines)) - 1] if lines else n

        self.entries = [dataclasses.replace(e, line=mapped(e.line)) for e in self.entries]
        self.notes = [dataclasses.replace(n, line=mapped(n.line)) for n in self.notes]
        prefix = re.compile(rf"^{re.escape(self.source)}:(\d+):")
        self.warnings = [prefix.sub(lambda m: f"{self.source}:{mapped(int(m.group(1)))}:", w)
                         for w in self.warnings]

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(f"{self.source}:{line}: {message}")

    def section(self) -> tuple[str, ...]:
        return tuple(h.text for h in self.headings)

    def given_year(self) -> int | None:
        """The year a dated heading, the front matter or a stated one-year period gives, or
        None when the document gives none."""
        for h in reversed(self.headings):
            if h.date is not None:
                return h.date.start.year
        if self.front_year is not None:
            return self.front_year
        if self.declared is not None and self.declared.start.year == self.declared.end.year:
            return self.declared.start.year  # "2024 accomplishments": "Jan 8" is in 2024
        return None

    def default_year(self) -> int:
        given = self.given_year()
        return self.today.year if given is None else given

    def placed(self, span: DateSpan | None, written: str) -> DateSpan | None:
        """A date read from `written` with no year of its own, in a record that gives none
        either, placed as a record means it: "Feb–Dec" read in January is last year's (a
        record looks back, not at months still to come), and in a record of "March 2025 to
        February 2026", "May 12" is May 2025."""
        if span is None or self.given_year() is not None or _YEAR_WRITTEN.search(written):
            return span
        earlier = span.year_earlier()
        period = self.declared
        if span.start > self.today or (period is not None and not within(span, period)
                                       and within(earlier, period)):
            return earlier
        return span

    def heading_date(self) -> DateSpan | None:
        for h in reversed(self.headings):
            if h.date is not None:
                return h.date
        return self.declared

    def files_by_period(self) -> bool:
        """Whether the date the headings give is a period the items are filed under ("2025",
        "Q3", the review period) rather than a project's own dates: it says when the work was
        done, not how long it ran."""
        for h in reversed(self.headings):
            if h.date is not None:
                return h.role != "project"
        return self.declared is not None

    def note_category(self) -> str | None:
        for h in reversed(self.headings):
            if h.role == "notes":
                if h.note_category == "goal" and self.accounting:
                    return None  # the author's account of a goal tells the work done
                return h.note_category
        return None

    def project(self) -> str | None:
        for h in reversed(self.headings):
            if h.role == "project":
                return h.project
        return None

    def push_heading(self, text: str, level: float, pseudo: bool, may_be_title: bool) -> None:
        # A new heading ends the author's account of a goal, unless it is that account's label
        # ("Self-comments:" on a line of its own, over a list).
        self.accounting = self.accounting and self_account_label(text)
        if not pseudo:
            while self.headings and self.headings[-1].pseudo:
                self.headings.pop()
        while self.headings and self.headings[-1].level >= level:
            self.headings.pop()
        heading = classify_heading(text, level, self.default_year(), self.today, may_be_title)
        # "## Q3" in a record that names no year is the last Q3 begun, as an item's own
        # yearless date is: a record looks back.
        heading.date = self.placed(heading.date, text)
        if heading.fiscal_year is not None and self.front_year is None:
            self.front_year = heading.fiscal_year
        if heading.covers is not None and self.declared is None and not self.entries:
            self.declared = heading.covers
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
                  extra_tags: Sequence[str] = (), properties: bool = False) -> None:
        default_year = self.default_year()
        lead, title = leading_date(raw_title, default_year, today=self.today)
        lead = looking_back(lead, raw_title[:len(raw_title) - len(title)], self.today)
        if lead is None and (day := self.day_of_month(title)) is not None:
            lead, title = day
        title = title.strip()
        details = tuple(d for d in (clean(d) for d in details) if d)
        if not title:
            if not details:
                return
            title, details = details[0], details[1:]
        aside = set_aside(title, details)
        if aside is not None:
            if aside:  # time away is dropped; anything else is kept as the note it is
                self.add_note(line, "\n".join((title, *details)), aside)
            return
        own = (date_span or lead or self.weekday_date(title)
               or self.mentioned_date(title))
        span = (own or self.heading_date()
                or relative_period(" ".join((title, *details)), self.today))
        section = self.section()
        whole = " ".join((title, *details))
        written = span  # the key keeps the dates as written, so re-imports stay idempotent
        months = stated_months(whole)
        # Dated only by the period it is filed under, with no length of its own: when, not
        # how long.
        filed = own is None and span is not None and months is None and self.files_by_period()
        if span is None and months is not None and months >= 2:
            # "Grew four engineers to staff over two years", with no date: the document is
            # written now, so the effort it describes ran up to now.
            span = DateSpan(self.today, self.today)
        if date_span is None:  # a date given with the item was placed where it was read
            span = self.placed(span, " ".join((raw_title, *details)))
        span = stretched(self.carried_on(span, whole), months)
        # The document's title names the document (and often its author's team: "Monthly
        # notes — Olu, Developer Experience"); only its label can say what the work under it
        # is ("Ben Castillo — shipped"), and only as a category.
        framing = tuple(h.text for h in self.headings if h.role != "title")
        # A grand headline told by the author's own small act is the act's kind, whatever
        # the headline or the section's label claim (see `extract.claims`).
        act = backing_act(title)
        kind = infer_kind(act, ()) if act else infer_kind(title, framing)
        if kind is EvidenceKind.OTHER and details:
            kind = infer_kind(" ".join(details), framing)
        if kind is EvidenceKind.OTHER and act is None:
            kind = self.title_category() or kind
        if self.remit is None and STANDING_ROLE.search(title):
            # "Became tech lead for the Live Ops cluster: Events Client, Events Backend, LiveOps
            # Tools": a role taken on in the record frames the author's work from then on, as
            # an opening's remit frames all of it.
            found = read_remit(whole)
            said = extract_scope_words(whole)
            if found is not None:
                self.remit = (found.reach, found.words)
                self.remit_since = span.start if span is not None else None
            elif said is not None and said >= Scope.TEAMS:
                # "Approved as a company bet. Ines asked me to own the architecture": a role
                # taken on over work whose reach the same item states.
                self.remit = (said, clean(title)[:120])
                self.remit_since = span.start if span is not None else None
        teams = extract_teams_count(whole)
        scope = extract_scope_words(whole)
        if scope is None and teams is not None and teams >= 2:
            scope = Scope.TEAMS
        tags = tuple(dict.fromkeys([*extract_tags(whole), *extra_tags]))
        key = self.key(["entry", list(section), title, list(details),
                        [written.start.isoformat(), written.end.isoformat()] if written else None])
        self.entries.append(ParsedEntry(
            key=key, line=line, section=section, title=title, details=details, date=span,
            kind=kind, project=project or self.project(), tags=tags,
            mentions=extract_mentions(whole), impacts=tuple(extract_impacts(whole)),
            teams_count=teams, scope_hint=scope, remit=self.remit,
            shape_cues=self.shape_cues(), filed=filed))
        if properties:
            self.property_keys.add(key)

    def merge_properties(self) -> None:
        """A record's properties and the paragraph told under them are one item: a wiki page
        ("## Led the React 18 migration", "Type: Tech debt", "When: April 2025", then what was
        done) is one piece of work, not two. The paragraph's words lead; the properties join
        its details, and the kind its heading names stands when the words name none."""
        merged: list[ParsedEntry] = []
        for entry in self.entries:
            last = merged[-1] if merged else None
            if (last is not None and last.key in self.property_keys
                    and entry.key not in self.property_keys and entry.section == last.section):
                merged[-1] = dataclasses.replace(
                    entry, details=(*entry.details, *last.details),
                    date=entry.date or last.date,
                    kind=last.kind if entry.kind is EvidenceKind.OTHER else entry.kind,
                    impacts=(*entry.impacts, *last.impacts),
                    mentions=tuple(dict.fromkeys((*entry.mentions, *last.mentions))),
                    tags=tuple(dict.fromkeys((*entry.tags, *last.tags))),
                    teams_count=max((c for c in (entry.teams_count, last.teams_count)
                                     if c is not None), default=None),
                    scope_hint=max((h for h in (entry.scope_hint, last.scope_hint)
                                    if h is not None), default=None))
                self.property_keys.discard(last.key)
                continue
            merged.append(entry)
        self.entries = merged

    def shape_cues(self) -> tuple[str, ...]:
        """The staff shapes the opening names: in its own words, and by the kind of remit it
        states (a small cluster of teams is the tech lead's; see `extract.remit`)."""
        if self._shapes is None:  # the opening ends where the first item begins
            named = archetype_cues("\n".join(self.opening))
            self._shapes = tuple(dict.fromkeys(
                (*named, *((self.remit_shape,) if self.remit_shape else ()))))
        return self._shapes

    def title_category(self) -> EvidenceKind | None:
        """The kind of work the document's title labels its items with, if it does."""
        for h in self.headings:
            if h.role == "title":
                for label in heading_labels(h.text):
                    kind = category_kind(label)
                    if kind is not None:
                        return kind
        return None

    def frame_by_role_taken(self) -> None:
        """A role taken on in a dated item frames the work dated from then on, wherever the
        record tells it: a log written newest first tells the role below the work it framed,
        and the work before the role, told after it, was not done in it."""
        remit, since = self.remit, self.remit_since
        if remit is None or since is None:
            return
        self.entries = [
            dataclasses.replace(e, remit=remit if e.date.start >= since else None)
            if e.date is not None and e.remit in (None, remit) else e
            for e in self.entries]

    def spread_practices(self) -> None:
        """An undated practice the words say recurs ("I brief the directors every month",
        "weekly pairing slot", "on-call every 6th week") went on through the period the
        document covers: from its earliest dated item to the document's day. Without dated
        items the period is unknown and the practice stays undated."""
        starts = [e.date.start for e in self.entries if e.date is not None]
        if not starts:
            return
        period = DateSpan(min(starts), self.today)
        if period.start >= period.end:
            return
        self.entries = [
            dataclasses.replace(e, date=period)
            if e.date is None and recurring(" ".join((e.title, *e.details))) else e
            for e in self.entries]

    def mentioned_date(self, title: str) -> DateSpan | None:
        """A date the item's words mention, unless it comes after the period its heading names
        or after the document's day: "told the board it would land Q1 2027" under "Q3 2026" is
        a plan, not when the work was done, so the heading dates that item. (A date before the
        heading's period stays: a document dated by its title looks back at work done earlier.)
        """
        dates = find_dates(title, default_year=self.default_year(), today=self.today)
        heading = self.heading_date()
        if heading is not None and self.files_by_period():
            # "Shipped in September", "handed the chair on in January", filed under 2025: a
            # moment in the work, not how long it ran; the period it is filed under dates it.
            dates = [d for d in dates if not (d.precision == "month" and d.yearless)]
        found = self.placed(dates[0].span if dates else None, title)
        if found is None or found.start > self.today:
            return None
        if heading is not None and found.start > heading.end:
            return None
        # "in 2025–2026", written in October 2026: the work so far, not the rest of the year.
        return found if found.end <= self.today else DateSpan(found.start, self.today)

    def carried_on(self, span: DateSpan | None, whole: str) -> DateSpan | None:
        """The item's dates run on to the last date its account gives for the work, where that
        is later: "In Q3 2025 the CFO asked for a plan … by June 2026 we had cut $2.1M" is a
        programme of a year, not a quarter. Only dates already past count (a later one is a
        plan), and none after the period its heading names."""
        if span is None:
            return None
        limit = self.today
        heading = self.heading_date()
        if heading is not None and heading.end < limit and span.end <= heading.end:
            limit = heading.end
        end = span.end
        for found in find_dates(whole, default_year=self.default_year(), today=self.today):
            if span.start <= found.span.start and end < found.span.end <= limit:
                end = found.span.end
        return span if end == span.end else DateSpan(span.start, end)

    def day_of_month(self, title: str) -> tuple[DateSpan, str] | None:
        """"12 — drafted the process" under "## January 2026" (or "--- JAN") is that day: the
        date and the words after it."""
        month = self.heading_date()
        m = _DAY_LEAD_RE.match(title)
        if month is None or m is None or month.start.day != 1 or (
                month.end.replace(day=1) != month.start
                or (month.end + timedelta(days=1)).day != 1):
            return None  # the heading is not one calendar month
        if int(m.group(1)) > month.end.day:
            return None
        found = month.start.replace(day=int(m.group(1)))
        return DateSpan(found, found), title[m.end():]

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

    def finish_item(self, item: ListItem, date_span: DateSpan | None = None) -> None:
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
        pending_todos: list[ListItem] = []

        def walk(children: list[ListItem]) -> None:
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

    # ------------------------------------------------------------------ tables

