"""The cycle report for leadership: decisions, agreement, and the expectations that blocked."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from typing import Any, Literal

import jinja2
from sqlalchemy.orm import Session

from staffpath.accounts.principal import Principal
from staffpath.cycles.service import (
    CALIBRATED,
    OUTCOME_TITLES,
    StateError,
    cycle_framework,
    cycle_view,
)
from staffpath.cycles.tables import Cycle
from staffpath.errors import InputError
from staffpath.framework.model import Framework
from staffpath.ledger.service import spreadsheet_safe
from staffpath.packet.render import render_pdf

ReportFormat = Literal["html", "pdf", "csv"]
REPORT_FORMATS: tuple[ReportFormat, ...] = ("html", "pdf", "csv")
MEDIA_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
               "csv": "text/csv; charset=utf-8"}
CSV_COLUMNS = ("section", "person", "dimension", "member", "level", "value", "note")


def alpha_reading(value: float | None) -> str:
    """Krippendorff's own rule of thumb for what an alpha supports."""
    if value is None:
        return "not computable (too few paired scores, or no variation)"
    if value >= 0.8:
        return "reliable"
    if value >= 0.667:
        return "tentative"
    return "low: the panel does not read the rubric alike"


def build_report(session: Session, cycle: Cycle, viewer: Principal) -> dict[str, Any]:
    """The report's content as the viewer may see it; it exists from calibration on."""
    if cycle.state not in CALIBRATED:
        raise StateError(f"the report of {cycle.name!r} is available once calibration opens "
                         f"(the cycle is {cycle.state})")
    fw = cycle_framework(session, cycle)
    view = cycle_view(session, cycle, viewer)
    levels = {lv["id"]: lv["title"] for lv in view["levels"]}
    decided = [n for n in view["nominations"] if n.get("decision")]
    counts = {o: sum(1 for n in decided if n["decision"]["outcome"] == o)
              for o in OUTCOME_TITLES}
    return {
        "cycle": view["cycle"], "levels": levels, "dimensions": view["dimensions"],
        "nominations": view["nominations"], "agreement": view["agreement"],
        "readings": {k: alpha_reading(v) for k, v in view["agreement"]["alpha"].items()}
        | {"overall": alpha_reading(view["agreement"]["alpha_overall"])},
        "counts": counts, "undecided": len(view["nominations"]) - len(decided),
        "blockers": blockers(fw, view["nominations"]),
        "generated": dt.date.today().isoformat(),
    }


def blockers(fw: Framework, nominations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per dimension and target level: how many *not yet* cases the frozen assessment found
    short there, and how many the panel placed below the target; most frequent first."""
    ids = fw.level_ids
    gaps: dict[tuple[str, str], set[str]] = defaultdict(set)
    below: dict[tuple[str, str], set[str]] = defaultdict(set)
    for n in nominations:
        if not n.get("decision") or n["decision"]["outcome"] != "not_yet":
            continue
        who = n["person"]["handle"]
        target = n["person"]["target_level"]
        for row in n.get("calibration", []):
            tgt = row["target"] or target
            if tgt not in ids:
                continue
            if row["assessed"] is None or ids.index(row["assessed"]) < ids.index(tgt):
                gaps[(row["dimension"], tgt)].add(who)
            if row["median"] is not None and row["median"] < ids.index(tgt):
                below[(row["dimension"], tgt)].add(who)
    out: list[dict[str, Any]] = []
    for key in sorted(set(gaps) | set(below)):
        dim, level = key
        exp = fw.expectation(dim, level)
        out.append({
            "dimension": dim, "title": fw.dimension(dim).title, "level": level,
            "level_title": fw.level(level).title,
            "expectation": "; ".join(exp.behaviours) if exp else "",
            "gaps": len(gaps.get(key, ())), "panel_below": len(below.get(key, ())),
            "people": sorted(gaps.get(key, set()) | below.get(key, set())),
        })
    out.sort(key=lambda b: (-(int(b["gaps"]) + int(b["panel_below"])), b["title"]))
    return out


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("staffpath.cycles", "templates"), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["alpha"] = lambda v: "—" if v is None else f"{v:.2f}"
    env.filters["signed"] = lambda v: f"{v:+.2f}"
    return env


def render_html(report: dict[str, Any]) -> str:
    return _environment().get_template("report.html.j2").render(r=report)


def render_csv(report: dict[str, Any]) -> str:
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

    for n in report["nominations"]:
        for d in n.get("decisions", []):
            row("decision", n["person"]["handle"], "", d["decided_by"] or d["decided_via"],
                "", d["outcome"], f"v{d['version']}: {d['rationale']}")
    agreement = report["agreement"]
    for dim, value in agreement["alpha"].items():
        row("alpha", "", dim, "", "", value, report["readings"][dim])
    overall = agreement["alpha_overall"]
    row("alpha", "", "overall", "", "", overall, report["readings"]["overall"])
    for s in agreement["severity"]:
        row("severity", "", "", s["member"], "", float(s["offset"]), f"{s['scored']} items")
    for b in report["blockers"]:
        row("blocker", "", b["dimension"], "", b["level"], b["gaps"],
            f"panel below target: {b['panel_below']}; {b['expectation']}")
    for n in report["nominations"]:
        for r in n.get("calibration", []):
            for s in r["scores"]:
                row("score", n["person"]["handle"], r["dimension"], s["member"], s["level"],
                    "outlier" if s["outlier"] else "", s["comment"])
    return out.getvalue()


def render_report(report: dict[str, Any], fmt: str) -> bytes:
    """The report as the bytes of an HTML, PDF or CSV file."""
    if fmt == "csv":
        return render_csv(report).encode("utf-8")
    if fmt == "html":
        return render_html(report).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(render_html(report))
    raise InputError(f"unknown report format {fmt!r}; use one of: {', '.join(REPORT_FORMATS)}")


def report_filename(cycle: Cycle, fmt: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in cycle.name.lower())
    return f"cycle-{safe.strip('-') or cycle.id}.{fmt}"
