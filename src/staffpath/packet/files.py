"""A person's packet and dimension chart for the web, through the packet package's renderers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from staffpath.assess.cache import AssessmentCache
from staffpath.framework.model import Framework
from staffpath.packet.render import Format, render_packet
from staffpath.packet.service import packet_document
from staffpath.store.tables import Person

MEDIA_TYPES: dict[str, str] = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


def packet_file(session: Session, person: Person, framework: Framework, fmt: Format, *,
                as_of: dt.date | None = None, cache: AssessmentCache | None = None) -> bytes:
    """The packet as the bytes of a Markdown, HTML or PDF file."""
    return render_packet(packet_document(session, person, framework, as_of=as_of, cache=cache),
                         fmt)


def chart_svg(session: Session, person: Person, framework: Framework, *,
              as_of: dt.date | None = None, cache: AssessmentCache | None = None) -> str:
    """The dimension chart (level per dimension against the target) as an SVG document."""
    doc = packet_document(session, person, framework, as_of=as_of, cache=cache)
    # Imported here: matplotlib takes a second to load, which commands that draw no chart
    # should not pay.
    from staffpath.packet.chart import level_chart_svg

    svg = level_chart_svg(doc.levels, doc.chart_rows, doc.target_rank)
    return svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1) if (
        "xmlns=" not in svg.split(">", 1)[0]) else svg


def filename(person: Person, fmt: str) -> str:
    return f"packet-{person.handle}.{fmt}"
