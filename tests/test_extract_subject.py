"""A record in the third person (a manager's nomination) tells its subject's work."""

from __future__ import annotations

import datetime as dt

import pytest

from staffpath.framework.model import Framework
from staffpath.ledger.bragdoc.parser import parse_brag_doc
from staffpath.ledger.extract.subject import record_subject
from staffpath.ledger.facts import extract_facts
from staffpath.ledger.service import edit_evidence, import_brag_text, list_evidence
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from staffpath.vocab import Role

NOMINATION = """# Nomination: Ana Ribeiro for Staff Engineer

Written by Marcus Lee (Engineering Manager, Payments), November 2025. I have managed Ana
for two years.

## Impact

- In February she took over the ledger migration after it had stalled for two quarters.
- She designed the idempotency-key scheme that Checkout, Billing and Payouts now use.
- Ana led the incident review process change for the payments group.
- She mentors two seniors, Tom and Priya; Priya now runs the Billing on-call rotation.
"""


def test_a_nomination_names_its_subject_and_their_lead_is_the_authors() -> None:
    doc = parse_brag_doc(NOMINATION, source="nomination.md", today=dt.date(2025, 11, 30))
    assert {e.subject for e in doc.entries} == {("she", "ana")}
    led = next(e for e in doc.entries if e.title.startswith("Ana led"))
    facts = extract_facts(led.title, subject=led.subject)
    assert facts.role is Role.LED
    # Read as a first-person record, "Ana led" is somebody else's lead.
    assert extract_facts(led.title).role is None


@pytest.mark.parametrize("items", [
    # The author's own record, mentioning a mentee in the third person now and then.
    ["Mentored Priya through her first on-call.", "She now runs the rotation.",
     "Led the ledger migration across three teams.", "Wrote the cutover plan.",
     "Ran the weekly sync with the leads."],
    ["I led the migration.", "Priya ran the cutover with me.", "I wrote the plan.",
     "Priya shipped the dashboards."],
    ["In March the team shipped search.", "The platform group adopted it."],
])
def test_a_first_person_record_has_no_third_person_subject(items: list[str]) -> None:
    assert record_subject(items) == ()


def test_a_record_about_a_named_person_without_pronouns() -> None:
    items = ["Rui led the move to one deploy pipeline.", "Rui wrote the storage strategy.",
             "Rui mentors three engineers."]
    assert record_subject(items) == ("rui",)


def test_an_imported_nomination_keeps_its_subject_through_an_edit(org: Store,
                                                                  framework: Framework) -> None:
    """The subject is kept with each item, so an edit re-reads the item as the import did."""
    with org.session() as session:
        ada = find_person(session, "ada")
        import_brag_text(session, ada, NOMINATION, document="nomination.md",
                         framework=framework, today=dt.date(2025, 11, 30))
        led = next(e for e in list_evidence(session, person=ada) if e.title.startswith("Ana"))
        assert led.extra["subject"] == ["she", "ana"]
        assert led.extra["extracted"]["role"] == "led"
        edit_evidence(session, led.id, {"title": "Ana led the incident review change for all "
                                                 "payments teams."})
        assert led.extra["extracted"]["role"] == "led"
