"""Changes an administrator makes to accounts and workspace settings, each audited.

The admin pages, the admin API and the command line all change accounts through these, so a
change is checked and recorded the same way whichever front end asked for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from staffpath.accounts.audit import Origin, record_change
from staffpath.accounts.auth import create_user, get_user, set_active, set_password, update_user
from staffpath.accounts.settings import WebSettings, save_settings
from staffpath.accounts.tables import User
from staffpath.store.tables import Person


def add_account(session: Session, login: str, password: str, *, person: Person | None,
                is_admin: bool, is_committee: bool, origin: Origin) -> User:
    """A new account, optionally for a person (one account per person)."""
    user = create_user(session, login, password, person=person, is_admin=is_admin,
                       is_committee=is_committee)
    record_change(session, origin, "create_user", "user", user.id)
    return user


def change_account(session: Session, user_id: int, changes: Mapping[str, Any], *,
                   origin: Origin) -> User:
    """Set an account's flags (admin, committee, active); nobody demotes or deactivates
    themselves."""
    user = update_user(session, get_user(session, user_id), changes,
                       acting_user_id=origin.actor_user_id)
    record_change(session, origin, "update_user", "user", user.id)
    return user


def reset_password(session: Session, user: User, password: str, *, origin: Origin) -> None:
    """A new password; the account is signed out everywhere."""
    set_password(session, user, password)
    record_change(session, origin, "reset_password", "user", user.id)


def deactivate_account(session: Session, user: User, *, origin: Origin) -> None:
    """Stop an account signing in; its sessions end at once."""
    set_active(session, user, False)
    record_change(session, origin, "update_user", "user", user.id)


def change_settings(session: Session, settings: WebSettings, *, origin: Origin) -> WebSettings:
    saved = save_settings(session, settings)
    record_change(session, origin, "update_settings", "settings", None)
    return saved
