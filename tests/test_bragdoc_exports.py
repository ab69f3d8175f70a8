"""Records kept in a chat or exported from a tool as data: a thread's own messages are the
author's work and the replies around them are not; a JSON, JSON Lines or YAML export's records
are read by what their fields say, as a table's columns are."""

from __future__ import annotations

import datetime as dt
import json

from staffpath.ledger.bragdoc.chat import looks_like_chat
from staffpath.ledger.bragdoc.parser import parse_brag_doc
from staffpath.ledger.bragdoc.structured import looks_like_data
from staffpath.ledger.extract.dates import DateSpan, find_dates

JAN_2026 = dt.date(2026, 1, 12)


def _day(y: int, m: int, d: int) -> DateSpan:
    return DateSpan(dt.date(y, m, d), dt.date(y, m, d))


def test_a_chat_threads_own_messages_are_the_work_and_replies_are_not() -> None:
    thread = ("Thread in #brag-docs with Tom (my manager), copied 12 Jan 2026\n\n"
              "--- Tuesday, March 4th, 2025 ---\n"
              "[10:02] maja: shipped the retry queue for webhooks\n"
              "  failed deliveries down from 4% to 0.3%\n"
              "[10:05] tom: nice one\n\n"
              "--- May 19, 2025 ---\n"
              "[16:40] maja: led the incident review for the May 12 outage, wrote the "
              "postmortem\n"
              "[16:41] tom: can you share it in #eng?\n\n"
              "Maja Kowalski  11:30 AM\n"
              "proposal for per-tenant rate limits accepted by the platform group\n"
              "Priya Shah  11:34 AM\n"
              "thanks for pushing this through\n")
    assert looks_like_chat(thread)
    entries = parse_brag_doc(thread, today=JAN_2026).entries
    assert [(e.title, e.date) for e in entries] == [
        ("shipped the retry queue for webhooks", _day(2025, 3, 4)),
        ("led the incident review for the May 12 outage, wrote the postmortem",
         _day(2025, 5, 19)),
        # the poster's full name is the same person as "maja"; the day carries on
        ("proposal for per-tenant rate limits accepted by the platform group",
         _day(2025, 5, 19))]
    assert entries[0].details == ("failed deliveries down from 4% to 0.3%",)


def test_a_chat_with_its_days_in_every_stamp_dates_each_message() -> None:
    thread = "\n".join([
        "[2025-03-04 10:02] maja.k: shipped the retry queue for webhooks",
        "[2025-03-04 10:05] tom: nice",
        "[2025-09-22 11:30] maja.k: rate-limit proposal accepted by the platform group",
        "[2025-09-22 11:31] maja.k: rolling it out to 4 teams next quarter"])
    entries = parse_brag_doc(thread, today=JAN_2026).entries
    assert [e.date for e in entries] == [_day(2025, 3, 4), _day(2025, 9, 22),
                                         _day(2025, 9, 22)]


def test_a_list_with_a_time_in_some_lines_is_no_chat() -> None:
    doc = ("# 2025\n\n- Shipped the export API\n- Cut the 10:00 standup to 10 minutes\n"
           "- Led the review of the ranking design\n- Wrote the retry design\n")
    assert not looks_like_chat(doc)
    assert len(parse_brag_doc(doc, today=JAN_2026).entries) == 4


EXPORT = {
    "employee": "Maja Kowalski",
    "title": "Senior Software Engineer",
    "review_period": "2025-01-01 to 2025-12-31",
    "accomplishments": [
        {"title": "Webhook retry queue", "start_date": "2025-02-01", "end_date": "2025-04-15",
         "role": "Lead", "description": "Designed and built the retry queue with two others",
         "impact": "Failed deliveries down from 4% to 0.3%"},
        {"title": "Rate limits per tenant", "date": "2025-09",
         "description": "Proposal adopted by the platform group, rolling out to 4 teams"},
    ],
    "goals": ["Lead a cross-team project"],
}


def test_a_json_export_reads_each_record_by_its_fields() -> None:
    text = json.dumps(EXPORT, indent=2)
    assert looks_like_data(text)
    doc = parse_brag_doc(text, today=JAN_2026)
    got = {e.title: e for e in doc.entries}
    assert set(got) == {"Webhook retry queue (role: Lead)", "Rate limits per tenant"}
    queue = got["Webhook retry queue (role: Lead)"]
    assert queue.date == DateSpan(dt.date(2025, 2, 1), dt.date(2025, 4, 15))
    assert "Failed deliveries down from 4% to 0.3%" in queue.details
    assert got["Rate limits per tenant"].date == DateSpan(dt.date(2025, 9, 1),
                                                          dt.date(2025, 9, 30))
    # goals are plans, not work done
    assert [n.text for n in doc.notes if "cross-team" in n.text]


def test_an_export_pasted_in_a_records_prose_is_read_as_the_export() -> None:
    """"Pasted from the JSON export of my tracker", then ```json … ```: the block's records are
    items, each numbered by the block's line in the file; the prose after it is read on, by
    its own lines."""
    block = json.dumps({"owner": "Wendell", "entries": [
        {"when": "2024-06 .. 2025-03", "what": "Order Platform consolidation: 4 projects, 7 "
         "teams", "my_part": "Programme lead; ran the fortnightly programme review."},
        {"when": "2024-08 .. 2024-10", "what": "Settled the Pricing and Catalogue conflict "
         "over price at time of order", "my_part": "Wrote the options with both EMs."}]},
        indent=2)
    text = ("# impact tracker\n\nPasted from the JSON export of my tracker.\n\n```json\n"
            + block + "\n```\n\n## Since then\n\n- Shipped the supplier API in May 2025.\n")
    doc = parse_brag_doc(text, source="tracker.md", today=dt.date(2025, 6, 1))
    titles = [e.title for e in doc.entries]
    assert any(t.startswith("Order Platform consolidation") for t in titles)
    assert any(t.startswith("Settled the Pricing and Catalogue conflict") for t in titles)
    fence = text.split("\n").index("```json") + 1
    assert {e.line for e in doc.entries
            if e.title.startswith(("Order Platform", "Settled the Pricing"))} == {fence}
    shipped = next(e for e in doc.entries if e.title.startswith("Shipped the supplier API"))
    assert shipped.line == text.split("\n").index("- Shipped the supplier API in May 2025.") + 1


def test_json_lines_are_one_record_a_line() -> None:
    text = "\n".join(json.dumps(r) for r in [
        {"summary": "Moved billing cron jobs to the scheduler", "resolved": "2025-06-03",
         "status": "Done"},
        {"summary": "Fixed the invoice rounding bug", "resolved": "2025-07-21",
         "status": "Done"}])
    entries = parse_brag_doc(text, today=JAN_2026).entries
    assert [(e.title, e.date) for e in entries] == [
        ("Moved billing cron jobs to the scheduler", _day(2025, 6, 3)),
        ("Fixed the invoice rounding bug", _day(2025, 7, 21))]


def test_a_yaml_file_of_objectives_heads_each_key_result_by_its_objective() -> None:
    text = ("person: Ana Ruiz\nlevel: Staff Engineer\nperiod: H1 2025\nobjectives:\n"
            "  - objective: Cut checkout p99 latency\n    quarter: Q1 2025\n"
            "    key_results:\n"
            "      - kr: p99 under 400ms for all 3 checkout services\n        status: done\n"
            "      - kr: budget alerts in every team's dashboard\n        status: done\n"
            "  - objective: Mentor two seniors toward staff\n    quarter: Q2 2025\n"
            "    key_results:\n"
            "      - kr: Bi-weekly 1:1s with Lee and Sam\n        status: ongoing\n"
            "      - kr: Lee leads the Q3 migration\n        status: done\n")
    entries = parse_brag_doc(text, today=JAN_2026).entries
    q1 = DateSpan(dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert [(e.title, e.date) for e in entries][:2] == [
        ("p99 under 400ms for all 3 checkout services", q1),
        ("budget alerts in every team's dashboard", q1)]
    assert entries[0].project == "Cut checkout p99 latency"
    assert len(entries) == 4


def test_markdown_bullets_with_colons_are_no_yaml() -> None:
    doc = "- Shipped X: the export API\n- Led Y: the ranking review\n- Wrote Z: retries\n"
    assert not looks_like_data(doc)
    assert len(parse_brag_doc(doc, today=JAN_2026).entries) == 3


def test_malformed_json_is_read_as_text_without_error() -> None:
    doc = '{"accomplishments": [{"title": "Shipped the export API", '
    assert not looks_like_data(doc)
    parse_brag_doc(doc, today=JAN_2026)  # never raises on text


def test_a_bare_month_in_prose_is_a_date_only_where_nothing_else_is_meant() -> None:
    def month(text: str) -> list[tuple[int, int]]:
        return [(m.span.start.month, m.span.end.month)
                for m in find_dates(text, default_year=2025)]

    assert month("Shipped the export API in Sept") == [(9, 9)]
    assert month("Built the CSV import (March), used by 40 customers") == [(3, 3)]
    assert month("Moved the jobs to the queue (June–August)") == [(6, 8)]
    assert month("Handed the chair to Laleh by mid-March") == [(3, 3)]
    # a verb or a name is no month
    assert month("May I ask the platform team to review it") == []
    assert month("Paired with Jan on the importer") == []
    assert month("We march on with the rollout") == []


def test_a_month_told_in_an_item_dates_it_unless_the_item_is_filed_under_a_period() -> None:
    filed = ("# 2025 review\n\n"
             "- Led the migration of the notification jobs to the queue (June–August)\n"
             "- Shipped the export API in Sept\n")
    entries = {e.title: e for e in parse_brag_doc(filed, today=JAN_2026).entries}
    moved = entries["Led the migration of the notification jobs to the queue (June–August)"]
    assert moved.date == DateSpan(dt.date(2025, 6, 1), dt.date(2025, 8, 31))
    assert not moved.filed
    # a month in an item filed under the year says when something happened in the work,
    # not how long it ran: the year still dates it
    shipped = entries["Shipped the export API in Sept"]
    assert shipped.filed
    assert shipped.date == DateSpan(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    log = "Things I did lately.\n\n- In May I rewrote the billing retries\n"
    (entry,) = parse_brag_doc(log, today=JAN_2026).entries
    assert entry.date == DateSpan(dt.date(2025, 5, 1), dt.date(2025, 5, 31))


def test_a_review_form_kept_as_yaml_reads_its_answers() -> None:
    text = ("# Exported from the review tool\n"
            "employee: Dana Park\nrole: Software Engineer II\n"
            "review_period: Jan 2025 - Dec 2025\n"
            "self_review:\n"
            "  - question: What were your most significant accomplishments?\n"
            "    answer: |\n"
            "      - Built the CSV import for the admin console, used by 40 customers\n"
            "      - Led the move of the notification jobs to the new queue, with Sam\n"
            "  - question: Where did you grow?\n"
            "    answer: >\n"
            "      I started reviewing more PRs from the mobile team.\n")
    assert looks_like_data(text)
    titles = [e.title for e in parse_brag_doc(text, today=JAN_2026).entries]
    assert titles[:2] == ["Built the CSV import for the admin console, used by 40 customers",
                          "Led the move of the notification jobs to the new queue, with Sam"]


def test_a_records_summary_of_itself_is_no_more_work() -> None:
    doc = ("# 2025\n\n"
           "TL;DR: 2025 was a huge year. I delivered the checkout redesign and cut load time.\n\n"
           "- Built the address autocomplete for the new checkout\n"
           "- Overall I closed 147 tickets this year, more than anyone on the team\n"
           "- Why staff: I have been at the centre of our two biggest launches\n"
           "- Overall latency of the search API down 40% after the cache change\n")
    parsed = parse_brag_doc(doc, today=JAN_2026)
    assert [e.title for e in parsed.entries] == [
        "Built the address autocomplete for the new checkout",
        # "overall" describing the work is no summary of the record
        "Overall latency of the search API down 40% after the cache change"]
    assert len([n for n in parsed.notes if n.category == "other"]) == 3
