"""`staffpath endorse` through the real entry point: ask, list, answer; bad input is one line,
a non-zero exit and nothing written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest


@pytest.fixture
def endorse_ws(run_cli, roster_file: Path):  # type: ignore[no-untyped-def]
    assert run_cli("people", "import", str(roster_file), "--json").code == 0
    logged = run_cli("log", "Led the checkout migration across two teams", "--person", "ada",
                     "--kind", "migration", "--team", "Checkout", "--team", "Payments",
                     "--date", "2026-05-04", "--json")
    assert logged.code == 0, logged.err
    return run_cli, json.loads(logged.out)["id"]


def _rows(tmp_path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(tmp_path / "ws" / "staffpath.db") as db:
        return db.execute("select colleague_id, state, text from endorsements").fetchall()


def test_ask_list_answer(endorse_ws) -> None:  # type: ignore[no-untyped-def]
    run, item = endorse_ws
    asked = run("endorse", "ask", str(item), "--person", "ada", "--colleague", "cy",
                "--colleague", "mo", "--note", "You saw the cut-over", "--json")
    assert asked.code == 0, asked.err
    rows = json.loads(asked.out)
    assert [(r["colleague"]["handle"], r["state"], r["asked_by"]) for r in rows] == [
        ("cy", "requested", "ada"), ("mo", "requested", "ada")]
    cy_request = rows[0]["id"]
    mine = json.loads(run("endorse", "list", "--mine", "--as", "cy", "--json").out)
    assert [(r["id"], r["item"]["title"]) for r in mine] == [
        (cy_request, "Led the checkout migration across two teams")]
    answered = run("endorse", "answer", str(cy_request), "--endorse",
                   "Ada ran the cut-over for both teams.", "--as", "cy", "--json")
    assert answered.code == 0, answered.err
    assert json.loads(answered.out)["state"] == "endorsed"
    listed = json.loads(run("endorse", "list", "--person", "ada", "--json").out)
    assert {(r["colleague"]["handle"], r["state"], r["text"]) for r in listed} == {
        ("cy", "endorsed", "Ada ran the cut-over for both teams."), ("mo", "requested", None)}
    shown = json.loads(run("evidence", "show", str(item), "--json").out)
    assert shown["attested_by"] == ["cy"]
    text = run("endorse", "list", "--person", "ada")
    assert "cy endorsed — “Ada ran the cut-over for both teams.”" in text.out


BAD = [
    (["ask", "{item}", "--person", "nobody-at-all", "--colleague", "cy"], "nobody-at-all"),
    (["ask", "999999", "--person", "ada", "--colleague", "cy"], "999999"),
    (["ask", "{item}", "--person", "bo", "--colleague", "cy"], "bo's journal"),
    (["ask", "{item}", "--person", "ada", "--colleague", "cy", "--colleague", "ghost"],
     "ghost"),
    (["ask", "{item}", "--as", "cy", "--colleague", "bo"], "no evidence with id"),
    (["answer", "424242", "--confirm"], "no endorsement request 424242"),
    (["answer", "1", "--confirm", "--decline"], "exactly one of"),
    (["list"], "--person"),
]


def test_bad_input_is_one_line_and_writes_nothing(endorse_ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run, item = endorse_ws
    for n, (args, words) in enumerate(BAD):
        argv = [a.replace("{item}", str(item)) for a in args]
        result = run("endorse", *argv, *(["--json"] if n % 2 else []))
        assert result.code != 0, argv
        if n % 2:  # a script asked for JSON: the error comes as JSON
            assert words in json.loads(result.out)["error"], argv
            continue
        assert "Traceback" not in result.err
        lines = result.err.strip().splitlines()
        assert len(lines) == 1, result.err
        assert words in lines[0], argv
    assert _rows(tmp_path) == []


def test_only_the_colleague_answers(endorse_ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run, item = endorse_ws
    rid = json.loads(run("endorse", "ask", str(item), "--person", "ada", "--colleague", "cy",
                         "--json").out)[0]["id"]
    refused = run("endorse", "answer", str(rid), "--confirm", "--as", "bo")
    assert refused.code != 0
    assert f"no endorsement request {rid}" in refused.err
    assert [r[1] for r in _rows(tmp_path)] == ["requested"]
