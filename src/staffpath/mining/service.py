"""`mine_repository`: what the CLI and the demo call to mine a git repository.

Each call runs inside the caller's transaction and only writes once everything has been read,
so a failure leaves nothing behind and holds the database's write lock for a short time. The
run has three steps, so that the middle one can happen on another machine (`mining.cluster`):
read from the store what the run needs (`stored_run.load_shared`, `repo_task`), read git into
rows without the database (`compute.mine_offline`), write the rows (`stored_run.write_mined`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from staffpath.mining.compute import MineOptions, Progress, default_jobs, mine_offline
from staffpath.mining.gcpause import collector_paused
from staffpath.mining.git import open_repo
from staffpath.mining.report import MineReport
from staffpath.mining.stored_run import load_shared, repo_task, write_mined

__all__ = ["MineOptions", "Progress", "default_jobs", "mine_repository"]


def mine_repository(session: Session, path: Path, options: MineOptions | None = None, *,
                    progress: Progress | None = None,
                    after_run: Callable[[Session], None] | None = None) -> MineReport:
    """Mine one repository (incrementally when it was mined before) into the store.

    `after_run` is called with the session once the run has written everything, still inside
    the caller's transaction: the caller's place to arrange work for after the commit (the
    CLI and the demo have the organisation views prepare themselves from what was written).
    """
    options = options or MineOptions()
    info = open_repo(path)
    task = repo_task(session, path, info.path, options.branch, full=options.full)
    with collector_paused():
        mined = mine_offline(task, options, load_shared(session), progress=progress)
        if progress is not None:
            progress("writing", 0, 0)
        report = write_mined(session, mined)
    if after_run is not None:
        after_run(session)
    return report
