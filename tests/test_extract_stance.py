"""Lines that look like work and are not the author's: plans, events attended, someone else's
lead, negated roles. Each is read through the whole path a brag document takes."""

from __future__ import annotations

import datetime as dt

import pytest

from staffpath.ledger.bragdoc.parser import parse_brag_doc
from staffpath.ledger.extract.kind import infer_kind
from staffpath.ledger.extract.role import role_and_words
from staffpath.ledger.extract.stance import attended, intended, negated, others_subject
from staffpath.ledger.facts import extract_facts
from staffpath.vocab import EvidenceKind, Role, Scope

TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(("text", "words"), [
    ("I plan to lead the org-wide observability strategy next year.", "I plan to"),
    ("Will own the platform roadmap from Q1", "Will"),
    ("Next: one external conference talk", "Next"),
    ("Next quarter: migrate billing to the new ledger", "Next quarter"),
    ("I'd like to run the architecture guild", "I'd like to"),
    ("We are going to split the monolith in 2027", "We are going to"),
    ("Hoping to mentor two new seniors", "Hoping to"),
    # A time may open the intention; an expectation is no result yet.
    ("In August I will write the design doc, comparing two approaches.", "In August I will"),
    ("I expect it to be done by December and to halve late invoices.", "I expect it"),
    # A wish in the infinitive, listed under "To get there I would like:".
    ("To own a larger architectural initiative end to end.", "To"),
    ("To be given a mentee formally.", "To"),
])
def test_plans_are_read_as_plans(text: str, words: str) -> None:
    assert intended(text) == words


@pytest.mark.parametrize("text", [
    "Will and I migrated the payments database",  # a person called Will
    "Willing reviewers doubled after the guild started",
    "Planned and led the search migration across 4 teams",
    "Next quarter: migrate billing. Shipped the first half in May.",  # done work follows
    "Led the 2027 planning for the data group",
    "In August I wrote the design doc.",
    "By March we had cut costs by 30%.",
    "I expected it to take a week; it took three.",
    "To cut toil, wrote a bot that pages less.",
    "Together with Ana I led the migration.",
])
def test_done_work_is_not_a_plan(text: str) -> None:
    assert intended(text) is None


@pytest.mark.parametrize("text", [
    "Attended the company-wide architecture summit run by our CTO.",
    "Watched all the re:Invent talks on DynamoDB",
    "Read 'Staff Engineer' by Will Larson",
    "Completed the AWS Solutions Architect certification",
    "Went to KubeCon",
    "Took part in the staff forum.",
    "I was participating to the Architecture Guild every two weeks since January.",
])
def test_events_attended(text: str) -> None:
    assert attended(text) is not None
    assert infer_kind(text, ()) is EvidenceKind.LEARNING
    facts = extract_facts(text)
    assert facts.role is Role.CONTRIBUTED
    assert facts.scope is None  # the event's reach is its organisers'


@pytest.mark.parametrize("text", [
    "Attended KubeCon and presented our caching work to 300 people",
    "Went to 5 customer calls, then wrote the spec",
    "Took part in the staff forum and proposed the RFC template six teams adopted",
    "Read 'Staff Engineer' and shared notes with the guild",
    "Completed the migration of 40 services to the new mesh",
])
def test_work_done_at_an_event_is_work(text: str) -> None:
    assert attended(text) is None


@pytest.mark.parametrize(("text", "who"), [
    ("My manager led the migration of all 12 services; I updated two Helm charts", "My manager"),
    ("Priya led the migration; I wrote the tests", "Priya"),
    ("Our CTO, who led the effort, asked for a summary", "who"),
    ("The team lead ran the incident and I took notes", "The team lead"),
    ("She drove the rollout with the SRE team", "She"),
    # A team named as the subject leads its own work.
    ("This year, Payments team led it with their staff engineer; I joined the working group",
     "Payments team"),
    ("The Payments team led it with their tech leads", "The Payments team"),
])
def test_someone_elses_lead_is_not_the_authors_role(text: str, who: str) -> None:
    cue = next(v for v in ("led", "ran", "drove") if f" {v} " in text)
    assert others_subject(text, text.index(f" {cue} ") + 1, cue) == who
    assert role_and_words(text)[0] in (None, Role.CONTRIBUTED)


@pytest.mark.parametrize(("text", "role"), [
    ("Led the migration of all 12 services", Role.LED),
    ("In March led the rollout of the new cache", Role.LED),
    ("Joanna made me the technical lead for the channel rebuild", Role.LED),
    ("Agreed with the EMs to try test selection by affected package", Role.LED_LEADERS),
    ("Astrid adopted it as the organisation's strategy in June", Role.SET_DIRECTION),
    ("My team and I led the move to the new region", Role.LED),
])
def test_the_authors_own_cues_stay_theirs(text: str, role: Role) -> None:
    assert role_and_words(text)[0] is role


@pytest.mark.parametrize(("text", "role"), [
    # A title in brackets after a name is that person's, not the author's.
    ("Built the emails. Design and sequencing from Aisha (tech lead); I did the build", None),
    ("Partial refunds (lead)", Role.LED),
    ("Checkout Revamp (lead)", Role.LED),
    # Running a script or the tests is not running people's work.
    ("The refund job failed; I fixed the path and re-ran it", None),
    ("Ran the tests nightly against staging", None),
    ("Ran the incident review for the outage", Role.LED),
    # Somebody else helping the author, or joining, is not the author's part in their work;
    # helping a named person do something is coaching them.
    ("I wrote the ADR for the expiry (Gareth helped me frame the options)", None),
    ("Paired with Ines on her first two tickets after she joined in April", None),
    ("Helped Eszter write her first cross-team proposal", None),
    ("Helped the platform team with the migration", Role.CONTRIBUTED),
    # A lead the text hands to someone else: the author did their part.
    ("Led the effort to add dark mode (design came from Lina, I implemented it)", Role.CONTRIBUTED),
    ("Led the parser rewrite; followed Jakub's design", Role.CONTRIBUTED),
    ("Led the move of 9 cron jobs to Celery beat, working from the job list and approach in "
     "Hannah's migration doc", Role.CONTRIBUTED),
    ("Drove the search reindex, going off Priya's rollout plan", Role.CONTRIBUTED),
    # Someone else's design, the author's one part of it.
    ('Cross-play lobby: Marguerite wrote the design, I took the "identity mapping" part',
     Role.CONTRIBUTED),
    ("Took the payments slice of the checkout rebuild", Role.CONTRIBUTED),
    # The author's own design, the author's own plan: still theirs to lead.
    ("Led the cache rollout; I wrote the design and the plan myself", Role.LED),
    ("Led the migration, working from my own plan", Role.LED),
    ("Led the cache rollout. Then wrote the design for the next phase", Role.LED),
])
def test_bracketed_titles_and_running_things(text: str, role: Role | None) -> None:
    assert role_and_words(text)[0] is role


def test_a_negated_lead_is_no_lead() -> None:
    text = "Did not lead the incident review, but took notes for it."
    assert negated(text, text.index("lead"))
    # No lead; the notes were a supporting part in the review.
    assert role_and_words(text)[0] is Role.CONTRIBUTED
    assert role_and_words("I didn't lead the build; their staff engineer did.")[0] is None


def test_a_proposal_others_adopted_set_the_direction() -> None:
    text = ("I wrote that up as a short paper with a recommendation: active-active for the "
            "purchase path only. Daniel took it to his directors in October and they adopted it.")
    role, words = role_and_words(text)
    assert role is Role.SET_DIRECTION
    assert words is not None
    assert "paper" in words
    assert "adopted" in words
    # Not adopted (yet), or adoption denied: no direction set.
    assert role_and_words("Wrote a proposal for a shared cache; it was not adopted.")[0] \
        is not Role.SET_DIRECTION


def test_a_brag_document_of_traps_reads_as_the_authors_own_work() -> None:
    text = """# 2026

- Attended the company-wide architecture summit run by our CTO.
- My manager led the migration of all 12 services to Kubernetes; I updated two Helm charts.
- I plan to lead the org-wide observability strategy next year.
- Did not lead the incident review, but took notes for it.
- Fixed 14 bugs in the checkout service.
"""
    doc = parse_brag_doc(text, source="traps.md", today=TODAY)
    titles = [e.title for e in doc.entries]
    assert not any("plan to lead" in t for t in titles)
    assert [n.category for n in doc.notes if "plan to lead" in n.text] == ["goal"]
    facts = {e.title[:12]: extract_facts(e.title) for e in doc.entries}
    assert facts["Attended the"].scope is None
    # took part in the migration their manager led: contributed, led nothing
    assert facts["My manager l"].role is Role.CONTRIBUTED
    # led nothing; taking the notes was a supporting part in it
    assert facts["Did not lead"].role is Role.CONTRIBUTED
    assert all(f.role is not Role.SET_DIRECTION and (f.scope or Scope.SELF) <= Scope.TEAMS
               for f in facts.values())


@pytest.mark.parametrize(("text", "role", "scope"), [
    # Reading logs or postmortems to find a cause is work; reading a book is learning.
    ("Read the last 3 event postmortems and found the same pattern each time", None, None),
    ("Completed the payments module and its tests", None, None),
    # Test cases approved are not a direction others adopted; a talk proposal accepted either.
    ("Wrote 40 test cases for the parser; the PR was approved", None, None),
    ("My conference talk proposal was accepted", None, None),
    # Product managers are peers, not other teams' leaders.
    ("Worked with the product managers on the Q3 scope", None, None),
    # Heads of queues and engineers on one's own team are not an organisation.
    ("Moved the job to the head of the queue", None, None),
    ("Wrote a testing guide for all engineers on my team", None, Scope.TEAM),
    ("Still own the billing service alerts", Role.LED, None),
])
def test_readings_that_must_not_inflate(text: str, role: Role | None,
                                        scope: Scope | None) -> None:
    facts = extract_facts(text)
    assert facts.role is role
    assert facts.scope is scope


def test_a_result_after_a_label_is_not_a_plan() -> None:
    assert intended("Impact: will save about $2M a year once the last region moves") is None
    assert intended("Ready for staff: I want to own the frontend architecture") is not None


@pytest.mark.parametrize(("text", "role"), [
    # An aside about someone just named is theirs: Mei joined, not the author.
    ("I mentor Mei (engineer, joined last year). We meet every two weeks.", None),
    ("Worked with Priya (she led the migration) on the cutover.", None),
    # An aside that opens a line, or names the author, is the author's.
    ("Payments incident (ran the response, 2h).", Role.LED),
    ("Checkout Revamp (led it with two engineers).", Role.LED),
    ("Paired with Tom (I had joined his rotation) on the alerts.", Role.CONTRIBUTED),
    # Joining the company is no lead; starting something others join is.
    ("Onboarding buddy for Diego (new grad); wrote the setup page I lacked when I started.",
     None),
    ("I started to own the release process in May.", Role.LED),
    ("I started the platform guild; 30 engineers now attend.", Role.LED),
])
def test_asides_and_starting_out_are_read_for_whose_they_are(text: str, role: Role | None
                                                              ) -> None:
    assert role_and_words(text)[0] is role


@pytest.mark.parametrize(("text", "attended_words"), [
    ("Architecture Review Board — attend (recurring, Q3)", "Architecture Review Board — attend"),
    ("Staff summit: attended", "Staff summit: attended"),
    ("Payments design review - attended and presented the migration plan", None),
    ("Led the incident — attendees from 4 teams", None),
])
def test_an_event_marked_attended_after_its_name(text: str, attended_words: str | None
                                                 ) -> None:
    assert attended(text) == attended_words


@pytest.mark.parametrize(("text", "kind"), [
    ("Bump containerd on all node pools. Rolled across 14 clusters, no incidents.",
     EvidenceKind.OTHER),
    ("Migrated the cache to the new cluster without an outage.", EvidenceKind.MIGRATION),
    ("Led the incident review for the SEV-1.", EvidenceKind.INCIDENT),
])
def test_a_kind_of_work_the_words_say_did_not_happen_does_not_name_the_work(
        text: str, kind: EvidenceKind) -> None:
    assert infer_kind(text, ()) is kind


@pytest.mark.parametrize(("text", "role"), [
    ("Move production off Heroku\nRole: Lead", Role.LED),
    ("Incident: label printing down\nRole: Incident lead", Role.LED),
    ("Help: DHL webhook retries\nRole: Helper", Role.CONTRIBUTED),
])
def test_a_role_field_states_the_authors_part(text: str, role: Role) -> None:
    assert role_and_words(text)[0] is role


@pytest.mark.parametrize(("text", "kind"), [
    ("Engineering all-hands: 5-minute lightning demo of the build-status bot to ~300 engineers.",
     EvidenceKind.TALK),
    ("demoed the export at the all-hands (whole company, ~60 people on Zoom)", EvidenceKind.TALK),
    ("Built a demo environment for the sales team", EvidenceKind.OTHER),
])
def test_a_demo_given_at_an_event_is_a_talk_to_its_audience(text: str,
                                                              kind: EvidenceKind) -> None:
    assert infer_kind(text, ()) is kind
