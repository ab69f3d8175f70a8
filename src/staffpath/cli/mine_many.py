"""`staffpath mine --manifest`: many repositories on Dask, with a progress bar of repositories
done, commits per second and failures."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from staffpath.cli.state import State, console, err_console, print_json
from staffpath.cli.views_after_mine import prepare_views_later
from staffpath.mining.cluster import mine_manifest
from staffpath.mining.manifest import read_manifest
from staffpath.mining.service import MineOptions


class _Bar:
    """The manifest's progress on the terminal (nothing when output is not a terminal)."""

    def __init__(self, disabled: bool):
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} commits/s"),
            TextColumn("[red]{task.fields[failures]} failed"), TimeElapsedColumn(),
            console=err_console, transient=True,
            disable=disabled or not err_console.is_terminal)
        self.task: Any = None
        self.commits = 0
        self.failures = 0
        self.t0 = time.perf_counter()
        self.quiet = disabled

    def started(self, total: int, dashboard: str | None) -> None:
        if dashboard and not self.quiet:
            err_console.print(f"Dask dashboard: {dashboard}", highlight=False)
        self.t0 = time.perf_counter()
        self.task = self.progress.add_task("repositories", total=total, rate="0",
                                           failures=0)

    def finished(self, name: str, commits: int, failed: bool) -> None:
        self.commits += commits
        self.failures += failed
        rate = self.commits / max(time.perf_counter() - self.t0, 1e-6)
        self.progress.update(self.task, advance=1, rate=f"{rate:,.0f}", failures=self.failures)


def mine_many(st: State, manifest: Path, options: MineOptions, *, scheduler: str | None,
              workers: int | None, json_out: bool) -> None:
    entries = read_manifest(manifest)
    bar = _Bar(json_out)
    with bar.progress:
        outcome = mine_manifest(st.session, entries, options, scheduler=scheduler,
                                workers=workers, progress=bar)
    if json_out:
        print_json(outcome.as_dict())
    else:
        for report in outcome.reports:
            console.print(
                f"[bold]{report.name}[/bold] {report.tip[:12] if report.tip else '(empty)'}: "
                f"{report.commits} commits ({report.new_commits} new), truck factor "
                f"[bold]{report.truck_factor}[/bold]", highlight=False)
        console.print(
            f"{len(outcome.reports)} mined, {len(outcome.up_to_date)} up to date, "
            f"{len(outcome.failures)} failed; {outcome.commits_read} commits in "
            f"{outcome.seconds:.1f} s", highlight=False)
    for failure in outcome.failures:
        err_console.print(f"[red]error:[/red] {failure.repository}: {failure.message}",
                          highlight=False, soft_wrap=True)
    if outcome.reports:
        prepare_views_later(st)  # once, apart from this command
    if outcome.failures:
        raise typer.Exit(code=1)
