"""The framework page says, in words, how the assessment decides: the title rules of framework
2026.11 (a year with no leading speaks against a senior title, a title is calibrated a level at
a time, and a small place's title is its own word) and 2026.12 (nor does the evidence show
senior from a year that leads nothing) and 2027.1 (a shorter record that leads nothing at all
speaks against it too; since 2027.2 it takes two designs, decisions or plans to shape a team's
choices, and a staff title is spoken against by reach) are stated there for anyone signed in."""

from __future__ import annotations

from web_helpers import World


def test_the_framework_page_states_the_title_rules(world: World) -> None:
    page = world.client("self").get("/framework")
    assert page.status_code == 200
    text = " ".join(page.text.split())
    assert "in which the author led fewer than two, is evidence against that level" in text
    assert ("where the author led none, the evidence does not show that level either, "
            "whatever its other dimensions say") in text
    assert ("A shorter record, of 7 items or more over as long, in which the author led nothing "
            "and wrote fewer than 2 of the team's designs, decisions or plans, is evidence "
            "against that level as someone's title too.") in text
    assert ("At Staff engineer and Senior staff engineer, a record that covers as long as the "
            "level asks work to be "
            "sustained, in which fewer than 3 items (and under half of them) reach as far as its "
            "rules ask, is evidence against it as someone's title.") in text
    assert "A record puts someone at most 1 level below their title" in text
    assert ("Titles travel badly: at a place of fewer than 10 teams (the size the record "
            "states, or the one declared), a title is the company's own word") in text


def test_the_assessment_page_says_why_the_title_gave_way(world: World) -> None:
    """The reasons the CLI verdict gives are the web's too (`assess.notes.title_notes`): a
    senior title on a year of one's own tasks, none of them led, is spoken against in words."""
    import datetime as dt

    from staffpath.ledger.record import EvidenceInput
    from staffpath.ledger.service import add_evidence
    from staffpath.people.service import find_person
    from staffpath.store.engine import Store

    store = Store(world.url)
    try:
        with store.session() as session:
            bo = find_person(session, "bo")
            today = dt.date.today()
            for n in range(12):
                day = today - dt.timedelta(days=30 * n + 10)
                kind = ("shipped_project", "other", "oncall")[n % 3]
                add_evidence(session, bo, EvidenceInput(
                    title=f"Checkout ticket CHK-{100 + n}", kind=kind, date_start=day,
                    date_end=day, scope="team",
                    role="contributed" if kind == "oncall" else "did"))
    finally:
        store.close()
    page = world.client("peer").get("/people/bo/assessment")
    assert page.status_code == 200
    text = " ".join(page.text.split())
    # Bo's twelve tickets and the design review the seeded world gives him
    assert ('<p class="small warn" data-testid="title-note">The record holds 13 items over '
            in text)
    assert ("and in 0 of them the author led it; Senior engineer asks for that, so the record "
            "is evidence against it.</p>") in text


def test_the_assessment_card_tells_the_assessed_level_from_the_evidence_alone(
        world: World) -> None:
    """The card shows the assessed level (a title holds unless the record speaks against it)
    and, when it differs, what the evidence alone shows: Bo's one item shows no level yet, and
    nothing in it counts against his senior title."""
    for path in ("/people/bo/assessment", "/people/bo/standing"):
        text = " ".join(world.client("peer").get(path).text.split())
        assert '<p class="label">Assessed level</p>' in text, path
        assert "Senior engineer</p>" in text, path
        assert ('<p class="small muted" data-testid="evidence-level">The evidence alone: '
                "no level yet</p>") in text, path
