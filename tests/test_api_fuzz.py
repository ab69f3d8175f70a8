"""The JSON API fuzzed from its own OpenAPI document, as a user serves it (`staffpath serve
--workers 2`), on SQLite and PostgreSQL, signed in as each role and as nobody: no request
may answer a server error, and every answer must match the document. A few examples per
operation here; `benchmarks/fuzz_api.py` runs thousands."""

from __future__ import annotations

import pytest

from web_helpers import ACCOUNTS, ROLES, SIGNED_IN, World

pytest.importorskip("schemathesis")
from fuzzing import fuzz
from served import served

# The admin goes last: its generated writes (deactivating accounts, erasing people) would
# otherwise end the other roles' sessions before their turn.
ORDER = sorted((r for r in ROLES if r in SIGNED_IN or r == "anonymous"),
               key=lambda r: r == "admin")
EXAMPLES = 4


def known_values(world: World) -> dict[str, list[object]]:
    """Real rows for path parameters, so generated requests reach them."""
    ids = world.ids
    handles = [h for _, h, _, _ in ACCOUNTS.values() if h]
    return {"handle": handles, "entry_id": [ids.ada_entry, ids.bo_entry],
            "person_id": [ids.ada, ids.bo], "user_id": [ids.bo_user], "team_id": [ids.team],
            "version_id": [ids.framework]}


def test_generated_requests_get_no_server_error_and_match_the_schema(world: World) -> None:
    roles = [(role, world.sessions[role].token if role in world.sessions else None,
              world.csrf(role)) for role in ORDER]
    with served(world.url, world.workspace, workers=2) as base:
        report = fuzz(base, roles, examples=EXAMPLES, known=known_values(world))
    print(f"{report.cases} cases in {report.seconds:.0f} s; statuses {dict(report.statuses)}")
    assert report.cases > 100
    assert report.server_errors == 0, report.lines()
    assert not report.failures, "\n".join(report.lines())
