"""The framework page says, in words, how the assessment decides: the title rules of framework
2026.11 (a year with no leading speaks against a senior title, a title is calibrated a level at
a time, and a small place's title is its own word) and 2026.12 (nor does the evidence show
senior from a year that leads nothing) are stated there for anyone signed in."""

from __future__ import annotations

from web_helpers import World


def test_the_framework_page_states_the_title_rules(world: World) -> None:
    page = world.client("self").get("/framework")
    assert page.status_code == 200
    text = " ".join(page.text.split())
    assert "in which the author led fewer than two, is evidence against that level" in text
    assert ("where the author led none, the evidence does not show that level either, "
            "whatever its other dimensions say") in text
    assert "A record puts someone at most 1 level below their title" in text
    assert ("Titles travel badly: at a place of fewer than 10 teams (the size the record "
            "states, or the one declared), a title is the company's own word") in text
