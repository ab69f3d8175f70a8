"""Requests generated from the OpenAPI document (schemathesis) against a served application,
signed in as each role: what they answered, as failures by route. Used by the CI test
(tests/test_api_fuzz.py, a few examples per operation) and by benchmarks/fuzz_api.py (many)."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import hypothesis
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from web_helpers import ACCOUNTS, ROLES, SIGNED_IN, World

# The admin goes last: its generated writes (deactivating accounts, erasing people) would
# otherwise end the other roles' sessions before their turn.
ORDER = sorted((r for r in ROLES if r in SIGNED_IN or r == "anonymous"),
               key=lambda r: r == "admin")
# Operations left out: signing out ends the session every later case needs.
SKIPPED = frozenset({"DELETE /api/session"})
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def roles_of(world: World) -> list[tuple[str, str | None, str | None]]:
    """(role, session token, CSRF token) for each role of a test world, the admin last."""
    return [(role, world.sessions[role].token if role in world.sessions else None,
             world.csrf(role)) for role in ORDER]


def known_values(world: World) -> dict[str, list[Any]]:
    """Real rows for path parameters, so generated requests reach them."""
    ids = world.ids
    handles = [h for _, h, _, _ in ACCOUNTS.values() if h]
    return {"handle": handles, "entry_id": [ids.ada_entry, ids.bo_entry],
            "person_id": [ids.ada, ids.bo], "user_id": [ids.bo_user], "team_id": [ids.team],
            "version_id": [ids.framework]}


@dataclass
class FuzzReport:
    cases: int = 0
    seconds: float = 0.0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def lines(self) -> list[str]:
        return [f"{route}: {len(msgs)} failure(s), e.g. {msgs[0]}"
                for route, msgs in sorted(self.failures.items())]


def fuzz(base_url: str, roles: Iterable[tuple[str, str | None, str | None]], *,
         examples: int, seed: int = 0, report: FuzzReport | None = None,
         known: Mapping[str, Sequence[Any]] | None = None) -> FuzzReport:
    """Every operation, `examples` generated requests each, for each (role, session token,
    CSRF token); a token of None is an anonymous caller. Requests are valid by the document
    and invalid (negative) alike; `known` gives real values for path parameters (handles,
    ids), put in most valid requests so they reach rows and not only 404s."""
    out = report or FuzzReport()
    started = time.monotonic()
    schema = schemathesis.openapi.from_url(f"{base_url}/api/openapi.json")
    operations = [op.ok() for op in schema.get_all_operations()]
    for role, token, csrf in roles:
        http = requests.Session()
        headers = {"X-CSRF-Token": csrf or "none"}
        if token:
            headers["Cookie"] = f"staffpath_session={token}"
        for operation in operations:
            if operation.label not in SKIPPED:
                _fuzz_operation(operation, base_url, http, headers, role, examples, seed, out,
                                known or {})
    out.seconds += time.monotonic() - started
    return out


def _with_known(case: schemathesis.Case, pick: int, known: Mapping[str, Sequence[Any]]
                ) -> schemathesis.Case:
    params = case.path_parameters or {}
    for name in list(params):
        values = known.get(name, ())
        if values and pick % 4 != 0:  # three requests in four name a real row
            params[name] = values[pick % len(values)]
    return case


def _fuzz_operation(operation: Any, base_url: str, http: requests.Session,
                    headers: dict[str, str], role: str, examples: int, seed: int,
                    out: FuzzReport, known: Mapping[str, Sequence[Any]]) -> None:
    label = operation.label
    valid = st.builds(_with_known, operation.as_strategy(), st.integers(0, 10**6),
                      st.just(known))
    cases = st.one_of(valid, operation.as_strategy(GenerationMode.NEGATIVE))

    @hypothesis.seed(seed)
    @given(case=cases)
    @settings(max_examples=examples, deadline=None,
              database=None, suppress_health_check=list(HealthCheck),
              report_multiple_bugs=False)
    def run(case: schemathesis.Case) -> None:
        response = case.call(base_url=base_url, session=http, headers=headers,
                             timeout=30)
        out.cases += 1
        out.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:  # a check failed: recorded
            out.failures[label].append(
                f"as {role}: {case.method} {case.formatted_path} -> "
                f"{response.status_code}: {str(exc).strip().splitlines()[0][:200]}")

    try:
        run()
    except (Exception, BaseExceptionGroup) as exc:  # the generator itself failed
        out.failures[label].append(f"as {role}: {type(exc).__name__}: "
                                   f"{str(exc)[:200]}")
