"""What the cycle pages and the cycle API share: the caller as the cycle services see them,
and the audit of a read those services turn away."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from staffpath.accounts.principal import Principal
from staffpath.cycles.lookup import as_admin, as_member
from staffpath.errors import NotFoundError
from staffpath.web.context import Ctx


def signed_in(ctx: Ctx) -> Principal:
    """The caller (the guard lets no one through unsigned to a cycle route)."""
    assert ctx.actor is not None
    return ctx.actor


def member(ctx: Ctx) -> Principal:
    """The caller as a committee member: on the member pages an admin flag does not count."""
    return as_member(signed_in(ctx))


def admin(ctx: Ctx) -> Principal:
    """The caller as the administrator managing cycles."""
    return as_admin(signed_in(ctx))


@contextmanager
def refusal_audited(ctx: Ctx) -> Iterator[None]:
    """A read the cycle service turns away (not yours, not there) is audited as refused,
    as the guard audits the refusals it makes itself."""
    try:
        yield
    except NotFoundError:
        ctx.audit_refusal()
        raise
