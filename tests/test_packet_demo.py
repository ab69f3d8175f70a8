"""Every demo person's packet in all three formats, through the real demo pipeline."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from staffpath.demo.build import DemoResult
from staffpath.framework.registry import active_framework
from staffpath.packet.document import PacketDocument
from staffpath.packet.questions import QUESTIONS
from staffpath.packet.render import render_packet
from staffpath.packet.service import packet_document
from staffpath.people.service import find_person
from staffpath.store.engine import Store
from staffpath.workspace import DB_NAME
from test_packet import parse

TODAY = dt.date(2026, 11, 21)
HEADINGS = [f"## {q.title}" for q in QUESTIONS] + ["## Gaps and the plan",
                                                   "## Evidence appendix"]


@pytest.fixture(scope="module")
def demo(demo_build: DemoResult) -> DemoResult:
    return demo_build


@pytest.fixture(scope="module")
def store(demo: DemoResult) -> Iterator[Store]:
    s = Store(f"sqlite:///{demo.root / DB_NAME}")
    yield s
    s.close()


def _first_page(pdf: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


@pytest.fixture(scope="module")
def first_pages(demo: DemoResult) -> dict[str, str]:
    """Page one of each demo PDF as text, read once (pypdf is not quick)."""
    return {o.handle: _first_page(o.packet.with_suffix(".pdf").read_bytes())
            for o in demo.outcomes
            if o.packet is not None and o.packet.with_suffix(".pdf").exists()}


def test_the_demo_writes_md_and_html_for_everyone_with_a_target_and_prints_a_pair(
    demo: DemoResult, first_pages: dict[str, str]
) -> None:
    with_target = [o for o in demo.outcomes if o.target_level]
    assert len(with_target) >= 15
    # The demo prints one ready and one not-ready candidate's PDF (`build_demo(all_pdfs=True)`
    # prints every one; printing is the same path for each, and the slow part).
    assert {bool(o.ready) for o in with_target if o.handle in first_pages} == {True, False}
    for o in with_target:
        assert o.packet is not None
        md = o.packet.read_text(encoding="utf-8")
        html = o.packet.with_suffix(".html").read_text(encoding="utf-8")
        assert len(md) > 2_000
        assert len(html) > 10_000
        assert [h for h in HEADINGS if h not in md] == []
        tags = parse(html)
        cites = {str(a["href"]).lstrip("#") for t, a in tags.tags
                 if t == "a" and a.get("class") == "cite"}
        assert cites <= tags.ids, o.handle
        if o.handle not in first_pages:
            continue
        pdf = o.packet.with_suffix(".pdf").read_bytes()
        assert pdf.startswith(b"%PDF")
        assert len(pdf) > 20_000
        first = first_pages[o.handle]
        assert o.name in first
        assert "The case in brief" in first


def test_page_one_tells_a_ready_case_from_one_that_is_not(
    demo: DemoResult, first_pages: dict[str, str]
) -> None:
    by = {o.handle: o for o in demo.outcomes}
    for handle, first in first_pages.items():
        ready = "Ready for" in first and "Not yet ready" not in first
        assert ready is bool(by[handle].ready), handle
    grace = by["grace.adeyemi"].packet
    priya = by["priya.nair"].packet
    assert grace is not None
    assert priya is not None
    marker = "> **Not yet answered.**"
    assert (priya.read_text(encoding="utf-8").count(marker)
            < grace.read_text(encoding="utf-8").count(marker))


def _doc(store: Store, handle: str) -> PacketDocument:
    with store.session() as session:
        return packet_document(session, find_person(session, handle), active_framework(session),
                               as_of=TODAY)


def test_people_without_a_target_get_a_packet_in_every_format(
    demo: DemoResult, store: Store
) -> None:
    without = [o for o in demo.outcomes if not o.target_level]
    assert without
    for o in without:
        doc = _doc(store, o.handle)
        md = render_packet(doc, "md").decode("utf-8")
        html = render_packet(doc, "html").decode("utf-8")
        assert [h for h in HEADINGS if h not in md] == []
        assert "No target level is set" in md
        assert "No target level is set" in html
    # One PDF stands for the rest: printing is the same path, and it is the slow part.
    pdf = render_packet(_doc(store, without[0].handle), "pdf")
    assert "No target level is set" in _first_page(pdf)


def test_third_person_packets_render_for_the_demo(store: Store) -> None:
    with store.session() as session:
        doc = packet_document(session, find_person(session, "priya.nair"),
                              active_framework(session), as_of=TODAY, third_person=True)
    md = render_packet(doc, "md").decode("utf-8")
    assert "Priya Nair's record holds" in md
    assert "My record" not in md


def test_ready_candidates_advocates_quote_colleagues_and_others_stay_unanswered(
    demo: DemoResult,
) -> None:
    """The demo's ready candidates were endorsed through the endorsement service: their
    packets name the colleagues and quote their words; nobody else's advocates section is
    answered."""
    for spec in demo.manifest.people:
        outcome = next((o for o in demo.outcomes if o.handle == spec.handle), None)
        if outcome is None or outcome.packet is None:
            continue
        md = outcome.packet.read_text(encoding="utf-8")
        section = md[md.index("## Advocates"):md.index("## Gaps and the plan")]
        if spec.expect_ready:
            assert "*in their words:* “" in section, spec.handle
            assert "Not yet answered" not in section, spec.handle
        else:
            assert "Not yet answered" in section, spec.handle
