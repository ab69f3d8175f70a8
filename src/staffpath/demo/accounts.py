"""Sign-in accounts for the demo organisation: one of each kind of user."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from staffpath.accounts.auth import create_user
from staffpath.accounts.tables import User
from staffpath.people.service import find_person
from staffpath.store.engine import Store

# Demo only: a fixed password, printed by `staffpath demo`, so a demo can be shown (and
# browser tests written) without looking anything up. Never used outside the demo.
DEMO_PASSWORD = "staffpath-demo"
ADMIN_LOGIN = "admin@harborpine.example"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    login: str
    password: str
    person: str | None
    note: str


# (role, handle or None, committee member?, admin?, what they see)
DEMO_USERS = (
    ("engineer", "priya.nair", False, False, "Priya, ready for staff: her own journal, "
     "assessment and packet"),
    ("manager", "rachel.goldberg", False, False, "Priya's manager: reads her team's data"),
    ("committee", "helen.achterberg", True, False, "promotion committee: candidates' packets"),
    ("admin", None, False, True, "people, accounts, teams, framework, settings, audit log"),
)


def create_demo_accounts(store_url: str) -> list[DemoLogin]:
    """Accounts for the demo cast (again on a rebuilt demo: the database is new)."""
    store = Store(store_url)
    logins: list[DemoLogin] = []
    try:
        with store.session() as session:
            for role, handle, committee, admin, note in DEMO_USERS:
                person = find_person(session, handle) if handle else None
                login = person.emails[0].email if person else ADMIN_LOGIN
                if session.scalar(select(User.id).where(User.login == login)) is None:
                    create_user(session, login, DEMO_PASSWORD, person=person,
                                is_admin=admin, is_committee=committee)
                logins.append(DemoLogin(role, login, DEMO_PASSWORD, handle, note))
    finally:
        store.close()
    return logins
