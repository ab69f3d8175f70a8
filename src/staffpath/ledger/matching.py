"""Pair a re-imported brag document's entries with those stored from an earlier import."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from staffpath.ledger.bragdoc import ParsedEntry

__all__ = ["SIMILARITY", "MatchResult", "StoredRef", "entry_text", "match_entries"]

SIMILARITY = 0.6


@dataclass(frozen=True)
class StoredRef:
    """An entry previously imported from the same file, as the store remembers it."""

    id: int
    key: str
    section: tuple[str, ...]
    line: int
    text: str  # entry_text() of the entry when it was imported


@dataclass
class MatchResult:
    """How the entries in a file relate to those already stored from it."""

    unchanged: list[tuple[int, ParsedEntry]] = field(default_factory=list)
    updated: list[tuple[int, ParsedEntry]] = field(default_factory=list)
    added: list[ParsedEntry] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)


def entry_text(entry: ParsedEntry) -> str:
    """The text the store should keep in StoredRef.text for similarity matching."""
    return "\n".join((entry.title, *entry.details))


def _ratio(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # quick_ratio is an upper bound; skip the quadratic part when it cannot reach the bar.
    if matcher.real_quick_ratio() < SIMILARITY or matcher.quick_ratio() < SIMILARITY:
        return 0.0
    return matcher.ratio()


def match_entries(existing: Sequence[StoredRef], parsed: Sequence[ParsedEntry]) -> MatchResult:
    """Classify parsed entries as unchanged, updated or added, and stored ones as missing."""
    result = MatchResult()
    by_key: dict[str, list[StoredRef]] = {}
    for ref in sorted(existing, key=lambda r: (r.line, r.id)):
        by_key.setdefault(ref.key, []).append(ref)

    leftover_parsed: list[ParsedEntry] = []
    for entry in parsed:
        refs = by_key.get(entry.key)
        if refs:
            ref = min(refs, key=lambda r: (abs(r.line - entry.line), r.id))
            refs.remove(ref)
            result.unchanged.append((ref.id, entry))
        else:
            leftover_parsed.append(entry)
    leftover_stored = [ref for refs in by_key.values() for ref in refs]

    # An edited line: same section, similar text. Then a moved one: identical text anywhere
    # (a renamed heading changes every key beneath it, but not the items' words).
    paired: dict[int, tuple[int, ParsedEntry]] = {}  # parsed index → (stored id, entry)
    used: set[int] = set()
    candidates: list[tuple[float, int, int, int, StoredRef]] = []
    texts = [entry_text(p) for p in leftover_parsed]
    for pi, entry in enumerate(leftover_parsed):
        for ref in leftover_stored:
            if ref.section == entry.section:
                score = _ratio(ref.text, texts[pi])
            elif ref.text == texts[pi]:
                score = 1.0 - 1e-9  # same words elsewhere rank just below an in-place match
            else:
                continue
            if score >= SIMILARITY:
                candidates.append((-score, abs(ref.line - entry.line), ref.id, pi, ref))
    candidates.sort(key=lambda c: c[:4])
    for _, _, ref_id, pi, ref in candidates:
        if ref_id in used or pi in paired:
            continue
        used.add(ref_id)
        paired[pi] = (ref.id, leftover_parsed[pi])

    for pi, entry in enumerate(leftover_parsed):
        if pi in paired:
            result.updated.append(paired[pi])
        else:
            result.added.append(entry)
    result.missing = sorted(ref.id for ref in leftover_stored if ref.id not in used)
    return result
