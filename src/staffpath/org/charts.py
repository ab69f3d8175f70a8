"""Server-side SVG charts for the organisation views: level mix, mentorship graph, cross-team
map, truck-factor trend and quality trend (the mentorship graph is `org.mentorship_chart`).

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
from staffpath.org.quality import Scorecard
from staffpath.org.risk import RiskReport

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


def figure_svg(fig: Figure, label: str) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "staffpath"})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape_attr(label)}" ', 1)


def escape_attr(text: str) -> str:
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def plain_axes(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_color(GRID)
    ax.spines["bottom"].set_color(GRID)
    ax.tick_params(colors=MUTED, length=0)


def empty_chart(message: str, label: str) -> str:
    with matplotlib.rc_context(SVG_SETTINGS):  # type: ignore[arg-type]
        fig = Figure(figsize=(6.4, 1.2))
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.text(0.5, 0.5, message, ha="center", va="center", color=MUTED, fontsize=10)
        return figure_svg(fig, label)


def kept_on(view: Any, variant: str, draw: Callable[[], str]) -> str:
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


def colour_map(names: Sequence[str]) -> dict[str, str]:
    return {n: GROUP_COLOURS[i % len(GROUP_COLOURS)] for i, n in enumerate(names)}


# --- level mix -------------------------------------------------------------------------------


def level_mix_svg(mix: LevelMix, *, session: Session | None = None) -> str:
    """Stacked bars of engineers per level for each team (org units when teams are many);
    with a session, kept in the database."""
    # What the drawing reads, all of it: the groups, the levels and their titles.
    inputs = (mix.teams, mix.org_units, mix.level_ids, mix.level_titles)
    return kept_on(mix, "levels", lambda: stored(session, "levels", inputs,
                                               lambda: _level_mix_svg(mix)))


def _level_mix_svg(mix: LevelMix) -> str:
    label = "Engineers per level, by team"
    groups = mix.teams
    if len(groups) > MAX_BARS:
        groups, label = mix.org_units, "Engineers per level, by org unit"
    groups = [g for g in groups if g.engineers][:MAX_BARS * 2]
    if not groups:
        return empty_chart("No engineers on the roster yet.", label)
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
        plain_axes(ax)
        ax.spines["left"].set_visible(False)
        handles = [Patch(color=colours[lv], label=mix.level_titles.get(lv, "level not set"))
                   for lv in levels]
        fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 3),
                   frameon=False, fontsize=7.5, handlelength=1.2, columnspacing=1.0)
        fig.subplots_adjust(left=0.27, right=0.98, top=1 - 0.12 / height,
                            bottom=(0.45 + 0.2 * math.ceil(len(handles) / 3)) / height)
        return figure_svg(fig, label)


# --- cross-team ------------------------------------------------------------------------------


def crossteam_svg(ct: CrossTeamMap) -> str:
    """Teams on a circle by org unit, with arrows for commits to and reviews of others' code."""
    return kept_on(ct, "crossteam", lambda: _crossteam_svg(ct))


def _crossteam_svg(ct: CrossTeamMap) -> str:
    label = "Cross-team map: which teams change and review which others' code"
    if not ct.links:
        return empty_chart("No work across teams in this period.", label)
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
    return circle_svg(teams, edges, label, groups=units,
                       legend=[("commits to their code", "-", ACCENT),
                               ("reviews of their changes", ":", "#e8590c")])


def circle_svg(teams: Sequence[str], edges: Sequence[tuple[str, str, int, str, str]],
                label: str, *, groups: dict[str, str] | None = None,
                notes: dict[str, str] | None = None,
                legend: Sequence[tuple[str, str, str]] = ()) -> str:
    g = nx.DiGraph()
    g.add_nodes_from(teams)
    pos = nx.circular_layout(g)
    names = sorted(set((groups or {}).values())) if groups else list(teams)
    colour = colour_map(names)
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
        return figure_svg(fig, label)


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
    return kept_on(report, "trend", lambda: stored(session, scope, inputs,
                                                 lambda: _truck_trend_svg(report)))


def _truck_trend_svg(report: RiskReport) -> str:
    label = "Truck factor over time, per repository"
    repos = sorted((r for r in report.repos if r.trend), key=lambda r: (-r.files, r.name))
    repos = repos[:MAX_LINES]
    if not repos:
        return empty_chart("No repositories mined yet.", label)
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
        plain_axes(ax)
        _date_ticks(ax, [p.date for r in repos for p in r.trend])
        fig.legend(loc="lower center", frameon=False, fontsize=7.5, ncol=min(8, len(repos)))
        fig.subplots_adjust(left=0.08, right=0.95, top=0.96, bottom=0.2)
        return figure_svg(fig, label)


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
        return empty_chart("Nothing to measure yet.", label)
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
        plain_axes(ax)
        _date_ticks(ax, [m.date for m in card.trend], most=5)
        fig.legend(loc="lower center", frameon=False, fontsize=7.5, ncol=2,
                   handlelength=1.4, columnspacing=1.0)
        fig.subplots_adjust(left=0.1, right=0.97, top=0.95,
                            bottom=0.16 + 0.075 * math.ceil(len(lines) / 2))
        return figure_svg(fig, label)
