"""Server-side SVG charts for the organisation views: level mix, mentorship graph, cross-team
map, truck-factor trend and quality trend.

Drawn with matplotlib (no pyplot, so safe in a server's threads) and laid out with networkx.
Output is deterministic: fixed ids, text kept as text, no timestamps, seeded layouts.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, cast

import matplotlib
import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.ticker import MaxNLocator
from sqlalchemy.orm import Session

from staffpath.org import snapshots
from staffpath.org.crossteam import CrossTeamMap
from staffpath.org.levels import NOT_SET, LevelMix
from staffpath.org.mentorship import REVIEWING, SPONSORING, MentorshipGraph
from staffpath.org.quality import Scorecard
from staffpath.org.risk import RiskReport
from staffpath.org.roster import NO_TEAM

SVG_SETTINGS: dict[str, Any] = {
    "svg.hashsalt": "staffpath-org",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9.0,
}
INK = "#1c2230"
MUTED = "#5d6676"
GRID = "#e3e6eb"
ACCENT = "#3b5bdb"
WARN = "#d9480f"
# Levels from the first rung (light) to the top (dark): the bench reads as darker is rarer.
LEVEL_COLOURS = ("#d0d9f7", "#9fb2ef", "#3b5bdb", "#26399a", "#15205c", "#0b1133")
NOT_SET_COLOUR = "#d9dce1"
GROUP_COLOURS = ("#3b5bdb", "#e8590c", "#2b8a3e", "#ae3ec9", "#1098ad", "#f08c00",
                 "#c2255c", "#5c940d", "#7048e8", "#868e96", "#0c8599", "#d6336c")
MAX_BARS = 24  # teams in the level-mix chart before it shows org units instead
MAX_NODES = 60  # people in the mentorship graph before it keeps the widest reach only
MAX_TEAMS = 28  # teams in the cross-team map before it keeps the busiest
MAX_LINES = 8  # repositories in the trend chart
MAX_EDGES = 120  # links in the cross-team map, the heaviest


def _svg(fig: Figure, label: str) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "staffpath"})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_escape(label)}" ', 1)


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def _plain(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_color(GRID)
    ax.spines["bottom"].set_color(GRID)
    ax.tick_params(colors=MUTED, length=0)


def _empty(message: str, label: str) -> str:
    with matplotlib.rc_context(SVG_SETTINGS):  # type: ignore[arg-type]
        fig = Figure(figsize=(6.4, 1.2))
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.text(0.5, 0.5, message, ha="center", va="center", color=MUTED, fontsize=10)
        return _svg(fig, label)


def _kept(view: Any, variant: str, draw: Callable[[], str]) -> str:
    """A chart drawn once per view object: memoised views keep their charts with them."""
    kept: dict[str, str] | None = getattr(view, "charts", None)
    if kept is None:
        return draw()
    if variant not in kept:
        kept[variant] = draw()
    return kept[variant]


def stored(session: Session | None, scope: str, inputs: Any, draw: Callable[[], str]) -> str:
    """A chart kept in the database with a digest of everything it is drawn from (`inputs`,
    this module and matplotlib), so a fresh process serves it without drawing it again."""
    if session is None:
        return draw()
    scope = scope if len(scope) <= 200 else snapshots.digest("chart scope", scope)
    key = snapshots.digest("chart", scope, snapshots.module_version(__name__),
                           matplotlib.__version__, inputs)
    found = snapshots.read(session, "chart", [scope]).get(scope)
    if found is not None and found[0] == key:
        return found[1]
    svg = draw()
    snapshots.write(session, "chart", {scope: (key, svg, b"")})
    return svg


def _colour_map(names: Sequence[str]) -> dict[str, str]:
    return {n: GROUP_COLOURS[i % len(GROUP_COLOURS)] for i, n in enumerate(names)}


# --- level mix -------------------------------------------------------------------------------


def level_mix_svg(mix: LevelMix, *, session: Session | None = None) -> str:
    """Stacked bars of engineers per level for each team (org units when teams are many);
    with a session, kept in the database."""
    # What the drawing reads, all of it: the groups, the levels and their titles.
    inputs = (mix.teams, mix.org_units, mix.level_ids, mix.level_titles)
    return _kept(mix, "levels", lambda: stored(session, "levels", inputs,
                                               lambda: _level_mix_svg(mix)))


def _level_mix_svg(mix: LevelMix) -> str:
    label = "Engineers per level, by team"
    groups = mix.teams
    if len(groups) > MAX_BARS:
        groups, label = mix.org_units, "Engineers per level, by org unit"
    groups = [g for g in groups if g.engineers][:MAX_BARS * 2]
    if not groups:
        return _empty("No engineers on the roster yet.", label)
    levels = [*mix.level_ids, NOT_SET] if any(g.levels.get(NOT_SET) for g in groups) else list(
        mix.level_ids)
    colours = {lv: LEVEL_COLOURS[min(i, len(LEVEL_COLOURS) - 1)]
               for i, lv in enumerate(mix.level_ids)}
    colours[NOT_SET] = NOT_SET_COLOUR
    with matplotlib.rc_context(SVG_SETTINGS):  # type: ignore[arg-type]
        height = 1.1 + 0.3 * len(groups)
        fig = Figure(figsize=(6.2, height))
        ax = fig.add_subplot()
        ys = np.arange(len(groups))
        left = np.zeros(len(groups))
        for lv in levels:
            values = np.array([g.levels.get(lv, 0) for g in groups], dtype=float)
            ax.barh(ys, values, left=left, height=0.62, color=colours[lv], edgecolor="white",
                    linewidth=0.6)
            left += values
        top = float(left.max()) if len(left) else 1.0
        for y, g in zip(ys, groups, strict=True):
            note = (f"{g.staff_plus} staff+" if g.staff_plus else "no staff+")
            ax.text(g.engineers + top * 0.015, float(y), note, va="center", ha="left", fontsize=7.5,
                    color=MUTED if g.staff_plus else WARN)
        ax.set_yticks(ys, [textwrap.shorten(g.name, 28, placeholder="…") for g in groups])
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.22 + 0.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="x", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        _plain(ax)
        ax.spines["left"].set_visible(False)
        handles = [Patch(color=colours[lv], label=mix.level_titles.get(lv, "level not set"))
                   for lv in levels]
        fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 3),
                   frameon=False, fontsize=7.5, handlelength=1.2, columnspacing=1.0)
        fig.subplots_adjust(left=0.27, right=0.98, top=1 - 0.12 / height,
                            bottom=(0.45 + 0.2 * math.ceil(len(handles) / 3)) / height)
        return _svg(fig, label)


# --- mentorship ------------------------------------------------------------------------------


COLUMN = 2.6  # horizontal room per generation of mentoring
ROW = 0.78  # vertical room per person in a generation
ROW_WIDTH = 15.0  # components are packed in rows no wider than this


def _generations(graph: nx.DiGraph) -> dict[Any, int]:
    """Each person's generation in a mentoring tree: 0 when nobody here mentors them."""
    # One more than their deepest mentor; an edge that closes a cycle is ignored.
    dag = nx.DiGraph(graph)
    while not nx.is_directed_acyclic_graph(dag):
        cycle = nx.find_cycle(dag)
        dag.remove_edge(*sorted(cycle)[-1][:2])
    depth: dict[Any, int] = {}
    for v in nx.lexicographical_topological_sort(dag):
        depth[v] = max((depth[u] + 1 for u in dag.predecessors(v)), default=0)
    return depth


def _layout(graph: nx.DiGraph, weight: dict[Any, int]) -> dict[Any, tuple[float, float]]:
    """Positions for a mentoring forest: mentors left of their mentees, groups packed in rows."""
    # Largest groups first, so the chains of mentoring read across the page.
    depth = _generations(graph)
    parts = sorted((sorted(c) for c in nx.weakly_connected_components(graph)),
                   key=lambda c: (-len(c), -max(weight.get(v, 0) for v in c), str(c[0])))
    pos: dict[Any, tuple[float, float]] = {}
    x0 = y0 = row_height = 0.0
    for nodes in parts:
        layers: dict[int, list[Any]] = {}
        for v in nodes:
            layers.setdefault(depth[v], []).append(v)
        order: dict[Any, float] = {}
        for d in sorted(layers):
            # Each person sits level with the middle of their mentors, to keep edges short.
            def key(v: Any, d: int = d, seen: dict[Any, float] = order
                    ) -> tuple[float, int, str]:
                preds = [seen[u] for u in graph.predecessors(v) if u in seen]
                centre = sum(preds) / len(preds) if preds else 0.0
                return (centre if d else 0.0, -weight.get(v, 0), str(v))
            layers[d].sort(key=key)
            for i, v in enumerate(layers[d]):
                order[v] = float(i)
        tallest = max(len(vs) for vs in layers.values())
        width = (max(layers) + 1) * COLUMN
        if x0 and x0 + width > ROW_WIDTH:
            x0, y0, row_height = 0.0, y0 - row_height - ROW, 0.0
        for d, vs in layers.items():
            offset = (tallest - len(vs)) / 2
            for i, v in enumerate(vs):
                pos[v] = (x0 + d * COLUMN, y0 - (i + offset) * ROW)
        x0 += width + COLUMN * 0.35
        row_height = max(row_height, tallest * ROW)
    return pos


def mentorship_svg(graph: MentorshipGraph, *, anonymous: bool = False) -> str:
    """The mentorship graph by person (sized by reach, coloured by team), or by team."""
    return _kept(graph, f"mentorship:{anonymous}",
                 lambda: _mentorship_svg(graph, anonymous=anonymous))


def _mentorship_svg(graph: MentorshipGraph, *, anonymous: bool) -> str:
    if anonymous:
        return _team_graph_svg(graph)
    label = "Mentorship graph: who mentors whom"
    if not graph.relations:
        return _empty("No mentoring recorded yet.", label)
    keep = graph.people()
    if len(keep) > MAX_NODES:
        # The widest reach first, with the people they reach, until the drawing is full.
        chosen: list[int] = []
        for p in keep:
            r = graph.reach.get(p)
            group = [p, *(r.direct if r else ()), *(r.indirect if r else ())]
            if len(set(chosen) | set(group)) > MAX_NODES:
                break
            chosen += [x for x in group if x not in chosen]
        keep = chosen
        label += f" (the {len(keep)} people around the widest reach)"
    kept = set(keep)
    g = nx.DiGraph()
    g.add_nodes_from(sorted(kept))
    for rel in graph.relations:
        if rel.mentor in kept and rel.mentee in kept:
            g.add_edge(rel.mentor, rel.mentee, kinds=rel.kinds)
    pos = _layout(g, {p: graph.reach[p].total for p in kept if p in graph.reach})
    teams = sorted({graph.roster.team_of(p) or NO_TEAM for p in kept})
    colour = _colour_map(teams)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    left, right = min(xs) - 1.3, max(xs) + 1.3
    bottom, top = min(ys) - 0.45, max(ys) + 0.55
    legend_in = 0.3 + 0.2 * math.ceil((len(teams) + 3) / 6)
    with matplotlib.rc_context(SVG_SETTINGS):  # type: ignore[arg-type]
        scale = min(0.62, 9.6 / (right - left))  # inches per layout unit
        height = (top - bottom) * scale + legend_in
        fig = Figure(figsize=((right - left) * scale, height))
        ax = fig.add_axes((0, legend_in / height, 1, 1 - legend_in / height))
        ax.set_axis_off()
        ax.set_xlim(left, right)
        ax.set_ylim(bottom, top)
        size = {p: 45 + 40 * min(graph.reach[p].total if p in graph.reach else 0, 8)
                for p in kept}
        for u, v, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
            kinds = data["kinds"]
            style = ":" if kinds == (REVIEWING,) else "--" if SPONSORING in kinds and (
                "mentoring" not in kinds) else "-"
            bend = 0.0 if abs(pos[u][1] - pos[v][1]) < 1e-6 else 0.12
            ax.add_patch(FancyArrowPatch(
                pos[u], pos[v], arrowstyle="-|>", mutation_scale=8, color="#9aa3b2",
                linewidth=1.0, linestyle=style, shrinkA=math.sqrt(size[u]) / 2 + 1,
                shrinkB=math.sqrt(size[v]) / 2 + 1, connectionstyle=f"arc3,rad={bend}",
                zorder=1))
        nodes = sorted(kept)
        ax.scatter([pos[p][0] for p in nodes], [pos[p][1] for p in nodes],
                   s=[size[p] for p in nodes],
                   c=[colour[graph.roster.team_of(p) or NO_TEAM] for p in nodes],
                   edgecolors="white", linewidths=1.2, zorder=2)
        for p in nodes:
            m = graph.roster.people.get(p)
            r = graph.reach.get(p)
            reach = r.total if r else 0
            text = (m.name if m else str(p)) + (f" · reach {reach}" if reach else "")
            ax.text(pos[p][0], pos[p][1] + 0.1 + math.sqrt(size[p]) / 95, text, ha="center",
                    va="bottom", fontsize=7, color=INK if reach else MUTED,
                    fontweight="bold" if r and r.created_mentors else "normal", zorder=3)
        handles: list[Any] = [Patch(color=colour[t], label=t) for t in teams]
        handles += [Line2D([], [], color="#8a93a3", linestyle="-", label="mentors"),
                    Line2D([], [], color="#8a93a3", linestyle="--", label="sponsors"),
                    Line2D([], [], color="#8a93a3", linestyle=":", label="reviews (sustained)")]
        fig.legend(handles=handles, loc="lower center", ncol=min(6, len(handles)),
                   frameon=False, fontsize=7, handlelength=1.4, columnspacing=1.0)
        return _svg(fig, label)


def _team_graph_svg(graph: MentorshipGraph) -> str:
    label = "Mentoring between teams (counts only)"
    links = graph.team_links()
    if not links:
        return _empty("No mentoring recorded yet.", label)
    load: dict[str, int] = {}
    for (a, b), n in links.items():
        load[a] = load.get(a, 0) + n
        load[b] = load.get(b, 0) + n
    keep = set(sorted(load, key=lambda t: (-load[t], t))[:MAX_TEAMS])
    if len(load) > MAX_TEAMS:
        label += f" (the {len(keep)} teams with the most)"
    within = {a: n for (a, b), n in links.items() if a == b and a in keep}
    across = dict(sorted((((a, b), n) for (a, b), n in links.items()
                          if a != b and a in keep and b in keep),
                         key=lambda kv: (-kv[1], kv[0]))[:MAX_EDGES])
    teams = sorted(keep)
    return _circle_svg(teams, [(a, b, n, "-", ACCENT) for (a, b), n in sorted(across.items())],
                       label, notes={t: f"{within[t]} within" for t in within},
                       legend=[("mentoring relations across teams", "-", ACCENT)])


# --- cross-team ------------------------------------------------------------------------------


def crossteam_svg(ct: CrossTeamMap) -> str:
    """Teams on a circle by org unit, with arrows for commits to and reviews of others' code."""
    return _kept(ct, "crossteam", lambda: _crossteam_svg(ct))


def _crossteam_svg(ct: CrossTeamMap) -> str:
    label = "Cross-team map: which teams change and review which others' code"
    if not ct.links:
        return _empty("No work across teams in this period.", label)
    teams = list(ct.teams)
    if len(teams) > MAX_TEAMS:
        teams = ct.busiest(MAX_TEAMS)
        label += f" (the {len(teams)} busiest teams)"
    kept = set(teams)
    edges = []
    links = sorted((x for x in ct.links if x.source in kept and x.target in kept),
                   key=lambda x: (-x.weight, x.source, x.target))[:MAX_EDGES]
    for x in sorted(links, key=lambda x: (x.source, x.target)):
        if x.source in kept and x.target in kept:
            if x.commits:
                edges.append((x.source, x.target, x.commits, "-", ACCENT))
            if x.reviews:
                edges.append((x.source, x.target, x.reviews, ":", "#e8590c"))
    units = {t: (ct.roster.teams[t].org_unit if t in ct.roster.teams else None) or ""
             for t in teams}
    return _circle_svg(teams, edges, label, groups=units,
                       legend=[("commits to their code", "-", ACCENT),
                               ("reviews of their changes", ":", "#e8590c")])


def _circle_svg(teams: Sequence[str], edges: Sequence[tuple[str, str, int, str, str]],
                label: str, *, groups: dict[str, str] | None = None,
                notes: dict[str, str] | None = None,
                legend: Sequence[tuple[str, str, str]] = ()) -> str:
    g = nx.DiGraph()
    g.add_nodes_from(teams)
    pos = nx.circular_layout(g)
    names = sorted(set((groups or {}).values())) if groups else list(teams)
    colour = _colour_map(names)
    top = max((e[2] for e in edges), default=1)
    with matplotlib.rc_context(SVG_SETTINGS):  # type: ignore[arg-type]
        fig = Figure(figsize=(6.4, 5.9))
        ax = fig.add_axes((0.0, 0.09, 1.0, 0.91))
        ax.set_axis_off()
        ax.set_xlim(-1.62, 1.62)
        ax.set_ylim(-1.3, 1.3)
        ax.set_aspect("equal")
        for a, b, n, style, col in edges:
            rad = 0.18 if style == "-" else -0.18
            ax.add_patch(FancyArrowPatch(
                tuple(pos[a]), tuple(pos[b]), arrowstyle="-|>", mutation_scale=10,
                color=col, alpha=0.75, linewidth=0.8 + 3.4 * n / max(top, 4), linestyle=style,
                shrinkA=11, shrinkB=11, connectionstyle=f"arc3,rad={rad}", zorder=1))
        for t in teams:
            x, y = pos[t]
            key = (groups or {}).get(t, t) if groups else t
            ax.scatter([x], [y], s=170, c=[colour[key]], edgecolors="white", linewidths=1.5,
                       zorder=2)
            angle = math.atan2(y, x)
            lx, ly = 1.13 * math.cos(angle), 1.13 * math.sin(angle)
            text = textwrap.fill(t, 16)
            if notes and t in notes:
                text += f"\n({notes[t]})"
            ax.text(lx, ly, text, ha="left" if lx > 0.05 else "right" if lx < -0.05 else
                    "center", va="center", fontsize=8.5, color=INK, zorder=3)
        handles: list[Any] = [Line2D([], [], color=c, linestyle=cast(Any, s), linewidth=2,
                                     label=t) for t, s, c in legend]
        if groups:
            handles += [Patch(color=colour[u], label=u or "no org unit") for u in names]
        fig.legend(handles=handles, loc="lower center", ncol=min(3, len(handles)),
                   frameon=False, fontsize=7.5, handlelength=1.8, columnspacing=1.1)
        return _svg(fig, label)


def _date_ticks(ax: Axes, dates: Sequence[dt.date], most: int = 8) -> None:
    """Ticks at the measured dates (x is a day ordinal), at most `most` of them."""
    days = sorted({d.toordinal() for d in dates})
    step = max(1, math.ceil(len(days) / most))
    shown = days[::-1][::step][::-1]
    # A label too close to the next one (today, just after a quarter end) is left out.
    gap = (days[-1] - days[0]) / 8 if days else 0
    shown = [d for i, d in enumerate(shown) if i == len(shown) - 1 or shown[i + 1] - d > gap]
    ax.set_xticks(shown, [dt.date.fromordinal(d).strftime("%b %Y") for d in shown],
                  fontsize=7.5)
    if days:
        pad = max(20, (days[-1] - days[0]) // 30)
        ax.set_xlim(days[0] - pad, days[-1] + pad * 2)


# --- trends ------------------------------------------------------------------------------------


def truck_trend_svg(report: RiskReport, *, session: Session | None = None) -> str:
    """Each repository's truck factor at recent quarter ends and today; with a session, kept
    in the database."""
    inputs = [(r.name, r.files, r.trend) for r in report.repos]
    scope = "trend:" + ",".join(sorted(r.name for r in report.repos))
    return _kept(report, "trend", lambda: stored(session, scope, inputs,
                                                 lambda: _truck_trend_svg(report)))


def _truck_trend_svg(report: RiskReport) -> str:
    label = "Truck factor over time, per repository"
    repos = sorted((r for r in report.repos if r.trend), key=lambda r: (-r.files, r.name))
    repos = repos[:MAX_LINES]
    if not repos:
        return _empty("No repositories mined yet.", label)
    with matplotlib.rc_context(SVG_SETTINGS):  # type: ignore[arg-type]
        fig = Figure(figsize=(7.2, 3.0))
        ax = fig.add_subplot()
        top = 1
        for i, r in enumerate(repos):
            dates = [p.date.toordinal() for p in r.trend]
            values = [p.truck_factor for p in r.trend]
            top = max(top, *values)
            col = GROUP_COLOURS[i % len(GROUP_COLOURS)]
            ax.plot(dates, values, drawstyle="steps-post", color=col, linewidth=1.8,
                    label=r.name)
            ax.scatter(dates, values, s=14, color=col, zorder=3)
            ax.annotate(str(values[-1]), (dates[-1], values[-1]), xytext=(5, 0),
                        textcoords="offset points", va="center", fontsize=8, color=col)
        ax.axhspan(0, 1.5, color="#fff4df", zorder=0)
        ax.text(1.0, 0.75, "one person ", transform=ax.get_yaxis_transform(), va="center",
                ha="right", fontsize=7, color=WARN)
        ax.set_ylim(0, top + 1)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="y", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_ylabel("truck factor", color=MUTED, fontsize=8)
        _plain(ax)
        _date_ticks(ax, [p.date for r in repos for p in r.trend])
        fig.legend(loc="lower center", frameon=False, fontsize=7.5, ncol=min(8, len(repos)))
        fig.subplots_adjust(left=0.08, right=0.95, top=0.96, bottom=0.2)
        return _svg(fig, label)


QUALITY_SERIES = (("annotated_share", "Python functions annotated"),
                  ("ts_share", "TypeScript, not JavaScript"),
                  ("tested_share", "source files with a test"))


def quality_trend_svg(card: Scorecard) -> str:
    """The scorecard's shares at past quarter ends and now."""
    label = f"Quality measures over time in {card.repository}"
    points = [m.summary() for m in card.trend]
    series = [(key, title) for key, title in QUALITY_SERIES
              if any(p[key] is not None for p in points)]
    jobs = sorted({job for p in points for job, v in p["preferred_share"].items()
                   if v is not None})
    if not points or not (series or jobs):
        return _empty("Nothing to measure yet.", label)
    with matplotlib.rc_context(SVG_SETTINGS):  # type: ignore[arg-type]
        fig = Figure(figsize=(4.8, 2.7))
        ax = fig.add_subplot()
        dates = [m.date.toordinal() for m in card.trend]
        lines = [(title, [p[key] for p in points]) for key, title in series]
        lines += [(f"preferred {job} library", [p["preferred_share"].get(job) for p in points])
                  for job in jobs]
        for i, (title, values) in enumerate(lines):
            col = GROUP_COLOURS[i % len(GROUP_COLOURS)]
            xs = [d for d, v in zip(dates, values, strict=True) if v is not None]
            vs = [100 * v for v in values if v is not None]
            ax.plot(xs, vs, color=col, linewidth=1.8, marker="o", markersize=3.5, label=title)
        ax.set_ylim(0, 105)
        ax.set_ylabel("%", color=MUTED, fontsize=8)
        ax.grid(axis="y", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        _plain(ax)
        _date_ticks(ax, [m.date for m in card.trend], most=5)
        fig.legend(loc="lower center", frameon=False, fontsize=7.5, ncol=2,
                   handlelength=1.4, columnspacing=1.0)
        fig.subplots_adjust(left=0.1, right=0.97, top=0.95,
                            bottom=0.16 + 0.075 * math.ceil(len(lines) / 2))
        return _svg(fig, label)
