"""Running the application with uvicorn, and deciding whether cookies must be Secure."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

from fastapi import FastAPI

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def cookies_must_be_secure(host: str, override: bool | None = None) -> bool:
    """Secure cookies unless serving plain http on a loopback address.

    A browser drops Secure cookies sent over plain http, so on 127.0.0.1 / localhost they
    would make signing in impossible; anywhere else staffpath is expected behind HTTPS (a
    reverse proxy), where Secure keeps the session off any plain-http request.
    """
    if override is not None:
        return override
    return not is_loopback(host)


# How `serve --workers N` tells each worker process what to serve.
ENV_DB = "STAFFPATH_SERVE_DB"
ENV_WORKSPACE = "STAFFPATH_SERVE_WORKSPACE"
ENV_SECURE = "STAFFPATH_SERVE_SECURE_COOKIES"


def app_from_environment() -> FastAPI:
    """The application for one worker process of `serve --workers N`."""
    from staffpath.web.app import create_app

    return create_app(os.environ[ENV_DB], workspace=Path(os.environ[ENV_WORKSPACE]),
                      secure_cookies=os.environ.get(ENV_SECURE) == "1", warm_in_background=True)


def serve(store_url: str, workspace: Path, *, host: str = "127.0.0.1", port: int = 8000,
          secure_cookies: bool | None = None, workers: int = 1,
          access_log: bool = True, forwarded_allow_ips: str | None = None) -> None:
    """Serve until interrupted, in one process or in `workers` processes sharing the port
    (each with its own caches; the database is what they share).

    `forwarded_allow_ips` names the reverse proxies (addresses or networks, comma-separated)
    whose X-Forwarded-For header gives the client address the sign-in limits count; by
    default nobody's is trusted, so no client can rotate the header to walk around them."""
    import uvicorn

    secure = cookies_must_be_secure(host, secure_cookies)
    trusted = (forwarded_allow_ips or "").strip()
    options: dict[str, object] = {
        "host": host, "port": port, "log_level": "info", "access_log": access_log,
        "proxy_headers": bool(trusted), "server_header": False}
    if trusted:
        options["forwarded_allow_ips"] = trusted
    if workers > 1:
        os.environ.update({ENV_DB: store_url, ENV_WORKSPACE: str(workspace),
                           ENV_SECURE: "1" if secure else "0"})
        uvicorn.run("staffpath.web.serve:app_from_environment", factory=True, workers=workers,
                    **options)  # type: ignore[arg-type]
        return
    from staffpath.web.app import create_app

    uvicorn.run(create_app(store_url, workspace=workspace, secure_cookies=secure,
                           warm_in_background=True), **options)  # type: ignore[arg-type]
