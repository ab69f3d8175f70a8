"""Building the demo workspace through the product's own import, assess and packet paths."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from staffpath.assess.service import assess_person
from staffpath.cycles.demo import build_demo_cycles
from staffpath.demo.content import DemoManifest, write_demo_files
from staffpath.demo.endorsements import build_demo_endorsements
from staffpath.demo.growth import build_demo_growth, write_demo_strategy
from staffpath.demo.hiring import build_demo_hiring
from staffpath.demo.repos import mine_demo_repos
from staffpath.errors import StoreError
from staffpath.framework.loader import default_framework
from staffpath.framework.registry import store_framework
from staffpath.ledger.service import import_brag_doc, list_evidence, list_notes
from staffpath.packet.advocates import advocates_of
from staffpath.packet.document import build_document
from staffpath.packet.render import render_packet, render_pdfs
from staffpath.people.service import find_person, import_roster, import_teams, list_teams
from staffpath.store.engine import Store
from staffpath.workspace import CONFIG_NAME, DB_NAME, open_workspace

MARKER = ".staffpath-demo"
# The demo's workspace settings: the libraries its quality scorecard tracks.
DEMO_CONFIG = """\
# Written by `staffpath demo`.
[quality.preferred.http]
use = "httpx"
avoid = ["requests"]
"""

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class DemoOutcome:
    handle: str
    name: str
    team: str
    level: str | None
    target_level: str | None
    overall_level: str | None
    expect_ready: bool | None
    ready: bool | None
    gaps: int
    packet: Path | None
    story: str


@dataclass(frozen=True)
class DemoResult:
    root: Path
    manifest: DemoManifest
    outcomes: tuple[DemoOutcome, ...]
    evidence_items: int


def showcase(outcomes: Sequence[DemoOutcome]) -> tuple[str, ...]:
    """The demo's two examples to open first: a ready and a not-ready staff candidate."""
    ready = next((o.handle for o in outcomes if o.ready and o.target_level == "staff"), None)
    not_ready = next((o.handle for o in outcomes if o.ready is False
                      and o.target_level == "staff"), None)
    return tuple(h for h in (ready, not_ready) if h is not None)


def prepare_demo_dir(root: Path) -> None:
    """Make `root` an empty demo folder, refusing to wipe anything that is not a demo."""
    if root.exists():
        if not root.is_dir():
            raise StoreError("exists and is not a folder", path=root)
        if any(root.iterdir()) and not (root / MARKER).exists():
            raise StoreError("folder is not empty and was not made by `staffpath demo`; "
                             "choose another with --workspace", path=root)
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / MARKER).write_text("made by `staffpath demo`; safe to delete\n", encoding="utf-8")


def build_demo(
    root: Path, *, today: dt.date | None = None, progress: Progress | None = None,
    all_pdfs: bool = False, db_url: str | None = None,
) -> DemoResult:
    """Create the demo organisation in a fresh workspace and run the whole pipeline on it.

    Markdown and HTML packets are written for everyone with a target level; PDFs (about a
    second each to print) for one ready and one not-ready staff candidate unless `all_pdfs`.
    """
    today = today or dt.date.today()
    step = progress or (lambda _label, _done, _total: None)
    prepare_demo_dir(root)
    (root / CONFIG_NAME).write_text(DEMO_CONFIG, encoding="utf-8")
    manifest = write_demo_files(root / "input", today)
    workspace = open_workspace(root)
    # The database named by --db or $STAFFPATH_DB (e.g. PostgreSQL) when given, which must
    # be empty; otherwise a new SQLite file in the demo folder.
    store = Store(db_url or f"sqlite:///{(workspace.root / DB_NAME).resolve()}")
    try:
        if db_url:
            with store.session(read_only=True) as session:
                if list_teams(session):
                    raise StoreError("the database already holds an organisation; give the "
                                     "demo an empty one", path=db_url)
        fw = default_framework()
        with store.session() as session:
            store_framework(session, fw, source="built-in")
            import_teams(session, manifest.teams_yaml)
            import_roster(session, manifest.roster_csv, level_ids=fw.level_ids)
        teams = []
        with store.session() as session:
            teams = [t.name for t in list_teams(session)]
        total = len(manifest.journals)
        for n, (handle, path) in enumerate(sorted(manifest.journals.items()), start=1):
            step(f"importing {path.name}", n, total)
            with store.session() as session:
                person = find_person(session, handle)
                import_brag_doc(session, person, path, framework=fw, today=today,
                                document=f"journals/{path.name}", team_names=teams)
        mine_demo_repos(store, root / "input" / "repos", today,
                        mined=lambda done, total: step("mining the demo repositories",
                                                       done, total))
        step("colleagues' endorsements", 0, 0)
        build_demo_endorsements(store, manifest.people)
        outcomes: list[DemoOutcome] = []
        packets = root / "packets"
        packets.mkdir()
        specs = [p for p in manifest.people if p.role == "engineer"]
        evidence_total = 0
        to_print: dict[Path, str] = {}
        for n, spec in enumerate(specs, start=1):
            step(f"assessing {spec.handle}", n, len(specs))
            with store.session() as session:
                person = find_person(session, spec.handle)
                result = assess_person(session, person, fw, as_of=today)
                items = list_evidence(session, person=person)
                evidence_total += len(items)
                packet_path: Path | None = None
                if person.target_level:
                    doc = build_document(person, result, fw, items, list_notes(session, person),
                                         advocates=advocates_of(session, person))
                    packet_path = packets / f"{spec.handle}.md"
                    packet_path.write_bytes(render_packet(doc, "md"))
                    html = render_packet(doc, "html")
                    (packets / f"{spec.handle}.html").write_bytes(html)
                    to_print[packets / f"{spec.handle}.pdf"] = html.decode("utf-8")
                ready = None
                if result.target_level:
                    ready = result.overall_level is not None and fw.level_index(
                        result.overall_level) >= fw.level_index(result.target_level)
                outcomes.append(DemoOutcome(
                    handle=spec.handle, name=spec.name, team=spec.team, level=spec.level,
                    target_level=spec.target_level, overall_level=result.overall_level,
                    expect_ready=spec.expect_ready, ready=ready, gaps=len(result.gaps),
                    packet=packet_path, story=spec.story))
        step("promotion cycles", 0, 0)
        build_demo_cycles(store, today)
        step("hiring loops", 0, 0)
        build_demo_hiring(store)
        step("growth: goals, opportunities, a sponsorship", 0, 0)
        build_demo_growth(store, today)
        write_demo_strategy(store, root)
        if not all_pdfs:
            to_print = {path: html for path, html in to_print.items()
                        if path.stem in showcase(outcomes)}
        step(f"printing {len(to_print)} PDF packets", 0, 0)
        for path, pdf in zip(to_print, render_pdfs(list(to_print.values())), strict=True):
            path.write_bytes(pdf)
    finally:
        store.close()
    return DemoResult(root=root, manifest=manifest, outcomes=tuple(outcomes),
                      evidence_items=evidence_total)
