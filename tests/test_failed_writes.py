"""A write that fails after it reached the database changes nothing and says so.

Every write route of the authorization grid is called by a caller it allows, with a failure
injected at the commit of the transaction that wrote (the rows are in the database, inside
the transaction, when it fails): the request answers a well-formed 500 that closes the
connection, and every table is as it was. The same call without the failure then succeeds
and commits its change in one transaction, so a route cannot keep half of a change in an
earlier commit that the failure would not reach. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import Connection, Engine, event

from test_web_access import CASES, Case
from web_helpers import ROLES, VOLATILE_TABLES, TestClient, World, Worlds, snapshot

WRITE = re.compile(r"^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)",
                   re.IGNORECASE)
WRITE_CASES = [c for c in CASES if c.writes and c.allowed]
# Writes that change only what a request changes anyway (its own session, sign-in attempts,
# the audit log): nothing a failure could leave behind.
# Withdrawing an organisation size the grid's world never declared writes only its audit entry.
BOOKKEEPING_ONLY = frozenset({"POST /logout", "DELETE /api/session",
                              "POST /admin/users/{user_id}/unlock",
                              "POST /api/admin/users/{user_id}/unlock",
                              "DELETE /api/admin/org-size"})
# Writes whose grid request sets what is already there (activating the active framework).
SAME_VALUES = frozenset({"POST /admin/framework/{version_id}/activate",
                         "POST /api/admin/frameworks/{version_id}/activate"})


class CommitWatch:
    """Counts the commits of transactions that wrote a table the snapshot sees, and fails
    them (before the database commits) while `fail` is set."""

    def __init__(self, engine: Engine) -> None:
        self.fail = False
        self.commits: list[frozenset[str]] = []
        self.failed: list[frozenset[str]] = []
        event.listen(engine, "begin", self._begin)
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._commit)

    @staticmethod
    def _begin(conn: Connection) -> None:
        conn.info["wrote"] = set()

    @staticmethod
    def _statement(conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
        match = WRITE.match(statement)
        if match and match.group(1) not in VOLATILE_TABLES:
            conn.info.setdefault("wrote", set()).add(match.group(1))

    def _commit(self, conn: Connection) -> None:
        wrote = frozenset(conn.info.pop("wrote", ()))
        if not wrote:
            return
        if self.fail:
            self.failed.append(wrote)
            raise RuntimeError(f"injected at the commit, after writing {sorted(wrote)}")
        self.commits.append(wrote)


def caller(case: Case) -> str:
    return next(r for r in ROLES if r in case.allowed)


def call(world: World, app: FastAPI, case: Case, role: str) -> httpx.Response:
    """The grid's valid request, answered as a client would see it (a server error as the
    500 the application sends, not raised into the test)."""
    client = TestClient(app, follow_redirects=False, raise_server_exceptions=False)
    client.cookies.set("staffpath_session", world.sessions[role].token)
    ids = world.ids
    headers = {**case.headers(ids), "X-CSRF-Token": world.csrf(role)}
    return client.request(
        case.method, case.path(ids), headers=headers,
        data=case.form(ids) if case.form else None,
        json=case.json(ids) if case.json else None,
        files=case.files(ids) if case.files else None)


@pytest.mark.parametrize("case", WRITE_CASES, ids=lambda c: c.key)
def test_a_write_failing_at_its_commit_leaves_every_table_as_it_was(worlds: Worlds,
                                                                      case: Case) -> None:
    world = worlds.fresh()
    app = world.app()
    watch = CommitWatch(app.state.web.store.engine)
    role = caller(case)
    try:
        before = snapshot(world.url)
        watch.fail = True
        failed = call(world, app, case, role)
        assert snapshot(world.url) == before, f"{case.key}: a failed write left a change"
        if case.key in BOOKKEEPING_ONLY:
            assert watch.failed == []
            assert failed.status_code < 400, failed.text[:300]
            return
        assert watch.failed, f"{case.key}: wrote nothing the failure could reach"
        assert failed.status_code == 500, (failed.status_code, failed.text[:300])
        assert failed.headers["connection"] == "close"
        if case.api:
            assert failed.json()["detail"].startswith("Something went wrong")
        else:
            assert "Something went wrong" in failed.text
        assert "injected" not in failed.text  # no internals in the answer
        # Without the failure the same call succeeds, committing its change once.
        watch.fail = False
        done = call(world, app, case, role)
        assert done.status_code < 400, (done.status_code, done.text[:300])
        assert (snapshot(world.url) == before) == (case.key in SAME_VALUES)
        assert len(watch.commits) == 1, watch.commits
    finally:
        world.close()
