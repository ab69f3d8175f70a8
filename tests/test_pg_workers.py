"""PostgreSQL behind `staffpath serve --workers 2`, as deployed: 20 clients writing one entry
at once lose no update and see no server error; an access change made through one worker is
honoured by the next request, whichever worker answers it; a worker restarted while clients
write loses no acknowledged write."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from collections import Counter

import httpx
import pytest
from sqlalchemy import text

from served import served
from web_helpers import World, engine_for

pytestmark = pytest.mark.postgresql
WORLD_BACKENDS = [pytest.param("postgresql", marks=pytest.mark.postgresql)]
WRITERS = 20
ROUNDS = 5


def client(base: str, world: World, role: str) -> httpx.Client:
    return httpx.Client(base_url=base, timeout=30, headers={"X-CSRF-Token": world.csrf(role)},
                        cookies={"staffpath_session": world.sessions[role].token})


def test_twenty_writers_lose_no_update(world: World) -> None:
    statuses: Counter[int] = Counter()
    applied: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(WRITERS)
    path = f"/api/people/ada/entries/{world.ids.ada_entry}"

    def writer(n: int, base: str) -> None:
        with client(base, world, "self") as http:
            start.wait()
            for r in range(ROUNDS):
                while True:
                    current = http.get(path)
                    title = f"writer {n} round {r}"
                    answer = http.patch(path, json={"title": title},
                                        headers={"If-Match": current.headers["etag"]})
                    with lock:
                        statuses[answer.status_code] += 1
                        if answer.status_code == 200:
                            applied.append(title)
                    if answer.status_code != 409:
                        break

    with served(world.url, world.workspace, workers=2) as base:
        threads = [threading.Thread(target=writer, args=(n, base)) for n in range(WRITERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with client(base, world, "self") as http:
            final = http.get(path).json()
    assert not [s for s in statuses if s >= 500], statuses
    assert set(statuses) <= {200, 409}
    assert len(applied) == WRITERS * ROUNDS
    # Every acknowledged update is a version of its own: none overwrote another unseen.
    assert final["version"] == world.ids.ada_entry_version + WRITERS * ROUNDS
    with engine_for(world.url).connect() as conn:
        revisions = conn.scalar(text("SELECT count(*) FROM evidence_revisions "
                                     "WHERE evidence_id = :i"), {"i": world.ids.ada_entry})
    assert (revisions or 0) >= WRITERS * ROUNDS


def test_an_access_change_on_one_worker_holds_on_the_other(world: World) -> None:
    """An admin takes Ada's admin-granted role away and deactivates Bo through one connection;
    fresh connections (spread over both workers) all see it at once."""
    with served(world.url, world.workspace, workers=2) as base:
        before = [httpx.get(f"{base}/api/people/bo/entries", cookies={
            "staffpath_session": world.sessions["peer"].token}).status_code for _ in range(10)]
        assert before == [200] * 10
        with client(base, world, "admin") as admin:
            done = admin.patch(f"/api/admin/users/{world.ids.bo_user}",
                               json={"active": False})
            assert done.status_code == 200
        after = [httpx.get(f"{base}/api/people/bo/entries", cookies={
            "staffpath_session": world.sessions["peer"].token}).status_code for _ in range(20)]
    assert after == [401] * 20


def test_a_worker_restarted_under_load_loses_no_acknowledged_write(world: World) -> None:
    acknowledged: list[int] = []
    errors: Counter[str] = Counter()
    stop = threading.Event()

    def writer(base: str, n: int) -> None:
        with client(base, world, "self") as http:
            k = 0
            while not stop.is_set():
                k += 1
                try:
                    answer = http.post("/api/people/ada/entries",
                                       json={"title": f"load {n}.{k}"})
                except httpx.HTTPError as exc:
                    errors[type(exc).__name__] += 1  # unacknowledged: may or may not exist
                    continue
                if answer.status_code == 201:
                    acknowledged.append(answer.json()["id"])
                else:
                    errors[str(answer.status_code)] += 1

    with served(world.url, world.workspace, workers=2) as base:
        threads = [threading.Thread(target=writer, args=(base, n)) for n in range(4)]
        for t in threads:
            t.start()
        threading.Event().wait(2)
        children = subprocess.run(["pgrep", "-P", str(_server_pid(base))], capture_output=True,
                                  text=True, check=False).stdout.split()
        assert children, "serve --workers 2 runs worker processes"
        os.kill(int(children[0]), signal.SIGTERM)  # the supervisor starts another
        threading.Event().wait(4)
        stop.set()
        for t in threads:
            t.join()
    assert len(acknowledged) > 10
    assert not [e for e in errors if e.startswith("5")], errors
    with engine_for(world.url).connect() as conn:
        stored = {r[0] for r in conn.execute(text("SELECT id FROM evidence"))}
    assert set(acknowledged) <= stored


def _server_pid(base: str) -> int:
    port = base.rsplit(":", 1)[1]
    found = subprocess.run(["pgrep", "-f", "--", f"--port {port} --workers"], capture_output=True,
                           text=True, check=False).stdout.split()
    return int(found[0])
