"""The audit log: written for reads of others' data, writes and refusals; admins read it; it
cannot be changed or deleted, not even with SQL on the application's own connection."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from web_helpers import World, engine_for, user_id


def entries(world: World) -> list[dict[str, object]]:
    response = world.client("admin").get("/api/admin/audit?limit=1000")
    assert response.status_code == 200
    return list(response.json())


def test_reads_of_someone_elses_assessment_and_packet_are_audited(world: World) -> None:
    manager = world.client("manager")
    assert manager.get("/people/ada/assessment").status_code == 200
    assert manager.get("/api/people/ada/packet?format=md").status_code == 200
    log = entries(world)
    reads = [e for e in log if e["target_type"] == "person" and e["target_id"] == world.ids.ada
             and e["outcome"] == "ok"]
    assert {e["action"] for e in reads} >= {"read_assessment", "download_packet"}
    # Reading your own data is not someone reading yours.
    ada_user = user_id(world.url, "ada@corp.example")
    world.client("self").get("/people/ada/assessment")
    assert not [e for e in entries(world)
                if e["action"] == "read_assessment" and e["actor_user_id"] == ada_user]


def test_writes_and_refusals_are_audited_with_ids_only(world: World) -> None:
    self_ = world.client("self")
    created = self_.post("/api/people/ada/entries", json={"title": "Audited"},
                         headers={"X-CSRF-Token": world.csrf("self")})
    assert created.status_code == 201
    refused = world.client("peer").get("/people/ada/journal")
    assert refused.status_code == 404
    log = entries(world)
    write = next(e for e in log if e["action"] == "create_entry")
    assert write["outcome"] == "ok"
    assert write["target_type"] == "entry"
    assert write["target_id"] == created.json()["id"]
    refusal = next(e for e in log if e["outcome"] == "refused"
                   and e["route"] == "GET /people/{handle}/journal")
    assert refusal["target_id"] == world.ids.ada
    # Routes are templates: no handle, name or e-mail lands in the log.
    assert all("ada" not in str(e["route"]) for e in log)


def test_only_admins_can_read_the_log(world: World) -> None:
    for role in ("self", "manager", "committee", "other_manager"):
        assert world.client(role).get("/admin/audit").status_code == 404
        assert world.client(role).get("/api/admin/audit").status_code == 404
    page = world.client("admin").get("/admin/audit")
    assert page.status_code == 200
    assert 'data-testid="audit-table"' in page.text


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET outcome = 'ok'",
    "UPDATE audit_log SET actor_user_id = NULL WHERE id = (SELECT min(id) FROM audit_log)",
    "DELETE FROM audit_log",
    "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
])
def test_the_database_rejects_changes_to_the_log(world: World, statement: str) -> None:
    world.client("peer").get("/people/ada/journal")  # at least one refused entry
    app = world.app()
    engine = app.state.web.store.engine  # the application's own connection
    with engine.connect() as conn:
        before = conn.execute(text("SELECT * FROM audit_log ORDER BY id")).all()
    assert before
    with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT * FROM audit_log ORDER BY id")).all() == before


def test_truncating_the_log_is_rejected_on_postgresql(world: World) -> None:
    if not world.url.startswith("postgresql"):
        pytest.skip("TRUNCATE is PostgreSQL's")
    with pytest.raises(DatabaseError, match="append-only"), \
            engine_for(world.url).begin() as conn:
        conn.execute(text("TRUNCATE audit_log"))
