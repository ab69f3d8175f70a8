"""The packet document and its Markdown and HTML: every question, visible gaps, cited evidence."""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from staffpath.errors import InputError
from staffpath.framework.model import Framework
from staffpath.ledger.record import EvidenceInput
from staffpath.ledger.service import add_evidence, import_brag_text, list_evidence
from staffpath.packet.chart import level_chart_svg
from staffpath.packet.document import ChartRow, PacketDocument
from staffpath.packet.questions import QUESTIONS
from staffpath.packet.render import render_packet
from staffpath.packet.service import packet_document
from staffpath.people.service import find_person
from staffpath.store.engine import Store

AS_OF = dt.date(2026, 11, 21)
SCRIPT = "<script>alert(1)</script>"
BRAG = textwrap.dedent("""\
    # 2026
    ## Cart split
    - 2026-03-02: Led the cart split across 5 teams, org-wide rollout plan #design
      - the hard part: no downtime allowed during the spring sale
    - 2026-06-10: Shipped the cart service to all markets, $400k/yr saved in hosting
    - 2026-07-01: Tidied the cart | checkout runbooks #oncall
    ## Mentoring
    - 2026-04-01: Mentored @bo on their first design doc #mentoring
      - Bo now reviews designs for the team
    ## Things to learn
    - Get better at writing for executives
    """)
HEADINGS = [q.title for q in QUESTIONS] + ["Gaps and the plan", "Evidence appendix"]


@pytest.fixture
def ada_store(org: Store, framework: Framework) -> Store:
    with org.session() as session:
        ada = find_person(session, "ada")
        import_brag_text(session, ada, BRAG, document="journals/ada.md", framework=framework,
                         today=AS_OF)
        # Typed in, as `staffpath log` would: nothing strips the markup on the way in.
        add_evidence(session, ada, EvidenceInput(
            title=f"{SCRIPT} Wrote the incident guide", date_start=dt.date(2026, 8, 3),
            kind="writing", body="<b>bold</b> claims"))
    return org


def _doc(store: Store, framework: Framework, *, third_person: bool = False) -> PacketDocument:
    with store.session() as session:
        return packet_document(session, find_person(session, "ada"), framework, as_of=AS_OF,
                               third_person=third_person)


@pytest.fixture
def doc(ada_store: Store, framework: Framework) -> PacketDocument:
    return _doc(ada_store, framework)


class Tags(HTMLParser):
    """Every start tag with its attributes, and every element id."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    @property
    def ids(self) -> set[str]:
        return {str(a["id"]) for _, a in self.tags if a.get("id")}


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def test_every_question_is_answered_or_flagged_with_what_would_answer_it(
    doc: PacketDocument,
) -> None:
    assert [a.title for a in doc.answers] == [q.title for q in QUESTIONS]
    by = {a.id: a for a in doc.answers}
    assert by["projects"].answered
    assert by["mentoring"].answered
    assert by["money"].answered
    assert by["glue"].answered
    assert not by["advocates"].answered
    assert by["advocates"].would_answer
    assert not by["advocates"].notes
    assert doc.unanswered == sum(not a.answered for a in doc.answers) + (not doc.gaps.answered)
    project = by["projects"].entries[0]
    facts = {f.label: f.text for f in project.facts}
    # Quoted: the person's own words, as they wrote them under the project's heading.
    assert facts["What made it hard"] == (
        "\u201cthe hard part: no downtime allowed during the spring sale\u201d")
    # The brag document's heading makes one project of the items written under it.
    assert project.title == "Cart split"
    titles = {r.evidence_id: r.title for r in doc.appendix}
    assert sorted(titles[i] for i in project.cites) == [
        "Led the cart split across 5 teams, org-wide rollout plan",
        "Shipped the cart service to all markets, $400k/yr saved in hosting",
        "Tidied the cart | checkout runbooks"]


def test_markdown_and_html_show_every_question_and_mark_the_unanswered(
    doc: PacketDocument,
) -> None:
    md = render_packet(doc, "md").decode("utf-8")
    html = render_packet(doc, "html").decode("utf-8")
    positions = [md.index(f"## {h}") for h in HEADINGS]
    assert positions == sorted(positions)
    for heading in HEADINGS:
        assert f"<h2>{heading}</h2>" in html
    assert md.count("> **Not yet answered.**") == doc.unanswered
    assert html.count("<strong>Not yet answered.</strong>") == doc.unanswered
    unanswered = [a for a in doc.answers if not a.answered]
    sections = {a.get("id"): a.get("class") for t, a in parse(html).tags if t == "section"}
    for a in unanswered:
        assert sections[f"q-{a.id}"] == "question unanswered"
        assert a.would_answer in md


def test_appendix_lists_every_item_with_its_source_and_citations_link_to_it(
    ada_store: Store, doc: PacketDocument
) -> None:
    with ada_store.session() as session:
        items = list_evidence(session, person=find_person(session, "ada"))
    md = render_packet(doc, "md").decode("utf-8")
    html = render_packet(doc, "html").decode("utf-8")
    appendix = md[md.index("## Evidence appendix"):]
    for e in items:
        row = next(line for line in appendix.splitlines() if f'<a id="E{e.id}"></a>' in line)
        where = (f"journals/ada.md, line {e.source_line}" if e.source_type == "file" else
                 "typed into staffpath")
        assert where in row
        assert "self-reported" in row
    tags = parse(html)
    assert {f"E{e.id}" for e in items} <= tags.ids
    hrefs = [str(a["href"]) for t, a in tags.tags if t == "a" and a.get("class") == "cite"]
    assert hrefs, "the HTML packet cites evidence"
    assert {h.lstrip("#") for h in hrefs} <= tags.ids
    cited = {int(m) for a in doc.answers for m in a.cited}
    assert {f"#E{i}" for i in cited} <= set(hrefs)


def test_user_text_is_escaped_in_html_and_cannot_open_a_tag(doc: PacketDocument) -> None:
    html = render_packet(doc, "html").decode("utf-8")
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; claims" in html
    assert not {"script", "b"} & {t for t, _ in parse(html).tags}
    md = render_packet(doc, "md").decode("utf-8")
    assert SCRIPT not in md
    assert "&lt;script>alert(1)&lt;/script>" in md
    # A pipe in a title stays inside its table cell.
    row = next(line for line in md.splitlines()
               if "Tidied the cart" in line and '<a id="E' in line)
    assert "cart \\| checkout" in row


def test_same_inputs_give_byte_identical_markdown_html_and_chart(
    ada_store: Store, framework: Framework
) -> None:
    first, second = _doc(ada_store, framework), _doc(ada_store, framework)
    assert first == second
    for fmt in ("md", "html"):
        assert render_packet(first, fmt) == render_packet(second, fmt)
    levels = ("Engineer", "Senior engineer", "Staff engineer")
    rows = (ChartRow("Scope", 2, True), ChartRow("Strategy", None, False))
    svg = level_chart_svg(levels, rows, 3)
    assert svg == level_chart_svg(levels, rows, 3)
    assert not re.search(r"<dc:date>", svg)


def test_chart_labels_levels_and_says_not_enough_evidence(doc: PacketDocument) -> None:
    svg = level_chart_svg(doc.levels, doc.chart_rows, doc.target_rank)
    assert svg.startswith("<svg")
    for level in doc.levels:
        for word in level.split():
            assert word in svg
    thin = [r for r in doc.chart_rows if not r.enough_evidence]
    assert thin, "the small record leaves some dimensions without enough evidence"
    assert svg.count(">not enough evidence<") >= len(thin)


def test_third_person_uses_the_name_and_leaves_the_evidence_text_alone(
    ada_store: Store, framework: Framework
) -> None:
    doc = _doc(ada_store, framework, third_person=True)
    md = render_packet(doc, "md").decode("utf-8")
    assert doc.summary.startswith("Ada Lovelace's record holds")
    prompts = {a.id: a.prompt for a in doc.answers}
    assert "what was Ada Lovelace's part" in prompts["projects"]
    assert prompts["mentoring"].startswith("Whom did Ada Lovelace mentor")
    assert "What Ada Lovelace plans next" in md
    for template_sentence in ("My record", "what was my part", "because of me", "What I plan"):
        assert template_sentence not in md
    assert "Mentored @bo on their first design doc" in md  # evidence stays as written
    first = render_packet(_doc(ada_store, framework), "md").decode("utf-8")
    assert "My record holds" in first
    assert "what was my part" in first


def test_a_workspace_template_overrides_the_built_in_one(
    doc: PacketDocument, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "packet.md.j2").write_text(
        "# Case for {{ doc.header.name | md }}\n{{ doc.unanswered }} gap(s)\n", encoding="utf-8")
    (templates / "packet.css").write_text("body { color: rebeccapurple; }\n", encoding="utf-8")
    md = render_packet(doc, "md", template_dir=templates).decode("utf-8")
    assert md == f"# Case for Ada Lovelace\n{doc.unanswered} gap(s)\n"
    html = render_packet(doc, "html", template_dir=templates).decode("utf-8")
    assert "rebeccapurple" in html  # the organisation's CSS, inside the built-in page
    assert "Evidence appendix" in html
    assert render_packet(doc, "md", template_dir=tmp_path / "absent") == render_packet(doc, "md")


@pytest.mark.parametrize(("text", "line", "message"), [
    ("# {{ doc.header.name }}\n\n{% for a in doc.answers %}\n{{ a.title }\n{% endfor %}\n", 4,
     "template syntax error"),
    ("# ok\n{{ doc.no_such_field }}\n", 2, "template error"),
])
def test_a_broken_template_is_one_error_naming_its_file_and_line(
    doc: PacketDocument, tmp_path: Path, text: str, line: int, message: str
) -> None:
    (tmp_path / "packet.md.j2").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        render_packet(doc, "md", template_dir=tmp_path)
    err = caught.value
    assert err.path == str(tmp_path / "packet.md.j2")
    assert err.line == line
    assert str(err).startswith(f"{tmp_path / 'packet.md.j2'}:{line}: {message}")
    assert "\n" not in str(err)


def test_packet_command_writes_each_format_and_reports_in_json(
    run_cli, roster_file: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("people", "import", str(roster_file)).code == 0
    brag = tmp_path / "brag.md"
    brag.write_text(BRAG, encoding="utf-8")
    assert run_cli("evidence", "import", str(brag), "--person", "ada").code == 0
    out = tmp_path / "out" / "ada.html"
    result = run_cli("packet", "ada", "--format", "html", "--output", str(out), "--json",
                     "--third-person")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["path"] == str(out)
    assert report["format"] == "html"
    assert report["unanswered"] >= 1
    assert report["questions"] == 7
    # The case as data: the projects biggest first, each question's status, the closing work.
    assert report["projects"][0]["title"] == "Cart split"
    assert report["projects"][0]["what_made_it_hard"].startswith("\u201cthe hard part")
    assert {a["id"]: a["status"] for a in report["answers"]}["advocates"] == "not yet answered"
    assert 1 <= len(report["closing_work"]) <= 2
    assert "Ada Lovelace's part" in unescape(out.read_text(encoding="utf-8"))
    pdf = run_cli("packet", "ada", "--format", "pdf", "--json")
    assert pdf.code == 0, pdf.err
    written = tmp_path / json.loads(pdf.out)["path"]
    assert written.name == "packet-ada.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    templates = tmp_path / "ws" / "templates"
    templates.mkdir()
    (templates / "packet.md.j2").write_text("{% if %}\n", encoding="utf-8")
    broken = run_cli("packet", "ada")
    assert broken.code == 2
    lines = broken.err.strip().splitlines()
    assert len(lines) == 1
    assert f"{templates / 'packet.md.j2'}:1: template syntax error" in " ".join(broken.err.split())
