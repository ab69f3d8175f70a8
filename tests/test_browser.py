"""The web application in a real browser: Chromium driven by Playwright against the app served
by uvicorn over a copy of the demo workspace.

One flow (sign in, add an entry inline, see the assessment change, download the packet, sign
out) and screenshots of the main pages. The flow signs in as Aisha, a first-year engineer with a
thin record (the demo has no login for her: the test adds one through the service layer), so
that one cross-team design document visibly changes what her assessment cites and concludes.
Screenshots go under the test's tmp folder and, when STAFFPATH_SCREENSHOTS=DIR is set, are
copied into DIR for a person to look at.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from staffpath.accounts.auth import create_user
from staffpath.demo.accounts import (
    ADMIN_LOGIN,
    DEMO_PASSWORD,
    DemoLogin,
    create_demo_accounts,
)
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from staffpath.web.app import create_app
from staffpath.workspace import DB_NAME
from web_helpers import fast_hashing

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ENGINEER = "priya.nair"
ENGINEER_LOGIN = "priya.nair@harborpine.example"
MANAGER_LOGIN = "rachel.goldberg@harborpine.example"
COMMITTEE_LOGIN = "helen.achterberg@harborpine.example"
# A first-year engineer whose record is thin: little she has done counts yet, so one more
# piece of work shows in her assessment (Priya's record already saturates every dimension).
THIN = "aisha.bello"
THIN_LOGIN = "aisha.bello@harborpine.example"

playwright_sync = pytest.importorskip("playwright.sync_api")


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI runs the browser tests: {CHROMIUM} is missing", pytrace=False)
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium to run the browser tests)")


def _add_login(url: str, handle: str, login: str) -> None:
    """A sign-in for a demo person the demo prints no login for, as `users add` makes one."""
    store = Store(url)
    try:
        with store.session() as session:
            create_user(session, login, DEMO_PASSWORD, person=find_person(session, handle))
    finally:
        store.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve_demo_copy(demo_build, folder: Path, extra_logins: tuple[tuple[str, str], ...] = ()  # type: ignore[no-untyped-def]
                    ) -> Iterator[tuple[str, list[DemoLogin]]]:
    """The real application, served by uvicorn in a thread over a writable copy of the demo
    (with its demo sign-ins and any `(handle, login)` added), and the demo's sign-ins."""
    _require_chromium()
    import uvicorn

    root = folder / "ws"
    shutil.copytree(demo_build.root, root)
    url = f"sqlite:///{(root / DB_NAME).resolve()}"
    with fast_hashing():
        logins = create_demo_accounts(url)
        for handle, login in extra_logins:
            _add_login(url, handle, login)
    app = create_app(url, workspace=root, secure_cookies=False)
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=_free_port(),
                                       log_level="warning", lifespan="on"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start", pytrace=False)
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{uv.config.port}", logins
    finally:
        uv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(demo_build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The real application over a writable demo copy, with a sign-in for Aisha."""
    with serve_demo_copy(demo_build, tmp_path_factory.mktemp("browser"),
                         ((THIN, THIN_LOGIN),)) as (base, _logins):
        yield base


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    with playwright_sync.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def shots(tmp_path: Path) -> Iterator[Path]:
    """Where screenshots go; copied to $STAFFPATH_SCREENSHOTS afterwards when it is set."""
    folder = tmp_path / "shots"
    folder.mkdir()
    yield folder
    target = os.environ.get("STAFFPATH_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        for png in folder.glob("*.png"):
            shutil.copy2(png, Path(target) / png.name)


def _sign_in(page, base: str, login: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/login")
    page.fill("#login", login)
    page.fill("#password", DEMO_PASSWORD)
    page.click("#login-submit")
    page.wait_for_load_state("networkidle")
    assert "/login" not in page.url, f"sign-in as {login} failed: {page.content()[:500]}"


@dataclass(frozen=True)
class Seen:
    """What a person reads on an assessment page, every dimension opened."""

    overall: str
    gaps: int
    levels: dict[str, str]  # dimension id → the level shown ("not enough evidence", ...)
    cited: dict[str, set[str]]  # dimension id → the evidence ids shown, e.g. {"9", "558"}


def _read_assessment(page) -> Seen:  # type: ignore[no-untyped-def]
    """Open each dimension as a reader would (a click on its summary) and read what shows."""
    levels: dict[str, str] = {}
    cited: dict[str, set[str]] = {}
    dimensions = page.get_by_test_id("dimension")
    for i in range(dimensions.count()):
        dim = dimensions.nth(i)
        dim_id = dim.get_attribute("data-dimension")
        assert dim_id
        dim.locator("summary").click()
        assert dim.evaluate("d => d.open"), f"{dim_id} did not open"
        levels[dim_id] = dim.locator(".dim-level").inner_text().strip()
        shown = dim.locator(".citations li").all_inner_texts()
        cited[dim_id] = {m.group(1) for t in shown if (m := re.match(r"\s*E(\d+) ", t))}
    # Back to the top, so a full-page screenshot does not paint the sticky header mid-page.
    page.evaluate("window.scrollTo(0, 0)")
    gaps = page.get_by_test_id("gap")
    assert all(gaps.nth(i).is_visible() for i in range(gaps.count()))
    return Seen(page.get_by_test_id("overall-level").inner_text().strip(), gaps.count(),
                levels, cited)


def test_engineer_journal_assessment_packet_flow(browser, server: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(f"{server}/login")
    page.screenshot(path=str(shots / "01-sign-in.png"), full_page=True)
    _sign_in(page, server, THIN_LOGIN)

    journal = f"{server}/people/{THIN}/journal"
    assessment = f"{server}/people/{THIN}/assessment"
    page.goto(journal)
    page.screenshot(path=str(shots / "02-journal.png"), full_page=True)
    entries_before = int(page.get_by_test_id("entry-count").inner_text())
    page.goto(assessment)
    before = _read_assessment(page)
    unrecorded_before = page.get_by_test_id("gap").filter(has_text="no level yet").count()
    page.screenshot(path=str(shots / "03-assessment-before.png"), full_page=True)
    assert before.gaps > 0, "Aisha's thin record should leave gaps to senior"
    assert any(level == "not enough evidence" for level in before.levels.values()), before

    # Add an entry inline: htmx swaps it into the list without a page load. A talk she gave
    # to two other teams, last week: the default framework (2026.2 and later) counts a talk toward
    # communication, where her record holds nothing yet, and toward developing others.
    page.goto(journal)
    title = "Gave a talk on the cart-expiry design to Payments and Fulfilment"
    form = page.get_by_test_id("add-entry-form")
    form.get_by_test_id("entry-title").fill(title)
    recent = dt.date.today() - dt.timedelta(days=11)
    form.get_by_test_id("entry-date").fill(recent.isoformat())
    form.get_by_test_id("entry-kind").select_option("talk")
    form.get_by_test_id("entry-scope").select_option("teams")
    form.get_by_test_id("entry-body").fill(
        "I walked both teams through the design document for expiring saved carts, the options "
        "we rejected and the decision record both teams adopted.")
    url_before = page.url
    with page.expect_response(re.compile(r"/journal/entries$")) as resp:
        page.get_by_test_id("add-entry-submit").click()
    assert resp.value.status < 400
    new_entry = page.get_by_test_id("entry").filter(has_text=title)
    new_entry.wait_for()
    assert page.url == url_before  # inline, no navigation
    entry_id = new_entry.get_attribute("data-entry-id")
    assert entry_id

    page.goto(journal)
    assert int(page.get_by_test_id("entry-count").inner_text()) == entries_before + 1

    page.goto(assessment)
    after = _read_assessment(page)
    unrecorded_after = page.get_by_test_id("gap").filter(has_text="no level yet").count()
    page.screenshot(path=str(shots / "03-assessment.png"), full_page=True)
    # The new entry is cited, where it was not before...
    citing = sorted(d for d, ids in after.cited.items() if entry_id in ids)
    assert citing, f"E{entry_id} is cited nowhere: {after.cited}"
    assert not any(entry_id in ids for ids in before.cited.values())
    # ...and it changed a conclusion the page shows: a dimension's level, and a gap closed.
    changed = {d: (before.levels[d], after.levels[d]) for d in citing
               if before.levels[d] != after.levels[d]}
    assert changed, f"E{entry_id} is cited in {citing} but no level there changed"
    assert any(old == "not enough evidence" for old, _new in changed.values()), changed
    # One talk is not sustained work: the gap it touches has a level now, not "no level yet",
    # and none is added. (Her mentor's weekly meetings are her learning, not her developing
    # others, so the talk alone does not close that gap.)
    assert unrecorded_after < unrecorded_before, (unrecorded_before, unrecorded_after)
    assert after.gaps <= before.gaps, (before.gaps, after.gaps)

    page.goto(f"{server}/people/{THIN}/packet")
    page.screenshot(path=str(shots / "04-packet.png"), full_page=True)
    with page.expect_download() as md:
        page.get_by_test_id("download-md").click()
    md_bytes = Path(md.value.path()).read_bytes()
    assert md_bytes.strip()
    assert not md_bytes.startswith(b"%PDF")
    assert title.encode() in md_bytes  # the packet carries the new work too
    with page.expect_download(timeout=60_000) as pdf:
        page.get_by_test_id("download-pdf").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")

    page.get_by_test_id("logout").click()
    page.wait_for_load_state("networkidle")
    page.goto(journal)
    assert "/login" in page.url, "signed out, the journal still shows"
    assert not errors, errors
    context.close()


def test_screenshots_of_other_roles(browser, server: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    manager = browser.new_context(viewport={"width": 1280, "height": 900})
    page = manager.new_page()
    _sign_in(page, server, MANAGER_LOGIN)
    for path, name in (("/team", "05-team-overview"), ("/org", "06-organisation")):
        response = page.goto(f"{server}{path}")
        assert response is not None, path
        assert response.status == 200, path
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    manager.close()

    admin = browser.new_context(viewport={"width": 1280, "height": 900})
    page = admin.new_page()
    _sign_in(page, server, ADMIN_LOGIN)
    response = page.goto(f"{server}/admin/people")
    assert response is not None
    assert response.status == 200
    page.screenshot(path=str(shots / "07-admin-people.png"), full_page=True)
    admin.close()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                is_mobile=True, has_touch=True)
    page = phone.new_page()
    _sign_in(page, server, ENGINEER_LOGIN)
    page.goto(f"{server}/people/{ENGINEER}/journal")
    page.screenshot(path=str(shots / "08-journal-phone.png"), full_page=False)
    # Nothing wider than the screen: no sideways scrolling on a phone.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the phone journal scrolls sideways by {overflow}px"
    phone.close()


def test_finished_cycle_calibration_folds_each_packet(browser, server: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    """The released demo cycle's calibration page: one line per packet, opened on demand, at
    laptop and phone width."""
    for name, options in (
            ("09-calibration", {"viewport": {"width": 1280, "height": 900}}),
            ("10-calibration-phone", {"viewport": {"width": 390, "height": 844},
                                      "device_scale_factor": 2, "is_mobile": True,
                                      "has_touch": True})):
        context = browser.new_context(**options)
        page = context.new_page()
        _sign_in(page, server, COMMITTEE_LOGIN)
        page.goto(f"{server}/committee/cycles")
        released = page.get_by_test_id("my-cycle").filter(has_text="Released")
        released.get_by_role("link").first.click()
        page.wait_for_load_state("networkidle")
        packets = page.get_by_test_id("calibration-nomination")
        assert packets.count() >= 2
        # Every packet is decided, so every one is folded: its summary shows, its table not.
        for i in range(packets.count()):
            packet = packets.nth(i)
            assert not packet.evaluate("d => d.open")
            assert packet.get_by_test_id("decision").is_visible()
            assert packet.get_by_test_id("packet-spread").is_visible()
            assert not packet.get_by_test_id("side-by-side").is_visible()
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
        first = packets.first
        first.get_by_test_id("packet-summary").click()
        assert first.get_by_test_id("side-by-side").is_visible()
        assert not packets.nth(1).get_by_test_id("side-by-side").is_visible()
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(shots / f"{name}-open.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} scrolls sideways by {overflow}px"
        context.close()
