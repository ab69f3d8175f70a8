"""Show a framework in the terminal (Rich) or as JSON-ready data."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from staffpath.framework.model import Dimension, EvidenceRule, Framework
from staffpath.vocab import Role, Scope


def describe_rule(rule: EvidenceRule, dimension: Dimension | None = None) -> str:
    """An evidence rule in words, e.g. `2.5+ pieces of work · several teams or wider ·
    where you led it · over 6+ months`."""
    parts = [f"{rule.strength:g}+ {'piece' if rule.strength == 1 else 'pieces'} of work"]
    if rule.min_scope > Scope.SELF:
        parts.append(f"{rule.min_scope.label} or wider")
    role = Role.parse(rule.min_role)
    if role > Role.DID:
        parts.append(f"where you {role.label}")
    if rule.min_span_months:
        parts.append(f"over {rule.min_span_months}+ months")
    if rule.kinds is not None and (dimension is None or rule.kinds != dimension.kinds):
        parts.append("only " + ", ".join(k.value for k in rule.kinds))
    return " · ".join(parts)


def _levels_table(fw: Framework, level: str | None) -> Table:
    table = Table(title="Levels", box=box.SIMPLE_HEAD, title_justify="left", expand=True)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("Level", style="bold", no_wrap=True)
    table.add_column("Title", no_wrap=True)
    table.add_column("Summary", ratio=1)
    for n, lv in enumerate(fw.levels, start=1):
        table.add_row(str(n), lv.id, lv.title, lv.summary,
                      style="reverse" if lv.id == level else None)
    return table


def _dimension(fw: Framework, dim: Dimension, level: str | None) -> Group:
    heading = Text.assemble("\n", (dim.title, "bold underline"), (f"  {dim.id}", "dim"))
    about = Text(dim.summary)
    if dim.aliases:
        about.append("\ntags: " + " ".join(f"#{a}" for a in dim.aliases), style="dim")
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=True)
    table.add_column("Level", style="bold", no_wrap=True)
    table.add_column("Expected behaviours", ratio=3)
    table.add_column("Evidence rule", ratio=1)
    table.add_column("What would show it", ratio=2)
    for lv in fw.levels:
        if level is not None and lv.id != level:
            continue
        exp = dim.expectations.get(lv.id)
        if exp is None:
            table.add_row(lv.id, Text("nothing expected at this level", style="dim"), "", "")
            continue
        table.add_row(lv.id, "\n".join(f"• {b}" for b in exp.behaviours),
                      describe_rule(exp.evidence, dim), exp.closes_gap)
    return Group(heading, about, table)


def _archetypes_table(fw: Framework) -> Table:
    table = Table(title="Archetypes", box=box.SIMPLE_HEAD, title_justify="left", expand=True)
    table.add_column("Archetype", style="bold", no_wrap=True)
    table.add_column("Summary", ratio=2)
    table.add_column("Emphasises", ratio=1)
    table.add_column("Org size", justify="right", no_wrap=True)
    for a in fw.archetypes:
        summary = a.summary + (f"\n[dim]{a.note}[/dim]" if a.note else "")
        table.add_row(a.title, summary, ", ".join(a.emphasises), f"{a.min_org_engineers}+")
    return table


def render_framework(fw: Framework, level: str | None = None) -> RenderableType:
    """A Rich renderable for `framework show`: levels, then each dimension's expectations."""
    if level is not None:
        fw.level_index(level)  # raises NotFoundError listing the real ids
    header = Text.assemble(
        (fw.name, "bold"), f"  {fw.id} {fw.version}  ",
        (f"fingerprint {fw.fingerprint[:12]}", "dim"),
    )
    parts: list[RenderableType] = [header]
    if fw.description:
        parts.append(Text(fw.description))
    parts.append(_levels_table(fw, level))
    parts.extend(_dimension(fw, dim, level) for dim in fw.dimensions)
    if fw.archetypes:
        parts.append(_archetypes_table(fw))
    return Group(*parts)


def framework_to_dict(fw: Framework, level: str | None = None) -> dict[str, Any]:
    """JSON-ready framework for `framework show --json`; with a level, only its expectations."""
    data = fw.model_dump(mode="json", exclude_none=True)
    data["fingerprint"] = fw.fingerprint
    if level is not None:
        fw.level_index(level)
        data["selected_level"] = level
        for dim in data["dimensions"]:
            dim["expectations"] = {k: v for k, v in dim["expectations"].items() if k == level}
    return data
