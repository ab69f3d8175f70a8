"""A log's named efforts: the names a legend, a ticket prefix or a system's next version gives
them, and the entries of an effort the author leads read as that effort's reach and lead, its
lead running as long as the effort."""

from __future__ import annotations

import datetime as dt

from staffpath.ledger.bragdoc.parser import parse_brag_doc
from staffpath.ledger.extract.efforts import (
    Effort,
    declared_efforts,
    ticket_efforts,
    versioned_efforts,
)
from staffpath.ledger.facts import extract_facts
from staffpath.vocab import Role, Scope


def test_a_legend_names_an_effort_with_its_ticket_prefix_and_channel() -> None:
    found = declared_efforts([
        "terse on purpose. oldest first. HC = Honeycomb (the cell programme), HCMB- in Jira, "
        "#honeycomb-program",
        'newest first · day-level when it matters · "SWB" = Switchboard, ticket prefix SWB-, '
        "channel #switchboard · RFC-0047 is the spec"])
    assert found == [Effort("Honeycomb", ("Honeycomb", "HC"), ("HCMB",), ("honeycomb-program",)),
                     Effort("Switchboard", ("Switchboard", "SWB"), ("SWB",), ("switchboard",))]
    switchboard = found[1]
    assert switchboard.named_in("SWB: 6 of 9 teams migrated.")
    assert switchboard.named_in("SWB-341 — data stays out")
    assert switchboard.named_in("posted the plan in #switchboard")
    assert switchboard.named_in("Switchboard GA. teams 1–3 on it.")
    assert not switchboard.named_in("Switchboards of the old kind")
    assert not switchboard.named_in("asked in #switchboard-help")
    # No legend, no effort: an equation or a comparison in prose names nothing.
    assert declared_efforts(["p99 = 3.1ms at peak", "we had 3 flag systems"]) == []


def test_a_ticket_prefix_used_across_entries_is_an_effort_but_rfcs_and_adrs_are_not() -> None:
    texts = ["HCMB-40 pilot cell", "HCMB-112 router cutover", "closed HCMB-7",
             "RFC-0047 approved", "RFC-0048 draft", "RFC-0049 merged", "QM-1 fixed"]
    assert ticket_efforts(texts) == [Effort("HCMB", (), ("HCMB",))]
    assert ticket_efforts(texts, [Effort("Honeycomb", ("Honeycomb",), ("HCMB",))]) == []


LEGEND = ('log — Bea L., Core Platform\n'
          'newest first · "SWB" = Switchboard, ticket prefix SWB-, channel #switchboard\n\n')
LED_BY_AUTHOR = LEGEND + """\
2026-08-27  Switchboard v2 planning handed to Hana.
2026-05-13  SWB: 6 of 9 teams migrated.
2026-04-15  SWB: policy-admin + billing + broker-portal done.
2026-03-11  Switchboard GA. first three teams on it.
2026-02-25  RFC for Switchboard approved; I ran it through the 9 team leads, who each signed.
2026-01-20  fixed our dev-env bootstrap script.
"""


def _framed(text: str) -> dict[str, tuple[Scope | None, Role | None]]:
    doc = parse_brag_doc(text, today=dt.date(2026, 9, 1))
    out = {}
    for e in doc.entries:
        facts = extract_facts(e.title, "\n".join(e.details), remit=e.remit)
        out[e.title] = (facts.scope, facts.role)
    return out


def test_the_entries_of_an_effort_the_author_leads_reach_as_far_as_the_effort() -> None:
    read = _framed(LED_BY_AUTHOR)
    # Said alone, "done" for three teams is one line; as the effort's, it is led work reaching
    # the nine teams its entries count.
    assert read["SWB: policy-admin + billing + broker-portal done."] == (Scope.TEAMS, Role.LED)
    assert read["Switchboard GA. first three teams on it."][0] is Scope.TEAMS
    # Handing the next phase to Hana is a step of the same effort, at its reach.
    assert read["Switchboard v2 planning handed to Hana."][0] is Scope.TEAMS
    # Work outside the effort is read alone.
    assert read["fixed our dev-env bootstrap script."][0] is not Scope.TEAMS


def test_an_effort_someone_else_leads_frames_nothing() -> None:
    """A senior on a programme a staff engineer runs: the effort reaches nine teams, but the
    author's lines about it are their team's part and keep what they say."""
    text = LEGEND + """\
2026-08-27  Switchboard: our team's services moved.
2026-05-13  SWB: 6 of 9 teams migrated (Priya's programme).
2026-04-15  SWB: 9 teams signed up; I did our team's part.
2026-03-11  Switchboard GA. we were team 2.
2026-02-25  reviewed the Switchboard RFC Priya wrote.
"""
    read = _framed(text)
    assert read["Switchboard GA. we were team 2."][1] is not Role.LED
    assert read["Switchboard: our team's services moved."][0] is not Scope.TEAMS


def test_an_effort_told_within_a_few_weeks_or_in_two_lines_is_not_joined() -> None:
    short = LEGEND + """\
2026-03-20  SWB: policy-admin + billing + broker-portal done.
2026-03-11  Switchboard GA. first three teams on it.
2026-03-02  RFC for Switchboard approved; I ran it through the 9 team leads, who each signed.
2026-03-01  SWB: 6 of 9 teams migrated.
"""
    read = _framed(short)
    assert read["SWB: policy-admin + billing + broker-portal done."][0] is not Scope.TEAMS


def test_a_systems_next_version_is_an_effort_and_its_bare_version_names_it() -> None:
    texts = ["Kickoff for Ledger v2 cutover with the four leads", "Disputes fully on v2.",
             "Checkout v3 design", "Search v3 beta", "Billing 2.0 launched"]
    found = versioned_efforts(texts)
    assert Effort("Ledger v2", ("Ledger v2", "v2")) in found
    # A version two systems share names neither alone; "2.0" alone is no name.
    assert Effort("Checkout v3", ("Checkout v3",)) in found
    assert Effort("Search v3", ("Search v3",)) in found
    assert Effort("Billing 2.0", ("Billing 2.0",)) in found
    assert found[0].named_in("Treasury read path switched to v2 (Marta's team).")
    assert versioned_efforts(["we use python 3 and v2 of the API"]) == []


WEEKLY = """# Weekly snippets — Nadia, Payments Core

## Week of 2025-06-30
- 41 legacy tables dropped.

## Week of 2025-05-05
- Disputes fully on v2. Lin's team's work; I had nothing to do this week on it.

## Week of 2025-04-14
- Treasury read path switched to v2 (Marta's team, 3 engineers).

## Week of 2025-03-31
- 100% dual-write on v2. Every remaining diff explained in a sheet the four leads can see.

## Week of 2025-01-06
- Kickoff for Ledger v2 cutover with the four leads whose systems read the old ledger: Chidi
  (Disputes), Marta (Treasury), Pavel (Risk), Jun (our team). Agreed I coordinate; each team
  owns its own cutover.
"""


def test_the_lead_of_a_versioned_effort_runs_as_long_as_the_effort() -> None:
    doc = parse_brag_doc(WEEKLY, today=dt.date(2025, 7, 1))
    by_title = {e.title.split(" ")[0]: e for e in doc.entries}
    kickoff = by_title["Kickoff"]
    assert kickoff.date is not None
    # The kickoff with the four leads stands for the cutover it led: January to May.
    assert (kickoff.date.start, kickoff.date.end) == (dt.date(2025, 1, 6), dt.date(2025, 5, 11))
    read = _framed(WEEKLY)
    assert read["Treasury read path switched to v2 (Marta's team, 3 engineers)."][0] \
        is Scope.TEAMS
    # The line that names no version is not joined to the effort.
    assert read["41 legacy tables dropped."][0] is not Scope.TEAMS
