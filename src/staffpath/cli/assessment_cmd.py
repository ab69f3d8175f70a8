"""`staffpath assess` and `staffpath self-rate`: where a person stands, and why."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from staffpath.assess.engine import Assessment
from staffpath.assess.next_work import next_work
from staffpath.assess.notes import org_size_notes, title_notes
from staffpath.assess.service import (
    assess_person,
    assessment_to_dict,
    compare_results,
    get_snapshot,
    list_snapshots,
    save_snapshot,
    set_self_rating,
)
from staffpath.assess.wording import plural
from staffpath.cli.options import JsonOpt, PersonArg, parse_date
from staffpath.cli.state import console, print_json, state
from staffpath.framework.model import Framework
from staffpath.people.service import find_person


def _level(fw: Framework, level: str | None, target: str | None) -> Text:
    if level is None:
        return Text("—", style="dim")
    title = fw.level_title(level)
    if target is None:
        return Text(title)
    ok = fw.level_index(level) >= fw.level_index(target)
    return Text(title, style="green" if ok else "yellow")


def shorten(text: str, width: int = 60) -> str:
    """A title cut at a word, with "…", never mid-word."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[:width - 1].rsplit(" ", 1)[0].rstrip(" ,;:-(")
    return cut + "…"


def _verdict(name: str, fw: Framework, a: Assessment) -> list[Text]:
    """Where the person stands, first: the level, how sure, and why it is that level."""
    target = a.target_level
    head = Text.assemble((name, "bold"), "  ", _level(fw, a.overall_level, target),
                         f"  (confidence {a.overall_confidence:.0%})")
    if a.current_level:
        head.append(f"  current: {fw.level_title(a.current_level)}")
    if target:
        head.append(f", target: {fw.level_title(target)}")
    lines = [head]
    rule = fw.overall
    for line in org_size_notes(fw, a):
        lines.append(Text(line, style="dim"))
    for note in title_notes(fw, a):
        lines.append(Text(note.text, style="yellow" if note.against else "dim"))
    if target and a.overall_level is not None:
        reached = [d for d in a.dimensions if d.level is not None
                   and fw.level_index(d.level) >= fw.level_index(target)]
        with_evidence = [d for d in a.dimensions if d.enough_evidence]
        ready = fw.level_index(a.overall_level) >= fw.level_index(target)
        if ready:
            asks = f"the rule asks for half, and at least {rule.min_dimensions}"
            if rule.min_pieces_of_work and len(reached) < rule.min_dimensions:
                asks += (f", or one fewer when {rule.min_pieces_of_work} or more separate "
                         "pieces of work beyond one team show it")
            why = (f"{len(reached)} of the {len(with_evidence)} dimensions with evidence "
                   f"{'reaches' if len(reached) == 1 else 'reach'} it ({asks})")
            extra = ("; the gaps below are where the case is thinnest" if a.gaps else "")
            lines.append(Text(f"Ready for {fw.level_title(target)}: {why}{extra}.",
                              style="green"))
        else:
            thin = (f", but a level needs evidence on {rule.min_dimensions} dimensions or more"
                    if len(with_evidence) < rule.min_dimensions else "")
            lines.append(Text(
                f"Not yet ready for {fw.level_title(target)}: {len(reached)} of the "
                f"{len(with_evidence)} dimensions with evidence "
                f"{'reaches' if len(reached) == 1 else 'reach'} it{thin}; "
                f"{plural(len(a.gaps), 'gap')} below.", style="yellow"))
    if a.unrecorded:
        lines.append(Text("Nothing recorded yet for: " + ", ".join(
            fw.dimension(d).title for d in a.unrecorded) + ".", style="dim"))
    return lines


def render_assessment(name: str, fw: Framework, a: Assessment, *,
                      evidence: bool = False) -> Group:
    """The assessment as a person reads it in the terminal: the verdict, the gaps, then each
    dimension; the evidence each level rests on with `evidence`."""
    target = a.target_level
    parts: list[Table | Text] = list(_verdict(name, fw, a))
    if a.gaps and target:
        gaps = Table(f"Gap to {fw.level_title(target)}", "Status", "What is missing",
                     "What would show it", expand=True)
        for g in a.gaps:
            gaps.add_row(g.title, g.outcome, g.missing, g.closes_gap)
        parts.append(gaps)
        work = next_work(fw, a)
        if work:
            parts.append(Text("The work that would close most of it:\n" + "\n".join(
                f"  {n}. {w.text}" for n, w in enumerate(work, start=1)), style="bold"))
    elif target:
        parts.append(Text(f"No gaps: every {fw.level_title(target)} expectation is met.",
                          style="green"))
    columns = ["Dimension", "Level", "Confidence", "Items"]
    if evidence:
        columns.append("Evidence it rests on (strongest first)")
    table = Table(*columns, expand=True)
    for d in a.dimensions:
        level = _level(fw, d.level, target) if d.enough_evidence else Text(
            "not recorded", style="dim")
        row: list[Text | str] = [d.title, level, f"{d.confidence:.0%}", str(d.relevant_items)]
        if evidence:
            cited = "\n".join(f"E{c.evidence_id} {escape(shorten(c.title))} "
                              f"[dim]({escape(c.reason)})[/dim]" for c in d.citations[:3])
            if len(d.citations) > 3:
                cited += f"\n[dim]… and {len(d.citations) - 3} more[/dim]"
            row.append(cited or "—")
        table.add_row(*row)
    parts.append(table)
    if not evidence:
        parts.append(Text("The items behind each level: add --evidence.", style="dim"))
    if a.self_comparison:
        mine = Table("Dimension", "Self-rating", "Evidence supports", "Difference",
                     title="Self vs assessed", expand=True)
        for c in a.self_comparison:
            diff = "—" if c.difference is None else f"{c.difference:+d}"
            mine.add_row(fw.dimension(c.dimension).title, fw.level_title(c.self_level),
                         fw.level_title(c.assessed_level) if c.assessed_level else "—",
                         Text(diff + ("  ⚑ two levels or more" if c.flagged else ""),
                              style="bold red" if c.flagged else ""))
        parts.append(mine)
    if a.archetypes:
        best = a.archetypes[0]
        note = (" — the organisation is big enough for it" if best.supported else
                f" — but this shape usually needs ~{best.min_org_engineers}+ engineers and the "
                f"organisation has {a.org_engineers}")
        others = ", ".join(f"{f.title} {f.score:.2f}" for f in a.archetypes[1:])
        because = f"\n[dim]Why: {escape(best.reason)}[/dim]" if best.reason else ""
        parts.append(Text.from_markup(
            f"Closest staff shape: [bold]{best.title}[/bold] ({best.score:.2f}){note}{because}\n"
            f"[dim]Others: {others}[/dim]"))
    return Group(*parts)


def assess(
    ctx: typer.Context,
    person: PersonArg,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Assess as at this date.")] = None,
    save: Annotated[bool, typer.Option(
        "--save", help="Store this assessment (framework version, date, inputs).")] = False,
    label: Annotated[str, typer.Option("--label", help="A name for the saved assessment.")
                     ] = "",
    compare: Annotated[str | None, typer.Option(
        "--compare", help="What changed since a saved assessment (id, or a date: the newest "
        "saved on or before it).")] = None,
    history: Annotated[bool, typer.Option("--history", help="List saved assessments.")
                       ] = False,
    evidence: Annotated[bool, typer.Option(
        "--evidence", help="Show the items each dimension's level rests on.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Where a person stands: the level, the gaps to the target, then each dimension."""
    st = state(ctx)
    with st.session(read_only=not save, create=False) as session:
        who = find_person(session, person)
        fw = st.framework(session)
        day = parse_date(as_of, "--as-of")
        if history:
            rows = [{"id": s.id, "as_of": s.as_of.isoformat(), "label": s.label,
                     "overall_level": s.overall_level, "framework_version": s.framework_version,
                     "evidence": s.evidence_count} for s in list_snapshots(session, who)]
            if json_out:
                print_json(rows)
            else:
                table = Table("id", "as of", "label", "overall", "framework", "evidence")
                for r in rows:
                    table.add_row(*(str(r[k] or "") for k in (
                        "id", "as_of", "label", "overall_level", "framework_version",
                        "evidence")))
                console.print(table)
            return
        result = assess_person(session, who, fw, as_of=day)
        data = assessment_to_dict(who, result)
        if save:
            snap = save_snapshot(session, who, fw, as_of=day, label=label)
            data["saved_as"] = snap.id
        if compare is not None:
            before = get_snapshot(session, who, compare)
            data["changes"] = compare_results(before.result, data)
    if json_out:
        print_json(data)
        return
    console.print(render_assessment(who.name, fw, result, evidence=evidence))
    if "saved_as" in data:
        console.print(f"[dim]saved as assessment #{data['saved_as']}[/dim]")
    if "changes" in data:
        ch = data["changes"]
        console.print(f"\n[bold]Since {ch['from']}:[/bold] overall {ch['overall']['before']} → "
                      f"{ch['overall']['after']}"
                      + (" [yellow](framework changed)[/yellow]" if ch["framework_changed"]
                         else ""))
        for c in ch["dimensions"]:
            console.print(f"  {c['dimension']}: {c['before'] or '—'} → {c['after'] or '—'}")
        if ch["newly_cited"]:
            console.print("  newly cited: " + " ".join(f"E{i}" for i in ch["newly_cited"]))


def self_rate(
    ctx: typer.Context,
    person: PersonArg,
    dimension: Annotated[str, typer.Argument(help="Dimension id, e.g. strategy.")],
    level: Annotated[str, typer.Argument(help="Level id, e.g. staff.")],
    note: Annotated[str, typer.Option("--note", help="Why you rate yourself there.")] = "",
    json_out: JsonOpt = False,
) -> None:
    """Record your own rating of a dimension; `assess` shows it beside the evidence."""
    st = state(ctx)
    with st.session(create=False) as session:
        who = find_person(session, person)
        fw = st.framework(session)
        rating = set_self_rating(session, who, fw, dimension, level, note)
        out = {"person": who.handle, "dimension": rating.dimension, "level": rating.level}
    if json_out:
        print_json(out)
    else:
        console.print(f"{who.name} rates {dimension} at {level}")
