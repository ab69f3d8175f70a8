"""Record what users see of staffpath on the demo: every CLI `--json` answer and API response.

    python scripts/surface_snapshot.py OUT_DIR [--src PATH]

builds the demo in a fresh workspace, runs a fixed list of read-only commands with `--json`,
serves the web application and reads a fixed list of API routes as each demo role, and writes
each answer to its own file under OUT_DIR. Values that change from run to run (timestamps,
tokens) are masked. `--src` runs another checkout's code (its `src/` folder), so a restructuring
can be checked to change nothing a user sees:

    python scripts/surface_snapshot.py /tmp/before --src ../before/src
    python scripts/surface_snapshot.py /tmp/after
    diff -r /tmp/before /tmp/after
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

PASSWORD = "staffpath-demo"
ROLES = {
    "engineer": "priya.nair@harborpine.example",
    "manager": "rachel.goldberg@harborpine.example",
    "committee": "helen.achterberg@harborpine.example",
    "admin": "admin@harborpine.example",
}
PEOPLE = ("priya.nair", "jake.morrison", "aisha.bello", "sofia.brandt")
CLI: list[tuple[str, ...]] = [
    ("people", "list"),
    ("framework", "show"),
    ("framework", "show", "--level", "staff"),
    ("identities", "list"),
    ("users", "list"),
    ("org", "levels"),
    ("org", "mentorship"),
    ("org", "risk"),
    ("org", "crossteam"),
    ("org", "levels", "--anonymous"),
    ("org", "risk", "--anonymous"),
    ("cycle", "show", "1"),
    ("cycle", "show", "2"),
    *[("assess", p) for p in PEOPLE],
    *[("assess", p, "--as-of", "2026-01-31") for p in PEOPLE[:2]],
    *[("people", "show", p) for p in PEOPLE],
    *[("evidence", "list", "--person", p) for p in PEOPLE[:2]],
    *[("org", "away", p) for p in PEOPLE[:2]],
    *[("authorship", p) for p in PEOPLE[:2]],
    *[("cycle", "outcomes", p) for p in PEOPLE],
    *[("org", "quality", repo) for repo in ("shop", "platform", "data")],
    *[("packet", p) for p in PEOPLE],
]
# Commands with no --json: their plain output is compared.
PLAIN: list[tuple[str, ...]] = [
    ("person", "export", "aisha.bello"),
    *[("packet", p, "--format", "md", "-o", "-") for p in PEOPLE[:2]],
]
API: dict[str, list[str]] = {
    "engineer": ["/api/me", "/api/people/priya.nair", "/api/people/priya.nair/entries",
                 "/api/people/priya.nair/assessment", "/api/people/priya.nair/notes",
                 "/api/people/priya.nair/packet", "/api/people/priya.nair/export",
                 "/api/people/priya.nair/journal/export", "/api/account/outcomes",
                 "/api/people/jake.morrison", "/api/team", "/api/org", "/api/committee"],
    "manager": ["/api/me", "/api/people", "/api/team", "/api/org",
                "/api/people/priya.nair/assessment", "/api/people/priya.nair/packet",
                "/api/people/priya.nair/entries"],
    "committee": ["/api/me", "/api/committee", "/api/committee/cycles",
                  "/api/committee/cycles/1", "/api/committee/cycles/2",
                  "/api/people/priya.nair/assessment", "/api/people/jake.morrison/packet"],
    "admin": ["/api/me", "/api/admin/people", "/api/admin/users", "/api/admin/teams",
              "/api/admin/frameworks", "/api/admin/settings", "/api/admin/cycles/1",
              "/api/admin/cycles/2", "/api/openapi.json", "/api/people/priya.nair"],
}
VOLATILE = [
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)?"), "<timestamp>"),
    (re.compile(r'("(?:csrf|csrf_token|token|password)"\s*:\s*)"[^"]*"'), r'\1"<secret>"'),
    (re.compile(r"/tmp/[^\s\"']+"), "<tmp>"),
    (re.compile(r'("request_id"\s*:\s*)"[^"]*"'), r'\1"<request>"'),
]


def _mask(text: str) -> str:
    for pattern, repl in VOLATILE:
        text = pattern.sub(repl, text)
    return text


def _name(parts: tuple[str, ...] | str) -> str:
    raw = "_".join(parts) if isinstance(parts, tuple) else parts
    return re.sub(r"[^A-Za-z0-9.]+", "_", raw).strip("_")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--src", type=Path, help="a checkout's src/ folder to run instead")
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("STAFFPATH_")}
    env["COLUMNS"] = "200"
    if args.src:
        env["PYTHONPATH"] = str(args.src.resolve())
    out: Path = args.out
    (out / "cli").mkdir(parents=True, exist_ok=True)
    (out / "api").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        base = [sys.executable, "-m", "staffpath", "--workspace", str(ws)]
        subprocess.run([*base, "demo", "--no-serve"], env=env, check=True,
                       capture_output=True, cwd=tmp)
        for cmd in [*CLI, *PLAIN]:
            flags = ["--json"] if cmd in CLI else []
            proc = subprocess.run([*base, *cmd, *flags], env=env, capture_output=True,
                                  text=True, cwd=tmp)
            (out / "cli" / f"{_name(cmd)}.json").write_text(
                _mask(f"exit {proc.returncode}\n{proc.stdout}{proc.stderr}"), encoding="utf-8")
        port = _free_port()
        server = subprocess.Popen([*base, "serve", "--port", str(port), "--no-access-log"],
                                  env=env, cwd=tmp, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            for _ in range(300):
                try:
                    httpx.get(url + "/signin", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            for role, login in ROLES.items():
                with httpx.Client(base_url=url, timeout=30) as client:
                    r = client.post("/api/session", json={"login": login, "password": PASSWORD})
                    r.raise_for_status()
                    for path in API[role]:
                        resp = client.get(path)
                        body = resp.text
                        if resp.headers.get("content-type", "").startswith("application/json"):
                            body = json.dumps(resp.json(), indent=1, sort_keys=True)
                        (out / "api" / f"{role}{_name(path)}.txt").write_text(
                            _mask(f"{resp.status_code}\n{body}\n"), encoding="utf-8")
        finally:
            server.terminate()
            server.wait(timeout=30)
    answers = len(CLI) + len(PLAIN)
    print(f"wrote {answers} CLI answers and {sum(map(len, API.values()))} API responses to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
