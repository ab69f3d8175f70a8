"""The cycle report for leadership: decisions, agreement, and the expectations that blocked."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import jinja2
from sqlalchemy.orm import Session

from staffpath.accounts.principal import Principal
from staffpath.cycles.fairness import Fairness, fairness
from staffpath.cycles.lifecycle import CALIBRATED, OUTCOME_TITLES, StateError
from staffpath.cycles.lookup import cycle_for_member, cycle_framework
from staffpath.cycles.tables import Cycle
from staffpath.cycles.views import Agreement, Choice, CycleFile, CycleSummary, PacketView
from staffpath.cycles.visible import cycle_view
from staffpath.errors import InputError
from staffpath.framework.model import Framework
from staffpath.ledger.cells import spreadsheet_safe
from staffpath.packet.render import render_pdf

ReportFormat = Literal["html", "pdf", "csv"]
REPORT_FORMATS: tuple[ReportFormat, ...] = ("html", "pdf", "csv")
MEDIA_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
               "csv": "text/csv; charset=utf-8"}
CSV_COLUMNS = ("section", "person", "dimension", "member", "level", "value", "note")


@dataclass(frozen=True)
class Blocker:
    """An expectation that *not yet* cases fell short of, at one dimension and level."""

    dimension: str
    title: str
    level: str
    level_title: str
    expectation: str
    gaps: int  # the frozen assessment found the person short there
    panel_below: int  # the panel's median placed the person below the target
    people: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"dimension": self.dimension, "title": self.title, "level": self.level,
                "level_title": self.level_title, "expectation": self.expectation,
                "gaps": self.gaps, "panel_below": self.panel_below,
                "people": list(self.people)}


@dataclass(frozen=True)
class CycleReport:
    """The report's content as the viewer may see it."""

    cycle: CycleSummary
    levels: Mapping[str, str]  # level id: title
    dimensions: tuple[Choice, ...]
    nominations: tuple[PacketView, ...]
    agreement: Agreement
    readings: Mapping[str, str]  # dimension id (and "overall"): what its alpha supports
    counts: Mapping[str, int]  # outcome: decisions
    undecided: int
    blockers: tuple[Blocker, ...]
    generated: str
    fairness: Fairness | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "cycle": self.cycle.to_dict(), "levels": dict(self.levels),
            "dimensions": [d.to_dict() for d in self.dimensions],
            "nominations": [n.to_dict() for n in self.nominations],
            "agreement": self.agreement.to_dict(), "readings": dict(self.readings),
            "counts": dict(self.counts), "undecided": self.undecided,
            "blockers": [b.to_dict() for b in self.blockers], "generated": self.generated,
            "fairness": self.fairness.to_dict() if self.fairness else None,
        }


def alpha_reading(value: float | None) -> str:
    """Krippendorff's own rule of thumb for what an alpha supports."""
    if value is None:
        return "not computable (too few paired scores, or no variation)"
    if value >= 0.8:
        return "reliable"
    if value >= 0.667:
        return "tentative"
    return "low: the panel does not read the rubric alike"


def build_report(session: Session, cycle: Cycle, viewer: Principal) -> CycleReport:
    """The report's content as the viewer may see it; it exists from calibration on."""
    if cycle.state not in CALIBRATED:
        raise StateError(f"the report of {cycle.name!r} is available once calibration opens "
                         f"(the cycle is {cycle.state})")
    fw = cycle_framework(session, cycle)
    view = cycle_view(session, cycle, viewer)
    assert view.agreement is not None  # calibrated
    decided = [n for n in view.nominations if n.decision]
    counts = {o: sum(1 for n in decided if n.decision and n.decision.outcome == o)
              for o in OUTCOME_TITLES}
    return CycleReport(
        cycle=view.cycle, levels=view.level_titles, dimensions=view.dimensions,
        nominations=view.nominations, agreement=view.agreement,
        readings={k: alpha_reading(v) for k, v in view.agreement.alpha.items()}
        | {"overall": alpha_reading(view.agreement.alpha_overall)},
        counts=counts, undecided=len(view.nominations) - len(decided),
        blockers=blockers(fw, view.nominations),
        generated=dt.date.today().isoformat(),
        fairness=fairness(session, cycle, viewer),
    )


def report_for(session: Session, cycle_id: int, viewer: Principal) -> CycleReport:
    """The report of a cycle the viewer reaches."""
    return build_report(session, cycle_for_member(session, cycle_id, viewer), viewer)


def blockers(fw: Framework, nominations: Sequence[PacketView]) -> tuple[Blocker, ...]:
    """Per dimension and target level: how many *not yet* cases the frozen assessment found
    short there, and how many the panel placed below the target; most frequent first."""
    ids = fw.level_ids
    gaps: dict[tuple[str, str], set[str]] = defaultdict(set)
    below: dict[tuple[str, str], set[str]] = defaultdict(set)
    for n in nominations:
        if not n.decision or n.decision.outcome != "not_yet":
            continue
        who = n.person.handle
        target = n.person.target_level
        for row in n.calibration or ():
            tgt = row.target or target
            if tgt not in ids:
                continue
            if row.assessed is None or ids.index(row.assessed) < ids.index(tgt):
                gaps[(row.dimension, tgt)].add(who)
            if row.median is not None and row.median < ids.index(tgt):
                below[(row.dimension, tgt)].add(who)
    out: list[Blocker] = []
    for key in sorted(set(gaps) | set(below)):
        dim, level = key
        exp = fw.expectation(dim, level)
        out.append(Blocker(
            dimension=dim, title=fw.dimension(dim).title, level=level,
            level_title=fw.level(level).title,
            expectation="; ".join(exp.behaviours) if exp else "",
            gaps=len(gaps.get(key, ())), panel_below=len(below.get(key, ())),
            people=tuple(sorted(gaps.get(key, set()) | below.get(key, set()))),
        ))
    out.sort(key=lambda b: (-(b.gaps + b.panel_below), b.title))
    return tuple(out)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("staffpath.cycles", "templates"), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["alpha"] = lambda v: "—" if v is None else f"{v:.2f}"
    env.filters["signed"] = lambda v: f"{v:+.2f}"
    return env


def render_html(report: CycleReport) -> str:
    return _environment().get_template("report.html.j2").render(r=report)


def render_csv(report: CycleReport) -> str:
    """One long table (filter on `section`): decisions, agreement, severity, blockers, scores.
    Cells a spreadsheet would run as formulas are neutralised."""
    out = io.StringIO()
    # RFC 4180 line ends: with them, a cell holding a carriage return is quoted, not split.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)

    def row(*cells: object) -> None:
        # Computed numbers go out as numbers; only text can carry a formula.
        writer.writerow(["" if c is None else f"{c:.4f}" if isinstance(c, float) else
                         str(c) if isinstance(c, int) else spreadsheet_safe(str(c))
                         for c in cells])

    for n in report.nominations:
        for d in n.decisions:
            row("decision", n.person.handle, "", d.decided_by or d.decided_via,
                "", d.outcome, f"v{d.version}: {d.rationale}")
    agreement = report.agreement
    for dim, value in agreement.alpha.items():
        row("alpha", "", dim, "", "", value, report.readings[dim])
    row("alpha", "", "overall", "", "", agreement.alpha_overall, report.readings["overall"])
    for sv in agreement.severity:
        row("severity", "", "", sv.member, "", float(sv.offset), f"{sv.scored} items")
    for b in report.blockers:
        row("blocker", "", b.dimension, "", b.level, b.gaps,
            f"panel below target: {b.panel_below}; {b.expectation}")
    fair = report.fairness
    for a in fair.against if fair else ():
        row("against_panel" if a["against_panel"] else "against_precedent", a["person"], "",
            "", "", a["outcome"], a["rationale"])
    for c in fair.conflicts if fair else ():
        row("conflict", c["person"], "", c["member"], "", "; ".join(c["reasons"]),
            c["acknowledgement"])
    for g in (fair.groups or ()) if fair else ():
        row("group_rate", "", "", "", g["group"], float(g["rate"]),
            f"{g['promoted']} of {g['decided']} promoted")
    for n in report.nominations:
        for r in n.calibration or ():
            for s in r.scores:
                row("score", n.person.handle, r.dimension, s.member, s.level,
                    "outlier" if s.outlier else "", s.comment)
    return out.getvalue()


def render_report(report: CycleReport, fmt: str) -> bytes:
    """The report as the bytes of an HTML, PDF or CSV file."""
    if fmt == "csv":
        return render_csv(report).encode("utf-8")
    if fmt == "html":
        return render_html(report).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(render_html(report))
    raise InputError(f"unknown report format {fmt!r}; use one of: {', '.join(REPORT_FORMATS)}")


def report_filename(cycle: CycleSummary, fmt: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in cycle.name.lower())
    return f"cycle-{safe.strip('-') or cycle.id}.{fmt}"


def report_file(report: CycleReport, fmt: str) -> CycleFile:
    """The report as a file to download."""
    return CycleFile(render_report(report, fmt), MEDIA_TYPES[fmt],
                     report_filename(report.cycle, fmt))
