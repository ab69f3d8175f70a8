"""Walking the markdown-it tokens of a brag document: headings, list items, paragraphs, tables
and front matter, handed to the entry builder."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from staffpath.ledger.bragdoc.blocks import inline_children, italic_aside, unfenced, wrapped_in
from staffpath.ledger.bragdoc.builder import EntryBuilder, ListItem
from staffpath.ledger.bragdoc.chat import chat_to_markdown, looks_like_chat
from staffpath.ledger.bragdoc.declared import declared_span
from staffpath.ledger.bragdoc.document import BragDoc
from staffpath.ledger.bragdoc.efforts import frame_by_effort
from staffpath.ledger.bragdoc.fields import cover_table, fields_paragraph
from staffpath.ledger.bragdoc.headings import (
    banners_as_headings,
    only_when,
    question_asked,
)
from staffpath.ledger.bragdoc.html import html_to_markdown_lines, looks_like_html
from staffpath.ledger.bragdoc.lines import label_category
from staffpath.ledger.bragdoc.logs import log_after_header, log_lines
from staffpath.ledger.bragdoc.orgmode import looks_like_org, org_to_markdown
from staffpath.ledger.bragdoc.prose import (
    after_bold_lead,
    checkbox_state,
    clean,
    gap_as_separator,
    inline_lines,
    looks_done,
    opens_self_account,
    reports_work,
    self_account,
    typed_list,
)
from staffpath.ledger.bragdoc.structured import data_to_markdown, fenced_exports
from staffpath.ledger.bragdoc.tables import delimited_rows, read_table
from staffpath.ledger.bragdoc.tickets import read_tickets
from staffpath.ledger.extract.dates import (
    extract_dates,
    find_dates,
    numeric_dates_of,
    outside_dates,
)
from staffpath.ledger.extract.leading import leading_date
from staffpath.ledger.extract.orgsize import stated_org_size
from staffpath.ledger.extract.remit import read_remit
from staffpath.ledger.extract.stance import states_done
from staffpath.ledger.extract.subject import prose_subject, record_subject
from staffpath.ledger.extract.units import named_units
from staffpath.vocab import EvidenceKind

__all__ = ["parse_brag_doc"]

_FIRST_PERSON = re.compile(r"\W*(?:i|we)\b", re.I)
_UNICODE_BULLET = re.compile(r"^([ \t]*)[•◦▪▫‣∙·●○■□➤►▶✓✔☐☑→][ \t]+", re.M)


def _bold_then_when(children: list[Token], year: int) -> bool:
    """A bold or italic name followed only by when: "**Recurring invoices v2** (Feb → May)",
    "**Saved-search alerts** — Q2 2026" name a piece of work and head what it was."""
    if len(children) < 4 or children[0].type not in ("strong_open", "em_open"):
        return False
    close = children[0].type.replace("_open", "_close")
    end = next((i for i, c in enumerate(children) if c.type == close), None)
    if end is None or end == len(children) - 1:
        return False
    rest = children[end + 1:]
    return all(c.type == "text" for c in rest) and only_when(
        "".join(c.content for c in rest), year)


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(tasklists_plugin)
    # The default (20) silently drops content below ~10 list levels; people do nest deeper.
    md.options["maxNesting"] = 120
    return md


_MD = _markdown()


class _Walker:
    """One pass over the tokens; the open list items and blockquote depth are its own state."""

    def __init__(self, text: str, source: str, today: date) -> None:
        self.text = text
        # The person a record written about someone tells the work of ("she", "ifeoma").
        self.subject = prose_subject(text)
        self.raw_lines = text.split("\n")
        self.items: list[ListItem] = []
        self.blockquote = 0
        self.in_preamble = False  # before the first section heading of a sectioned document
        self.doc = EntryBuilder(source, today)
        self.top_items: list[ListItem] = []  # the top-level items of the list being read

    # ------------------------------------------------------------------ paragraphs

    def top_paragraph(self, inline: Token, line: int) -> None:
        lines = inline_lines(inline)
        raw = self.raw_lines  # as typed: the inline text has its tabs made spaces
        nonblank = [(line + i, gap_as_separator(raw[line + i - 1], t) if 0 < line + i <= len(raw)
                     else t) for i, t in enumerate(lines) if t]
        if not nonblank:
            return
        rows = delimited_rows([(n, raw[n - 1].strip() if 0 < n <= len(raw) else t)
                               for n, t in nonblank])
        if rows is not None:  # a spreadsheet pasted as text is a table
            if not cover_table(rows):
                read_table(self.doc, rows)
            return
        if opens_self_account(nonblank):
            self.doc.accounting = True
        if italic_aside(inline, nonblank):
            # "*Private notes, written over a couple of evenings in December; I'll hand a
            # cleaned-up version to Teodor.*": the author's aside about the record, not work,
            # though it may say what period the record covers and where its author works.
            self.declared_period(" ".join(t for _, t in nonblank))
            self.declared_remit("\n".join(t for _, t in nonblank))
            self.doc.add_note(nonblank[0][0], " ".join(t for _, t in nonblank), "other")
            return
        note_cat = self.doc.note_category()
        if note_cat is not None and self.doc.headings and self.doc.headings[-1].pseudo \
                and self.is_pseudo_heading(inline, nonblank):
            # A bold line after a bold notes heading ("**Vision for next year**", then
            # "**Areas of growth**") starts the next section, not another note.
            self.push_pseudo_heading(nonblank[0][1])
            return
        if note_cat is not None:
            self.doc.add_note(nonblank[0][0], "\n".join(t for _, t in nonblank), note_cat)
            return
        label_cat = label_category(nonblank[0][1])
        if label_cat is not None:
            # "Things to learn: tracing, Rust" is a note even without a heading.
            self.doc.add_note(nonblank[0][0], "\n".join(t for _, t in nonblank), label_cat)
            return
        if len(nonblank) == 1 and question_asked(nonblank[0][1]) is not None:
            # A review form's question or an interviewer's ("Q1. What did you deliver?",
            # "Clara: Did it work?") heads the answer below it.
            self.push_pseudo_heading(nonblank[0][1])
            return
        tickets = read_tickets(nonblank)
        if tickets is not None:
            for ticket in tickets:
                if not ticket.done:  # a ticket still open is a plan
                    self.doc.add_note(ticket.line, ticket.title, "todo")
                    continue
                span = extract_dates(ticket.when, default_year=self.doc.default_year(),
                                     heading=True, today=self.doc.today) if ticket.when else None
                self.doc.add_entry(ticket.line, ticket.title, list(ticket.details),
                                   date_span=span, extra_tags=ticket.tags)
            return
        self.declared_period(" ".join(t for _, t in nonblank))
        self.declared_remit("\n".join(t for _, t in nonblank))
        if fields_paragraph(self.doc, nonblank):
            return
        year = self.doc.default_year()
        lead, rest = leading_date(nonblank[0][1], year, today=self.doc.today)
        if len(nonblank) == 1 and ((lead is not None and not rest)
                                   or self.only_a_date(nonblank[0][1], year)):
            # A line that is only a date ("w/o 2 Feb", "Feb 16–20", "Apr", "w15") heads the
            # list or the lines below it, as a dated heading does: a weekly log's week.
            self.push_pseudo_heading(nonblank[0][1])
            return
        if lead is not None and not rest and len(nonblank) > 2 and leading_date(
                nonblank[1][1], lead.start.year, today=self.doc.today)[0] is not None:
            # A month over the log's own dated lines ("2025-01", "01-06  board pre-read …").
            log_lines(self.doc, nonblank, self.push_pseudo_heading)
            return
        if lead is not None and not rest and len(nonblank) > 1:
            # A journal's day: a line that is only a date ("**Mon 14 Jul 2025**") over what
            # happened that day, in one paragraph.
            body = nonblank[1:]
            text = " ".join(t for _, t in body)
            if len(body) > 1 and all(looks_done(t) and t[:1].isupper() for _, t in body):
                for n, t in body:  # one accomplishment a line under the date
                    self.doc.add_entry(n, t, [], date_span=lead)
            elif looks_done(body[0][1]) or reports_work(text, self.subject) or states_done(text):
                self.doc.add_entry(body[0][0], text, [], date_span=lead)
            return
        if lead is not None and not (self.in_preamble and _FIRST_PERSON.match(rest)):
            # A log's entry: a line that opens with its own date ("Oct 2025. Portal wanted raw
            # points …; ran a session …"), whatever its first words. Undated lines below it are
            # its details; each further dated line is an entry of its own.
            log_lines(self.doc, nonblank, self.push_pseudo_heading)
            return
        opened = log_after_header(self.doc, nonblank)
        if opened:
            # A plain-text log typed without blank lines: its title and legend, then the log
            # ("brag doc / Lior B. / …", "oldest first. HC = Honeycomb", "2025-01",
            # "01-06  board pre-read drafted …").
            header = nonblank[:opened]
            self.doc.add_note(header[0][0], "\n".join(t for _, t in header), "other")
            log_lines(self.doc, nonblank[opened:], self.push_pseudo_heading)
            return
        told = after_bold_lead(inline)
        if told is not None and (looks_done(told) or states_done(told)
                                 or reports_work(told, self.subject)):
            # "**Payments migration** (Jan–Sep 2025). Led it across three teams …": a bold
            # lead-in names the work and the rest tells it.
            self.doc.add_entry(nonblank[0][0], " ".join(t for _, t in nonblank), [])
            return
        if self.is_pseudo_heading(inline, nonblank):
            self.push_pseudo_heading(nonblank[0][1])
            return
        year = self.doc.default_year()
        stripped = [(n, leading_date(t, year)[1]) for n, t in nonblank]
        feedback = self.blockquote > 0 and any(
            h.kind is EvidenceKind.FEEDBACK for h in self.doc.headings)
        if feedback:
            self.doc.add_entry(nonblank[0][0], " ".join(t for _, t in nonblank), [])
        elif self.blockquote and self.subject:
            # A colleague quoted in a record about someone (a 360, a nomination) tells that
            # person's work in the third person ("She ran the write-path consolidation as a
            # programme of five projects across nine teams"): an item. The colleague's own
            # "I" ("I came in expecting to lose") is theirs, kept as a note.
            text = " ".join(t for _, t in stripped)
            if reports_work(text, self.subject, first_person=False):
                self.doc.add_entry(nonblank[0][0], " ".join(t for _, t in nonblank), [])
            elif self.doc.entries:
                self.doc.add_note(nonblank[0][0], " ".join(t for _, t in nonblank), "other")
        elif len(nonblank) > 1 and all(leading_date(t, year)[0] is not None
                                       or self.doc.day_of_month(t) is not None
                                       for _, t in nonblank):
            # A log of dated lines ("2025-09-08  noticed…", one a line) is an item a line.
            for n, t in nonblank:
                self.doc.add_entry(n, t, [])
        elif len(nonblank) > 1 and all(looks_done(t) and t[:1].isupper()
                                       for _, t in stripped):
            for n, t in nonblank:
                self.doc.add_entry(n, t, [])
        elif not self.in_preamble and typed_list(nonblank):
            # A list typed without markers: a statement a line ("Data residency: set the
            # three-year bet with the CTO."), perhaps under a title line of its own.
            first = nonblank[0][1]
            if not (looks_done(first) or states_done(first)) and len(first.split()) <= 8 \
                    and first.rstrip()[-1:] not in ".!?":  # a title ends no sentence
                nonblank = nonblank[1:]
            for n, t in nonblank:
                self.doc.add_entry(n, t, [])
        elif (told := self_account(nonblank)) is not None and not self.in_preamble and (
                looks_done(told) or states_done(told) or reports_work(told, self.subject)):
            # A review tool's record of a goal or competency: the author's own account sits
            # under its label ("Self comment:", "Evidence:"), in their voice with the "I"
            # dropped ("Added unit tests to the verification service").
            self.doc.add_entry(nonblank[0][0], " ".join(t for _, t in nonblank), [])
        elif (looks_done(stripped[0][1]) and not (
                self.in_preamble and _FIRST_PERSON.match(stripped[0][1]))) or (
                not self.in_preamble and not self.blockquote
                and reports_work(" ".join(t for _, t in stripped), self.subject)):
            # Prose that reports work is an item, except in the introduction of a document
            # that has sections: there it says who the author is ("I started in November"),
            # and the sections hold the work; and except in a quote, whose words are someone
            # else's ("> 💬 **Sofia:** … We've agreed she'll shadow Hugo").
            self.doc.add_entry(nonblank[0][0], " ".join(t for _, t in nonblank), [])
        elif self.doc.entries:
            # Prose past the opening that tells no work of the author's ("The shared cluster
            # needed an upgrade … that was cancelled", a comment quoted from a manager) is kept
            # as a note: nothing a person wrote is dropped.
            self.doc.add_note(nonblank[0][0], " ".join(t for _, t in nonblank), "other")

    def only_a_date(self, line: str, year: int) -> bool:
        """Whether a line on its own is nothing but a date read as a heading reads one: a
        month ("Apr", "June"), a numbered week ("w15", "w16–w19"). Alone on its line, above a
        list, a bare month is when the list was done, not a word of prose."""
        found = find_dates(line, default_year=year, heading=True, today=self.doc.today)
        if not found:
            return False
        rest = outside_dates(line, found)
        return re.fullmatch(r"[\s\W]*(?:(?:to|and|through|until)[\s\W]*)?", rest) is not None

    def declared_period(self, text: str) -> None:
        """The period a document says it covers, read from its opening prose before any item
        or dated heading: "Record for March 2025 – March 2026", "Period Jun 2025 – May 2026",
        "Notes for 2025". A tenure ("the architect since 2023") is not the document's period."""
        if self.doc.entries or self.doc.declared or self.doc.heading_date() is not None:
            return
        span = declared_span(text, self.doc.today)
        if span is not None:
            self.doc.declared = span

    def declared_remit(self, text: str) -> None:
        """The teams the document's opening says its author works across, read before any
        item: "Payroll Engine is three teams; I'm the technical lead across all three"."""
        if self.doc.entries:
            return
        self.doc.opening.append(text)
        if self.doc.remit is None:
            # The whole opening so far: "Team: Booking squad" in a header puts the author on
            # one team, whatever a later paragraph says of how the company is organised.
            found = read_remit("\n".join(self.doc.opening))
            if found is not None:
                self.doc.remit, self.doc.remit_shape = (found.reach, found.words), found.shape

    def push_pseudo_heading(self, text: str) -> None:
        """A bold line or a short line ending in a colon heads what follows, half a level below
        the innermost real heading."""
        top = max((h.level for h in self.doc.headings if not h.pseudo), default=0.0)
        self.doc.push_heading(text.rstrip(":").strip(), top + 0.5, pseudo=True,
                              may_be_title=False)

    def is_pseudo_heading(self, inline: Token, nonblank: list[tuple[int, str]]) -> bool:
        if len(nonblank) != 1:
            return False
        text = nonblank[0][1]
        children = inline_children(inline)
        wrapped = wrapped_in(children, ("strong_open", "em_open"))
        if wrapped is not None:  # wholly bold ("**Week of March 4**"), not "**Shipped** X"
            return wrapped
        if _bold_then_when(children, self.doc.default_year()):
            return True
        lead, rest = leading_date(text, self.doc.default_year(), today=self.doc.today)
        if lead is not None and not rest:
            return True
        if text.isupper() and len(text.split()) <= 6 and re.search(r"[A-Z]{3}", text) \
                and not text.rstrip().endswith((".", ";", ",")):
            return True  # a plain-text document's heading: "TELEMETRY DIRECTION"
        return text.endswith(":") and len(text.split()) <= 6 and not looks_done(text)

    # ------------------------------------------------------------------ driver

    def run(self) -> None:
        tokens = _MD.parse(self.text)
        h1_count = sum(1 for t in tokens if t.type == "heading_open" and t.tag == "h1")
        first_heading = next((i for i, t in enumerate(tokens) if t.type == "heading_open"), -1)
        self.in_preamble = any(t.type == "heading_open" and t.tag != "h1" for t in tokens)
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            line = (tok.map[0] + 1) if tok.map else 0
            if tok.type == "front_matter":
                self.read_front_matter(tok.content)
            elif tok.type == "heading_open":
                text = clean(" ".join(inline_lines(tokens[i + 1])))
                if self.items:
                    self.item_paragraph(text)
                elif not text:
                    self.doc.warn(line, "empty heading ignored")
                else:
                    level = float(tok.tag[1:])
                    if tok.tag == "h1":
                        self.declared_remit(text)
                    self.in_preamble = self.in_preamble and tok.tag == "h1"
                    self.doc.push_heading(text, level, pseudo=False,
                                          may_be_title=(i == first_heading and tok.tag == "h1"
                                                        and h1_count == 1))
                i += 3
                continue
            elif tok.type == "list_item_open":
                self.items.append(ListItem(line=line, numbered=tok.markup in (".", ")")))
            elif tok.type == "list_item_close":
                item = self.items.pop()
                if self.items:
                    self.items[-1].children.append(item)
                else:
                    self.top_items.append(item)
            elif tok.type in ("bullet_list_close", "ordered_list_close") and not self.items:
                self.finish_list()
            elif tok.type == "inline":
                if self.items:
                    item = self.items[-1]
                    if not item.started:
                        item.checked = checkbox_state(tok)
                    self.item_paragraph(clean(" ".join(inline_lines(tok))))
                else:
                    self.top_paragraph(tok, line)
            elif tok.type == "blockquote_open":
                self.blockquote += 1
            elif tok.type == "blockquote_close":
                self.blockquote -= 1
            elif tok.type == "table_open":
                i = self.collect_table(tokens, i, line)
                continue
            elif tok.type in ("fence", "code_block") and not self.items:
                self.fenced_table(tok.content, line)
            elif tok.type == "html_block" and not tok.content.lstrip().startswith("<!--"):
                self.doc.warn(line, "HTML block skipped")
            i += 1

    def fenced_table(self, content: str, line: int) -> None:
        """A spreadsheet pasted between fences ("```", then "date,type,item,teams,…") is a
        table like one pasted as plain text; any other code block is no record of work."""
        lines = content.splitlines()
        nonblank = [(line + 1 + i, t.strip()) for i, t in enumerate(lines) if t.strip()]
        rows = delimited_rows(nonblank)
        if rows is not None and not cover_table(rows):
            read_table(self.doc, rows)

    def finish_list(self) -> None:
        """A list whose every item is a labelled field ("- **Action:** led …", "- **Result:**
        …") tells one piece of work; any other list is an item a line."""
        items, self.top_items = self.top_items, []
        if all(len(it.paragraphs) == 1 and not it.children for it in items) and \
                fields_paragraph(self.doc, [(it.line, it.paragraphs[0]) for it in items]):
            return
        if len(items) == 1 and len(items[0].paragraphs) == 1 and not items[0].children:
            text = items[0].paragraphs[0]
            if self.doc.note_category() is None and (question_asked(text) is not None or (
                    items[0].numbered and text[:1].isupper() and len(text.split()) <= 6
                    and text[-1:] not in ".!?" and not (looks_done(text) or states_done(text)))):
                # A form's numbered question or topic, written as a title ("1. What were your
                # most important contributions?", "3. Collaboration and teamwork"), which
                # Markdown reads as a list of one, heads the answer below it.
                self.push_pseudo_heading(text)
                return
        for item in items:
            self.doc.finish_item(item)

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
                rows[-1][1].append(clean(" ".join(inline_lines(tok))))
            j += 1
        if self.items:
            self.doc.warn(line, "table inside a list item skipped")
        elif not cover_table(rows):
            read_table(self.doc, rows)
        return j + 1

    def read_front_matter(self, content: str) -> None:
        try:
            data = yaml.safe_load(content)
        except yaml.YAMLError:
            return
        if isinstance(data, dict):
            year = data.get("year")
            if isinstance(year, int) and 1900 <= year <= 2199:
                self.doc.front_year = year




def parse_brag_doc(text: str, *, source: str = "<string>", today: date | None = None) -> BragDoc:
    """Parse a Markdown brag document into entries, notes and warnings; never raises on text."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unfenced(text)
    html_lines: list[int] | None = None  # for an HTML record: each Markdown line's line in it
    if looks_like_chat(text):
        text = chat_to_markdown(text)
    elif looks_like_org(text):
        text = org_to_markdown(text)
    elif looks_like_html(text):
        text, html_lines = html_to_markdown_lines(text)
    elif (exported := data_to_markdown(text)) is not None:
        text = exported
    elif (spliced := fenced_exports(text)) is not None:
        text, html_lines = spliced
    # Bullets typed or pasted from a word processor ("• shipped X") are list items.
    text = _UNICODE_BULLET.sub(r"\1- ", text)
    # A plain-text banner ("=== DELIVERY ===", "--- Q3 ---") heads the lines under it.
    text = banners_as_headings(text)
    walker = _Walker(text, source, today or date.today())
    with numeric_dates_of(text):  # one document writes "8/1/26" one way throughout
        walker.run()
    doc = walker.doc
    doc.merge_properties()
    doc.frame_by_role_taken()
    doc.entries = frame_by_effort(doc.entries, doc.opening)
    doc.spread_practices()
    subject = record_subject([e.title for e in doc.entries]) or walker.subject
    if subject:  # a nomination or write-up in the third person tells its subject's work
        doc.entries = [dataclasses.replace(e, subject=subject) for e in doc.entries]
    units = named_units(text)
    if units:  # an item naming a part of the organisation the record sized reaches it
        doc.entries = [dataclasses.replace(e, units=units) for e in doc.entries]
    org_size = stated_org_size(text)
    if org_size is not None:  # every item's work was done in the organisation it states
        doc.entries = [dataclasses.replace(e, org_size=org_size) for e in doc.entries]
    if html_lines is not None:
        doc.in_lines_of(html_lines)
    return BragDoc(entries=tuple(doc.entries), notes=tuple(doc.notes),
                   warnings=tuple(doc.warnings))
