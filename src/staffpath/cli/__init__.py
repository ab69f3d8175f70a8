"""The `staffpath` command line: a thin layer over the service modules."""

from staffpath.cli.main import app, main

__all__ = ["app", "main"]
