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
from typing import Any

import typer
from rich.console import Console
from sqlalchemy.orm import Session

from staffpath.framework.model import Framework
from staffpath.framework.registry import active_framework
from staffpath.store.engine import Store
from staffpath.workspace import Workspace, open_workspace

console = Console()
err_console = Console(stderr=True)


@dataclass
class State:
    workspace_dir: Path | None = None
    db: str | None = None
    _workspace: Workspace | None = field(default=None, repr=False)
    _store: Store | None = field(default=None, repr=False)

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            self._workspace = open_workspace(self.workspace_dir)
        return self._workspace

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.workspace.db_url(self.db))
        return self._store

    @contextmanager
    def session(self, *, read_only: bool = False) -> Iterator[Session]:
        """A unit of work; read-only ones neither wait for nor block writers on SQLite."""
        with self.store.session(read_only=read_only) as session:
            yield session

    def framework(self, session: Session) -> Framework:
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
