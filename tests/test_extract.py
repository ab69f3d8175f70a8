"""Fact extraction from one line of brag-document prose."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from staffpath.ledger.bragdoc.parser import parse_brag_doc
from staffpath.ledger.extract.dates import DateSpan, extract_dates
from staffpath.ledger.extract.impacts import Impact, annual_money, extract_impacts
from staffpath.ledger.extract.kind import category_kind, infer_kind
from staffpath.ledger.extract.leading import leading_date
from staffpath.ledger.extract.periods import recurring, relative_period
from staffpath.ledger.extract.scope import extract_scope_words, extract_teams_count
from staffpath.ledger.extract.tags import extract_mentions, extract_tags
from staffpath.ledger.facts import extract_facts
from staffpath.vocab import EvidenceKind, Scope


def span(a: str, b: str | None = None) -> DateSpan:
    return DateSpan(date.fromisoformat(a), date.fromisoformat(b or a))


@pytest.mark.parametrize(
    ("text", "money", "currency", "period", "matched"),
    [
        ("saved $1.2M in compute", Decimal("1200000"), "USD", None, "$1.2M"),
        ("cut spend by $180k/yr", Decimal("180000"), "USD", "year", "$180k/yr"),
        ("about $180k a year", Decimal("180000"), "USD", "year", "$180k a year"),
        ("€50k/month in licences", Decimal("50000"), "EUR", "month", "€50k/month"),
        ("a £2,500 refund", Decimal("2500"), "GBP", None, "£2,500"),
        ("worth $3 million", Decimal("3000000"), "USD", None, "$3 million"),
        ("USD 40k annually", Decimal("40000"), "USD", "year", "USD 40k annually"),
        ("10k EUR per quarter", Decimal("10000"), "EUR", "quarter", "10k EUR per quarter"),
        ("$2,000/week of egress", Decimal("2000"), "USD", "week", "$2,000/week"),
    ],
)
def test_money(text: str, money: Decimal, currency: str, period: str | None,
               matched: str) -> None:
    [impact] = extract_impacts(text)
    assert (impact.money, impact.currency, impact.period, impact.text) == (
        money, currency, period, matched)
    assert impact.metric_value is None


@pytest.mark.parametrize(
    ("text", "value", "unit", "matched"),
    [
        ("checkout errors down 30%", 30.0, "%", "30%"),
        ("builds 3x faster", 3.0, "x", "3x"),
        ("builds 2.5× faster", 2.5, "x", "2.5×"),
        ("saved 12 hours/week of toil", 12.0, "hours/week", "12 hours/week"),
        ("saves 3 hours a week", 3.0, "hours/week", "3 hours a week"),
        ("shaved 40ms off login", 40.0, "ms", "40ms"),
    ],
)
def test_metrics(text: str, value: float, unit: str, matched: str) -> None:
    [impact] = extract_impacts(text)
    assert (impact.metric_value, impact.metric_unit, impact.text) == (value, unit, matched)
    assert impact.money is None


def test_from_to_keeps_baseline() -> None:
    [impact] = extract_impacts("cut p99 from 800ms to 120ms")
    assert impact.metric_value == 120.0
    assert impact.baseline == 800.0
    assert impact.metric_unit == "ms"
    assert impact.change_ratio == pytest.approx(0.15)
    assert impact.text == "from 800ms to 120ms"


def test_several_impacts_in_order() -> None:
    found = extract_impacts("saved $40k/month and cut p95 from 2s to 400ms, 3x fewer pages")
    assert [i.text for i in found] == ["$40k/month", "from 2s to 400ms", "3x"]


@pytest.mark.parametrize("text", ["0x1F flag", "a 2x2 grid", "PR #123", "version 1.2", "$PATH",
                                  "v2.3.4", "H1 goals", ""])
def test_no_false_impacts(text: str) -> None:
    assert extract_impacts(text) == []


def test_annual_money() -> None:
    def money(amount: str, period: str | None) -> Impact:
        return Impact(Decimal(amount), "USD", period, None, None, "x")

    assert annual_money(money("50000", "month")) == Decimal("600000")
    assert annual_money(money("1000", "week")) == Decimal("52000")
    assert annual_money(money("25000", "quarter")) == Decimal("100000")
    assert annual_money(money("180000", "year")) == Decimal("180000")
    assert annual_money(money("1200000", None)) is None
    assert annual_money(Impact(None, None, None, 30.0, "%", "30%")) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-12", span("2024-03-12")),
        ("2024-03", span("2024-03-01", "2024-03-31")),
        ("2024/03/12", span("2024-03-12")),
        ("March 2024", span("2024-03-01", "2024-03-31")),
        ("Mar 12, 2024", span("2024-03-12")),
        ("Mar 12", span("2023-03-12")),
        ("12 March 2024", span("2024-03-12")),
        ("the 3rd of May 2024", span("2024-05-03")),
        ("Q3 2024", span("2024-07-01", "2024-09-30")),
        ("2024 Q3", span("2024-07-01", "2024-09-30")),
        ("2024-Q3", span("2024-07-01", "2024-09-30")),
        ("H1 2025", span("2025-01-01", "2025-06-30")),
        ("2024 H2", span("2024-07-01", "2024-12-31")),
        ("Jan–Mar 2024", span("2024-01-01", "2024-03-31")),
        ("Nov-Feb 2024", span("2023-11-01", "2024-02-29")),
        ("2023-11 to 2024-02", span("2023-11-01", "2024-02-29")),
        ("Mar 4 – Mar 8, 2024", span("2024-03-04", "2024-03-08")),
        ("Dec 28 - Jan 3, 2025", span("2024-12-28", "2025-01-03")),
        ("Q3–Q4 2024", span("2024-07-01", "2024-12-31")),
        ("Week of 2024-03-04", span("2024-03-04", "2024-03-10")),
        ("shipped in Q3", span("2023-07-01", "2023-09-30")),
        ("nothing here", None),
        ("2024-02-30", None),
        ("version 1.2024", None),
        ("May I suggest", None),
        ("migrated 2024 services", None),
    ],
)
def test_extract_dates(text: str, expected: DateSpan | None) -> None:
    assert extract_dates(text, default_year=2023) == expected


def test_a_numbered_week_is_a_date_only_in_a_heading() -> None:
    assert extract_dates("Week 14", default_year=2026, heading=True) == span("2026-03-30",
                                                                            "2026-04-05")
    assert extract_dates("wk 3", default_year=2026, heading=True) == span("2026-01-12",
                                                                         "2026-01-18")
    assert extract_dates("spent week 2 on it", default_year=2026) is None
    assert extract_dates("Week 14", default_year=None, heading=True) is None


def test_heading_only_dates() -> None:
    assert extract_dates("2024", default_year=None) is None
    assert extract_dates("2024", default_year=None, heading=True) == span("2024-01-01",
                                                                          "2024-12-31")
    assert extract_dates("March", default_year=2024, heading=True) == span("2024-03-01",
                                                                          "2024-03-31")
    assert extract_dates("Mar 12", default_year=None) is None
    assert extract_dates("Q3", default_year=None) is None


@pytest.mark.parametrize(
    ("text", "expected", "rest"),
    [
        ("2024-03-12: did X", span("2024-03-12"), "did X"),
        ("**Mar 12** — did X", span("2024-03-12"), "did X"),
        ("[2024-03] did X", span("2024-03-01", "2024-03-31"), "did X"),
        ("2024-03-12 did X", span("2024-03-12"), "did X"),
        ("Tuesday, Mar 12: did X", span("2024-03-12"), "did X"),
        ("(Q2) did X", span("2024-04-01", "2024-06-30"), "did X"),
        ("March 2024 - did X", span("2024-03-01", "2024-03-31"), "did X"),
        ("Q3 planning doc", None, "Q3 planning doc"),
        ("did X on 2024-03-12", None, "did X on 2024-03-12"),
        ("3x faster builds", None, "3x faster builds"),
        # A weekly log's dates: a few days of one month, the week of a day, a week of a month.
        ("Feb 16–20: canary rollout", span("2024-02-16", "2024-02-20"), "canary rollout"),
        ("16-20 Feb 2025 shipped it", span("2025-02-16", "2025-02-20"), "shipped it"),
        ("w/o 2 Feb", span("2024-02-02", "2024-02-08"), ""),
        ("Week of March 4: did X", span("2024-03-04", "2024-03-10"), "did X"),
        ("w/c 9 Mar - did X", span("2024-03-09", "2024-03-15"), "did X"),
        ("March wk1", span("2024-03-01", "2024-03-07"), ""),
        ("Feb 20–16 nothing", span("2024-02-20"), "16 nothing"),  # not a range: read as before
        # A timestamp's time of day belongs to it: chat exports, calendars, ISO timestamps.
        ("**[2026-01-06 08:47]** new year, new fire", span("2026-01-06"), "new year, new fire"),
        ("2026-01-06T08:47 did x", span("2026-01-06"), "did x"),
        ("2026-01-06 08:47 UTC did x", span("2026-01-06"), "did x"),
        ("Jan 6, 2026 at 9:30am: did x", span("2026-01-06"), "did x"),
        ("2024-03-12 12 teams moved", span("2024-03-12"), "12 teams moved"),
    ],
)
def test_leading_date(text: str, expected: DateSpan | None, rest: str) -> None:
    assert leading_date(text, 2024) == (expected, rest)


def test_tags() -> None:
    text = ("Fixed #Perf issue #123 (see https://example.com/page#anchor and [x](http://a.b/#c))"
            " &#39; C# #ci/cd #perf #Infra-Cost")
    assert extract_tags(text) == ("perf", "ci", "infra-cost")
    assert extract_tags("# Heading") == ()


def test_mentions() -> None:
    text = "Paired with @Dana and @lee.w, cc bob@example.com; https://medium.com/@someone @dana."
    assert extract_mentions(text) == ("dana", "lee.w")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("rolled out across 7 teams", 7),
        ("now owned by 5 teams", 5),
        ("adopted by three teams", 3),
        ("unblocked 12 product teams and 2 teams in infra", 12),
        ("with 4 other teams", 4),
        ("mentored 12 team members", None),
        ("a team of 8", None),
        # Teams counted for someone else are not the author's.
        ("1:1s with all 4 engineers (EM is stretched across 2 teams, so I cover ours)", None),
        ("my manager, who runs three teams, asked me to lead it across all five teams", 5),
        # A table's or a field's list of teams; a count on the line above is not a count of
        # teams ("#: 2" above "Teams: …").
        ("Ledger v2\n#: 1\nTeams: Payments Core, Payouts, Risk, Finance Eng", 4),
        ("Payout batching\n#: 2\nTeams involved: Payouts / Treasury Ops", 2),
        ("Payout batching\n#: 2\nTeams: Payouts", None),
    ],
)
def test_teams_count(text: str, count: int | None) -> None:
    assert extract_teams_count(text) == count


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("an org-wide rollout", Scope.ORG),
        ("adopted across engineering", Scope.ORG),
        ("company-wide incident process", Scope.COMPANY),
        ("a cross-team working group", Scope.TEAMS),
        ("cross-team and then company wide", Scope.COMPANY),
        ("fixed a bug", None),
        # Counted teams: ten or more are an organisation's worth (two groups of about five).
        ("direction adopted as the base for all 34 teams' H2 plans", Scope.ORG),
        ("worked with the tech leads of the eleven teams that owned those systems", Scope.ORG),
        ("rolled out the on-call rota to all 9 product teams", Scope.TEAMS),
        ("paired with two teams on the rollout", Scope.TEAMS),
        # The company's board, not the team's.
        ("presented the plan to the board", Scope.COMPANY),
        ("introduced a WIP limit on the board, which cut cycle time", None),
        ("cleaned up the Jira board columns", None),
        # A team's own partners in design, product and marketing are not other teams.
        ("Drove cross-functional alignment on the redesign with Design and Product", None),
    ],
)
def test_scope_words(text: str, scope: Scope | None) -> None:
    assert extract_scope_words(text) == scope


@pytest.mark.parametrize(
    ("text", "sections", "kind"),
    [
        ("Weekly 1:1s with @ana", ("2024", "Mentoring"), EvidenceKind.MENTORSHIP),
        ("Helped @ana with her first design doc", ("Mentoring",), EvidenceKind.MENTORSHIP),
        ("Wrote the RFC for multi-region", ("Payments migration",), EvidenceKind.DESIGN_DOC),
        ("Cut over 40 endpoints", ("Payments migration",), EvidenceKind.MIGRATION),
        ("Wrote ADR-12 on queue choice", (), EvidenceKind.DECISION_RECORD),
        ("Led the postmortem for the outage", (), EvidenceKind.INCIDENT),
        ("Covered on-call for the holidays", (), EvidenceKind.ONCALL),
        ("Presented at KubeCon", (), EvidenceKind.TALK),
        # What the work was decides, not how it was shared.
        ("Co-wrote the engineering direction for the company, presented to the exec team", (),
         EvidenceKind.STRATEGY),
        ("Wrote the storage strategy from the last eight designs; presented it to the CTO", (),
         EvidenceKind.STRATEGY),
        ("Wrote the mobile architecture direction 2025–27", (), EvidenceKind.STRATEGY),
        ("Presented the retry change at our team demo", (), EvidenceKind.TALK),
        ("Migrated billing to Postgres", (), EvidenceKind.MIGRATION),
        # Moving a system between platforms is a migration by any name; a person moving is not.
        ("Led the move of card payments from the monolith to the payments service", (),
         EvidenceKind.MIGRATION),
        ("Moved 30 services off the old CI onto GitHub Actions", (), EvidenceKind.MIGRATION),
        ("Decommissioned the legacy search cluster", (), EvidenceKind.MIGRATION),
        ("Moved to the Payments team in March", (), EvidenceKind.OTHER),
        ("Set the company's bet on event-driven integration", (), EvidenceKind.STRATEGY),
        ("I wrote the bet behind it and took it to the board", (), EvidenceKind.STRATEGY),
        ("Paired with Eszter and Paulo on it so the knowledge isn't only mine", (),
         EvidenceKind.KNOWLEDGE_SPREAD),
        # What the work was decides before how it was passed on.
        ("Led the queue migration and handed it over to the platform team", (),
         EvidenceKind.MIGRATION),
        ("handover: desync monitoring → Netcode (Tobias owns the dashboard)", (),
         EvidenceKind.KNOWLEDGE_SPREAD),
        ("Helped Eszter write her first cross-team proposal", (), EvidenceKind.MENTORSHIP),
        ("Grew four engineers to staff over two years", (), EvidenceKind.MENTORSHIP),
        ("Buddy for new starter Femi", (), EvidenceKind.MENTORSHIP),
        ("Started a design-review apprenticeship for staff engineers", (),
         EvidenceKind.MENTORSHIP),
        ("GraphQL federation — my call, and it was wrong; wrote the retrospective", (),
         EvidenceKind.DECISION_RECORD),
        ("Changed my mind publicly: retired my own 2024 recommendation", (),
         EvidenceKind.DECISION_RECORD),
        ("Reversed my own 2024 decision to place tenants by region of signup", (),
         EvidenceKind.DECISION_RECORD),
        # Going to an event is learning, whatever the event was about.
        ("Attended the architecture summit", (), EvidenceKind.LEARNING),
        ("Interviewed 6 candidates", (), EvidenceKind.HIRING),
        ("Sped up CI by sharding", (), EvidenceKind.GLUE_WORK),
        ("Wrote the runbook for failover", (), EvidenceKind.GLUE_WORK),
        ("Launched usage-based billing", (), EvidenceKind.SHIPPED_PROJECT),
        ("Reviewed 40 PRs for the search team", (), EvidenceKind.REVIEW),
        ("Paired with Sam", (), EvidenceKind.OTHER),
        # the end of a migration: the old system switched off
        ("The last tenth: deleted the old booking tables after chasing down 4 reporting "
         "queries. The monolith's booking module is gone.", (), EvidenceKind.MIGRATION),
        ("Anything", ("Incidents",), EvidenceKind.INCIDENT),
        ("Anything", ("Design docs",), EvidenceKind.DESIGN_DOC),
        ("Anything", ("2024 self-review",), EvidenceKind.OTHER),
    ],
)
def test_infer_kind(text: str, sections: tuple[str, ...], kind: EvidenceKind) -> None:
    assert infer_kind(text, sections) is kind


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Mentoring", EvidenceKind.MENTORSHIP),
        ("Mentoring & sponsorship", EvidenceKind.MENTORSHIP),
        ("🚒 Incidents", EvidenceKind.INCIDENT),
        ("Design docs", EvidenceKind.DESIGN_DOC),
        ("Talks given", EvidenceKind.TALK),
        ("Glue work", EvidenceKind.GLUE_WORK),
        ("Checkout rewrite", None),
        ("Payments migration", None),
        ("Capacity planning", None),
    ],
)
def test_category_kind(heading: str, kind: EvidenceKind | None) -> None:
    assert category_kind(heading) == kind


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Jan 2025 – now", date(2025, 1, 1), date(2026, 11, 1)),
    ("2025-03 to present", date(2025, 3, 1), date(2026, 11, 1)),
    ("since March 2024 - ongoing", date(2024, 3, 1), date(2026, 11, 1)),
    ("Mar 2024 – Jun 2024", date(2024, 3, 1), date(2024, 6, 30)),
    # Still going since a date: the work runs to today, and a bare year is read after "since".
    ("Represent us in the standards group since 2025.", date(2025, 1, 1), date(2026, 11, 1)),
    ("On-call lead since March 2024", date(2024, 3, 1), date(2026, 11, 1)),
    ("Owner of the build since early 2023", date(2023, 1, 1), date(2026, 11, 1)),
])
def test_a_range_left_open_runs_to_today(text: str, start: date, end: date) -> None:
    span = extract_dates(text, default_year=2026, heading=True, today=date(2026, 11, 1))
    assert span == DateSpan(start, end)


def test_since_needs_a_year_and_a_today() -> None:
    assert extract_dates("fixed since the 2019 outage", default_year=2026,
                         today=date(2026, 11, 1)) is None
    assert extract_dates("since 2025", default_year=2026) is None


def test_an_open_range_is_only_read_with_a_today() -> None:
    span = extract_dates("Jan 2025 – now", default_year=2026, heading=True)
    assert span == DateSpan(date(2025, 1, 1), date(2025, 1, 31))


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Mentored two juniors in 2025–2026", date(2025, 1, 1), date(2026, 12, 31)),
    ("Interviewed ~10 candidates over 2025-26", date(2025, 1, 1), date(2026, 12, 31)),
    ("Between 2021 and 2023 I ran the platform group", date(2021, 1, 1), date(2023, 12, 31)),
])
def test_two_years_after_a_preposition_of_time_are_a_range(text: str, start: date,
                                                           end: date) -> None:
    assert extract_dates(text, default_year=2026) == DateSpan(start, end)


def test_a_plans_years_are_not_when_the_work_happened() -> None:
    assert extract_dates("Co-wrote the 2026–2028 engineering direction",
                         default_year=2026) is None


@pytest.mark.parametrize(("text", "start"), [
    ("Interviewed 11 candidates this year", date(2026, 1, 1)),
    ("Across the year I also sat on the architecture council", date(2026, 1, 1)),
    ("Over the past eighteen months I have changed how we run the network", date(2025, 5, 1)),
    ("Availability went to 99.93% over the last four quarters", date(2025, 11, 1)),
    ("In the past year I mentored three engineers", date(2025, 11, 1)),
])
def test_a_period_relative_to_the_documents_day(text: str, start: date) -> None:
    assert relative_period(text, date(2026, 10, 1)) == DateSpan(start, date(2026, 10, 1))


@pytest.mark.parametrize(("text", "today", "span"), [
    ("When I started on the sync problem last winter", date(2025, 11, 20),
     (date(2024, 12, 1), date(2025, 2, 28))),
    ("In the spring I changed a conflict rule", date(2025, 11, 20),
     (date(2025, 3, 1), date(2025, 5, 31))),
    ("Over the summer I wrote a short note", date(2025, 11, 20),
     (date(2025, 6, 1), date(2025, 8, 31))),
    ("It's been running without me since the autumn", date(2025, 11, 20),
     (date(2025, 9, 1), date(2025, 11, 20))),
    # "Last" is the latest one over; "this" the latest one begun.
    ("Shipped it last fall", date(2025, 11, 20), (date(2024, 9, 1), date(2024, 11, 30))),
    ("Shipped it last winter", date(2026, 3, 15), (date(2025, 12, 1), date(2026, 2, 28))),
    ("Started last winter; web adopted it this spring", date(2025, 9, 1),
     (date(2024, 12, 1), date(2025, 5, 31))),
])
def test_a_season_relative_to_the_documents_day(text: str, today: date,
                                                span: tuple[date, date]) -> None:
    assert relative_period(text, today) == DateSpan(*span)


@pytest.mark.parametrize("text", ["Hosted two summer interns", "Ran the Spring Sale load test"])
def test_a_season_that_names_no_time_of_the_work_dates_nothing(text: str) -> None:
    assert relative_period(text, date(2025, 11, 20)) is None


def test_last_year_alone_is_a_comparison_not_a_period() -> None:
    assert relative_period("Zero rollbacks in peak season (last year 3)", date(2026, 10, 1)) \
        is None


def test_an_undated_item_takes_the_period_its_words_give() -> None:
    doc = parse_brag_doc("# Review\n\n- Interviewed 11 candidates this year\n"
                         "- Mentored two juniors in 2025–2026\n- Fixed the build\n",
                         source="x.md", today=date(2026, 10, 1))
    spans = [e.date for e in doc.entries]
    assert spans[0] == DateSpan(date(2026, 1, 1), date(2026, 10, 1))
    # A range reaching past the document's day ends on it.
    assert spans[1] == DateSpan(date(2025, 1, 1), date(2026, 10, 1))
    assert spans[2] is None


def test_an_undated_practice_that_recurs_spans_the_documents_period() -> None:
    doc = parse_brag_doc("# Review\n\n- 2026-02-10: Shipped the importer\n"
                         "- Brief the directors every month, one page\n"
                         "- Weekly pairing slot for the team\n- Fixed the flaky build\n",
                         source="x.md", today=date(2026, 10, 1))
    spans = {e.title: e.date for e in doc.entries}
    period = DateSpan(date(2026, 2, 10), date(2026, 10, 1))
    assert spans["Brief the directors every month, one page"] == period
    assert spans["Weekly pairing slot for the team"] == period
    # Work that does not say it recurs keeps no date it was not given.
    assert spans["Fixed the flaky build"] is None


def test_without_a_dated_item_a_practice_stays_undated() -> None:
    doc = parse_brag_doc("- Brief the directors every month\n", source="x.md",
                         today=date(2026, 10, 1))
    assert doc.entries[0].date is None


@pytest.mark.parametrize(("text", "standing"), [
    ("Mentor five senior staff engineers across four orgs", True),
    ("I chair the staff promotion calibration", True),
    ("Tech lead for the backend half of the Rider App team", True),
    ("Still write code: the conformance suite every org runs", True),
    ("Mentored two engineers to senior", False),
    ("Write the payments strategy for next year", False),
    ("Reviewed twelve design documents", False),
])
def test_a_role_told_in_the_present_tense_is_a_standing_practice(text: str,
                                                                  standing: bool) -> None:
    assert recurring(text) is standing


@pytest.mark.parametrize(("text", "scope"), [
    ("Contracts rolled out to all orgs for Tier-1 datasets", Scope.COMPANY),
    ("Rolled out to every organisation", Scope.COMPANY),
    ("Adopted by all product teams", Scope.ORG),
    ("All the teams now run the same pipeline", Scope.ORG),
    # A count decides: all three teams are three teams.
    ("All three teams moved to the new queue", Scope.TEAMS),
    # The company's executives, and beyond the company: standards bodies and open standards.
    ("Board: presented twice (cells progress, queue reversal)", Scope.COMPANY),
    ("Member of the product/engineering exec staff meeting", Scope.COMPANY),
    ("Represent us in the national health-data interoperability working group", Scope.COMPANY),
    ("Maintain an open-source library for retries", None),
    # What the company as a whole chose, and the leads of its organisations.
    ("Approved as a company bet for FY25–FY27; Ines asked me to own the architecture.",
     Scope.COMPANY),
    ("Wrote down what each org had already designed for regions.", Scope.COMPANY),
    ("Nine org leads named. Set up a fortnightly leads forum.", Scope.ORG),
    # A department's leads are within the organisation the record is about, not the company.
    ("I met each department's leads separately first.", None),
])
def test_every_org_is_the_company_and_every_team_the_org(text: str, scope: Scope | None) -> None:
    assert extract_facts(text).scope is scope


@pytest.mark.parametrize("heading", ["Gaps I'm aware of", "Where I fell short", "Mistakes",
                                     "Lessons learned", "Weaknesses", "What I got wrong"])
def test_a_section_on_ones_own_misses_is_self_reflection(heading: str) -> None:
    assert category_kind(heading) is EvidenceKind.LEARNING


@pytest.mark.parametrize("text", [
    "Weak: public speaking is still hard for me; did two all-hands talks with practice",
    "I should have involved their leadership earlier; now a day a week with them",
    "I'm not good at saying no to review requests; started an office hour instead",
])
def test_naming_ones_own_weak_spot_is_self_reflection(text: str) -> None:
    assert infer_kind(text, ()) is EvidenceKind.LEARNING


@pytest.mark.parametrize(("text", "start"), [
    ("On the technical board of OpenFare from September 2024; two proposals", date(2024, 9, 1)),
    ("Sep 2024 onwards I chair the council", date(2024, 9, 1)),
])
def test_a_start_with_no_end_runs_to_today(text: str, start: date) -> None:
    span = extract_dates(text, default_year=2025, today=date(2026, 5, 1))
    assert span == DateSpan(start, date(2026, 5, 1))


def test_from_before_another_word_or_with_an_end_is_not_open() -> None:
    today = date(2026, 5, 1)
    assert extract_dates("Moved from Jenkins in September 2024", default_year=2025,
                         today=today) == DateSpan(date(2024, 9, 1), date(2024, 9, 30))
    assert extract_dates("from March 2025 to October 2025", default_year=2025,
                         today=today) == DateSpan(date(2025, 3, 1), date(2025, 10, 31))


def test_an_open_start_leading_an_item_leaves_the_item_its_words() -> None:
    span, rest = leading_date("Feb 2025 onward. Every telemetry design links the direction doc",
                              2025, today=date(2026, 3, 27))
    assert span == DateSpan(date(2025, 2, 1), date(2026, 3, 27))
    assert rest == "Every telemetry design links the direction doc"
