"""`staffpath opportunity`, `goal` and `plan` as a user runs them: imports from a GitHub issues
export and a CSV, bad rows reported by file and line with nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ISSUES = [
    {"number": 41, "title": "Migrate every service to the retry library", "state": "open",
     "html_url": "https://github.example/acme/shop/issues/41",
     "body": "Payments and Checkout both hand-roll retries.",
     "labels": [{"name": "team:Payments"}, {"name": "team:Checkout"}, {"name": "reach:teams"},
                {"name": "kind:migration"}, {"name": "weeks:10"}, {"name": "execution"},
                {"name": "dimension:collaboration"}, {"name": "bug"}]},
    {"number": 42, "title": "A pull request, not work to hand out", "state": "open",
     "html_url": "https://github.example/acme/shop/pull/42", "pull_request": {}, "labels": []},
    {"number": 40, "title": "Closed already", "state": "closed",
     "html_url": "https://github.example/acme/shop/issues/40", "labels": []},
]
CSV = """title,description,kind,teams,reach,duration_weeks,dimensions,owner,goal
Write the caching RFC,Options and the one we pick,rfc,Checkout,teams,4,strategy;communication,mo,
Pair on the ledger job,,pairing,Payments,team,6,developing_others,,
"""


@pytest.fixture
def ws(run_cli, roster_file: Path):  # type: ignore[no-untyped-def]
    assert run_cli("people", "import", str(roster_file)).code == 0
    return run_cli


def opportunities(run_cli) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    result = run_cli("opportunity", "list", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def test_import_github_issues_and_csv_then_reimport_updates(ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    issues = tmp_path / "issues.json"
    issues.write_text(json.dumps(ISSUES), encoding="utf-8")
    result = ws("opportunity", "import", str(issues), "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {"added": 1, "updated": 0}
    [opp] = opportunities(ws)
    assert opp["title"] == "Migrate every service to the retry library"
    assert opp["teams"] == ["Payments", "Checkout"]
    assert opp["reach"] == "teams"
    assert opp["kind"] == "migration"
    assert opp["duration_weeks"] == 10
    assert opp["dimensions"] == ["execution", "collaboration"]
    assert opp["source_ref"] == "https://github.example/acme/shop/issues/41"
    # The same export again changes nothing new: the issue's address identifies it.
    again = ws("opportunity", "import", str(issues), "--json")
    assert json.loads(again.out) == {"added": 0, "updated": 1}
    table = tmp_path / "work.csv"
    table.write_text(CSV, encoding="utf-8")
    result = ws("opportunity", "import", str(table), "--json")
    assert json.loads(result.out) == {"added": 2, "updated": 0}
    titles = {o["title"]: o for o in opportunities(ws)}
    assert titles["Write the caching RFC"]["owner"] == "mo"
    assert titles["Write the caching RFC"]["dimensions"] == ["strategy", "communication"]


@pytest.mark.parametrize(("content", "name", "needle"), [
    ('[{"title": "x", "labels": ["reach:galaxy"]}]', "bad.json",
     "bad.json (issue #1 in the list): reach"),
    ('[{"title": "x", "labels": ["team:Nowhere"]}]', "bad.json", "no team named 'Nowhere'"),
    ("{not json", "bad.json", "bad.json:1: not JSON"),
    (CSV + "Third,,rfc,Checkout,teams,-3,strategy,,\n", "bad.csv", "bad.csv:4: duration_weeks"),
    (CSV + "Fourth,,rfc,Checkout,teams,3,no_such_dimension,,\n", "bad.csv",
     "bad.csv:4: dimensions: no dimension 'no_such_dimension'"),
    ("name,weeks\nx,1\n", "bad.csv", "bad.csv:1: CSV needs a header row"),
    ("title\nx\n", "bad.txt", "expected a .json (GitHub issues) or .csv file"),
])
def test_bad_input_is_one_line_and_writes_nothing(ws, tmp_path: Path, content: str,  # type: ignore[no-untyped-def]
                                                  name: str, needle: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = ws("opportunity", "import", str(path))
    assert result.code != 0
    assert needle in result.err
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert opportunities(ws) == []


def test_add_goal_and_opportunity_then_plan(ws) -> None:  # type: ignore[no-untyped-def]
    assert ws("goal", "add", "Checkout stays up in the sale", "--owner", "dana").code == 0
    result = ws("opportunity", "add", "Lead the checkout load tests", "--team", "Checkout",
                "--team", "Payments", "--reach", "teams", "--dimension", "execution",
                "--dimension", "scope_of_impact", "--goal", "Checkout stays up in the sale",
                "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["goal"] == "Checkout stays up in the sale"
    bad = ws("opportunity", "add", "x", "--reach", "galaxy")
    assert bad.code == 2
    assert "reach" in bad.err
    plan = json.loads(ws("plan", "ada", "--json").out)
    assert plan["target_level"] == "staff"
    assert 1 <= len(plan["steps"]) <= 3
    # The opportunity on a goal meets Ada's execution and scope gaps: it is the first step.
    first = plan["steps"][0]
    assert first["opportunity_id"] is not None
    assert {r["id"] for r in first["rules"]} >= {"execution@staff", "scope_of_impact@staff"}
    started = json.loads(ws("plan", "ada", "--start", "--json").out)
    assert started["started_on"] is not None
    assert started["plan_id"] is not None
