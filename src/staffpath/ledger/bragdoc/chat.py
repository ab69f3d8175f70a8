"""A chat thread kept as a record (a #brag channel, a thread with one's manager, a Slack or
Teams export pasted as text) read as the Markdown the parser knows: each message the author
posted is an item, dated by its own stamp or the day separator above it; the lines after a
message, up to the next one, are its details; what other people wrote in the thread (a
manager's "nice one", a question) is theirs, not the author's work, and is set aside.

The author is the person who posted most of the thread's words: a record kept in a chat is
the keeper's own account, with replies around it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

__all__ = ["chat_to_markdown", "looks_like_chat"]

_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?"
_DAY = (r"\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
        r"|(?:[A-Z][a-z]{2,8}\.?,?\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?"
        r"|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?")
_STAMP = rf"(?:(?P<day>{_DAY})[ ,T]+)?(?P<clock>{_CLOCK})"
_SPEAKER = r"(?P<who>[@\w][\w.\-' ]{0,30}?(?:\s*\([^)\n]{1,20}\))?)"
# "[10:02] maja: text", "[2025-03-04 10:02] maja.k: text", "10:02 maja: text",
# "maja [10:02]: text", "maja (10:02 AM): text", "<maja> text" (IRC)
_MESSAGE = [
    re.compile(rf"^\s*[\[(]?{_STAMP}[\])]?\s*[-–—|]?\s*{_SPEAKER}\s*:\s+(?P<text>\S.*)$"),
    re.compile(rf"^\s*{_SPEAKER}\s*[\[(]{_STAMP}[\])]\s*:?\s+(?P<text>\S.*)$"),
    re.compile(rf"^\s*(?:[\[(]?{_STAMP}[\])]?\s*)?<(?P<who>[\w.\-]{{1,30}})>\s+(?P<text>\S.*)$"),
]
# A Slack copy puts the name and the time on a line of their own, the message under it:
# "Maja Kowalski  10:02 AM" or "maja.k — 03/04/2025 10:02".
_POSTER = re.compile(rf"^\s*(?P<who>[@\w][\w.\-' ]{{0,30}}?)\s*(?:[-–—,]\s*|\s{{2,}}|\s+)"
                     rf"[\[(]?{_STAMP}[\])]?\s*$")
# A day separator: "--- Tuesday, March 4th ---", "── 2025-03-04 ──", "Today", "March 4, 2025".
_SEPARATOR = re.compile(rf"^\s*[-–—=─_*#\s]*(?P<day>(?:[A-Z][a-z]+day,?\s+)?(?:{_DAY}))"
                        r"[-–—=─_*\s]*$")


@dataclass
class _Message:
    line: int
    who: str
    text: str
    day: str | None
    more: list[tuple[int, str]] = field(default_factory=list)


def _message(line: str) -> tuple[str, str, str | None] | None:
    for pattern in _MESSAGE:
        m = pattern.match(line)
        if m is not None and len(m.group("who").split()) <= 4:
            return (_speaker(m.group("who")), m.group("text").strip(),
                    m.groupdict().get("day"))
    return None


def _poster(line: str) -> re.Match[str] | None:
    """A line naming who posted and when, with the message under it (a Slack copy)."""
    m = _POSTER.match(line)
    return m if m is not None and len(m.group("who").split()) <= 4 else None


def _speaker(who: str) -> str:
    """Who posted, by their first name: "Maja Kowalski", "maja.k" and "@maja" are one person
    in a thread."""
    name = re.sub(r"\s*\([^)]*\)$", "", who).strip().lstrip("@").lower()
    return re.split(r"[\s._]+", name)[0]


def looks_like_chat(text: str) -> bool:
    """Whether `text` is a chat thread: three messages or more with a time stamp and who
    posted them, making up most of the lines that say anything, and no Markdown headings
    beyond a title."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(re.findall(r"^#{1,6}\s", text, re.M)) > 1:
        return False
    posted = sum(1 for ln in lines if _message(ln) is not None or _poster(ln) is not None)
    return posted >= 3 and posted * 3 >= len(lines)


def _messages(lines: list[str]) -> tuple[list[_Message], list[int]]:
    """The thread's messages in order, and the lines before the first (its title, header)."""
    out: list[_Message] = []
    opening: list[int] = []
    day: str | None = None
    poster: tuple[str, str | None] | None = None
    for n, raw in enumerate(lines):
        if not raw.strip():
            continue
        found = _message(raw)
        if found is not None:
            who, said, own_day = found
            day = own_day or day
            out.append(_Message(n, who, said, day))
            poster = None
            continue
        posted = _poster(raw)
        if posted is not None:
            day = posted.group("day") or day
            poster = (_speaker(posted.group("who")), day)
            continue
        sep = _SEPARATOR.match(raw)
        if sep is not None:
            day = sep.group("day")
            continue
        if poster is not None:  # the first line under a poster's name is their message
            out.append(_Message(n, poster[0], raw.strip(), poster[1]))
            poster = None
        elif out:
            out[-1].more.append((n, raw.strip()))
        else:
            opening.append(n)
    return out, opening


def chat_to_markdown(text: str) -> str:
    """The thread as a list of the author's messages, each a dated item, on the lines they
    were posted on, so items keep their line numbers; the header above the first message is
    kept as written."""
    lines = text.split("\n")
    messages, opening = _messages(lines)
    words: Counter[str] = Counter()
    for msg in messages:
        words[msg.who] += len(" ".join([msg.text, *(t for _, t in msg.more)]).split())
    if not words:
        return text
    author = words.most_common(1)[0][0]
    out = [""] * len(lines)
    for n in opening:
        out[n] = lines[n]
    for msg in messages:
        if msg.who != author:
            continue
        stamp = f"{msg.day}: " if msg.day else ""
        out[msg.line] = f"- {stamp}{msg.text}"
        for n, more in msg.more:
            out[n] = f"  - {more}"
    return "\n".join(out)
