"""Who wrote a commit: mailmap, roster e-mails, automatic grouping, and the user's corrections."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mining_helpers import HistoryBuilder, Person, init_repo, invoke, lines, workspace_with_roster
from staffpath.mining.identity_resolution import (
    Directory,
    PersonInfo,
    github_login,
    pair_of,
    resolve,
)


def _directory(identities: list[tuple[str, str]] | None = None,
               rules: list[tuple[str, int, int | None, int | None]] | None = None,
               emails: dict[str, int] | None = None) -> Directory:
    people = {1: PersonInfo(1, "Ana Lima", "ana", "Payments"),
              2: PersonInfo(2, "Ana Lima", "ana.l", "Search"),
              3: PersonInfo(3, "Bo Chen", "bo-chen", "Checkout")}
    return Directory(identities={p: i for i, p in enumerate(identities or [], start=1)},
                     rules=rules or [], emails=emails or {}, people=people)


def test_same_email_or_full_name_groups_identities() -> None:
    pairs = [("Ana", "ana@x.example"), ("Ana L.", "ANA@x.example"),
             ("Carla Mendes", "carla@work.example"), ("carla  mendes", "c@home.example"),
             ("root", "root@a.example"), ("root", "root@b.example"),
             ("Dev One", "noreply@github.com"), ("Dev Two", "noreply@github.com"),
             ("No Mail", "")]
    res = resolve(_directory(), pairs)
    key = {p: res.author(*p).key for p in pairs}
    assert key[pairs[0]] == key[pairs[1]]  # e-mails compare without case
    assert key[pairs[2]] == key[pairs[3]]  # the same two-word name
    assert key[pairs[4]] != key[pairs[5]]  # one-word names are too common to trust
    assert key[pairs[6]] != key[pairs[7]]  # a shared no-reply address is nobody's
    assert key[pairs[8]] == "x:name:No Mail"
    assert res.author("Carla Mendes", "carla@work.example").name == "Carla Mendes"


def test_github_noreply_logins_group_and_match_handles() -> None:
    assert github_login("12345+Bo-Chen@users.noreply.github.com") == "bo-chen"
    assert github_login("bo-chen@users.noreply.github.com") == "bo-chen"
    assert github_login("bo@example.com") is None
    pairs = [("bo", "12345+bo-chen@users.noreply.github.com"),
             ("Bo C", "bo-chen@users.noreply.github.com")]
    res = resolve(_directory(), pairs)
    assert {res.author(*p).key for p in pairs} == {"p:3"}  # login bo-chen is handle bo-chen


def test_roster_emails_link_people_and_never_merge_two_people() -> None:
    pairs = [("Ana Lima", "ana@payments.example"), ("Ana Lima", "ana@search.example")]
    res = resolve(_directory(emails={"ana@payments.example": 1, "ana@search.example": 2}),
                  pairs)
    assert [res.author(*p).key for p in pairs] == ["p:1", "p:2"]
    assert res.author(*pairs[0]).team == "Payments"


def test_rules_merge_split_and_link() -> None:
    pairs = [("Ana Lima", "ana@x.example"), ("A. Lima", "al@y.example"),
             ("Carla Mendes", "carla@work.example"), ("Carla Mendes", "c@home.example")]
    stored = [pair_of(*p) for p in pairs]
    plain = resolve(_directory(stored), [])
    assert plain.author(*pairs[0]).key != plain.author(*pairs[1]).key
    merged = resolve(_directory(stored, rules=[("merge", 1, 2, None)]), [])
    assert merged.author(*pairs[0]).key == merged.author(*pairs[1]).key
    split = resolve(_directory(stored, rules=[("split", 4, None, None)]), [])
    assert split.author(*pairs[2]).key != split.author(*pairs[3]).key
    linked = resolve(_directory(stored, rules=[("link", 2, None, 3)]), [])
    assert linked.author(*pairs[1]).key == "p:3"
    assert linked.digest(stored) != plain.digest(stored)


def test_mailmap_and_roster_resolve_in_a_real_mine(tmp_path: Path) -> None:
    ws = workspace_with_roster(tmp_path / "ws")
    repo = init_repo(tmp_path / "shop")
    b = HistoryBuilder(repo)
    old = Person("ana (laptop)", "ana@old-laptop.local")
    b.commit(old, {".mailmap": "Ana Lima <ana@corp.example> <ana@old-laptop.local>\n",
                   "services/payments/a.py": lines(5)})
    b.commit(Person("Bo Chen", "bo@home.example"), {"services/payments/a.py": lines(6)})
    b.commit(Person("Stranger", "who@else.example"), {"README.md": "hi\n"})
    b.write()
    result = invoke(ws, "mine", str(repo), "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)["repositories"][0]
    names = {c["name"]: c["handle"] for c in report["contributors"]}
    assert names == {"Ana Lima": "ana", "Bo Chen": "bo", "Stranger": None}


def test_identities_cli_lists_and_corrects_groups(tmp_path: Path) -> None:
    ws = workspace_with_roster(tmp_path / "ws")
    repo = init_repo(tmp_path / "shop")
    b = HistoryBuilder(repo)
    laptop = Person("cy", "cy@laptop.local")  # one word and an unknown e-mail: not grouped
    b.commit(laptop, {"services/payments/a.py": lines(5)})
    for i in range(3):
        b.commit(laptop, {"services/payments/a.py": lines(6 + i)})
    b.write()
    assert invoke(ws, "mine", str(repo)).code == 0
    listed = json.loads(invoke(ws, "identities", "list", "--unlinked", "--json").out)
    assert [(g["name"], g["commits"]) for g in listed] == [("cy", 4)]
    ident = listed[0]["identities"][0]["id"]
    linked = invoke(ws, "identities", "link", str(ident), "cy")
    assert linked.code == 0, linked.err
    assert "next `staffpath mine`" in linked.out
    again = json.loads(invoke(ws, "mine", str(repo), "--json").out)["repositories"][0]
    assert again["incremental"] is False
    assert again["contributors"][0]["handle"] == "cy"
    everyone = json.loads(invoke(ws, "identities", "list", "--json").out)
    assert next(g for g in everyone if g["person"] == "cy")["commits"] == 4
    split = invoke(ws, "identities", "split", str(ident))
    assert split.code == 0
    missing = invoke(ws, "identities", "link", "999", "cy")
    assert missing.code == 3
    assert missing.err.strip().splitlines() == [
        "error: no git identity with id 999 (see `staffpath identities list`)"]


@pytest.mark.parametrize("person", ["ana", "bo"])
def test_merging_two_roster_people_is_refused(tmp_path: Path, person: str) -> None:
    ws = workspace_with_roster(tmp_path / "ws")
    repo = init_repo(tmp_path / "shop")
    b = HistoryBuilder(repo)
    b.commit(Person("Ana Lima", "ana@corp.example"), {"a.txt": "a\n"})
    b.commit(Person("Bo Chen", "bo@corp.example"), {"b.txt": "b\n"})
    b.write()
    assert invoke(ws, "mine", str(repo)).code == 0
    groups = json.loads(invoke(ws, "identities", "list", "--json").out)
    ids = {g["person"]: g["identities"][0]["id"] for g in groups}
    other = "bo" if person == "ana" else "ana"
    refused = invoke(ws, "identities", "merge", str(ids[person]), str(ids[other]))
    assert refused.code == 2
    assert "split or relink one first" in refused.err


def test_identity_corrections_are_audited_as_the_command_line(tmp_path: Path) -> None:
    from staffpath.accounts.audit import entry_to_dict, list_entries
    from staffpath.store.engine import Store
    from staffpath.workspace import open_workspace

    ws = workspace_with_roster(tmp_path / "ws")
    repo = init_repo(tmp_path / "shop")
    b = HistoryBuilder(repo)
    b.commit(Person("cy", "cy@laptop.local"), {"a.txt": "a\n"})
    b.commit(Person("Ana Lima", "ana@corp.example"), {"b.txt": "b\n"})
    b.write()
    assert invoke(ws, "mine", str(repo)).code == 0
    groups = json.loads(invoke(ws, "identities", "list", "--json").out)
    cy = next(g for g in groups if g["person"] is None)["identities"][0]["id"]
    ana = next(g for g in groups if g["person"] == "ana")["identities"][0]["id"]
    assert invoke(ws, "identities", "link", str(cy), "cy").code == 0
    assert invoke(ws, "identities", "split", str(cy)).code == 0
    assert invoke(ws, "identities", "merge", str(ana), str(cy)).code == 0
    store = Store(open_workspace(ws).db_url())
    try:
        with store.session(read_only=True) as session:
            entries = [entry_to_dict(e) for e in reversed(list_entries(session))]
    finally:
        store.close()
    assert [(e["action"], e["target_type"], e["target_id"], e["actor_user_id"], e["route"])
            for e in entries] == [
        ("link_identity", "git_identity", cy, None, "cli link_identity"),
        ("split_identity", "git_identity", cy, None, "cli split_identity"),
        ("merge_identities", "git_identity", ana, None, "cli merge_identities")]
