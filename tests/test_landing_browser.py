"""Each role's first screen, in a real browser: an engineer lands on where they stand, a
manager on their team, a committee member on their scoring queue (whose packets hide the
engine's verdict until they have scored), an admin on admin; everyone can read the framework;
no table on the organisation pages hides a column at 1280 px."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from staffpath.demo.accounts import DemoLogin
from test_browser import (  # the browser and screenshot folder fixtures, and sign-in helpers
    _sign_in,
    browser,
    serve_demo_copy,
    shots,
)

__all__ = ["browser", "shots"]
ORG_PAGES = ("/org", "/org/levels", "/org/risk", "/org/mentorship", "/org/crossteam",
             "/org/quality")


@pytest.fixture(scope="module")
def server(demo_build, tmp_path_factory: pytest.TempPathFactory  # type: ignore[no-untyped-def]
           ) -> Iterator[tuple[str, dict[str, DemoLogin]]]:
    """The application over a copy of the demo, and the demo's sign-ins by role."""
    with serve_demo_copy(demo_build, tmp_path_factory.mktemp("landing")) as (base, logins):
        yield base, {login.role: login for login in logins}


def _page(browser, width: int = 1280):  # type: ignore[no-untyped-def]
    return browser.new_context(viewport={"width": width, "height": 900}).new_page()


def _shot(page, name: str, shots: Path | None) -> None:  # type: ignore[no-untyped-def]
    if shots is not None:
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(shots / name), full_page=True)


def test_each_role_lands_where_its_work_is(browser, server, shots: Path) -> None:  # type: ignore[no-untyped-def]
    base, logins = server
    page = _page(browser)
    _sign_in(page, base, logins["engineer"].login)
    assert page.url.endswith("/people/priya.nair/standing")
    assert page.get_by_test_id("standing-title").inner_text() == "Where you stand"
    assert page.get_by_test_id("standing-level").inner_text().strip() != ""
    assert page.get_by_test_id("recent-item").count() > 0
    _shot(page, "landing-engineer.png", shots)

    page = _page(browser)
    _sign_in(page, base, logins["manager"].login)
    assert page.url.endswith("/team")
    assert "Priya Nair" in page.locator("main").inner_text()
    _shot(page, "landing-manager.png", shots)

    page = _page(browser)
    _sign_in(page, base, logins["committee"].login)
    assert page.url.endswith("/committee/cycles")
    assert page.get_by_role("heading", name="Your promotion panels").is_visible()
    assert page.get_by_test_id("my-cycle").count() > 0
    _shot(page, "landing-committee.png", shots)

    page = _page(browser)
    _sign_in(page, base, logins["admin"].login)
    assert page.url.endswith("/admin/people")
    assert page.get_by_test_id("people-table").is_visible()
    _shot(page, "landing-admin.png", shots)


def test_the_framework_page_shows_each_levels_expectations(browser, server, shots: Path  # type: ignore[no-untyped-def]
                                                           ) -> None:
    base, logins = server
    page = _page(browser)
    _sign_in(page, base, logins["engineer"].login)
    page.goto(f"{base}/framework")
    assert page.get_by_test_id("framework-title").is_visible()
    text = page.locator("main").inner_text()
    assert "Scope of impact" in text
    assert "Staff engineer" in text
    _shot(page, "framework-page.png", shots)


def test_a_panel_member_scores_before_seeing_the_verdict(browser, server, shots: Path  # type: ignore[no-untyped-def]
                                                         ) -> None:
    base, logins = server
    page = _page(browser)
    _sign_in(page, base, logins["committee"].login)
    links = page.locator("a[href*='/nominations/']")
    if links.count() == 0:
        pytest.fail("the demo's committee member has no packet to score", pytrace=False)
    links.first.click()
    page.wait_for_load_state("networkidle")
    note = page.get_by_test_id("unanchored-note")
    if note.count():
        frame = page.frame_locator("[data-testid=frozen-packet]")
        packet = frame.locator("body").inner_text()
        assert "Score the evidence first" in packet
        assert "Summary by dimension" not in packet
        assert "Ready for" not in packet
    else:  # already scored in the demo: the engine's view is shown
        assert page.get_by_test_id("engine-shown").count() == 1
    _shot(page, "committee-blind-form.png", shots)


@pytest.mark.parametrize("path", ORG_PAGES)
def test_no_org_table_hides_a_column_at_1280_px(browser, server, path: str,  # type: ignore[no-untyped-def]
                                                shots: Path) -> None:
    base, logins = server
    page = _page(browser, 1280)
    _sign_in(page, base, logins["admin"].login)
    page.goto(f"{base}{path}")
    page.wait_for_load_state("networkidle")
    # A table wider than the box it sits in hides columns behind a scroll bar; a cell whose
    # right edge is past the viewport is a column nobody sees.
    hidden = page.evaluate("""() => {
        const out = [];
        for (const table of document.querySelectorAll('main table')) {
            const box = (table.closest('.table-wrap') || table.parentElement)
                .getBoundingClientRect();
            for (const th of table.querySelectorAll('thead th')) {
                const r = th.getBoundingClientRect();
                if (r.width > 0 && (r.right > box.right + 1 || r.right > window.innerWidth))
                    out.push(th.innerText.trim() || '(blank)');
            }
        }
        return out;
    }""")
    assert hidden == [], f"{path}: columns out of view at 1280 px: {hidden}"
    if path == "/org/levels":
        _shot(page, "org-levels-1280.png", shots)


CHART_PAGES = ("/org/levels", "/org/mentorship", "/org/risk", "/org/crossteam")


@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_text_stays_readable_at_390_px(browser, server, path: str) -> None:  # type: ignore[no-untyped-def]
    base, logins = server
    page = _page(browser, 390)
    _sign_in(page, base, logins["admin"].login)
    page.goto(f"{base}{path}")
    page.wait_for_load_state("networkidle")
    # Each chart's smallest label as the reader sees it: the font size the SVG draws it at,
    # times how far the page scaled the picture.
    sizes = page.evaluate("""async () => {
        const out = [];
        for (const img of document.querySelectorAll('.chart-scroll img')) {
            await img.decode().catch(() => null);
            const svg = new DOMParser().parseFromString(
                await (await fetch(img.src)).text(), 'image/svg+xml').documentElement;
            const box = svg.getAttribute('viewBox').split(/[ ,]+/).map(Number);
            const fonts = [...svg.querySelectorAll('text')].map(t => {
                const m = /font-size: *([0-9.]+)px/.exec(t.getAttribute('style') || '')
                    || /([0-9.]+)/.exec(t.getAttribute('font-size') || '');
                return m ? Number(m[1]) : null;
            }).filter(f => f);
            if (!fonts.length) continue;
            out.push({src: img.getAttribute('src'),
                      px: Math.min(...fonts) * img.clientWidth / box[2]});
        }
        return out;
    }""")
    assert sizes, f"{path}: no chart found"
    small = [s for s in sizes if s["px"] < 9.0]
    assert small == [], f"{path} at 390 px: labels below 9 px: {small}"
