"""Self-ratings beside the assessment, and saved assessments that can be compared later."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from staffpath.assess.service import (
    assess_person,
    compare_results,
    get_snapshot,
    save_snapshot,
    set_self_rating,
)
from staffpath.errors import NotFoundError
from staffpath.framework.model import Framework
from staffpath.ledger.record import EvidenceInput
from staffpath.ledger.service import add_evidence
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from staffpath.vocab import EvidenceKind, Scope


def log(store: Store, title: str, day: dt.date, kind: EvidenceKind) -> None:
    with store.session() as s:
        add_evidence(s, find_person(s, "ada"), EvidenceInput(
            title=title, date_start=day, kind=kind, scope=Scope.TEAMS))


def test_self_rating_is_stored_and_compared(org: Store, framework: Framework) -> None:
    for n, month in enumerate((1, 4, 8)):
        log(org, f"Led migration {n} with two teams", dt.date(2026, month, 5),
            EvidenceKind.MIGRATION)
    with org.session() as s:
        ada = find_person(s, "ada")
        set_self_rating(s, ada, framework, "execution", "principal")
        set_self_rating(s, ada, framework, "execution", "senior-staff")  # the newest counts
        a = assess_person(s, ada, framework, as_of=dt.date(2026, 11, 1))
    (cmp,) = a.self_comparison
    assert (cmp.self_level, cmp.assessed_level, cmp.difference) == ("senior-staff", "staff", 1)
    assert not cmp.flagged
    with org.session() as s, pytest.raises(NotFoundError, match="no dimension"):
        set_self_rating(s, find_person(s, "ada"), framework, "charisma", "staff")


def test_snapshot_reproduces_and_compares(org: Store, framework: Framework) -> None:
    log(org, "Led the first migration with two teams", dt.date(2026, 1, 5),
        EvidenceKind.MIGRATION)
    with org.session() as s:
        first = save_snapshot(s, find_person(s, "ada"), framework,
                              as_of=dt.date(2026, 6, 1), label="H1")
        first_id, first_result = first.id, first.result
    for month in (4, 9):
        log(org, f"Led another migration in month {month} with two teams",
            dt.date(2026, month, 5), EvidenceKind.MIGRATION)
    with org.session() as s:
        ada = find_person(s, "ada")
        second = save_snapshot(s, ada, framework, as_of=dt.date(2026, 11, 1), label="H2")
        assert get_snapshot(s, ada, str(first_id)).label == "H1"
        assert get_snapshot(s, ada, "2026-07-01").id == first_id  # newest on or before
        changes = compare_results(first_result, second.result)
        assert second.evidence_count == 3
        assert len(second.inputs["evidence"]) == 3
        with pytest.raises(NotFoundError):
            get_snapshot(s, ada, "2025-01-01")
    execution = next(c for c in changes["dimensions"] if c["dimension"] == "execution")
    # One item shows only the first level.
    assert (execution["before"], execution["after"]) == ("engineer", "staff")
    assert len(changes["newly_cited"]) == 2
    assert not changes["framework_changed"]


def test_assess_cli_save_compare_and_self_rate(run_cli, roster_file: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("people", "import", str(roster_file)).code == 0
    run_cli("log", "Led the cart migration with Payments and Checkout", "--person", "ada",
            "--kind", "migration", "--date", "2026-02-01", "--scope", "teams")
    saved = json.loads(run_cli("assess", "ada", "--as-of", "2026-06-01", "--save",
                               "--json").out)
    run_cli("log", "Led the tax migration with Payments and Checkout", "--person", "ada",
            "--kind", "migration", "--date", "2026-09-01", "--scope", "teams")
    rated = run_cli("self-rate", "ada", "execution", "principal", "--json")
    assert rated.code == 0, rated.err
    later = json.loads(run_cli("assess", "ada", "--as-of", "2026-11-01", "--compare",
                               str(saved["saved_as"]), "--json").out)
    assert later["changes"]["from"] == "2026-06-01"
    assert later["self_vs_assessed"][0]["self"] == "principal"
    history = json.loads(run_cli("assess", "ada", "--history", "--json").out)
    assert [h["id"] for h in history] == [saved["saved_as"]]
    bad = run_cli("self-rate", "ada", "execution", "wizard")
    assert bad.code == 3
    assert "no level 'wizard'" in bad.err
