"""Accounts and sign-in: argon2 password hashes, users, and server-side sessions."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import Session, selectinload

from staffpath.accounts.logins import normalise_login, valid_login
from staffpath.accounts.ratelimit import LoginVerdict, check_login_allowed, record_attempt
from staffpath.accounts.settings import WebSettings, load_settings
from staffpath.accounts.tables import User, WebSession
from staffpath.errors import InputError, NotFoundError
from staffpath.store.engine import Reader
from staffpath.store.tables import Person, utcnow

MIN_PASSWORD_LENGTH = 10
# A session lives at most this long, however active; idle expiry comes from the settings.
SESSION_MAX_AGE = dt.timedelta(hours=12)
# Writing last_seen_at on every request would make every page view a write.
TOUCH_EVERY = dt.timedelta(minutes=1)

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the login is unknown, so a miss costs as long as a wrong
    password. Made on first use: hashing is deliberately slow, and most runs never need it."""
    return _hasher.hash("staffpath: no such account")


def hash_password(password: str) -> str:
    """An argon2id hash of a password that meets the length rule."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(f"password must be at least {MIN_PASSWORD_LENGTH} characters")
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def create_user(
    session: Session,
    login: str,
    password: str,
    *,
    person: Person | None = None,
    is_admin: bool = False,
    is_committee: bool = False,
) -> User:
    """A new local account, optionally tied to a person (one account per person)."""
    login = valid_login(login)
    if session.scalar(select(User.id).where(User.login == login)) is not None:
        raise InputError(f"an account {login!r} already exists")
    if person is not None and session.scalar(
            select(User.id).where(User.person_id == person.id)) is not None:
        raise InputError(f"{person.handle} already has an account")
    user = User(login=login, password_hash=hash_password(password), person_id=(
        person.id if person else None), is_admin=is_admin, is_committee=is_committee,
        active=True)
    session.add(user)
    session.flush()
    return user


def get_user(session: Session, user_id: int) -> User:
    user = session.scalar(select(User).options(selectinload(User.person))
                          .where(User.id == user_id))
    if user is None:
        raise NotFoundError(f"no account with id {user_id}")
    return user


def find_user(session: Session, ref: str) -> User:
    """An account by id or login."""
    ref = ref.strip()
    if ref.isdigit():
        return get_user(session, int(ref))
    user = session.scalar(select(User).options(selectinload(User.person))
                          .where(User.login == normalise_login(ref)))
    if user is None:
        raise NotFoundError(f"no account {ref!r}")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).options(selectinload(User.person))
                                .order_by(User.login)))


def account_of(session: Session, person_id: int) -> User | None:
    """A person's account, if they have one (one account per person)."""
    return session.scalar(select(User).where(User.person_id == person_id))


def logins_by_id(session: Session) -> dict[int, str]:
    return dict(session.execute(select(User.id, User.login)).all())


def user_to_dict(user: User) -> dict[str, Any]:
    return {"id": user.id, "login": user.login,
            "person": user.person.handle if user.person else None,
            "is_admin": user.is_admin, "is_committee": user.is_committee,
            "active": user.active, "created_at": user.created_at.isoformat(timespec="seconds")}


def set_password(session: Session, user: User, password: str) -> None:
    """Change a password and sign the account out everywhere."""
    user.password_hash = hash_password(password)
    end_all_sessions(session, user.id)


def set_active(session: Session, user: User, active: bool) -> None:
    """Deactivating an account also ends its sessions at once."""
    user.active = active
    if not active:
        end_all_sessions(session, user.id)


def update_user(session: Session, user: User, changes: Mapping[str, Any], *,
                acting_user_id: int | None) -> User:
    """Set an account's flags. Admins cannot remove their own admin rights or deactivate
    themselves, so someone always remains able to administer."""
    if user.id == acting_user_id and (
            changes.get("is_admin") is False or changes.get("active") is False):
        raise InputError("you cannot remove your own admin rights or deactivate yourself")
    for key in ("is_admin", "is_committee"):
        if changes.get(key) is not None:
            setattr(user, key, bool(changes[key]))
    if changes.get("active") is not None:
        set_active(session, user, bool(changes["active"]))
    session.flush()
    return user


def generate_password() -> str:
    return secrets.token_urlsafe(12)


# --- signing in --------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginResult:
    """What a sign-in attempt came to; `user` only when it succeeded."""

    verdict: LoginVerdict
    user: User | None = None


def authenticate(session: Session, login: str, password: str, *, ip: str) -> LoginResult:
    """Check a login and password, unless recent failures for the account or address block it.

    A blocked attempt is refused before the password is looked at, so the right password
    does not get through a lockout.
    """
    login = normalise_login(login)
    settings = load_settings(session)
    verdict = check_login_allowed(session, login, ip, settings)
    if verdict is not LoginVerdict.OK:
        return LoginResult(verdict)
    user = session.scalar(select(User).where(User.login == login))
    if user is None:
        verify_password(_dummy_hash(), password)
        ok = False
    else:
        ok = verify_password(user.password_hash, password) and user.active
        if ok and _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
    record_attempt(session, login, ip, success=ok)
    if not ok or user is None:
        return LoginResult(LoginVerdict.BAD_CREDENTIALS, user if user is not None else None)
    return LoginResult(LoginVerdict.OK, user)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def start_session(session: Session, user: User, *, previous_token: str | None = None) -> str:
    """A fresh session for a user; the token is the cookie value. Any previous session of
    this browser ends, so a token planted before sign-in is worthless after it."""
    if previous_token:
        end_session(session, previous_token)
    token = secrets.token_urlsafe(32)
    session.add(WebSession(token_hash=_digest(token), user_id=user.id,
                           csrf_token=secrets.token_urlsafe(32)))
    session.flush()
    return token


@dataclass(frozen=True)
class Account:
    """A signed-in account and its person, as plain values (read in one query per request)."""

    user_id: int
    login: str
    is_admin: bool
    is_committee: bool
    person_id: int | None
    handle: str | None
    name: str | None
    role: str | None
    level: str | None


@dataclass(frozen=True)
class LiveSession:
    account: Account
    csrf_token: str
    session_id: int


@dataclass(frozen=True)
class SessionLookup:
    """What a cookie token comes to, read without writing: the live session if any, and
    the bookkeeping a write transaction should do (drop a dead session, note activity)."""

    live: LiveSession | None = None
    dead_id: int | None = None
    touch_id: int | None = None


_SESSION_QUERY = (
    select(WebSession.id, WebSession.csrf_token, WebSession.created_at,
           WebSession.last_seen_at, User.active, User.id, User.login, User.is_admin,
           User.is_committee, Person.id, Person.handle, Person.name, Person.role, Person.level)
    .join(User, User.id == WebSession.user_id)
    .outerjoin(Person, Person.id == User.person_id)
    .where(WebSession.token_hash == bindparam("token_hash")))


def lookup_session(session: Reader, token: str | None, *,
                   settings: WebSettings | None = None) -> SessionLookup:
    """The signed-in account for a cookie token, if the session is live and the account
    active; idle, too old or deactivated sessions are dead. One query: this runs on every
    request."""
    if not token or len(token) > 100:
        return SessionLookup()
    row = session.execute(_SESSION_QUERY, {"token_hash": _digest(token)}).first()
    if row is None:
        return SessionLookup()
    (session_id, csrf_token, created_at, last_seen_at, active, *account) = row
    now = utcnow()
    idle = dt.timedelta(minutes=(settings or load_settings(session)).session_idle_minutes)
    if not active or now - last_seen_at > idle or now - created_at > SESSION_MAX_AGE:
        return SessionLookup(dead_id=session_id)
    live = LiveSession(account=Account(*account), csrf_token=csrf_token, session_id=session_id)
    return SessionLookup(live=live, touch_id=session_id if now - last_seen_at > TOUCH_EVERY
                         else None)


def settle_session(session: Session, lookup: SessionLookup) -> None:
    """Do the bookkeeping a lookup asked for."""
    if lookup.dead_id is not None:
        session.execute(delete(WebSession).where(WebSession.id == lookup.dead_id))
    if lookup.touch_id is not None:
        row = session.get(WebSession, lookup.touch_id)
        if row is not None:
            row.last_seen_at = utcnow()


def resolve_session(session: Session, token: str | None) -> LiveSession | None:
    """`lookup_session` and its bookkeeping in one (write) transaction."""
    lookup = lookup_session(session, token)
    settle_session(session, lookup)
    return lookup.live


def end_session(session: Session, token: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == _digest(token)))


def end_all_sessions(session: Session, user_id: int) -> None:
    session.execute(delete(WebSession).where(WebSession.user_id == user_id))


def count_sessions(session: Session, user_id: int) -> int:
    return session.scalar(select(func.count(WebSession.id))
                          .where(WebSession.user_id == user_id)) or 0
