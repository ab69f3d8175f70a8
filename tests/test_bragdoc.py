"""Parsing brag documents written in the styles people actually use."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from staffpath.errors import InputError
from staffpath.ledger.bragdoc.document import BragDoc, ParsedEntry, read_brag_file
from staffpath.ledger.bragdoc.parser import parse_brag_doc
from staffpath.ledger.extract.dates import DateSpan
from staffpath.vocab import EvidenceKind, Scope

DATA = Path(__file__).parent / "data" / "bragdocs"
TODAY = date(2024, 6, 1)


def parse(text: str) -> BragDoc:
    return parse_brag_doc(text, source="doc.md", today=TODAY)


def fixture(name: str) -> BragDoc:
    return parse_brag_doc(read_brag_file(DATA / name), source=name, today=TODAY)


def iso(entry: ParsedEntry) -> tuple[str, str] | None:
    return (entry.date.start.isoformat(), entry.date.end.isoformat()) if entry.date else None


def summary(doc: BragDoc) -> list[tuple[int, str, tuple[str, str] | None, str, str | None]]:
    return [(e.line, e.title, iso(e), e.kind.name, e.project) for e in doc.entries]


# --------------------------------------------------------------------------- fixture documents


def test_weekly_log() -> None:
    doc = fixture("weekly.md")
    week1, week2, week3 = ("2024-03-04", "2024-03-10"), ("2024-03-11", "2024-03-17"), (
        "2024-03-18", "2024-03-24")
    assert summary(doc) == [
        (5, "Mon: paired with @dana on the retry budget for the payments client #reliability",
         ("2024-03-04", "2024-03-04"), "OTHER", None),
        (6, "Shipped the retry budget to prod; checkout errors down 30%", week1,
         "SHIPPED_PROJECT", None),
        (7, "Reviewed 3 RFCs from the search team", week1, "DESIGN_DOC", None),
        (12, "Led the incident review for the Tuesday checkout outage.", week2, "INCIDENT",
         None),
        (13, "Wrote the postmortem and got sign-off from 4 teams.", week2, "INCIDENT", None),
        (15, "presented the caching proposal at eng all-hands", ("2024-03-14", "2024-03-14"),
         "TALK", None),
        (16, "cut CI time from 22min to 9min #ci #devex", ("2024-03-15", "2024-03-15"),
         "GLUE_WORK", None),
        (22, "Interviewed 2 staff candidates (@lee shadowed)", week3, "HIRING", None),
        (23, "Mentored @sam through their first on-call week", week3, "MENTORSHIP", None),
    ]
    first, _, _, _, postmortem, _, ci, interview, _ = doc.entries
    assert first.section == ("Work log — Priya Raman", "Week of 2024-03-04")
    assert first.tags == ("reliability",)
    assert first.mentions == ("dana",)
    assert postmortem.teams_count == 4
    assert postmortem.scope_hint is Scope.TEAMS
    assert ci.details == ("moved integration tests to a sharded runner",
                          "saved roughly 12 hours/week of engineer waiting time")
    assert ci.tags == ("ci", "devex")
    assert [(i.metric_value, i.metric_unit, i.baseline) for i in ci.impacts] == [
        (9.0, "min", 22.0), (12.0, "hours/week", None)]
    assert interview.mentions == ("lee",)
    assert [(n.line, n.category, n.text) for n in doc.notes] == [
        (8, "todo", "write up the retry budget as an ADR")]
    assert doc.warnings == ()


def test_quarterly_review_with_tables() -> None:
    doc = fixture("quarterly.md")
    assert summary(doc) == [
        (7, "Launched usage-based billing", ("2024-01-20", "2024-01-20"), "SHIPPED_PROJECT",
         None),
        (8, "Migrated 14 services off the legacy queue", ("2024-02-01", "2024-02-29"),
         "MIGRATION", None),
        (9, "Wrote the RFC for multi-region failover", ("2024-01-01", "2024-03-31"),
         "DESIGN_DOC", None),
        (15, "Ran the org's first game day", ("2024-04-03", "2024-04-03"), "INCIDENT", None),
        (16, "Cut p99 checkout latency from 800ms to 120ms", ("2024-05-01", "2024-05-31"),
         "OTHER", None),
    ]
    billing, queue, rfc, _, latency = doc.entries
    assert billing.details == ("$1.2M ARR in first quarter", "Team: Billing")
    assert billing.tags == ("billing", "launch")
    assert [(i.money, i.currency) for i in billing.impacts] == [(Decimal("1200000"), "USD")]
    assert queue.teams_count == 5
    assert queue.scope_hint is Scope.TEAMS
    assert rfc.scope_hint is Scope.ORG
    assert [(i.metric_value, i.metric_unit) for i in latency.impacts] == [(120.0, "ms"),
                                                                         (3.0, "x")]
    assert [(n.line, n.category, n.section[-1], n.text) for n in doc.notes] == [
        (22, "goal", "Goals for H2",
         "Lead the data-retention design\nStaff-scope cross-org work")]


def test_project_by_project_with_nested_bullets() -> None:
    doc = fixture("projects.md")
    q1 = ("2024-01-01", "2024-03-31")
    assert summary(doc) == [
        (7, "Wrote the design doc and ran the review with 6 teams", q1, "DESIGN_DOC",
         "Checkout rewrite"),
        (8, "Led the migration of 40 endpoints", q1, "MIGRATION", "Checkout rewrite"),
        # the month it names, within the project's dates (a bare month in prose after "in")
        (13, "Shipped to 100% of traffic in March", ("2024-03-01", "2024-03-31"),
         "SHIPPED_PROJECT", "Checkout rewrite"),
        (19, "Built the offline evaluation harness used across engineering", q1, "OTHER",
         "Search relevance"),
        (20, "Coached two seniors to run experiments independently", q1, "MENTORSHIP",
         "Search relevance"),
        # A weekly practice went on through the document's period: its first dated item to
        # the day it was written.
        (24, "Weekly 1:1s with @ana and @ben", ("2024-01-01", "2024-06-01"), "MENTORSHIP",
         None),
        (25, "Helped @ana prepare her first design doc", None, "MENTORSHIP", None),
        (29, "Incident commander for the March 12, 2024 payments outage",
         ("2024-03-12", "2024-03-12"), "INCIDENT", None),
    ]
    design, migration, shipped, harness, *_ = doc.entries
    assert design.section == ("Brag document", "Checkout rewrite (Jan–Mar 2024)")
    assert design.teams_count == 6
    assert migration.details == (
        "coordinated the cutover plan with SRE", "rollback drill every Friday",
        "zero customer-facing downtime", "cut infra cost by $180k/yr")
    assert [(i.money, i.period) for i in migration.impacts] == [(Decimal("180000"), "year")]
    assert shipped.details == ("Follow-up paragraph: the team now owns it without me.",)
    assert harness.section[-1] == "Search relevance"
    assert harness.scope_hint is Scope.ORG
    assert doc.notes == ()


def test_messy_document() -> None:
    doc = fixture("messy.md")
    march = ("2024-03-01", "2024-03-31")  # the year comes from the front matter
    assert summary(doc) == [
        (17, "Shipped the new onboarding flow #growth", march, "SHIPPED_PROJECT", None),
        (20, "Fixed the flaky deploy job (see deploy.yml)", march, "GLUE_WORK", None),
    ]
    assert [(n.line, n.category, n.text) for n in doc.notes] == [
        (18, "todo", "Ask @maria for feedback on the rollout"),
        (32, "learning", "Rust"),
        (33, "learning", "Distributed tracing internals"),
        (37, "goal", "Become the go-to person for payments reliability"),
        (41, "other", "A shared load-testing service"),
    ]
    assert doc.warnings == ()


# --------------------------------------------------------------------------- structure


def test_period_headings_nest_and_give_dates() -> None:
    doc = parse("## 2024\n\n### Q3\n\n- Rolled out feature flags\n\n### March\n\n- Did a thing\n"
                "\n## H1 2025\n\n- Planned capacity\n")
    assert [(e.section, iso(e)) for e in doc.entries] == [
        (("2024", "Q3"), ("2024-07-01", "2024-09-30")),
        (("2024", "March"), ("2024-03-01", "2024-03-31")),
        (("H1 2025",), ("2025-01-01", "2025-06-30")),
    ]
    assert all(e.project is None for e in doc.entries)


def test_item_date_beats_heading_date_and_uses_heading_year() -> None:
    doc = parse("## 2023\n\n- Mar 12: fixed the build\n- **Apr 2** — wrote the ADR\n"
                "- 2024-01-05 paged in\n- Gave a talk on May 3\n")
    assert [(e.title, iso(e)) for e in doc.entries] == [
        ("fixed the build", ("2023-03-12", "2023-03-12")),
        ("wrote the ADR", ("2023-04-02", "2023-04-02")),
        ("paged in", ("2024-01-05", "2024-01-05")),
        ("Gave a talk on May 3", ("2023-05-03", "2023-05-03")),
    ]


def test_weekday_prefix_inside_a_week() -> None:
    doc = parse("## Week of 2024-03-06\n\n- Tue: fixed A\n- Wednesday — fixed B\n"
                "- Tuesday fixed C\n\n## March 2024\n\n- Mon: fixed D\n")
    assert [iso(e) for e in doc.entries] == [
        ("2024-03-12", "2024-03-12"), ("2024-03-06", "2024-03-06"),
        ("2024-03-06", "2024-03-12"), ("2024-03-01", "2024-03-31")]


def test_yearless_dates_without_context_use_today() -> None:
    [entry] = parse("- Mar 12: fixed the build\n").entries
    assert entry.date == DateSpan(date(2024, 3, 12), date(2024, 3, 12))


def test_setext_headings() -> None:
    doc = parse("Payments\n========\n\nQ2 2024\n-------\n\n- Shipped refunds v2\n")
    [entry] = doc.entries
    assert entry.section == ("Payments", "Q2 2024")
    assert entry.line == 7
    assert entry.project is None  # a lone level-1 heading is the document's title
    assert iso(entry) == ("2024-04-01", "2024-06-30")


def test_project_heading_with_dates() -> None:
    doc = parse("# Notes\n\n## One\n\n### Ledger v2 (Jan–Mar 2024)\n\n- Built it\n")
    [entry] = doc.entries
    assert entry.project == "Ledger v2"
    assert iso(entry) == ("2024-01-01", "2024-03-31")


def test_first_h1_is_a_project_when_several() -> None:
    doc = parse("# Search\n\n- Tuned ranking\n\n# Billing\n\n- Fixed invoices\n")
    assert [e.project for e in doc.entries] == ["Search", "Billing"]


def test_bullets_numbers_and_tasks() -> None:
    doc = parse("- dash\n* star\n+ plus\n1. one\n2) two\n- [x] done task\n- [X] done too\n"
                "- [ ] open task\n")
    assert [e.title for e in doc.entries] == ["dash", "star", "plus", "one", "two",
                                              "done task", "done too"]
    assert [(n.category, n.text, n.line) for n in doc.notes] == [("todo", "open task", 8)]


def test_nested_unchecked_task_is_a_note_not_a_detail() -> None:
    doc = parse("- Shipped search v2\n  - [x] ranking\n  - [ ] write blog post\n    - draft\n")
    [entry] = doc.entries
    assert entry.details == ("ranking",)
    assert [(n.line, n.text) for n in doc.notes] == [(3, "write blog post\ndraft")]


def test_deeply_nested_and_tab_indented_lists() -> None:
    deep = "".join("  " * i + f"- level {i}\n" for i in range(40))
    [entry] = parse(deep).entries
    assert entry.title == "level 0"
    assert entry.details == tuple(f"level {i}" for i in range(1, 40))
    tabbed = parse("- Led the rollout\n\t- staged by region\n\t\t- EU first\n")
    assert tabbed.entries[0].details == ("staged by region", "EU first")


def test_continuation_paragraphs_and_lazy_lines() -> None:
    doc = parse("- Rewrote the scheduler\n  so it scales\n\n  It now handles 10x the load.\n\n"
                "  ```\n  code\n  ```\n- Next one\n")
    first, second = doc.entries
    assert first.title == "Rewrote the scheduler so it scales"
    assert first.details == ("It now handles 10x the load.",)
    assert [i.metric_value for i in first.impacts] == [10.0]
    assert second.line == 9


def test_inline_markup_is_stripped() -> None:
    [entry] = parse("- **Shipped** the [new API](https://x.io/#v2) with `grpc` and _care_ "
                    "![badge](b.png)\n").entries
    assert entry.title == "Shipped the new API with grpc and care badge"
    assert entry.tags == ()


def test_date_only_bullet_groups_its_children() -> None:
    doc = parse("## March 2024\n\n- **Mon 2024-03-04**\n  - fixed the flaky test\n"
                "  - reviewed the ADR\n- 2024-03-05\n  - paired on search\n")
    assert [(e.line, e.title, iso(e)) for e in doc.entries] == [
        (4, "fixed the flaky test", ("2024-03-04", "2024-03-04")),
        (5, "reviewed the ADR", ("2024-03-04", "2024-03-04")),
        (7, "paired on search", ("2024-03-05", "2024-03-05")),
    ]


def test_paragraph_entries_need_a_past_tense_verb() -> None:
    doc = parse("## Q1 2024\n\nThis quarter was mostly about reliability.\n\n"
                "Shipped the new alerting stack.\nRan two game days.\n\n"
                "Led the payments outage review, which\nwrapped a week later.\n\n"
                "2024-02-02: Wrote the on-call handbook\n")
    assert [(e.line, e.title) for e in doc.entries] == [
        (5, "Shipped the new alerting stack."),
        (6, "Ran two game days."),
        (8, "Led the payments outage review, which wrapped a week later."),
        (11, "Wrote the on-call handbook"),
    ]
    assert iso(doc.entries[-1]) == ("2024-02-02", "2024-02-02")


def test_a_standing_role_in_the_present_tense_is_work_and_spans_the_period() -> None:
    # Phrased after the corpus's prose reviews: a paragraph that tells a role the author holds
    # ("I mentor …", "I sit on …") reports work as much as one in the past tense does.
    doc = parse("# Year in review\n\nThis covers July 2023 to now.\n\n"
                "In August 2023 I wrote the storage plan that four teams now build on.\n\n"
                "On people: I mentor three senior engineers who want the staff track, two of "
                "them outside my group, and I sit on the promotion committee.\n\n"
                "Next year I want to spend more time on the data platform and its roadmap.\n")
    assert [e.title[:30] for e in doc.entries] == [
        "In August 2023 I wrote the sto", "On people: I mentor three seni"]
    # Held through the period the document says it covers: July 2023 to its day.
    assert iso(doc.entries[1]) == ("2023-07-01", TODAY.isoformat())
    assert doc.entries[1].kind is EvidenceKind.MENTORSHIP


def test_an_account_runs_to_the_last_past_date_it_gives_for_the_work() -> None:
    doc = parse("## Projects\n\n"
                "- The cost programme. In Q3 2023 the bill grew 40% a year; I wrote the "
                "diagnosis and worked with eleven teams. By March 2024 we had cut $2.1M a year.\n"
                "- Wrote the rollout plan in January 2024; the last region moves in Q4 2024.\n")
    programme, plan = doc.entries
    # Q3 2023 to the end of March 2024: the outcome's date closes the effort.
    assert iso(programme) == ("2023-07-01", "2024-03-31")
    # A date still ahead (after the document's day) is a plan, not when the work was done.
    assert iso(plan) == ("2024-01-01", "2024-01-31")


def test_bold_and_label_paragraphs_act_as_subheadings() -> None:
    doc = parse("## 2024\n\n**Week of March 4**\n\n- Fixed A\n\nMentoring:\n\n- Paired with @ana\n"
                "\n## 2025\n\n- Fixed B\n")
    assert [(e.section, iso(e), e.kind.name) for e in doc.entries] == [
        (("2024", "Week of March 4"), ("2024-03-04", "2024-03-10"), "OTHER"),
        (("2024", "Mentoring"), ("2024-01-01", "2024-12-31"), "MENTORSHIP"),
        (("2025",), ("2025-01-01", "2025-12-31"), "OTHER"),
    ]


def test_notes_sections() -> None:
    doc = parse("## Goals for 2025\n\n- Lead a cross-org design\n\nSome context.\n\n"
                "## Learning goals\n\n- Rust\n\n## To do\n\n- [x] book the offsite\n\n"
                "## Questions\n\n- Is staff the right next step?\n\n## Notes to self\n\n"
                "1. breathe\n\n## Wishlist\n\n| Item |\n| --- |\n| A new laptop |\n\n"
                "## Wins\n\n- Shipped it\n")
    assert [(n.category, n.text) for n in doc.notes] == [
        ("goal", "Lead a cross-org design"), ("goal", "Some context."),
        ("learning", "Rust"), ("todo", "book the offsite"),
        ("other", "Is staff the right next step?"), ("other", "breathe"),
        ("other", "A new laptop"),
    ]
    assert [e.title for e in doc.entries] == ["Shipped it"]


def test_table_columns() -> None:
    doc = parse("## 2024\n\n| Project | When | What I did | Result | Link | Labels |\n"
                "|---|---|---|---|---|---|\n"
                "| Ledger | Q2 | Designed the schema | Saved $50k/month | go/ledger | #db, perf |\n"
                "| | | | | | |\n"
                "| Search | | 2024-09-01: Tuned ranking | | | |\n")
    first, second = doc.entries
    assert (first.line, first.title, first.project, iso(first)) == (
        5, "Designed the schema", "Ledger", ("2024-04-01", "2024-06-30"))
    assert first.details == ("Saved $50k/month", "Link: go/ledger")
    assert first.tags == ("db", "perf")
    assert [(i.money, i.period) for i in first.impacts] == [(Decimal("50000"), "month")]
    assert (second.line, second.title, iso(second)) == (7, "Tuned ranking",
                                                         ("2024-09-01", "2024-09-01"))


def test_table_without_title_column_uses_first_free_column() -> None:
    doc = parse("| Date | Thing done | Impact |\n|--|--|--|\n| 2024-01-02 | Wrote docs | 2x |\n")
    [entry] = doc.entries
    assert (entry.title, entry.details, iso(entry)) == ("Wrote docs", ("2x",),
                                                        ("2024-01-02", "2024-01-02"))


def test_odd_structure_warns() -> None:
    doc = parse("<div>\nraw html\n</div>\n\n| Date | Impact |\n|--|--|\n| 2024 | 2x |\n\n"
                "- Item\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n\n##\n")
    assert doc.warnings == (
        "doc.md:1: HTML block skipped",
        "doc.md:5: table has no column for what was done; skipped",
        "doc.md:11: table inside a list item skipped",
        "doc.md:15: empty heading ignored",
    )
    assert [e.title for e in doc.entries] == ["Item"]


def test_ignored_blocks() -> None:
    doc = parse("---\nyear: 2023\n---\n<!--\n- hidden\n\n- still hidden\n-->\n\n```\n- code\n```\n"
                "\n    - indented code\n\n---\n\n-\n- \n*\n\n- Kept\n")
    assert [(e.line, e.title) for e in doc.entries] == [(22, "Kept")]
    assert doc.notes == ()


def test_crlf_bom_and_cr() -> None:
    text = "\ufeff## 2024\r\n\r\n- Shipped A\r\n- Shipped B\r\n"
    doc = parse(text)
    assert [(e.line, e.title) for e in doc.entries] == [(3, "Shipped A"), (4, "Shipped B")]
    assert parse(text.replace("\r\n", "\n").lstrip("\ufeff")).entries == doc.entries


def test_keys_are_content_keys() -> None:
    a = parse("## 2024\n\n- Shipped A\n  - detail\n- Shipped B\n")
    b = parse("# Title\n\n## 2024\n\n- Inserted\n- Shipped A\n  - detail\n- Shipped B\n")
    c = parse("## 2024\n\n- Shipped A\n  - other detail\n- Shipped B\n")
    d = parse("## 2025\n\n- Shipped A\n  - detail\n- Shipped B\n")
    assert a.entries[0].key != b.entries[1].key  # the section path is part of the key
    assert a.entries[1].key == parse("## 2024\n\n- Shipped A\n  - detail\n\n\n\n- Shipped B\n"
                                     ).entries[1].key
    assert a.entries[0].key != c.entries[0].key
    assert a.entries[1].key == c.entries[1].key
    assert a.entries[0].key != d.entries[0].key


def test_duplicate_items_get_distinct_keys() -> None:
    doc = parse("- Reviewed PRs\n- Reviewed PRs\n")
    assert len({e.key for e in doc.entries}) == 2


def test_date_prefix_change_changes_key() -> None:
    a = parse("- 2024-03-12: fixed it\n").entries[0]
    b = parse("- 2024-03-13: fixed it\n").entries[0]
    assert a.title == b.title
    assert a.key != b.key


def test_feedback_quotes_are_entries() -> None:
    doc = parse("## Kudos\n\n> Made the migration painless — @vp\n\n"
                "> A second quote\n> over two lines\n")
    assert [(e.title, e.kind) for e in doc.entries] == [
        ("Made the migration painless — @vp", EvidenceKind.FEEDBACK),
        ("A second quote over two lines", EvidenceKind.FEEDBACK),
    ]


def test_notes_label_paragraph() -> None:
    doc = parse("# Aisha\n\n- Fixed rounding\n\nThings to learn: reading traces.\n")
    assert [(n.category, n.text) for n in doc.notes] == [
        ("learning", "Things to learn: reading traces.")]


# --------------------------------------------------------------------------- reading files


def test_read_brag_file_ok(tmp_path: Path) -> None:
    path = tmp_path / "brag.md"
    path.write_bytes(b"\xef\xbb\xbf- Shipped\r\n")
    assert read_brag_file(path) == "- Shipped\r\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"  \n\n", "file is empty"),
        (b"- ok\n- \x00\x01", "binary file (NUL byte at offset 7)"),
        (b"- ok\n- caf\xe9\n", "not UTF-8: invalid byte 0xe9 at line 2 (byte offset 10)"),
    ],
)
def test_read_brag_file_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "brag.md"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_brag_file(path)
    assert message in str(info.value)
    assert info.value.path == str(path)


def test_read_brag_file_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found") as missing:
        read_brag_file(tmp_path / "nope.md")
    assert missing.value.path == str(tmp_path / "nope.md")
    with pytest.raises(InputError, match="is a directory"):
        read_brag_file(tmp_path)


@pytest.mark.parametrize(("heading", "project"), [
    ("Payment gateway (Jan 2025 – now, lead)", "Payment gateway (lead)"),
    ("Billing (2025-01 to 2025-06, with Payments)", "Billing (with Payments)"),
    ("Cart — Q1 2026 (lead)", "Cart (lead)"),
    ("(Jan 2026) Checkout v2", "Checkout v2"),
    ("Search revamp (March 2026 – present)", "Search revamp"),
    ("Migration to Postgres (v2, 2025)", "Migration to Postgres (v2)"),
])
def test_project_names_keep_no_leftovers_of_their_dates(heading: str, project: str) -> None:
    doc = parse_brag_doc(f"# 2026\n## {heading}\n- Shipped it\n", today=date(2026, 11, 1))
    assert [e.project for e in doc.entries] == [project]


def test_work_still_going_runs_to_the_documents_today() -> None:
    doc = parse_brag_doc("# 2026\n## Payment gateway (Jan 2025 – now, lead)\n- Shipped it\n"
                         "## On-call\n- 2025-03 to present: ran the Payments rotation\n",
                         today=date(2026, 11, 1))
    assert [(e.date.start, e.date.end) if e.date else None for e in doc.entries] == [
        (date(2025, 1, 1), date(2026, 11, 1)), (date(2025, 3, 1), date(2026, 11, 1))]
    assert doc.entries[1].title == "ran the Payments rotation"


def test_a_date_the_words_mention_after_the_heading_period_is_a_plan_not_when() -> None:
    doc = parse("# Log\n\n## Q3 2023\n"
                "- Identity core: rebuilt the plan and told the board it lands Q1 2024\n"
                "- Sev1 on 2023-08-19: ran the incident and wrote the review\n")
    first, second = doc.entries
    assert first.date is not None
    assert (first.date.start, first.date.end) == (
        date(2023, 7, 1), date(2023, 9, 30))
    assert second.date is not None
    assert second.date.start == date(2023, 8, 19)


def test_an_effort_the_words_say_ran_for_months_spans_them() -> None:
    doc = parse("# Log\n\n## Q3 2023\n"
                "- Landed the authorization rollout through the team leads over 14 months\n"
                "- Fixed the flaky checkout test\n")
    long, short = doc.entries
    assert long.date is not None
    assert (long.date.start, long.date.end) == (date(2022, 8, 1), date(2023, 9, 30))
    assert short.date is not None
    assert short.date.start == date(2023, 7, 1)


def test_a_range_of_years_closed_by_a_colon_dates_the_item() -> None:
    doc = parse("# Brag doc\n\n## Background\n"
                "- **2019 – 2022: Co-founder & CTO, Parcelo** (delivery start-up)\n"
                "- 2021 services were moved to the new cluster\n")
    old, words = doc.entries
    assert old.title == "Co-founder & CTO, Parcelo (delivery start-up)"
    assert old.date is not None
    assert (old.date.start, old.date.end) == (date(2019, 1, 1), date(2022, 12, 31))
    assert words.date is None  # a year without the colon is part of the words


def test_a_log_of_dated_lines_is_an_item_a_line() -> None:
    doc = parse("raw notes from the calendar\n\n---\n"
                "2023-09-08  noticed five design docs inventing their own event format\n"
                "2023-09-26  drafted the events direction, four pages\n"
                "2023-10-14  architecture review approved it with changes\n")
    assert [e.title[:20] for e in doc.entries] == [
        "noticed five design ", "drafted the events d", "architecture review "]
    assert [e.date.start for e in doc.entries if e.date] == [
        date(2023, 9, 8), date(2023, 9, 26), date(2023, 10, 14)]


def test_the_documents_title_does_not_decide_the_kind_of_its_items() -> None:
    """"Monthly notes — Olu, Developer Experience" names the author's team; a delivery under it
    is a delivery, while a heading that is a category still classifies its items."""
    doc = parse_brag_doc("# Monthly notes — Olu, Senior Engineer, Developer Experience\n\n"
                         "## March 2026\n- Rolled test selection to all 14 teams\n\n"
                         "## Developer experience\n- Cleaned up the local setup guide\n",
                         source="x.md", today=date(2026, 4, 1))
    kinds = {e.title: e.kind for e in doc.entries}
    assert kinds["Rolled test selection to all 14 teams"] is not EvidenceKind.GLUE_WORK
    assert kinds["Cleaned up the local setup guide"] is EvidenceKind.GLUE_WORK


def test_a_titles_label_can_name_the_kind_of_everything_under_it() -> None:
    """"Ben Castillo — shipped": the title's label is a category, so an item that says nothing
    of its kind is shipped work."""
    doc = parse_brag_doc("# Ben Castillo — shipped\n\n- 2026-02-07 Packing slip redesign\n",
                         source="x.md", today=date(2026, 4, 1))
    assert doc.entries[0].kind is EvidenceKind.SHIPPED_PROJECT


def test_an_undated_effort_with_a_stated_length_ran_up_to_the_documents_day() -> None:
    from datetime import date

    from staffpath.ledger.bragdoc.parser import parse_brag_doc

    doc = parse_brag_doc("# Notes\n\n- Grew four engineers to staff over two years.\n"
                         "- Reviewed design docs for the platform group.\n",
                         source="x.md", today=date(2026, 11, 30))
    grew, reviewed = doc.entries
    assert grew.date is not None
    assert (grew.date.start, grew.date.end) == (date(2024, 12, 1), date(2026, 11, 30))
    assert reviewed.date is None  # no date and no length: nothing to go on


def test_a_project_told_in_labelled_lines_is_one_dated_item() -> None:
    from datetime import date

    from staffpath.ledger.bragdoc.parser import parse_brag_doc

    text = """# Projects

## Cell-based authorisation platform
**Timeline:** Jun 2024 → Sep 2026 (last two cells migrating now)
**Role:** Wrote the bet memo that committed us to cells. Chaired the cross-org steering group.
**Impact:** Availability went from 99.95% to 99.993% over the last 12 months.

## Staff+ programme
**Timeline:** Mar 2025 → ongoing
**Role:** Founded it with the VP Engineering.
"""
    doc = parse_brag_doc(text, source="p.md", today=date(2026, 10, 28))
    cells, programme = doc.entries
    assert cells.title.startswith("Wrote the bet memo")
    assert cells.details == ("Impact: Availability went from 99.95% to 99.993% over the last "
                             "12 months.",)
    assert cells.date is not None
    assert (cells.date.start, cells.date.end) == (date(2024, 6, 1), date(2026, 9, 30))
    assert cells.project == "Cell-based authorisation platform"
    assert programme.date is not None
    assert programme.date.end == date(2026, 10, 28)  # "ongoing" runs to the document's day


def test_a_journal_day_is_an_item_dated_by_its_date_line() -> None:
    from datetime import date

    from staffpath.ledger.bragdoc.parser import parse_brag_doc

    text = """# Journal

**Tue 29 Jul 2025**
Spent the whole day listing every place we translate HL7v2. Wrote that down in a doc.

**Thu 2 Apr 2026**
Elena asked whether I want to go for senior staff next year. I don't know.
"""
    doc = parse_brag_doc(text, source="j.md", today=date(2026, 4, 10))
    assert [e.title[:16] for e in doc.entries] == ["Spent the whole "]
    day = doc.entries[0].date
    assert day is not None
    assert (day.start, day.end) == (date(2025, 7, 29), date(2025, 7, 29))


def test_a_journal_day_told_with_a_contraction_or_an_irregular_verb_is_work() -> None:
    """"whom I'd put forward", "I only heard about it afterwards", "Went to …": work told in
    the past tense, however the verb is formed; a day that only muses is still not an item."""
    from datetime import date

    from staffpath.ledger.bragdoc.parser import parse_brag_doc

    text = """# Journal

**Mon 22 Sep 2025**
Back from leave. The integration review ran twice without me, chaired by Hui Min, whom I'd put
forward for it in August.

**Thu 15 Jan 2026**
Hui Min is now mentoring two Lab engineers. One of them caught a unit bug. I only heard about it
afterwards, which is the point.

**Thu 2 Apr 2026**
Elena asked whether I want to go for senior staff next year. I don't know.
"""
    doc = parse_brag_doc(text, source="j.md", today=date(2026, 4, 10))
    assert [e.title[:14] for e in doc.entries] == ["Back from leav", "Hui Min is now"]
    assert [e.date.start for e in doc.entries if e.date] == [date(2025, 9, 22), date(2026, 1, 15)]


def test_a_line_that_is_only_a_date_dates_the_list_below_it() -> None:
    """A weekly log written as a date line over a list: each bullet happened that week, not
    at any time in the year the document covers."""
    from datetime import date

    from staffpath.ledger.bragdoc.parser import parse_brag_doc

    text = """work log, B. Nowicki, 2026

w/o 2 Feb
- took "render OOMs" off the eng leads' list. 3 teams touch it
- heap dumps from 4 prod pods

Feb 16–20
- agreed: patch + canary. Templates owns the rollout

March wk1
- search index drift: ~0.2% of envelopes can't be found
"""
    doc = parse_brag_doc(text, source="log.md", today=date(2026, 10, 1))
    spans = [(e.title[:12], e.date.start, e.date.end) for e in doc.entries if e.date]
    assert spans == [
        ('took "render', date(2026, 2, 2), date(2026, 2, 8)),
        ("heap dumps f", date(2026, 2, 2), date(2026, 2, 8)),
        ("agreed: patc", date(2026, 2, 16), date(2026, 2, 20)),
        ("search index", date(2026, 3, 1), date(2026, 3, 7)),
    ]


def test_the_people_who_can_speak_for_the_work_are_notes_not_items() -> None:
    from datetime import date

    from staffpath.ledger.bragdoc.parser import parse_brag_doc

    text = """# Promotion case

## Platform strategy (Feb 2025 – Jun 2026)

I wrote Platform Engineering's technical strategy for 2025–27 and revised it twice.

## Advocates

- **Colm Radford**, Head of Platform Engineering (manager): the overall case.
- **Sunita Rao**, Director, Technology Risk: the control mapping and the audit outcome.
"""
    doc = parse_brag_doc(text, source="p.md", today=date(2026, 9, 30))
    assert [e.title[:9] for e in doc.entries] == ["I wrote P"]
    assert [(n.category, n.text[:13]) for n in doc.notes] == [
        ("advocates", "Colm Radford,"), ("advocates", "Sunita Rao, D")]


def test_a_forms_gaps_and_advocates_questions_head_reflection_and_notes() -> None:
    text = """# Promo prep: questions from Lucía, my answers

**Q: What was your biggest project this year?**

I led the matchmaking rewrite with three other engineers from our team, Nov 2024 to April 2025.

**Q: Which teams and leaders would advocate for your work?**

Our EM and our director, for the rewrite. I don't think either would say I led something for
them.

**Q: What are your gaps?**

I lose non-technical readers in the first paragraph; I asked Sunita to read my next two
briefings for the risk committee before they go.
"""
    doc = parse_brag_doc(text, source="q.md", today=date(2025, 9, 1))
    assert [(e.title[:12], e.kind) for e in doc.entries] == [
        ("I led the ma", EvidenceKind.OTHER), ("I lose non-t", EvidenceKind.LEARNING)]
    assert [(n.category, n.text[:13]) for n in doc.notes] == [("advocates", "Our EM and ou")]


def test_the_stakeholders_who_will_speak_for_the_work_are_advocates_not_work() -> None:
    doc = parse_brag_doc("""# Achievements (for Senior Staff)

### Batch scheduler exit
- Led the exit from the old scheduler with the leads of 14 teams.

### Stakeholders who will speak for this work
- Head of Treasury Technology; Scheduling Platform engineering manager.
""", source="s.md", today=date(2025, 12, 1))
    assert [e.title[:20] for e in doc.entries] == ["Led the exit from th"]
    assert [n.category for n in doc.notes] == ["advocates"]


def test_a_one_to_one_docs_agenda_asks_and_actions_for_others_are_notes() -> None:
    doc = parse_brag_doc("""# 1:1s — Lena / Imogen

## 2025-04-28
- DC exit kickoff: 22 services, 8 teams, hard deadline Dec 2025. Set up the weekly review.
- ask: a TPM for the programme
- → Imogen to share the numbers with Finance

## 2025-08-04
- FYI out 11–29 Aug
- concern: I'm in 31 recurring meetings
- agenda: what's next for me
""", source="1on1.md", today=date(2025, 9, 1))
    assert [e.title[:14] for e in doc.entries] == ["DC exit kickof"]
    assert len(doc.notes) == 5


def test_a_list_item_labelled_as_a_plan_or_a_next_step_is_a_note() -> None:
    doc = parse_brag_doc("""# 2025

## What I learned / what is next
- Learned that I fix things myself instead of giving them away.
- Plan for 2026: propose to lead the checkout split across Checkout and Payments.
- Next: images pipeline rebuild.
""", source="p.md", today=date(2026, 1, 12))
    assert [e.title[:20] for e in doc.entries] == ["Learned that I fix t"]
    assert [n.category for n in doc.notes] == ["goal", "todo"]


def test_a_spreadsheet_pasted_between_fences_is_a_table_and_other_code_is_no_work() -> None:
    doc = parse_brag_doc("""Pasting my tracking sheet (the "wins" tab).

```
date,type,item,teams,impact
2025-02-04,design,"Wrote the event envelope standard v1",DataPlat,
2025-03-20,decision,"Envelope v1 accepted by the 5 team leads",6 teams,
2025-10-14,money,"Cancelled the managed-queue vendor contract",DataPlat,$380k/yr
```

```python
def retry(): ...
```
""", source="sheet.md", today=date(2025, 12, 1))
    assert [(e.date.start if e.date else None, e.title[:24]) for e in doc.entries] == [
        (date(2025, 2, 4), "Wrote the event envelope"),
        (date(2025, 3, 20), "Envelope v1 accepted by "),
        (date(2025, 10, 14), "Cancelled the managed-qu")]


def test_an_aside_in_italics_is_a_note_that_still_says_the_period_not_a_heading() -> None:
    """"*Private notes … written at the start of December …*" is no heading that dates the
    work below it December, and no work; the period it states still frames the record."""
    doc = parse_brag_doc("""# 2025, looking back

*Private notes. Written over a couple of evenings at the start of December; I'll hand a
cleaned-up version to Teodor (CTO) for the annual review.*

In April 2025 I changed the replication plan after the first three groups' numbers came in.

Most of my year went on making the architecture review work without me; I set up a rotating
panel of twelve senior staff engineers.
""", source="y.md", today=date(2025, 12, 5))
    assert len(doc.entries) == 2
    assert [n.category for n in doc.notes] == ["other"]
    april = doc.entries[0].date
    assert april is not None
    assert april.start == date(2025, 4, 1)
    assert all(e.date is None or e.date.start.month != 12 for e in doc.entries)


def test_a_wiki_pages_properties_and_its_paragraph_are_one_item() -> None:
    text = """# Brag Doc FY2025

## Led the React 18 migration

Type: Tech debt
Impact: High
When: April 2025

Upgraded our app from React 17 to React 18 and fixed the 23 type errors it raised.

## On-call

Type: Ops
When: ongoing

Took 4 on-call weeks and handled 6 pages.

## Design review guild

Type: Community
When: May 2025
"""
    doc = parse_brag_doc(text, source="n.md", today=date(2025, 12, 1))
    assert [(e.title[:22], e.details, e.kind) for e in doc.entries] == [
        ("Upgraded our app from ", ("Type: Tech debt", "Impact: High"), EvidenceKind.MIGRATION),
        ("Took 4 on-call weeks a", (), EvidenceKind.ONCALL),
        # Properties with nothing told under them are still the record of the work.
        ("Design review guild", ("Type: Community",), EvidenceKind.OTHER)]
    assert doc.entries[0].date == DateSpan(date(2025, 4, 1), date(2025, 4, 30))


def test_a_review_tools_self_comment_is_the_authors_account() -> None:
    text = """# Performance review export

## Section A: Goals

Goal 2: Improve quality of Activation services
  Weight: 20%     Progress: 80%      Self rating: 4 - Exceeds
  Self comment:
    Added unit tests to the verification service (coverage 48% -> 63%).
  Manager rating: [pending]

Competency: Communication                 Self rating: 4 / 5
  Evidence: Wrote the launch announcement for the support team.

Competency: Ownership                     Self rating: 5 / 5
"""
    doc = parse_brag_doc(text, source="r.md", today=date(2025, 12, 5))
    assert [e.title[:22] for e in doc.entries] == ["Goal 2: Improve qualit",
                                                   "Competency: Communicat"]
    # A rating with no account under it tells no work.
    assert [n.text[:22] for n in doc.notes] == ["Competency: Ownership "]


def test_a_managers_write_up_in_prose_tells_its_subjects_work() -> None:
    text = """Annual review: Ifeoma Adeyemi, Staff Engineer, Infrastructure
Written by Dana Whitcombe, Engineering Manager

The search index corruption

Search, Storage and the platform team had each looked at it. Ifeoma asked the three leads to
give her a fortnight and one engineer each. She got the three teams to agree on a way to
reproduce it on demand.

She did not write the fix. She wrote up the cause and the two changes needed, walked the
Storage and Search leads through it, and let each team land its own change.

Ifeoma is strong at breaking a messy problem into steps that can be tested cheaply.
"""
    doc = parse_brag_doc(text, source="w.md", today=date(2025, 12, 5))
    assert [e.title[:20] for e in doc.entries] == ["Search, Storage and ", "She did not write th"]
    assert {e.subject for e in doc.entries} == {("she", "ifeoma")}


def test_a_colleague_named_in_a_first_person_record_is_not_its_subject() -> None:
    from staffpath.ledger.extract.subject import prose_subject

    text = ("I led the ledger migration. Sofia wrote the runbook. Sofia ran the first wave. "
            "I ran the other four waves. I wrote the rollback plan. We shipped in May.")
    assert prose_subject(text) == ()
    assert prose_subject("She led the migration. She wrote the plan. Ana ran the review. "
                         "She grew two engineers.") == ("she", "ana")


def test_star_fields_as_bullets_are_one_item_per_project() -> None:
    from datetime import date

    from staffpath.ledger.bragdoc.parser import parse_brag_doc

    text = """# 2025 review

## Checkout rewrite
- **Situation:** checkout errors at 2%, three teams blamed each other
- **Action:** led a working group of the three tech leads from March to October 2025
- **Result:** errors down to 0.1%, $1.2M a year recovered

## Small things
- Fixed the flaky login test
- Reviewed 30 PRs
"""
    doc = parse_brag_doc(text, source="s.md", today=date(2025, 12, 1))
    assert [e.title[:22] for e in doc.entries] == [
        "led a working group of", "Fixed the flaky login ", "Reviewed 30 PRs"]
    rewrite = doc.entries[0]
    assert rewrite.details == ("Situation: checkout errors at 2%, three teams blamed each other",
                               "Result: errors down to 0.1%, $1.2M a year recovered")
    assert rewrite.date is not None
    assert (rewrite.date.start, rewrite.date.end) == (date(2025, 3, 1), date(2025, 10, 31))


def test_bullets_from_a_word_processor_and_plain_dated_lines_are_items() -> None:
    from datetime import date

    from staffpath.ledger.bragdoc.parser import parse_brag_doc

    pasted = ("Brag doc 2025\n\n• Jan 2025: led the billing migration\n"
              "• Jun 2025: mentored two new hires\n")
    doc = parse_brag_doc(pasted, source="p.md", today=date(2025, 12, 1))
    assert [e.title for e in doc.entries] == ["led the billing migration",
                                              "mentored two new hires"]
    plain = ("BRAG DOC 2025\r\n\r\nJanuary 2025\r\nLed the billing migration.\r\n"
             "Wrote the on-call handbook.\r\n")
    doc = parse_brag_doc(plain, source="q.md", today=date(2025, 12, 1))
    assert [e.title for e in doc.entries] == ["Led the billing migration.",
                                              "Wrote the on-call handbook."]
    assert all(e.date is not None and e.date.start == date(2025, 1, 1) for e in doc.entries)


def test_bold_lead_ins_and_first_person_prose_are_items_but_the_intro_is_not() -> None:
    from datetime import date

    from staffpath.ledger.bragdoc.parser import parse_brag_doc

    text = """# Brag doc

I started in November 2024. My manager suggested keeping this.

## 2025

**Payments migration** (Jan–Sep 2025). Led it across three teams; $400k a year saved.

**Note:** the numbers below are from the finance dashboard.

I wrote the on-call handbook, which five teams adopted.
"""
    doc = parse_brag_doc(text, source="b.md", today=date(2025, 12, 1))
    assert [e.title[:20] for e in doc.entries] == ["Payments migration (", "I wrote the on-call "]
    payments = doc.entries[0].date
    assert payments is not None
    assert (payments.start, payments.end) == (date(2025, 1, 1), date(2025, 9, 30))


def test_a_period_the_document_declares_dates_its_undated_items() -> None:
    from datetime import date

    from staffpath.ledger.bragdoc.parser import parse_brag_doc

    declared = """# Hollis — Senior Staff Engineer

Record for March 2025 – March 2026. I have been the architect here since 2023.

## Design
- Reviewed 31 design docs from 11 teams.
"""
    doc = parse_brag_doc(declared, source="d.md", today=date(2026, 3, 20))
    span = doc.entries[0].date
    assert span is not None
    assert (span.start, span.end) == (date(2025, 3, 1), date(2026, 3, 31))
    # A tenure is not the document's period: nothing dates the item then.
    tenure = "# Notes\n\nI have been the architect since 2023.\n\n## Design\n- Reviewed docs.\n"
    assert parse_brag_doc(tenure, source="t.md", today=date(2026, 3, 20)).entries[0].date \
        is None


def test_aspirations_and_growth_areas_are_notes_not_work() -> None:
    from datetime import date

    from staffpath.ledger.bragdoc.parser import parse_brag_doc

    text = """# 2026 impact summary

- Owned the avatar upload feature.

**Vision for next year**
- Ready to take on a staff-level role: I want to own the frontend architecture for the company.
- Would like to lead a team.

**Areas of growth (from my manager)**
- Write down decisions before building.

## What's next
- Joanna wants me to take on the frontend consolidation.
"""
    doc = parse_brag_doc(text, source="v.md", today=date(2026, 11, 1))
    assert [e.title for e in doc.entries] == ["Owned the avatar upload feature."]
    assert [n.category for n in doc.notes] == ["goal", "goal", "learning", "goal"]


def test_prose_that_says_what_the_author_decided_is_work() -> None:
    from datetime import date

    from staffpath.ledger.bragdoc.parser import parse_brag_doc

    text = ("# Two years\n\nI didn't run the programme; Rafaela ran it. My part was the "
            "architecture, and I said no eleven times in the first year when a team wanted an "
            "exception.\n")
    doc = parse_brag_doc(text, source="p.md", today=date(2026, 6, 1))
    assert [e.title[:25] for e in doc.entries] == ["I didn't run the programm"]


def test_a_header_of_labelled_fields_names_the_author_and_is_no_item() -> None:
    from datetime import date

    from staffpath.ledger.bragdoc.parser import parse_brag_doc
    from staffpath.vocab import Scope

    text = """# Q2 2026 Quarterly Review

**Name:** Catherine Mbeki
**Title:** Principal Engineer, Office of the SVP Infrastructure
**Manager:** Arjun Malhotra, SVP Infrastructure
**Period:** 1 April – 30 June 2026

## Q2 results

- Ran the cost programme as five projects owned by four directors
"""
    doc = parse_brag_doc(text, source="q.md", today=date(2026, 7, 10))
    assert [e.title[:20] for e in doc.entries] == ["Ran the cost program"]
    item = doc.entries[0]
    assert item.date is not None
    assert (item.date.start, item.date.end) == (date(2026, 4, 1), date(2026, 6, 30))
    assert item.remit == (Scope.ORG, "Office of the SVP")


def test_a_plain_text_log_has_capital_headings_and_dated_lines_with_their_details() -> None:
    from datetime import date

    from staffpath.ledger.bragdoc.parser import parse_brag_doc

    text = """notes for review cycle, Ilse Brandt

INGEST CONSOLIDATION

Mar 2025 to Jan 2026. Three ingest paths down to one. Their leads ran it; I wrote the contract.
Money: managed Kafka retired, about $410k/yr.
Last tenth: 212 older gateways got a shim. Old path deleted 3 Feb 2026.

MEDIATING

Oct 2025. Portal wanted raw points at 1s, Storage wanted rollups. Ran a session on it.
"""
    doc = parse_brag_doc(text, source="n.txt", today=date(2026, 3, 27))
    ingest, mediating = doc.entries
    assert ingest.section == ("INGEST CONSOLIDATION",)
    assert ingest.title.startswith("Three ingest paths down to one")
    assert ingest.details == ("Money: managed Kafka retired, about $410k/yr.",
                              "Last tenth: 212 older gateways got a shim. Old path deleted 3 Feb "
                              "2026.")
    assert ingest.date is not None
    # It ran until the last thing its details date: the old path deleted on 3 February.
    assert (ingest.date.start, ingest.date.end) == (date(2025, 3, 1), date(2026, 2, 3))
    assert mediating.section == ("MEDIATING",)
    assert mediating.title.startswith("Portal wanted raw points")


def test_a_list_typed_without_markers_is_an_item_a_line() -> None:
    from datetime import date

    from staffpath.ledger.bragdoc.parser import parse_brag_doc

    typed = """Summary, 2026 (principal review)
Set the three-year data residency bet with the CTO; all five organisations moving, 40% done.
Took over the payments re-platform in January; live in May; $2.1M/yr saved.
Company incident practice: one severity scale, commander rota since March.
Represented the company at the PCI council working group.
"""
    doc = parse_brag_doc(typed, source="t.txt", today=date(2026, 11, 1))
    assert [e.title[:24] for e in doc.entries] == [
        "Set the three-year data ", "Took over the payments r", "Company incident practic",
        "Represented the company "]
    # A paragraph wrapped by hand runs its sentence on from line to line: still one item.
    wrapped = """We moved the billing jobs off the old scheduler this spring. It took longer than
we planned because the export job depended on a cron quirk that nobody had
written down, so I wrote it down.
"""
    doc = parse_brag_doc(wrapped, source="w.txt", today=date(2026, 11, 1))
    assert len(doc.entries) == 1


def test_a_yearless_date_after_the_documents_day_is_last_year() -> None:
    """A record looks back: "Dec 16" in a list written on 24 January 2025 is December 2024,
    while "Jan 8" stays in January 2025 and a date written with its year is kept as written."""
    text = "- Dec 16 — on-call week\n- Jan 8 — reviewed the Q1 plan\n- Dec 2, 2025: planned\n"
    doc = parse_brag_doc(text, source="l.md", today=date(2025, 1, 24))
    assert [e.date.start if e.date else None for e in doc.entries] == [
        date(2024, 12, 16), date(2025, 1, 8), date(2025, 12, 2)]


def test_an_opening_line_naming_the_year_of_accomplishments_dates_the_list() -> None:
    """"2024 accomplishments — Greg Tanner, Staff Engineer" on the first line: the year-less
    dates below it are in 2024, though the list was written in January 2025."""
    text = ("2024 accomplishments — Greg Tanner, Staff Engineer, Ingestion team\n\n"
            "1. Jan 8 — Reviewed and approved the Ingestion Q1 plan.\n"
            "2. Mar 4 — Migrated our team's dashboards from Grafana 8 to 10.\n")
    doc = parse_brag_doc(text, source="g.md", today=date(2025, 1, 24))
    assert [e.date.start if e.date else None for e in doc.entries] == [
        date(2024, 1, 8), date(2024, 3, 4)]


def test_a_month_or_a_numbered_week_alone_on_its_line_heads_the_list_below() -> None:
    """A terse log's "Apr", "June" and "w15" lines say when the bullets under them were done;
    a line that only starts with a month ("May the plan hold") is not a date line."""
    text = ("work log, 2026\n\nApr\n- drift 0.2% → 0.001%\n\nw15\n- told the Infra EMs\n\n"
            "June\n- shards 1–4 done\n\nMay the plan hold, said the lead.\n\n"
            "- wrote the runbook\n")
    doc = parse_brag_doc(text, source="log.md", today=date(2026, 8, 20))
    dates = {e.title: e.date for e in doc.entries}
    assert dates["drift 0.2% → 0.001%"] == DateSpan(date(2026, 4, 1), date(2026, 4, 30))
    assert dates["told the Infra EMs"] == DateSpan(date(2026, 4, 6), date(2026, 4, 12))
    assert dates["shards 1–4 done"] == DateSpan(date(2026, 6, 1), date(2026, 6, 30))
    assert dates["wrote the runbook"] == DateSpan(date(2026, 6, 1), date(2026, 6, 30))


def test_a_review_forms_questions_head_their_answers_and_are_not_work() -> None:
    """A self-review form: "Q1." numbers the question (it is no quarter), the question and
    its prompt ("Please give examples.") head the answer, and are neither items nor projects;
    "What's next?" heads plans, which are notes."""
    text = ("SELF-ASSESSMENT H2 2025\n\n"
            "Q1. What were your main achievements in this period? Please give examples.\n\n"
            "- Delivered the invoice export in June for 4,200 merchants.\n"
            "- Fixed 31 bugs.\n\n"
            "Q2. Describe any work you did beyond your team.\n\n"
            "I contributed to the Platform team's rate limiter in August.\n\n"
            "**What's next?**\n\n- Own a small feature end to end.\n")
    doc = parse_brag_doc(text, source="r.md", today=date(2025, 12, 1))
    titles = [e.title for e in doc.entries]
    assert titles == ["Delivered the invoice export in June for 4,200 merchants.",
                      "Fixed 31 bugs.",
                      "I contributed to the Platform team's rate limiter in August."]
    assert [e.project for e in doc.entries] == [None, None, None]
    # "Q1" is no quarter; a month the answer names ("in June") dates its item
    assert [e.date for e in doc.entries] == [
        DateSpan(date(2025, 6, 1), date(2025, 6, 30)), None,
        DateSpan(date(2025, 8, 1), date(2025, 8, 31))]
    assert [n.text for n in doc.notes] == ["Own a small feature end to end."]
    assert doc.notes[0].category == "goal"


def test_an_interviewers_question_is_no_item_and_an_answer_that_asks_is_one() -> None:
    """A practice conversation: "Clara: Did it work?" is the interviewer's line; the answers
    are the author's. A line that asks and then answers ("Why? Because …") is work."""
    text = ("Promo prep — practice conversation\n\n"
            "**Clara:** Did it work?\n\n"
            "**Samuel:** Yes. I shipped the new deploy pipeline in May; deploys take 9 minutes.\n\n"
            "**Clara:** Did you run the upgrades?\n\n"
            "Led the database upgrades. Why? Because nobody else would.\n")
    doc = parse_brag_doc(text, source="p.md", today=date(2025, 12, 1))
    titles = [e.title for e in doc.entries]
    assert not any("Clara" in t for t in titles)
    assert any(t.startswith("Samuel: Yes. I shipped") for t in titles)
    assert "Led the database upgrades. Why? Because nobody else would." in titles


def test_a_trackers_export_is_one_item_a_ticket() -> None:
    """A Linear/Jira export pasted as a record: the key and title open each ticket, the field
    lines under it date it ("Completed:"), tell it ("Note:") and tag it ("Labels:"); a ticket
    still in progress is a plan; the export's header is not work."""
    text = ("Linear export — team: Compute Platform\n"
            "Filter: assignee:me  label:brag-doc\n\n"
            "CPL-2335  Design: node pool profiles for autoscaling\n"
            "  Type: Feature · Priority: High · Status: Done · Completed: 2024-11-15\n"
            "  Labels: brag-doc, design, cost\n"
            "  Note: Wrote the design doc; idle capacity down from 31% to 17%.\n\n"
            "CPL-2350  SEV-2: node drains stuck on prod-eu-2\n"
            "  Type: Incident · Status: Done · Completed: 2024-12-04\n"
            "  Note: Incident commander. Ran the review.\n\n"
            "[CPL-2460] Spot pools for CI runners\n"
            "  Status: In Progress · Labels: cost\n")
    doc = parse_brag_doc(text, source="linear.txt", today=date(2025, 7, 7))
    assert [(e.title, iso(e)) for e in doc.entries] == [
        ("Design: node pool profiles for autoscaling", ("2024-11-15", "2024-11-15")),
        ("SEV-2: node drains stuck on prod-eu-2", ("2024-12-04", "2024-12-04"))]
    design, incident = doc.entries
    assert design.details == ("Type: Feature",
                              "Wrote the design doc; idle capacity down from 31% to 17%.")
    assert {"design", "cost"} <= set(design.tags)
    assert design.kind is EvidenceKind.DESIGN_DOC
    assert incident.kind is EvidenceKind.INCIDENT
    assert [(n.category, n.text) for n in doc.notes] == [("todo", "Spot pools for CI runners")]


def test_a_ticket_line_needs_field_lines_under_it_to_be_read_as_one() -> None:
    """A paragraph that opens with a key but goes on in prose is read as prose."""
    text = "PAY-12 was the worst bug of the year. I fixed it in a day and wrote the postmortem.\n"
    doc = parse_brag_doc(text, source="p.md", today=date(2025, 7, 7))
    assert all(e.title.startswith("PAY-12") for e in doc.entries)


def test_headings_of_intentions_asks_and_doubts_hold_notes_not_work() -> None:
    """A growth plan: what the author will do, what they need from their manager and what
    they are unsure of are notes; what they have done so far is work."""
    text = ("## What I've done so far\n\n- Shipped six tickets on invoice PDF rendering.\n\n"
            "## What I will do in H2\n\n- Lead the scheduler rewrite with Hamid.\n\n"
            "## What I need from Tobias\n\n- Feedback on my first design doc.\n\n"
            "## Things I'm unsure about\n\n- Whether the reorg moves the RFC to another team.\n"
            "## What I'd do next (the staff part)\n\n- Write the 2027 search strategy.\n\n"
            "## Asks for Colm\n\n- Intro to the Listings EMs.\n\n"
            "## What I'd point the committee at\n\n- Led the ranking refresh with two engineers.\n"
            "## Things I want to do next year\n\n- Maybe lead the iOS side of the parent app.\n"
            # Life outside work is no work either.
            "## Outside work\n\n- Ran my first half marathon in March.\n")
    doc = parse_brag_doc(text, source="plan.md", today=date(2025, 7, 1))
    assert [e.title for e in doc.entries] == ["Shipped six tickets on invoice PDF rendering.",
                                              "Led the ranking refresh with two engineers."]
    assert [n.category for n in doc.notes] == ["goal", "other", "other", "goal", "other",
                                               "goal", "other"]


def test_the_authors_case_for_the_promotion_is_no_more_work() -> None:
    """Under "Why are you ready for Senior?" or "Why staff" the author argues from the work told
    elsewhere ("I have delivered many features, led a migration…"): a note, not another item.
    A project heading that only starts like it is still work."""
    text = ("# Promo prep Q&A — Ethan, Checkout Web\n\n*Answers to the committee's usual "
            "questions. Period: Sep 2024 – Sep 2025.*\n\n"
            "**What was your biggest impact this year?**\n\nI built the save-for-later drawer. "
            "It was one of the five changes in the cart experiment.\n\n"
            "**Why are you ready for Senior?**\n\nI have delivered many features, led a "
            "migration, and been involved in org-wide initiatives.\n\n**Why staff**\n\n- I "
            "already work across four teams.\n\n**Why we moved to Kafka**\n\n- Wrote the "
            "design doc for the move.\n")
    doc = parse_brag_doc(text, source="qa.md", today=date(2025, 10, 1))
    assert [e.title for e in doc.entries] == [
        "I built the save-for-later drawer. It was one of the five changes in the cart "
        "experiment.", "Wrote the design doc for the move."]
    assert [n.category for n in doc.notes] == ["other", "other"]


def test_plain_text_banners_head_the_lines_under_them() -> None:
    """"=== DELIVERY ===" and "--- Feb 2026 ---" are a plain-text document's headings: they
    file and date the lines under them, and "=== WHAT I WANT NEXT ===" heads goals. A rule of
    dashes is no heading."""
    text = ("MY WINS — FY2025\nDerek Haines, Software Engineer\n\n=== DELIVERY ===\n"
            "* Shipped dark mode for the settings screen.\n\n"
            "------------------------------------------\n\n--- Feb 2026 ---\n"
            "* Fixed the flaky export test.\n\n=== WHAT I WANT NEXT ===\n"
            "* Own a bigger piece of the roadmap in 2026.\n")
    doc = parse_brag_doc(text, source="wins.txt", today=date(2026, 3, 1))
    assert [(e.section[-1], e.title) for e in doc.entries] == [
        ("DELIVERY", "Shipped dark mode for the settings screen."),
        ("Feb 2026", "Fixed the flaky export test.")]
    assert doc.entries[1].date is not None
    assert (doc.entries[1].date.start, doc.entries[1].date.end) == (date(2026, 2, 1),
                                                                   date(2026, 2, 28))
    assert [(n.category, n.text) for n in doc.notes] == [
        ("goal", "Own a bigger piece of the roadmap in 2026.")]


def test_prose_opening_with_we_reports_work_and_a_quoted_comment_does_not() -> None:
    """"We took the ledger off the shared cluster" reports work as "we took" mid-sentence does;
    a comment quoted from someone else ("> 💬 **Sofia:** … We've agreed she'll shadow Hugo")
    is their words, not the author's work."""
    text = ("Year in review — Inês, Money Movement\n\n**Q: What were your biggest projects?**"
            "\n\nThe ledger move. We took the double-entry ledger off the shared Postgres "
            "cluster and put it behind its own service. Eleven teams changed how they record "
            "money.\n\n> 💬 **Sofia Andrade:** One gap to name: executive briefings. We've "
            "agreed she'll shadow Hugo for the next few exec sessions.\n")
    doc = parse_brag_doc(text, source="review.md", today=date(2025, 11, 1))
    assert [e.title[:16] for e in doc.entries] == ["The ledger move."]


def test_prose_that_tells_no_work_is_kept_as_a_note_not_dropped() -> None:
    """A paragraph past the opening that reports no work of the author's ("The shared cluster
    needed an upgrade … that was cancelled") is kept as a note; the opening is not a note."""
    text = ("Calibration pre-read — Inês, Money Movement\n\n"
            "Short answers to the usual questions; happy to go deeper.\n\n"
            "**Q: What did you do?**\n\nI designed the ledger move and ran the weekly review "
            "with the eleven leads until the last team cut over.\n\n"
            "**Q: What was the impact?**\n\nThe shared cluster needed an upgrade budgeted at "
            "about $1.1M a year; that was cancelled.\n")
    doc = parse_brag_doc(text, source="pre-read.md", today=date(2025, 11, 1))
    assert [e.title[:20] for e in doc.entries] == ["I designed the ledge"]
    assert [(n.category, n.text[:26]) for n in doc.notes] == [
        ("other", "The shared cluster needed ")]


def test_a_record_of_fragments_is_an_item_a_line() -> None:
    """A record of one- and two-word fragments, some lines opening with a sign or in lower
    case: each line is an item, and "Attended." or "Present." after an event says the author
    was in the audience."""
    lines = ["Reviews. Lots.", "~410 PRs reviewed.", "Arch guild. Attended.",
             "Q1 planning. Present.", "#help-catalog. Top responder.",
             "Java 17 → 21. Catalog services, all four. Led.", "Gradle upgrade. Done.",
             "p99 search latency. -35% (team).", "Incident INC-2291. Lead. Postmortem written.",
             "Interviews. 11.", "Runbooks. Updated."]
    text = "Gareth — Staff Engineer, Catalog — FY25\n\n" + "\n".join(lines) + "\n"
    doc = parse_brag_doc(text, source="fy25.txt", today=date(2025, 10, 1))
    assert [e.title for e in doc.entries] == lines
    kinds = {e.title: e.kind for e in doc.entries}
    assert kinds["Arch guild. Attended."] is EvidenceKind.LEARNING
    assert kinds["Q1 planning. Present."] is EvidenceKind.LEARNING


def test_a_paragraph_wrapped_by_hand_is_not_a_list_of_fragments() -> None:
    text = ("Led the search migration across three teams. It took most of the year and\n"
            "needed a new index format, which meant the\nmobile clients changed too.\n")
    doc = parse_brag_doc(text, source="p.md", today=date(2025, 10, 1))
    assert len(doc.entries) == 1


def test_a_ticket_told_field_by_field_is_one_item_from_creation_to_done() -> None:
    """A tracker's ticket as labelled lines: "Title:" names the work, "Role:" is the author's
    part (a detail, read for the role), "Created:" and "Completed:" on one line date it, the
    key is dropped, and a ticket not done is a plan."""
    text = ("ID:        PLAT-201\n"
            "Title:     Project: Move production off Heroku onto AWS\n"
            "Status:    Done\n"
            "Role:      Lead\n"
            "Created:   2024-08-12    Completed: 2025-01-28\n"
            "Notes:     Wrote the plan and the cutover runbook.\n\n"
            "ID:        PLAT-290\n"
            "Title:     Multi-region failover\n"
            "Status:    In progress\n"
            "Role:      Lead\n")
    doc = parse_brag_doc(text, source="export.txt", today=date(2025, 8, 20))
    assert [(e.title, iso(e)) for e in doc.entries] == [
        ("Project: Move production off Heroku onto AWS", ("2024-08-12", "2025-01-28"))]
    assert doc.entries[0].details == ("Role: Lead",
                                      "Notes: Wrote the plan and the cutover runbook.")
    assert [(n.category, n.text) for n in doc.notes] == [("todo", "Multi-region failover")]


ORG_LOG = """#+TITLE: worklog 2025
#+AUTHOR: Ingrid Solberg

# staff eng, data platform. notes to self before review.

* 2025
** DONE Meter ingest v2                                         :migration:
   CLOSED: [2025-09-26 Fri]
   :PROPERTIES:
   :STARTED:  [2024-11-04 Mon]
   :END:
   - leads did the work. I ran the plan + the weekly with the five leads.
   - old cluster + licence: ~EUR 410k/yr gone.
** DONE Schema registry outage                                 :incident:
   - [2025-04-17 Thu] my config change. ~3h of rejected writes.
"""


def test_an_org_mode_log_reads_as_headings_and_items_line_for_line() -> None:
    """Org headlines are the projects, dated from their STARTED property to CLOSED; keywords,
    drawers and planning lines are set aside; an Org comment is no heading; each item keeps
    its own line number in the file."""
    doc = parse_brag_doc(ORG_LOG, source="worklog.org", today=date(2026, 1, 14))
    assert [(e.line, e.project, e.title) for e in doc.entries] == [
        (12, "Meter ingest v2",
         "leads did the work. I ran the plan + the weekly with the five leads."),
        (13, "Meter ingest v2", "old cluster + licence: ~EUR 410k/yr gone."),
        (15, "Schema registry outage", "my config change. ~3h of rejected writes.")]
    assert iso(doc.entries[0]) == ("2024-11-04", "2025-09-26")
    assert iso(doc.entries[2]) == ("2025-04-17", "2025-04-17")
    assert all("staff eng" not in s for e in doc.entries for s in e.section)


def test_a_markdown_record_with_bold_bullets_is_not_read_as_org() -> None:
    text = "## 2025\n\n**Led** the search migration.\n\n* Shipped the cache.\n"
    doc = parse_brag_doc(text, source="m.md", today=date(2026, 1, 14))
    assert [e.title for e in doc.entries] == ["**Led** the search migration.".replace("**", ""),
                                              "Shipped the cache."]


def test_an_emails_header_and_a_packets_cover_are_no_work() -> None:
    """"From:", "To:" and "Subject:" head an email; a two-column table of "Candidate",
    "Current level" and "Manager" is a packet's cover: neither is an item."""
    text = ("**From:** Kayla Brennan\n**To:** Dana Whitfield\n**Subject:** My summary\n"
            "**Date:** Mon, 23 Jun 2025\n\n"
            "| | |\n|---|---|\n| **Candidate** | Marcus Feld |\n"
            "| **Current level** | Senior Software Engineer (L5) |\n"
            "| **Manager** | Yvonne Achterberg |\n\n"
            "- Led the checkout rewrite across three teams.\n")
    doc = parse_brag_doc(text, source="mail.md", today=date(2025, 6, 30))
    assert [e.title for e in doc.entries] == ["Led the checkout rewrite across three teams."]


def test_a_numbered_heading_is_read_without_its_number() -> None:
    """"7. Goals and career growth for next period" holds goals; "3) Mentoring" is a category
    of work; "Q5. Goals for next period" is no fifth quarter."""
    text = ("### 3) Mentoring\n\n- Weekly 1:1s with Mina since March.\n\n"
            "### 7. Goals and career growth for next period\n\n- Lead the search rewrite.\n\n"
            "### Q5. Goals for next period\n\n- Hand over the council to an elected chair.\n")
    doc = parse_brag_doc(text, source="r.md", today=date(2025, 12, 1))
    assert [(e.title, e.kind) for e in doc.entries] == [
        ("Weekly 1:1s with Mina since March.", EvidenceKind.MENTORSHIP)]
    assert [n.category for n in doc.notes] == ["goal", "goal"]


def test_colleagues_quoted_in_a_record_about_someone_tell_that_persons_work() -> None:
    """A 360 compiled about Yusra quotes colleagues: what they say Yusra or "she" did is her
    work, an item each; a colleague's own "I" is the colleague's, a note."""
    text = ("# Annual 360: Yusra Qadri, Senior Staff Engineer\n\n"
            "**Compiled by:** Adeline, Yusra's manager, from 11 written responses\n\n"
            "## Direction\n\n"
            "> \"She ran the checkout write-path consolidation as a programme of five projects "
            "across nine teams. She kept the five aligned when they drifted. She changed the "
            "order of work twice when one project's findings affected another. Yusra also "
            "killed the sixth project in March.\"\n"
            "> Gunnar Holt, TPM\n\n"
            "> \"I was new to the org this year and spent most of my first quarter learning "
            "the payment flows from the runbooks.\"\n"
            "> Ravi, Staff Engineer\n")
    doc = parse_brag_doc(text, source="360.md", today=date(2025, 12, 5))
    titles = [e.title for e in doc.entries]
    assert sum(t.startswith('"She ran the checkout write-path consolidation') for t in titles) \
        == 1
    assert not any("I was new to the org" in t for t in titles)
    assert any(n.text.startswith('"I was new to the org') for n in doc.notes)
