"""Property tests: the brag-document parser never raises, is deterministic and round-trips."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from staffpath.errors import InputError
from staffpath.ledger.bragdoc.document import read_brag_file
from staffpath.ledger.bragdoc.parser import parse_brag_doc
from staffpath.ledger.extract.dates import DateSpan, extract_dates
from staffpath.ledger.extract.impacts import extract_impacts
from staffpath.ledger.extract.kind import infer_kind
from staffpath.ledger.extract.leading import leading_date
from staffpath.ledger.extract.scope import extract_scope_words, extract_teams_count
from staffpath.ledger.extract.tags import extract_mentions, extract_tags

TODAY = date(2024, 6, 1)

FRAGMENTS = ["- ", "* ", "+ ", "1. ", "# ", "## ", "### ", "|", "| --- |", "---", "===", "```",
             "~~~", "<!--", "-->", "<div>", "\n", "\n\n", "  ", "    ", "\t", "[x] ", "[ ] ",
             "2024-03-12", "Q3", "H1 2025", "Mar 12", "$1.2M", "30%", "@ana", "#perf", "**",
             "_", "> ", "Shipped", "Goals", "Mentoring", "text", "\r\n", "\ufeff", ":", "—",
             "2024", "[2024-03]", "week of", "\\", "`", "![", "](", ")", "&#35;", "\x00"]
markdownish = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=60).map(
    "".join)
any_text = st.text(max_size=300) | markdownish


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_parse_never_raises_and_is_deterministic(text: str) -> None:
    first = parse_brag_doc(text, today=TODAY)
    assert parse_brag_doc(text, today=TODAY) == first
    n_lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for item in (*first.entries, *first.notes):
        assert 1 <= item.line <= n_lines
    assert len({e.key for e in first.entries}) == len(first.entries)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_extractors_never_raise(text: str) -> None:
    extract_impacts(text)
    extract_dates(text, default_year=2024)
    extract_dates(text, default_year=None, heading=True)
    leading_date(text, 2024)
    extract_tags(text)
    extract_mentions(text)
    extract_teams_count(text)
    extract_scope_words(text)
    infer_kind(text, (text,))


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=1, max_size=200))
def test_read_brag_file_binary_raises_input_error(tmp_path: Path, blob: bytes) -> None:
    path = tmp_path / "brag.md"
    path.write_bytes(blob + b"\x00")
    with pytest.raises(InputError) as info:
        read_brag_file(path)
    assert "binary" in str(info.value)


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_read_brag_file_returns_or_raises_input_error(tmp_path: Path, blob: bytes) -> None:
    path = tmp_path / "brag.md"
    path.write_bytes(blob)
    try:
        text = read_brag_file(path)
    except InputError:
        return
    parse_brag_doc(text, today=TODAY)


# --------------------------------------------------------------------------- round trip

WORDS = ["payments", "search", "cache", "rollout", "alerts", "latency", "billing", "queue",
         "schema", "index", "runbook", "service", "client", "retry", "budget", "ledger"]
VERBS = ["Shipped", "Built", "Fixed", "Designed", "Wrote", "Led", "Tuned", "Cleaned"]
TAGS = ["perf", "infra", "reliability", "growth", "devex", "security"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

item = st.tuples(
    st.sampled_from(VERBS),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
    st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)),
    st.lists(st.sampled_from(TAGS), max_size=3, unique=True),
)
style = st.sampled_from(["iso", "bold", "bracket", "table", "mdy"])


def render_date(d: date, how: str) -> str:
    if how == "bold":
        return f"**{MONTHS[d.month - 1]} {d.day}, {d.year}** —"
    if how == "bracket":
        return f"[{d.isoformat()}]"
    if how == "mdy":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}:"
    return f"{d.isoformat()}:"


@settings(max_examples=150, deadline=None)
@given(st.lists(item, min_size=1, max_size=15), style, st.sampled_from(["\n", "\r\n"]))
def test_round_trip(items: list[tuple[str, list[str], date, list[str]]], how: str,
                    newline: str) -> None:
    lines = ["# Brag doc", "", "## Work", ""]
    expected = []
    if how == "table":
        lines += ["| Date | What | Tags |", "| --- | --- | --- |"]
    for verb, words, day, tags in items:
        title = " ".join([verb, *words])
        tag_text = " ".join(f"#{t}" for t in tags)
        if how == "table":
            lines.append(f"| {day.isoformat()} | {title} | {', '.join(tags)} |")
            expected.append((title, DateSpan(day, day), tuple(tags)))
        else:
            full = f"{title} {tag_text}".strip()
            lines.append(f"- {render_date(day, how)} {full}")
            expected.append((full, DateSpan(day, day), tuple(tags)))
    doc = parse_brag_doc(newline.join(lines) + newline, today=TODAY)
    assert [(e.title, e.date, e.tags) for e in doc.entries] == expected
    assert [e.line for e in doc.entries] == list(range(5 + 2 * (how == "table"),
                                                       5 + 2 * (how == "table") + len(items)))
    assert doc.notes == ()
    assert doc.warnings == ()
