"""What every command shares: the workspace, the store, and how output is printed."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console

from staffpath.errors import NotFoundError, StoreError
from staffpath.store.engine import Store, UnitOfWork
from staffpath.workspace import (
    CONFIG_NAME,
    DB_NAME,
    Workspace,
    WorkspaceConfig,
    default_workspace_dir,
    open_workspace,
)

if TYPE_CHECKING:  # loaded when used: `mine` and other commands start faster without them
    from staffpath.framework.model import Framework

console = Console()
err_console = Console(stderr=True)


class EmptyWorkspaceError(StoreError):
    """A command that reads found no workspace, or one with nobody in it."""


def way_out(root: Path) -> str:
    """One line: what was looked at, and how to get to a workspace with something in it."""
    demo = Path("staffpath-demo")
    demo_hint = (f"use the demo's: --workspace {demo.resolve()} "
                 f"(or export STAFFPATH_WORKSPACE={demo.resolve()})"
                 if (demo / DB_NAME).exists() else
                 "try `staffpath demo`, then --workspace staffpath-demo "
                 "(or export STAFFPATH_WORKSPACE=staffpath-demo)")
    return f"{demo_hint}; or start your own with `staffpath init`"


@dataclass
class State:
    workspace_dir: Path | None = None
    db: str | None = None
    _workspace: Workspace | None = field(default=None, repr=False)
    _store: Store | None = field(default=None, repr=False)

    @property
    def root(self) -> Path:
        return (self.workspace_dir or default_workspace_dir()).expanduser()

    @property
    def workspace(self) -> Workspace:
        """The workspace's settings; reading them never creates the folder."""
        if self._workspace is None:
            root = self.root
            if root.exists():
                self._workspace = open_workspace(root, create=False)
            else:
                return Workspace(root=root, config=WorkspaceConfig())
        return self._workspace

    def has_database(self) -> bool:
        """Whether there is a database to read: a server URL counts; a SQLite file must exist."""
        url = self.workspace.db_url(self.db)
        if not url.startswith("sqlite:///"):
            return True
        name = url.removeprefix("sqlite:///").split("?", 1)[0]
        return name == ":memory:" or Path(name).exists()

    def require_database(self) -> None:
        if not self.has_database():
            what = ("no workspace" if not self.root.exists() else
                    "no staffpath database" if not (self.root / CONFIG_NAME).exists()
                    else "no database yet")
            raise EmptyWorkspaceError(f"{what} at {self.root.resolve()}: nothing recorded yet; "
                                      + way_out(self.root))

    def open_store(self, *, create: bool) -> Store:
        """The store; only `create=True` (commands that write) makes a workspace or database."""
        if self._store is None:
            if create:
                self._workspace = open_workspace(self.root, create=True)
            else:
                self.require_database()
            self._store = Store(self.workspace.db_url(self.db))
        return self._store

    @property
    def store(self) -> Store:
        return self.open_store(create=False)

    @contextmanager
    def session(self, *, read_only: bool = False,
                create: bool | None = None) -> Iterator[UnitOfWork]:
        """A unit of work; read-only ones neither wait for nor block writers on SQLite.

        Reading (and, with `create=False`, changing what must already exist) needs a
        database: a missing one is one line with the way out, and no file is made. A lookup
        that finds nothing in a workspace with nobody in it says the workspace is empty.
        """
        store = self.open_store(create=not read_only if create is None else create)
        try:
            with store.session(read_only=read_only) as session:
                yield session
        except NotFoundError as exc:
            from staffpath.people.service import list_people

            with store.session(read_only=True) as session:
                empty = not list_people(session)
            if empty:
                raise EmptyWorkspaceError(
                    f"{exc}: the workspace at {self.root.resolve()} has nobody in it yet; "
                    + way_out(self.root)) from None
            raise

    def framework(self, session: UnitOfWork) -> Framework:
        from staffpath.framework.registry import active_framework

        return active_framework(session)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    assert isinstance(obj, State)
    return obj


def print_json(data: Any) -> None:
    """Machine-readable output on stdout, nothing else."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def write_atomically(path: Path, text: str) -> None:
    """Write a file so that readers see the old or the new content, never half of it."""
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write bytes (a PDF, say) so that readers see the old or the new file, never half."""
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
