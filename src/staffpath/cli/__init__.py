"""The `staffpath` command line: a thin layer over the service modules.

Nothing is imported here: a command imports only what it needs (see `staffpath.cli.main`).
"""

from __future__ import annotations

from typing import Any

__all__ = ["app", "main"]


def main() -> None:
    """The `staffpath` console script."""
    from staffpath.cli.main import main as run

    run()


def __getattr__(name: str) -> Any:
    if name == "app":
        from staffpath.cli.main import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
