"""The dimension chart: each dimension's level against the target, as SVG for HTML and PDF."""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Sequence
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from staffpath.packet.model import ChartRow

MEETS = "#2e7d32"
BELOW = "#d98e04"
NO_TARGET = "#4a6fa5"
MUTED = "#555555"
NO_EVIDENCE = "#ececec"
# Fixed inputs to matplotlib's SVG writer: ids come from this salt, not from a random one,
# and text stays text (smaller, selectable, and the same bytes on every machine).
SVG_SETTINGS: dict[str, Any] = {
    "svg.hashsalt": "staffpath-packet",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9.0,
}


def _wrap(label: str, width: int = 12) -> str:
    """A level title on up to two lines under its tick."""
    return "\n".join(textwrap.wrap(label, width)) or label


def level_chart_svg(
    levels: Sequence[str], rows: Sequence[ChartRow], target_rank: int | None
) -> str:
    """A horizontal bar per dimension reaching its level; the target as a dashed line."""
    with matplotlib.rc_context(SVG_SETTINGS):  # type: ignore[arg-type]
        height = 1.0 + 0.28 * max(len(rows), 1)
        fig = Figure(figsize=(6.6, height))
        ax = fig.add_subplot()
        positions = list(range(len(rows)))
        for y, row in zip(positions, rows, strict=True):
            if not row.enough_evidence:
                # Shown as words, never as a zero-length bar a reader might take for a level.
                ax.barh(y, len(levels), left=0, height=0.6, color=NO_EVIDENCE)
                ax.text(0.08, y, "not enough evidence", va="center", ha="left",
                        color=MUTED, fontstyle="italic", fontsize=8.5)
                continue
            rank = row.rank or 0
            color = NO_TARGET if target_rank is None else (
                MEETS if rank >= target_rank else BELOW)
            ax.barh(y, max(rank, 0.04), left=0, height=0.6, color=color)
        if target_rank is not None:
            ax.axvline(target_rank, color="#1a1a1a", linestyle=(0, (4, 3)), linewidth=1.2)
        ax.set_yticks(positions, [r.title for r in rows])
        ax.invert_yaxis()
        # Room on the right for the last level's label, which is centred on its tick.
        ax.set_xlim(0, len(levels) + 0.45)
        ax.set_xticks(range(1, len(levels) + 1), [_wrap(t) for t in levels], fontsize=8)
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", color="#e0e0e0", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        handles = []
        if target_rank is not None:
            handles = [
                Patch(color=MEETS, label="at or above target"),
                Patch(color=BELOW, label="below target"),
                Patch(color=NO_EVIDENCE, label="not enough evidence"),
                matplotlib.lines.Line2D([], [], color="#1a1a1a", linestyle=(0, (4, 3)),
                                        label=f"target: {levels[target_rank - 1]}"),
            ]
        else:
            handles = [Patch(color=NO_TARGET, label="level the evidence supports"),
                       Patch(color=NO_EVIDENCE, label="not enough evidence")]
        fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False,
                   borderaxespad=0.1,
                   fontsize=7.5, handlelength=1.6, columnspacing=1.2)
        # Fixed room (in inches) below the axis for two-line level labels and the legend.
        fig.subplots_adjust(left=0.22, right=0.98, top=1 - 0.1 / height,
                            bottom=0.78 / height)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "staffpath"})
    return inline_svg(buf.getvalue(), "Dimension levels against the target level")


def inline_svg(svg: str, label: str) -> str:
    """The SVG element alone, ready to sit inside an HTML page, sized by the page (its
    viewBox keeps the drawing's proportions) and labelled for screen readers."""
    svg = svg[svg.index("<svg"):]
    label = (label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
             .replace(">", "&gt;"))
    return re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"',
                  lambda m: f'<svg{m.group(1)} class="chart" role="img" aria-label="{label}"',
                  svg, count=1)
