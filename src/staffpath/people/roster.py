"""Reading a roster CSV into validated rows, reporting every bad row by line."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from staffpath.errors import InputError

ROLES = ("engineer", "manager", "director", "admin")

# Header spellings people use, mapped to the column they mean.
COLUMN_ALIASES: dict[str, str] = {
    "name": "name",
    "full_name": "name",
    "email": "emails",
    "emails": "emails",
    "e_mail": "emails",
    "team": "team",
    "manager": "manager",
    "manager_email": "manager",
    "level": "level",
    "target_level": "target_level",
    "target": "target_level",
    "role": "role",
    "org_unit": "org_unit",
    "org": "org_unit",
}

EMAIL_RE = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")


@dataclass(frozen=True)
class RosterRow:
    line: int
    name: str
    emails: tuple[str, ...]
    team: str | None
    manager: str | None
    level: str | None
    target_level: str | None
    role: str
    org_unit: str | None


@dataclass
class Roster:
    rows: list[RosterRow] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _norm_header(h: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", h.strip().lower()).strip("_")


def read_roster_text(path: Path) -> str:
    """The roster file's text; binary or non-UTF-8 files are refused with the line at fault."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a CSV file", path=path) from None
    if b"\x00" in raw:
        raise InputError("is a binary file, not a CSV roster", path=path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("is not UTF-8 text", path=path, line=line) from None


def parse_roster(
    text: str, *, source: str, level_ids: Sequence[str]
) -> Roster:
    """Parse and validate a roster; problems are collected, not raised, so all are reported."""
    roster = Roster()
    if not text.strip():
        roster.problems.append(InputError("roster is empty", path=source, line=1))
        return roster
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except csv.Error as exc:
        roster.problems.append(InputError(f"malformed CSV: {exc}", path=source, line=1))
        return roster
    columns: list[str | None] = []
    for raw in header:
        key = COLUMN_ALIASES.get(_norm_header(raw))
        if key is None and raw.strip():
            roster.warnings.append(f"{source}:1: ignoring unknown column {raw.strip()!r}")
        columns.append(key)
    if "name" not in columns or "emails" not in columns:
        missing = [c for c in ("name", "email") if c.replace("email", "emails") not in columns]
        roster.problems.append(
            InputError(f"header lacks required column(s): {', '.join(missing)}",
                       path=source, line=1)
        )
        return roster
    levels = list(level_ids)
    seen_emails: dict[str, int] = {}
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            row = _parse_row(record, columns, line, source, levels, roster.problems)
            if row is None:
                continue
            for email in row.emails:
                if email in seen_emails:
                    roster.problems.append(InputError(
                        f"e-mail {email} already used on line {seen_emails[email]}",
                        path=source, line=line))
                seen_emails.setdefault(email, line)
            roster.rows.append(row)
    except csv.Error as exc:
        roster.problems.append(
            InputError(f"malformed CSV: {exc}", path=source, line=reader.line_num)
        )
    _check_managers(roster, source)
    return roster


def _parse_row(
    record: list[str],
    columns: list[str | None],
    line: int,
    source: str,
    levels: list[str],
    problems: list[InputError],
) -> RosterRow | None:
    if len(record) > len(columns):
        problems.append(InputError(
            f"row has {len(record)} cells but the header has {len(columns)}",
            path=source, line=line))
        return None
    values: dict[str, str] = {}
    for key, cell in zip(columns, record, strict=False):
        if key is not None:
            values[key] = cell.strip()
    errors: list[str] = []
    name = values.get("name", "")
    if not name:
        errors.append("name is empty")
    emails = tuple(
        e.strip().lower() for e in re.split(r"[;,\s]+", values.get("emails", "")) if e.strip()
    )
    if not emails:
        errors.append("no e-mail address")
    for email in emails:
        if not EMAIL_RE.match(email):
            errors.append(f"{email!r} is not an e-mail address")
    level = values.get("level") or None
    target = values.get("target_level") or None
    for label, value in (("level", level), ("target level", target)):
        if value is not None and value not in levels:
            errors.append(f"unknown {label} {value!r} (levels: {', '.join(levels)})")
    if (level in levels and target in levels
            and levels.index(str(target)) < levels.index(str(level))):
        errors.append(f"target level {target!r} is below current level {level!r}")
    role = (values.get("role") or "engineer").lower()
    if role not in ROLES:
        errors.append(f"unknown role {role!r} (roles: {', '.join(ROLES)})")
    manager = values.get("manager") or None
    if manager is not None and manager.lower() in emails:
        errors.append("a person cannot be their own manager")
    if errors:
        problems.extend(InputError(e, path=source, line=line) for e in errors)
        return None
    return RosterRow(
        line=line,
        name=name,
        emails=emails,
        team=values.get("team") or None,
        manager=manager.lower() if manager and "@" in manager else manager,
        level=level,
        target_level=target,
        role=role,
        org_unit=values.get("org_unit") or None,
    )


def _check_managers(roster: Roster, source: str) -> None:
    """Managers named in the file form no cycle (people outside the file are checked later)."""
    by_email = {e: r for r in roster.rows for e in r.emails}
    for row in roster.rows:
        seen = {row.emails[0]}
        current = row
        while current.manager and current.manager in by_email:
            nxt = by_email[current.manager]
            if nxt.emails[0] in seen:
                roster.problems.append(InputError(
                    f"management chain of {row.name} loops back on itself",
                    path=source, line=row.line))
                break
            seen.add(nxt.emails[0])
            current = nxt
