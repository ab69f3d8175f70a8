"""The organisation's size, declared by whoever administers staffpath.

How far work could reach depends on how big the place is ("company-wide" at fourteen engineers
is two squads). The roster cannot say: it counts who uses staffpath, which may be one team of a
large company. A record often states the size itself, and the assessment reads that; a declared
size is the whole organisation's and, when set, is read for everyone instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.accounts import audit
from staffpath.errors import InputError
from staffpath.people.tables import OrgProfile
from staffpath.store.tables import utcnow

__all__ = ["DeclaredSize", "clear_org_size", "declare_org_size", "declared_org_size"]

# Past this, a number is a typing slip rather than an organisation.
MAX_ENGINEERS = 1_000_000


@dataclass(frozen=True)
class DeclaredSize:
    engineers: int
    teams: int  # 0 when not declared

    def as_dict(self) -> dict[str, int]:
        return {"engineers": self.engineers, "teams": self.teams}


def _declared_row(session: Session) -> OrgProfile | None:
    return session.scalars(select(OrgProfile).order_by(OrgProfile.id).limit(1)).first()


def declared_org_size(session: Session) -> DeclaredSize | None:
    """The declared size, or None when nobody declared one."""
    row = _declared_row(session)
    return DeclaredSize(row.engineers, row.teams) if row is not None else None


def declare_org_size(session: Session, origin: audit.Origin, engineers: int,
                     teams: int = 0) -> DeclaredSize:
    """Declare the organisation's size (replacing any earlier declaration), audited."""
    if not 1 <= engineers <= MAX_ENGINEERS:
        raise InputError(f"the organisation needs between 1 and {MAX_ENGINEERS:,} engineers "
                         f"(not {engineers})")
    if not 0 <= teams <= engineers:
        raise InputError(f"teams must be between 0 (not known) and the number of engineers, "
                         f"{engineers} (not {teams})")
    row = _declared_row(session)
    if row is None:
        row = OrgProfile(engineers=engineers, teams=teams)
        session.add(row)
    else:
        row.engineers, row.teams, row.declared_at = engineers, teams, utcnow()
    session.flush()
    audit.record_change(session, origin, "org.size.declare", "org_profile", row.id)
    return DeclaredSize(engineers, teams)


def clear_org_size(session: Session, origin: audit.Origin) -> bool:
    """Withdraw the declared size (records' own statements are read again); audited, even
    when none was declared (the request was made). False when none was."""
    rows = list(session.scalars(select(OrgProfile)))
    for row in rows:
        session.delete(row)
    session.flush()
    audit.record_change(session, origin, "org.size.clear", "org_profile",
                        rows[0].id if rows else None)
    return bool(rows)
