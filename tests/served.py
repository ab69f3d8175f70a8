"""`staffpath serve` as a user runs it: a real process (with its workers) on a free local port,
stopped when done."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(url: str, workspace: Path, *, workers: int = 2, extra: tuple[str, ...] = (),
           ready_within: float = 60.0) -> Iterator[str]:
    """The base URL of `staffpath serve --workers N` on the database `url`."""
    port = free_port()
    log = (workspace / f"serve-{port}.log").open("w", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "staffpath", "--workspace", str(workspace), "--db", url, "serve",
         "--port", str(port), "--workers", str(workers), "--insecure-cookies",
         "--no-access-log", *extra],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_within
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"serve exited: {(workspace / log.name).read_text()[-2000:]}")
            try:
                if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("serve did not answer in time")
            time.sleep(0.2)
        yield base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()
