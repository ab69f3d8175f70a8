"""Which level of a framework is "staff": the one definition every area uses (the staff bench,
the organisation summary's staff-plus count, who leads from their level)."""

from __future__ import annotations

from staffpath.framework.model import Framework


def staff_level(framework: Framework) -> str | None:
    """The framework's staff level (`staff`, else the first level whose id or title says
    staff), or None when it has none."""
    if "staff" in framework.level_ids:
        return "staff"
    for level in framework.levels:
        if "staff" in level.id.lower() or "staff" in level.title.lower():
            return level.id
    return None


def is_staff_plus(framework: Framework, level: str | None) -> bool:
    """Whether a level is the staff level or above it (False without a staff level)."""
    staff = staff_level(framework)
    ids = framework.level_ids
    if staff is None or level not in ids:
        return False
    return ids.index(level) >= ids.index(staff)
