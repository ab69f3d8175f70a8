"""The PDF packet: its sections in order, gaps visible, links to the appendix, a readable page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.abc
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import ROSTER
from staffpath.framework.loader import default_framework
from staffpath.framework.model import Framework
from staffpath.ledger.service import import_brag_text
from staffpath.packet import render
from staffpath.packet.document import PacketDocument
from staffpath.packet.render import PdfUnavailable, render_packet
from staffpath.packet.service import packet_document
from staffpath.people.service import find_person, import_roster
from staffpath.store.engine import Store
from test_packet import AS_OF, BRAG


def build_ada_doc(folder: Path, *, third_person: bool = False) -> PacketDocument:
    """Ada's packet from the test roster and brag document, in a store of its own."""
    (folder / "roster.csv").write_text(ROSTER, encoding="utf-8")
    framework: Framework = default_framework()
    store = Store(f"sqlite:///{folder / 'test.db'}")
    try:
        with store.session() as session:
            import_roster(session, folder / "roster.csv", level_ids=framework.level_ids)
        with store.session() as session:
            import_brag_text(session, find_person(session, "ada"), BRAG,
                             document="journals/ada.md", framework=framework, today=AS_OF)
        with store.session() as session:
            return packet_document(session, find_person(session, "ada"), framework,
                                   as_of=AS_OF, third_person=third_person)
    finally:
        store.close()


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> PacketDocument:
    return build_ada_doc(tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="module")
def pdf(doc: PacketDocument) -> bytes:
    return render_packet(doc, "pdf")


def _text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_pdf_has_the_expected_sections_in_order(doc: PacketDocument, pdf: bytes) -> None:
    pages = _text(pdf)
    assert len(pages) >= 3
    first = " ".join(pages[0].split())
    # Page one answers "is the case there?": verdict, counts, the questions, the case in brief.
    for part in ("Ada Lovelace", doc.verdict.headline, "Questions answered", "The case in brief",
                 "The packet questions", "Page 1 of"):
        assert part in first
    assert "Evidence appendix" not in first
    text = " ".join(" ".join(pages).split())
    sections = ["The case in brief", "Summary by dimension", *(a.title for a in doc.answers),
                "Gaps and the plan", "Evidence appendix"]
    # Headings appear in the running header too; look for each after the previous one.
    at = 0
    for section in sections:
        found = text.find(section, at)
        assert found >= 0, f"{section!r} missing or out of order"
        at = found + len(section)
    assert text.count("NOT YET ANSWERED.") == doc.unanswered
    appendix = text[at:]
    for row in doc.appendix:
        assert f"E{row.evidence_id}" in appendix
        assert "journals/ada.md" in appendix


def test_pdf_citations_are_links_to_the_appendix(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots") or []
             if a.get_object().get("/Subtype") == "/Link"]
    internal = [a for a in links if "/Dest" in a or a.get("/A", {}).get("/S") == "/GoTo"]
    assert len(internal) >= 3


def test_the_same_packet_gives_the_same_pdf(doc: PacketDocument, pdf: bytes) -> None:
    assert render_packet(doc, "pdf") == pdf
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None
    assert meta["/CreationDate"] == "D:20261121"
    assert meta["/Title"] == "Promotion packet: Ada Lovelace"


def test_first_page_renders_to_a_non_blank_image(pdf: bytes, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    source = tmp_path / "packet.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "40", "-png", str(source),
                    str(tmp_path / "page")], check=True, timeout=60)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    width, height = image.size
    assert height > width  # A4 portrait
    histogram = image.histogram()
    dark = sum(histogram[:200]) / (width * height)
    assert 0.02 < dark < 0.6, f"{dark:.1%} of page one is ink"
    # The verdict box and the chart's bars are colour, not only text.
    colours = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB").getcolors(1 << 16)
    assert colours is not None
    assert len(colours) > 50


class _NoPango(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: object, target: object = None) -> None:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': not found")


def test_missing_pango_is_one_line_naming_the_debian_packages(
    doc: PacketDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    render._weasyprint.cache_clear()  # forget the WeasyPrint this process already loaded
    with pytest.raises(PdfUnavailable) as caught:
        render_packet(doc, "pdf")
    message = str(caught.value)
    assert "libpango-1.0-0 libpangoft2-1.0-0" in message
    assert "\n" not in message


def test_the_pdf_dates_come_from_the_assessment(doc: PacketDocument, pdf: bytes) -> None:
    later = dataclasses.replace(doc, header=dataclasses.replace(
        doc.header, as_of=doc.header.as_of + dt.timedelta(days=1)))
    other = render_packet(later, "pdf")
    assert other != pdf
    assert PdfReader(io.BytesIO(other)).metadata["/CreationDate"] == "D:20261122"  # type: ignore[index]
