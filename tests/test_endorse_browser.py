"""Endorsements in a real browser (Chromium) over the demo: an engineer asks a colleague from
an item in her journal, the colleague answers on their endorsements page, and the words show
on the item. Screenshots go with the other browser tests' (see `shots`)."""

from __future__ import annotations

from pathlib import Path

from test_browser import (  # the served demo, the browser and the screenshot folder
    COMMITTEE_LOGIN,
    ENGINEER,
    ENGINEER_LOGIN,
    _sign_in,
    browser,
    server,
    shots,
)

__all__ = ["browser", "server", "shots"]
WORDS = "Priya's write-up is the one we hand to every new platform engineer."


def test_ask_answer_and_see_the_words_on_the_item(browser, server: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    engineer = browser.new_context(viewport={"width": 1280, "height": 900})
    page = engineer.new_page()
    _sign_in(page, server, ENGINEER_LOGIN)
    page.goto(f"{server}/people/{ENGINEER}/journal")
    entries = page.get_by_test_id("entry")
    target = next(entries.nth(i) for i in range(entries.count())
                  if entries.nth(i).get_by_test_id("endorsement").count() == 0)
    item = target.get_attribute("data-entry-id")
    title = target.get_by_test_id("entry-title-text").inner_text().strip()
    target.locator("summary", has_text="Ask colleagues").click()
    target.get_by_test_id("ask-colleagues").fill("helen.achterberg")
    target.get_by_test_id("ask-submit").click()
    page.wait_for_load_state("networkidle")
    asked = page.locator(f"#entry-{item}").get_by_test_id("endorsement")
    assert asked.count() == 1
    assert "requested" in asked.inner_text()

    colleague = browser.new_context(viewport={"width": 1280, "height": 900})
    other = colleague.new_page()
    _sign_in(other, server, COMMITTEE_LOGIN)
    other.get_by_role("link", name="Endorsements").click()
    other.wait_for_load_state("networkidle")
    card = other.get_by_test_id("endorsement-request").filter(has_text=title)
    assert card.count() == 1
    other.screenshot(path=str(shots / "20-endorsements-asked.png"), full_page=True)
    card.locator("textarea[name=text]").fill(WORDS)
    card.get_by_test_id("endorse").click()
    other.wait_for_load_state("networkidle")
    answered = other.get_by_test_id("endorsement-request").filter(has_text=title)
    assert "You endorsed it" in answered.get_by_test_id("your-answer").inner_text()
    colleague.close()

    page.reload()  # the same address: reload to read what the colleague wrote
    shown = page.locator(f"#entry-{item}").get_by_test_id("endorsement")
    assert "endorsed" in shown.inner_text()
    assert WORDS in shown.inner_text()
    page.locator(f"#entry-{item}").screenshot(path=str(shots / "21-endorsed-item.png"))
    engineer.close()
