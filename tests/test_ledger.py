"""The evidence ledger: edits keep history, stale writes conflict, brag docs re-import cleanly."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

import pytest

from staffpath.errors import ConflictError, InputError, NotFoundError
from staffpath.framework.model import Framework
from staffpath.ledger.record import EvidenceInput
from staffpath.ledger.service import (
    add_evidence,
    delete_evidence,
    edit_evidence,
    evidence_history,
    export_evidence,
    import_brag_doc,
    list_evidence,
    list_notes,
    spreadsheet_safe,
)
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from staffpath.vocab import EvidenceKind, Scope

BRAG = textwrap.dedent("""\
    ---
    title: Ada's brag doc
    ---
    # 2026

    ## Checkout rewrite
    - 2026-02-03: Led the cart split across 4 teams with Payments and Fulfilment #design
      - wrote the RFC, ran the review with three staff engineers
      - the hard part: migrating without downtime during peak
    - Cut checkout p99 from 900ms to 140ms, worth $1.2M/yr #reliability

    ## Mentoring
    - Mentored @bo through their first on-call rotation #mentoring

    <!-- private: remember to ask for feedback -->

    ## Goals
    - Write the payments strategy for next year
    """)


@pytest.fixture
def store(db_store: Store) -> Store:
    """Every test here that touches the database runs on SQLite and on PostgreSQL."""
    return db_store


@pytest.fixture
def brag(tmp_path: Path) -> Path:
    path = tmp_path / "brag.md"
    path.write_text(BRAG, encoding="utf-8")
    return path


def test_add_edit_history_delete(org: Store) -> None:
    with org.session() as s:
        ada = find_person(s, "ada")
        data = EvidenceInput(title="Wrote the ADR", kind=EvidenceKind.DESIGN_DOC)
        ev = add_evidence(s, ada, data)
        ev_id = ev.id
    with org.session() as s:
        ev = edit_evidence(s, ev_id, {"title": "Wrote ADR-12", "scope": "teams"},
                           expected_version=1)
        assert (ev.title, ev.scope, ev.version) == ("Wrote ADR-12", int(Scope.TEAMS), 2)
    with org.session() as s:
        history = evidence_history(s, ev_id)
        assert [h.change for h in history] == ["created", "edited"]
        assert history[0].snapshot["title"] == "Wrote the ADR"
        assert history[1].snapshot["title"] == "Wrote ADR-12"
        delete_evidence(s, ev_id)
    with org.session() as s:
        assert list_evidence(s, person=find_person(s, "ada")) == []
        assert [h.change for h in evidence_history(s, ev_id)][-1] == "deleted"


def test_stale_edit_is_a_conflict_and_changes_nothing(org: Store) -> None:
    with org.session() as s:
        ev_id = add_evidence(s, find_person(s, "ada"), EvidenceInput(title="A")).id
    with org.session() as s:
        edit_evidence(s, ev_id, {"title": "B"}, expected_version=1)
    with pytest.raises(ConflictError, match="version 1"), org.session() as s:
        edit_evidence(s, ev_id, {"title": "C"}, expected_version=1)
    with org.session() as s:
        assert [e.title for e in list_evidence(s)] == ["B"]


def test_system_fields_cannot_be_set(org: Store) -> None:
    with org.session() as s:
        ev_id = add_evidence(s, find_person(s, "ada"), EvidenceInput(title="A")).id
    for field in ("person_id", "version", "source_key", "id"):
        with pytest.raises(InputError, match="cannot set"), org.session() as s:
            edit_evidence(s, ev_id, {field: 99})


def test_bad_edit_values_are_refused(org: Store) -> None:
    with org.session() as s:
        ev_id = add_evidence(s, find_person(s, "ada"), EvidenceInput(title="A")).id
    with pytest.raises(InputError), org.session() as s:
        edit_evidence(s, ev_id, {"title": ""})
    with pytest.raises(NotFoundError), org.session() as s:
        edit_evidence(s, 999, {"title": "x"})


def test_brag_import_is_idempotent_and_updates_edited_lines(
    org: Store, brag: Path, framework: Framework
) -> None:
    with org.session() as s:
        first = import_brag_doc(s, find_person(s, "ada"), brag, framework=framework,
                                team_names=["Checkout", "Payments", "Fulfilment"])
    assert (first.added, first.updated, first.unchanged) == (3, 0, 0)
    assert first.notes == 1
    with org.session() as s:
        again = import_brag_doc(s, find_person(s, "ada"), brag, framework=framework)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)

    brag.write_text(BRAG.replace("worth $1.2M/yr", "worth $1.4M/yr"), encoding="utf-8")
    with org.session() as s:
        edited = import_brag_doc(s, find_person(s, "ada"), brag, framework=framework)
    assert (edited.added, edited.updated, edited.unchanged) == (0, 1, 2)
    with org.session() as s:
        items = {e.title: e for e in list_evidence(s, person=find_person(s, "ada"))}
        latency = next(e for t, e in items.items() if t.startswith("Cut checkout"))
        assert str(latency.impact_money) == "1400000.00"
        assert [h.change for h in evidence_history(s, latency.id)] == ["created", "reimported"]
        cart = next(e for t, e in items.items() if t.startswith("Led the cart split"))
        assert cart.title == "Led the cart split across 4 teams with Payments and Fulfilment"
        assert cart.tags == ["design"]
        # What the text says is extracted; the item's own fields stay free for corrections.
        assert cart.teams == []
        assert cart.scope is None
        assert cart.extra["extracted"]["teams_named"] == ["Payments", "Fulfilment"]
        assert cart.extra["extracted"]["scope"] == "teams"
        assert cart.extra["extracted"]["role"] == "led"
        assert cart.dimensions == ["technical_judgment"]  # #design is an alias
        assert cart.source_line == 7
        assert [n.text for n in list_notes(s, find_person(s, "ada"))] == [
            "Write the payments strategy for next year"]


def test_deleted_import_stays_deleted_on_reimport(org: Store, brag: Path, framework: Framework
                                                   ) -> None:
    with org.session() as s:
        report = import_brag_doc(s, find_person(s, "ada"), brag, framework=framework)
        delete_evidence(s, report.ids[0])
    with org.session() as s:
        again = import_brag_doc(s, find_person(s, "ada"), brag, framework=framework)
        assert again.added == 0
        assert len(list_evidence(s, person=find_person(s, "ada"))) == 2


def test_binary_brag_doc_is_refused_and_writes_nothing(org: Store, tmp_path: Path,
                                                       framework: Framework) -> None:
    path = tmp_path / "photo.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(InputError), org.session() as s:
        import_brag_doc(s, find_person(s, "ada"), path, framework=framework)
    with org.session() as s:
        assert list_evidence(s) == []


def test_csv_export_is_spreadsheet_safe(org: Store) -> None:
    with org.session() as s:
        add_evidence(s, find_person(s, "ada"), EvidenceInput(
            title="=HYPERLINK(\"http://evil\")", body="+1 from @cy", tags=["-x", "@y"]))
        text = export_evidence(list_evidence(s), "csv")
        data = json.loads(export_evidence(list_evidence(s), "json"))
    row = next(iter(csv.DictReader(io.StringIO(text))))
    assert row["title"].startswith("'=")
    assert row["body"].startswith("'+")
    assert row["tags"].startswith("'-")
    assert data[0]["title"] == "=HYPERLINK(\"http://evil\")"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_spreadsheet_safe_neutralises_formula_starts(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell
    assert spreadsheet_safe("plain") == "plain"


def test_csv_cells_with_line_breaks_stay_in_their_row(org: Store) -> None:
    with org.session() as s:
        add_evidence(s, find_person(s, "ada"), EvidenceInput(title="a\rb", body="one\r\ntwo"))
        text = export_evidence(list_evidence(s), "csv")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 1
    assert rows[0]["title"] == "a\rb"
    assert rows[0]["body"] == "one\r\ntwo"
