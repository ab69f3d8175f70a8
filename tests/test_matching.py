"""Idempotent re-import: pairing a file's entries with those stored from it before."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from staffpath.ledger.bragdoc.document import ParsedEntry
from staffpath.ledger.bragdoc.parser import parse_brag_doc
from staffpath.ledger.matching import StoredRef, entry_text, match_entries

DOC = """# Brag doc

## 2024

- Shipped the retry budget for the payments client
- Reviewed three RFCs from the search team
  - left detailed comments on the caching design
- Ran the Q2 game day with SRE

## Mentoring

- Weekly 1:1s with @ana on system design
- Helped @ben prepare his first conference talk
"""


def entries(text: str) -> tuple[ParsedEntry, ...]:
    return parse_brag_doc(text, today=date(2024, 6, 1)).entries


def store(parsed: tuple[ParsedEntry, ...], first_id: int = 1) -> list[StoredRef]:
    return [StoredRef(id=first_id + i, key=e.key, section=e.section, line=e.line,
                      text=entry_text(e)) for i, e in enumerate(parsed)]


def test_same_file_is_all_unchanged() -> None:
    stored = store(entries(DOC))
    result = match_entries(stored, entries(DOC))
    assert [sid for sid, _ in result.unchanged] == [1, 2, 3, 4, 5]
    assert (result.updated, result.added, result.missing) == ([], [], [])


def test_edited_line_is_one_update() -> None:
    stored = store(entries(DOC))
    edited = DOC.replace("Ran the Q2 game day with SRE", "Ran the Q2 game day with SRE and QA")
    result = match_entries(stored, entries(edited))
    assert [(sid, e.title) for sid, e in result.updated] == [
        (3, "Ran the Q2 game day with SRE and QA")]
    assert len(result.unchanged) == 4
    assert (result.added, result.missing) == ([], [])


def test_edited_detail_is_one_update() -> None:
    stored = store(entries(DOC))
    edited = DOC.replace("caching design", "cache design")
    result = match_entries(stored, entries(edited))
    assert [sid for sid, _ in result.updated] == [2]
    assert (result.added, result.missing) == ([], [])


def test_inserted_item_is_added_not_updates() -> None:
    stored = store(entries(DOC))
    inserted = DOC.replace("## 2024\n\n", "## 2024\n\n- Shipped the retry budget for search\n")
    result = match_entries(stored, entries(inserted))
    assert [e.title for e in result.added] == ["Shipped the retry budget for search"]
    assert [sid for sid, _ in result.unchanged] == [1, 2, 3, 4, 5]
    assert (result.updated, result.missing) == ([], [])


def test_removed_and_rewritten_items() -> None:
    stored = store(entries(DOC))
    changed = DOC.replace("- Ran the Q2 game day with SRE\n", "").replace(
        "Weekly 1:1s with @ana on system design", "Started a staff reading group")
    result = match_entries(stored, entries(changed))
    assert result.missing == [3, 4]
    assert [e.title for e in result.added] == ["Started a staff reading group"]
    assert result.updated == []


def test_moved_item_and_renamed_heading_are_updates() -> None:
    stored = store(entries(DOC))
    renamed = DOC.replace("## Mentoring", "## Mentoring & sponsorship")
    result = match_entries(stored, entries(renamed))
    assert [sid for sid, _ in result.updated] == [4, 5]
    assert (result.added, result.missing) == ([], [])


def test_similar_leftovers_pair_by_nearest_line() -> None:
    text = "## A\n\n- Fixed flaky test one\n- Fixed flaky test two\n"
    stored = store(entries(text))
    edited = "## A\n\n- Fixed flaky test 1\n- Fixed flaky test 2\n"
    result = match_entries(stored, entries(edited))
    assert [(sid, e.title) for sid, e in result.updated] == [
        (1, "Fixed flaky test 1"), (2, "Fixed flaky test 2")]


def test_each_stored_entry_used_once() -> None:
    stored = store(entries("- Shipped the search index rebuild\n"))
    result = match_entries(stored, entries("- Shipped the search index rebuilds\n"
                                           "- Shipped the search index rebuilt\n"))
    assert len(result.updated) == 1
    assert len(result.added) == 1


def test_empty_inputs() -> None:
    result = match_entries([], [])
    assert (result.unchanged, result.updated, result.added, result.missing) == ([], [], [], [])


# --------------------------------------------------------------------------- properties

WORDS = ["shipped", "wrote", "fixed", "the", "billing", "search", "cache", "queue", "for",
         "with", "team", "runbook", "alerts", "service", "rollout", "plan", "review"]
titles = st.lists(st.sampled_from(WORDS), min_size=3, max_size=8).map(
    lambda ws: "Did " + " ".join(ws))
docs = st.lists(titles, min_size=1, max_size=12, unique=True)


def render(items: list[str]) -> str:
    return "## 2024\n\n" + "".join(f"- {t}\n" for t in items)


@settings(max_examples=100, deadline=None)
@given(docs)
def test_property_same_doc_all_unchanged(items: list[str]) -> None:
    parsed = entries(render(items))
    result = match_entries(store(parsed), parsed)
    assert len(result.unchanged) == len(parsed)
    assert (result.updated, result.added, result.missing) == ([], [], [])


@settings(max_examples=100, deadline=None)
@given(docs, st.data())
def test_property_one_edit_one_update(items: list[str], data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(items) - 1))
    edited = items[i] + " today"
    if edited in items:
        return
    stored = store(entries(render(items)))
    result = match_entries(stored, entries(render([*items[:i], edited, *items[i + 1:]])))
    assert [sid for sid, _ in result.updated] == [i + 1]
    assert len(result.unchanged) == len(items) - 1
    assert (result.added, result.missing) == ([], [])


@settings(max_examples=100, deadline=None)
@given(docs, titles)
def test_property_prepend_one_added(items: list[str], new: str) -> None:
    if new in items:
        return
    stored = store(entries(render(items)))
    result = match_entries(stored, entries(render([new, *items])))
    assert [e.title for e in result.added] == [new]
    assert len(result.unchanged) == len(items)
    assert (result.updated, result.missing) == ([], [])
