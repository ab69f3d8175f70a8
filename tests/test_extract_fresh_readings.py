"""Readings found on a fresh set of blind labelled sentences (its tuning half): a grand verb
on one's own small work is no lead; the leads of several teams, each doing their part while the
author ran the whole, are led through; a rule, a measure or an architecture others now follow
sets their direction; input on someone else's work is contributing to it; a division named,
an engineering all-hands and the company's every service or customer are read at their reach."""

from __future__ import annotations

import pytest

from staffpath.ledger.extract.kind import infer_kind
from staffpath.ledger.extract.role import extract_role
from staffpath.ledger.extract.scope import extract_scope_words
from staffpath.vocab import EvidenceKind, Role, Scope


@pytest.mark.parametrize(("text", "role"), [
    ("Spearheaded an update to the onboarding README for our team's service.", None),
    ("Orchestrated the strategic realignment of our team's Slack channel topics.", None),
    # Leading one ticket is doing it; a ticket among others the author led stays a lead.
    ('Led the fix for the "add to basket" double-click bug (STF-2287).', None),
    ("Led PAY-412, the refund retry fix, end to end.", None),
    ("Led the PAY-412 rollout across the three payments teams.", Role.LED),
    ("Led PAY-412 with Amir and Jo pairing on the rollout.", Role.LED),
    # Input handed to someone else's planning, a slot in a recurring meeting: not leading.
    ("Owned Q4 planning input for checkout-web (listed 6 tech-debt items in squad doc)", None),
    ("Owned the Q4 planning for the three checkout teams", Role.LED),
    ("Led deep-dive on checkout latency in Arch Sync (weekly) — raised a question", None),
    ("Led the deep-dive into the payments outage with three teams", Role.LED),
    ("Spearheaded the move to typed configs with the three of us on the team", Role.LED),
    # The author's own design is theirs to write, not a lead of anyone; a plan or proposal of
    # theirs others then followed still leads.
    ("asked Mei for feedback on my design doc for event templates", None),
    # Dividing the work into pieces that each have an owner is leading it.
    ("Split the Temporal migration into 4 pieces with one owner each: Anil (retries), Sofía "
     "(test harness), Grace (cutover)", Role.LED),
    ("Broke the work into three streams, each with its own owner", Role.LED),
    ("Split my PR into 6 smaller PRs after review feedback", None),
    # Running software is not leading anyone; running the team's meeting still is.
    ("Wrote the onboarding doc section for running the editor locally", None),
    ("Running the weekly sync with Billing and Tax until the invoicing change lands", Role.LED),
    ("My proposal to split the ledger was adopted by the three payments teams",
     Role.SET_DIRECTION),
    ("Championed the on-call handbook across teams", Role.LED),
    ("Accountable for the data-centre exit: three workstreams, eleven engineers.", Role.LED),
    ("Kept the leads of all eleven Core Services teams moving through the upgrade.",
     Role.LED_LEADERS),
    ("Ran the programme that moved Payments off the legacy queue; each team's lead owned their "
     "own cut-over while I kept the plan.", Role.LED_LEADERS),
    ("Coordinated the architects of Retail, Logistics and Finance on one identity model.",
     Role.LED_LEADERS),
    ("Set the API versioning rules that the four mobile backend teams now follow.",
     Role.SET_DIRECTION),
    ("Decided the architecture for the event-sourcing rewrite; the other engineers built to it.",
     Role.SET_DIRECTION),
    ("Made the case to the CEO and board for leaving self-run Kafka, and they approved the plan.",
     Role.SET_DIRECTION),
    ("Gave feedback on the Security team's company-wide secrets-rotation plan.",
     Role.CONTRIBUTED),
    ("Reviewed Jonah's design doc for Nova. Left comments on naming.", Role.CONTRIBUTED),
    ("Attended the quarterly architecture review and asked about idempotency keys.",
     Role.CONTRIBUTED),
    ("Was on the bridge for the outage and kept the timeline doc current while Priya ran the "
     "response.", Role.CONTRIBUTED),
])
def test_the_authors_part(text: str, role: Role | None) -> None:
    assert extract_role(text) is role


@pytest.mark.parametrize(("text", "role"), [
    # something the author made that the teams then took up sets direction
    ("Not a big deal but the lint config I put together got copied by pretty much every team "
     "in the engineering dept.", Role.SET_DIRECTION),
    ("I make the proposal for common logging format, after that all squads of the Cards tribe "
     "use it.", Role.SET_DIRECTION),
    ("I put together a lint config for my own projects.", None),
    # the leads each doing their part while the author keeps the whole leads through them
    ("Tech lead for the ledger split across Payments and Risk: I ran the weekly sync, and the "
     "two teams' leads each delivered their half.", Role.LED_LEADERS),
    ("The leads of Matchmaking, Store and Social each moved their own services to the new "
     "session token on the dates I set.", Role.LED_LEADERS),
    ("Set up a weekly sync for the leads of the EHR interface, pharmacy and lab teams; each "
     "owns their piece of the change, I keep the dates straight.", Role.LED_LEADERS),
    ("The leads each shipped their part.", None),
    ("I met the leads each week.", None),
    # the incident commander ran the response; one reviewer of many took part
    ("Was IC for the SEV-1 on the pharmacy dispensing API, had 4 teams on the bridge.",
     Role.LED),
    ("Was one of ~12 reviewers on the Platform org's new API guidelines.", Role.CONTRIBUTED),
    # answering a page on one's own shift and handing it on is the rota's duty; commanding
    # a response across teams leads it
    ("Led incident response for the Payouts 500 errors while on-call: acknowledged the page, "
     "escalated to Hana, who found the bad feature-flag config, and performed the rollback.",
     None),
    ("I was on call and led the response for the SEV1 with 4 teams on the bridge; Ana found "
     "the cause.", Role.LED),
])
def test_what_others_took_up(text: str, role: Role | None) -> None:
    assert extract_role(text) is role


@pytest.mark.parametrize(("text", "reach"), [
    ("Incident commander for the SEV-1 that froze deploys across the whole Marketplace "
     "division.", Scope.ORG),
    ("we made the on-call redesign for whole Infra org", Scope.ORG),
    ("Gave the talk at the engineering all-hands, roughly 300 engineers.", Scope.ORG),
    ("Demoed it at the company all-hands.", Scope.COMPANY),
    # a division's all-hands is the division's; a fix given back to an outside project reaches
    # beyond the company
    ("Presented the new incident review format at the Platform division all-hands.", Scope.ORG),
    ("Upstreamed my fix for the DMA timeout into Zephyr RTOS main.", Scope.COMPANY),
    # what the author's team owns is the team's; one's own tools and study are one's own
    ("Reviewed most of Ana's PRs for our new claims intake form.", Scope.TEAM),
    ("Onboarded the two new grads on our squad.", Scope.TEAM),
    ("Kept the Android, iOS and backend leads' plans in one sequence for v5.", Scope.TEAMS),
    ("Set up my dotfiles repo so a fresh laptop is ready in 20 minutes.", Scope.SELF),
    ("Studied for and passed the AWS Solutions Architect Associate exam.", Scope.SELF),
    ("Finished the Rust book incl. all the exercises.", Scope.SELF),
    ("Tuned the JVM flags in the base image, cutting memory on every service in the company.",
     Scope.COMPANY),
    ("Fixed the timezone bug that had put wrong dates on every customer's invoices.",
     Scope.COMPANY),
    ("Open-sourced our schema-diff tool; a dozen other companies now use it.", Scope.COMPANY),
    # Everything the company sells or serves, its own committees, work outsiders take part in.
    ("Every product we sell now ships with the accessibility checks I wrote the standard for.",
     Scope.COMPANY),
    ("Customers in every region saw checkout p99 drop after the edge cache went live.",
     Scope.COMPANY),
    ("Represented engineering on the company pricing committee alongside Sales and Finance.",
     Scope.COMPANY),
    ("Maintain our open source client library: merged 40 external PRs this year.",
     Scope.COMPANY),
    ("Joined our company softball committee.", None),
    ("Presented our zero-downtime schema migration approach at KubeCon Europe.", Scope.COMPANY),
    ("Built a feature-flag client that my team, Mobile and Web all use now.", Scope.TEAMS),
    ("Found the deadlock that had been paging both my team and the Maps team.", Scope.TEAMS),
    ("Billing and Payouts both took up the shared idempotency library.", Scope.TEAMS),
    ("Pair-debugged with engineers from Storage and Networking on the packet loss.",
     Scope.TEAMS),
    ("Set up a nix-based dev environment for myself.", Scope.SELF),
    ("Took a public-speaking course with my learning budget.", Scope.SELF),
    # whom the author reports to, or a meeting they sat in on, is no audience: the squad's
    # suite is the team's
    ("Although I report to the CTO, most of the quarter went into our squad's flaky suite.",
     Scope.TEAM),
    ("Was invited to the CTO's quarterly offsite and listened in on the bets discussion.", None),
])
def test_how_far_it_reached(text: str, reach: Scope | None) -> None:
    assert extract_scope_words(text) is reach


@pytest.mark.parametrize(("text", "kind"), [
    # A design someone named wrote, reviewed: a review of their work.
    ("Reviewed Jonah's design doc for Nova. Left comments on naming.", EvidenceKind.REVIEW),
    ("reviewed Billing's proposal for usage metering. suggested they drop real-time.",
     EvidenceKind.REVIEW),
    # Reviewing the designs of many teams shapes a group's designs; writing one is design work.
    ("reviewed 23 design docs from 9 teams this year so far", EvidenceKind.DESIGN_DOC),
    ("Wrote the RFC; reviewed by 9 leads.", EvidenceKind.DESIGN_DOC),
    # A passage the author labels as their weak spots tells self-knowledge, whatever work
    # it names.
    ("Where I'm weak: I'm much more comfortable in design docs than in meetings.",
     EvidenceKind.LEARNING),
    ("Gaps: I have not yet led anything across teams.", EvidenceKind.LEARNING),
    ("What I'm working on: the design doc for the new ledger.", EvidenceKind.DESIGN_DOC),
    ("Weakened the coupling between the billing services.", EvidenceKind.OTHER),
    # A design someone named wrote is theirs; the author's part is what they did with it.
    ("Marta did the planning and the tech design doc and Aisha did the designs, and I "
     "implemented the screens.", EvidenceKind.OTHER),
    ("Built the screens from Lena's RFC.", EvidenceKind.OTHER),
    ("Wrote the RFC with Marta for the new cache.", EvidenceKind.DESIGN_DOC),
    ("Wrote Billing's design doc for usage metering.", EvidenceKind.DESIGN_DOC),
])
def test_reviews_and_weak_spots_are_told_by_their_own_words(text: str, kind: EvidenceKind) -> None:
    assert infer_kind(text, ()) is kind


@pytest.mark.parametrize(("text", "scope"), [
    # The team's ticket board is no board of directors.
    ("Own it: I always take tickets off the board without waiting to be assigned.", None),
    ("pulled the next ticket from the board", None),
    ("Presented the plan to the board.", Scope.COMPANY),
])
def test_the_board_is_the_directors_only_where_tickets_are_not_taken_from_it(
        text: str, scope: Scope | None) -> None:
    assert extract_scope_words(text) is scope


@pytest.mark.parametrize(("text", "scope"), [
    # The executive team by its short name, and the company's officers.
    ("Made the case to the ELT for a reliability quarter.", Scope.COMPANY),
    ("Worked with the CISO's staff on our first bug bounty.", Scope.COMPANY),
    # Outside the company: a regulator, what it gives away, users beyond it.
    ("Drafted our answer to the regulator's questions on model risk.", Scope.COMPANY),
    ("I maintain the schema linter we open-sourced last year.", Scope.COMPANY),
    ("Every product line ships with the same accessibility checks now.", Scope.COMPANY),
    # Everyone who joins engineering is an organisation's worth of people.
    ("Taught the failure-design course to every new engineer.", Scope.ORG),
    # A named unit's all-hands is that unit's, not the company's.
    ("Presented it at the P&R all-hands.", Scope.ORG),
    ("Named the call as mine at the mobile all-hands.", Scope.ORG),
    ("Demoed it at the all-hands.", Scope.COMPANY),
])
def test_executives_outside_bodies_and_all_hands_by_whose_they_are(text: str, scope: Scope
                                                                   ) -> None:
    assert extract_scope_words(text) is scope


@pytest.mark.parametrize(("text", "role"), [
    # A case the author made, adopted by those it was made to.
    ("Briefed the CTO and CFO on the data-center exit; they picked option B, which I had "
     "recommended.", Role.SET_DIRECTION),
    ("Wrote the guidance on LLM use in code review; the CTO's staff adopted it.",
     Role.SET_DIRECTION),
    ("Wrote it up; three of my five recommendations are policy now.", Role.SET_DIRECTION),
    ("Got Chidi (Disputes) and Arvo (Payouts) to sign off on the shared retry policy, both now "
     "enforce it in CI.", Role.SET_DIRECTION),
    ("Made the case to the ELT for a reliability quarter; every product group ran it in Q3.",
     Role.SET_DIRECTION),
    # Other teams' leads each doing their part, and a meeting of leads the author chairs.
    ("Cutover with Ledger, Risk and Notifications: their TLs each ran their own step, I held "
     "the runbook.", Role.LED_LEADERS),
    ("Chaired the monthly Payments/Risk TL sync.", Role.LED_LEADERS),
    # Chairing one's own team's retro leads the team, not other leaders.
    ("Chaired our team retro.", Role.LED),
])
def test_cases_adopted_and_leads_led(text: str, role: Role | None) -> None:
    assert extract_role(text) is role


@pytest.mark.parametrize(("text", "scope"), [
    # A reach the clause denies or only supposes is not the work's.
    ("My work has stayed inside Platform. I haven't set anything company-wide.", None),
    ("Samira asked whether I'd take the company-wide secure-SDLC initiative in 2026.", None),
    ("It would be the first company-wide standard.", None),
    # "No" denies what it names, not the reach after it.
    ("No downtime while we rolled it out company-wide.", Scope.COMPANY),
    # "Not just" widens; a purpose clause's "could" is no supposition.
    ("Not just my team but the whole company uses it now.", Scope.COMPANY),
    ("Rolled it out company-wide so every team could page on SLOs.", Scope.COMPANY),
])
def test_a_reach_denied_or_supposed_is_not_the_works(text: str, scope: Scope | None) -> None:
    assert extract_scope_words(text) is scope
