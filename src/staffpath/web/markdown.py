"""User Markdown to safe HTML: rendered with raw HTML off, then cleaned with an allow-list."""

from __future__ import annotations

import functools

import nh3
from markdown_it import MarkdownIt

# Markup a journal entry or packet needs; no images (no requests to other hosts), no forms,
# no inline styles, no event handlers, no scripts.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "kbd", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"align"}, "th": {"align"}, "abbr": {"title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


@functools.cache
def _parser() -> MarkdownIt:
    # html=False: raw HTML in the source is shown as text, never passed through.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}
                      ).enable("table").enable("strikethrough")


def clean_html(html: str) -> str:
    """Keep only allow-listed tags, attributes and URL schemes."""
    return nh3.clean(html, tags=set(ALLOWED_TAGS), attributes={
        k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()}, url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow", strip_comments=True)


def render_markdown(text: str) -> str:
    """Safe HTML for Markdown written by a user (entry bodies, brag docs, packets)."""
    return clean_html(_parser().render(text or ""))
