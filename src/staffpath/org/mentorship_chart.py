"""The mentorship graph drawn as SVG: generations of mentoring left to right, components
packed in rows, people or (anonymised) teams as nodes; style and helpers from `org.charts`."""

from __future__ import annotations

import math
from typing import Any

import matplotlib
import networkx as nx
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch

from staffpath.org.charts import (
    ACCENT,
    INK,
    MAX_EDGES,
    MAX_NODES,
    MAX_TEAMS,
    MUTED,
    SVG_SETTINGS,
    circle_svg,
    colour_map,
    empty_chart,
    figure_svg,
    kept_on,
)
from staffpath.org.mentorship import REVIEWING, SPONSORING, MentorshipGraph
from staffpath.org.roster import NO_TEAM

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
    return kept_on(graph, f"mentorship:{anonymous}",
                 lambda: _mentorship_svg(graph, anonymous=anonymous))


def _mentorship_svg(graph: MentorshipGraph, *, anonymous: bool) -> str:
    if anonymous:
        return _team_graph_svg(graph)
    label = "Mentorship graph: who mentors whom"
    if not graph.relations:
        return empty_chart("No mentoring recorded yet.", label)
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
    colour = colour_map(teams)
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
        return figure_svg(fig, label)


def _team_graph_svg(graph: MentorshipGraph) -> str:
    label = "Mentoring between teams (counts only)"
    links = graph.team_links()
    if not links:
        return empty_chart("No mentoring recorded yet.", label)
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
    return circle_svg(teams, [(a, b, n, "-", ACCENT) for (a, b), n in sorted(across.items())],
                       label, notes={t: f"{within[t]} within" for t in within},
                       legend=[("mentoring relations across teams", "-", ACCENT)])

