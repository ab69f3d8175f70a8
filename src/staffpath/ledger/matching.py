"""Pair a re-imported brag document's entries with those stored from an earlier import."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from staffpath.ledger.bragdoc.document import ParsedEntry

__all__ = ["NEAREST", "SIMILARITY", "MatchResult", "StoredRef", "entry_text", "match_entries"]

SIMILARITY = 0.6
NEAREST = 40  # stored entries, by line distance, a changed entry is compared with


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

    paired: dict[int, tuple[int, ParsedEntry]] = {}  # parsed index → (stored id, entry)
    used: set[int] = set()
    texts = [entry_text(p) for p in leftover_parsed]

    def pair_greedily(candidates: list[tuple[float, int, int, int, StoredRef]]) -> None:
        # Best similarity first, then the nearest line, then stable ids.
        candidates.sort(key=lambda c: c[:4])
        for _, _, ref_id, pi, ref in candidates:
            if ref_id not in used and pi not in paired:
                used.add(ref_id)
                paired[pi] = (ref.id, leftover_parsed[pi])

    # Identical words first (cheap, and the best possible score): a changed date prefix keeps
    # the words; a renamed heading or a moved item keeps them in another section.
    by_text: dict[str, list[StoredRef]] = {}
    for ref in leftover_stored:
        by_text.setdefault(ref.text, []).append(ref)
    for same_section in (True, False):
        exact = [
            (0.0, abs(ref.line - leftover_parsed[pi].line), ref.id, pi, ref)
            for pi, text in enumerate(texts) if pi not in paired
            for ref in by_text.get(text, [])
            if ref.id not in used and (ref.section == leftover_parsed[pi].section) == same_section
        ]
        pair_greedily(exact)

    # An edited line: same section, similar text. Each parsed entry is compared with the
    # nearest stored ones only, which bounds the quadratic cost on big rewrites.
    by_section: dict[tuple[str, ...], list[StoredRef]] = {}
    for ref in leftover_stored:
        if ref.id not in used:
            by_section.setdefault(ref.section, []).append(ref)
    fuzzy: list[tuple[float, int, int, int, StoredRef]] = []
    for pi, entry in enumerate(leftover_parsed):
        if pi in paired:
            continue
        same = list(by_section.get(entry.section, []))
        same.sort(key=lambda r: (abs(r.line - entry.line), r.id))
        for ref in same[:NEAREST]:
            score = _ratio(ref.text, texts[pi])
            if score >= SIMILARITY:
                fuzzy.append((-score, abs(ref.line - entry.line), ref.id, pi, ref))
    pair_greedily(fuzzy)

    for pi, entry in enumerate(leftover_parsed):
        if pi in paired:
            result.updated.append(paired[pi])
        else:
            result.added.append(entry)
    result.missing = sorted(ref.id for ref in leftover_stored if ref.id not in used)
    return result
