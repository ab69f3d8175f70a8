"""Signing in and out, and changing one's own password: each attempt audited.

The sign-in page and `POST /api/session` both sign in through `sign_in`: credentials are
checked (rate limited per account and address), a session is started, and the attempt is
audited whether it succeeded or not.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqlalchemy.orm import Session

from staffpath.accounts.audit import OK, REFUSED, Origin, record, record_change
from staffpath.accounts.auth import (
    authenticate,
    end_session,
    lookup_session,
    set_password,
    start_session,
    verify_password,
)
from staffpath.accounts.ratelimit import LoginVerdict
from staffpath.accounts.tables import User

LOGIN = "login"


@dataclass(frozen=True)
class SignIn:
    """What a sign-in attempt came to; the rest is set only when it succeeded."""

    verdict: LoginVerdict
    user_id: int | None = None
    login: str = ""
    token: str = ""  # the new session's cookie value
    csrf_token: str = ""
    handle: str | None = None  # the account's person, if it has one
    is_admin: bool = False
    is_committee: bool = False


def sign_in(session: Session, login: str, password: str, *, ip: str,
            previous_token: str | None, origin: Origin) -> SignIn:
    """Check credentials and start a session if they are right; audit either way (the
    account is the actor when it signed in, the target when it was named)."""
    result = authenticate(session, login, password, ip=ip)
    user = result.user
    outcome = SignIn(result.verdict)
    if result.verdict is LoginVerdict.OK and user is not None:
        token = start_session(session, user, previous_token=previous_token)
        live = lookup_session(session, token).live
        outcome = SignIn(result.verdict, user.id, user.login, token,
                         live.csrf_token if live else "",
                         user.person.handle if user.person is not None else None,
                         user.is_admin, user.is_committee)
    by = dataclasses.replace(origin, actor_user_id=outcome.user_id)
    record(session, by.event(LOGIN, "user" if user is not None else None,
                             user.id if user is not None else None,
                             outcome=OK if outcome.token else REFUSED))
    return outcome


def refuse_sign_in(session: Session, *, origin: Origin) -> None:
    """Audit a sign-in refused before its credentials were looked at (a stale form)."""
    nobody = dataclasses.replace(origin, actor_user_id=None)
    record(session, nobody.event(LOGIN, None, None, outcome=REFUSED))


def sign_out(session: Session, token: str | None, *, origin: Origin) -> None:
    """End the session a cookie names."""
    if token:
        end_session(session, token)
    record_change(session, origin, "logout", "user", origin.actor_user_id)


def password_is(session: Session, user_id: int | None, password: str) -> bool:
    """Whether this is the account's password (checked before changing it)."""
    user = session.get(User, user_id)
    return user is not None and verify_password(user.password_hash, password)


def change_own_password(session: Session, user_id: int | None, password: str, *,
                        origin: Origin) -> None:
    """A new password for one's own account; every session of it ends."""
    user = session.get(User, user_id)
    assert user is not None
    set_password(session, user, password)
    record_change(session, origin, "change_password", "user", user_id)
