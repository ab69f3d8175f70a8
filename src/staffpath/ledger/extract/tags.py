"""The labels an author puts on an item: ``#tags`` and ``@mentions`` of people."""

from __future__ import annotations

import re

__all__ = ["extract_mentions", "extract_tags"]

_URL_RE = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|\]\([^)]*\)", re.I)
_TAG_RE = re.compile(r"(?<![\w&#/])#(?P<tag>[A-Za-z][\w\-]*[\w]|[A-Za-z])")
_MENTION_RE = re.compile(r"(?<![\w.@/+\-])@(?P<who>[A-Za-z0-9](?:[\w.\-]*[\w])?)")


def _dedupe(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def extract_tags(text: str) -> tuple[str, ...]:
    """`#tags` in order, lowercased and deduplicated; not issue numbers, URLs or headings."""
    text = _URL_RE.sub(" ", text)
    return _dedupe([m.group("tag").lower() for m in _TAG_RE.finditer(text)])


def extract_mentions(text: str) -> tuple[str, ...]:
    """`@people` in order, lowercased and deduplicated; e-mail addresses and URLs ignored."""
    text = _URL_RE.sub(" ", text)
    return _dedupe([m.group("who").lower() for m in _MENTION_RE.finditer(text)])
