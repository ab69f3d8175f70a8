"""Endorsements on real SQLite: asking colleagues about an item, their answers as their own
records, who sees what, the audit trail, and what an answer does to the assessment."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from staffpath.accounts.audit import COMMAND_LINE, Origin
from staffpath.accounts.principal import Principal
from staffpath.accounts.tables import AuditEntry
from staffpath.assess.service import assess_person, to_items
from staffpath.errors import ConflictError, InputError, NotFoundError
from staffpath.framework.model import Framework
from staffpath.ledger import endorsements as en
from staffpath.ledger.record import EvidenceInput
from staffpath.ledger.service import add_evidence, delete_evidence, evidence_history, get_evidence
from staffpath.ledger.tables import Endorsement
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from staffpath.vocab import EvidenceKind, Scope, SourceClass

WEB = Origin(actor_user_id=None, route="POST /api/endorsements", request_id="t")


def _item(session, handle: str = "ada", title: str = "Led the checkout migration") -> int:  # type: ignore[no-untyped-def]
    person = find_person(session, handle)
    ev = add_evidence(session, person, EvidenceInput(
        title=title, kind=EvidenceKind.MIGRATION, scope=Scope.TEAMS,
        date_start=dt.date.today() - dt.timedelta(days=60),
        teams=["Checkout", "Payments"], dimensions=["technical_leadership"]))
    return ev.id


def _as(session, handle: str) -> Principal:  # type: ignore[no-untyped-def]
    return en.principal_of(session, find_person(session, handle))


def test_ask_answer_and_attest(org: Store) -> None:
    with org.session() as s:
        item = _item(s)
        made = en.ask(s, _as(s, "ada"), item, ["cy", "@bo"], note="You reviewed the plan",
                      origin=WEB)
        assert [e.colleague.handle for e in made] == ["cy", "bo"]
        assert {e.state for e in made} == {"requested"}
        cy_request = made[0].id
    with org.session() as s:
        answered = en.answer(s, _as(s, "cy"), cy_request, "endorse",
                             text="Ada ran the cut-over across both teams.", origin=WEB)
        assert answered.state == "endorsed"
        assert answered.answered_at is not None
        ev = get_evidence(s, item)
        assert ev.attested_by == ["cy"]
        # The item's history keeps the attestation as a change of its own.
        assert [r.change for r in evidence_history(s, item)] == ["created", "attested"]
        actions = list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
        assert actions == ["ask_endorsement", "ask_endorsement", "endorsed_endorsement"]


def test_asking_again_keeps_the_request_and_its_answer(org: Store) -> None:
    with org.session() as s:
        item = _item(s)
        first = en.ask(s, _as(s, "ada"), item, ["cy"], origin=WEB)[0].id
        en.answer(s, _as(s, "cy"), first, "confirm", origin=WEB)
        again = en.ask(s, _as(s, "ada"), item, ["cy"], origin=WEB)
        assert [(e.id, e.state) for e in again] == [(first, "confirmed")]
        assert len(list(s.scalars(select(Endorsement)))) == 1


def test_bad_requests_write_nothing(org: Store) -> None:
    with org.session() as s:
        item = _item(s)
    cases = [
        (["cy", "nobody-here"], InputError, "nobody-here"),
        (["ada"], InputError, "owns the item"),
        ([], InputError, "at least one colleague"),
    ]
    for colleagues, error, words in cases:
        with pytest.raises(error, match=words), org.session() as s:
            en.ask(s, _as(s, "ada"), item, colleagues, origin=WEB)
    with pytest.raises(NotFoundError), org.session() as s:
        en.ask(s, _as(s, "ada"), 999_999, ["cy"], origin=WEB)
    with org.session() as s:
        assert list(s.scalars(select(Endorsement))) == []
        assert list(s.scalars(select(AuditEntry))) == []


def test_who_may_ask(org: Store) -> None:
    """The owner and the managers above them ask; a peer asking about the item finds nothing."""
    with org.session() as s:
        item = _item(s)
        assert en.ask(s, _as(s, "mo"), item, ["cy"], origin=WEB)[0].asked_by.handle == "mo"
        assert en.ask(s, _as(s, "dana"), item, ["bo"], origin=WEB)
        with pytest.raises(NotFoundError, match=f"no evidence with id {item}"):
            en.ask(s, _as(s, "cy"), item, ["bo"], origin=WEB)
        with pytest.raises(NotFoundError):
            en.ask(s, _as(s, "bo"), item, ["cy"], origin=WEB)


def test_only_the_colleague_answers_once(org: Store) -> None:
    with org.session() as s:
        item = _item(s)
        rid = en.ask(s, _as(s, "ada"), item, ["cy"], origin=WEB)[0].id
        for handle in ("ada", "mo", "bo"):
            with pytest.raises(NotFoundError, match=f"no endorsement request {rid}"):
                en.answer(s, _as(s, handle), rid, "confirm", origin=WEB)
        with pytest.raises(InputError, match="needs a few words"):
            en.answer(s, _as(s, "cy"), rid, "endorse", text="  ", origin=WEB)
        with pytest.raises(InputError, match="unknown answer"):
            en.answer(s, _as(s, "cy"), rid, "maybe", origin=WEB)
        en.answer(s, _as(s, "cy"), rid, "decline", text="ignored", origin=WEB)
        with pytest.raises(ConflictError, match="already answered"):
            en.answer(s, _as(s, "cy"), rid, "confirm", origin=WEB)
        e = en.get_request(s, _as(s, "ada"), rid)
        assert (e.state, e.text) == ("declined", None)
        assert get_evidence(s, item).attested_by == []  # a decline vouches for nothing


def test_visibility(org: Store) -> None:
    with org.session() as s:
        item = _item(s)
        other = _item(s, title="Wrote the on-call handbook")
        rid = en.ask(s, _as(s, "ada"), item, ["cy"], origin=COMMAND_LINE)[0].id
        bo_rid = en.ask(s, _as(s, "ada"), item, ["bo"], origin=COMMAND_LINE)[0].id
        en.answer(s, _as(s, "bo"), bo_rid, "endorse", text="Solid work.", origin=WEB)
        # The colleague: their own request on the one item, not the other colleague's answer.
        cy = _as(s, "cy")
        assert [e.id for e in en.addressed_to(s, cy)] == [rid]
        assert [e.id for e in en.on_item(s, cy, item)] == [rid]
        assert en.get_request(s, cy, rid).evidence.title == "Led the checkout migration"
        for hidden in (lambda: en.get_request(s, cy, bo_rid),
                       lambda: en.on_item(s, cy, other),
                       lambda: en.about_person(s, cy, find_person(s, "ada"))):
            with pytest.raises(NotFoundError):
                hidden()
        # The owner and the managers above see every answer.
        for handle in ("ada", "mo", "dana"):
            viewer = _as(s, handle)
            assert {e.id for e in en.on_item(s, viewer, item)} == {rid, bo_rid}
            assert en.get_request(s, viewer, bo_rid).text == "Solid work."
            assert en.on_item(s, viewer, other) == []
        # A peer who was not asked sees nothing, like a request that does not exist.
        with pytest.raises(NotFoundError, match=f"no endorsement request {rid}"):
            en.get_request(s, Principal(person_id=find_person(s, "bo").id), rid)
        with pytest.raises(NotFoundError, match="no endorsement request 999999"):
            en.get_request(s, _as(s, "ada"), 999_999)
        # A deleted item takes its requests out of sight.
        delete_evidence(s, item)
        with pytest.raises(NotFoundError):
            en.get_request(s, cy, rid)
        assert en.addressed_to(s, cy) == []


def test_reads_by_others_are_audited(org: Store) -> None:
    with org.session() as s:
        rid = en.ask(s, _as(s, "ada"), _item(s), ["cy"], origin=COMMAND_LINE)[0].id
        en.get_request(s, _as(s, "ada"), rid, origin=WEB)  # the owner's own read
        en.get_request(s, _as(s, "cy"), rid, origin=WEB)
        en.get_request(s, _as(s, "mo"), rid, origin=WEB)
        reads = list(s.scalars(select(AuditEntry).where(
            AuditEntry.action == "read_endorsement")))
        assert [(r.target_type, r.target_id) for r in reads] == [("endorsement", rid)] * 2


def test_an_answer_makes_the_item_attested_and_weigh_more(org: Store,
                                                          framework: Framework) -> None:
    with org.session() as s:
        ada = find_person(s, "ada")
        item = _item(s)
        before = assess_person(s, ada, framework)
        rid = en.ask(s, _as(s, "ada"), item, ["cy"], origin=WEB)[0].id
    with org.session() as s:
        [row] = to_items([get_evidence(s, item)])
        assert row.source is SourceClass.SELF_REPORTED  # asked is not yet attested
        en.answer(s, _as(s, "cy"), rid, "confirm", origin=WEB)
    with org.session() as s:
        ada = find_person(s, "ada")
        [row] = to_items([get_evidence(s, item)])
        assert row.source is SourceClass.ATTESTED
        after = assess_person(s, ada, framework)
    dims = {d.dimension: d for d in before.dimensions}
    raised = [d for d in after.dimensions
              if d.relevant_items and d.confidence > dims[d.dimension].confidence]
    assert raised, "an attested item raises the confidence of the dimensions it counts for"
    assert all(d.confidence >= dims[d.dimension].confidence for d in after.dimensions)


def test_advocates_lists_words_first(org: Store) -> None:
    with org.session() as s:
        item = _item(s)
        other = _item(s, title="Wrote the on-call handbook")
        a = en.ask(s, _as(s, "ada"), item, ["cy", "bo"], origin=WEB)
        b = en.ask(s, _as(s, "ada"), other, ["mo"], origin=WEB)
        en.answer(s, _as(s, "cy"), a[0].id, "confirm", origin=WEB)
        en.answer(s, _as(s, "mo"), b[0].id, "endorse", text="The handbook halved pages.",
                  origin=WEB)
        found = en.advocates(s, find_person(s, "ada"))
        assert [(x.handle, x.state, x.text, x.evidence_id) for x in found] == [
            ("mo", "endorsed", "The handbook halved pages.", other),
            ("cy", "confirmed", None, item)]
        assert found[1].team == "Payments"


def test_packet_advocates_quote_colleagues_and_are_unanswered_without_them(
        org: Store, framework: Framework) -> None:
    from staffpath.packet.render import render_packet
    from staffpath.packet.service import packet_document

    with org.session() as s:
        item = _item(s)  # names two teams: where advocates might be, not advocates
        rid = en.ask(s, _as(s, "ada"), item, ["cy"], origin=WEB)[0].id
        doc = packet_document(s, find_person(s, "ada"), framework)
        before = {a.id: a for a in doc.answers}["advocates"]
        assert not before.answered
        assert "No colleague has confirmed or endorsed my work yet." in (before.lead or "")
        en.answer(s, _as(s, "cy"), rid, "endorse", text="Ada ran the cut-over | calmly.",
                  origin=WEB)
        doc = packet_document(s, find_person(s, "ada"), framework, third_person=True)
    after = {a.id: a for a in doc.answers}["advocates"]
    assert after.answered
    assert [e.evidence_id for e in after.entries] == [item]
    assert after.entries[0].title == "Cy Peer (@cy, Payments, senior)"
    facts = {f.label: f.text for f in after.entries[0].facts}
    assert facts == {"About": "Led the checkout migration",
                     "In their words": "“Ada ran the cut-over | calmly.”"}
    md = render_packet(doc, "md").decode("utf-8")
    section = md[md.index("## Advocates"):md.index("## Gaps and the plan")]
    assert "Cy Peer (@cy, Payments, senior)" in section
    assert "Not yet answered" not in section


def test_export_holds_and_erasure_removes_their_endorsements(org: Store) -> None:
    from staffpath.privacy.personal_data import erase_person, export_person_data

    with org.session() as s:
        item = _item(s)
        rid = en.ask(s, _as(s, "ada"), item, ["cy", "bo"], origin=WEB)[0].id
        en.answer(s, _as(s, "cy"), rid, "endorse", text="Cy's own words.", origin=WEB)
        cy = find_person(s, "cy")
        data = export_person_data(s, cy, origin=COMMAND_LINE)
        assert [(g["id"], g["text"]) for g in data["endorsements"]["given"]] == [
            (rid, "Cy's own words.")]
        assert data["endorsements"]["received"] == []
        ada_data = export_person_data(s, find_person(s, "ada"), origin=COMMAND_LINE)
        assert len(ada_data["endorsements"]["received"]) == 2
        report = erase_person(s, cy, origin=COMMAND_LINE)
        assert report.deleted["endorsements"] == 1
        left = list(s.scalars(select(Endorsement)))
        assert [e.colleague.handle for e in left] == ["bo"]
        assert "Cy's own words." not in str(export_person_data(s, find_person(s, "ada"),
                                                               origin=COMMAND_LINE))
