"""Sign-in rate limits per account and per address, counted in the database so that every
worker process sees the same attempts."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from staffpath.accounts.audit import Origin, record
from staffpath.accounts.logins import normalise_login
from staffpath.accounts.settings import WebSettings
from staffpath.accounts.tables import LoginAttempt
from staffpath.store.engine import Reader
from staffpath.store.tables import utcnow

# Attempts older than this are deleted as new ones arrive; no window is longer.
KEEP = dt.timedelta(days=1)
UNLOCK = "unlock_account"


class LoginVerdict(StrEnum):
    OK = "ok"
    BAD_CREDENTIALS = "bad_credentials"
    ACCOUNT_LOCKED = "account_locked"
    ADDRESS_LOCKED = "address_locked"


def login_key(login: str) -> str:
    """The login as stored with attempts: a digest, so the table holds no e-mail addresses."""
    return hashlib.sha256(normalise_login(login).encode("utf-8")).hexdigest()


BACKOFF_FIRST = dt.timedelta(seconds=2)


def backoff(over: int, window: dt.timedelta) -> dt.timedelta:
    """How long to wait after `over` failures past the allowance: 2 s, doubling, at most
    the window."""
    return min(BACKOFF_FIRST * (1 << min(over, 30)), window)


def _naive(at: dt.datetime | None) -> dt.datetime | None:
    """A stored time as `utcnow` gives it (naive UTC), whatever the database returns."""
    if at is not None and at.tzinfo is not None:
        return at.astimezone(dt.UTC).replace(tzinfo=None)
    return at


@dataclass(frozen=True)
class LockState:
    """An account's recent failed sign-ins, as the admin page shows them."""

    failures: int  # in the window, since the last successful sign-in, from any address
    ceiling: int
    waiting_until: dt.datetime | None  # when the next attempt may be checked, if waiting

    @property
    def locked(self) -> bool:
        return self.waiting_until is not None


def _since(session: Reader, key: str, settings: WebSettings, now: dt.datetime) -> dt.datetime:
    since = now - dt.timedelta(minutes=settings.login_window_minutes)
    last_ok = _naive(session.scalar(select(func.max(LoginAttempt.at)).where(
        LoginAttempt.login == key, LoginAttempt.success.is_(True), LoginAttempt.at >= since)))
    return last_ok or since


def _account_wait(session: Reader, key: str, ip: str | None, settings: WebSettings,
                  now: dt.datetime) -> dt.datetime | None:
    """Until when this account (from `ip`, or from its worst address) must wait, if at all."""
    window = dt.timedelta(minutes=settings.login_window_minutes)
    since = _since(session, key, settings, now)
    failed = (LoginAttempt.login == key, LoginAttempt.success.is_(False),
              LoginAttempt.at >= since)
    total = session.scalar(select(func.count(LoginAttempt.id)).where(*failed)) or 0
    if total >= settings.account_max_failures:
        last = _naive(session.scalar(select(func.max(LoginAttempt.at)).where(*failed)))
        return (last or now) + window
    by_address = select(LoginAttempt.ip, func.count(LoginAttempt.id),
                        func.max(LoginAttempt.at)).where(*failed).group_by(LoginAttempt.ip)
    if ip is not None:
        by_address = by_address.where(LoginAttempt.ip == ip)
    until: dt.datetime | None = None
    for _ip, count, last in session.execute(by_address):
        if count >= settings.login_max_failures:
            end = (_naive(last) or now) + backoff(count - settings.login_max_failures, window)
            if end > now and (until is None or end > until):
                until = end
    return until


def check_login_allowed(
    session: Session, login: str, ip: str, settings: WebSettings
) -> LoginVerdict:
    """Whether another attempt may be checked now. An account's failures from one address
    slow that address down (backoff) without locking the owner out elsewhere; its failures
    from everywhere lock it at a higher ceiling; an address's failures over all accounts
    lock the address. Failures count within the window; for an account, only those since
    its last successful sign-in."""
    now = utcnow()
    if _account_wait(session, login_key(login), ip, settings, now) is not None:
        return LoginVerdict.ACCOUNT_LOCKED
    since = now - dt.timedelta(minutes=settings.login_window_minutes)
    ip_failures = session.scalar(select(func.count(LoginAttempt.id)).where(
        LoginAttempt.ip == ip, LoginAttempt.success.is_(False), LoginAttempt.at >= since)) or 0
    if ip_failures >= settings.ip_max_failures:
        return LoginVerdict.ADDRESS_LOCKED
    return LoginVerdict.OK


def lock_state(session: Reader, login: str, settings: WebSettings) -> LockState:
    now = utcnow()
    key = login_key(login)
    failures = session.scalar(select(func.count(LoginAttempt.id)).where(
        LoginAttempt.login == key, LoginAttempt.success.is_(False),
        LoginAttempt.at >= _since(session, key, settings, now))) or 0
    return LockState(failures=failures, ceiling=settings.account_max_failures,
                     waiting_until=_account_wait(session, key, None, settings, now))


def unlock(session: Session, login: str, user_id: int | None, *, origin: Origin) -> int:
    """Forget an account's failed sign-ins, so its next attempt is checked at once; audited.
    Returns how many were forgotten."""
    done = session.execute(delete(LoginAttempt).where(
        LoginAttempt.login == login_key(login), LoginAttempt.success.is_(False)))
    record(session, origin.event(UNLOCK, "user", user_id))
    return int(getattr(done, "rowcount", 0) or 0)


def record_attempt(session: Session, login: str, ip: str, *, success: bool) -> None:
    session.add(LoginAttempt(login=login_key(login), ip=ip[:64], success=success))
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < utcnow() - KEEP))
