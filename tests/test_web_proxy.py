"""`serve` trusts X-Forwarded-For only from the proxies `--forwarded-allow-ips` names (by
default none): a client rotating the header is still one address to the sign-in limit."""

from __future__ import annotations

import httpx
import pytest

from served import served
from web_helpers import SQLITE_ONLY, World

WORLD_BACKENDS = SQLITE_ONLY
LIMIT = 3


def lower_the_address_limit(world: World) -> None:
    client = world.client("admin")
    settings = client.get("/api/admin/settings").json()
    settings["ip_max_failures"] = LIMIT
    done = client.put("/api/admin/settings", json=settings,
                      headers={"X-CSRF-Token": world.csrf("admin")})
    assert done.status_code == 200, done.text


def rotating_failures(base: str) -> list[int]:
    """Bad passwords for different logins, each claiming another client address."""
    statuses = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for n in range(LIMIT + 2):
            response = client.post("/api/session", json={
                "login": f"nobody{n}@corp.example", "password": "wrong"},
                headers={"X-Forwarded-For": f"203.0.113.{n + 1}"})
            statuses.append(response.status_code)
    return statuses


@pytest.mark.parametrize(("extra", "limited"), [((), True),
                                                 (("--forwarded-allow-ips", "127.0.0.1"), False)])
def test_forwarded_for_counts_only_from_a_trusted_proxy(world: World, extra: tuple[str, ...],
                                                        limited: bool) -> None:
    lower_the_address_limit(world)
    with served(world.url, world.workspace, workers=1, extra=extra) as base:
        statuses = rotating_failures(base)
    assert statuses[:LIMIT] == [401] * LIMIT
    assert statuses[LIMIT:] == ([429, 429] if limited else [401, 401])
