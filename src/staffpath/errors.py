"""Errors a user can act on: each renders as one line saying what is wrong and where."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class StaffpathError(Exception):
    """An error caused by input or state the user controls; the CLI prints it as one line."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        return f"{where}{self.message}"


class InputError(StaffpathError):
    """A file or value supplied by the user is malformed."""

    exit_code = 2


class NotFoundError(StaffpathError):
    """A person, team, evidence item or framework named by the user does not exist."""

    exit_code = 3


class StoreError(StaffpathError):
    """The database cannot be opened or is not a staffpath database."""

    exit_code = 4


class UnavailableError(StoreError):
    """The database cannot be reached (stopped, restarting, the connection lost)."""


class ConflictError(StaffpathError):
    """A write was based on a stale version of a record."""

    exit_code = 5


class ProblemList(InputError):
    """Several problems found in one input; each is reported on its own line."""

    def __init__(self, problems: Sequence[StaffpathError]):
        self.problems = list(problems)
        first = problems[0] if problems else StaffpathError("no problems")
        super().__init__(
            f"{len(problems)} problem(s); first: {first}", path=None, line=None
        )

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]
