"""Promotion cycles through the service, on SQLite and PostgreSQL: the state machine, frozen
packets, blind reads, decisions and their versions, and what a nominee sees."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from staffpath.accounts.audit import COMMAND_LINE
from staffpath.accounts.principal import Principal
from staffpath.accounts.tables import AuditEntry
from staffpath.cycles import changes, lookup, visible
from staffpath.cycles import lifecycle as cycles
from staffpath.cycles.report import build_report, render_report
from staffpath.cycles.tables import Base, Cycle, Decision, Nomination, Score
from staffpath.errors import ConflictError, InputError, NotFoundError
from staffpath.framework.loader import default_framework
from staffpath.framework.registry import store_framework
from staffpath.ledger.record import EvidenceInput
from staffpath.ledger.service import add_evidence, edit_evidence, import_brag_text
from staffpath.people.service import find_person, import_roster
from staffpath.store.engine import Store

BRAG = """# 2026
## Cart split
- 2026-02-03: Led the cart split across 4 teams with Payments and Fulfilment #design
- 2026-03-10: Mentored @bo through their first on-call rotation #mentoring
"""


@pytest.fixture
def store(db_url: str, roster_file: Path) -> Iterator[Store]:
    s = Store(db_url)
    fw = default_framework()
    with s.session() as session:
        store_framework(session, fw, source="built-in")
        import_roster(session, roster_file, level_ids=fw.level_ids)
    with s.session() as session:
        import_brag_text(session, find_person(session, "ada"), BRAG, document="brag.md",
                         framework=fw, team_names=["Checkout", "Payments"])
    yield s
    s.close()


def ids(store: Store) -> dict[str, int]:
    with store.session(read_only=True) as session:
        return {h: find_person(session, h).id for h in ("ada", "bo", "cy", "mo", "dana")}


def open_cycle_with_ada(store: Store, *, members: tuple[str, ...] = ("cy", "mo")) -> int:
    with store.session() as session:
        c = cycles.create_cycle(session, "2026 H1", dt.date(2026, 1, 1), dt.date(2026, 6, 30))
        cycles.open_cycle(session, c)
        n = cycles.nominate(session, c, find_person(session, "ada"))
        cycles.submit_packet(session, n, as_of=dt.date(2026, 6, 1))
        for m in members:
            cycles.assign(session, n, find_person(session, m))
        return c.id


def score(store: Store, member: str, dimension: str, level: str, comment: str) -> None:
    with store.session() as session:
        c = lookup.get_cycle(session, "2026 H1")
        n = lookup.get_nomination(session, c, "ada")
        cycles.score(session, n, find_person(session, member), dimension, level, comment)


def tables(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the cycle tables and the snapshots, to prove a refusal changed nothing."""
    names = ("cycles", "cycle_nominations", "cycle_assignments", "cycle_scores",
             "cycle_decisions", "assessment_snapshots", "evidence")
    with store.session(read_only=True) as session:
        return {t: [tuple(r) for r in session.execute(
            select(Base.metadata.tables[t]).order_by(*Base.metadata.tables[t].primary_key))]
            for t in names}


def score_shapes(data: Any) -> list[dict[str, Any]]:
    """Every dict in a view that describes one member's score."""
    found = []
    if isinstance(data, dict):
        if "member" in data and "level" in data:
            found.append(data)
        for value in data.values():
            found += score_shapes(value)
    elif isinstance(data, list):
        for value in data:
            found += score_shapes(value)
    return found


def test_a_cycle_runs_from_draft_to_released(store: Store) -> None:
    with store.session() as session:
        c = cycles.create_cycle(session, "2026 H1", dt.date(2026, 1, 1), dt.date(2026, 6, 30))
        assert c.state == "draft"
        assert c.framework_fingerprint == default_framework().fingerprint
        n = cycles.nominate(session, c, find_person(session, "ada"))
        cycles.assign(session, n, find_person(session, "cy"))
        cycles.open_cycle(session, c)
        cycles.submit_packet(session, n, as_of=dt.date(2026, 6, 1))
        cycles.score(session, n, find_person(session, "cy"), "strategy", "staff", "a plan")
        cycles.open_calibration(session, c)
        assert c.state == "calibration"
        cycles.decide(session, n, "promote", "the case is there")
        assert c.state == "decided"  # the last decision moves the cycle on
        cycles.release(session, c)
        assert c.state == "released"
        ada = find_person(session, "ada")
        outcomes = [o.to_dict() for o in visible.my_nominations(session, ada)]
    assert outcomes[0]["outcome"]["outcome"] == "promote"
    assert outcomes[0]["outcome"]["rationale"] == "the case is there"


def test_self_nomination_needs_the_managers_agreement(store: Store) -> None:
    with store.session() as session:
        c = cycles.create_cycle(session, "2026 H1", dt.date(2026, 1, 1), dt.date(2026, 6, 30))
        cycles.open_cycle(session, c)
        ada, mo, bo = (find_person(session, h) for h in ("ada", "mo", "bo"))
        n = cycles.self_nominate(session, c, ada)
        assert cycles.needs_agreement(n)
        with pytest.raises(ConflictError, match="manager has not agreed"):
            cycles.submit_packet(session, n)
        with pytest.raises(NotFoundError):
            cycles.manager_agrees(session, n, bo)  # only Ada's manager
        cycles.manager_agrees(session, n, mo, {"strategy": "staff"})
        assert not cycles.needs_agreement(n)
        assert n.manager_ratings == {"strategy": "staff"}
        cycles.submit_packet(session, n)
        dana = find_person(session, "dana")
        with pytest.raises(InputError, match="no manager"):
            cycles.self_nominate(session, c, dana)


def test_a_submitted_packet_is_frozen_against_later_journal_edits(store: Store) -> None:
    open_cycle_with_ada(store)
    with store.session(read_only=True) as session:
        n = lookup.get_nomination(session, lookup.get_cycle(session, "2026 H1"), "ada")
        before = (n.packet_md, n.packet_html, n.frozen, n.snapshot.result if n.snapshot
                  else None)
        first_entry = min(e["id"] for e in n.snapshot.inputs["evidence"]) if n.snapshot else 0
    assert before[0]
    assert "Led the cart split" in before[0]
    with store.session() as session:
        ada = find_person(session, "ada")
        edit_evidence(session, first_entry, {"title": "EDITED AFTER SUBMISSION"})
        add_evidence(session, ada, EvidenceInput(title="NEW AFTER SUBMISSION",
                                                 kind="design_doc"))
    with store.session(read_only=True) as session:
        n = lookup.get_nomination(session, lookup.get_cycle(session, "2026 H1"), "ada")
        after = (n.packet_md, n.packet_html, n.frozen, n.snapshot.result if n.snapshot
                 else None)
    assert after == before
    assert "EDITED AFTER SUBMISSION" not in (after[0] or "") + (after[1] or "")
    assert "NEW AFTER SUBMISSION" not in (after[0] or "") + (after[1] or "")


def refused(store: Store, expected: type[Exception], attempt: Any) -> None:
    """The attempt fails with one line of the expected kind and changes no row."""
    before = tables(store)

    def run() -> None:
        with store.session() as session:
            c = lookup.get_cycle(session, "2026 H1")
            attempt(session, c, lookup.get_nomination(session, c, "ada"))

    with pytest.raises(expected) as raised:
        run()
    assert "\n" not in str(raised.value)
    assert tables(store) == before


def test_refusals_change_nothing(store: Store) -> None:
    open_cycle_with_ada(store)
    score(store, "cy", "strategy", "staff", "plan")

    def by(session: Any, handle: str) -> Any:
        return find_person(session, handle)

    # While scoring is open.
    refused(store, NotFoundError, lambda s, c, n: cycles.score(
        s, n, by(s, "bo"), "strategy", "senior", "not on the panel"))
    refused(store, ConflictError, lambda s, c, n: cycles.decide(s, n, "promote", "early"))
    refused(store, ConflictError, lambda s, c, n: cycles.release(s, c))
    refused(store, InputError, lambda s, c, n: cycles.score(
        s, n, by(s, "cy"), "strategy", "staff", "   "))
    refused(store, NotFoundError, lambda s, c, n: cycles.score(
        s, n, by(s, "cy"), "no_such_dimension", "staff", "x"))

    def unsubmitted(s: Any, c: Cycle, n: Nomination) -> None:
        other = cycles.nominate(s, c, by(s, "bo"))
        cycles.assign(s, other, by(s, "cy"))
        cycles.score(s, other, by(s, "cy"), "strategy", "senior", "before submission")
    refused(store, ConflictError, unsubmitted)
    # During calibration.
    with store.session() as session:
        cycles.open_calibration(session, lookup.get_cycle(session, "2026 H1"))
    refused(store, ConflictError, lambda s, c, n: cycles.score(
        s, n, by(s, "cy"), "strategy", "senior", "after calibration opened"))
    refused(store, ConflictError, lambda s, c, n: cycles.assign(s, n, by(s, "bo")))
    # Released: an outcome is its nominee's alone.
    with store.session() as session:
        c = lookup.get_cycle(session, "2026 H1")
        cycles.decide(session, lookup.get_nomination(session, c, "ada"), "promote", "ok")
        cycles.release(session, c)
    refused(store, NotFoundError, lambda s, c, n: visible.outcome_for(s, n.id, by(s, "bo")))
    with store.session(read_only=True) as session:
        c = lookup.get_cycle(session, "2026 H1")
        n = lookup.get_nomination(session, c, "ada")
        assert visible.outcome_for(session, n.id, by(session, "ada")).outcome == "promote"


def test_a_member_sees_only_their_own_scores_until_calibration(store: Store) -> None:
    open_cycle_with_ada(store)
    score(store, "cy", "strategy", "principal", "CY-SECRET strategy")
    score(store, "mo", "strategy", "senior", "MO-OWN strategy")
    people = ids(store)
    with store.session(read_only=True) as session:
        c = lookup.get_cycle(session, "2026 H1")
        cy_ids = list(session.scalars(select(Score.id).where(
            Score.member_id == people["cy"])))
        mine = visible.cycle_view(session, c, Principal(person_id=people["mo"])).to_dict()
        admin = visible.cycle_view(session, c, Principal.command_line()).to_dict()
        with pytest.raises(NotFoundError):
            visible.cycle_view(session, c, Principal(person_id=people["bo"]))  # not on the panel
    text = json.dumps(mine)
    assert "CY-SECRET" not in text
    assert "principal\"," not in text.split('"levels"')[0]
    assert mine["nominations"][0]["my_scores"] == {
        "strategy": {"level": "senior", "comment": "MO-OWN strategy",
                     "updated_at": mine["nominations"][0]["my_scores"]["strategy"][
                         "updated_at"]}}
    assert "agreement" not in mine
    assert "calibration" not in mine["nominations"][0]
    assert "progress" not in mine["nominations"][0]
    assert score_shapes(mine) == []  # no other member's score, by id or any other field
    # The administrator sees completion per member, never a value or a comment.
    assert admin["nominations"][0]["progress"] == [
        {"member": "cy", "complete": False}, {"member": "mo", "complete": False}]
    assert "CY-SECRET" not in json.dumps(admin)
    assert "MO-OWN" not in json.dumps(admin)
    with store.session() as session:
        cycles.open_calibration(session, lookup.get_cycle(session, "2026 H1"))
    with store.session(read_only=True) as session:
        after = visible.cycle_view(session, lookup.get_cycle(session, "2026 H1"),
                                   Principal(person_id=people["mo"])).to_dict()
    row = next(r for r in after["nominations"][0]["calibration"] if r["dimension"] ==
               "strategy")
    assert {(s["member"], s["level"], s["comment"]) for s in row["scores"]} == {
        ("cy", "principal", "CY-SECRET strategy"), ("mo", "senior", "MO-OWN strategy")}
    assert {s["id"] for s in row["scores"]} >= set(cy_ids)
    assert {s["member"] for s in score_shapes(after)} == {"cy", "mo"}
    # senior is rank 1, principal rank 4: the median falls between staff and senior staff.
    assert (row["median"], row["range"], row["low"], row["high"]) == (2.5, 3, "senior",
                                                                      "principal")
    assert row["median_title"] == "Staff engineer–Senior staff engineer"
    assert [s["outlier"] for s in row["scores"]] == [False, False]  # 1.5 from the median
    assert after["agreement"]["severity"] == [
        {"member": "cy", "offset": 1.5, "scored": 1},
        {"member": "mo", "offset": -1.5, "scored": 1}]


def test_an_admin_on_the_panel_sees_no_progress_of_others(store: Store) -> None:
    open_cycle_with_ada(store)
    people = ids(store)
    with store.session(read_only=True) as session:
        view = visible.cycle_view(session, lookup.get_cycle(session, "2026 H1"),
                                  Principal(person_id=people["cy"], is_admin=True)).to_dict()
    assert "progress" not in view["nominations"][0]


def test_a_changed_decision_is_a_new_version(store: Store) -> None:
    open_cycle_with_ada(store)
    score(store, "cy", "strategy", "staff", "plan")
    with store.session() as session:
        c = lookup.get_cycle(session, "2026 H1")
        cycles.open_calibration(session, c)
        n = lookup.get_nomination(session, c, "ada")
        cycles.decide(session, n, "not_yet", "strategy is one team wide")
        cycles.decide(session, n, "promote", "the panel re-read the strategy evidence",
                      by=find_person(session, "mo"), via="member")
        with pytest.raises(InputError):
            cycles.decide(session, n, "maybe", "no such outcome")
        with pytest.raises(InputError):
            cycles.decide(session, n, "promote", "   ")
    with store.session(read_only=True) as session:
        rows = list(session.scalars(select(Decision).order_by(Decision.version)))
        n = session.scalar(select(Nomination))
        assert n is not None
        latest = lookup.latest_decision(session, n)
    assert [(d.version, d.outcome) for d in rows] == [(1, "not_yet"), (2, "promote")]
    assert latest is not None
    assert latest.version == 2


def test_the_report_has_decisions_agreement_and_blockers(store: Store) -> None:
    open_cycle_with_ada(store)
    score(store, "cy", "strategy", "senior", "=HYPERLINK(\"x\") one team only")
    score(store, "mo", "strategy", "senior", "one team")
    with store.session() as session:
        c = lookup.get_cycle(session, "2026 H1")
        with pytest.raises(ConflictError, match="once calibration opens"):
            build_report(session, c, Principal.command_line())
        cycles.open_calibration(session, c)
        cycles.decide(session, lookup.get_nomination(session, c, "ada"), "not_yet",
                      "strategy reaches one team")
        built = build_report(session, c, Principal.command_line())
    report = built.to_dict()
    assert report["counts"] == {"promote": 0, "promote_conditions": 0, "not_yet": 1}
    strategy = next(b for b in report["blockers"] if b["dimension"] == "strategy")
    assert strategy["level"] == "staff"
    assert strategy["panel_below"] == 1
    assert strategy["expectation"]
    csv_text = render_report(built, "csv").decode()
    assert "'=HYPERLINK" in csv_text
    assert "\n=HYPERLINK" not in csv_text
    assert "decision,ada,,admin,,not_yet,v1: strategy reaches one team" in csv_text
    html = render_report(built, "html").decode()
    assert "What blocked promotion" in html
    assert "Not yet" in html


def test_cycle_names_are_unique_and_dates_ordered(store: Store) -> None:
    with store.session() as session:
        cycles.create_cycle(session, "2026 H1", dt.date(2026, 1, 1), dt.date(2026, 6, 30))
        with pytest.raises(ConflictError):
            cycles.create_cycle(session, "2026 h1", dt.date(2026, 1, 1), dt.date(2026, 6, 30))
        with pytest.raises(InputError):
            cycles.create_cycle(session, "later", dt.date(2026, 6, 1), dt.date(2026, 1, 1))
        assert session.scalar(select(Cycle.name)) == "2026 H1"


def test_every_change_through_the_service_is_audited_once_by_id(store: Store) -> None:
    """Pages, API and CLI change cycles through `changes`: each change leaves one audit entry,
    under the action name the web routes use, naming ids and never a level or a text."""
    people = ids(store)
    bo, cy, mo = (Principal(person_id=people[h]) for h in ("bo", "cy", "mo"))
    origin = COMMAND_LINE
    with store.session() as session:
        created = changes.create_cycle(session, "2026 H1", dt.date(2026, 1, 1),
                                       dt.date(2026, 6, 30), origin=origin)
        c = lookup.get_cycle(session, created.id)
        n = lookup.nomination_by_id(session, changes.nominate(
            session, c, find_person(session, "ada"), origin=origin).id)
        changes.assign(session, n, find_person(session, "cy"), origin=origin,
                       acknowledgement="no staff engineer free this cycle")
        changes.advance(session, c, "open", origin=origin)
        changes.submit_packet(session, n, as_of=dt.date(2026, 6, 1), origin=origin)
        changes.score(session, n, cy, "strategy", "staff", "SECRET-one", origin=origin)
        saved = changes.score_many(session, n, cy, {"execution": ("senior", "SECRET-two")},
                                   origin=origin)
        own = lookup.nomination_by_id(session, changes.self_nominate(
            session, c, bo, origin=origin).id)
        changes.manager_agrees(session, own, mo, {"strategy": "senior"}, origin=origin)
        changes.manager_rates(session, own, mo, {}, origin=origin)
        changes.withdraw_own(session, own, bo, origin=origin)
        changes.advance(session, c, "calibration", origin=origin)
        decided = changes.decide(session, n, "promote", "SECRET-rationale", caller=mo,
                                 via="member", origin=origin)
        changes.advance(session, c, "released", origin=origin)
    with store.session(read_only=True) as session:
        entries = [(e.action, e.target_type, e.target_id, e.outcome) for e in session.scalars(
            select(AuditEntry).order_by(AuditEntry.id))]
    assert [e[:2] for e in entries] == [
        ("create_cycle", "cycle"), ("nominate", "nomination"), ("assign_member", "assignment"),
        ("advance_cycle", "cycle"), ("submit_packet", "nomination"), ("score", "nomination"),
        ("score", "nomination"), ("self_nominate", "nomination"),
        ("agree_nomination", "nomination"), ("rate_nomination", "nomination"),
        ("withdraw_nomination", "nomination"), ("advance_cycle", "cycle"),
        ("decide", "decision"), ("advance_cycle", "cycle")]
    assert {e[3] for e in entries} == {"ok"}
    assert entries[5][2] == entries[6][2] == n.id == saved.nomination
    assert entries[10][2] == own.id
    assert entries[12][2] == decided.id
    assert decided.cycle_state == "decided"
    assert "SECRET" not in repr(entries)
