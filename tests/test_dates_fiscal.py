"""A fiscal year spelled out as the months it means is those months: "FY25 (Apr 2024 – Mar
2025)" is April 2024 to March 2025, not the calendar year 2025, in a line of prose, in the
period a record declares and in the dates its items are filed under."""

from __future__ import annotations

from datetime import date

import pytest

from staffpath.ledger.bragdoc.declared import declared_span
from staffpath.ledger.bragdoc.parser import parse_brag_doc
from staffpath.ledger.extract.dates import DateSpan, find_dates

TODAY = date(2025, 3, 31)
FY25 = DateSpan(date(2024, 4, 1), date(2025, 3, 31))


@pytest.mark.parametrize(("text", "said", "span"), [
    ("accomplishments, FY25 (Apr 2024 – Mar 2025)", "FY25 (Apr 2024 – Mar 2025)", FY25),
    ("Review FY2026: Jul 2025 to Jun 2026", "FY2026: Jul 2025 to Jun 2026",
     DateSpan(date(2025, 7, 1), date(2026, 6, 30))),
    ("FY25 [April 2024 - March 2025] summary", "FY25 [April 2024 - March 2025]", FY25),
])
def test_a_year_spelled_out_is_the_months_it_means(text: str, said: str, span: DateSpan
                                                   ) -> None:
    found = find_dates(text, default_year=None, heading=True, today=date(2026, 7, 1))
    assert [(text[m.start:m.end], m.span, m.precision) for m in found] == [
        (said, span, "range")]


@pytest.mark.parametrize("text", [
    "Review 2024, Jan 2025 – Mar 2025 we moved the ledger",  # two dates, not one spelled out
    "2023 and then Jan 2025 – Mar 2025",
])
def test_a_year_beside_another_range_stays_a_year(text: str) -> None:
    found = find_dates(text, default_year=None, heading=True, today=TODAY)
    assert [m.precision for m in found] == ["year", "range"]


def test_the_record_covers_the_fiscal_year_and_places_its_dates_there() -> None:
    opening = "# Renata — accomplishments, FY25 (Apr 2024 – Mar 2025)"
    assert declared_span(opening, TODAY) == FY25
    doc = parse_brag_doc(opening + """

- **Search indexing pipeline rebuild.** Designed the change-data capture indexer and led the
  four other engineers on the team through it. Live Oct 14.
- **Mentoring.** Theo and Ama, both on my team.
""", today=TODAY)
    dated = {e.title.split(".")[0].strip("*"): e for e in doc.entries}
    # October in a year that ends in March is the October before it, not one still to come.
    assert dated["Search indexing pipeline rebuild"].date == DateSpan(
        date(2024, 10, 14), date(2024, 10, 14))
    # Undated work is filed under the year the record covers: when, not how long.
    assert dated["Mentoring"].date == FY25
    assert dated["Mentoring"].filed
