"""Self-ratings from the web: checked against the framework, saved only when they change."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from staffpath.assess.service import self_ratings, set_self_rating
from staffpath.errors import InputError
from staffpath.framework.model import Framework
from staffpath.store.tables import Person


def save_self_ratings(session: Session, person: Person, framework: Framework,
                      ratings: Mapping[str, str]) -> dict[str, str]:
    """Record the ratings that differ from the newest ones; blank ratings are skipped."""
    unknown = sorted(set(ratings) - set(framework.dimension_ids))
    if unknown:
        raise InputError(f"ratings: not dimensions of the framework: {', '.join(unknown)}")
    bad = sorted(v for v in ratings.values() if v and v not in framework.level_ids)
    if bad:
        raise InputError(f"ratings: not levels of the framework: {', '.join(bad)} "
                         f"(levels: {', '.join(framework.level_ids)})")
    current = self_ratings(session, person)
    for dimension, level in ratings.items():
        if level and current.get(dimension) != level:
            set_self_rating(session, person, framework, dimension, level)
    return self_ratings(session, person)
