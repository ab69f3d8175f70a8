"""An Org-mode record (Emacs users keep their work log in one) read as the Markdown the parser
knows: headlines ("** DONE Meter ingest v2   :migration:") are headings, dated by their
CLOSED line and a STARTED property; keywords ("#+TITLE:"), property drawers and planning lines
are set aside; an Org comment ("# notes to self") is plain text, not a Markdown heading; Org
timestamps ("[2025-09-26 Fri]") are plain dates."""

from __future__ import annotations

import re

__all__ = ["looks_like_org", "org_to_markdown"]

_KEYWORD = re.compile(r"^#\+(\w+):\s*(.*)$")
_HEADLINE = re.compile(
    r"^(?P<stars>\*+)\s+(?:(?:TODO|DONE|NEXT|WAITING|HOLD|CANCELL?ED|STARTED)\s+)?"
    r"(?:\[#[A-C]\]\s+)?(?P<title>.*?)(?:\s+(?P<tags>:[\w@:]+:))?\s*$")
_PLANNING = re.compile(r"^\s*(?:(?:CLOSED|SCHEDULED|DEADLINE):\s*\S+.*)$")
_CLOSED = re.compile(r"CLOSED:\s*[\[<](\d{4}-\d{2}-\d{2})")
_STARTED = re.compile(r"^\s*:(?:STARTED|START|BEGIN|CREATED):\s*[\[<]?(\d{4}-\d{2}-\d{2})", re.I)
_TIMESTAMP = re.compile(r"[\[<](\d{4}-\d{2}-\d{2})(?:\s+[A-Za-z]{2,3}\.?)?(?:\s+\d{1,2}:\d{2})?"
                        r"(?:-\d{1,2}:\d{2})?[\]>]")


def looks_like_org(text: str) -> bool:
    """Whether `text` is written in Org mode: Org keywords, or headlines with Org's task
    states, and no Markdown heading."""
    if re.search(r"^#\+(?:title|author|date|startup|tags|options|filetags)\b", text, re.I | re.M):
        return True
    states = re.findall(r"^\*+\s+(?:TODO|DONE)\b", text, re.M)
    return len(states) >= 2 and not re.search(r"^#{1,6}\s", text, re.M)


def _drawer_end(lines: list[str], start: int) -> int:
    for j in range(start, len(lines)):
        if lines[j].strip().upper() == ":END:":
            return j
    return start


def org_to_markdown(text: str) -> str:
    """The Markdown an Org record reads as, line for line."""
    lines = text.split("\n")
    out: list[str] = []
    depth = 0  # the current headline's level: its body is indented one more
    i = 0
    while i < len(lines):
        line = lines[i]
        keyword = _KEYWORD.match(line)
        head = _HEADLINE.match(line)
        if keyword:
            title = keyword.group(2).strip() if keyword.group(1).lower() == "title" else ""
            out.append(f"# {title}" if title else "")
            i += 1
            continue
        if head and head.group("title"):
            depth = len(head.group("stars"))
            started = closed = None
            j = i + 1
            while j < len(lines) and (_PLANNING.match(lines[j])
                                      or lines[j].strip().upper() == ":PROPERTIES:"):
                if lines[j].strip().upper() == ":PROPERTIES:":
                    end = _drawer_end(lines, j + 1)
                    for prop in lines[j + 1:end]:
                        found = _STARTED.match(prop)
                        started = started or (found.group(1) if found else None)
                    j = end + 1
                else:
                    found = _CLOSED.search(lines[j])
                    closed = closed or (found.group(1) if found else None)
                    j += 1
            when = " – ".join(d for d in (started, closed) if d)
            title = _TIMESTAMP.sub(r"\1", head.group("title")).strip()
            out.append("#" * min(depth + 1, 6) + f" {title}" + (f" ({when})" if when else ""))
            out += [""] * (j - i - 1)  # each line keeps its number, for "file:line" messages
            i = j
            continue
        if line.strip().upper() == ":PROPERTIES:":
            end = _drawer_end(lines, i + 1) + 1
            out += [""] * (end - i)
            i = end
            continue
        if line.startswith("# ") or line == "#":
            out.append(line[2:])  # a comment: text to a reader, not a heading
        else:
            body = line[min(len(line) - len(line.lstrip(" ")), depth + 1):]
            out.append(_TIMESTAMP.sub(r"\1", body))
        i += 1
    return "\n".join(out)
