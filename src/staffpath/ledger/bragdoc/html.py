"""A record saved as HTML (a wiki page or a document exported from an editor) read as the
Markdown the parser knows: headings are headings, list items are list items, table rows are
table rows, paragraphs and line breaks keep their text apart; scripts, styles and the page's
head are set aside, and character references are the characters they name. Each Markdown line
keeps the line of the HTML it came from, so an item or a warning names a line of the file."""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_markdown_lines", "looks_like_html"]

_BLOCK = re.compile(r"<(?:html|body|p|li|h[1-6]|table|div|ul|ol|br)\b[^>]*>", re.I)
_OPENS = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|h[1-6]|p|div|ul|ol|table|article"
                    r"|section|main)\b", re.I)
_SKIPPED = frozenset({"script", "style", "head", "title", "noscript", "template"})
_BREAKS = frozenset({"p", "div", "br", "ul", "ol", "section", "article", "blockquote", "pre",
                     "table", "hr"})


def looks_like_html(text: str) -> bool:
    """Whether `text` is an HTML page or fragment: it opens with a doctype, the page or a
    block element (not a comment above Markdown) and holds block elements."""
    return (_OPENS.match(text.lstrip()) is not None and len(_BLOCK.findall(text)) >= 2)


class _ToMarkdown(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.at: list[int] = []  # the HTML line each Markdown line came from
        self.skipping = 0
        self.lists: list[str] = []  # "ul" or "ol", innermost last
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.rows_in_table = 0

    def _line(self, text: str = "") -> None:
        self.out.append(text)
        self.at.append(self.getpos()[0])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif self.skipping:
            return
        elif re.fullmatch(r"h[1-6]", tag):
            self._line("")
            self._line("#" * int(tag[1]) + " ")
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
            self._line("")
        elif tag == "li":
            self._line("  " * max(0, len(self.lists) - 1) + "- ")
        elif tag == "table":
            self.rows_in_table = 0
            self._line("")
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag in _BREAKS:
            self._line("")
            self._line("")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif self.skipping:
            return
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self._line("")
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()).replace("|", "/"))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self._line("| " + " | ".join(self.row) + " |")
            if self.rows_in_table == 0:
                self._line("|" + "---|" * len(self.row))
            self.rows_in_table += 1
            self.row = None
        elif tag == "table" or re.fullmatch(r"h[1-6]", tag) or tag in ("p", "div"):
            self._line("")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.cell is not None:
            self.cell.append(data)
            return
        text = " ".join(data.split())
        if not text:
            return
        if self.out and self.out[-1] and not self.out[-1].endswith(" "):
            self.out[-1] += " " + text
        elif self.out:
            self.out[-1] += text
        else:
            self._line(text)


def html_to_markdown_lines(text: str) -> tuple[str, list[int]]:
    """The Markdown an HTML record says (see the module's account), and for each of its lines
    the line of `text` it came from."""
    parser = _ToMarkdown()
    parser.feed(text)
    parser.close()
    lines: list[str] = []
    at: list[int] = []
    for line, source in zip(parser.out, parser.at, strict=True):
        line = line.rstrip()
        if not line and (not lines or not lines[-1]):
            continue  # no blank line first, and at most one between two lines of text
        lines.append(line.lstrip() if not lines else line)
        at.append(source)
    while lines and not lines[-1]:
        lines.pop()
        at.pop()
    return "\n".join(lines) + "\n", at

