"""Hiring in a real browser (Chromium driven by Playwright, the app served by uvicorn over a
copy of the demo workspace): an interviewer opens a loop still interviewing, sees nothing of
the scorecard already submitted, saves a draft through the page's fragment, submits, and
still sees nothing of anyone else's until the debrief."""

from __future__ import annotations

from pathlib import Path

from test_browser import COMMITTEE_LOGIN, _sign_in, browser, server, shots

__all__ = ["browser", "server", "shots"]  # the fixtures this module borrows
KWAME_EVIDENCE = "Solid design for one team's scale"


def test_an_interviewer_scores_blind_in_the_browser(browser, server: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _sign_in(page, server, COMMITTEE_LOGIN)
    page.goto(f"{server}/hiring")
    page.get_by_test_id("loop").filter(has_text="Sam Okonjo").get_by_role("link").click()
    page.wait_for_load_state("networkidle")
    assert "submitted" in page.get_by_test_id("panel").inner_text()
    assert KWAME_EVIDENCE not in page.content()
    form = page.get_by_test_id("scorecard-form")
    form.locator("select[name='level:strategy']").select_option("senior")
    form.locator("textarea[name='evidence:strategy']").fill("BROWSER-HELEN chose a direction")
    form.locator("select[name='lean']").select_option("hire")
    form.get_by_test_id("save-scorecard").click()
    page.get_by_role("status").filter(has_text="Saved.").wait_for()
    assert KWAME_EVIDENCE not in page.content()
    card = page.get_by_test_id("scorecard-form")
    assert card.locator("textarea[name='evidence:strategy']").input_value() == (
        "BROWSER-HELEN chose a direction")
    card.locator("select[name='level:communication']").select_option("staff")
    card.locator("textarea[name='evidence:communication']").fill("clear and short")
    card.get_by_test_id("submit-scorecard").click()
    page.get_by_test_id("scorecard").filter(has_text="· submitted").wait_for()
    assert page.get_by_test_id("scorecard-form").count() == 0
    assert KWAME_EVIDENCE not in page.content()
    page.screenshot(path=str(shots / "11-hiring-scorecard.png"), full_page=True)
    context.close()
