"""Blocks of Markdown that are not what they look like: a whole record pasted between code
fences is its lines, and a paragraph wholly in italics is the author's aside about the record."""

from __future__ import annotations

import re

from markdown_it.token import Token

__all__ = ["inline_children", "italic_aside", "unfenced", "wrapped_in"]

_FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*$", re.M)
_SHELL_COMMENT = re.compile(r"^([ \t]*)#+[ \t]", re.M)


def inline_children(inline: Token) -> list[Token]:
    """A paragraph's inline tokens, without the blank text between them."""
    return [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]


def wrapped_in(children: list[Token], opens: tuple[str, ...]) -> bool | None:
    """None when the paragraph does not open and close with one of the emphases `opens`
    ("strong_open", "em_open"); else whether one emphasis wraps all of it ("**Week of March
    4**"), not only a lead-in and a tail ("**Shipped** X **fast**")."""
    closes = tuple(o.replace("_open", "_close") for o in opens)
    if len(children) < 3 or children[0].type not in opens or children[-1].type not in closes:
        return None
    depth = 0
    for i, c in enumerate(children):
        depth += c.type.endswith("_open") - c.type.endswith("_close")
        if depth == 0 and i < len(children) - 1:
            return False
    return True


def italic_aside(inline: Token, nonblank: list[tuple[int, str]]) -> bool:
    """Whether a paragraph is wholly in italics and a sentence or more: an aside about the
    record ("*My manager and I did this as a mock interview …*"), not a heading or work."""
    if not wrapped_in(inline_children(inline), ("em_open",)):
        return False
    text = " ".join(t for _, t in nonblank)
    return len(text.split()) > 14 and text.rstrip(" *_").endswith((".", "!", "?", ")"))



def unfenced(text: str) -> str:
    """A document that is one fenced block (a plain-text log pasted between ``` fences) is
    that text: its lines are the record, and a `# ` opening a line there is a note written
    beside the log, not a heading. Line numbers stay where they were."""
    fences = list(_FENCE.finditer(text))
    if len(fences) != 2 or text[:fences[0].start()].strip() or text[fences[1].end():].strip():
        return text
    inner = text[fences[0].end():fences[1].start()]
    return (text[:fences[0].start()] + _SHELL_COMMENT.sub(r"\1", inner)
            + text[fences[1].end():])
