"""A person's data: they can export all of it as JSON; an admin can erase it, after which no
table holds their name, handle or e-mail addresses, and the erasure itself is audited."""

from __future__ import annotations

import re

from web_helpers import ACCOUNTS, World, all_text, snapshot

ADA_TEXTS = ("Ada Lovelace", "ada@corp.example", "ada.l@old.example")
ADA_HANDLE = re.compile(r"(?<![\w.-])ada(?![\w-])", re.IGNORECASE)


def writes(world: World, role: str) -> dict[str, str]:
    return {"X-CSRF-Token": world.csrf(role)}


def test_a_person_exports_all_their_data(world: World) -> None:
    client = world.client("self")
    created = client.post("/api/people/ada/entries", json={"title": "Later deleted"},
                          headers=writes(world, "self")).json()
    assert client.delete(f"/api/people/ada/entries/{created['id']}",
                         headers={**writes(world, "self"), "If-Match": '"1"'}
                         ).status_code == 204
    client.put("/api/people/ada/self-ratings", json={"ratings": {"strategy": "staff"}},
               headers=writes(world, "self"))
    world.client("manager").get("/people/ada/assessment")  # someone reads her assessment
    response = client.get("/people/ada/export.json")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    data = response.json()
    assert data["person"]["handle"] == "ada"
    assert set(data["person"]["emails"]) == {"ada@corp.example", "ada.l@old.example"}
    assert data["account"]["login"] == "ada@corp.example"
    assert "password_hash" not in str(data)
    titles = {e["title"]: e for e in data["evidence"]}
    assert titles["Later deleted"]["deleted"] is True  # deleted entries are still hers
    assert "Ran the incident review for the checkout outage" in titles
    assert {h["change"] for h in data["evidence_history"]} >= {"created", "deleted"}
    assert any("payments strategy" in n["text"] for n in data["journal_notes"])
    assert data["self_ratings"] == {"strategy": "staff"}
    manager_id = next(a["actor_user_id"] for a in data["audit"]
                      if a["action"] == "read_assessment")
    assert manager_id is not None  # she can see that her assessment was read, and by whom
    assert client.get("/api/people/ada/export").json()["person"]["id"] == world.ids.ada


def test_nobody_else_can_export_a_persons_data(world: World) -> None:
    for role in ("manager", "skip_manager", "admin", "committee", "peer"):
        assert world.client(role).get("/people/ada/export.json").status_code == 404
        assert world.client(role).get("/api/people/ada/export").status_code == 404


def test_an_admin_erases_a_person_and_nothing_of_them_remains(world: World) -> None:
    admin = world.client("admin")
    # A wrong confirmation erases nothing.
    before = snapshot(world.url)
    wrong = admin.post(f"/admin/people/{world.ids.ada}/erase",
                       data={"confirm": "bo"}, headers=writes(world, "admin"))
    assert wrong.status_code == 422
    assert snapshot(world.url) == before
    response = admin.post(f"/admin/people/{world.ids.ada}/erase", data={"confirm": "ada"},
                          headers=writes(world, "admin"))
    assert response.status_code == 303
    found = [(table, value) for table, value in all_text(world.url)
             if any(t.lower() in value.lower() for t in ADA_TEXTS) or ADA_HANDLE.search(value)]
    assert found == []
    # Her account is closed and her session dead; the tombstone keeps the org chart whole.
    assert world.client("self").get("/api/me").status_code == 401
    people = {p["id"]: p for p in admin.get("/api/admin/people").json()}
    assert people[world.ids.ada]["name"] == f"erased person #{world.ids.ada}"
    assert people[world.ids.ada]["emails"] == []
    # Bo's entry survives, without her in it.
    bo_entry = world.client("peer").get(f"/api/people/bo/entries/{world.ids.bo_entry}").json()
    assert bo_entry["people"] == [f"erased-{world.ids.ada}"]
    assert "erased person" in bo_entry["title"]
    # The erasure is audited: by the admin, naming the person by id only.
    log = admin.get("/api/admin/audit?action=erase_person").json()
    assert [(e["outcome"], e["target_id"]) for e in log] == [
        ("ok", world.ids.ada), ("refused", world.ids.ada)]  # newest first
    assert log[0]["actor_user_id"] is not None


def test_an_erased_person_cannot_sign_in_again(world: World) -> None:
    admin = world.client("admin")
    admin.post(f"/api/admin/people/{world.ids.ada}/erase", json={"confirm": "ada"},
               headers=writes(world, "admin"))
    response = world.client("anonymous").post("/api/session", json={
        "login": ACCOUNTS["self"][0], "password": "correct horse battery"})
    assert response.status_code == 401
