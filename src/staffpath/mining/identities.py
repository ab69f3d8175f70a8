"""Git identities as stored: recorded by mining runs, listed in the groups they resolve into,
and corrected by the user (merge, split, link), each correction written to the audit log.

A correction is a stored rule (see `mining.identity_resolution`); it takes effect at the next
mine of each repository, which then reads its whole history again (the grouping changed).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

from staffpath.accounts import audit
from staffpath.accounts.principal import Principal
from staffpath.errors import InputError, NotFoundError
from staffpath.mining.history import unpack_state
from staffpath.mining.identity_resolution import Author, Directory, resolve
from staffpath.mining.tables import GitIdentity, IdentityRule, MinedRepo
from staffpath.people.service import find_person
from staffpath.store.tables import Person


def record_identities(session: Session, pairs: Iterable[tuple[str, str]], known: Iterable[
        tuple[str, str]]) -> None:
    """Store identities not seen before; one that a concurrent run stored first is skipped."""
    seen = set(known)
    rows = [{"name": n, "email": e} for n, e in sorted(set(pairs)) if (n, e) not in seen]
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert
        session.execute(pg_insert(GitIdentity).on_conflict_do_nothing(), rows)
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert
        session.execute(sqlite_insert(GitIdentity).on_conflict_do_nothing(), rows)
    else:  # pragma: no cover - staffpath supports SQLite and PostgreSQL
        session.execute(insert(GitIdentity), rows)


# --- listing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupedIdentity:
    """One stored identity in a group, with its commits in the mined repositories."""

    id: int | None
    name: str
    email: str
    commits: int

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "email": self.email, "commits": self.commits}


@dataclass(frozen=True)
class IdentityGroup:
    """Identities resolved to one author: a roster person, or nobody linked yet."""

    key: str
    name: str
    person: str | None  # the roster handle, when the group is linked to someone
    commits: int
    identities: tuple[GroupedIdentity, ...]  # most commits first

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "person": self.person,
                "commits": self.commits, "identities": [i.as_dict() for i in self.identities]}


def _commit_counts(session: Session) -> dict[tuple[str, str], int]:
    """Commits per identity over every mined repository, from the runs' saved state."""
    counts: dict[tuple[str, str], int] = {}
    for blob in session.scalars(select(MinedRepo.state)):
        if blob is None:
            continue
        for name, email, n in unpack_state(blob).get("pairs", []):
            counts[(name, email)] = counts.get((name, email), 0) + n
    return counts


def identity_groups(session: Session, *, unlinked: bool = False) -> list[IdentityGroup]:
    """How the stored identities are grouped into people, the most commits first; with
    `unlinked`, only the groups not linked to anyone on the roster."""
    directory = Directory.load(session)
    resolution = resolve(directory, [])
    counts = _commit_counts(session)
    people = {p.id: p.handle for p in session.scalars(select(Person))}
    members: dict[str, list[GroupedIdentity]] = {}
    authors: dict[str, Author] = {}
    for pair, author in resolution.authors.items():
        authors.setdefault(author.key, author)
        members.setdefault(author.key, []).append(GroupedIdentity(
            id=directory.identities.get(pair), name=pair[0], email=pair[1],
            commits=counts.get(pair, 0)))
    groups = []
    for key, identities in members.items():
        author = authors[key]
        identities.sort(key=lambda i: (-i.commits, i.id or 0))
        groups.append(IdentityGroup(
            key=key, name=author.name,
            person=people.get(author.person_id) if author.person_id else None,
            commits=sum(i.commits for i in identities), identities=tuple(identities)))
    groups.sort(key=lambda g: (-g.commits, g.name))
    if unlinked:
        groups = [g for g in groups if g.person is None]
    return groups


# --- corrections -----------------------------------------------------------------------------


def _identity(session: Session, ident: int) -> GitIdentity:
    found = session.get(GitIdentity, ident)
    if found is None:
        raise NotFoundError(f"no git identity with id {ident} (see `staffpath identities list`)")
    return found


def _audit(session: Session, actor: Principal, action: str, identity: int) -> None:
    audit.record(session, audit.AuditEvent(
        action=action, actor_user_id=actor.user_id, target_type="git_identity",
        target_id=identity, route=f"cli {action}" if actor.operator else None))


def merge_identities(session: Session, actor: Principal, identity: int,
                     others: Sequence[int]) -> None:
    """Say that several git identities are the same person as `identity`. Two identities
    linked to different roster people are never merged: one must be split or relinked first."""
    first = _identity(session, identity)
    resolution = resolve(Directory.load(session), [])
    keep = resolution.authors[(first.name, first.email)]
    for other_id in others:
        other = _identity(session, other_id)
        theirs = resolution.authors[(other.name, other.email)]
        if keep.person_id and theirs.person_id and keep.person_id != theirs.person_id:
            raise InputError(
                f"identity {identity} belongs to {keep.name} and {other_id} to "
                f"{theirs.name}; split or relink one first")
        session.add(IdentityRule(kind="merge", identity_id=first.id, other_id=other.id))
    _audit(session, actor, "merge_identities", identity)


def split_identity(session: Session, actor: Principal, identity: int) -> None:
    """Keep an identity on its own: its merges and link are undone, and automatic grouping
    leaves it alone."""
    _identity(session, identity)
    session.execute(delete(IdentityRule).where(
        IdentityRule.kind.in_(("merge", "link")),
        or_(IdentityRule.identity_id == identity, IdentityRule.other_id == identity)))
    session.add(IdentityRule(kind="split", identity_id=identity))
    _audit(session, actor, "split_identity", identity)


def link_identity(session: Session, actor: Principal, identity: int, person: str) -> str:
    """Say which roster person (handle, e-mail or name) a git identity or GitHub login is;
    returns the person's name."""
    _identity(session, identity)
    who = find_person(session, person)
    session.execute(delete(IdentityRule).where(
        IdentityRule.kind.in_(("link", "split")), IdentityRule.identity_id == identity))
    session.add(IdentityRule(kind="link", identity_id=identity, person_id=who.id))
    _audit(session, actor, "link_identity", identity)
    return who.name
