"""`staffpath demo` builds on the database `--db` or `$STAFFPATH_DB` names, PostgreSQL
included, and its sign-ins work there; it refuses a database that already holds data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from web_helpers import engine_for

pytestmark = pytest.mark.postgresql


def run_demo(workspace: Path, *args: str, env: dict[str, str] | None = None
             ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "staffpath", "--workspace", str(workspace), *args, "demo",
         "--json", "--no-serve"],
        capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})},
        check=False)


def test_demo_is_built_on_the_postgresql_database_given(pg_url: str, tmp_path: Path) -> None:
    done = run_demo(tmp_path / "ws", "--db", pg_url)
    assert done.returncode == 0, done.stderr[-2000:]
    assert not (tmp_path / "ws" / "staffpath.db").exists()
    with engine_for(pg_url).connect() as conn:
        assert (conn.scalar(text("SELECT count(*) FROM people")) or 0) > 30
        logins = {r[0] for r in conn.execute(text("SELECT login FROM users"))}
    summary = json.loads(done.stdout)
    assert {login["login"] for login in summary["logins"]} <= logins
    assert summary["evidence_items"] > 300
    assert len(summary["people"]) >= 35
    pdfs = sorted(p.name for p in (tmp_path / "ws" / "packets").glob("*.pdf"))
    assert len(pdfs) == 2  # one ready and one not-ready example; the rest on demand
    handle = next(p["handle"] for p in summary["people"] if p["ready"])
    assessed = subprocess.run(
        [sys.executable, "-m", "staffpath", "--workspace", str(tmp_path / "ws"), "--db", pg_url,
         "assess", handle, "--json"], capture_output=True, text=True, timeout=120, check=False)
    assert assessed.returncode == 0, assessed.stderr
    verdict = json.loads(assessed.stdout)
    assert verdict["overall_level"] == verdict["target_level"]
    again = run_demo(tmp_path / "ws2", env={"STAFFPATH_DB": pg_url})
    assert again.returncode != 0
    # run with --json, so the error comes as JSON on stdout
    assert json.loads(again.stdout)["error"].endswith(
        "already holds an organisation; give the demo an empty one")
    assert "Traceback" not in again.stderr + again.stdout
