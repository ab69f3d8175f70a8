"""The organisation's size as an administrator declares it (`people.orgsize`,
`staffpath org size`): stored once, audited, read for everyone instead of each record's own
statement, by the per-person engine and the org views alike."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from staffpath.accounts.audit import COMMAND_LINE, list_entries
from staffpath.assess.service import assess_person
from staffpath.errors import InputError
from staffpath.framework.model import Framework
from staffpath.ledger.service import import_brag_text
from staffpath.org.assessed import assess_everyone
from staffpath.people.orgsize import clear_org_size, declare_org_size, declared_org_size
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from staffpath.vocab import Scope
from web_helpers import World

AS_OF = dt.date(2026, 1, 15)
# A year of company-wide work the author led, in a record that says nothing of the size.
RECORD = "# 2025\n\n" + "".join(
    f"- 2025-{m:02d}-03 Led the company-wide migration of service {m} for the whole company\n"
    for m in range(1, 13))


def _import(store: Store, framework: Framework, handle: str, text: str) -> None:
    with store.session() as session:
        import_brag_text(session, find_person(session, handle), text, document=f"{handle}.md",
                         framework=framework, today=AS_OF)


def test_declaring_validates_replaces_clears_and_audits(org: Store) -> None:
    with org.session() as session:
        assert declared_org_size(session) is None
        for engineers, teams in ((0, 0), (-3, 0), (10, 11), (10, -1), (2_000_000, 0)):
            with pytest.raises(InputError):
                declare_org_size(session, COMMAND_LINE, engineers, teams)
        declare_org_size(session, COMMAND_LINE, 40)
        declare_org_size(session, COMMAND_LINE, 14, 2)
        found = declared_org_size(session)
        assert found is not None
        assert (found.engineers, found.teams) == (14, 2)
        assert clear_org_size(session, COMMAND_LINE)
        assert not clear_org_size(session, COMMAND_LINE)  # nothing left to withdraw
        assert declared_org_size(session) is None
        actions = [e.action for e in list_entries(session, limit=10)]
    assert actions[:4] == ["org.size.clear", "org.size.clear", "org.size.declare",
                           "org.size.declare"]


def test_a_declared_size_is_read_for_everyone_instead_of_the_record(
        org: Store, framework: Framework) -> None:
    _import(org, framework, "ada", RECORD)
    _import(org, framework, "cy", "Acme is 900 engineers in 60 teams.\n\n" + RECORD)
    with org.session(read_only=True) as session:
        alice, bob = find_person(session, "ada"), find_person(session, "cy")
        as_stated = assess_person(session, alice, framework, as_of=AS_OF)
        bob_stated = assess_person(session, bob, framework, as_of=AS_OF)
    # Nothing declared: Alice's record states no size, Bob's a large one; both read as stated.
    assert as_stated.reach_read_as is None
    assert bob_stated.reach_read_as is None
    assert bob_stated.org_stated is not None
    assert bob_stated.org_stated.engineers == 900
    with org.session() as session:
        declare_org_size(session, COMMAND_LINE, 40)
    with org.session(read_only=True) as session:
        alice, bob = find_person(session, "ada"), find_person(session, "cy")
        declared = [assess_person(session, p, framework, as_of=AS_OF) for p in (alice, bob)]
        together = assess_everyone(session, framework, AS_OF)
    for one, person in zip(declared, (alice, bob), strict=True):
        assert one.reach_read_as is Scope.TEAMS  # 40 engineers: five teams
        assert one.org_teams == 5
        batch = together.people[person.id]
        assert (framework.level_ids[batch.overall] if batch.overall >= 0 else None) == (
            one.overall_level)
        assert [framework.level_ids[v] if v >= 0 else None for v in batch.dimensions] == [
            d.level for d in one.dimensions]


def test_the_command_declares_shows_and_withdraws(
        run_cli: Callable[..., Any], roster_file: Path) -> None:
    assert run_cli("people", "import", str(roster_file)).code == 0
    shown = run_cli("org", "size")
    assert shown.code == 0
    assert "No size is declared" in shown.out
    declared = run_cli("org", "size", "--engineers", "14", "--teams", "2")
    assert declared.code == 0
    assert "declared at 14 engineers in 2 teams" in declared.out
    as_json = run_cli("org", "size", "--json")
    assert json.loads(as_json.out) == {"declared": {"engineers": 14, "teams": 2}}
    for bad in (("--engineers", "0"), ("--engineers", "5", "--teams", "9"),
                ("--teams", "3"), ("--clear", "--engineers", "4")):
        failed = run_cli("org", "size", *bad)
        assert failed.code != 0
        assert "Traceback" not in failed.err
        assert len(failed.err.strip().splitlines()) == 1
    # A refused declaration left the earlier one as it was.
    assert json.loads(run_cli("org", "size", "--json").out)["declared"]["engineers"] == 14
    withdrawn = run_cli("org", "size", "--clear")
    assert withdrawn.code == 0
    assert "Declared size withdrawn" in withdrawn.out


def test_an_admin_declares_it_on_the_teams_page_and_nobody_else_can(world: World) -> None:
    admin = world.client("admin")
    headers = {"X-CSRF-Token": world.csrf("admin")}
    before = admin.get("/admin/teams")
    assert before.status_code == 200
    assert "Nothing declared" in before.text
    refused = admin.post("/admin/org-size", data={"engineers": "0"}, headers=headers)
    assert refused.status_code == 422
    assert "engineers" in refused.text
    assert "Nothing declared" in refused.text  # the refused form changed nothing
    done = admin.post("/admin/org-size", data={"engineers": "40", "teams": "5"},
                      headers=headers)
    assert done.status_code == 303
    shown = admin.get("/admin/teams").text
    assert "40 engineers in 5 teams" in shown
    peer = world.client("peer")
    answer = peer.post("/admin/org-size", data={"clear": "1"},
                       headers={"X-CSRF-Token": world.csrf("peer")})
    assert answer.status_code == 404
    assert "40 engineers in 5 teams" in admin.get("/admin/teams").text
    assert admin.post("/admin/org-size", data={"clear": "1"},
                      headers=headers).status_code == 303
    assert "Nothing declared" in admin.get("/admin/teams").text
