"""Running the application with uvicorn, and deciding whether cookies must be Secure."""

from __future__ import annotations

import ipaddress
from pathlib import Path

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


def serve(store_url: str, workspace: Path, *, host: str = "127.0.0.1", port: int = 8000,
          secure_cookies: bool | None = None) -> None:
    """Serve until interrupted."""
    import uvicorn

    from staffpath.web.app import create_app

    app = create_app(store_url, workspace=workspace,
                     secure_cookies=cookies_must_be_secure(host, secure_cookies))
    # Behind a proxy on this machine, X-Forwarded-For gives the client address the sign-in
    # rate limit counts; from anywhere else the header is ignored.
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=True,
                forwarded_allow_ips="127.0.0.1", server_header=False)
