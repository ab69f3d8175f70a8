"""The manager's statement: written and signed off by the nominee's manager before
submission, frozen into the packet, read by the nominee once the outcome is released."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from staffpath.accounts.audit import COMMAND_LINE
from staffpath.accounts.principal import Principal
from staffpath.cycles import changes, lookup, statement
from staffpath.cycles import lifecycle as cycles
from staffpath.cycles.lifecycle import StateError
from staffpath.errors import NotFoundError
from staffpath.framework.loader import default_framework
from staffpath.framework.registry import store_framework
from staffpath.people.service import find_person, import_roster
from staffpath.store.engine import Store

TEXT = "STATEMENT-mo Ada led the cart split; three teams changed how they ship because of it."


@pytest.fixture
def store(db_url: str, roster_file: Path) -> Iterator[Store]:
    s = Store(db_url)
    fw = default_framework()
    with s.session() as session:
        store_framework(session, fw, source="built-in")
        import_roster(session, roster_file, level_ids=fw.level_ids)
        c = cycles.create_cycle(session, "2026 H1", dt.date(2026, 1, 1), dt.date(2026, 6, 30))
        cycles.open_cycle(session, c)
        cycles.nominate(session, c, find_person(session, "ada"))
    yield s
    s.close()


def as_(session: Any, handle: str) -> Principal:
    return Principal(person_id=find_person(session, handle).id)


def nomination(session: Any) -> Any:
    return lookup.get_nomination(session, lookup.get_cycle(session, "2026 H1"), "ada")


def test_the_statement_is_signed_off_frozen_and_released(store: Store) -> None:
    with store.session() as session:
        n = nomination(session)
        with pytest.raises(NotFoundError):  # only the nominee's manager
            changes.write_statement(session, n, as_(session, "cy"), TEXT, sign_off=True,
                                    origin=COMMAND_LINE)
        changes.write_statement(session, n, as_(session, "mo"), TEXT, sign_off=False,
                                origin=COMMAND_LINE)
    with store.session() as session, pytest.raises(StateError, match="not signed off"):
        changes.submit_packet(session, nomination(session), as_of=dt.date(2026, 6, 1),
                              origin=COMMAND_LINE)
    with store.session() as session:
        changes.write_statement(session, nomination(session), as_(session, "mo"), TEXT,
                                sign_off=True, origin=COMMAND_LINE)
        changes.submit_packet(session, nomination(session), as_of=dt.date(2026, 6, 1),
                              origin=COMMAND_LINE)
    with store.session() as session:
        n = nomination(session)
        assert TEXT in (n.packet_md or "")
        assert "Signed off by Mo Manager" in (n.packet_md or "")
        assert "STATEMENT-mo" in (n.packet_html or "")
        with pytest.raises(StateError, match="frozen"):
            changes.write_statement(session, n, as_(session, "mo"), "changed my mind",
                                    sign_off=True, origin=COMMAND_LINE)
        ada = find_person(session, "ada")
        assert statement.released_statement(session, n.id, ada) is None  # not released yet
        c = lookup.get_cycle(session, "2026 H1")
        cycles.open_calibration(session, c)
        cycles.decide(session, n, "not_yet", "one more cross-team project")
        cycles.release(session, c)
    with store.session(read_only=True) as session:
        n = nomination(session)
        said = statement.released_statement(session, n.id, find_person(session, "ada"))
        assert said is not None
        assert said["text"] == TEXT
        assert statement.released_statement(session, n.id, find_person(session, "bo")) is None


def test_the_cli_signs_off_for_the_manager(run_cli: Any, tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("name,email,team,manager,level,target_level,role\n"
                      "Mo Manager,mo@corp.example,Checkout,,principal,,manager\n"
                      "Ada Lovelace,ada@corp.example,Checkout,mo@corp.example,senior,staff,"
                      "engineer\n", encoding="utf-8")
    for line in (f"people import {roster}",
                 "cycle open 2026H1 --opens 2026-01-01 --closes 2026-06-30",
                 "cycle nominate 2026H1 ada"):
        assert run_cli(*line.split()).code == 0
    refused = run_cli("cycle", "statement", "2026H1", "ada", "--as", "ada", "--text", "x")
    assert refused.code != 0
    assert refused.err.count("\n") == 1
    ok = run_cli("cycle", "statement", "2026H1", "ada", "--as", "mo", "--text", TEXT,
                 "--sign-off")
    assert ok.code == 0, ok.err
    assert "signed off" in ok.out
