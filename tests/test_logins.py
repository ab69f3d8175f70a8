"""Logins are printable, bounded and normalised: an account cannot be named `0`, `__main__`,
with private-use or invisible characters, and a full-width or upper-case spelling of a login
is the same account."""

from __future__ import annotations

import pytest

from staffpath.accounts.logins import login_problem, normalise_login
from web_helpers import ACCOUNTS, PASSWORD, SQLITE_ONLY, World

WORLD_BACKENDS = SQLITE_ONLY


@pytest.mark.parametrize("login", ["0", "12345", "__main__", "ab", "a b@corp.example",
                                   "\ue000boss@corp.example", "x\u200by@corp.example",
                                   "tab\t@corp.example", "-dash@corp.example", "a" * 255,
                                   "semi;colon@corp.example", "<script>@corp.example"])
def test_an_account_cannot_get_a_bad_login(world: World, login: str) -> None:
    response = world.client("admin").post("/api/admin/users", json={"login": login},
                                          headers={"X-CSRF-Token": world.csrf("admin")})
    assert response.status_code == 422, response.text
    assert "login" in response.text


@pytest.mark.parametrize("login", ["ada@corp.example", "o'neil@corp.example", "j.smith",
                                   "zoë+staff@corp.example", "山田@corp.example", "dev01"])
def test_ordinary_logins_are_accepted(login: str) -> None:
    assert login_problem(normalise_login(login)) is None


def test_full_width_and_upper_case_spellings_are_the_same_account(world: World) -> None:
    admin = world.client("admin")
    made = admin.post("/api/admin/users", json={"login": "ＮＥＷ＠Corp.Example",
                                                 "password": PASSWORD},
                      headers={"X-CSRF-Token": world.csrf("admin")})
    assert made.status_code == 201, made.text
    assert made.json()["login"] == "new@corp.example"
    again = admin.post("/api/admin/users", json={"login": "new@corp.example"},
                       headers={"X-CSRF-Token": world.csrf("admin")})
    assert again.status_code == 422
    signed_in = world.client("anonymous").post("/api/session", json={
        "login": "ＡＤＡ＠ｃｏｒｐ.example", "password": PASSWORD})
    assert signed_in.status_code == 200
    assert signed_in.json()["login"] == ACCOUNTS["self"][0]
