"""The JSON API against its own OpenAPI document: schemathesis generates requests for every
operation, signed in as an admin on a small organisation; no request may end in a server error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from web_helpers import SQLITE_ONLY, World

schemathesis = pytest.importorskip("schemathesis")
from schemathesis.checks import not_a_server_error  # noqa: E402

SIGNED_IN_AS = "admin"
WORLD_BACKENDS = SQLITE_ONLY


def test_no_server_errors(world: World) -> None:
    """Every operation, a few generated requests each, signed in as an admin."""
    session = world.sessions[SIGNED_IN_AS]
    headers = {"X-CSRF-Token": session.csrf, "Cookie": f"staffpath_session={session.token}"}
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", world.app())
    failures: list[str] = []
    operations = [op.ok() for op in schema.get_all_operations()]
    assert operations
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):  # type: ignore[no-untyped-def]
            response = case.call(headers=headers)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}: "
                                f"{response.text[:200]}")
            case.validate_response(response, checks=[not_a_server_error])

        try:
            run()
        except Exception as exc:
            failures.append(f"{operation.label}: {type(exc).__name__}: {str(exc)[:300]}")
    assert not failures, "\n".join(failures)
