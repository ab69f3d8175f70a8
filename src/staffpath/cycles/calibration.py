"""What the panel sees side by side from calibration on: each dimension's scores with their
spread, beside the nominee's, the manager's and the assessment's levels, and how far the
panel agrees."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from staffpath.cycles import stats
from staffpath.cycles.tables import Nomination, Score
from staffpath.cycles.views import Agreement, CalibrationRow, MemberSeverity, ScoreView
from staffpath.framework.model import Framework
from staffpath.store.tables import Person


def _rank_title(fw: Framework, value: float | None) -> str | None:
    if value is None:
        return None
    titles = [lv.title for lv in fw.levels]
    if float(value).is_integer():
        return titles[int(value)]
    low = int(value)
    return f"{titles[low]}–{titles[low + 1]}"


def calibration_rows(fw: Framework, nomination: Nomination, scores: Sequence[Score],
                     people: Mapping[int, Person]) -> tuple[CalibrationRow, ...]:
    """Every dimension of one packet, with the scores given on it."""
    frozen = nomination.frozen or {}
    assessed = {k: v.get("level") for k, v in (frozen.get("dimensions") or {}).items()}
    snapshot = nomination.snapshot
    selves = dict((snapshot.inputs.get("self_ratings") or {}) if snapshot else {})
    target = frozen.get("target_level") or nomination.person.target_level
    rows = []
    for d in fw.dimensions:
        mine = [s for s in scores if s.dimension == d.id]
        ranks = [fw.level_index(s.level) for s in mine]
        sp = stats.spread(ranks) if ranks else None
        rows.append(CalibrationRow(
            dimension=d.id, title=d.title,
            scores=tuple(ScoreView(
                id=s.id, member=people[s.member_id].handle, level=s.level,
                rank=fw.level_index(s.level), comment=s.comment,
                outlier=sp is not None and abs(fw.level_index(s.level) - sp.median)
                >= stats.OUTLIER_LEVELS) for s in mine),
            low=fw.levels[sp.low].id if sp else None,
            high=fw.levels[sp.high].id if sp else None,
            median=sp.median if sp else None,
            median_title=_rank_title(fw, sp.median) if sp else None,
            iqr=sp.iqr if sp else None,
            range=sp.range if sp else None,
            self_rating=selves.get(d.id), manager_rating=nomination.manager_ratings.get(d.id),
            assessed=assessed.get(d.id), target=target,
        ))
    return tuple(rows)


def _ratings(fw: Framework, scores: Sequence[Score]) -> list[stats.Rating]:
    return [stats.Rating((s.nomination_id, s.dimension), s.member_id, fw.level_index(s.level))
            for s in scores]


def agreement(fw: Framework, scores: Sequence[Score], people: Mapping[int, Person]
              ) -> Agreement:
    """Krippendorff's alpha (ordinal) per dimension and overall, each member's severity,
    and the outliers, over the scores given."""
    ratings = _ratings(fw, scores)
    levels = len(fw.levels)
    per_dim = {d.id: stats.alpha_ordinal([r for r in ratings if r.item[1] == d.id], levels)  # type: ignore[index]
               for d in fw.dimensions}
    return Agreement(
        alpha=per_dim,
        alpha_overall=stats.alpha_ordinal(ratings, levels),
        severity=tuple(sorted(
            (MemberSeverity(member=people[s.member].handle, offset=round(s.offset, 3),  # type: ignore[index]
                            scored=s.items) for s in stats.severity(ratings)),
            key=lambda x: x.member)),
        outliers=len(stats.outliers(ratings)),
        scores=len(ratings),
    )
