"""Strategy synthesis over a real git repository with design documents and decision records,
mined by the product, then read back: themes each backed by two or more documents of the set,
nothing cited from outside it, and an adopted draft recorded as a strategy item with its
sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mining_helpers import BASE_TIME, DAY, git, init_repo

# Seven documents, oldest first: three on the event bus, three on caching, and the oldest one
# on a subject nobody else wrote about. With --last 6 the oldest is outside the set.
DOCS = [
    ("docs/adr/0001-quarantine-the-mainframe.md",
     "# Quarantine the mainframe bridge\n\nWe decided to wall off the zeppelin mainframe "
     "bridge behind one adapter.\n"),
    ("docs/adr/0002-event-bus-for-orders.md",
     "# Event bus for orders\n\nOrders publish events on the shared event bus. We decided to "
     "use the event bus with at-least-once delivery instead of direct calls.\n\n"
     "## Open questions\n\n- Who owns the dead-letter queue?\n"),
    ("docs/rfcs/0003-payments-on-the-event-bus.md",
     "# Payments consume order events\n\nPayments subscribe to the event bus. At-least-once "
     "delivery means idempotent consumers; the trade-off is duplicate handling in every "
     "consumer.\n"),
    ("docs/adr/0004-event-bus-schema-registry.md",
     "# A schema registry for the event bus\n\nEvery event bus topic gets a schema in the "
     "registry. We will reject events that break the schema. Idempotent consumers stay the "
     "rule.\n"),
    ("docs/rfcs/0005-edge-cache-for-catalog.md",
     "# Edge cache for catalog pages\n\nCatalog pages move behind the edge cache with a "
     "cache invalidation hook. We chose short cache lifetimes instead of purging by hand.\n"),
    ("docs/rfcs/0006-cache-invalidation-events.md",
     "# Cache invalidation from price changes\n\nPrice changes trigger cache invalidation at "
     "the edge cache. Cache invalidation must finish within a minute.\n\n"
     "## Open questions\n\n- Should search results use the same edge cache?\n"),
    ("docs/adr/0007-cache-for-search.md",
     "# Edge cache for search results\n\nSearch results go behind the edge cache too; cache "
     "invalidation follows the catalog rules. We decided on a separate cache key space.\n"),
]
ROSTER = ("name,email,team,manager,level,target_level,role\n"
          "Ada Lovelace,ada@corp.example,Checkout,,senior,staff,engineer\n"
          "Bo Peer,bo@corp.example,Payments,,senior,,engineer\n")


@pytest.fixture
def mined(run_cli, tmp_path: Path) -> tuple[object, Path]:  # type: ignore[no-untyped-def]
    repo = init_repo(tmp_path / "shop")
    for n, (path, text) in enumerate(DOCS):
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        who = "ada" if n % 2 == 0 else "bo"
        stamp = f"{BASE_TIME + n * 20 * DAY} +0000"
        git(repo, "add", path)
        git(repo, "commit", "-q", "-m", f"Add {path}", GIT_AUTHOR_NAME=who.title(),
            GIT_AUTHOR_EMAIL=f"{who}@corp.example", GIT_AUTHOR_DATE=stamp,
            GIT_COMMITTER_DATE=stamp)
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    assert run_cli("people", "import", str(roster)).code == 0
    result = run_cli("mine", str(repo))
    assert result.code == 0, result.err
    return run_cli, repo


def test_themes_are_backed_by_two_documents_of_the_set_and_cite_nothing_else(  # type: ignore[no-untyped-def]
        mined, tmp_path: Path) -> None:
    run_cli, repo = mined
    result = run_cli("strategy", "synthesise", str(repo), "--repository", "shop", "--last", "6",
                     "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    keys = {d["key"] for d in data["documents"]}
    assert len(keys) == 6
    paths = {d["source"].split(":")[1].split("@")[0] for d in data["documents"]}
    assert "docs/adr/0001-quarantine-the-mainframe.md" not in paths  # the oldest is outside
    assert len(data["themes"]) >= 2
    for theme in data["themes"]:
        assert len(theme["documents"]) >= 2
        assert set(theme["documents"]) <= keys
        assert {q["document"] for q in theme["quotes"]} <= set(theme["documents"])
    cited = {r["document"] for part in ("decisions", "tradeoffs", "open_questions")
             for r in data[part]}
    assert cited <= keys
    # The two subjects come out as two themes, each from its own documents.
    terms = [" ".join(t["terms"]) for t in data["themes"]]
    assert any("event bus" in t for t in terms)
    assert any("cache" in t for t in terms)
    assert "zeppelin" not in data["markdown"]
    assert any("dead-letter" in r["text"] for r in data["open_questions"])


def test_adopting_the_draft_records_a_strategy_item_with_its_sources(  # type: ignore[no-untyped-def]
        mined, tmp_path: Path) -> None:
    run_cli, repo = mined
    draft = tmp_path / "strategy.md"
    result = run_cli("strategy", "synthesise", str(repo), "--last", "6", "-o", str(draft))
    assert result.code == 0, result.err
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.replace("# Strategy draft", "# Checkout platform strategy"),
                     encoding="utf-8")
    adopted = run_cli("strategy", "adopt", str(draft), "--person", "ada", "--json")
    assert adopted.code == 0, adopted.err
    item = json.loads(adopted.out)
    assert item["kind"] == "strategy"
    assert item["title"].startswith("Checkout platform strategy")
    assert len(item["sources"]) == 6
    shown = json.loads(run_cli("evidence", "show", str(item["id"]), "--json").out)
    assert shown["provenance"]["ref"] == "synthesis of 6 documents"
    assert shown["body"].count("\n- [D") >= 6  # the sources section, one line each
    mined_ids = {e["id"] for e in json.loads(run_cli("evidence", "list", "--json").out)
                 if e["kind"] in ("design_doc", "decision_record")}
    assert {s["evidence_id"] for s in item["sources"]} <= mined_ids
    # A draft without its front matter cannot be adopted, and nothing is written.
    draft.write_text("# Just prose\n", encoding="utf-8")
    bad = run_cli("strategy", "adopt", str(draft), "--person", "ada")
    assert bad.code == 2
    assert "front matter" in bad.err
    listed = json.loads(run_cli("evidence", "list", "--person", "ada", "--json").out)
    assert sum(1 for e in listed if e["kind"] == "strategy") == 1


def test_a_wrapped_decision_record_is_quoted_in_whole_sentences() -> None:
    """Decision records are usually wrapped at 72-80 columns: a quote is the whole sentence,
    not the line, and an abbreviation does not end one."""
    from staffpath.growth.strategy import _sentences

    text = ("# 6. Packaging\n\n## Decision\n\nWe will have to tag releases in the repository so\n"
            "that packaging projects know what can be published.\n\nPackagers (e.g. Homebrew\n"
            "developers) want to configure the tools.\n\n- We will document how users can\n"
            "  install the software.\n- Second item of the list, on its own.\n")
    assert _sentences(text) == [
        "We will have to tag releases in the repository so that packaging projects know what "
        "can be published.",
        "Packagers (e.g. Homebrew developers) want to configure the tools.",
        "We will document how users can install the software.",
        "Second item of the list, on its own.",
    ]
