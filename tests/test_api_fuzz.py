"""The JSON API fuzzed from its own OpenAPI document, as a user serves it (`staffpath serve
--workers 2`), on SQLite and PostgreSQL, signed in as each role and as nobody: no request
may answer a server error, and every answer must match the document. A few examples per
operation here; `benchmarks/fuzz_api.py` runs thousands."""

from __future__ import annotations

import pytest

from web_helpers import World

pytest.importorskip("schemathesis")
from fuzzing import fuzz, known_values, roles_of
from served import served

# One example per operation and role on each database (over a thousand requests in all):
# enough to reach every route as every role within the suite's time; the benchmark runs
# thousands per operation.
EXAMPLES = {"postgresql": 1, "sqlite": 1}


def test_generated_requests_get_no_server_error_and_match_the_schema(world: World) -> None:
    examples = EXAMPLES["sqlite" if world.url.startswith("sqlite") else "postgresql"]
    with served(world.url, world.workspace, workers=2) as base:
        report = fuzz(base, roles_of(world), examples=examples, known=known_values(world))
    print(f"{report.cases} cases in {report.seconds:.0f} s; statuses {dict(report.statuses)}")
    assert report.cases > 100
    assert report.server_errors == 0, report.lines()
    assert not report.failures, "\n".join(report.lines())
