"""The remit a document's opening gives its author: several teams when the opening says the
author works across them, nothing when it puts them on one team. Read through the whole path a
brag document takes: the opening frames the items below it that state no reach of their own."""

from __future__ import annotations

import datetime as dt

import pytest

from staffpath.framework.loader import default_framework
from staffpath.ledger.bragdoc.parser import parse_brag_doc
from staffpath.ledger.extract.remit import read_remit
from staffpath.ledger.facts import Facts, archetype_cues
from staffpath.ledger.service import entry_to_input
from staffpath.vocab import EvidenceKind, Scope

TODAY = dt.date(2026, 11, 30)


def remit_of(text: str) -> tuple[Scope, str] | None:
    found = read_remit(text)
    return (found.reach, found.words) if found is not None else None


@pytest.mark.parametrize(("text", "words"), [
    ("Payroll Engine is three teams: Calculation (7 engineers), Filings (6) and Pay-run Ops "
     "(6). I'm the technical lead across all three.", "is three teams"),
    ("The group is three teams: Routing (8 engineers), Driver App (9) and Depot Ops (6).",
     "is three teams"),
    ("(~450 engineers in the studio group; I'm staff eng in Online Tech, no fixed team)",
     "no fixed team"),
    ("The consent and patient-data area is touched by 7 teams; I'm not on any one of them.",
     "touched by 7 teams"),
    ("Dispatch group = Routing, Carrier Integration, Driver App (22 engineers, 3 leads).",
     "Dispatch group = Routing, Carrier Integration, Driver App"),
    ("Pebblecrest Games · Live Services (Events, Store, Social, Player Data) · ~130 engineers",
     "Services (Events, Store, Social, Player Data)"),
    ("I'm a Senior Staff Engineer at Quillfeather. I don't belong to a team.",
     "don't belong to a team"),
    ("I'm the staff engineer across all four squads in Growth.",
     "I'm the staff engineer across all four"),
    ("I'm the tech lead for Checkout, which these days means the Cart, Payments and Tax & "
     "Invoicing teams, about 22 engineers.", "Tax & Invoicing teams"),
])
def test_an_opening_across_several_teams_is_a_remit(text: str, words: str) -> None:
    assert remit_of(text) == (Scope.TEAMS, words)


@pytest.mark.parametrize(("text", "words"), [
    ("Larkspur Travel · Senior Staff Engineer, Booking & Inventory (31 teams, ~320 engineers; "
     "~1,200 engineers company-wide)", "31 teams"),
    ("Northline Telecom · NSO is ~140 engineers in 16 teams · record through Feb 2026",
     "in 16 teams"),
    ("Record for March 2025 – March 2026. Larchmere is ~650 engineers; Platform Group is 14 "
     "teams.", "is 14 teams"),
    ("Our monorepo is used by 14 product teams (~200 engineers).", "used by 14 product teams"),
])
def test_a_unit_of_ten_teams_or_more_is_an_organisation(text: str, words: str) -> None:
    assert remit_of(text) == (Scope.ORG, words)


@pytest.mark.parametrize(("text", "reach", "words"), [
    ("Principal Engineer, Office of the CTO, Thornbury Mutual", Scope.COMPANY,
     "Office of the CTO"),
    ("Consumer marketplace, ~3,000 engineers. Principal in the CTO's office.", Scope.COMPANY,
     "in the CTO's office"),
    ("I work as Declan Moyo's (CTO) deputy on technical matters.", Scope.COMPANY,
     "CTO) deputy"),
    ("Senior Staff Engineer, Office of the SVP Network & Platform Engineering", Scope.ORG,
     "Office of the SVP"),
    ("My VP (Daniel) uses me on the problems that belong to no single director.", Scope.ORG,
     "My VP (Daniel) uses me"),
])
def test_an_executive_office_is_a_remit_at_the_executive_reach(text: str, reach: Scope,
                                                                words: str) -> None:
    assert remit_of(text) == (reach, words)


@pytest.mark.parametrize("text", [
    "I briefed Astrid and the CTO's office for an hour beforehand.",
    "My VP thanked the team in the all-hands.",
    "Tallowmere Freight · Dock Scheduling team (6 engineers, 1 PM, 1 designer)",
    "Senior Software Engineer, Rider App (backend), micromobility app company (~300 engineers)",
    "Office for Civic Services – Digital, about 180 engineers across 24 service teams",
    "Senior Developer, Permits team. The authority has about 180 engineers in 24 teams.",
    "Veridian Commerce (~3,800 engineers, 5 orgs) · Engineer on the Payouts squad",
    "Record for March 2025 – March 2026. Rafaela Iwu (VP, Commerce Platform) ran it.",
    "Team: Seller Tools (web). I work across the codebase a lot.",
    "Engineering org ~900 engineers; I'm on the Checkout team.",
    "The platform is one team: just us.",
    "We took on a problem no single team owned.",  # the problem's, not the author's place
    "I'm on the Payments team; we work with the Cart and Tax teams every week.",
    "Hatchwork is 14 engineers in two squads (Booking and Clinic Admin) plus Tobias. I'm on "
    "Booking (5 engineers incl. me).",
    "I joined Cinderbuild in March 2023 as engineer number nine. We're 28 engineers now, in "
    "four teams. My title is Staff Engineer.",
    "There are 9 squads and I'm the staff engineer.",
    # A post and a team in brackets after a name: "Software Engineer" is a post, not a team.
    "# Promo prep Q&A — Ethan Kowalczyk (Software Engineer, Cart & Checkout Web)",
    "**Lena Marchetti** (Senior Engineer, Storage) — Dec 15, 2025",
])
def test_an_opening_that_places_the_author_on_one_team_is_no_remit(text: str) -> None:
    assert remit_of(text) is None


DOC = """# Sofia — project record
Payroll Engine is three teams: Calculation, Filings and Pay-run Ops. I'm the technical lead
across all three.

- Mar 2025: wrote the rules-format spec and ran a weekly design clinic
- Apr 2025: led the rollout to the whole company's payroll customers
- May 2025: completed the AWS certification
"""


def test_a_header_placing_the_author_on_one_team_holds_for_the_whole_opening() -> None:
    """The opening is read whole: "Team: Booking squad" in a page's properties puts the author
    on one team, though a later note says how the company's squads are made up."""
    doc = parse_brag_doc("""# Brag doc 2024 — Ines Markovic

Owner: Ines Markovic
Role: Staff Engineer
Team: Booking squad
Reports to: Tobias Hahn (CTO)
Period: February 2024 – January 2025
Status: In review

---

> 💡 Context for whoever reads this: Hatchwork is 14 engineers in two squads (Booking and
> Clinic Admin) plus Tobias. Most of this is "we" because it genuinely was.

## Booking engine rewrite
- Wrote the design doc and split the work into six milestones
""", today=TODAY)
    assert doc.entries[0].remit is None


def test_items_without_their_own_reach_take_the_remit_and_say_where_it_came_from() -> None:
    doc = parse_brag_doc(DOC, today=TODAY)
    spec, _rollout, book = doc.entries
    framework = default_framework()
    facts = [Facts.from_dict(entry_to_input(e, document="d.md", framework=framework)
                             .extra["extracted"]) for e in doc.entries]
    assert spec.remit == (Scope.TEAMS, "is three teams")
    assert facts[0].scope is Scope.TEAMS
    assert facts[0].words["reach"] == "remit: is three teams"
    assert facts[1].scope is Scope.COMPANY  # its own words say more than the remit
    assert book.kind is EvidenceKind.LEARNING
    assert facts[2].scope is None


def test_a_role_taken_on_in_the_record_frames_the_work_from_then_on() -> None:
    """"Became tech lead for the Live Ops cluster: A, B, C" in January's entries: the work after
    it is across those teams, as an opening's remit would say; before it, nothing is framed."""
    doc = parse_brag_doc("""# 2025 — Maya, Live Ops

**December 2024**
- Fixed the event scheduler's timezone bug

**January**
- Became tech lead for the Live Ops cluster: Events Client, Events Backend, LiveOps Tools.
- Wrote "Events without client releases", data-driven event definitions

**February**
- Took over as tech lead across the three provisioning teams after Ahmed left.
""", today=TODAY)
    before, role, spec, _other = doc.entries
    assert before.remit is None
    assert role.remit == spec.remit == (
        Scope.TEAMS, "cluster: Events Client, Events Backend, LiveOps Tools")


def test_a_role_taken_on_frames_the_work_dated_after_it_in_a_log_written_newest_first() -> None:
    """A quarterly log written newest first tells the role taken on below the work it framed:
    the work dated from the role on is across its teams, wherever the record tells it; the work
    before the role, told after it, is not."""
    doc = parse_brag_doc("""# Work log — Sam, Patient Experience

## Q2 2025
- Merged the three separate on-call rotations into one rotation with a shared runbook.

## Q1 2025
- Broke the migration into six slices and set the order.

## Q4 2024
- Leila (EM, Booking) and Ravi (EM, Reminders) asked me to be TL across all three PX teams.
- Fixed the reminder retry bug before the handover.
""", today=TODAY)
    rotations, slices, role, bug = doc.entries
    framed = (Scope.TEAMS, "across all three PX teams")
    assert rotations.remit == slices.remit == role.remit == framed
    assert bug.date is not None
    assert role.date is not None
    assert bug.date.start >= role.date.start  # the same quarter: framed too
    assert bug.remit == framed


def test_work_dated_before_the_role_is_not_framed_by_it() -> None:
    doc = parse_brag_doc("""# 2025 log

- 2025-06-02 — My director made me the tech lead across the four checkout teams.
- 2025-03-10 — Fixed the coupon rounding bug.
- 2025-08-01 — Wrote the checkout error-budget policy.
""", today=TODAY)
    role, before, after = doc.entries
    assert role.remit == after.remit == (Scope.TEAMS, "across the four checkout teams")
    assert before.remit is None


def test_a_role_taken_on_over_work_whose_reach_the_item_states_frames_what_follows() -> None:
    """"Ines asked me to own the architecture" of a company bet: the role's reach is the one
    the item states, and it frames the work dated from then on; asked to own one page, the
    author's reach is no wider than before."""
    doc = parse_brag_doc("""# log

### 2024 Q1
- Wrote a memo on regional cells for the VPs.

### 2024 Q2
- Approved as a company bet for FY25–FY27. Ines asked me to own the architecture.

### 2024 Q3
- First cell live for Identity only. Shadow mode.
""", today=TODAY)
    memo, role, cell = doc.entries
    assert memo.remit is None
    assert role.remit is not None
    assert role.remit[0] is Scope.COMPANY
    assert cell.remit == role.remit
    small = parse_brag_doc("""# log
- 2025-02-01 — My lead asked me to own the settings page.
- 2025-03-01 — Shipped the settings page.
""", today=TODAY)
    assert all(e.remit is None for e in small.entries)


@pytest.mark.parametrize(("text", "words"), [
    ("Took over as tech lead across the three provisioning teams after Ahmed left.",
     "across the three provisioning teams"),
    ("In March 2025, I became the staff engineer for the Payments group: Ledger, Payouts, Risk.",
     "group: Ledger, Payouts, Risk"),
])
def test_a_standing_role_names_its_teams(text: str, words: str) -> None:
    found = read_remit(text)
    assert found is not None
    assert (found.reach, found.words) == (Scope.TEAMS, words)


@pytest.mark.parametrize(("text", "reach", "words"), [
    ("**Home team:** Platform Engineering (16 teams, about 140 engineers)", Scope.ORG,
     "Platform Engineering (16 teams"),
    ("Team: Payments Platform (3 teams, 30 engineers)", Scope.TEAMS, "Payments Platform (3 teams"),
])
def test_the_authors_own_unit_counted_in_teams_is_a_remit(text: str, reach: Scope,
                                                           words: str) -> None:
    found = read_remit(text)
    assert found is not None
    assert (found.reach, found.words) == (reach, words)


def test_a_team_of_people_is_not_a_remit_of_teams() -> None:
    assert read_remit("Took over as lead developer on the team: four developers, a tester") is None


def test_a_document_on_one_team_frames_nothing() -> None:
    doc = parse_brag_doc("# Noor — Billing team\n\n- Mar 2025: shipped the invoice export\n",
                         today=TODAY)
    assert doc.entries[0].remit is None


def test_the_shape_the_opening_names_frames_every_item_of_the_author() -> None:
    doc = parse_brag_doc(
        "# Margarethe — Principal Engineer, Office of the CTO\n\n"
        "I work as the CTO's deputy on technical matters.\n\n"
        "- Mar 2025: wrote the data-residency plan\n"
        "- Apr 2025: completed the AWS certification\n", today=TODAY)
    plan, course = doc.entries
    framework = default_framework()
    assert plan.shape_cues == ("right_hand",)
    made = [Facts.from_dict(entry_to_input(e, document="d.md", framework=framework)
                            .extra["extracted"]) for e in (plan, course)]
    assert made[0].framing == ("right_hand",)
    assert made[0].cues == ()  # the item's own words name no shape
    assert made[1].framing == ()  # what the author learned is not the shape of their role


@pytest.mark.parametrize(("text", "shape"), [
    # a small cluster of related teams: the tech lead's
    ("Payroll Engine is three teams. I'm the technical lead across all three.", "tech_lead"),
    ("Dispatch group = Routing, Carrier Integration, Driver App", "tech_lead"),
    # an area the teams touch: the architect's
    ("The consent area is touched by 7 teams; I'm not on any one of them.", "architect"),
    ("It isn't a team; it's five teams that all touch it.", "architect"),
    # no home team: the solver's
    ("I don't belong to a team. I take problems that sit between groups.", "solver"),
    # an executive's office: the right hand's
    ("Senior Staff Engineer, Office of the SVP Network & Platform", "right_hand"),
    # an organisation is no small cluster
    ("Booking & Inventory is 31 teams.", None),
])
def test_the_kind_of_remit_is_a_staff_shape_in_the_framework_words(text: str,
                                                                  shape: str | None) -> None:
    found = read_remit(text)
    assert found is not None
    assert found.shape == shape


def test_solver_words_are_the_solver_cue() -> None:
    assert "solver" in archetype_cues(
        "I move to whichever playback problem is hurting most, stay until it's fixed, and "
        "hand it back to the owning teams.")
    assert "solver" not in archetype_cues("Moved the billing jobs onto the new queue.")
