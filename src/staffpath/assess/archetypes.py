"""Which staff shape a record fits, explained by the items that show it.

A shape is read from two things: how strong the record is on the dimensions the shape emphasises
(the levels reached there), and how much of the record's weight is the shape's typical work — its
signature kinds of evidence, and the cues the text names (owning a technical area reads as an
architect, working as an executive's deputy as a right hand, parachuting onto the hardest
problem as a solver, guiding a cluster of teams as a tech lead), and the shape the document's
opening gives the author's role (see `ledger.extract.remit`), which frames each item of theirs.
Weight, not count: one
organisation-wide design counts for more than three one-team reviews. Mined items are left out
of the shape, because every shape leaves the same traces in code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from staffpath.assess.signals import Item
from staffpath.framework.model import Framework
from staffpath.vocab import EvidenceKind, SourceClass

CUE_WEIGHT = 2.0  # a cue in the text counts as much as two items of the signature kinds


@dataclass(frozen=True)
class ArchetypeFit:
    archetype: str
    title: str
    score: float
    supported: bool
    min_org_engineers: int
    items: tuple[int, ...] = ()  # the items that most show this shape, strongest first
    reason: str = ""


class _Dim(Protocol):
    @property
    def dimension(self) -> str: ...
    @property
    def level(self) -> str | None: ...


def _item_weight(item: Item) -> float:
    return (1 + 0.5 * int(item.scope)) * (1 + 0.25 * max(int(item.role), 0)) * (
        1 + 0.5 * item.impact)


def archetype_fit(framework: Framework, dims: Sequence[_Dim], items: Sequence[Item],
                  org_engineers: int) -> tuple[ArchetypeFit, ...]:
    """Every shape the framework names, best fit first, each with the items that show it."""
    top = len(framework.level_ids)
    index = {lv: n + 1 for n, lv in enumerate(framework.level_ids)}
    levels = {d.dimension: index[d.level] if d.level else 0 for d in dims}
    told = [i for i in items if i.source is not SourceClass.MINED]
    total = sum(_item_weight(i) for i in told if i.kind is not EvidenceKind.OTHER) + sum(
        CUE_WEIGHT for i in told for _ in i.cues | i.framing)
    fits = []
    for a in framework.archetypes:
        if not a.emphasises:
            continue
        strength = sum(levels.get(d, 0) for d in a.emphasises) / (len(a.emphasises) * top)
        showing = sorted(
            ((_item_weight(i) * (i.kind in a.signature_kinds)
              + CUE_WEIGHT * (a.id in i.cues or a.id in i.framing),
              i) for i in told), key=lambda wi: (-wi[0], wi[1].id))
        showing = [(w, i) for w, i in showing if w > 0]
        shape = sum(w for w, _ in showing) / total if total else 0.0
        score = 0.5 * strength + 0.5 * shape
        cued = sum(1 for _, i in showing if a.id in i.cues)
        framed = any(a.id in i.framing for _, i in showing)
        own = sum(1 for _, i in showing if i.kind in a.signature_kinds or a.id in i.cues)
        reason = (f"{own} of {len(told)} items are its kind of work"
                  + (f", {cued} naming it outright" if cued else "")
                  + ("; the record's opening names it too" if framed else "")) if told else ""
        fits.append(ArchetypeFit(a.id, a.title, round(score, 3),
                                 org_engineers >= a.min_org_engineers, a.min_org_engineers,
                                 tuple(i.id for _, i in showing[:3]), reason))
    return tuple(sorted(fits, key=lambda f: (-f.score, f.archetype)))
