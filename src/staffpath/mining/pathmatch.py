"""Gitignore-style path patterns, compiled to one regular expression per pattern list."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_WILDCARDS = frozenset("*?[")


class PatternError(ValueError):
    """A pattern that cannot be compiled; the message says why."""


def _segment_regex(segment: str, *, allow_classes: bool) -> str:
    out: list[str] = []
    i, n = 0, len(segment)
    while i < n:
        ch = segment[i]
        if ch == "\\":
            if i + 1 < n:
                out.append(re.escape(segment[i + 1]))
                i += 2
                continue
            raise PatternError("pattern ends with a lone backslash")
        if ch == "*":
            while i < n and segment[i] == "*":
                i += 1
            out.append("[^/]*")
            continue
        if ch == "?":
            out.append("[^/]")
        elif ch == "[":
            if not allow_classes:
                raise PatternError("character ranges like [abc] are not supported here")
            end = segment.find("]", i + 2 if segment[i + 1:i + 2] in ("!", "^") else i + 1)
            if end < 0:
                raise PatternError("unclosed [ in pattern")
            body = segment[i + 1:end]
            if body[:1] in ("!", "^"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\").replace("/", "") + "]")
            i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


def _has_wildcard(segment: str) -> bool:
    return any(ch in _WILDCARDS for ch in segment)


def pattern_regex(pattern: str, *, github: bool = False) -> str:
    """The regular expression (without anchors) a gitignore-style pattern matches a path with.

    Paths are relative, '/'-separated, without a leading slash. A pattern that names a folder
    also matches everything under it. With `github`, CODEOWNERS rules apply: a last segment
    with a wildcard (`docs/*`) matches files directly in that folder only, and character
    ranges are refused.
    """
    text = pattern.strip()
    if not text:
        raise PatternError("empty pattern")
    if text.startswith("!"):
        raise PatternError("negated patterns (!) are not supported")
    dir_only = text.endswith("/") and not text.endswith("\\/")
    text = text.rstrip("/") if dir_only else text
    anchored = text.startswith("/") or "/" in text
    text = text.lstrip("/")
    if not text:
        return ".*"  # "/" alone: the whole repository
    segments = text.split("/")
    parts: list[str] = []
    trailing_all = False
    for index, seg in enumerate(segments):
        last = index == len(segments) - 1
        if seg == "**":
            if last:
                trailing_all = True
            else:
                parts.append("(?:[^/]+/)*")
            continue
        parts.append(_segment_regex(seg, allow_classes=not github) + ("" if last else "/"))
    body = "".join(parts)
    if trailing_all:
        # `dir/**` matches everything inside dir; `**` alone matches everything.
        body = body + ".+" if body else ".*"
    prefix = "" if anchored else "(?:[^/]+/)*"
    if trailing_all:
        return prefix + body
    if dir_only:
        return prefix + body + "/.+"
    last_seg = segments[-1]
    if github and _has_wildcard(last_seg):
        return prefix + body
    return prefix + body + "(?:/.+)?"


@dataclass(frozen=True)
class PatternList:
    """Patterns in file order; `last_match` gives the index of the last one matching a path."""

    patterns: tuple[str, ...]
    github: bool = False
    _regex: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.patterns:
            return
        # Alternatives in reverse order: the regex engine takes the first alternative that
        # matches, which is then the *last* matching pattern (CODEOWNERS precedence).
        groups = "|".join(f"({pattern_regex(p, github=self.github)})"
                          for p in reversed(self.patterns))
        object.__setattr__(self, "_regex", re.compile(f"(?s:{groups})\\Z"))

    def last_match(self, path: str) -> int | None:
        """Index (in file order) of the last pattern matching path, or None."""
        if self._regex is None:
            return None
        m = self._regex.match(path)
        if m is None or m.lastindex is None:
            return None
        return len(self.patterns) - m.lastindex

    def matches(self, path: str) -> bool:
        return self._regex is not None and self._regex.match(path) is not None


def compile_patterns(patterns: Sequence[str], *, github: bool = False) -> PatternList:
    """A PatternList, raising PatternError naming the first bad pattern."""
    for p in patterns:
        try:
            pattern_regex(p, github=github)
        except PatternError as exc:
            raise PatternError(f"{p!r}: {exc}") from None
    return PatternList(tuple(patterns), github=github)
