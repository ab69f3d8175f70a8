"""Input at the edge of the web application: ids bounded to what a database column holds, text
without NUL, finite numbers, validation errors answered 422 naming the field, the wrong body
type 415, and a request that fails after its write leaves nothing behind. On SQLite and
PostgreSQL alike (PostgreSQL's `integer` is 32-bit and refuses NUL in text)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

import staffpath.web.api as api_module
from staffpath.web.ids import MAX_ID, unbounded_numbers
from web_helpers import World, engine_for, snapshot

BEYOND_INT32 = 2**31
BEYOND_INT64 = 2**63


def count(world: World, table: str) -> int:
    with engine_for(world.url).connect() as conn:
        return int(conn.scalar(text(f"SELECT count(*) FROM {table}")) or 0)


def headers(world: World, role: str) -> dict[str, str]:
    return {"X-CSRF-Token": world.csrf(role)}


def test_every_route_bounds_its_integer_parameters(world: World) -> None:
    """Walks every route of the application, those added later included: an integer path or
    query parameter without bounds a 32-bit column holds is refused."""
    assert unbounded_numbers(world.app().routes) == []


def test_the_route_walk_finds_an_unbounded_id() -> None:
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/things/{thing_id}")
    def thing(thing_id: int, before: int | None = None) -> None: ...

    assert unbounded_numbers(app.routes) == ["GET /things/{thing_id}: thing_id",
                                             "GET /things/{thing_id}: before"]


@pytest.mark.parametrize(("role", "method", "path"), [
    ("self", "GET", "/account/outcomes/{big}"),
    ("self", "POST", "/account/nominations/{big}/withdraw"),
    ("committee", "GET", "/committee/cycles/{big}"),
    ("committee", "GET", "/api/committee/cycles/{big}"),
    ("admin", "GET", "/admin/cycles/{big}"),
    ("admin", "GET", "/api/admin/cycles/{big}"),
    ("admin", "GET", "/api/admin/audit?before={big}"),
    ("admin", "GET", "/admin/audit?before={big}"),
    ("admin", "POST", "/api/admin/frameworks/{big}/activate"),
    ("admin", "GET", "/admin/people/{big}"),
])
@pytest.mark.parametrize("big", [BEYOND_INT32, BEYOND_INT64])
def test_an_id_too_large_for_the_database_answers_422(world: World, role: str, method: str,
                                                      path: str, big: int) -> None:
    client = world.client(role)
    response = client.request(method, path.format(big=big), headers=headers(world, role))
    assert response.status_code == 422, response.text[:300]
    assert str(MAX_ID) in response.text or "less than or equal" in response.text


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_an_entry_id_too_large_is_hidden_like_a_missing_one(world: World, method: str) -> None:
    client = world.client("self")
    for entry in (BEYOND_INT32, BEYOND_INT64):
        response = client.request(method, f"/api/people/ada/entries/{entry}",
                                  headers={**headers(world, "self"), "If-Match": '"1"'},
                                  json={"title": "x"} if method == "PATCH" else None)
        assert response.status_code == 404, response.text[:300]
        page = client.get(f"/people/ada/journal/entries/{entry}/edit")
        assert page.status_code == 404


def test_admin_api_ids_too_large_answer_422(world: World) -> None:
    client = world.client("admin")
    for what, body in (("teams", {"name": "x"}), ("people", {"name": "x"}),
                       ("users", {"active": True})):
        response = client.patch(f"/api/admin/{what}/{BEYOND_INT32}", json=body,
                                headers=headers(world, "admin"))
        assert response.status_code == 422, (what, response.text[:300])


def test_nul_in_an_entry_title_answers_422_and_saves_nothing(world: World) -> None:
    before = count(world, "evidence")
    client = world.client("self")
    response = client.post("/api/people/ada/entries", json={"title": "a\x00b"},
                           headers=headers(world, "self"))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "title"]
    form = client.post("/people/ada/journal/entries", data={
        "title": "ok", "body": "with\x00nul", "csrf_token": world.csrf("self")})
    assert form.status_code == 422
    assert "body" in form.text
    assert count(world, "evidence") == before


def test_nul_in_a_persons_name_through_the_admin_api_answers_422(world: World) -> None:
    before = snapshot(world.url)
    response = world.client("admin").patch(f"/api/admin/people/{world.ids.bo}",
                                            json={"name": "Bo\x00"},
                                            headers=headers(world, "admin"))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "name"]
    assert snapshot(world.url) == before


def test_nul_in_a_path_or_query_answers_422(world: World) -> None:
    client = world.client("self")
    assert client.get("/api/people/ada%00/entries").status_code == 422
    assert client.get("/admin/audit", params={"action": "x\x00"}).status_code in (404, 422)
    admin = world.client("admin")
    response = admin.get("/api/admin/audit", params={"action": "x\x00"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "action"]


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_a_non_finite_metric_answers_422_and_saves_nothing(world: World, constant: str) -> None:
    before = count(world, "evidence")
    client = world.client("self")
    response = client.post(
        "/api/people/ada/entries", content=f'{{"title": "t", "impact_metric": {constant}}}',
        headers={**headers(world, "self"), "Content-Type": "application/json"})
    assert response.status_code == 422, response.text[:300]
    assert constant in response.text
    form = client.post("/people/ada/journal/entries", data={
        "title": "t", "impact_metric": constant.lower(), "csrf_token": world.csrf("self")})
    assert form.status_code == 422
    assert "impact_metric" in form.text
    assert count(world, "evidence") == before
    # The person's entries still read and export.
    assert client.get("/api/people/ada/entries").status_code == 200


def test_an_integer_too_wide_for_any_column_answers_422(world: World) -> None:
    response = world.client("self").post(
        "/api/people/ada/entries", content=f'{{"title": "t", "impact_metric": {10**30}}}',
        headers={**headers(world, "self"), "Content-Type": "application/json"})
    assert response.status_code == 422


def test_an_end_before_the_start_answers_422_naming_the_field(world: World) -> None:
    before = count(world, "evidence")
    client = world.client("self")
    body = {"title": "t", "date_start": "2026-03-02", "date_end": "2026-03-01"}
    response = client.post("/api/people/ada/entries", json=body, headers=headers(world, "self"))
    assert response.status_code == 422, response.text[:300]
    assert "date_end" in response.text or "before" in response.text
    form = client.post("/people/ada/journal/entries",
                       data={**body, "csrf_token": world.csrf("self")})
    assert form.status_code == 422, form.text[:300]
    edit = client.post(f"/people/ada/journal/entries/{world.ids.ada_entry}", data={
        **body, "version": str(world.ids.ada_entry_version), "csrf_token": world.csrf("self")})
    assert edit.status_code == 422, edit.text[:300]
    assert count(world, "evidence") == before


def test_json_sign_in_sent_as_text_answers_415(world: World) -> None:
    client = world.client("anonymous")
    response = client.post("/api/session", content='{"login": "a", "password": "b"}',
                           headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    entry = world.client("self").post(
        "/api/people/ada/entries", content='{"title": "t"}',
        headers={**headers(world, "self"), "Content-Type": "text/plain"})
    assert entry.status_code == 415


def test_a_failure_after_the_write_saves_nothing_and_answers_a_clean_500(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure injected after the entry is written, while the answer is built: the request
    answers a well-formed 500 that closes the connection, and the row is not there."""
    before = count(world, "evidence")

    def broken(_ev: object) -> dict[str, object]:
        raise RuntimeError("injected after the write")

    monkeypatch.setattr(api_module, "evidence_to_dict", broken)
    from starlette.testclient import TestClient

    client = TestClient(world.app(), raise_server_exceptions=False)
    client.cookies.set("staffpath_session", world.sessions["self"].token)
    response = client.post("/api/people/ada/entries", json={"title": "written, then failed"},
                           headers=headers(world, "self"))
    assert response.status_code == 500
    assert response.headers["connection"] == "close"
    assert response.json()["detail"].startswith("Something went wrong")
    assert count(world, "evidence") == before
    page = client.patch(f"/api/people/ada/entries/{world.ids.ada_entry}",
                        json={"title": "changed, then failed"},
                        headers={**headers(world, "self"),
                                 "If-Match": f'"{world.ids.ada_entry_version}"'})
    assert page.status_code == 500
    with engine_for(world.url).connect() as conn:
        title = conn.scalar(text("SELECT title FROM evidence WHERE id = :i"),
                            {"i": world.ids.ada_entry})
    assert title == "Ran the incident review for the checkout outage"


def test_an_item_id_too_large_in_a_json_body_answers_422(world: World) -> None:
    """An id in a request body is bounded like one in the path: PostgreSQL's integer is
    32-bit, so 2^31 is refused at the edge instead of failing in the database."""
    before = count(world, "endorsements")
    client = world.client("self")
    response = client.post("/api/endorsements", json={"item": 2**31, "colleagues": ["bo"]},
                           headers=headers(world, "self"))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "item"]
    form = client.post("/endorsements/ask", data={
        "item": str(2**31), "colleagues": "bo", "csrf_token": world.csrf("self")})
    assert form.status_code in (404, 422)
    assert count(world, "endorsements") == before
