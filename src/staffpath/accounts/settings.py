"""Workspace settings an admin can change in the browser, kept in the database."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.accounts.tables import WorkspaceSetting
from staffpath.store.engine import Reader

KEY = "web"


class WebSettings(BaseModel):
    """Settings for the web application; every field has a safe default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    org_name: str = Field(default="staffpath", min_length=1, max_length=100)
    session_idle_minutes: int = Field(default=120, ge=5, le=24 * 60)
    # Failed sign-ins to one account from one address before each further attempt waits
    # (2 s, then doubling, at most the window); from any address, the account's ceiling.
    login_max_failures: int = Field(default=5, ge=1, le=100)
    account_max_failures: int = Field(default=50, ge=1, le=10_000)
    login_window_minutes: int = Field(default=15, ge=1, le=24 * 60)
    ip_max_failures: int = Field(default=30, ge=1, le=10_000)


_VALUE = select(WorkspaceSetting.value).where(WorkspaceSetting.key == KEY)


def load_settings(session: Reader) -> WebSettings:
    value = session.execute(_VALUE).scalar()
    if not value:
        return WebSettings()
    # Settings written by an older version may lack fields or hold retired ones.
    known = {k: v for k, v in value.items() if k in WebSettings.model_fields}
    return WebSettings.model_validate(known)


def save_settings(session: Session, settings: WebSettings) -> WebSettings:
    row = session.get(WorkspaceSetting, KEY)
    if row is None:
        session.add(WorkspaceSetting(key=KEY, value=settings.model_dump()))
    else:
        row.value = settings.model_dump()
    session.flush()
    return settings
