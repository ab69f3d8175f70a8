"""The organisation's size as a record states it (`ledger.extract.orgsize`), on sentences in
the shapes the corpus's tuning documents use, and the statements that are not about it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from staffpath.framework.loader import default_framework
from staffpath.ledger.bragdoc.parser import parse_brag_doc
from staffpath.ledger.extract.orgsize import OrgSize, stated_org_size
from staffpath.ledger.service import import_brag_text, list_evidence
from staffpath.people.service import find_person, import_roster
from staffpath.store.engine import Store


@pytest.mark.parametrize(("text", "engineers", "teams"), [
    ("Context: Hatchwork is 14 engineers in two squads (Booking and Clinic Admin).", 14, 2),
    # "engs", and a size in an aside followed by the author's own squad
    ("title: Senior Software Engineer @ Pipette (we're ~25 engs now??) — on the Growth squad",
     25, 0),
    # a size somewhere else, to compare with, is not this place's
    ("We are now fourteen engineers in two squads. I also know that at a company of five "
     "hundred engineers this would be a senior role.", 14, 2),
    ("Tallyfox is 14 engineers total right now (backend 6, web 4).", 14, 0),
    ("Kitefin has 14 engineers in two squads plus one data analyst.", 14, 2),
    ("We're 22 engineers in three squads (Platform 5, Shipper App 9).", 22, 3),
    ("We're fourteen people, and everyone is on call.", 14, 0),
    ("Senior Software Engineer @ Forkful (14 engineers)", 14, 0),
    ("(kai.moreno, Senior Software Engineer, Loftly — 22 engineers)", 22, 0),
    ("**Period:** Oct 2024 – Sep 2025 · **Company:** Tendwell (clinic scheduling, 14 engineers)",
     14, 0),
    ("**Name:** Elif  **Title:** Staff Engineer  **Company:** Kettle (Series A, 18 engineers, "
     "three squads)", 18, 3),
    ("Series A in April. Engineering grew from 9 to 14 this year (two squads).", 14, 2),
    ("for context: 22 engineers at Tidewell, I'm on the platform squad", 22, 0),
    ("Engineering is about 2,600 people across eleven organisations.", 2600, 0),
    ("Wholesale marketplace, ~1,100 engineers company-wide.", 1100, 0),
    # the author counting themselves in, and a size told with its squads
    ("I'm one of about forty product engineers here, on the Growth team.", 40, 0),
    ("We started the year as nine engineers in one team and end it as eleven in two squads "
     "(Onboarding and Core).", 11, 2),
    ("By December we were 30 across four teams.", 30, 4),
    ("Org: Travel Platform (~320 engineers, 34 teams). Company ~1,600 engineers.", 1600, 0),
    ("We are a 40-person startup selling to clinics.", 40, 0),
    ("Kodwerk Studio (software house, Wrocław) - around 14 developers + 3 PM + 2 designers",
     14, 0),
    ("Pollen is 14 engineers (Core = 6 incl. me, Growth = 5, Data/infra = 2).", 14, 0),
    ("Our org is 16 teams and about 140 engineers, inside a company of roughly 900.", 900, 0),
    ("Infrastructure is about a dozen teams inside a company of about fourteen hundred "
     "engineers.", 1400, 0),
])
def test_a_statement_about_the_organisation_is_its_size(text: str, engineers: int,
                                                         teams: int) -> None:
    size = stated_org_size(text)
    assert size is not None
    assert (size.engineers, size.teams) == (engineers, teams)
    assert size.words
    assert size.words in text


@pytest.mark.parametrize("text", [
    "Led 3 engineers (Mina, Jorge, Ava) through the scheduling rewrite.",
    "At a company of five hundred engineers this would be a senior role.",
    "In a start-up of 30 people you wear every hat.",
    "I'm on Booking (5 engineers incl. me).",
    "Led a project team of 4 engineers over 3 quarters.",
    "Tech lead, Provisioning; ~26 engineers across 3 teams",
    "ran it as a programme across the three teams — 11 engineers in total",
    "at its peak in spring, eleven engineers across the three teams working on it",
    "Six engineers across four orgs have since been promoted to staff.",
    "when I joined two and a half years ago there were six engineers",
    "I'd rather go in as a strong senior at a 300-person company",
    # A size to come, not the one the work was done in.
    "If we're 40 engineers in two years I think we'll need a second staff engineer",
    "We will be 30 engineers by next year",
    "demoed the export at the all-hands (whole company, ~60 people on Zoom)",
    "Coffee chats with 4 people at other companies about staff engineering.",
    "Mentored 2 engineers; interviewed 19 people this year.",
    "Shipped the billing export on time.",
    # A team's own size, with a name or "we" as its subject.
    "We're 6 engineers on the Payments team.",
    "Payments has 8 engineers and I lead its platform work.",
    "Checkout is 7 engineers (3 backend, 4 mobile).",
    # A level's count or a team's, with the author counted in.
    "I'm one of two staff engineers in the org.",
    "One of three engineers on the Payments team.",
    "I was one of five engineers who built the first version.",
    "We shipped 3 features in two teams this quarter.",
    # What a piece of work is given, however widely it is spread.
    "Exec team approved it as a four-year programme. Year one budget: 70 engineers across "
    "four orgs.",
    "The programme was staffed with 40 engineers across three orgs.",
])
def test_other_counts_of_people_are_not_the_organisations_size(text: str) -> None:
    assert stated_org_size(text) is None


def test_the_stored_form_reads_back_and_rejects_other_shapes() -> None:
    size = OrgSize(14, 2, "Hatchwork is 14 engineers")
    assert OrgSize.from_dict(size.as_dict()) == size
    assert OrgSize.from_dict(None) is None
    assert OrgSize.from_dict({"teams": 2}) is None
    assert OrgSize.from_dict({"engineers": "many"}) is None


def test_every_item_of_a_document_carries_the_size_it_states() -> None:
    doc = parse_brag_doc("# 2025\n\nHatchwork is 14 engineers in two squads.\n\n"
                         "- 2025-03-01 Led the booking rewrite\n"
                         "- 2025-06-01 Set up the on-call rotation across both squads\n",
                         today=dt.date(2025, 12, 1))
    assert len(doc.entries) == 2
    assert {e.org_size for e in doc.entries} == {
        OrgSize(14, 2, "Hatchwork is 14 engineers")}


def test_import_keeps_the_size_and_a_reimport_follows_the_document(tmp_path: Path) -> None:
    fw = default_framework()
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email,team,manager,level,target_level,role\n"
                      "Ada,ada@example.com,Core,,staff,,engineer\n", encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    items = "- 2025-03-01 Led the booking rewrite\n"
    try:
        with store.session() as session:
            import_roster(session, roster, level_ids=fw.level_ids)
            ada = find_person(session, "ada")
            import_brag_text(session, ada, "Tallyfox is 14 engineers total.\n\n" + items,
                             document="ada.md", framework=fw, today=dt.date(2025, 12, 1))
            [first] = list_evidence(session, person=ada)
            assert first.extra["org_size"]["engineers"] == 14
            # The item is unchanged; the size around it grew.
            report = import_brag_text(session, ada, "Tallyfox is 30 engineers total.\n\n" + items,
                                      document="ada.md", framework=fw,
                                      today=dt.date(2025, 12, 1))
            assert report.unchanged == 1
            [again] = list_evidence(session, person=ada)
            assert again.extra["org_size"]["engineers"] == 30
            import_brag_text(session, ada, items, document="ada.md", framework=fw,
                             today=dt.date(2025, 12, 1))
            [last] = list_evidence(session, person=ada)
            assert "org_size" not in last.extra
    finally:
        store.close()
