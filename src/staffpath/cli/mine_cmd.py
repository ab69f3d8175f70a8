"""`staffpath mine`, `staffpath authorship` and `staffpath identities ...`: mining git history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from staffpath.accounts.principal import Principal
from staffpath.cli.options import JsonOpt, parse_date
from staffpath.cli.state import console, err_console, print_json, state
from staffpath.cli.views_after_mine import prepare_views_later
from staffpath.errors import InputError, StaffpathError
from staffpath.mining.authorship_spans import person_authorship
from staffpath.mining.identities import (
    identity_groups,
    link_identity,
    merge_identities,
    split_identity,
)
from staffpath.mining.rules import load_rules
from staffpath.mining.service import MineOptions, mine_repository

identities_app = typer.Typer(
    help="Git identities grouped into people: see the groups and correct them.",
    no_args_is_help=True)


def _progress(disabled: bool) -> Progress:
    return Progress(TextColumn("{task.description:<40}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err_console, transient=True,
                    disable=disabled or not err_console.is_terminal)


def mine(
    ctx: typer.Context,
    repos: Annotated[list[Path] | None, typer.Argument(
        help="Local git repositories (bare or not).", show_default=False, metavar="REPO")
    ] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Only commits on or after this date (YYYY-MM-DD).")] = None,
    branch: Annotated[str | None, typer.Option(
        "--branch", "-b", help="Branch or commit to mine (default: HEAD).")] = None,
    reviews: Annotated[list[Path] | None, typer.Option(
        "--reviews", help="GitHub pulls/reviews JSON from `gh api` (file or folder; repeat).")
    ] = None,
    full: Annotated[bool, typer.Option(
        "--full", help="Read the whole history again instead of only new commits.")] = False,
    evidence: Annotated[bool, typer.Option(
        "--evidence/--no-evidence",
        help="Write evidence entries (default), or only authorship and truck factor.")] = True,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, max=16, help="Parallel `git log` processes.")] = None,
    manifest: Annotated[Path | None, typer.Option(
        "--manifest", help="File of repository paths (one a line) or a folder of repositories, "
        "mined on Dask.")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Dask scheduler (tcp://host:8786); default a local cluster.")
    ] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=0, help="Local cluster workers (default one per core; 0: no Dask).")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Mine git history into evidence: cross-team work, design docs, glue work, knowledge
    spread, degree of authorship and truck factor. A second run reads only new commits.

    Which paths are design docs, decision records and glue work, and the thresholds for an
    entry, come from `mining.toml` in the workspace (built-in defaults otherwise). Lines
    added and deleted are counted only for the commits cross-team and glue entries quote;
    the contributors in `--json` list commits, not lines.
    """
    if not repos and not reviews and manifest is None:
        raise InputError("give at least one repository (or --manifest FILE, --reviews FILE)")
    st = state(ctx)
    rules = load_rules(st.workspace.root)
    options = MineOptions(branch=branch, since=parse_date(since, "--since"), full=full,
                          evidence=evidence, rules=rules, **({"jobs": jobs} if jobs else {}))
    if manifest is not None:
        if repos or reviews:
            raise InputError("--manifest mines the repositories it names; give no REPO or "
                             "--reviews with it")
        from staffpath.cli.mine_many import mine_many  # Dask and Arrow: only for a manifest

        mine_many(st, manifest, options, scheduler=scheduler, workers=workers,
                  json_out=json_out)
        return
    results: list[dict[str, Any]] = []
    failure: StaffpathError | None = None
    for repo in repos or []:
        try:
            with _progress(json_out) as bar:
                task = bar.add_task(f"{repo.name}: starting", total=None)

                def step(label: str, done: int, total: int, *, _task: Any = task,
                         _bar: Progress = bar, _name: str = repo.name) -> None:
                    if total:
                        _bar.update(_task, description=f"{_name}: {label}", completed=done,
                                    total=total)
                    else:  # a step without a count: keep the bar where it is
                        _bar.update(_task, description=f"{_name}: {label}")

                with st.session() as session:
                    report = mine_repository(session, repo, options, progress=step)
            results.append(report.as_dict())
            if not json_out:
                _print_report(report.as_dict())
        except StaffpathError as exc:
            failure = failure or exc
            results.append({"repository": str(repo), "error": str(exc)})
            err_console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
    review_result: dict[str, Any] | None = None
    if reviews:
        try:
            with st.session() as session:
                from staffpath.mining.reviews import mine_reviews

                review_result = mine_reviews(session, reviews, rules).as_dict()
            if not json_out:
                _print_reviews(review_result)
        except StaffpathError as exc:
            failure = failure or exc
            review_result = {"error": str(exc)}
            err_console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
    if any("error" not in r for r in results):
        prepare_views_later(st)  # once the runs are committed, apart from this command
    if json_out:
        print_json({"repositories": results, "reviews": review_result})
    if failure is not None:
        raise typer.Exit(code=failure.exit_code)


def _people(items: list[dict[str, Any]]) -> str:
    return ", ".join(f"{p['name']} ({p['files']})" for p in items) or "—"


def _print_report(report: dict[str, Any]) -> None:
    mode = "new" if report["incremental"] else "read"
    console.print(
        f"[bold]{report['name']}[/bold] {report['tip'][:12] if report['tip'] else '(empty)'}: "
        f"{report['commits']} commits ({report['new_commits']} {mode}), "
        f"{report['authors']} authors, {report['files']} files, "
        f"truck factor [bold]{report['truck_factor']}[/bold]: {_people(report['key_people'])}",
        highlight=False)
    if report["teams"]:
        table = Table("Team area", "Files", "Truck factor", "Key people",
                      "Commits by others", expand=True)
        for team in report["teams"]:
            table.add_row(team["team"], str(team["files"]), str(team["truck_factor"]),
                          _people(team["key_people"]), str(team["commits_by_other_teams"]))
        console.print(table)
    counts = report["evidence"]
    if counts:
        console.print(
            f"  evidence: {counts.get('added', 0)} added, {counts.get('updated', 0)} updated, "
            f"{counts.get('unchanged', 0)} unchanged"
            + (f", {counts['kept']} kept as you edited them" if counts.get("kept") else ""),
            highlight=False)
    for warning in report["warnings"]:
        err_console.print(f"[yellow]warning:[/yellow] {warning}", highlight=False)


def _print_reviews(result: dict[str, Any]) -> None:
    counts = result["evidence"]
    console.print(f"reviews: {result['reviews']} reviews of {result['pulls']} pull requests by "
                  f"{result['reviewers']} reviewers; evidence {counts['added']} added, "
                  f"{counts['updated']} updated", highlight=False)
    if result["unknown_logins"]:
        err_console.print("[yellow]warning:[/yellow] logins not on the roster (link them with "
                          "`staffpath identities link`): "
                          + ", ".join(result["unknown_logins"][:20]), highlight=False)


def authorship(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Handle, e-mail or name.")],
    at: Annotated[str | None, typer.Option("--at", help="As of this date (default today).")
                  ] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Start of the knowledge-spread window (default a year before --at).")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Files a person was an author of on a date, and who became an author of them since."""
    when = parse_date(at, "--at") or dt.date.today()
    start = parse_date(since, "--since") or when - dt.timedelta(days=365)
    with state(ctx).session() as session:
        found = person_authorship(session, person, when, start)
    data = found.as_dict()
    if json_out:
        print_json(data)
        return
    console.print(f"{found.name} was an author of {len(found.files)} file(s) on {when}.")
    for f in data["files"][:30]:
        console.print(f"  {f['repository']}: {f['path']} (since {f['since']})", highlight=False)
    console.print(f"Knowledge spread {start} → {when}: {len(found.spread)} new author(s) of "
                  "their files")
    for e in data["spread"][:30]:
        console.print(f"  {e['date']} {e['to']} → {e['repository']}: {e['path']}",
                      highlight=False)


# --- identities --------------------------------------------------------------------------


@identities_app.command("list")
def identities_list(
    ctx: typer.Context,
    unlinked: Annotated[bool, typer.Option(
        "--unlinked", help="Only groups not linked to anyone on the roster.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Show how git identities are grouped into people, with each identity's id."""
    with state(ctx).session() as session:
        groups = identity_groups(session, unlinked=unlinked)
    if json_out:
        print_json([g.as_dict() for g in groups])
        return
    table = Table("Person", "Commits", "Identities (id: name <e-mail>)", expand=True)
    for g in groups:
        table.add_row(g.person or f"[dim]{g.name} (not linked)[/dim]", str(g.commits),
                      "\n".join(f"{i.id}: {i.name} <{i.email}>" for i in g.identities))
    console.print(table)


_EFFECT = ("takes effect at the next `staffpath mine` of each repository, which then reads "
           "its whole history again")


@identities_app.command("merge")
def identities_merge(
    ctx: typer.Context,
    identity: Annotated[int, typer.Argument(help="Identity id to keep.")],
    others: Annotated[list[int], typer.Argument(help="Identity ids that are the same person.")],
) -> None:
    """Say that several git identities are the same person."""
    with state(ctx).session() as session:
        merge_identities(session, Principal.command_line(), identity, others)
    console.print(f"Merged {len(others)} identity(ies) into {identity}; {_EFFECT}.")


@identities_app.command("split")
def identities_split(
    ctx: typer.Context,
    identity: Annotated[int, typer.Argument(help="Identity id to keep on its own.")],
) -> None:
    """Keep an identity on its own: undo merges and links, stop automatic grouping for it."""
    with state(ctx).session() as session:
        split_identity(session, Principal.command_line(), identity)
    console.print(f"Identity {identity} now stands on its own; {_EFFECT}.")


@identities_app.command("link")
def identities_link(
    ctx: typer.Context,
    identity: Annotated[int, typer.Argument(help="Identity id.")],
    person: Annotated[str, typer.Argument(help="Roster person (handle, e-mail or name).")],
) -> None:
    """Say which roster person a git identity (or GitHub login) is."""
    with state(ctx).session() as session:
        name = link_identity(session, Principal.command_line(), identity, person)
    console.print(f"Identity {identity} is now {name}; {_EFFECT}.")
