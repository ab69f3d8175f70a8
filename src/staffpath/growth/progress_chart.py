"""The chart of a person's gap over time (`growth.progress`), as SVG. Kept apart so that the
commands which only read the history do not load matplotlib."""

from __future__ import annotations

import io

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from staffpath.growth.progress import GapHistory
from staffpath.packet.chart import SVG_SETTINGS, inline_svg

LINE = "#3b5bdb"
READY = "#2e7d32"
MUTED = "#5d6676"
GRID = "#e3e6eb"


def gap_chart_svg(history: GapHistory, target_title: str) -> str:
    """The open rules month by month as a line (green where the evidence supported the target
    overall), the plan's start as a dashed line."""
    label = (f"Rules of {target_title} still open at each month's end, over the last "
             f"{len(history.points) - 1} months")
    with matplotlib.rc_context(SVG_SETTINGS):  # type: ignore[arg-type]
        fig = Figure(figsize=(6.6, 2.3))
        ax = fig.add_subplot()
        days = [p.day for p in history.points]
        xs = [float(d.toordinal()) for d in days]
        gaps = [p.gaps for p in history.points]
        ax.plot(xs, gaps, color=LINE, linewidth=1.8, marker="o", markersize=3.5,
                label="rules still open")
        ready = [p for p in history.points if p.ready]
        if ready:
            ax.plot([float(p.day.toordinal()) for p in ready], [p.gaps for p in ready],
                    linestyle="none", marker="o", markersize=6, color=READY,
                    label=f"evidence supports {target_title}")
        if history.plan_started is not None and days and history.plan_started >= days[0]:
            ax.axvline(float(history.plan_started.toordinal()), color=MUTED,
                       linestyle=(0, (4, 3)), linewidth=1.1, label="plan started")
        ax.set_ylim(bottom=0, top=max([*gaps, 1]) + 0.5)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xticks(xs[::2], [d.strftime("%b %Y") for d in days[::2]], fontsize=7.5)
        ax.set_ylabel("rules open", color=MUTED)
        ax.grid(axis="y", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(colors=MUTED, length=0)
        fig.legend(loc="upper center", ncol=3, frameon=False, fontsize=7.5,
                   borderaxespad=0.2)
        fig.subplots_adjust(left=0.09, right=0.98, top=0.84, bottom=0.14)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "staffpath"})
    return inline_svg(buf.getvalue(), label)
