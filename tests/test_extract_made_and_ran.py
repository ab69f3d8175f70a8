"""Leading is of people and their work: making a thing (a dashboard, a guide, a CI check) is
doing it, "drove" on one's own work is no lead, running the team's standup or demo is keeping a
routine going, and "how to run the jobs" is instructions. Starting something others join,
running a retro and chasing its follow-ups, or running a migration still lead; doing something
"by attending" a meeting is taking part in it."""

from __future__ import annotations

import pytest

from staffpath.ledger.extract.role import extract_role
from staffpath.vocab import Role


@pytest.mark.parametrize(("text", "role"), [
    ("I created the Grafana dashboard for the invoice jobs (jobs per hour, failures).", None),
    ("Created the migration guide for moving off the nginx ingress.", None),
    ("Set up a bundle-size budget check in CI for the main web app.", None),
    ("I set up playback quality dashboards for our team.", None),
    ("I wrote 5 pages in Confluence about SAF-T and how to run the invoice jobs.", None),
    ("Ran standup for 2 weeks while Kelsey was on PTO.", None),
    ("Running the sprint demo every other Friday.", None),
    ("Drove cross-functional alignment on the redesign by attending the weekly design sync.",
     Role.CONTRIBUTED),
    ("Started an org-wide reading group on distributed systems.", Role.LED),
    ("Set up the on-call rotation (six people) and wrote the first runbooks.", Role.LED),
    ("I set up the guild and ran its first three sessions.", Role.LED),
    # a group named after a thing one makes is still a group
    ("Started the internal tools guild with four other engineers.", Role.LED),
    ("Started the CI working group for the org.", Role.LED),
    ("Ran the retro after our bad Friday deploy and chased all seven follow-ups.", Role.LED),
    ("Ran the migration of billing onto the new ledger.", Role.LED),
    # "drove" is a verb of leading records use on any work: a lead only with others in it
    ("Drove a 12% improvement in checkout LCP on mobile by lazy-loading the widget.", None),
    ("Drove adoption of TypeScript strict mode in the settings module.", None),
    ("Drove the queue migration across three teams.", Role.LED),
    ("Drove the rollout with Priya and Tomasz over two quarters.", Role.LED),
    ("Owned the feature-flag rollout end to end.", Role.LED),
])
def test_the_authors_part(text: str, role: Role | None) -> None:
    assert extract_role(text) == role


@pytest.mark.parametrize(("text", "role"), [
    # Dividing the work among others is leading it.
    ("Team of three: me, Lea and Sam. I wrote the design and 60% of the code, and split the "
     "rest so they each owned a piece end to end.", Role.LED),
    ("Divided the work between Lea and Sam and kept the cut-over plan.", Role.LED),
    ("Split the PR into three for review.", None),
    # "they each owned a piece": the pieces were theirs, not the author's one piece.
    ("They each owned a piece of the rollout.", None),
    # Giving a part to somebody else's programme is taking part in it.
    ("The zero-trust programme is led by Marcus. I contribute the product-side requirements "
     "but I'm not accountable for it.", Role.CONTRIBUTED),
    # Saying one has never done it is not doing it.
    ("I've never represented Brightwater outside the company: no talks, no industry groups.",
     None),
    ("Represented Brightwater at the OpenSSF working group on supply-chain security.", Role.LED),
    # "helped" with nobody helped is said of a thing, not of the author's part.
    ("Support told me that having a clear writeup they could forward to customers helped, "
     "which I hadn't thought about.", None),
    ("The new dashboards helped a lot.", None),
    ("I helped.", Role.CONTRIBUTED),
    ("Helped a bit with our level editor's Unity upgrade.", Role.CONTRIBUTED),
])
def test_dividing_contributing_and_never(text: str, role: Role | None) -> None:
    assert extract_role(text) is role
