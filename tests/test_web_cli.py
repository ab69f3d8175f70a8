"""The web's commands: accounts, the audit log, a person's export and erasure, `serve`."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

from sqlalchemy import text

from staffpath.demo.accounts import DEMO_PASSWORD, create_demo_accounts
from staffpath.framework.loader import default_framework
from staffpath.people.service import import_roster
from staffpath.store.engine import Store
from staffpath.web.app import create_app
from staffpath.web.serve import cookies_must_be_secure, is_loopback
from web_helpers import TestClient, engine_for

ROSTER = textwrap.dedent("""\
    name,email,team,manager,level,target_level,role
    Mo Manager,mo@corp.example,Checkout,,,,manager
    Ada Lovelace,ada@corp.example,Checkout,mo@corp.example,senior,staff,engineer
    """)


def test_accounts_export_and_erase_from_the_command_line(run_cli, tmp_path: Path  # type: ignore[no-untyped-def]
                                                         ) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    assert run_cli("people", "import", str(roster)).code == 0
    added = run_cli("users", "add", "ada@corp.example", "--person", "ada", "--json")
    assert added.code == 0, added.err
    account = json.loads(added.out)
    assert account["person"] == "ada"
    assert len(account["password"]) >= 12  # generated, shown once
    admin = run_cli("users", "add", "root@corp.example", "--admin",
                    "--password-stdin", input="a very long password\n")
    assert admin.code == 0, admin.err
    assert "password:" not in admin.out  # a chosen password is never echoed
    listed = json.loads(run_cli("users", "list", "--json").out)
    assert {u["login"]: u["is_admin"] for u in listed} == {
        "ada@corp.example": False, "root@corp.example": True}
    changed = run_cli("users", "set-password", "ada@corp.example")
    assert changed.code == 0
    assert re.search(r"password: \S{12,}", changed.out)
    assert run_cli("users", "add", "ada2@corp.example", "--person", "ada").code != 0

    exported = run_cli("person", "export", "ada")
    assert exported.code == 0, exported.err
    assert json.loads(exported.out)["account"]["login"] == "ada@corp.example"

    refused = run_cli("person", "erase", "ada")
    assert refused.code == 2
    assert "--yes" in refused.err
    erased = run_cli("person", "erase", "ada", "--yes", "--json")
    assert erased.code == 0, erased.err
    db = tmp_path / "ws" / "staffpath.db"
    with engine_for(f"sqlite:///{db}").connect() as conn:
        dump = " ".join(str(r) for table in ("people", "person_emails", "users", "evidence")
                        for r in conn.execute(text(f"SELECT * FROM {table}")))
    assert "Ada Lovelace" not in dump
    assert "ada@corp.example" not in dump

    log = json.loads(run_cli("audit", "list", "--json").out)
    actions = [e["action"] for e in log]
    assert {"create_user", "reset_password", "export_data", "erase_person"} <= set(actions)
    assert all(e["actor_user_id"] is None for e in log)  # the workspace owner, at the CLI


def test_serve_has_help_and_cookies_are_secure_off_loopback(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("serve", "--help")
    assert result.code == 0
    assert "--port" in result.out
    assert is_loopback("127.0.0.1")
    assert is_loopback("::1")
    assert is_loopback("localhost")
    assert not is_loopback("0.0.0.0")
    assert not cookies_must_be_secure("127.0.0.1")
    assert cookies_must_be_secure("0.0.0.0")
    assert cookies_must_be_secure("staffpath.corp.example")
    assert not cookies_must_be_secure("10.0.0.5", override=False)
    assert cookies_must_be_secure("localhost", override=True)


DEMO_ROSTER = textwrap.dedent("""\
    name,email,team,manager,level,target_level,role
    Rachel Goldberg,rachel.goldberg@harborpine.example,Checkout,,,,manager
    Priya Nair,priya.nair@harborpine.example,Checkout,rachel.goldberg@harborpine.example,\
senior,staff,engineer
    Helen Achterberg,helen.achterberg@harborpine.example,Platform,,principal,,engineer
    """)


def test_demo_accounts_are_one_of_each_kind_and_sign_in(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    roster = tmp_path / "roster.csv"
    roster.write_text(DEMO_ROSTER, encoding="utf-8")
    store = Store(url)
    try:
        with store.session() as session:
            import_roster(session, roster, level_ids=default_framework().level_ids)
    finally:
        store.close()
    logins = create_demo_accounts(url)
    assert [d.role for d in logins] == ["engineer", "manager", "committee", "admin"]
    assert create_demo_accounts(url) == logins  # running it again changes nothing
    app = create_app(url, workspace=tmp_path, secure_cookies=False)
    try:
        client = TestClient(app, follow_redirects=False)
        seen = {}
        for demo in logins:
            client.cookies.clear()
            response = client.post("/api/session", json={"login": demo.login,
                                                          "password": DEMO_PASSWORD})
            assert response.status_code == 200, demo
            seen[demo.role] = client.get("/api/me").json()
        assert seen["engineer"]["person"] == "priya.nair"
        assert seen["manager"]["is_manager"]
        assert seen["committee"]["is_committee"]
        assert seen["admin"]["is_admin"]
        assert seen["admin"]["person"] is None
    finally:
        app.state.web.store.close()
