"""Endorsements through the real application, on SQLite and PostgreSQL: who may call each
endorsement route (an endorser reaches only the item they were asked about; the owner and
the managers above see the answers; anyone else gets 404, like a missing request), and the
answers shown where they belong.

Cora (the committee account, on Payments) is the colleague Ada asked about one item; Ada's
other item was asked of nobody."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from staffpath.accounts.audit import COMMAND_LINE
from staffpath.ledger import endorsements as en
from staffpath.ledger.record import EvidenceInput
from staffpath.ledger.service import add_evidence, list_evidence
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from web_helpers import SIGNED_IN, GridCase, World, Worlds, routes_outside_the_grid, snapshot

OWNER_SIDE = frozenset({"self", "manager", "skip_manager"})
ENDORSER = frozenset({"committee"})
PATHS = ("/endorsements", "/api/endorsements")
WORDS = "Ada ran the cart split with us on Payments; not one failed payment."


@dataclass
class EndorseIds:
    item: int = 0
    other: int = 0
    request: int = 0


def add_request(world: World) -> EndorseIds:
    ids = EndorseIds(item=world.ids.ada_entry)
    store = Store(world.url)
    try:
        with store.session() as session:
            ada = find_person(session, "ada")
            ids.other = add_evidence(session, ada, EvidenceInput(
                title="Private retro notes on the reorg")).id
            made = en.ask(session, en.principal_of(session, ada), ids.item, ["cora"],
                          note="You were on the Payments side", origin=COMMAND_LINE)
            ids.request = made[0].id
    finally:
        store.close()
    return ids


@pytest.fixture(scope="module")
def world_setup() -> Callable[[World], EndorseIds]:
    return add_request


Case = GridCase


R = "/api/endorsements/{request_id}"
CASES = (
    Case("GET", "/endorsements", "/endorsements", SIGNED_IN),
    Case("POST", "/endorsements/{request_id}/answer", "/endorsements/{request}/answer",
         ENDORSER, form={"answer": "endorse", "text": WORDS}),
    Case("POST", "/endorsements/ask", "/endorsements/ask", OWNER_SIDE,
         form={"item": "{item}", "colleagues": "bo, olga", "note": "you saw it"}),
    Case("GET", "/api/endorsements", "/api/endorsements", SIGNED_IN),
    Case("POST", "/api/endorsements", "/api/endorsements", OWNER_SIDE,
         json={"item": "{item}", "colleagues": ["bo"]}),
    Case("GET", R, "/api/endorsements/{request}", OWNER_SIDE | ENDORSER),
    Case("POST", R + "/answer", "/api/endorsements/{request}/answer", ENDORSER,
         json={"answer": "confirm"}),
    Case("GET", "/api/endorsements/items/{item_id}", "/api/endorsements/items/{item}",
         OWNER_SIDE | ENDORSER),
)
# The same route on the item nobody was asked about: the endorser does not reach it.
OTHER_ITEM = Case("GET", "/api/endorsements/items/{item_id}", "/api/endorsements/items/{other}",
                  OWNER_SIDE)


@pytest.mark.parametrize("case", [*CASES, OTHER_ITEM], ids=lambda c: c.path)
def test_endorsement_route_answers_each_caller_as_its_rule_says(worlds: Worlds,
                                                                case: Case) -> None:
    problems = case.problems(worlds)
    assert problems == [], f"{case.key}:\n  " + "\n  ".join(problems)


def test_every_endorsement_route_is_in_the_grid(worlds: Worlds) -> None:
    assert routes_outside_the_grid(worlds.shared_app, PATHS, CASES) == []


def test_the_endorser_sees_the_one_item_and_the_owner_sees_the_answer(world: World) -> None:
    ids = _ids_of(world)
    app = world.app()
    cora = world.client("committee", app)
    asked = cora.get("/api/endorsements").json()
    assert [(r["id"], r["item"]["title"]) for r in asked] == [
        (ids.request, "Ran the incident review for the checkout outage")]
    page = cora.get("/endorsements").text
    assert "Ran the incident review for the checkout outage" in page
    assert "Private retro notes" not in page
    # Her journal view stays closed: she reaches the item only through the request.
    assert cora.get("/people/ada/journal").status_code == 404
    answered = cora.post(f"/endorsements/{ids.request}/answer",
                         headers={"X-CSRF-Token": world.csrf("committee")},
                         data={"answer": "endorse", "text": WORDS})
    assert answered.status_code == 303
    assert "You endorsed it" in cora.get("/endorsements").text
    for role in ("self", "manager", "skip_manager"):
        client = world.client(role, app)
        journal = client.get("/people/ada/journal").text
        assert WORDS.split(";")[0] in journal, role
        rows = client.get(f"/api/endorsements/items/{ids.item}").json()
        assert [(r["colleague"]["handle"], r["state"], r["text"]) for r in rows] == [
            ("cora", "endorsed", WORDS)]
    # The attested item now counts as confirmed in Ada's assessment.
    entry = world.client("self", app).get(f"/api/people/ada/entries/{ids.item}").json()
    assert entry["attested_by"] == ["cora"]
    # A peer asking the item's answers: not found, exactly like a missing item.
    peer = world.client("peer", app)
    hidden = peer.get(f"/api/endorsements/items/{ids.item}")
    missing = peer.get("/api/endorsements/items/987654321")
    assert (hidden.status_code, missing.status_code) == (404, 404)
    assert hidden.json()["detail"] == f"no evidence with id {ids.item}"
    assert missing.json()["detail"] == "no evidence with id 987654321"


def test_asking_names_an_unknown_colleague_is_one_line_and_writes_nothing(world: World) -> None:
    ids = _ids_of(world)
    app = world.app()
    before = snapshot(world.url)
    ada = world.client("self", app)
    response = ada.post("/api/endorsements", headers={"X-CSRF-Token": world.csrf("self")},
                        json={"item": ids.item, "colleagues": ["bo", "nobody-here"]})
    assert response.status_code == 422
    assert "nobody-here" in response.json()["detail"]
    page = ada.post("/endorsements/ask", headers={"X-CSRF-Token": world.csrf("self")},
                    data={"item": str(ids.item), "colleagues": "ada"})
    assert page.status_code == 422
    assert "ask a colleague, not its author" in page.text
    assert snapshot(world.url) == before


def _ids_of(world: World) -> EndorseIds:
    store = Store(world.url)
    try:
        with store.session(read_only=True) as session:
            cora = find_person(session, "cora")
            rows = en.addressed_to(session, en.principal_of(session, cora))
            ada = find_person(session, "ada")
            other = [e.id for e in list_evidence(session, person=ada)
                     if e.id != rows[0].evidence_id]
            return EndorseIds(item=rows[0].evidence_id, other=other[0], request=rows[0].id)
    finally:
        store.close()
