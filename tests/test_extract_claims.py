"""A grand headline told by the author's own small act is read by the act: its reach, its part
and its kind. A headline whose act names others or a reach keeps its reading."""

from __future__ import annotations

import datetime as dt

import pytest

from staffpath.ledger.bragdoc.parser import parse_brag_doc
from staffpath.ledger.extract.claims import backing_act
from staffpath.ledger.facts import extract_facts
from staffpath.vocab import EvidenceKind, Role, Scope


@pytest.mark.parametrize(("text", "act"), [
    ("Spearheaded company-wide TypeScript strategy. Converted the billing form components "
     "(9 files) from JS to TS.", "Converted the billing form components (9 files) from JS to TS."),
    ("Owned search performance strategy — memoized the result list; renders halved",
     "memoized the result list; renders halved"),
    ("Led org-level accessibility initiative — picked up the audit ticket, added aria-labels",
     "picked up the audit ticket, added aria-labels"),
    ("Kicked off org-level caching strategy: started a design doc for caching fare lookups",
     "started a design doc for caching fare lookups"),
    # A handful of people using it is one team's worth.
    ("Spearheaded a company-wide code quality initiative. Added ESLint + Prettier to the "
     "portal repo. All 4 web engineers use it now.",
     "Added ESLint + Prettier to the portal repo. All 4 web engineers use it now."),
])
def test_a_claim_told_by_ones_own_act_is_the_act(text: str, act: str) -> None:
    assert backing_act(text) == act


@pytest.mark.parametrize("text", [
    # The act names others or a reach: it backs the claim.
    "Drove the org-wide migration — moved 40 services across 12 teams over nine months",
    "Led the company-wide API strategy: wrote the RFC and got sign-off from the six leads",
    "Championed cross-team code review norms — ran sessions with Payments and Ledger",
    # No claim of a lead, or no act: a result or a label, not a claim told by an act.
    "Strategy v1 agreed at the org's leadership offsite (May). Listed what we would stop doing",
    "Participated in the cross-team data contracts group. Contributed examples from ingestion.",
    "Reviewed Ana's final strategy doc. Approved.",
    "Led the org-wide incident review — 14 teams took part",
    "Set the company-wide deprecation policy",
    "Led org-wide adoption — onboarded 120 engineers to the new CI",
])
def test_a_claim_backed_by_others_or_told_without_an_act_keeps_its_reading(text: str) -> None:
    assert backing_act(text) is None


def test_the_facts_are_read_from_the_act() -> None:
    claimed = extract_facts("Spearheaded company-wide TypeScript strategy. Converted the billing "
                            "form components (9 files) from JS to TS.")
    assert claimed.scope is None
    assert claimed.role is None
    backed = extract_facts("Spearheaded the company-wide TypeScript strategy — converted the "
                           "first 9 services across 4 teams with their leads")
    assert backed.scope is not None
    assert backed.scope >= Scope.TEAMS
    assert backed.role is not None
    assert backed.role >= Role.LED


def test_the_kind_is_the_acts_whatever_the_section_claims() -> None:
    text = """# Brag doc

## Strategy & Leadership

- Owned search performance strategy — memoized the result list; renders halved
- Wrote the search roadmap for H2 with Dana
"""
    doc = parse_brag_doc(text, source="b.md", today=dt.date(2025, 9, 1))
    kinds = [e.kind for e in doc.entries]
    assert kinds[0] is not EvidenceKind.STRATEGY
    # The section still classifies the items that make no grand claim.
    assert kinds[1] is EvidenceKind.STRATEGY
