"""The debrief's numbers: each dimension's spread, Krippendorff's alpha (ordinal) over the
loop's scorecards, and each interviewer's severity over every loop that reached a debrief.

The statistics are those promotion calibration uses (`staffpath.cycles.stats`); an item is
one dimension of one loop. Levels and leans stay when a candidate is erased, so these hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.cycles import stats
from staffpath.framework.model import Framework
from staffpath.hiring.tables import Interview, Loop, Scorecard

DEBRIEFED = ("debrief", "decided")
LEAN_RANK = {"strong_no_hire": 0, "no_hire": 1, "hire": 2, "strong_hire": 3}


@dataclass(frozen=True)
class DimensionSpread:
    dimension: str
    levels: dict[str, str]  # interviewer handle → level
    median_rank: float | None
    median: str | None
    below_target: bool

    def to_dict(self) -> dict[str, object]:
        return {"dimension": self.dimension, "levels": self.levels,
                "median": self.median, "below_target": self.below_target}


@dataclass(frozen=True)
class Debrief:
    spreads: tuple[DimensionSpread, ...]
    alpha: float | None
    severity: dict[str, dict[str, float | int]]  # handle → offset, scored, loops
    leans: dict[str, str]
    lean_median: str | None

    def to_dict(self) -> dict[str, object]:
        return {"dimensions": [s.to_dict() for s in self.spreads],
                "alpha": None if self.alpha is None else round(self.alpha, 3),
                "severity": self.severity, "leans": self.leans,
                "lean_median": self.lean_median}


def _title(fw: Framework, rank: float) -> str:
    titles = [lv.id for lv in fw.levels]
    return titles[int(rank)] if float(rank).is_integer() else (
        f"{titles[int(rank)]}–{titles[int(rank) + 1]}")


def _ratings(fw: Framework, rows: Sequence[tuple[int, int, dict[str, str]]]
             ) -> list[stats.Rating]:
    return [stats.Rating((loop_id, dim), who, fw.level_index(level))
            for loop_id, who, levels in rows for dim, level in levels.items()
            if level in fw.level_ids]


def severity_over_loops(session: Session, fw: Framework, interviewers: Sequence[int]
                        ) -> dict[int, tuple[float, int, int]]:
    """Each interviewer's mean offset from the panel median over every debriefed loop:
    (offset, items, loops)."""
    rows = session.execute(
        select(Loop.id, Interview.interviewer_id, Scorecard.levels)
        .join(Interview, Interview.loop_id == Loop.id)
        .join(Scorecard, Scorecard.interview_id == Interview.id)
        .where(Loop.state.in_(DEBRIEFED), Scorecard.submitted_at.is_not(None))).all()
    ratings = _ratings(fw, [(r[0], r[1], r[2]) for r in rows])
    loops: dict[int, set[int]] = {}
    for r in rows:
        loops.setdefault(r[1], set()).add(r[0])
    out: dict[int, tuple[float, int, int]] = {}
    for s in stats.severity(ratings):
        member = int(s.member)  # type: ignore[call-overload]
        if member in interviewers:
            out[member] = (s.offset, s.items, len(loops.get(member, set())))
    return out


def debrief(session: Session, fw: Framework, loop: Loop) -> Debrief:
    """Every submitted scorecard of the loop side by side, with the panel statistics."""
    cards = [(i, i.scorecard) for i in loop.interviews
             if i.scorecard is not None and i.scorecard.submitted_at is not None]
    target = fw.level_index(loop.target_level)
    spreads = []
    dims = [d.id for d in fw.dimensions if any(d.id in c.levels for _, c in cards)]
    for dim in dims:
        levels = {i.interviewer.handle: c.levels[dim] for i, c in cards if dim in c.levels}
        ranks = [fw.level_index(v) for v in levels.values()]
        mid = float(median(ranks)) if ranks else None
        spreads.append(DimensionSpread(dim, levels, mid, _title(fw, mid) if mid is not None
                                       else None, mid is not None and mid < target))
    ratings = _ratings(fw, [(loop.id, i.interviewer_id, c.levels) for i, c in cards])
    handles = {i.interviewer_id: i.interviewer.handle for i, _ in cards}
    sev = severity_over_loops(session, fw, list(handles))
    leans = {i.interviewer.handle: c.lean for i, c in cards if c.lean}
    lean_ranks = [LEAN_RANK[v] for v in leans.values()]
    lean_mid = median(lean_ranks) if lean_ranks else None
    by_rank = {v: k for k, v in LEAN_RANK.items()}
    return Debrief(
        spreads=tuple(spreads), alpha=stats.alpha_ordinal(ratings, len(fw.levels)),
        severity={handles[m]: {"offset": round(o, 3), "scored": n, "loops": loops}
                  for m, (o, n, loops) in sorted(sev.items(), key=lambda kv: handles[kv[0]])},
        leans=leans,
        lean_median=None if lean_mid is None else (
            by_rank[int(lean_mid)] if float(lean_mid).is_integer() else "split"))
