"""Classifying a brag-document heading: a period, notes, a category, generic, the title or a
project; and its words once the dates are taken out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from staffpath.ledger.extract.dates import FISCAL_YEAR, DateSpan, find_dates, outside_dates
from staffpath.ledger.extract.kind import category_kind
from staffpath.vocab import EvidenceKind

__all__ = ["Heading", "banners_as_headings", "classify_heading", "note_category", "only_when",
           "question_asked", "without_dates"]

_NOTE_CORES = [
    ("learning", r"things? (?:i want |i d like |i'd like )?to learn|to learn|want to learn"
                 r"|learning (?:goals?|plans?|list|backlog|objectives?|wishlist)|reading list"
                 r"|skills? to (?:build|develop|learn|grow|improve)|growth areas?"
                 r"|areas? (?:of|for|to) (?:growth|improvement|development|improve|develop|grow)"
                 r"|(?:improvement|development) areas?|feedback to work on"),
    ("todo", r"to ?-?dos?|next(?: steps?| up)?|action items?|backlog|follow ?-?ups?"
             r"|open tasks?|tasks?"),
    ("goal", r"goals?|objectives?|okrs?|plans?|aspirations?|targets?|intentions?|priorities"
             r"|focus areas?|commitments?|resolutions?|looking ahead|what'?s next"
             # "What I will do in H2", "What I'd do next (the staff part)"
             r"|what (?:i|we) (?:want|would like|hope for|am aiming for) next"
             r"|what (?:i|we) ?(?:will|'ll|'d|would|plan to|want to|intend to|hope to"
             r"|would like to) (?:do|achieve|work on|focus on|deliver|build|lead|tackle"
             r"|take on)\b(?!.*\bdifferently\b).*|where (?:i|we) want to (?:be|go)"
             # "Things I want to do next year", "Stuff I'd like to try"
             r"|(?:things?|stuff) (?:i|we) (?:want|would like|'d like|d like|hope|plan|intend)"
             r" to (?:do|try|work on|focus on|take on|lead|own|achieve|build|change)\b.*"
             # A review form asks it: "What do you want to focus on next year?"
             r"|what (?:do|would|will) you (?:want|like|plan|hope|intend) to (?:do|achieve"
             r"|work on|focus on|learn|deliver|build|lead|improve|grow|take on)\b.*"
             r"|what are your (?:goals?|plans?|priorities|objectives?|aspirations?)\b.*"
             r"|vision for (?:the )?(?:next|coming|upcoming) (?:year|quarter|half|cycle)"),
    # The people who can speak for the work are not work: "Advocates", "References",
    # "People who can vouch for this".
    ("advocates", r"advocates?|references?|referees?|endorsers?"
                  # "Which teams and leaders would advocate for your work?"
                  r"|(?:who|which [\w ]{1,30}) (?:would|will|could|can) (?:advocate|vouch"
                  r"|speak up|sponsor)\b.*"
                  # "Stakeholders who will speak for this work", "Leaders who can vouch"
                  r"|(?:(?:people|stakeholders|leaders|colleagues|managers|those) )?"
                  r"who (?:can|will|could) (?:speak|vouch|talk)(?: (?:for|to|about))?"
                  r"(?: (?:this|it|me|my|the|our)(?: work)?)?"),
    # Life outside work is no work: "Outside work", "Hobbies", "Personal life".
    ("other", r"(?:life )?outside (?:of )?work|hobbies|personal life"
              r"|off the clock|away from work"
              r"|ideas?|wish ?list|(?:open )?questions?|notes? to self|parking lot|someday"
              r"|maybe later|thoughts|scratch(?:pad)?"
              # What the author asks for or is unsure of is no work: "What I need from
              # Tobias", "Where do you need support?", "Things I'm unsure about".
              r"|(?:what|support|help) (?:i|we) need(?: from [\w' -]{1,30})?"
              r"|where (?:do )?(?:i|we|you) need (?:support|help)|support needed"
              r"|asks?(?: (?:for|of) [\w' -]{1,30})?"
              r"|(?:things )?i'?m unsure (?:about|of)|concerns|worries|uncertainties"
              # The author's case for the promotion argues from the work told elsewhere; it is
              # no more work: "Why are you ready for Senior?", "Why I'm ready for staff".
              r"|why (?:are you|i'?m|i am|am i|you are|i think i'?m) ready(?: for [\w -]{1,25})?"
              r"|why (?:staff|senior|principal|(?:this |the |a )?promotion)(?: now)?"),
]
_NOTE_FILL = (r"(?:my|our|personal|career|growth|development|progression|professional|team"
              r"|next|this|upcoming|coming"
              r"|quarter|year|half|month|week|cycle|period|for|the|and|in|q[1-4]|h[12]|\d{4}|fy\d*"
              r"|from|manager|lead|peers|packet|promo|promotion|calibration)")
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


@dataclass
class Heading:
    """One heading in force: its level (a pseudo-heading sits half a level below), role and date."""

    level: float
    text: str
    date: DateSpan | None
    role: str  # "period" | "notes" | "category" | "generic" | "title" | "project"
    project: str | None = None
    note_category: str | None = None
    kind: EvidenceKind | None = None
    pseudo: bool = False
    fiscal_year: int | None = None  # a title's "FY2025": the year of its yearless dates
    # A title's fiscal year spelled out across two calendar years ("FY25 (Apr 2024 – Mar
    # 2025)"): the period the record covers, in which its yearless dates fall.
    covers: DateSpan | None = None


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


def without_dates(text: str, default_year: int | None, today: date | None = None
              ) -> tuple[str, str, DateSpan | None]:
    """Heading text without its dates: (normalised lowercase words, cleaned original, date)."""
    found = find_dates(text, default_year=default_year, heading=True, today=today)
    cleaned = outside_dates(text, found)
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
    # "written May 2025, covering February 2024 to now": the day it was written is not when
    # the work under it was done.
    work = [m for m in found if not _WRITTEN_ON.search(text[:m.start])] or found
    return norm, cleaned, (work[0].span if work else None)


_COVERING = re.compile(r"\b(?:covering|covers|written|review\s+period|period\s+covered)\b", re.I)
_WRITTEN_ON = re.compile(r"\b(?:written|updated|last\s+updated|as\s+of|dated|drafted|sent"
                         r"|prepared|submitted)\s*(?:on\s+|in\s+)?$", re.I)


# A heading's number ("7. Goals and career growth", "3) Mentoring", "Section 2:") is no part of
# what it names.
_NUMBERED = re.compile(r"^(?:(?:section|part|q)\s*)?\d{1,2}\s*(?:[.):]\s*|\s+)(?=\D)", re.I)


def note_category(norm: str) -> str | None:
    norm = _NUMBERED.sub("", norm)
    for cat, regex in _NOTE_RES:
        if regex.match(norm):
            return cat
    return None


# A review form's or an interview's question: its label ("Q1.", "Question 3:", "Q:", "2)", or
# the asker's name, "Clara:"), then the question ("What did you deliver this half?") or the
# form's prompt ("Describe your technical decisions and their trade-offs.").
_QUESTION_LABEL_RE = re.compile(
    r"^(?:q(?:uestion)?\s*\d{0,2}\s*[.:)\-–—]|\d{1,2}[.)]|[A-Z][\w'’-]{1,20}:)\s*", re.I)
_PROMPT_RE = re.compile(
    r"^(?:please\b|(?:describe|tell (?:us|me)|list|share|explain|summari[sz]e|reflect on"
    r"|give (?:an? |some )?examples?|outline|name (?:one|two|three|a|an|the))\b)", re.I)
_SENTENCE_RE = re.compile(r"[^.?!]+[.?!]*")


def question_asked(text: str) -> str | None:
    """The question a line asks, without its label, when the line is only a question or a
    form's prompt: a prompt heads the answer below it and is not itself work. A line that
    answers ("Did it work? Yes: p95 fell to 400 ms.") is not a question."""
    line = text.strip().strip("*_").strip()
    label = _QUESTION_LABEL_RE.match(line)
    rest = line[label.end():].strip().strip("*_").strip() if label else line
    rest = rest.strip("\"'“”‘’ ")
    if not rest or len(rest.split()) > 40:
        return None
    sentences = [m.group(0).strip() for m in _SENTENCE_RE.finditer(rest) if m.group(0).strip()]
    if not sentences:
        return None
    asks = [s.endswith("?") or (s.endswith(".") and bool(_PROMPT_RE.match(s)))
            for s in sentences]
    if not all(asks):
        return None
    if not sentences[0].endswith("?") and label is None and len(rest.split()) > 20:
        return None  # an unlabelled imperative is a prompt only when it is short
    return rest


def classify_heading(text: str, level: float, default_year: int | None, today: date,
                      may_be_title: bool) -> Heading:
    # A form's question heads its answer: the answer's topic may name a kind of work ("How did
    # you help others grow?") or notes ("Where do you need support?"), but the question is no
    # project, and its label ("Q1.") is no quarter.
    asked = question_asked(text)
    norm, cleaned, span = without_dates(asked if asked is not None else text, default_year,
                                        today)
    norm = _NUMBERED.sub("", norm)
    note = note_category(norm) if norm else None
    if note is not None:
        return Heading(level, text, span, "notes", note_category=note)
    kind = category_kind(norm) if norm else None
    if kind is not None:
        return Heading(level, text, span, "category", kind=kind)
    if asked is not None:
        return Heading(level, text, span, "period" if span else "generic")
    if not norm or _GENERIC_RE.match(norm) or "brag" in norm.split() or (
            span is not None and _COVERING.search(text)):
        # "… — written May 2025, covering February 2024 to now" says what the document covers.
        return Heading(level, text, span, "period" if span else "generic")
    if may_be_title and span is not None and FISCAL_YEAR.search(text):
        # "FY2025 OKR retro": the year the record's quarters and months fall in, not a
        # project's dates nor a period that would hide the months stated under it.
        if span.start.year != span.end.year:
            return Heading(level, text, None, "title", covers=span)
        return Heading(level, text, None, "title", fiscal_year=span.start.year)
    if may_be_title and span is None:
        return Heading(level, text, None, "title")
    return Heading(level, text, span, "project", project=cleaned)


_WHEN_WORDS = re.compile(r"\b(?:mid|early|late|end|start|since|from|to|until|till|through|and"
                         r"|of|ongoing|now|present|today|throughout|the year)\b|→|->", re.I)


def only_when(text: str, year: int) -> bool:
    """Whether `text` says only when ("(Feb → May)", "— Q2 2026", "(ongoing)")."""
    core = text.strip(" \t()[]{}—–-:.,*_")
    found = find_dates(core, default_year=year, heading=True)
    left = _WHEN_WORDS.sub(" ", outside_dates(core, found))
    return bool(core) and (bool(found) or "ongoing" in core.lower()) \
        and not re.search(r"\w", left)


_BANNER = re.compile(r"^[ \t]*(={3,}|-{3,}|\*{3,}|~{3,}|\+{3,})[ \t]*"
                     r"([^\n=*~+-][^\n]*?[A-Za-z0-9][^\n]*?|[A-Za-z0-9])[ \t]*\1[ \t]*$", re.M)

# Half a banner ("--- JAN", "=== Q3 2025"): a heading when its words only say when, or are
# capitals ("--- DELIVERY"); "--- shipped the fix" is a line of the log.
_HALF_BANNER = re.compile(r"^[ \t]*(?:={3,}|-{3,}|\*{3,}|~{3,}|\+{3,})[ \t]*"
                          r"([A-Za-z0-9][^\n]{0,30}?)[ \t]*$", re.M)


_ANY_YEAR = 2000


def _half_banner(m: re.Match[str]) -> str:
    label = m.group(1)
    capitals = label.isupper() and len(label.split()) <= 4 and re.search(r"[A-Z]{3}", label)
    # The year only places yearless words; whether the words say only when does not depend on it.
    if capitals or only_when(label, _ANY_YEAR):
        return "## " + label
    return m.group(0)


def banners_as_headings(text: str) -> str:
    """A plain-text banner ("=== DELIVERY ===", "--- Q3 ---", "--- JAN") heads the lines under
    it, as a Markdown heading would."""
    text = _BANNER.sub(r"## \2", text)
    return _HALF_BANNER.sub(_half_banner, text)
