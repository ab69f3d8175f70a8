"""Sign-in rate limits per account and per address, counted in the database so that every
worker process sees the same attempts."""

from __future__ import annotations

import datetime as dt
import hashlib
from enum import StrEnum

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from staffpath.accounts.settings import WebSettings
from staffpath.accounts.tables import LoginAttempt
from staffpath.store.tables import utcnow

# Attempts older than this are deleted as new ones arrive; no window is longer.
KEEP = dt.timedelta(days=1)


class LoginVerdict(StrEnum):
    OK = "ok"
    BAD_CREDENTIALS = "bad_credentials"
    ACCOUNT_LOCKED = "account_locked"
    ADDRESS_LOCKED = "address_locked"


def login_key(login: str) -> str:
    """The login as stored with attempts: a digest, so the table holds no e-mail addresses."""
    return hashlib.sha256(login.strip().lower().encode("utf-8")).hexdigest()


def check_login_allowed(
    session: Session, login: str, ip: str, settings: WebSettings
) -> LoginVerdict:
    """Whether another attempt may be checked now. Failures count within the window; for an
    account, only those since its last successful sign-in."""
    now = utcnow()
    since = now - dt.timedelta(minutes=settings.login_window_minutes)
    key = login_key(login)
    last_ok = session.scalar(select(func.max(LoginAttempt.at)).where(
        LoginAttempt.login == key, LoginAttempt.success.is_(True), LoginAttempt.at >= since))
    account_failures = session.scalar(select(func.count(LoginAttempt.id)).where(
        LoginAttempt.login == key, LoginAttempt.success.is_(False),
        LoginAttempt.at >= (last_ok or since))) or 0
    if account_failures >= settings.login_max_failures:
        return LoginVerdict.ACCOUNT_LOCKED
    ip_failures = session.scalar(select(func.count(LoginAttempt.id)).where(
        LoginAttempt.ip == ip, LoginAttempt.success.is_(False), LoginAttempt.at >= since)) or 0
    if ip_failures >= settings.ip_max_failures:
        return LoginVerdict.ADDRESS_LOCKED
    return LoginVerdict.OK


def record_attempt(session: Session, login: str, ip: str, *, success: bool) -> None:
    session.add(LoginAttempt(login=login_key(login), ip=ip[:64], success=success))
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < utcnow() - KEEP))
