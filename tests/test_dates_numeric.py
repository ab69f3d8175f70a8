"""Dates written in numbers, as log lines and exports write them: "1/14: shipped …",
"25.03 – demoed …", "02/12/2025", "14/01/2025". A dot puts the day first; a slash puts the month
first unless a number says otherwise, and one document keeps one convention. Without a year,
a numeric date is read only where it opens an item and a separator follows it, so "24/7",
"3/4 of the suites" and "1.5 – 2x" stay words."""

from __future__ import annotations

from datetime import date

import pytest

from staffpath.ledger.bragdoc.parser import parse_brag_doc
from staffpath.ledger.extract.dates import DateSpan, find_dates, numeric_dates_of
from staffpath.ledger.extract.leading import leading_date

TODAY = date(2025, 11, 1)


def _day(y: int, m: int, d: int) -> DateSpan:
    return DateSpan(date(y, m, d), date(y, m, d))


@pytest.mark.parametrize(("text", "span", "rest"), [
    ("1/14: shipped template preview endpoint", _day(2025, 1, 14),
     "shipped template preview endpoint"),
    ("04/29 – reviewed 4 PRs from Lucía", _day(2025, 4, 29), "reviewed 4 PRs from Lucía"),
    ("25.03 – demoed template preview", _day(2025, 3, 25), "demoed template preview"),
    ("15.01 - joined the incident bridge", _day(2025, 1, 15), "joined the incident bridge"),
    ("7/15–7/26 – vacation", DateSpan(date(2025, 7, 15), date(2025, 7, 26)), "vacation"),
    ("02/12/2025 – participated in design", _day(2025, 2, 12), "participated in design"),
    ("14/01/2025: fixed broken links", _day(2025, 1, 14), "fixed broken links"),
])
def test_a_numeric_date_opening_an_item_dates_it(text: str, span: DateSpan, rest: str) -> None:
    assert leading_date(text, 2025, today=TODAY) == (span, rest)


def _week(y: int, w: int) -> DateSpan:
    monday = date.fromisocalendar(y, w, 1)
    return DateSpan(monday, date.fromordinal(monday.toordinal() + 6))


@pytest.mark.parametrize(("text", "span", "rest"), [
    ("W03  R2 kickoff. wrote the one-pager", _week(2025, 3), "R2 kickoff. wrote the one-pager"),
    ("W14 R2 beta to 3 tenants", _week(2025, 14), "R2 beta to 3 tenants"),
    ("wk 14: cut over the consumer", _week(2025, 14), "cut over the consumer"),
    ("Week 9 — demoed the planner", _week(2025, 9), "demoed the planner"),
])
def test_a_week_number_opening_a_log_line_dates_it(text: str, span: DateSpan, rest: str) -> None:
    assert leading_date(text, 2025, today=TODAY) == (span, rest)


@pytest.mark.parametrize("text", ["Week 14 was the hardest of the year", "W3 stands for week",
                                  "W53  no such week in 2025"])
def test_a_week_number_in_a_sentence_stays_words(text: str) -> None:
    assert leading_date(text, 2025, today=TODAY) == (None, text)


def test_a_weekly_log_of_plain_lines_is_an_item_a_week() -> None:
    doc = parse_brag_doc("""# 2025 work log — Marco (routing team)

W = ISO week.

W03  R2 kickoff. wrote the one-pager, recommended the new service
W05  R2 design doc v2 after review with Sami
W14  R2 beta to 3 tenants
""", today=TODAY)
    assert [e.date for e in doc.entries] == [_week(2025, 3), _week(2025, 5), _week(2025, 14)]
    assert doc.entries[0].title.startswith("R2 kickoff")


@pytest.mark.parametrize("text", [
    "24/7 on-call for payments", "3/4 of the suites now pass", "1.5 – 2x faster builds",
    "2.50 – the new price", "13/13 – all green", "version 1.2.25 released",
])
def test_numbers_that_are_not_dates_stay_words(text: str) -> None:
    assert leading_date(text, 2025, today=TODAY) == (None, text)


def test_a_numeric_date_with_its_year_is_read_anywhere() -> None:
    [found] = find_dates("Shipped on 12/03/2025 after review", default_year=2025)
    assert found.span == _day(2025, 12, 3)
    [found] = find_dates("cut over 03.02.2025, as planned", default_year=2025)
    assert found.span == _day(2025, 2, 3)
    assert find_dates("see 10/7 of the runbook", default_year=None) == []


def test_one_document_writes_its_slashed_dates_one_way() -> None:
    """'19/2' can only be day first, so in the same document '8/1/26' is 8 January; a
    document with '1/14' in it reads month first, and one with both is left month first."""
    with numeric_dates_of("- 19/2 – kickoff\n- 8/1/26 – shipped"):
        assert leading_date("8/1/26 – shipped", 2026, today=TODAY)[0] == _day(2026, 1, 8)
    with numeric_dates_of("- 1/14 – kickoff\n- 8/1/26 – shipped"):
        assert leading_date("8/1/26 – shipped", 2026, today=TODAY)[0] == _day(2026, 8, 1)
    with numeric_dates_of("- 19/2 – a\n- 1/14 – b\n- 8/1/26 – c"):
        assert leading_date("8/1/26 – c", 2026, today=TODAY)[0] == _day(2026, 8, 1)
    assert leading_date("8/1/26 – shipped", 2026, today=TODAY)[0] == _day(2026, 8, 1)


def test_a_log_in_numeric_dates_is_dated_item_by_item() -> None:
    doc = parse_brag_doc(
        "# Notes for calibration\n\n"
        "- 1/14: shipped template preview endpoint (NOTIF-812), 3 PRs\n"
        "- 25.03 – demoed template preview at team demo day\n"
        "- 7/15–7/26 – vacation\n"
        "- 10/14 – asked Priya for feedback on my promo case\n", today=TODAY)
    dated = {e.title: e.date for e in doc.entries}
    assert dated == {
        "shipped template preview endpoint (NOTIF-812), 3 PRs": _day(2025, 1, 14),
        "demoed template preview at team demo day": _day(2025, 3, 25),
        "asked Priya for feedback on my promo case": _day(2025, 10, 14),
    }


def test_a_date_after_the_day_of_writing_is_last_years() -> None:
    doc = parse_brag_doc("- 12/16 – on-call week, 5 pages\n", today=date(2026, 1, 20))
    [entry] = doc.entries
    assert entry.date == _day(2025, 12, 16)


def test_a_line_or_heading_that_is_only_a_numeric_day_dates_what_follows() -> None:
    doc = parse_brag_doc("Work log, 2026\n\nFeb 16–20\n- agreed the rollout plan\n\n2/23\n"
                         "- Leon presented the results at eng review\n\n## 3/09\n\n"
                         "- proved the ordering bug with a replay harness\n",
                         today=date(2026, 6, 1))
    dated = {e.title: e.date for e in doc.entries}
    assert dated["Leon presented the results at eng review"] == _day(2026, 2, 23)
    assert dated["proved the ordering bug with a replay harness"] == _day(2026, 3, 9)
