"""A throwaway PostgreSQL server for the tests: one per test process, in a temporary folder."""

from __future__ import annotations

import contextlib
import gc
import glob
import itertools
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from staffpath.store.engine import Store

# Durability is worthless for a server that lives as long as a test run, and costs most of
# its time; no TCP listener but loopback, and the socket stays in our own folder.
SERVER_OPTIONS = (
    "-c fsync=off -c full_page_writes=off -c synchronous_commit=off "
    "-c listen_addresses=127.0.0.1 -c shared_buffers=32MB"
)
START_ATTEMPTS = 3
SUPERUSER = "postgres"


class NoPostgres(Exception):
    """No PostgreSQL server binaries on this machine."""


def find_bindir() -> Path:
    """The folder holding initdb, pg_ctl and postgres (override: $STAFFPATH_PG_BINDIR)."""
    candidates: list[str] = []
    if os.environ.get("STAFFPATH_PG_BINDIR"):
        candidates.append(os.environ["STAFFPATH_PG_BINDIR"])
    pg_config = shutil.which("pg_config")
    if pg_config:
        # On Debian pg_config comes with libpq-dev and may name a version whose server is not
        # installed, so it is only one candidate among the installed ones.
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            candidates.append(subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=10,
            ).stdout.strip())
    # Debian and Ubuntu keep each major version apart; the newest installed wins.
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    candidates += sorted(glob.glob("/usr/pgsql-*/bin"), key=_version_key, reverse=True)  # RPMs
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(str(Path(initdb).parent))
    for folder in candidates:
        path = Path(folder)
        if all((path / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return path
    raise NoPostgres(
        "no PostgreSQL server binaries (initdb, pg_ctl, postgres) found via pg_config, "
        "/usr/lib/postgresql/*/bin or PATH; install the 'postgresql' package "
        "(apt-get install postgresql) or set STAFFPATH_PG_BINDIR"
    )


def _version_key(path: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path)) or (0,)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class _Account:
    """Whom the server runs as: ourselves, or an unprivileged account when we are root."""

    uid: int
    gid: int
    name: str

    @classmethod
    def for_server(cls) -> _Account:
        uid = os.geteuid()
        if uid != 0:
            return cls(uid, os.getegid(), pwd.getpwuid(uid).pw_name)
        # PostgreSQL refuses to run as root. The distribution's own `postgres` account is
        # made for this; `nobody` exists everywhere else.
        for name in ("postgres", "nobody"):
            with contextlib.suppress(KeyError):
                entry = pwd.getpwnam(name)
                return cls(entry.pw_uid, entry.pw_gid, name)
        raise NoPostgres("running as root and there is neither a 'postgres' nor a 'nobody' "
                         "account to run the PostgreSQL server as")

    @property
    def is_us(self) -> bool:
        return self.uid == os.geteuid()

    def _as_account(self) -> dict[str, Any]:
        """subprocess arguments that run a child as this account, with a clean environment."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(LC_ALL="C", LANG="C", TZ="UTC")
        if self.is_us:
            return {"env": env}
        # Switching in the child with setuid/setgid needs no runuser or sudo binary.
        env["HOME"] = "/"
        return {"env": env, "user": self.uid, "group": self.gid, "extra_groups": [], "cwd": "/"}

    def run(self, args: Sequence[str], *, timeout: float) -> subprocess.CompletedProcess[str]:
        """Run a server tool as this account, its output captured."""
        return subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                              check=False, **self._as_account())

    def spawn(self, args: Sequence[str]) -> subprocess.Popen[bytes]:
        """Start a detached helper as this account."""
        return subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True,
                                **self._as_account())


@dataclass
class PgServer:
    """A running server and the databases the tests made on it."""

    bindir: Path
    root: Path
    port: int
    account: _Account
    _counter: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _watchdog: subprocess.Popen[bytes] | None = None
    _migrated: str | None = None

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def logfile(self) -> Path:
        return self.root / "server.log"

    def url(self, dbname: str = "postgres") -> str:
        """The URL a user would pass as `--db`."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def admin(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER,
                               dbname="postgres", autocommit=True, connect_timeout=10)

    def create_database(self, prefix: str = "test", *, template: str = "template0") -> str:
        """A new database copied from a template (by default empty); its name is unique."""
        name = f"{prefix}_{next(self._counter)}"
        with self.admin() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {} ENCODING 'UTF8'")
                         .format(sql.Identifier(name), sql.Identifier(template)))
        return name

    def migrated_template(self) -> str:
        """A database the migrations have built, made once, to copy for each test."""
        # Copying it takes a fraction of the time running the migrations again would.
        if self._migrated is None:
            name = self.create_database("staffpath_template")
            Store(self.url(name)).close()  # close: a template must have no connections
            self._migrated = name
        return self._migrated

    def drop_database(self, name: str) -> None:
        """Drop a database even if a test left connections open to it."""
        with self.admin() as conn:
            still_open = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s",
                                      (name,)).fetchone()
            if still_open and still_open[0]:
                # Sessions a test left open hold connections until collected. Collected now,
                # they go back to their pool cleanly; after the drop, their reset fails noisily.
                # (Only then: a full collection takes a good fraction of a second.)
                gc.collect()
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                         .format(sql.Identifier(name)))

    def watch(self) -> None:
        """Stop the server and remove its folder if this process dies without doing so."""
        # A killed pytest (or xdist worker) runs no teardown, and the server is a daemon of
        # its own: without this it would keep running. /proc works for any account, where
        # `kill -0` on another account's process does not.
        pg_ctl, data, root = (shlex.quote(str(p)) for p in
                              (self.bindir / "pg_ctl", self.datadir, self.root))
        script = (f"while [ -d /proc/{os.getpid()} ]; do sleep 1; done; "
                  f"{pg_ctl} stop -D {data} -m immediate -w >/dev/null 2>&1; rm -rf {root}")
        self._watchdog = self.account.spawn(["sh", "-c", script])

    def stop(self) -> None:
        if self._watchdog is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._watchdog.pid, signal.SIGKILL)
            self._watchdog.wait()
        self.account.run([str(self.bindir / "pg_ctl"), "stop", "-D", str(self.datadir),
                          "-m", "immediate", "-w", "-t", "30"], timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.logfile.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"


def start_server() -> PgServer:
    """initdb a cluster in a fresh temporary folder and start it on a free loopback port."""
    bindir = find_bindir()
    account = _Account.for_server()
    # Under /tmp rather than pytest's tmp_path: pytest's folders are private to their owner
    # (mode 0700), and the server may run as another account that must reach its data.
    # /tmp also keeps the socket's path under the 107 bytes a Unix socket name may have.
    root = Path(tempfile.mkdtemp(prefix="staffpath-pg-", dir="/tmp" if Path("/tmp").is_dir()
                                 else None))
    if not account.is_us:
        os.chown(root, account.uid, account.gid)
    server = PgServer(bindir=bindir, root=root, port=0, account=account)
    try:
        initdb = account.run(
            [str(bindir / "initdb"), "-D", str(server.datadir), "-A", "trust", "-U", SUPERUSER,
             "-E", "UTF8", "--locale=C", "--no-sync"],
            timeout=120,
        )
        if initdb.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{initdb.stdout}\n{initdb.stderr}")
        for _attempt in range(START_ATTEMPTS):
            # Another process may take the port between our probe and the server's bind.
            server.port = free_port()
            started = account.run(
                [str(bindir / "pg_ctl"), "start", "-D", str(server.datadir), "-w", "-t", "60",
                 "-l", str(server.logfile),
                 "-o", f"{SERVER_OPTIONS} -p {server.port} -k {shlex.quote(str(root))}"],
                timeout=90,
            )
            if started.returncode == 0 and _accepts_connections(server):
                server.watch()
                return server
        raise RuntimeError(f"PostgreSQL did not start:\n{started.stdout}\n{started.stderr}\n"
                           f"{server.log_tail()}")
    except BaseException:
        server.stop()
        raise


def _accepts_connections(server: PgServer, wait: float = 10.0) -> bool:
    deadline = time.monotonic() + wait
    while True:
        try:
            server.admin().close()
            return True
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
