"""The CLI through its real entry point: JSON shapes other tools rely on, and clean failures."""

from __future__ import annotations

import json
import sqlite3
import textwrap
from pathlib import Path

import pytest

BRAG = textwrap.dedent("""\
    # 2026
    ## Cart split
    - 2026-03-02: Led the cart split across 5 teams, org-wide rollout plan #design
      - the hard part: no downtime allowed during the spring sale
    - 2026-06-10: Shipped the cart service to all markets, $400k/yr saved in hosting
    ## Mentoring
    - 2026-04-01: Mentored @bo on their first design doc #mentoring
    ## Things to learn
    - Get better at writing for executives
    """)


@pytest.fixture
def workspace_with_org(run_cli, roster_file: Path):  # type: ignore[no-untyped-def]
    result = run_cli("people", "import", str(roster_file), "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["added"] == 5
    return run_cli


def test_people_list_json_has_id_and_name(workspace_with_org) -> None:  # type: ignore[no-untyped-def]
    people = json.loads(workspace_with_org("people", "list", "--json").out)
    assert {p["name"] for p in people} >= {"Ada Lovelace", "Bo Junior"}
    assert all(isinstance(p["id"], int) for p in people)


def test_import_assess_packet_round(workspace_with_org, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = workspace_with_org
    brag = tmp_path / "brag.md"
    brag.write_text(BRAG, encoding="utf-8")
    first = json.loads(run("evidence", "import", str(brag), "--person", "ada", "--json").out)
    assert (first["added"], first["updated"], first["unchanged"]) == (3, 0, 0)
    again = json.loads(run("evidence", "import", str(brag), "--person", "ada", "--json").out)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 3)

    assessed = json.loads(run("assess", "ada", "--json").out)
    assert "overall_level" in assessed
    dims = assessed["dimensions"]
    assert set(dims) >= {"scope_of_impact", "developing_others", "glue_work"}
    cited = {i for d in dims.values() for i in d["evidence"]}
    assert cited <= set(first["ids"])
    assert all(d["level"] is None or d["evidence"] for d in dims.values())

    out = tmp_path / "packet.md"
    result = run("packet", "ada", "--output", str(out))
    assert result.code == 0, result.err
    packet = out.read_text(encoding="utf-8")
    for heading in ("## Staff-scale projects", "## Improving the organisation",
                    "## Impact in money", "## Mentoring and sponsorship", "## Glue work",
                    "## Advocates", "## Gaps and the plan", "## Evidence appendix"):
        assert heading in packet
    assert "> **Not yet answered.**" in packet  # e.g. no glue work in this record
    assert "Get better at writing for executives" in packet


def test_log_and_edit_and_delete(workspace_with_org) -> None:  # type: ignore[no-untyped-def]
    run = workspace_with_org
    logged = json.loads(run("log", "Ran the incident review for the checkout outage",
                            "--person", "ada", "--kind", "incident", "--team", "checkout",
                            "--team", "Payments", "--impact", "$50k/yr", "--tag", "oncall",
                            "--date", "2026-05-04", "--json").out)
    assert logged["teams"] == ["Checkout", "Payments"]
    assert logged["impact"]["money"] == "50000.00"
    assert logged["dimensions"] == ["glue_work"]
    ev = str(logged["id"])
    edited = json.loads(run("evidence", "edit", ev, "--title", "Led the incident review",
                            "--expected-version", "1", "--json").out)
    assert edited["version"] == 2
    stale = run("evidence", "edit", ev, "--title", "x", "--expected-version", "1")
    assert stale.code != 0
    assert "changed since you read it" in stale.err
    assert "Traceback" not in stale.err
    shown = json.loads(run("evidence", "show", ev, "--json").out)
    assert [h["change"] for h in shown["history"]] == ["created", "edited"]
    assert run("evidence", "delete", ev).code == 0
    assert json.loads(run("evidence", "list", "--json").out) == []


def test_log_without_title_off_a_terminal_is_a_clear_error(workspace_with_org) -> None:  # type: ignore[no-untyped-def]
    result = workspace_with_org("log", "--person", "ada")
    assert result.code == 2
    assert result.err.strip().count("\n") == 0
    assert "title" in result.err


def test_export_csv_to_file(workspace_with_org, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = workspace_with_org
    run("log", "=cmd|' /C calc'!A0", "--person", "ada")
    out = tmp_path / "e.csv"
    assert run("evidence", "export", "--format", "csv", "--output", str(out)).code == 0
    assert "'=cmd" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("assess", "nobody-here"), "no person 'nobody-here'"),
        (("evidence", "show", "4242"), "no evidence with id 4242"),
        (("framework", "show", "--level", "wizard"), "no level 'wizard'"),
    ],
)
def test_unknown_things_give_one_line_and_non_zero(workspace_with_org, args, needle) -> None:  # type: ignore[no-untyped-def]
    result = workspace_with_org(*args)
    assert result.code != 0
    assert needle in result.err
    assert "Traceback" not in result.err + result.out
    assert len(result.err.strip().splitlines()) == 1


def test_malformed_inputs_fail_cleanly_and_write_nothing(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad_yaml = tmp_path / "fw.yaml"
    bad_yaml.write_text("levels:\n  - id: [unclosed\n", encoding="utf-8")
    result = run_cli("framework", "validate", str(bad_yaml))
    assert result.code != 0
    assert f"{bad_yaml}:" in result.err
    assert "Traceback" not in result.err

    bad_csv = tmp_path / "r.csv"
    bad_csv.write_text("name,email,level\nA,a@x.example,wizard\nB,b@x.example,senior\n")
    result = run_cli("people", "import", str(bad_csv))
    assert result.code != 0
    assert f"{bad_csv}:2: unknown level 'wizard'" in result.err
    assert json.loads(run_cli("people", "list", "--json").out) == []

    binary = tmp_path / "brag.md"
    binary.write_bytes(b"\x00\xff\xfe binary")
    run_cli("people", "import", str(tmp_path / "nope.csv"))
    result = run_cli("evidence", "import", str(binary), "--person", "x")
    assert result.code != 0
    assert "Traceback" not in result.err


def test_an_export_and_a_chat_thread_import_as_records(workspace_with_org, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = workspace_with_org
    export = tmp_path / "lattice.json"
    export.write_text(json.dumps({"employee": "Ada Lovelace", "accomplishments": [
        {"title": "Led the ledger migration across three teams", "start": "2025-02-01",
         "end": "2025-06-30", "impact": "reconciliation errors down 90%"},
        {"title": "Wrote the retry design", "date": "2025-09-12"}]}), encoding="utf-8")
    report = json.loads(run("evidence", "import", str(export), "--person", "ada",
                            "--json").out)
    assert report["added"] == 2
    chat = tmp_path / "brag-channel.txt"
    chat.write_text("[2025-10-02 10:02] ada: shipped the export API for 3 teams\n"
                    "[2025-10-02 10:04] bo: nice\n"
                    "[2025-11-20 16:40] ada: ran the incident review for the queue outage\n",
                    encoding="utf-8")
    report = json.loads(run("evidence", "import", str(chat), "--person", "ada", "--json").out)
    assert report["added"] == 2  # bo's reply is not ada's work
    titles = {e["title"] for e in json.loads(run("evidence", "list", "--person", "ada",
                                                          "--json").out)}
    assert {"Led the ledger migration across three teams", "Wrote the retry design",
            "shipped the export API for 3 teams",
            "ran the incident review for the queue outage"} <= titles


def test_a_file_that_is_not_a_database(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "fake.db"
    fake.write_text("not a database", encoding="utf-8")
    result = run_cli("--db", f"sqlite:///{fake}", "people", "list")
    assert result.code == 4
    assert "not an SQLite database" in result.err
    assert fake.read_text(encoding="utf-8") == "not a database"
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table t (x)")
    result = run_cli("--db", f"sqlite:///{other}", "people", "list")
    assert result.code == 4
    assert "not a staffpath database" in result.err


def test_framework_show_and_use(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shown = json.loads(run_cli("framework", "show", "--json").out)
    assert [lv["id"] for lv in shown["levels"]] == [
        "engineer", "senior", "staff", "senior-staff", "principal"]
    text = run_cli("framework", "show", "--level", "staff").out
    assert "Staff" in text
    assert run_cli("--version").out.startswith("staffpath ")


def test_log_prompts_for_each_field_in_a_terminal(workspace_with_org, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import os
    import pty
    import select
    import subprocess
    import sys

    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("STAFFPATH_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "staffpath", "--workspace", str(tmp_path / "ws"), "log"],
        stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    answers = ["ada", "Ran the on-call handover for Checkout", "weekly, written", "2026-04-02",
               "oncall", "", "Checkout, Payments", "teams"]
    output = b""
    for answer in answers:
        while b":" not in output.rsplit(b"\n", 1)[-1]:
            ready, _, _ = select.select([master], [], [], 30)
            assert ready, f"no prompt after {output!r}"
            output += os.read(master, 4096)
        os.write(master, answer.encode() + b"\r")
        output = b""
    assert proc.wait(timeout=60) == 0
    os.close(master)
    items = json.loads(workspace_with_org("evidence", "list", "--json").out)
    (item,) = items
    assert item["title"] == "Ran the on-call handover for Checkout"
    assert (item["kind"], item["date_start"], item["scope"]) == ("oncall", "2026-04-02", "teams")
    assert item["teams"] == ["Checkout", "Payments"]
