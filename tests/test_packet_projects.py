"""The packet tells the case: projects, partly answered questions, the work that closes gaps."""

from __future__ import annotations

import datetime as dt
import textwrap
from decimal import Decimal

from staffpath.assess.engine import assess
from staffpath.assess.signals import Item
from staffpath.framework.model import Framework
from staffpath.ledger.record import EvidenceInput
from staffpath.ledger.service import add_evidence, import_brag_text
from staffpath.packet.closing import closing_work
from staffpath.packet.projects import Piece, group_projects, hard_sentences, project_heading
from staffpath.packet.render import render_packet
from staffpath.packet.service import packet_document
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from staffpath.vocab import EvidenceKind, Role, Scope

AS_OF = dt.date(2026, 11, 21)
D = dt.date


def test_headings_group_items_and_dates_are_not_projects() -> None:
    assert project_heading(["2026", "Q3", "Storage migration"]) == "Storage migration"
    assert project_heading(["Storage migration", "Q3 2026"]) == "Storage migration"
    assert project_heading(["2026", "March"]) is None
    projects = group_projects([
        Piece(1, "Planned the cutover", date_start=D(2025, 1, 5),
              headings=("2025", "Storage migration")),
        Piece(2, "Moved the last tenant", date_start=D(2025, 9, 1),
              headings=("2025", "Storage migration")),
        Piece(3, "Fixed a flaky test", date_start=D(2025, 2, 1), headings=("2025",)),
    ])
    by = {p.name: p for p in projects}
    assert set(by) == {"Storage migration", "Fixed a flaky test"}
    assert by["Storage migration"].items == (1, 2)
    assert (by["Storage migration"].first, by["Storage migration"].last) == (
        D(2025, 1, 5), D(2025, 9, 1))
    assert by["Storage migration"].months == 9


def test_project_given_at_logging_wins_over_the_heading() -> None:
    projects = group_projects([
        Piece(1, "Wrote the rollout plan", date_start=D(2026, 1, 1), project="Payments v2",
              headings=("Q1",)),
        Piece(2, "Ran the load test", date_start=D(2026, 2, 1), project="Payments v2",
              headings=("Reliability",)),
        Piece(3, "Tidied dashboards", date_start=D(2026, 2, 1), headings=("Reliability",)),
    ])
    assert {p.name: p.items for p in projects} == {"Payments v2": (1, 2),
                                                   "Reliability": (3,)}


def test_mined_work_joins_the_self_reported_project_it_backs_up() -> None:
    own = Piece(1, "Led the ledger service split across payments and billing",
                body="Split the ledger service into two.", date_start=D(2026, 3, 1),
                date_end=D(2026, 8, 31), teams=("payments", "billing"), role=Role.LED,
                role_stated=True, scope=Scope.TEAMS)
    by_repo = Piece(10, "Changed code owned by billing", date_start=D(2026, 4, 1),
                    date_end=D(2026, 5, 1), mined=True, repository="acme/ledger")
    by_team = Piece(11, "Reviews for payments", date_start=D(2026, 8, 1), mined=True,
                    teams=("payments",))
    elsewhere = Piece(12, "Commits in acme/website", date_start=D(2026, 4, 1), mined=True,
                      repository="acme/website")
    too_late = Piece(13, "Changed code in acme/ledger", date_start=D(2027, 6, 1), mined=True,
                     repository="acme/ledger")
    projects = group_projects([own, by_repo, by_team, elsewhere, too_late])
    by = {p.name: p for p in projects}
    split = by[own.title]
    assert split.items == (1,)
    assert split.backed_by == (10, 11)
    assert split.cites == (1, 10, 11)
    # Mined work that backs no self-reported project stands by its repository.
    assert by["Code in acme/website"].items == (12,)
    assert by["Code in acme/ledger"].items == (13,)


def test_each_project_tells_role_teams_engineers_timeline_impact_and_difficulty() -> None:
    [p] = group_projects([
        Piece(1, "Led the move of 40 services to the new cluster",
              body="The hardest part was the ambiguity: nobody owned the old one. "
                   "We cut deploy time by 60%. Found 14 risks in review.",
              date_start=D(2025, 3, 1), project="Cluster move", role=Role.LED,
              role_stated=True, scope=Scope.ORG, teams=("infra", "payments"), teams_count=6,
              people=9, impact=0.6, impact_text="deploy time -60%"),
        Piece(2, "Set the migration order with the four leads", date_start=D(2025, 8, 1),
              project="Cluster move", role=Role.LED_LEADERS, role_stated=True,
              scope=Scope.TEAMS, money_per_year=Decimal("250000"),
              body="Pushed back against a big-bang cutover."),
    ])
    assert p.role is Role.LED_LEADERS  # the strongest role among its items
    assert p.scope is Scope.ORG
    assert p.teams == ("infra", "payments")
    assert p.team_reach == 6
    assert p.people == 9
    assert (p.first, p.last, p.months) == (D(2025, 3, 1), D(2025, 8, 1), 6)
    assert p.impact == ("deploy time -60%",)
    assert p.money_per_year == Decimal("250000")
    assert p.hard == ("The hardest part was the ambiguity: nobody owned the old one.",
                      "Pushed back against a big-bang cutover.")
    # A count of risks is an outcome, not a difficulty.
    assert hard_sentences("Found 14 risks in review.") == []
    assert hard_sentences("The risk was losing writes.") == ["The risk was losing writes."]


def test_the_biggest_project_leads() -> None:
    small_recent = Piece(1, "Fixed the build", date_start=D(2026, 10, 1), scope=Scope.TEAM)
    wide_long = Piece(2, "Ran the company-wide auth migration", date_start=D(2025, 1, 1),
                      date_end=D(2026, 6, 1), scope=Scope.COMPANY, role=Role.LED,
                      impact=0.8, teams_count=9)
    middling = Piece(3, "Built a shared widget", date_start=D(2026, 9, 1), scope=Scope.TEAMS)
    assert [p.items[0] for p in group_projects([small_recent, middling, wide_long])] == [2, 3, 1]


def _items(*specs: tuple[str, EvidenceKind, Scope, Role, set[str]]) -> list[Item]:
    return [Item(n, title, kind, D(2026, n, 1), None, scope, frozenset(dims), role)
            for n, (title, kind, scope, role, dims) in enumerate(specs, start=1)]


def test_gap_section_names_at_most_two_pieces_of_work_that_close_the_named_rules(
    framework: Framework,
) -> None:
    items = _items(("Fixed a bug", EvidenceKind.SHIPPED_PROJECT, Scope.TEAM, Role.DID,
                    {"execution"}))
    a = assess(framework, items, as_of=AS_OF, current_level="senior", target_level="staff")
    assert len(a.gaps) >= 4
    work = closing_work(a, framework)
    assert 1 <= len(work) <= 2
    gap_titles = {g.title for g in a.gaps}
    closed = [t for w in work for t in w.closes]
    assert len(closed) == len(set(closed))  # no gap is proposed twice
    assert set(closed) <= gap_titles
    # One piece of work closes two gaps at once (an item counts toward two dimensions at
    # most, as the assessment counts it); the first closes the most.
    assert len(work[0].closes) == 2
    assert all(len(work[0].closes) >= len(w.closes) for w in work)
    # It asks for what every gap it closes asks for: the widest reach and strongest role.
    checks = {d.title: next(c for c in d.checks if c.level == "staff") for d in a.dimensions}
    widest = max(checks[t].min_scope for t in work[0].closes)
    assert f"reaching {widest.label}" in work[0].text


BRAG = textwrap.dedent("""\
    # 2026
    ## Search relevance
    - 2026-02-01: Led the search relevance rework across 4 teams #design
      - The hardest part was the ambiguity: nobody agreed what "relevant" meant.
      - Cut zero-result searches by 40%
    - 2026-07-15: Shipped the new ranking to all markets
    ## Mentoring
    - 2026-04-01: Mentored engineers on design docs #mentoring
    """)


def test_packet_shows_projects_partial_answers_and_closing_work(
    org: Store, framework: Framework,
) -> None:
    with org.session() as session:
        ada = find_person(session, "ada")
        import_brag_text(session, ada, BRAG, document="journals/ada.md", framework=framework,
                         today=AS_OF)
        add_evidence(session, ada, EvidenceInput(
            title="Wrote the checkout rollout plan", date_start=D(2026, 9, 1),
            kind="design_doc", project="Checkout v2", teams=["payments", "checkout"]))
        add_evidence(session, ada, EvidenceInput(
            title="Changed code owned by search", date_start=D(2026, 3, 1),
            date_end=D(2026, 5, 1), kind="cross_team_code", source_type="git",
            extra={"repository": "acme/relevance"}, teams=["search"]))
        doc = packet_document(session, find_person(session, "ada"), framework, as_of=AS_OF)
    by = {a.id: a for a in doc.answers}
    projects = by["projects"]
    titles = [e.title for e in projects.entries]
    assert titles[0] == "Search relevance"
    assert "Checkout v2" in titles
    lead = projects.entries[0]
    facts = {f.label: f.text for f in lead.facts}
    assert facts["Backed by"] == "1 item mined from history"
    assert facts["Teams"] == "several teams: search; 4 teams in all"
    assert facts["My role"] == "led it"
    assert facts["Timeline"] == "Feb 2026 – Jul 2026 (6 months)"
    assert facts["What made it hard"].startswith("\u201cThe hardest part was the ambiguity")
    assert len(lead.cites) == 3
    # Mentoring names nobody and says nothing of what came of it: partly answered, not "yes".
    assert by["mentoring"].status == "partly answered"
    assert by["mentoring"].missing == ("who was mentored", "what they went on to do")
    md = render_packet(doc, "md").decode("utf-8")
    html = render_packet(doc, "html").decode("utf-8")
    assert "| Mentoring and sponsorship | partly answered (missing: who was mentored" in md
    assert "<strong>Partly answered.</strong>" in html
    assert doc.verdict.questions_answered == sum(
        a.status == "answered" for a in doc.answers) + doc.gaps.answered
    assert 1 <= len(doc.gaps.work) <= 2
    assert f"1. **{doc.gaps.work[0].text}**: closes" in md
