"""Web latency under load: the assessment page and the team overview at 50 concurrent clients.

Builds a generated organisation of 5,000 engineers (500 teams of ten, each with a manager,
five evidence items per engineer) in a temporary SQLite workspace, serves it with
`staffpath serve` (one uvicorn worker) on loopback, signs in 50 clients, and drives each page
for a fixed time. Prints p50/p95/p99 latency, requests per second, and p95 against the
150 ms target from issue 5.

    python benchmarks/web.py [--engineers 5000] [--clients 50] [--seconds 15]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from staffpath.framework.loader import default_framework
from staffpath.framework.registry import store_framework
from staffpath.store.engine import Store
from staffpath.store.models import Evidence, Person, PersonEmail, Team
from staffpath.web.auth import create_user
from staffpath.workspace import DB_NAME

PASSWORD = "benchmark-password-1"
KINDS = ("shipped_project", "migration", "design_doc", "mentorship", "incident")


def build(root: Path, engineers: int, clients: int) -> tuple[list[str], list[str]]:
    """The organisation, and the logins of the engineer and manager clients."""
    store = Store(f"sqlite:///{root / DB_NAME}")
    today = dt.date(2026, 11, 1)
    teams = engineers // 10
    eng_logins: list[str] = []
    mgr_logins: list[str] = []
    with store.session() as s:
        store_framework(s, default_framework(), source="built-in")
        for t in range(teams):
            team = Team(name=f"Team {t:03d}", org_unit=f"Unit {t % 12}", owns=[])
            s.add(team)
            s.flush()
            manager = Person(name=f"Manager {t}", handle=f"mgr{t}", team_id=team.id,
                             role="manager", active=True)
            manager.emails = [PersonEmail(email=f"mgr{t}@bench.example")]
            s.add(manager)
            s.flush()
            for k in range(10):
                n = t * 10 + k
                p = Person(name=f"Engineer {n}", handle=f"eng{n}", team_id=team.id,
                           manager_id=manager.id, role="engineer", level="senior",
                           target_level="staff", active=True)
                p.emails = [PersonEmail(email=f"eng{n}@bench.example")]
                s.add(p)
                s.flush()
                for j in range(5):
                    day = today - dt.timedelta(days=40 * j + k)
                    s.add(Evidence(
                        person_id=p.id, date_start=day, title=f"Led piece of work {j} with "
                        f"Team {(t + 1) % teams:03d}", body="", kind=KINDS[j], teams=[],
                        stakeholders=[], people=[], dimensions=[], tags=[], attested_by=[],
                        source_type="typed", extra={"extracted": {"scope": "teams",
                                                                  "role": "led"}}))
        s.flush()
        for c in range(clients):
            eng = s.query(Person).filter_by(handle=f"eng{c * 97 % engineers}").one()
            mgr = s.query(Person).filter_by(handle=f"mgr{c * 7 % teams}").one()
            create_user(s, f"eng{c}@clients.example", PASSWORD, person=eng)
            create_user(s, f"mgr{c}@clients.example", PASSWORD, person=mgr)
            eng_logins.append(f"eng{c}@clients.example")
            mgr_logins.append(f"mgr{c}@clients.example")
    store.close()
    return eng_logins, mgr_logins


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def sign_in(base: str, login: str) -> tuple[httpx.AsyncClient, str]:
    client = httpx.AsyncClient(base_url=base, timeout=30)
    r = await client.post("/api/session", json={"login": login, "password": PASSWORD})
    r.raise_for_status()
    me = (await client.get("/api/me")).json()
    return client, str(me["person"])


async def drive(base: str, logins: list[str], path_for: str, seconds: float
                ) -> tuple[list[float], int]:
    sessions = await asyncio.gather(*(sign_in(base, login) for login in logins))
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds

    async def worker(client: httpx.AsyncClient, handle: str) -> None:
        nonlocal errors
        path = path_for.format(handle=handle)
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            r = await client.get(path)
            latencies.append(time.perf_counter() - t0)
            if r.status_code != 200:
                errors += 1

    await asyncio.gather(*(worker(c, h) for c, h in sessions))
    for c, _ in sessions:
        await c.aclose()
    return latencies, errors


def report(name: str, latencies: list[float], errors: int, seconds: float) -> float:
    q = statistics.quantiles(latencies, n=100)
    p50, p95, p99 = q[49] * 1000, q[94] * 1000, q[98] * 1000
    print(f"{name:<18} {len(latencies) / seconds:7.1f} req/s   p50 {p50:6.1f} ms   "
          f"p95 {p95:6.1f} ms   p99 {p99:6.1f} ms   errors {errors}   "
          f"p95/target {p95 / 150:4.2f}x")
    return p95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engineers", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="staffpath-web-bench-") as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        engineers, managers = build(root, args.engineers, args.clients)
        print(f"organisation: {args.engineers:,} engineers, {args.engineers // 10} teams "
              f"({time.perf_counter() - t0:.1f} s to build)")
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "staffpath", "--workspace", str(root), "serve", "--port",
             str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            env={**os.environ, "STAFFPATH_DB": f"sqlite:///{root / DB_NAME}"})
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            else:
                raise SystemExit("server did not start: " + (server.stderr.read() if
                                 server.stderr else b"").decode()[-2000:])
            print(f"{args.clients} concurrent clients, {args.seconds:.0f} s per page, "
                  "one uvicorn worker, SQLite")
            lat, err = asyncio.run(drive(base, engineers, "/people/{handle}/assessment",
                                         args.seconds))
            p95_a = report("assessment page", lat, err, args.seconds)
            lat, err = asyncio.run(drive(base, managers, "/team", args.seconds))
            p95_t = report("team overview", lat, err, args.seconds)
        finally:
            server.terminate()
            server.wait(timeout=20)
    met = p95_a < 150 and p95_t < 150
    print(f"target (p95 < 150 ms on both): {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
