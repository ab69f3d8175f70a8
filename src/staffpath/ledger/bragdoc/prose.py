"""Plain text out of markdown-it inline tokens, and whether prose opens like an accomplishment."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from markdown_it.token import Token

from staffpath.ledger.extract.periods import STANDING_VERBS

__all__ = ["after_bold_lead", "checkbox_state", "clean", "inline_lines", "looks_done",
           "opens_self_account", "reports_work", "self_account", "self_account_label",
           "typed_list"]


def _is_checkbox(tok: Token) -> bool:
    return tok.type == "html_inline" and "task-list-item-checkbox" in tok.content


def inline_lines(inline: Token) -> list[str]:
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
    return [clean(line) for line in lines]


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# A date opening a typed line and set apart from its words by a column's gap (two spaces or
# more, a tab): "01-06  board pre-read drafted", "10-14\tsync w/ payments".
_GAP_AFTER_DATE = re.compile(r"\s*(\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{1,4})?)(?: {2,}|\t)\s*(?=\S)")


def gap_as_separator(typed: str, text: str) -> str:
    """`text` (a line as cleaned) with the column's gap after its opening date, as `typed`
    has it, written as the separator it is ("01-06: board pre-read drafted"): cleaning makes
    every gap one space, and one space after "10-12" leaves it words ("10-12 people")."""
    m = _GAP_AFTER_DATE.match(typed)
    if m is None or not text.startswith(m.group(1) + " "):
        return text
    return f"{m.group(1)}: {text[len(m.group(1)) + 1:]}"


def checkbox_state(inline: Token) -> bool | None:
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
    "mentored", "shipped", "said", "sat", "lost",
    # More of English's irregular past tenses, as logs use them: "Went to …", "I'd put her
    # forward", "I only heard about it afterwards".
    "went", "came", "heard", "knew", "felt", "let", "sought", "wound", "flew", "forgot",
    "gave", "hid", "meant", "rang", "sang", "slept", "stuck", "swore", "took", "wove", "won",
    "woke", "wore", "bound", "bent", "broke", "chose", "dug", "fed", "fell", "forbade", "froze",
])
_OPENERS = frozenset(["i", "we", "i've", "we've", "also", "then", "finally", "personally",
                      "jointly", "successfully"])
_NOT_PAST = frozenset([
    "need", "indeed", "speed", "feed", "seed", "bed", "red", "embed", "proceed", "exceed",
    "succeed", "weed", "bleed", "breed", "greed", "hundred", "shred", "sacred", "naked",
    "wicked",
])


def looks_done(text: str) -> bool:
    """Whether prose opens like an accomplishment: with a past-tense verb."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text[:80])
    # "I wrote …", "We then shipped …": the verb after the subject opens the account.
    while words and words[0].lower() in _OPENERS:
        words = words[1:]
    if not words:
        return False
    word = words[0].lower().split("-")[-1]
    if word in _PAST_IRREGULAR:
        return True
    return len(word) > 3 and word.endswith("ed") and word not in _NOT_PAST


_FIRST_PERSON_ACT = re.compile(
    r"\b(?:I|[Ww]e)(?:'ve|'d| have| had)?\s+(?:(?:also|then|first|later|personally|eventually|"
    r"finally|successfully|jointly|recently|only|just|already)\s+)?(?P<verb>[a-z][a-z'-]+)\b")
MIN_PROSE_WORDS = 12


@functools.lru_cache(maxsize=64)
def _subject_act(subject: tuple[str, ...]) -> re.Pattern[str]:
    """An act of the person a record is about: "she wrote", "Ifeoma has also run"."""
    return re.compile(r"\b(?i:" + "|".join(re.escape(w) for w in subject) + r")"
                      r"(?: has| had)?\s+(?:(?:also|then|first|later|personally|eventually"
                      r"|finally|quickly|only|just|already)\s+)?(?P<verb>[a-z][a-z'-]+)\b")


def reports_work(text: str, subject: Sequence[str] = (), *, first_person: bool = True) -> bool:
    """Whether a paragraph of prose reports work the author did: a first-person subject with a
    past-tense verb ("In spring 2025 I wrote …", "We shipped …", "I have run …") or a standing
    role told in the present tense ("On people: I mentor three senior engineers …"), and long
    enough to say what the work was. Paragraphs that only plan, hope or describe do not. In a
    record written about someone (`subject`: "she", "ifeoma"), their acts are the work; in a
    colleague's words quoted there, only theirs are (`first_person=False`: the colleague's "I"
    is the colleague's)."""
    if len(text.split()) < MIN_PROSE_WORDS:
        return False
    acts = list(_FIRST_PERSON_ACT.finditer(text)) if first_person else []
    if subject:
        acts += _subject_act(tuple(subject)).finditer(text)
    for m in acts:
        verb = m.group("verb").lower()
        if verb in _PAST_IRREGULAR or (len(verb) > 3 and verb.endswith("ed")
                                       and verb not in _NOT_PAST):
            return True
        if m.group(0)[:1] in "Ii" and verb in STANDING_VERBS and not subject:
            return True
    return False


# The label a review tool puts over the author's own account of a goal or a competency.
_SELF_ACCOUNT = re.compile(
    r"^\s*(?:self[- ]?(?:comments?|assessment|review|evaluation)|employee (?:comments?|response)"
    r"|my (?:comments?|response|contribution)|evidence|examples?|what i did)\s*:\s*(?P<rest>.*)$",
    re.I)


def self_account_label(text: str) -> bool:
    """Whether `text` is a review tool's label for the author's own account on its own, as a
    heading made of it reads ("Self-comments")."""
    return _SELF_ACCOUNT.match(text.rstrip(" :*_") + ":") is not None


def opens_self_account(nonblank: list[tuple[int, str]]) -> bool:
    """Whether a paragraph holds a review tool's label for the author's own account
    ("Self-comments:"), with or without the account after it."""
    return any(_SELF_ACCOUNT.match(line) for _, line in nonblank)


def self_account(nonblank: list[tuple[int, str]]) -> str | None:
    """The author's account a paragraph holds under a review tool's label, if it has one."""
    for at, (_, line) in enumerate(nonblank):
        m = _SELF_ACCOUNT.match(line)
        if m is not None:
            told = " ".join([m.group("rest"), *(t for _, t in nonblank[at + 1:])]).strip()
            return told or None
    return None


def after_bold_lead(inline: Token) -> str | None:
    """The text after a bold or italic lead-in that opens a paragraph, or None when the
    paragraph does not open with one (or is nothing but one)."""
    children = [c for c in inline.children or [] if not (c.type == "text" and not c.content)]
    if not children or children[0].type not in ("strong_open", "em_open"):
        return None
    close = children[0].type.replace("_open", "_close")
    end = next((i for i, c in enumerate(children) if c.type == close), None)
    if end is None:
        return None
    rest = "".join(c.content if c.type in ("text", "code_inline") else " "
                   for c in children[end + 1:] if c.type in ("text", "code_inline", "softbreak",
                                                              "hardbreak"))
    rest = re.sub(r"^[\s.:;,—–-]*(?:\([^)]*\)[\s.:;,—–-]*)?", "", rest).strip()
    return rest or None


def typed_list(nonblank: list[tuple[int, str]]) -> bool:
    """Three or more lines, each its own statement: the lines after the first open with a
    capital, a digit or a sign ("#help-catalog. Top responder.", "~410 PRs reviewed."), all
    of them or, in a long list, all but one in ten, and most end a sentence. A paragraph
    wrapped by hand runs its sentences on from line to line instead."""
    lines = [t for _, t in nonblank]
    if len(lines) < 3:
        return False
    rest = lines[1:]
    opened = sum(t[:1].isupper() or t[:1].isdigit() or t[:1] in "#~@$€£+±" for t in rest)
    if opened < len(rest) and (len(rest) < 10 or 10 * opened < 9 * len(rest)):
        return False
    return 3 * sum(t.rstrip()[-1:] in ".!?)" for t in rest) >= 2 * len(rest)
