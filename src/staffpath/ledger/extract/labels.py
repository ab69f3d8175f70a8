"""Where a heading labels the work under it.

A heading's label is a parenthesised word ("Partial refunds (lead)") or its last segment
("FHIR gateway migration — helped with", "Ben Castillo — shipped"), or the whole of a heading
that is one phrase ("Led the payments migration"). The rest of a heading names something
else: in "Monthly notes — Olu, Developer Experience" or "Principal nomination — supporting
document — Tariq" the words before the label name the document and its author, not the role
anyone took or the kind of work listed under it.
"""

from __future__ import annotations

import re

__all__ = ["heading_labels"]

_PAREN = re.compile(r"\(([^()]*)\)")
_LAST_SEGMENT = re.compile(r"(?:\s[—–-]\s|:\s|\|)\s*([^—–:|]*)$")


def heading_labels(heading: str) -> list[str]:
    """The heading's labels: its parenthesised groups (with their brackets), then its last
    segment (or the whole heading), brackets taken out."""
    labels = [f"({group})" for group in _PAREN.findall(heading)]
    last = _LAST_SEGMENT.search(heading)
    labels.append(_PAREN.sub(" ", last.group(1) if last else heading))
    return [label for label in labels if label.strip()]
