"""Reading and writing the organisation views' snapshots (`org.models`).

A snapshot is served only when the digest of its inputs equals the digest of the inputs read
now, in the same transaction; the digest always includes the code that computes it (the source
of every module it imports, see `code_modules`), so an upgrade never reads what older code
wrote.

Views read in read-only transactions, so a snapshot computed there is written on a connection
of its own, briefly and on a best-effort basis: if the database is busy or refuses, the view
is still answered and the next read computes again.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib
import importlib.util
import inspect
import json
import logging
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

import staffpath
from staffpath.org.tables import OrgItemColumns, OrgSnapshot
from staffpath.store.engine import READ_ONLY, SQLITE_BUSY_TIMEOUT_MS

log = logging.getLogger(__name__)

# Where the code that decides what a snapshot holds starts; everything in staffpath these
# modules import, directly or not, is part of it (`code_modules`), so a module added under them
# (a new extraction rule, say) changes every digest without being listed here. A name that no
# longer exists fails at import, not at the first snapshot.
ROOT_MODULES = ("staffpath.org.service", "staffpath.org.assessed", "staffpath.org.owners",
                "staffpath.org.snapshots")
for _name in ROOT_MODULES:
    if importlib.util.find_spec(_name) is None:
        raise ImportError(f"org.snapshots: no module {_name}")


def _imports_of(name: str) -> set[str]:
    """The staffpath modules a module's source imports (without running it)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return set()
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("staffpath."))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                and node.module.startswith("staffpath"):
            found.add(node.module)
            # `from staffpath.org import snapshots` names a module too
            found.update(sub for a in node.names
                         if _is_module(sub := f"{node.module}.{a.name}"))
    return found


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # the parent is a module, not a package
        return False


@functools.cache
def code_modules() -> tuple[str, ...]:
    """Every staffpath module the snapshot code imports, directly or not, sorted."""
    seen: set[str] = set()
    todo = list(ROOT_MODULES)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(_imports_of(name) - seen)
    return tuple(sorted(seen))


# While another writer holds SQLite's lock, wait this long to write a snapshot, then give up.
WRITE_WAIT_MS = 250


@functools.cache
def code_version() -> str:
    """A digest of the source of the code that computes snapshots."""
    h = hashlib.sha256(staffpath.__name__.encode())
    h.update(str(getattr(staffpath, "__version__", "")).encode())
    for name in code_modules():
        module = importlib.import_module(name)
        try:
            h.update(inspect.getsource(module).encode())
        except (OSError, TypeError):  # no source (a frozen build): its version stands for it
            h.update(name.encode())
    return h.hexdigest()


@functools.cache
def module_version(name: str) -> str:
    """A digest of one module's source, for snapshots that depend on it alone (a chart, a
    quality measure) and need not change when the rest of the code does."""
    module = importlib.import_module(name)
    try:
        return hashlib.sha256(inspect.getsource(module).encode()).hexdigest()
    except (OSError, TypeError):  # no source (a frozen build): the package version stands
        return f"{name} {getattr(staffpath, '__version__', '')}"


def digest(*parts: Any) -> str:
    """The key of a snapshot: the code's digest and a repr of every input."""
    h = hashlib.sha256(code_version().encode())
    for part in parts:
        h.update(b"\0")
        h.update(repr(part).encode())
    return h.hexdigest()


# --- the generic table -----------------------------------------------------------------------


def read(session: Session, kind: str, scopes: Collection[str] | None = None
         ) -> dict[str, tuple[str, str, bytes]]:
    """scope -> (inputs digest, text, data) for the snapshots of one kind."""
    query = select(OrgSnapshot.scope, OrgSnapshot.inputs, OrgSnapshot.text, OrgSnapshot.data
                   ).where(OrgSnapshot.kind == kind)
    if scopes is not None:
        if not scopes:
            return {}
        query = query.where(OrgSnapshot.scope.in_(sorted(scopes)))
    return {scope: (inputs, text, bytes(data))
            for scope, inputs, text, data in session.execute(query)}


def write(session: Session, kind: str, rows: Mapping[str, tuple[str, str, bytes]], *,
          keep: Collection[str] | None = None) -> bool:
    """Store snapshots (scope -> (inputs, text, data)); with `keep`, drop other scopes.
    Returns whether they were stored."""
    table = OrgSnapshot

    def apply(conn: Any) -> None:
        if rows:
            conn.execute(delete(table).where(table.kind == kind,
                                             table.scope.in_(sorted(rows))))
            conn.execute(insert(table), [
                {"kind": kind, "scope": scope, "inputs": inputs, "text": text, "data": data}
                for scope, (inputs, text, data) in rows.items()])
        if keep is not None:
            conn.execute(delete(table).where(table.kind == kind,
                                             table.scope.not_in(sorted(keep))))

    if not rows and keep is None:
        return True
    return _write(session, apply)


def read_items(session: Session, people: Collection[int] | None = None
               ) -> dict[int, tuple[str, bytes]]:
    """person id -> (inputs digest, packed item columns)."""
    query = select(OrgItemColumns.person_id, OrgItemColumns.inputs, OrgItemColumns.data)
    if people is not None:
        if not people:
            return {}
        query = query.where(OrgItemColumns.person_id.in_(sorted(people)))
    return {pid: (inputs, bytes(data)) for pid, inputs, data in session.execute(query)}


def write_items(session: Session, rows: Mapping[int, tuple[str, bytes]]) -> bool:
    """Store people's packed item columns."""
    if not rows:
        return True
    table = OrgItemColumns
    people = sorted(rows)

    def apply(conn: Any) -> None:
        for start in range(0, len(people), 500):
            chunk = people[start:start + 500]
            conn.execute(delete(table).where(table.person_id.in_(chunk)))
        # A person deleted meanwhile fails the insert: then nothing is stored this time.
        for start in range(0, len(people), 1000):
            conn.execute(insert(table), [
                {"person_id": p, "inputs": rows[p][0], "data": rows[p][1]}
                for p in people[start:start + 1000]])

    return _write(session, apply)


def _write(session: Session, apply: Any) -> bool:
    bind = session.get_bind()
    assert isinstance(bind, Engine)
    read_only = bool(bind.get_execution_options().get(READ_ONLY))
    try:
        if not read_only:
            # A unit of work that can write (on SQLite it holds the lock): write inside it.
            with session.begin_nested():
                apply(session.connection())
            return True
        options: dict[str, Any] = {READ_ONLY: False}
        sqlite = bind.dialect.name == "sqlite"
        if not sqlite:
            options["postgresql_readonly"] = False
        with bind.execution_options(**options).connect() as conn:
            raw = conn.connection.driver_connection if sqlite else None
            if raw is not None:
                raw.execute(f"PRAGMA busy_timeout = {WRITE_WAIT_MS}")
            try:
                with conn.begin():
                    if not sqlite:
                        # The pooled connection may be a reader's: this transaction writes.
                        conn.exec_driver_sql("SET TRANSACTION READ WRITE")
                    apply(conn)
            finally:
                if raw is not None:
                    raw.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        return True
    except SQLAlchemyError as exc:  # a cache: the view is answered without it
        log.info("organisation snapshot not stored: %s", exc)
        return False


# --- packing arrays --------------------------------------------------------------------------


def pack_arrays(arrays: Mapping[str, npt.NDArray[Any]]) -> tuple[str, bytes]:
    """Numeric arrays as (a JSON description, their bytes one after another)."""
    layout = []
    chunks = []
    for name, array in arrays.items():
        a = np.ascontiguousarray(array)
        layout.append([name, a.dtype.str, int(a.shape[0])])
        chunks.append(a.tobytes())
    return json.dumps(layout), b"".join(chunks)


def unpack_arrays(layout: str, data: bytes) -> dict[str, npt.NDArray[Any]]:
    out = {}
    offset = 0
    for name, dtype, length in json.loads(layout):
        dt_ = np.dtype(dtype)
        out[name] = np.frombuffer(data, dtype=dt_, count=length, offset=offset).copy()
        offset += dt_.itemsize * length
    return out
