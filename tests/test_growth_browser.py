"""Growth pages in a real browser (Chromium, Playwright) over a copy of the demo: an engineer's
plan, started from the page; a manager's opportunity with the people it would grow; and a
plan that is not yours answering as if it were not there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from test_browser import (  # the browser and screenshot folder fixtures, and sign-in helpers
    MANAGER_LOGIN,
    _sign_in,
    browser,
    serve_demo_copy,
    shots,
)

__all__ = ["browser", "shots"]

CANDIDATE = "jake.morrison"
CANDIDATE_LOGIN = "jake.morrison@harborpine.example"


@pytest.fixture(scope="module")
def server(demo_build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The application over a writable demo copy, with a sign-in for a not-yet-ready staff
    candidate."""
    with serve_demo_copy(demo_build, tmp_path_factory.mktemp("growth-browser"),
                         ((CANDIDATE, CANDIDATE_LOGIN),)) as (base, _logins):
        yield base


def test_plan_page_and_starting_it(browser, server: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _sign_in(page, server, CANDIDATE_LOGIN)
    page.goto(f"{server}/people/{CANDIDATE}/plan")
    steps = page.get_by_test_id("plan-step")
    assert 1 <= steps.count() <= 3
    for i in range(steps.count()):
        rules = steps.nth(i).get_by_test_id("plan-rule")
        assert rules.count() >= 1
        assert "@staff" in (rules.first.get_attribute("data-rule") or "")
    ranked = page.get_by_test_id("ranked-opportunity")
    assert ranked.count() >= 1
    page.screenshot(path=str(shots / "growth-01-plan.png"), full_page=True)
    fit = page.get_by_test_id("fit")
    assert "Staying senior by choice" in fit.inner_text()
    page.get_by_test_id("energises-form").locator("textarea").fill(
        "Pairing on a hard bug until it gives.")
    page.get_by_test_id("energises-form").locator("button").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_test_id("energises-form").locator("textarea").input_value() == (
        "Pairing on a hard bug until it gives.")
    page.get_by_test_id("start-plan").click()
    page.wait_for_load_state("networkidle")
    assert "Started" in page.inner_text("main")
    assert page.get_by_test_id("start-plan").count() == 0
    # The gap over the year, drawn with today's plan start marked, at a readable size.
    history = page.get_by_test_id("gap-history")
    chart = history.get_by_test_id("gap-chart")
    assert "still open" in (chart.get_attribute("alt") or "")
    # The image loaded (an SVG refused by the browser has no natural width).
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0")
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] > 500
    assert box["height"] > 120
    svg = page.request.get(f"{server}/people/{CANDIDATE}/plan/chart.svg").text()
    assert "plan started" in svg
    history.screenshot(path=str(shots / "growth-05-gap-history.png"))
    # Someone else's plan: not there, as far as Jake can tell.
    response = page.goto(f"{server}/people/priya.nair/plan")
    assert response is not None
    assert response.status == 404
    assert errors == []
    context.close()


def test_manager_sees_who_an_opportunity_would_grow(browser, server: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _sign_in(page, server, MANAGER_LOGIN)
    page.goto(f"{server}/opportunities")
    rows = page.get_by_test_id("opportunity-row")
    assert rows.count() >= 4
    page.screenshot(path=str(shots / "growth-02-opportunities.png"), full_page=True)
    rows.filter(has_text="payment-retries").locator("a").first.click()
    page.wait_for_load_state("networkidle")
    matches = page.get_by_test_id("match")
    assert matches.count() >= 3
    first = matches.first
    kinds = set(first.locator("li[data-kind]").evaluate_all(
        "items => items.map(i => i.dataset.kind)"))
    assert {"gap", "adjacent"} <= kinds
    page.screenshot(path=str(shots / "growth-03-matches.png"), full_page=True)
    context.close()



def test_leader_sees_promotions_a_year_on(browser, server: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _sign_in(page, server, MANAGER_LOGIN)
    page.goto(f"{server}/org/promotions")
    cohorts = page.get_by_test_id("cohort")
    assert cohorts.count() >= 1
    assert "%" in cohorts.first.inner_text() or "%" in page.get_by_test_id("cohorts").inner_text()
    page.screenshot(path=str(shots / "growth-04-promotions.png"), full_page=True)
    context.close()
