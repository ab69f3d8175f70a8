"""PostgreSQL behind `staffpath serve --workers 2`, as deployed: 20 clients writing one entry
at once lose no update and see no server error; an access change made through one worker is
honoured by the next request, whichever worker answers it; a worker restarted while clients
write loses no acknowledged write."""

from __future__ import annotations

import http.client
import json
import os
import re
import shlex
import signal
import subprocess
import threading
import time
from collections import Counter
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from pg import SERVER_OPTIONS
from served import served
from test_web_access import _framework_yaml
from web_helpers import World, engine_for, user_id

pytestmark = pytest.mark.postgresql
WORLD_BACKENDS = [pytest.param("postgresql", marks=pytest.mark.postgresql)]
WRITERS = 20
ROUNDS = 3


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


# --- one request on a named worker --------------------------------------------------------


class Workers:
    """Requests sent on a connection a given worker process has accepted: the server side of
    each connection is looked up (`ss`) after a first request, and the connection is used
    only if the right worker holds it."""

    def __init__(self, base: str, world: World) -> None:
        self.host, port = base.removeprefix("http://").rsplit(":", 1)
        self.port = int(port)
        self.world = world
        self.pids: list[int] = []
        for _ in range(200):
            conn, pid = self._connect()
            conn.close()
            if pid not in self.pids:
                self.pids.append(pid)
            if len(self.pids) == 2:
                return
        raise AssertionError(f"connections reached one worker only: {self.pids}")

    def _connect(self) -> tuple[http.client.HTTPConnection, int]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        conn.request("GET", "/healthz")
        conn.getresponse().read()
        assert conn.sock is not None
        mine = conn.sock.getsockname()[1]
        listing = subprocess.run(
            ["ss", "-tnpH", "state", "established",
             f"( sport = :{self.port} and dport = :{mine} )"],
            capture_output=True, text=True, check=True).stdout
        found = re.search(r"pid=(\d+)", listing)
        assert found, listing
        return conn, int(found.group(1))

    def call(self, worker: int, role: str, method: str, path: str, body: Any = None,
             if_match: int | None = None) -> tuple[int, Any]:
        """(status, parsed JSON or text) of one request answered by worker 0 or 1."""
        for _ in range(200):
            conn, pid = self._connect()
            if pid != self.pids[worker]:
                conn.close()
                continue
            session = self.world.sessions[role]
            headers = {"Cookie": f"staffpath_session={session.token}",
                       "X-CSRF-Token": session.csrf, "Content-Type": "application/json"}
            if if_match is not None:
                headers["If-Match"] = f'"{if_match}"'
            conn.request(method, path, body=None if body is None else json.dumps(body),
                         headers=headers)
            answer = conn.getresponse()
            raw = answer.read().decode()
            conn.close()
            is_json = answer.getheader("content-type", "").startswith("application/json")
            return answer.status, json.loads(raw) if is_json else raw
        raise AssertionError(f"no connection reached worker {self.pids[worker]}")


def framework_version(workers: Workers, worker: int) -> str:
    status, body = workers.call(worker, "self", "GET", "/api/people/ada/assessment")
    assert status == 200, body
    return str(body["framework"]["version"])


def test_access_changes_on_one_worker_hold_on_the_next_request_of_the_other(
        world: World) -> None:
    """Each change is made through worker 0 after worker 1 has answered the same callers
    (so any cache it keeps is warm); worker 1's next answer follows the change."""
    cora = user_id(world.url, "cora@corp.example")
    with served(world.url, world.workspace, workers=2) as base:
        workers = Workers(base, world)
        # A reporting line changed: Bo moves from Mo to Olga.
        assert workers.call(1, "manager", "GET", "/api/people/bo/entries")[0] == 200
        assert workers.call(1, "other_manager", "GET", "/api/people/bo/entries")[0] == 404
        assert workers.call(0, "admin", "PATCH", f"/api/admin/people/{world.ids.bo}",
                            {"manager": "olga"})[0] == 200
        assert workers.call(1, "manager", "GET", "/api/people/bo/entries")[0] == 404
        assert workers.call(1, "other_manager", "GET", "/api/people/bo/entries")[0] == 200
        # A committee role removed: Cora's queue is gone on the other worker at once.
        assert workers.call(1, "committee", "GET", "/api/committee")[0] == 200
        assert workers.call(0, "admin", "PATCH", f"/api/admin/users/{cora}",
                            {"is_committee": False})[0] == 200
        assert workers.call(1, "committee", "GET", "/api/committee")[0] == 404
        # A framework activated: the other worker assesses on it from its next request.
        before = framework_version(workers, 1)
        status, row = workers.call(0, "admin", "POST", "/api/admin/frameworks",
                                   {"yaml": _framework_yaml(), "activate": False})
        assert status == 201, row
        assert framework_version(workers, 1) == before  # uploaded, not yet in force
        assert workers.call(0, "admin", "POST",
                            f"/api/admin/frameworks/{row['id']}/activate")[0] == 200
        assert (before, framework_version(workers, 1)) == (before, "2099.1")
        assert framework_version(workers, 0) == "2099.1"
        # An account deactivated: its session is refused by the other worker at once.
        assert workers.call(1, "peer", "GET", "/api/people/bo/entries")[0] == 200
        assert workers.call(0, "admin", "PATCH", f"/api/admin/users/{world.ids.bo_user}",
                            {"active": False})[0] == 200
        assert workers.call(1, "peer", "GET", "/api/people/bo/entries")[0] == 401


def test_no_read_on_either_worker_is_older_than_the_last_acknowledged_write(
        world: World) -> None:
    """Edits alternate between the workers; after each acknowledged edit the other worker
    reads that version, with its title, and the entry list shows the title too."""
    path = f"/api/people/ada/entries/{world.ids.ada_entry}"
    stale: list[str] = []
    with served(world.url, world.workspace, workers=2) as base:
        workers = Workers(base, world)
        version = world.ids.ada_entry_version
        for n in range(30):
            here, there = n % 2, 1 - n % 2
            status, body = workers.call(here, "self", "PATCH", path, {"title": f"edit {n}"},
                                        if_match=version)
            assert status == 200, body
            assert body["version"] == version + 1
            version = body["version"]
            status, seen = workers.call(there, "manager", "GET", path)
            assert status == 200, seen
            if (seen["version"], seen["title"]) != (version, f"edit {n}"):
                stale.append(f"edit {n}: worker {there} read {seen['version']}")
            status, listed = workers.call(there, "self", "GET", "/api/people/ada/entries")
            assert status == 200, listed
            titles = {e["id"]: e["title"] for e in listed}
            if titles.get(world.ids.ada_entry) != f"edit {n}":
                stale.append(f"edit {n}: worker {there} listed an older title")
    assert stale == []


def test_more_clients_than_the_connection_pool_see_no_server_error(world: World) -> None:
    """80 clients at once over the two workers (each with a pool of 30 connections) read and
    write: every request answers, none with a server error, every acknowledged write is
    stored."""
    clients = 80
    start = threading.Barrier(clients)
    statuses: Counter[int] = Counter()
    acknowledged: list[int] = []
    lock = threading.Lock()

    def one(n: int, base: str) -> None:
        with client(base, world, "self") as http:
            start.wait()
            for k in range(3):
                listed = http.get("/api/people/ada/entries")
                made = http.post("/api/people/ada/entries", json={"title": f"burst {n}.{k}"})
                with lock:
                    statuses[listed.status_code] += 1
                    statuses[made.status_code] += 1
                    if made.status_code == 201:
                        acknowledged.append(made.json()["id"])

    with served(world.url, world.workspace, workers=2) as base:
        started = time.monotonic()
        threads = [threading.Thread(target=one, args=(n, base)) for n in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
        assert time.monotonic() - started < 300, "the burst did not finish"
    assert statuses == Counter({200: clients * 3, 201: clients * 3}), statuses
    with engine_for(world.url).connect() as conn:
        stored = {r[0] for r in conn.execute(text("SELECT id FROM evidence"))}
    assert set(acknowledged) <= stored
    assert len(set(acknowledged)) == clients * 3


def test_a_database_restarted_under_load_answers_503_and_loses_no_acknowledged_write(
        world: World, request: pytest.FixtureRequest) -> None:
    """PostgreSQL stopped and started again while four clients write and one reads pages
    (down until a request meets it): a request that meets the database down answers 503
    with Retry-After, never 500; a write answered 503 "nothing was saved" is not there,
    every acknowledged one is; once the server is back every request succeeds again (the
    pool replaces its dead connections)."""
    server = request.getfixturevalue("pg_server")
    acknowledged: list[int] = []
    answers: list[tuple[float, int, str]] = []  # (when, status, title or path)
    problems: list[str] = []
    not_saved: list[str] = []
    stop = threading.Event()

    def writer(base: str, n: int) -> None:
        with client(base, world, "self") as http:
            k = 0
            while not stop.is_set():
                k += 1
                title = f"restart {n}.{k}"
                answer = http.post("/api/people/ada/entries", json={"title": title})
                answers.append((time.monotonic(), answer.status_code, title))
                if answer.status_code == 201:
                    acknowledged.append(answer.json()["id"])
                elif answer.status_code == 503:
                    if "Retry-After" not in answer.headers:
                        problems.append(f"{title}: 503 without Retry-After")
                    if "nothing was saved" in answer.json()["detail"]:
                        not_saved.append(title)

    def reader(base: str) -> None:
        with client(base, world, "manager") as http:
            while not stop.is_set():
                for path in ("/people/ada/journal", "/api/people/ada/entries"):
                    answer = http.get(path)
                    answers.append((time.monotonic(), answer.status_code, path))

    with served(world.url, world.workspace, workers=2) as base:
        threads = [threading.Thread(target=writer, args=(base, n)) for n in range(4)]
        threads.append(threading.Thread(target=reader, args=(base,)))
        for t in threads:
            t.start()
        try:
            time.sleep(2)
            # Down until a write has met it (a restart alone can be over between two
            # requests), then up again with the options the server was started with.
            stopped = server.account.run(
                [str(server.bindir / "pg_ctl"), "stop", "-D", str(server.datadir),
                 "-m", "fast", "-w", "-t", "60"], timeout=90)
            assert stopped.returncode == 0, stopped.stderr
            down = time.monotonic()
            while time.monotonic() < down + 30 and not (not_saved and any(
                    status == 503 and when > down for when, status, _what in list(answers))):
                time.sleep(0.05)
            started = server.account.run(
                [str(server.bindir / "pg_ctl"), "start", "-D", str(server.datadir), "-w",
                 "-t", "60", "-l", str(server.logfile), "-o",
                 f"{SERVER_OPTIONS} -p {server.port} -k {shlex.quote(str(server.root))}"],
                timeout=90)
            assert started.returncode == 0, started.stderr
            back = time.monotonic()
            time.sleep(4)
        finally:
            stop.set()
            for t in threads:
                t.join()
    statuses = Counter(status for _when, status, _what in answers)
    assert set(statuses) <= {200, 201, 503}, statuses
    assert statuses[503] > 0, "the restart was not met by any request"
    settled = Counter(status for when, status, _what in answers if when > back + 1)
    assert set(settled) == {200, 201}, settled
    assert problems == []
    with engine_for(world.url).connect() as conn:
        stored = {r[0] for r in conn.execute(text("SELECT id FROM evidence"))}
        titles = {r[0] for r in conn.execute(text("SELECT title FROM evidence"))}
    assert set(acknowledged) <= stored
    assert not_saved
    assert set(not_saved) & titles == set()
