"""How a record's forms, tables and months are read: a record looks back from the day it was
written and puts its months inside the period it states; a form's numbered question or topic
heads the answer below it; a table of measurements holds numbers, not work."""

from __future__ import annotations

import datetime as dt

from staffpath.ledger.bragdoc.parser import parse_brag_doc
from staffpath.ledger.extract.dates import DateSpan

JAN_2026 = dt.date(2026, 1, 9)


def _dates(text: str, today: dt.date) -> dict[str, DateSpan | None]:
    return {e.title: e.date for e in parse_brag_doc(text, today=today).entries}


def test_months_after_the_day_of_writing_are_last_years() -> None:
    doc = ("# FY record\n\n"
           "| Workstream | When | My role | Result |\n|---|---|---|---|\n"
           "| Compute cost programme | Feb–Dec | programme owner | $14.2M saved |\n"
           "| Incident review reform | Jan | co-author | SEV1s 31 → 12 |\n")
    dates = _dates(doc, JAN_2026)
    # "My role" in a word or two is the author's part in the row's work
    assert dates["Compute cost programme (role: programme owner)"] == DateSpan(dt.date(2025, 2, 1),
                                                       dt.date(2025, 12, 31))
    # January is not after the day of writing: this January.
    assert dates["Incident review reform (role: co-author)"] == DateSpan(dt.date(2026, 1, 1),
                                                       dt.date(2026, 1, 31))


def test_an_emails_subject_states_the_period_its_months_fall_in() -> None:
    """Written up in June 2025 for March 2024 to February 2025: "May 12" is May 2024, and
    work with no date of its own is dated by the period the subject line states."""
    doc = ("**To:** Helena Vasquez, CTO\n**From:** Ada\n"
           "**Re:** One-pager for the principal nomination — March 2024 to February 2025\n\n"
           "- May 12: wrote the consolidation strategy the exec team approved.\n"
           "- Feb 3: stepped down as chair of the architecture council.\n"
           "- Rebuilt how the company promotes staff engineers and above.\n")
    may, feb, undated = _dates(doc, dt.date(2025, 6, 1)).values()
    assert may == DateSpan(dt.date(2024, 5, 12), dt.date(2024, 5, 12))
    assert feb == DateSpan(dt.date(2025, 2, 3), dt.date(2025, 2, 3))
    assert undated == DateSpan(dt.date(2024, 3, 1), dt.date(2025, 2, 28))


def test_a_forms_numbered_questions_and_topics_head_their_answers() -> None:
    """Markdown reads "1. What were your most important contributions?" above its answer as a
    list of one item; it is the form's question (or topic), not a piece of work."""
    doc = ("Annual self-review\n\n"
           "1. What were your most important contributions in this period?\n\n"
           "- Document upload retry: merchants no longer start again after a vendor timeout.\n"
           "- Migrated 14 KYC email templates to the notification service.\n\n"
           "2. Collaboration and teamwork\n\n"
           "- Paired with Julia twice a week in her first month.\n\n"
           "3. Shipped the sanctions screening alert\n")
    entries = parse_brag_doc(doc, today=JAN_2026).entries
    titles = [e.title for e in entries]
    assert not any("?" in t for t in titles)
    assert "Collaboration and teamwork" not in titles
    paired = next(e for e in entries if e.title.startswith("Paired with Julia"))
    assert paired.section[-1] == "Collaboration and teamwork"
    # A numbered line that reports work is still work.
    assert "Shipped the sanctions screening alert" in titles


def test_a_forms_question_about_the_future_holds_goals() -> None:
    doc = ("1. What did you deliver?\n\n- Shipped the retry for document uploads.\n\n"
           "2. What do you want to focus on next year?\n\n- Learn more about Kafka.\n"
           "- Present the retry pattern at the Architecture Guild.\n")
    parsed = parse_brag_doc(doc, today=JAN_2026)
    assert [e.title for e in parsed.entries] == ["Shipped the retry for document uploads."]
    assert [n.category for n in parsed.notes] == ["goal", "goal"]


def test_a_table_of_measurements_is_no_work() -> None:
    """"Metric | Before | After" holds the numbers of work told elsewhere in the record."""
    doc = ("## Workstreams\n\n| Workstream | When | Result |\n|---|---|---|\n"
           "| Compute cost programme | 2025 | $14.2M saved |\n\n"
           "## Selected numbers\n\n| Metric | Before | After | Note |\n|---|---|---|---|\n"
           "| Compute spend (annualised) | $71.8M | $57.6M | rightsizing 41% |\n"
           "| SEV1 incidents | 31 | 12 | 2024 vs 2025 |\n")
    parsed = parse_brag_doc(doc, today=JAN_2026)
    assert [e.title for e in parsed.entries] == ["Compute cost programme"]
    assert parsed.warnings == ()


def test_two_digit_years_and_arrows_date_work() -> None:
    doc = ("# Year notes\n\n"
           "- Failover drills every quarter (Jan → Sept '25), led with the SRE team\n"
           "- Cut the search index cost by 30 % in Q3 '25\n"
           "- Rock 'n' roll themed hack week, organised it for 40 people in Sept '25\n")
    dates = _dates(doc, dt.date(2026, 2, 6))
    assert dates["Failover drills every quarter (Jan → Sept '25), led with the SRE team"] == \
        DateSpan(dt.date(2025, 1, 1), dt.date(2025, 9, 30))
    assert dates["Cut the search index cost by 30 % in Q3 '25"] == \
        DateSpan(dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    assert dates["Rock 'n' roll themed hack week, organised it for 40 people in Sept '25"] == \
        DateSpan(dt.date(2025, 9, 1), dt.date(2025, 9, 30))


def test_a_bold_name_followed_only_by_when_heads_the_work_it_names() -> None:
    """"**Recurring invoices v2** (Feb → May)" names a project and when it ran: the story
    below it is that project's, dated by it, not filed under the whole year."""
    doc = ("# Year notes 2025\n\n"
           "**Recurring invoices v2** (Feb → May)\n\n"
           "I rebuilt the invoice scheduler and led the rollout to all merchants.\n\n"
           "**Saved-search alerts** — Q3 2025\n\n"
           "Designed the alert fan-out with the notifications team.\n\n"
           "**Shipped** the export button (March)\n")
    entries = {e.title: e for e in parse_brag_doc(doc, today=dt.date(2026, 1, 20)).entries}
    invoices = entries["I rebuilt the invoice scheduler and led the rollout to all merchants."]
    assert invoices.project == "Recurring invoices v2"
    assert invoices.date == DateSpan(dt.date(2025, 2, 1), dt.date(2025, 5, 31))
    assert not invoices.filed
    alerts = entries["Designed the alert fan-out with the notifications team."]
    assert alerts.date == DateSpan(dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    # A bold verb opening a sentence is the work itself, not a heading.
    assert "Shipped the export button (March)" in entries


def test_a_log_pasted_between_fences_is_the_record() -> None:
    """A plain-text log wrapped in one ``` block is the document: each dated line is work, a
    `# ` line is a note beside the log (here a dated on-call week), and time away is not work.
    Line numbers are the file's."""
    doc = ("```\n"
           "# anouk — work log, mar–oct 2025\n"
           "\n"
           "2025-03-03  orders-api  feat: add pagination to GET /v2/orders\n"
           "2025-04-02  orders-api  feat: idempotency key on POST /v2/orders\n"
           "            # design was Jonas's, I implemented it\n"
           "# 2025-05-19  on-call week (primary). 5 pages, 1 escalated\n"
           "# 2025-07-14 → 2025-08-01  holiday\n"
           "2025-08-06  orders-api  fix: CSV export quoting\n"
           "```\n")
    entries = parse_brag_doc(doc, today=dt.date(2025, 11, 1)).entries
    lines = {e.title: e.line for e in entries}
    assert lines == {
        "orders-api feat: add pagination to GET /v2/orders": 4,
        "orders-api feat: idempotency key on POST /v2/orders": 5,
        "on-call week (primary). 5 pages, 1 escalated": 7,
        "orders-api fix: CSV export quoting": 9,
    }
    assert entries[1].details == ("design was Jonas's, I implemented it",)


def test_a_fenced_block_inside_a_document_stays_code() -> None:
    doc = ("# 2025\n\n- Shipped the export API\n\n```\n# not a heading\n2025-03-03 not work\n```\n")
    assert [e.title for e in parse_brag_doc(doc, today=dt.date(2025, 11, 1)).entries] == \
        ["Shipped the export API"]


def test_a_byline_saying_when_it_was_written_and_what_it_covers_is_its_period() -> None:
    """"*Nils — Staff Engineer — written May 2025, covering February 2024 to now*": the work
    below was done in the period covered, not in the month of writing, and the byline is no
    project."""
    doc = ("*Nils Bergström — Staff Engineer — written May 2025, covering February 2024 to "
           "now*\n\n"
           "I rewrote the rendering pipeline around a job queue and ran it for the company.\n")
    entry = parse_brag_doc(doc, today=dt.date(2025, 5, 20)).entries[0]
    assert entry.date == DateSpan(dt.date(2024, 2, 1), dt.date(2025, 5, 20))
    assert entry.project is None
    assert entry.filed


def test_a_wiki_pages_properties_are_its_header_and_a_projects_are_the_projects() -> None:
    """A Notion export: the page's properties say whose record it is and what it covers; under
    a project's heading, "Dates:" dates the project and everything told under it, and a role
    in a word or two is the author's part in that project."""
    doc = ("# Self-review FY25 — Maja\n\n"
           "Owner: Maja Lindqvist\nRole: Staff Engineer\nPeriod: Jul 2024 → Jun 2025\n"
           "Tags: review, self\nLast edited: 30 June 2025 4:12 PM\n\n"
           "## Projects\n\n### Calendar sync v2\n\n"
           "Status: Shipped\nDates: Sep 2024 → Feb 2025\nRole: Lead\n\n"
           "I wrote the RFC comparing push and polling and moved both calendars to push.\n\n"
           "## Hiring\n\nInterviewed 11 candidates and rewrote the take-home.\n")
    entries = parse_brag_doc(doc, today=dt.date(2025, 6, 30)).entries
    titles = [e.title for e in entries]
    assert "Staff Engineer" not in titles  # the page's own properties are no work
    project = DateSpan(dt.date(2024, 9, 1), dt.date(2025, 2, 28))
    role = entries[titles.index("Calendar sync v2 (role: Lead)")]
    story = entries[titles.index("I wrote the RFC comparing push and polling and moved both "
                                 "calendars to push.")]
    assert (role.date, story.date) == (project, project)
    assert not story.filed
    hiring = entries[titles.index("Interviewed 11 candidates and rewrote the take-home.")]
    assert hiring.date == DateSpan(dt.date(2024, 7, 1), dt.date(2025, 6, 30))
    assert hiring.filed


def test_a_projects_properties_without_a_role_make_the_project_its_item() -> None:
    doc = ("# Impact log\n\n## Fulfilment technical strategy v1 and v2\n\n"
           "Type: Strategy\nDate: Feb 14, 2025 (v1) · Sep 22, 2025 (v2)\n"
           "Teams: all 14 Fulfilment teams\nStatus: Adopted\n\n"
           "Team leads cite its section numbers in their own designs.\n")
    entries = parse_brag_doc(doc, today=dt.date(2025, 12, 11)).entries
    project = entries[0]
    assert project.title == "Fulfilment technical strategy v1 and v2"
    assert "Teams: all 14 Fulfilment teams" in project.details
    # Two dates in the field: the work ran from the first to the last, and so did the story.
    assert {e.date for e in entries} == {DateSpan(dt.date(2025, 2, 14), dt.date(2025, 9, 22))}


def test_a_spreadsheet_pasted_as_text_is_a_table() -> None:
    """A CSV or a tab-separated copy of a tracking sheet: the header says what each column
    holds; a start and an end column date the work from one to the other; the column saying
    what was done is the item, the problem it answered a detail."""
    csv_doc = ("Work log, pasted from my tracking sheet.\n\n"
               "start,end,problem,my_part,outcome\n"
               '2024-09-02,2024-12-20,"DC exit blocked, 3 orgs",'
               '"Mapped the tariff reads and led the cut-over","mainframe off"\n'
               '2025-01-06,2025-04-25,Tracking p99 at 4.2s,Built the latency budget,p99 1.1s\n')
    tsv_doc = ("date\tproject\twhat I did\n"
               "2025-03-01\tCheckout\tLed the migration of carts to Postgres\n"
               "2025-05-10\tSearch\tWrote the ranking design doc\n")
    rows = parse_brag_doc(csv_doc, today=dt.date(2025, 6, 1)).entries
    assert [(e.line, e.date) for e in rows] == [
        (4, DateSpan(dt.date(2024, 9, 2), dt.date(2024, 12, 20))),
        (5, DateSpan(dt.date(2025, 1, 6), dt.date(2025, 4, 25)))]
    assert rows[0].title == "Mapped the tariff reads and led the cut-over"
    assert "DC exit blocked, 3 orgs" in rows[0].details
    tabbed = parse_brag_doc(tsv_doc, today=dt.date(2025, 6, 1)).entries
    assert [(e.title, e.project) for e in tabbed] == [
        ("Led the migration of carts to Postgres", "Checkout"),
        ("Wrote the ranking design doc", "Search")]


def test_a_byline_with_commas_is_no_table() -> None:
    doc = ("Ravi Tennant, Principal Engineer, Lumenwave\n"
           "Lumenwave has about 1,600 engineers in 11 organisations, and I am its principal.\n\n"
           "- Led the media delivery strategy for the whole company\n")
    titles = [e.title for e in parse_brag_doc(doc, today=dt.date(2025, 6, 1)).entries]
    assert titles == ["Led the media delivery strategy for the whole company"]


def test_what_was_done_is_the_item_when_a_table_also_names_the_problem() -> None:
    doc = ("| When | Problem | What I did | Result |\n|---|---|---|---|\n"
           "| Aug 2024 | Start time regressed to 3.4s | Bisected the three clients | 1.9s |\n")
    entry = parse_brag_doc(doc, today=dt.date(2025, 6, 1)).entries[0]
    assert entry.title == "Bisected the three clients"
    assert "Start time regressed to 3.4s" in entry.details


def test_notes_to_self_for_the_packet_are_no_work() -> None:
    doc = ("2025-11-13  Reviewed 31 PRs this quarter\n\n"
           "notes to self for packet:\n"
           "- impact story = Revamp ($2.3M) + perf\n"
           "- ask Ines for endorsement\n")
    parsed = parse_brag_doc(doc, today=dt.date(2025, 11, 20))
    assert [e.title for e in parsed.entries] == ["Reviewed 31 PRs this quarter"]
    assert [n.text for n in parsed.notes] == ["impact story = Revamp ($2.3M) + perf",
                                              "ask Ines for endorsement"]


def test_a_record_saved_as_html_is_read_as_its_text() -> None:
    doc = ("<!DOCTYPE html><html><head><title>x</title><style>p{color:red}</style></head>"
           "<body>\n<h1>My year &mdash; 2025</h1>\n<h2>Projects</h2>\n"
           "<ul><li>Led the migration of carts to Postgres across <b>three teams</b> "
           "(Mar&ndash;Aug 2025)</li>\n<li>Wrote the ranking design doc<ul><li>adopted by 3 "
           "teams</li></ul></li></ul>\n"
           "<table><tr><th>When</th><th>What</th></tr><tr><td>Q3 2025</td>"
           "<td>Mentored two new engineers</td></tr></table><script>alert(1)</script>"
           "</body></html>")
    entries = parse_brag_doc(doc, today=dt.date(2025, 12, 1)).entries
    assert [(e.title, e.date) for e in entries] == [
        ("Led the migration of carts to Postgres across three teams (Mar–Aug 2025)",
         DateSpan(dt.date(2025, 3, 1), dt.date(2025, 8, 31))),
        ("Wrote the ranking design doc", DateSpan(dt.date(2025, 1, 1), dt.date(2025, 12, 31))),
        ("Mentored two new engineers", DateSpan(dt.date(2025, 7, 1), dt.date(2025, 9, 30)))]
    assert entries[1].details == ("adopted by 3 teams",)


def test_markdown_with_a_comment_and_some_html_stays_markdown() -> None:
    doc = ("<!-- my notes -->\n# 2025\n\n- Shipped the export API<br>\n"
           "- Wrote the retry design<p>\n")
    titles = [e.title for e in parse_brag_doc(doc, today=dt.date(2025, 12, 1)).entries]
    assert len(titles) == 2


def test_a_fiscal_year_stated_in_the_opening_dates_the_record() -> None:
    doc = ("# Gordon Pike — contributions, FY2025\n\n"
           "Senior Staff Engineer, API Platform\n"
           "Fiscal year Feb 2025 – Jan 2026. Written 2026-02-06.\n\n"
           "1. Reviewed the API design of 37 new endpoints via the review queue.\n"
           "2. Wrote ADR-0212 on API versioning, adopted by 6 product teams.\n")
    entries = parse_brag_doc(doc, today=dt.date(2026, 2, 6)).entries
    assert {e.date for e in entries} == {DateSpan(dt.date(2025, 2, 1), dt.date(2026, 1, 31))}
    assert all(e.filed for e in entries)


def test_a_fiscal_year_in_the_title_dates_its_quarters() -> None:
    """"FY2025 OKR retro", written in January 2026: its "Q4" is the last quarter of 2025, not
    one still to come. The title gives the year; it is no project, and a period stated under
    it still says which months the fiscal year means."""
    doc = ("# FY2025 OKR retro — Seun (Staff Engineer)\n\n"
           "## Q1 — One event contract\n\n- Wrote the event-contract RFC the forum accepted.\n\n"
           "## Q4 — A data direction\n\n- Briefed the VP staff meeting on the strategy.\n")
    entries = parse_brag_doc(doc, today=dt.date(2026, 1, 14)).entries
    assert [(e.date.start, e.date.end) for e in entries if e.date] == [
        (dt.date(2025, 1, 1), dt.date(2025, 3, 31)), (dt.date(2025, 10, 1), dt.date(2025, 12, 31))]
    assert all(e.project != "FY2025 OKR retro — Seun (Staff Engineer)" for e in entries)
    for written in ("FY 2025", "FY25", "FY'25"):
        titled = parse_brag_doc(f"# Record {written}\n\n- Nov: ran the on-call rotation.\n",
                                today=dt.date(2026, 1, 14)).entries[0]
        assert titled.date == DateSpan(dt.date(2025, 11, 1), dt.date(2025, 11, 30)), written
        assert titled.project is None


def test_a_yearless_quarter_heading_is_the_last_one_begun() -> None:
    """A record that names no year, written in February: "Q3" and "Q4" are last year's."""
    doc = ("## Q3\n\n- Led the billing migration.\n\n## Q4\n\n- Mentored two new hires.\n\n"
           "## Q1\n\n- Wrote the retry design.\n")
    got = _dates(doc, dt.date(2026, 2, 10))
    assert got["Led the billing migration."] == DateSpan(dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    assert got["Mentored two new hires."] == DateSpan(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert got["Wrote the retry design."] == DateSpan(dt.date(2026, 1, 1), dt.date(2026, 3, 31))


def test_a_log_line_opened_by_loose_months_is_dated_by_them() -> None:
    """A notebook's entries open with months as people say them; a month that is a word of
    the sentence ("May the team …") dates nothing."""
    doc = ("- mid-April → end of May — built it. I took the stream job.\n"
           "- late Oct — gave a 20-min talk at the guild on the dedup design.\n"
           "- Aug: wrote an event factory and moved 60% of the tests over.\n"
           "- Nov → Feb | ran the on-call rotation.\n"
           "- May the team keep the runbook I wrote.\n")
    got = _dates(doc, dt.date(2025, 12, 1))
    assert got["built it. I took the stream job."] == DateSpan(dt.date(2025, 4, 1),
                                                               dt.date(2025, 5, 31))
    assert got["gave a 20-min talk at the guild on the dedup design."] == DateSpan(
        dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    assert got["wrote an event factory and moved 60% of the tests over."] == DateSpan(
        dt.date(2025, 8, 1), dt.date(2025, 8, 31))
    assert got["ran the on-call rotation."] == DateSpan(dt.date(2024, 11, 1), dt.date(2025, 2, 28))
    assert "May the team keep the runbook I wrote." in got


def test_an_html_records_items_name_lines_of_the_file() -> None:
    """An HTML page is read as Markdown, but its items are numbered by the page's own lines;
    a one-line fragment never names a line the file does not have."""
    page = ("<html><body>\n<h2>Platform</h2>\n<ul>\n<li>Led the migration of 12 services</li>\n"
            "<li>Mentored two engineers</li>\n</ul>\n</body></html>\n")
    entries = parse_brag_doc(page, today=JAN_2026).entries
    assert [(e.line, e.title) for e in entries] == [
        (4, "Led the migration of 12 services"), (5, "Mentored two engineers")]
    assert [e.line for e in parse_brag_doc("<DIV>0<DIV>-<", today=JAN_2026).entries] == [1]


def test_half_banners_head_a_months_log_and_its_day_numbers_date_the_lines() -> None:
    """A plain-text diary heads its months with half a banner ("--- JAN", in capitals) and
    opens each line with the day ("12 — …"): each line is an item on that day. Half a banner
    of other words is a line of the log."""
    text = ("diary 2026\n\n--- JAN\n12 — drafted the incident process for the org.\n"
            "14 — pulled every SEV1 from last year.\n\n--- FEB\n04 — published the process.\n"
            "--- shipped the fix\n\n## Projects\n3 — moved the services to the new cluster.\n")
    doc = parse_brag_doc(text, today=dt.date(2026, 12, 1))
    dated = [(e.title, e.date, e.section) for e in doc.entries]
    assert dated[0] == ("drafted the incident process for the org.",
                        DateSpan(dt.date(2026, 1, 12), dt.date(2026, 1, 12)), ("JAN",))
    assert dated[1][1] == DateSpan(dt.date(2026, 1, 14), dt.date(2026, 1, 14))
    assert dated[2][1] == DateSpan(dt.date(2026, 2, 4), dt.date(2026, 2, 4))
    assert dated[2][0].startswith("published the process.")
    assert "shipped the fix" in dated[2][0]
    # Under a heading that is no month, a number opening a line is no day.
    assert dated[3][0] == "3 — moved the services to the new cluster."
    assert dated[3][1] is None
    assert not any(e.section == ("shipped the fix",) for e in doc.entries)


def test_a_day_past_the_months_end_is_no_day() -> None:
    doc = parse_brag_doc("## February 2026\n- 31 — moved the services.\n",
                         today=dt.date(2026, 12, 1))
    assert doc.entries[0].title == "31 — moved the services."
    assert doc.entries[0].filed


def test_a_review_forms_goals_hold_the_authors_account_of_the_work_done() -> None:
    """An HR tool's goal ("Goal 1: Deliver X", its weight and rating) is followed by the
    author's account of it ("Self-comments: …", or the label over a list): that is work done,
    not a goal; the plan for next year stays a goal, "Areas to grow (self):" a growth note."""
    doc = parse_brag_doc("""**Annual Performance Review · FY2025**

### Section 1 — Goals

**Goal 1: Deliver Scheduling's migration to the unified identity platform**
Weight: 40% · Self-rating: **Exceeds expectations**

> Self-comments: I owned the design and delivery of moving our 4 services off the legacy
> tokens; all 4 cut over by 14 Sept with zero patient-facing incidents.

**Goal 3: Team health**
Weight: 35%

> Self-comments:
> - Mentored Ngozi; she now does on-call as primary.
> - Led 2 incidents as incident commander and wrote both postmortems.

### Section 3 — Development

**Areas to grow (self):** I want to move toward Staff and lead something across teams.

**Development plan for FY2026:**
1. Lead the Scheduling + Billing shared appointment-model work
""", source="review.md", today=dt.date(2025, 12, 5))
    assert [e.title[:24] for e in doc.entries] == [
        "Self-comments: I owned t", "Mentored Ngozi; she now ", "Led 2 incidents as incid"]
    categories = [n.category for n in doc.notes]
    assert "learning" in categories
    assert categories[-1] == "goal"


def test_a_plain_text_log_typed_without_blank_lines_is_an_item_a_line() -> None:
    """A log typed as one block: its title and legend, a month on a line of its own, then
    lines opened by month and day ("01-06  board pre-read …") set apart by a column's gap.
    Each dated line is an item on its day; the title and legend are kept as a note; the
    month line is when the lines under it are, not an item."""
    text = ("brag doc / Lior B. / Office of the CTO\n"
            "terse on purpose. oldest first. HC = Honeycomb\n"
            "2025-01\n"
            "01-06  board pre-read drafted w/ the CTO on the outage\n"
            "01-14  wrote the cells bet memo for 5 orgs\n"
            "  (reviewed by the 5 VPs one at a time)\n"
            "2025-10\n"
            "10-12  ran the year-2 budget review with the CFO\n"
            "10-29\tproposed resilience week for every product team\n"
            "11-05  peak: one cell lost its primary DB, 4% of bookings hit\n")
    doc = parse_brag_doc(text, today=dt.date(2026, 6, 1))
    dated = [(e.title, e.date) for e in doc.entries]
    assert [t for t, _ in dated] == [
        "board pre-read drafted w/ the CTO on the outage",
        "wrote the cells bet memo for 5 orgs",
        "ran the year-2 budget review with the CFO",
        "proposed resilience week for every product team",
        "peak: one cell lost its primary DB, 4% of bookings hit"]
    day = dt.date
    assert [d for _, d in dated] == [DateSpan(day(2025, 1, 6), day(2025, 1, 6)),
                                     DateSpan(day(2025, 1, 14), day(2025, 1, 14)),
                                     DateSpan(day(2025, 10, 12), day(2025, 10, 12)),
                                     DateSpan(day(2025, 10, 29), day(2025, 10, 29)),
                                     DateSpan(day(2025, 11, 5), day(2025, 11, 5))]
    assert doc.entries[1].details == ("(reviewed by the 5 VPs one at a time)",)
    assert [n.text.splitlines()[0] for n in doc.notes] == ["brag doc / Lior B. / Office of the CTO"]


def test_a_number_range_with_one_space_after_it_stays_words() -> None:
    """Only a separator or a typed column's gap makes "10-12" a day: "10-12 people joined
    the guild" is a count."""
    doc = parse_brag_doc("## 2025\n\n10-12 people came to each session of the course I ran.\n"
                         "01-06 ran the first session.\n", today=dt.date(2026, 6, 1))
    # Neither line opens with a day: one paragraph of prose, filed under the year.
    assert [e.title for e in doc.entries] == [
        "10-12 people came to each session of the course I ran. 01-06 ran the first session."]
    assert doc.entries[0].filed


def test_a_year_told_as_a_moment_or_a_plan_in_the_opening_is_not_the_records_period() -> None:
    from datetime import date

    from staffpath.ledger.bragdoc.parser import parse_brag_doc

    # A promotion statement that opens with when the story began: "in late 2021" is a moment
    # in it, and the sections that follow are four years of work, not items filed under 2021.
    statement = """PROMOTION STATEMENT: DANA REYES
Candidate: Dana Reyes, Senior Staff Engineer

Summary

Since I wrote the first proposal for the billing rebuild in late 2021, I have been
accountable for how the company moves money. This is the record of that work.

Mentoring

- I mentor three engineers on the payments teams.
"""
    doc = parse_brag_doc(statement, source="s.md", today=date(2025, 5, 9))
    assert doc.entries
    assert all(e.date is None for e in doc.entries)
    # A boundary ("started this after my 2024 review") and a plan's name ("the 2026–2028
    # engineering strategy") say when, not what the record covers.
    for opening in ("Work log. Started this after my 2024 review, when Deb said I undersell.",
                    "Summary: I co-wrote the 2026–2028 engineering strategy with the CTO."):
        text = f"{opening}\n\n## Design\n- Reviewed the queue design for Billing.\n"
        assert parse_brag_doc(text, source="o.md", today=date(2025, 5, 9)).entries[0].date \
            is None, opening
    # What a record says it covers still dates its undated items.
    covered = "Notes for 2024, for my review.\n\n## Design\n- Reviewed the queue design.\n"
    span = parse_brag_doc(covered, source="c.md", today=date(2025, 5, 9)).entries[0].date
    assert span is not None
    assert (span.start, span.end) == (date(2024, 1, 1), date(2024, 12, 31))
