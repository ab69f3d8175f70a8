"""Rendering a packet document to Markdown, HTML or PDF through overridable Jinja2 templates."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import jinja2
from markupsafe import Markup, escape

from staffpath.errors import InputError, StaffpathError
from staffpath.packet.document import PacketDocument

Format = Literal["md", "html", "pdf"]
FORMATS: tuple[Format, ...] = ("md", "html", "pdf")
TEMPLATES = {"md": "packet.md.j2", "html": "packet.html.j2"}
CITATION = re.compile(r"\[E(\d+)\]")
# A '<' that starts something a Markdown viewer would treat as HTML (a tag, comment or
# declaration). Plain comparisons such as "p99 < 200ms" stay readable.
TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
PDF_LIBRARIES = "libpango-1.0-0 libpangoft2-1.0-0"


class PdfUnavailable(StaffpathError):
    """WeasyPrint is installed but the system libraries it draws text with are not."""


def _md(text: object) -> str:
    """User text for Markdown: one line, and no raw HTML a viewer would run."""
    return TAG_START.sub("&lt;", " ".join(str(text).split()))


def _cell(text: object) -> str:
    """User text for a Markdown table cell."""
    return _md(text).replace("|", "\\|")


def _pct(value: float) -> str:
    """`0.85` as `85%`."""
    return f"{value:.0%}"


def _longdate(day: dt.date) -> str:
    """`21 November 2026`."""
    return f"{day.day} {day:%B %Y}"


def _environment(template_dir: Path | None, html: bool) -> jinja2.Environment:
    """Templates from the workspace folder first, then the built-in ones."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None and template_dir.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.PackageLoader("staffpath.packet", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders), autoescape=html, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters.update(md=_md, cell=_cell, pct=_pct, longdate=_longdate, cites=_cites,
                       linkify=_linkify)
    return env


@functools.lru_cache(maxsize=16)
def _cached_environment(template_dir: str | None, html: bool) -> jinja2.Environment:
    """One environment per template folder and format, reused."""
    return _environment(Path(template_dir) if template_dir else None, html)


def _link(n: int, known: frozenset[int]) -> str:
    """A citation as a link to its appendix row, or plain text if it has none."""
    return f'<a class="cite" href="#E{n}">E{n}</a>' if n in known else f"E{n}"


@jinja2.pass_context
def _cites(context: jinja2.runtime.Context, ids: Iterable[int], limit: int | None = None
           ) -> str | Markup:
    """Citations: links to the appendix in HTML, `[E12]` in Markdown."""
    ids = list(ids)
    shown = ids if limit is None else ids[:limit]
    extra = len(ids) - len(shown)
    if not context.eval_ctx.autoescape:
        return " ".join(f"[E{i}]" for i in shown) + (f" +{extra} more" if extra else "")
    known = context["doc"].appendix_ids
    out = " ".join(_link(i, known) for i in shown)
    return Markup(out + (f' <span class="more">+{extra} more</span>' if extra else ""))


@jinja2.pass_context
def _linkify(context: jinja2.runtime.Context, text: str) -> Markup:
    """Prose for HTML: escaped, with [E12] turned into links to the appendix."""
    known = context["doc"].appendix_ids
    # Escape first, then add the only markup prose may carry.
    safe = str(escape(text))
    return Markup(CITATION.sub(lambda m: _link(int(m.group(1)), known), safe))


def _template_error(exc: Exception, tb: TracebackType | None) -> InputError:
    """One line naming the template file and line that failed."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return InputError(f"template syntax error: {exc.message}",
                          path=exc.filename or exc.name, line=exc.lineno)
    if isinstance(exc, jinja2.TemplateNotFound):
        return InputError(f"template not found: {exc.name}")
    where: tuple[str, int] | None = None
    # Jinja2 rewrites tracebacks so that template frames carry the template's file and line.
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".j2", ".css", ".html")):
            where = (name, tb.tb_lineno)
        tb = tb.tb_next
    message = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else str(
        exc)
    return InputError(f"template error: {message}", path=where[0] if where else None,
                      line=where[1] if where else None)


def render_text(
    doc: PacketDocument, fmt: Literal["md", "html"], *, template_dir: Path | None = None,
    blind: bool = False,
) -> str:
    """The packet as Markdown or HTML text. `blind` leaves out the engine's view (verdict,
    levels per dimension, gaps) for a panel member who has not scored yet."""
    html = fmt == "html"
    env = _cached_environment(str(template_dir) if template_dir else None, html)
    try:
        template = env.get_template(TEMPLATES[fmt])
        context: dict[str, Any] = {"doc": doc, "blind": blind}
        if html:
            # Imported here: matplotlib takes a second to load, which every other command
            # (and Markdown packets) should not pay for.
            from staffpath.packet.chart import level_chart_svg

            svg = level_chart_svg(doc.levels, doc.chart_rows, doc.target_rank)
            # The page shows the chart as an image: WeasyPrint then draws it with its SVG
            # renderer instead of reading every SVG style attribute as page CSS. The inline
            # form stays available to organisation templates.
            context["chart_svg"] = Markup(svg)
            context["chart_src"] = "data:image/svg+xml;base64," + base64.b64encode(
                svg.encode("utf-8")).decode("ascii")
        return template.render(context)
    except jinja2.TemplateError as exc:
        raise _template_error(exc, sys.exc_info()[2]) from None


@functools.lru_cache(maxsize=1)
def _weasyprint() -> tuple[Any, Any]:
    """WeasyPrint and one font configuration reused by every PDF this process prints."""
    try:
        import weasyprint  # type: ignore[import-untyped]
        from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]
    except OSError as exc:
        raise PdfUnavailable(
            f"PDF output needs Pango; install the Debian packages {PDF_LIBRARIES} ({exc})"
        ) from None
    # Setting fonts up is a fifth of the time of a short packet; it is the same every time.
    return weasyprint, FontConfiguration()


def render_pdf(html: str) -> bytes:
    """Print the HTML packet to PDF with WeasyPrint."""
    weasyprint, fonts = _weasyprint()
    # The HTML's dcterms dates (the assessment date) become the PDF's dates, so the same
    # packet gives the same PDF.
    return weasyprint.HTML(string=html).write_pdf(font_config=fonts)  # type: ignore[no-any-return]


def render_pdfs(htmls: Sequence[str]) -> list[bytes]:
    """Print many HTML packets to PDF in this process, sharing one font setup.

    Deliberately serial: a process pool would halve the time on an idle two-core machine, but
    "spawn" re-runs the caller's main script, which breaks any script without a __main__ guard.
    """
    return [render_pdf(h) for h in htmls]


def render_packet(
    doc: PacketDocument, fmt: Format, *, template_dir: Path | None = None
) -> bytes:
    """The packet in one format, as the bytes of the file to write."""
    if fmt not in FORMATS:
        raise InputError(f"unknown packet format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if fmt == "pdf":
        return render_pdf(render_text(doc, "html", template_dir=template_dir))
    return render_text(doc, fmt, template_dir=template_dir).encode("utf-8")
