"""`staffpath log` and `staffpath evidence ...`: the evidence ledger."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.table import Table

from staffpath.cli.newcomer import ensure_person
from staffpath.cli.options import JsonOpt, PersonOpt, parse_date
from staffpath.cli.state import console, err_console, print_json, state, write_atomically
from staffpath.errors import InputError
from staffpath.ledger.bragdoc.document import read_brag_file
from staffpath.ledger.extract.impacts import extract_impacts
from staffpath.ledger.record import EvidenceInput, evidence_to_dict
from staffpath.ledger.service import (
    add_evidence,
    delete_evidence,
    edit_evidence,
    evidence_history,
    export_evidence,
    get_evidence,
    import_brag_doc,
    list_evidence,
    validation_message,
)
from staffpath.people.service import find_person, list_teams
from staffpath.vocab import EvidenceKind, Scope

app = typer.Typer(help="The evidence ledger: list, show, edit, delete, import, export.",
                  no_args_is_help=True)

KINDS = ", ".join(k.value for k in EvidenceKind)


def _impact_fields(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    fields: dict[str, Any] = {"impact_text": text}
    impacts = extract_impacts(text)
    money = next((i for i in impacts if i.money is not None), None)
    metric = next((i for i in impacts if i.metric_value is not None), None)
    if money:
        fields.update(impact_money=money.money, impact_currency=money.currency,
                      impact_period=money.period)
    if metric:
        fields.update(impact_metric=metric.metric_value, impact_unit=metric.metric_unit)
    return fields


def _matched_teams(ctx: typer.Context, names: list[str]) -> list[str]:
    if not names:
        return []
    with state(ctx).session(read_only=True) as session:
        known = {t.name.lower(): t.name for t in list_teams(session)}
    return [known.get(n.lower(), n) for n in names]


def _ask(label: str, default: str = "") -> str:
    return str(typer.prompt(label, default=default, show_default=bool(default)))


@app.command("log", hidden=True)
def log(
    ctx: typer.Context,
    title: Annotated[str | None, typer.Argument(help="What you did, in one line.")] = None,
    person: PersonOpt = None,
    body: Annotated[str, typer.Option("--body", "-b", help="Details.")] = "",
    date: Annotated[str | None, typer.Option("--date", "-d", help="When (default today).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="End of a date range.")] = None,
    kind: Annotated[EvidenceKind | None, typer.Option("--kind", "-k", help="Kind of work.")] = None,
    project: Annotated[str | None, typer.Option(
        "--project", help="The project or initiative it belongs to.")] = None,
    team: Annotated[list[str] | None, typer.Option(
        "--team", help="A team touched (repeat).")] = None,
    stakeholder: Annotated[list[str] | None, typer.Option("--stakeholder",
                                                          help="A stakeholder (repeat).")] = None,
    with_: Annotated[list[str] | None, typer.Option(
        "--with", help="A person mentored, sponsored or worked with (repeat).")] = None,
    impact: Annotated[str | None, typer.Option(
        "--impact", help="Impact, e.g. '$180k/yr' or 'p99 900ms → 140ms'.")] = None,
    scope: Annotated[str | None, typer.Option(
        "--scope", help="Reach: self, team, teams, org, company.")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag (repeat).")] = None,
    dimension: Annotated[list[str] | None, typer.Option(
        "--dimension", help="A framework dimension this shows (repeat).")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Link to the work.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Record a piece of work: by flags, or by answering prompts when run in a terminal."""
    interactive = title is None and sys.stdin.isatty()
    if title is None and not interactive:
        raise InputError("give the work's title (staffpath log 'what you did' ...) "
                         "or run in a terminal to be prompted")
    if interactive:
        person = person or _ask("Who (handle or e-mail)")
        title = _ask("What did you do")
        body = body or _ask("Details (optional)")
        date = date or _ask("When", dt.date.today().isoformat())
        kind = kind or EvidenceKind(_ask(f"Kind ({KINDS})", EvidenceKind.OTHER.value))
        impact = impact or _ask("Impact (optional, e.g. $50k/yr, 30%)") or None
        teams_typed = _ask("Teams touched (comma-separated, optional)")
        team = team or [t.strip() for t in teams_typed.split(",") if t.strip()]
        scope = scope or _ask("Reach (self, team, teams, org, company; optional)") or None
    if not person:
        raise InputError("say whose work this is: --person HANDLE (or set STAFFPATH_PERSON)")
    st = state(ctx)
    person = ensure_person(st, person)
    fields: dict[str, Any] = {
        "title": title, "body": body,
        "date_start": parse_date(date) or dt.date.today(), "date_end": parse_date(until, "until"),
        "kind": kind or EvidenceKind.OTHER, "project": project,
        "teams": _matched_teams(ctx, team or []), "stakeholders": stakeholder or [],
        "people": [p.lstrip("@") for p in with_ or []], "tags": tag or [],
        "dimensions": dimension or [], "scope": scope,
        "source_type": "url" if url else "typed", "source_ref": url,
        **_impact_fields(impact),
    }
    with st.session() as session:
        fw = st.framework(session)
        for d in fields["dimensions"]:
            fw.dimension(d)
        fields["dimensions"] = [*fields["dimensions"], *(
            dim.id for t in fields["tags"] if (dim := fw.dimension_for_tag(t)) is not None
            and dim.id not in fields["dimensions"])]
        try:
            data = EvidenceInput.model_validate(fields)
        except ValidationError as exc:
            raise InputError(validation_message(exc)) from None
        who = find_person(session, person)
        ev = add_evidence(session, who, data)
        out = evidence_to_dict(ev)
    if json_out:
        print_json(out)
    else:
        console.print(f"Logged [bold]E{out['id']}[/bold] for {who.name}: {out['title']}")


@app.command("list")
def list_(
    ctx: typer.Context,
    person: PersonOpt = None,
    kind: Annotated[EvidenceKind | None, typer.Option(
        "--kind", "-k", help="Only this kind of work.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="On or after this date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="On or before this date.")] = None,
    dimension: Annotated[str | None, typer.Option(
        "--dimension", help="Only items showing this framework dimension (id).")] = None,
    deleted: Annotated[bool, typer.Option("--deleted", help="Include deleted items.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """List evidence, newest first."""
    with state(ctx).session(read_only=True) as session:
        who = find_person(session, person) if person else None
        items = [evidence_to_dict(e) for e in list_evidence(
            session, person=who, kind=kind.value if kind else None, since=parse_date(since),
            until=parse_date(until), dimension=dimension, include_deleted=deleted)]
    if json_out:
        print_json(items)
        return
    table = Table("id", "date", "person", "kind", "reach", "title", expand=True)
    for e in items:
        table.add_row(f"E{e['id']}", e["date_start"] or "", e["person"] or "",
                      e["kind"], e["scope"] or "", e["title"])
    console.print(table)
    console.print(f"[dim]{len(items)} item(s)[/dim]")


@app.command()
def show(
    ctx: typer.Context,
    evidence_id: Annotated[int, typer.Argument(help="Evidence id (the number in E123).")],
    json_out: JsonOpt = False,
) -> None:
    """Show one item with its provenance, what was extracted from it, and its history."""
    with state(ctx).session(read_only=True) as session:
        ev = get_evidence(session, evidence_id, include_deleted=True)
        data = evidence_to_dict(ev)
        data["extracted"] = ev.extra.get("extracted", {})
        data["section"] = ev.extra.get("section", [])
        data["history"] = [{"version": r.version, "change": r.change,
                            "at": r.changed_at.isoformat(timespec="seconds")}
                           for r in evidence_history(session, evidence_id)]
    if json_out:
        print_json(data)
        return
    console.print(f"[bold]E{data['id']}[/bold] {data['title']}"
                  + (" [red](deleted)[/red]" if data["deleted"] else ""))
    for key in ("person", "date_start", "date_end", "kind", "project", "scope", "teams",
                "stakeholders", "people", "dimensions", "tags"):
        value = data[key]
        if value:
            console.print(f"  [bold]{key}:[/bold] "
                          f"{', '.join(value) if isinstance(value, list) else value}")
    if data["body"]:
        console.print(f"  [bold]details:[/bold] {data['body']}")
    if data["impact"]["text"]:
        console.print(f"  [bold]impact:[/bold] {data['impact']['text']}")
    prov = data["provenance"]
    console.print(f"  [bold]source:[/bold] {prov['type']} {prov['ref'] or ''}"
                  + (f":{prov['line']}" if prov["line"] else ""))
    ext = data["extracted"]
    if ext:
        found = [f"reach {ext['scope']}" if ext.get("scope") else "",
                 f"role {ext['role']}" if ext.get("role") else "",
                 "teams " + ", ".join(ext["teams_named"]) if ext.get("teams_named") else "",
                 f"{ext['teams_count']} teams counted" if ext.get("teams_count") else "",
                 ", ".join(f"{k} {v}" for k, v in (ext.get("people") or {}).items()),
                 f"{ext['money_per_year']} {ext.get('currency') or ''}/yr"
                 if ext.get("money_per_year") else ""]
        console.print("  [bold]extracted from the text:[/bold] "
                      + ("; ".join(f for f in found if f) or "nothing")
                      + "  [dim](set --scope/--role/--team to correct; yours win)[/dim]")
    console.print("  [bold]history:[/bold] " + "; ".join(
        f"v{h['version']} {h['change']} {h['at']}" for h in data["history"]))


@app.command()
def edit(
    ctx: typer.Context,
    evidence_id: Annotated[int, typer.Argument(help="Evidence id.")],
    title: Annotated[str | None, typer.Option("--title", help="New title.")] = None,
    body: Annotated[str | None, typer.Option("--body", help="New details.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="New date (start).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="New end date.")] = None,
    kind: Annotated[EvidenceKind | None, typer.Option("--kind", help="New kind of work.")
                    ] = None,
    project: Annotated[str | None, typer.Option("--project", help="New project.")] = None,
    team: Annotated[list[str] | None, typer.Option("--team", help="Replace teams.")] = None,
    stakeholder: Annotated[list[str] | None, typer.Option(
        "--stakeholder", help="Replace stakeholders (repeat).")] = None,
    with_: Annotated[list[str] | None, typer.Option(
        "--with", help="Replace the people worked with (repeat).")] = None,
    impact: Annotated[str | None, typer.Option(
        "--impact", help="New impact, e.g. '$180k/yr'.")] = None,
    scope: Annotated[str | None, typer.Option(
        "--scope", help="Correct the reach: self, team, teams, org, company.")] = None,
    role: Annotated[str | None, typer.Option(
        "--role", help="Correct your part: did, led, led_leaders.")] = None,
    attested_by: Annotated[list[str] | None, typer.Option(
        "--attested-by", help="A colleague who confirms this item (repeat).")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Replace tags.")] = None,
    dimension: Annotated[list[str] | None, typer.Option(
        "--dimension", help="Replace dimensions (repeat).")] = None,
    expected_version: Annotated[int | None, typer.Option(
        "--expected-version", help="Refuse the edit if the item changed since this version.")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Change an item; the previous state is kept in its history."""
    changes: dict[str, Any] = {}
    simple = {"title": title, "body": body, "project": project, "kind": kind}
    changes.update({k: v for k, v in simple.items() if v is not None})
    if date is not None:
        changes["date_start"] = parse_date(date)
    if until is not None:
        changes["date_end"] = parse_date(until, "until")
    if role is not None:
        changes["role"] = role
    lists = {"teams": team, "stakeholders": stakeholder, "tags": tag, "dimensions": dimension,
             "attested_by": [p.lstrip("@") for p in attested_by] if attested_by is not None
             else None,
             "people": [p.lstrip("@") for p in with_] if with_ is not None else None}
    changes.update({k: v for k, v in lists.items() if v is not None})
    if scope is not None:
        try:
            changes["scope"] = Scope.parse(scope)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    if impact is not None:
        changes.update({"impact_money": None, "impact_currency": None, "impact_period": None,
                        "impact_metric": None, "impact_unit": None, **_impact_fields(impact)})
    if not changes:
        raise InputError("nothing to change; give at least one option (see --help)")
    with state(ctx).session(create=False) as session:
        if "dimensions" in changes:
            fw = state(ctx).framework(session)
            for d in changes["dimensions"]:
                fw.dimension(d)
        ev = edit_evidence(session, evidence_id, changes, expected_version=expected_version)
        out = evidence_to_dict(ev)
    if json_out:
        print_json(out)
    else:
        console.print(f"Updated E{out['id']} (now version {out['version']})")


@app.command()
def delete(
    ctx: typer.Context,
    evidence_id: Annotated[int, typer.Argument(help="Evidence id.")],
    expected_version: Annotated[int | None, typer.Option(
        "--expected-version", help="Refuse if the item changed since this version.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Delete an item (it leaves assessments; its history is kept)."""
    with state(ctx).session(create=False) as session:
        ev = delete_evidence(session, evidence_id, expected_version=expected_version)
        out = {"id": ev.id, "deleted": True, "version": ev.version}
    if json_out:
        print_json(out)
    else:
        console.print(f"Deleted E{evidence_id}")


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(
        help="A brag document: Markdown or plain text, an Org-mode log, a saved HTML page, a "
             "pasted spreadsheet, a chat thread, or a JSON or YAML export.")],
    person: PersonOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Import a brag document; re-importing adds nothing, edited lines update."""
    if not person:
        raise InputError("say whose document this is: --person HANDLE")
    read_brag_file(file)  # a file that cannot be read is refused before anyone is added
    st = state(ctx)
    person = ensure_person(st, person)
    with st.session() as session:
        who = find_person(session, person)
        teams = [t.name for t in list_teams(session)]
        report = import_brag_doc(session, who, file, framework=st.framework(session),
                                 team_names=teams)
        if not (report.added or report.updated or report.unchanged or report.notes):
            # Raised inside the unit of work: nothing of this import is kept.
            raise InputError("no brag-doc items found (expected dated bullet points or "
                             "headings of Markdown); nothing imported", path=file)
    if json_out:
        print_json(report.as_dict())
        return
    for w in report.warnings:
        err_console.print(f"[yellow]warning:[/yellow] {w}", highlight=False)
    console.print(f"{file}: {report.added} added, {report.updated} updated, "
                  f"{report.unchanged} unchanged"
                  + (f", {report.missing} no longer in the file (kept)" if report.missing else "")
                  + (f"; {report.notes} goal/learning note(s) kept apart" if report.notes else ""))


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or csv.")] = "json",
    person: PersonOpt = None,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write to this file.")] = None,
) -> None:
    """Export evidence as JSON or as CSV that is safe to open in a spreadsheet."""
    if fmt not in ("json", "csv"):
        raise InputError(f"unknown format {fmt!r}; use json or csv")
    with state(ctx).session(read_only=True) as session:
        who = find_person(session, person) if person else None
        text = export_evidence(list_evidence(session, person=who), fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomically(output, text)
        err_console.print(f"wrote {output}")


