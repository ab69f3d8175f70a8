"""Reach and role read from labelled brag-document sentences (tests/data/extraction/).

The floors sit under what the held-out half measures today, so that a change which reads these
facts worse fails here; `python benchmarks/extraction_accuracy.py --show` prints each sentence.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from staffpath.ledger.extract.duration import stated_months
from staffpath.ledger.extract.kind import infer_kind
from staffpath.ledger.facts import extract_facts
from staffpath.vocab import EvidenceKind, Role, Scope

ROOT = Path(__file__).resolve().parent.parent


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "extraction_accuracy", ROOT / "benchmarks" / "extraction_accuracy.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("split", ["tuning", "held_out"])
def test_precision_and_recall_per_fact(split: str) -> None:
    result = _benchmark().measure()[split]
    assert result["reach"]["sentences"] >= 20
    for fact in ("reach", "role"):
        assert result[fact]["precision"] >= 0.8, (fact, result[fact])
        # 80 sentences written blind joined the set with recall near half; the floor sits
        # under today's held-out figures, not at the target. It was 60 % until 150 sentences
        # on who led what (batch blind-2026-12g) joined at 40 % role recall and took the
        # held-out half's role recall to 59 %.
        assert result[fact]["recall"] >= 0.55, (fact, result[fact])


@pytest.mark.parametrize(("text", "reach", "words"), [
    ("Set the technical direction for payments across the whole company.", Scope.COMPANY,
     "across the whole company"),
    ("Rolled out the new on-call rota to all 9 product teams.", Scope.TEAMS, "9 product teams"),
    ("Presented it to the CTO and the board.", Scope.COMPANY, "the CTO"),
    ("Reviewed it with the Search, Data and Checkout teams", Scope.TEAMS,
     "Search, Data and Checkout teams"),
    ("Directors of 3 groups signed it.", Scope.ORG, "Directors"),
    # A unit named as an organisation, and a division, are an organisation's reach.
    ("Wrote the new code review guidelines for the Platform org.", Scope.ORG,
     "the Platform org"),
    ("Retired the legacy gateway across the division.", Scope.ORG, "the division"),
    ("Spearheaded a new lint rule for my team's Python repo.", Scope.TEAM, "my team's"),
    # Helping a team named as another's, the leads of listed teams, an open-source project.
    ("Helped the Identity team by reviewing changes to their auth library.", Scope.TEAMS,
     "the Identity team"),
    ("Facilitated the kickoff between the ML, Data and Product Analytics leads.", Scope.TEAMS,
     "ML, Data and Product Analytics leads"),
    ("Became a maintainer of the open-source gRPC-Web library.", Scope.COMPANY,
     "maintainer of the open-source"),
    ("Chaired the monthly reliability review for the platform org.", Scope.ORG,
     "the platform org"),
    ("Got the Android and iOS leads to share one release train.", Scope.TEAMS,
     "Android and iOS leads"),
    # From the tuning half of the blind batch blind-2026-12b, and their near misses: teams
    # listed with two-word names or named beside one's own, counted in words with their kind
    # between, and the leads or teams of named units are several teams.
    ("Fixed a race in the shared auth middleware that was dropping sessions for the Web, "
     "Mobile and Partner API teams.", Scope.TEAMS, "Web, Mobile and Partner API teams"),
    ("I helped the Identity team and my team land on one token format by writing both options "
     "up side by side.", Scope.TEAMS, "the Identity team and my team"),
    ("Moved the Search and Data Platform teams onto the new cluster.", Scope.TEAMS,
     "Search and Data Platform teams"),
    # One's own team named alone is one team.
    ("Moved my team's jobs onto the new cluster.", Scope.TEAM, "my team's"),
    # Teams counted in words, with their kind between: several teams.
    ("Worked with other engineering teams on the schema.", Scope.TEAMS,
     "other engineering teams"),
    ("Rolled it out to both squads.", Scope.TEAMS, "both squads"),
    ("Onboarded several product teams onto it.", Scope.TEAMS, "several product teams"),
    ("Paired with the mobile teams on the release train.", Scope.TEAMS, "the mobile teams"),
    ("Drove the decision between Kafka and Pulsar with the data and platform leads.",
     Scope.TEAMS, "the data and platform leads"),
    ("Facilitated the architecture review with teams from Payments, Orders and Fraud.",
     Scope.TEAMS, "teams from Payments, Orders and Fraud"),
    ("Mobile and Web use it as well as my team, Payments.", Scope.TEAMS, "my team, Payments"),
    ("Replaced the central review board with BU-level reviews and a company-level one.",
     Scope.COMPANY, "company-level"),
    ("Payroll and Data both claimed the batch clusters.", Scope.TEAMS,
     "Payroll and Data both claimed"),
    # Leads counted by their teams' kind are several teams' leads.
    ("Wrote ADR-88, one license proxy for all clients; accepted by the 3 client leads.",
     Scope.TEAMS, "3 client leads"),
    # A month after one's own team is no team: "from our team, Nov to April".
    ("I led it with three other engineers from our team, Nov to April.", Scope.TEAM,
     "our team"),
    # People on one's team named after it are people, not teams beside it.
    ("Mentoring: I mentor two engineers on my team, Chidi and Freya.", Scope.TEAM, "my team"),
])
def test_reach_keeps_the_words_it_was_read_from(text: str, reach: Scope, words: str) -> None:
    facts = extract_facts(text)
    assert facts.scope is reach
    assert facts.words["reach"] == words


@pytest.mark.parametrize(("text", "role"), [
    # Another team's migration: the author's adapters are a part in it, not a lead.
    ("The migration was owned by the Payments team; I wrote two of the adapters.",
     Role.CONTRIBUTED),
    ("Led by Priya, the ledger migration landed on time; I wrote the backfill.",
     Role.CONTRIBUTED),
    ("Security owns the SOC 2 programme; I fixed the 11 findings in our team's services.",
     Role.CONTRIBUTED),
    ("I paired with Jonas on the feature-flag SDK rollout he was leading.", Role.CONTRIBUTED),
    # Nobody is someone else: a problem nobody owned and the author took is theirs.
    ("Nobody owned it because it sat between three teams, so I took it.", None),
    # A mentee now running sessions is their growth, not someone else's lead of the work.
    ("Sponsored Lina; 2 sessions now run by Lina.", None),
    # "led to" is a cause, "led the industry in" a ranking.
    ("The cache rewrite led to a 35% drop in database load.", None),
    ("We led the industry in adopting passkeys.", None),
    ("I coached the new tech lead of the Growth team through her first quarter.", None),
    ("I drove alignment between the iOS and Android leads on a single release train.",
     Role.LED_LEADERS),
    ("Ran the weekly TL sync for all 11 teams in Consumer during the auth migration.",
     Role.LED_LEADERS),
    ("The tech leads of Orders, Inventory and Shipping each ran their own part of the "
     "migration under the plan I wrote and tracked.", Role.LED_LEADERS),
    # A rule the author wrote that others now follow, use or must use set their direction.
    ("Wrote the incident severity rubric; 3 squads use it.", Role.SET_DIRECTION),
    ("The API versioning policy I drafted is now required for every public endpoint.",
     Role.SET_DIRECTION),
    ("The board approved the data-residency architecture I designed.", Role.SET_DIRECTION),
    # Customers' managers are nobody the author leads; another's design told with a name
    # between commas is still theirs; arranging one meeting is no lead.
    ("I drove the delivery of bulk CSV export for utility account managers. Our tech lead, "
     "Hamid, wrote the design and split it into tickets.", Role.CONTRIBUTED),
    ("Aligned with the Billing team on the column format. I set up the meeting and brought "
     "examples.", None),
    # A record that supports a case supports nobody: "Principal nomination — supporting record".
    ("Principal Engineer nomination — supporting record", None),
    # Another squad's PM, a designer or an analyst as the subject runs their own work.
    ("The Supply squad's PM ran one pricing experiment on Compass in March.", None),
    # A post after a name and a comma is that person's title, not the author's.
    ("Owen Castellanos, Tech Lead, Ledger squad: \"The reconciliation design was mine and "
     "Lukas built it cleanly.\"", None),
    ("Supporting the Payments team's migration with two adapters.", Role.CONTRIBUTED),
    ("Delivered by the Payments group, led by Oren.", None),
    ("Owned the hiring plan for the team's 2 open roles.", Role.LED),
    ("Helped the platform team lead their migration by reviewing PRs.", Role.CONTRIBUTED),
    ("Guided the leads of four teams through the move to the new build system.",
     Role.LED_LEADERS),
    ("Wrote the two-year data strategy for the engineering organisation.", Role.SET_DIRECTION),
    # A date is not a multi-year plan, nor is a tenure; a plan named by its years is.
    ("Outage, 2025-11-28: mobile login failed for two hours for a third of users.", None),
    ("2019 – 2022: co-founder at a delivery start-up.", None),
    ("One of the three company priorities for 2025–2028.", Role.SET_DIRECTION),
    # Leads named in a list are still leads; being made the lead is leading.
    ("Mapped the release with the iOS, Android, API Gateway and QA Automation leads.",
     Role.LED_LEADERS),
    ("The director made me the technical lead for the deadline.", Role.LED),
    ("I own architecture for the mobile apps.", Role.LED),
    ("Owner of the build pipeline since 2023.", Role.LED),
    ("The owner of the billing service asked me to review it.", None),
    ("Programme start: 4 workstream leads (2 iOS, 2 Android), architecture with me.",
     Role.LED_LEADERS),
    ("Moved the 30 services onto the mesh by working through each team's lead.",
     Role.LED_LEADERS),
    # A rule for others set or proposed by the author, then adopted, set the direction.
    ("Set the API versioning policy for all 9 product teams; every team had adopted it.",
     Role.SET_DIRECTION),
    ("Proposed the single event bus that every team has since standardised on.",
     Role.SET_DIRECTION),
    ("Proposed a retry budget; the team lead rejected it.", None),
    ("Pitched in on the Finance team's reconciliation bug hunt for two days.",
     Role.CONTRIBUTED),
    # A lead a relative clause gives to someone else is theirs; keeping its tracker, taking
    # its notes or reviewing second is a supporting part in it.
    ("Kept the tracker for the Kubernetes upgrade, which Raj led.", Role.CONTRIBUTED),
    ("Took notes and tracked the action items at the retro.", Role.CONTRIBUTED),
    ("Was second reviewer on most infrastructure pull requests.", Role.CONTRIBUTED),
    ("Handed the service over to Ravi and stayed on as his reviewer for a quarter.",
     Role.CONTRIBUTED),
    ("Ran the migration; the tracker I kept is now the team's template.", Role.LED),
    # A strategy or case the author wrote or argued, then funded or made the plan.
    ("Wrote and presented the three-year storage strategy; the board funded it in November.",
     Role.SET_DIRECTION),
    ("Spoke at the exec offsite on why we should buy auth; the CTO made it the plan of record.",
     Role.SET_DIRECTION),
    ("Wrote up why we should move to Kafka; the CTO said no.", None),
    # From the tuning half of the blind batch blind-2026-12b, and their near misses: leads
    # coached are leaders led; priorities set are direction; a recommendation others went with
    # is direction whichever order the sentence tells it in; work someone named led is taken
    # part in; a verb after "and" belongs to its sentence's subject.
    ("Coached two newer tech leads through their first quarterly planning; both ran the next "
     "cycle without me in the room.", Role.LED_LEADERS),
    ("Mentored the tech leads of Cards and Loans through their first incident reviews.",
     Role.LED_LEADERS),
    # Coaching one engineer is mentoring, not leading leaders.
    ("Mentored Ana through her first design review.", None),
    ("As the CTO's technical deputy, set engineering priorities for H2 across all four "
     "divisions.", Role.SET_DIRECTION),
    ("Briefed the CEO and CFO on on-prem versus cloud costs; they went with the hybrid plan I "
     "recommended.", Role.SET_DIRECTION),
    # Somebody else's plan chosen is not the author's direction.
    ("Briefed the CEO on cloud costs; they went with the vendor plan.", None),
    # An approval in another sentence does not adopt what the author proposed later.
    ("They approved the budget. I proposed a new on-call rota for my team.", Role.LED),
    ("On the review rotation for the new auth flow, which Sofia led.", Role.CONTRIBUTED),
    # A second verb shares its sentence's subject: Ibrahim ran the waves, not the author.
    ("My part was the webhook handlers. Ibrahim designed the migration and ran the waves.",
     None),
    ("Designed the migration and ran the waves.", Role.LED),
    ("I designed the migration and ran the waves.", Role.LED),
    ("Then designed the migration and ran the waves.", Role.LED),
    ("Scoped the work with Ana and ran the cut-over myself.", Role.LED),
    # Bringing others to one mind, getting teams to move, setting the order of the work.
    ("Brought Payments and Risk to agreement on one refund model.", Role.LED),
    ("Got four teams to adopt the same retry library.", Role.LED),
    ("I set the sequencing for the five teams involved and unblocked them weekly.", Role.LED),
    ("My manager got the teams to agree.", None),
    ("Got the tests to pass on CI.", None),
    ("Wrote the RFC that three teams then built against.", Role.SET_DIRECTION),
    # A lead the text hands to the tech lead's design is no lead of the author's.
    ("Led the implementation of the checkout API from the tech lead's design.", Role.CONTRIBUTED),
    ("Owned the delivery of the tickets my lead broke down for the billing epic.",
     Role.CONTRIBUTED),
    ("Led the build of the export service; the design was our TL's.", Role.CONTRIBUTED),
    ("Led the export service rewrite end to end.", Role.LED),
    # A service owned by a team says who owns it, not that the author only helped.
    ("Split checkout out of the monolith: one order service owned by Cart, payments owned by "
     "Payments.", None),
    # A bracketed aside between a name and its verb leaves the verb that person's.
    ("Ravi (staff, Engine Tools) started and ran it; Ravi did the planning.", Role.CONTRIBUTED),
    ("Hannah Greer (staff, Payments Platform) wrote the migration plan and ran the programme.",
     None),
    ("I (with Mei) led the migration of the ledger.", Role.LED),
    # One piece of an effort someone else ran is a part in it.
    ("Ravi started and ran the working group. I owned one piece: the remote Gradle cache.",
     Role.CONTRIBUTED),
    ("Owned the remote Gradle cache end to end.", Role.LED),
    # What would or will be done is not done.
    ("I don't think either would say I led something for them.", None),
    ("I will lead the checkout split next year.", None),
    ("I would have led it, but Ana took it.", None),
    ("Led the migration; we would never have shipped on time otherwise.", Role.LED),
    ("Led our app's upgrade to React 18; it followed the plan Hana wrote for the three apps.",
     Role.CONTRIBUTED),
    ("My contribution: migrated 4 of the 9 payments screens. Migration plan was by Sofia (our "
     "tech lead).", Role.CONTRIBUTED),
    ("I paired with Sofia (our tech lead) on the design.", None),
    # Speaking for the company outside it leads there.
    ("Arvena's representative on a cloud-provider customer advisory board.", Role.LED),
    ("Our team's representative at the guild.", None),
    # Owning a piece of code is one's own work, not leading anyone's.
    ("I own the CSV/XLSX formatter module for the new export service.", None),
    ("Owned the payments migration end to end.", Role.LED),
    # ... as is a deliverable of one's own: an export, a page, one's tickets, a button's copy.
    ("Owned the CSV/XLSX export for the Population Health report end to end.", None),
    ("Owned end-to-end delivery of 14 table components in the epic.", None),
    ('Owned rollout of new "Apply coupon" button copy.', None),
    ("Owned the settings page redesign with Mia and Tom.", None),
    # A written case for where something should go that other teams put into their plans.
    ("I wrote a short note on where the data layer should go. The iOS, Android and API leads "
     "have put the attachments work into their plans for next half.", Role.SET_DIRECTION),
    ("I wrote a note on how we run retros.", None),
    # Given a problem or a project to own is leading it; being asked to fix or review is not.
    ("Tomás asked me to take the duplicate-events problem.", Role.LED),
    ("My manager asked me to fix the flaky checkout test.", None),
    ("Leila and Ravi asked me to be TL across all three PX teams.", Role.LED),
    ("My manager asked me to review the design.", None),
    # Work split among teams that each own a part, the author keeping the whole, is led
    # through those teams' leads.
    ("Broke the migration into 6 slices each owned by one team. Ines leads slices 1-3, Dev "
     "4-5. I own the sequence and the cross-team contract.", Role.LED_LEADERS),
    # Taking up a habit is one's own work; starting something others then join is leading it.
    ("Omar: PR descriptions too short. I started using the PR template.", None),
    # Built from a plan or a spec someone else wrote: the author did their part.
    ("Owned the entire onboarding redesign end-to-end. Built all 7 new onboarding screens from "
     "Lena's Figma designs and the spec Jules (PM) wrote.", None),
    ("Led the onboarding redesign; Marta did the planning and the tech design doc.",
     Role.CONTRIBUTED),
    ("I started running the weekly incident review for the three backend teams.", Role.LED),
])
def test_role_reads_what_the_sentence_says(text: str, role: Role | None) -> None:
    facts = extract_facts(text)
    assert facts.role is role
    assert ("role" in facts.words) is (role is not None)


def test_a_heading_frames_the_items_under_it() -> None:
    assert extract_facts("Wrote the retry policy", headings=("Partial refunds (lead)",)).role \
        is Role.LED
    assert extract_facts("Helped with the retry policy",
                         headings=("Partial refunds (lead)",)).role is Role.CONTRIBUTED
    assert extract_facts("Wrote the retry policy",
                         headings=("FHIR gateway migration — helped with",)).role \
        is Role.CONTRIBUTED
    assert extract_facts("Wrote the retry policy", headings=("Checkout (contributor)",)).role \
        is Role.CONTRIBUTED


def test_no_heading_makes_a_lead_the_item_hands_to_someone_else_the_authors() -> None:
    text = ("Upgraded our app to React 18. It followed the plan Hana wrote for the three Growth "
            "apps; I did the marketing-site app.")
    assert extract_facts(text, headings=("Led the React 18 migration",)).role \
        is Role.CONTRIBUTED
    assert extract_facts("Upgraded our app to React 18.",
                         headings=("Led the React 18 migration",)).role is Role.LED
    # Someone named ran the effort or its plan: the bold "Spearheaded" over it is the author's
    # gloss. "We ran it" is the author's own group.
    story = ("I built the carrier adapters on the new engine and owned the cutover checklist for "
             "those two carriers. Anika did the overall plan and ran the weekly project meeting.")
    assert extract_facts(story, headings=("Spearheaded the Rates Engine migration",)).role \
        is not Role.LED
    ours = "We ran the migration in three waves; I wrote the cutover runbook."
    assert extract_facts(ours, headings=("Led the Rates Engine migration",)).role is Role.LED


def test_a_documents_title_frames_nothing() -> None:
    """Only a heading's label says how the author took part: a parenthesised word or its last
    segment. Elsewhere a heading names something else ("supporting document")."""
    title = "Principal nomination — supporting document — Tariq, Senior Staff Engineer (Acme)"
    assert extract_facts("I wrote the technical case for the cell architecture",
                         headings=(title,)).role is None
    assert extract_facts("Wrote the retry policy",
                         headings=(title, "Partial refunds (lead)")).role is Role.LED


@pytest.mark.parametrize(("text", "kind"), [
    ("Sponsored @meilin.zhao onto the architecture review chair", EvidenceKind.SPONSORSHIP),
    # Handing someone one's own stage, lead or area is sponsoring them.
    ("I pushed for Jonas to present the sync model at the all-hands instead of me.",
     EvidenceKind.SPONSORSHIP),
    ("Jonas took over the sync library from me in the summer; he runs its roadmap now.",
     EvidenceKind.SPONSORSHIP),
    ("Put Mia forward for the architecture review chair.", EvidenceKind.SPONSORSHIP),
    ("Handed Priya the lead on the billing rewrite.", EvidenceKind.SPONSORSHIP),
    ("Owned the checkout architecture: one cart service and its data model",
     EvidenceKind.DESIGN_DOC),
    # A paragraph's opening sentence says what the work was; the details do not decide it.
    ("Trip management data model. Nobody owned it, so we hired a contractor to patch it.",
     EvidenceKind.DESIGN_DOC),
    # A label of a few words opens the item; the sentence after it says what the work was.
    ("**The payments bet.** Wrote the two-year technical vision with the CTO. Presented it to "
     "the board in May.", EvidenceKind.STRATEGY),
    # A sentence ends after a closing quote too, so the talk is not read as hiring.
    ('Keynote at a regional conference on "one queue for every team." Recruiting credits '
     "twelve hires to it.", EvidenceKind.TALK),
    ("Wrote a 3-page brief for the CISO with a recommendation to remove nine SDKs.",
     EvidenceKind.DESIGN_DOC),
    ("Proposed contract-first API changes plus automated regression on every release.",
     EvidenceKind.DESIGN_DOC),
    ("Co-wrote the company's 2027 plan technology section with the CTO and CPO.",
     EvidenceKind.STRATEGY),
    ("Mistake: the SDK cleanup broke the in-app chat for two days.", EvidenceKind.LEARNING),
    # A memo names the work when the item opens with it, not when it is one detail among many.
    ("Wrote the all-engineering memo explaining the bet, and held six town halls.",
     EvidenceKind.WRITING),
    ("The cloud cost programme took most of the year. Eleven teams each got a target and an "
     "owner, and I wrote a monthly memo on progress.", EvidenceKind.OTHER),
    # Being mentored is the author learning; mentoring someone is mentorship.
    ("moved to Online Services from QA Tools. buddy: Sam Achterberg", EvidenceKind.LEARNING),
    ("Ines, my mentor, pushed me to write the design doc for the cache.", EvidenceKind.LEARNING),
    ("Mentored by Raj on incident command for two quarters.", EvidenceKind.LEARNING),
    ("onboarding buddy for Diego (new grad); wrote the local setup page",
     EvidenceKind.MENTORSHIP),
    ("Mentor: paired with Tom weekly on his first service.", EvidenceKind.MENTORSHIP),
    # Pairing with one person week after week is coaching them, whatever else the line says.
    ("Paired with Bea most weeks since February. She now reviews upload code by herself and "
     "handled the May on-call page alone.", EvidenceKind.MENTORSHIP),
    ("Paired with the platform team on the deploy fix.", EvidenceKind.OTHER),
    # A written comparison of the options is design work.
    ("Wrote the comparison doc for presigned uploads vs keeping our upload proxy; the team "
     "went with presigned.", EvidenceKind.DESIGN_DOC),
    ("Wrote up the options for the cache eviction change.", EvidenceKind.DESIGN_DOC),
])
def test_kind_reads_what_the_work_was(text: str, kind: EvidenceKind) -> None:
    assert infer_kind(text, ()) is kind


@pytest.mark.parametrize(("text", "months"), [
    ("Led an 18-month migration with nine teams", 18),
    ("Landed the rollout through the team leads over 14 months", 14),
    ("Sequenced a year-long flow redesign across the three teams", 12),
    ("Ran the cost programme for two quarters", 6),
    # A plan's horizon is not how long the work ran, and a slip is not a duration.
    ("Wrote the 3-year technical vision with the CTO", None),
    ("It slipped two quarters, so I rebuilt the plan", None),
    ("The launch took 11 weeks", None),
    # How long the work took, and its size told as its length and its people.
    ("It took seven months to land across the three teams.", 7),
    ("The cut-over lasted about a year", 12),
    ("Seven months, 11 engineers across the three teams, four steps", 7),
    ("Two quarters and 3 teams", 6),
    ("Two years ago, 5 people left the team", None),
])
def test_duration_reads_how_long_the_work_ran(text: str, months: int | None) -> None:
    assert stated_months(text) == months


@pytest.mark.parametrize("text", ["Chidi and Anna both joined as their first engineering jobs.",
                                  "One of the teams adopted it.",
                                  "I work on one of the backend teams.",
                                  "I was one of 2 leads on the project.",
                                  "Two leads left the team."])
def test_one_of_the_teams_is_one_team(text: str) -> None:
    assert extract_facts(text).scope in (None, Scope.TEAM)


def test_listed_teams_of_two_word_names_are_counted() -> None:
    facts = extract_facts("Fixed a race dropping sessions for the Web, Mobile and Partner API "
                          "teams.")
    assert facts.teams_count == 3
